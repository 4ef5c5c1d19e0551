/*
 * object.c: the QOM core (see include/qom/object.h): type registration,
 * lazy class initialization with interfaces, casts, object life cycle and
 * reference counting, the property table, and the object tree with path
 * resolution.
 *
 * The object tree (paths) is in object-tree.c.
 *
 * Property tables are GHashTables keyed by name with g_str_hash, like
 * QEMU's: listing commands (qom-list, device-list-properties) walk them in
 * hash order, so for the same properties added in the same order the
 * replies come out in the same order as the reference emulator's.
 */
#include "qemu/osdep.h"
#include "qom/object.h"
#include "qemu/cutils.h"

struct TypeImpl {
    char *name;
    char *parent;
    struct TypeImpl *parent_type;
    size_t class_size;
    size_t instance_size;
    size_t instance_align;
    void (*class_init)(ObjectClass *klass, void *data);
    void (*class_base_init)(ObjectClass *klass, void *data);
    void *class_data;
    void (*instance_init)(Object *obj);
    void (*instance_post_init)(Object *obj);
    void (*instance_finalize)(Object *obj);
    bool abstract;
    int num_interfaces;
    char **interfaces;
    ObjectClass *class;
};
typedef struct TypeImpl TypeImpl;

static GHashTable *type_table;

static GHashTable *type_table_get(void)
{
    if (!type_table) {
        type_table = g_hash_table_new(g_str_hash, g_str_equal);
    }
    return type_table;
}

static TypeImpl *type_get_by_name(const char *name)
{
    if (!name) {
        return NULL;
    }
    return g_hash_table_lookup(type_table_get(), name);
}

/* A TypeImpl from a TypeInfo; interface implementations are never added
 * to the table (they are private to the class that implements them). */
static TypeImpl *type_new(const TypeInfo *info)
{
    TypeImpl *ti = g_new0(TypeImpl, 1);
    int i;

    ti->name = g_strdup(info->name);
    ti->parent = g_strdup(info->parent);
    ti->class_size = info->class_size;
    ti->instance_size = info->instance_size;
    ti->instance_align = info->instance_align;
    ti->class_init = info->class_init;
    ti->class_base_init = info->class_base_init;
    ti->class_data = info->class_data;
    ti->instance_init = info->instance_init;
    ti->instance_post_init = info->instance_post_init;
    ti->instance_finalize = info->instance_finalize;
    ti->abstract = info->abstract;
    for (i = 0; info->interfaces && info->interfaces[i].type; i++) {
        ti->num_interfaces++;
    }
    ti->interfaces = g_new0(char *, ti->num_interfaces + 1);
    for (i = 0; i < ti->num_interfaces; i++) {
        ti->interfaces[i] = g_strdup(info->interfaces[i].type);
    }
    return ti;
}

Type type_register_static(const TypeInfo *info)
{
    TypeImpl *ti;

    assert(info->name);
    if (type_get_by_name(info->name)) {
        fprintf(stderr, "Registering '%s' which already exists\n",
                info->name);
        abort();
    }
    ti = type_new(info);
    g_hash_table_insert(type_table_get(), ti->name, ti);
    return ti;
}

void type_register_static_array(const TypeInfo *infos, int nr_infos)
{
    int i;

    for (i = 0; i < nr_infos; i++) {
        type_register_static(&infos[i]);
    }
}

static TypeImpl *type_get_parent(TypeImpl *ti)
{
    if (!ti->parent_type && ti->parent) {
        ti->parent_type = type_get_by_name(ti->parent);
        if (!ti->parent_type) {
            fprintf(stderr, "Type '%s' is missing its parent '%s'\n",
                    ti->name, ti->parent);
            abort();
        }
    }
    return ti->parent_type;
}

static size_t type_class_get_size(TypeImpl *ti)
{
    if (ti->class_size) {
        return ti->class_size;
    }
    if (type_get_parent(ti)) {
        return type_class_get_size(type_get_parent(ti));
    }
    return sizeof(ObjectClass);
}

