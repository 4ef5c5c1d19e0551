/*
 * char-ringbuf.c: the "ringbuf" backend (alias "memory"): output is kept
 * in a ring of size= bytes (a power of two, 64 KiB by default), the oldest
 * bytes dropped when full; QMP ringbuf-read takes bytes out and
 * ringbuf-write puts bytes in.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "chardev-internal.h"

#define RINGBUF_DEFAULT_SIZE 65536
/* Far above any sensible use; keeps a typo from exhausting memory. */
#define RINGBUF_MAX_SIZE (1ULL << 30)

typedef struct RingBufChardev {
    Chardev parent;
    size_t size;
    size_t prod;
    size_t cons;
    uint8_t *cbuf;
} RingBufChardev;

#define RINGBUF_CHARDEV(obj) \
    OBJECT_CHECK(RingBufChardev, (obj), TYPE_CHARDEV_RINGBUF)

bool chardev_is_ringbuf(Chardev *chr)
{
    return object_dynamic_cast(OBJECT(chr), TYPE_CHARDEV_RINGBUF) != NULL;
}

void ringbuf_chr_store(Chardev *chr, const uint8_t *buf, int len)
{
    RingBufChardev *d = RINGBUF_CHARDEV(chr);
    int i;

    for (i = 0; i < len; i++) {
        d->cbuf[d->prod++ & (d->size - 1)] = buf[i];
        if (d->prod - d->cons > d->size) {
            d->cons = d->prod - d->size;
        }
    }
}

uint8_t *ringbuf_chr_take(Chardev *chr, int size, int *out_len)
{
    RingBufChardev *d = RINGBUF_CHARDEV(chr);
    size_t count = d->prod - d->cons;
    size_t n = MIN((size_t)size, count);
    uint8_t *out = g_malloc(n + 1);
    size_t i;

    for (i = 0; i < n; i++) {
        out[i] = d->cbuf[d->cons++ & (d->size - 1)];
    }
    out[n] = 0;
    *out_len = n;
    return out;
}

static int ringbuf_chr_write(Chardev *chr, const uint8_t *buf, int len)
{
    ringbuf_chr_store(chr, buf, len);
    return len;
}

static bool ringbuf_chr_open(Chardev *chr, QemuOpts *opts, bool *be_opened,
                             Error **errp)
{
    RingBufChardev *d = RINGBUF_CHARDEV(chr);
    uint64_t size = opts ? qemu_opt_get_size(opts, "size", 0) : 0;

    if (size == 0) {
        size = RINGBUF_DEFAULT_SIZE;
    }
    if (size & (size - 1)) {
        error_setg(errp, "size of ringbuf chardev must be power of two");
        return false;
    }
    if (size > RINGBUF_MAX_SIZE) {
        error_setg(errp, "size of ringbuf chardev must be at most %llu",
                   RINGBUF_MAX_SIZE);
        return false;
    }
    d->size = size;
    d->cbuf = g_malloc0(size);
    return true;
}

static void ringbuf_chr_finalize(Object *obj)
{
    g_free(RINGBUF_CHARDEV(obj)->cbuf);
}

static void ringbuf_chr_class_init(ObjectClass *oc, void *data)
{
    ChardevClass *cc = CHARDEV_CLASS(oc);

    cc->open = ringbuf_chr_open;
    cc->chr_write = ringbuf_chr_write;
}

static const TypeInfo ringbuf_chr_type_infos[] = {
    {
        .name = TYPE_CHARDEV_RINGBUF,
        .parent = TYPE_CHARDEV,
        .instance_size = sizeof(RingBufChardev),
        .instance_finalize = ringbuf_chr_finalize,
        .class_init = ringbuf_chr_class_init,
    }, {
        .name = "chardev-memory",
        .parent = TYPE_CHARDEV_RINGBUF,
    },
};

static void ringbuf_chr_register_types(void)
{
    type_register_static_array(ringbuf_chr_type_infos,
                               ARRAY_SIZE(ringbuf_chr_type_infos));
}
type_init(ringbuf_chr_register_types)
