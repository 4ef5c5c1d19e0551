/*
 * qemu-config.c: the command line option groups (see qemu/config-file.h),
 * -global, and the QMP command query-command-line-options.
 *
 * The groups are QEMU 7.2's, with the parameters (name, type, help text,
 * default) that its query-command-line-options reports.  They are listed
 * here in QEMU's registration order and each desc table in QEMU's order:
 * the QMP reply lists both newest first, exactly as QEMU's does.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/option.h"
#include "qemu/config-file.h"
#include "monitor/monitor.h"

/* ---- groups reported by query-command-line-options ---- */

static QemuOptsList qemu_drive_opts = {
    .name = "drive",
    .desc = {
        { NULL }
    },
};

static QemuOptsList qemu_chardev_opts = {
    .name = "chardev",
    .implied_opt_name = "backend",
    .desc = {
        { "backend", QEMU_OPT_STRING },
        { "path", QEMU_OPT_STRING },
        { "host", QEMU_OPT_STRING },
        { "port", QEMU_OPT_STRING },
        { "fd", QEMU_OPT_STRING },
        { "localaddr", QEMU_OPT_STRING },
        { "localport", QEMU_OPT_STRING },
        { "to", QEMU_OPT_NUMBER },
        { "ipv4", QEMU_OPT_BOOL },
        { "ipv6", QEMU_OPT_BOOL },
        { "wait", QEMU_OPT_BOOL },
        { "server", QEMU_OPT_BOOL },
        { "delay", QEMU_OPT_BOOL },
        { "nodelay", QEMU_OPT_BOOL },
        { "reconnect", QEMU_OPT_NUMBER },
        { "telnet", QEMU_OPT_BOOL },
        { "tn3270", QEMU_OPT_BOOL },
        { "tls-creds", QEMU_OPT_STRING },
        { "tls-authz", QEMU_OPT_STRING },
        { "websocket", QEMU_OPT_BOOL },
        { "width", QEMU_OPT_NUMBER },
        { "height", QEMU_OPT_NUMBER },
        { "cols", QEMU_OPT_NUMBER },
        { "rows", QEMU_OPT_NUMBER },
        { "mux", QEMU_OPT_BOOL },
        { "signal", QEMU_OPT_BOOL },
        { "name", QEMU_OPT_STRING },
        { "debug", QEMU_OPT_NUMBER },
        { "size", QEMU_OPT_SIZE },
        { "chardev", QEMU_OPT_STRING },
        { "append", QEMU_OPT_BOOL },
        { "logfile", QEMU_OPT_STRING },
        { "logappend", QEMU_OPT_BOOL },
        { "mouse", QEMU_OPT_BOOL },
        { "clipboard", QEMU_OPT_BOOL },
        { "tight", QEMU_OPT_BOOL, NULL, "on" },
        { "abstract", QEMU_OPT_BOOL },
        { NULL }
    },
};

static QemuOptsList qemu_device_opts = {
    .name = "device",
    .implied_opt_name = "driver",
    .desc = {
        { NULL }
    },
};

static QemuOptsList qemu_netdev_opts = {
    .name = "netdev",
    .implied_opt_name = "type",
    .desc = {
        { NULL }
    },
};

static QemuOptsList qemu_nic_opts = {
    .name = "nic",
    .implied_opt_name = "type",
    .desc = {
        { NULL }
    },
};

static QemuOptsList qemu_net_opts = {
    .name = "net",
    .implied_opt_name = "type",
    .desc = {
        { NULL }
    },
};

static QemuOptsList qemu_rtc_opts = {
    .name = "rtc",
    .merge_lists = true,
    .desc = {
        { "base", QEMU_OPT_STRING },
        { "clock", QEMU_OPT_STRING },
        { "driftfix", QEMU_OPT_STRING },
        { NULL }
    },
};

static QemuOptsList qemu_global_opts = {
    .name = "global",
    .desc = {
        { "driver", QEMU_OPT_STRING },
        { "property", QEMU_OPT_STRING },
        { "value", QEMU_OPT_STRING },
        { NULL }
    },
};

static QemuOptsList qemu_mon_opts = {
    .name = "mon",
    .implied_opt_name = "chardev",
    .desc = {
        { "mode", QEMU_OPT_STRING },
        { "chardev", QEMU_OPT_STRING },
        { "pretty", QEMU_OPT_BOOL },
        { NULL }
    },
};

