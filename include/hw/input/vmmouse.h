/*
 * vmmouse.h: the VMware absolute pointer ("vmmouse", ISA, no ports of its
 * own) behind the vmport backdoor (include/hw/misc/vmport.h).
 *
 * A guest driver (Linux's vmmouse, X's vmmouse_drv) finds it through the
 * PS/2 mouse of the i8042 named by the "i8042" link: it sends READ_ID with
 * the VMMOUSE_COMMAND backdoor call, reads the version word through
 * VMMOUSE_DATA, then asks for absolute (or relative) reports.  From then
 * on host pointer input goes to the vmmouse instead of the PS/2 mouse: each
 * event queues a 4-word packet (buttons and flags, x, y, wheel) for
 * VMMOUSE_DATA, and a one-count PS/2 movement packet tells the guest to
 * read it.  VMMOUSE_STATUS returns (status << 16) | words queued; status
 * 0xffff means disabled (after reset, a DISABLE command or a bad read).
 *
 * Host input (the caller holds the big lock and drops input while the VM
 * does not run, as for ps2.h): whoever routes pointer events offers them
 * to vmmouse_get_active() first and to the PS/2 mouse when it returns
 * NULL.
 */
#ifndef HW_INPUT_VMMOUSE_H
#define HW_INPUT_VMMOUSE_H

#include "hw/qdev-core.h"

#define TYPE_VMMOUSE "vmmouse"

/* Buttons for vmmouse_pointer_event() (as ps2.h's). */
#define VMMOUSE_INPUT_LEFT   0x01
#define VMMOUSE_INPUT_RIGHT  0x02
#define VMMOUSE_INPUT_MIDDLE 0x04

/* Range of absolute coordinates given to vmmouse_pointer_event(). */
#define VMMOUSE_INPUT_ABS_MAX 0x7fff

/*
 * The vmmouse the guest enabled most recently (READ_ID, or a request for
 * absolute or relative mode), or NULL when none takes input.
 */
DeviceState *vmmouse_get_active(void);
/* Whether dev reports absolute positions (else relative motion). */
bool vmmouse_is_absolute(DeviceState *dev);
/*
 * One pointer event for dev: in absolute mode x and y are the position in
 * 0..VMMOUSE_INPUT_ABS_MAX (left/top to right/bottom), in relative mode
 * the motion (right and down positive); dz wheel steps (> 0: towards the
 * user, as ps2_mouse_event()); buttons the VMMOUSE_INPUT_* held.  Dropped
 * when the queue is full or the guest disabled the device.
 */
void vmmouse_pointer_event(DeviceState *dev, int x, int y, int dz,
                           uint32_t buttons);

#endif
