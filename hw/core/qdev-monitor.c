/*
 * qdev-monitor.c: devices as users see them: -device and device_add,
 * device_del, bus= paths, -device help, device-list-properties, and the
 * info qtree / info qom-tree printers.
 *
 * The order of the checks in qdev_device_add_from_dict() is QEMU's, so a
 * command line with several mistakes reports the same one first.
 */
#include "qemu/osdep.h"
#include "hw/qdev-core.h"
#include "hw/qdev-gpio.h"
#include "hw/sysbus.h"
#include "hw/core/qdev-internal.h"
#include "qemu/cutils.h"
#include "monitor/monitor.h"

/* ---- names ---- */

/* Short names accepted for -device (and shown by -device help). */
static const struct {
    const char *type;
    const char *alias;
} qdev_aliases[] = {
    { "AC97", "ac97" },
    { "e1000", "e1000-82540em" },
    { "ES1370", "es1370" },
    { "ich9-ahci", "ahci" },
    { "lsi53c895a", "lsi" },
    { "virtio-9p-pci", "virtio-9p" },
    { "virtio-balloon-pci", "virtio-balloon" },
    { "virtio-blk-pci", "virtio-blk" },
    { "virtio-gpu-gl-pci", "virtio-gpu-gl" },
    { "virtio-gpu-pci", "virtio-gpu" },
    { "virtio-input-host-pci", "virtio-input-host" },
    { "virtio-iommu-pci", "virtio-iommu" },
    { "virtio-keyboard-pci", "virtio-keyboard" },
    { "virtio-mouse-pci", "virtio-mouse" },
    { "virtio-net-pci", "virtio-net" },
    { "virtio-rng-pci", "virtio-rng" },
    { "virtio-scsi-pci", "virtio-scsi" },
    { "virtio-serial-pci", "virtio-serial" },
    { "virtio-tablet-pci", "virtio-tablet" },
};

const char *qdev_alias_of(const char *typename)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(qdev_aliases); i++) {
        if (!strcmp(qdev_aliases[i].type, typename)) {
            return qdev_aliases[i].alias;
        }
    }
    return NULL;
}

const char *qdev_type_of_alias(const char *alias)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(qdev_aliases); i++) {
        if (!strcmp(qdev_aliases[i].alias, alias)) {
            return qdev_aliases[i].type;
        }
    }
    return NULL;
}

/*
 * The user-creatable models of the PC board that later parts of the
 * project implement (the devices of the reference command lines and of
 * the board plan in ARCHITECTURE.md).
 */
static const char *const future_devices[] = {
    "cirrus-vga", "e1000", "floppy", "i8042", "ide-cd", "ide-hd",
    "isa-debug-exit", "isa-debugcon", "isa-fdc", "isa-serial",
    "mc146818rtc", "piix3-ide", "piix3-usb-uhci", "piix4-usb-uhci",
    "usb-hub", "usb-kbd", "usb-mouse", "usb-tablet", "VGA",
    "virtio-balloon-device", "virtio-balloon-pci", "virtio-blk-device",
    "virtio-blk-pci", "virtio-net-device", "virtio-net-pci",
};

bool qdev_is_future_device(const char *driver)
{
    const char *type = qdev_type_of_alias(driver);
    size_t i;

    for (i = 0; i < ARRAY_SIZE(future_devices); i++) {
        if (!strcmp(future_devices[i], driver) ||
            (type && !strcmp(future_devices[i], type))) {
            return true;
        }
    }
    return false;
}

