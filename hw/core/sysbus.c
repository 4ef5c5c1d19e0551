/*
 * sysbus.c: the main system bus ("main-system-bus", type "System") and
 * TYPE_SYS_BUS_DEVICE.
 */
#include "qemu/osdep.h"
#include "hw/sysbus.h"

static BusState *main_system_bus;

/*
 * Created on first use, and hung at /machine/unattached/sysbus as soon as
 * the machine exists (the bus may be needed before that).
 */
BusState *sysbus_get_default(void)
{
    Object *machine;

    if (!main_system_bus) {
        main_system_bus = qbus_new(TYPE_SYSTEM_BUS, NULL, "main-system-bus");
    }
    machine = qdev_get_machine();
    if (machine && !OBJECT(main_system_bus)->parent) {
        object_property_add_child(container_get(machine, "/unattached"),
                                  "sysbus", OBJECT(main_system_bus));
    }
    return main_system_bus;
}

int sysbus_init_mmio_window(SysBusDevice *dev, uint64_t size)
{
    int n = dev->num_mmio++;

    assert(n < QDEV_MAX_MMIO);
    dev->mmio[n].addr = SYSBUS_ADDR_UNMAPPED;
    dev->mmio[n].size = size;
    return n;
}

void sysbus_mmio_set_addr(SysBusDevice *dev, int n, uint64_t addr)
{
    assert(n >= 0 && n < dev->num_mmio);
    dev->mmio[n].addr = addr;
}

bool sysbus_realize(SysBusDevice *dev, Error **errp)
{
    return qdev_realize(DEVICE(dev), sysbus_get_default(), errp);
}

bool sysbus_realize_and_unref(SysBusDevice *dev, Error **errp)
{
    return qdev_realize_and_unref(DEVICE(dev), sysbus_get_default(), errp);
}

static void sysbus_print_dev(GString *out, DeviceState *dev, int indent)
{
    SysBusDevice *s = (SysBusDevice *)object_dynamic_cast(
        OBJECT(dev), TYPE_SYS_BUS_DEVICE);
    int i;

    for (i = 0; s && i < s->num_mmio; i++) {
        g_string_append_printf(out, "%*smmio %016" PRIx64 "/%016" PRIx64 "\n",
                               indent, "", s->mmio[i].addr,
                               s->mmio[i].size);
    }
}

static void system_bus_class_init(ObjectClass *klass, void *data)
{
    BUS_CLASS(klass)->print_dev = sysbus_print_dev;
}

static void sysbus_device_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->bus_type = TYPE_SYSTEM_BUS;
    /* Wiring a system bus device needs board code: not for -device unless
     * a subclass allows it. */
    dc->user_creatable = false;
}

static const TypeInfo sysbus_types[] = {
    {
        .name = TYPE_SYSTEM_BUS,
        .parent = TYPE_BUS,
        .instance_size = sizeof(BusState),
        .class_init = system_bus_class_init,
    },
    {
        .name = TYPE_SYS_BUS_DEVICE,
        .parent = TYPE_DEVICE,
        .instance_size = sizeof(SysBusDevice),
        .abstract = true,
        .class_init = sysbus_device_class_init,
    },
};

static void sysbus_register_types(void)
{
    type_register_static_array(sysbus_types, ARRAY_SIZE(sysbus_types));
}

type_init(sysbus_register_types)
