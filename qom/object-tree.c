/*
 * object-tree.c: the QOM composition tree: canonical paths, absolute and
 * partial path resolution, unparenting and walking children.
 *
 * An object's place in the tree is the child<> property of its parent
 * that points at it; paths follow child<> and link<> properties (their
 * resolve hook).  Partial paths match anywhere below the root and must
 * match exactly once.
 */
#include "qemu/osdep.h"
#include "qom/object.h"

const char *object_get_canonical_path_component(const Object *obj)
{
    GHashTableIter iter;
    gpointer key, val;

    if (!obj->parent) {
        return NULL;
    }
    g_hash_table_iter_init(&iter, obj->parent->properties);
    while (g_hash_table_iter_next(&iter, &key, &val)) {
        ObjectProperty *prop = val;

        if (object_property_is_child(prop) && prop->opaque == obj) {
            return prop->name;
        }
    }
    return NULL;
}

char *object_get_canonical_path(const Object *obj)
{
    Object *root = object_get_root();
    char *path = NULL;

    if (obj == root) {
        return g_strdup("/");
    }
    do {
        const char *component = object_get_canonical_path_component(obj);
        char *newpath;

        if (!component) {
            /* Not attached all the way up to the root: no canonical path. */
            g_free(path);
            return NULL;
        }
        newpath = g_strdup_printf("/%s%s", component, path ? path : "");
        g_free(path);
        path = newpath;
        obj = obj->parent;
    } while (obj != root);
    return path;
}

Object *object_resolve_path_component(Object *parent, const char *part)
{
    ObjectProperty *prop = object_property_find(parent, part);

    if (!prop || !prop->resolve) {
        return NULL;
    }
    return prop->resolve(parent, prop, part);
}

static Object *object_resolve_abs_path(Object *parent, char **parts,
                                       const char *typename)
{
    for (; *parts; parts++) {
        if (!**parts) {
            continue;       /* "//" and a trailing "/" are harmless */
        }
        parent = object_resolve_path_component(parent, *parts);
        if (!parent) {
            return NULL;
        }
    }
    return object_dynamic_cast(parent, typename);
}

/* Every object below parent (through child<> properties) at which parts
 * resolve; more than one match sets *ambiguous. */
static Object *object_resolve_partial_path(Object *parent, char **parts,
                                           const char *typename,
                                           bool *ambiguous)
{
    Object *obj = object_resolve_abs_path(parent, parts, typename);
    GHashTableIter iter;
    gpointer key, val;

    g_hash_table_iter_init(&iter, parent->properties);
    while (g_hash_table_iter_next(&iter, &key, &val)) {
        ObjectProperty *prop = val;
        Object *found;

        if (!object_property_is_child(prop)) {
            continue;
        }
        found = object_resolve_partial_path(prop->opaque, parts, typename,
                                            ambiguous);
        if (found) {
            if (obj) {
                *ambiguous = true;
                return NULL;
            }
            obj = found;
        }
        if (*ambiguous) {
            return NULL;
        }
    }
    return obj;
}

Object *object_resolve_path_type(const char *path, const char *typename,
                                 bool *ambiguous)
{
    char **parts = g_strsplit(path, "/", 0);
    Object *obj;

    if (!parts[0] || parts[0][0]) {
        bool ambig = false;

        obj = object_resolve_partial_path(object_get_root(), parts, typename,
                                          &ambig);
        if (ambiguous) {
            *ambiguous = ambig;
        }
    } else {
        obj = object_resolve_abs_path(object_get_root(), parts + 1,
                                      typename);
        if (ambiguous) {
            *ambiguous = false;
        }
    }
    g_strfreev(parts);
    return obj;
}

Object *object_resolve_path(const char *path, bool *ambiguous)
{
    return object_resolve_path_type(path, TYPE_OBJECT, ambiguous);
}

Object *object_resolve_path_at(Object *parent, const char *path)
{
    char **parts = g_strsplit(path, "/", 0);
    Object *obj;

    if (path[0] == '/') {
        obj = object_resolve_abs_path(object_get_root(), parts + 1,
                                      TYPE_OBJECT);
    } else {
        obj = object_resolve_abs_path(parent, parts, TYPE_OBJECT);
    }
    g_strfreev(parts);
    return obj;
}

void object_unparent(Object *obj)
{
    Object *parent = obj->parent;
    GHashTableIter iter;
    gpointer key, val;

    if (!parent) {
        return;
    }
    g_hash_table_iter_init(&iter, parent->properties);
    while (g_hash_table_iter_next(&iter, &key, &val)) {
        ObjectProperty *prop = val;

        if (object_property_is_child(prop) && prop->opaque == obj) {
            object_property_del(parent, prop->name);
            return;
        }
    }
}

/*
 * Snapshot the children (with a reference each) before calling fn, so a
 * callback may unparent objects without breaking the walk.
 */
static int do_child_foreach(Object *obj,
                            int (*fn)(Object *child, void *opaque),
                            void *opaque, bool recurse)
{
    GPtrArray *kids = g_ptr_array_new();
    GHashTableIter iter;
    gpointer key, val;
    guint i;
    int ret = 0;

    g_hash_table_iter_init(&iter, obj->properties);
    while (g_hash_table_iter_next(&iter, &key, &val)) {
        ObjectProperty *prop = val;

        if (object_property_is_child(prop)) {
            g_ptr_array_add(kids, object_ref(prop->opaque));
        }
    }
    for (i = 0; i < kids->len && !ret; i++) {
        ret = fn(kids->pdata[i], opaque);
        if (!ret && recurse) {
            ret = do_child_foreach(kids->pdata[i], fn, opaque, true);
        }
    }
    for (i = 0; i < kids->len; i++) {
        object_unref(kids->pdata[i]);
    }
    g_ptr_array_free(kids, true);
    return ret;
}

int object_child_foreach(Object *obj,
                         int (*fn)(Object *child, void *opaque),
                         void *opaque)
{
    return do_child_foreach(obj, fn, opaque, false);
}

int object_child_foreach_recursive(Object *obj,
                                   int (*fn)(Object *child, void *opaque),
                                   void *opaque)
{
    return do_child_foreach(obj, fn, opaque, true);
}