static QemuOptsList qemu_trace_opts = {
    .name = "trace",
    .implied_opt_name = "enable",
    .desc = {
        { "enable", QEMU_OPT_STRING },
        { "events", QEMU_OPT_STRING },
        { "file", QEMU_OPT_STRING },
        { NULL }
    },
};

static QemuOptsList qemu_plugin_opts = {
    .name = "plugin",
    .implied_opt_name = "file",
    .desc = {
        { NULL }
    },
};

static QemuOptsList qemu_option_rom_opts = {
    .name = "option-rom",
    .implied_opt_name = "romfile",
    .desc = {
        { "bootindex", QEMU_OPT_NUMBER },
        { "romfile", QEMU_OPT_STRING },
        { NULL }
    },
};

static QemuOptsList qemu_accel_opts = {
    .name = "accel",
    .implied_opt_name = "accel",
    .desc = {
        { NULL }
    },
};

static QemuOptsList qemu_memory_opts = {
    .name = "memory",
    .implied_opt_name = "size",
    .merge_lists = true,
    .desc = {
        { "size", QEMU_OPT_SIZE },
        { "slots", QEMU_OPT_NUMBER },
        { "maxmem", QEMU_OPT_SIZE },
        { NULL }
    },
};

static QemuOptsList qemu_smp_opts = {
    .name = "smp-opts",
    .implied_opt_name = "cpus",
    .merge_lists = true,
    .desc = {
        { "cpus", QEMU_OPT_NUMBER },
        { "sockets", QEMU_OPT_NUMBER },
        { "dies", QEMU_OPT_NUMBER },
        { "clusters", QEMU_OPT_NUMBER },
        { "cores", QEMU_OPT_NUMBER },
        { "threads", QEMU_OPT_NUMBER },
        { "maxcpus", QEMU_OPT_NUMBER },
        { NULL }
    },
};

static QemuOptsList qemu_boot_opts = {
    .name = "boot-opts",
    .implied_opt_name = "order",
    .merge_lists = true,
    .desc = {
        { "order", QEMU_OPT_STRING },
        { "once", QEMU_OPT_STRING },
        { "menu", QEMU_OPT_BOOL },
        { "splash", QEMU_OPT_STRING },
        { "splash-time", QEMU_OPT_NUMBER },
        { "reboot-timeout", QEMU_OPT_NUMBER },
        { "strict", QEMU_OPT_BOOL },
        { NULL }
    },
};

static QemuOptsList qemu_add_fd_opts = {
    .name = "add-fd",
    .desc = {
        { "fd", QEMU_OPT_NUMBER,
          "file descriptor of which a duplicate is added to fd set" },
        { "set", QEMU_OPT_NUMBER, "ID of the fd set to add fd to" },
        { "opaque", QEMU_OPT_STRING, "free-form string used to describe fd" },
        { NULL }
    },
};

static QemuOptsList qemu_object_opts = {
    .name = "object",
    .implied_opt_name = "qom-type",
    .desc = {
        { NULL }
    },
};

static QemuOptsList qemu_tpmdev_opts = {
    .name = "tpmdev",
    .implied_opt_name = "type",
    .desc = {
        { NULL }
    },
};

static QemuOptsList qemu_overcommit_opts = {
    .name = "overcommit",
    .desc = {
        { "mem-lock", QEMU_OPT_BOOL },
        { "cpu-pm", QEMU_OPT_BOOL },
        { NULL }
    },
};

static QemuOptsList qemu_msg_opts = {
    .name = "msg",
    .desc = {
        { "timestamp", QEMU_OPT_BOOL },
        { "guest-name", QEMU_OPT_BOOL,
          "Prepends guest name for error messages but only if -name guest "
          "is set otherwise option is ignored\n" },
        { NULL }
    },
};

static QemuOptsList qemu_name_opts = {
    .name = "name",
    .implied_opt_name = "guest",
    .merge_lists = true,
    .desc = {
        { "guest", QEMU_OPT_STRING,
          "Sets the name of the guest.\nThis name will be displayed in the "
          "SDL window caption.\nThe name will also be used for the VNC "
          "server" },
        { "process", QEMU_OPT_STRING,
          "Sets the name of the QEMU process, as shown in top etc" },
        { "debug-threads", QEMU_OPT_BOOL,
          "When enabled, name the individual threads; defaults off.\nNOTE: "
          "The thread names are for debugging and not a\nstable API." },
        { NULL }
    },
};