/* The class for a -device driver name (a type or an alias), or an error. */
static DeviceClass *device_class_for_driver(const char *driver,
                                            const char **typename,
                                            Error **errp)
{
    ObjectClass *oc = object_class_by_name(driver);
    const char *type = driver;

    if (!oc && qdev_type_of_alias(driver)) {
        type = qdev_type_of_alias(driver);
        oc = object_class_by_name(type);
    }
    if (!object_class_dynamic_cast(oc, TYPE_DEVICE)) {
        if (qdev_is_future_device(driver)) {
            error_setg(errp, "Device '%s' is not supported yet", driver);
        } else if (type != driver) {
            error_setg(errp, "'%s' (alias '%s') is not a valid device model "
                       "name", driver, type);
        } else {
            error_setg(errp, "'%s' is not a valid device model name",
                       driver);
        }
        return NULL;
    }
    if (object_class_is_abstract(oc)) {
        error_setg(errp, "Parameter 'driver' expects a non-abstract device "
                   "type");
        return NULL;
    }
    *typename = type;
    return DEVICE_CLASS(oc);
}

/* ---- bus paths ---- */

/* A device on bus named by id, then by type, then by alias. */
static DeviceState *qbus_find_dev(BusState *bus, const char *elem)
{
    GSList *e;

    for (e = bus->children; e; e = e->next) {
        DeviceState *dev = e->data;

        if (dev->id && !strcmp(dev->id, elem)) {
            return dev;
        }
    }
    for (e = bus->children; e; e = e->next) {
        if (!strcmp(object_get_typename(e->data), elem)) {
            return e->data;
        }
    }
    for (e = bus->children; e; e = e->next) {
        const char *alias = qdev_alias_of(object_get_typename(e->data));

        if (alias && !strcmp(alias, elem)) {
            return e->data;
        }
    }
    return NULL;
}

/* Hints for a wrong path element: what could have been named there. */
static void append_bus_list_hint(DeviceState *dev, Error **errp)
{
    const char *sep = " ";
    GSList *b;

    error_append_hint(errp, "child buses at \"%s\":",
                      dev->id ? dev->id : object_get_typename(OBJECT(dev)));
    for (b = dev->child_buses; b; b = b->next) {
        error_append_hint(errp, "%s\"%s\"", sep,
                          ((BusState *)b->data)->name);
        sep = ", ";
    }
    error_append_hint(errp, "\n");
}

static void append_dev_list_hint(BusState *bus, Error **errp)
{
    const char *sep = " ";
    GSList *d;

    error_append_hint(errp, "devices at \"%s\":", bus->name);
    for (d = bus->children; d; d = d->next) {
        DeviceState *dev = d->data;

        error_append_hint(errp, "%s\"%s\"", sep,
                          object_get_typename(OBJECT(dev)));
        if (dev->id) {
            error_append_hint(errp, "/\"%s\"", dev->id);
        }
        sep = ", ";
    }
    error_append_hint(errp, "\n");
}

/* The next non-empty element of a path, or NULL at its end. */
static const char *next_elem(char **parts, int *i)
{
    while (parts[*i] && !parts[*i][0]) {
        (*i)++;
    }
    return parts[*i];
}

BusState *qbus_find(const char *path, Error **errp)
{
    char **parts = g_strsplit(path, "/", 0);
    BusState *bus, *ret = NULL;
    const char *elem;
    int i = 0;

    if (path[0] == '/') {
        bus = sysbus_get_default();
    } else {
        const char *first = parts[0] ? parts[0] : "";

        bus = qbus_find_recursive(sysbus_get_default(), first, NULL);
        if (!bus) {
            error_setg(errp, "Bus '%s' not found", first);
            goto out;
        }
        i = parts[0] ? 1 : 0;
    }
    while ((elem = next_elem(parts, &i))) {
        DeviceState *dev = qbus_find_dev(bus, elem);

        if (!dev) {
            error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND,
                      "Device '%s' not found", elem);
            append_dev_list_hint(bus, errp);
            goto out;
        }
        i++;
        if (!next_elem(parts, &i)) {
            /* A path ending at a device names its only bus. */
            if (dev->num_child_bus == 1) {
                bus = dev->child_buses->data;
                break;
            }
            if (dev->num_child_bus) {
                error_setg(errp, "Device '%s' has multiple child buses",
                           elem);
                append_bus_list_hint(dev, errp);
            } else {
                error_setg(errp, "Device '%s' has no child bus", elem);
            }
            goto out;
        }
        bus = qdev_get_child_bus(dev, parts[i]);
        if (!bus) {
            error_setg(errp, "Bus '%s' not found", parts[i]);
            append_bus_list_hint(dev, errp);
            goto out;
        }
        i++;
    }
    if (qbus_is_full(bus)) {
        error_setg(errp, "Bus '%s' is full", path);
        goto out;
    }
    ret = bus;
