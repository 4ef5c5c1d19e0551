/*
 * debugcon.c: the debug console port ("isa-debugcon"), 0xe9 by default
 * (Bochs' port; SeaBIOS prints its log on 0x402 when given one there).
 *
 * Every byte the guest writes goes to the chardev; reading the port
 * returns the readback value (0xe9 by default, the byte guests probe
 * for).  The port has no flow control, so the guest never waits: what
 * the chardev cannot take at once is kept, in order, in a bounded buffer
 * drained from a chardev watch, and bytes beyond it are dropped.
 */
#include "qemu/osdep.h"
#include "hw/isa/isa.h"
#include "hw/qdev-properties-system.h"
#include "qapi/error.h"

#define TYPE_ISA_DEBUGCON_DEVICE "isa-debugcon"
#define DEBUGCON_BUF_SIZE 65536

typedef struct ISADebugconState {
    ISADevice parent_obj;
    /* properties */
    uint32_t iobase;
    CharBackend chr;
    uint32_t readback;
    /* state */
    MemoryRegion io;
    uint8_t *buf;               /* DEBUGCON_BUF_SIZE ring, allocated lazily */
    uint32_t head;
    uint32_t count;
    guint watch_tag;
} ISADebugconState;

#define ISA_DEBUGCON_DEVICE(obj) \
    OBJECT_CHECK(ISADebugconState, (obj), TYPE_ISA_DEBUGCON_DEVICE)

static void debugcon_flush(ISADebugconState *s);

static gboolean debugcon_watch_cb(void *do_not_use, GIOCondition cond,
                                  void *opaque)
{
    ISADebugconState *s = opaque;

    s->watch_tag = 0;
    debugcon_flush(s);
    return G_SOURCE_REMOVE;
}

/*
 * Write out what is buffered; wait on a watch when the chardev is full.
 * A chardev that fails otherwise (a peer gone) loses the buffer.
 */
static void debugcon_flush(ISADebugconState *s)
{
    while (s->count) {
        uint32_t chunk = MIN(s->count, DEBUGCON_BUF_SIZE - s->head);
        int rc;

        errno = 0;
        rc = qemu_chr_fe_write(&s->chr, s->buf + s->head, chunk);
        if (rc > 0) {
            s->head = (s->head + rc) % DEBUGCON_BUF_SIZE;
            s->count -= rc;
            continue;
        }
        if (rc == 0 || errno == EAGAIN) {
            /* Without a watch, the next byte written tries again. */
            s->watch_tag = qemu_chr_fe_add_watch(&s->chr,
                                                 G_IO_OUT | G_IO_HUP,
                                                 debugcon_watch_cb, s);
            return;
        }
        s->count = 0;
    }
    s->head = 0;
}

static void debugcon_ioport_write(void *opaque, hwaddr addr, uint64_t val,
                                  unsigned width)
{
    ISADebugconState *s = opaque;
    uint8_t ch = val;

    if (!s->count) {
        int rc;

        errno = 0;
        rc = qemu_chr_fe_write(&s->chr, &ch, 1);
        if (rc == 1 || (rc < 0 && errno != EAGAIN)) {
            return;
        }
    }
    if (!s->buf) {
        s->buf = g_malloc(DEBUGCON_BUF_SIZE);
    }
    if (s->count < DEBUGCON_BUF_SIZE) {
        s->buf[(s->head + s->count) % DEBUGCON_BUF_SIZE] = ch;
        s->count++;
    }
    if (!s->watch_tag) {
        debugcon_flush(s);
    }
}

static uint64_t debugcon_ioport_read(void *opaque, hwaddr addr,
                                     unsigned width)
{
    ISADebugconState *s = opaque;

    return s->readback;
}

/* Byte accesses: a wider one reaches the next ports (reference). */
static const MemoryRegionOps debugcon_ops = {
    .read = debugcon_ioport_read,
    .write = debugcon_ioport_write,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

static bool debugcon_realize(DeviceState *dev, Error **errp)
{
    ISADebugconState *s = ISA_DEBUGCON_DEVICE(dev);
    ISADevice *isa = ISA_DEVICE(dev);

    if (!qemu_chr_fe_backend_connected(&s->chr)) {
        error_setg(errp, "Can't create debugcon device, empty char device");
        return false;
    }
    /* Output only; handlers with an opaque mark the frontend open. */
    qemu_chr_fe_set_handlers(&s->chr, NULL, NULL, NULL, s, NULL, true);
    memory_region_init_io(&s->io, OBJECT(dev), &debugcon_ops, s,
                          TYPE_ISA_DEBUGCON_DEVICE, 1);
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

static void debugcon_unrealize(DeviceState *dev)
{
    ISADebugconState *s = ISA_DEBUGCON_DEVICE(dev);

    memory_region_del_subregion(isa_address_space_io(ISA_DEVICE(dev)),
                                &s->io);
    if (s->watch_tag) {
        g_source_remove(s->watch_tag);
        s->watch_tag = 0;
    }
    qemu_chr_fe_deinit(&s->chr, false);
}

static void debugcon_finalize(Object *obj)
{
    ISADebugconState *s = ISA_DEBUGCON_DEVICE(obj);

    g_free(s->buf);
}

static Property debugcon_properties[] = {
    DEFINE_PROP_UINT32("iobase", ISADebugconState, iobase, 0xe9),
    DEFINE_PROP_CHR("chardev", ISADebugconState, chr),
    DEFINE_PROP_UINT32("readback", ISADebugconState, readback, 0xe9),
    DEFINE_PROP_END_OF_LIST(),
};

static void debugcon_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = debugcon_realize;
    dc->unrealize = debugcon_unrealize;
    dc->user_creatable = true;
    device_class_set_props(dc, debugcon_properties);
    device_class_set_category(dc, DEVICE_CATEGORY_MISC);
}

static const TypeInfo debugcon_type = {
    .name = TYPE_ISA_DEBUGCON_DEVICE,
    .parent = TYPE_ISA_DEVICE,
    .instance_size = sizeof(ISADebugconState),
    .instance_finalize = debugcon_finalize,
    .class_init = debugcon_class_init,
};

static void debugcon_register_types(void)
{
    type_register_static(&debugcon_type);
}

type_init(debugcon_register_types)
