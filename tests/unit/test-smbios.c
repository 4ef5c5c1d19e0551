/*
 * test-smbios.c: the SMBIOS structures built from -smbios options and the
 * machine (DMTF DSP0134: 6.1.2 structure and string-set layout, 5.2.1 the
 * 2.1 entry point, 7.2.1 the UUID byte order).
 *
 * The expected bytes are what QEMU 7.2 hands to SeaBIOS in fw_cfg
 * ("etc/smbios/smbios-tables", "-anchor") for the same command line,
 * dumped from the reference with a test firmware reading fw_cfg.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/option.h"
#include "hw/boards.h"
#include "hw/firmware/smbios.h"
#include "sysemu/sysemu.h"

static MachineState *ms;

/* qemu64 on the reference: CPUID.1 EAX 0x00060fb1, EDX 0x078bfbfd. */
static SmbiosMachineInfo pc_info(uint64_t below_4g, uint64_t above_4g)
{
    SmbiosMachineInfo info = {
        .manufacturer = "QEMU",
        .product = "Standard PC (i440FX + PIIX, 1996)",
        .version = "pc-i440fx-7.2",
        .processor_id = 0x078bfbfd00060fb1ULL,
        .ep_type = SMBIOS_ENTRY_POINT_TYPE_32,
    };

    info.ram[info.nb_ram].start = 0;
    info.ram[info.nb_ram++].length = below_4g;
    if (above_4g) {
        info.ram[info.nb_ram].start = 4 * GiB;
        info.ram[info.nb_ram++].length = above_4g;
    }
    return info;
}

static void set_machine(uint64_t ram, unsigned cpus, unsigned sockets,
                        unsigned cores)
{
    ms->ram_size = ram;
    ms->smp = (CpuTopology) {
        .cpus = cpus, .sockets = sockets, .dies = 1, .clusters = 1,
        .cores = cores, .threads = 1, .max_cpus = cpus,
    };
}

static void add(const char *arg)
{
    QemuOpts *opts = qemu_opts_parse(qemu_find_opts("smbios"), arg, false,
                                     &error_abort);

    smbios_entry_add(opts, &error_abort);
}

static char *add_error(const char *arg)
{
    QemuOpts *opts = qemu_opts_parse(qemu_find_opts("smbios"), arg, false,
                                     &error_abort);
    Error *err = NULL;
    char *msg;

    g_assert_false(smbios_entry_add(opts, &err));
    msg = g_strdup(error_get_pretty(err));
    error_free(err);
    return msg;
}

static void fresh(void)
{
    smbios_reset_options();
    qemu_opts_reset(qemu_find_opts("smbios"));
    memset(qemu_uuid, 0, sizeof(qemu_uuid));
    qemu_uuid_set = false;
}

static GBytes *unhex(const char *hex)
{
    size_t n = strlen(hex) / 2, i;
    uint8_t *b = g_malloc(n);

    for (i = 0; i < n; i++) {
        sscanf(hex + 2 * i, "%2hhx", &b[i]);
    }
    return g_bytes_new_take(b, n);
}

static void assert_bytes(const uint8_t *got, size_t len, const char *hex)
{
    g_autoptr(GBytes) want = unhex(hex);
    size_t wlen;
    const uint8_t *w = g_bytes_get_data(want, &wlen);
    size_t i;

    for (i = 0; i < MIN(len, wlen); i++) {
        if (got[i] != w[i]) {
            g_error("byte 0x%zx: got 0x%02x, want 0x%02x", i, got[i], w[i]);
        }
    }
    g_assert_cmpuint(len, ==, wlen);
}

