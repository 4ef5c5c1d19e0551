/*
 * test-hmp.c: the human monitor: command line parsing against argument
 * specs, help, "info" dispatch, error printing, the commands over QMP,
 * hmp_run_command() and human-monitor-command, tab completion, and the
 * monitor on a chardev (banner, prompt, echo, mux focus).  Expected texts
 * are those of QEMU 7.2.
 */
#include "qemu/osdep.h"
#include "monitor/hmp-internal.h"
#include "chardev/char.h"
#include "hw/qdev-core.h"
#include "qemu/option.h"
#include "qemu/readline.h"

/* Run cmdline and compare everything it printed with expected. */
static void check_output(const char *cmdline, const char *expected)
{
    char *out = hmp_run_command(cmdline);

    g_assert_cmpstr(out, ==, expected);
    g_free(out);
}

static bool output_contains(const char *cmdline, const char *text)
{
    char *out = hmp_run_command(cmdline);
    bool found = strstr(out, text) != NULL;

    if (!found) {
        g_test_message("'%s' printed: %s", cmdline, out);
    }
    g_free(out);
    return found;
}

/* ---- commands only the tests use ---- */

/* Prints its parsed arguments as compact JSON with sorted keys. */
static void hmp_test_echo(Monitor *mon, json_t *args)
{
    char *s = json_dumps(args, JSON_COMPACT | JSON_SORT_KEYS);

    monitor_printf(mon, "%s\n", s);
    free(s);
}

static void hmp_test_report(Monitor *mon, json_t *args)
{
    Error *err = NULL;

    g_assert_true(monitor_cur() == mon);
    error_report("boom %d", 1);
    warn_report("careful");
    error_setg(&err, "bad thing");
    error_append_hint(&err, "try something else\n");
    hmp_handle_error(mon, err);
    hmp_handle_error(mon, NULL);
}

static const HmpCommand test_cmds[] = {
    { "hmp-test|ht", "flag:-f,other:-o,a:s,n:i?,rest:S?",
      "[-f] [-o] a [n [rest]]", "echo the arguments", hmp_test_echo },
    { "hmp-test-b", "on:b,off:b?", "on|off [on|off]", "booleans",
      hmp_test_echo },
    { "hmp-test-l", "v:l", "v", "a 64-bit integer", hmp_test_echo },
    { "hmp-test-o", "device:O", "driver[,prop=value]", "options",
      hmp_test_echo },
    { "hmp-test-report", "", "", "report errors", hmp_test_report },
};

static void hmp_test_info_raw(Monitor *mon, const char *args)
{
    monitor_printf(mon, "raw=<%s>\n", args);
}

static void hmp_test_info_other(Monitor *mon, const char *args)
{
    monitor_printf(mon, "replaced\n");
}

static const HmpCommand test_info_parsed = {
    "hmp-test-parsed", "x:s", "x", "parsed info", hmp_test_echo,
};

#define TYPE_HMP_TEST_DEVICE "hmp-test-device"

static void hmp_test_device_class_init(ObjectClass *klass, void *data)
{
    DEVICE_CLASS(klass)->user_creatable = true;
}

static const TypeInfo hmp_test_device_info = {
    .name = TYPE_HMP_TEST_DEVICE,
    .parent = TYPE_DEVICE,
    .class_init = hmp_test_device_class_init,
};

/* A user-creatable object type with one string property. */
#define TYPE_HMP_TEST_OBJECT "hmp-test-object"

typedef struct HmpTestObject {
    Object parent_obj;
    char *color;
} HmpTestObject;

static char *hmp_test_object_get_color(Object *obj, Error **errp)
{
    return g_strdup(((HmpTestObject *)obj)->color);
}

static void hmp_test_object_set_color(Object *obj, const char *value,
                                      Error **errp)
{
    HmpTestObject *o = (HmpTestObject *)obj;

    g_free(o->color);
    o->color = g_strdup(value);
}

static void hmp_test_object_finalize(Object *obj)
{
    g_free(((HmpTestObject *)obj)->color);
}

static void hmp_test_object_class_init(ObjectClass *klass, void *data)
{
    object_class_property_add_str(klass, "color", hmp_test_object_get_color,
                                  hmp_test_object_set_color);
    object_class_property_set_description(klass, "color", "its colour");
}

