/*
 * test-qemu-opts-cmdline.c: whole command lines that management tools
 * generate, parsed option by option into the option groups as vl.c does.
 *
 * The arguments are those of /work/shared/fixtures: libvirt9-start.args
 * (libvirt 9.0: JSON -device/-object/-blockdev/-netdev/-audiodev, fd
 * sockets, -add-fd) and openstack-instance.args (an older libvirt: short
 * form flags "server,nowait", -realtime, -smbios, -drive, -global).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/option.h"
#include "qemu/config-file.h"

static GString *captured;

static void capture_print(void *opaque, const char *text)
{
    g_string_append(opaque, text);
}

/* Collect what warn_report()/error_report() print until capture_end(). */
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

/* libvirt 9.0 (shared/fixtures/libvirt9-start.args), option by option. */
static const char *const libvirt9_args[] = {
    "-name", "guest=lvtest,debug-threads=on",
    "-object", "{\"qom-type\":\"secret\",\"id\":\"masterKey0\",\"format\":"
    "\"raw\",\"file\":\"/var/lib/libvirt/qemu/domain-2-lvtest/"
    "master-key.aes\"}",
    "-machine", "pc-i440fx-7.2,usb=off,dump-guest-core=off,"
    "memory-backend=pc.ram",
    "-accel", "tcg",
    "-m", "256",
    "-object", "{\"qom-type\":\"memory-backend-ram\",\"id\":\"pc.ram\","
    "\"size\":268435456}",
    "-overcommit", "mem-lock=off",
    "-smp", "1,sockets=1,cores=1,threads=1",
    "-chardev", "socket,id=charmonitor,fd=28,server=on,wait=off",
    "-mon", "chardev=charmonitor,id=monitor,mode=control",
    "-rtc", "base=utc",
    "-boot", "strict=on",
    "-device", "{\"driver\":\"piix3-usb-uhci\",\"id\":\"usb\",\"bus\":"
    "\"pci.0\",\"addr\":\"0x1.0x2\"}",
    "-blockdev", "{\"driver\":\"file\",\"filename\":\"/var/lib/libvirt/"
    "images/lvtest/disk.qcow2\",\"node-name\":\"libvirt-1-storage\","
    "\"auto-read-only\":true,\"discard\":\"unmap\"}",
    "-blockdev", "{\"node-name\":\"libvirt-1-format\",\"read-only\":false,"
    "\"driver\":\"qcow2\",\"file\":\"libvirt-1-storage\",\"backing\":null}",
    "-device", "{\"driver\":\"virtio-blk-pci\",\"bus\":\"pci.0\",\"addr\":"
    "\"0x4\",\"drive\":\"libvirt-1-format\",\"id\":\"virtio-disk0\","
    "\"bootindex\":1}",
    "-netdev", "{\"type\":\"user\",\"id\":\"hostnet0\"}",
    "-device", "{\"driver\":\"virtio-net-pci\",\"netdev\":\"hostnet0\","
    "\"id\":\"net0\",\"mac\":\"52:54:00:ff:5f:d0\",\"bus\":\"pci.0\","
    "\"addr\":\"0x3\"}",
    "-add-fd", "set=0,fd=30,opaque=serial0-log",
    "-chardev", "pty,id=charserial0,logfile=/dev/fdset/0,logappend=on",
    "-device", "{\"driver\":\"isa-serial\",\"chardev\":\"charserial0\","
    "\"id\":\"serial0\",\"index\":0}",
    "-device", "{\"driver\":\"usb-tablet\",\"id\":\"input0\",\"bus\":"
    "\"usb.0\",\"port\":\"1\"}",
    "-audiodev", "{\"id\":\"audio1\",\"driver\":\"none\"}",
    "-vnc", "127.0.0.1:0,audiodev=audio1",
    "-device", "{\"driver\":\"cirrus-vga\",\"id\":\"video0\",\"bus\":"
    "\"pci.0\",\"addr\":\"0x2\"}",
    "-device", "{\"driver\":\"virtio-balloon-pci\",\"id\":\"balloon0\","
    "\"bus\":\"pci.0\",\"addr\":\"0x5\"}",
    "-sandbox", "on,obsolete=deny,elevateprivileges=deny,spawn=deny,"
    "resourcecontrol=deny",
    "-msg", "timestamp=on",
};