/* -M pc -m 512 -smp 2 (one socket of two cores), no -smbios. */
static const char ref_default[] =
    "011b0001010203000000000000000000000000000000000006000051454d5500"
    "5374616e646172642050432028693434304658202b20504949582c2031393936"
    "290070632d6934343066782d372e320000031600030101020000030303020000"
    "0000000000000051454d550070632d6934343066782d372e320000042a000401"
    "030102b10f0600fdfb8b0703000000d007d0074101ffffffffffff0000000202"
    "020200010043505520300051454d550070632d6934343066782d372e32000010"
    "17001001030600000800feff010000000000000000000000112800110010feff"
    "ffffffff00020900010007020000000200000000000000000000000000000000"
    "44494d4d20300051454d550000131f001300000000ffff070000100100000000"
    "0000000000000000000000000000200b00200000000000000000007f04007f00"
    "00";
static const char ref_default_anchor[] =
    "5f534d5f001f020851000000000000005f444d495f00410100000000080028";

static void test_default_tables(void)
{
    SmbiosMachineInfo info = pc_info(512 * MiB, 0);
    g_autofree uint8_t *t = NULL, *a = NULL;
    size_t tlen, alen;

    fresh();
    set_machine(512 * MiB, 2, 1, 2);
    g_assert(smbios_get_tables(ms, &info, &t, &tlen, &a, &alen,
                               &error_abort));
    assert_bytes(t, tlen, ref_default);
    assert_bytes(a, alen, ref_default_anchor);
}

/* The OpenStack Nova command line of the seeds: dmidecode -t 1 shows it. */
static const char ref_nova_type1[] =
    "011b0001010203047e6f8e1f705a804789c1464dc0e7f30806000"
    "04f70656e537461636b20466f756e646174696f6e00"       /* manufacturer */
    "4f70656e537461636b204e6f766100"                   /* product */
    "323031342e3100"                                   /* version */
    "38303539303639302d383764322d653331312d623162302d"
    "61303438316361626466623400"                       /* serial */
    "00";

static void test_type1_from_options(void)
{
    SmbiosMachineInfo info = pc_info(512 * MiB, 0);
    g_autofree uint8_t *t = NULL, *a = NULL;
    size_t tlen, alen, want_len = strlen(ref_nova_type1) / 2;
    char uuid[37];

    fresh();
    set_machine(512 * MiB, 1, 1, 1);
    add("type=1,manufacturer=OpenStack Foundation,product=OpenStack Nova,"
        "version=2014.1,serial=80590690-87d2-e311-b1b0-a0481cabdfb4,"
        "uuid=1f8e6f7e-5a70-4780-89c1-464dc0e7f308");
    /* The type 1 UUID is the VM's UUID too (query-uuid, fw_cfg). */
    g_assert(qemu_uuid_set);
    qemu_uuid_unparse(qemu_uuid, uuid);
    g_assert_cmpstr(uuid, ==, "1f8e6f7e-5a70-4780-89c1-464dc0e7f308");
    g_assert(smbios_get_tables(ms, &info, &t, &tlen, &a, &alen,
                               &error_abort));
    g_assert_cmpuint(tlen, >, want_len);
    assert_bytes(t, want_len, ref_nova_type1);
}

/*
 * -m 5G -smp 4,sockets=2,cores=2 with every type's fields: types 0, 2, 3,
 * two 4s, 8, 11, 17 and two 19s (RAM below and above 4 GiB).
 */
static const char ref_all[] =
    "00180000010200e803000800000000000000001c0304ffff5600312e32003031"
    "2f30322f323032330000011b0001010203007e6f8e1f705a804789c1464dc0e7"
    "f30806040551454d55005374616e646172642050432028693434304658202b20"
    "504949582c2031393936290070632d6934343066782d372e3200534b00464100"
    "00020f00020102030405010600030a00424d0042500042560042530042410042"
    "4c000003160003010102030403030302000000000000000005434d0043560043"
    "5300434100434b0000042a000401030102341200000000000003000000b80bc4"
    "094101ffffffffffff0405060202020200010053203000504d00505600505300"
    "50410050500000042a010401030102341200000000000003000000b80bc40941"
    "01ffffffffffff0405060202020200010053203100504d005056005053005041"
    "0050500000080900000100020304495200455200000b05000e0268656c6c6f00"
    "776f726c6400001017001001030600005000feff010000000000000000000000"
    "112800110010feffffffffff0014090001020702004006030405060000000000"
    "40060000000000004c20300042004d4d004d53004d41004d500000131f001300"
    "000000ffff2f00001001000000000000000000000000000000000000131f0113"
    "00004000ffff5f00001001000000000000000000000000000000000000200b00"
    "200000000000000000007f04007f0000";
