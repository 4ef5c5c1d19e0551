/*
 * qdev-core.h: devices and buses on top of QOM.
 *
 * A DeviceState is created (object_new / qdev_new), configured through its
 * properties, then *realized* onto a bus: realize does the work that can
 * fail (claiming resources, connecting backends) and reports it through
 * errp.  Unrealize undoes it.  Reset returns the device to its power-on
 * state (the whole tree is reset by qemu_devices_reset()).
 *
 * A device may own child buses (a PCI host owns "pci.0"); a bus holds
 * devices.  The root is the machine's "main-system-bus".  A bus is named
 * after its parent device's id ("usb.0") or type, and -device places a
 * device with bus=NAME or on the first bus of the type its class asks for.
 * As in QEMU, the lists of a bus's devices and of a device's buses keep the
 * newest first: info qtree prints them in that order and the search for a
 * bus follows it (so "-device ide-hd" lands on ide.1 before ide.0).
 *
 * In the QOM tree, -device puts devices at /machine/peripheral/ID or
 * /machine/peripheral-anon/device[N]; a device realized without a parent
 * goes to /machine/unattached/device[N]; a bus is a child of its parent
 * device named after the bus, the main system bus is
 * /machine/unattached/sysbus.  Each bus lists its devices as link
 * properties "child[N]".
 *
 * Static device properties are declared in a Property table (DEFINE_PROP_*)
 * and become class properties: the same setters serve -device, -global,
 * qom-set and device_add.  -global TYPE.PROP=VALUE values are applied to
 * each new device of TYPE or of a subtype, before the -device options.
 */
#ifndef HW_QDEV_CORE_H
#define HW_QDEV_CORE_H

#include "qom/object.h"

typedef struct DeviceState DeviceState;
typedef struct DeviceClass DeviceClass;
typedef struct BusState BusState;
typedef struct BusClass BusClass;
typedef struct Property Property;
typedef struct PropertyInfo PropertyInfo;
typedef struct QemuOpts QemuOpts;

#define TYPE_DEVICE "device"
#define DEVICE(obj) OBJECT_CHECK(DeviceState, (obj), TYPE_DEVICE)
#define DEVICE_CLASS(klass) OBJECT_CLASS_CHECK(DeviceClass, (klass), TYPE_DEVICE)
#define DEVICE_GET_CLASS(obj) OBJECT_GET_CLASS(DeviceClass, (obj), TYPE_DEVICE)

#define TYPE_BUS "bus"
#define BUS(obj) OBJECT_CHECK(BusState, (obj), TYPE_BUS)
#define BUS_CLASS(klass) OBJECT_CLASS_CHECK(BusClass, (klass), TYPE_BUS)
#define BUS_GET_CLASS(obj) OBJECT_GET_CLASS(BusClass, (obj), TYPE_BUS)

/* -device help groups, in the order the help prints them. */
typedef enum DeviceCategory {
    DEVICE_CATEGORY_BRIDGE,
    DEVICE_CATEGORY_USB,
    DEVICE_CATEGORY_STORAGE,
    DEVICE_CATEGORY_NETWORK,
    DEVICE_CATEGORY_INPUT,
    DEVICE_CATEGORY_DISPLAY,
    DEVICE_CATEGORY_SOUND,
    DEVICE_CATEGORY_MISC,
    DEVICE_CATEGORY_CPU,
    DEVICE_CATEGORY_WATCHDOG,
    DEVICE_CATEGORY_MAX
} DeviceCategory;

typedef bool DeviceRealize(DeviceState *dev, Error **errp);
typedef void DeviceUnrealize(DeviceState *dev);
typedef void DeviceReset(DeviceState *dev);

struct DeviceClass {
    ObjectClass parent_class;
    uint32_t categories;        /* bit mask of 1u << DeviceCategory */
    const char *fw_name;
    const char *desc;
    Property *props;            /* the static property table */
    bool user_creatable;        /* -device / device_add allowed */
    bool hotpluggable;
    DeviceReset *reset;
    DeviceRealize *realize;
    DeviceUnrealize *unrealize;
    const char *bus_type;       /* the bus type it plugs into (NULL: none) */
};