/* OpenStack Nova through an older libvirt (openstack-instance.args). */
static const char *const openstack_args[] = {
    "-name", "instance-00000024",
    "-machine", "pc-i440fx-trusty,accel=kvm,usb=off",
    "-m", "2048",
    "-realtime", "mlock=off",
    "-smp", "1,sockets=1,cores=1,threads=1",
    "-smbios", "type=1,manufacturer=OpenStack Foundation,product=OpenStack "
    "Nova,version=2014.1,serial=80590690-87d2-e311-b1b0-a0481cabdfb4,"
    "uuid=1f8e6f7e-5a70-4780-89c1-464dc0e7f308",
    "-chardev", "socket,id=charmonitor,path=/var/lib/libvirt/qemu/"
    "instance-00000024.monitor,server,nowait",
    "-mon", "chardev=charmonitor,id=monitor,mode=control",
    "-rtc", "base=utc,driftfix=slew",
    "-global", "kvm-pit.lost_tick_policy=discard",
    "-boot", "strict=on",
    "-device", "piix3-usb-uhci,id=usb,bus=pci.0,addr=0x1.0x2",
    "-drive", "file=/var/lib/nova/instances/1f8e6f7e-5a70-4780-89c1-"
    "464dc0e7f308/disk,if=none,id=drive-virtio-disk0,format=qcow2,"
    "cache=none",
    "-device", "virtio-blk-pci,scsi=off,bus=pci.0,addr=0x4,drive=drive-"
    "virtio-disk0,id=virtio-disk0,bootindex=1",
    "-netdev", "tap,fd=32,id=hostnet0,vhost=on,vhostfd=37",
    "-device", "virtio-net-pci,netdev=hostnet0,id=net0,mac=fa:16:3e:d1:2d:"
    "99,bus=pci.0,addr=0x3",
    "-chardev", "file,id=charserial0,path=/var/lib/nova/instances/"
    "1f8e6f7e-5a70-4780-89c1-464dc0e7f308/console.log",
    "-device", "isa-serial,chardev=charserial0,id=serial0",
    "-chardev", "pty,id=charserial1",
    "-device", "isa-serial,chardev=charserial1,id=serial1",
    "-device", "usb-tablet,id=input0",
    "-vnc", "0.0.0.0:12",
    "-device", "cirrus-vga,id=video0,bus=pci.0,addr=0x2",
    "-device", "virtio-balloon-pci,id=balloon0,bus=pci.0,addr=0x5",
};

/* Which group an option goes to and whether its first key is implied. */
static QemuOptsList *option_group(const char *opt, bool *implied)
{
    static const struct {
        const char *opt, *group;
        bool implied;
    } map[] = {
        { "-name", "name", true }, { "-object", "object", true },
        { "-machine", "machine", true }, { "-accel", "accel", true },
        { "-m", "memory", true }, { "-overcommit", "overcommit", false },
        { "-smp", "smp-opts", true }, { "-chardev", "chardev", true },
        { "-mon", "mon", true }, { "-rtc", "rtc", false },
        { "-boot", "boot-opts", true }, { "-device", "device", true },
        { "-blockdev", "blockdev", true }, { "-netdev", "netdev", true },
        { "-add-fd", "add-fd", false }, { "-audiodev", "audiodev", true },
        { "-vnc", "vnc", true }, { "-sandbox", "sandbox", true },
        { "-msg", "msg", false }, { "-realtime", "realtime", false },
        { "-smbios", "smbios", false }, { "-drive", "drive", false },
    };

    for (size_t i = 0; i < ARRAY_SIZE(map); i++) {
        if (!strcmp(map[i].opt, opt)) {
            *implied = map[i].implied;
            return qemu_find_opts(map[i].group);
        }
    }
    g_assert_not_reached();
}