static const char ref_all_anchor[] =
    "5f534d5f001f020857000000000000005f444d495f001002000000000e0028";

static void test_all_types(void)
{
    SmbiosMachineInfo info = pc_info(3 * GiB, 2 * GiB);
    g_autofree uint8_t *t = NULL, *a = NULL;
    size_t tlen, alen;

    fresh();
    set_machine(5 * GiB, 4, 2, 2);
    qemu_uuid_parse("1f8e6f7e-5a70-4780-89c1-464dc0e7f308", qemu_uuid);
    qemu_uuid_set = true;
    add("type=0,vendor=V,version=1.2,date=01/02/2023,release=3.4,uefi=on");
    add("type=2,manufacturer=BM,product=BP,version=BV,serial=BS,asset=BA,"
        "location=BL");
    add("type=3,manufacturer=CM,version=CV,serial=CS,asset=CA,sku=CK");
    add("type=4,sock_pfx=S,manufacturer=PM,version=PV,serial=PS,asset=PA,"
        "part=PP,max-speed=3000,current-speed=2500,processor-id=0x1234");
    add("type=11,value=hello,value=world");
    add("type=17,loc_pfx=L,bank=B,manufacturer=MM,serial=MS,asset=MA,"
        "part=MP,speed=1600");
    add("type=8,internal_reference=IR,external_reference=ER,"
        "connector_type=3,port_type=4");
    add("type=1,sku=SK,family=FA");
    g_assert(smbios_get_tables(ms, &info, &t, &tlen, &a, &alen,
                               &error_abort));
    assert_bytes(t, tlen, ref_all);
    assert_bytes(a, alen, ref_all_anchor);
}

/* Every structure ends with a double NUL (strings or not); the walk by
 * formatted length + string set lands exactly on the end. */
static void test_structure_terminators(void)
{
    SmbiosMachineInfo info = pc_info(3 * GiB, 2 * GiB);
    g_autofree uint8_t *t = NULL, *a = NULL;
    size_t tlen, alen, p = 0;
    unsigned n = 0;

    fresh();
    set_machine(5 * GiB, 4, 2, 2);
    add("type=11,value=a,value=b");
    g_assert(smbios_get_tables(ms, &info, &t, &tlen, &a, &alen,
                               &error_abort));
    while (p < tlen) {
        p += t[p + 1];
        while (t[p] || t[p + 1]) {
            p++;
        }
        p += 2;
        n++;
    }
    g_assert_cmpuint(p, ==, tlen);
    /* 1, 3, 4, 4, 11, 16, 17, 19, 19, 32, 127 */
    g_assert_cmpuint(n, ==, 11);
    g_assert_cmpuint(a[28] | a[29] << 8, ==, n);
    g_assert_cmpuint(t[tlen - 6], ==, 127);
}

/* A 3.0 entry point: "_SM3_", the table length, type 4 with 48 bytes. */
static void test_entry_point_64(void)
{
    SmbiosMachineInfo info = pc_info(512 * MiB, 0);
    g_autofree uint8_t *t = NULL, *a = NULL;
    size_t tlen, alen;

    fresh();
    set_machine(512 * MiB, 1, 1, 1);
    info.ep_type = SMBIOS_ENTRY_POINT_TYPE_64;
    g_assert(smbios_get_tables(ms, &info, &t, &tlen, &a, &alen,
                               &error_abort));
    g_assert_cmpuint(alen, ==, 24);
    g_assert(!memcmp(a, "_SM3_", 5));
    g_assert_cmpuint(a[12] | a[13] << 8 | a[14] << 16, ==, tlen);
    g_assert_cmpuint(a[7], ==, 3);
}