static QemuOptsList qemu_numa_opts = {
    .name = "numa",
    .implied_opt_name = "type",
    .desc = {
        { NULL }
    },
};

static QemuOptsList qemu_icount_opts = {
    .name = "icount",
    .implied_opt_name = "shift",
    .merge_lists = true,
    .desc = {
        { "shift", QEMU_OPT_STRING },
        { "align", QEMU_OPT_BOOL },
        { "sleep", QEMU_OPT_BOOL },
        { "rr", QEMU_OPT_STRING },
        { "rrfile", QEMU_OPT_STRING },
        { "rrsnapshot", QEMU_OPT_STRING },
        { NULL }
    },
};

/*
 * -semihosting-config does not exist on x86, yet QEMU 7.2 registers an
 * unnamed, empty group for it, which its QMP reply lists; so do we.
 */
static QemuOptsList qemu_semihosting_opts = {
    .name = "",
    .desc = {
        { NULL }
    },
};

static QemuOptsList qemu_fw_cfg_opts = {
    .name = "fw_cfg",
    .implied_opt_name = "name",
    .desc = {
        { "name", QEMU_OPT_STRING,
          "Sets the fw_cfg name of the blob to be inserted" },
        { "file", QEMU_OPT_STRING,
          "Sets the name of the file from which the fw_cfg blob will be "
          "loaded" },
        { "string", QEMU_OPT_STRING,
          "Sets content of the blob to be inserted from a string" },
        { "gen_id", QEMU_OPT_STRING,
          "Sets id of the object generating the fw_cfg blob to be inserted" },
        { NULL }
    },
};

static QemuOptsList qemu_action_opts = {
    .name = "action",
    .merge_lists = true,
    .desc = {
        { "shutdown", QEMU_OPT_STRING },
        { "reboot", QEMU_OPT_STRING },
        { "panic", QEMU_OPT_STRING },
        { "watchdog", QEMU_OPT_STRING },
        { NULL }
    },
};

static QemuOptsList qemu_vnc_opts = {
    .name = "vnc",
    .implied_opt_name = "vnc",
    .desc = {
        { "vnc", QEMU_OPT_STRING },
        { "websocket", QEMU_OPT_STRING },
        { "tls-creds", QEMU_OPT_STRING },
        { "share", QEMU_OPT_STRING },
        { "display", QEMU_OPT_STRING },
        { "head", QEMU_OPT_NUMBER },
        { "connections", QEMU_OPT_NUMBER },
        { "to", QEMU_OPT_NUMBER },
        { "ipv4", QEMU_OPT_BOOL },
        { "ipv6", QEMU_OPT_BOOL },
        { "password", QEMU_OPT_BOOL },
        { "password-secret", QEMU_OPT_STRING },
        { "reverse", QEMU_OPT_BOOL },
        { "lock-key-sync", QEMU_OPT_BOOL },
        { "key-delay-ms", QEMU_OPT_NUMBER },
        { "sasl", QEMU_OPT_BOOL },
        { "tls-authz", QEMU_OPT_STRING },
        { "sasl-authz", QEMU_OPT_STRING },
        { "lossy", QEMU_OPT_BOOL },
        { "non-adaptive", QEMU_OPT_BOOL },
        { "audiodev", QEMU_OPT_STRING },
        { "power-control", QEMU_OPT_BOOL },
        { NULL }
    },
};

static QemuOptsList qemu_acpi_opts = {
    .name = "acpi",
    .desc = {
        { NULL }
    },
};

static QemuOptsList qemu_smbios_opts = {
    .name = "smbios",
    .desc = {
        { NULL }
    },
};

