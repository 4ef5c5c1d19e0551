/*
 * test-qemu-opts-json.c: JSON-form option arguments ("-device {...}") and
 * the JSON reader behind them.
 *
 * The expected error messages are what QEMU 7.2 prints for
 * "qemu-system-x86_64 -object ARG" with the same ARG.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/option.h"

static QemuOptsList *group(const char *name)
{
    QemuOptsList *list = qemu_find_opts_err(name, &error_abort);

    qemu_opts_reset(list);
    return list;
}

static void assert_err(Error **errp, const char *msg)
{
    g_assert_nonnull(*errp);
    g_assert_cmpstr(error_get_pretty(*errp), ==, msg);
    error_free(*errp);
    *errp = NULL;
}

static void test_json_form(void)
{
    QemuOptsList *device = group("device");
    QemuOpts *opts;
    json_t *dict;

    opts = qemu_opts_parse_json(device, "{\"driver\":\"virtio-net-pci\","
                                "\"id\":\"net0\",\"addr\":\"0x3\"}",
                                &error_abort);
    g_assert_cmpstr(qemu_opts_id(opts), ==, "net0");
    g_assert_cmpstr(qemu_opt_get(opts, "driver"), ==, "virtio-net-pci");
    g_assert_cmpstr(qemu_opt_get(opts, "addr"), ==, "0x3");
    g_assert_null(qemu_opt_get(opts, "id"));
    g_assert_true(qemu_opts_find(device, "net0") == opts);
    dict = qemu_opts_get_json(opts);
    g_assert_true(json_is_object(dict));
    g_assert_cmpstr(json_string_value(json_object_get(dict, "addr")), ==,
                    "0x3");
    dict = qemu_opts_to_json(opts);
    g_assert_true(dict == qemu_opts_get_json(opts));
    json_decref(dict);

    /* Nested dicts and lists flatten; scalars become option strings. */
    opts = qemu_opts_parse_json(device,
                                "{'driver': 'x', 'a': {'b': 1, 'c': [true, "
                                "null, \"s,t\"]}, 'n': -2, 'r': 1.5, "
                                "'f': false, 'e': {}, 'u': \"\\u00e9\"}",
                                &error_abort);
    g_assert_cmpstr(qemu_opt_get(opts, "a.b"), ==, "1");
    g_assert_cmpstr(qemu_opt_get(opts, "a.c.0"), ==, "on");
    g_assert_false(qemu_opt_find(opts, "a.c.1"));
    g_assert_cmpstr(qemu_opt_get(opts, "a.c.2"), ==, "s,t");
    g_assert_cmpstr(qemu_opt_get(opts, "n"), ==, "-2");
    g_assert_cmpstr(qemu_opt_get(opts, "r"), ==, "1.5");
    g_assert_cmpstr(qemu_opt_get(opts, "f"), ==, "off");
    g_assert_false(qemu_opt_find(opts, "e"));
    g_assert_cmpstr(qemu_opt_get(opts, "u"), ==, "\xc3\xa9");
    g_assert_null(qemu_opts_id(opts));
    dict = qemu_opts_get_json(opts);
    g_assert_true(json_is_null(json_array_get(
        json_object_get(json_object_get(dict, "a"), "c"), 1)));

    /* A non-string id is not the QemuOpts id (the consumer decides). */
    opts = qemu_opts_parse_json(device, "{\"driver\":\"e1000\",\"id\":5}",
                                &error_abort);
    g_assert_null(qemu_opts_id(opts));
    g_assert_false(qemu_opt_find(opts, "id"));
    qemu_opts_reset(device);
}

static void test_json_form_validation(void)
{
    QemuOptsList *chardev = group("chardev");
    Error *err = NULL;
    QemuOpts *opts;

    g_assert_null(qemu_opts_parse_json(chardev, "{\"backend\":\"null\","
                                       "\"id\":\"c\",\"bogus\":1}", &err));
    assert_err(&err, "Invalid parameter 'bogus'");
    g_assert_null(qemu_opts_find(chardev, "c"));
    g_assert_null(qemu_opts_parse_json(chardev, "{\"backend\":\"socket\","
                                       "\"id\":\"c\",\"server\":\"maybe\"}",
                                       &err));
    assert_err(&err, "Parameter 'server' expects 'on' or 'off'");
    opts = qemu_opts_parse_json(chardev, "{\"backend\":\"socket\",\"id\":"
                                "\"c\",\"server\":true,\"wait\":false}",
                                &error_abort);
    g_assert_true(qemu_opt_get_bool(opts, "server", false));
    g_assert_false(qemu_opt_get_bool(opts, "wait", true));

    g_assert_null(qemu_opts_parse_json(chardev, "[1]", &err));
    assert_err(&err, "Expected a JSON object");
    g_assert_null(qemu_opts_parse_json(chardev, "\"x\"", &err));
    assert_err(&err, "Expected a JSON object");
    qemu_opts_reset(chardev);
}