static size_t type_object_get_size(TypeImpl *ti)
{
    if (ti->instance_size) {
        return ti->instance_size;
    }
    if (type_get_parent(ti)) {
        return type_object_get_size(type_get_parent(ti));
    }
    return 0;
}

static bool type_is_ancestor(TypeImpl *type, TypeImpl *target)
{
    for (; type; type = type_get_parent(type)) {
        if (type == target) {
            return true;
        }
    }
    return false;
}

static void type_initialize(TypeImpl *ti);

/*
 * Give ti's class its own copy of an interface class.  The copy's parent is
 * parent_type: the interface itself, or the parent class's copy when the
 * interface is inherited, so a subclass starts from its parent's methods.
 */
static void type_initialize_interface(TypeImpl *ti, TypeImpl *interface_type,
                                      TypeImpl *parent_type)
{
    InterfaceClass *new_iface;
    TypeInfo info = { };
    TypeImpl *iface_impl;
    char *name = g_strdup_printf("%s::%s", ti->name, interface_type->name);

    info.parent = parent_type->name;
    info.name = name;
    info.abstract = true;
    iface_impl = type_new(&info);
    g_free(name);
    iface_impl->parent_type = parent_type;
    type_initialize(iface_impl);

    new_iface = (InterfaceClass *)iface_impl->class;
    new_iface->concrete_class = ti->class;
    new_iface->interface_type = interface_type;
    ti->class->interfaces = g_slist_append(ti->class->interfaces,
                                           iface_impl->class);
}

static void object_property_free(gpointer data)
{
    ObjectProperty *prop = data;

    g_free(prop->name);
    g_free(prop->type);
    g_free(prop->description);
    if (prop->defval) {
        json_decref(prop->defval);
    }
    g_free(prop);
}

static void type_initialize(TypeImpl *ti)
{
    TypeImpl *parent;
    int i;

    if (ti->class) {
        return;
    }
    ti->class_size = type_class_get_size(ti);
    ti->instance_size = type_object_get_size(ti);
    if (ti->instance_size == 0) {
        ti->abstract = true;
    }
    ti->class = g_malloc0(ti->class_size);

    parent = type_get_parent(ti);
    if (parent) {
        GSList *e;

        type_initialize(parent);
        assert(parent->class_size <= ti->class_size);
        memcpy(ti->class, parent->class, parent->class_size);
        ti->class->interfaces = NULL;
        for (e = parent->class->interfaces; e; e = e->next) {
            InterfaceClass *iface = e->data;
            type_initialize_interface(ti, iface->interface_type,
                                      OBJECT_CLASS(iface)->type);
        }
        for (i = 0; i < ti->num_interfaces; i++) {
            TypeImpl *t = type_get_by_name(ti->interfaces[i]);
            bool inherited = false;

            if (!t) {
                fprintf(stderr, "Type '%s' implements unknown interface "
                        "'%s'\n", ti->name, ti->interfaces[i]);
                abort();
            }
            for (e = ti->class->interfaces; e; e = e->next) {
                if (type_is_ancestor(OBJECT_CLASS(e->data)->type, t)) {
                    inherited = true;
                    break;
                }
            }
            if (!inherited) {
                type_initialize_interface(ti, t, t);
            }
        }
    }
    ti->class->properties = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                  NULL, object_property_free);
    ti->class->type = ti;

    for (parent = type_get_parent(ti); parent;
         parent = type_get_parent(parent)) {
        if (parent->class_base_init) {
            parent->class_base_init(ti->class, ti->class_data);
        }
    }
    if (ti->class_init) {
        ti->class_init(ti->class, ti->class_data);
    }
}

/* ---- classes ---- */

ObjectClass *object_class_by_name(const char *typename)
{
    TypeImpl *ti = type_get_by_name(typename);

    if (!ti) {
        return NULL;
    }
    type_initialize(ti);
    return ti->class;
}

const char *object_class_get_name(ObjectClass *klass)
{
    return klass->type->name;
}

