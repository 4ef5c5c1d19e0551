/*
 * qdev.c: TYPE_DEVICE.  Its life cycle is driven by the "realized"
 * property: new -> configured through properties -> realized (placed in
 * the tree, DeviceClass.realize) -> unrealized -> unparented and freed,
 * at which point a device that had been unrealized announces
 * DEVICE_DELETED.
 */
#include "qemu/osdep.h"
#include "hw/qdev-core.h"
#include "hw/core/qdev-internal.h"
#include "monitor/monitor.h"

/* After machine creation, new devices are hotplugged. */
static bool qdev_hotplug;

void qdev_machine_creation_done(void)
{
    qdev_hotplug = true;
    qdev_prop_check_globals();
}

bool qdev_machine_ready(void)
{
    return qdev_hotplug;
}

Object *qdev_get_machine(void)
{
    return object_resolve_path_component(object_get_root(), "machine");
}

/*
 * A container below /machine.  Before the machine exists (unit tests
 * that build devices without one) /machine is made a plain container.
 */
static Object *machine_container(const char *name)
{
    Object *machine = qdev_get_machine();

    if (!machine) {
        machine = container_get(object_get_root(), "/machine");
    }
    return container_get(machine, name);
}

void qdev_machine_init(void)
{
    machine_container("/unattached");
    machine_container("/peripheral");
    machine_container("/peripheral-anon");
    sysbus_get_default();
}

Object *qdev_get_peripheral(void)
{
    return machine_container("/peripheral");
}

Object *qdev_get_peripheral_anon(void)
{
    return machine_container("/peripheral-anon");
}

/* ---- creation ---- */

DeviceState *qdev_try_new(const char *name)
{
    ObjectClass *oc = object_class_by_name(name);

    if (!oc || !object_class_dynamic_cast(oc, TYPE_DEVICE) ||
        object_class_is_abstract(oc)) {
        return NULL;
    }
    return DEVICE(object_new(name));
}

DeviceState *qdev_new(const char *name)
{
    DeviceState *dev = qdev_try_new(name);

    if (!dev) {
        fprintf(stderr, "unknown device type '%s'\n", name);
        abort();
    }
    return dev;
}

bool qdev_set_id(DeviceState *dev, char *id, Error **errp)
{
    static int anon_count;

    assert(!dev->id && !dev->realized);
    if (id) {
        dev->id = id;
        if (!object_property_try_add_child(qdev_get_peripheral(), id,
                                           OBJECT(dev), NULL)) {
            error_setg(errp, "Duplicate device ID '%s'", id);
            g_free(dev->id);
            dev->id = NULL;
            return false;
        }
    } else {
        char *name = g_strdup_printf("device[%d]", anon_count++);

        object_property_add_child(qdev_get_peripheral_anon(), name,
                                  OBJECT(dev));
        g_free(name);
    }
    return true;
}

/* ---- realize ---- */

static bool device_get_realized(Object *obj, Error **errp)
{
    return DEVICE(obj)->realized;
}

static void device_set_realized(Object *obj, bool value, Error **errp)
{
    static int unattached_count;
    DeviceState *dev = DEVICE(obj);
    DeviceClass *dc = DEVICE_GET_CLASS(dev);
    bool unattached_parent = false;
    Error *err = NULL;
    GSList *b;

    if (value && !dev->realized) {
        if (dev->global_err) {
            error_propagate(errp, error_copy(dev->global_err));
            return;
        }
        if (!obj->parent) {
            char *name = g_strdup_printf("device[%d]", unattached_count++);

            object_property_add_child(machine_container("/unattached"), name,
                                      obj);
            unattached_parent = true;
            g_free(name);
        }
        if (dc->realize && !dc->realize(dev, &err)) {
            if (!err) {
                error_setg(&err, "Device '%s' failed to realize",
                           object_get_typename(obj));
            }
            error_propagate(errp, err);
            /* This also takes the device off its bus, as in QEMU. */
            if (unattached_parent) {
                object_unparent(obj);
                unattached_count--;
            }
            return;
        }
        g_free(dev->canonical_path);
        dev->canonical_path = object_get_canonical_path(obj);
        for (b = dev->child_buses; b; b = b->next) {
            qbus_set_realized(b->data, true);
        }
        if (dev->hotplugged) {
            device_cold_reset(dev);
        }
        dev->pending_deleted_event = false;
        dev->realized = true;
    } else if (!value && dev->realized) {
        dev->realized = false;
        for (b = dev->child_buses; b; b = b->next) {
            qbus_set_realized(b->data, false);
        }
        if (dc->unrealize) {
            dc->unrealize(dev);
        }
        dev->pending_deleted_event = true;
    }
}

