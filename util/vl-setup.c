/*
 * vl-setup.c: the start-up sequence behind vl.c (see sysemu/vl-config.h):
 * help requests, validation of the whole configuration, the report of
 * options that need later parts of the emulator, object creation in
 * dependency order, and clean-up at exit.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/option.h"
#include "qemu/config-file.h"
#include "qemu/main-loop.h"
#include "qemu/fdset.h"
#include "qom/object.h"
#include "hw/qdev-core.h"
#include "hw/boards.h"
#include "exec/memory.h"
#include "chardev/char.h"
#include "monitor/monitor.h"
#include "sysemu/runstate.h"
#include "sysemu/sysemu.h"
#include "sysemu/os-posix.h"
#include "sysemu/accel.h"
#include "sysemu/vl-config.h"
#include "hw/i386/x86-cpu.h"
#include <sys/prctl.h>

static MachineClass *machine_class;
static GPtrArray *data_dirs;

/* Exit with an Error from start-up. */
static void QEMU_NORETURN die_err(Error *err)
{
    error_report_err(err);
    exit(1);
}

void vl_config_init(VLConfig *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
}

void vl_option_set(const char *optarg)
{
    const char *dot1 = strchr(optarg, '.');
    const char *dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;
    const char *eq = dot2 ? strchr(dot2 + 1, '=') : NULL;
    char *group, *id, *arg;
    QemuOptsList *list;
    QemuOpts *opts;
    Error *err = NULL;

    if (!dot1 || !dot2 || !eq) {
        error_report("Invalid -set parameter: %s", optarg);
        exit(1);
    }
    group = g_strndup(optarg, dot1 - optarg);
    id = g_strndup(dot1 + 1, dot2 - dot1 - 1);
    arg = g_strndup(dot2 + 1, eq - dot2 - 1);
    list = qemu_find_opts(group);
    if (!list) {
        error_report("There is no option group '%s'", group);
        exit(1);
    }
    opts = qemu_opts_find(list, id);
    if (!opts) {
        error_report("there is no %s \"%s\" defined", group, id);
        exit(1);
    }
    if (!qemu_opt_set(opts, arg, eq + 1, &err)) {
        die_err(err);
    }
    g_free(group);
    g_free(id);
    g_free(arg);
}

void vl_add_data_dir(const char *dir)
{
    if (!data_dirs) {
        data_dirs = g_ptr_array_new();
    }
    g_ptr_array_add(data_dirs, g_strdup(dir));
}

void vl_check_audiodev(QemuOpts *opts, const char *optname,
                       const char *optarg)
{
    const char *driver = qemu_opt_get(opts, "driver");

    if (driver && is_help_option(driver)) {
        printf("Possible audio drivers:\nnone\n");
        exit(0);
    }
    if (!qemu_opts_id(opts)) {
        error_report("Parameter 'id' is missing");
        exit(1);
    }
    if (!driver) {
        error_report("Parameter 'driver' is missing");
        exit(1);
    }
    if (strcmp(driver, "none")) {
        error_report("audio driver '%s' is not supported yet", driver);
        exit(1);
    }
}

void vl_parse_action(QemuOpts *opts)
{
    const char *v;

    v = qemu_opt_get(opts, "reboot");
    if (v) {
        if (!strcmp(v, "shutdown")) {
            no_reboot = true;
        } else if (!strcmp(v, "reset")) {
            no_reboot = false;
        } else {
            error_report("Parameter 'reboot' does not accept value '%s'", v);
            exit(1);
        }
    }
    v = qemu_opt_get(opts, "shutdown");
    if (v) {
        if (!strcmp(v, "pause")) {
            no_shutdown = true;
        } else if (!strcmp(v, "poweroff")) {
            no_shutdown = false;
        } else {
            error_report("Parameter 'shutdown' does not accept value '%s'",
                         v);
            exit(1);
        }
    }
    v = qemu_opt_get(opts, "panic");
    if (v) {
        static const char *const ok[] = {
            "pause", "shutdown", "exit-failure", "none", NULL
        };
        static const PanicAction actions[] = {
            PANIC_ACTION_PAUSE, PANIC_ACTION_SHUTDOWN,
            PANIC_ACTION_EXIT_FAILURE, PANIC_ACTION_NONE,
        };
        int i;

        for (i = 0; ok[i] && strcmp(ok[i], v); i++) {
        }
        if (!ok[i]) {
            error_report("Parameter 'panic' does not accept value '%s'", v);
            exit(1);
        }
        qemu_set_panic_action(actions[i]);
    }
    v = qemu_opt_get(opts, "watchdog");
    if (v) {
        static const char *const ok[] = {
            "reset", "shutdown", "poweroff", "pause", "debug", "none",
            "inject-nmi", NULL
        };
        if (!g_strv_contains(ok, v)) {
            error_report("Parameter 'watchdog' does not accept value '%s'",
                         v);
            exit(1);
        }
    }
}