ObjectClass *object_class_get_parent(ObjectClass *klass)
{
    TypeImpl *parent = type_get_parent(klass->type);

    if (!parent) {
        return NULL;
    }
    type_initialize(parent);
    return parent->class;
}

bool object_class_is_abstract(ObjectClass *klass)
{
    return klass->type->abstract;
}

ObjectClass *object_class_dynamic_cast(ObjectClass *klass,
                                       const char *typename)
{
    TypeImpl *target, *type, *iface_root;
    ObjectClass *ret = NULL;

    if (!klass || !typename) {
        return NULL;
    }
    type = klass->type;
    if (type->name == typename || !strcmp(type->name, typename)) {
        return klass;
    }
    target = type_get_by_name(typename);
    if (!target) {
        return NULL;
    }
    iface_root = type_get_by_name(TYPE_INTERFACE);
    if (klass->interfaces && type_is_ancestor(target, iface_root)) {
        GSList *e;
        int found = 0;

        for (e = klass->interfaces; e; e = e->next) {
            ObjectClass *iface = e->data;

            if (type_is_ancestor(iface->type, target)) {
                ret = iface;
                found++;
            }
        }
        /* Implemented through two unrelated paths: refuse to guess. */
        if (found > 1) {
            ret = NULL;
        }
    } else if (type_is_ancestor(type, target)) {
        ret = klass;
    }
    return ret;
}

ObjectClass *object_class_dynamic_cast_assert(ObjectClass *klass,
                                              const char *typename,
                                              const char *file, int line,
                                              const char *func)
{
    ObjectClass *ret;

    if (!klass) {
        return NULL;
    }
    ret = object_class_dynamic_cast(klass, typename);
    if (!ret) {
        fprintf(stderr, "%s:%d:%s: Class of type '%s' is not an instance "
                "of '%s'\n", file, line, func, klass->type->name, typename);
        abort();
    }
    return ret;
}

typedef struct ClassForeachData {
    void (*fn)(ObjectClass *klass, void *opaque);
    const char *implements_type;
    bool include_abstract;
    void *opaque;
} ClassForeachData;

/* Whether name or one of its parent types is target (by names only). */
static bool type_name_descends_from(const char *name, const char *target)
{
    TypeImpl *t = type_get_by_name(name);

    for (; t; t = type_get_by_name(t->parent)) {
        if (!strcmp(t->name, target)) {
            return true;
        }
    }
    return false;
}

/*
 * Whether ti can be (or implement) target, decided from the registered
 * names without creating any class: listing the machine types must not
 * run the class_init of every CPU model.
 */
static bool type_may_implement(TypeImpl *ti, const char *target)
{
    TypeImpl *t;

    for (t = ti; t; t = type_get_by_name(t->parent)) {
        if (!strcmp(t->name, target)) {
            return true;
        }
        for (int i = 0; i < t->num_interfaces; i++) {
            if (type_name_descends_from(t->interfaces[i], target)) {
                return true;
            }
        }
    }
    return false;
}

static void class_foreach_tramp(gpointer key, gpointer value, gpointer opaque)
{
    ClassForeachData *data = opaque;
    TypeImpl *ti = value;

    if (data->implements_type &&
        !type_may_implement(ti, data->implements_type)) {
        return;
    }
    type_initialize(ti);
    if (!data->include_abstract && ti->abstract) {
        return;
    }
    if (data->implements_type &&
        !object_class_dynamic_cast(ti->class, data->implements_type)) {
        return;
    }
    data->fn(ti->class, data->opaque);
}

void object_class_foreach(void (*fn)(ObjectClass *klass, void *opaque),
                          const char *implements_type, bool include_abstract,
                          void *opaque)
{
    ClassForeachData data = { fn, implements_type, include_abstract, opaque };

    g_hash_table_foreach(type_table_get(), class_foreach_tramp, &data);
}

static void class_list_prepend(ObjectClass *klass, void *opaque)
{
    GSList **list = opaque;

    *list = g_slist_prepend(*list, klass);
}

