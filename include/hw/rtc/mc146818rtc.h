/*
 * mc146818rtc.h: the PC's real-time clock and CMOS RAM ("mc146818rtc",
 * ports 0x70/0x71, ISA IRQ 8).
 *
 * The clock shows the guest's date and time (from -rtc base=utc,
 * localtime or a fixed date, running on the host wall clock, the host
 * monotonic clock or the VM's virtual clock with -rtc clock=host|rt|vm);
 * bytes 0x0e-0x7f are battery-backed RAM that the board fills with what
 * the firmware reads (memory sizes, floppy and disk types, boot order;
 * 0x32 is the century byte, kept by the RTC itself).
 */
#ifndef HW_RTC_MC146818RTC_H
#define HW_RTC_MC146818RTC_H

#include "hw/isa/isa.h"

#define TYPE_MC146818_RTC "mc146818rtc"
#define RTC_ISA_IRQ 8
#define RTC_ISA_BASE 0x70

/* CMOS bytes with a fixed meaning on the PC. */
#define RTC_REG_A   0x0a
#define RTC_REG_B   0x0b
#define RTC_REG_C   0x0c
#define RTC_REG_D   0x0d
#define RTC_CENTURY 0x32
#define RTC_IBM_PS2_CENTURY_BYTE 0x37

/*
 * Create and realize the RTC on bus with base_year ("base_year": the year
 * register counts from it).  Its interrupt goes to intercept_irq (the
 * HPET's legacy input) when given, else to ISA IRQ 8.
 */
ISADevice *mc146818_rtc_init(ISABus *bus, int base_year,
                             qemu_irq intercept_irq);
/* Set / read CMOS byte addr (0x00-0x7f); out-of-range addresses are
 * ignored (read as 0). */
void mc146818rtc_set_cmos_data(ISADevice *dev, int addr, int val);
int mc146818rtc_get_cmos_data(ISADevice *dev, int addr);
/* QMP rtc-reset-reinjection: forget the periodic interrupts still owed
 * to the guest under lost_tick_policy=slew. */
void mc146818rtc_reset_reinjection(ISADevice *dev);

#endif
