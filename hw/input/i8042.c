/*
 * i8042.c: the PC keyboard controller ("i8042"), ports 0x60 (data) and
 * 0x64 (status / command).
 *
 * References: A. Brouwer, "Keyboard scancodes", section 10 (the AT
 * keyboard controller: status register, command byte, commands, output
 * port); IBM PS/2 Hardware Interface Technical Reference.
 *
 * The output buffer is presented from one of three sources, in this
 * priority: a byte the controller itself produced (command results, the
 * 0xd2/0xd3 echo), the keyboard, the mouse.  A PS/2 device's byte is taken
 * from its queue only when the guest reads port 0x60, so a command reply
 * the keyboard puts ahead of its queued keys is what the guest reads next,
 * and a second controller result replaces an unread first one - both as
 * on the reference.  Also as on the reference: the C/D status bit stays
 * set, the system flag is set by the self test only, writing a byte to a
 * device re-enables its port, and the keyboard interrupt is held off while
 * the keyboard port is disabled.
 */
#include "qemu/osdep.h"
#include "hw/input/i8042.h"
#include "hw/input/ps2.h"
#include "hw/qdev-gpio.h"
#include "qapi/error.h"
#include "qemu/timer.h"
#include "sysemu/runstate.h"

/* Status register (port 0x64 read). */
#define KBD_STAT_OBF        0x01
#define KBD_STAT_IBF        0x02
#define KBD_STAT_SELFTEST   0x04
#define KBD_STAT_CMD        0x08
#define KBD_STAT_UNLOCKED   0x10
#define KBD_STAT_MOUSE_OBF  0x20
#define KBD_STAT_GTO        0x40
#define KBD_STAT_PERR       0x80

/* Controller command byte (commands 0x20 / 0x60). */
#define KBD_MODE_KBD_INT        0x01
#define KBD_MODE_MOUSE_INT      0x02
#define KBD_MODE_SYS            0x04
#define KBD_MODE_NO_KEYLOCK     0x08
#define KBD_MODE_DISABLE_KBD    0x10
#define KBD_MODE_DISABLE_MOUSE  0x20
#define KBD_MODE_KCC            0x40    /* translate to set 1 */

/* Output port (commands 0xd0 / 0xd1). */
#define KBD_OUT_RESET       0x01    /* 0 holds the CPU in reset */
#define KBD_OUT_A20         0x02
#define KBD_OUT_OBF         0x10
#define KBD_OUT_MOUSE_OBF   0x20
#define KBD_OUT_ONES        0xcc

/* Controller commands (port 0x64 write). */
#define KBD_CCMD_READ_MODE      0x20
#define KBD_CCMD_WRITE_MODE     0x60
#define KBD_CCMD_MOUSE_DISABLE  0xa7
#define KBD_CCMD_MOUSE_ENABLE   0xa8
#define KBD_CCMD_TEST_MOUSE     0xa9
#define KBD_CCMD_SELF_TEST      0xaa
#define KBD_CCMD_KBD_TEST       0xab
#define KBD_CCMD_KBD_DISABLE    0xad
#define KBD_CCMD_KBD_ENABLE     0xae
#define KBD_CCMD_READ_INPORT    0xc0
#define KBD_CCMD_READ_OUTPORT   0xd0
#define KBD_CCMD_WRITE_OUTPORT  0xd1
#define KBD_CCMD_WRITE_OBUF     0xd2
#define KBD_CCMD_WRITE_AUX_OBUF 0xd3
#define KBD_CCMD_WRITE_MOUSE    0xd4
#define KBD_CCMD_DISABLE_A20    0xdd
#define KBD_CCMD_ENABLE_A20     0xdf
#define KBD_CCMD_PULSE_BITS     0xf0    /* 0xf0-0xff: pulse output bits */

#define SELF_TEST_OK            0x55
#define INTERFACE_TEST_OK       0x00
/* Input port: bit 7 set = keyboard not inhibited (no key lock). */
#define KBD_INPORT_VALUE        0x80

/* Interrupt outputs (unnamed GPIOs). */
#define I8042_KBD_IRQ       0
#define I8042_MOUSE_IRQ     1

