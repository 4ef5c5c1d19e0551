/*
 * test-qdev.c: devices and buses (test types from qdev-test-types.h):
 * realize, unrealize and reset order, bus naming and bus= placement,
 * static properties from each source, -global, device_add from a dict
 * (string and typed values) and its errors, device_del and hotplug.  The
 * help texts, info qtree / qom-tree and the QMP commands are in
 * test-qdev-monitor.c.
 *
 * The tests share one process (types, the tree, -global values), so each
 * removes the devices it creates; the hotplug test comes last because
 * machine creation cannot be undone.
 */
#include "qemu/osdep.h"
#include "qdev-test-types.h"

/* ---- life cycle ---- */

static void test_realize_unrealize_reset_order(void)
{
    DeviceState *br = qdev_new(TYPE_TEST_BRIDGE);
    DeviceState *d1, *d2;
    BusState *bus;
    char *path;

    g_assert_false(br->realized);
    g_assert_true(sysbus_realize_and_unref(SYS_BUS_DEVICE(br), &error_abort));
    assert_events("realize:test-bridge");
    g_assert_true(br->realized);
    g_assert_cmpint(br->num_child_bus, ==, 1);
    bus = br->child_buses->data;
    g_assert_true(bus->realized);

    /* Board-made devices without a parent land in /machine/unattached. */
    path = object_get_canonical_path(OBJECT(br));
    g_assert_true(g_str_has_prefix(path, "/machine/unattached/device["));
    g_free(path);

    d1 = qdev_new(TYPE_TEST_DEV);
    qdev_set_id(d1, g_strdup("d1"), &error_abort);
    d2 = qdev_new(TYPE_TEST_DEV);
    qdev_set_id(d2, g_strdup("d2"), &error_abort);
    g_assert_true(qdev_realize_and_unref(d1, bus, &error_abort));
    g_assert_true(qdev_realize_and_unref(d2, bus, &error_abort));
    assert_events("realize:d1,realize:d2");
    g_assert_cmpint(bus->num_children, ==, 2);
    g_assert_true(bus->children->data == d2);      /* newest first */

    /* The devices on a device's buses are reset before it, newest first;
     * a machine reset then runs the registered handlers. */
    device_cold_reset(br);
    assert_events("reset:d2,reset:d1,reset:test-bridge");

    /* Unrealizing a device unrealizes what sits on its buses first. */
    qdev_unrealize(br);
    assert_events("unrealize:d2,unrealize:d1,unrealize:test-bridge");
    g_assert_false(d1->realized);
    g_assert_false(bus->realized);

    /* Unparenting takes the buses and their devices away. */
    object_ref(d1);
    del(br);
    g_assert_null(d1->parent_bus);
    g_assert_null(object_resolve_path("/machine/peripheral/d1/parent_bus",
                                      NULL));
    g_assert_cmpint(OBJECT(d1)->ref, ==, 1);
    object_unref(d1);
    g_assert_null(object_resolve_path("/machine/peripheral/d1", NULL));
    g_assert_null(object_resolve_path("/machine/peripheral/d2", NULL));
    assert_events("");
}

static int reset_handler_calls;

static void count_reset(void *opaque)
{
    reset_handler_calls += GPOINTER_TO_INT(opaque);
}

static void test_machine_reset(void)
{
    DeviceState *a = add("{\"driver\": \"test-bridge\", \"id\": \"ra\"}",
                         false);
    DeviceState *b = add("{\"driver\": \"test-bridge\", \"id\": \"rb\"}",
                         false);

    add("{\"driver\": \"test-dev\", \"id\": \"rd\", \"bus\": \"ra.0\"}",
        false);
    g_string_truncate(events, 0);
    qemu_register_reset(count_reset, GINT_TO_POINTER(1));
    qemu_devices_reset();
    assert_events("reset:rb,reset:rd,reset:ra");
    g_assert_cmpint(reset_handler_calls, ==, 1);
    qemu_unregister_reset(count_reset, GINT_TO_POINTER(1));
    qemu_devices_reset();
    g_assert_cmpint(reset_handler_calls, ==, 1);
    del(a);
    del(b);
    g_string_truncate(events, 0);
}