struct DeviceState {
    Object parent_obj;
    char *id;                   /* -device id=, or NULL */
    bool realized;
    bool hotplugged;            /* created after qdev_machine_creation_done() */
    BusState *parent_bus;
    GSList *child_buses;        /* BusState*, newest first */
    int num_child_bus;
    /* internal */
    char *canonical_path;       /* kept from realize for DEVICE_DELETED */
    bool pending_deleted_event; /* unrealized: send DEVICE_DELETED at free */
    Error *global_err;          /* a -global that failed to apply */
};

struct BusClass {
    ObjectClass parent_class;
    /* Extra lines for info qtree about dev on this bus (e.g. "class USB
     * controller, addr 00:01.2, ..."), each starting with indent spaces. */
    void (*print_dev)(GString *out, DeviceState *dev, int indent);
    char *(*get_dev_path)(DeviceState *dev);
    int max_dev;                /* 0: unlimited */
    /*
     * Counter for unnamed buses whose parent has no id: they are named
     * "type.N" (lower case type name, N counting per bus class).
     */
    int automatic_ids;
};

struct BusState {
    Object obj;
    DeviceState *parent;
    char *name;
    bool realized;
    bool hotpluggable;          /* device_add/device_del allowed */
    int num_children;
    GSList *children;           /* DeviceState*, newest first */
    /* internal */
    int max_index;              /* next "child[N]" link number */
    Object *hotplug_handler;    /* the "hotplug-handler" link */
};

/* ---- static properties ---- */

/*
 * How a Property is accessed.  get/set receive the ObjectProperty whose
 * opaque is the Property; qdev_get_prop_ptr() gives the field.  Setting a
 * static property of a realized device is refused before set is called
 * ("Attempt to set property 'x' on device 'id' (type 't') after it was
 * realized").
 */
struct PropertyInfo {
    const char *name;           /* type name shown in help ("uint32", "str") */
    const char *description;
    const char *const *enum_table;
    ObjectPropertyGet *get;
    ObjectPropertySet *set;
    ObjectPropertyRelease *release;
    /* Record the default (ObjectProperty.defval) applied at creation. */
    void (*set_default_value)(ObjectProperty *op, const Property *prop);
    /* The value as info qtree shows it, when not the generic form (a PCI
     * address prints "04.0"); g_free'd by the caller. */
    char *(*print)(Object *obj, const Property *prop);
};

struct Property {
    const char *name;
    const PropertyInfo *info;
    ptrdiff_t offset;           /* of the field in the device struct */
    uint8_t bitnr;
    bool set_default;
    union {
        int64_t i;
        uint64_t u;
    } defval;
    const char *link_type;
};

extern const PropertyInfo qdev_prop_bit;
extern const PropertyInfo qdev_prop_bool;
extern const PropertyInfo qdev_prop_uint8;
extern const PropertyInfo qdev_prop_uint16;
extern const PropertyInfo qdev_prop_uint32;
extern const PropertyInfo qdev_prop_int32;
extern const PropertyInfo qdev_prop_uint64;
extern const PropertyInfo qdev_prop_int64;
extern const PropertyInfo qdev_prop_size;
extern const PropertyInfo qdev_prop_string;
extern const PropertyInfo qdev_prop_on_off_auto;
extern const PropertyInfo qdev_prop_link;

#define DEFINE_PROP(_name, _state, _field, _prop, _type, ...) { \
        .name = (_name), .info = &(_prop), \
        .offset = offsetof(_state, _field) \
            + 0 * sizeof(((_state *)0)->_field == (_type)0), \
        __VA_ARGS__ }
#define DEFINE_PROP_SIGNED(_name, _state, _field, _def, _prop, _type) \
    DEFINE_PROP(_name, _state, _field, _prop, _type, \
                .set_default = true, .defval.i = (_type)(_def))
#define DEFINE_PROP_UNSIGNED(_name, _state, _field, _def, _prop, _type) \
    DEFINE_PROP(_name, _state, _field, _prop, _type, \
                .set_default = true, .defval.u = (_type)(_def))
#define DEFINE_PROP_BIT(_name, _state, _field, _bit, _def) \
    DEFINE_PROP(_name, _state, _field, qdev_prop_bit, uint32_t, \
                .bitnr = (_bit), .set_default = true, .defval.u = (bool)(_def))
#define DEFINE_PROP_BOOL(_name, _state, _field, _def) \
    DEFINE_PROP(_name, _state, _field, qdev_prop_bool, bool, \
                .set_default = true, .defval.u = (bool)(_def))
