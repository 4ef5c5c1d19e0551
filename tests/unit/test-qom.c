/*
 * test-qom.c: the object model without devices: types, inheritance and
 * interfaces, casts, reference counting and finalization order, typed
 * properties in every input mode (with QEMU 7.2's error texts), defaults,
 * child<> and link<> properties, paths.  User-creatable objects and the
 * QMP commands are in test-qom-objects.c.
 */
#include "qemu/osdep.h"
#include "qom/object.h"
#include "monitor/monitor.h"

/* ---- test types ---- */

#define TYPE_TEST_IFACE "test-iface"
#define TYPE_TEST_BASE "test-base"
#define TYPE_TEST_DERIVED "test-derived"
#define TYPE_TEST_OTHER "test-other"
#define TYPE_TEST_ABSTRACT "test-abstract"

typedef struct TestIfaceClass {
    InterfaceClass parent_class;
    const char *(*hello)(Object *obj);
} TestIfaceClass;

typedef struct TestBaseClass {
    ObjectClass parent_class;
    int level;
    int base_inits;             /* class_base_init calls seen by this class */
} TestBaseClass;

typedef struct TestBase {
    Object parent_obj;
    bool flag;
    char *name;
    int mode;
    uint8_t u8;
    uint16_t u16;
    uint32_t u32;
    uint64_t u64;
    Object *target;
    Object *strong;
    uint64_t size;
} TestBase;

typedef struct TestDerived {
    TestBase parent_obj;
    int extra;
} TestDerived;

#define TEST_BASE(obj) OBJECT_CHECK(TestBase, (obj), TYPE_TEST_BASE)
#define TEST_BASE_GET_CLASS(obj) \
    OBJECT_GET_CLASS(TestBaseClass, (obj), TYPE_TEST_BASE)
#define TEST_IFACE_GET_CLASS(obj) \
    OBJECT_GET_CLASS(TestIfaceClass, (obj), TYPE_TEST_IFACE)

static const char *const mode_lookup[] = { "slow", "fast", NULL };

/* What happened, in order: "init:base", "final:derived", ... */
static GString *events;

static void log_event(const char *fmt, const char *arg)
{
    if (!events) {
        events = g_string_new(NULL);
    }
    if (events->len) {
        g_string_append_c(events, ',');
    }
    g_string_append_printf(events, fmt, arg);
}

static char *take_events(void)
{
    char *s = events ? g_strdup(events->str) : g_strdup("");

    if (events) {
        g_string_truncate(events, 0);
    }
    return s;
}

static bool base_get_flag(Object *obj, Error **errp)
{
    return TEST_BASE(obj)->flag;
}

static void base_set_flag(Object *obj, bool v, Error **errp)
{
    TEST_BASE(obj)->flag = v;
}

static char *base_get_name(Object *obj, Error **errp)
{
    return g_strdup(TEST_BASE(obj)->name);
}

static void base_set_name(Object *obj, const char *v, Error **errp)
{
    if (!strcmp(v, "forbidden")) {
        error_setg(errp, "name 'forbidden' is not allowed");
        return;
    }
    g_free(TEST_BASE(obj)->name);
    TEST_BASE(obj)->name = g_strdup(v);
}

static int base_get_mode(Object *obj, Error **errp)
{
    return TEST_BASE(obj)->mode;
}

static void base_set_mode(Object *obj, int v, Error **errp)
{
    TEST_BASE(obj)->mode = v;
}

static void base_instance_init(Object *obj)
{
    TestBase *s = TEST_BASE(obj);

    log_event("init:%s", "base");
    object_property_add_uint8_ptr(obj, "u8", &s->u8,
                                  OBJ_PROP_FLAG_READWRITE);
    object_property_add_uint16_ptr(obj, "u16", &s->u16,
                                   OBJ_PROP_FLAG_READWRITE);
    object_property_add_uint32_ptr(obj, "u32", &s->u32,
                                   OBJ_PROP_FLAG_READWRITE);
    object_property_add_uint64_ptr(obj, "u64", &s->u64, OBJ_PROP_FLAG_READ);
    object_property_add_link(obj, "target", TYPE_TEST_OTHER, &s->target,
                             object_property_allow_set_link, 0);
    object_property_add_link(obj, "strong", TYPE_OBJECT, &s->strong,
                             object_property_allow_set_link,
                             OBJ_PROP_LINK_STRONG);
    object_property_add_link(obj, "fixed", TYPE_OBJECT, &s->target, NULL, 0);
}

static void base_post_init(Object *obj)
{
    log_event("post:%s", "base");
}

static void base_finalize(Object *obj)
{
    log_event("final:%s", "base");
    g_free(TEST_BASE(obj)->name);
}

