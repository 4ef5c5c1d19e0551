/*
 * isa-bus.c: the ISA bus ("isa.0", type "ISA"), TYPE_ISA_DEVICE and the
 * bridge a bus without PCI hangs from ("isabus-bridge", the isapc board).
 *
 * The bus is a thin wiring board: 16 interrupt lines handed over by the
 * machine (to the 8259 pair and the IOAPIC) and the I/O and memory
 * address spaces in which devices place their port ranges.  A PC has one
 * ISA bus, so it is also reachable without a handle (isa_bus_get()).
 *
 * info qtree: QEMU 7.2 prints no bus-specific lines for ISA devices (the
 * "isa irq N" lines of older versions are gone); the irq numbers show
 * through the devices' own properties, so print_dev is left unset.
 */
#include "qemu/osdep.h"
#include "hw/isa/isa.h"
#include "hw/sysbus.h"
#include "hw/qdev-gpio.h"
#include "qapi/error.h"

struct ISABus {
    BusState parent_obj;
    MemoryRegion *address_space;
    MemoryRegion *address_space_io;
    qemu_irq *irqs;             /* ISA_NUM_IRQS lines, from the board */
};

/* The one ISA bus of the machine (cleared when it goes away). */
static ISABus *isabus;

ISABus *isa_bus_new(DeviceState *parent, MemoryRegion *address_space,
                    MemoryRegion *address_space_io, Error **errp)
{
    if (isabus) {
        error_setg(errp, "Can't create a second ISA bus");
        return NULL;
    }
    if (!parent) {
        parent = qdev_new(TYPE_ISABUS_BRIDGE);
        if (!sysbus_realize_and_unref(SYS_BUS_DEVICE(parent), errp)) {
            object_unref(OBJECT(parent));
            return NULL;
        }
    }
    isabus = ISA_BUS(qbus_new(TYPE_ISA_BUS, parent, "isa.0"));
    isabus->address_space = address_space;
    isabus->address_space_io = address_space_io;
    return isabus;
}

void isa_bus_irqs(ISABus *bus, qemu_irq *irqs)
{
    bus->irqs = irqs;
}

ISABus *isa_bus_get(void)
{
    return isabus;
}

static ISABus *isa_bus_of(ISADevice *dev)
{
    if (dev && DEVICE(dev)->parent_bus) {
        return ISA_BUS(DEVICE(dev)->parent_bus);
    }
    return isabus;
}

/*
 * Devices take their irq number from a user property: an out-of-range
 * number gets no line (NULL, which qemu_set_irq ignores) rather than a
 * crash; devices check the range in realize and report it.
 */
qemu_irq isa_get_irq(ISADevice *dev, unsigned isairq)
{
    ISABus *bus = isa_bus_of(dev);

    if (!bus || !bus->irqs || isairq >= ISA_NUM_IRQS) {
        return NULL;
    }
    return bus->irqs[isairq];
}

void isa_init_irq(ISADevice *dev, qemu_irq *p, unsigned isairq)
{
    if (dev->nirqs < (int)ARRAY_SIZE(dev->isairq)) {
        dev->isairq[dev->nirqs++] = isairq;
    }
    *p = isa_get_irq(dev, isairq);
}

void isa_connect_gpio_out(ISADevice *dev, int gpioirq, unsigned isairq)
{
    qemu_irq irq;

    isa_init_irq(dev, &irq, isairq);
    qdev_connect_gpio_out(DEVICE(dev), gpioirq, irq);
}

void isa_register_ioport(ISADevice *dev, MemoryRegion *mr, uint16_t start)
{
    memory_region_add_subregion(isa_address_space_io(dev), start, mr);
    /* The first port names the device in firmware paths ("serial@03f8"). */
    if (dev && dev->ioport_id == 0) {
        dev->ioport_id = start;
    }
}

MemoryRegion *isa_address_space(ISADevice *dev)
{
    ISABus *bus = isa_bus_of(dev);

    return bus && bus->address_space ? bus->address_space
                                     : get_system_memory();
}

MemoryRegion *isa_address_space_io(ISADevice *dev)
{
    ISABus *bus = isa_bus_of(dev);

    return bus && bus->address_space_io ? bus->address_space_io
                                        : get_system_io();
}

ISADevice *isa_new(const char *name)
{
    return ISA_DEVICE(qdev_new(name));
}

ISADevice *isa_create_simple(ISABus *bus, const char *name)
{
    ISADevice *dev = isa_new(name);

    qdev_realize_and_unref(DEVICE(dev), BUS(bus), &error_abort);
    return dev;
}

/* ---- types ---- */

static void isa_bus_finalize(Object *obj)
{
    if (isabus == (ISABus *)obj) {
        isabus = NULL;
    }
}

static void isa_device_init(Object *obj)
{
    ISADevice *dev = ISA_DEVICE(obj);

    dev->isairq[0] = -1;
    dev->isairq[1] = -1;
}

static void isa_device_class_init(ObjectClass *klass, void *data)
{
    DEVICE_CLASS(klass)->bus_type = TYPE_ISA_BUS;
}

static void isabus_bridge_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->fw_name = "isa";
    device_class_set_category(dc, DEVICE_CATEGORY_BRIDGE);
}

static const TypeInfo isa_bus_types[] = {
    {
        .name = TYPE_ISA_BUS,
        .parent = TYPE_BUS,
        .instance_size = sizeof(ISABus),
        .instance_finalize = isa_bus_finalize,
    },
    {
        .name = TYPE_ISA_DEVICE,
        .parent = TYPE_DEVICE,
        .instance_size = sizeof(ISADevice),
        .instance_init = isa_device_init,
        .abstract = true,
        .class_init = isa_device_class_init,
    },
    {
        .name = TYPE_ISABUS_BRIDGE,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(SysBusDevice),
        .class_init = isabus_bridge_class_init,
    },
};

static void isa_bus_register_types(void)
{
    type_register_static_array(isa_bus_types, ARRAY_SIZE(isa_bus_types));
}

type_init(isa_bus_register_types)
