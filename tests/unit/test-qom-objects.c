/*
 * test-qom-objects.c: user-creatable objects (-object, object-add,
 * object-del, -object help) and the QOM QMP commands (qom-list, qom-get,
 * qom-set, qom-list-types, qom-list-properties), run through the QMP
 * dispatcher so that the schema in qapi/qom.json is exercised too.
 */
#include "qemu/osdep.h"
#include "qom/object.h"
#include "monitor/monitor.h"

#define TYPE_TEST_ABSTRACT "test-abstract"
#define TYPE_TEST_CREATABLE "test-creatable"
#define TYPE_TEST_IFACE "test-iface"

/* ---- types ---- */

typedef struct TestCreatable {
    Object parent_obj;
    bool fail;
    bool busy;
    uint64_t size;
    bool completed;
} TestCreatable;

#define TEST_CREATABLE(obj) \
    OBJECT_CHECK(TestCreatable, (obj), TYPE_TEST_CREATABLE)

static bool creatable_get_fail(Object *obj, Error **errp)
{
    return TEST_CREATABLE(obj)->fail;
}

static void creatable_set_fail(Object *obj, bool v, Error **errp)
{
    TEST_CREATABLE(obj)->fail = v;
}

static bool creatable_get_busy(Object *obj, Error **errp)
{
    return TEST_CREATABLE(obj)->busy;
}

static void creatable_set_busy(Object *obj, bool v, Error **errp)
{
    TEST_CREATABLE(obj)->busy = v;
}

static json_t *creatable_get_size(Object *obj, ObjectProperty *prop,
                                  Error **errp)
{
    return qom_json_uint(TEST_CREATABLE(obj)->size);
}

static bool creatable_set_size(Object *obj, ObjectProperty *prop,
                               json_t *value, Error **errp)
{
    return qom_parse_size(prop->name, value, &TEST_CREATABLE(obj)->size,
                          errp);
}

static bool creatable_complete(Object *obj, Error **errp)
{
    TestCreatable *s = TEST_CREATABLE(obj);

    if (s->fail) {
        error_setg(errp, "asked to fail");
        return false;
    }
    s->completed = true;
    return true;
}

static bool creatable_can_be_deleted(Object *obj)
{
    return !TEST_CREATABLE(obj)->busy;
}

static void creatable_class_init(ObjectClass *klass, void *data)
{
    UserCreatableClass *ucc = USER_CREATABLE_CLASS(klass);
    ObjectProperty *prop;

    ucc->complete = creatable_complete;
    ucc->can_be_deleted = creatable_can_be_deleted;
    object_class_property_add_bool(klass, "fail", creatable_get_fail,
                                   creatable_set_fail);
    object_class_property_add_bool(klass, "busy", creatable_get_busy,
                                   creatable_set_busy);
    prop = object_class_property_add(klass, "size", "size",
                                     creatable_get_size, creatable_set_size,
                                     NULL, NULL);
    object_property_set_default(prop, json_integer(4096));
    object_class_property_set_description(klass, "size", "Size in bytes");
}

static const TypeInfo test_types[] = {
    {
        .name = TYPE_TEST_IFACE,
        .parent = TYPE_INTERFACE,
        .class_size = sizeof(InterfaceClass),
    }, {
        .name = TYPE_TEST_ABSTRACT,
        .parent = TYPE_OBJECT,
        .instance_size = sizeof(TestCreatable),
        .abstract = true,
        .interfaces = (InterfaceInfo[]) {
            { TYPE_USER_CREATABLE }, { TYPE_TEST_IFACE }, { }
        },
    }, {
        .name = TYPE_TEST_CREATABLE,
        .parent = TYPE_TEST_ABSTRACT,
        .instance_size = sizeof(TestCreatable),
        .class_init = creatable_class_init,
    },
};

static void register_test_types(void)
{
    type_register_static_array(test_types, ARRAY_SIZE(test_types));
}

type_init(register_test_types)

/* ---- helpers ---- */

static json_t *jparse(const char *text)
{
    json_error_t jerr;
    json_t *v = json_loads(text, JSON_DECODE_ANY, &jerr);

    g_assert_nonnull(v);
    return v;
}

/* ---- user-creatable objects ---- */

static char *add_fails(const char *type, const char *id, const char *props,
                       QomInputMode mode)
{
    QomInputMode saved = qom_input_mode_set(mode);
    json_t *p = jparse(props);
    Error *err = NULL;
    char *msg;

    g_assert_null(user_creatable_add_type(type, id, p, &err));
    g_assert_nonnull(err);
    msg = g_strdup(error_get_pretty(err));
    error_free(err);
    json_decref(p);
    qom_input_mode_set(saved);
    return msg;
}

