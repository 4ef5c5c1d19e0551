/*
 * char-null.c: the "null" backend: output is discarded, input never comes.
 */
#include "qemu/osdep.h"
#include "chardev-internal.h"

static int null_chr_write(Chardev *chr, const uint8_t *buf, int len)
{
    return len;
}

static bool null_chr_open(Chardev *chr, QemuOpts *opts, bool *be_opened,
                          Error **errp)
{
    /* QEMU never reports a null chardev as open to its frontend. */
    *be_opened = false;
    return true;
}

static void null_chr_class_init(ObjectClass *oc, void *data)
{
    ChardevClass *cc = CHARDEV_CLASS(oc);

    cc->open = null_chr_open;
    cc->chr_write = null_chr_write;
}

static const TypeInfo null_chr_type_info = {
    .name = "chardev-null",
    .parent = TYPE_CHARDEV,
    .instance_size = sizeof(Chardev),
    .class_init = null_chr_class_init,
};

static void null_chr_register_types(void)
{
    type_register_static(&null_chr_type_info);
}
type_init(null_chr_register_types)