static QemuOptsList qemu_fsdev_opts = {
    .name = "fsdev",
    .implied_opt_name = "fsdriver",
    .desc = {
        { "fsdriver", QEMU_OPT_STRING },
        { "path", QEMU_OPT_STRING },
        { "security_model", QEMU_OPT_STRING },
        { "writeout", QEMU_OPT_STRING },
        { "readonly", QEMU_OPT_BOOL },
        { "multidevs", QEMU_OPT_STRING },
        { "socket", QEMU_OPT_STRING },
        { "sock_fd", QEMU_OPT_NUMBER },
        { "fmode", QEMU_OPT_NUMBER },
        { "dmode", QEMU_OPT_NUMBER },
        { "throttling.iops-total", QEMU_OPT_NUMBER,
          "limit total I/O operations per second" },
        { "throttling.iops-read", QEMU_OPT_NUMBER,
          "limit read operations per second" },
        { "throttling.iops-write", QEMU_OPT_NUMBER,
          "limit write operations per second" },
        { "throttling.bps-total", QEMU_OPT_NUMBER,
          "limit total bytes per second" },
        { "throttling.bps-read", QEMU_OPT_NUMBER,
          "limit read bytes per second" },
        { "throttling.bps-write", QEMU_OPT_NUMBER,
          "limit write bytes per second" },
        { "throttling.iops-total-max", QEMU_OPT_NUMBER,
          "I/O operations burst" },
        { "throttling.iops-read-max", QEMU_OPT_NUMBER,
          "I/O operations read burst" },
        { "throttling.iops-write-max", QEMU_OPT_NUMBER,
          "I/O operations write burst" },
        { "throttling.bps-total-max", QEMU_OPT_NUMBER, "total bytes burst" },
        { "throttling.bps-read-max", QEMU_OPT_NUMBER,
          "total bytes read burst" },
        { "throttling.bps-write-max", QEMU_OPT_NUMBER,
          "total bytes write burst" },
        { "throttling.iops-total-max-length", QEMU_OPT_NUMBER,
          "length of the iops-total-max burst period, in seconds" },
        { "throttling.iops-read-max-length", QEMU_OPT_NUMBER,
          "length of the iops-read-max burst period, in seconds" },
        { "throttling.iops-write-max-length", QEMU_OPT_NUMBER,
          "length of the iops-write-max burst period, in seconds" },
        { "throttling.bps-total-max-length", QEMU_OPT_NUMBER,
          "length of the bps-total-max burst period, in seconds" },
        { "throttling.bps-read-max-length", QEMU_OPT_NUMBER,
          "length of the bps-read-max burst period, in seconds" },
        { "throttling.bps-write-max-length", QEMU_OPT_NUMBER,
          "length of the bps-write-max burst period, in seconds" },
        { "throttling.iops-size", QEMU_OPT_NUMBER,
          "when limiting by iops max size of an I/O in bytes" },
        { NULL }
    },
};

static QemuOptsList qemu_virtfs_opts = {
    .name = "virtfs",
    .implied_opt_name = "fsdriver",
    .desc = {
        { "fsdriver", QEMU_OPT_STRING },
        { "path", QEMU_OPT_STRING },
        { "mount_tag", QEMU_OPT_STRING },
        { "security_model", QEMU_OPT_STRING },
        { "writeout", QEMU_OPT_STRING },
        { "readonly", QEMU_OPT_BOOL },
        { "multidevs", QEMU_OPT_STRING },
        { "socket", QEMU_OPT_STRING },
        { "sock_fd", QEMU_OPT_NUMBER },
        { "fmode", QEMU_OPT_NUMBER },
        { "dmode", QEMU_OPT_NUMBER },
        { NULL }
    },
};

static QemuOptsList qemu_sandbox_opts = {
    .name = "sandbox",
    .implied_opt_name = "enable",
    .desc = {
        { "enable", QEMU_OPT_BOOL },
        { "obsolete", QEMU_OPT_STRING },
        { "elevateprivileges", QEMU_OPT_STRING },
        { "spawn", QEMU_OPT_STRING },
        { "resourcecontrol", QEMU_OPT_STRING },
        { NULL }
    },
};