void vl_realtime_to_overcommit(QemuOpts *opts)
{
    const char *mlock = qemu_opt_get(opts, "mlock");
    QemuOpts *oc;

    if (!mlock) {
        return;
    }
    oc = qemu_opts_create(qemu_find_opts("overcommit"), NULL, false,
                          &error_abort);
    qemu_opt_set(oc, "mem-lock", mlock, &error_abort);
}

/* ---- help requests ---- */

static const char *implied_value(QemuOpts *opts, const char *key)
{
    return qemu_opt_get(opts, key);
}

static void print_and_exit(GString *out)
{
    fputs(out->str, stdout);
    g_string_free(out, TRUE);
    exit(0);
}

static int device_help(void *opaque, QemuOpts *opts, Error **errp)
{
    const char *driver = implied_value(opts, "driver");
    GString *out = g_string_new(NULL);
    Error *err = NULL;

    if (driver && is_help_option(driver)) {
        qdev_print_device_list(out);
        print_and_exit(out);
    }
    if (driver && qemu_opts_has_help(opts)) {
        if (!qdev_print_device_props(out, driver, &err)) {
            /* The reference prints the error and still exits 0. */
            fputs(out->str, stdout);
            error_report_err(err);
            exit(0);
        }
        print_and_exit(out);
    }
    g_string_free(out, TRUE);
    return 0;
}

static int object_help(void *opaque, QemuOpts *opts, Error **errp)
{
    const char *type = implied_value(opts, "qom-type");
    json_t *props;

    if (!type || !qemu_opts_has_help(opts)) {
        return 0;
    }
    props = qemu_opts_to_json(opts);
    if (user_creatable_print_help(type, props)) {
        exit(0);
    }
    json_decref(props);
    return 0;
}

static int chardev_help(void *opaque, QemuOpts *opts, Error **errp)
{
    const char *backend = implied_value(opts, "backend");

    if (backend && is_help_option(backend)) {
        GString *out = g_string_new(NULL);
        qemu_chr_print_backends(out);
        print_and_exit(out);
    }
    return 0;
}

static int accel_help(void *opaque, QemuOpts *opts, Error **errp)
{
    const char *name = implied_value(opts, "accel");

    if (name && is_help_option(name)) {
        GString *out = g_string_new(NULL);
        accel_print_help(out);
        print_and_exit(out);
    }
    return 0;
}

static int netdev_help(void *opaque, QemuOpts *opts, Error **errp)
{
    const char *type = implied_value(opts, "type");

    if (type && is_help_option(type)) {
        printf("Available netdev backend types:\n"
               "(none yet: network backends come in a later release)\n");
        exit(0);
    }
    return 0;
}

static int display_help(void *opaque, QemuOpts *opts, Error **errp)
{
    const char *type = implied_value(opts, "type");

    if (type && is_help_option(type)) {
        printf("Available display backend types:\nnone\n");
        exit(0);
    }
    return 0;
}

static void machine_props_help(MachineClass *mc)
{
    ObjectClass *oc = OBJECT_CLASS(mc);
    GPtrArray *props = object_class_property_list(oc);
    guint i;

    printf("%s options:\n", object_class_get_name(oc));
    for (i = 0; i < props->len; i++) {
        ObjectProperty *p = g_ptr_array_index(props, i);
        char *line;

        if (!strcmp(p->name, "type")) {
            continue;           /* every object's; not a machine option */
        }
        line = object_property_help(p->name, p->type, p->defval,
                                    p->description);
        printf("%s\n", line);
        g_free(line);
    }
    g_ptr_array_free(props, TRUE);
}

