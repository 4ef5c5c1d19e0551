/*
 * qom-qmp-cmds.c: the QMP commands of the object model and of qdev
 * (declared in qapi/qom.json and qapi/qdev.json).
 *
 * List replies are built in QEMU's order (its lists are built by
 * prepending while walking hash tables), and object members in the order
 * QEMU prints them, so that replies compare equal as text.
 */
#include "qemu/osdep.h"
#include "qom/object.h"
#include "hw/qdev-core.h"
#include "monitor/monitor.h"

static const char *arg_str(json_t *args, const char *name)
{
    return json_string_value(json_object_get(args, name));
}

static Object *find_object(const char *path, Error **errp)
{
    Object *obj = object_resolve_path(path, NULL);

    if (!obj) {
        error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND,
                  "Device '%s' not found", path);
    }
    return obj;
}

static json_t *prop_info(ObjectProperty *prop)
{
    json_t *info = json_object();

    json_object_set_new(info, "name", json_string(prop->name));
    if (prop->description) {
        json_object_set_new(info, "description",
                            json_string(prop->description));
    }
    json_object_set_new(info, "type", json_string(prop->type));
    return info;
}

static json_t *qmp_qom_list(json_t *args, Error **errp)
{
    const char *path = arg_str(args, "path");
    bool ambiguous = false;
    ObjectPropertyIterator iter;
    ObjectProperty *prop;
    json_t *list;
    Object *obj;

    obj = object_resolve_path(path, &ambiguous);
    if (!obj) {
        if (ambiguous) {
            error_setg(errp, "Path '%s' is ambiguous", path);
        } else {
            error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND,
                      "Device '%s' not found", path);
        }
        return NULL;
    }
    list = json_array();
    object_property_iter_init(&iter, obj);
    while ((prop = object_property_iter_next(&iter))) {
        json_t *info = json_object();

        json_object_set_new(info, "name", json_string(prop->name));
        json_object_set_new(info, "type", json_string(prop->type));
        json_array_insert_new(list, 0, info);
    }
    return list;
}

static json_t *qmp_qom_get(json_t *args, Error **errp)
{
    Object *obj = find_object(arg_str(args, "path"), errp);

    if (!obj) {
        return NULL;
    }
    return object_property_get(obj, arg_str(args, "property"), errp);
}

static json_t *qmp_qom_set(json_t *args, Error **errp)
{
    Object *obj = find_object(arg_str(args, "path"), errp);
    QomInputMode saved;
    bool ok;

    if (!obj) {
        return NULL;
    }
    saved = qom_input_mode_set(QOM_INPUT_TYPED);
    ok = object_property_set(obj, arg_str(args, "property"),
                             json_object_get(args, "value"), errp);
    qom_input_mode_set(saved);
    return ok ? json_object() : NULL;
}

static void add_type_info(ObjectClass *klass, void *opaque)
{
    ObjectClass *parent = object_class_get_parent(klass);
    json_t *info = json_object();

    if (object_class_is_abstract(klass)) {
        json_object_set_new(info, "abstract", json_true());
    }
    json_object_set_new(info, "name",
                        json_string(object_class_get_name(klass)));
    if (parent) {
        json_object_set_new(info, "parent",
                            json_string(object_class_get_name(parent)));
    }
    json_array_insert_new(opaque, 0, info);
}

static json_t *qmp_qom_list_types(json_t *args, Error **errp)
{
    json_t *list = json_array();

    object_class_foreach(add_type_info, arg_str(args, "implements"),
                         json_is_true(json_object_get(args, "abstract")),
                         list);
    return list;
}

static json_t *qmp_qom_list_properties(json_t *args, Error **errp)
{
    const char *typename = arg_str(args, "typename");
    ObjectClass *klass = object_class_by_name(typename);
    ObjectPropertyIterator iter;
    ObjectProperty *prop;
    Object *obj = NULL;
    json_t *list;

    if (!klass) {
        error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND,
                  "Class '%s' not found", typename);
        return NULL;
    }
    if (!object_class_dynamic_cast(klass, TYPE_OBJECT)) {
        error_setg(errp, "Parameter 'typename' expects a QOM type");
        return NULL;
    }
    /* A concrete type is instantiated so that instance properties
     * (children created in instance_init) are listed too. */
    if (object_class_is_abstract(klass)) {
        object_class_property_iter_init(&iter, klass);
    } else {
        obj = object_new_with_class(klass);
        object_property_iter_init(&iter, obj);
    }
    list = json_array();
    while ((prop = object_property_iter_next(&iter))) {
        json_array_insert_new(list, 0, prop_info(prop));
    }
    object_unref(obj);
    return list;
}