static const TypeInfo hmp_test_object_info = {
    .name = TYPE_HMP_TEST_OBJECT,
    .parent = TYPE_OBJECT,
    .instance_size = sizeof(HmpTestObject),
    .instance_finalize = hmp_test_object_finalize,
    .class_init = hmp_test_object_class_init,
    .interfaces = (InterfaceInfo[]) {
        { TYPE_USER_CREATABLE },
        { }
    },
};

static void register_test_commands(void)
{
    for (size_t i = 0; i < ARRAY_SIZE(test_cmds); i++) {
        hmp_register_command(&test_cmds[i]);
    }
    hmp_register_info("hmp-test-raw", "[arg]", "raw info",
                      hmp_test_info_other);
    /* A second registration of a name replaces the first. */
    hmp_register_info("hmp-test-raw", "[arg]", "raw info",
                      hmp_test_info_raw);
    hmp_register_info("hmp-test-noargs", "", "no arguments",
                      hmp_test_info_raw);
    hmp_register_info_command(&test_info_parsed);
    type_register_static(&hmp_test_device_info);
    type_register_static(&hmp_test_object_info);
}

static void check_completion(const char *typed, const char *expected);

/* ---- command lines ---- */

static void test_run_command(void)
{
    check_output("info version", "7.2.0\r\n");
    check_output("  info   version  ", "7.2.0\r\n");
    check_output("", "");
    check_output("   ", "");
}

static void test_unknown_command(void)
{
    check_output("foo", "unknown command: 'foo'\r\n");
    check_output("  foo bar", "unknown command: '  foo'\r\n");
    check_output("info foo", "unknown command: 'info foo'\r\n");
    check_output("info  foo x", "unknown command: 'info  foo'\r\n");
    /* A name ends at '/' (x/4x): nothing before it is no name. */
    check_output("/x", "unknown command: ''\r\n");
    check_output("help|?", "unknown command: 'help|?'\r\n");
}

static void test_alternative_names(void)
{
    check_output("ht a", "{\"a\":\"a\"}\r\n");
    check_output("hmp-test a", "{\"a\":\"a\"}\r\n");
    check_output("help ht", "hmp-test|ht [-f] [-o] a [n [rest]] -- "
                 "echo the arguments\r\n");
    check_output("help s", "stop|s  -- stop emulation\r\n");
    check_output("help q", "quit|q  -- quit the emulator\r\n");
}

static void test_args_extraneous(void)
{
    check_output("stop now",
                 "stop|s: extraneous characters at the end of line\r\n"
                 "Try \"help stop\" for more information\r\n");
    /* "Try" repeats the name as typed. */
    check_output("s now",
                 "stop|s: extraneous characters at the end of line\r\n"
                 "Try \"help s\" for more information\r\n");
    check_output("info   version  x  ",
                 "version: extraneous characters at the end of line\r\n"
                 "Try \"help info   version\" for more information\r\n");
}

static void test_args_string(void)
{
    check_output("qom-get",
                 "qom-get: string expected\r\n"
                 "Try \"help qom-get\" for more information\r\n");
    check_output("qom-get /",
                 "qom-get: string expected\r\n"
                 "Try \"help qom-get\" for more information\r\n");
    check_output("ht \"a b\\\"c\\n\\r\\\\\\'\"",
                 "{\"a\":\"a b\\\"c\\n\\r\\\\'\"}\r\n");
    check_output("ht \"\"", "{\"a\":\"\"}\r\n");
    check_output("ht x\"y", "{\"a\":\"x\\\"y\"}\r\n");
    /* Bad quoting: the complaint goes to stdout, as QEMU's. */
    check_output("ht \"abc",
                 "hmp-test|ht: string expected\r\n"
                 "Try \"help ht\" for more information\r\n");
    check_output("ht \"a\\xb\"",
                 "hmp-test|ht: string expected\r\n"
                 "Try \"help ht\" for more information\r\n");
}

