/*
 * bus.c: TYPE_BUS.  A bus belongs to a device (except the main system
 * bus) and holds devices.  Names follow QEMU: the name given by the
 * creator ("pci.0"), else "ID.N" from the parent's id and its bus count,
 * else the lower-cased type name with a per-class counter ("usb-bus.0").
 */
#include "qemu/osdep.h"
#include "hw/qdev-core.h"
#include "hw/core/qdev-internal.h"

/* ---- children ---- */

static json_t *bus_child_get(Object *obj, ObjectProperty *prop, Error **errp)
{
    char *path = object_get_canonical_path(prop->opaque);
    json_t *ret = json_string(path ? path : "");

    g_free(path);
    return ret;
}

static Object *bus_child_resolve(Object *obj, ObjectProperty *prop,
                                 const char *part)
{
    return prop->opaque;
}

void bus_add_child(BusState *bus, DeviceState *child)
{
    char *name = g_strdup_printf("child[%d]", bus->max_index++);
    char *type = g_strdup_printf("link<%s>",
                                 object_get_typename(OBJECT(child)));
    ObjectProperty *prop;

    bus->num_children++;
    bus->children = g_slist_prepend(bus->children, child);
    object_ref(child);
    prop = object_property_add(OBJECT(bus), name, type, bus_child_get, NULL,
                               NULL, child);
    prop->resolve = bus_child_resolve;
    g_free(name);
    g_free(type);
}

void bus_remove_child(BusState *bus, DeviceState *child)
{
    GHashTableIter iter;
    gpointer key, val;

    g_hash_table_iter_init(&iter, OBJECT(bus)->properties);
    while (g_hash_table_iter_next(&iter, &key, &val)) {
        ObjectProperty *prop = val;

        if (prop->get == bus_child_get && prop->opaque == child) {
            object_property_del(OBJECT(bus), prop->name);
            break;
        }
    }
    bus->children = g_slist_remove(bus->children, child);
    bus->num_children--;
    object_unref(child);
}

bool qdev_set_parent_bus(DeviceState *dev, BusState *bus, Error **errp)
{
    BusState *old = dev->parent_bus;

    assert(object_dynamic_cast(OBJECT(bus),
                               DEVICE_GET_CLASS(dev)->bus_type));
    /* Hold the old bus until the device has left it. */
    if (old) {
        object_ref(old);
        bus_remove_child(old, dev);
        object_unref(old);
    }
    dev->parent_bus = bus;
    object_ref(bus);
    bus_add_child(bus, dev);
    if (old) {
        object_unref(old);
    }
    return true;
}

bool qbus_is_full(BusState *bus)
{
    BusClass *bc = BUS_GET_CLASS(bus);

    return bc->max_dev && bus->num_children >= bc->max_dev;
}

void qbus_set_realized(BusState *bus, bool value)
{
    if (!value) {
        GSList *kids = g_slist_copy(bus->children), *e;

        /* Hold them: unrealizing may take devices off the bus. */
        for (e = kids; e; e = e->next) {
            object_ref(e->data);
        }
        for (e = kids; e; e = e->next) {
            DeviceState *dev = e->data;

            if (dev->realized) {
                qdev_unrealize(dev);
            }
            object_unref(dev);
        }
        g_slist_free(kids);
    }
    bus->realized = value;
}

/* ---- lookup and walks ---- */

/*
 * Depth first, newest first; a bus that can take another device wins over
 * a full one found earlier, which is returned only when nothing else fits.
 */
BusState *qbus_find_recursive(BusState *bus, const char *name,
                              const char *bus_typename)
{
    bool match = (!name || !strcmp(bus->name, name)) &&
                 (!bus_typename ||
                  object_dynamic_cast(OBJECT(bus), bus_typename));
    BusState *pick = match ? bus : NULL;
    GSList *d, *b;

    if (match && !qbus_is_full(bus)) {
        return bus;
    }
    for (d = bus->children; d; d = d->next) {
        DeviceState *dev = d->data;

        for (b = dev->child_buses; b; b = b->next) {
            BusState *ret = qbus_find_recursive(b->data, name, bus_typename);

            if (ret && !qbus_is_full(ret)) {
                return ret;
            }
            if (ret && !pick) {
                pick = ret;
            }
        }
    }
    return pick;
}

BusState *qdev_get_child_bus(DeviceState *dev, const char *name)
{
    GSList *e;

    for (e = dev->child_buses; e; e = e->next) {
        BusState *bus = e->data;

        if (!strcmp(bus->name, name)) {
            return bus;
        }
    }
    return NULL;
}

DeviceState *qdev_find_recursive(BusState *bus, const char *id)
{
    GSList *d, *b;

    for (d = bus->children; d; d = d->next) {
        DeviceState *dev = d->data;

        if (dev->id && !strcmp(dev->id, id)) {
            return dev;
        }
        for (b = dev->child_buses; b; b = b->next) {
            DeviceState *ret = qdev_find_recursive(b->data, id);

            if (ret) {
                return ret;
            }
        }
    }
    return NULL;
}

int qbus_walk_children(BusState *bus,
                       int (*dev_fn)(DeviceState *dev, void *opaque),
                       int (*bus_fn)(BusState *bus, void *opaque),
                       void *opaque)
{
    GSList *d, *b;
    int ret;

    if (bus_fn) {
        ret = bus_fn(bus, opaque);
        if (ret) {
            return ret;
        }
    }
    for (d = bus->children; d; d = d->next) {
        DeviceState *dev = d->data;

        if (dev_fn) {
            ret = dev_fn(dev, opaque);
            if (ret) {
                return ret;
            }
        }
        for (b = dev->child_buses; b; b = b->next) {
            ret = qbus_walk_children(b->data, dev_fn, bus_fn, opaque);
            if (ret) {
                return ret;
            }
        }
    }
    return 0;
}

