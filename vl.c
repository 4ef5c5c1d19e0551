/*
 * vl.c: the qemu-system-x86_64 entry point.
 *
 * Reads the command line against the one option table
 * (include/sysemu/qemu-options.def) into option groups, rewriting the
 * legacy shorthands into those groups first; validates the whole line;
 * then creates objects in dependency order (fd sets, -object, chardevs,
 * machine, monitors, -device), sets the run state and runs the main loop.
 * It holds no device or protocol logic.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/option.h"
#include "qemu/config-file.h"
#include "qemu/main-loop.h"
#include "qemu/fdset.h"
#include "qemu/log.h"
#include "qom/object.h"
#include "hw/qdev-core.h"
#include "hw/boards.h"
#include "hw/firmware/smbios.h"
#include "exec/memory.h"
#include "chardev/char.h"
#include "monitor/monitor.h"
#include "sysemu/runstate.h"
#include "sysemu/sysemu.h"
#include "sysemu/os-posix.h"
#include "sysemu/vl-config.h"
#include <sys/prctl.h>

enum {
#define DEF(name, has_arg, enumname, arg_help, help) enumname,
#include "sysemu/qemu-options.def"
#undef DEF
};

typedef struct QEMUOption {
    const char *name;
    bool has_arg;
    int index;
    const char *arg_help;
    const char *help;
} QEMUOption;

static const QEMUOption qemu_options[] = {
#define DEF(name, has_arg, enumname, arg_help, help) \
    { name, has_arg, enumname, arg_help, help },
#include "sysemu/qemu-options.def"
#undef DEF
};

/* What the command line asked for, beyond the option groups. */
static VLConfig cfg;
/* -d and -D, applied once the command line is read. */
static const char *log_items, *log_filename;

static void help(void)
{
    size_t i;

    printf("QEMU emulator version " QEMU_VERSION "\n"
           "usage: " QEMU_PROGNAME " [options] [disk_image]\n\n"
           "Options (an argument in brackets is optional):\n");
    for (i = 0; i < ARRAY_SIZE(qemu_options); i++) {
        const QEMUOption *o = &qemu_options[i];
        printf("-%s%s%s\n        %s\n", o->name, o->has_arg ? " " : "",
               o->arg_help, o->help);
    }
    printf("\nDuring emulation, in a muxed terminal: Ctrl-a h prints the "
           "escape keys.\n");
}

static void version(void)
{
    printf("QEMU emulator version " QEMU_VERSION "\n"
           "An x86-64 PC emulator compatible with QEMU's interfaces\n");
}

static const QEMUOption *lookup_opt(int argc, char **argv,
                                    const char **optarg, int *optind)
{
    const char *r = argv[*optind];
    const char *name = r + 1;
    size_t i;

    loc_set_cmdline(r, NULL);
    (*optind)++;
    if (name[0] == '-') {
        name++;             /* --option is the same as -option */
    }
    for (i = 0; i < ARRAY_SIZE(qemu_options); i++) {
        if (!strcmp(qemu_options[i].name, name)) {
            const QEMUOption *o = &qemu_options[i];
            if (o->has_arg) {
                if (*optind >= argc) {
                    error_report("requires an argument");
                    exit(1);
                }
                *optarg = argv[(*optind)++];
                loc_set_cmdline(r, *optarg);
            } else {
                *optarg = NULL;
            }
            return o;
        }
    }
    error_report("invalid option");
    exit(1);
}

/* Parse optarg into group `group`; exit with the error on failure. */
static QemuOpts *parse_group(const char *group, const char *optarg,
                             bool implied)
{
    QemuOptsList *list = qemu_find_opts(group);
    QemuOpts *opts;
    Error *err = NULL;

    assert(list);
    opts = qemu_opts_parse(list, optarg, implied, &err);
    if (!opts) {
        error_report_err(err);
        exit(1);
    }
    return opts;
}

/* -device, -object, -netdev, -blockdev, -audiodev take JSON too. */
static QemuOpts *parse_group_json(const char *group, const char *optarg)
{
    if (optarg[0] == '{') {
        Error *err = NULL;
        QemuOpts *opts = qemu_opts_parse_json(qemu_find_opts(group), optarg,
                                              &err);
        if (!opts) {
            error_report_err(err);
            exit(1);
        }
        return opts;
    }
    return parse_group(group, optarg, true);
}

