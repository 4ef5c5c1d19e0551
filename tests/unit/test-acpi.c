/*
 * test-acpi.c: the AML encoder, the PC's ACPI tables and the table-loader
 * commands.
 *
 * Encodings are checked against the ACPI 6.4 specification (20.2.3 data
 * objects, 20.2.2 names, 20.2.4 package length, 6.4 resource descriptors)
 * and against the bytes QEMU 7.2 builds for "-M pc -m 512 -smp 2" (dumped
 * from the reference with a test firmware reading fw_cfg).  The loader
 * test runs the commands the way SeaBIOS does and checks that every table
 * sums to zero and every pointer lands on the right table.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "exec/memory.h"
#include "hw/acpi/aml-build.h"
#include "hw/acpi/table-loader.h"
#include "hw/i386/acpi-build.h"
#include "hw/nvram/fw_cfg.h"
#include "hw/isa/isa.h"

static ISABus *isa;

static GBytes *unhex(const char *hex)
{
    size_t n = strlen(hex) / 2, i;
    uint8_t *b = g_malloc(n);

    for (i = 0; i < n; i++) {
        sscanf(hex + 2 * i, "%2hhx", &b[i]);
    }
    return g_bytes_new_take(b, n);
}

/* Encode a (consumed) and compare with hex. */
static void assert_aml(Aml *a, const char *hex)
{
    g_autoptr(GBytes) want = unhex(hex);
    size_t len, wlen;
    g_autofree uint8_t *got = aml_take_bytes(a, &len);
    const uint8_t *w = g_bytes_get_data(want, &wlen);

    if (len != wlen || memcmp(got, w, len)) {
        g_autofree char *h = g_malloc(2 * len + 1);
        size_t i;

        for (i = 0; i < len; i++) {
            sprintf(h + 2 * i, "%02x", got[i]);
        }
        g_error("got %s, want %s", h, hex);
    }
}

/* 20.2.4: one byte up to 63, then 2, 3, 4 bytes with the low nibble in
 * the lead byte; the length counts the PkgLength bytes themselves. */
static void test_pkglen(void)
{
    uint8_t b[4];

    g_assert_cmpint(aml_pkglen_encode(0, b), ==, 1);
    g_assert_cmphex(b[0], ==, 0x01);
    g_assert_cmpint(aml_pkglen_encode(62, b), ==, 1);
    g_assert_cmphex(b[0], ==, 0x3f);
    /* 63 bytes of content + 2 = 0x41: lead 0x41 (1 follower, nibble 1). */
    g_assert_cmpint(aml_pkglen_encode(63, b), ==, 2);
    g_assert_cmphex(b[0], ==, 0x41);
    g_assert_cmphex(b[1], ==, 0x04);
    /* 4093 + 2 = 0xfff still fits 2 bytes; 4094 + 3 = 0x1001 needs 3. */
    g_assert_cmpint(aml_pkglen_encode(4093, b), ==, 2);
    g_assert_cmphex(b[0], ==, 0x4f);
    g_assert_cmphex(b[1], ==, 0xff);
    g_assert_cmpint(aml_pkglen_encode(4094, b), ==, 3);
    g_assert_cmphex(b[0], ==, 0x81);
    g_assert_cmphex(b[1], ==, 0x00);
    g_assert_cmphex(b[2], ==, 0x01);
    g_assert_cmpint(aml_pkglen_encode(0x100000, b), ==, 4);
    g_assert_cmphex(b[0], ==, 0xc4);
    g_assert_cmpint(aml_pkglen_encode(1 << 28, b), ==, 0);
}

/* 20.2.3: ZeroOp, OneOp, then the shortest constant prefix. */
static void test_integers(void)
{
    assert_aml(aml_int(0), "00");
    assert_aml(aml_int(1), "01");
    assert_aml(aml_int(0x0a), "0a0a");
    assert_aml(aml_int(0xff), "0aff");
    assert_aml(aml_int(0x1234), "0b3412");
    assert_aml(aml_int(0xfed00000), "0c0000d0fe");
    assert_aml(aml_int(0x100000000ULL), "0e0000000001000000");
    assert_aml(aml_string("QEMU0002"), "0d51454d553030303200");
}

