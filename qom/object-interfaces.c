/*
 * object-interfaces.c: user-creatable objects: -object, object-add and
 * object-del, and the -object help.
 *
 * QEMU 7.2 checks object-add arguments against a per-type QAPI schema
 * before any property is set; here the QOM properties themselves are the
 * schema, so the checks the schema would have done (type name, id,
 * unknown members) are done first, with the same messages.
 */
#include "qemu/osdep.h"
#include "qom/object.h"
#include "qemu/option.h"
#include "qemu/cutils.h"

static bool check_id(const char *id, Error **errp)
{
    if (!id) {
        error_setg(errp, "Parameter 'id' is missing");
        return false;
    }
    if (!id_wellformed(id)) {
        error_setg(errp, "Parameter 'id' expects an identifier");
        error_append_hint(errp, "Identifiers consist of letters, digits, "
                          "'-', '.', '_', starting with a letter.\n");
        return false;
    }
    return true;
}

static ObjectClass *creatable_class(const char *type, Error **errp)
{
    ObjectClass *klass = object_class_by_name(type);

    if (!klass || !object_class_dynamic_cast(klass, TYPE_USER_CREATABLE) ||
        object_class_is_abstract(klass)) {
        error_setg(errp, "Parameter 'qom-type' does not accept value '%s'",
                   type);
        return NULL;
    }
    return klass;
}

/* Set every member of props; members that are no settable property are
 * reported after the others, as the schema check would. */
static bool set_props(Object *obj, json_t *props, Error **errp)
{
    const char *key;
    json_t *value;

    json_object_foreach(props, key, value) {
        ObjectProperty *prop = object_property_find(obj, key);

        if (prop && prop->set &&
            !object_property_set(obj, key, value, errp)) {
            return false;
        }
    }
    json_object_foreach(props, key, value) {
        ObjectProperty *prop = object_property_find(obj, key);

        if (!prop || !prop->set) {
            if (qom_input_mode() == QOM_INPUT_OPTS) {
                error_setg(errp, "Invalid parameter '%s'", key);
            } else {
                error_setg(errp, "Parameter '%s' is unexpected", key);
            }
            return false;
        }
    }
    return true;
}

Object *user_creatable_add_type(const char *type, const char *id,
                                json_t *props, Error **errp)
{
    UserCreatableClass *ucc;
    Object *obj, *root;

    if (!check_id(id, errp) || !creatable_class(type, errp)) {
        return NULL;
    }
    obj = object_new(type);
    if (props && !set_props(obj, props, errp)) {
        object_unref(obj);
        return NULL;
    }
    root = object_get_objects_root();
    if (!object_property_try_add_child(root, id, obj, errp)) {
        object_unref(obj);
        return NULL;
    }
    ucc = USER_CREATABLE_GET_CLASS(obj);
    if (ucc->complete && !ucc->complete(obj, errp)) {
        object_property_del(root, id);
        object_unref(obj);
        return NULL;
    }
    /* /objects holds the object now; the caller borrows it. */
    object_unref(obj);
    return obj;
}

Object *user_creatable_add_dict(json_t *dict, Error **errp)
{
    json_t *type = json_object_get(dict, "qom-type");
    json_t *id = json_object_get(dict, "id");
    QomInputMode saved;
    json_t *props;
    Object *obj;

    if (!json_is_string(type)) {
        error_setg(errp, type ? "Invalid parameter type for 'qom-type', "
                   "expected: string" : "Parameter 'qom-type' is missing");
        return NULL;
    }
    if (id && !json_is_string(id)) {
        error_setg(errp, "Invalid parameter type for 'id', expected: string");
        return NULL;
    }
    if (!creatable_class(json_string_value(type), errp) ||
        !check_id(json_string_value(id), errp)) {
        return NULL;
    }
    if (object_resolve_path_component(object_get_objects_root(),
                                      json_string_value(id))) {
        error_setg(errp, "Duplicate ID '%s' for object",
                   json_string_value(id));
        return NULL;
    }
    props = json_deep_copy(dict);
    json_object_del(props, "qom-type");
    json_object_del(props, "id");
    saved = qom_input_mode_set(QOM_INPUT_OPTS);
    obj = user_creatable_add_type(json_string_value(type),
                                  json_string_value(id), props, errp);
    qom_input_mode_set(saved);
    json_decref(props);
    return obj;
}

bool user_creatable_del(const char *id, Error **errp)
{
    Object *obj = object_resolve_path_component(object_get_objects_root(),
                                                id);
    UserCreatableClass *ucc;

    if (!obj) {
        error_setg(errp, "object '%s' not found", id);
        return false;
    }
    ucc = (UserCreatableClass *)object_class_dynamic_cast(
        object_get_class(obj), TYPE_USER_CREATABLE);
    if (ucc && ucc->can_be_deleted && !ucc->can_be_deleted(obj)) {
        error_setg(errp, "object '%s' is in use, can not be deleted", id);
        return false;
    }
    object_unparent(obj);
    return true;
}

/* ---- help ---- */

static void print_type_list(void)
{
    GSList *list = object_class_get_list_sorted(TYPE_USER_CREATABLE, false);
    GSList *e;

    printf("List of user creatable objects:\n");
    for (e = list; e; e = e->next) {
        printf("  %s\n", object_class_get_name(e->data));
    }
    g_slist_free(list);
}

static gint str_ptr_cmp(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void print_type_props(ObjectClass *klass)
{
    GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
    ObjectPropertyIterator iter;
    ObjectProperty *prop;
    guint i;

    object_class_property_iter_init(&iter, klass);
    while ((prop = object_property_iter_next(&iter))) {
        if (!prop->set) {
            continue;
        }
        g_ptr_array_add(lines, object_property_help(prop->name, prop->type,
                                                    prop->defval,
                                                    prop->description));
    }
    g_ptr_array_sort(lines, str_ptr_cmp);
    if (lines->len) {
        printf("%s options:\n", object_class_get_name(klass));
    } else {
        printf("There are no options for %s.\n",
               object_class_get_name(klass));
    }
    for (i = 0; i < lines->len; i++) {
        printf("%s\n", (char *)lines->pdata[i]);
    }
    g_ptr_array_free(lines, true);
}

bool user_creatable_print_help(const char *type, json_t *props)
{
    ObjectClass *klass;

    if (is_help_option(type)) {
        print_type_list();
        return true;
    }
    if (!props || (!json_object_get(props, "help") &&
                   !json_object_get(props, "?"))) {
        return false;
    }
    klass = type ? object_class_by_name(type) : NULL;
    if (!klass) {
        return false;
    }
    print_type_props(klass);
    return true;
}

static const TypeInfo user_creatable_info = {
    .name = TYPE_USER_CREATABLE,
    .parent = TYPE_INTERFACE,
    .class_size = sizeof(UserCreatableClass),
};

static void user_creatable_register_types(void)
{
    type_register_static(&user_creatable_info);
}

type_init(user_creatable_register_types)
