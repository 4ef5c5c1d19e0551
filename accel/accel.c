/*
 * accel.c: TYPE_ACCEL and the accelerator registry (see sysemu/accel.h).
 */
#include "qemu/osdep.h"
#include "sysemu/accel.h"

static AccelState *accel_in_use;

static const TypeInfo accel_type = {
    .name = TYPE_ACCEL,
    .parent = TYPE_OBJECT,
    .abstract = true,
    .class_size = sizeof(AccelClass),
    .instance_size = sizeof(AccelState),
};

static void accel_register_types(void)
{
    type_register_static(&accel_type);
}
type_init(accel_register_types)

AccelClass *accel_find(const char *name)
{
    char *typename = g_strconcat(name, ACCEL_CLASS_SUFFIX, NULL);
    ObjectClass *oc = object_class_by_name(typename);

    g_free(typename);
    if (!oc || !object_class_dynamic_cast(oc, TYPE_ACCEL) ||
        object_class_is_abstract(oc)) {
        return NULL;
    }
    return ACCEL_CLASS(oc);
}

bool accel_name_is_known(const char *name)
{
    static const char *const known[] = {
        "kvm", "tcg", "xen", "hax", "hvf", "nvmm", "whpx", "qtest", NULL
    };
    int i;

    for (i = 0; known[i]; i++) {
        if (!strcmp(known[i], name)) {
            return true;
        }
    }
    return false;
}

static void print_one(ObjectClass *oc, void *opaque)
{
    GString *out = opaque;
    const char *name = object_class_get_name(oc);
    size_t len = strlen(name) - strlen(ACCEL_CLASS_SUFFIX);

    g_string_append_printf(out, "%.*s\n", (int)len, name);
}

void accel_print_help(GString *out)
{
    g_string_append(out, "Accelerators supported in QEMU binary:\n");
    object_class_foreach(print_one, TYPE_ACCEL, false, out);
}

AccelState *current_accel(void)
{
    return accel_in_use;
}

void accel_set_current(AccelState *as)
{
    accel_in_use = as;
}