static json_t *qmp_device_list_properties(json_t *args, Error **errp)
{
    return qdev_device_list_properties(arg_str(args, "typename"), errp);
}

static json_t *qmp_object_add(json_t *args, Error **errp)
{
    json_t *props = json_deep_copy(args);
    QomInputMode saved = qom_input_mode_set(QOM_INPUT_TYPED);
    Object *obj;

    json_object_del(props, "qom-type");
    json_object_del(props, "id");
    obj = user_creatable_add_type(arg_str(args, "qom-type"),
                                  arg_str(args, "id"), props, errp);
    qom_input_mode_set(saved);
    json_decref(props);
    return obj ? json_object() : NULL;
}

static json_t *qmp_object_del(json_t *args, Error **errp)
{
    return user_creatable_del(arg_str(args, "id"), errp) ? json_object()
                                                         : NULL;
}

/*
 * QEMU 7.2 turns device_add arguments into -device options first: strings
 * stay, numbers become their decimal text, booleans "on"/"off", anything
 * else is dropped; then they are parsed as -device key=value is (so
 * "mitigation": "on" works and "romsize": 1.5 fails with "expects
 * integer").
 */
static json_t *device_add_opts(json_t *args)
{
    json_t *dict = json_object();
    const char *key;
    json_t *v;

    json_object_foreach(args, key, v) {
        char *text = NULL;
        uint64_t u;

        if (json_is_string(v)) {
            text = g_strdup(json_string_value(v));
        } else if (json_is_integer(v)) {
            text = g_strdup_printf("%" JSON_INTEGER_FORMAT,
                                   json_integer_value(v));
        } else if (json_is_real(v) && qom_json_to_uint(v, &u)) {
            text = g_strdup_printf("%" PRIu64, u);
        } else if (json_is_real(v)) {
            text = g_strdup_printf("%.17g", json_real_value(v));
        } else if (json_is_boolean(v)) {
            text = g_strdup(json_is_true(v) ? "on" : "off");
        }
        if (text) {
            json_object_set_new(dict, key, json_string(text));
            g_free(text);
        }
    }
    return dict;
}

static json_t *qmp_device_add(json_t *args, Error **errp)
{
    json_t *opts = device_add_opts(args);
    DeviceState *dev = qdev_device_add_from_dict(opts, false, errp);

    json_decref(opts);
    return dev ? json_object() : NULL;
}

static json_t *qmp_device_del(json_t *args, Error **errp)
{
    return qdev_device_del(arg_str(args, "id"), errp) ? json_object() : NULL;
}

static void qom_qmp_register(void)
{
    qmp_register_command("qom-list", qmp_qom_list, QCO_ALLOW_PRECONFIG);
    qmp_register_command("qom-get", qmp_qom_get, QCO_ALLOW_PRECONFIG);
    qmp_register_command("qom-set", qmp_qom_set, QCO_ALLOW_PRECONFIG);
    qmp_register_command("qom-list-types", qmp_qom_list_types,
                         QCO_ALLOW_PRECONFIG);
    qmp_register_command("qom-list-properties", qmp_qom_list_properties,
                         QCO_ALLOW_PRECONFIG);
    qmp_register_command("device-list-properties",
                         qmp_device_list_properties, QCO_NO_OPTIONS);
    qmp_register_command("object-add", qmp_object_add, QCO_ALLOW_PRECONFIG);
    qmp_register_command("object-del", qmp_object_del, QCO_ALLOW_PRECONFIG);
    qmp_register_command("device_add", qmp_device_add, QCO_NO_OPTIONS);
    qmp_register_command("device_del", qmp_device_del, QCO_NO_OPTIONS);
}

qmp_command_init(qom_qmp_register)
