/*
 * qdev-test-types.h: the device and bus types that test-qdev.c and
 * test-qdev-monitor.c build their trees from, and shared helpers.
 *
 *   test-bus, test-small-bus (room for one device)
 *   test-dev (on test-bus; a property of every kind; logs realize,
 *     unrealize and reset), test-gdev (a subtype for -global tests)
 *   test-bridge (a user-creatable system bus device with test buses),
 *   test-plain (bus-less, not hotpluggable), test-fixed (board-only),
 *   test-abstract-dev
 */
#ifndef TESTS_UNIT_QDEV_TEST_TYPES_H
#define TESTS_UNIT_QDEV_TEST_TYPES_H

#include "qemu/osdep.h"
#include "hw/qdev-core.h"
#include "hw/sysbus.h"
#include "monitor/monitor.h"

#define TYPE_TEST_BUS "test-bus"
#define TYPE_TEST_SMALL_BUS "test-small-bus"
#define TYPE_TEST_DEV "test-dev"
#define TYPE_TEST_GDEV "test-gdev"
#define TYPE_TEST_PLAIN "test-plain"
#define TYPE_TEST_BRIDGE "test-bridge"
#define TYPE_TEST_FIXED "test-fixed"
#define TYPE_TEST_ABSTRACT_DEV "test-abstract-dev"

typedef struct TestDev {
    DeviceState parent_obj;
    uint32_t flags;
    bool enabled;
    uint8_t u8;
    uint16_t u16;
    uint32_t u32;
    int32_t i32;
    uint64_t u64;
    int64_t i64;
    uint64_t size;
    char *label;
    OnOffAuto mode;
    int color;
    int32_t slot;
    Object *peer;
    bool fail;
} TestDev;

typedef struct TestBridge {
    SysBusDevice parent_obj;
    uint32_t buses;
    bool small;
    bool hotplug;
} TestBridge;

#define TEST_DEV(obj) OBJECT_CHECK(TestDev, (obj), TYPE_TEST_DEV)
#define TEST_BRIDGE(obj) OBJECT_CHECK(TestBridge, (obj), TYPE_TEST_BRIDGE)

/* What the devices did, in order: "realize:d1,reset:d2,...". */
static GString *events;

static inline void log_event(const char *what, DeviceState *dev)
{
    if (events->len) {
        g_string_append_c(events, ',');
    }
    g_string_append_printf(events, "%s:%s", what,
                           dev->id ? dev->id : object_get_typename(
                               OBJECT(dev)));
}

static inline void assert_events(const char *expected)
{
    g_assert_cmpstr(events->str, ==, expected);
    g_string_truncate(events, 0);
}

/* ---- the bus ---- */

static void test_bus_print_dev(GString *out, DeviceState *dev, int indent)
{
    g_string_append_printf(out, "%*stest-slot %d\n", indent, "",
                           TEST_DEV(dev)->slot);
}

static void test_bus_class_init(ObjectClass *klass, void *data)
{
    BUS_CLASS(klass)->print_dev = test_bus_print_dev;
}

static void test_small_bus_class_init(ObjectClass *klass, void *data)
{
    BUS_CLASS(klass)->max_dev = 1;
}

/* ---- the device ---- */

static const char *const color_lookup[] = { "red", "green", "blue", NULL };

static const PropertyInfo test_prop_color = {
    .name = "TestColor",
    .description = "red/green/blue",
    .enum_table = color_lookup,
    .get = qdev_propinfo_get_enum,
    .set = qdev_propinfo_set_enum,
    .set_default_value = qdev_propinfo_set_default_value_enum,
};

static char *print_slot(Object *obj, const Property *prop)
{
    int32_t *slot = qdev_get_prop_ptr(obj, prop);

    return *slot < 0 ? g_strdup("any") : g_strdup_printf("%02x.0", *slot);
}

static const PropertyInfo test_prop_slot = {
    .name = "int32",
    .description = "Slot number",
    .get = qdev_propinfo_get_int32,
    .set = qdev_propinfo_set_int32,
    .set_default_value = qdev_propinfo_set_default_value_int,
    .print = print_slot,
};

static Property test_dev_props[] = {
    DEFINE_PROP_BIT("bit3", TestDev, flags, 3, true),
    DEFINE_PROP_BOOL("enabled", TestDev, enabled, false),
    DEFINE_PROP_UINT8("u8", TestDev, u8, 8),
    DEFINE_PROP_UINT16("u16", TestDev, u16, 16),
    DEFINE_PROP_UINT32("u32", TestDev, u32, UINT32_MAX),
    DEFINE_PROP_INT32("i32", TestDev, i32, -1),
    DEFINE_PROP_UINT64("u64", TestDev, u64, 0),
    DEFINE_PROP_INT64("i64", TestDev, i64, -5),
    DEFINE_PROP_SIZE("size", TestDev, size, 2 * GiB),
    DEFINE_PROP_STRING("label", TestDev, label),
    DEFINE_PROP_ON_OFF_AUTO("mode", TestDev, mode, ON_OFF_AUTO_AUTO),
    DEFINE_PROP_ENUM("color", TestDev, color, 1, test_prop_color),
    DEFINE_PROP_SIGNED("slot", TestDev, slot, -1, test_prop_slot, int32_t),
    DEFINE_PROP_LINK("peer", TestDev, peer, TYPE_TEST_DEV, Object *),
    DEFINE_PROP_BOOL("fail", TestDev, fail, false),
    DEFINE_PROP_END_OF_LIST(),
};