GSList *object_class_get_list(const char *implements_type,
                              bool include_abstract)
{
    GSList *list = NULL;

    object_class_foreach(class_list_prepend, implements_type,
                         include_abstract, &list);
    return list;
}

static gint class_name_cmp(gconstpointer a, gconstpointer b)
{
    return strcasecmp(object_class_get_name((ObjectClass *)a),
                      object_class_get_name((ObjectClass *)b));
}

GSList *object_class_get_list_sorted(const char *implements_type,
                                     bool include_abstract)
{
    return g_slist_sort(object_class_get_list(implements_type,
                                              include_abstract),
                        class_name_cmp);
}

/* ---- objects ---- */

static void object_class_property_init_all(Object *obj)
{
    ObjectPropertyIterator iter;
    ObjectProperty *prop;

    object_class_property_iter_init(&iter, obj->class);
    while ((prop = object_property_iter_next(&iter))) {
        if (prop->init) {
            prop->init(obj, prop);
        }
    }
}

static void object_init_with_type(Object *obj, TypeImpl *ti)
{
    if (type_get_parent(ti)) {
        object_init_with_type(obj, type_get_parent(ti));
    }
    if (ti->instance_init) {
        ti->instance_init(obj);
    }
}

/* Parent's post_init first: by the time a subclass's runs, the base
 * classes (e.g. -global values applied by "device") are settled. */
static void object_post_init_with_type(Object *obj, TypeImpl *ti)
{
    if (type_get_parent(ti)) {
        object_post_init_with_type(obj, type_get_parent(ti));
    }
    if (ti->instance_post_init) {
        ti->instance_post_init(obj);
    }
}

static void object_initialize_with_type(void *data, size_t size,
                                        TypeImpl *ti)
{
    Object *obj = data;

    type_initialize(ti);
    assert(ti->instance_size >= sizeof(Object));
    assert(!ti->abstract);
    assert(size >= ti->instance_size);

    memset(obj, 0, ti->instance_size);
    obj->class = ti->class;
    obj->ref = 1;
    obj->properties = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
                                            object_property_free);
    object_class_property_init_all(obj);
    object_init_with_type(obj, ti);
    object_post_init_with_type(obj, ti);
}

void object_initialize(void *obj, size_t size, const char *typename)
{
    TypeImpl *ti = type_get_by_name(typename);

    if (!ti) {
        fprintf(stderr, "missing object type '%s'\n", typename);
        abort();
    }
    object_initialize_with_type(obj, size, ti);
}

void object_initialize_child(Object *parent, const char *propname,
                             void *child, size_t size, const char *type)
{
    object_initialize(child, size, type);
    object_property_add_child(parent, propname, OBJECT(child));
    /* The parent's child<> property now holds the only reference. */
    object_unref(child);
}

static Object *object_new_with_type(TypeImpl *ti)
{
    Object *obj;
    void (*obj_free)(void *) = g_free;

    type_initialize(ti);
    if (ti->abstract) {
        return NULL;
    }
    if (ti->instance_align > __alignof__(max_align_t)) {
        void *p = NULL;

        if (posix_memalign(&p, ti->instance_align, ti->instance_size)) {
            abort();
        }
        obj = p;
        obj_free = free;
    } else {
        obj = g_malloc(ti->instance_size);
    }
    object_initialize_with_type(obj, ti->instance_size, ti);
    obj->free = obj_free;
    return obj;
}

Object *object_new(const char *typename)
{
    TypeImpl *ti = type_get_by_name(typename);

    return ti ? object_new_with_type(ti) : NULL;
}

Object *object_new_with_class(ObjectClass *klass)
{
    return object_new_with_type(klass->type);
}

/*
 * Release every property once, instance ones first: a release callback may
 * delete other properties (a child's unparent removes links), so restart
 * the walk after each release and remember what was done.
 */