/*
 * Record that an option needs a part of the emulator that a later release
 * brings.  All of them are reported together once the whole command line
 * has been validated, so a user sees every gap at once.
 */
static void unsupported(const char *optname, const char *optarg,
                        const char *what)
{
    vl_add_unsupported(&cfg, optname, optarg,
                       g_strdup_printf("%s: not supported yet", what));
}

static void add_chardev_shorthand(GList **list, const char *optname,
                                  const char *optarg)
{
    VLShorthand *s = g_new0(VLShorthand, 1);

    s->optname = optname;
    s->optarg = optarg;
    *list = g_list_append(*list, s);
}

/* -monitor DEV / -qmp DEV / -qmp-pretty DEV */
static void add_monitor_shorthand(const char *optname, const char *optarg,
                                  const char *mode, bool pretty)
{
    VLShorthand *s = g_new0(VLShorthand, 1);

    s->optname = optname;
    s->optarg = optarg;
    s->mode = mode;
    s->pretty = pretty;
    cfg.monitors = g_list_append(cfg.monitors, s);
}

static void set_machine_opt(const char *key, const char *value)
{
    QemuOpts *opts = qemu_opts_create(qemu_find_opts("machine"), NULL, false,
                                      &error_abort);
    qemu_opt_set(opts, key, value, &error_abort);
}

