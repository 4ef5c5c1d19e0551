/*
 * pvpanic.h: the paravirtual panic device ("pvpanic", ISA).
 *
 * One I/O port (0x505 by default): reading it returns the events the
 * device supports (the "events" property), writing bit 0 reports a guest
 * panic and bit 1 a crash kernel loaded.  Guests find the port through
 * ACPI (a "PEVT" device in the DSDT) or the fw_cfg file
 * "etc/pvpanic-port" (2 bytes, little-endian), which the board code adds.
 */
#ifndef HW_MISC_PVPANIC_H
#define HW_MISC_PVPANIC_H

#include "qemu/osdep.h"

#define TYPE_PVPANIC_ISA_DEVICE "pvpanic"
#define PVPANIC_PANICKED        (1 << 0)
#define PVPANIC_CRASH_LOADED    (1 << 1)

/* The port of the machine's pvpanic device, 0 if there is none. */
uint16_t pvpanic_port(void);

#endif