static void test_args_rest_of_line(void)
{
    check_output("ht a 1 the  rest  ",
                 "{\"a\":\"a\",\"n\":1,\"rest\":\"the  rest  \"}\r\n");
    check_output("ht a 1", "{\"a\":\"a\",\"n\":1}\r\n");
    check_output("qom-set / type",
                 "qom-set: string expected\r\n"
                 "Try \"help qom-set\" for more information\r\n");
}

static void test_args_flags(void)
{
    check_output("ht -f x", "{\"a\":\"x\",\"flag\":true}\r\n");
    check_output("ht -f -o x",
                 "{\"a\":\"x\",\"flag\":true,\"other\":true}\r\n");
    check_output("ht -o x", "{\"a\":\"x\",\"other\":true}\r\n");
    check_output("ht -x a",
                 "hmp-test|ht: unsupported option -x\r\n"
                 "Try \"help ht\" for more information\r\n");
}

static void test_args_integers(void)
{
    check_output("ht a 0x10", "{\"a\":\"a\",\"n\":16}\r\n");
    check_output("ht a 010", "{\"a\":\"a\",\"n\":8}\r\n");
    check_output("ht a 4294967295", "{\"a\":\"a\",\"n\":4294967295}\r\n");
    check_output("ht a 4294967296",
                 "'hmp-test|ht' has failed: integer is for 32-bit values\r\n"
                 "Try \"help ht\" for more information\r\n");
    check_output("ht a -1",
                 "'hmp-test|ht' has failed: integer is for 32-bit values\r\n"
                 "Try \"help ht\" for more information\r\n");
    check_output("ht a x1",
                 "invalid char 'x' in expression\r\n"
                 "Try \"help ht\" for more information\r\n");
    check_output("hmp-test-l 12x",
                 "hmp-test-l: extraneous characters at the end of line\r\n"
                 "Try \"help hmp-test-l\" for more information\r\n");
    check_output("hmp-test-l 0x100000000", "{\"v\":4294967296}\r\n");
    check_output("hmp-test-l -5", "{\"v\":-5}\r\n");
    check_output("hmp-test-l",
                 "unexpected end of expression\r\n"
                 "Try \"help hmp-test-l\" for more information\r\n");
}

static void test_args_bool(void)
{
    check_output("hmp-test-b on off", "{\"off\":false,\"on\":true}\r\n");
    check_output("hmp-test-b off", "{\"on\":false}\r\n");
    check_output("hmp-test-b maybe",
                 "Expected 'on' or 'off'\r\n"
                 "Try \"help hmp-test-b\" for more information\r\n");
}

static void test_args_opts(void)
{
    check_output("hmp-test-o isa-serial,id=s0,chardev=c0",
                 "{\"chardev\":\"c0\",\"driver\":\"isa-serial\","
                 "\"id\":\"s0\"}\r\n");
    check_output("hmp-test-o \"a,x=b c\"",
                 "{\"driver\":\"a\",\"x\":\"b c\"}\r\n");
    /* The argument may be left out. */
    check_output("hmp-test-o", "{}\r\n");
    /* A parse error goes to stderr (as QEMU's), then the hint. */
    check_output("hmp-test-o a,id=1x",
                 "Try \"help hmp-test-o\" for more information\r\n");
    /* The options were not kept: the same id parses again. */
    check_output("hmp-test-o b,id=s0",
                 "{\"driver\":\"b\",\"id\":\"s0\"}\r\n");
}

/* ---- help and info ---- */

static void test_help_one(void)
{
    check_output("help stop", "stop|s  -- stop emulation\r\n");
    check_output("help qom-get",
                 "qom-get path property -- print QOM property\r\n");
    check_output("help info version",
                 "info version  -- show the version of QEMU\r\n");
    check_output("help info version extra",
                 "info version  -- show the version of QEMU\r\n");
    check_output("? info status", "info status  -- show the current VM "
                 "status (running|paused)\r\n");
    check_output("help foo", "unknown command: 'foo'\r\n");
    check_output("help info foo", "unknown command: 'info foo'\r\n");
    check_output("help qom-set",
                 "qom-set [-j] path property value -- set QOM property.\r\n"
                 "\t\t\t-j: the value is specified in json format.\r\n");
}