static void parse_command_line(const char *const *args, size_t n)
{
    GList *all = qemu_opts_all_lists();

    for (GList *l = all; l; l = l->next) {
        qemu_opts_reset(l->data);
    }
    g_list_free(all);
    qemu_opts_reset(qemu_find_opts("machine"));
    qemu_opts_reset(qemu_find_opts("blockdev"));
    qemu_opts_reset(qemu_find_opts("audiodev"));
    qemu_opts_reset(qemu_find_opts("realtime"));

    for (size_t i = 0; i < n; i += 2) {
        bool implied;
        QemuOptsList *list;

        g_test_message("%s %s", args[i], args[i + 1]);
        if (!strcmp(args[i], "-global")) {
            g_assert_true(qemu_global_option(args[i + 1], &error_abort));
            continue;
        }
        list = option_group(args[i], &implied);
        if (args[i + 1][0] == '{') {
            g_assert_nonnull(qemu_opts_parse_json(list, args[i + 1],
                                                  &error_abort));
        } else {
            g_assert_nonnull(qemu_opts_parse(list, args[i + 1], implied,
                                             &error_abort));
        }
    }
}

static void test_libvirt9_command_line(void)
{
    QemuOpts *opts;

    capture_begin();
    parse_command_line(libvirt9_args, ARRAY_SIZE(libvirt9_args));
    g_assert_cmpstr(captured->str, ==, "");
    g_free(capture_end());

    opts = qemu_find_opts("name")->head->data;
    g_assert_cmpstr(qemu_opt_get(opts, "guest"), ==, "lvtest");
    g_assert_true(qemu_opt_get_bool(opts, "debug-threads", false));

    opts = qemu_find_opts("machine")->head->data;
    g_assert_cmpstr(qemu_opt_get(opts, "type"), ==, "pc-i440fx-7.2");
    g_assert_false(qemu_opt_get_bool(opts, "usb", true));
    g_assert_cmpstr(qemu_opt_get(opts, "memory-backend"), ==, "pc.ram");

    opts = qemu_find_opts("memory")->head->data;
    g_assert_cmpuint(qemu_opt_get_size(opts, "size", 0), ==, 256);
    opts = qemu_find_opts("smp-opts")->head->data;
    g_assert_cmpuint(qemu_opt_get_number(opts, "cpus", 0), ==, 1);
    g_assert_cmpuint(qemu_opt_get_number(opts, "threads", 0), ==, 1);

    opts = qemu_opts_find(qemu_find_opts("chardev"), "charmonitor");
    g_assert_cmpstr(qemu_opt_get(opts, "backend"), ==, "socket");
    g_assert_cmpstr(qemu_opt_get(opts, "fd"), ==, "28");
    g_assert_true(qemu_opt_get_bool(opts, "server", false));
    g_assert_false(qemu_opt_get_bool(opts, "wait", true));
    opts = qemu_opts_find(qemu_find_opts("chardev"), "charserial0");
    g_assert_cmpstr(qemu_opt_get(opts, "logfile"), ==, "/dev/fdset/0");
    g_assert_true(qemu_opt_get_bool(opts, "logappend", false));

    opts = qemu_opts_find(qemu_find_opts("mon"), "monitor");
    g_assert_cmpstr(qemu_opt_get(opts, "chardev"), ==, "charmonitor");
    g_assert_cmpstr(qemu_opt_get(opts, "mode"), ==, "control");

    g_assert_cmpint(g_list_length(qemu_find_opts("device")->head), ==, 7);
    opts = qemu_opts_find(qemu_find_opts("device"), "virtio-disk0");
    g_assert_cmpstr(qemu_opt_get(opts, "driver"), ==, "virtio-blk-pci");
    g_assert_cmpstr(qemu_opt_get(opts, "bootindex"), ==, "1");
    g_assert_cmpuint(qemu_opt_get_number(opts, "bootindex", 0), ==, 1);
    opts = qemu_opts_find(qemu_find_opts("device"), "usb");
    g_assert_cmpstr(qemu_opt_get(opts, "addr"), ==, "0x1.0x2");

    opts = qemu_opts_find(qemu_find_opts("object"), "pc.ram");
    g_assert_cmpstr(qemu_opt_get(opts, "qom-type"), ==, "memory-backend-ram");
    g_assert_cmpuint(qemu_opt_get_size(opts, "size", 0), ==, 256 * MiB);

    opts = g_list_last(qemu_find_opts("blockdev")->head)->data;
    g_assert_cmpstr(qemu_opt_get(opts, "node-name"), ==, "libvirt-1-format");
    g_assert_false(qemu_opt_find(opts, "backing"));
    g_assert_true(json_is_null(json_object_get(qemu_opts_get_json(opts),
                                               "backing")));
    g_assert_false(qemu_opt_get_bool(opts, "read-only", true));

    opts = qemu_opts_find(qemu_find_opts("netdev"), "hostnet0");
    g_assert_cmpstr(qemu_opt_get(opts, "type"), ==, "user");
    opts = qemu_find_opts("add-fd")->head->data;
    g_assert_cmpuint(qemu_opt_get_number(opts, "fd", 0), ==, 30);
    g_assert_cmpstr(qemu_opt_get(opts, "opaque"), ==, "serial0-log");
    opts = qemu_opts_find(qemu_find_opts("audiodev"), "audio1");
    g_assert_cmpstr(qemu_opt_get(opts, "driver"), ==, "none");
    opts = qemu_find_opts("vnc")->head->data;
    g_assert_cmpstr(qemu_opt_get(opts, "vnc"), ==, "127.0.0.1:0");
    g_assert_cmpstr(qemu_opt_get(opts, "audiodev"), ==, "audio1");
    opts = qemu_find_opts("sandbox")->head->data;
    g_assert_true(qemu_opt_get_bool(opts, "enable", false));
    g_assert_cmpstr(qemu_opt_get(opts, "resourcecontrol"), ==, "deny");
    opts = qemu_find_opts("msg")->head->data;
    g_assert_true(qemu_opt_get_bool(opts, "timestamp", false));
    opts = qemu_find_opts("overcommit")->head->data;
    g_assert_false(qemu_opt_get_bool(opts, "mem-lock", true));
    opts = qemu_find_opts("boot-opts")->head->data;
    g_assert_true(qemu_opt_get_bool(opts, "strict", false));
}