static void test_json_syntax_errors(void)
{
    /* What "-object ARG" prints for each ARG in QEMU 7.2. */
    static const struct {
        const char *in;
        const char *msg;
    } cases[] = {
        { "{bad", "JSON parse error, invalid keyword 'bad'" },
        { "{\"driver\":", "JSON parse error, premature EOI" },
        { "{", "JSON parse error, premature EOI" },
        { "{\"a\":1", "JSON parse error, premature EOI" },
        { "{\"a\":[", "JSON parse error, premature EOI" },
        { "{\"driver\":\"e1000\"} x", "Expecting at most one JSON value" },
        { "{\"a\":1}}", "Expecting at most one JSON value" },
        { "{\"a\":1}]", "Expecting at most one JSON value" },
        { "{\"a\":1}{\"b\":2}", "Expecting at most one JSON value" },
        { "{\"a\":1} $", "Expecting at most one JSON value" },
        { "{\"driver\":\"e1000\",}", "JSON parse error, expecting value" },
        { "{\"a\":1.}", "JSON parse error, stray '1.}'" },
        { "{\"a\":01}", "JSON parse error, stray '01'" },
        { "{\"a\":True}", "JSON parse error, stray 'T'" },
        { "{\"a\":-}", "JSON parse error, stray '-}'" },
        { "{\"a\":1.5e}", "JSON parse error, stray '1.5e}'" },
        { "{\"a\":$}", "JSON parse error, stray '$'" },
        { "{\"a\":\"\xff\"}", "JSON parse error, stray '\"\xff'" },
        { "{\"a\":\"x", "JSON parse error, stray '\"x'" },
        { "{\"a\" 1}", "JSON parse error, missing : in object pair" },
        { "{\"a\"}", "JSON parse error, missing : in object pair" },
        { "{\"a\":1 \"b\":2}", "JSON parse error, expected separator in dict" },
        { "{\"a\":null1}", "JSON parse error, expected separator in dict" },
        { "{1:2}", "JSON parse error, key is not a string in object" },
        { "{\"a\":1,\"a\":2}", "JSON parse error, duplicate key" },
        { "{\"a\":\"\\x\"}", "JSON parse error, invalid escape sequence in "
          "string" },
        { "{\"a\":\"\\u12\"}", "JSON parse error, \\u12\" is not a valid "
          "Unicode character" },
        { "{\"a\":\"\\u12zz\"}", "JSON parse error, \\u12zz is not a valid "
          "Unicode character" },
        { "{\"a\":\"\\ud800\"}", "JSON parse error, \\ud800 is not a valid "
          "Unicode character" },
        { "{\"a\":\"\\udc00x\"}", "JSON parse error, \\udc00 is not a valid "
          "Unicode character" },
        { "{\"a\":\"\xc3\"}", "JSON parse error, invalid UTF-8 sequence in "
          "string" },
        { "{\"a\":[1,}", "JSON parse error, expecting value" },
        { "{\"a\":[1 2]}", "JSON parse error, expected separator in list" },
        { "{\"a\"::1}", "JSON parse error, expecting value" },
        { "{,}", "JSON parse error, expecting value" },
        { "{\"a\":}", "JSON parse error, expecting value" },
        { "{\"a\":nul}", "JSON parse error, invalid keyword 'nul'" },
        { "{\"a\":nullx}", "JSON parse error, invalid keyword 'nullx'" },
        { "", "Expecting a JSON value" },
        { "  ", "Expecting a JSON value" },
    };
    QemuOptsList *object = group("object");

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        Error *err = NULL;
        char *shown = g_strescape(cases[i].in, NULL);

        g_test_message("%s", shown);
        g_free(shown);
        g_assert_null(qemu_opts_parse_json(object, cases[i].in, &err));
        assert_err(&err, cases[i].msg);
    }
    g_assert_null(object->head);
}

static void test_json_values(void)
{
    json_t *v;
    char *deep;
    Error *err = NULL;

    /* Single quotes, escapes, surrogate pairs, U+0000 as "\xC0\x80". */
    v = qemu_json_parse_value("{'a':'b\\'c', \"e\":\"\\ud83d\\ude00\\t\","
                              "\"z\":\"\\u0000\", \"big\": "
                              "18446744073709551615, \"neg\": -0.5e1}",
                              &error_abort);
    g_assert_cmpstr(json_string_value(json_object_get(v, "a")), ==, "b'c");
    g_assert_cmpstr(json_string_value(json_object_get(v, "e")), ==,
                    "\xf0\x9f\x98\x80\t");
    g_assert_cmpint(json_string_length(json_object_get(v, "z")), ==, 2);
    g_assert_cmpstr(json_string_value(json_object_get(v, "z")), ==,
                    "\xc0\x80");
    g_assert_true(json_real_value(json_object_get(v, "big")) > 1.8e19);
    g_assert_true(json_real_value(json_object_get(v, "neg")) == -5.0);
    json_decref(v);

    v = qemu_json_parse_value(" [1, [], {}, true, false, null] ",
                              &error_abort);
    g_assert_cmpint(json_array_size(v), ==, 6);
    json_decref(v);

    /* Nesting is limited (no stack exhaustion). */
    deep = g_strnfill(2000, '[');
    g_assert_null(qemu_json_parse_value(deep, &err));
    assert_err(&err, "JSON nesting depth limit exceeded");
    g_free(deep);
    deep = g_strnfill(1024, '[');
    g_assert_null(qemu_json_parse_value(deep, &err));
    assert_err(&err, "JSON parse error, premature EOI");
    g_free(deep);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    g_test_add_func("/qemu-opts/json/form", test_json_form);
    g_test_add_func("/qemu-opts/json/validation", test_json_form_validation);
    g_test_add_func("/qemu-opts/json/syntax-errors", test_json_syntax_errors);
    g_test_add_func("/qemu-opts/json/values", test_json_values);
    return g_test_run();
}