/* Every line of the full help is "name params -- help", sorted. */
static void test_help_all(void)
{
    char *out = hmp_run_command("help");
    char *other = hmp_run_command("?");
    char **lines = g_strsplit(out, "\r\n", -1);
    const char *prev = "";
    int n = 0;

    g_assert_cmpstr(out, ==, other);
    for (int i = 0; lines[i] && *lines[i]; i++) {
        if (lines[i][0] == '\t') {
            continue;   /* continuation of a multi-line help */
        }
        g_assert_nonnull(strstr(lines[i], " -- "));
        g_assert_cmpint(strcmp(prev, lines[i]), <, 0);
        prev = lines[i];
        n++;
    }
    g_assert_cmpint(n, >=, 16);
    g_assert_nonnull(strstr(out, "\r\ninfo [subcommand] -- show various "
                            "information about the system state\r\n"));
    g_assert_nonnull(strstr(out, "\r\ncont|c  -- resume emulation\r\n"));
    g_assert_nonnull(strstr(out, "\r\ndevice_add driver[,prop=value][,...] "
                            "-- add device, like -device on the command "
                            "line\r\n"));
    g_strfreev(lines);
    g_free(out);
    g_free(other);
}

static void test_info_lists_subcommands(void)
{
    char *info = hmp_run_command("info");
    char *help = hmp_run_command("help info");
    char **lines = g_strsplit(info, "\r\n", -1);

    g_assert_cmpstr(info, ==, help);
    for (int i = 0; lines[i] && *lines[i]; i++) {
        g_assert_true(g_str_has_prefix(lines[i], "info "));
    }
    g_assert_nonnull(strstr(info, "info version  -- show the version of "
                            "QEMU\r\n"));
    g_assert_nonnull(strstr(info, "info qom-tree [path] -- show QOM "
                            "composition tree\r\n"));
    g_assert_nonnull(strstr(info, "info hmp-test-raw [arg] -- raw info\r\n"));
    g_strfreev(lines);
    g_free(info);
    g_free(help);
}

static void test_info_dispatch(void)
{
    check_output("info hmp-test-raw", "raw=<>\r\n");
    check_output("info hmp-test-raw  a  b ", "raw=<a  b>\r\n");
    check_output("info hmp-test-noargs", "raw=<>\r\n");
    check_output("info hmp-test-noargs x",
                 "hmp-test-noargs: extraneous characters at the end of "
                 "line\r\n"
                 "Try \"help info hmp-test-noargs\" for more information\r\n");
    check_output("info hmp-test-parsed \"a b\"", "{\"x\":\"a b\"}\r\n");
    check_output("info hmp-test-parsed",
                 "hmp-test-parsed: string expected\r\n"
                 "Try \"help info hmp-test-parsed\" for more information\r\n");
    check_output("info uuid", "00000000-0000-0000-0000-000000000000\r\n");
    check_output("info name", "");
    /* Without a line editor there is no history to show. */
    check_output("info history", "");
}

/* ---- errors ---- */

static void test_error_printing(void)
{
    ErrorPrintFunc *fn;
    void *opaque;

    check_output("hmp-test-report",
                 "boom 1\r\n"
                 "warning: careful\r\n"
                 "Error: bad thing\r\n"
                 "try something else\r\n");
    /* Afterwards error_report() is no longer redirected. */
    error_set_print_func(NULL, NULL, &fn, &opaque);
    g_assert_null(fn);
    g_assert_null(monitor_cur());
}

/* ---- commands over QMP ---- */

static void test_run_state(void)
{
    check_output("info status", "VM status: paused (prelaunch)\r\n");
    check_output("c", "");
    check_output("info status", "VM status: running\r\n");
    check_output("stop", "");
    check_output("info status", "VM status: paused\r\n");
    check_output("cont", "");
    check_output("info status", "VM status: running\r\n");
}

static void test_qom_commands(void)
{
    check_output("qom-list", "/\r\n");
    g_assert_true(output_contains("qom-list /", "type (string)\r\n"));
    check_output("qom-get / type", "\"container\"\r\n");
    check_output("qom-get \"/\" \"type\"", "\"container\"\r\n");
    check_output("qom-get /nonexist type",
                 "Error: Device '/nonexist' not found\r\n");
    check_output("qom-list /nonexist",
                 "Error: Device '/nonexist' not found\r\n");
    check_output("qom-set /nonexist a b",
                 "Error: Device '/nonexist' not found\r\n");
    check_output("qom-set -j /nonexist a true",
                 "Error: Device '/nonexist' not found\r\n");
    g_assert_true(output_contains("qom-set -j / type [", "Error: "));
    g_assert_true(output_contains("qom-set / nothere x", "Error: "));
}