/* -smbios file=: the structure comes first and replaces that type. */
static void test_file(void)
{
    SmbiosMachineInfo info = pc_info(512 * MiB, 0);
    g_autofree uint8_t *t = NULL, *a = NULL;
    g_autofree char *path = NULL, *arg = NULL, *msg = NULL;
    static const uint8_t t3[] = {
        3, 0x16, 0x00, 0x03, 1, 1, 0, 0, 0, 3, 3, 3, 2, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 'X', 0, 0,
    };
    size_t tlen, alen;
    int fd = g_file_open_tmp("smbios-XXXXXX", &path, NULL);

    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(write(fd, t3, sizeof(t3)), ==, sizeof(t3));
    close(fd);
    fresh();
    set_machine(512 * MiB, 1, 1, 1);
    arg = g_strdup_printf("file=%s", path);
    add(arg);
    msg = add_error("type=3,manufacturer=x");
    g_assert_cmpstr(msg, ==, "can't add fields, binary file already "
                    "provided");
    g_assert(smbios_get_tables(ms, &info, &t, &tlen, &a, &alen,
                               &error_abort));
    g_assert(!memcmp(t, t3, sizeof(t3)));
    /* No type 3 of the board's: the next structure is type 1. */
    g_assert_cmpuint(t[sizeof(t3)], ==, 1);
    unlink(path);
}

static void test_errors(void)
{
    static const struct {
        const char *arg, *msg;
    } cases[] = {
        { "foo=bar", "Must specify type= or file=" },
        { "type=1,bad=1", "Invalid parameter 'bad'" },
        { "type=1,uuid=xyz", "Invalid UUID" },
        { "type=5", "Don't know how to build fields for SMBIOS type 5" },
        { "type=abc", "Parameter 'type' expects a number" },
        { "type=0,release=1", "Invalid release" },
        { "type=0,release=1.x", "Invalid release" },
        { "type=4,max-speed=70000",
          "SMBIOS CPU speed is too large (> 65535)" },
        { "type=41,kind=foo", "invalid parameter value: foo" },
        { "type=128", "out of range!" },
        { "type=11,path=/nonexistent/oem",
          "Could not open '/nonexistent/oem': No such file or directory" },
        { "file=/nonexistent/smbios.bin",
          "Cannot read SMBIOS file /nonexistent/smbios.bin" },
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(cases); i++) {
        g_autofree char *msg = NULL;

        fresh();
        msg = add_error(cases[i].arg);
        g_assert_cmpstr(msg, ==, cases[i].msg);
    }
}

/* Type 41 naming a device that does not exist fails the build. */
static void test_type41_missing_device(void)
{
    SmbiosMachineInfo info = pc_info(512 * MiB, 0);
    uint8_t *t = NULL, *a = NULL;
    size_t tlen, alen;
    Error *err = NULL;

    fresh();
    set_machine(512 * MiB, 1, 1, 1);
    add("type=41,designation=nic,kind=ethernet,instance=1,pcidev=nope");
    g_assert_false(smbios_get_tables(ms, &info, &t, &tlen, &a, &alen,
                                     &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "No PCI device nope for SMBIOS type 41 entry nic");
    error_free(err);
}

int main(int argc, char **argv)
{
    Object *machine;

    g_test_init(&argc, &argv, NULL);
    machine = object_new("none-machine");
    object_property_add_child(object_get_root(), "machine", machine);
    object_unref(machine);
    qdev_machine_init();
    ms = MACHINE(machine);

    g_test_add_func("/smbios/default-tables-match-reference",
                    test_default_tables);
    g_test_add_func("/smbios/type1-from-options", test_type1_from_options);
    g_test_add_func("/smbios/all-types-match-reference", test_all_types);
    g_test_add_func("/smbios/structure-terminators",
                    test_structure_terminators);
    g_test_add_func("/smbios/entry-point-64", test_entry_point_64);
    g_test_add_func("/smbios/file-replaces-type", test_file);
    g_test_add_func("/smbios/option-errors", test_errors);
    g_test_add_func("/smbios/type41-missing-device",
                    test_type41_missing_device);
    return g_test_run();
}