#define DEFINE_PROP_UINT8(_n, _s, _f, _d) \
    DEFINE_PROP_UNSIGNED(_n, _s, _f, _d, qdev_prop_uint8, uint8_t)
#define DEFINE_PROP_UINT16(_n, _s, _f, _d) \
    DEFINE_PROP_UNSIGNED(_n, _s, _f, _d, qdev_prop_uint16, uint16_t)
#define DEFINE_PROP_UINT32(_n, _s, _f, _d) \
    DEFINE_PROP_UNSIGNED(_n, _s, _f, _d, qdev_prop_uint32, uint32_t)
#define DEFINE_PROP_INT32(_n, _s, _f, _d) \
    DEFINE_PROP_SIGNED(_n, _s, _f, _d, qdev_prop_int32, int32_t)
#define DEFINE_PROP_UINT64(_n, _s, _f, _d) \
    DEFINE_PROP_UNSIGNED(_n, _s, _f, _d, qdev_prop_uint64, uint64_t)
#define DEFINE_PROP_INT64(_n, _s, _f, _d) \
    DEFINE_PROP_SIGNED(_n, _s, _f, _d, qdev_prop_int64, int64_t)
#define DEFINE_PROP_SIZE(_n, _s, _f, _d) \
    DEFINE_PROP_UNSIGNED(_n, _s, _f, _d, qdev_prop_size, uint64_t)
#define DEFINE_PROP_STRING(_n, _s, _f) \
    DEFINE_PROP(_n, _s, _f, qdev_prop_string, char *)
/* An enum stored as int in the struct; _info gives its name and table. */
#define DEFINE_PROP_ENUM(_n, _s, _f, _d, _info) \
    DEFINE_PROP_SIGNED(_n, _s, _f, _d, _info, int)
#define DEFINE_PROP_LINK(_n, _s, _f, _type, _ptr_type) \
    DEFINE_PROP(_n, _s, _f, qdev_prop_link, _ptr_type, .link_type = (_type))
#define DEFINE_PROP_END_OF_LIST() { }

typedef enum OnOffAuto {
    ON_OFF_AUTO_AUTO, ON_OFF_AUTO_ON, ON_OFF_AUTO_OFF, ON_OFF_AUTO__MAX
} OnOffAuto;
extern const char *const OnOffAuto_lookup[];
#define DEFINE_PROP_ON_OFF_AUTO(_n, _s, _f, _d) \
    DEFINE_PROP_SIGNED(_n, _s, _f, _d, qdev_prop_on_off_auto, OnOffAuto)

void device_class_set_props(DeviceClass *dc, Property *props);
/* The field of prop in obj. */
void *qdev_get_prop_ptr(Object *obj, const Property *prop);
/* Building blocks for device-specific PropertyInfos (enums, ints). */
json_t *qdev_propinfo_get_enum(Object *obj, ObjectProperty *op,
                               Error **errp);
bool qdev_propinfo_set_enum(Object *obj, ObjectProperty *op, json_t *value,
                            Error **errp);
void qdev_propinfo_set_default_value_enum(ObjectProperty *op,
                                          const Property *prop);
void qdev_propinfo_set_default_value_int(ObjectProperty *op,
                                         const Property *prop);
void qdev_propinfo_set_default_value_uint(ObjectProperty *op,
                                          const Property *prop);
json_t *qdev_propinfo_get_int32(Object *obj, ObjectProperty *op,
                                Error **errp);
bool qdev_propinfo_set_int32(Object *obj, ObjectProperty *op, json_t *value,
                             Error **errp);
static inline void device_class_set_category(DeviceClass *dc,
                                             DeviceCategory cat)
{
    dc->categories |= 1u << cat;
}

/* ---- devices ---- */

/* A new device of a concrete device type (board code: unknown aborts);
 * the try variant returns NULL instead. */
DeviceState *qdev_new(const char *name);
DeviceState *qdev_try_new(const char *name);
/*
 * Plug into bus (NULL for bus-less devices) and realize, through the
 * "realized" property: a device without a QOM parent becomes
 * /machine/unattached/device[N]; DeviceClass.realize runs; the device's
 * buses are marked realized; a hotplugged device is reset.  On failure the
 * device leaves the bus and /machine/unattached again.  Unrealizing
 * unrealizes the devices on its buses first (newest first), then runs
 * DeviceClass.unrealize.
 */
