/*
 * hmp-cmds.c: the human monitor's command tables and built-in commands.
 *
 * Each command is a thin printer over the QMP handler of the same job
 * (qmp_call()), so HMP and QMP cannot disagree; only the text layout is
 * HMP's, as QEMU 7.2 prints it.  Names, parameter strings and help texts
 * are QEMU's, since "help" shows them.  Other subsystems add commands with
 * hmp_register_command() and "info" subcommands with hmp_register_info().
 */
#include "qemu/osdep.h"
#include "monitor/hmp-internal.h"
#include "chardev/char.h"
#include "hw/qdev-core.h"
#include "qapi/qmp-json.h"
#include "qemu/option.h"
#include "qom/object.h"

/*
 * Run QMP command `name` with args (stolen; NULL for none).  Returns its
 * result, or prints the error as HMP does and returns NULL.
 */
static json_t *hmp_qmp(Monitor *mon, const char *name, json_t *args)
{
    Error *err = NULL;
    json_t *ret;

    if (!args) {
        args = json_object();
    }
    ret = qmp_call(name, args, &err);
    json_decref(args);
    if (!ret) {
        hmp_handle_error(mon, err);
    }
    return ret;
}

/* Run a QMP command whose result HMP does not print. */
static void hmp_qmp_void(Monitor *mon, const char *name, json_t *args)
{
    json_decref(hmp_qmp(mon, name, args));
}

static const char *arg_str(json_t *args, const char *key)
{
    return json_string_value(json_object_get(args, key));
}

/*
 * A JSON string of typed text.  HMP input is bytes, not necessarily UTF-8
 * (which json_string() and json_pack() insist on).
 */
static json_t *text(const char *s)
{
    return json_stringn_nocheck(s, strlen(s));
}

/* {key: value} for a QMP call. */
static json_t *str_arg(const char *key, const char *value)
{
    json_t *obj = json_object();

    json_object_set_new(obj, key, text(value));
    return obj;
}

static json_t *id_arg(json_t *args)
{
    return str_arg("id", arg_str(args, "id"));
}

static void print_gstring(Monitor *mon, GString *out)
{
    monitor_puts(mon, out->str);
    g_string_free(out, TRUE);
}

/* ---- top-level commands ---- */

static void hmp_cmd_help(Monitor *mon, json_t *args)
{
    hmp_help(mon, arg_str(args, "name"));
}

static void hmp_info_help(Monitor *mon, json_t *args)
{
    hmp_help(mon, "info");
}

static void hmp_stop(Monitor *mon, json_t *args)
{
    hmp_qmp_void(mon, "stop", NULL);
}

static void hmp_cont(Monitor *mon, json_t *args)
{
    hmp_qmp_void(mon, "cont", NULL);
}

static void hmp_system_reset(Monitor *mon, json_t *args)
{
    hmp_qmp_void(mon, "system_reset", NULL);
}

static void hmp_system_powerdown(Monitor *mon, json_t *args)
{
    hmp_qmp_void(mon, "system_powerdown", NULL);
}

static void hmp_quit(Monitor *mon, json_t *args)
{
    /* Nothing typed after "quit" runs, and no prompt comes back. */
    hmp_monitor_suspend(mon);
    hmp_qmp_void(mon, "quit", NULL);
}

static void hmp_device_add(Monitor *mon, json_t *args)
{
    const char *driver = arg_str(args, "driver");
    Error *err = NULL;
    GString *out;

    if (driver && is_help_option(driver)) {
        out = g_string_new(NULL);
        qdev_print_device_list(out);
        print_gstring(mon, out);
        return;
    }
    if (driver && (json_object_get(args, "help") ||
                   json_object_get(args, "?"))) {
        out = g_string_new(NULL);
        if (qdev_print_device_props(out, driver, &err)) {
            print_gstring(mon, out);
        } else {
            g_string_free(out, TRUE);
            hmp_handle_error(mon, err);
        }
        return;
    }
    /* The values are strings, parsed as -device parses them. */
    qdev_device_add_from_dict(args, false, &err);
    hmp_handle_error(mon, err);
}

static void hmp_device_del(Monitor *mon, json_t *args)
{
    hmp_qmp_void(mon, "device_del", id_arg(args));
}

static bool keyval_key_ok(const char *key)
{
    if (!*key) {
        return false;
    }
    for (const char *p = key; *p; p++) {
        if (!g_ascii_isalnum(*p) && !strchr("-_.", *p)) {
            return false;
        }
    }
    return true;
}

