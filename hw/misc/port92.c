/*
 * port92.c: System Control Port A ("port92"), I/O port 0x92.
 *
 * Reference: IBM PS/2 Hardware Interface Technical Reference, "System
 * Control Port A" (bit 0 alternate hot reset, bit 1 alternate gate A20);
 * PIIX3 datasheet, Port 92h.  As on the reference, the port reads back
 * what was written, a reset clears only bit 0, and a reset is requested on
 * bit 0 going from 0 to 1.
 */
#include "qemu/osdep.h"
#include "hw/misc/port92.h"
#include "hw/isa/isa.h"
#include "hw/qdev-gpio.h"
#include "sysemu/runstate.h"

#define PORT92_RESET    0x01
#define PORT92_A20      0x02

typedef struct Port92State {
    ISADevice parent_obj;
    MemoryRegion io;
    qemu_irq a20_out;
    uint8_t outport;
} Port92State;

#define PORT92(obj) OBJECT_CHECK(Port92State, (obj), TYPE_PORT92)

static uint64_t port92_read(void *opaque, hwaddr addr, unsigned size)
{
    Port92State *s = opaque;

    return s->outport;
}

static void port92_write(void *opaque, hwaddr addr, uint64_t val,
                         unsigned size)
{
    Port92State *s = opaque;
    uint8_t old = s->outport;

    s->outport = val;
    qemu_set_irq(s->a20_out, !!(val & PORT92_A20));
    if ((val & PORT92_RESET) && !(old & PORT92_RESET)) {
        qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
    }
}

/* A wider access repeats the byte access, as on the reference. */
static const MemoryRegionOps port92_ops = {
    .read = port92_read,
    .write = port92_write,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

static void port92_reset(DeviceState *dev)
{
    PORT92(dev)->outport &= ~PORT92_RESET;
}

static bool port92_realize(DeviceState *dev, Error **errp)
{
    Port92State *s = PORT92(dev);

    isa_register_ioport(ISA_DEVICE(dev), &s->io, 0x92);
    return true;
}

static void port92_unrealize(DeviceState *dev)
{
    memory_region_del_subregion(isa_address_space_io(ISA_DEVICE(dev)),
                                &PORT92(dev)->io);
}

static void port92_initfn(Object *obj)
{
    Port92State *s = PORT92(obj);

    memory_region_init_io(&s->io, obj, &port92_ops, s, "port92", 1);
    qdev_init_gpio_out_named(DEVICE(obj), &s->a20_out, PORT92_A20_LINE, 1);
}

static void port92_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = port92_realize;
    dc->unrealize = port92_unrealize;
    dc->reset = port92_reset;
    /* Part of the chipset: the board creates it. */
    dc->user_creatable = false;
}

static const TypeInfo port92_type = {
    .name = TYPE_PORT92,
    .parent = TYPE_ISA_DEVICE,
    .instance_size = sizeof(Port92State),
    .instance_init = port92_initfn,
    .class_init = port92_class_init,
};

static void port92_register_types(void)
{
    type_register_static(&port92_type);
}

type_init(port92_register_types)
