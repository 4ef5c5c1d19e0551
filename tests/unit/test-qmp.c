/*
 * test-qmp.c: the QMP core: schema loading, request validation, argument
 * checking (with QEMU 7.2's error texts), id echo, capability negotiation,
 * introspection, event formatting, and whole QMP monitors on a fake chardev (greeting, chunked input,
 * events, reconnection, back-pressure from a client that does not read).
 *
 * Test-only commands are declared with qapi_schema_add_text() and
 * registered here; they never exist in the emulator.
 */
#include "qemu/osdep.h"
#include "monitor/monitor.h"
#include "monitor/monitor-internal.h"
#include "qapi/qapi-schema.h"
#include "qapi/qmp-json.h"
#include "chardev/char.h"
#include "qom/object.h"

static const char test_schema[] =
    "# test-only declarations\n"
    "{ 'enum': 'TestEnum', 'data': [ 'one', 'two' ] }\n"
    "{ 'struct': 'TestInner', 'data': { 'num': 'int', '*flag': 'bool' } }\n"
    "{ 'struct': 'TestBase', 'data': { 'kind': 'TestEnum', 'id': 'str' } }\n"
    "{ 'struct': 'TestBranchOne', 'data': { 'one-val': 'str' } }\n"
    "{ 'union': 'TestUnion', 'base': 'TestBase', 'discriminator': 'kind',\n"
    "  'data': { 'one': 'TestBranchOne' } }\n"
    "{ 'alternate': 'TestAlt', 'data': { 'i': 'int', 's': 'str' } }\n"
    "{ \"command\": \"test-echo\",  # double quotes work too\n"
    "  'data': { 's': 'str', '*i': 'int', '*u8': 'uint8', '*i8': 'int8',\n"
    "            '*n': 'number', '*e': 'TestEnum', '*inner': 'TestInner',\n"
    "            '*list': [ 'TestInner' ], '*ilist': [ 'int' ],\n"
    "            '*elist': [ 'TestEnum' ], '*alt': 'TestAlt',\n"
    "            '*anything': 'any', '*nul': 'null', '*sz': 'size',\n"
    "            '*b': { 'type': 'bool', 'features': [ 'deprecated' ] },\n"
    "            '*gone': { 'type': 'str', 'if': 'CONFIG_NOT_THERE' } },\n"
    "  'returns': 'any' }\n"
    "{ 'command': 'test-boxed', 'data': 'TestUnion', 'boxed': true }\n"
    "{ 'command': 'test-no-args' }\n"
    "{ 'command': 'test-unlinked' }\n"
    "{ 'command': 'test-fail' }\n"
    "{ 'command': 'test-gen-false', 'data': { 'a': 'str' }, 'gen': false }\n"
    "{ 'command': 'test-oob', 'allow-oob': true }\n"
    "{ 'command': 'test-absent', 'if': { 'not': 'CONFIG_LINUX' } }\n"
    "{ 'event': 'TEST_EVENT', 'data': { 'x': 'int' } }\n";

static json_t *test_echo(json_t *args, Error **errp)
{
    return json_deep_copy(args);
}

static json_t *test_empty(json_t *args, Error **errp)
{
    return json_object();
}

static json_t *test_fail(json_t *args, Error **errp)
{
    error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND, "Device '%s' not found",
              "x");
    return NULL;
}

static void setup_test_commands(void)
{
    Error *err = NULL;

    g_assert_true(qapi_schema_add_text(test_schema, &err));
    g_assert_null(err);
    qmp_register_command("test-echo", test_echo, 0);
    qmp_register_command("test-boxed", test_echo, 0);
    qmp_register_command("test-no-args", test_empty, 0);
    qmp_register_command("test-fail", test_fail, 0);
    qmp_register_command("test-gen-false", test_echo, 0);
    qmp_register_command("test-oob", test_empty, QCO_ALLOW_OOB);
    qmp_register_command("test-absent", test_empty, 0);
}

/* ---- helpers ---- */

static json_t *parse(const char *text)
{
    json_error_t jerr;
    json_t *v = json_loads(text, JSON_DECODE_ANY, &jerr);

    if (!v) {
        g_error("bad test JSON %s: %s", text, jerr.text);
    }
    return v;
}

/* Dispatch a request (JSON text) in a negotiated session. */
static json_t *dispatch_full(const char *req, bool negotiating, bool oob)
{
    json_t *r = parse(req);
    json_t *resp = qmp_dispatch_session(r, negotiating, oob);

    json_decref(r);
    return resp;
}

static json_t *dispatch(const char *req)
{
    return dispatch_full(req, false, false);
}

static char *compact(json_t *v)
{
    return qmp_json_to_string(v, false);
}

/* Assert the response to req is exactly `expected` (compact text). */
static void assert_response(const char *req, const char *expected)
{
    json_t *resp = dispatch(req);
    g_autofree char *text = compact(resp);

    g_assert_cmpstr(text, ==, expected);
    json_decref(resp);
}

static void assert_error(const char *req, const char *cls, const char *desc)
{
    json_t *resp = dispatch(req);
    json_t *err = json_object_get(resp, "error");

    if (!err) {
        g_autofree char *text = compact(resp);
        g_error("%s: expected an error, got %s", req, text);
    }
    g_assert_cmpstr(json_string_value(json_object_get(err, "class")), ==,
                    cls);
    g_assert_cmpstr(json_string_value(json_object_get(err, "desc")), ==,
                    desc);
    json_decref(resp);
}

