/*
 * ioapic.h: the I/O APIC (82093AA) of the PC.
 *
 * A system-bus device ("ioapic", 4 KiB of MMIO at 0xfec00000) with 24
 * input pins.  The board wires GSI n to input n (ISA IRQ 0, the PIT, lands
 * on pin 2 as the MADT's interrupt source override says: input 0 is routed
 * to pin 2 inside the device, as on the reference).  Each pin's
 * redirection entry turns an edge or an asserted level into a message to
 * the local APICs (apic_deliver_irq()); level-triggered pins wait for the
 * EOI broadcast of the local APIC (or the EOI register of version 0x20).
 *
 * "ioapic" is the userspace model; the KVM in-kernel "kvm-ioapic" derives
 * from the same "ioapic-common" base (include/hw/intc/ioapic_internal.h).
 */
#ifndef HW_INTC_IOAPIC_H
#define HW_INTC_IOAPIC_H

#include "hw/sysbus.h"
#include "hw/irq.h"
#include "exec/memory.h"

#define TYPE_IOAPIC_COMMON "ioapic-common"
#define TYPE_IOAPIC "ioapic"
#define IOAPIC_NUM_PINS 24
#define IO_APIC_DEFAULT_ADDRESS 0xfec00000
#define IOAPIC_MMIO_SIZE 0x1000

typedef struct Monitor Monitor;

/* Map the (realized) IOAPIC's registers at addr in system memory. */
void ioapic_mmio_map(DeviceState *dev, hwaddr addr);
/* Input line pin (0..IOAPIC_NUM_PINS-1) of the IOAPIC, or NULL. */
qemu_irq ioapic_get_irq(DeviceState *dev, int pin);
/*
 * A local APIC accepted an EOI for a level-triggered vector: every IOAPIC
 * clears the remote IRR of the pins with that vector and re-delivers those
 * whose line is still asserted.
 */
void ioapic_eoi_broadcast(int vector);
/*
 * Told of a redirection entry's message (the MSI-format address and data
 * it sends) whenever the guest writes the entry.  An accelerator with its
 * own local APICs (KVM's split irqchip) keeps its per-pin routes in step
 * with it, so it knows which vectors are level-triggered and reports
 * their EOIs back (ioapic_eoi_broadcast()).  NULL: nobody is told.
 */
typedef void IOAPICRouteNotifier(int pin, uint64_t msi_addr,
                                 uint32_t msi_data);
void ioapic_set_route_notifier(IOAPICRouteNotifier *fn);
/* info pic: the redirection table and IRR of each IOAPIC. */
void ioapic_print_info(Monitor *mon);
/* info irq: "IRQ statistics for TYPE:" and the count of each input. */
void ioapic_print_irq_stats(Monitor *mon);

#endif