static void parse_option(const QEMUOption *popt, const char *optname,
                         const char *optarg)
{
    Error *err = NULL;
    QemuOpts *opts;

    switch (popt->index) {
    case QEMU_OPTION_h:
    case QEMU_OPTION_help:
        help();
        exit(0);
    case QEMU_OPTION_version:
        version();
        exit(0);
    case QEMU_OPTION_M:
    case QEMU_OPTION_machine:
        opts = parse_group("machine", optarg, true);
        if (qemu_opt_find(opts, "type")) {
            cfg.machine_optname = optname;
            cfg.machine_optarg = optarg;
        }
        break;
    case QEMU_OPTION_accel:
        parse_group("accel", optarg, true);
        break;
    case QEMU_OPTION_enable_kvm:
        /* As the reference: the same as -machine accel=kvm. */
        set_machine_opt("accel", "kvm");
        break;
    case QEMU_OPTION_no_kvm:
        set_machine_opt("accel", "tcg");
        break;
    case QEMU_OPTION_smp:
        parse_group("smp-opts", optarg, true);
        break;
    case QEMU_OPTION_m:
        parse_group("memory", optarg, true);
        break;
    case QEMU_OPTION_boot:
        parse_group("boot-opts", optarg, true);
        break;
    case QEMU_OPTION_rtc:
        parse_group("rtc", optarg, false);
        break;
    case QEMU_OPTION_name:
        parse_group("name", optarg, true);
        break;
    case QEMU_OPTION_uuid:
        if (!qemu_uuid_parse(optarg, qemu_uuid)) {
            error_report("failed to parse UUID string: wrong format");
            exit(1);
        }
        qemu_uuid_set = true;
        break;
    case QEMU_OPTION_add_fd:
        parse_group("add-fd", optarg, false);
        break;
    case QEMU_OPTION_set:
        vl_option_set(optarg);
        break;
    case QEMU_OPTION_global:
        if (!qemu_global_option(optarg, &err)) {
            error_report_err(err);
            exit(1);
        }
        break;
    case QEMU_OPTION_chardev:
        parse_group("chardev", optarg, true);
        break;
    case QEMU_OPTION_mon:
        parse_group("mon", optarg, true);
        break;
    case QEMU_OPTION_monitor:
        add_monitor_shorthand(optname, optarg, "readline", false);
        break;
    case QEMU_OPTION_qmp:
        add_monitor_shorthand(optname, optarg, "control", false);
        break;
    case QEMU_OPTION_qmp_pretty:
        add_monitor_shorthand(optname, optarg, "control", true);
        break;
    case QEMU_OPTION_serial:
        cfg.serial_given = true;
        add_chardev_shorthand(&cfg.serials, optname, optarg);
        break;
    case QEMU_OPTION_parallel:
        cfg.parallel_given = true;
        add_chardev_shorthand(&cfg.parallels, optname, optarg);
        break;
    case QEMU_OPTION_debugcon:
        add_chardev_shorthand(&cfg.debugcons, optname, optarg);
        break;
    case QEMU_OPTION_device:
        opts = parse_group_json("device", optarg);
        (void)opts;
        break;
    case QEMU_OPTION_object:
        parse_group_json("object", optarg);
        break;
    case QEMU_OPTION_netdev:
        parse_group_json("netdev", optarg);
        unsupported(optname, optarg, "networking");
        break;
    case QEMU_OPTION_nic:
        parse_group("nic", optarg, true);
        unsupported(optname, optarg, "networking");
        break;
    case QEMU_OPTION_net:
        opts = parse_group("net", optarg, true);
        if (g_strcmp0(qemu_opt_get(opts, "type"), "none")) {
            unsupported(optname, optarg, "networking");
        }
        break;
    case QEMU_OPTION_blockdev:
        parse_group_json("blockdev", optarg);
        unsupported(optname, optarg, "block devices");
        break;
    case QEMU_OPTION_drive:
        parse_group("drive", optarg, false);
        unsupported(optname, optarg, "block devices");
        break;
    case QEMU_OPTION_hda:
    case QEMU_OPTION_hdb:
    case QEMU_OPTION_hdc:
    case QEMU_OPTION_hdd:
    case QEMU_OPTION_cdrom:
    case QEMU_OPTION_fda:
    case QEMU_OPTION_fdb:
    case QEMU_OPTION_mtdblock:
    case QEMU_OPTION_sd:
    case QEMU_OPTION_pflash:
    case QEMU_OPTION_snapshot:
        unsupported(optname, optarg, "block devices");
        break;
    case QEMU_OPTION_audiodev:
        opts = parse_group_json("audiodev", optarg);
        vl_check_audiodev(opts, optname, optarg);
        break;
    case QEMU_OPTION_display:
        opts = parse_group("display", optarg, true);
        if (g_strcmp0(qemu_opt_get(opts, "type"), "none")) {
            unsupported(optname, optarg, "this display type");
        }
        break;
    case QEMU_OPTION_nographic:
        cfg.nographic = true;
        nographic = true;
        break;
    case QEMU_OPTION_vga:
        if (strcmp(optarg, "none")) {
            unsupported(optname, optarg, "video cards");
        }
        cfg.vga_none = !strcmp(optarg, "none");
        break;
    case QEMU_OPTION_vnc:
        unsupported(optname, optarg, "VNC");
        break;
    case QEMU_OPTION_k:
        unsupported(optname, optarg, "VNC");
        break;
    case QEMU_OPTION_usb:
        set_machine_opt("usb", "on");
        break;
    case QEMU_OPTION_usbdevice:
        unsupported(optname, optarg, "USB devices");
        break;
    case QEMU_OPTION_balloon:
        if (strcmp(optarg, "none")) {
            unsupported(optname, optarg, "the memory balloon device");
        }
        break;
    case QEMU_OPTION_no_hpet:
        set_machine_opt("hpet", "off");
        break;
    case QEMU_OPTION_no_acpi:
        set_machine_opt("acpi", "off");
        break;
    case QEMU_OPTION_kernel:
        set_machine_opt("kernel", optarg);
        break;
    case QEMU_OPTION_initrd:
        set_machine_opt("initrd", optarg);
        break;
    case QEMU_OPTION_append:
        set_machine_opt("append", optarg);
        break;
    case QEMU_OPTION_dtb:
        set_machine_opt("dtb", optarg);
        break;
    case QEMU_OPTION_bios:
        set_machine_opt("firmware", optarg);
        break;
    case QEMU_OPTION_L:
        vl_add_data_dir(optarg);
        break;
    case QEMU_OPTION_smbios:
        opts = parse_group("smbios", optarg, false);
        if (!smbios_entry_add(opts, &err)) {
            error_report_err(err);
            exit(1);
        }
        break;
    case QEMU_OPTION_cpu:
        /* The last -cpu wins; it is parsed once the accelerator is up. */
        cfg.cpu_model = optarg;
        cfg.cpu_optname = optname;
        break;
    case QEMU_OPTION_mempath:
        memory_set_mem_path(optarg);
        break;
    case QEMU_OPTION_mem_prealloc:
        memory_set_mem_prealloc(true);
        break;
    case QEMU_OPTION_pidfile:
        cfg.pidfile = optarg;
        break;
    case QEMU_OPTION_daemonize:
        cfg.daemonize = true;
        break;
    case QEMU_OPTION_S:
        autostart_disabled = true;
        break;
    case QEMU_OPTION_no_reboot:
        no_reboot = true;
        break;
    case QEMU_OPTION_no_shutdown:
        no_shutdown = true;
        break;
    case QEMU_OPTION_action:
        vl_parse_action(parse_group("action", optarg, false));
        break;
    case QEMU_OPTION_watchdog_action:
        unsupported(optname, optarg, "watchdog devices");
        break;
    case QEMU_OPTION_nodefaults:
        cfg.nodefaults = true;
        break;
    case QEMU_OPTION_nouserconfig:
        /* There are no user configuration files to skip. */
        break;
    case QEMU_OPTION_overcommit:
        parse_group("overcommit", optarg, false);
        break;
    case QEMU_OPTION_realtime:
        opts = parse_group("realtime", optarg, false);
        vl_realtime_to_overcommit(opts);
        break;
    case QEMU_OPTION_msg:
        opts = parse_group("msg", optarg, false);
        message_with_timestamp = qemu_opt_get_bool(opts, "timestamp", false);
        error_with_guestname = qemu_opt_get_bool(opts, "guest-name", false);
        break;
    case QEMU_OPTION_sandbox:
        parse_group("sandbox", optarg, true);
        break;
    case QEMU_OPTION_readconfig:
        unsupported(optname, optarg, "-readconfig");
        break;
    case QEMU_OPTION_trace:
        unsupported(optname, optarg, "tracing");
        break;
    case QEMU_OPTION_d:
        if (qemu_log_items_have_trace(optarg)) {
            unsupported(optname, optarg, "tracing");
        }
        log_items = optarg;
        break;
    case QEMU_OPTION_D:
        log_filename = optarg;
        break;
    case QEMU_OPTION_dfilter:
        if (!qemu_set_dfilter_ranges(optarg, &err)) {
            error_report_err(err);
            exit(1);
        }
        break;
    default:
        unsupported(optname, optarg, "this option");
        break;
    }
}