static void assert_arg_error(const char *args, const char *desc)
{
    g_autofree char *req = g_strdup_printf(
        "{\"execute\": \"test-echo\", \"arguments\": %s}", args);

    assert_error(req, "GenericError", desc);
}

static void assert_args_ok(const char *args)
{
    g_autofree char *req = g_strdup_printf(
        "{\"execute\": \"test-echo\", \"arguments\": %s}", args);
    json_t *resp = dispatch(req);
    json_t *expect = parse(args);

    g_assert_true(json_equal(json_object_get(resp, "return"), expect));
    json_decref(expect);
    json_decref(resp);
}

/* ---- schema ---- */

static void test_schema_is_consistent(void)
{
    Error *err = NULL;

    if (!qapi_schema_check(&err)) {
        g_error("schema problems:\n%s", error_get_pretty(err));
    }
}

static void collect_undeclared(const char *name, void *opaque)
{
    /* test-absent's declaration is dropped by its 'if' on purpose. */
    if (!qapi_schema_lookup_command(name) && strcmp(name, "test-absent")) {
        g_string_append_printf(opaque, " %s", name);
    }
}

static void test_every_handler_is_declared(void)
{
    GString *missing = g_string_new(NULL);

    qmp_foreach_registered(collect_undeclared, missing);
    g_assert_cmpstr(missing->str, ==, "");
    g_string_free(missing, TRUE);
}

static void test_schema_rejects_bad_text(void)
{
    Error *err = NULL;

    /* A redefinition adds nothing. */
    g_assert_false(qapi_schema_add_text(
        "{ 'struct': 'TestFresh', 'data': {} }\n"
        "{ 'enum': 'TestEnum', 'data': [ 'x' ] }", &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "'TestEnum'"));
    error_free(err);
    err = NULL;
    g_assert_null(qapi_schema_lookup("TestFresh"));

    /* Syntax errors are reported, never fatal. */
    g_assert_false(qapi_schema_add_text("{ 'struct': 'TestBad' 'data' }",
                                        &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "JSON parse error"));
    error_free(err);
    err = NULL;
    g_assert_false(qapi_schema_add_text("{ 'frobnicate': 'x' }", &err));
    error_free(err);
}

static void test_schema_conditions_and_builtins(void)
{
    const QapiEntity *e = qapi_schema_lookup("q_obj_test-echo-arg");
    g_autoptr(GPtrArray) all = NULL;

    g_assert_nonnull(e);
    g_assert_null(qapi_schema_lookup("test-absent"));
    all = qapi_object_all_members(e);
    for (guint i = 0; i < all->len; i++) {
        QapiMember *m = g_ptr_array_index(all, i);
        g_assert_cmpstr(m->name, !=, "gone");
    }
    g_assert_cmpint(qapi_schema_lookup("size")->builtin, ==,
                    QAPI_BUILTIN_UINT64);
    g_assert_cmpint(qapi_schema_lookup("QType")->meta, ==, QAPI_META_ENUM);
    g_assert_cmpint(qapi_schema_lookup("[TestInner]")->meta, ==,
                    QAPI_META_ARRAY);
}

/* ---- requests ---- */

static void test_dispatch_returns_and_echoes_id(void)
{
    static const char *const ids[] = {
        "\"abc\"", "7", "-1", "1.5", "true", "null", "[1, {\"a\": null}]",
        "{\"x\": [\"y\"]}",
    };

    assert_response("{\"execute\": \"test-no-args\"}", "{\"return\": {}}");
    for (size_t i = 0; i < ARRAY_SIZE(ids); i++) {
        g_autofree char *req = g_strdup_printf(
            "{\"execute\": \"test-no-args\", \"id\": %s}", ids[i]);
        g_autofree char *ok = g_strdup_printf(
            "{\"return\": {}, \"id\": %s}", ids[i]);
        g_autofree char *ereq = g_strdup_printf(
            "{\"execute\": \"nope\", \"id\": %s}", ids[i]);
        g_autofree char *err = g_strdup_printf(
            "{\"id\": %s, \"error\": {\"class\": \"CommandNotFound\", "
            "\"desc\": \"The command nope has not been found\"}}", ids[i]);

        assert_response(req, ok);
        assert_response(ereq, err);
    }
}

static void test_dispatch_envelope_errors(void)
{
    assert_response("[1]", "{\"error\": {\"class\": \"GenericError\", "
                    "\"desc\": \"QMP input must be a JSON object\"}}");
    assert_error("{}", "GenericError", "QMP input lacks member 'execute'");
    assert_response("{\"id\": 5}", "{\"id\": 5, \"error\": {\"class\": "
                    "\"GenericError\", \"desc\": \"QMP input lacks member "
                    "'execute'\"}}");
    assert_error("{\"execute\": 1}", "GenericError",
                 "QMP input member 'execute' must be a string");
    assert_error("{\"execute\": \"test-no-args\", \"arguments\": []}",
                 "GenericError",
                 "QMP input member 'arguments' must be an object");
    assert_error("{\"execute\": \"test-no-args\", \"foo\": 1}",
                 "GenericError", "QMP input member 'foo' is unexpected");
    assert_error("{\"exec-oob\": \"test-oob\"}", "GenericError",
                 "QMP input member 'exec-oob' is unexpected");
    assert_error("{\"execute\": \"test-no-args\", \"arguments\": {\"a\": 1}}",
                 "GenericError", "Parameter 'a' is unexpected");
}