/* Delay between keyboard bytes with kbd-throttle=on. */
#define KBD_THROTTLE_NS     (1 * SCALE_MS)

typedef enum OBSource {
    OBSRC_NONE,
    OBSRC_CTRL,
    OBSRC_KBD,
    OBSRC_MOUSE,
} OBSource;

typedef struct I8042State {
    ISADevice parent_obj;
    /* properties */
    bool extended_state;
    bool kbd_throttle;
    uint8_t kbd_irq;
    uint8_t mouse_irq;
    /* the devices behind the controller */
    PS2KbdState ps2kbd;
    PS2MouseState ps2mouse;
    /* wiring */
    MemoryRegion io[2];
    qemu_irq irqs[2];
    qemu_irq a20_out;
    int irq_level[2];
    /* controller state */
    uint8_t status;
    uint8_t mode;
    uint8_t outport;
    uint8_t write_cmd;          /* command awaiting its data byte, or 0 */
    OBSource obsrc;             /* who fills the output buffer now */
    uint8_t obdata;             /* last byte read from port 0x60 */
    bool ctrl_pending;          /* a controller-produced byte waits */
    uint8_t ctrl_data;
    bool ctrl_aux;              /* ... and is presented as mouse data */
    bool throttled;             /* kbd-throttle: keyboard held off */
    QEMUTimer *throttle_timer;
} I8042State;

#define I8042(obj) OBJECT_CHECK(I8042State, (obj), TYPE_I8042)

/* ---- output buffer and interrupts ---- */

static void i8042_update_irq(I8042State *s)
{
    int level[2] = { 0, 0 };
    int i;

    if (s->status & KBD_STAT_OBF) {
        if (s->status & KBD_STAT_MOUSE_OBF) {
            level[I8042_MOUSE_IRQ] = !!(s->mode & KBD_MODE_MOUSE_INT);
        } else {
            level[I8042_KBD_IRQ] = (s->mode & KBD_MODE_KBD_INT) &&
                                   !(s->mode & KBD_MODE_DISABLE_KBD);
        }
    }
    for (i = 0; i < 2; i++) {
        if (level[i] != s->irq_level[i]) {
            s->irq_level[i] = level[i];
            qemu_set_irq(s->irqs[i], level[i]);
        }
    }
}

/* Present the next byte when the output buffer is free. */
static void i8042_refill(I8042State *s)
{
    if (!(s->status & KBD_STAT_OBF)) {
        if (s->ctrl_pending) {
            s->obsrc = OBSRC_CTRL;
            s->status |= KBD_STAT_OBF |
                         (s->ctrl_aux ? KBD_STAT_MOUSE_OBF : 0);
        } else if (!(s->mode & KBD_MODE_DISABLE_KBD) && !s->throttled &&
                   ps2_has_data(PS2_DEVICE(&s->ps2kbd))) {
            s->obsrc = OBSRC_KBD;
            s->status |= KBD_STAT_OBF;
        } else if (!(s->mode & KBD_MODE_DISABLE_MOUSE) &&
                   ps2_has_data(PS2_DEVICE(&s->ps2mouse))) {
            s->obsrc = OBSRC_MOUSE;
            s->status |= KBD_STAT_OBF | KBD_STAT_MOUSE_OBF;
        }
    }
    i8042_update_irq(s);
}

/* A result of the controller itself (aux: presented as mouse data). */
static void i8042_queue_ctrl(I8042State *s, uint8_t b, bool aux)
{
    s->ctrl_pending = true;
    s->ctrl_data = b;
    s->ctrl_aux = aux;
    if ((s->status & KBD_STAT_OBF) && s->obsrc == OBSRC_CTRL) {
        s->status = (s->status & ~KBD_STAT_MOUSE_OBF) |
                    (aux ? KBD_STAT_MOUSE_OBF : 0);
    }
    i8042_refill(s);
}

static void i8042_throttle_expired(void *opaque)
{
    I8042State *s = opaque;

    s->throttled = false;
    i8042_refill(s);
}

