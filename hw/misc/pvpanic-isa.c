/*
 * pvpanic-isa.c: the paravirtual panic device on the ISA bus ("pvpanic").
 *
 * Reading the port gives the supported events (property "events", panic
 * and crash-loaded by default); writing reports them: bit 0 a panic
 * (GUEST_PANICKED and the -action panic= action), else bit 1 a crash
 * kernel loaded (GUEST_CRASHLOADED).  Other bits are ignored, and as on
 * the reference the events property does not filter what is reported.
 *
 * The write comes from a vCPU thread, which may not stop the VM itself:
 * the report is carried out by a bottom half in the main loop, moments
 * after the write.
 */
#include "qemu/osdep.h"
#include "hw/misc/pvpanic.h"
#include "hw/isa/isa.h"
#include "qapi/error.h"
#include "qemu/main-loop.h"
#include "sysemu/runstate.h"

typedef struct PVPanicISAState {
    ISADevice parent_obj;
    /* properties */
    uint16_t ioport;
    uint8_t events;
    /* state */
    MemoryRegion io;
    QEMUBH *bh;
    uint8_t reported;           /* events written, not yet handled */
} PVPanicISAState;

#define PVPANIC_ISA_DEVICE(obj) \
    OBJECT_CHECK(PVPanicISAState, (obj), TYPE_PVPANIC_ISA_DEVICE)

static void pvpanic_handle(void *opaque)
{
    PVPanicISAState *s = opaque;
    uint8_t ev = s->reported;

    s->reported = 0;
    if (ev & PVPANIC_PANICKED) {
        qemu_system_guest_panicked();
    } else if (ev & PVPANIC_CRASH_LOADED) {
        qemu_system_guest_crashloaded();
    }
}

static uint64_t pvpanic_read(void *opaque, hwaddr addr, unsigned size)
{
    PVPanicISAState *s = opaque;

    return s->events;
}

static void pvpanic_write(void *opaque, hwaddr addr, uint64_t val,
                          unsigned size)
{
    PVPanicISAState *s = opaque;

    if (val & (PVPANIC_PANICKED | PVPANIC_CRASH_LOADED)) {
        s->reported |= val & (PVPANIC_PANICKED | PVPANIC_CRASH_LOADED);
        qemu_bh_schedule(s->bh);
    }
}

static const MemoryRegionOps pvpanic_ops = {
    .read = pvpanic_read,
    .write = pvpanic_write,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

uint16_t pvpanic_port(void)
{
    Object *o = object_resolve_path_type("", TYPE_PVPANIC_ISA_DEVICE, NULL);

    return o ? PVPANIC_ISA_DEVICE(o)->ioport : 0;
}

static int pvpanic_find_other(Object *obj, void *opaque)
{
    return obj != opaque &&
           object_dynamic_cast(obj, TYPE_PVPANIC_ISA_DEVICE) &&
           DEVICE(obj)->realized;
}

static bool pvpanic_isa_realize(DeviceState *dev, Error **errp)
{
    PVPanicISAState *s = PVPANIC_ISA_DEVICE(dev);
    Object *machine = qdev_get_machine();

    /*
     * The reference fails on the second device when it adds its fw_cfg
     * file; the port would be ambiguous anyway.
     */
    if (machine &&
        object_child_foreach_recursive(machine, pvpanic_find_other, s)) {
        error_setg(errp, "duplicate fw_cfg file name: etc/pvpanic-port");
        return false;
    }
    s->bh = qemu_bh_new(pvpanic_handle, s);
    isa_register_ioport(ISA_DEVICE(dev), &s->io, s->ioport);
    return true;
}

static void pvpanic_isa_unrealize(DeviceState *dev)
{
    PVPanicISAState *s = PVPANIC_ISA_DEVICE(dev);

    memory_region_del_subregion(isa_address_space_io(ISA_DEVICE(dev)),
                                &s->io);
    qemu_bh_delete(s->bh);
    s->bh = NULL;
}

static void pvpanic_isa_initfn(Object *obj)
{
    PVPanicISAState *s = PVPANIC_ISA_DEVICE(obj);

    memory_region_init_io(&s->io, obj, &pvpanic_ops, s, "pvpanic", 1);
}

static Property pvpanic_isa_properties[] = {
    DEFINE_PROP_UINT16("ioport", PVPanicISAState, ioport, 0x505),
    DEFINE_PROP_UINT8("events", PVPanicISAState, events,
                      PVPANIC_PANICKED | PVPANIC_CRASH_LOADED),
    DEFINE_PROP_END_OF_LIST(),
};

static void pvpanic_isa_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = pvpanic_isa_realize;
    dc->unrealize = pvpanic_isa_unrealize;
    dc->user_creatable = true;
    device_class_set_props(dc, pvpanic_isa_properties);
    device_class_set_category(dc, DEVICE_CATEGORY_MISC);
}

static const TypeInfo pvpanic_isa_type = {
    .name = TYPE_PVPANIC_ISA_DEVICE,
    .parent = TYPE_ISA_DEVICE,
    .instance_size = sizeof(PVPanicISAState),
    .instance_init = pvpanic_isa_initfn,
    .class_init = pvpanic_isa_class_init,
};

static void pvpanic_isa_register_types(void)
{
    type_register_static(&pvpanic_isa_type);
}

type_init(pvpanic_isa_register_types)
