/*
 * i8254.h: the 8254 programmable interval timer of the PC.
 *
 * Three 16-bit counters clocked at 1.193182 MHz (from the virtual clock):
 * counter 0 drives ISA IRQ 0 (the system tick), counter 1 is the old DRAM
 * refresh, counter 2 feeds the PC speaker and its gate and output are seen
 * through port 0x61 ("isa-pcspk", include/hw/timer/pcspk.h).
 *
 * "isa-pit" is the userspace model (ports 0x40-0x43); the KVM in-kernel
 * "kvm-pit" derives from the same "pit-common" base
 * (include/hw/timer/i8254_internal.h) so the speaker works with either.
 */
#ifndef HW_TIMER_I8254_H
#define HW_TIMER_I8254_H

#include "hw/isa/isa.h"

#define TYPE_PIT_COMMON "pit-common"
#define TYPE_I8254 "isa-pit"
#define PIT_FREQ 1193182

typedef struct PITChannelInfo {
    int gate;
    int mode;
    int initial_count;
    int out;
} PITChannelInfo;

/*
 * Create and realize "isa-pit" at port base.  Counter 0's output goes to
 * ISA IRQ isa_irq, or to alt_irq when isa_irq < 0 (the HPET's legacy
 * input on the PC).
 */
ISADevice *i8254_pit_init(ISABus *bus, int base, int isa_irq,
                          qemu_irq alt_irq);
/*
 * The PIT's enable input: level 0 stops counter 0 from driving its
 * interrupt (the HPET's legacy replacement mode), 1 gives it back.
 */
qemu_irq pit_get_control_input(ISADevice *pit);
/* Gate input of a counter (counter 2: port 0x61 bit 0). */
void pit_set_gate(ISADevice *pit, int channel, int val);
/* Mode, count, gate and output level of a counter, now. */
void pit_get_channel_info(ISADevice *pit, int channel, PITChannelInfo *info);

#endif
