/*
 * vmmouse.c: the VMware absolute pointer ("vmmouse") behind the vmport
 * backdoor (include/hw/input/vmmouse.h).
 *
 * References: the protocol as the guest drivers use it (Linux
 * drivers/input/mouse/vmmouse.c, xf86-input-vmmouse's vmmouse_proto.h:
 * commands 39 ABSPOINTER_DATA, 40 ABSPOINTER_STATUS, 41 ABSPOINTER_COMMAND
 * with EBX = READ_ID "REAE", DISABLE 0xf5, REQUEST_RELATIVE "RREL",
 * REQUEST_ABSOLUTE "RABS"; version word "JUB4"; packet word 0 = flags
 * (0x00010000 relative) | buttons (0x20 left, 0x10 right, 0x08 middle))
 * and QEMU 7.2's behaviour, recorded with a guest driving the commands:
 *   - after reset the status is 0xffff (disabled) and the queue empty;
 *   - READ_ID queues the version word and clears the status, DISABLE sets
 *     it again; the queue survives both;
 *   - DATA with EBX = n (1..6, at most the words queued) returns the words
 *     in EAX, EBX, ECX, EDX, ESI, EDI (fewer: the rest unchanged); any
 *     other n prints "vmmouse: driver requested too much data N" on
 *     stdout and disables the device;
 *   - an unknown sub-command prints "vmmouse: unknown command X";
 *   - every register comes back as its low 32 bits (the device works on
 *     32-bit copies of all six).
 * Absolute positions go in the packet doubled (0..0xfffe for the input
 * range 0..0x7fff); the wheel word is the negated step count, as the
 * reference's input path leaves it.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/input/vmmouse.h"
#include "hw/input/i8042.h"
#include "hw/input/ps2.h"
#include "hw/misc/vmport.h"
#include "hw/isa/isa.h"

#define VMMOUSE_READ_ID             0x45414552
#define VMMOUSE_DISABLE             0x000000f5
#define VMMOUSE_REQUEST_RELATIVE    0x4c455252
#define VMMOUSE_REQUEST_ABSOLUTE    0x53424152

#define VMMOUSE_VERSION             0x3442554a
#define VMMOUSE_STATUS_DISABLED     0xffff

#define VMMOUSE_RELATIVE_PACKET     0x00010000
#define VMMOUSE_LEFT_BUTTON         0x20
#define VMMOUSE_RIGHT_BUTTON        0x10
#define VMMOUSE_MIDDLE_BUTTON       0x08

#define VMMOUSE_QUEUE_SIZE          1024
#define VMMOUSE_PACKET_WORDS        4
#define VMMOUSE_MAX_READ            6

typedef struct VMMouseState {
    ISADevice parent_obj;
    /* properties */
    ISADevice *i8042;           /* the controller whose PS/2 mouse wakes
                                 * the guest driver */
    /* internal */
    uint32_t queue[VMMOUSE_QUEUE_SIZE];
    uint16_t nb_queue;
    uint16_t status;
    bool absolute;
    bool active;                /* takes host input (in vmmouse_active) */
} VMMouseState;

#define VMMOUSE(obj) OBJECT_CHECK(VMMouseState, (obj), TYPE_VMMOUSE)

/* Enabled devices, the most recently enabled first (host input target). */
static GSList *vmmouse_active;

static void vmmouse_deactivate(VMMouseState *s)
{
    if (s->active) {
        vmmouse_active = g_slist_remove(vmmouse_active, s);
        s->active = false;
    }
}

/*
 * The guest enabled the device or asked for a mode: unless disabled, it
 * takes host input ahead of the other pointers once it is new or changed
 * mode (a repeated request changes nothing).
 */
static void vmmouse_activate(VMMouseState *s, bool absolute)
{
    if (s->status != 0) {
        return;
    }
    if (s->absolute != absolute) {
        s->absolute = absolute;
        vmmouse_deactivate(s);
    }
    if (!s->active) {
        vmmouse_active = g_slist_prepend(vmmouse_active, s);
        s->active = true;
    }
}