static void test_device_commands(void)
{
    check_output("device_add", "Error: Parameter 'driver' is missing\r\n");
    check_output("device_add foo",
                 "Error: 'foo' is not a valid device model name\r\n");
    check_output("device_del",
                 "device_del: string expected\r\n"
                 "Try \"help device_del\" for more information\r\n");
    check_output("device_del nothere",
                 "Error: Device 'nothere' not found\r\n");
    g_assert_true(output_contains("device_add help", "\r\n"));
    check_output("device_add " TYPE_HMP_TEST_DEVICE ",id=hmpdev", "");
    g_assert_true(output_contains("info qom-tree",
                                  "/hmpdev (" TYPE_HMP_TEST_DEVICE ")\r\n"));
    check_output("device_add " TYPE_HMP_TEST_DEVICE ",id=hmpdev",
                 "Error: Duplicate device ID 'hmpdev'\r\n");
    check_output("device_add " TYPE_HMP_TEST_DEVICE ",help",
                 "There are no options for " TYPE_HMP_TEST_DEVICE ".\r\n");
    check_completion("device_del hmpd\t", "device_del hmpdev ");
    check_output("device_add isa-serial extra",
                 "device_add: extraneous characters at the end of line\r\n"
                 "Try \"help device_add\" for more information\r\n");
}

static void test_object_commands(void)
{
    check_output("object_add",
                 "object_add: string expected\r\n"
                 "Try \"help object_add\" for more information\r\n");
    check_output("object_add foo",
                 "Error: Parameter 'qom-type' does not accept value "
                 "'foo'\r\n");
    check_output("object_add id=x",
                 "Error: Parameter 'qom-type' is missing\r\n");
    check_output("object_add a,b",
                 "Error: Expected '=' after parameter 'b'\r\n");
    check_output("object_add a,=b", "Error: Invalid parameter ''\r\n");
    check_output("object_del nothere",
                 "Error: object 'nothere' not found\r\n");
}

static void test_object_lifecycle(void)
{
    g_assert_true(output_contains("object_add help",
                                  "List of user creatable objects:\r\n"));
    g_assert_true(output_contains("object_add help",
                                  "\r\n  " TYPE_HMP_TEST_OBJECT "\r\n"));
    /* Help for an unknown type lists the types too. */
    g_assert_true(output_contains("object_add nothing,help",
                                  "List of user creatable objects:\r\n"));
    g_assert_true(output_contains("object_add " TYPE_HMP_TEST_OBJECT ",help",
                                  TYPE_HMP_TEST_OBJECT " options:\r\n"
                                  "  color=<string>"));
    check_output("object_add " TYPE_HMP_TEST_OBJECT ",color=red",
                 "Error: Parameter 'id' is missing\r\n");
    check_output("object_add " TYPE_HMP_TEST_OBJECT ",id=o1,color=a,,b", "");
    check_output("qom-get /objects/o1 color", "\"a,b\"\r\n");
    check_output("qom-set /objects/o1 color blue", "");
    check_output("qom-get /objects/o1 color", "\"blue\"\r\n");
    check_output("qom-set -j /objects/o1 color \"green\"", "");
    check_output("qom-get /objects/o1 color", "\"green\"\r\n");
    g_assert_true(output_contains("qom-list /objects/o1",
                                  "color (string)\r\n"));
    g_assert_true(output_contains("object_add " TYPE_HMP_TEST_OBJECT
                                  ",id=o1", "Error: "));
    check_output("object_add " TYPE_HMP_TEST_OBJECT ",id=o2,shape=round",
                 "Error: Parameter 'shape' is unexpected\r\n");
    check_output("object_del o1", "");
    check_output("qom-get /objects/o1 color",
                 "Error: Device '/objects/o1' not found\r\n");
}

