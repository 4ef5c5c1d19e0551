/*
 * vl-config.h: the start-up sequence behind vl.c.
 *
 * vl.c parses the command line into option groups and this VLConfig; the
 * functions here then, in order: answer help requests, validate the whole
 * configuration (machine type, -smp, -m, -rtc, -boot, ...), report the
 * options that need parts of the emulator not written yet, create
 * everything in dependency order, and clean up at exit.
 */
#ifndef SYSEMU_VL_CONFIG_H
#define SYSEMU_VL_CONFIG_H

#include "qemu/osdep.h"
#include "qemu/option.h"

typedef struct VLUnsupported {
    const char *optname;
    const char *optarg;
    char *msg;
} VLUnsupported;

/* A legacy chardev shorthand: -serial/-parallel/-monitor/-qmp DEV. */
typedef struct VLShorthand {
    const char *optname;
    const char *optarg;
    const char *mode;           /* monitors: "readline" or "control" */
    bool pretty;
} VLShorthand;

typedef struct VLConfig {
    bool nographic;
    bool nodefaults;
    bool daemonize;
    bool serial_given, parallel_given;
    bool vga_none;
    const char *pidfile;
    const char *machine_optname;    /* the option that named the machine */
    const char *machine_optarg;
    const char *cpu_model;      /* the last -cpu argument */
    const char *cpu_optname;
    GList *serials;             /* VLShorthand* */
    GList *parallels;
    GList *debugcons;           /* -debugcon DEV */
    GList *monitors;
    GList *unsupported;         /* VLUnsupported* */
} VLConfig;

void vl_config_init(VLConfig *cfg);
/* Record that an option needs a later part of the emulator (msg is
 * stolen); vl_report_unsupported() reports them all at once. */
void vl_add_unsupported(VLConfig *cfg, const char *optname,
                        const char *optarg, char *msg);
/* -set group.id.arg=value */
void vl_option_set(const char *optarg);
/* -L dir */
void vl_add_data_dir(const char *dir);
/* -audiodev: driver "none" works; others are reported as unsupported. */
void vl_check_audiodev(QemuOpts *opts, const char *optname,
                       const char *optarg);
/* -action reboot=,shutdown=,panic=,watchdog= */
void vl_parse_action(QemuOpts *opts);
/* -realtime mlock=on|off becomes -overcommit mem-lock=on|off. */
void vl_realtime_to_overcommit(QemuOpts *opts);

/* The start-up steps, in order; each exits(1) with the error. */
void vl_handle_help_requests(VLConfig *cfg);
void vl_validate(VLConfig *cfg);
void vl_report_unsupported(VLConfig *cfg);
void vl_create(VLConfig *cfg);
void vl_cleanup(VLConfig *cfg);

/*
 * -smp: complete and check the topology against the machine's limits
 * (errors as the reference's).  Exposed for unit tests.
 */
struct MachineClass;
struct CpuTopology;
bool machine_parse_smp(struct MachineClass *mc, QemuOpts *opts,
                       struct CpuTopology *out, Error **errp);
/* -m: size (MiB without suffix), slots, maxmem. */
bool machine_parse_memory(struct MachineClass *mc, QemuOpts *opts,
                          uint64_t *ram_size, uint64_t *maxram_size,
                          uint64_t *slots, Error **errp);

#endif
