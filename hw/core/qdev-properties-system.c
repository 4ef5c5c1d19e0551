/*
 * qdev-properties-system.c: the chardev property (DEFINE_PROP_CHR).
 *
 * The field is a CharBackend embedded in the device; setting the property
 * attaches it to the named chardev at once, so a second device naming the
 * same chardev fails while its options are applied, as on the reference.
 */
#include "qemu/osdep.h"
#include "hw/qdev-properties-system.h"

static json_t *prop_get_chr(Object *obj, ObjectProperty *op, Error **errp)
{
    CharBackend *be = qdev_get_prop_ptr(obj, op->opaque);
    Chardev *chr = be->chr;

    return json_string(chr && chr->label ? chr->label : "");
}

static bool prop_set_chr(Object *obj, ObjectProperty *op, json_t *value,
                         Error **errp)
{
    CharBackend *be = qdev_get_prop_ptr(obj, op->opaque);
    Error *err = NULL;
    const char *id;
    Chardev *chr;

    if (!qom_parse_str(op->name, value, &id, errp)) {
        return false;
    }
    /* A new value replaces the old one (e.g. -global then -device). */
    qemu_chr_fe_deinit(be, false);
    if (!*id) {
        return true;
    }
    chr = qemu_chr_find(id);
    if (!chr) {
        error_setg(errp, "Property '%s.%s' can't find value '%s'",
                   object_get_typename(obj), op->name, id);
        return false;
    }
    if (!qemu_chr_fe_init(be, chr, &err)) {
        error_setg(errp, "Property '%s.%s' can't take value '%s': %s",
                   object_get_typename(obj), op->name, id,
                   error_get_pretty(err));
        error_free(err);
        return false;
    }
    return true;
}

static void prop_release_chr(Object *obj, ObjectProperty *op)
{
    CharBackend *be = qdev_get_prop_ptr(obj, op->opaque);

    qemu_chr_fe_deinit(be, false);
}

const PropertyInfo qdev_prop_chr = {
    .name = "str",
    .description = "ID of a chardev to use as a backend",
    .get = prop_get_chr,
    .set = prop_set_chr,
    .release = prop_release_chr,
};
