/*
 * test-qemu-opts.c: QemuOpts parsing, the option groups, the size/number/
 * boolean parsers and query-command-line-options.
 *
 * Expected messages are the ones QEMU 7.2 prints for the same input (e.g.
 * "qemu-system-x86_64 -m foo", "-chardev null,id=a,bogus=1").
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/option.h"
#include "qemu/cutils.h"
#include "qemu/config-file.h"

static const char size_hint[] =
    "Optional suffix k, M, G, T, P or E means kilo-, mega-, giga-, tera-, "
    "peta-\nand exabytes, respectively.\n";

static QemuOptsList test_opts = {
    .name = "test",
    .implied_opt_name = "str",
    .desc = {
        { "str", QEMU_OPT_STRING, "a string" },
        { "flag", QEMU_OPT_BOOL },
        { "num", QEMU_OPT_NUMBER },
        { "size", QEMU_OPT_SIZE },
        { "def", QEMU_OPT_NUMBER, "with a default", "42" },
        { NULL }
    },
};

static QemuOptsList free_opts = {
    .name = "free",
    .implied_opt_name = "driver",
    .desc = {
        { NULL }
    },
};

/* ---- helpers ---- */

static GString *captured;

static void capture_print(void *opaque, const char *text)
{
    g_string_append(opaque, text);
}

/* Collect what error_report()/warn_report() print until capture_end(). */
static void capture_begin(void)
{
    captured = g_string_new(NULL);
    error_set_print_func(capture_print, captured, NULL, NULL);
}

static char *capture_end(void)
{
    GString *s = captured;

    error_set_print_func(NULL, NULL, NULL, NULL);
    captured = NULL;
    return g_string_free(s, FALSE);
}

static QemuOptsList *group(const char *name)
{
    QemuOptsList *list = qemu_find_opts_err(name, &error_abort);

    qemu_opts_reset(list);
    return list;
}

static void assert_err(Error **errp, const char *msg, const char *hint)
{
    g_assert_nonnull(*errp);
    g_assert_cmpstr(error_get_pretty(*errp), ==, msg);
    g_assert_cmpstr(error_get_hint(*errp), ==, hint);
    error_free(*errp);
    *errp = NULL;
}

/* Parse and expect failure with exactly msg (and hint). */
static void parse_fails(QemuOptsList *list, const char *params, bool implied,
                        const char *msg, const char *hint)
{
    Error *err = NULL;
    bool own_capture = !captured;

    /* Deprecation warnings are dropped unless the caller collects them. */
    if (own_capture) {
        capture_begin();
    }
    g_assert_null(qemu_opts_parse(list, params, implied, &err));
    if (own_capture) {
        g_free(capture_end());
    }
    assert_err(&err, msg, hint);
}

static int collect_opt(void *opaque, const char *name, const char *value,
                       Error **errp)
{
    g_string_append_printf(opaque, "%s=%s;", name, value);
    return 0;
}

static char *opts_dump(QemuOpts *opts)
{
    GString *s = g_string_new(NULL);

    qemu_opt_foreach(opts, collect_opt, s, &error_abort);
    return g_string_free(s, FALSE);
}

/* ---- key=value syntax ---- */

static void test_parse_key_value_list(void)
{
    QemuOpts *opts;
    char *dump;

    qemu_opts_reset(&free_opts);
    opts = qemu_opts_parse(&free_opts, "a=1,b=two,c=", false, &error_abort);
    g_assert_cmpstr(qemu_opt_get(opts, "a"), ==, "1");
    g_assert_cmpstr(qemu_opt_get(opts, "b"), ==, "two");
    g_assert_cmpstr(qemu_opt_get(opts, "c"), ==, "");
    g_assert_null(qemu_opt_get(opts, "d"));
    g_assert_false(qemu_opt_find(opts, "d"));
    g_assert_null(qemu_opts_id(opts));
    dump = opts_dump(opts);
    g_assert_cmpstr(dump, ==, "a=1;b=two;c=;");
    g_free(dump);

    /* '=' inside a value is part of it; a trailing comma ends the list. */
    opts = qemu_opts_parse(&free_opts, "x=a=b,", false, &error_abort);
    dump = opts_dump(opts);
    g_assert_cmpstr(dump, ==, "x=a=b;");
    g_free(dump);
    g_assert_cmpint(g_list_length(free_opts.head), ==, 2);
    qemu_opts_reset(&free_opts);
    g_assert_null(free_opts.head);
}

static void test_parse_implied_first_key(void)
{
    QemuOptsList *chardev = group("chardev");
    QemuOpts *opts;
    char *warnings;

    opts = qemu_opts_parse(chardev, "socket,id=x,path=/tmp/s", true,
                           &error_abort);
    g_assert_cmpstr(qemu_opts_id(opts), ==, "x");
    g_assert_cmpstr(qemu_opt_get(opts, "backend"), ==, "socket");
    g_assert_cmpstr(qemu_opt_get(opts, "path"), ==, "/tmp/s");

    /* Only the first parameter may be implied; explicit is fine too. */
    opts = qemu_opts_parse(chardev, "backend=null,id=y", true, &error_abort);
    g_assert_cmpstr(qemu_opt_get(opts, "backend"), ==, "null");

    /* Without implied, a bare word is a (deprecated) flag. */
    capture_begin();
    parse_fails(&test_opts, "hello", false, "Invalid parameter 'hello'",
                NULL);
    warnings = capture_end();
    g_assert_cmpstr(warnings, ==,
                    "warning: short-form boolean option 'hello' deprecated\n"
                    "Please use hello=on instead\n");
    g_free(warnings);
    opts = qemu_opts_parse(&test_opts, "hello,num=3", true, &error_abort);
    g_assert_cmpstr(qemu_opt_get(opts, "str"), ==, "hello");
    qemu_opts_reset(&test_opts);
}