void vl_handle_help_requests(VLConfig *cfg)
{
    if (cfg->cpu_model && x86_cpu_option_is_help(cfg->cpu_model)) {
        GString *out = g_string_new(NULL);
        x86_cpu_print_help(out);
        print_and_exit(out);
    }
    QemuOpts *mopts = qemu_opts_find(qemu_find_opts("machine"), NULL);

    if (mopts) {
        const char *type = qemu_opt_get(mopts, "type");

        if (type && is_help_option(type)) {
            GString *out = g_string_new(NULL);
            machine_print_help(out);
            print_and_exit(out);
        }
        if (qemu_opts_has_help(mopts) || (qemu_opt_get(mopts, "help"))) {
            MachineClass *mc = type ? machine_class_find(type)
                                    : machine_class_default();
            if (mc) {
                machine_props_help(mc);
                exit(0);
            }
        }
    }
    qemu_opts_foreach(qemu_find_opts("accel"), accel_help, NULL, NULL);
    qemu_opts_foreach(qemu_find_opts("device"), device_help, NULL, NULL);
    qemu_opts_foreach(qemu_find_opts("object"), object_help, NULL, NULL);
    qemu_opts_foreach(qemu_find_opts("chardev"), chardev_help, NULL, NULL);
    qemu_opts_foreach(qemu_find_opts("netdev"), netdev_help, NULL, NULL);
    qemu_opts_foreach(qemu_find_opts("display"), display_help, NULL, NULL);
}

/* ---- validation ---- */

void vl_add_unsupported(VLConfig *cfg, const char *optname,
                        const char *optarg, char *msg)
{
    VLUnsupported *u = g_new0(VLUnsupported, 1);

    u->optname = optname;
    u->optarg = optarg;
    u->msg = msg;
    cfg->unsupported = g_list_append(cfg->unsupported, u);
}

/* Record an unsupported feature at the location of opts (or none). */
static void add_unsupported(VLConfig *cfg, QemuOpts *opts, char *msg)
{
    Location loc = { NULL, NULL };

    if (opts) {
        qemu_opts_loc_restore(opts);
        loc_save(&loc);
    }
    vl_add_unsupported(cfg, loc.optname, loc.optarg, msg);
}

/* Machine types of the reference that the PC board part will bring. */
static bool machine_name_is_future(const char *name)
{
    return g_str_has_prefix(name, "pc-q35-") || !strcmp(name, "q35") ||
           !strcmp(name, "microvm") || !strcmp(name, "x-remote");
}

static void validate_machine(VLConfig *cfg, QemuOpts *mopts)
{
    const char *type = mopts ? qemu_opt_get(mopts, "type") : NULL;

    if (mopts) {
        qemu_opts_loc_restore(mopts);
    }
    if (!type) {
        machine_class = machine_class_default();
        if (!machine_class) {
            /* The default (pc-i440fx-7.2) comes with the PC board. */
            loc_set_none();
            add_unsupported(cfg, NULL, g_strdup(
                "the default machine type 'pc-i440fx-7.2' is not supported "
                "yet (use -machine none)"));
        }
        return;
    }
    machine_class = machine_class_find(type);
    if (!machine_class) {
        if (machine_name_is_future(type)) {
            vl_add_unsupported(cfg, cfg->machine_optname, cfg->machine_optarg,
                               g_strdup_printf("machine type '%s' is not "
                                            "supported yet", type));
            return;
        }
        loc_set_none();
        error_report("unsupported machine type");
        error_printf("Use -machine help to list supported machines\n");
        exit(1);
    }
}

static const char *accel_names_legacy(QemuOpts *mopts)
{
    return mopts ? qemu_opt_get(mopts, "accel") : NULL;
}

typedef struct AccelChoice {
    AccelClass *chosen;
    GString *missing;           /* names asked for but not provided yet */
    QemuOpts *first;
} AccelChoice;

/* -accel is an ordered list of fallbacks: the first one provided wins. */
static int validate_accel_one(void *opaque, QemuOpts *opts, Error **errp)
{
    AccelChoice *c = opaque;
    const char *name = qemu_opt_get(opts, "accel");

    if (!name) {
        error_report("Parameter 'accel' is missing");
        exit(1);
    }
    if (!accel_find(name) && !accel_name_is_known(name)) {
        error_report("invalid accelerator %s", name);
        exit(1);
    }
    if (c->chosen) {
        return 0;
    }
    if (accel_find(name)) {
        c->chosen = accel_find(name);
        return 0;
    }
    if (!c->first) {
        c->first = opts;
    }
    g_string_append_printf(c->missing, "%s'%s'", c->missing->len ? ", " : "",
                           name);
    return 0;
}