out:
    g_strfreev(parts);
    return ret;
}

/* ---- device_add ---- */

static const char *dict_str(json_t *dict, const char *key)
{
    json_t *v = json_object_get(dict, key);

    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The bus for a new device: bus= or the first free one of its type. */
static BusState *device_add_bus(DeviceClass *dc, const char *driver,
                                const char *path, Error **errp)
{
    BusState *bus = NULL;

    if (path) {
        bus = qbus_find(path, errp);
        if (!bus) {
            return NULL;
        }
        if (!dc->bus_type || !object_dynamic_cast(OBJECT(bus), dc->bus_type)) {
            error_setg(errp, "Device '%s' can't go on %s bus", driver,
                       object_get_typename(OBJECT(bus)));
            return NULL;
        }
    } else if (dc->bus_type) {
        bus = qbus_find_recursive(sysbus_get_default(), NULL, dc->bus_type);
        if (!bus || qbus_is_full(bus)) {
            error_setg(errp, "No '%s' bus found for device '%s'",
                       dc->bus_type, driver);
            return NULL;
        }
    }
    if (bus && qdev_machine_ready() && !bus->hotpluggable) {
        error_setg(errp, "Bus '%s' does not support hotplugging", bus->name);
        return NULL;
    }
    return bus;
}

static bool device_add_props(DeviceState *dev, json_t *dict, bool from_json,
                             Error **errp)
{
    QomInputMode saved = qom_input_mode_set(from_json ? QOM_INPUT_TYPED
                                                      : QOM_INPUT_KEYVAL);
    const char *key;
    json_t *value;
    bool ok = true;

    json_object_foreach(dict, key, value) {
        if (!strcmp(key, "driver") || !strcmp(key, "bus") ||
            !strcmp(key, "id")) {
            continue;
        }
        if (!object_property_set(OBJECT(dev), key, value, errp)) {
            ok = false;
            break;
        }
    }
    qom_input_mode_set(saved);
    return ok;
}

DeviceState *qdev_device_add_from_dict(json_t *dict, bool from_json,
                                       Error **errp)
{
    const char *driver = dict_str(dict, "driver");
    const char *id = dict_str(dict, "id");
    const char *typename = NULL;
    DeviceClass *dc;
    DeviceState *dev;
    BusState *bus;

    if (!driver) {
        error_setg(errp, "Parameter 'driver' is missing");
        return NULL;
    }
    if (id && !id_wellformed(id)) {
        error_setg(errp, "Parameter 'id' expects an identifier");
        error_append_hint(errp, "Identifiers consist of letters, digits, "
                          "'-', '.', '_', starting with a letter.\n");
        return NULL;
    }
    dc = device_class_for_driver(driver, &typename, errp);
    if (!dc) {
        return NULL;
    }
    if (!dc->user_creatable ||
        (qdev_machine_ready() && !dc->hotpluggable)) {
        error_setg(errp, "Parameter 'driver' expects a pluggable device "
                   "type");
        return NULL;
    }
    /* From here on QEMU names the device by its type, not its alias. */
    bus = device_add_bus(dc, typename, dict_str(dict, "bus"), errp);
    if (!bus && (dc->bus_type || dict_str(dict, "bus"))) {
        return NULL;
    }
    if (qdev_machine_ready() && !bus) {
        error_setg(errp, "Device '%s' can not be hotplugged on this machine",
                   typename);
        return NULL;
    }

    dev = DEVICE(object_new(typename));
    if (dev->global_err) {
        error_propagate(errp, error_copy(dev->global_err));
        object_unref(dev);
        return NULL;
    }
    if (!qdev_set_id(dev, g_strdup(id), errp)) {
        object_unref(dev);
        return NULL;
    }
    if (!device_add_props(dev, dict, from_json, errp) ||
        !qdev_realize(dev, bus, errp)) {
        object_unparent(OBJECT(dev));
        object_unref(dev);
        return NULL;
    }
    /* /machine/peripheral(-anon) holds the device from now on. */
    object_unref(dev);
    return dev;
}

/* ---- device_del ---- */

DeviceState *qdev_find_device(const char *path_or_id, Error **errp)
{
    Object *obj = object_resolve_path_at(qdev_get_peripheral(), path_or_id);
    DeviceState *dev;

    if (!obj) {
        error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND, "Device '%s' not found",
                  path_or_id);
        return NULL;
    }
    dev = (DeviceState *)object_dynamic_cast(obj, TYPE_DEVICE);
    if (!dev) {
        error_setg(errp, "%s is not a hotpluggable device", path_or_id);
        return NULL;
    }
    return dev;
}