static QemuOptsList qemu_iscsi_opts = {
    .name = "iscsi",
    .desc = {
        { "user", QEMU_OPT_STRING,
          "username for CHAP authentication to target" },
        { "password", QEMU_OPT_STRING,
          "password for CHAP authentication to target" },
        { "password-secret", QEMU_OPT_STRING,
          "ID of the secret providing password for CHAP authentication to "
          "target" },
        { "header-digest", QEMU_OPT_STRING,
          "HeaderDigest setting. {CRC32C|CRC32C-NONE|NONE-CRC32C|NONE}" },
        { "initiator-name", QEMU_OPT_STRING,
          "Initiator iqn name to use when connecting" },
        { "timeout", QEMU_OPT_NUMBER,
          "Request timeout in seconds (default 0 = no timeout)" },
        { NULL }
    },
};
/* ---- groups that QEMU 7.2 parses without an option group ---- */

/*
 * -machine: QEMU 7.2 reads it with its keyval parser into the machine's
 * properties; here it is a merged, free-form group (the machine checks
 * the keys).  query-command-line-options reports machine_query_desc.
 */
static QemuOptsList qemu_machine_opts = {
    .name = "machine",
    .implied_opt_name = "type",
    .merge_lists = true,
    .desc = {
        { NULL }
    },
};

/* -display TYPE,... (the display backend checks the keys). */
static QemuOptsList qemu_display_opts = {
    .name = "display",
    .implied_opt_name = "type",
    .desc = {
        { NULL }
    },
};

/* -audiodev DRIVER,id=...  (the audio backend checks the keys). */
static QemuOptsList qemu_audiodev_opts = {
    .name = "audiodev",
    .implied_opt_name = "driver",
    .desc = {
        { NULL }
    },
};

/* -blockdev DRIVER,... or JSON (the block layer checks the keys). */
static QemuOptsList qemu_blockdev_opts = {
    .name = "blockdev",
    .implied_opt_name = "driver",
    .desc = {
        { NULL }
    },
};

/*
 * -realtime mlock=on|off: removed in QEMU 6.0 but still in command lines
 * that older libvirt/OpenStack generate; accepted as -overcommit mem-lock.
 */
static QemuOptsList qemu_realtime_opts = {
    .name = "realtime",
    .merge_lists = true,
    .desc = {
        { "mlock", QEMU_OPT_BOOL },
        { NULL }
    },
};

/*
 * -spice: QEMU registers this group when its spice module loads, so the
 * QMP reply of a VM started without -spice does not list it.
 */
static QemuOptsList qemu_spice_opts = {
    .name = "spice",
    .merge_lists = true,
    .desc = {
        { "port", QEMU_OPT_NUMBER },
        { "tls-port", QEMU_OPT_NUMBER },
        { "addr", QEMU_OPT_STRING },
        { "ipv4", QEMU_OPT_BOOL },
        { "ipv6", QEMU_OPT_BOOL },
        { "unix", QEMU_OPT_BOOL },
        { "password", QEMU_OPT_STRING },
        { "password-secret", QEMU_OPT_STRING },
        { "disable-ticketing", QEMU_OPT_BOOL },
        { "disable-copy-paste", QEMU_OPT_BOOL },
        { "disable-agent-file-xfer", QEMU_OPT_BOOL },
        { "sasl", QEMU_OPT_BOOL },
        { "x509-dir", QEMU_OPT_STRING },
        { "x509-key-file", QEMU_OPT_STRING },
        { "x509-key-password", QEMU_OPT_STRING },
        { "x509-cert-file", QEMU_OPT_STRING },
        { "x509-cacert-file", QEMU_OPT_STRING },
        { "x509-dh-key-file", QEMU_OPT_STRING },
        { "tls-ciphers", QEMU_OPT_STRING },
        { "tls-channel", QEMU_OPT_STRING },
        { "plaintext-channel", QEMU_OPT_STRING },
        { "image-compression", QEMU_OPT_STRING },
        { "jpeg-wan-compression", QEMU_OPT_STRING },
        { "zlib-glz-wan-compression", QEMU_OPT_STRING },
        { "streaming-video", QEMU_OPT_STRING },
        { "agent-mouse", QEMU_OPT_BOOL },
        { "playback-compression", QEMU_OPT_BOOL },
        { "seamless-migration", QEMU_OPT_BOOL },
        { "display", QEMU_OPT_STRING },
        { "head", QEMU_OPT_NUMBER },
        { "gl", QEMU_OPT_BOOL },
        { "rendernode", QEMU_OPT_STRING },
        { NULL }
    },
};

/* ---- what query-command-line-options reports for two special groups ---- */