static void vmmouse_disable(VMMouseState *s)
{
    s->status = VMMOUSE_STATUS_DISABLED;
    vmmouse_deactivate(s);
}

/* The PS/2 mouse of the linked i8042, whose interrupt wakes the driver. */
static DeviceState *vmmouse_ps2_mouse(VMMouseState *s)
{
    Object *m = object_resolve_path_component(OBJECT(s->i8042), "ps2mouse");

    return m ? DEVICE(m) : NULL;
}

/* ---- host input ---- */

DeviceState *vmmouse_get_active(void)
{
    return vmmouse_active ? DEVICE(vmmouse_active->data) : NULL;
}

bool vmmouse_is_absolute(DeviceState *dev)
{
    return VMMOUSE(dev)->absolute;
}

void vmmouse_pointer_event(DeviceState *dev, int x, int y, int dz,
                           uint32_t buttons)
{
    VMMouseState *s = VMMOUSE(dev);
    DeviceState *ps2;
    uint32_t flags = 0;

    if (!s->active ||
        s->nb_queue > VMMOUSE_QUEUE_SIZE - VMMOUSE_PACKET_WORDS) {
        return;
    }
    if (buttons & VMMOUSE_INPUT_LEFT) {
        flags |= VMMOUSE_LEFT_BUTTON;
    }
    if (buttons & VMMOUSE_INPUT_RIGHT) {
        flags |= VMMOUSE_RIGHT_BUTTON;
    }
    if (buttons & VMMOUSE_INPUT_MIDDLE) {
        flags |= VMMOUSE_MIDDLE_BUTTON;
    }
    if (s->absolute) {
        x = MIN(MAX(x, 0), VMMOUSE_INPUT_ABS_MAX) << 1;
        y = MIN(MAX(y, 0), VMMOUSE_INPUT_ABS_MAX) << 1;
    } else {
        flags |= VMMOUSE_RELATIVE_PACKET;
    }
    s->queue[s->nb_queue++] = flags;
    s->queue[s->nb_queue++] = x;
    s->queue[s->nb_queue++] = y;
    s->queue[s->nb_queue++] = 0u - (uint32_t)dz;

    /*
     * The guest driver reads the queue when the PS/2 mouse interrupts: a
     * one-count motion packet, as the reference sends.
     */
    ps2 = vmmouse_ps2_mouse(s);
    if (ps2) {
        ps2_mouse_event(ps2, 1, 0, 0, PS2_MOUSE_DEVICE(ps2)->buttons);
    }
}

/* ---- the backdoor commands ---- */

static void vmmouse_command(VMMouseState *s, uint32_t cmd)
{
    switch (cmd) {
    case VMMOUSE_DISABLE:
        vmmouse_disable(s);
        break;
    case VMMOUSE_READ_ID:
        if (s->nb_queue == VMMOUSE_QUEUE_SIZE) {
            break;
        }
        s->queue[s->nb_queue++] = VMMOUSE_VERSION;
        s->status = 0;
        vmmouse_activate(s, s->absolute);
        break;
    case VMMOUSE_REQUEST_RELATIVE:
        vmmouse_activate(s, false);
        break;
    case VMMOUSE_REQUEST_ABSOLUTE:
        vmmouse_activate(s, true);
        break;
    default:
        printf("vmmouse: unknown command %x\n", cmd);
        break;
    }
}

/* Up to six words from the queue into data[0..n-1]. */
static void vmmouse_read_data(VMMouseState *s, uint32_t *data, uint32_t n)
{
    if (n == 0 || n > VMMOUSE_MAX_READ || n > s->nb_queue) {
        printf("vmmouse: driver requested too much data %d\n", (int)n);
        vmmouse_disable(s);
        return;
    }
    memcpy(data, s->queue, n * sizeof(uint32_t));
    s->nb_queue -= n;
    memmove(s->queue, s->queue + n, s->nb_queue * sizeof(uint32_t));
}