bool qdev_device_del(const char *id, Error **errp)
{
    DeviceState *dev = qdev_find_device(id, errp);

    if (!dev) {
        return false;
    }
    if (dev->parent_bus && !dev->parent_bus->hotpluggable) {
        error_setg(errp, "Bus '%s' does not support hotplugging",
                   dev->parent_bus->name);
        return false;
    }
    if (!DEVICE_GET_CLASS(dev)->hotpluggable || !dev->parent_bus) {
        error_setg(errp, "Device '%s' does not support hotplugging",
                   object_get_typename(OBJECT(dev)));
        return false;
    }
    object_unparent(OBJECT(dev));
    return true;
}

/* ---- -device help ---- */

static const char *const category_names[DEVICE_CATEGORY_MAX + 1] = {
    [DEVICE_CATEGORY_BRIDGE] = "Controller/Bridge/Hub",
    [DEVICE_CATEGORY_USB] = "USB",
    [DEVICE_CATEGORY_STORAGE] = "Storage",
    [DEVICE_CATEGORY_NETWORK] = "Network",
    [DEVICE_CATEGORY_INPUT] = "Input",
    [DEVICE_CATEGORY_DISPLAY] = "Display",
    [DEVICE_CATEGORY_SOUND] = "Sound",
    [DEVICE_CATEGORY_MISC] = "Misc",
    [DEVICE_CATEGORY_CPU] = "CPU",
    [DEVICE_CATEGORY_WATCHDOG] = "Watchdog",
    [DEVICE_CATEGORY_MAX] = "Uncategorized",
};

static void print_devinfo(GString *out, DeviceClass *dc)
{
    const char *name = object_class_get_name(OBJECT_CLASS(dc));
    const char *alias = qdev_alias_of(name);

    g_string_append_printf(out, "name \"%s\"", name);
    if (dc->bus_type) {
        g_string_append_printf(out, ", bus %s", dc->bus_type);
    }
    if (alias) {
        g_string_append_printf(out, ", alias \"%s\"", alias);
    }
    if (dc->desc) {
        g_string_append_printf(out, ", desc \"%s\"", dc->desc);
    }
    if (!dc->user_creatable) {
        g_string_append(out, ", no-user");
    }
    g_string_append_c(out, '\n');
}

void qdev_print_device_list(GString *out)
{
    GSList *list = object_class_get_list_sorted(TYPE_DEVICE, false);
    int cat;

    for (cat = 0; cat <= DEVICE_CATEGORY_MAX; cat++) {
        bool printed = false;
        GSList *e;

        for (e = list; e; e = e->next) {
            DeviceClass *dc = DEVICE_CLASS(e->data);
            bool in_cat = cat < DEVICE_CATEGORY_MAX ?
                          (dc->categories & (1u << cat)) != 0 :
                          dc->categories == 0;

            if (!in_cat || !dc->user_creatable) {
                continue;
            }
            if (!printed) {
                g_string_append_printf(out, "%s%s devices:\n",
                                       cat ? "\n" : "", category_names[cat]);
                printed = true;
            }
            print_devinfo(out, dc);
        }
    }
    g_slist_free(list);
}