/*
 * "[qom-type=]TYPE,id=ID,prop=value,..." as QEMU's key=value parser reads
 * object_add's argument: ",," is a comma inside a value, a later key
 * replaces an earlier one.
 */
static json_t *parse_object_args(const char *str, Error **errp)
{
    json_t *dict = json_object();
    const char *p = str;
    bool first = true;
    Error *err = NULL;

    while (*p) {
        GString *key = g_string_new(NULL), *val = g_string_new(NULL);
        bool has_eq = false;

        while (*p && *p != ',' && *p != '=') {
            g_string_append_c(key, *p++);
        }
        if (*p == '=') {
            has_eq = true;
            p++;
            while (*p) {
                if (*p == ',' && p[1] == ',') {
                    g_string_append_c(val, ',');
                    p += 2;
                } else if (*p == ',') {
                    break;
                } else {
                    g_string_append_c(val, *p++);
                }
            }
        }
        if (*p == ',') {
            p++;
        }
        if (!has_eq && first) {
            g_string_assign(val, key->str);
            g_string_assign(key, "qom-type");
        } else if (!has_eq && is_help_option(key->str)) {
            g_string_assign(key, "help");
        } else if (!has_eq) {
            error_setg(&err, "Expected '=' after parameter '%s'", key->str);
        } else if (!keyval_key_ok(key->str)) {
            error_setg(&err, "Invalid parameter '%s'", key->str);
        }
        if (err) {
            g_string_free(key, TRUE);
            g_string_free(val, TRUE);
            json_decref(dict);
            error_propagate(errp, err);
            return NULL;
        }
        json_object_set_new(dict, key->str, text(val->str));
        g_string_free(key, TRUE);
        g_string_free(val, TRUE);
        first = false;
    }
    return dict;
}

static bool object_type_creatable(const char *type)
{
    ObjectClass *klass = object_class_by_name(type);

    return klass && !object_class_is_abstract(klass) &&
           object_class_dynamic_cast(klass, TYPE_USER_CREATABLE);
}