static uint32_t vmmouse_backdoor(void *opaque, X86IoRegs *regs)
{
    VMMouseState *s = opaque;
    uint32_t data[VMMOUSE_MAX_READ] = {
        regs->rax, regs->rbx, regs->rcx, regs->rdx, regs->rsi, regs->rdi,
    };
    uint16_t cmd = data[2];

    switch (cmd) {
    case VMPORT_CMD_VMMOUSE_STATUS:
        data[0] = ((uint32_t)s->status << 16) | s->nb_queue;
        break;
    case VMPORT_CMD_VMMOUSE_COMMAND:
        vmmouse_command(s, data[1]);
        break;
    case VMPORT_CMD_VMMOUSE_DATA:
        vmmouse_read_data(s, data, data[1]);
        break;
    default:
        printf("vmmouse: unknown command %x\n", cmd);
        break;
    }
    regs->rax = data[0];
    regs->rbx = data[1];
    regs->rcx = data[2];
    regs->rdx = data[3];
    regs->rsi = data[4];
    regs->rdi = data[5];
    fflush(stdout);
    return data[0];
}

/* ---- device ---- */

static void vmmouse_reset(DeviceState *dev)
{
    VMMouseState *s = VMMOUSE(dev);

    s->nb_queue = 0;
    vmmouse_disable(s);
}

static const VMPortCommand vmmouse_cmds[] = {
    VMPORT_CMD_VMMOUSE_STATUS,
    VMPORT_CMD_VMMOUSE_COMMAND,
    VMPORT_CMD_VMMOUSE_DATA,
};

static bool vmmouse_realize(DeviceState *dev, Error **errp)
{
    VMMouseState *s = VMMOUSE(dev);
    DeviceState *vmport;
    size_t i;

    if (!s->i8042) {
        error_setg(errp, "'i8042' link is not set");
        return false;
    }
    vmport = vmport_find();
    if (!vmport) {
        error_setg(errp, "vmmouse needs a machine with vmport");
        return false;
    }
    for (i = 0; i < ARRAY_SIZE(vmmouse_cmds); i++) {
        vmport_register_command(vmport, vmmouse_cmds[i], vmmouse_backdoor, s);
    }
    vmmouse_reset(dev);
    return true;
}

static void vmmouse_unrealize(DeviceState *dev)
{
    VMMouseState *s = VMMOUSE(dev);
    DeviceState *vmport = vmport_find();
    size_t i;

    vmmouse_deactivate(s);
    for (i = 0; vmport && i < ARRAY_SIZE(vmmouse_cmds); i++) {
        vmport_register_command(vmport, vmmouse_cmds[i], NULL, s);
    }
}

/* The link is set by whoever creates the device, before realize. */
static bool vmmouse_check_link(const Object *obj, const char *name,
                               Object *val, Error **errp)
{
    DeviceState *dev = DEVICE(obj);

    if (dev->realized) {
        error_setg(errp, "Attempt to set link property '%s' on device '%s' "
                   "(type '%s') after it was realized", name,
                   dev->id ? dev->id : "", object_get_typename(obj));
        return false;
    }
    return true;
}

static void vmmouse_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = vmmouse_realize;
    dc->unrealize = vmmouse_unrealize;
    dc->reset = vmmouse_reset;
    /*
     * A class link property rather than a qdev property: the reference's
     * info qtree prints no link properties, ours prints qdev ones.
     */
    object_class_property_add_link(klass, "i8042", TYPE_I8042,
                                   offsetof(VMMouseState, i8042),
                                   vmmouse_check_link, OBJ_PROP_LINK_STRONG);
    device_class_set_category(dc, DEVICE_CATEGORY_INPUT);
}

static const TypeInfo vmmouse_type = {
    .name = TYPE_VMMOUSE,
    .parent = TYPE_ISA_DEVICE,
    .instance_size = sizeof(VMMouseState),
    .class_init = vmmouse_class_init,
};

static void vmmouse_register_types(void)
{
    type_register_static(&vmmouse_type);
}

type_init(vmmouse_register_types)