json_t *qdev_device_list_properties(const char *typename, Error **errp)
{
    static const char *const hidden[] = {
        "type", "realized", "hotpluggable", "hotplugged", "parent_bus",
    };
    ObjectClass *klass = object_class_by_name(typename);
    ObjectPropertyIterator iter;
    ObjectProperty *prop;
    json_t *list;
    Object *obj;

    if (!klass) {
        error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND,
                  "Device '%s' not found", typename);
        return NULL;
    }
    if (!object_class_dynamic_cast(klass, TYPE_DEVICE) ||
        object_class_is_abstract(klass)) {
        error_setg(errp, "Parameter 'typename' expects a non-abstract "
                   "device type");
        return NULL;
    }
    list = json_array();
    obj = object_new(typename);
    object_property_iter_init(&iter, obj);
    while ((prop = object_property_iter_next(&iter))) {
        json_t *info;
        size_t i;

        for (i = 0; i < ARRAY_SIZE(hidden); i++) {
            if (!strcmp(prop->name, hidden[i])) {
                break;
            }
        }
        if (i < ARRAY_SIZE(hidden) || strstart(prop->name, "legacy-", NULL)) {
            continue;
        }
        info = json_object();
        if (prop->defval) {
            json_object_set(info, "default-value", prop->defval);
        }
        json_object_set_new(info, "name", json_string(prop->name));
        if (prop->description) {
            json_object_set_new(info, "description",
                                json_string(prop->description));
        }
        json_object_set_new(info, "type", json_string(prop->type));
        /* QEMU lists them in reverse iteration order. */
        json_array_insert_new(list, 0, info);
    }
    object_unref(obj);
    return list;
}