static void test_chardev_commands(void)
{
    check_output("chardev-add foo,id=x",
                 "Error: 'foo' is not a valid char driver name\r\n");
    check_output("chardev-remove nothere",
                 "Error: Chardev 'nothere' not found\r\n");
    check_output("chardev-add null,id=hmpnull", "");
    g_assert_true(output_contains("info chardev",
                                  "hmpnull: filename=null\r\n"));
    check_output("chardev-remove hmpnull", "");
    check_output("chardev-remove hmpnull",
                 "Error: Chardev 'hmpnull' not found\r\n");
}

static void test_human_monitor_command(void)
{
    Error *err = NULL;
    json_t *args = json_pack("{s:s}", "command-line", "info version");
    json_t *ret = qmp_call("human-monitor-command", args, &err);

    g_assert_null(err);
    g_assert_cmpstr(json_string_value(ret), ==, "7.2.0\r\n");
    json_decref(ret);
    json_decref(args);

    args = json_pack("{s:s}", "command-line", "foo");
    ret = qmp_call("human-monitor-command", args, &err);
    g_assert_null(err);
    g_assert_cmpstr(json_string_value(ret), ==,
                    "unknown command: 'foo'\r\n");
    json_decref(ret);
    json_decref(args);
}

/* ---- completion ---- */

typedef struct CompletionTerm {
    ReadLineState *rs;
    GString *out;
} CompletionTerm;

static void ct_write(void *opaque, const char *text)
{
    g_string_append(((CompletionTerm *)opaque)->out, text);
}

static void ct_complete(void *opaque, const char *text)
{
    hmp_complete(((CompletionTerm *)opaque)->rs, text);
}

/* Type s (ending in Tab) on a fresh line; the line after completion. */
static char *complete(const char *s, GString *listing)
{
    CompletionTerm t = { NULL, g_string_new(NULL) };
    char *line;

    t.rs = readline_new(ct_write, NULL, ct_complete, &t);
    readline_feed(t.rs, (const uint8_t *)s, strlen(s));
    line = g_strdup(readline_get_line(t.rs));
    if (listing) {
        g_string_assign(listing, t.out->str);
    }
    readline_free(t.rs);
    g_string_free(t.out, TRUE);
    return line;
}

static void check_completion(const char *typed, const char *expected)
{
    char *line = complete(typed, NULL);

    g_assert_cmpstr(line, ==, expected);
    g_free(line);
}

static void test_completion(void)
{
    GString *listing = g_string_new(NULL);
    char *line;

    check_completion("inf\t", "info ");
    check_completion("info ve\t", "info version ");
    check_completion("info qo\t", "info qom-tree ");
    check_completion("help inf\t", "help info ");
    check_completion("help info ver\t", "help info version ");
    check_completion("device_add hmp-test-d\t",
                     "device_add " TYPE_HMP_TEST_DEVICE " ");
    check_completion("zzz\t", "zzz");
    check_completion("qom-get /ma\t", "qom-get /ma");
    /* Aliases are candidates of their own. */
    check_completion("quit\t", "quit ");

    line = complete("qo\t", listing);
    g_assert_cmpstr(line, ==, "qom-");
    g_assert_nonnull(strstr(listing->str,
                            "\nqom-get   qom-list  qom-set   \n"));
    g_free(line);

    line = complete("\t", listing);
    g_assert_cmpstr(line, ==, "");
    g_assert_nonnull(strstr(listing->str, "?"));
    g_assert_nonnull(strstr(listing->str, "cont"));
    g_assert_nonnull(strstr(listing->str, "system_reset"));
    g_free(line);

    check_completion("object_add hmp-test-o\t",
                     "object_add " TYPE_HMP_TEST_OBJECT " ");
    check_output("object_add " TYPE_HMP_TEST_OBJECT ",id=hmpobj", "");
    check_completion("object_del hmpo\t", "object_del hmpobj ");
    check_output("object_del hmpobj", "");
    check_completion("object_del hmpo\t", "object_del hmpo");

    check_output("chardev-add null,id=hmpcomp", "");
    check_completion("chardev-remove hmpc\t", "chardev-remove hmpcomp ");
    check_output("chardev-remove hmpcomp", "");
    g_string_free(listing, TRUE);
}

