/*
 * debugexit.c: the debug exit port ("isa-debug-exit").
 *
 * A test guest ends the emulator by writing a value V to the port: the
 * process exits with status (V << 1) | 1 (its low 8 bits, as exit()
 * gives them), so a guest can never produce the status 0 of a normal
 * shutdown.  Unlike the reference, which calls exit() from the vCPU, the
 * exit is a request carried out by the main loop, so monitors, chardevs
 * and the terminal are closed properly first.  Reads return 0.  iobase and
 * iosize place and size the port range (0x501, 2 bytes by default); a
 * write of up to 4 bytes inside it is one value.
 */
#include "qemu/osdep.h"
#include "hw/isa/isa.h"
#include "sysemu/runstate.h"

#define TYPE_ISA_DEBUG_EXIT_DEVICE "isa-debug-exit"

typedef struct ISADebugExitState {
    ISADevice parent_obj;
    uint32_t iobase;
    uint32_t iosize;
    MemoryRegion io;
} ISADebugExitState;

#define ISA_DEBUG_EXIT_DEVICE(obj) \
    OBJECT_CHECK(ISADebugExitState, (obj), TYPE_ISA_DEBUG_EXIT_DEVICE)

static uint64_t debug_exit_read(void *opaque, hwaddr addr, unsigned size)
{
    return 0;
}

static void debug_exit_write(void *opaque, hwaddr addr, uint64_t val,
                             unsigned width)
{
    qemu_system_exit_request(((val << 1) | 1) & 0xff);
}

static const MemoryRegionOps debug_exit_ops = {
    .read = debug_exit_read,
    .write = debug_exit_write,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
};

static bool debug_exit_realize(DeviceState *dev, Error **errp)
{
    ISADebugExitState *s = ISA_DEBUG_EXIT_DEVICE(dev);
    ISADevice *isa = ISA_DEVICE(dev);

    memory_region_init_io(&s->io, OBJECT(dev), &debug_exit_ops, s,
                          TYPE_ISA_DEBUG_EXIT_DEVICE, s->iosize);
    if (s->iobase <= 0xffff) {
        isa_register_ioport(isa, &s->io, s->iobase);
    } else {
        /* Beyond the I/O space: unreachable, accepted as on the
         * reference. */
        memory_region_add_subregion(isa_address_space_io(isa), s->iobase,
                                    &s->io);
    }
    return true;
}

static void debug_exit_unrealize(DeviceState *dev)
{
    memory_region_del_subregion(isa_address_space_io(ISA_DEVICE(dev)),
                                &ISA_DEBUG_EXIT_DEVICE(dev)->io);
}

static Property debug_exit_properties[] = {
    DEFINE_PROP_UINT32("iobase", ISADebugExitState, iobase, 0x501),
    DEFINE_PROP_UINT32("iosize", ISADebugExitState, iosize, 0x02),
    DEFINE_PROP_END_OF_LIST(),
};

static void debug_exit_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = debug_exit_realize;
    dc->unrealize = debug_exit_unrealize;
    dc->user_creatable = true;
    device_class_set_props(dc, debug_exit_properties);
    device_class_set_category(dc, DEVICE_CATEGORY_MISC);
}

static const TypeInfo debug_exit_type = {
    .name = TYPE_ISA_DEBUG_EXIT_DEVICE,
    .parent = TYPE_ISA_DEVICE,
    .instance_size = sizeof(ISADebugExitState),
    .class_init = debug_exit_class_init,
};

static void debug_exit_register_types(void)
{
    type_register_static(&debug_exit_type);
}

type_init(debug_exit_register_types)