static gint str_ptr_cmp(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

bool qdev_print_device_props(GString *out, const char *driver, Error **errp)
{
    const char *typename = driver;
    GPtrArray *lines;
    json_t *props, *p;
    size_t i;

    if (!object_class_by_name(driver) && qdev_type_of_alias(driver)) {
        typename = qdev_type_of_alias(driver);
    }
    if (!object_class_by_name(typename) && qdev_is_future_device(driver)) {
        error_setg(errp, "Device '%s' is not supported yet", driver);
        return false;
    }
    props = qdev_device_list_properties(typename, errp);
    if (!props) {
        return false;
    }
    lines = g_ptr_array_new_with_free_func(g_free);
    json_array_foreach(props, i, p) {
        json_t *desc = json_object_get(p, "description");

        g_ptr_array_add(lines, object_property_help(
            json_string_value(json_object_get(p, "name")),
            json_string_value(json_object_get(p, "type")),
            json_object_get(p, "default-value"),
            desc ? json_string_value(desc) : NULL));
    }
    g_ptr_array_sort(lines, str_ptr_cmp);
    if (lines->len) {
        g_string_append_printf(out, "%s options:\n", typename);
    } else {
        g_string_append_printf(out, "There are no options for %s.\n",
                               typename);
    }
    for (i = 0; i < lines->len; i++) {
        g_string_append_printf(out, "%s\n", (char *)lines->pdata[i]);
    }
    g_ptr_array_free(lines, true);
    json_decref(props);
    return true;
}

/* ---- info qtree ---- */

static void qbus_print(GString *out, BusState *bus, int indent);

static void qdev_print_props(GString *out, DeviceState *dev,
                             const Property *props, int indent)
{
    for (; props && props->name; props++) {
        char *value = props->info->print ?
                      props->info->print(OBJECT(dev), props) :
                      object_property_print(OBJECT(dev), props->name, NULL);

        if (!value) {
            continue;
        }
        g_string_append_printf(out, "%*s%s = %s\n", indent, "", props->name,
                               *value ? value : "<null>");
        g_free(value);
    }
}

static void qdev_print(GString *out, DeviceState *dev, int indent)
{
    ObjectClass *device_class = object_class_by_name(TYPE_DEVICE);
    ObjectClass *klass = object_get_class(OBJECT(dev));
    GSList *b;

    g_string_append_printf(out, "%*sdev: %s, id \"%s\"\n", indent, "",
                           object_get_typename(OBJECT(dev)),
                           dev->id ? dev->id : "");
    indent += 2;
    qdev_print_gpios(out, dev, indent);
    /* Each class's own table, the most derived first. */
    for (; klass && klass != device_class;
         klass = object_class_get_parent(klass)) {
        qdev_print_props(out, dev, DEVICE_CLASS(klass)->props, indent);
    }
    if (dev->parent_bus && BUS_GET_CLASS(dev->parent_bus)->print_dev) {
        BUS_GET_CLASS(dev->parent_bus)->print_dev(out, dev, indent);
    }
    for (b = dev->child_buses; b; b = b->next) {
        qbus_print(out, b->data, indent);
    }
}

static void qbus_print(GString *out, BusState *bus, int indent)
{
    GSList *d;

    g_string_append_printf(out, "%*sbus: %s\n", indent, "", bus->name);
    indent += 2;
    g_string_append_printf(out, "%*stype %s\n", indent, "",
                           object_get_typename(OBJECT(bus)));
    for (d = bus->children; d; d = d->next) {
        qdev_print(out, d->data, indent);
    }
}

void qdev_print_qtree(GString *out)
{
    qbus_print(out, sysbus_get_default(), 0);
}

/* ---- info qom-tree ---- */

static int collect_child(Object *child, void *opaque)
{
    g_ptr_array_add(opaque, child);
    return 0;
}

static gint child_name_cmp(gconstpointer a, gconstpointer b)
{
    return g_strcmp0(
        object_get_canonical_path_component(*(Object *const *)a),
        object_get_canonical_path_component(*(Object *const *)b));
}

static void print_qom_composition(GString *out, Object *obj, int indent)
{
    GPtrArray *kids = g_ptr_array_new();
    const char *name = obj == object_get_root() ? "" :
                       object_get_canonical_path_component(obj);
    guint i;

    g_string_append_printf(out, "%*s/%s (%s)\n", indent, "",
                           name ? name : "", object_get_typename(obj));
    object_child_foreach(obj, collect_child, kids);
    g_ptr_array_sort(kids, child_name_cmp);
    for (i = 0; i < kids->len; i++) {
        print_qom_composition(out, kids->pdata[i], indent + 2);
    }
    g_ptr_array_free(kids, true);
}

void qom_print_tree(GString *out, const char *path)
{
    Object *obj;

    if (path) {
        bool ambiguous = false;

        obj = object_resolve_path(path, &ambiguous);
        if (!obj) {
            g_string_append_printf(out, "Path '%s' could not be resolved.\n",
                                   path);
            return;
        }
        if (ambiguous) {
            g_string_append_printf(out, "Warning: Path '%s' is ambiguous.\n",
                                   path);
            return;
        }
    } else {
        obj = qdev_get_machine();
        if (!obj) {
            obj = object_get_root();
        }
    }
    print_qom_composition(out, obj, 0);
}

static void hmp_info_qtree(Monitor *mon, const char *args)
{
    GString *out = g_string_new(NULL);

    qdev_print_qtree(out);
    monitor_puts(mon, out->str);
    g_string_free(out, true);
}

static void hmp_info_qom_tree(Monitor *mon, const char *args)
{
    GString *out = g_string_new(NULL);
    char *path = g_strstrip(g_strdup(args ? args : ""));

    qom_print_tree(out, *path ? path : NULL);
    monitor_puts(mon, out->str);
    g_string_free(out, true);
    g_free(path);
}

/* Registration only (like type_init()): fills the HMP "info" table. */
static void __attribute__((constructor)) qdev_monitor_register(void)
{
    hmp_register_info("qtree", "", "show device tree", hmp_info_qtree);
    hmp_register_info("qom-tree", "[path]", "show QOM composition tree",
                      hmp_info_qom_tree);
}