bool qdev_realize(DeviceState *dev, BusState *bus, Error **errp);
/* qdev_realize() then drop the caller's reference (the tree keeps one). */
bool qdev_realize_and_unref(DeviceState *dev, BusState *bus, Error **errp);
void qdev_unrealize(DeviceState *dev);
/* Reset the devices on dev's buses (recursively), then dev (its
 * DeviceClass.reset). */
void device_cold_reset(DeviceState *dev);
/* The machine object ("/machine"), or NULL before it exists. */
Object *qdev_get_machine(void);
/*
 * Call once "/machine" exists: creates /machine/unattached, peripheral and
 * peripheral-anon and puts the main system bus at
 * /machine/unattached/sysbus.
 */
void qdev_machine_init(void);
/*
 * Call when the machine and the command line devices are created: later
 * devices are hotplugged (device_add), so they must be hotpluggable and go
 * on a hotpluggable bus.  Also warns about unused -global values.
 */
void qdev_machine_creation_done(void);
bool qdev_machine_ready(void);
/* "/machine/peripheral" and "/machine/peripheral-anon". */
Object *qdev_get_peripheral(void);
Object *qdev_get_peripheral_anon(void);
/* Move dev to bus (it must accept the bus type: asserted). */
bool qdev_set_parent_bus(DeviceState *dev, BusState *bus, Error **errp);
/*
 * Give dev its place under /machine/peripheral/ID (id, owned, may be NULL
 * for peripheral-anon/device[N]); fails with "Duplicate device ID 'x'".
 */
bool qdev_set_id(DeviceState *dev, char *id, Error **errp);
/* Find a device by id below bus (recursively). */
DeviceState *qdev_find_recursive(BusState *bus, const char *id);
/*
 * A device by id or by a QOM path, absolute or relative to
 * /machine/peripheral (as device_del takes it): "Device 'x' not found"
 * (DeviceNotFound), "x is not a hotpluggable device" (not a device).
 */
DeviceState *qdev_find_device(const char *path_or_id, Error **errp);

/* ---- buses ---- */

/*
 * A bus of typename owned by parent (a child<> property of it named after
 * the bus; NULL parent: a root bus).  name NULL: "ID.N" from the parent's
 * id, else "type.N" (see BusClass.automatic_ids).  qbus_init() does the
 * same for a bus embedded in the parent's struct.
 */
BusState *qbus_new(const char *typename, DeviceState *parent,
                   const char *name);
void qbus_init(void *bus, size_t size, const char *typename,
               DeviceState *parent, const char *name);
/* The bus of dev called name, or NULL. */
BusState *qdev_get_child_bus(DeviceState *dev, const char *name);
/* bus->max_dev reached. */
bool qbus_is_full(BusState *bus);
/*
 * Search the tree below bus (depth first, newest first) for a bus called
 * name (NULL: any) of type bus_typename (NULL: any).  A bus with room is
 * preferred; a full one is returned only if no other matches.
 */
BusState *qbus_find_recursive(BusState *bus, const char *name,
                              const char *bus_typename);
/*
 * A bus= path: "pci.0", "/i440FX-pcihost/pci.0", "pci.0/usb/usb.0", or a
 * path ending at a device with one bus (devices named by id, type or
 * alias).  Errors as QEMU's: "Bus 'x' not found", "Device 'x' not found"
 * (DeviceNotFound), "Device 'x' has multiple child buses", "Device 'x' has
 * no child bus", "Bus 'path' is full"; with a hint listing what is there.
 */
BusState *qbus_find(const char *path, Error **errp);
/* The root bus ("main-system-bus"), created on first use. */
BusState *sysbus_get_default(void);
/*
 * Walk the tree below bus: bus_fn(bus), then for each device (newest
 * first) dev_fn(dev) and the walk of each of its child buses.  Either
 * function may be NULL; a non-zero return stops the walk and is returned.
 */
int qbus_walk_children(BusState *bus,
                       int (*dev_fn)(DeviceState *dev, void *opaque),
                       int (*bus_fn)(BusState *bus, void *opaque),
                       void *opaque);
/*
 * Machine reset: every device below the main system bus (the devices on a
 * device's buses before the device itself), then the handlers registered
 * with qemu_register_reset() in registration order.
 */
void qemu_devices_reset(void);
/* Extra reset handlers (called after the device tree). */
void qemu_register_reset(void (*fn)(void *opaque), void *opaque);
void qemu_unregister_reset(void (*fn)(void *opaque), void *opaque);