/* 20.2.2: NameSeg padding, root/parent prefixes, dual and multi names. */
static void test_names(void)
{
    assert_aml(aml_name("PCI0"), "50434930");
    assert_aml(aml_name("_SB"), "5f53425f");
    assert_aml(aml_name("\\_SB.PCI0"), "5c2e5f53425f50434930");
    assert_aml(aml_name("PCI0.S08.P40C"),
               "2f03504349305330385f50343043");
    assert_aml(aml_name("^FOO"), "5e464f4f5f");
    assert_aml(aml_name("\\"), "5c00");
    /* EisaId("PNP0A03") is the DWord 0x030ad041. */
    assert_aml(aml_eisaid("PNP0A03"), "0c41d00a03");
    assert_aml(aml_name_decl("_UID", aml_int(0)), "085f55494400");
}

/* Blocks: Method(FOO, 1, Serialized) { Return (Arg0) }, Package, If/Else. */
static void test_blocks(void)
{
    Aml *m = aml_method("FOO", 1, true), *p = aml_package(), *b;
    Aml *iff;

    aml_append(m, aml_return(aml_arg(0)));
    assert_aml(m, "1408464f4f5f09a468");
    aml_append(p, aml_int(1));
    aml_append(p, aml_int(2));
    assert_aml(p, "12050201" "0a02");
    b = aml_block();
    iff = aml_if(aml_equal(aml_local(0), aml_int(0)));
    aml_append(iff, aml_return(aml_int(1)));
    aml_append(b, iff);
    {
        Aml *e = aml_else();

        aml_append(e, aml_return(aml_int(0)));
        aml_append(b, e);
    }
    assert_aml(b, "a006936000a401" "a103a400");
    assert_aml(aml_store(aml_arg(0), aml_local(1)), "706861");
    assert_aml(aml_and(aml_local(0), aml_int(0x80), NULL), "7b600a8000");
    assert_aml(aml_buffer(2, (const uint8_t *)"\x01\x02"),
               "11050a020102");
}

/* 6.4 descriptors inside ResourceTemplate (a Buffer ending in End Tag). */
static void test_resources(void)
{
    static const uint32_t irqs[] = { 5, 10, 11 };
    Aml *rt = aml_resource_template();

    aml_append(rt, aml_io(0x70, 0x70, 1, 8));
    aml_append(rt, aml_irq_no_flags(8));
    assert_aml(rt, "11100a0d4701700070000108220001" "7900");
    rt = aml_resource_template();
    aml_append(rt, aml_interrupt(false, false, true, irqs, 3));
    assert_aml(rt, "11160a13890e000903050000000a0000000b000000" "7900");
    rt = aml_resource_template();
    aml_append(rt, aml_memory32_fixed(0xfed00000, 0x400, false));
    assert_aml(rt, "11110a0e860900000000d0fe00040000" "7900");
    assert_aml(aml_word_bus_number(0, 0xff),
               "880d00020c0000000000ff0000000001");
    assert_aml(aml_dword_memory(0xa0000, 0xbffff, true),
               "871700000c030000000000000a00ffff0b000000000000000200");
}

/* The configuration of "-M pc -m 512 -smp 2" (no PM base programmed). */
static AcpiBuildConfig pc_config(void)
{
    AcpiBuildConfig cfg = {
        .nb_cpus = 2,
        .apic_ids = { 0, 1 },
        .nb_present = 2,
        .s4_val = 2,
        .pci_hotplug = true,
        .piix3_devfn = 8,
        .pci_hole_start = 0x20000000,
        .pci_hole_end = 0xfec00000,
        .pci_hole64_start = 0x100000000ULL,
        .pci_hole64_end = 0x180000000ULL,
        .hpet = true,
        .hpet_block_id = 0x8086a201,
        .irq0_override = true,
    };

    cfg.isa_bus = isa;
    return cfg;
}

typedef struct Built {
    uint8_t *tables, *rsdp, *loader;
    size_t tlen, rlen, llen;
} Built;

static void build(Built *b, const AcpiBuildConfig *cfg)
{
    acpi_build_tables(cfg, &b->tables, &b->tlen, &b->rsdp, &b->rlen,
                      &b->loader, &b->llen);
}

static void built_free(Built *b)
{
    g_free(b->tables);
    g_free(b->rsdp);
    g_free(b->loader);
}

