/*
 * test-qdev-monitor.c: devices as the user sees them (test types from
 * qdev-test-types.h): -device help and NAME,help, info qtree, info
 * qom-tree, and the QMP commands device_add, device_del and
 * device-list-properties through the dispatcher (and qapi/qdev.json).
 */
#include "qemu/osdep.h"
#include "qdev-test-types.h"

static void test_qmp_device_commands(void)
{
    json_t *args, *ret;
    Error *err = NULL;

    args = jparse("{\"driver\": \"test-bridge\", \"id\": \"qb\", "
                  "\"buses\": 1}");
    ret = qmp_call("device_add", args, &error_abort);
    g_assert_cmpuint(json_object_size(ret), ==, 0);
    json_decref(ret);
    json_decref(args);
    g_assert_nonnull(object_resolve_path("/machine/peripheral/qb", NULL));

    /* As in QEMU 7.2, device_add arguments are -device text: strings
     * are parsed, booleans become on/off, numbers their decimal text,
     * other values are dropped. */
    args = jparse("{\"driver\": \"test-dev\", \"id\": \"qd\", "
                  "\"u32\": \"0x10\", \"enabled\": true, \"u8\": 7, "
                  "\"label\": 5, \"size\": [1], \"bogus\": {}}");
    ret = qmp_call("device_add", args, &error_abort);
    json_decref(ret);
    json_decref(args);
    {
        TestDev *t = TEST_DEV(qdev_find_device("qd", &error_abort));

        g_assert_cmpuint(t->u32, ==, 16);
        g_assert_true(t->enabled);
        g_assert_cmpuint(t->u8, ==, 7);
        g_assert_cmpstr(t->label, ==, "5");
        g_assert_cmpuint(t->size, ==, 2 * GiB);
    }
    args = jparse("{\"driver\": \"test-dev\", \"u32\": 1.5}");
    g_assert_null(qmp_call("device_add", args, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Parameter 'u32' expects integer");
    error_free(err);
    err = NULL;
    json_decref(args);
    args = jparse("{\"driver\": \"test-dev\", \"enabled\": 1}");
    g_assert_null(qmp_call("device_add", args, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Parameter 'enabled' expects 'on' or 'off'");
    error_free(err);
    err = NULL;
    json_decref(args);

    args = jparse("{\"typename\": \"test-bridge\"}");
    ret = qmp_call("device-list-properties", args, &error_abort);
    json_decref(args);
    g_assert_cmpuint(json_array_size(ret), ==, 3);
    json_decref(ret);
    args = jparse("{\"typename\": \"test-dev\"}");
    ret = qmp_call("device-list-properties", args, &error_abort);
    json_decref(args);
    {
        json_t *e;
        size_t i;
        bool seen = false;

        json_array_foreach(ret, i, e) {
            if (!strcmp(json_string_value(json_object_get(e, "name")),
                        "mode")) {
                char *s = json_dumps(e, JSON_COMPACT);

                g_assert_cmpstr(s, ==, "{\"default-value\":\"auto\","
                                "\"name\":\"mode\",\"description\":"
                                "\"on/off/auto\",\"type\":\"OnOffAuto\"}");
                free(s);
                seen = true;
            }
            g_assert_cmpstr(json_string_value(json_object_get(e, "name")),
                            !=, "realized");
        }
        g_assert_true(seen);
        g_assert_cmpuint(json_array_size(ret), ==, 15);
    }
    json_decref(ret);

    args = jparse("{\"typename\": \"no-such-device\"}");
    g_assert_null(qmp_call("device-list-properties", args, &err));
    g_assert_cmpint(error_get_class(err), ==, ERROR_CLASS_DEVICE_NOT_FOUND);
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Device 'no-such-device' not found");
    error_free(err);
    err = NULL;
    json_decref(args);
    args = jparse("{\"typename\": \"container\"}");
    g_assert_null(qmp_call("device-list-properties", args, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Parameter 'typename' expects a non-abstract device type");
    error_free(err);
    json_decref(args);

    del(DEVICE(object_resolve_path("/machine/peripheral/qb", NULL)));
    g_string_truncate(events, 0);
}


/* ---- help and trees ---- */

static void test_device_help(void)
{
    GString *out = g_string_new(NULL);
    Error *err = NULL;

    qdev_print_device_list(out);
    g_assert_true(g_str_has_prefix(out->str,
                                   "Controller/Bridge/Hub devices:\n"));
    g_assert_nonnull(strstr(out->str, "name \"test-bridge\", bus System, "
                            "desc \"Test bridge\"\n"));
    /* A blank line before every later category header. */
    g_assert_nonnull(strstr(out->str, "\n\nNetwork devices:\n"
                            "name \"test-dev\", bus test-bus, "
                            "desc \"Test device\"\n"
                            "name \"test-gdev\", bus test-bus, "
                            "desc \"Test device\"\n"));
    g_assert_nonnull(strstr(out->str, "\n\nUncategorized devices:\n"));
    g_assert_nonnull(strstr(out->str, "name \"test-plain\"\n"));
    g_assert_null(strstr(out->str, "test-fixed"));
    g_assert_null(strstr(out->str, "test-abstract-dev"));
    g_assert_true(g_str_has_suffix(out->str, "\n"));
    g_assert_false(g_str_has_suffix(out->str, "\n\n"));

    g_string_truncate(out, 0);
    g_assert_true(qdev_print_device_props(out, "test-dev", &error_abort));
    g_assert_cmpstr(out->str, ==,
        "test-dev options:\n"
        "  bit3=<bool>            - on/off (default: true)\n"
        "  color=<TestColor>      - red/green/blue (default: \"green\")\n"
        "  enabled=<bool>         -  (default: false)\n"
        "  fail=<bool>            -  (default: false)\n"
        "  i32=<int32>            -  (default: -1)\n"
        "  i64=<int64>            -  (default: -5)\n"
        "  label=<str>\n"
        "  mode=<OnOffAuto>       - on/off/auto (default: \"auto\")\n"
        "  peer=<link<test-dev>>\n"
        "  size=<size>            -  (default: 2147483648)\n"
        "  slot=<int32>           - Slot number (default: -1)\n"
        "  u16=<uint16>           -  (default: 16)\n"
        "  u32=<uint32>           -  (default: 4294967295)\n"
        "  u64=<uint64>           -  (default: 0)\n"
        "  u8=<uint8>             -  (default: 8)\n");
    g_string_truncate(out, 0);
    g_assert_true(qdev_print_device_props(out, "test-plain", &error_abort));
    g_assert_cmpstr(out->str, ==, "There are no options for test-plain.\n");
    g_assert_false(qdev_print_device_props(out, "nope", &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Device 'nope' not found");
    error_free(err);
    err = NULL;
    g_assert_false(qdev_print_device_props(out, "test-abstract-dev", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Parameter 'typename' expects a non-abstract device type");
    error_free(err);
    g_string_free(out, true);
}

static void test_qtree(void)
{
    DeviceState *br, *first;
    char *text, *path, *json, *expected;

    text = qtree();
    g_assert_cmpstr(text, ==, "bus: main-system-bus\n  type System\n");
    g_free(text);

    br = add("{\"driver\": \"test-bridge\", \"id\": \"qt\"}", false);
    sysbus_mmio_set_addr(SYS_BUS_DEVICE(br), 0, 0xfec00000);
    first = add("{\"driver\": \"test-dev\", \"slot\": \"3\", "
                "\"label\": \"x\"}", false);
    path = object_get_canonical_path(OBJECT(first));
    g_assert_true(g_str_has_prefix(path, "/machine/peripheral-anon/device["));
    json = g_strdup_printf("{\"driver\": \"test-dev\", \"id\": \"q2\", "
                           "\"u8\": \"1\", \"peer\": \"%s\"}", path);
    add(json, false);
    text = qtree();
    expected = g_strdup_printf(
        "bus: main-system-bus\n"
        "  type System\n"
        "  dev: test-bridge, id \"qt\"\n"
        "    buses = 1 (0x1)\n"
        "    small = false\n"
        "    hotplug = false\n"
        "    mmio 00000000fec00000/0000000000001000\n"
        "    bus: qt.0\n"
        "      type test-bus\n"
        "      dev: test-dev, id \"q2\"\n"
        "        bit3 = true\n"
        "        enabled = false\n"
        "        u8 = 1 (0x1)\n"
        "        u16 = 16 (0x10)\n"
        "        u32 = 4294967295 (0xffffffff)\n"
        "        i32 = -1 (0xffffffffffffffff)\n"
        "        u64 = 0 (0x0)\n"
        "        i64 = -5 (0xfffffffffffffffb)\n"
        "        size = 2147483648 (2 GiB)\n"
        "        label = \"\"\n"
        "        mode = \"auto\"\n"
        "        color = \"green\"\n"
        "        slot = any\n"
        "        peer = \"%s\"\n"
        "        fail = false\n"
        "        test-slot -1\n"
        "      dev: test-dev, id \"\"\n"
        "        bit3 = true\n"
        "        enabled = false\n"
        "        u8 = 8 (0x8)\n"
        "        u16 = 16 (0x10)\n"
        "        u32 = 4294967295 (0xffffffff)\n"
        "        i32 = -1 (0xffffffffffffffff)\n"
        "        u64 = 0 (0x0)\n"
        "        i64 = -5 (0xfffffffffffffffb)\n"
        "        size = 2147483648 (2 GiB)\n"
        "        label = \"x\"\n"
        "        mode = \"auto\"\n"
        "        color = \"green\"\n"
        "        slot = 03.0\n"
        "        peer = \"\"\n"
        "        fail = false\n"
        "        test-slot 3\n", path);
    g_assert_cmpstr(text, ==, expected);
    g_free(text);
    g_free(expected);
    g_free(json);
    g_free(path);
    del(br);
    g_string_truncate(events, 0);
}

static void test_qom_tree(void)
{
    GString *out = g_string_new(NULL);
    DeviceState *br = add("{\"driver\": \"test-bridge\", \"id\": \"tb\"}",
                          false);

    add("{\"driver\": \"test-dev\", \"id\": \"zz\"}", false);
    add("{\"driver\": \"test-dev\", \"id\": \"aa\"}", false);
    qom_print_tree(out, "/machine/peripheral");
    g_assert_cmpstr(out->str, ==,
                    "/peripheral (container)\n"
                    "  /aa (test-dev)\n"
                    "  /tb (test-bridge)\n"
                    "    /tb.0 (test-bus)\n"
                    "  /zz (test-dev)\n");
    g_string_truncate(out, 0);
    qom_print_tree(out, "/nowhere");
    g_assert_cmpstr(out->str, ==, "Path '/nowhere' could not be resolved.\n");
    g_string_truncate(out, 0);
    qom_print_tree(out, NULL);
    g_assert_true(g_str_has_prefix(out->str, "/machine (container)\n"
                                   "  /peripheral (container)\n"));
    g_assert_nonnull(strstr(out->str, "\n    /sysbus (System)\n"));
    /* The devices on the bridge's bus go with it. */
    del(br);
    g_assert_null(qdev_find_device("aa", NULL));
    g_assert_null(qdev_find_device("zz", NULL));
    g_string_free(out, true);
    g_string_truncate(events, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    events = g_string_new(NULL);
    container_get(object_get_root(), "/machine");
    qdev_machine_init();

    g_test_add_func("/qdev-monitor/qmp", test_qmp_device_commands);
    g_test_add_func("/qdev-monitor/device-help", test_device_help);
    g_test_add_func("/qdev-monitor/qtree", test_qtree);
    g_test_add_func("/qdev-monitor/qom-tree", test_qom_tree);
    return g_test_run();
}