/* ---- -global ---- */

/*
 * A -global value: applied (as a string, like -global itself) to each new
 * device of type driver or of a subtype, in instance_post_init.  A value
 * that does not apply fails the device: realize (and -device) reports
 * "can't apply global D.P=V: <reason>"; for a hotplugged device it is a
 * warning only, as in QEMU.
 */
void qdev_prop_register_global(const char *driver, const char *property,
                               const char *value);
/*
 * A machine type's compatibility property (an older machine type's
 * default for a device property): applied like a -global registered
 * before every -global of the command line, so those override it; never
 * reported as unused, and skipped for devices that lack the property.
 */
void qdev_prop_register_compat(const char *driver, const char *property,
                               const char *value);
/* Parse "DRIVER.PROP=VALUE" or "driver=D,property=P,value=V" (the -global
 * argument) and register it. */
bool qdev_global_parse(const char *str, Error **errp);
/*
 * Warn about globals that were never used: "global D.P has invalid class
 * name" when D is no device type, "global D.P=V not used" when D is a
 * device type that cannot be hotplugged later.
 */
void qdev_prop_check_globals(void);

/* ---- -device / device_add / device_del / help / info qtree ---- */

/*
 * -device and device_add: create, place and realize a device from a dict
 * with "driver" (a type name or an alias such as "virtio-net"), optionally
 * "id" and "bus"; every other member is a property.  from_json: the values
 * are typed (JSON -device); otherwise they are strings from -device
 * key=value or device_add (QMP device_add passes its arguments as text,
 * as QEMU does), parsed as -device does.  Errors as
 * QEMU's: "Parameter 'driver' is missing", "'foo' is not a valid device
 * model name", "Parameter 'driver' expects a non-abstract device type",
 * "Parameter 'driver' expects a pluggable device type", "Bus 'x' not
 * found", "No 'PCI' bus found for device 'e1000'", "Device 'e1000' can't go
 * on ISA bus", "Bus 'x' does not support hotplugging", "Duplicate device ID
 * 'x'", property and realize errors; a model that a later part of the
 * project provides: "Device 'x' is not supported yet".  Returns the device,
 * borrowed (the tree holds it), or NULL.
 */
DeviceState *qdev_device_add_from_dict(json_t *dict, bool from_json,
                                       Error **errp);
/*
 * device_del: id or QOM path (relative to /machine/peripheral).  The
 * device is unplugged at once (DEVICE_DELETED is sent when it is freed).
 * Errors: "Device 'x' not found" (DeviceNotFound), "x is not a hotpluggable
 * device", "Bus 'x' does not support hotplugging", "Device 'x' does not
 * support hotplugging".
 */
bool qdev_device_del(const char *id, Error **errp);
/*
 * -device help: user-creatable devices by category ("Network devices:"
 * ...), lines `name "x", bus Y, alias "z", desc "d"`, sorted by name.  As
 * in QEMU, every category header but the first category's is preceded by
 * an empty line, even when earlier categories are empty.
 */
void qdev_print_device_list(GString *out);
/*
 * -device NAME,help: "NAME options:" and one line per property (sorted),
 * or "There are no options for NAME.".  False with "Device 'x' not found"
 * (QEMU still exits with status 0 after that one), "Device 'x' is not
 * supported yet", "Parameter 'typename' expects a non-abstract device
 * type".
 */
bool qdev_print_device_props(GString *out, const char *driver, Error **errp);
/*
 * device-list-properties: [{"name", "type", "description"?,
 * "default-value"?}] of the device's properties, without the generic
 * ones (type, realized, hotplugged, hotpluggable, parent_bus).  Errors:
 * "Device 'x' not found" (DeviceNotFound), "Parameter 'typename' expects a
 * non-abstract device type".
 */
json_t *qdev_device_list_properties(const char *typename, Error **errp);
/* info qtree: the bus/device tree from the main system bus. */
void qdev_print_qtree(GString *out);
/*
 * info qom-tree [path]: "/name (type)" lines, children sorted by name and
 * indented by two spaces per level; default path "/machine"; an unknown
 * path prints "Path 'x' could not be resolved.".
 */
void qom_print_tree(GString *out, const char *path);
/*
 * Names of device models that a later part of the project provides:
 * -device with one of them fails with "... is not supported yet".
 */
bool qdev_is_future_device(const char *driver);

#endif
