/*
 * pcspk.h: the PC speaker port ("isa-pcspk", port 0x61, NMI status and
 * control register of the PIIX/ISA PC).
 *
 * Bit 0 drives the gate of PIT counter 2, bit 1 enables the speaker data
 * output; reads return the gate, the speaker enable, a refresh toggle
 * (bit 4) and counter 2's OUT (bit 5).  No sound is produced (no audio
 * backend yet); the register behaves as on the reference, which firmware
 * and Linux use for delays and TSC calibration.
 */
#ifndef HW_TIMER_PCSPK_H
#define HW_TIMER_PCSPK_H

#include "hw/isa/isa.h"

#define TYPE_PC_SPEAKER "isa-pcspk"

/* Create and realize the speaker on bus, linked to the PIT pit. */
ISADevice *pcspk_init(ISABus *bus, ISADevice *pit);

#endif