static bool test_dev_realize(DeviceState *dev, Error **errp)
{
    if (TEST_DEV(dev)->fail) {
        error_setg(errp, "test-dev refuses to start");
        return false;
    }
    log_event("realize", dev);
    return true;
}

static void test_dev_unrealize(DeviceState *dev)
{
    log_event("unrealize", dev);
}

static void test_dev_reset(DeviceState *dev)
{
    log_event("reset", dev);
}

static void test_dev_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->bus_type = TYPE_TEST_BUS;
    dc->desc = "Test device";
    dc->realize = test_dev_realize;
    dc->unrealize = test_dev_unrealize;
    dc->reset = test_dev_reset;
    device_class_set_category(dc, DEVICE_CATEGORY_NETWORK);
    device_class_set_props(dc, test_dev_props);
}

/* Not hotpluggable, no bus, no category. */
static void test_plain_class_init(ObjectClass *klass, void *data)
{
    DEVICE_CLASS(klass)->hotpluggable = false;
}

/* ---- the bridge: a system bus device with test buses ---- */

static Property test_bridge_props[] = {
    DEFINE_PROP_UINT32("buses", TestBridge, buses, 1),
    DEFINE_PROP_BOOL("small", TestBridge, small, false),
    DEFINE_PROP_BOOL("hotplug", TestBridge, hotplug, false),
    DEFINE_PROP_END_OF_LIST(),
};

static void test_bridge_init(Object *obj)
{
    sysbus_init_mmio_window(SYS_BUS_DEVICE(obj), 0x1000);
}

static bool test_bridge_realize(DeviceState *dev, Error **errp)
{
    TestBridge *s = TEST_BRIDGE(dev);
    uint32_t i;

    for (i = 0; i < s->buses; i++) {
        BusState *bus = qbus_new(s->small ? TYPE_TEST_SMALL_BUS
                                          : TYPE_TEST_BUS, dev, NULL);

        bus->hotpluggable = s->hotplug;
    }
    log_event("realize", dev);
    return true;
}

static void test_bridge_unrealize(DeviceState *dev)
{
    log_event("unrealize", dev);
}

static void test_bridge_reset(DeviceState *dev)
{
    log_event("reset", dev);
}

static void test_bridge_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->user_creatable = true;
    dc->desc = "Test bridge";
    dc->realize = test_bridge_realize;
    dc->unrealize = test_bridge_unrealize;
    dc->reset = test_bridge_reset;
    device_class_set_category(dc, DEVICE_CATEGORY_BRIDGE);
    device_class_set_props(dc, test_bridge_props);
}

static const TypeInfo test_types[] = {
    {
        .name = TYPE_TEST_BUS,
        .parent = TYPE_BUS,
        .instance_size = sizeof(BusState),
        .class_init = test_bus_class_init,
    }, {
        .name = TYPE_TEST_SMALL_BUS,
        .parent = TYPE_TEST_BUS,
        .class_init = test_small_bus_class_init,
    }, {
        .name = TYPE_TEST_DEV,
        .parent = TYPE_DEVICE,
        .instance_size = sizeof(TestDev),
        .class_init = test_dev_class_init,
    }, {
        .name = TYPE_TEST_GDEV,
        .parent = TYPE_TEST_DEV,
    }, {
        .name = TYPE_TEST_PLAIN,
        .parent = TYPE_DEVICE,
        .instance_size = sizeof(DeviceState),
        .class_init = test_plain_class_init,
    }, {
        .name = TYPE_TEST_BRIDGE,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(TestBridge),
        .instance_init = test_bridge_init,
        .class_init = test_bridge_class_init,
    }, {
        /* A board-only system bus device. */
        .name = TYPE_TEST_FIXED,
        .parent = TYPE_SYS_BUS_DEVICE,
    }, {
        .name = TYPE_TEST_ABSTRACT_DEV,
        .parent = TYPE_DEVICE,
        .abstract = true,
    },
};

static void register_test_types(void)
{
    type_register_static_array(test_types, ARRAY_SIZE(test_types));
}

type_init(register_test_types)

/* ---- helpers (static inline: not every test program uses all) ---- */

static inline json_t *jparse(const char *text)
{
    json_error_t jerr;
    json_t *v = json_loads(text, 0, &jerr);

    g_assert_nonnull(v);
    return v;
}

static inline DeviceState *add(const char *json, bool from_json)
{
    json_t *dict = jparse(json);
    DeviceState *dev = qdev_device_add_from_dict(dict, from_json,
                                                 &error_abort);

    json_decref(dict);
    return dev;
}

static inline void assert_add_fails(const char *json, bool from_json,
                             const char *expected)
{
    json_t *dict = jparse(json);
    Error *err = NULL;

    g_assert_null(qdev_device_add_from_dict(dict, from_json, &err));
    g_assert_nonnull(err);
    g_assert_cmpstr(error_get_pretty(err), ==, expected);
    error_free(err);
    json_decref(dict);
}

static inline void del(DeviceState *dev)
{
    object_unparent(OBJECT(dev));
}

static inline char *qtree(void)
{
    GString *out = g_string_new(NULL);

    qdev_print_qtree(out);
    return g_string_free(out, false);
}

static inline char *get_str(Object *obj, const char *name)
{
    json_t *v = object_property_get(obj, name, &error_abort);
    char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);

    json_decref(v);
    return s;
}

static inline void assert_prop(Object *obj, const char *name,
                               const char *expected)
{
    char *s = get_str(obj, name);

    g_assert_cmpstr(s, ==, expected);
    free(s);
}

#endif