bool qdev_realize(DeviceState *dev, BusState *bus, Error **errp)
{
    assert(!dev->realized && !dev->parent_bus);
    if (bus) {
        if (!qdev_set_parent_bus(dev, bus, errp)) {
            return false;
        }
    } else {
        assert(!DEVICE_GET_CLASS(dev)->bus_type);
    }
    return object_property_set_bool(OBJECT(dev), "realized", true, errp);
}

bool qdev_realize_and_unref(DeviceState *dev, BusState *bus, Error **errp)
{
    bool ret = qdev_realize(dev, bus, errp);

    object_unref(dev);
    return ret;
}

void qdev_unrealize(DeviceState *dev)
{
    object_property_set_bool(OBJECT(dev), "realized", false, &error_abort);
}

/* ---- the other generic properties ---- */

static bool device_get_hotpluggable(Object *obj, Error **errp)
{
    DeviceState *dev = DEVICE(obj);

    return DEVICE_GET_CLASS(dev)->hotpluggable &&
           (!dev->parent_bus || dev->parent_bus->hotpluggable);
}

static bool device_get_hotplugged(Object *obj, Error **errp)
{
    return DEVICE(obj)->hotplugged;
}

static json_t *device_get_parent_bus(Object *obj, ObjectProperty *prop,
                                     Error **errp)
{
    DeviceState *dev = DEVICE(obj);
    char *path = dev->parent_bus ?
                 object_get_canonical_path(OBJECT(dev->parent_bus)) : NULL;
    json_t *ret = json_string(path ? path : "");

    g_free(path);
    return ret;
}

static Object *device_resolve_parent_bus(Object *obj, ObjectProperty *prop,
                                         const char *part)
{
    return OBJECT(DEVICE(obj)->parent_bus);
}

/* ---- the type ---- */

static void device_initfn(Object *obj)
{
    DEVICE(obj)->hotplugged = qdev_hotplug;
}

static void device_post_init(Object *obj)
{
    qdev_prop_set_globals(DEVICE(obj));
}

/* Leaving the tree: unrealize, drop the buses (and their devices), leave
 * the parent bus. */
static void device_unparent(Object *obj)
{
    DeviceState *dev = DEVICE(obj);

    if (dev->realized) {
        qdev_unrealize(dev);
    }
    while (dev->child_buses) {
        Object *bus = dev->child_buses->data;

        object_unparent(bus);
        if (dev->child_buses && dev->child_buses->data == bus) {
            /* A bus outside the QOM tree: forget it. */
            dev->child_buses = g_slist_remove(dev->child_buses, bus);
            dev->num_child_bus--;
        }
    }
    if (dev->parent_bus) {
        BusState *bus = dev->parent_bus;

        bus_remove_child(bus, dev);
        dev->parent_bus = NULL;
        object_unref(bus);
    }
}

static void device_finalize(Object *obj)
{
    DeviceState *dev = DEVICE(obj);

    if (dev->pending_deleted_event && dev->canonical_path) {
        json_t *data = json_object();

        if (dev->id) {
            json_object_set_new(data, "device", json_string(dev->id));
        }
        json_object_set_new(data, "path", json_string(dev->canonical_path));
        qapi_event_send("DEVICE_DELETED", data);
    }
    g_free(dev->canonical_path);
    g_free(dev->id);
    if (dev->global_err) {
        error_free(dev->global_err);
    }
}

static void device_class_base_init(ObjectClass *klass, void *data)
{
    /* Static properties belong to the class that declared them: info
     * qtree walks the classes and prints each class's own table. */
    DEVICE_CLASS(klass)->props = NULL;
}

static void device_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ObjectProperty *prop;

    klass->unparent = device_unparent;
    dc->hotpluggable = true;
    dc->user_creatable = true;

    object_class_property_add_bool(klass, "realized", device_get_realized,
                                   device_set_realized);
    object_class_property_add_bool(klass, "hotpluggable",
                                   device_get_hotpluggable, NULL);
    object_class_property_add_bool(klass, "hotplugged",
                                   device_get_hotplugged, NULL);
    prop = object_class_property_add(klass, "parent_bus", "link<bus>",
                                     device_get_parent_bus, NULL, NULL,
                                     NULL);
    prop->resolve = device_resolve_parent_bus;
}

static const TypeInfo device_info = {
    .name = TYPE_DEVICE,
    .parent = TYPE_OBJECT,
    .instance_size = sizeof(DeviceState),
    .instance_init = device_initfn,
    .instance_post_init = device_post_init,
    .instance_finalize = device_finalize,
    .class_base_init = device_class_base_init,
    .class_init = device_class_init,
    .abstract = true,
    .class_size = sizeof(DeviceClass),
};

static void qdev_register_types(void)
{
    type_register_static(&device_info);
}

type_init(qdev_register_types)
