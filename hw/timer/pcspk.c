/*
 * pcspk.c: the PC speaker / port 0x61 ("isa-pcspk").
 *
 * Reference: IBM PC AT technical reference, port 61h (system control
 * port B): bit 0 timer 2 gate, bit 1 speaker data enable, bit 4 refresh
 * detect (toggles), bit 5 timer 2 output.  As on the reference, the
 * refresh bit flips on every read (a guest polling it sees it move) and
 * bits 2-3 (parity/IOCHK enables) read back as 0.
 */
#include "qemu/osdep.h"
#include "hw/timer/pcspk.h"
#include "hw/timer/i8254.h"
#include "qapi/error.h"

#define PCSPK_GATE          0x01
#define PCSPK_DATA_ON       0x02
#define PCSPK_REFRESH       0x10
#define PCSPK_OUT2_SHIFT    5

typedef struct PCSpkState {
    ISADevice parent_obj;
    /* properties */
    uint32_t iobase;
    char *audiodev;
    bool migrate;
    ISADevice *pit;             /* "pit" link (set by the board) */
    /* state */
    MemoryRegion ioport;
    uint8_t data_on;
    uint8_t refresh;
} PCSpkState;

#define PC_SPEAKER(obj) OBJECT_CHECK(PCSpkState, (obj), TYPE_PC_SPEAKER)

static uint64_t pcspk_io_read(void *opaque, hwaddr addr, unsigned size)
{
    PCSpkState *s = opaque;
    PITChannelInfo ch = { 0 };

    if (s->pit) {
        pit_get_channel_info(s->pit, 2, &ch);
    }
    s->refresh ^= PCSPK_REFRESH;
    return (ch.gate ? PCSPK_GATE : 0) | (s->data_on ? PCSPK_DATA_ON : 0) |
           s->refresh | (ch.out ? 1 << PCSPK_OUT2_SHIFT : 0);
}

static void pcspk_io_write(void *opaque, hwaddr addr, uint64_t val,
                           unsigned size)
{
    PCSpkState *s = opaque;

    s->data_on = !!(val & PCSPK_DATA_ON);
    if (s->pit) {
        pit_set_gate(s->pit, 2, val & PCSPK_GATE);
    }
}

static const MemoryRegionOps pcspk_io_ops = {
    .read = pcspk_io_read,
    .write = pcspk_io_write,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

static void pcspk_reset(DeviceState *dev)
{
    PCSpkState *s = PC_SPEAKER(dev);

    s->data_on = 0;
    s->refresh = 0;
}

static bool pcspk_realize(DeviceState *dev, Error **errp)
{
    PCSpkState *s = PC_SPEAKER(dev);

    if (s->iobase > 0xffff) {
        error_setg(errp, "isa-pcspk: invalid iobase 0x%x", s->iobase);
        return false;
    }
    isa_register_ioport(ISA_DEVICE(dev), &s->ioport, s->iobase);
    return true;
}

static void pcspk_unrealize(DeviceState *dev)
{
    PCSpkState *s = PC_SPEAKER(dev);

    memory_region_del_subregion(isa_address_space_io(ISA_DEVICE(dev)),
                                &s->ioport);
}

static void pcspk_initfn(Object *obj)
{
    PCSpkState *s = PC_SPEAKER(obj);

    memory_region_init_io(&s->ioport, obj, &pcspk_io_ops, s, "pcspk", 1);
}

ISADevice *pcspk_init(ISABus *bus, ISADevice *pit)
{
    DeviceState *dev = qdev_new(TYPE_PC_SPEAKER);

    object_property_set_link(OBJECT(dev), "pit", OBJECT(pit), &error_abort);
    qdev_realize_and_unref(dev, BUS(bus), &error_abort);
    return ISA_DEVICE(dev);
}

/* A string property with the reference's description. */
static PropertyInfo pcspk_prop_audiodev;

static Property pcspk_properties[] = {
    DEFINE_PROP("audiodev", PCSpkState, audiodev, pcspk_prop_audiodev,
                char *),
    DEFINE_PROP_UINT32("iobase", PCSpkState, iobase, 0x61),
    DEFINE_PROP_BOOL("migrate", PCSpkState, migrate, true),
    DEFINE_PROP_END_OF_LIST(),
};

static void pcspk_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = pcspk_realize;
    dc->unrealize = pcspk_unrealize;
    dc->reset = pcspk_reset;
    dc->desc = "PC Speaker";
    pcspk_prop_audiodev = qdev_prop_string;
    pcspk_prop_audiodev.description = "ID of an audiodev to use as a backend";
    device_class_set_props(dc, pcspk_properties);
    /* Not a static property: info qtree does not list it (reference). */
    object_class_property_add_link(klass, "pit", TYPE_PIT_COMMON,
                                   offsetof(PCSpkState, pit),
                                   object_property_allow_set_link, 0);
    device_class_set_category(dc, DEVICE_CATEGORY_SOUND);
    /* The board creates it with its link to the PIT. */
    dc->user_creatable = false;
}

static const TypeInfo pcspk_type = {
    .name = TYPE_PC_SPEAKER,
    .parent = TYPE_ISA_DEVICE,
    .instance_size = sizeof(PCSpkState),
    .instance_init = pcspk_initfn,
    .class_init = pcspk_class_init,
};

static void pcspk_register_types(void)
{
    type_register_static(&pcspk_type);
}

type_init(pcspk_register_types)