static void test_openstack_command_line(void)
{
    QemuOpts *opts;
    char *warnings;

    capture_begin();
    parse_command_line(openstack_args, ARRAY_SIZE(openstack_args));
    warnings = capture_end();
    g_assert_cmpstr(warnings, ==,
                    "warning: short-form boolean option 'server' deprecated\n"
                    "Please use server=on instead\n"
                    "warning: short-form boolean option 'nowait' deprecated\n"
                    "Please use wait=off instead\n");
    g_free(warnings);

    opts = qemu_find_opts("name")->head->data;
    g_assert_cmpstr(qemu_opt_get(opts, "guest"), ==, "instance-00000024");
    opts = qemu_find_opts("realtime")->head->data;
    g_assert_false(qemu_opt_get_bool(opts, "mlock", true));
    opts = qemu_find_opts("smbios")->head->data;
    g_assert_cmpstr(qemu_opt_get(opts, "manufacturer"), ==,
                    "OpenStack Foundation");
    g_assert_cmpstr(qemu_opt_get(opts, "product"), ==, "OpenStack Nova");
    opts = qemu_opts_find(qemu_find_opts("chardev"), "charmonitor");
    g_assert_true(qemu_opt_get_bool(opts, "server", false));
    g_assert_false(qemu_opt_get_bool(opts, "wait", true));
    opts = qemu_find_opts("rtc")->head->data;
    g_assert_cmpstr(qemu_opt_get(opts, "driftfix"), ==, "slew");
    opts = qemu_opts_find(qemu_find_opts("drive"), "drive-virtio-disk0");
    g_assert_cmpstr(qemu_opt_get(opts, "cache"), ==, "none");
    opts = qemu_opts_find(qemu_find_opts("netdev"), "hostnet0");
    g_assert_cmpstr(qemu_opt_get(opts, "type"), ==, "tap");
    g_assert_cmpuint(qemu_opt_get_number(opts, "vhostfd", 0), ==, 37);
    g_assert_cmpint(g_list_length(qemu_find_opts("device")->head), ==, 8);
    opts = qemu_opts_find(qemu_find_opts("device"), "virtio-disk0");
    g_assert_cmpstr(qemu_opt_get(opts, "scsi"), ==, "off");
    opts = qemu_find_opts("vnc")->head->data;
    g_assert_cmpstr(qemu_opt_get(opts, "vnc"), ==, "0.0.0.0:12");
    opts = qemu_find_opts("machine")->head->data;
    g_assert_cmpstr(qemu_opt_get(opts, "accel"), ==, "kvm");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    g_test_add_func("/qemu-opts/command-line/libvirt9",
                    test_libvirt9_command_line);
    g_test_add_func("/qemu-opts/command-line/openstack",
                    test_openstack_command_line);
    return g_test_run();
}