/* ---- the monitor on a chardev ---- */

static Chardev *new_chardev(const char *spec)
{
    QemuOpts *opts = qemu_opts_parse(qemu_find_opts("chardev"), spec, true,
                                     &error_abort);
    Chardev *chr = qemu_chr_new_from_opts(opts, NULL, &error_abort);

    qemu_opts_del(opts);
    return chr;
}

/* Send bytes as a well-behaved backend does: only what can_read allows;
 * returns how many were taken. */
static size_t send_input(const char *label, const char *s, size_t len)
{
    Chardev *chr = qemu_chr_find(label);
    size_t i;

    for (i = 0; i < len; i++) {
        if (qemu_chr_be_can_write(chr) <= 0) {
            break;
        }
        qemu_chr_be_write(chr, (const uint8_t *)s + i, 1);
    }
    return i;
}

static size_t type_line(const char *label, const char *s)
{
    return send_input(label, s, strlen(s));
}

/* Take what a ringbuf chardev got. */
static char *take_output(const char *label)
{
    Error *err = NULL;
    json_t *args = json_pack("{s:s, s:i}", "device", label, "size", 65536);
    json_t *ret = qmp_call("ringbuf-read", args, &err);
    char *s;

    g_assert_null(err);
    s = g_strdup(json_string_value(ret));
    json_decref(ret);
    json_decref(args);
    return s;
}

static void check_chardev_output(const char *label, const char *expected)
{
    char *out = take_output(label);

    g_assert_cmpstr(out, ==, expected);
    g_free(out);
}

static void check_chardev_output_ends(const char *label, const char *suffix)
{
    char *out = take_output(label);

    if (!g_str_has_suffix(out, suffix)) {
        g_test_message("'%s' got: %s", label, out);
        g_test_fail();
    }
    g_free(out);
}

#define BANNER "QEMU 7.2.0 monitor - type 'help' for more information\r\n"

static void test_monitor_chardev(void)
{
    Chardev *chr = new_chardev("ringbuf,id=hmpring");

    g_assert_true(monitor_init_hmp(chr, true, &error_abort));
    check_chardev_output("hmpring", BANNER "(qemu) ");
    g_assert_cmpuint(type_line("hmpring", "info version\r"), ==, 13);
    check_chardev_output("hmpring",
                         "i\033[K\033[Din\033[K\033[D\033[Dinf\033[K"
                         "\033[D\033[D\033[Dinfo\033[K"
                         "\033[D\033[D\033[D\033[Dinfo \033[K"
                         "\033[D\033[D\033[D\033[D\033[Dinfo v\033[K"
                         "\033[D\033[D\033[D\033[D\033[D\033[Dinfo ve\033[K"
                         "\033[D\033[D\033[D\033[D\033[D\033[D\033[D"
                         "info ver\033[K"
                         "\033[D\033[D\033[D\033[D\033[D\033[D\033[D\033[D"
                         "info vers\033[K"
                         "\033[D\033[D\033[D\033[D\033[D\033[D\033[D\033[D"
                         "\033[Dinfo versi\033[K"
                         "\033[D\033[D\033[D\033[D\033[D\033[D\033[D\033[D"
                         "\033[D\033[Dinfo versio\033[K"
                         "\033[D\033[D\033[D\033[D\033[D\033[D\033[D\033[D"
                         "\033[D\033[D\033[Dinfo version\033[K"
                         "\r\n7.2.0\r\n(qemu) ");
    /* History recorded by the line editor. */
    type_line("hmpring", "\n");
    type_line("hmpring", "info history\n");
    check_chardev_output_ends("hmpring", "0: 'info version'\r\n"
                              "1: 'info history'\r\n(qemu) ");
    /* A reconnection shows the banner and drops the unfinished line. */
    type_line("hmpring", "abc");
    g_free(take_output("hmpring"));
    qemu_chr_be_event(chr, CHR_EVENT_CLOSED);
    qemu_chr_be_event(chr, CHR_EVENT_OPENED);
    type_line("hmpring", "\r");
    check_chardev_output("hmpring", BANNER "(qemu) \r\n(qemu) ");
    /* After quit no more input is read and no prompt comes back. */
    g_assert_cmpuint(type_line("hmpring", "quit\rinfo version\r"), ==, 5);
    check_chardev_output_ends("hmpring", "quit\033[K\r\n");
    g_assert_cmpint(qemu_chr_be_can_write(chr), ==, 0);
}