static void test_parse_comma_escapes(void)
{
    QemuOpts *opts;

    qemu_opts_reset(&free_opts);
    opts = qemu_opts_parse(&free_opts, "path=/tmp/a,,b,,,,c,x=1", false,
                           &error_abort);
    g_assert_cmpstr(qemu_opt_get(opts, "path"), ==, "/tmp/a,b,,c");
    g_assert_cmpstr(qemu_opt_get(opts, "x"), ==, "1");

    /* In the implied value too, even at its start ("-name ,,a"). */
    opts = qemu_opts_parse(&free_opts, "a,,b,x=2", true, &error_abort);
    g_assert_cmpstr(qemu_opt_get(opts, "driver"), ==, "a,b");
    opts = qemu_opts_parse(&free_opts, ",,a", true, &error_abort);
    g_assert_cmpstr(qemu_opt_get(opts, "driver"), ==, ",a");

    /* "-name guest=a,,b,debug-threads=x": the escape is not a separator. */
    parse_fails(group("name"), "guest=a,,b,debug-threads=x", true,
                "Parameter 'debug-threads' expects 'on' or 'off'", NULL);
    /* "-m 1G,,2": the size value is "1G,2". */
    parse_fails(group("memory"), "1G,,2", true,
                "Parameter 'size' expects a non-negative number below 2^64",
                size_hint);
    qemu_opts_reset(&free_opts);
}

static void test_parse_leading_comma_is_empty_flag(void)
{
    char *warnings;

    /* "-rtc ,base=utc" */
    capture_begin();
    parse_fails(group("rtc"), ",base=utc", false, "Invalid parameter ''",
                NULL);
    warnings = capture_end();
    g_assert_cmpstr(warnings, ==,
                    "warning: short-form boolean option '' deprecated\n"
                    "Please use =on instead\n");
    g_free(warnings);
    /* "-rtc =utc" */
    parse_fails(group("rtc"), "=utc", false, "Invalid parameter ''", NULL);
    /* "-name a=b=c" */
    parse_fails(group("name"), "a=b=c", true, "Invalid parameter 'a'", NULL);
}

/* ---- booleans ---- */

static void test_bool_options(void)
{
    QemuOpts *opts;

    /* "-name guest=x,debug-threads=maybe" */
    parse_fails(group("name"), "guest=x,debug-threads=maybe", true,
                "Parameter 'debug-threads' expects 'on' or 'off'", NULL);
    /* "-chardev socket,id=a,path=/tmp/s,server=maybe" */
    parse_fails(group("chardev"), "socket,id=a,path=/tmp/s,server=maybe",
                true, "Parameter 'server' expects 'on' or 'off'", NULL);

    opts = qemu_opts_parse(group("name"), "x,debug-threads=yes", true,
                           &error_abort);
    g_assert_true(qemu_opt_get_bool(opts, "debug-threads", false));
    opts = qemu_opts_parse(group("overcommit"), "mem-lock=n", false,
                           &error_abort);
    g_assert_false(qemu_opt_get_bool(opts, "mem-lock", true));
    g_assert_true(qemu_opt_get_bool(opts, "cpu-pm", true));

    /* Free-form lists parse at get time; junk gives the default. */
    qemu_opts_reset(&free_opts);
    opts = qemu_opts_parse(&free_opts, "a=on,b=false,c=junk", false,
                           &error_abort);
    g_assert_true(qemu_opt_get_bool(opts, "a", false));
    g_assert_false(qemu_opt_get_bool(opts, "b", true));
    g_assert_true(qemu_opt_get_bool(opts, "c", true));
    g_assert_false(qemu_opt_get_bool(opts, "c", false));
    qemu_opts_reset(&free_opts);
}

static void test_short_form_flags(void)
{
    QemuOptsList *chardev = group("chardev");
    QemuOpts *opts;
    char *warnings;

    /* "-chardev socket,id=c,path=/tmp/x,server,nowait" */
    capture_begin();
    opts = qemu_opts_parse(chardev, "socket,id=c,path=/tmp/x,server,nowait",
                           true, &error_abort);
    warnings = capture_end();
    g_assert_cmpstr(warnings, ==,
                    "warning: short-form boolean option 'server' deprecated\n"
                    "Please use server=on instead\n"
                    "warning: short-form boolean option 'nowait' deprecated\n"
                    "Please use wait=off instead\n");
    g_free(warnings);
    g_assert_true(qemu_opt_get_bool(opts, "server", false));
    g_assert_false(qemu_opt_get_bool(opts, "wait", true));
    g_assert_cmpstr(qemu_opt_get(opts, "server"), ==, "on");
    g_assert_cmpstr(qemu_opt_get(opts, "wait"), ==, "off");

    /* "delay" is spelled out as the real option, nodelay. */
    capture_begin();
    opts = qemu_opts_parse(chardev, "socket,id=d,nodelay,delay", true,
                           &error_abort);
    warnings = capture_end();
    g_assert_cmpstr(warnings, ==,
                    "warning: short-form boolean option 'nodelay' "
                    "deprecated\nPlease use nodelay=on instead\n"
                    "warning: short-form boolean option 'delay' deprecated\n"
                    "Please use nodelay=off instead\n");
    g_free(warnings);
    g_assert_true(qemu_opt_get_bool(opts, "delay", false));

    /* The last of a repeated flag wins ("mux=on,nomux,mux"). */
    capture_begin();
    opts = qemu_opts_parse(chardev, "null,id=e,mux=on,nomux", true,
                           &error_abort);
    g_free(capture_end());
    g_assert_false(qemu_opt_get_bool(opts, "mux", true));
}