static void assert_add_fails(const char *type, const char *id,
                             const char *props, QomInputMode mode,
                             const char *expected)
{
    char *msg = add_fails(type, id, props, mode);

    g_assert_cmpstr(msg, ==, expected);
    g_free(msg);
}

static void test_user_creatable(void)
{
    json_t *props = jparse("{\"size\": 65536}");
    Object *obj;
    Error *err = NULL;

    obj = user_creatable_add_type(TYPE_TEST_CREATABLE, "uc1", props,
                                  &error_abort);
    json_decref(props);
    g_assert_true(object_resolve_path("/objects/uc1", NULL) == obj);
    g_assert_true(TEST_CREATABLE(obj)->completed);
    g_assert_cmpuint(TEST_CREATABLE(obj)->size, ==, 65536);
    g_assert_cmpint(obj->ref, ==, 1);

    assert_add_fails(TYPE_TEST_CREATABLE, "uc1", "{}", QOM_INPUT_TYPED,
                     "attempt to add duplicate property 'uc1' to object "
                     "(type 'container')");
    assert_add_fails(TYPE_TEST_CREATABLE, "1uc", "{}", QOM_INPUT_TYPED,
                     "Parameter 'id' expects an identifier");
    assert_add_fails("no-such-type", "x", "{}", QOM_INPUT_TYPED,
                     "Parameter 'qom-type' does not accept value "
                     "'no-such-type'");
    assert_add_fails(TYPE_TEST_ABSTRACT, "x", "{}", QOM_INPUT_TYPED,
                     "Parameter 'qom-type' does not accept value "
                     "'test-abstract'");
    assert_add_fails(TYPE_CONTAINER, "x", "{}", QOM_INPUT_TYPED,
                     "Parameter 'qom-type' does not accept value "
                     "'container'");
    assert_add_fails(TYPE_TEST_CREATABLE, "x", "{\"bogus\": 1}",
                     QOM_INPUT_TYPED, "Parameter 'bogus' is unexpected");
    assert_add_fails(TYPE_TEST_CREATABLE, "x", "{\"bogus\": \"1\"}",
                     QOM_INPUT_OPTS, "Invalid parameter 'bogus'");
    assert_add_fails(TYPE_TEST_CREATABLE, "x", "{\"size\": \"1M\"}",
                     QOM_INPUT_TYPED, "Parameter 'size' expects uint64");
    assert_add_fails(TYPE_TEST_CREATABLE, "x", "{\"fail\": true}",
                     QOM_INPUT_TYPED, "asked to fail");
    /* A failed complete() leaves nothing behind. */
    g_assert_null(object_resolve_path("/objects/x", NULL));

    /* The -object form: strings parsed, duplicate ids named as QEMU. */
    props = jparse("{\"qom-type\": \"test-creatable\", \"id\": \"uc2\", "
                   "\"size\": \"1M\", \"busy\": \"on\"}");
    obj = user_creatable_add_dict(props, &error_abort);
    g_assert_cmpuint(TEST_CREATABLE(obj)->size, ==, MiB);
    g_assert_null(user_creatable_add_dict(props, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Duplicate ID 'uc2' for object");
    error_free(err);
    err = NULL;
    json_decref(props);
    props = jparse("{\"qom-type\": \"test-creatable\"}");
    g_assert_null(user_creatable_add_dict(props, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Parameter 'id' is missing");
    error_free(err);
    err = NULL;
    json_decref(props);

    g_assert_false(user_creatable_del("uc2", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "object 'uc2' is in use, can not be deleted");
    error_free(err);
    err = NULL;
    TEST_CREATABLE(obj)->busy = false;
    g_assert_true(user_creatable_del("uc2", &error_abort));
    g_assert_true(user_creatable_del("uc1", &error_abort));
    g_assert_null(object_resolve_path("/objects/uc1", NULL));
    g_assert_false(user_creatable_del("uc1", &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "object 'uc1' not found");
    error_free(err);
}

static void test_user_creatable_help(void)
{
    json_t *help = jparse("{\"help\": \"on\"}");

    if (g_test_subprocess()) {
        g_assert_true(user_creatable_print_help("help", NULL));
        g_assert_true(user_creatable_print_help(TYPE_TEST_CREATABLE, help));
        g_assert_true(user_creatable_print_help(TYPE_CONTAINER, help));
        g_assert_false(user_creatable_print_help("no-such-type", help));
        g_assert_false(user_creatable_print_help(TYPE_TEST_CREATABLE, NULL));
        json_decref(help);
        return;
    }
    json_decref(help);
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_passed();
    g_test_trap_assert_stdout("List of user creatable objects:\n"
                              "*  test-creatable\n*"
                              "test-creatable options:\n"
                              "  busy=<bool>\n"
                              "  fail=<bool>\n"
                              "  size=<size>            - Size in bytes "
                              "(default: 4096)\n"
                              "There are no options for container.\n");
    g_test_trap_assert_stdout_unmatched("*test-abstract*");
}

/* ---- QMP ---- */

static json_t *qmp(const char *cmd, const char *args, char **errmsg)
{
    json_t *a = jparse(args);
    Error *err = NULL;
    json_t *ret = qmp_call(cmd, a, &err);

    json_decref(a);
    if (errmsg) {
        *errmsg = err ? g_strdup(error_get_pretty(err)) : NULL;
    }
    if (err) {
        error_free(err);
    }
    return ret;
}

static char *qmp_text(const char *cmd, const char *args)
{
    char *err;
    json_t *ret = qmp(cmd, args, &err);
    char *s;

    if (!ret) {
        return err;
    }
    g_assert_null(err);
    s = json_dumps(ret, JSON_ENCODE_ANY | JSON_COMPACT);
    json_decref(ret);
    return s;
}

static void assert_qmp(const char *cmd, const char *args,
                       const char *expected)
{
    char *s = qmp_text(cmd, args);

    g_assert_cmpstr(s, ==, expected);
    free(s);
}

static gint str_cmp(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A list reply compared as a set (its order is QEMU's hash order). */
static void assert_qmp_set(const char *cmd, const char *args,
                           const char *expected)
{
    char *err;
    json_t *ret = qmp(cmd, args, &err);
    json_t *exp = jparse(expected);
    GPtrArray *a = g_ptr_array_new_with_free_func(free);
    GPtrArray *b = g_ptr_array_new_with_free_func(free);
    json_t *e;
    size_t i;

    g_assert_null(err);
    g_assert_true(json_is_array(ret));
    json_array_foreach(ret, i, e) {
        g_ptr_array_add(a, json_dumps(e, JSON_COMPACT | JSON_SORT_KEYS));
    }
    json_array_foreach(exp, i, e) {
        g_ptr_array_add(b, json_dumps(e, JSON_COMPACT | JSON_SORT_KEYS));
    }
    g_ptr_array_sort(a, str_cmp);
    g_ptr_array_sort(b, str_cmp);
    g_assert_cmpuint(a->len, ==, b->len);
    for (i = 0; i < a->len; i++) {
        g_assert_cmpstr(a->pdata[i], ==, b->pdata[i]);
    }
    g_ptr_array_free(a, true);
    g_ptr_array_free(b, true);
    json_decref(ret);
    json_decref(exp);
}

/* qom-list reports the iteration order reversed, as QEMU does. */
static void test_qmp_list_order(void)
{
    Object *obj = object_new(TYPE_TEST_CREATABLE);
    Object *box = container_get(object_get_root(), "/test-order");
    ObjectPropertyIterator iter;
    ObjectProperty *prop;
    json_t *ret, *expect = json_array();

    object_property_add_child(box, "obj", obj);
    object_unref(obj);
    object_property_iter_init(&iter, obj);
    while ((prop = object_property_iter_next(&iter))) {
        json_array_insert_new(expect, 0, json_string(prop->name));
    }
    /* "type" is a property of the root class: it comes first. */
    g_assert_cmpstr(json_string_value(json_array_get(expect, 0)), ==,
                    "type");
    ret = qmp("qom-list", "{\"path\": \"/test-order/obj\"}", NULL);
    g_assert_cmpuint(json_array_size(ret), ==, json_array_size(expect));
    for (size_t i = 0; i < json_array_size(ret); i++) {
        g_assert_cmpstr(json_string_value(json_object_get(
                            json_array_get(ret, i), "name")), ==,
                        json_string_value(json_array_get(expect, i)));
    }
    json_decref(ret);
    json_decref(expect);
    object_unparent(box);
}

static void test_qmp_qom(void)
{
    Object *box = container_get(object_get_root(), "/test-qmp");
    Object *obj = object_new(TYPE_TEST_CREATABLE);

    object_property_add_child(box, "obj", obj);
    object_unref(obj);

    assert_qmp("qom-get", "{\"path\": \"/test-qmp/obj\", "
               "\"property\": \"type\"}", "\"test-creatable\"");
    assert_qmp("qom-get", "{\"path\": \"/test-qmp\", \"property\": \"obj\"}",
               "\"/test-qmp/obj\"");
    /* A partial path that names one object. */
    assert_qmp("qom-get", "{\"path\": \"test-qmp\", \"property\": \"obj\"}",
               "\"/test-qmp/obj\"");
    assert_qmp("qom-set", "{\"path\": \"/test-qmp/obj\", "
               "\"property\": \"size\", \"value\": 7}", "{}");
    g_assert_cmpuint(TEST_CREATABLE(obj)->size, ==, 7);
    assert_qmp("qom-set", "{\"path\": \"/test-qmp/obj\", "
               "\"property\": \"size\", \"value\": \"7\"}",
               "Parameter 'size' expects uint64");
    assert_qmp("qom-set", "{\"path\": \"/test-qmp/obj\", "
               "\"property\": \"busy\", \"value\": \"on\"}",
               "Invalid parameter type for 'busy', expected: boolean");
    assert_qmp("qom-set", "{\"path\": \"/test-qmp/obj\", "
               "\"property\": \"type\", \"value\": \"x\"}",
               "Property 'test-creatable.type' is not writable");
    assert_qmp("qom-get", "{\"path\": \"/test-qmp/nothing\", "
               "\"property\": \"type\"}",
               "Device '/test-qmp/nothing' not found");
    assert_qmp("qom-get", "{\"path\": \"\", \"property\": \"type\"}",
               "Device '' not found");
    assert_qmp("qom-get", "{\"path\": \"/test-qmp/obj\", "
               "\"property\": \"nope\"}",
               "Property 'test-creatable.nope' not found");
    assert_qmp("qom-list", "{\"path\": \"/test-qmp\"}",
               "[{\"name\":\"type\",\"type\":\"string\"},"
               "{\"name\":\"obj\",\"type\":\"child<test-creatable>\"}]");
    assert_qmp("qom-list", "{\"path\": \"/nowhere\"}",
               "Device '/nowhere' not found");
    assert_qmp("qom-list-types", "{\"implements\": \"test-iface\"}",
               "[{\"name\":\"test-creatable\",\"parent\":\"test-abstract\"}]");
    assert_qmp_set("qom-list-types", "{\"implements\": \"test-abstract\", "
                   "\"abstract\": true}",
                   "[{\"name\":\"test-creatable\","
                   "\"parent\":\"test-abstract\"},"
                   "{\"abstract\":true,\"name\":\"test-abstract\","
                   "\"parent\":\"object\"}]");
    assert_qmp("qom-list-types", "{\"implements\": \"no-such-type\"}", "[]");
    assert_qmp_set("qom-list-properties",
                   "{\"typename\": \"test-creatable\"}",
               "[{\"name\":\"type\",\"type\":\"string\"},"
               "{\"name\":\"size\",\"description\":\"Size in bytes\","
               "\"type\":\"size\"},"
               "{\"name\":\"busy\",\"type\":\"bool\"},"
               "{\"name\":\"fail\",\"type\":\"bool\"}]");
    assert_qmp("qom-list-properties", "{\"typename\": \"no-such-type\"}",
               "Class 'no-such-type' not found");
    assert_qmp("qom-list-properties", "{\"typename\": \"test-iface\"}",
               "Parameter 'typename' expects a QOM type");

    assert_qmp("object-add", "{\"qom-type\": \"test-creatable\", "
               "\"id\": \"q1\", \"size\": 512}", "{}");
    assert_qmp("qom-get", "{\"path\": \"/objects/q1\", "
               "\"property\": \"size\"}", "512");
    assert_qmp("object-add", "{\"qom-type\": \"test-creatable\", "
               "\"id\": \"q2\", \"fail\": \"on\"}",
               "Invalid parameter type for 'fail', expected: boolean");
    assert_qmp("object-del", "{\"id\": \"q1\"}", "{}");
    assert_qmp("object-del", "{\"id\": \"q1\"}", "object 'q1' not found");
    object_unparent(box);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/qom-objects/user-creatable/add-del",
                    test_user_creatable);
    g_test_add_func("/qom-objects/user-creatable/help",
                    test_user_creatable_help);
    g_test_add_func("/qom-objects/qmp/commands", test_qmp_qom);
    g_test_add_func("/qom-objects/qmp/list-order", test_qmp_list_order);
    return g_test_run();
}