static uint64_t i8042_read_data(I8042State *s)
{
    if (!(s->status & KBD_STAT_OBF)) {
        return s->obdata;
    }
    switch (s->obsrc) {
    case OBSRC_CTRL:
        s->obdata = s->ctrl_data;
        s->ctrl_pending = false;
        break;
    case OBSRC_KBD:
        s->obdata = ps2_read_data(PS2_DEVICE(&s->ps2kbd));
        if (s->kbd_throttle) {
            s->throttled = true;
            timer_mod_ns(s->throttle_timer,
                         qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) +
                         KBD_THROTTLE_NS);
        }
        break;
    default:
        s->obdata = ps2_read_data(PS2_DEVICE(&s->ps2mouse));
        break;
    }
    s->status &= ~(KBD_STAT_OBF | KBD_STAT_MOUSE_OBF);
    s->obsrc = OBSRC_NONE;
    /* The line drops before the next byte raises it again: a new edge. */
    i8042_update_irq(s);
    i8042_refill(s);
    return s->obdata;
}

/* The PS/2 devices' "data available" lines. */
static void i8042_kbd_input(void *opaque, int n, int level)
{
    if (level) {
        i8042_refill(opaque);
    }
}

static void i8042_mouse_input(void *opaque, int n, int level)
{
    if (level) {
        i8042_refill(opaque);
    }
}

/* ---- output port ---- */

static void i8042_write_outport(I8042State *s, uint8_t val)
{
    s->outport = val;
    qemu_set_irq(s->a20_out, !!(val & KBD_OUT_A20));
    if (!(val & KBD_OUT_RESET)) {
        qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
    }
}

/* Bits 4 and 5 show the output buffer as the controller's pins do. */
static uint8_t i8042_read_outport(I8042State *s)
{
    uint8_t val = s->outport & ~(KBD_OUT_OBF | KBD_OUT_MOUSE_OBF);

    if (s->status & KBD_STAT_OBF) {
        val |= KBD_OUT_OBF;
        if (s->status & KBD_STAT_MOUSE_OBF) {
            val |= KBD_OUT_MOUSE_OBF;
        }
    }
    return val;
}

/* ---- port 0x64: commands ---- */

static void i8042_write_command(I8042State *s, uint8_t val)
{
    s->write_cmd = 0;
    /* Pulsing output bit 0 low resets the CPU; other pulses do nothing. */
    if (val >= KBD_CCMD_PULSE_BITS) {
        if (!(val & 1)) {
            qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
        }
        return;
    }
    switch (val) {
    case KBD_CCMD_READ_MODE:
        i8042_queue_ctrl(s, s->mode, false);
        break;
    case KBD_CCMD_WRITE_MODE:
    case KBD_CCMD_WRITE_OUTPORT:
    case KBD_CCMD_WRITE_OBUF:
    case KBD_CCMD_WRITE_AUX_OBUF:
    case KBD_CCMD_WRITE_MOUSE:
        s->write_cmd = val;
        break;
    case KBD_CCMD_MOUSE_DISABLE:
        s->mode |= KBD_MODE_DISABLE_MOUSE;
        i8042_refill(s);
        break;
    case KBD_CCMD_MOUSE_ENABLE:
        s->mode &= ~KBD_MODE_DISABLE_MOUSE;
        i8042_refill(s);
        break;
    case KBD_CCMD_TEST_MOUSE:
    case KBD_CCMD_KBD_TEST:
        i8042_queue_ctrl(s, INTERFACE_TEST_OK, false);
        break;
    case KBD_CCMD_SELF_TEST:
        s->status |= KBD_STAT_SELFTEST;
        i8042_queue_ctrl(s, SELF_TEST_OK, false);
        break;
    case KBD_CCMD_KBD_DISABLE:
        s->mode |= KBD_MODE_DISABLE_KBD;
        i8042_refill(s);
        break;
    case KBD_CCMD_KBD_ENABLE:
        s->mode &= ~KBD_MODE_DISABLE_KBD;
        i8042_refill(s);
        break;
    case KBD_CCMD_READ_INPORT:
        i8042_queue_ctrl(s, KBD_INPORT_VALUE, false);
        break;
    case KBD_CCMD_READ_OUTPORT:
        i8042_queue_ctrl(s, i8042_read_outport(s), false);
        break;
    case KBD_CCMD_DISABLE_A20:
        s->outport &= ~KBD_OUT_A20;
        qemu_set_irq(s->a20_out, 0);
        break;
    case KBD_CCMD_ENABLE_A20:
        s->outport |= KBD_OUT_A20;
        qemu_set_irq(s->a20_out, 1);
        break;
    default:
        /* Vendor and obsolete commands: no effect, as on the reference. */
        break;
    }
}