/* ---- sizes ---- */

static void test_size_options(void)
{
    QemuOptsList *mem = group("memory");
    QemuOpts *opts;

    /* "-m foo", "-m -1", "-m 1.5", "-m 1Z" */
    parse_fails(mem, "foo", true,
                "Parameter 'size' expects a non-negative number below 2^64",
                size_hint);
    parse_fails(mem, "-1", true,
                "Parameter 'size' expects a non-negative number below 2^64",
                size_hint);
    parse_fails(mem, "1.5", true,
                "Parameter 'size' expects a non-negative number below 2^64",
                size_hint);
    /* "-m 16E", "-m 99999999999999999999" */
    parse_fails(mem, "16E", true,
                "Value '16E' is out of range for parameter 'size'", NULL);
    parse_fails(mem, "99999999999999999999", true,
                "Value '99999999999999999999' is out of range for "
                "parameter 'size'", NULL);
    /* "-m 2G,maxmem=1x" */
    parse_fails(mem, "2G,maxmem=1x", true,
                "Parameter 'maxmem' expects a non-negative number below "
                "2^64", size_hint);

    opts = qemu_opts_parse(mem, "1.5G,maxmem=4G", true, &error_abort);
    g_assert_cmpuint(qemu_opt_get_size(opts, "size", 0), ==, 3 * GiB / 2);
    g_assert_cmpuint(qemu_opt_get_size(opts, "maxmem", 0), ==, 4 * GiB);
    g_assert_cmpuint(qemu_opt_get_size(opts, "slots", 7), ==, 7);
}

/* ---- numbers ---- */

static void test_number_options(void)
{
    QemuOptsList *mem = group("memory");
    QemuOpts *opts;

    /* "-m 2G,slots=x" */
    parse_fails(mem, "2G,slots=x", true,
                "Parameter 'slots' expects a number", NULL);
    /* "-m 2G,slots=99999999999999999999" */
    parse_fails(mem, "2G,slots=99999999999999999999", true,
                "Value '99999999999999999999' is too large for parameter "
                "'slots'", NULL);
    /* "-add-fd fd=x" */
    parse_fails(group("add-fd"), "fd=x", false,
                "Parameter 'fd' expects a number", NULL);

    opts = qemu_opts_parse(mem, "2G,slots=0x10", true, &error_abort);
    g_assert_cmpuint(qemu_opt_get_number(opts, "slots", 0), ==, 16);
    qemu_opts_reset(mem);
    opts = qemu_opts_parse(mem, "2G,slots=010", true, &error_abort);
    g_assert_cmpuint(qemu_opt_get_number(opts, "slots", 0), ==, 8);

    /* A desc default applies until the option is given. */
    qemu_opts_reset(&test_opts);
    opts = qemu_opts_parse(&test_opts, "num=5", false, &error_abort);
    g_assert_cmpuint(qemu_opt_get_number(opts, "def", 0), ==, 42);
    g_assert_cmpstr(qemu_opt_get(opts, "def"), ==, "42");
    g_assert_false(qemu_opt_find(opts, "def"));
    g_assert_cmpuint(qemu_opt_get_number(opts, "num", 0), ==, 5);
    g_assert_true(qemu_opt_set_number(opts, "def", 7, &error_abort));
    g_assert_cmpuint(qemu_opt_get_number(opts, "def", 0), ==, 7);
    qemu_opts_reset(&test_opts);
}

/* ---- repeated keys, merge_lists, ids ---- */

