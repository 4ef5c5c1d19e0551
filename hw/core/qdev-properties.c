/*
 * qdev-properties.c: static device properties (the DEFINE_PROP_* tables)
 * and -global.
 *
 * A Property becomes a class property whose opaque is the Property; the
 * value lives in the device struct at Property.offset.  All setters go
 * through field_prop_set(), which refuses changes to a realized device
 * before the value is even parsed, as QEMU does.
 */
#include "qemu/osdep.h"
#include "hw/qdev-core.h"
#include "hw/core/qdev-internal.h"

const char *const OnOffAuto_lookup[] = { "auto", "on", "off", NULL };

void *qdev_get_prop_ptr(Object *obj, const Property *prop)
{
    return (char *)obj + prop->offset;
}

static const Property *op_prop(ObjectProperty *op)
{
    return op->opaque;
}

static bool field_prop_set(Object *obj, ObjectProperty *op, json_t *value,
                           Error **errp)
{
    const Property *prop = op->opaque;
    DeviceState *dev = (DeviceState *)object_dynamic_cast(obj, TYPE_DEVICE);

    if (dev && dev->realized) {
        if (dev->id) {
            error_setg(errp, "Attempt to set property '%s' on device '%s' "
                       "(type '%s') after it was realized", op->name,
                       dev->id, object_get_typename(obj));
        } else {
            error_setg(errp, "Attempt to set property '%s' on anonymous "
                       "device (type '%s') after it was realized", op->name,
                       object_get_typename(obj));
        }
        return false;
    }
    return prop->info->set(obj, op, value, errp);
}

/* ---- defaults ---- */

void qdev_propinfo_set_default_value_int(ObjectProperty *op,
                                         const Property *prop)
{
    object_property_set_default(op, json_integer(prop->defval.i));
}

void qdev_propinfo_set_default_value_uint(ObjectProperty *op,
                                          const Property *prop)
{
    object_property_set_default(op, qom_json_uint(prop->defval.u));
}

static void set_default_value_bool(ObjectProperty *op, const Property *prop)
{
    object_property_set_default(op, json_boolean(prop->defval.u));
}

void qdev_propinfo_set_default_value_enum(ObjectProperty *op,
                                          const Property *prop)
{
    object_property_set_default(
        op, json_string(prop->info->enum_table[prop->defval.i]));
}

/* ---- bit / bool ---- */

static json_t *prop_get_bit(Object *obj, ObjectProperty *op, Error **errp)
{
    const Property *prop = op_prop(op);
    uint32_t *p = qdev_get_prop_ptr(obj, prop);

    return json_boolean(*p & (1u << prop->bitnr));
}

static bool prop_set_bit(Object *obj, ObjectProperty *op, json_t *value,
                         Error **errp)
{
    const Property *prop = op_prop(op);
    uint32_t *p = qdev_get_prop_ptr(obj, prop);
    bool v;

    if (!qom_parse_bool(op->name, value, &v, errp)) {
        return false;
    }
    if (v) {
        *p |= 1u << prop->bitnr;
    } else {
        *p &= ~(1u << prop->bitnr);
    }
    return true;
}

const PropertyInfo qdev_prop_bit = {
    .name = "bool",
    .description = "on/off",
    .get = prop_get_bit,
    .set = prop_set_bit,
    .set_default_value = set_default_value_bool,
};

static json_t *prop_get_bool(Object *obj, ObjectProperty *op, Error **errp)
{
    return json_boolean(*(bool *)qdev_get_prop_ptr(obj, op_prop(op)));
}

static bool prop_set_bool(Object *obj, ObjectProperty *op, json_t *value,
                          Error **errp)
{
    return qom_parse_bool(op->name, value,
                          qdev_get_prop_ptr(obj, op_prop(op)), errp);
}

const PropertyInfo qdev_prop_bool = {
    .name = "bool",
    .get = prop_get_bool,
    .set = prop_set_bool,
    .set_default_value = set_default_value_bool,
};

/* ---- integers ---- */