/* ---- port 0x60: data ---- */

static void i8042_write_data(I8042State *s, uint8_t val)
{
    switch (s->write_cmd) {
    case 0:
        ps2_write_keyboard(&s->ps2kbd, val);
        s->mode &= ~KBD_MODE_DISABLE_KBD;
        i8042_refill(s);
        break;
    case KBD_CCMD_WRITE_MODE:
        s->mode = val;
        ps2_keyboard_set_translation(&s->ps2kbd, val & KBD_MODE_KCC);
        i8042_refill(s);
        break;
    case KBD_CCMD_WRITE_OBUF:
        i8042_queue_ctrl(s, val, false);
        break;
    case KBD_CCMD_WRITE_AUX_OBUF:
        i8042_queue_ctrl(s, val, true);
        break;
    case KBD_CCMD_WRITE_OUTPORT:
        i8042_write_outport(s, val);
        break;
    case KBD_CCMD_WRITE_MOUSE:
        ps2_write_mouse(&s->ps2mouse, val);
        s->mode &= ~KBD_MODE_DISABLE_MOUSE;
        i8042_refill(s);
        break;
    }
    s->write_cmd = 0;
}

static uint64_t i8042_data_read(void *opaque, hwaddr addr, unsigned size)
{
    return i8042_read_data(opaque);
}

static void i8042_data_write(void *opaque, hwaddr addr, uint64_t val,
                             unsigned size)
{
    i8042_write_data(opaque, val);
}

static uint64_t i8042_cmd_read(void *opaque, hwaddr addr, unsigned size)
{
    return ((I8042State *)opaque)->status;
}

static void i8042_cmd_write(void *opaque, hwaddr addr, uint64_t val,
                            unsigned size)
{
    i8042_write_command(opaque, val);
}

/*
 * Wider accesses are byte accesses repeated on the same port, as on the
 * reference (inw 0x64 reads the status twice).
 */