static void test_repeated_keys(void)
{
    QemuOpts *opts;
    json_t *dict;
    char *dump, *v;

    qemu_opts_reset(&free_opts);
    opts = qemu_opts_parse(&free_opts, "a=1,b=x,a=2,a=3", false,
                           &error_abort);
    g_assert_cmpstr(qemu_opt_get(opts, "a"), ==, "3");
    dump = opts_dump(opts);
    g_assert_cmpstr(dump, ==, "a=1;b=x;a=2;a=3;");
    g_free(dump);

    dict = qemu_opts_to_json(opts);
    g_assert_cmpstr(json_string_value(json_object_get(dict, "a")), ==, "3");
    g_assert_cmpint(json_object_size(dict), ==, 2);
    json_decref(dict);

    v = qemu_opt_get_del(opts, "a");
    g_assert_cmpstr(v, ==, "3");
    g_free(v);
    g_assert_false(qemu_opt_find(opts, "a"));
    dump = opts_dump(opts);
    g_assert_cmpstr(dump, ==, "b=x;");
    g_free(dump);
    g_assert_null(qemu_opt_get_del(opts, "a"));

    /* "-m 1G,size=2G,size=foo": each occurrence is checked. */
    parse_fails(group("memory"), "1G,size=2G,size=foo", true,
                "Parameter 'size' expects a non-negative number below 2^64",
                size_hint);

    opts = qemu_opts_parse(&free_opts, "n=1,n=2", false, &error_abort);
    g_assert_cmpuint(qemu_opt_get_number_del(opts, "n", 0), ==, 2);
    g_assert_false(qemu_opt_find(opts, "n"));
    qemu_opt_set(opts, "z", "1", &error_abort);
    qemu_opt_set(opts, "z", "2", &error_abort);
    qemu_opt_unset(opts, "z");
    g_assert_false(qemu_opt_find(opts, "z"));
    qemu_opts_reset(&free_opts);
}

static void test_merge_lists(void)
{
    QemuOptsList *mem = group("memory");
    QemuOpts *a, *b, *c;

    a = qemu_opts_parse(mem, "1G", true, &error_abort);
    b = qemu_opts_parse(mem, "slots=2", true, &error_abort);
    c = qemu_opts_parse(mem, "size=2G", true, &error_abort);
    g_assert_true(a == b && b == c);
    g_assert_true(qemu_opts_find(mem, NULL) == a);
    g_assert_cmpint(g_list_length(mem->head), ==, 1);
    g_assert_cmpuint(qemu_opt_get_size(a, "size", 0), ==, 2 * GiB);
    g_assert_cmpuint(qemu_opt_get_number(a, "slots", 0), ==, 2);

    /* "-m 2G,id=x" */
    parse_fails(mem, "2G,id=x", true, "Invalid parameter 'id'", NULL);
    /* A failed parse leaves what earlier options set. */
    parse_fails(mem, "4G,slots=x", true, "Parameter 'slots' expects a number",
                NULL);
    g_assert_cmpuint(qemu_opt_get_size(a, "size", 0), ==, 2 * GiB);
    g_assert_cmpuint(qemu_opt_get_number(a, "slots", 0), ==, 2);

    /* Non-merging lists get one QemuOpts per use. */
    qemu_opts_reset(&free_opts);
    a = qemu_opts_parse(&free_opts, "x", true, &error_abort);
    b = qemu_opts_parse(&free_opts, "y", true, &error_abort);
    g_assert_true(a != b);
    g_assert_cmpint(g_list_length(free_opts.head), ==, 2);
    qemu_opts_reset(&free_opts);
}

static void test_ids(void)
{
    QemuOptsList *chardev = group("chardev");
    QemuOpts *opts;
    Error *err = NULL;
    const char *id_hint = "Identifiers consist of letters, digits, '-', "
                          "'.', '_', starting with a letter.\n";

    opts = qemu_opts_parse(chardev, "null,id=a", true, &error_abort);
    g_assert_true(qemu_opts_find(chardev, "a") == opts);
    g_assert_null(qemu_opt_get(opts, "id"));
    /* "-chardev null,id=a -chardev null,id=a" */
    parse_fails(chardev, "null,id=a", true, "Duplicate ID 'a' for chardev",
                NULL);
    /* "-chardev null,id=b,id=c": the first id counts. */
    opts = qemu_opts_parse(chardev, "null,id=b,id=c", true, &error_abort);
    g_assert_cmpstr(qemu_opts_id(opts), ==, "b");
    g_assert_null(qemu_opts_find(chardev, "c"));
    /* "-chardev null,id=1a", "id=", "id=a,,b" */
    parse_fails(chardev, "null,id=1a", true,
                "Parameter 'id' expects an identifier", id_hint);
    parse_fails(chardev, "null,id=", true,
                "Parameter 'id' expects an identifier", id_hint);
    parse_fails(chardev, "null,id=a,,b", true,
                "Parameter 'id' expects an identifier", id_hint);
    /* The id is checked before the other parameters. */
    parse_fails(chardev, "null,bogus=1,id=9", true,
                "Parameter 'id' expects an identifier", id_hint);
    opts = qemu_opts_parse(chardev, "null,id=x-1.y_2", true, &error_abort);
    g_assert_cmpstr(qemu_opts_id(opts), ==, "x-1.y_2");

    /* qemu_opts_create() */
    g_assert_null(qemu_opts_create(chardev, "a", true, &err));
    assert_err(&err, "Duplicate ID 'a' for chardev", NULL);
    g_assert_true(qemu_opts_create(chardev, "a", false, &error_abort) ==
                  qemu_opts_find(chardev, "a"));

    /* Missing ids and keys where a consumer needs them. */
    opts = qemu_opts_parse(chardev, "null", true, &error_abort);
    g_assert_null(qemu_opt_get_required(opts, "id", &err));
    assert_err(&err, "Parameter 'id' is missing", NULL);
    g_assert_null(qemu_opt_get_required(opts, "path", &err));
    assert_err(&err, "Parameter 'path' is missing", NULL);
    g_assert_cmpstr(qemu_opt_get_required(opts, "backend", &error_abort),
                    ==, "null");
    qemu_opts_del(opts);

    opts = qemu_opts_find(chardev, "a");
    qemu_opts_del(opts);
    g_assert_null(qemu_opts_find(chardev, "a"));
    qemu_opts_parse(chardev, "null,id=a", true, &error_abort);
    qemu_opts_reset(chardev);
}