static void test_monitor_without_readline(void)
{
    Chardev *chr = new_chardev("ringbuf,id=hmpraw");
    static const char cmd[] = "info version";

    g_assert_true(monitor_init_hmp(chr, false, &error_abort));
    check_chardev_output("hmpraw", BANNER);
    /* One NUL-terminated command per read, no echo, no prompt. */
    qemu_chr_be_write(chr, (const uint8_t *)cmd, sizeof(cmd));
    check_chardev_output("hmpraw", "7.2.0\r\n");
    qemu_chr_be_write(chr, (const uint8_t *)cmd, strlen(cmd));
    check_chardev_output("hmpraw", "corrupted command\r\n");
}

/* Two monitors sharing one chardev; Ctrl-A c moves the focus. */
static void test_monitor_mux(void)
{
    Chardev *mux = new_chardev("ringbuf,id=hmpmux,mux=on");

    g_assert_true(monitor_init_hmp(mux, true, &error_abort));
    g_assert_true(monitor_init_hmp(mux, true, &error_abort));
    qemu_chr_machine_done();
    /* Only the focused monitor shows its banner now. */
    check_chardev_output("hmpmux-base", BANNER "(qemu) ");
    type_line("hmpmux-base", "info st");
    g_free(take_output("hmpmux-base"));
    /* Focus away: a line break; the other monitor's banner and prompt. */
    type_line("hmpmux-base", "\001c");
    check_chardev_output("hmpmux-base", "\r\n" BANNER "(qemu) ");
    type_line("hmpmux-base", "stop\r");
    check_chardev_output_ends("hmpmux-base", "stop\033[K\r\n(qemu) ");
    /* Back: the unfinished "info st" is gone, a fresh prompt. */
    type_line("hmpmux-base", "\001c");
    check_chardev_output("hmpmux-base", "\r\n(qemu) ");
    type_line("hmpmux-base", "\r");
    check_chardev_output("hmpmux-base", "\r\n(qemu) ");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    register_test_commands();

    g_test_add_func("/hmp/run-command", test_run_command);
    g_test_add_func("/hmp/unknown-command", test_unknown_command);
    g_test_add_func("/hmp/alternative-names", test_alternative_names);
    g_test_add_func("/hmp/args/extraneous", test_args_extraneous);
    g_test_add_func("/hmp/args/string", test_args_string);
    g_test_add_func("/hmp/args/rest-of-line", test_args_rest_of_line);
    g_test_add_func("/hmp/args/flags", test_args_flags);
    g_test_add_func("/hmp/args/integers", test_args_integers);
    g_test_add_func("/hmp/args/bool", test_args_bool);
    g_test_add_func("/hmp/args/opts", test_args_opts);
    g_test_add_func("/hmp/help/one", test_help_one);
    g_test_add_func("/hmp/help/all", test_help_all);
    g_test_add_func("/hmp/info/lists-subcommands",
                    test_info_lists_subcommands);
    g_test_add_func("/hmp/info/dispatch", test_info_dispatch);
    g_test_add_func("/hmp/error-printing", test_error_printing);
    g_test_add_func("/hmp/qmp/run-state", test_run_state);
    g_test_add_func("/hmp/qmp/qom", test_qom_commands);
    g_test_add_func("/hmp/qmp/device", test_device_commands);
    g_test_add_func("/hmp/qmp/object", test_object_commands);
    g_test_add_func("/hmp/qmp/object-lifecycle", test_object_lifecycle);
    g_test_add_func("/hmp/qmp/chardev", test_chardev_commands);
    g_test_add_func("/hmp/human-monitor-command",
                    test_human_monitor_command);
    g_test_add_func("/hmp/completion", test_completion);
    g_test_add_func("/hmp/monitor/chardev", test_monitor_chardev);
    g_test_add_func("/hmp/monitor/without-readline",
                    test_monitor_without_readline);
    g_test_add_func("/hmp/monitor/mux", test_monitor_mux);
    return g_test_run();
}