static uint32_t le32(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The table with signature sig in the tables blob (by walking lengths). */
static const uint8_t *find_table(const Built *b, const char *sig)
{
    size_t p = 0;

    while (p + 8 <= b->tlen && le32(b->tables + p)) {
        if (!memcmp(b->tables + p, sig, 4)) {
            return b->tables + p;
        }
        p += le32(b->tables + p + 4);
    }
    return NULL;
}

/* Tables as the reference's (checksum 0: the loader sets it). */
static void test_tables_match_reference(void)
{
    static const struct {
        const char *sig, *hex;
    } ref[] = {
        { "FACP",
          "46414350740000000100424f4348532042585043202020200100000042585043"
          "01000000000000004000000001000900b2000000f1f000000000000000000000"
          "04000000000000000000000008000000e0af0000000000000402000404000000"
          "ff0fff0f000000000000000032000000a5800000" },
        { "APIC",
          "41504943800000000100424f4348532042585043202020200100000042585043"
          "010000000000e0fe0100000000080000010000000008010101000000010c0000"
          "0000c0fe00000000020a0000020000000000020a0005050000000d00020a0009"
          "090000000d00020a000a0a0000000d00020a000b0b0000000d000406ff000001" },
        { "HPET",
          "48504554380000000100424f4348532042585043202020200100000042585043"
          "0100000001a28680000000000000d0fe0000000000000000" },
        { "WAET",
          "57414554280000000100424f4348532042585043202020200100000042585043"
          "0100000002000000" },
    };
    AcpiBuildConfig cfg = pc_config();
    Built b;
    size_t i;

    build(&b, &cfg);
    g_assert_cmpuint(b.tlen, ==, ACPI_BUILD_TABLE_SIZE);
    g_assert_cmpuint(b.rlen, ==, 20);
    g_assert_cmpuint(b.llen, ==, 4096);
    g_assert(!memcmp(b.tables, "FACS", 4));
    g_assert(!memcmp(b.tables + 64, "DSDT", 4));
    for (i = 0; i < ARRAY_SIZE(ref); i++) {
        g_autoptr(GBytes) want = unhex(ref[i].hex);
        size_t wlen;
        const uint8_t *w = g_bytes_get_data(want, &wlen);
        const uint8_t *t = find_table(&b, ref[i].sig);

        g_assert(t);
        g_assert_cmpuint(le32(t + 4), ==, wlen);
        g_assert(!memcmp(t, w, wlen));
    }
    built_free(&b);
}

/* DSDT pieces byte for byte as the reference's. */
static void test_dsdt_matches_reference(void)
{
    static const char *const pieces[] = {
        /* Device (LNKA) */
        "5b824c074c4e4b41085f4849440c41d00c0f085f55494400085f50525311160a"
        "13890e000903050000000a0000000b0000007900140f5f53544100a449515354"
        "5052513014115f444953007d505251300a8050525130140f5f43525300a44951"
        "43525052513014175f535253018a680a0550525249705052524950525130",
        /* Device (HPET) */
        "5b82450848504554085f4849440c41d00103085f554944005b804850544d000c"
        "0000d0fe0b00045b81104850544d1356454e44205052445f2014365f53544100"
        "7056454e4460705052445f617a600a1060a00c9193600093600bffffa400a00e"
        "9193610094610c00e1f505a400a40a0f085f43525311110a0e860900000000d0"
        "fe000400007900",
        /* Device (RTC) */
        "5b82255254435f085f4849440c41d00b00085f43525311100a0d470170007000"
        "01082200017900",
        /* Device (FWCF) with the DMA port */
        "5b822e46574346085f4849440d51454d553030303200085f5354410a0b085f43"
        "5253110d0a0a470110051005010c7900",
        /* Method (PCEJ) */
        "14255043454a025b23424c434bffff7068424e554d70790169004230454a5b27"
        "424c434ba400",
    };
    AcpiBuildConfig cfg = pc_config();
    Built b;
    const uint8_t *dsdt;
    size_t i;

    build(&b, &cfg);
    dsdt = find_table(&b, "DSDT");
    g_assert(dsdt);
    for (i = 0; i < ARRAY_SIZE(pieces); i++) {
        g_autoptr(GBytes) want = unhex(pieces[i]);
        size_t wlen;
        const uint8_t *w = g_bytes_get_data(want, &wlen);

        if (!memmem(dsdt, le32(dsdt + 4), w, wlen)) {
            g_error("DSDT piece %zu not found", i);
        }
    }
    built_free(&b);
}

static uint8_t sum(const uint8_t *p, size_t len)
{
    uint8_t s = 0;

    while (len--) {
        s += *p++;
    }
    return s;
}

/*
 * Run the loader as SeaBIOS does (src/fw/romfile_loader.c): place each
 * file, add addresses, fix checksums.  Then every table sums to 0 and the
 * pointers chain RSDP -> RSDT -> FADT -> FACS/DSDT.
 */
static void test_loader_links_tables(void)
{
    AcpiBuildConfig cfg = pc_config();
    const uint32_t rsdp_addr = 0xf5000, tables_addr = 0x1ffd0000;
    Built b;
    size_t off;
    const uint8_t *rsdt, *fadt;
    int allocs = 0;

    build(&b, &cfg);
    for (off = 0; off < b.llen; off += TABLE_LOADER_CMD_SIZE) {
        const uint8_t *c = b.loader + off;
        uint32_t cmd = le32(c);
        const char *file = (const char *)c + 4;
        uint8_t *data = !strcmp(file, "etc/acpi/rsdp") ? b.rsdp : b.tables;

        if (cmd == TABLE_LOADER_ALLOCATE) {
            g_assert_cmpint(c[64], ==, !strcmp(file, "etc/acpi/rsdp") ?
                            TABLE_LOADER_ZONE_FSEG : TABLE_LOADER_ZONE_HIGH);
            allocs++;
        } else if (cmd == TABLE_LOADER_ADD_POINTER) {
            const char *src = (const char *)c + 60;
            uint32_t at = le32(c + 116);
            uint32_t base = !strcmp(src, "etc/acpi/rsdp") ? rsdp_addr :
                tables_addr;

            g_assert_cmpint(c[120], ==, 4);
            g_assert_cmpint(allocs, ==, 2);
            {
                uint32_t v = le32(data + at) + base;

                data[at] = v;
                data[at + 1] = v >> 8;
                data[at + 2] = v >> 16;
                data[at + 3] = v >> 24;
            }
        } else if (cmd == TABLE_LOADER_ADD_CHECKSUM) {
            uint32_t at = le32(c + 60), start = le32(c + 64);
            uint32_t len = le32(c + 68);

            g_assert_cmpint(data[at], ==, 0);
            data[at] = -sum(data + start, len);
        } else {
            g_assert_cmpint(cmd, ==, 0);
        }
    }
    g_assert(!memcmp(b.rsdp, "RSD PTR ", 8));
    g_assert_cmpint(sum(b.rsdp, 20), ==, 0);
    rsdt = b.tables + (le32(b.rsdp + 16) - tables_addr);
    g_assert(!memcmp(rsdt, "RSDT", 4));
    g_assert_cmpint(sum(rsdt, le32(rsdt + 4)), ==, 0);
    /* RSDT: FACP, APIC, HPET, WAET; each checksummed. */
    g_assert_cmpint(le32(rsdt + 4), ==, 36 + 4 * 4);
    for (off = 36; off < le32(rsdt + 4); off += 4) {
        const uint8_t *t = b.tables + (le32(rsdt + off) - tables_addr);

        g_assert_cmpint(sum(t, le32(t + 4)), ==, 0);
    }
    fadt = b.tables + (le32(rsdt + 36) - tables_addr);
    g_assert(!memcmp(fadt, "FACP", 4));
    g_assert(!memcmp(b.tables + (le32(fadt + 36) - tables_addr), "FACS",
                     4));
    g_assert(!memcmp(b.tables + (le32(fadt + 40) - tables_addr), "DSDT",
                     4));
    g_assert_cmpint(sum(b.tables + (le32(fadt + 40) - tables_addr),
                        le32(b.tables + 64 + 4)), ==, 0);
    built_free(&b);
}

/* The loader blob layout: 128-byte commands, names and fields placed as
 * SeaBIOS reads them. */
static void test_loader_blob(void)
{
    TableLoader *l = table_loader_new();
    const uint8_t *d;
    size_t len;

    table_loader_alloc(l, "etc/acpi/rsdp", 16, true);
    table_loader_add_pointer(l, "etc/acpi/rsdp", 16, 4, "etc/acpi/tables");
    table_loader_add_checksum(l, "etc/acpi/rsdp", 0, 20, 8);
    d = table_loader_data(l, &len);
    g_assert_cmpuint(len, ==, 3 * 128);
    g_assert_cmpuint(le32(d), ==, 1);
    g_assert_cmpstr((const char *)d + 4, ==, "etc/acpi/rsdp");
    g_assert_cmpuint(le32(d + 60), ==, 16);
    g_assert_cmpuint(d[64], ==, 2);
    g_assert_cmpuint(le32(d + 128), ==, 2);
    g_assert_cmpstr((const char *)d + 128 + 60, ==, "etc/acpi/tables");
    g_assert_cmpuint(le32(d + 128 + 116), ==, 16);
    g_assert_cmpuint(d[128 + 120], ==, 4);
    g_assert_cmpuint(le32(d + 256), ==, 3);
    g_assert_cmpuint(le32(d + 256 + 60), ==, 8);
    g_assert_cmpuint(le32(d + 256 + 64), ==, 0);
    g_assert_cmpuint(le32(d + 256 + 68), ==, 20);
    table_loader_free(l);
}

/* Without HPET and with S3 disabled: no HPET table, no \_S3. */
static void test_options(void)
{
    AcpiBuildConfig cfg = pc_config();
    Built b;
    const uint8_t *dsdt;

    cfg.hpet = false;
    cfg.s3_disabled = true;
    build(&b, &cfg);
    g_assert(!find_table(&b, "HPET"));
    dsdt = find_table(&b, "DSDT");
    g_assert(!memmem(dsdt, le32(dsdt + 4), "_S3_", 4));
    g_assert(memmem(dsdt, le32(dsdt + 4), "_S5_", 4));
    g_assert(!memmem(dsdt, le32(dsdt + 4), "HPTM", 4));
    built_free(&b);
}

/* acpi_setup: the files, their sizes, and "etc/system-states". */
static void test_setup_files(void)
{
    FWCfgState *fw = fw_cfg_find();
    AcpiBuildConfig cfg = pc_config();
    size_t len;
    const uint8_t *states;

    acpi_setup(NULL, fw, &cfg);
    g_assert(fw_cfg_get_file(fw, "etc/acpi/tables", &len));
    g_assert_cmpuint(len, ==, ACPI_BUILD_TABLE_SIZE);
    g_assert(fw_cfg_get_file(fw, "etc/acpi/rsdp", &len));
    g_assert_cmpuint(len, ==, 20);
    g_assert(fw_cfg_get_file(fw, "etc/table-loader", &len));
    g_assert_cmpuint(len, ==, 4096);
    g_assert_cmpint(fw_cfg_file_key(fw, "etc/tpm/log"), >=, 0);
    states = fw_cfg_get_file(fw, "etc/system-states", &len);
    g_assert_cmpuint(len, ==, 6);
    g_assert(!memcmp(states, "\x80\x00\x00\x81\x82\x80", 6));
}

int main(int argc, char **argv)
{
    Object *machine;

    g_test_init(&argc, &argv, NULL);
    machine = object_new("none-machine");
    object_property_add_child(object_get_root(), "machine", machine);
    object_unref(machine);
    qdev_machine_init();
    fw_cfg_init_io_dma(FW_CFG_IO_BASE, FW_CFG_DMA_IO_BASE,
                       &address_space_memory);
    isa = isa_bus_new(NULL, get_system_memory(), get_system_io(),
                      &error_abort);
    isa_create_simple(isa, "mc146818rtc");

    g_test_add_func("/acpi/aml/pkglen", test_pkglen);
    g_test_add_func("/acpi/aml/integers", test_integers);
    g_test_add_func("/acpi/aml/names", test_names);
    g_test_add_func("/acpi/aml/blocks", test_blocks);
    g_test_add_func("/acpi/aml/resources", test_resources);
    g_test_add_func("/acpi/tables/match-reference",
                    test_tables_match_reference);
    g_test_add_func("/acpi/tables/dsdt-matches-reference",
                    test_dsdt_matches_reference);
    g_test_add_func("/acpi/tables/options", test_options);
    g_test_add_func("/acpi/loader/blob-layout", test_loader_blob);
    g_test_add_func("/acpi/loader/links-and-checksums",
                    test_loader_links_tables);
    g_test_add_func("/acpi/setup-files", test_setup_files);
    return g_test_run();
}