/* "machine": the union of every machine type's properties in QEMU 7.2. */
static const QemuOptDesc machine_query_desc[] = {
    { "type", QEMU_OPT_STRING, "emulated machine" },
    { "accel", QEMU_OPT_STRING, "accelerator list" },
    { "kernel_irqchip", QEMU_OPT_BOOL, "use KVM in-kernel irqchip" },
    { "kvm_shadow_mem", QEMU_OPT_SIZE, "KVM shadow MMU size" },
    { "kernel", QEMU_OPT_STRING, "Linux kernel image file" },
    { "initrd", QEMU_OPT_STRING, "Linux initial ramdisk file" },
    { "append", QEMU_OPT_STRING, "Linux kernel command line" },
    { "dtb", QEMU_OPT_STRING, "Linux kernel device tree file" },
    { "dumpdtb", QEMU_OPT_STRING, "Dump current dtb to a file and quit" },
    { "phandle_start", QEMU_OPT_NUMBER,
      "The first phandle ID we may generate dynamically" },
    { "dt_compatible", QEMU_OPT_STRING,
      "Overrides the \"compatible\" property of the dt root node" },
    { "dump-guest-core", QEMU_OPT_BOOL,
      "Include guest memory in  a core dump" },
    { "mem-merge", QEMU_OPT_BOOL, "enable/disable memory merge support" },
    { "usb", QEMU_OPT_BOOL, "Set on/off to enable/disable usb" },
    { "firmware", QEMU_OPT_STRING, "firmware image" },
    { "iommu", QEMU_OPT_BOOL,
      "Set on/off to enable/disable Intel IOMMU (VT-d)" },
    { "suppress-vmdesc", QEMU_OPT_BOOL,
      "Set on to disable self-describing migration" },
    { "aes-key-wrap", QEMU_OPT_BOOL,
      "enable/disable AES key wrapping using the CPACF wrapping key" },
    { "dea-key-wrap", QEMU_OPT_BOOL,
      "enable/disable DEA key wrapping using the CPACF wrapping key" },
    { "loadparm", QEMU_OPT_STRING,
      "Up to 8 chars in set of [A-Za-z0-9. ](lower case chars converted to "
      "upper case) to pass to machine loader, boot manager, and guest "
      "kernel" },
    { NULL }
};

/*
 * "drive": -drive itself accepts any key (the block layer checks them);
 * QEMU reports the merged parameters of its legacy, common and block
 * runtime option tables (werror appears twice, as in QEMU's reply).
 */