static void test_dispatch_unknown_and_unlinked(void)
{
    json_t *resp, *list;
    size_t i;
    json_t *c;
    bool seen_echo = false;

    assert_error("{\"execute\": \"no-such-thing\"}", "CommandNotFound",
                 "The command no-such-thing has not been found");
    assert_error("{\"execute\": \"test-unlinked\"}", "CommandNotFound",
                 "The command test-unlinked has not been found");
    assert_error("{\"execute\": \"TEST_EVENT\"}", "CommandNotFound",
                 "The command TEST_EVENT has not been found");
    assert_error("{\"execute\": \"test-fail\"}", "DeviceNotFound",
                 "Device 'x' not found");

    resp = dispatch("{\"execute\": \"query-commands\"}");
    list = json_object_get(resp, "return");
    g_assert_true(json_is_array(list));
    json_array_foreach(list, i, c) {
        const char *name = json_string_value(json_object_get(c, "name"));

        g_assert_cmpstr(name, !=, "test-unlinked");
        seen_echo |= strcmp(name, "test-echo") == 0;
    }
    g_assert_true(seen_echo);
    json_decref(resp);
}

static void test_dispatch_negotiation(void)
{
    json_t *resp;

    resp = dispatch_full("{\"execute\": \"query-version\", \"id\": 1}", true,
                         false);
    g_assert_cmpstr(json_string_value(json_object_get(
        json_object_get(resp, "error"), "desc")), ==,
        "Expecting capabilities negotiation with 'qmp_capabilities'");
    g_assert_cmpstr(json_string_value(json_object_get(
        json_object_get(resp, "error"), "class")), ==, "CommandNotFound");
    json_decref(resp);

    resp = dispatch_full("{\"execute\": \"nope\"}", true, false);
    g_assert_nonnull(strstr(json_string_value(json_object_get(
        json_object_get(resp, "error"), "desc")), "Expecting capabilities"));
    json_decref(resp);

    resp = dispatch_full("{\"execute\": \"qmp_capabilities\", \"arguments\": "
                         "{\"enable\": [\"oob\"]}}", true, false);
    g_assert_nonnull(json_object_get(resp, "return"));
    json_decref(resp);

    resp = dispatch_full("{\"execute\": \"qmp_capabilities\", \"arguments\": "
                         "{\"enable\": [\"bogus\"]}}", true, false);
    g_assert_cmpstr(json_string_value(json_object_get(
        json_object_get(resp, "error"), "desc")), ==,
        "Parameter 'null' does not accept value 'bogus'");
    json_decref(resp);

    assert_error("{\"execute\": \"qmp_capabilities\"}", "CommandNotFound",
                 "Capabilities negotiation is already complete, command "
                 "ignored");
    /* As QEMU, the arguments are checked before that. */
    assert_error("{\"execute\": \"qmp_capabilities\", \"arguments\": "
                 "{\"enable\": [\"foo\"]}}", "GenericError",
                 "Parameter 'null' does not accept value 'foo'");
}

static void test_dispatch_oob(void)
{
    json_t *resp;

    resp = dispatch_full("{\"exec-oob\": \"test-oob\", \"id\": 3}", false,
                         true);
    g_assert_nonnull(json_object_get(resp, "return"));
    json_decref(resp);

    resp = dispatch_full("{\"exec-oob\": \"test-no-args\"}", false, true);
    g_assert_cmpstr(json_string_value(json_object_get(
        json_object_get(resp, "error"), "desc")), ==,
        "The command test-no-args does not support OOB");
    json_decref(resp);

    resp = dispatch_full("{\"execute\": \"test-oob\", \"exec-oob\": "
                         "\"test-oob\"}", false, true);
    g_assert_cmpstr(json_string_value(json_object_get(
        json_object_get(resp, "error"), "desc")), ==,
        "QMP input member 'execute' clashes with 'exec-oob'");
    json_decref(resp);
}

/* ---- argument checking ---- */

static void test_args_accepted(void)
{
    assert_args_ok("{\"s\": \"x\"}");
    assert_args_ok("{\"s\": \"x\", \"i\": -5, \"u8\": 255, \"i8\": -128, "
                   "\"n\": 1, \"e\": \"two\", \"inner\": {\"num\": 1}, "
                   "\"list\": [{\"num\": 2, \"flag\": true}], "
                   "\"ilist\": [], \"elist\": [\"one\"], \"alt\": 3, "
                   "\"anything\": [null, {}], \"nul\": null, \"sz\": -1, "
                   "\"b\": false}");
    assert_args_ok("{\"s\": \"x\", \"n\": 2.5, \"alt\": \"str\"}");
}