static void base_class_base_init(ObjectClass *klass, void *data)
{
    ((TestBaseClass *)klass)->base_inits++;
}

static const char *base_hello(Object *obj)
{
    return "base";
}

static json_t *base_get_size(Object *obj, ObjectProperty *prop,
                             Error **errp)
{
    return qom_json_uint(TEST_BASE(obj)->size);
}

static bool base_set_size(Object *obj, ObjectProperty *prop, json_t *value,
                          Error **errp)
{
    return qom_parse_size(prop->name, value, &TEST_BASE(obj)->size, errp);
}

static void base_class_init(ObjectClass *klass, void *data)
{
    ObjectProperty *prop;
    TestBaseClass *bc = (TestBaseClass *)klass;
    TestIfaceClass *ic = OBJECT_CLASS_CHECK(TestIfaceClass, klass,
                                            TYPE_TEST_IFACE);

    bc->level = 1;
    ic->hello = base_hello;
    object_class_property_add_bool(klass, "flag", base_get_flag,
                                   base_set_flag);
    object_class_property_add_str(klass, "name", base_get_name,
                                  base_set_name);
    object_class_property_set_description(klass, "name", "A name");
    object_class_property_add_enum(klass, "mode", "TestMode", mode_lookup,
                                   base_get_mode, base_set_mode);
    prop = object_class_property_add(klass, "size", "size", base_get_size,
                                     base_set_size, NULL, NULL);
    object_property_set_default(prop, json_integer(4096));
    object_class_property_set_description(klass, "size", "Size in bytes");
}

static void derived_instance_init(Object *obj)
{
    log_event("init:%s", "derived");
}

static void derived_post_init(Object *obj)
{
    log_event("post:%s", "derived");
}

static void derived_finalize(Object *obj)
{
    log_event("final:%s", "derived");
}

static const char *derived_hello(Object *obj)
{
    return "derived";
}

static void derived_class_init(ObjectClass *klass, void *data)
{
    ((TestBaseClass *)klass)->level = 2;
    OBJECT_CLASS_CHECK(TestIfaceClass, klass, TYPE_TEST_IFACE)->hello =
        derived_hello;
}