static const QemuOptDesc drive_query_desc[] = {
    { "node-name", QEMU_OPT_STRING, "Node name of the block device node" },
    { "driver", QEMU_OPT_STRING, "Block driver to use for the node" },
    { "cache.direct", QEMU_OPT_BOOL,
      "Bypass software writeback cache on the host" },
    { "cache.no-flush", QEMU_OPT_BOOL, "Ignore flush requests" },
    { "auto-read-only", QEMU_OPT_BOOL,
      "Node can become read-only if opening read-write fails" },
    { "discard", QEMU_OPT_STRING, "discard operation (ignore/off, unmap/on)" },
    { "force-share", QEMU_OPT_BOOL,
      "always accept other writers (default: off)" },
    { "snapshot", QEMU_OPT_BOOL, "enable/disable snapshot mode" },
    { "aio", QEMU_OPT_STRING,
      "host AIO implementation (threads, native, io_uring)" },
    { "cache.writeback", QEMU_OPT_BOOL, "Enable writeback mode" },
    { "format", QEMU_OPT_STRING, "disk format (raw, qcow2, ...)" },
    { "werror", QEMU_OPT_STRING, "write error action" },
    { "throttling.iops-total", QEMU_OPT_NUMBER,
      "limit total I/O operations per second" },
    { "throttling.iops-read", QEMU_OPT_NUMBER,
      "limit read operations per second" },
    { "throttling.iops-write", QEMU_OPT_NUMBER,
      "limit write operations per second" },
    { "throttling.bps-total", QEMU_OPT_NUMBER,
      "limit total bytes per second" },
    { "throttling.bps-read", QEMU_OPT_NUMBER, "limit read bytes per second" },
    { "throttling.bps-write", QEMU_OPT_NUMBER,
      "limit write bytes per second" },
    { "throttling.iops-total-max", QEMU_OPT_NUMBER, "I/O operations burst" },
    { "throttling.iops-read-max", QEMU_OPT_NUMBER,
      "I/O operations read burst" },
    { "throttling.iops-write-max", QEMU_OPT_NUMBER,
      "I/O operations write burst" },
    { "throttling.bps-total-max", QEMU_OPT_NUMBER, "total bytes burst" },
    { "throttling.bps-read-max", QEMU_OPT_NUMBER, "total bytes read burst" },
    { "throttling.bps-write-max", QEMU_OPT_NUMBER, "total bytes write burst" },
    { "throttling.iops-total-max-length", QEMU_OPT_NUMBER,
      "length of the iops-total-max burst period, in seconds" },
    { "throttling.iops-read-max-length", QEMU_OPT_NUMBER,
      "length of the iops-read-max burst period, in seconds" },
    { "throttling.iops-write-max-length", QEMU_OPT_NUMBER,
      "length of the iops-write-max burst period, in seconds" },
    { "throttling.bps-total-max-length", QEMU_OPT_NUMBER,
      "length of the bps-total-max burst period, in seconds" },
    { "throttling.bps-read-max-length", QEMU_OPT_NUMBER,
      "length of the bps-read-max burst period, in seconds" },
    { "throttling.bps-write-max-length", QEMU_OPT_NUMBER,
      "length of the bps-write-max burst period, in seconds" },
    { "throttling.iops-size", QEMU_OPT_NUMBER,
      "when limiting by iops max size of an I/O in bytes" },
    { "throttling.group", QEMU_OPT_STRING,
      "name of the block throttling group" },
    { "detect-zeroes", QEMU_OPT_STRING,
      "try to optimize zero writes (off, on, unmap)" },
    { "stats-account-invalid", QEMU_OPT_BOOL,
      "whether to account for invalid I/O operations in the statistics" },
    { "stats-account-failed", QEMU_OPT_BOOL,
      "whether to account for failed I/O operations in the statistics" },
    { "bus", QEMU_OPT_NUMBER, "bus number" },
    { "unit", QEMU_OPT_NUMBER, "unit number (i.e. lun for scsi)" },
    { "index", QEMU_OPT_NUMBER, "index number" },
    { "media", QEMU_OPT_STRING, "media type (disk, cdrom)" },
    { "if", QEMU_OPT_STRING,
      "interface (ide, scsi, sd, mtd, floppy, pflash, virtio)" },
    { "file", QEMU_OPT_STRING, "file name" },
    { "read-only", QEMU_OPT_BOOL, "open drive file as read-only" },
    { "rerror", QEMU_OPT_STRING, "read error action" },
    { "werror", QEMU_OPT_STRING, "write error action" },
    { "copy-on-read", QEMU_OPT_BOOL,
      "copy read data from backing file into image file" },
    { NULL }
};

static QemuOptsList *const listed_groups[] = {
    &qemu_drive_opts, &qemu_chardev_opts, &qemu_device_opts,
    &qemu_netdev_opts, &qemu_nic_opts, &qemu_net_opts, &qemu_rtc_opts,
    &qemu_global_opts, &qemu_mon_opts, &qemu_trace_opts, &qemu_plugin_opts,
    &qemu_option_rom_opts, &qemu_accel_opts, &qemu_memory_opts,
    &qemu_smp_opts, &qemu_boot_opts, &qemu_add_fd_opts, &qemu_object_opts,
    &qemu_tpmdev_opts, &qemu_overcommit_opts, &qemu_msg_opts,
    &qemu_name_opts, &qemu_numa_opts, &qemu_icount_opts,
    &qemu_semihosting_opts, &qemu_fw_cfg_opts, &qemu_action_opts,
    &qemu_vnc_opts, &qemu_acpi_opts, &qemu_smbios_opts, &qemu_fsdev_opts,
    &qemu_virtfs_opts, &qemu_sandbox_opts, &qemu_iscsi_opts,
};

static QemuOptsList *const unlisted_groups[] = {
    &qemu_machine_opts, &qemu_display_opts, &qemu_audiodev_opts,
    &qemu_blockdev_opts, &qemu_realtime_opts, &qemu_spice_opts,
};

/* ---- -global ---- */