static void object_property_del_all(Object *obj)
{
    GHashTable *done = g_hash_table_new(NULL, NULL);
    ObjectPropertyIterator iter;
    ObjectProperty *prop;
    bool released;

    do {
        released = false;
        object_property_iter_init(&iter, obj);
        while ((prop = object_property_iter_next(&iter))) {
            if (g_hash_table_add(done, prop) && prop->release) {
                prop->release(obj, prop);
                released = true;
                break;
            }
        }
    } while (released);
    g_hash_table_destroy(done);
    g_hash_table_unref(obj->properties);
    obj->properties = NULL;
}

static void object_deinit(Object *obj, TypeImpl *ti)
{
    if (ti->instance_finalize) {
        ti->instance_finalize(obj);
    }
    if (type_get_parent(ti)) {
        object_deinit(obj, type_get_parent(ti));
    }
}

static void object_finalize(Object *obj)
{
    object_property_del_all(obj);
    object_deinit(obj, obj->class->type);
    assert(obj->ref == 0);
    assert(obj->parent == NULL);
    if (obj->free) {
        obj->free(obj);
    }
}

Object *object_ref(void *objptr)
{
    Object *obj = objptr;

    if (obj) {
        obj->ref++;
    }
    return obj;
}

void object_unref(void *objptr)
{
    Object *obj = objptr;

    if (!obj) {
        return;
    }
    assert(obj->ref > 0);
    if (--obj->ref == 0) {
        object_finalize(obj);
    }
}

ObjectClass *object_get_class(Object *obj)
{
    return obj->class;
}

const char *object_get_typename(const Object *obj)
{
    return obj->class->type->name;
}

Object *object_dynamic_cast(Object *obj, const char *typename)
{
    if (obj && object_class_dynamic_cast(obj->class, typename)) {
        return obj;
    }
    return NULL;
}

Object *object_dynamic_cast_assert(Object *obj, const char *typename,
                                   const char *file, int line,
                                   const char *func)
{
    if (obj && !object_dynamic_cast(obj, typename)) {
        fprintf(stderr, "%s:%d:%s: Object of type '%s' is not an instance "
                "of '%s'\n", file, line, func, object_get_typename(obj),
                typename);
        abort();
    }
    return obj;
}

/* ---- properties ---- */

ObjectProperty *object_class_property_find(ObjectClass *klass,
                                           const char *name)
{
    for (; klass; klass = object_class_get_parent(klass)) {
        ObjectProperty *prop = g_hash_table_lookup(klass->properties, name);

        if (prop) {
            return prop;
        }
    }
    return NULL;
}

ObjectProperty *object_property_find(Object *obj, const char *name)
{
    ObjectProperty *prop = object_class_property_find(obj->class, name);

    if (prop) {
        return prop;
    }
    return g_hash_table_lookup(obj->properties, name);
}

ObjectProperty *object_property_find_err(Object *obj, const char *name,
                                         Error **errp)
{
    ObjectProperty *prop = object_property_find(obj, name);

    if (!prop) {
        error_setg(errp, "Property '%s.%s' not found",
                   object_get_typename(obj), name);
    }
    return prop;
}

static ObjectProperty *property_new(const char *name, const char *type,
                                    ObjectPropertyGet *get,
                                    ObjectPropertySet *set,
                                    ObjectPropertyRelease *release,
                                    void *opaque)
{
    ObjectProperty *prop = g_new0(ObjectProperty, 1);

    prop->name = g_strdup(name);
    prop->type = g_strdup(type);
    prop->get = get;
    prop->set = set;
    prop->release = release;
    prop->opaque = opaque;
    return prop;
}

ObjectProperty *object_property_try_add(Object *obj, const char *name,
                                        const char *type,
                                        ObjectPropertyGet *get,
                                        ObjectPropertySet *set,
                                        ObjectPropertyRelease *release,
                                        void *opaque, Error **errp)
{
    ObjectProperty *prop;
    size_t len = strlen(name);

    if (len >= 3 && !strcmp(name + len - 3, "[*]")) {
        char *base = g_strndup(name, len - 3);
        int i;

        prop = NULL;
        for (i = 0; i < INT16_MAX && !prop; i++) {
            char *full = g_strdup_printf("%s[%d]", base, i);

            if (!object_property_find(obj, full)) {
                prop = object_property_try_add(obj, full, type, get, set,
                                               release, opaque, errp);
            }
            g_free(full);
        }
        g_free(base);
        return prop;
    }
    if (object_property_find(obj, name)) {
        error_setg(errp, "attempt to add duplicate property '%s' to object "
                   "(type '%s')", name, object_get_typename(obj));
        return NULL;
    }
    prop = property_new(name, type, get, set, release, opaque);
    g_hash_table_insert(obj->properties, prop->name, prop);
    return prop;
}

