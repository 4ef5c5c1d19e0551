/*
 * serial-isa.c: the 16550A on the ISA bus ("isa-serial").
 *
 * index picks the PC's COMn resources when iobase or irq are not given
 * (COM1 0x3f8/IRQ 4, COM2 0x2f8/IRQ 3, COM3 0x3e8/IRQ 4, COM4 0x2e8/IRQ 3);
 * without an index a port takes the number of ports already there, so a
 * fifth one is refused unless given an index, as on the reference.  The UART itself is the child
 * "serial"; its chardev, baudbase and wakeup properties are forwarded so
 * that -device isa-serial,chardev=... works.
 */
#include "qemu/osdep.h"
#include "hw/char/serial.h"
#include "qapi/error.h"

typedef struct ISASerialState {
    ISADevice parent_obj;
    /* properties */
    uint32_t index;
    uint32_t iobase;
    uint32_t isairq;
    /* the UART */
    SerialState state;
} ISASerialState;

#define ISA_SERIAL(obj) OBJECT_CHECK(ISASerialState, (obj), TYPE_ISA_SERIAL)

static const uint16_t isa_serial_io[MAX_ISA_SERIAL_PORTS] = {
    0x3f8, 0x2f8, 0x3e8, 0x2e8
};
static const uint8_t isa_serial_irq[MAX_ISA_SERIAL_PORTS] = { 4, 3, 4, 3 };

/* The properties of the child "serial" that isa-serial shows as its own. */
static const char *const forwarded_props[] = {
    "chardev", "baudbase", "wakeup",
};

static json_t *forwarded_get(Object *obj, ObjectProperty *op, Error **errp)
{
    return object_property_get(OBJECT(&ISA_SERIAL(obj)->state), op->name,
                               errp);
}

static bool forwarded_set(Object *obj, ObjectProperty *op, json_t *value,
                          Error **errp)
{
    return object_property_set(OBJECT(&ISA_SERIAL(obj)->state), op->name,
                               value, errp);
}

/* Ports of this type already on the bus (the automatic index). */
static int isa_serial_count_others(DeviceState *self)
{
    GSList *l;
    int n = 0;

    if (!self->parent_bus) {
        return 0;
    }
    for (l = self->parent_bus->children; l; l = l->next) {
        DeviceState *d = l->data;

        if (d != self && d->realized &&
            object_dynamic_cast(OBJECT(d), TYPE_ISA_SERIAL)) {
            n++;
        }
    }
    return n;
}

static bool isa_serial_realize(DeviceState *dev, Error **errp)
{
    ISASerialState *s = ISA_SERIAL(dev);
    ISADevice *isa = ISA_DEVICE(dev);

    if (s->index == UINT32_MAX) {
        s->index = isa_serial_count_others(dev);
    }
    if (s->index >= MAX_ISA_SERIAL_PORTS) {
        error_setg(errp, "Max. supported number of ISA serial ports is %d.",
                   MAX_ISA_SERIAL_PORTS);
        return false;
    }
    if (s->iobase == UINT32_MAX) {
        s->iobase = isa_serial_io[s->index];
    }
    if (s->isairq == UINT32_MAX) {
        s->isairq = isa_serial_irq[s->index];
    }
    if (s->isairq >= ISA_NUM_IRQS) {
        error_setg(errp, "Maximum value for \"irq\" is: %u",
                   ISA_NUM_IRQS - 1);
        return false;
    }
    isa_init_irq(isa, &s->state.irq, s->isairq);
    if (!qdev_realize(DEVICE(&s->state), NULL, errp)) {
        return false;
    }
    memory_region_init_io(&s->state.io, OBJECT(dev), &serial_io_ops,
                          &s->state, "serial", 8);
    if (s->iobase <= 0xffff) {
        isa_register_ioport(isa, &s->state.io, s->iobase);
    } else {
        /* Beyond the I/O space: mapped but unreachable, as on the
         * reference. */
        memory_region_add_subregion(isa_address_space_io(isa), s->iobase,
                                    &s->state.io);
    }
    return true;
}

static void isa_serial_unrealize(DeviceState *dev)
{
    ISASerialState *s = ISA_SERIAL(dev);

    memory_region_del_subregion(isa_address_space_io(ISA_DEVICE(dev)),
                                &s->state.io);
    qdev_unrealize(DEVICE(&s->state));
}

static void isa_serial_reset(DeviceState *dev)
{
    device_cold_reset(DEVICE(&ISA_SERIAL(dev)->state));
}

static void isa_serial_instance_init(Object *obj)
{
    ISASerialState *s = ISA_SERIAL(obj);
    size_t i;

    object_initialize_child(obj, "serial", &s->state, sizeof(s->state),
                            TYPE_SERIAL);
    for (i = 0; i < ARRAY_SIZE(forwarded_props); i++) {
        ObjectProperty *target =
            object_property_find(OBJECT(&s->state), forwarded_props[i]);
        ObjectProperty *op =
            object_property_add(obj, forwarded_props[i], target->type,
                                forwarded_get, forwarded_set, NULL, NULL);

        op->description = g_strdup(target->description);
        if (target->defval) {
            op->defval = json_incref(target->defval);
        }
    }
}

ISADevice *serial_isa_init(ISABus *bus, int index, Chardev *chr)
{
    DeviceState *dev = qdev_new(TYPE_ISA_SERIAL);

    object_property_set_uint(OBJECT(dev), "index", index, &error_abort);
    if (chr) {
        object_property_set_str(OBJECT(dev), "chardev", chr->label,
                                &error_abort);
    }
    qdev_realize_and_unref(dev, BUS(bus), &error_abort);
    return ISA_DEVICE(dev);
}

void serial_hds_isa_init(ISABus *bus, int from, int to)
{
    int i;

    for (i = from; i < to && i < MAX_ISA_SERIAL_PORTS; i++) {
        char *label = g_strdup_printf("serial%d", i);
        Chardev *chr = qemu_chr_find(label);

        if (chr) {
            serial_isa_init(bus, i, chr);
        }
        g_free(label);
    }
}

static Property isa_serial_properties[] = {
    DEFINE_PROP_UINT32("index", ISASerialState, index, UINT32_MAX),
    DEFINE_PROP_UINT32("iobase", ISASerialState, iobase, UINT32_MAX),
    DEFINE_PROP_UINT32("irq", ISASerialState, isairq, UINT32_MAX),
    DEFINE_PROP_END_OF_LIST(),
};

static void isa_serial_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = isa_serial_realize;
    dc->unrealize = isa_serial_unrealize;
    dc->reset = isa_serial_reset;
    dc->user_creatable = true;
    device_class_set_props(dc, isa_serial_properties);
    device_class_set_category(dc, DEVICE_CATEGORY_INPUT);
}

static const TypeInfo isa_serial_type = {
    .name = TYPE_ISA_SERIAL,
    .parent = TYPE_ISA_DEVICE,
    .instance_size = sizeof(ISASerialState),
    .instance_init = isa_serial_instance_init,
    .class_init = isa_serial_class_init,
};

static void isa_serial_register_types(void)
{
    type_register_static(&isa_serial_type);
}

type_init(isa_serial_register_types)