/* ---- reset ---- */

typedef struct ResetEntry {
    void (*fn)(void *opaque);
    void *opaque;
} ResetEntry;

static GList *reset_handlers;

void qemu_register_reset(void (*fn)(void *opaque), void *opaque)
{
    ResetEntry *re = g_new0(ResetEntry, 1);

    re->fn = fn;
    re->opaque = opaque;
    reset_handlers = g_list_append(reset_handlers, re);
}

void qemu_unregister_reset(void (*fn)(void *opaque), void *opaque)
{
    GList *l;

    for (l = reset_handlers; l; l = l->next) {
        ResetEntry *re = l->data;

        if (re->fn == fn && re->opaque == opaque) {
            reset_handlers = g_list_delete_link(reset_handlers, l);
            g_free(re);
            return;
        }
    }
}

static void bus_reset_devices(BusState *bus)
{
    GSList *d;

    for (d = bus->children; d; d = d->next) {
        device_cold_reset(d->data);
    }
}

void device_cold_reset(DeviceState *dev)
{
    DeviceClass *dc = DEVICE_GET_CLASS(dev);
    GSList *b;

    for (b = dev->child_buses; b; b = b->next) {
        bus_reset_devices(b->data);
    }
    if (dc->reset) {
        dc->reset(dev);
    }
}

void qemu_devices_reset(void)
{
    GList *l, *next;

    bus_reset_devices(sysbus_get_default());
    /* A handler may unregister itself. */
    for (l = reset_handlers; l; l = next) {
        ResetEntry *re = l->data;

        next = l->next;
        re->fn(re->opaque);
    }
}

/* ---- creation ---- */

static void qbus_init_internal(BusState *bus, DeviceState *parent,
                               const char *name)
{
    bus->parent = parent;
    if (name) {
        bus->name = g_strdup(name);
    } else if (parent && parent->id) {
        bus->name = g_strdup_printf("%s.%d", parent->id,
                                    parent->num_child_bus);
    } else {
        BusClass *bc = BUS_GET_CLASS(bus);
        char *lower = g_ascii_strdown(object_get_typename(OBJECT(bus)), -1);

        bus->name = g_strdup_printf("%s.%d", lower, bc->automatic_ids++);
        g_free(lower);
    }
    if (parent) {
        parent->child_buses = g_slist_prepend(parent->child_buses, bus);
        parent->num_child_bus++;
        object_property_add_child(OBJECT(parent), bus->name, OBJECT(bus));
        /* The parent's child<> property holds the bus from now on. */
        object_unref(bus);
    }
}

void qbus_init(void *bus, size_t size, const char *typename,
               DeviceState *parent, const char *name)
{
    object_initialize(bus, size, typename);
    qbus_init_internal(bus, parent, name);
}

BusState *qbus_new(const char *typename, DeviceState *parent,
                   const char *name)
{
    BusState *bus = BUS(object_new(typename));

    qbus_init_internal(bus, parent, name);
    return bus;
}

/* ---- the type ---- */

static bool bus_get_realized(Object *obj, Error **errp)
{
    return BUS(obj)->realized;
}

static void bus_set_realized(Object *obj, bool value, Error **errp)
{
    qbus_set_realized(BUS(obj), value);
}

static void bus_initfn(Object *obj)
{
    BusState *bus = BUS(obj);

    object_property_add_bool(obj, "realized", bus_get_realized,
                             bus_set_realized);
    object_property_add_link(obj, "hotplug-handler", "hotplug-handler",
                             &bus->hotplug_handler,
                             object_property_allow_set_link, 0);
}

/* Leaving the tree takes the bus's devices with it. */
static void bus_unparent(Object *obj)
{
    BusState *bus = BUS(obj);

    while (bus->children) {
        DeviceState *dev = bus->children->data;

        if (OBJECT(dev)->parent) {
            object_unparent(OBJECT(dev));
        }
        if (bus->children && bus->children->data == dev) {
            /* Not in the QOM tree (never realized): detach by hand. */
            dev->parent_bus = NULL;
            bus_remove_child(bus, dev);
            object_unref(bus);
        }
    }
    if (bus->parent) {
        bus->parent->child_buses = g_slist_remove(bus->parent->child_buses,
                                                  bus);
        bus->parent->num_child_bus--;
        bus->parent = NULL;
    }
}

static void bus_finalize(Object *obj)
{
    g_free(BUS(obj)->name);
}

static void bus_class_init(ObjectClass *klass, void *data)
{
    klass->unparent = bus_unparent;
}

/* Each bus class counts its own unnamed buses from 0 (a subclass starts
 * as a copy of its parent, counter included). */
static void bus_class_base_init(ObjectClass *klass, void *data)
{
    BUS_CLASS(klass)->automatic_ids = 0;
}

static const TypeInfo bus_info = {
    .name = TYPE_BUS,
    .parent = TYPE_OBJECT,
    .instance_size = sizeof(BusState),
    .abstract = true,
    .class_size = sizeof(BusClass),
    .instance_init = bus_initfn,
    .instance_finalize = bus_finalize,
    .class_init = bus_class_init,
    .class_base_init = bus_class_base_init,
};

static void bus_register_types(void)
{
    type_register_static(&bus_info);
}

type_init(bus_register_types)