/* Length of the run at s of 1..63 bytes not in reject (as "%63[^...]"). */
static size_t scan_field(const char *s, const char *reject)
{
    size_t n = strcspn(s, reject);

    return MIN(n, 63);
}

bool qemu_global_option(const char *str, Error **errp)
{
    size_t dlen = scan_field(str, ".=");
    QemuOpts *opts;

    if (dlen && str[dlen] == '.') {
        const char *prop = str + dlen + 1;
        size_t plen = scan_field(prop, "=");

        if (plen && prop[plen] == '=') {
            char *driver = g_strndup(str, dlen);
            char *property = g_strndup(prop, plen);

            opts = qemu_opts_create(&qemu_global_opts, NULL, false,
                                    &error_abort);
            qemu_opt_set(opts, "driver", driver, &error_abort);
            qemu_opt_set(opts, "property", property, &error_abort);
            qemu_opt_set(opts, "value", prop + plen + 1, &error_abort);
            g_free(driver);
            g_free(property);
            return true;
        }
    }

    opts = qemu_opts_parse(&qemu_global_opts, str, false, errp);
    if (!opts) {
        return false;
    }
    if (!qemu_opt_get(opts, "driver") || !qemu_opt_get(opts, "property") ||
        !qemu_opt_get(opts, "value")) {
        error_setg(errp, "options 'driver', 'property', and 'value'"
                   " are required");
        qemu_opts_del(opts);
        return false;
    }
    return true;
}

/* ---- query-command-line-options ---- */

static const char *param_type_name(QemuOptType type)
{
    switch (type) {
    case QEMU_OPT_BOOL:
        return "boolean";
    case QEMU_OPT_NUMBER:
        return "number";
    case QEMU_OPT_SIZE:
        return "size";
    case QEMU_OPT_STRING:
    default:
        return "string";
    }
}

static json_t *option_info(const char *name, const QemuOptDesc *desc)
{
    json_t *params = json_array();
    json_t *info = json_object();
    size_t n = 0;

    while (desc[n].name) {
        n++;
    }
    /* Newest first, as QEMU builds its reply by prepending. */
    while (n--) {
        json_t *p = json_object();

        json_object_set_new(p, "name", json_string(desc[n].name));
        if (desc[n].help) {
            json_object_set_new(p, "help", json_string(desc[n].help));
        }
        if (desc[n].def_value_str) {
            json_object_set_new(p, "default",
                                json_string(desc[n].def_value_str));
        }
        json_object_set_new(p, "type",
                            json_string(param_type_name(desc[n].type)));
        json_array_append_new(params, p);
    }
    json_object_set_new(info, "parameters", params);
    json_object_set_new(info, "option", json_string(name));
    return info;
}

json_t *qmp_query_command_line_options(json_t *args, Error **errp)
{
    const char *option = json_string_value(json_object_get(args, "option"));
    GList *lists = qemu_opts_all_lists();
    json_t *ret = json_array();

    if (!option || !strcmp(option, "machine")) {
        json_array_append_new(ret, option_info("machine",
                                               machine_query_desc));
    }
    for (GList *l = g_list_last(lists); l; l = l->prev) {
        QemuOptsList *list = l->data;

        if (option && strcmp(option, list->name)) {
            continue;
        }
        json_array_append_new(ret, option_info(list->name,
                                               list == &qemu_drive_opts
                                               ? drive_query_desc
                                               : list->desc));
    }
    g_list_free(lists);

    if (!json_array_size(ret)) {
        error_setg(errp, "invalid option name: %s", option);
        json_decref(ret);
        return NULL;
    }
    return ret;
}

/* ---- start-up registration ---- */

static void __attribute__((constructor)) qemu_config_register(void)
{
    for (size_t i = 0; i < ARRAY_SIZE(listed_groups); i++) {
        qemu_add_opts(listed_groups[i]);
    }
    for (size_t i = 0; i < ARRAY_SIZE(unlisted_groups); i++) {
        qemu_add_opts_unlisted(unlisted_groups[i]);
    }
}

static void qemu_config_register_commands(void)
{
    qmp_register_command("query-command-line-options",
                         qmp_query_command_line_options,
                         QCO_ALLOW_PRECONFIG);
}
qmp_command_init(qemu_config_register_commands)
