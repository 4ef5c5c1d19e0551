/*
 * hpet.h: the High Precision Event Timer block ("hpet", 1 KiB of MMIO at
 * 0xfed00000) of the PC.
 *
 * A 64-bit main counter at 100 MHz and 3 (up to 32) comparators.  Each
 * comparator interrupts through one of 32 routes, which the board wires to
 * GSI n; in legacy replacement mode comparator 0 takes IRQ 0 (IOAPIC pin
 * 2) and comparator 1 IRQ 8, and the HPET silences the PIT (through the
 * PIT's enable input) and the RTC (whose interrupt the board routes
 * through the HPET's second legacy input).
 */
#ifndef HW_TIMER_HPET_H
#define HW_TIMER_HPET_H

#include "hw/sysbus.h"
#include "hw/irq.h"
#include "exec/memory.h"

#define TYPE_HPET "hpet"
#define HPET_BASE 0xfed00000
#define HPET_LEN 0x400
#define HPET_NUM_IRQ_ROUTES 32
#define HPET_MIN_TIMERS 3
#define HPET_MAX_TIMERS 32
/* The legacy inputs (hpet_get_legacy_input). */
#define HPET_LEGACY_PIT_INT 0
#define HPET_LEGACY_RTC_INT 1

/* Map the (realized) HPET's registers at addr in system memory. */
void hpet_mmio_map(DeviceState *dev, hwaddr addr);
/* Wire interrupt route n (0..31) of the HPET to irq (GSI n on the PC). */
void hpet_connect_irq(DeviceState *dev, int route, qemu_irq irq);
/* The PIT output (n = 0) or the RTC interrupt (n = 1) passes through the
 * HPET, which forwards it unless it is in legacy replacement mode. */
qemu_irq hpet_get_legacy_input(DeviceState *dev, int n);
/* The line to the PIT's enable input (pit_get_control_input()). */
void hpet_connect_pit_enable(DeviceState *dev, qemu_irq pit_enable);
/* Event Timer Block ID for the ACPI HPET table: capabilities [31:0]. */
uint32_t hpet_event_timer_block_id(DeviceState *dev);

#endif