static void parse_command_line(int argc, char **argv)
{
    int optind = 1;

    while (optind < argc) {
        if (argv[optind][0] != '-') {
            /* A bare disk image: -hda. */
            loc_set_cmdline(argv[optind], NULL);
            unsupported(argv[optind], NULL, "disk images");
            optind++;
            continue;
        }
        {
            const char *optarg = NULL;
            const char *optname = argv[optind];
            const QEMUOption *popt = lookup_opt(argc, argv, &optarg,
                                                &optind);
            parse_option(popt, optname, optarg);
        }
    }
    loc_set_none();
}

/*
 * -d and -D (the last of each counts, as in QEMU): an invalid item list
 * prints the item help to stdout and exits 1, as QEMU does.
 */
static void setup_logging(void)
{
    Error *err = NULL;
    int mask = 0;

    if (log_items) {
        mask = qemu_str_to_log_mask(log_items);
        if (!mask) {
            GString *usage = g_string_new(NULL);

            qemu_log_usage(usage, false);
            fputs(usage->str, stdout);
            g_string_free(usage, true);
            exit(1);
        }
    }
    if (!qemu_set_log_filename_flags(log_filename, mask, &err)) {
        error_report_err(err);
        exit(1);
    }
}

int main(int argc, char **argv)
{
    int status;

    qemu_init_main_loop();
    vl_config_init(&cfg);
    parse_command_line(argc, argv);
    vl_handle_help_requests(&cfg);
    vl_validate(&cfg);
    vl_report_unsupported(&cfg);
    setup_logging();
    vl_create(&cfg);
    status = qemu_main_loop();
    vl_cleanup(&cfg);
    return status;
}