ObjectProperty *object_property_add(Object *obj, const char *name,
                                    const char *type,
                                    ObjectPropertyGet *get,
                                    ObjectPropertySet *set,
                                    ObjectPropertyRelease *release,
                                    void *opaque)
{
    return object_property_try_add(obj, name, type, get, set, release,
                                   opaque, &error_abort);
}

ObjectProperty *object_class_property_add(ObjectClass *klass,
                                          const char *name, const char *type,
                                          ObjectPropertyGet *get,
                                          ObjectPropertySet *set,
                                          ObjectPropertyRelease *release,
                                          void *opaque)
{
    ObjectProperty *prop;

    if (object_class_property_find(klass, name)) {
        fprintf(stderr, "attempt to add duplicate property '%s' to class "
                "(type '%s')\n", name, object_class_get_name(klass));
        abort();
    }
    prop = property_new(name, type, get, set, release, opaque);
    g_hash_table_insert(klass->properties, prop->name, prop);
    return prop;
}

void object_property_del(Object *obj, const char *name)
{
    ObjectProperty *prop = g_hash_table_lookup(obj->properties, name);

    if (!prop) {
        return;
    }
    if (prop->release) {
        prop->release(obj, prop);
    }
    g_hash_table_remove(obj->properties, name);
}

void object_property_set_description(Object *obj, const char *name,
                                     const char *description)
{
    ObjectProperty *prop = g_hash_table_lookup(obj->properties, name);

    assert(prop);
    g_free(prop->description);
    prop->description = g_strdup(description);
}

void object_class_property_set_description(ObjectClass *klass,
                                           const char *name,
                                           const char *description)
{
    ObjectProperty *prop = g_hash_table_lookup(klass->properties, name);

    assert(prop);
    g_free(prop->description);
    prop->description = g_strdup(description);
}

void object_property_iter_init(ObjectPropertyIterator *iter, Object *obj)
{
    g_hash_table_iter_init(&iter->iter, obj->properties);
    iter->nextclass = obj->class;
}

void object_class_property_iter_init(ObjectPropertyIterator *iter,
                                     ObjectClass *klass)
{
    g_hash_table_iter_init(&iter->iter, klass->properties);
    iter->nextclass = object_class_get_parent(klass);
}

ObjectProperty *object_property_iter_next(ObjectPropertyIterator *iter)
{
    gpointer key, val;

    while (!g_hash_table_iter_next(&iter->iter, &key, &val)) {
        if (!iter->nextclass) {
            return NULL;
        }
        g_hash_table_iter_init(&iter->iter, iter->nextclass->properties);
        iter->nextclass = object_class_get_parent(iter->nextclass);
    }
    return val;
}

static gint prop_name_cmp(gconstpointer a, gconstpointer b)
{
    const ObjectProperty *pa = *(ObjectProperty *const *)a;
    const ObjectProperty *pb = *(ObjectProperty *const *)b;

    return strcmp(pa->name, pb->name);
}

GPtrArray *object_property_list(Object *obj)
{
    GPtrArray *arr = g_ptr_array_new();
    ObjectPropertyIterator iter;
    ObjectProperty *prop;

    object_property_iter_init(&iter, obj);
    while ((prop = object_property_iter_next(&iter))) {
        g_ptr_array_add(arr, prop);
    }
    g_ptr_array_sort(arr, prop_name_cmp);
    return arr;
}