static const TypeInfo test_types[] = {
    {
        .name = TYPE_TEST_IFACE,
        .parent = TYPE_INTERFACE,
        .class_size = sizeof(TestIfaceClass),
    }, {
        .name = TYPE_TEST_BASE,
        .parent = TYPE_OBJECT,
        .instance_size = sizeof(TestBase),
        .instance_init = base_instance_init,
        .instance_post_init = base_post_init,
        .instance_finalize = base_finalize,
        .class_size = sizeof(TestBaseClass),
        .class_init = base_class_init,
        .class_base_init = base_class_base_init,
        .interfaces = (InterfaceInfo[]) { { TYPE_TEST_IFACE }, { } },
    }, {
        .name = TYPE_TEST_DERIVED,
        .parent = TYPE_TEST_BASE,
        .instance_size = sizeof(TestDerived),
        .instance_init = derived_instance_init,
        .instance_post_init = derived_post_init,
        .instance_finalize = derived_finalize,
        .class_init = derived_class_init,
    }, {
        .name = TYPE_TEST_OTHER,
        .parent = TYPE_OBJECT,
        .instance_size = sizeof(Object),
    }, {
        .name = TYPE_TEST_ABSTRACT,
        .parent = TYPE_OBJECT,
        .instance_size = sizeof(Object),
        .abstract = true,
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

/* Set name=text (JSON) in mode; return the error text or NULL on success. */
static char *try_set(Object *obj, const char *name, const char *text,
                     QomInputMode mode)
{
    QomInputMode saved = qom_input_mode_set(mode);
    json_t *v = jparse(text);
    Error *err = NULL;
    char *msg = NULL;

    if (!object_property_set(obj, name, v, &err)) {
        g_assert_nonnull(err);
        msg = g_strdup(error_get_pretty(err));
        error_free(err);
    } else {
        g_assert_null(err);
    }
    json_decref(v);
    qom_input_mode_set(saved);
    return msg;
}

#define assert_set_ok(obj, name, text, mode) \
    g_assert_null(try_set((obj), (name), (text), (mode)))

static void assert_set_fails(Object *obj, const char *name, const char *text,
                             QomInputMode mode, const char *expected)
{
    char *msg = try_set(obj, name, text, mode);

    g_assert_cmpstr(msg, ==, expected);
    g_free(msg);
}

static char *get_json(Object *obj, const char *name)
{
    json_t *v = object_property_get(obj, name, &error_abort);
    char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);

    json_decref(v);
    return s;
}

static void assert_get(Object *obj, const char *name, const char *expected)
{
    char *s = get_json(obj, name);

    g_assert_cmpstr(s, ==, expected);
    free(s);
}

/* ---- types and classes ---- */

static void test_type_hierarchy(void)
{
    ObjectClass *base = object_class_by_name(TYPE_TEST_BASE);
    ObjectClass *derived = object_class_by_name(TYPE_TEST_DERIVED);

    g_assert_nonnull(base);
    g_assert_nonnull(derived);
    g_assert_null(object_class_by_name("no-such-type"));
    g_assert_cmpstr(object_class_get_name(derived), ==, TYPE_TEST_DERIVED);
    g_assert_true(object_class_get_parent(derived) == base);
    g_assert_cmpstr(object_class_get_name(object_class_get_parent(base)), ==,
                    TYPE_OBJECT);
    g_assert_null(object_class_get_parent(object_class_by_name(TYPE_OBJECT)));
    g_assert_true(object_class_is_abstract(object_class_by_name(TYPE_OBJECT)));
    g_assert_false(object_class_is_abstract(derived));
    g_assert_true(object_class_is_abstract(
        object_class_by_name(TYPE_TEST_ABSTRACT)));

    /* class_init values: the derived class starts as a copy of its
     * parent's and then overrides; class_base_init ran for the subclass
     * only (it is the parent's hook for its subclasses). */
    g_assert_cmpint(((TestBaseClass *)base)->level, ==, 1);
    g_assert_cmpint(((TestBaseClass *)derived)->level, ==, 2);
    g_assert_cmpint(((TestBaseClass *)base)->base_inits, ==, 0);
    g_assert_cmpint(((TestBaseClass *)derived)->base_inits, ==, 1);
}

static void test_type_interfaces(void)
{
    ObjectClass *base = object_class_by_name(TYPE_TEST_BASE);
    ObjectClass *derived = object_class_by_name(TYPE_TEST_DERIVED);
    TestIfaceClass *bi, *di;
    Object *obj;

    bi = (TestIfaceClass *)object_class_dynamic_cast(base, TYPE_TEST_IFACE);
    di = (TestIfaceClass *)object_class_dynamic_cast(derived,
                                                     TYPE_TEST_IFACE);
    g_assert_nonnull(bi);
    g_assert_nonnull(di);
    g_assert_true(bi != di);
    g_assert_true(bi->parent_class.concrete_class == base);
    g_assert_true(di->parent_class.concrete_class == derived);
    g_assert_cmpstr(bi->hello(NULL), ==, "base");
    g_assert_cmpstr(di->hello(NULL), ==, "derived");
    g_assert_null(object_class_dynamic_cast(object_class_by_name(
                                                TYPE_TEST_OTHER),
                                            TYPE_TEST_IFACE));

    obj = object_new(TYPE_TEST_DERIVED);
    g_assert_true(object_dynamic_cast(obj, TYPE_TEST_IFACE) == obj);
    g_assert_cmpstr(TEST_IFACE_GET_CLASS(obj)->hello(obj), ==, "derived");
    object_unref(obj);
    g_free(take_events());
}

static void test_type_list(void)
{
    GSList *all = object_class_get_list(TYPE_TEST_BASE, false);
    GSList *sorted = object_class_get_list_sorted(TYPE_OBJECT, true);
    GSList *ifaces = object_class_get_list(TYPE_TEST_IFACE, true), *e;
    const char *prev = NULL;

    g_assert_cmpuint(g_slist_length(all), ==, 2);
    for (e = sorted; e; e = e->next) {
        const char *name = object_class_get_name(e->data);

        if (prev) {
            g_assert_cmpint(strcasecmp(prev, name), <=, 0);
        }
        prev = name;
    }
    /* The interface itself and the two classes that implement it. */
    g_assert_cmpuint(g_slist_length(ifaces), ==, 3);
    g_slist_free(all);
    g_slist_free(sorted);
    g_slist_free(ifaces);
}

/* ---- casts ---- */

static void test_cast_dynamic(void)
{
    Object *obj = object_new(TYPE_TEST_DERIVED);

    g_assert_true(object_dynamic_cast(obj, TYPE_TEST_BASE) == obj);
    g_assert_true(object_dynamic_cast(obj, TYPE_OBJECT) == obj);
    g_assert_null(object_dynamic_cast(obj, TYPE_TEST_OTHER));
    g_assert_null(object_dynamic_cast(obj, "no-such-type"));
    g_assert_null(object_dynamic_cast(NULL, TYPE_OBJECT));
    g_assert_true(TEST_BASE(obj) == (TestBase *)obj);
    g_assert_cmpint(TEST_BASE_GET_CLASS(obj)->level, ==, 2);
    g_assert_null(OBJECT_CHECK(TestBase, NULL, TYPE_TEST_BASE));
    object_unref(obj);
    g_free(take_events());
}

static void test_cast_failure_aborts(void)
{
    if (g_test_subprocess()) {
        Object *obj = object_new(TYPE_TEST_OTHER);

        TEST_BASE(obj)->flag = true;
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_failed();
    g_test_trap_assert_stderr("*Object of type 'test-other' is not an "
                              "instance of 'test-base'*");
}

/* ---- life cycle ---- */

static void test_object_init_order(void)
{
    Object *obj = object_new(TYPE_TEST_DERIVED);
    char *log = take_events();

    /* instance_init from the root down, post_init parent first. */
    g_assert_cmpstr(log, ==, "init:base,init:derived,post:base,post:derived");
    g_free(log);
    g_assert_cmpint(obj->ref, ==, 1);
    g_assert_null(object_new(TYPE_TEST_ABSTRACT));
    g_assert_null(object_new("no-such-type"));
    object_unref(obj);
    g_free(take_events());
}

static void test_object_finalize_order(void)
{
    Object *parent = object_new(TYPE_TEST_DERIVED);
    Object *child = object_new(TYPE_TEST_BASE);
    char *log;

    object_property_add_child(parent, "kid", child);
    g_assert_cmpint(child->ref, ==, 2);
    object_unref(child);
    g_free(take_events());

    object_ref(parent);
    object_unref(parent);
    log = take_events();
    g_assert_cmpstr(log, ==, "");
    g_free(log);

    /* The child goes with the parent's properties, before the parent's
     * own finalizers, which run from the most derived type up. */
    object_unref(parent);
    log = take_events();
    g_assert_cmpstr(log, ==, "final:base,final:derived,final:base");
    g_free(log);
}

static void test_object_embedded(void)
{
    Object *parent = object_new(TYPE_TEST_OTHER);
    TestBase embedded;
    char *log;

    object_initialize_child(parent, "inner", &embedded, sizeof(embedded),
                            TYPE_TEST_BASE);
    g_assert_true(embedded.parent_obj.free == NULL);
    g_assert_cmpint(embedded.parent_obj.ref, ==, 1);
    g_assert_true(object_resolve_path_component(parent, "inner") ==
                  OBJECT(&embedded));
    g_free(take_events());
    object_unref(parent);
    log = take_events();
    g_assert_cmpstr(log, ==, "final:base");
    g_free(log);
}

/* ---- typed properties ---- */

static void test_prop_bool(void)
{
    Object *obj = object_new(TYPE_TEST_BASE);

    g_assert_false(object_property_get_bool(obj, "flag", &error_abort));
    assert_set_ok(obj, "flag", "true", QOM_INPUT_TYPED);
    g_assert_true(TEST_BASE(obj)->flag);
    assert_set_fails(obj, "flag", "\"on\"", QOM_INPUT_TYPED,
                     "Invalid parameter type for 'flag', expected: boolean");
    assert_set_fails(obj, "flag", "1", QOM_INPUT_TYPED,
                     "Invalid parameter type for 'flag', expected: boolean");
    assert_set_ok(obj, "flag", "\"off\"", QOM_INPUT_KEYVAL);
    g_assert_false(TEST_BASE(obj)->flag);
    assert_set_ok(obj, "flag", "\"yes\"", QOM_INPUT_STRING);
    g_assert_true(TEST_BASE(obj)->flag);
    assert_set_ok(obj, "flag", "\"n\"", QOM_INPUT_OPTS);
    g_assert_false(TEST_BASE(obj)->flag);
    assert_set_fails(obj, "flag", "\"maybe\"", QOM_INPUT_KEYVAL,
                     "Parameter 'flag' expects 'on' or 'off'");
    g_assert_true(object_property_parse(obj, "flag", "on", &error_abort));
    g_assert_true(object_property_get_bool(obj, "flag", &error_abort));
    object_unref(obj);
    g_free(take_events());
}

static void test_prop_str_enum(void)
{
    Object *obj = object_new(TYPE_TEST_BASE);
    Error *err = NULL;
    char *s;

    assert_get(obj, "name", "\"\"");
    assert_set_ok(obj, "name", "\"disk\"", QOM_INPUT_TYPED);
    s = object_property_get_str(obj, "name", &error_abort);
    g_assert_cmpstr(s, ==, "disk");
    g_free(s);
    assert_set_fails(obj, "name", "5", QOM_INPUT_TYPED,
                     "Invalid parameter type for 'name', expected: string");
    assert_set_fails(obj, "name", "null", QOM_INPUT_KEYVAL,
                     "Invalid parameter type for 'name', expected: string");
    assert_set_fails(obj, "name", "\"forbidden\"", QOM_INPUT_TYPED,
                     "name 'forbidden' is not allowed");
    g_assert_cmpstr(TEST_BASE(obj)->name, ==, "disk");

    assert_get(obj, "mode", "\"slow\"");
    assert_set_ok(obj, "mode", "\"fast\"", QOM_INPUT_TYPED);
    g_assert_cmpint(TEST_BASE(obj)->mode, ==, 1);
    assert_set_fails(obj, "mode", "\"warp\"", QOM_INPUT_STRING,
                     "Parameter 'mode' does not accept value 'warp'");
    assert_set_fails(obj, "mode", "1", QOM_INPUT_TYPED,
                     "Invalid parameter type for 'mode', expected: string");
    g_assert_cmpstr(object_property_get_type(obj, "mode", NULL), ==,
                    "TestMode");
    g_assert_true(object_property_find(obj, "mode")->enum_values ==
                  mode_lookup);
    g_assert_cmpstr(object_property_get_type(obj, "name", NULL), ==,
                    "string");
    g_assert_cmpstr(object_property_find(obj, "name")->description, ==,
                    "A name");
    g_assert_null(object_property_get_type(obj, "nope", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Property 'test-base.nope' not found");
    error_free(err);
    object_unref(obj);
    g_free(take_events());
}

static void test_prop_uint_widths(void)
{
    Object *obj = object_new(TYPE_TEST_BASE);

    assert_set_ok(obj, "u8", "255", QOM_INPUT_TYPED);
    g_assert_cmpuint(TEST_BASE(obj)->u8, ==, 255);
    assert_set_fails(obj, "u8", "256", QOM_INPUT_TYPED,
                     "Parameter 'u8' expects uint8_t");
    assert_set_fails(obj, "u16", "65536", QOM_INPUT_TYPED,
                     "Parameter 'u16' expects uint16_t");
    assert_set_ok(obj, "u32", "4294967295", QOM_INPUT_TYPED);
    g_assert_cmpuint(TEST_BASE(obj)->u32, ==, UINT32_MAX);
    assert_set_fails(obj, "u32", "4294967296", QOM_INPUT_TYPED,
                     "Parameter 'u32' expects uint32_t");
    /* A negative number wraps before the range check, as in QEMU. */
    assert_set_fails(obj, "u32", "-1", QOM_INPUT_TYPED,
                     "Parameter 'u32' expects uint32_t");
    assert_set_fails(obj, "u32", "\"1\"", QOM_INPUT_TYPED,
                     "Parameter 'u32' expects uint64");
    assert_set_fails(obj, "u32", "1.0", QOM_INPUT_TYPED,
                     "Parameter 'u32' expects uint64");

    /* Strings from the command line, with each source's wording. */
    assert_set_ok(obj, "u32", "\"0x10\"", QOM_INPUT_KEYVAL);
    g_assert_cmpuint(TEST_BASE(obj)->u32, ==, 16);
    assert_set_ok(obj, "u16", "\"010\"", QOM_INPUT_STRING);
    g_assert_cmpuint(TEST_BASE(obj)->u16, ==, 8);
    assert_set_fails(obj, "u32", "\"foo\"", QOM_INPUT_KEYVAL,
                     "Parameter 'u32' expects integer");
    assert_set_fails(obj, "u32", "\"foo\"", QOM_INPUT_STRING,
                     "Parameter 'u32' expects uint64");
    assert_set_fails(obj, "u32", "\"-1\"", QOM_INPUT_OPTS,
                     "Parameter 'u32' expects a uint64 value");
    assert_set_fails(obj, "u32", "\"-1\"", QOM_INPUT_KEYVAL,
                     "Parameter 'u32' expects uint32_t");
    assert_set_fails(obj, "u32", "\"\"", QOM_INPUT_KEYVAL,
                     "Parameter 'u32' expects integer");
    assert_get(obj, "u32", "16");

    /* A read-only field. */
    TEST_BASE(obj)->u64 = UINT64_MAX;
    g_assert_cmpuint(object_property_get_uint(obj, "u64", &error_abort), ==,
                     UINT64_MAX);
    assert_set_fails(obj, "u64", "1", QOM_INPUT_TYPED,
                     "Property 'test-base.u64' is not writable");
    object_unref(obj);
    g_free(take_events());
}

static void test_prop_parsers(void)
{
    Error *err = NULL;
    json_t *v;
    int64_t i;
    uint64_t u;
    QomInputMode saved;

    v = json_integer(-129);
    g_assert_false(qom_parse_int("x", v, INT8_MIN, INT8_MAX, &i, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Parameter 'x' expects int8_t");
    error_free(err);
    err = NULL;
    g_assert_true(qom_parse_int("x", v, INT32_MIN, INT32_MAX, &i, NULL));
    g_assert_cmpint(i, ==, -129);
    json_decref(v);

    v = json_string("12");
    g_assert_false(qom_parse_int("x", v, INT32_MIN, INT32_MAX, &i, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Invalid parameter type for 'x', expected: integer");
    error_free(err);
    err = NULL;
    saved = qom_input_mode_set(QOM_INPUT_OPTS);
    g_assert_true(qom_parse_int("x", v, INT32_MIN, INT32_MAX, &i, NULL));
    g_assert_cmpint(i, ==, 12);
    json_decref(v);
    v = json_string("twelve");
    g_assert_false(qom_parse_int("x", v, INT32_MIN, INT32_MAX, &i, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Parameter 'x' expects an int64 value");
    error_free(err);
    err = NULL;
    qom_input_mode_set(QOM_INPUT_STRING);
    g_assert_false(qom_parse_int("x", v, INT32_MIN, INT32_MAX, &i, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Parameter 'x' expects int64");
    error_free(err);
    err = NULL;
    json_decref(v);

    /* Sizes: suffixes from the command line, bytes from QMP. */
    v = json_string("2G");
    g_assert_true(qom_parse_size("s", v, &u, NULL));
    g_assert_cmpuint(u, ==, 2 * GiB);
    json_decref(v);
    v = json_string("lots");
    g_assert_false(qom_parse_size("s", v, &u, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Parameter 's' expects a non-negative number below 2^64");
    g_assert_nonnull(strstr(error_get_hint(err), "Optional suffix k"));
    error_free(err);
    err = NULL;
    qom_input_mode_set(QOM_INPUT_KEYVAL);
    g_assert_false(qom_parse_size("s", v, &u, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Parameter 's' expects size");
    error_free(err);
    err = NULL;
    qom_input_mode_set(QOM_INPUT_OPTS);
    g_assert_false(qom_parse_size("s", v, &u, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Parameter 's' expects a size value");
    error_free(err);
    err = NULL;
    qom_input_mode_set(QOM_INPUT_TYPED);
    g_assert_false(qom_parse_size("s", v, &u, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Parameter 's' expects uint64");
    error_free(err);
    json_decref(v);
    qom_input_mode_set(saved);

    /* uint64 above INT64_MAX travels as a real. */
    v = qom_json_uint(UINT64_MAX);
    g_assert_true(json_is_real(v));
    g_assert_true(qom_parse_uint("u", v, UINT64_MAX, &u, NULL));
    g_assert_cmpuint(u, ==, UINT64_MAX);
    json_decref(v);
    v = qom_json_uint(7);
    g_assert_cmpint(json_integer_value(v), ==, 7);
    json_decref(v);
}

/* A class property default is set before instance_init runs. */
static void test_prop_defaults(void)
{
    ObjectProperty *prop = object_class_property_find(
        object_class_by_name(TYPE_TEST_DERIVED), "size");
    Object *obj;

    g_assert_nonnull(prop->defval);
    g_assert_cmpint(json_integer_value(prop->defval), ==, 4096);
    obj = object_new(TYPE_TEST_DERIVED);
    g_assert_cmpuint(TEST_BASE(obj)->size, ==, 4096);
    assert_get(obj, "size", "4096");
    object_unref(obj);
    g_free(take_events());
}

static void test_prop_print_and_help(void)
{
    Object *obj = object_new(TYPE_TEST_BASE);
    ObjectProperty *prop;
    json_t *defval;
    char *s;

    TEST_BASE(obj)->u32 = 4;
    s = object_property_print(obj, "u32", NULL);
    g_assert_cmpstr(s, ==, "4 (0x4)");
    g_free(s);
    s = object_property_print(obj, "flag", NULL);
    g_assert_cmpstr(s, ==, "false");
    g_free(s);
    s = object_property_print(obj, "mode", NULL);
    g_assert_cmpstr(s, ==, "\"slow\"");
    g_free(s);
    TEST_BASE(obj)->size = 2 * GiB;
    s = object_property_print(obj, "size", NULL);
    g_assert_cmpstr(s, ==, "2147483648 (2 GiB)");
    g_free(s);
    TEST_BASE(obj)->size = 1000;
    s = object_property_print(obj, "size", NULL);
    g_assert_cmpstr(s, ==, "1000 (0.977 KiB)");
    g_free(s);
    TEST_BASE(obj)->size = 0;
    s = object_property_print(obj, "size", NULL);
    g_assert_cmpstr(s, ==, "0 (0 B)");
    g_free(s);
    TEST_BASE(obj)->size = UINT64_MAX;
    s = object_property_print(obj, "size", NULL);
    g_assert_cmpstr(s, ==, "18446744073709551615 (16 EiB)");
    g_free(s);

    prop = object_property_find(obj, "size");
    s = object_property_help(prop->name, prop->type, prop->defval,
                             prop->description);
    g_assert_cmpstr(s, ==, "  size=<size>            - Size in bytes "
                    "(default: 4096)");
    g_free(s);
    s = object_property_help("index", "uint32", prop->defval, NULL);
    g_assert_cmpstr(s, ==, "  index=<uint32>         -  (default: 4096)");
    g_free(s);
    defval = qom_json_uint(UINT64_MAX);
    s = object_property_help("big", "uint64", defval, NULL);
    g_assert_cmpstr(s, ==, "  big=<uint64>           -  "
                    "(default: 18446744073709551615)");
    g_free(s);
    json_decref(defval);
    s = object_property_help("serial", "child<serial>", NULL, NULL);
    g_assert_cmpstr(s, ==, "  serial=<child<serial>>");
    g_free(s);
    object_unref(obj);
    g_free(take_events());
}

static void test_prop_numbered_names(void)
{
    Object *obj = object_new(TYPE_TEST_OTHER);
    Object *a = object_new(TYPE_TEST_OTHER), *b = object_new(TYPE_TEST_OTHER);
    Object *c;
    ObjectProperty *pa, *pb;
    Error *err = NULL;

    pa = object_property_add_child(obj, "item[*]", a);
    pb = object_property_add_child(obj, "item[*]", b);
    g_assert_cmpstr(pa->name, ==, "item[0]");
    g_assert_cmpstr(pb->name, ==, "item[1]");
    c = object_new(TYPE_TEST_OTHER);
    g_assert_null(object_property_try_add_child(obj, "item[0]", c, &err));
    g_assert_null(c->parent);
    object_unref(c);
    g_assert_cmpstr(error_get_pretty(err), ==, "attempt to add duplicate "
                    "property 'item[0]' to object (type 'test-other')");
    error_free(err);
    object_unref(a);
    object_unref(b);
    object_unref(obj);
}

/* ---- the tree ---- */

static void test_tree_paths(void)
{
    Object *root = object_get_root();
    Object *box = container_get(root, "/test-tree/box");
    Object *leaf = object_new(TYPE_TEST_OTHER);
    Object *leaf2 = object_new(TYPE_TEST_OTHER);
    bool ambiguous = true;
    char *path;

    g_assert_true(container_get(root, "/test-tree/box") == box);
    g_assert_cmpstr(object_get_typename(box), ==, TYPE_CONTAINER);
    object_property_add_child(box, "leaf-unique", leaf);
    object_unref(leaf);

    path = object_get_canonical_path(leaf);
    g_assert_cmpstr(path, ==, "/test-tree/box/leaf-unique");
    g_free(path);
    path = object_get_canonical_path(root);
    g_assert_cmpstr(path, ==, "/");
    g_free(path);
    g_assert_cmpstr(object_get_canonical_path_component(leaf), ==,
                    "leaf-unique");
    g_assert_null(object_get_canonical_path(leaf2));
    assert_get(box, "leaf-unique", "\"/test-tree/box/leaf-unique\"");

    g_assert_true(object_resolve_path("/test-tree/box/leaf-unique", NULL) ==
                  leaf);
    g_assert_true(object_resolve_path("//test-tree/box/leaf-unique/", NULL)
                  == leaf);
    g_assert_true(object_resolve_path("leaf-unique", &ambiguous) == leaf);
    g_assert_false(ambiguous);
    g_assert_true(object_resolve_path("box/leaf-unique", NULL) == leaf);
    g_assert_null(object_resolve_path("/leaf-unique", NULL));
    g_assert_null(object_resolve_path("/test-tree/nothing", NULL));
    g_assert_null(object_resolve_path("", &ambiguous));
    g_assert_null(object_resolve_path_type("leaf-unique", TYPE_TEST_BASE,
                                           NULL));
    g_assert_true(object_resolve_path_at(box, "leaf-unique") == leaf);
    g_assert_true(object_resolve_path_at(box, "/test-tree/box") == box);
    g_assert_null(object_resolve_path_at(root, "leaf-unique"));

    /* A second match anywhere makes a partial path ambiguous. */
    object_property_add_child(container_get(root, "/test-tree/other"),
                              "leaf-unique", leaf2);
    object_unref(leaf2);
    ambiguous = false;
    g_assert_null(object_resolve_path("leaf-unique", &ambiguous));
    g_assert_true(ambiguous);
    g_assert_true(object_resolve_path("box/leaf-unique", NULL) == leaf);

    object_unparent(container_get(root, "/test-tree"));
    g_assert_null(object_resolve_path("/test-tree", NULL));
}

static int count_child(Object *child, void *opaque)
{
    (*(int *)opaque)++;
    return 0;
}

static int stop_at_second(Object *child, void *opaque)
{
    return ++(*(int *)opaque) == 2 ? 42 : 0;
}

static void test_tree_foreach(void)
{
    Object *top = container_get(object_get_root(), "/test-foreach");
    int n = 0;

    container_get(top, "a/x");
    container_get(top, "b");
    container_get(top, "c");
    g_assert_cmpint(object_child_foreach(top, count_child, &n), ==, 0);
    g_assert_cmpint(n, ==, 3);
    n = 0;
    object_child_foreach_recursive(top, count_child, &n);
    g_assert_cmpint(n, ==, 4);
    n = 0;
    g_assert_cmpint(object_child_foreach(top, stop_at_second, &n), ==, 42);
    object_unparent(top);
}

static void test_links(void)
{
    Object *box = container_get(object_get_root(), "/test-links");
    Object *obj = object_new(TYPE_TEST_BASE);
    Object *other = object_new(TYPE_TEST_OTHER);
    Object *wrong = object_new(TYPE_TEST_BASE);
    Error *err = NULL;

    object_property_add_child(box, "obj", obj);
    object_property_add_child(box, "other", other);
    object_property_add_child(box, "wrong", wrong);
    object_unref(obj);
    object_unref(other);
    object_unref(wrong);

    g_assert_cmpstr(object_property_get_type(obj, "target", NULL), ==,
                    "link<test-other>");
    assert_get(obj, "target", "\"\"");
    assert_set_ok(obj, "target", "\"/test-links/other\"", QOM_INPUT_TYPED);
    g_assert_true(TEST_BASE(obj)->target == other);
    assert_get(obj, "target", "\"/test-links/other\"");
    g_assert_true(object_property_get_link(obj, "target", NULL) == other);
    /* Links are followed by paths. */
    g_assert_true(object_resolve_path("/test-links/obj/target", NULL) ==
                  other);
    assert_set_fails(obj, "target", "\"/test-links/wrong\"", QOM_INPUT_TYPED,
                     "Invalid parameter type for 'target', expected: "
                     "test-other");
    g_assert_false(object_property_set_str(obj, "target", "/nowhere", &err));
    g_assert_cmpint(error_get_class(err), ==, ERROR_CLASS_DEVICE_NOT_FOUND);
    g_assert_cmpstr(error_get_pretty(err), ==, "Device '/nowhere' not found");
    error_free(err);
    assert_set_fails(obj, "target", "3", QOM_INPUT_TYPED,
                     "Invalid parameter type for 'target', expected: "
                     "string");
    assert_set_fails(obj, "fixed", "\"\"", QOM_INPUT_TYPED,
                     "Property 'test-base.fixed' is not writable");
    g_assert_true(object_property_set_link(obj, "target", NULL, NULL));
    g_assert_null(TEST_BASE(obj)->target);

    /* A strong link holds a reference until it changes or goes away. */
    g_assert_cmpint(other->ref, ==, 1);
    g_assert_true(object_property_set_link(obj, "strong", other, NULL));
    g_assert_cmpint(other->ref, ==, 2);
    g_assert_true(object_property_set_link(obj, "strong", wrong, NULL));
    g_assert_cmpint(other->ref, ==, 1);
    object_ref(wrong);
    g_assert_cmpint(wrong->ref, ==, 3);
    object_unparent(obj);
    g_assert_cmpint(wrong->ref, ==, 2);
    object_unref(wrong);
    object_unparent(box);
    g_free(take_events());
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/qom/type/hierarchy", test_type_hierarchy);
    g_test_add_func("/qom/type/interfaces", test_type_interfaces);
    g_test_add_func("/qom/type/list", test_type_list);
    g_test_add_func("/qom/cast/dynamic", test_cast_dynamic);
    g_test_add_func("/qom/cast/failure-aborts", test_cast_failure_aborts);
    g_test_add_func("/qom/object/init-order", test_object_init_order);
    g_test_add_func("/qom/object/finalize-order", test_object_finalize_order);
    g_test_add_func("/qom/object/embedded", test_object_embedded);
    g_test_add_func("/qom/prop/bool", test_prop_bool);
    g_test_add_func("/qom/prop/str-enum", test_prop_str_enum);
    g_test_add_func("/qom/prop/uint-widths", test_prop_uint_widths);
    g_test_add_func("/qom/prop/parsers", test_prop_parsers);
    g_test_add_func("/qom/prop/defaults", test_prop_defaults);
    g_test_add_func("/qom/prop/print-and-help", test_prop_print_and_help);
    g_test_add_func("/qom/prop/numbered-names", test_prop_numbered_names);
    g_test_add_func("/qom/tree/paths", test_tree_paths);
    g_test_add_func("/qom/tree/foreach", test_tree_foreach);
    g_test_add_func("/qom/tree/links", test_links);
    return g_test_run();
}