static void validate_accel(VLConfig *cfg, QemuOpts *mopts)
{
    const char *legacy = accel_names_legacy(mopts);
    QemuOptsList *accels = qemu_find_opts("accel");
    AccelChoice c = { .missing = g_string_new(NULL) };

    if (legacy) {
        char **names;
        int i;

        if (accels->head) {
            error_report("The -accel and \"-machine accel=\" options are "
                         "incompatible");
            exit(1);
        }
        names = g_strsplit(legacy, ":", 0);
        for (i = 0; names[i]; i++) {
            QemuOpts *o = qemu_opts_create(accels, NULL, false,
                                           &error_abort);
            qemu_opt_set(o, "accel", names[i], &error_abort);
        }
        g_strfreev(names);
        qemu_opt_unset(mopts, "accel");
    }
    qemu_opts_foreach(accels, validate_accel_one, &c, NULL);
    if (!c.chosen && c.first) {
        add_unsupported(cfg, c.first,
                        g_strdup_printf("%s %s: not supported yet",
                                        strchr(c.missing->str, ',') ?
                                        "accelerators" : "accelerator",
                                        c.missing->str));
    }
    g_string_free(c.missing, TRUE);
}

static void validate_rtc(QemuOpts *opts)
{
    const char *v;

    if (!opts) {
        return;
    }
    qemu_opts_loc_restore(opts);
    v = qemu_opt_get(opts, "base");
    if (v && strcmp(v, "utc") && strcmp(v, "localtime")) {
        int y, mo, d, h = 0, mi = 0, s = 0;
        if (sscanf(v, "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &s) != 6 &&
            sscanf(v, "%d-%d-%d", &y, &mo, &d) != 3) {
            loc_set_none();
            error_report("invalid datetime format");
            error_printf("valid formats: '2006-06-17T16:01:21' or "
                              "'2006-06-17'\n");
            exit(1);
        }
    }
    v = qemu_opt_get(opts, "clock");
    if (v && strcmp(v, "host") && strcmp(v, "rt") && strcmp(v, "vm")) {
        loc_set_none();
        error_report("invalid option value '%s'", v);
        exit(1);
    }
    v = qemu_opt_get(opts, "driftfix");
    if (v && strcmp(v, "none") && strcmp(v, "slew")) {
        loc_set_none();
        error_report("invalid option value '%s'", v);
        exit(1);
    }
}

static void validate_boot(QemuOpts *opts)
{
    static const char *const bools[] = { "menu", "strict", NULL };
    static const char *const drives[] = { "order", "once", NULL };
    int i;

    if (!opts) {
        return;
    }
    for (i = 0; bools[i]; i++) {
        const char *v = qemu_opt_get(opts, bools[i]);
        bool b;
        if (v && !qapi_bool_parse(bools[i], v, &b, NULL)) {
            error_report("Parameter 'boot.%s' expects 'on' or 'off'",
                         bools[i]);
            exit(1);
        }
    }
    for (i = 0; drives[i]; i++) {
        const char *v = qemu_opt_get(opts, drives[i]);
        for (; v && *v; v++) {
            if (*v < 'a' || *v > 'p') {
                error_report("Invalid boot device '%c'", *v);
                exit(1);
            }
        }
    }
}

static void validate_name(QemuOpts *opts)
{
    if (!opts) {
        return;
    }
    qemu_name = qemu_opt_get(opts, "guest");
    error_guest_name = qemu_name;
    qemu_debug_threads = qemu_opt_get_bool(opts, "debug-threads", false);
}

static void validate_sandbox(QemuOpts *opts)
{
    static const struct {
        const char *key;
        const char *const values[4];
    } keys[] = {
        { "obsolete", { "allow", "deny", NULL } },
        { "elevateprivileges", { "allow", "deny", "children", NULL } },
        { "spawn", { "allow", "deny", NULL } },
        { "resourcecontrol", { "allow", "deny", NULL } },
    };
    size_t i;

    if (!opts) {
        return;
    }
    qemu_opts_loc_restore(opts);
    for (i = 0; i < ARRAY_SIZE(keys); i++) {
        const char *v = qemu_opt_get(opts, keys[i].key);
        if (v && !g_strv_contains(keys[i].values, v)) {
            error_report("invalid argument for %s", keys[i].key);
            exit(1);
        }
    }
}

void vl_validate(VLConfig *cfg)
{
    QemuOpts *mopts = qemu_opts_find(qemu_find_opts("machine"), NULL);
    Error *err = NULL;

    validate_machine(cfg, mopts);
    validate_accel(cfg, mopts);
    if (machine_class) {
        CpuTopology topo;
        uint64_t ram, maxram, slots;
        QemuOpts *smp = qemu_opts_find(qemu_find_opts("smp-opts"), NULL);
        QemuOpts *mem = qemu_opts_find(qemu_find_opts("memory"), NULL);

        loc_set_none();
        if (!machine_parse_smp(machine_class, smp, &topo, &err) ||
            !machine_parse_memory(machine_class, mem, &ram, &maxram, &slots,
                                  &err)) {
            die_err(err);
        }
    }
    validate_rtc(qemu_opts_find(qemu_find_opts("rtc"), NULL));
    loc_set_none();
    validate_boot(qemu_opts_find(qemu_find_opts("boot-opts"), NULL));
    validate_name(qemu_opts_find(qemu_find_opts("name"), NULL));
    validate_sandbox(qemu_opts_find(qemu_find_opts("sandbox"), NULL));
    loc_set_none();
    if (cfg->daemonize && cfg->nographic) {
        /*
         * -nographic would put the default serial port, parallel port and
         * monitor on stdio, which a daemon does not have.  When every one
         * of them is explicitly placed (or -nodefaults), it is harmless.
         */
        bool default_monitor = !cfg->monitors &&
            !qemu_find_opts("mon")->head && !cfg->nodefaults;
        bool default_serial = !cfg->serial_given && !cfg->nodefaults &&
            machine_class && !machine_class->no_serial;
        bool default_parallel = !cfg->parallel_given && !cfg->nodefaults &&
            machine_class && !machine_class->no_parallel;

        if (default_monitor || default_serial || default_parallel) {
            error_report("-nographic cannot be used with -daemonize");
            exit(1);
        }
    }
    if (mopts && !qemu_opt_get(mopts, "kernel")) {
        if (qemu_opt_get(mopts, "initrd")) {
            error_report("-initrd only allowed with -kernel option");
            exit(1);
        }
        if (qemu_opt_get(mopts, "append")) {
            error_report("-append only allowed with -kernel option");
            exit(1);
        }
    }
    if (data_dirs) {
        g_ptr_array_add(data_dirs, NULL);
        qemu_data_dirs = (const char **)data_dirs->pdata;
    }
}

void vl_report_unsupported(VLConfig *cfg)
{
    GList *l;

    for (l = cfg->unsupported; l; l = l->next) {
        VLUnsupported *u = l->data;

        if (u->optname) {
            loc_set_cmdline(u->optname, u->optarg);
        } else {
            loc_set_none();
        }
        error_report("%s", u->msg);
    }
    loc_set_none();
    if (cfg->unsupported) {
        exit(1);
    }
}

/* ---- creation ---- */

static int add_fd_one(void *opaque, QemuOpts *opts, Error **errp)
{
    int64_t fd = qemu_opt_find(opts, "fd") ?
                 (int64_t)qemu_opt_get_number(opts, "fd", 0) : -1;
    int64_t set = qemu_opt_find(opts, "set") ?
                  (int64_t)qemu_opt_get_number(opts, "set", 0) : -1;

    return qemu_fdset_add_opts(fd, set, qemu_opt_get(opts, "opaque"), errp)
           ? 0 : -1;
}

static int object_create_one(void *opaque, QemuOpts *opts, Error **errp)
{
    json_t *dict = qemu_opts_to_json(opts);
    Object *obj = user_creatable_add_dict(dict, errp);

    json_decref(dict);
    return obj ? 0 : -1;
}

static int chardev_create_one(void *opaque, QemuOpts *opts, Error **errp)
{
    return qemu_chr_new_from_opts(opts, NULL, errp) ? 0 : -1;
}

static int mon_create_one(void *opaque, QemuOpts *opts, Error **errp)
{
    return monitor_init_opts(opts, errp) ? 0 : -1;
}

static int device_create_one(void *opaque, QemuOpts *opts, Error **errp)
{
    json_t *dict = qemu_opts_to_json(opts);
    bool from_json = qemu_opts_get_json(opts) != NULL;
    DeviceState *dev = qdev_device_add_from_dict(dict, from_json, errp);

    json_decref(dict);
    return dev ? 0 : -1;
}

static int global_register_one(void *opaque, QemuOpts *opts, Error **errp)
{
    qdev_prop_register_global(qemu_opt_get(opts, "driver"),
                              qemu_opt_get(opts, "property"),
                              qemu_opt_get(opts, "value"));
    return 0;
}

/* Errors are fatal while the failing option is the error location. */
static void run_foreach(const char *group, qemu_opts_loopfunc fn,
                        void *opaque)
{
    qemu_opts_foreach(qemu_find_opts(group), fn, opaque, &error_fatal);
    loc_set_none();
}

static void create_serials(GList *list, const char *prefix)
{
    GList *l;
    int index = 0;

    for (l = list; l; l = l->next) {
        VLShorthand *s = l->data;
        Error *err = NULL;
        char *label;

        loc_set_cmdline(s->optname, s->optarg);
        if (!strcmp(s->optarg, "none")) {
            continue;
        }
        label = g_strdup_printf("%s%d", prefix, index++);
        if (!qemu_chr_new(label, s->optarg, NULL, &err)) {
            if (err) {
                error_report_err(err);
            }
            error_report("could not connect %s device to character backend "
                         "'%s'", !strcmp(prefix, "serial") ? "serial"
                                                           : "parallel",
                         s->optarg);
            exit(1);
        }
        g_free(label);
    }
    loc_set_none();
}

/*
 * -debugcon DEV: a chardev "debugcon" and an isa-debugcon device (id
 * "debugcon") on it, created with the other -device options.
 */
static void create_debugcons(GList *list)
{
    GList *l;

    for (l = list; l; l = l->next) {
        VLShorthand *s = l->data;
        Error *err = NULL;
        QemuOpts *dev;

        loc_set_cmdline(s->optname, s->optarg);
        if (!qemu_chr_new("debugcon", s->optarg, NULL, &err)) {
            if (err) {
                error_report_err(err);
            }
            error_report("could not connect debugcon device to character "
                         "backend '%s'", s->optarg);
            exit(1);
        }
        dev = qemu_opts_create(qemu_find_opts("device"), "debugcon", true,
                               &error_fatal);
        qemu_opt_set(dev, "driver", "isa-debugcon", &error_abort);
        qemu_opt_set(dev, "chardev", "debugcon", &error_abort);
    }
    loc_set_none();
}

static void create_monitor_shorthands(GList *list)
{
    static int index;
    GList *l;

    for (l = list; l; l = l->next) {
        VLShorthand *s = l->data;
        Error *err = NULL;
        Chardev *chr;
        const char *id;

        loc_set_cmdline(s->optname, s->optarg);
        if (!strcmp(s->optarg, "none")) {
            continue;
        }
        if (g_str_has_prefix(s->optarg, "chardev:")) {
            id = s->optarg + strlen("chardev:");
            chr = qemu_chr_find(id);
            if (!chr) {
                error_report("chardev \"%s\" not found", id);
                exit(1);
            }
        } else {
            char *label = g_strdup_printf("compat_monitor%d", index++);
            QemuOpts *copts = qemu_chr_parse_compat(label, s->optarg, true,
                                                    &err);
            if (!copts) {
                /* Malformed tcp:/udp:/telnet: strings fail without an
                 * error of their own, as in the reference. */
                if (err) {
                    error_report_err(err);
                }
                error_report("parse error: %s", s->optarg);
                exit(1);
            }
            chr = qemu_chr_new_from_opts(copts, NULL, &err);
            if (!chr) {
                die_err(err);
            }
            g_free(label);
        }
        if (!strcmp(s->mode, "control")) {
            if (!monitor_init_qmp(chr, s->pretty, &err)) {
                die_err(err);
            }
        } else if (!monitor_init_hmp(chr, true, &err)) {
            die_err(err);
        }
    }
    loc_set_none();
}

static void apply_defaults(VLConfig *cfg)
{
    bool default_monitor = !cfg->monitors &&
        !qemu_find_opts("mon")->head && !cfg->nodefaults;
    bool default_serial = !cfg->serial_given && !cfg->nodefaults &&
        machine_class && !machine_class->no_serial;

    /*
     * Without -nographic the reference puts the defaults on graphical
     * consoles; there is no graphical console yet, so there are none.
     */
    if (!cfg->nographic) {
        return;
    }
    if (default_serial && default_monitor) {
        VLShorthand *s = g_new0(VLShorthand, 1);
        s->optname = "-nographic";
        s->optarg = "mon:stdio";
        cfg->serials = g_list_append(cfg->serials, s);
    } else {
        if (default_serial) {
            VLShorthand *s = g_new0(VLShorthand, 1);
            s->optname = "-nographic";
            s->optarg = "stdio";
            cfg->serials = g_list_append(cfg->serials, s);
        }
        if (default_monitor) {
            VLShorthand *s = g_new0(VLShorthand, 1);
            s->optname = "-nographic";
            s->optarg = "stdio";
            s->mode = "readline";
            cfg->monitors = g_list_append(cfg->monitors, s);
        }
    }
}

/*
 * "-machine kernel_irqchip=X" is sugar for the KVM accelerator's
 * kernel-irqchip property.  The accelerator is no device, so a -global
 * would never reach it: the value is kept here and set on the accelerator
 * object before the -accel options (which therefore win).
 */
static char *legacy_kernel_irqchip;

/*
 * Start the accelerator: the -accel list (or -machine accel=A:B) is tried
 * in order, the first that initializes wins; a failure before the last is
 * reported and the next one is tried, as the reference does.
 */
static void create_accel(void)
{
    QemuOptsList *accels = qemu_find_opts("accel");
    GList *l;
    bool tried = false;

    for (l = accels->head; l; l = l->next) {
        QemuOpts *opts = l->data;
        const char *name = qemu_opt_get(opts, "accel");
        AccelClass *ac = accel_find(name);
        json_t *props;
        const char *key;
        json_t *value;
        Object *obj;
        Error *err = NULL;

        if (!ac) {
            continue;
        }
        obj = object_new(object_class_get_name(OBJECT_CLASS(ac)));
        if (legacy_kernel_irqchip &&
            object_property_find(obj, "kernel-irqchip") &&
            !object_property_parse(obj, "kernel-irqchip",
                                   legacy_kernel_irqchip, &err)) {
            error_prepend(&err, "can't apply global %s.kernel-irqchip=%s: ",
                          object_get_typename(obj), legacy_kernel_irqchip);
            die_err(err);
        }
        qemu_opts_loc_restore(opts);
        props = qemu_opts_to_json(opts);
        json_object_foreach(props, key, value) {
            if (!strcmp(key, "accel") || !strcmp(key, "id")) {
                continue;
            }
            if (!object_property_set(obj, key, value, &err)) {
                die_err(err);
            }
        }
        json_decref(props);
        loc_set_none();
        tried = true;
        if (ac->init_machine && !ac->init_machine((AccelState *)obj, &err)) {
            error_report_err(err);
            object_unref(obj);
            if (l->next) {
                error_report("falling back to %s",
                             qemu_opt_get(l->next->data, "accel"));
            }
            continue;
        }
        object_property_add_child(object_get_root(), "accel", obj);
        object_unref(obj);
        accel_set_current((AccelState *)obj);
        return;
    }
    if (tried) {
        exit(1);
    }
}

/*
 * Exit with an error from the board.  Messages the reference prints with
 * "qemu: " instead of the program name ("qemu: could not load PC BIOS
 * 'x'", the Linux loader's) carry that prefix: printed as they are.
 */
static void QEMU_NORETURN die_machine_err(Error *err)
{
    const char *msg = error_get_pretty(err);

    if (g_str_has_prefix(msg, "qemu: ")) {
        error_printf("%s\n", msg);
        error_free(err);
        exit(1);
    }
    die_err(err);
}

static void create_machine(VLConfig *cfg)
{
    QemuOpts *mopts = qemu_opts_find(qemu_find_opts("machine"), NULL);
    QemuOpts *smp = qemu_opts_find(qemu_find_opts("smp-opts"), NULL);
    QemuOpts *mem = qemu_opts_find(qemu_find_opts("memory"), NULL);
    Object *obj = object_new(object_class_get_name(OBJECT_CLASS(machine_class)));
    MachineState *ms = MACHINE(obj);
    Error *err = NULL;

    object_property_add_child(object_get_root(), "machine", obj);
    object_unref(obj);
    qdev_machine_init();
    memory_map_init();

    machine_parse_smp(machine_class, smp, &ms->smp, &error_abort);
    machine_parse_memory(machine_class, mem, &ms->ram_size,
                         &ms->maxram_size, &ms->ram_slots, &error_abort);
    if (mopts) {
        json_t *props = qemu_opts_to_json(mopts);
        const char *key;
        json_t *value;

        /* -machine values are text ("hpet=off"), as -device's are. */
        QomInputMode old_mode = qom_input_mode_set(QOM_INPUT_KEYVAL);

        qemu_opts_loc_restore(mopts);
        loc_set_none();
        json_object_foreach(props, key, value) {
            if (!strcmp(key, "type") || !strcmp(key, "id")) {
                continue;
            }
            if (!strcmp(key, "kernel_irqchip") ||
                !strcmp(key, "kernel-irqchip")) {
                /* Legacy spelling of the KVM accelerator's property. */
                g_free(legacy_kernel_irqchip);
                legacy_kernel_irqchip = g_strdup(json_string_value(value));
                continue;
            }
            if (!object_property_set(obj, key, value, &err)) {
                die_err(err);
            }
        }
        qom_input_mode_set(old_mode);
        json_decref(props);
    }
    if (ms->memory_backend && *ms->memory_backend) {
        char *path = g_strdup_printf("/objects/%s", ms->memory_backend);
        Object *backend = object_resolve_path_type(path, "memory-backend",
                                                   NULL);
        g_free(path);
        if (!backend) {
            error_report("Memory backend '%s' not found", ms->memory_backend);
            exit(1);
        }
        ms->ram_backend = backend;
        ms->ram_size = object_property_get_uint(backend, "size",
                                                &error_abort);
    }
    create_accel();
    if (cfg->cpu_model) {
        /* After the accelerator: what it can provide filters the flags.
         * The reference reports these errors without the option. */
        if (!x86_cpu_parse_option(cfg->cpu_model, &err)) {
            die_err(err);
        }
        g_free(ms->cpu_type);
        ms->cpu_type = g_strdup(x86_cpu_option_type());
    }
    if (machine_class->init && !machine_class->init(ms, &err)) {
        die_machine_err(err);
    }
}

static void apply_name_and_overcommit(void)
{
    QemuOpts *name = qemu_opts_find(qemu_find_opts("name"), NULL);
    QemuOpts *oc = qemu_opts_find(qemu_find_opts("overcommit"), NULL);
    Error *err = NULL;

    if (name && qemu_opt_get(name, "process")) {
        prctl(PR_SET_NAME, qemu_opt_get(name, "process"));
    }
    if (oc && qemu_opt_get_bool(oc, "mem-lock", false)) {
        if (!os_mlock(&err)) {
            die_err(err);
        }
    }
}

void vl_create(VLConfig *cfg)
{
    Error *err = NULL;

    if (cfg->daemonize && !os_daemonize_start(&err)) {
        die_err(err);
    }
    if (!os_setup_signal_handling(&err)) {
        die_err(err);
    }
    if (cfg->pidfile && !os_pidfile_create(cfg->pidfile, &err)) {
        error_report("cannot create PID file: %s", error_get_pretty(err));
        error_free(err);
        exit(1);
    }
    apply_name_and_overcommit();

    run_foreach("add-fd", add_fd_one, NULL);
    run_foreach("object", object_create_one, NULL);
    run_foreach("chardev", chardev_create_one, NULL);
    apply_defaults(cfg);
    create_serials(cfg->serials, "serial");
    create_serials(cfg->parallels, "parallel");
    create_debugcons(cfg->debugcons);
    run_foreach("global", global_register_one, NULL);

    create_machine(cfg);

    run_foreach("mon", mon_create_one, NULL);
    create_monitor_shorthands(cfg->monitors);
    run_foreach("device", device_create_one, NULL);
    qdev_machine_creation_done();
    qemu_chr_machine_done();
    /* The first reset, in the board's order (devices, then the vCPUs). */
    machine_reset();

    if (!autostart_disabled) {
        vm_start();
    }
    if (cfg->daemonize) {
        os_daemonize_complete();
    }
}

void vl_cleanup(VLConfig *cfg)
{
    monitor_cleanup();
    qemu_chr_cleanup();
    os_pidfile_remove();
}