static gint compare_strings(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * object_add help / object_add TYPE,help: what -object prints, but on the
 * monitor (as QEMU's HMP does).
 */
static bool object_add_help(Monitor *mon, const char *type, json_t *dict)
{
    ObjectClass *klass;
    ObjectPropertyIterator iter;
    ObjectProperty *prop;
    GPtrArray *lines;

    if (!json_object_get(dict, "help") && !(type && is_help_option(type))) {
        return false;
    }
    klass = type ? object_class_by_name(type) : NULL;
    if (!klass) {
        /* "help", or help for an unknown type: the list of types. */
        GSList *list = object_class_get_list_sorted(TYPE_USER_CREATABLE,
                                                    false);

        monitor_printf(mon, "List of user creatable objects:\n");
        for (GSList *l = list; l; l = l->next) {
            monitor_printf(mon, "  %s\n", object_class_get_name(l->data));
        }
        g_slist_free(list);
        return true;
    }
    /* The settable properties, one line each, sorted. */
    lines = g_ptr_array_new_with_free_func(g_free);
    object_class_property_iter_init(&iter, klass);
    while ((prop = object_property_iter_next(&iter))) {
        if (prop->set) {
            g_ptr_array_add(lines, object_property_help(prop->name,
                                                        prop->type,
                                                        prop->defval,
                                                        prop->description));
        }
    }
    g_ptr_array_sort(lines, compare_strings);
    if (lines->len) {
        monitor_printf(mon, "%s options:\n", type);
    } else {
        monitor_printf(mon, "There are no options for %s.\n", type);
    }
    for (guint i = 0; i < lines->len; i++) {
        monitor_printf(mon, "%s\n", (char *)lines->pdata[i]);
    }
    g_ptr_array_free(lines, TRUE);
    return true;
}

static void hmp_object_add(Monitor *mon, json_t *args)
{
    Error *err = NULL;
    json_t *dict = parse_object_args(arg_str(args, "object"), &err);
    const char *type, *id;

    if (!dict) {
        hmp_handle_error(mon, err);
        return;
    }
    /* QEMU checks the type, then the id, then the properties. */
    type = arg_str(dict, "qom-type");
    id = arg_str(dict, "id");
    if (object_add_help(mon, type, dict)) {
        json_decref(dict);
        return;
    }
    if (!type) {
        error_setg(&err, "Parameter 'qom-type' is missing");
    } else if (!object_type_creatable(type)) {
        error_setg(&err, "Parameter 'qom-type' does not accept value '%s'",
                   type);
    } else if (!id) {
        error_setg(&err, "Parameter 'id' is missing");
    } else {
        json_t *props = json_deep_copy(dict);
        QomInputMode saved = qom_input_mode_set(QOM_INPUT_KEYVAL);

        json_object_del(props, "qom-type");
        json_object_del(props, "id");
        user_creatable_add_type(type, id, props, &err);
        qom_input_mode_set(saved);
        json_decref(props);
    }
    json_decref(dict);
    hmp_handle_error(mon, err);
}

static void hmp_object_del(Monitor *mon, json_t *args)
{
    hmp_qmp_void(mon, "object-del", id_arg(args));
}

static void hmp_qom_list(Monitor *mon, json_t *args)
{
    const char *path = arg_str(args, "path");
    json_t *list, *prop;
    size_t i;

    if (!path) {
        monitor_printf(mon, "/\n");
        return;
    }
    list = hmp_qmp(mon, "qom-list", str_arg("path", path));
    json_array_foreach(list, i, prop) {
        monitor_printf(mon, "%s (%s)\n", arg_str(prop, "name"),
                       arg_str(prop, "type"));
    }
    json_decref(list);
}

static void hmp_qom_get(Monitor *mon, json_t *args)
{
    json_t *qargs = str_arg("path", arg_str(args, "path"));
    json_t *val;
    char *str;

    json_object_set_new(qargs, "property", text(arg_str(args, "property")));
    val = hmp_qmp(mon, "qom-get", qargs);
    if (!val) {
        return;
    }
    str = qmp_json_to_string(val, true);
    monitor_printf(mon, "%s\n", str);
    g_free(str);
    json_decref(val);
}

static void hmp_qom_set(Monitor *mon, json_t *args)
{
    const char *path = arg_str(args, "path");
    const char *property = arg_str(args, "property");
    const char *value = arg_str(args, "value");
    Error *err = NULL;

    if (json_is_true(json_object_get(args, "json"))) {
        json_t *v = qemu_json_parse_value(value, &err);

        if (v) {
            json_t *qargs = str_arg("path", path);

            json_object_set_new(qargs, "property", text(property));
            json_object_set_new(qargs, "value", v);
            hmp_qmp_void(mon, "qom-set", qargs);
        }
    } else {
        /* Without -j the value is text, parsed as the property's type. */
        Object *obj = object_resolve_path(path, NULL);

        if (!obj) {
            error_set(&err, ERROR_CLASS_DEVICE_NOT_FOUND,
                      "Device '%s' not found", path);
        } else {
            object_property_parse(obj, property, value, &err);
        }
    }
    hmp_handle_error(mon, err);
}

static void hmp_chardev_add(Monitor *mon, json_t *args)
{
    QemuOptsList *list = qemu_find_opts_err("chardev", NULL);
    QemuOpts *opts = NULL;
    Error *err = NULL;

    if (list) {
        opts = qemu_opts_parse_noisily(list, arg_str(args, "args"), true);
    }
    if (!opts) {
        error_setg(&err, "Parsing chardev args failed");
    } else {
        qemu_chr_new_from_opts(opts, NULL, &err);
        qemu_opts_del(opts);
    }
    hmp_handle_error(mon, err);
}

static void hmp_chardev_remove(Monitor *mon, json_t *args)
{
    hmp_qmp_void(mon, "chardev-remove", id_arg(args));
}

/* ---- info subcommands ---- */

static int64_t int_member(json_t *obj, const char *key)
{
    return json_integer_value(json_object_get(obj, key));
}

static void hmp_info_version(Monitor *mon, json_t *args)
{
    json_t *info = hmp_qmp(mon, "query-version", NULL);
    json_t *qemu = json_object_get(info, "qemu");

    if (!info) {
        return;
    }
    monitor_printf(mon, "%" PRId64 ".%" PRId64 ".%" PRId64 "%s\n",
                   int_member(qemu, "major"), int_member(qemu, "minor"),
                   int_member(qemu, "micro"), arg_str(info, "package"));
    json_decref(info);
}

static void hmp_info_status(Monitor *mon, json_t *args)
{
    json_t *info = hmp_qmp(mon, "query-status", NULL);
    bool running;
    const char *status;

    if (!info) {
        return;
    }
    running = json_is_true(json_object_get(info, "running"));
    status = arg_str(info, "status");
    monitor_printf(mon, "VM status: %s%s", running ? "running" : "paused",
                   json_is_true(json_object_get(info, "singlestep")) ?
                   " (single step mode)" : "");
    /* Only the plain pause needs no explanation. */
    if (!running && status && strcmp(status, "paused") != 0) {
        monitor_printf(mon, " (%s)", status);
    }
    monitor_printf(mon, "\n");
    json_decref(info);
}

static void hmp_info_name(Monitor *mon, json_t *args)
{
    json_t *info = hmp_qmp(mon, "query-name", NULL);

    if (arg_str(info, "name")) {
        monitor_printf(mon, "%s\n", arg_str(info, "name"));
    }
    json_decref(info);
}

static void hmp_info_uuid(Monitor *mon, json_t *args)
{
    json_t *info = hmp_qmp(mon, "query-uuid", NULL);

    if (info) {
        monitor_printf(mon, "%s\n", arg_str(info, "UUID"));
    }
    json_decref(info);
}

static void hmp_info_chardev(Monitor *mon, json_t *args)
{
    json_t *list = hmp_qmp(mon, "query-chardev", NULL);
    json_t *chr;
    size_t i;

    json_array_foreach(list, i, chr) {
        monitor_printf(mon, "%s: filename=%s\n", arg_str(chr, "label"),
                       arg_str(chr, "filename"));
    }
    json_decref(list);
}

static void hmp_info_kvm(Monitor *mon, json_t *args)
{
    json_t *info = hmp_qmp(mon, "query-kvm", NULL);

    if (!info) {
        return;
    }
    monitor_printf(mon, "kvm support: ");
    if (json_is_true(json_object_get(info, "present"))) {
        monitor_printf(mon, "%s\n",
                       json_is_true(json_object_get(info, "enabled")) ?
                       "enabled" : "disabled");
    } else {
        monitor_printf(mon, "not compiled\n");
    }
    json_decref(info);
}

static void hmp_info_cpus(Monitor *mon, json_t *args)
{
    json_t *list = hmp_qmp(mon, "query-cpus-fast", NULL);
    json_t *cpu;
    size_t i;

    /* The monitor's current CPU ('*') is the first one. */
    json_array_foreach(list, i, cpu) {
        monitor_printf(mon, "%c CPU #%" PRId64 ":", i == 0 ? '*' : ' ',
                       int_member(cpu, "cpu-index"));
        monitor_printf(mon, " thread_id=%" PRId64 "\n",
                       int_member(cpu, "thread-id"));
    }
    json_decref(list);
}

static void hmp_info_iothreads(Monitor *mon, json_t *args)
{
    json_t *list = hmp_qmp(mon, "query-iothreads", NULL);
    json_t *io;
    size_t i;

    json_array_foreach(list, i, io) {
        monitor_printf(mon, "%s:\n", arg_str(io, "id"));
        monitor_printf(mon, "  thread_id=%" PRId64 "\n",
                       int_member(io, "thread-id"));
        monitor_printf(mon, "  poll-max-ns=%" PRId64 "\n",
                       int_member(io, "poll-max-ns"));
        monitor_printf(mon, "  poll-grow=%" PRId64 "\n",
                       int_member(io, "poll-grow"));
        monitor_printf(mon, "  poll-shrink=%" PRId64 "\n",
                       int_member(io, "poll-shrink"));
        monitor_printf(mon, "  aio-max-batch=%" PRId64 "\n",
                       int_member(io, "aio-max-batch"));
    }
    json_decref(list);
}

static void hmp_info_history(Monitor *mon, json_t *args)
{
    ReadLineState *rs = hmp_monitor_readline(mon);
    const char *line;

    /* human-monitor-command has no history: it prints nothing. */
    for (unsigned int i = 0; rs && (line = readline_get_history(rs, i));
         i++) {
        monitor_printf(mon, "%u: '%s'\n", i, line);
    }
}

static void hmp_info_qtree(Monitor *mon, json_t *args)
{
    GString *out = g_string_new(NULL);

    qdev_print_qtree(out);
    print_gstring(mon, out);
}

static void hmp_info_qom_tree(Monitor *mon, json_t *args)
{
    GString *out = g_string_new(NULL);

    qom_print_tree(out, arg_str(args, "path"));
    print_gstring(mon, out);
}

/* ---- completion of arguments ---- */

static void complete_classes(ReadLineState *rs, const char *str,
                             const char *implements, bool devices)
{
    GSList *list = object_class_get_list_sorted(implements, false);

    readline_set_completion_index(rs, strlen(str));
    for (GSList *l = list; l; l = l->next) {
        const char *name = object_class_get_name(l->data);

        if (devices && !DEVICE_CLASS(l->data)->user_creatable) {
            continue;
        }
        if (g_str_has_prefix(name, str)) {
            readline_add_completion(rs, name);
        }
    }
    g_slist_free(list);
}

static void device_add_completion(ReadLineState *rs, int nb_args,
                                  const char *str)
{
    if (nb_args == 2) {
        complete_classes(rs, str, TYPE_DEVICE, true);
    }
}

static void object_add_completion(ReadLineState *rs, int nb_args,
                                  const char *str)
{
    if (nb_args == 2) {
        complete_classes(rs, str, TYPE_USER_CREATABLE, false);
    }
}

typedef struct ChildCompletion {
    ReadLineState *rs;
    const char *str;
} ChildCompletion;

static int complete_child(Object *child, void *opaque)
{
    ChildCompletion *cc = opaque;
    const char *name = object_get_canonical_path_component(child);

    if (name && g_str_has_prefix(name, cc->str)) {
        readline_add_completion(cc->rs, name);
    }
    return 0;
}

/* The names of the children of the object at path. */
static void complete_children(ReadLineState *rs, const char *str,
                              const char *path)
{
    Object *parent = object_resolve_path(path, NULL);
    ChildCompletion cc = { rs, str };

    readline_set_completion_index(rs, strlen(str));
    if (parent) {
        object_child_foreach(parent, complete_child, &cc);
    }
}

static void device_del_completion(ReadLineState *rs, int nb_args,
                                  const char *str)
{
    if (nb_args == 2) {
        complete_children(rs, str, "/machine/peripheral");
    }
}

static void object_del_completion(ReadLineState *rs, int nb_args,
                                  const char *str)
{
    if (nb_args == 2) {
        complete_children(rs, str, "/objects");
    }
}

static void chardev_remove_completion(ReadLineState *rs, int nb_args,
                                      const char *str)
{
    GList *list;

    if (nb_args != 2) {
        return;
    }
    readline_set_completion_index(rs, strlen(str));
    list = qemu_chr_list();
    for (GList *l = list; l; l = l->next) {
        Chardev *chr = l->data;

        if (chr->label && g_str_has_prefix(chr->label, str)) {
            readline_add_completion(rs, chr->label);
        }
    }
    g_list_free(list);
}

/* ---- the tables ---- */

static const HmpCommand builtin_cmds[] = {
    { "chardev-add", "args:s", "args", "add chardev",
      hmp_chardev_add },
    { "chardev-remove", "id:s", "id", "remove chardev",
      hmp_chardev_remove, .complete = chardev_remove_completion },
    { "cont|c", "", "", "resume emulation", hmp_cont },
    { "device_add", "device:O", "driver[,prop=value][,...]",
      "add device, like -device on the command line",
      hmp_device_add, .complete = device_add_completion },
    { "device_del", "id:s", "device", "remove device",
      hmp_device_del, .complete = device_del_completion },
    { "help|?", "name:S?", "[cmd]", "show the help", hmp_cmd_help },
    { "info", "item:s?", "[subcommand]",
      "show various information about the system state",
      hmp_info_help, .sub_table = hmp_info_table },
    { "object_add", "object:S", "[qom-type=]type,id=str[,prop=value][,...]",
      "create QOM object", hmp_object_add,
      .complete = object_add_completion },
    { "object_del", "id:s", "id", "destroy QOM object",
      hmp_object_del, .complete = object_del_completion },
    { "qom-get", "path:s,property:s", "path property",
      "print QOM property", hmp_qom_get },
    { "qom-list", "path:s?", "path", "list QOM properties", hmp_qom_list },
    { "qom-set", "json:-j,path:s,property:s,value:S",
      "[-j] path property value",
      "set QOM property.\n\t\t\t-j: the value is specified in json format.",
      hmp_qom_set },
    { "quit|q", "", "", "quit the emulator", hmp_quit },
    { "stop|s", "", "", "stop emulation", hmp_stop },
    { "system_powerdown", "", "", "send system power down event",
      hmp_system_powerdown },
    { "system_reset", "", "", "reset the system", hmp_system_reset },
};

static const HmpCommand builtin_info[] = {
    { "chardev", "", "", "show the character devices", hmp_info_chardev },
    { "cpus", "", "", "show infos for each CPU", hmp_info_cpus },
    { "history", "", "", "show the command line history",
      hmp_info_history },
    { "iothreads", "", "", "show iothreads", hmp_info_iothreads },
    { "kvm", "", "", "show KVM information", hmp_info_kvm },
    { "name", "", "", "show the current VM name", hmp_info_name },
    { "qom-tree", "path:s?", "[path]", "show QOM composition tree",
      hmp_info_qom_tree },
    { "qtree", "", "", "show device tree", hmp_info_qtree },
    { "status", "", "", "show the current VM status (running|paused)",
      hmp_info_status },
    { "uuid", "", "", "show the current VM UUID", hmp_info_uuid },
    { "version", "", "", "show the version of QEMU", hmp_info_version },
};

/* Registered entries (const HmpCommand *), and the merged sorted tables
 * (rebuilt when NULL). */
static GPtrArray *extra_cmds, *extra_info;
static GPtrArray *cmd_table, *info_table;

static gint compare_cmd_names(gconstpointer a, gconstpointer b)
{
    const HmpCommand *x = *(const HmpCommand *const *)a;
    const HmpCommand *y = *(const HmpCommand *const *)b;

    return strcmp(x->name, y->name);
}

/* Add cmd to table; returns the entry of the same name it replaces. */
static const HmpCommand *table_put(GPtrArray *table, const HmpCommand *cmd)
{
    for (guint i = 0; i < table->len; i++) {
        const HmpCommand *old = g_ptr_array_index(table, i);

        if (strcmp(old->name, cmd->name) == 0) {
            table->pdata[i] = (gpointer)cmd;
            return old;
        }
    }
    g_ptr_array_add(table, (gpointer)cmd);
    return NULL;
}

static GPtrArray *build_table(const HmpCommand *builtins, size_t n,
                              GPtrArray *extra)
{
    GPtrArray *table = g_ptr_array_new();

    for (size_t i = 0; i < n; i++) {
        g_ptr_array_add(table, (gpointer)&builtins[i]);
    }
    for (guint i = 0; extra && i < extra->len; i++) {
        table_put(table, g_ptr_array_index(extra, i));
    }
    g_ptr_array_sort(table, compare_cmd_names);
    return table;
}

GPtrArray *hmp_cmd_table(void)
{
    if (!cmd_table) {
        cmd_table = build_table(builtin_cmds, ARRAY_SIZE(builtin_cmds),
                                extra_cmds);
    }
    return cmd_table;
}

GPtrArray *hmp_info_table(void)
{
    if (!info_table) {
        info_table = build_table(builtin_info, ARRAY_SIZE(builtin_info),
                                 extra_info);
    }
    return info_table;
}

/* Entries made by hmp_register_info() (freed when replaced). */
static GPtrArray *owned;

static void free_owned(const HmpCommand *cmd)
{
    if (cmd && owned && g_ptr_array_remove(owned, (gpointer)cmd)) {
        g_free((char *)cmd->name);
        g_free((char *)cmd->params);
        g_free((char *)cmd->help);
        g_free((HmpCommand *)cmd);
    }
}

static void register_in(GPtrArray **extra, GPtrArray **table,
                        const HmpCommand *cmd)
{
    if (!*extra) {
        *extra = g_ptr_array_new();
    }
    free_owned(table_put(*extra, cmd));
    if (*table) {
        g_ptr_array_free(*table, TRUE);
        *table = NULL;
    }
}

void hmp_register_command(const HmpCommand *cmd)
{
    register_in(&extra_cmds, &cmd_table, cmd);
}

void hmp_register_info_command(const HmpCommand *cmd)
{
    register_in(&extra_info, &info_table, cmd);
}

void hmp_register_info(const char *name, const char *params,
                       const char *help, HmpInfoFunc *fn)
{
    HmpCommand *cmd = g_new0(HmpCommand, 1);

    cmd->name = g_strdup(name);
    cmd->params = g_strdup(params ? params : "");
    cmd->help = g_strdup(help ? help : "");
    cmd->info = fn;
    if (!owned) {
        owned = g_ptr_array_new();
    }
    g_ptr_array_add(owned, cmd);
    hmp_register_info_command(cmd);
}