GPtrArray *object_class_property_list(ObjectClass *klass)
{
    GPtrArray *arr = g_ptr_array_new();
    ObjectPropertyIterator iter;
    ObjectProperty *prop;

    object_class_property_iter_init(&iter, klass);
    while ((prop = object_property_iter_next(&iter))) {
        g_ptr_array_add(arr, prop);
    }
    g_ptr_array_sort(arr, prop_name_cmp);
    return arr;
}

const char *object_property_get_type(Object *obj, const char *name,
                                     Error **errp)
{
    ObjectProperty *prop = object_property_find_err(obj, name, errp);

    return prop ? prop->type : NULL;
}

static void object_property_init_defval(Object *obj, ObjectProperty *prop)
{
    QomInputMode saved = qom_input_mode_set(QOM_INPUT_TYPED);

    prop->set(obj, prop, prop->defval, &error_abort);
    qom_input_mode_set(saved);
}

void object_property_set_default(ObjectProperty *prop, json_t *defval)
{
    if (prop->defval) {
        json_decref(prop->defval);
    }
    prop->defval = defval;
    prop->init = defval && prop->set ? object_property_init_defval : NULL;
}

bool object_property_is_child(const ObjectProperty *prop)
{
    return strstart(prop->type, "child<", NULL);
}

bool object_property_is_link(const ObjectProperty *prop)
{
    return strstart(prop->type, "link<", NULL);
}

json_t *object_property_get(Object *obj, const char *name, Error **errp)
{
    ObjectProperty *prop = object_property_find_err(obj, name, errp);
    Error *err = NULL;
    json_t *ret;

    if (!prop) {
        return NULL;
    }
    if (!prop->get) {
        error_setg(errp, "Property '%s.%s' is not readable",
                   object_get_typename(obj), name);
        return NULL;
    }
    ret = prop->get(obj, prop, &err);
    if (!ret && !err) {
        ret = json_null();
    }
    if (err) {
        if (ret) {
            json_decref(ret);
        }
        error_propagate(errp, err);
        return NULL;
    }
    return ret;
}

bool object_property_set(Object *obj, const char *name, json_t *value,
                         Error **errp)
{
    ObjectProperty *prop = object_property_find_err(obj, name, errp);
    json_t *null = NULL;
    bool ok;

    if (!prop) {
        return false;
    }
    if (!prop->set) {
        error_setg(errp, "Property '%s.%s' is not writable",
                   object_get_typename(obj), name);
        return false;
    }
    if (!value) {
        value = null = json_null();
    }
    ok = prop->set(obj, prop, value, errp);
    if (null) {
        json_decref(null);
    }
    return ok;
}

bool object_property_parse(Object *obj, const char *name, const char *string,
                           Error **errp)
{
    QomInputMode saved = qom_input_mode_set(QOM_INPUT_STRING);
    json_t *v = json_string(string);
    bool ok;

    if (!v) {
        /* jansson refuses text that is not UTF-8. */
        error_setg(errp, "Parameter '%s' expects a valid UTF-8 string", name);
        qom_input_mode_set(saved);
        return false;
    }
    ok = object_property_set(obj, name, v, errp);
    json_decref(v);
    qom_input_mode_set(saved);
    return ok;
}

/* ---- the base types ---- */

static json_t *object_get_type_prop(Object *obj, ObjectProperty *prop,
                                    Error **errp)
{
    return json_string(object_get_typename(obj));
}

static void object_class_init(ObjectClass *klass, void *data)
{
    object_class_property_add(klass, "type", "string", object_get_type_prop,
                              NULL, NULL, NULL);
}

static const TypeInfo object_info = {
    .name = TYPE_OBJECT,
    .instance_size = sizeof(Object),
    .class_init = object_class_init,
    .abstract = true,
};

static const TypeInfo interface_info = {
    .name = TYPE_INTERFACE,
    .class_size = sizeof(InterfaceClass),
    .abstract = true,
};

static void object_register_types(void)
{
    type_register_static(&interface_info);
    type_register_static(&object_info);
}

type_init(object_register_types)
