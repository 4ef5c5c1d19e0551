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
    bool hotplugged;
    BusState *parent_bus;
    GSList *child_buses;        /* BusState*, in creation order */
    int num_child_bus;
};

struct BusClass {
    ObjectClass parent_class;
    /* Extra lines for info qtree about dev on this bus (e.g. "addr = 04.0"). */
    void (*print_dev)(GString *out, DeviceState *dev, int indent);
    char *(*get_dev_path)(DeviceState *dev);
    int max_dev;                /* 0: unlimited */
    bool automatic_ids;         /* name buses "TYPE.N" when the parent has no id */
};

struct BusState {
    Object obj;
    DeviceState *parent;
    char *name;
    bool realized;
    bool hotpluggable;
    int num_children;
    GSList *children;           /* DeviceState*, in plug order */
};

/* ---- static properties ---- */

struct PropertyInfo {
    const char *name;           /* type name shown in help ("uint32", "str") */
    const char *description;
    const char *const *enum_table;
    ObjectPropertyGet *get;
    ObjectPropertySet *set;
    ObjectPropertyRelease *release;
    /* Set the default in the struct field (and ObjectProperty.defval). */
    void (*set_default_value)(ObjectProperty *op, const Property *prop);
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
static inline void device_class_set_category(DeviceClass *dc,
                                             DeviceCategory cat)
{
    dc->categories |= 1u << cat;
}

/* ---- devices ---- */

DeviceState *qdev_new(const char *name);
DeviceState *qdev_try_new(const char *name);
/* Plug into bus (may be NULL for bus-less devices) and realize. */
bool qdev_realize(DeviceState *dev, BusState *bus, Error **errp);
/* qdev_realize() then drop the caller's reference (the bus keeps one). */
bool qdev_realize_and_unref(DeviceState *dev, BusState *bus, Error **errp);
void qdev_unrealize(DeviceState *dev);
void device_cold_reset(DeviceState *dev);
/* The machine object ("/machine"). */
Object *qdev_get_machine(void);
void qdev_set_id(DeviceState *dev, char *id, Error **errp);
/* Find a device by id below bus (recursively). */
DeviceState *qdev_find_recursive(BusState *bus, const char *id);
/* "/machine/peripheral/ID" or a partial path that names a device. */
DeviceState *qdev_find_device(const char *path_or_id, Error **errp);

/* ---- buses ---- */

BusState *qbus_new(const char *typename, DeviceState *parent,
                   const char *name);
void qbus_init(void *bus, size_t size, const char *typename,
               DeviceState *parent, const char *name);
BusState *qdev_get_child_bus(DeviceState *dev, const char *name);
/* The root bus ("main-system-bus"), created on first use. */
BusState *sysbus_get_default(void);
/* Walk the bus/device tree; non-zero return stops. */
int qbus_walk_children(BusState *bus,
                       int (*dev_fn)(DeviceState *dev, void *opaque),
                       int (*bus_fn)(BusState *bus, void *opaque),
                       void *opaque);
/* Reset every device on every bus (machine reset). */
void qemu_devices_reset(void);
/* Extra reset handlers (called after the device tree). */
void qemu_register_reset(void (*fn)(void *opaque), void *opaque);
void qemu_unregister_reset(void (*fn)(void *opaque), void *opaque);

/* ---- -global ---- */

void qdev_prop_register_global(const char *driver, const char *property,
                               const char *value);
/* Parse "DRIVER.PROP=VALUE" (the -global argument). */
bool qdev_global_parse(const char *str, Error **errp);
/* Warn about globals that matched no device type (at machine done). */
void qdev_prop_check_globals(void);

/* ---- -device / device_add / device_del / help / info qtree ---- */

/*
 * Create a device from a property dict (a JSON object with "driver", and
 * optionally "id", "bus"; every other member is a property; string values
 * are parsed).  Errors as QEMU's: "'foo' is not a valid device model name",
 * "Bus 'x' not found", "Duplicate device ID 'x'", property errors.
 */
DeviceState *qdev_device_add_from_dict(json_t *dict, bool from_json,
                                       Error **errp);
bool qdev_device_del(const char *id, Error **errp);
/* -device help: every user-creatable device by category. */
void qdev_print_device_list(GString *out);
/* -device NAME,help: its properties; false with error if NAME is unknown. */
bool qdev_print_device_props(GString *out, const char *driver, Error **errp);
/* info qtree: the bus/device tree from the main system bus. */
void qdev_print_qtree(GString *out);
/* info qom-tree [path]. */
void qom_print_tree(GString *out, const char *path);
/*
 * Names of device models that a later part of the project provides:
 * -device with one of them fails with "... is not supported yet".
 */
bool qdev_is_future_device(const char *driver);

#endif