#define DEFINE_UINT_INFO(bits)                                              \
static json_t *prop_get_uint##bits(Object *obj, ObjectProperty *op,         \
                                   Error **errp)                            \
{                                                                           \
    return qom_json_uint(*(uint##bits##_t *)qdev_get_prop_ptr(obj,          \
                                                              op_prop(op)));\
}                                                                           \
static bool prop_set_uint##bits(Object *obj, ObjectProperty *op,            \
                                json_t *value, Error **errp)                \
{                                                                           \
    uint64_t v;                                                             \
                                                                            \
    if (!qom_parse_uint(op->name, value, UINT##bits##_MAX, &v, errp)) {     \
        return false;                                                       \
    }                                                                       \
    *(uint##bits##_t *)qdev_get_prop_ptr(obj, op_prop(op)) = v;             \
    return true;                                                            \
}                                                                           \
const PropertyInfo qdev_prop_uint##bits = {                                 \
    .name = "uint" #bits,                                                   \
    .get = prop_get_uint##bits,                                             \
    .set = prop_set_uint##bits,                                             \
    .set_default_value = qdev_propinfo_set_default_value_uint,              \
};

DEFINE_UINT_INFO(8)
DEFINE_UINT_INFO(16)
DEFINE_UINT_INFO(32)
DEFINE_UINT_INFO(64)

json_t *qdev_propinfo_get_int32(Object *obj, ObjectProperty *op,
                                Error **errp)
{
    return json_integer(*(int32_t *)qdev_get_prop_ptr(obj, op_prop(op)));
}

bool qdev_propinfo_set_int32(Object *obj, ObjectProperty *op, json_t *value,
                             Error **errp)
{
    int64_t v;

    if (!qom_parse_int(op->name, value, INT32_MIN, INT32_MAX, &v, errp)) {
        return false;
    }
    *(int32_t *)qdev_get_prop_ptr(obj, op_prop(op)) = v;
    return true;
}

const PropertyInfo qdev_prop_int32 = {
    .name = "int32",
    .get = qdev_propinfo_get_int32,
    .set = qdev_propinfo_set_int32,
    .set_default_value = qdev_propinfo_set_default_value_int,
};

static json_t *prop_get_int64(Object *obj, ObjectProperty *op, Error **errp)
{
    return json_integer(*(int64_t *)qdev_get_prop_ptr(obj, op_prop(op)));
}

static bool prop_set_int64(Object *obj, ObjectProperty *op, json_t *value,
                           Error **errp)
{
    return qom_parse_int(op->name, value, INT64_MIN, INT64_MAX,
                         qdev_get_prop_ptr(obj, op_prop(op)), errp);
}

const PropertyInfo qdev_prop_int64 = {
    .name = "int64",
    .get = prop_get_int64,
    .set = prop_set_int64,
    .set_default_value = qdev_propinfo_set_default_value_int,
};

static bool prop_set_size(Object *obj, ObjectProperty *op, json_t *value,
                          Error **errp)
{
    return qom_parse_size(op->name, value,
                          qdev_get_prop_ptr(obj, op_prop(op)), errp);
}

const PropertyInfo qdev_prop_size = {
    .name = "size",
    .get = prop_get_uint64,
    .set = prop_set_size,
    .set_default_value = qdev_propinfo_set_default_value_uint,
};

/* ---- strings ---- */

static json_t *prop_get_string(Object *obj, ObjectProperty *op, Error **errp)
{
    char **p = qdev_get_prop_ptr(obj, op_prop(op));

    return json_string(*p ? *p : "");
}

static bool prop_set_string(Object *obj, ObjectProperty *op, json_t *value,
                            Error **errp)
{
    char **p = qdev_get_prop_ptr(obj, op_prop(op));
    const char *s;

    if (!qom_parse_str(op->name, value, &s, errp)) {
        return false;
    }
    g_free(*p);
    *p = g_strdup(s);
    return true;
}

static void prop_release_string(Object *obj, ObjectProperty *op)
{
    char **p = qdev_get_prop_ptr(obj, op_prop(op));

    g_free(*p);
    *p = NULL;
}

const PropertyInfo qdev_prop_string = {
    .name = "str",
    .get = prop_get_string,
    .set = prop_set_string,
    .release = prop_release_string,
};

/* ---- enums ---- */

json_t *qdev_propinfo_get_enum(Object *obj, ObjectProperty *op,
                               Error **errp)
{
    const Property *prop = op_prop(op);
    int *p = qdev_get_prop_ptr(obj, prop);
    int n = g_strv_length((char **)prop->info->enum_table);

    if (*p < 0 || *p >= n) {
        error_setg(errp, "Property '%s' has an invalid value %d", op->name,
                   *p);
        return NULL;
    }
    return json_string(prop->info->enum_table[*p]);
}

bool qdev_propinfo_set_enum(Object *obj, ObjectProperty *op, json_t *value,
                            Error **errp)
{
    const Property *prop = op_prop(op);

    return qom_parse_enum(op->name, value, prop->info->enum_table,
                          qdev_get_prop_ptr(obj, prop), errp);
}

const PropertyInfo qdev_prop_on_off_auto = {
    .name = "OnOffAuto",
    .description = "on/off/auto",
    .enum_table = OnOffAuto_lookup,
    .get = qdev_propinfo_get_enum,
    .set = qdev_propinfo_set_enum,
    .set_default_value = qdev_propinfo_set_default_value_enum,
};

/* ---- links ---- */

static bool allow_set_link_before_realize(const Object *obj,
                                          const char *name, Object *val,
                                          Error **errp)
{
    DeviceState *dev = (DeviceState *)object_dynamic_cast((Object *)obj,
                                                          TYPE_DEVICE);

    if (dev && dev->realized) {
        error_setg(errp, "Attempt to set link property '%s' on device '%s' "
                   "(type '%s') after it was realized", name,
                   dev->id ? dev->id : "", object_get_typename(obj));
        return false;
    }
    return true;
}

/* Links are created as class link properties, not through get/set. */
const PropertyInfo qdev_prop_link = {
    .name = "link",
};

/* ---- tables ---- */

static void qdev_class_add_property(DeviceClass *dc, Property *prop)
{
    ObjectClass *oc = OBJECT_CLASS(dc);
    const PropertyInfo *info = prop->info;
    ObjectProperty *op;

    if (info == &qdev_prop_link) {
        op = object_class_property_add_link(oc, prop->name, prop->link_type,
                                            prop->offset,
                                            allow_set_link_before_realize,
                                            OBJ_PROP_LINK_STRONG);
    } else {
        op = object_class_property_add(oc, prop->name, info->name, info->get,
                                       info->set ? field_prop_set : NULL,
                                       info->release, prop);
    }
    op->enum_values = info->enum_table;
    if (prop->set_default && info->set_default_value) {
        info->set_default_value(op, prop);
    }
    if (info->description) {
        object_class_property_set_description(oc, prop->name,
                                              info->description);
    }
}

void device_class_set_props(DeviceClass *dc, Property *props)
{
    Property *prop;

    dc->props = props;
    for (prop = props; prop && prop->name; prop++) {
        qdev_class_add_property(dc, prop);
    }
}

/* ---- -global ---- */

typedef struct GlobalProperty {
    char *driver;
    char *property;
    char *value;
    bool used;
    bool compat;                /* a machine type's (see below) */
} GlobalProperty;

/* The machine type's compatibility properties first, then -global's. */
static GList *global_props;
static int nb_compat_props;

void qdev_prop_register_global(const char *driver, const char *property,
                               const char *value)
{
    GlobalProperty *g = g_new0(GlobalProperty, 1);

    g->driver = g_strdup(driver);
    g->property = g_strdup(property);
    g->value = g_strdup(value);
    global_props = g_list_append(global_props, g);
}

void qdev_prop_register_compat(const char *driver, const char *property,
                               const char *value)
{
    GlobalProperty *g = g_new0(GlobalProperty, 1);

    g->driver = g_strdup(driver);
    g->property = g_strdup(property);
    g->value = g_strdup(value);
    g->used = true;
    g->compat = true;
    global_props = g_list_insert(global_props, g, nb_compat_props++);
}

void qdev_prop_set_globals(DeviceState *dev)
{
    GList *l;

    for (l = global_props; l; l = l->next) {
        GlobalProperty *g = l->data;
        Error *err = NULL;

        if (!object_dynamic_cast(OBJECT(dev), g->driver)) {
            continue;
        }
        if (g->compat && !object_property_find(OBJECT(dev), g->property)) {
            continue;
        }
        g->used = true;
        if (object_property_parse(OBJECT(dev), g->property, g->value,
                                  &err)) {
            continue;
        }
        error_prepend(&err, "can't apply global %s.%s=%s: ", g->driver,
                      g->property, g->value);
        if (dev->hotplugged) {
            warn_report_err(err);
        } else if (!dev->global_err) {
            dev->global_err = err;
        } else {
            error_free(err);
        }
    }
}

/* The "DRIVER.PROPERTY=VALUE" form, with QEMU's 63-character fields. */
static bool global_parse_short(const char *str)
{
    size_t dlen = strcspn(str, ".=");
    size_t plen;
    char *driver, *property;

    if (dlen == 0 || dlen > 63 || str[dlen] != '.') {
        return false;
    }
    plen = strcspn(str + dlen + 1, "=");
    if (plen == 0 || plen > 63 || str[dlen + 1 + plen] != '=') {
        return false;
    }
    driver = g_strndup(str, dlen);
    property = g_strndup(str + dlen + 1, plen);
    qdev_prop_register_global(driver, property, str + dlen + 1 + plen + 1);
    g_free(driver);
    g_free(property);
    return true;
}

/* The next "key[=value]" of a comma list (",," is a literal comma). */
static char *next_opt(const char **p)
{
    GString *s = g_string_new(NULL);
    const char *c = *p;

    for (; *c; c++) {
        if (*c == ',') {
            if (c[1] != ',') {
                c++;
                break;
            }
            c++;
        }
        g_string_append_c(s, *c);
    }
    *p = c;
    return g_string_free(s, false);
}

bool qdev_global_parse(const char *str, Error **errp)
{
    static const char *const keys[] = { "driver", "property", "value" };
    char *vals[3] = { NULL, NULL, NULL };
    const char *p = str;
    bool ok = false;
    int i;

    if (global_parse_short(str)) {
        return true;
    }
    while (*p) {
        char *opt = next_opt(&p);
        char *eq = strchr(opt, '=');

        if (eq) {
            *eq = '\0';
        }
        i = 0;
        while (i < 3 && strcmp(opt, keys[i])) {
            i++;
        }
        if (i == 3 || !eq) {
            error_setg(errp, "Invalid parameter '%s'", opt);
            g_free(opt);
            goto out;
        }
        g_free(vals[i]);
        vals[i] = g_strdup(eq + 1);
        g_free(opt);
    }
    if (!vals[0] || !vals[1] || !vals[2]) {
        error_setg(errp, "options 'driver', 'property', and 'value' are "
                   "required");
        goto out;
    }
    qdev_prop_register_global(vals[0], vals[1], vals[2]);
    ok = true;
out:
    for (i = 0; i < 3; i++) {
        g_free(vals[i]);
    }
    return ok;
}

void qdev_prop_check_globals(void)
{
    GList *l;

    for (l = global_props; l; l = l->next) {
        GlobalProperty *g = l->data;
        ObjectClass *oc;

        if (g->used) {
            continue;
        }
        oc = object_class_dynamic_cast(object_class_by_name(g->driver),
                                       TYPE_DEVICE);
        if (!oc) {
            warn_report("global %s.%s has invalid class name", g->driver,
                        g->property);
            continue;
        }
        if (!DEVICE_CLASS(oc)->hotpluggable) {
            warn_report("global %s.%s=%s not used", g->driver, g->property,
                        g->value);
        }
    }
}