/* ---- validation ---- */

static void test_validation(void)
{
    QemuOptsList *chardev = group("chardev");
    QemuOpts *opts;
    Error *err = NULL;
    static const QemuOptDesc smbios_type1[] = {
        { "type", QEMU_OPT_NUMBER },
        { "manufacturer", QEMU_OPT_STRING },
        { "uuid", QEMU_OPT_STRING },
        { NULL }
    };

    /* "-chardev null,id=a,bogus=1", "-rtc base=utc,bogus=3" */
    parse_fails(chardev, "null,id=a,bogus=1", true,
                "Invalid parameter 'bogus'", NULL);
    parse_fails(group("rtc"), "base=utc,bogus=3", false,
                "Invalid parameter 'bogus'", NULL);
    /* "-global driver=a,property=b,value=c,bogus=1" */
    parse_fails(group("global"), "driver=a,property=b,value=c,bogus=1",
                false, "Invalid parameter 'bogus'", NULL);
    /* "-chardev null,id=a,mux=maybe" */
    parse_fails(chardev, "null,id=a,mux=maybe", true,
                "Parameter 'mux' expects 'on' or 'off'", NULL);

    opts = qemu_opts_parse(chardev, "null,id=ok", true, &error_abort);
    g_assert_false(qemu_opt_set(opts, "nosuch", "1", &err));
    assert_err(&err, "Invalid parameter 'nosuch'", NULL);
    g_assert_false(qemu_opt_set(opts, "size", "1x", &err));
    assert_err(&err, "Parameter 'size' expects a non-negative number below "
               "2^64", size_hint);
    g_assert_false(qemu_opt_find(opts, "size"));
    g_assert_true(qemu_opt_set_bool(opts, "mux", true, &error_abort));
    g_assert_cmpstr(qemu_opt_get(opts, "mux"), ==, "on");
    /* A desc default ("tight" defaults to on). */
    g_assert_true(qemu_opt_get_bool(opts, "tight", false));

    /* Free-form groups accept anything; the consumer then validates. */
    opts = qemu_opts_parse(group("smbios"),
                           "type=1,manufacturer=OpenStack Foundation", false,
                           &error_abort);
    g_assert_true(qemu_opts_validate(opts, smbios_type1, &error_abort));
    g_assert_cmpuint(qemu_opt_get_number(opts, "type", 0), ==, 1);
    opts = qemu_opts_parse(group("smbios"), "type=1,bogus=2", false,
                           &error_abort);
    g_assert_false(qemu_opts_validate(opts, smbios_type1, &err));
    assert_err(&err, "Invalid parameter 'bogus'", NULL);
    opts = qemu_opts_parse(group("smbios"), "type=x", false, &error_abort);
    g_assert_false(qemu_opts_validate(opts, smbios_type1, &err));
    assert_err(&err, "Parameter 'type' expects a number", NULL);
    qemu_opts_reset(qemu_find_opts("smbios"));
    qemu_opts_reset(chardev);
}

/* ---- help ---- */

static void test_help_detection(void)
{
    QemuOptsList *device = group("device");
    QemuOpts *opts;
    Error *err = NULL;
    bool help;

    g_assert_true(is_help_option("help"));
    g_assert_true(is_help_option("?"));
    g_assert_false(is_help_option("Help"));
    g_assert_false(is_help_option(NULL));
    g_assert_true(has_help_option("e1000,help"));
    g_assert_true(has_help_option("a,?"));
    g_assert_true(has_help_option("help"));
    g_assert_false(has_help_option("driver=help"));
    g_assert_false(has_help_option("helpme"));

    /* -device help, -device e1000,help, -device e1000,? */
    opts = qemu_opts_parse(device, "help", true, &error_abort);
    g_assert_true(qemu_opts_has_help(opts));
    opts = qemu_opts_parse(device, "e1000,help", true, &error_abort);
    g_assert_true(qemu_opts_has_help(opts));
    g_assert_cmpstr(qemu_opt_get(opts, "help"), ==, "on");
    opts = qemu_opts_parse(device, "e1000,?", true, &error_abort);
    g_assert_true(qemu_opts_has_help(opts));
    opts = qemu_opts_parse(device, "e1000,mac=help", true, &error_abort);
    g_assert_false(qemu_opts_has_help(opts));
    qemu_opts_reset(device);

    /* Lists with a desc: "-rtc help", "-rtc base=utc,help". */
    g_assert_null(qemu_opts_parse_help(group("rtc"), "help", false, &help,
                                       &err));
    g_assert_true(help);
    g_assert_null(err);
    g_assert_null(qemu_opts_parse_help(group("rtc"), "base=utc,help", false,
                                       &help, &err));
    g_assert_true(help);
    g_assert_null(err);
    g_assert_null(qemu_find_opts("rtc")->head);
    g_assert_null(qemu_opts_parse_help(group("rtc"), "base=x,bad=1", false,
                                       &help, &err));
    g_assert_false(help);
    assert_err(&err, "Invalid parameter 'bad'", NULL);
    /* "-msg help=on", "-msg nohelp" are not help requests. */
    parse_fails(group("msg"), "help=on", false, "Invalid parameter 'help'",
                NULL);
    parse_fails(group("msg"), "nohelp", false, "Invalid parameter 'help'",
                NULL);
    /* Plain qemu_opts_parse() has no help mode. */
    parse_fails(group("msg"), "help", false, "Invalid parameter 'help'",
                NULL);
}