static void test_args_errors_use_qemu_texts(void)
{
    assert_arg_error("{}", "Parameter 's' is missing");
    assert_arg_error("{\"s\": \"x\", \"zz\": 1}",
                     "Parameter 'zz' is unexpected");
    assert_arg_error("{\"s\": 1}",
                     "Invalid parameter type for 's', expected: string");
    assert_arg_error("{\"s\": null}",
                     "Invalid parameter type for 's', expected: string");
    assert_arg_error("{\"s\": \"x\", \"i\": \"1\"}",
                     "Invalid parameter type for 'i', expected: integer");
    assert_arg_error("{\"s\": \"x\", \"i\": 1.5}",
                     "Invalid parameter type for 'i', expected: integer");
    assert_arg_error("{\"s\": \"x\", \"n\": \"1\"}",
                     "Invalid parameter type for 'n', expected: number");
    assert_arg_error("{\"s\": \"x\", \"b\": 1}",
                     "Invalid parameter type for 'b', expected: boolean");
    assert_arg_error("{\"s\": \"x\", \"nul\": 0}",
                     "Invalid parameter type for 'nul', expected: null");
    assert_arg_error("{\"s\": \"x\", \"u8\": 256}",
                     "Parameter 'u8' expects uint8_t");
    assert_arg_error("{\"s\": \"x\", \"u8\": -1}",
                     "Parameter 'u8' expects uint8_t");
    assert_arg_error("{\"s\": \"x\", \"i8\": -129}",
                     "Parameter 'i8' expects int8_t");
    assert_arg_error("{\"s\": \"x\", \"e\": \"three\"}",
                     "Parameter 'e' does not accept value 'three'");
    assert_arg_error("{\"s\": \"x\", \"e\": 1}",
                     "Invalid parameter type for 'e', expected: string");
    assert_arg_error("{\"s\": \"x\", \"inner\": []}",
                     "Invalid parameter type for 'inner', expected: object");
    assert_arg_error("{\"s\": \"x\", \"inner\": {}}",
                     "Parameter 'inner.num' is missing");
    assert_arg_error("{\"s\": \"x\", \"inner\": {\"num\": 1, \"q\": 2}}",
                     "Parameter 'inner.q' is unexpected");
    assert_arg_error("{\"s\": \"x\", \"list\": {}}",
                     "Invalid parameter type for 'list', expected: array");
    assert_arg_error("{\"s\": \"x\", \"list\": [{\"num\": 1}, 5]}",
                     "Invalid parameter type for 'list[1]', expected: "
                     "object");
    assert_arg_error("{\"s\": \"x\", \"list\": [{\"num\": 1, \"flag\": 0}]}",
                     "Invalid parameter type for 'list[0].flag', expected: "
                     "boolean");
    assert_arg_error("{\"s\": \"x\", \"ilist\": [1, \"2\"]}",
                     "Invalid parameter type for 'ilist[1]', expected: "
                     "integer");
    assert_arg_error("{\"s\": \"x\", \"elist\": [\"nine\"]}",
                     "Parameter 'null' does not accept value 'nine'");
    assert_arg_error("{\"s\": \"x\", \"alt\": true}",
                     "Invalid parameter type for 'alt', expected: TestAlt");
    /* Declared order decides which error comes first; unexpected last. */
    assert_arg_error("{\"zz\": 1, \"i\": \"x\"}", "Parameter 's' is missing");
    assert_arg_error("{\"zz\": 1, \"s\": \"x\", \"i\": \"x\"}",
                     "Invalid parameter type for 'i', expected: integer");
}

static void test_args_boxed_union_and_gen_false(void)
{
    assert_response("{\"execute\": \"test-boxed\", \"arguments\": "
                    "{\"kind\": \"one\", \"id\": \"a\", \"one-val\": \"v\"}}",
                    "{\"return\": {\"kind\": \"one\", \"id\": \"a\", "
                    "\"one-val\": \"v\"}}");
    assert_response("{\"execute\": \"test-boxed\", \"arguments\": "
                    "{\"kind\": \"two\", \"id\": \"a\"}}",
                    "{\"return\": {\"kind\": \"two\", \"id\": \"a\"}}");
    assert_error("{\"execute\": \"test-boxed\", \"arguments\": "
                 "{\"kind\": \"one\", \"id\": \"a\"}}", "GenericError",
                 "Parameter 'one-val' is missing");
    assert_error("{\"execute\": \"test-boxed\", \"arguments\": "
                 "{\"kind\": \"two\", \"id\": \"a\", \"one-val\": \"v\"}}",
                 "GenericError", "Parameter 'one-val' is unexpected");
    assert_error("{\"execute\": \"test-boxed\", \"arguments\": "
                 "{\"kind\": \"six\", \"id\": \"a\"}}", "GenericError",
                 "Parameter 'kind' does not accept value 'six'");
    assert_error("{\"execute\": \"test-boxed\", \"arguments\": {}}",
                 "GenericError", "Parameter 'kind' is missing");
    /* 'gen': false passes anything through. */
    assert_response("{\"execute\": \"test-gen-false\", \"arguments\": "
                    "{\"whatever\": [1]}}",
                    "{\"return\": {\"whatever\": [1]}}");
}

