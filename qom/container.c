/*
 * container.c: TYPE_CONTAINER, the plain object that groups others in the
 * tree ("/", "/machine/peripheral", "/objects", "/chardevs", ...), and
 * container_get(), which creates the missing ones on the way down a path.
 */
#include "qemu/osdep.h"
#include "qom/object.h"

static Object *root;

Object *container_get(Object *parent, const char *path)
{
    char **parts = g_strsplit(path, "/", 0);
    Object *obj = parent;
    int i;

    for (i = 0; parts[i]; i++) {
        Object *child;

        if (!parts[i][0]) {
            continue;
        }
        child = object_resolve_path_component(obj, parts[i]);
        if (!child) {
            child = object_new(TYPE_CONTAINER);
            object_property_add_child(obj, parts[i], child);
            object_unref(child);
        }
        obj = child;
    }
    g_strfreev(parts);
    return obj;
}

Object *object_get_root(void)
{
    if (!root) {
        root = object_new(TYPE_CONTAINER);
    }
    return root;
}

Object *object_get_objects_root(void)
{
    return container_get(object_get_root(), "/objects");
}

Object *object_get_chardevs_root(void)
{
    return container_get(object_get_root(), "/chardevs");
}

static const TypeInfo container_info = {
    .name = TYPE_CONTAINER,
    .parent = TYPE_OBJECT,
    .instance_size = sizeof(Object),
};

static void container_register_types(void)
{
    type_register_static(&container_info);
}

type_init(container_register_types)
