/*
 * vmport.h: the VMware I/O backdoor ("vmport", ISA, I/O port 0x5658).
 *
 * A guest calls the backdoor with an IN (or OUT) of 4 bytes at port 0x5658
 * with VMPORT_MAGIC in EAX and a command number in the low byte of ECX;
 * the command reads and writes the vCPU's general registers
 * (include/hw/i386/x86-io-regs.h) and its result is what the IN returns
 * (and, by default, EAX).  The board creates one vmport when the machine's
 * "vmport" property is on (auto means on); other devices add commands to
 * it with vmport_register_command(): the vmmouse's absolute pointer
 * (hw/input/vmmouse.c) uses VMPORT_CMD_VMMOUSE_*.
 *
 * Commands of the reference's vmport: GETVERSION, GETRAMSIZE and, with
 * the "x-cmds-v2" property (on; off for machine types up to 5.0),
 * GETBIOSUUID, GETHZ and GET_VCPU_INFO.  Anything else, or a wrong magic,
 * returns all ones with "x-signal-unsupported-cmd" (else the guest's EAX).
 */
#ifndef HW_MISC_VMPORT_H
#define HW_MISC_VMPORT_H

#include "hw/qdev-core.h"
#include "hw/i386/x86-io-regs.h"

#define TYPE_VMPORT "vmport"
#define VMPORT_IOPORT 0x5658
#define VMPORT_MAGIC 0x564D5868

typedef enum VMPortCommand {
    VMPORT_CMD_GETVERSION = 10,
    VMPORT_CMD_GETBIOSUUID = 19,
    VMPORT_CMD_GETRAMSIZE = 20,
    VMPORT_CMD_VMMOUSE_DATA = 39,
    VMPORT_CMD_VMMOUSE_STATUS = 40,
    VMPORT_CMD_VMMOUSE_COMMAND = 41,
    VMPORT_CMD_GETHZ = 45,
    VMPORT_CMD_GET_VCPU_INFO = 68,
    VMPORT_ENTRIES
} VMPortCommand;

/*
 * A command: reads and may change regs (the calling vCPU's, written back
 * afterwards); returns the value of the IN.
 */
typedef uint32_t VMPortCommandFunc(void *opaque, X86IoRegs *regs);

/*
 * Make command cmd of the vmport device call fn(opaque, regs), replacing
 * what was there.  fn NULL removes the command (if opaque is the one
 * registered).
 */
void vmport_register_command(DeviceState *vmport, VMPortCommand cmd,
                             VMPortCommandFunc *fn, void *opaque);
/* The machine's vmport device, or NULL. */
DeviceState *vmport_find(void);

#endif