static void test_realize_failure(void)
{
    DeviceState *br = add("{\"driver\": \"test-bridge\", \"id\": \"fb\"}",
                          false);
    BusState *bus = br->child_buses->data;
    DeviceState *dev;
    Error *err = NULL;

    /* -device: the error, and no trace of the device. */
    assert_add_fails("{\"driver\": \"test-dev\", \"id\": \"bad\", "
                     "\"fail\": \"on\"}", false, "test-dev refuses to start");
    g_assert_null(object_resolve_path("/machine/peripheral/bad", NULL));
    g_assert_cmpint(bus->num_children, ==, 0);

    /* Board code: the device leaves its bus and /machine/unattached. */
    dev = qdev_new(TYPE_TEST_DEV);
    object_property_set_bool(OBJECT(dev), "fail", true, &error_abort);
    object_ref(dev);
    g_assert_false(qdev_realize_and_unref(dev, bus, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "test-dev refuses to start");
    error_free(err);
    g_assert_null(dev->parent_bus);
    g_assert_null(OBJECT(dev)->parent);
    g_assert_false(dev->realized);
    g_assert_cmpint(OBJECT(dev)->ref, ==, 1);
    g_assert_cmpint(bus->num_children, ==, 0);
    object_unref(dev);
    del(br);
    g_string_truncate(events, 0);
}

/* ---- buses ---- */

static void test_bus_naming(void)
{
    DeviceState *named, *anon1, *anon2;
    BusState *bus;
    char *path;

    named = add("{\"driver\": \"test-bridge\", \"id\": \"nb\", "
                "\"buses\": \"2\"}", false);
    g_assert_nonnull(qdev_get_child_bus(named, "nb.0"));
    g_assert_nonnull(qdev_get_child_bus(named, "nb.1"));
    g_assert_null(qdev_get_child_bus(named, "nb.2"));
    /* Newest first, as QEMU lists them. */
    bus = named->child_buses->data;
    g_assert_cmpstr(bus->name, ==, "nb.1");
    path = object_get_canonical_path(OBJECT(bus));
    g_assert_cmpstr(path, ==, "/machine/peripheral/nb/nb.1");
    g_free(path);

    /* Without an id: the lower-cased type and a per-class counter. */
    anon1 = qdev_new(TYPE_TEST_BRIDGE);
    sysbus_realize_and_unref(SYS_BUS_DEVICE(anon1), &error_abort);
    anon2 = qdev_new(TYPE_TEST_BRIDGE);
    object_property_set_bool(OBJECT(anon2), "small", true, &error_abort);
    sysbus_realize_and_unref(SYS_BUS_DEVICE(anon2), &error_abort);
    {
        BusState *b1 = anon1->child_buses->data;
        BusState *b2 = anon2->child_buses->data;
        int n1, n2;

        g_assert_true(sscanf(b1->name, "test-bus.%d", &n1) == 1);
        g_assert_true(sscanf(b2->name, "test-small-bus.%d", &n2) == 1);
        g_assert_cmpint(n2, ==, 0);
    }

    /* The bus lists its devices as child[N] links; a device shows its
     * bus in parent_bus. */
    add("{\"driver\": \"test-dev\", \"id\": \"nd\", \"bus\": \"nb.0\"}",
        false);
    assert_prop(object_resolve_path("/machine/peripheral/nb/nb.0", NULL),
                "child[0]", "\"/machine/peripheral/nd\"");
    assert_prop(object_resolve_path("/machine/peripheral/nd", NULL),
                "parent_bus", "\"/machine/peripheral/nb/nb.0\"");
    g_assert_true(object_resolve_path("/machine/peripheral/nd/parent_bus",
                                      NULL) ==
                  OBJECT(qdev_get_child_bus(named, "nb.0")));
    assert_prop(object_resolve_path("/machine/unattached/sysbus", NULL),
                "type", "\"System\"");
    g_assert_true(qdev_find_recursive(sysbus_get_default(), "nd") ==
                  qdev_find_device("nd", NULL));

    del(named);
    del(anon1);
    del(anon2);
    g_assert_null(object_resolve_path("/machine/peripheral/nd", NULL));
    g_string_truncate(events, 0);
}

static void test_bus_placement(void)
{
    DeviceState *a, *b, *m, *d;
    Error *err = NULL;

    a = add("{\"driver\": \"test-bridge\", \"id\": \"a\", \"small\": "
            "\"on\"}", false);
    b = add("{\"driver\": \"test-bridge\", \"id\": \"b\", \"small\": "
            "\"on\"}", false);
    m = add("{\"driver\": \"test-bridge\", \"id\": \"m\", \"buses\": \"2\", "
            "\"small\": \"on\"}", false);

    /* bus= paths */
    g_assert_true(qbus_find("a.0", NULL) == a->child_buses->data);
    g_assert_true(qbus_find("/a/a.0", NULL) == a->child_buses->data);
    g_assert_true(qbus_find("/b", NULL) == b->child_buses->data);
    g_assert_true(qbus_find("//b/b.0/", NULL) == b->child_buses->data);
    g_assert_true(qbus_find("/test-bridge/m.0", NULL) ==
                  qdev_get_child_bus(m, "m.0"));
    g_assert_true(qbus_find("/", NULL) == sysbus_get_default());
    g_assert_true(qbus_find("main-system-bus", NULL) ==
                  sysbus_get_default());
    g_assert_null(qbus_find("nope", &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Bus 'nope' not found");
    error_free(err);
    err = NULL;
    g_assert_null(qbus_find("", &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Bus '' not found");
    error_free(err);
    err = NULL;
    g_assert_null(qbus_find("/nope/x", &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Device 'nope' not found");
    g_assert_cmpint(error_get_class(err), ==, ERROR_CLASS_DEVICE_NOT_FOUND);
    g_assert_true(g_str_has_prefix(error_get_hint(err),
                                   "devices at \"main-system-bus\": "
                                   "\"test-bridge\"/\"m\", "
                                   "\"test-bridge\"/\"b\", "));
    error_free(err);
    err = NULL;
    g_assert_null(qbus_find("/m", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Device 'm' has multiple child buses");
    g_assert_cmpstr(error_get_hint(err), ==,
                    "child buses at \"m\": \"m.1\", \"m.0\"\n");
    error_free(err);
    err = NULL;
    g_assert_null(qbus_find("/a/x.0", &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Bus 'x.0' not found");
    error_free(err);
    err = NULL;

    assert_add_fails("{\"driver\": \"test-bridge\", \"bus\": \"a.0\"}", false,
                     "Device 'test-bridge' can't go on test-small-bus bus");
    assert_add_fails("{\"driver\": \"test-plain\", \"bus\": \"a.0\"}", false,
                     "Device 'test-plain' can't go on test-small-bus bus");

    /* Without bus=: the first free bus of the type, newest first. */
    d = add("{\"driver\": \"test-dev\"}", false);
    g_assert_cmpstr(d->parent_bus->name, ==, "m.1");
    d = add("{\"driver\": \"test-dev\"}", false);
    g_assert_cmpstr(d->parent_bus->name, ==, "m.0");
    d = add("{\"driver\": \"test-dev\"}", false);
    g_assert_cmpstr(d->parent_bus->name, ==, "b.0");
    d = add("{\"driver\": \"test-dev\", \"id\": \"in-a\"}", false);
    g_assert_cmpstr(d->parent_bus->name, ==, "a.0");
    assert_add_fails("{\"driver\": \"test-dev\"}", false,
                     "No 'test-bus' bus found for device 'test-dev'");

    g_assert_null(qbus_find("/a/a.0/in-a", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Device 'in-a' has no child bus");
    error_free(err);
    err = NULL;
    assert_add_fails("{\"driver\": \"test-dev\", \"bus\": \"a.0\"}", false,
                     "Bus 'a.0' is full");
    assert_add_fails("{\"driver\": \"test-dev\", \"bus\": \"/a\"}", false,
                     "Bus '/a' is full");
    assert_add_fails("{\"driver\": \"test-dev\", \"bus\": \"x.9\"}", false,
                     "Bus 'x.9' not found");
    assert_add_fails("{\"driver\": \"test-dev\", \"bus\": "
                     "\"main-system-bus\"}", false,
                     "Device 'test-dev' can't go on System bus");
    del(a);
    del(b);
    del(m);
    g_string_truncate(events, 0);
}

/* ---- properties ---- */

static void test_static_props(void)
{
    DeviceState *br = add("{\"driver\": \"test-bridge\", \"id\": \"pb\"}",
                          false);
    DeviceState *dev, *peer;
    TestDev *t;
    Error *err = NULL;

    /* Defaults, and strings parsed as -device does. */
    dev = add("{\"driver\": \"test-dev\", \"id\": \"p1\", \"u8\": \"0x7f\", "
              "\"size\": \"1M\", \"bit3\": \"off\", \"mode\": \"on\", "
              "\"label\": \"hello\", \"i64\": \"-9\"}", false);
    t = TEST_DEV(dev);
    g_assert_cmpuint(t->u8, ==, 127);
    g_assert_cmpuint(t->u16, ==, 16);
    g_assert_cmpuint(t->u32, ==, UINT32_MAX);
    g_assert_cmpint(t->i32, ==, -1);
    g_assert_cmpint(t->i64, ==, -9);
    g_assert_cmpuint(t->size, ==, MiB);
    g_assert_cmpuint(t->flags, ==, 0);
    g_assert_cmpint(t->mode, ==, ON_OFF_AUTO_ON);
    g_assert_cmpint(t->color, ==, 1);
    g_assert_cmpstr(t->label, ==, "hello");
    assert_prop(OBJECT(dev), "color", "\"green\"");
    assert_prop(OBJECT(dev), "bit3", "false");
    assert_prop(OBJECT(dev), "u32", "4294967295");
    assert_prop(OBJECT(dev), "realized", "true");
    assert_prop(OBJECT(dev), "hotplugged", "false");
    assert_prop(OBJECT(dev), "hotpluggable", "false");

    /* Typed values, as JSON -device and device_add give them. */
    peer = add("{\"driver\": \"test-dev\", \"id\": \"p2\", \"u16\": 700, "
               "\"enabled\": true, \"color\": \"blue\", \"peer\": \"p1\", "
               "\"size\": 4096, \"u64\": -1}", true);
    t = TEST_DEV(peer);
    g_assert_cmpuint(t->u16, ==, 700);
    g_assert_true(t->enabled);
    g_assert_cmpint(t->color, ==, 2);
    g_assert_true(t->peer == OBJECT(dev));
    g_assert_cmpuint(t->u64, ==, UINT64_MAX);
    g_assert_cmpint(OBJECT(dev)->ref, ==, 3);   /* tree, bus, strong link */
    assert_prop(OBJECT(peer), "peer", "\"/machine/peripheral/p1\"");

    /* Bad values, in each source's words. */
    assert_add_fails("{\"driver\": \"test-dev\", \"u32\": \"foo\"}", false,
                     "Parameter 'u32' expects integer");
    assert_add_fails("{\"driver\": \"test-dev\", \"u8\": \"256\"}", false,
                     "Parameter 'u8' expects uint8_t");
    assert_add_fails("{\"driver\": \"test-dev\", \"i32\": \"99999999999\"}",
                     false, "Parameter 'i32' expects int32_t");
    assert_add_fails("{\"driver\": \"test-dev\", \"size\": \"-1\"}", false,
                     "Parameter 'size' expects size");
    assert_add_fails("{\"driver\": \"test-dev\", \"enabled\": \"maybe\"}",
                     false, "Parameter 'enabled' expects 'on' or 'off'");
    assert_add_fails("{\"driver\": \"test-dev\", \"mode\": \"maybe\"}",
                     false, "Parameter 'mode' does not accept value 'maybe'");
    assert_add_fails("{\"driver\": \"test-dev\", \"bogus\": \"1\"}", false,
                     "Property 'test-dev.bogus' not found");
    assert_add_fails("{\"driver\": \"test-dev\", \"u32\": \"1\"}", true,
                     "Parameter 'u32' expects uint64");
    assert_add_fails("{\"driver\": \"test-dev\", \"i32\": \"1\"}", true,
                     "Invalid parameter type for 'i32', expected: integer");
    assert_add_fails("{\"driver\": \"test-dev\", \"enabled\": \"on\"}", true,
                     "Invalid parameter type for 'enabled', expected: "
                     "boolean");
    assert_add_fails("{\"driver\": \"test-dev\", \"label\": 5}", true,
                     "Invalid parameter type for 'label', expected: string");
    assert_add_fails("{\"driver\": \"test-dev\", \"peer\": \"pb\"}", true,
                     "Invalid parameter type for 'peer', expected: "
                     "test-dev");
    assert_add_fails("{\"driver\": \"test-dev\", \"peer\": \"zz\"}", true,
                     "Device 'zz' not found");
    assert_add_fails("{\"driver\": \"test-dev\", \"fail\": true}", true,
                     "test-dev refuses to start");
    /* Nothing of the failed attempts stays behind. */
    g_assert_cmpint(((BusState *)br->child_buses->data)->num_children, ==, 2);

    /* A realized device refuses changes. */
    g_assert_false(object_property_set_uint(OBJECT(dev), "u32", 1, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Attempt to set property "
                    "'u32' on device 'p1' (type 'test-dev') after it was "
                    "realized");
    error_free(err);
    err = NULL;
    g_assert_false(object_property_set_str(OBJECT(peer), "peer", "", &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Attempt to set link "
                    "property 'peer' on device 'p2' (type 'test-dev') after "
                    "it was realized");
    error_free(err);
    err = NULL;
    dev = add("{\"driver\": \"test-dev\"}", false);
    g_assert_false(object_property_set_bool(OBJECT(dev), "enabled", true,
                                            &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Attempt to set property "
                    "'enabled' on anonymous device (type 'test-dev') after "
                    "it was realized");
    error_free(err);
    assert_prop(object_get_objects_root(), "type", "\"container\"");

    del(peer);
    del(br);
    g_string_truncate(events, 0);
}

static void test_globals(void)
{
    DeviceState *br = add("{\"driver\": \"test-bridge\", \"id\": \"gb\"}",
                          false);
    DeviceState *dev;
    Error *err = NULL;

    g_assert_true(qdev_global_parse("test-gdev.u16=1234", &error_abort));
    g_assert_true(qdev_global_parse("driver=test-gdev,property=label,"
                                    "value=a,,b", &error_abort));
    qdev_prop_register_global("test-gdev", "mode", "off");
    g_assert_false(qdev_global_parse("test-gdev", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Invalid parameter 'test-gdev'");
    error_free(err);
    err = NULL;
    g_assert_false(qdev_global_parse("driver=x,property=y", &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "options 'driver', "
                    "'property', and 'value' are required");
    error_free(err);
    err = NULL;
    g_assert_false(qdev_global_parse("test-gdev=1", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Invalid parameter 'test-gdev'");
    error_free(err);
    err = NULL;

    /* Globals apply before the -device options, which win. */
    dev = add("{\"driver\": \"test-gdev\", \"mode\": \"auto\"}", false);
    g_assert_cmpuint(TEST_DEV(dev)->u16, ==, 1234);
    g_assert_cmpstr(TEST_DEV(dev)->label, ==, "a,b");
    g_assert_cmpint(TEST_DEV(dev)->mode, ==, ON_OFF_AUTO_AUTO);
    /* Only the named type and its subtypes. */
    dev = add("{\"driver\": \"test-dev\"}", false);
    g_assert_cmpuint(TEST_DEV(dev)->u16, ==, 16);

    /* A global that does not apply fails the device. */
    qdev_prop_register_global("test-gdev", "u8", "foo");
    assert_add_fails("{\"driver\": \"test-gdev\"}", false,
                     "can't apply global test-gdev.u8=foo: Parameter 'u8' "
                     "expects uint64");
    dev = qdev_new(TYPE_TEST_GDEV);
    g_assert_false(qdev_realize_and_unref(dev, br->child_buses->data, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "can't apply global "
                    "test-gdev.u8=foo: Parameter 'u8' expects uint64");
    error_free(err);
    del(br);
    g_string_truncate(events, 0);
}

static void capture(void *opaque, const char *text)
{
    g_string_append(opaque, text);
}

static void test_globals_check(void)
{
    GString *out = g_string_new(NULL);
    ErrorPrintFunc *old_fn;
    void *old_opaque;

    qdev_prop_register_global("no-such-type", "x", "1");
    qdev_prop_register_global("test-plain", "y", "2");
    qdev_prop_register_global("container", "z", "3");
    error_set_print_func(capture, out, &old_fn, &old_opaque);
    qdev_prop_check_globals();
    error_set_print_func(old_fn, old_opaque, NULL, NULL);
    g_assert_cmpstr(out->str, ==,
                    "warning: global no-such-type.x has invalid class name\n"
                    "warning: global test-plain.y=2 not used\n"
                    "warning: global container.z has invalid class name\n");
    g_string_free(out, true);
}

/* ---- device_add ---- */

static void test_device_add_errors(void)
{
    DeviceState *br = add("{\"driver\": \"test-bridge\", \"id\": \"eb\"}",
                          false);

    assert_add_fails("{\"id\": \"x\"}", false, "Parameter 'driver' is missing");
    assert_add_fails("{\"driver\": 5}", true, "Parameter 'driver' is missing");
    assert_add_fails("{\"driver\": \"test-dev\", \"id\": \"1x\"}", false,
                     "Parameter 'id' expects an identifier");
    assert_add_fails("{\"driver\": \"no-such-device\"}", false,
                     "'no-such-device' is not a valid device model name");
    assert_add_fails("{\"driver\": \"container\"}", false,
                     "'container' is not a valid device model name");
    assert_add_fails("{\"driver\": \"test-abstract-dev\"}", false,
                     "Parameter 'driver' expects a non-abstract device type");
    assert_add_fails("{\"driver\": \"device\"}", false,
                     "Parameter 'driver' expects a non-abstract device type");
    assert_add_fails("{\"driver\": \"test-fixed\"}", false,
                     "Parameter 'driver' expects a pluggable device type");
    assert_add_fails("{\"driver\": \"eb\"}", false,
                     "'eb' is not a valid device model name");
    assert_add_fails("{\"driver\": \"test-bridge\", \"id\": \"eb\"}", false,
                     "Duplicate device ID 'eb'");
    /* Models that later parts of the project provide. */
    if (!object_class_by_name("isa-serial")) {
        g_assert_true(qdev_is_future_device("isa-serial"));
        assert_add_fails("{\"driver\": \"isa-serial\"}", false,
                         "Device 'isa-serial' is not supported yet");
    }
    if (!object_class_by_name("virtio-net-pci")) {
        assert_add_fails("{\"driver\": \"virtio-net\"}", false,
                         "Device 'virtio-net' is not supported yet");
    }
    if (!object_class_by_name("virtio-scsi-pci")) {
        g_assert_false(qdev_is_future_device("virtio-scsi"));
        assert_add_fails("{\"driver\": \"virtio-scsi\"}", false,
                         "'virtio-scsi' (alias 'virtio-scsi-pci') is not a "
                         "valid device model name");
    }
    g_assert_false(qdev_is_future_device("no-such-device"));
    del(br);
    g_string_truncate(events, 0);
}

/* ---- hotplug (last: machine creation cannot be undone) ---- */

static void test_hotplug(void)
{
    DeviceState *cold, *hot, *dev;
    GString *warnings = g_string_new(NULL);
    ErrorPrintFunc *old_fn;
    void *old_opaque;
    Error *err = NULL;

    cold = add("{\"driver\": \"test-bridge\", \"id\": \"cold\"}", false);
    hot = add("{\"driver\": \"test-bridge\", \"id\": \"hot\", "
              "\"hotplug\": \"on\"}", false);
    add("{\"driver\": \"test-dev\", \"id\": \"on-cold\", \"bus\": "
        "\"cold.0\"}", false);
    g_string_truncate(events, 0);

    /* Machine creation done: the -global check runs (captured here). */
    error_set_print_func(capture, warnings, &old_fn, &old_opaque);
    qdev_machine_creation_done();
    error_set_print_func(old_fn, old_opaque, NULL, NULL);
    g_assert_true(qdev_machine_ready());
    g_assert_nonnull(strstr(warnings->str, "warning: global no-such-type.x "
                            "has invalid class name\n"));
    g_string_free(warnings, true);

    assert_add_fails("{\"driver\": \"test-plain\"}", true,
                     "Parameter 'driver' expects a pluggable device type");
    assert_add_fails("{\"driver\": \"test-dev\", \"bus\": \"cold.0\"}", true,
                     "Bus 'cold.0' does not support hotplugging");
    assert_add_fails("{\"driver\": \"test-bridge\"}", true,
                     "Bus 'main-system-bus' does not support hotplugging");

    dev = add("{\"driver\": \"test-dev\", \"id\": \"h1\"}", true);
    g_assert_true(dev->hotplugged);
    g_assert_cmpstr(dev->parent_bus->name, ==, "hot.0");
    /* A hotplugged device is reset right after its realize. */
    assert_events("realize:h1,reset:h1");
    assert_prop(OBJECT(dev), "hotpluggable", "true");

    g_assert_true(qdev_device_del("h1", &error_abort));
    assert_events("unrealize:h1");
    g_assert_null(object_resolve_path("/machine/peripheral/h1", NULL));
    g_assert_false(qdev_device_del("h1", &err));
    g_assert_cmpint(error_get_class(err), ==, ERROR_CLASS_DEVICE_NOT_FOUND);
    g_assert_cmpstr(error_get_pretty(err), ==, "Device 'h1' not found");
    error_free(err);
    err = NULL;
    g_assert_false(qdev_device_del("on-cold", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Bus 'cold.0' does not support hotplugging");
    error_free(err);
    err = NULL;
    g_assert_false(qdev_device_del("/machine", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "/machine is not a hotpluggable device");
    error_free(err);
    err = NULL;
    g_assert_false(qdev_device_del("cold", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Bus 'main-system-bus' does not support hotplugging");
    error_free(err);
    del(cold);
    del(hot);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    events = g_string_new(NULL);
    container_get(object_get_root(), "/machine");
    qdev_machine_init();

    g_test_add_func("/qdev/life/realize-unrealize-reset",
                    test_realize_unrealize_reset_order);
    g_test_add_func("/qdev/life/machine-reset", test_machine_reset);
    g_test_add_func("/qdev/life/realize-failure", test_realize_failure);
    g_test_add_func("/qdev/bus/naming", test_bus_naming);
    g_test_add_func("/qdev/bus/placement", test_bus_placement);
    g_test_add_func("/qdev/props/static", test_static_props);
    g_test_add_func("/qdev/props/globals", test_globals);
    g_test_add_func("/qdev/props/globals-check", test_globals_check);
    g_test_add_func("/qdev/add/errors", test_device_add_errors);
    g_test_add_func("/qdev/hotplug/after-machine-creation", test_hotplug);
    return g_test_run();
}