static void test_print_help(void)
{
    if (g_test_subprocess()) {
        qemu_opts_print_help(qemu_find_opts("rtc"), true);
        qemu_opts_print_help(qemu_find_opts("add-fd"), true);
        qemu_opts_print_help(qemu_find_opts("msg"), false);
        qemu_opts_print_help(qemu_find_opts("device"), true);
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_passed();
    g_test_trap_assert_stdout(
        "rtc options:\n"
        "  base=<str>\n"
        "  clock=<str>\n"
        "  driftfix=<str>\n"
        "add-fd options:\n"
        "  fd=<num>               - file descriptor of which a duplicate is "
        "added to fd set\n"
        "  opaque=<str>           - free-form string used to describe fd\n"
        "  set=<num>              - ID of the fd set to add fd to\n"
        "  guest-name=<bool (on/off)> - Prepends guest name for error "
        "messages but only if -name guest is set otherwise option is "
        "ignored\n\n"
        "  timestamp=<bool (on/off)>\n"
        "There are no options for device.\n");
}

static void test_print_help_noisily(void)
{
    if (g_test_subprocess()) {
        /* "-smp 2,help": the sorted parameter list, nothing parsed. */
        g_assert_null(qemu_opts_parse_noisily(qemu_find_opts("smp-opts"),
                                              "2,help", true));
        g_assert_null(qemu_find_opts("smp-opts")->head);
        /* "-m foo": the error and its hint on stderr. */
        loc_set_cmdline("-m", "foo");
        g_assert_null(qemu_opts_parse_noisily(qemu_find_opts("memory"),
                                              "foo", true));
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_passed();
    g_test_trap_assert_stdout("smp-opts options:\n"
                              "  clusters=<num>\n"
                              "  cores=<num>\n"
                              "  cpus=<num>\n"
                              "  dies=<num>\n"
                              "  maxcpus=<num>\n"
                              "  sockets=<num>\n"
                              "  threads=<num>\n");
    g_test_trap_assert_stderr(
        "qemu-system-x86_64: -m foo: Parameter 'size' expects a "
        "non-negative number below 2^64\n"
        "Optional suffix k, M, G, T, P or E means kilo-, mega-, giga-, "
        "tera-, peta-\nand exabytes, respectively.\n");
}

/* ---- output ---- */

static void test_to_string_round_trip(void)
{
    QemuOptsList *chardev = group("chardev");
    QemuOpts *opts, *again;
    char *s, *s2;
    json_t *dict;

    opts = qemu_opts_parse(chardev, "file,id=f,path=/tmp/a,,b,,,append=on",
                           true, &error_abort);
    s = qemu_opts_to_string(opts);
    g_assert_cmpstr(s, ==, "id=f,backend=file,path=/tmp/a,,b,,,append=on");
    g_assert_cmpstr(qemu_opt_get(opts, "path"), ==, "/tmp/a,b,");

    dict = qemu_opts_to_json(opts);
    g_assert_cmpstr(json_string_value(json_object_get(dict, "id")), ==, "f");
    g_assert_cmpstr(json_string_value(json_object_get(dict, "path")), ==,
                    "/tmp/a,b,");
    g_assert_cmpstr(json_string_value(json_object_get(dict, "append")), ==,
                    "on");
    json_decref(dict);

    qemu_opts_del(opts);
    again = qemu_opts_parse(chardev, s, false, &error_abort);
    s2 = qemu_opts_to_string(again);
    g_assert_cmpstr(s2, ==, s);
    g_assert_cmpstr(qemu_opt_get(again, "path"), ==, "/tmp/a,b,");
    g_free(s);
    g_free(s2);
    qemu_opts_reset(chardev);
}

/* ---- iteration and locations ---- */

static int note_location(void *opaque, QemuOpts *opts, Error **errp)
{
    Location loc;

    loc_save(&loc);
    g_string_append_printf(opaque, "%s %s|", loc.optname, loc.optarg);
    if (!strcmp(qemu_opts_id(opts), "b")) {
        qemu_opts_del(opts);
        return 0;
    }
    return !strcmp(qemu_opts_id(opts), "c") ? 7 : 0;
}

static void test_foreach_restores_location(void)
{
    QemuOptsList *chardev = group("chardev");
    GString *seen = g_string_new(NULL);
    Location now;

    loc_set_cmdline("-chardev", "null,id=a");
    qemu_opts_parse(chardev, "null,id=a", true, &error_abort);
    loc_set_cmdline("-chardev", "null,id=b");
    qemu_opts_parse(chardev, "null,id=b", true, &error_abort);
    loc_set_cmdline("-chardev", "null,id=c");
    qemu_opts_parse(chardev, "null,id=c", true, &error_abort);
    loc_set_cmdline("-chardev", "null,id=d");
    qemu_opts_parse(chardev, "null,id=d", true, &error_abort);
    loc_set_none();

    g_assert_cmpint(qemu_opts_foreach(chardev, note_location, seen,
                                      &error_abort), ==, 7);
    g_assert_cmpstr(seen->str, ==, "-chardev null,id=a|-chardev null,id=b|"
                    "-chardev null,id=c|");
    g_assert_null(qemu_opts_find(chardev, "b"));
    loc_save(&now);
    g_assert_null(now.optname);
    g_string_free(seen, TRUE);
    qemu_opts_reset(chardev);
}

/* ---- the option groups ---- */

static void test_groups_registered(void)
{
    static const char *const listed[] = {
        "drive", "chardev", "device", "netdev", "nic", "net", "rtc",
        "global", "mon", "trace", "plugin", "option-rom", "accel", "memory",
        "smp-opts", "boot-opts", "add-fd", "object", "tpmdev", "overcommit",
        "msg", "name", "numa", "icount", "", "fw_cfg", "action", "vnc",
        "acpi", "smbios", "fsdev", "virtfs", "sandbox", "iscsi",
    };
    GList *all = qemu_opts_all_lists();
    GList *l = all;
    Error *err = NULL;

    for (size_t i = 0; i < ARRAY_SIZE(listed); i++, l = l->next) {
        g_assert_nonnull(l);
        g_assert_cmpstr(((QemuOptsList *)l->data)->name, ==, listed[i]);
    }
    g_assert_null(l);
    g_list_free(all);

    /* Also findable, but not listed by query-command-line-options. */
    g_assert_true(qemu_find_opts("machine")->merge_lists);
    g_assert_cmpstr(qemu_find_opts("machine")->implied_opt_name, ==, "type");
    g_assert_nonnull(qemu_find_opts("display"));
    g_assert_nonnull(qemu_find_opts("audiodev"));
    g_assert_nonnull(qemu_find_opts("spice"));
    g_assert_nonnull(qemu_find_opts("realtime"));
    g_assert_nonnull(qemu_find_opts("blockdev"));

    g_assert_null(qemu_find_opts_err("nosuch", &err));
    assert_err(&err, "There is no option group 'nosuch'", NULL);

    g_assert_cmpstr(qemu_find_opts("smp-opts")->implied_opt_name, ==,
                    "cpus");
    g_assert_true(qemu_find_opts("smp-opts")->merge_lists);
    g_assert_cmpstr(qemu_find_opts("memory")->implied_opt_name, ==, "size");
    g_assert_cmpstr(qemu_find_opts("accel")->implied_opt_name, ==, "accel");
    g_assert_false(qemu_find_opts("accel")->merge_lists);
    g_assert_cmpstr(qemu_find_opts("object")->implied_opt_name, ==,
                    "qom-type");
    g_assert_cmpstr(qemu_find_opts("sandbox")->implied_opt_name, ==,
                    "enable");
    g_assert_true(qemu_opts_list_accepts_any(qemu_find_opts("device")));
    g_assert_false(qemu_opts_list_accepts_any(qemu_find_opts("chardev")));
}

static void test_global_option(void)
{
    QemuOptsList *global = group("global");
    QemuOpts *opts;
    Error *err = NULL;

    g_assert_true(qemu_global_option("kvm-pit.lost_tick_policy=discard",
                                     &error_abort));
    opts = global->head->data;
    g_assert_cmpstr(qemu_opt_get(opts, "driver"), ==, "kvm-pit");
    g_assert_cmpstr(qemu_opt_get(opts, "property"), ==, "lost_tick_policy");
    g_assert_cmpstr(qemu_opt_get(opts, "value"), ==, "discard");
    g_assert_true(qemu_global_option("a.b=", &error_abort));
    g_assert_true(qemu_global_option("driver=isa-serial,property=x,value=1",
                                     &error_abort));
    g_assert_cmpint(g_list_length(global->head), ==, 3);

    g_assert_false(qemu_global_option("driver=a", &err));
    assert_err(&err, "options 'driver', 'property', and 'value' are "
               "required", NULL);
    g_assert_false(qemu_global_option(".b=c", &err));
    assert_err(&err, "Invalid parameter '.b'", NULL);
    g_assert_false(qemu_global_option("a.=c", &err));
    assert_err(&err, "Invalid parameter 'a.'", NULL);
    capture_begin();
    g_assert_false(qemu_global_option("foo", &err));
    g_free(capture_end());
    assert_err(&err, "Invalid parameter 'foo'", NULL);
    g_assert_cmpint(g_list_length(global->head), ==, 3);
    qemu_opts_reset(global);
}

/* ---- query-command-line-options ---- */

static json_t *query(const char *option, Error **errp)
{
    json_t *args = json_object();
    json_t *ret;

    if (option) {
        json_object_set_new(args, "option", json_string(option));
    }
    ret = qmp_query_command_line_options(args, errp);
    json_decref(args);
    return ret;
}

static void assert_json(json_t *got, const char *expected)
{
    json_t *want = json_loads(expected, 0, NULL);

    g_assert_nonnull(want);
    if (!json_equal(got, want)) {
        char *s = json_dumps(got, JSON_COMPACT);

        g_test_message("got %s", s);
        free(s);
        g_assert_not_reached();
    }
    json_decref(want);
}

static void test_query_command_line_options(void)
{
    static const char *const order[] = {
        "machine", "iscsi", "sandbox", "virtfs", "fsdev", "smbios", "acpi",
        "vnc", "action", "fw_cfg", "", "icount", "numa", "name", "msg",
        "overcommit", "tpmdev", "object", "add-fd", "boot-opts", "smp-opts",
        "memory", "accel", "option-rom", "plugin", "trace", "mon", "global",
        "rtc", "net", "nic", "netdev", "device", "chardev", "drive",
    };
    Error *err = NULL;
    json_t *all, *one, *params, *p;

    all = query(NULL, &error_abort);
    g_assert_cmpint(json_array_size(all), ==, ARRAY_SIZE(order));
    for (size_t i = 0; i < ARRAY_SIZE(order); i++) {
        json_t *info = json_array_get(all, i);

        g_assert_cmpstr(json_string_value(json_object_get(info, "option")),
                        ==, order[i]);
    }
    /* Sizes as QEMU 7.2 reports them. */
    g_assert_cmpint(json_array_size(json_object_get(json_array_get(all, 0),
                                                    "parameters")), ==, 20);
    g_assert_cmpint(json_array_size(json_object_get(json_array_get(all, 33),
                                                    "parameters")), ==, 37);
    g_assert_cmpint(json_array_size(json_object_get(json_array_get(all, 34),
                                                    "parameters")), ==, 45);
    json_decref(all);

    one = query("rtc", &error_abort);
    assert_json(one, "[{\"parameters\": [{\"name\": \"driftfix\", \"type\": "
                "\"string\"}, {\"name\": \"clock\", \"type\": \"string\"}, "
                "{\"name\": \"base\", \"type\": \"string\"}], "
                "\"option\": \"rtc\"}]");
    json_decref(one);

    one = query("memory", &error_abort);
    assert_json(one, "[{\"parameters\": [{\"name\": \"maxmem\", \"type\": "
                "\"size\"}, {\"name\": \"slots\", \"type\": \"number\"}, "
                "{\"name\": \"size\", \"type\": \"size\"}], "
                "\"option\": \"memory\"}]");
    json_decref(one);

    one = query("add-fd", &error_abort);
    params = json_object_get(json_array_get(one, 0), "parameters");
    assert_json(json_array_get(params, 0),
                "{\"name\": \"opaque\", \"help\": \"free-form string used "
                "to describe fd\", \"type\": \"string\"}");
    json_decref(one);

    one = query("chardev", &error_abort);
    params = json_object_get(json_array_get(one, 0), "parameters");
    p = json_array_get(params, 1);
    assert_json(p, "{\"name\": \"tight\", \"default\": \"on\", \"type\": "
                "\"boolean\"}");
    assert_json(json_array_get(params, 36),
                "{\"name\": \"backend\", \"type\": \"string\"}");
    json_decref(one);

    one = query("machine", &error_abort);
    params = json_object_get(json_array_get(one, 0), "parameters");
    assert_json(json_array_get(params, 19),
                "{\"name\": \"type\", \"help\": \"emulated machine\", "
                "\"type\": \"string\"}");
    json_decref(one);

    one = query("", &error_abort);
    assert_json(one, "[{\"parameters\": [], \"option\": \"\"}]");
    json_decref(one);

    g_assert_null(query("bogus", &err));
    assert_err(&err, "invalid option name: bogus", NULL);
    /* Unlisted groups are unknown to QMP, as in QEMU without -spice. */
    g_assert_null(query("spice", &err));
    assert_err(&err, "invalid option name: spice", NULL);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    g_test_add_func("/qemu-opts/parse/key-value-list",
                    test_parse_key_value_list);
    g_test_add_func("/qemu-opts/parse/implied-first-key",
                    test_parse_implied_first_key);
    g_test_add_func("/qemu-opts/parse/comma-escapes",
                    test_parse_comma_escapes);
    g_test_add_func("/qemu-opts/parse/leading-comma-is-empty-flag",
                    test_parse_leading_comma_is_empty_flag);
    g_test_add_func("/qemu-opts/bool/options", test_bool_options);
    g_test_add_func("/qemu-opts/bool/short-form-flags",
                    test_short_form_flags);
    g_test_add_func("/qemu-opts/size/option-errors", test_size_options);
    g_test_add_func("/qemu-opts/number/option-errors", test_number_options);
    g_test_add_func("/qemu-opts/repeated-keys", test_repeated_keys);
    g_test_add_func("/qemu-opts/merge-lists", test_merge_lists);
    g_test_add_func("/qemu-opts/ids", test_ids);
    g_test_add_func("/qemu-opts/validation", test_validation);
    g_test_add_func("/qemu-opts/help/detection", test_help_detection);
    g_test_add_func("/qemu-opts/help/print", test_print_help);
    g_test_add_func("/qemu-opts/help/noisily", test_print_help_noisily);
    g_test_add_func("/qemu-opts/to-string-round-trip",
                    test_to_string_round_trip);
    g_test_add_func("/qemu-opts/foreach-restores-location",
                    test_foreach_restores_location);
    g_test_add_func("/qemu-opts/groups/registered", test_groups_registered);
    g_test_add_func("/qemu-opts/groups/global-option", test_global_option);
    g_test_add_func("/qemu-opts/groups/query-command-line-options",
                    test_query_command_line_options);
    return g_test_run();
}