static const MemoryRegionOps i8042_data_ops = {
    .read = i8042_data_read,
    .write = i8042_data_write,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

static const MemoryRegionOps i8042_cmd_ops = {
    .read = i8042_cmd_read,
    .write = i8042_cmd_write,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

/* ---- device ---- */

static void i8042_reset(DeviceState *dev)
{
    I8042State *s = I8042(dev);

    s->mode = KBD_MODE_KBD_INT | KBD_MODE_MOUSE_INT;
    s->status = KBD_STAT_CMD | KBD_STAT_UNLOCKED;
    s->outport = KBD_OUT_RESET | KBD_OUT_A20 | KBD_OUT_ONES;
    s->write_cmd = 0;
    s->obsrc = OBSRC_NONE;
    s->obdata = 0;
    s->ctrl_pending = false;
    s->throttled = false;
    if (s->throttle_timer) {
        timer_del(s->throttle_timer);
    }
    ps2_keyboard_set_translation(&s->ps2kbd, false);
    i8042_refill(s);
}

static bool i8042_realize(DeviceState *dev, Error **errp)
{
    I8042State *s = I8042(dev);
    ISADevice *isa = ISA_DEVICE(dev);

    if (s->kbd_irq >= ISA_NUM_IRQS) {
        error_setg(errp, "Maximum value for \"kbd-irq\" is: %u",
                   ISA_NUM_IRQS - 1);
        return false;
    }
    if (s->mouse_irq >= ISA_NUM_IRQS) {
        error_setg(errp, "Maximum value for \"mouse-irq\" is: %u",
                   ISA_NUM_IRQS - 1);
        return false;
    }
    if (!sysbus_realize(SYS_BUS_DEVICE(&s->ps2kbd), errp)) {
        return false;
    }
    if (!sysbus_realize(SYS_BUS_DEVICE(&s->ps2mouse), errp)) {
        qdev_unrealize(DEVICE(&s->ps2kbd));
        return false;
    }
    qdev_connect_gpio_out(DEVICE(&s->ps2kbd), 0,
                          qdev_get_gpio_in_named(dev, "ps2-kbd-input-irq",
                                                 0));
    qdev_connect_gpio_out(DEVICE(&s->ps2mouse), 0,
                          qdev_get_gpio_in_named(dev, "ps2-mouse-input-irq",
                                                 0));
    isa_connect_gpio_out(isa, I8042_KBD_IRQ, s->kbd_irq);
    isa_connect_gpio_out(isa, I8042_MOUSE_IRQ, s->mouse_irq);
    isa_register_ioport(isa, &s->io[0], 0x60);
    isa_register_ioport(isa, &s->io[1], 0x64);
    s->throttle_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL,
                                     i8042_throttle_expired, s);
    i8042_reset(dev);
    return true;
}

static void i8042_unrealize(DeviceState *dev)
{
    I8042State *s = I8042(dev);
    MemoryRegion *io = isa_address_space_io(ISA_DEVICE(dev));

    memory_region_del_subregion(io, &s->io[0]);
    memory_region_del_subregion(io, &s->io[1]);
    timer_free(s->throttle_timer);
    s->throttle_timer = NULL;
    qdev_unrealize(DEVICE(&s->ps2mouse));
    qdev_unrealize(DEVICE(&s->ps2kbd));
}

static void i8042_instance_init(Object *obj)
{
    I8042State *s = I8042(obj);
    DeviceState *dev = DEVICE(obj);

    memory_region_init_io(&s->io[0], obj, &i8042_data_ops, s, "i8042-data",
                          1);
    memory_region_init_io(&s->io[1], obj, &i8042_cmd_ops, s, "i8042-cmd", 1);
    /* This order gives the reference's info qtree listing. */
    qdev_init_gpio_out_named(dev, &s->a20_out, I8042_A20_LINE, 1);
    qdev_init_gpio_out(dev, s->irqs, 2);
    object_initialize_child(obj, "ps2kbd", &s->ps2kbd, sizeof(s->ps2kbd),
                            TYPE_PS2_KBD_DEVICE);
    object_initialize_child(obj, "ps2mouse", &s->ps2mouse,
                            sizeof(s->ps2mouse), TYPE_PS2_MOUSE_DEVICE);
    qdev_init_gpio_in_named(dev, i8042_kbd_input, "ps2-kbd-input-irq", 1);
    qdev_init_gpio_in_named(dev, i8042_mouse_input, "ps2-mouse-input-irq",
                            1);
}

static Property i8042_properties[] = {
    DEFINE_PROP_BOOL("extended-state", I8042State, extended_state, true),
    DEFINE_PROP_BOOL("kbd-throttle", I8042State, kbd_throttle, false),
    DEFINE_PROP_UINT8("kbd-irq", I8042State, kbd_irq, 1),
    DEFINE_PROP_UINT8("mouse-irq", I8042State, mouse_irq, 12),
    DEFINE_PROP_END_OF_LIST(),
};

static void i8042_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = i8042_realize;
    dc->unrealize = i8042_unrealize;
    dc->reset = i8042_reset;
    dc->user_creatable = true;
    device_class_set_props(dc, i8042_properties);
    device_class_set_category(dc, DEVICE_CATEGORY_INPUT);
}

static const TypeInfo i8042_type = {
    .name = TYPE_I8042,
    .parent = TYPE_ISA_DEVICE,
    .instance_size = sizeof(I8042State),
    .instance_init = i8042_instance_init,
    .class_init = i8042_class_init,
};

static void i8042_register_types(void)
{
    type_register_static(&i8042_type);
}

type_init(i8042_register_types)