static void test_qmp_call(void)
{
    Error *err = NULL;
    json_t *args = parse("{\"s\": \"hello\"}");
    json_t *ret = qmp_call("test-echo", args, &err);

    g_assert_null(err);
    g_assert_true(json_equal(ret, args));
    json_decref(ret);
    json_decref(args);

    g_assert_null(qmp_call("test-echo", NULL, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Parameter 's' is missing");
    error_free(err);
    err = NULL;
    g_assert_null(qmp_call("nope", NULL, &err));
    g_assert_cmpint(error_get_class(err), ==, ERROR_CLASS_COMMAND_NOT_FOUND);
    error_free(err);
}

/* ---- introspection ---- */

static json_t *find_info(GHashTable *by_name, const char *name)
{
    json_t *info = g_hash_table_lookup(by_name, name);

    if (!info) {
        g_error("introspection: '%s' is referenced but not listed", name);
    }
    return info;
}

static const char *meta_of(GHashTable *by_name, const char *name)
{
    return json_string_value(json_object_get(find_info(by_name, name),
                                             "meta-type"));
}

static void test_introspection_is_consistent(void)
{
    json_t *schema = qapi_schema_introspect();
    g_autoptr(GHashTable) by_name = g_hash_table_new(g_str_hash,
                                                     g_str_equal);
    size_t i, j;
    json_t *info, *m;
    json_t *echo = NULL;

    json_array_foreach(schema, i, info) {
        const char *name = json_string_value(json_object_get(info, "name"));

        g_assert_nonnull(name);
        g_assert_false(g_hash_table_contains(by_name, name));
        g_hash_table_insert(by_name, (gpointer)name, info);
    }
    json_array_foreach(schema, i, info) {
        const char *meta = json_string_value(json_object_get(info,
                                                             "meta-type"));

        if (!strcmp(meta, "command") || !strcmp(meta, "event")) {
            g_assert_cmpstr(meta_of(by_name, json_string_value(
                json_object_get(info, "arg-type"))), ==, "object");
        }
        if (!strcmp(meta, "command")) {
            find_info(by_name, json_string_value(json_object_get(info,
                                                                 "ret-type")));
        } else if (!strcmp(meta, "array")) {
            find_info(by_name, json_string_value(
                json_object_get(info, "element-type")));
        } else if (!strcmp(meta, "object")) {
            json_array_foreach(json_object_get(info, "members"), j, m) {
                find_info(by_name, json_string_value(
                    json_object_get(m, "type")));
            }
            json_array_foreach(json_object_get(info, "variants"), j, m) {
                g_assert_cmpstr(meta_of(by_name, json_string_value(
                    json_object_get(m, "type"))), ==, "object");
            }
        } else if (!strcmp(meta, "alternate")) {
            json_array_foreach(json_object_get(info, "members"), j, m) {
                find_info(by_name, json_string_value(
                    json_object_get(m, "type")));
            }
        } else if (!strcmp(meta, "builtin")) {
            /* Only QEMU's builtin names are listed. */
            const char *name = json_string_value(json_object_get(info,
                                                                 "name"));
            g_assert_true(g_strv_contains((const char *const[]){
                "str", "int", "number", "bool", "null", "any", NULL }, name));
        }
        if (!strcmp(json_string_value(json_object_get(info, "name")),
                    "test-echo")) {
            echo = info;
        }
    }

    /* Commands without a handler are not listed; names are masked. */
    g_assert_false(g_hash_table_contains(by_name, "test-unlinked"));
    g_assert_false(g_hash_table_contains(by_name, "TestInner"));
    g_assert_nonnull(find_info(by_name, "query-qmp-schema"));
    g_assert_nonnull(find_info(by_name, "SHUTDOWN"));

    g_assert_nonnull(echo);
    info = find_info(by_name, json_string_value(json_object_get(echo,
                                                                "arg-type")));
    m = json_array_get(json_object_get(info, "members"), 0);
    g_assert_cmpstr(json_string_value(json_object_get(m, "name")), ==, "s");
    g_assert_cmpstr(json_string_value(json_object_get(m, "type")), ==, "str");
    g_assert_null(json_object_get(m, "default"));
    m = json_array_get(json_object_get(info, "members"), 2);
    g_assert_cmpstr(json_string_value(json_object_get(m, "name")), ==, "u8");
    g_assert_cmpstr(json_string_value(json_object_get(m, "type")), ==, "int");
    g_assert_true(json_is_null(json_object_get(m, "default")));

    /* A union lists every tag value as a case, base members flattened. */
    info = find_info(by_name, json_string_value(json_object_get(
        find_info(by_name, "test-boxed"), "arg-type")));
    g_assert_cmpstr(json_string_value(json_object_get(info, "tag")), ==,
                    "kind");
    g_assert_cmpint(json_array_size(json_object_get(info, "variants")), ==,
                    2);
    g_assert_cmpint(json_array_size(json_object_get(info, "members")), ==, 2);
    g_assert_true(json_is_true(json_object_get(
        find_info(by_name, "test-oob"), "allow-oob")));
    json_decref(schema);
}

static void test_event_format(void)
{
    json_t *ev = qmp_event_build("TEST_EVENT", json_pack("{s:i}", "x", 1));
    json_t *ts = json_object_get(ev, "timestamp");
    const char *key;
    json_t *val;
    const char *order[3];
    int n = 0;
    gint64 now = g_get_real_time() / G_USEC_PER_SEC;

    json_object_foreach(ev, key, val) {
        g_assert_cmpint(n, <, 3);
        order[n++] = key;
    }
    g_assert_cmpint(n, ==, 3);
    g_assert_cmpstr(order[0], ==, "timestamp");
    g_assert_cmpstr(order[1], ==, "event");
    g_assert_cmpstr(order[2], ==, "data");
    g_assert_true(json_is_integer(json_object_get(ts, "seconds")));
    g_assert_cmpint(json_integer_value(json_object_get(ts, "seconds")), <=,
                    now);
    g_assert_cmpint(json_integer_value(json_object_get(ts, "seconds")), >=,
                    now - 5);
    g_assert_cmpint(json_integer_value(json_object_get(ts, "microseconds")),
                    <, G_USEC_PER_SEC);
    g_assert_cmpint(json_integer_value(json_object_get(
        json_object_get(ev, "data"), "x")), ==, 1);
    json_decref(ev);

    ev = qmp_event_build("STOP", NULL);
    g_assert_null(json_object_get(ev, "data"));
    g_assert_cmpint(json_object_size(ev), ==, 2);
    json_decref(ev);
}

static void test_core_answers(void)
{
    assert_response("{\"execute\": \"query-version\"}",
                    "{\"return\": {\"qemu\": {\"micro\": 0, \"minor\": 2, "
                    "\"major\": 7}, \"package\": \"\"}}");
    assert_response("{\"execute\": \"query-target\"}",
                    "{\"return\": {\"arch\": \"x86_64\"}}");
    assert_error("{\"execute\": \"migrate-set-capabilities\", \"arguments\": "
                 "{\"capabilities\": [{\"capability\": \"foo\", "
                 "\"state\": true}]}}", "GenericError",
                 "Parameter 'capability' does not accept value 'foo'");
    assert_response("{\"execute\": \"migrate-set-capabilities\", "
                    "\"arguments\": {\"capabilities\": [{\"capability\": "
                    "\"xbzrle\", \"state\": true}]}}", "{\"return\": {}}");
    {
        json_t *resp = dispatch("{\"execute\": "
                                "\"query-migrate-capabilities\"}");
        json_t *list = json_object_get(resp, "return");

        g_assert_cmpint(json_array_size(list), ==, 21);
        g_assert_true(json_is_true(json_object_get(json_array_get(list, 0),
                                                   "state")));
        g_assert_cmpstr(json_string_value(json_object_get(
            json_array_get(list, 20), "capability")), ==,
            "postcopy-preempt");
        json_decref(resp);
    }
    assert_error("{\"execute\": \"query-hotpluggable-cpus\"}", "GenericError",
                 "The feature 'query-hotpluggable-cpus' is not enabled");
}

/* ---- a QMP monitor on a fake chardev ---- */

/*
 * "chardev-qmptest" takes what the monitor writes into test_sink, at most
 * test_accept bytes (-1: unlimited; 0: the peer is not reading), and
 * reports G_IO_OUT through an idle source.
 */
static GString *test_sink;
static int test_accept = -1;
static GPtrArray *test_chardevs;

static int qmptest_write(Chardev *s, const uint8_t *buf, int len)
{
    int n = test_accept < 0 ? len : MIN(len, test_accept);

    if (test_accept >= 0) {
        test_accept -= n;
    }
    if (n == 0) {
        errno = EAGAIN;
        return -1;
    }
    g_string_append_len(test_sink, (const char *)buf, n);
    return n;
}

static GSource *qmptest_add_watch(Chardev *s, GIOCondition cond)
{
    return g_idle_source_new();
}

static void qmptest_class_init(ObjectClass *oc, void *data)
{
    ChardevClass *cc = CHARDEV_CLASS(oc);

    cc->chr_write = qmptest_write;
    cc->chr_add_watch = qmptest_add_watch;
}

static const TypeInfo qmptest_info = {
    .name = "chardev-qmptest",
    .parent = TYPE_CHARDEV,
    .instance_size = sizeof(Chardev),
    .class_init = qmptest_class_init,
};

static void qmptest_register_types(void)
{
    type_register_static(&qmptest_info);
}
type_init(qmptest_register_types)

static void run_main_loop(int iterations)
{
    for (int i = 0; i < iterations; i++) {
        g_main_context_iteration(NULL, FALSE);
    }
}

static Chardev *new_qmp_monitor(bool pretty)
{
    Chardev *chr = CHARDEV(object_new("chardev-qmptest"));
    Error *err = NULL;

    g_assert_true(monitor_init_qmp(chr, pretty, &err));
    g_assert_null(err);
    if (!test_chardevs) {
        test_chardevs = g_ptr_array_new();
    }
    g_ptr_array_add(test_chardevs, chr);
    qemu_chr_be_event(chr, CHR_EVENT_OPENED);
    return chr;
}

/* Close every monitor and free the fake chardevs. */
static void close_monitors(void)
{
    monitor_cleanup();
    for (guint i = 0; test_chardevs && i < test_chardevs->len; i++) {
        object_unref(g_ptr_array_index(test_chardevs, i));
    }
    g_clear_pointer(&test_chardevs, g_ptr_array_unref);
    g_string_free(test_sink, TRUE);
    test_sink = NULL;
}

static void send_text(Chardev *chr, const char *text)
{
    qemu_chr_be_write(chr, (const uint8_t *)text, strlen(text));
}

/* The sink's complete lines so far (each without "\r\n"); clears them. */
static char **take_lines(void)
{
    char **lines;
    gsize n;

    g_assert_true(test_sink->len == 0 ||
                  g_str_has_suffix(test_sink->str, "\r\n"));
    lines = g_strsplit(test_sink->str, "\r\n", -1);
    n = g_strv_length(lines);
    if (n) {
        g_free(lines[n - 1]);     /* the empty piece after the last \r\n */
        lines[n - 1] = NULL;
    }
    g_string_truncate(test_sink, 0);
    return lines;
}

static void test_monitor_session(void)
{
    Chardev *chr;
    g_auto(GStrv) lines = NULL;

    test_sink = g_string_new(NULL);
    test_accept = -1;
    chr = new_qmp_monitor(false);
    lines = take_lines();
    g_assert_cmpuint(g_strv_length(lines), ==, 1);
    g_assert_cmpstr(lines[0], ==, "{\"QMP\": {\"version\": {\"qemu\": "
                    "{\"micro\": 0, \"minor\": 2, \"major\": 7}, "
                    "\"package\": \"\"}, \"capabilities\": [\"oob\"]}}");
    g_clear_pointer(&lines, g_strfreev);

    /* Before negotiation: no events, only qmp_capabilities. */
    qapi_event_send("STOP", NULL);
    send_text(chr, "{\"execute\": \"query-status\"}\n");
    lines = take_lines();
    g_assert_cmpuint(g_strv_length(lines), ==, 1);
    g_assert_nonnull(strstr(lines[0], "Expecting capabilities"));
    g_clear_pointer(&lines, g_strfreev);

    /* One request split in two chunks, then two in one chunk. */
    send_text(chr, "{\"execute\": \"qmp_capab");
    g_assert_cmpuint(test_sink->len, ==, 0);
    send_text(chr, "ilities\", \"id\": \"n\"}");
    send_text(chr, "{\"execute\": \"test-no-args\", \"id\": 1}"
              "{\"execute\": \"test-no-args\", \"id\": 2}");
    lines = take_lines();
    g_assert_cmpuint(g_strv_length(lines), ==, 3);
    g_assert_cmpstr(lines[0], ==, "{\"return\": {}, \"id\": \"n\"}");
    g_assert_cmpstr(lines[1], ==, "{\"return\": {}, \"id\": 1}");
    g_assert_cmpstr(lines[2], ==, "{\"return\": {}, \"id\": 2}");
    g_clear_pointer(&lines, g_strfreev);

    /* Garbage, then a good request: one error, one reply. */
    send_text(chr, "nonsense\n{\"execute\": \"test-no-args\"}\n");
    lines = take_lines();
    g_assert_cmpuint(g_strv_length(lines), ==, 2);
    g_assert_cmpstr(lines[0], ==, "{\"error\": {\"class\": \"GenericError\", "
                    "\"desc\": \"JSON parse error, invalid keyword "
                    "'nonsense'\"}}");
    g_assert_cmpstr(lines[1], ==, "{\"return\": {}}");
    g_clear_pointer(&lines, g_strfreev);

    /* Raw bytes that are not UTF-8 are quoted escaped, as QEMU does. */
    send_text(chr, "\xff\n{\"a\": \"\xfe\t\n{\"execute\": \"test-no-args\"}\n");
    lines = take_lines();
    g_assert_cmpuint(g_strv_length(lines), ==, 3);
    g_assert_cmpstr(lines[0], ==, "{\"error\": {\"class\": \"GenericError\", "
                    "\"desc\": \"JSON parse error, stray '\\uFFFD'\"}}");
    g_assert_cmpstr(lines[1], ==, "{\"error\": {\"class\": \"GenericError\", "
                    "\"desc\": \"JSON parse error, stray "
                    "'\\\"\\uFFFD'\"}}");
    g_assert_cmpstr(lines[2], ==, "{\"return\": {}}");
    g_clear_pointer(&lines, g_strfreev);

    /* Negotiated: events arrive. */
    qapi_event_send("STOP", NULL);
    lines = take_lines();
    g_assert_cmpuint(g_strv_length(lines), ==, 1);
    g_assert_true(g_str_has_suffix(lines[0], "\"event\": \"STOP\"}"));
    g_clear_pointer(&lines, g_strfreev);

    /* A new connection starts over: greeting, negotiation. */
    qemu_chr_be_event(chr, CHR_EVENT_CLOSED);
    qemu_chr_be_event(chr, CHR_EVENT_OPENED);
    send_text(chr, "{\"execute\": \"test-no-args\"}\n");
    lines = take_lines();
    g_assert_cmpuint(g_strv_length(lines), ==, 2);
    g_assert_true(g_str_has_prefix(lines[0], "{\"QMP\""));
    g_assert_nonnull(strstr(lines[1], "Expecting capabilities"));
    g_clear_pointer(&lines, g_strfreev);

    close_monitors();
}

static void test_monitor_pretty(void)
{
    g_auto(GStrv) lines = NULL;
    Chardev *chr;

    test_sink = g_string_new(NULL);
    test_accept = -1;
    chr = new_qmp_monitor(true);
    g_string_truncate(test_sink, 0);
    send_text(chr, "{\"execute\": \"qmp_capabilities\"}\n");
    g_assert_cmpstr(test_sink->str, ==, "{\r\n    \"return\": {\r\n    }\r\n"
                    "}\r\n");
    close_monitors();
}

/*
 * A client that does not read: replies queue, reading stops once 1 MiB
 * waits, and everything arrives in order once the client reads again.
 * Another monitor is served meanwhile.
 */
static void test_monitor_slow_reader(void)
{
    Chardev *slow, *fast;
    g_autofree char *req = NULL;
    int sent = 0;
    g_auto(GStrv) lines = NULL;

    test_sink = g_string_new(NULL);
    test_accept = -1;
    slow = new_qmp_monitor(false);
    send_text(slow, "{\"execute\": \"qmp_capabilities\"}\n");
    g_string_truncate(test_sink, 0);

    test_accept = 0;
    req = g_strdup_printf("{\"execute\": \"test-echo\", \"arguments\": "
                          "{\"s\": \"%0*d\"}}\n", 60000, 0);
    while (qemu_chr_be_can_write(slow) > 0 && sent < 1000) {
        send_text(slow, req);
        sent++;
    }
    g_assert_cmpint(sent, >, 10);
    g_assert_cmpint(sent, <, 1000);
    g_assert_cmpuint(test_sink->len, ==, 0);

    /* The main loop and other monitors are not blocked. */
    test_accept = -1;
    fast = new_qmp_monitor(false);
    g_assert_true(g_str_has_prefix(test_sink->str, "{\"QMP\""));
    g_string_truncate(test_sink, 0);
    test_accept = 0;
    run_main_loop(10);

    /* The client reads again: the backlog drains, input resumes. */
    test_accept = -1;
    run_main_loop(100);
    lines = take_lines();
    g_assert_cmpuint(g_strv_length(lines), ==, sent);
    g_assert_cmpint(qemu_chr_be_can_write(slow), >, 0);
    g_assert_cmpint(qemu_chr_be_can_write(fast), >, 0);
    close_monitors();
}

/*
 * Events for a client that never reads: the backlog stops at the cap,
 * whole messages are dropped, and what the client gets later is only
 * complete lines.
 */
static void test_monitor_output_cap(void)
{
    Chardev *chr;
    Monitor *mon;
    g_autofree char *big = g_strnfill(1024 * 1024, 'x');
    g_auto(GStrv) lines = NULL;

    test_sink = g_string_new(NULL);
    test_accept = -1;
    chr = new_qmp_monitor(false);
    send_text(chr, "{\"execute\": \"qmp_capabilities\"}\n");
    g_string_truncate(test_sink, 0);
    /* The QMP monitor is the frontend's opaque; Monitor comes first. */
    mon = chr->be->opaque;

    test_accept = 0;
    for (int i = 0; i < 20; i++) {
        qapi_event_send("TEST_EVENT", json_pack("{s:s}", "big", big));
    }
    g_assert_cmpuint(mon->outbuf->len, <=, MONITOR_OUT_MAX);
    g_assert_cmpuint(mon->out_dropped, >, 0);

    test_accept = -1;
    run_main_loop(50);
    lines = take_lines();
    g_assert_cmpuint(g_strv_length(lines), >=, 15);
    g_assert_cmpuint(g_strv_length(lines), <, 20);
    for (guint i = 0; lines[i]; i++) {
        json_t *ev = parse(lines[i]);

        g_assert_cmpstr(json_string_value(json_object_get(ev, "event")), ==,
                        "TEST_EVENT");
        json_decref(ev);
    }
    close_monitors();
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    setup_test_commands();

    g_test_add_func("/qmp/schema/is-consistent", test_schema_is_consistent);
    g_test_add_func("/qmp/schema/every-handler-is-declared",
                    test_every_handler_is_declared);
    g_test_add_func("/qmp/schema/rejects-bad-text",
                    test_schema_rejects_bad_text);
    g_test_add_func("/qmp/schema/conditions-and-builtins",
                    test_schema_conditions_and_builtins);
    g_test_add_func("/qmp/dispatch/returns-and-echoes-id",
                    test_dispatch_returns_and_echoes_id);
    g_test_add_func("/qmp/dispatch/envelope-errors",
                    test_dispatch_envelope_errors);
    g_test_add_func("/qmp/dispatch/unknown-and-unlinked",
                    test_dispatch_unknown_and_unlinked);
    g_test_add_func("/qmp/dispatch/negotiation", test_dispatch_negotiation);
    g_test_add_func("/qmp/dispatch/oob", test_dispatch_oob);
    g_test_add_func("/qmp/args/accepted", test_args_accepted);
    g_test_add_func("/qmp/args/errors-use-qemu-texts",
                    test_args_errors_use_qemu_texts);
    g_test_add_func("/qmp/args/boxed-union-and-gen-false",
                    test_args_boxed_union_and_gen_false);
    g_test_add_func("/qmp/args/qmp-call", test_qmp_call);
    g_test_add_func("/qmp/introspection/is-consistent",
                    test_introspection_is_consistent);
    g_test_add_func("/qmp/event/format", test_event_format);
    g_test_add_func("/qmp/commands/core-answers", test_core_answers);
    g_test_add_func("/qmp/monitor/session", test_monitor_session);
    g_test_add_func("/qmp/monitor/pretty", test_monitor_pretty);
    g_test_add_func("/qmp/monitor/slow-reader-blocks-nobody",
                    test_monitor_slow_reader);
    g_test_add_func("/qmp/monitor/output-cap-drops-whole-messages",
                    test_monitor_output_cap);
    return g_test_run();
}
