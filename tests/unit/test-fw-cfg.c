/*
 * test-fw-cfg.c: the "fw_cfg_io" device through its I/O ports, as
 * SeaBIOS drives it (QEMU's fw_cfg specification: "Selector (Control)
 * Register", "Data Register", "File Directory", "DMA interface").
 *
 * The device sits at 0x510/0x511 and 0x514 in the I/O space of a "none"
 * machine with 1 MiB of RAM at 0 for DMA buffers; nothing is mapped above.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "exec/memory.h"
#include "hw/qdev-core.h"
#include "hw/nvram/fw_cfg.h"
#include "hw/nvram/fw_cfg-boot.h"
#include "qemu/option.h"

#define RAM_SIZE        (1 * MiB)
#define DESC            0x1000      /* where tests put the DMA descriptor */
#define BUF             0x2000
#define UNMAPPED        0x80000000ULL

static FWCfgState *fw;
static MemoryRegion ram;

static void select_key(uint16_t key)
{
    g_assert_cmpint(address_space_store(&address_space_io, FW_CFG_IO_BASE,
                                        2, key), ==, MEMTX_OK);
}

static uint8_t data_byte(void)
{
    uint64_t v = 0;

    address_space_load(&address_space_io, FW_CFG_IO_BASE + 1, 1, &v);
    return v;
}

static void read_data(void *buf, size_t len)
{
    uint8_t *p = buf;

    while (len--) {
        *p++ = data_byte();
    }
}

static void ram_write(hwaddr addr, const void *buf, size_t len)
{
    g_assert_cmpint(address_space_write(&address_space_memory, addr,
                                        MEMTXATTRS_UNSPECIFIED, buf, len),
                    ==, MEMTX_OK);
}

static void ram_read(hwaddr addr, void *buf, size_t len)
{
    g_assert_cmpint(address_space_read(&address_space_memory, addr,
                                       MEMTXATTRS_UNSPECIFIED, buf, len),
                    ==, MEMTX_OK);
}

/*
 * Put a descriptor at desc and start it the way SeaBIOS does: one 32-bit
 * big-endian write of the low half at 0x518 (the high half at 0x514 first
 * when it is not zero).  Returns the control word the device stored back.
 */
static uint32_t dma_at(hwaddr desc, uint32_t control, uint32_t length,
                       uint64_t address)
{
    FWCfgDmaAccess d = {
        .control = GUINT32_TO_BE(control),
        .length = GUINT32_TO_BE(length),
        .address = GUINT64_TO_BE(address),
    };
    uint32_t back;

    ram_write(desc, &d, sizeof(d));
    if (desc >> 32) {
        address_space_store(&address_space_io, FW_CFG_DMA_IO_BASE, 4,
                            GUINT32_TO_BE(desc >> 32));
    }
    address_space_store(&address_space_io, FW_CFG_DMA_IO_BASE + 4, 4,
                        GUINT32_TO_BE((uint32_t)desc));
    ram_read(desc, &back, sizeof(back));
    return GUINT32_FROM_BE(back);
}

static uint32_t dma(uint32_t control, uint32_t length, uint64_t address)
{
    return dma_at(DESC, control, length, address);
}

/* Key 0 reads "QEMU"; past the end of an item reads 0. */
static void test_signature(void)
{
    char sig[6];

    select_key(FW_CFG_SIGNATURE);
    read_data(sig, sizeof(sig));
    g_assert(!memcmp(sig, "QEMU\0\0", 6));
    /* The selector re-selecting rewinds to offset 0. */
    select_key(FW_CFG_SIGNATURE);
    g_assert_cmpint(data_byte(), ==, 'Q');
    /* A byte read at the selector port is a data read too. */
    {
        uint64_t v = 0;

        address_space_load(&address_space_io, FW_CFG_IO_BASE, 1, &v);
        g_assert_cmpint(v, ==, 'E');
    }
}

/* Key 1: bit 0 traditional interface, bit 1 DMA (little-endian u32). */
static void test_id(void)
{
    uint32_t id;

    select_key(FW_CFG_ID);
    read_data(&id, 4);
    g_assert_cmpuint(GUINT32_FROM_LE(id), ==,
                     FW_CFG_VERSION | FW_CFG_VERSION_DMA);
}

/* Keys beyond the device's range, and empty keys, read zeros. */
static void test_invalid_selector(void)
{
    select_key(0x3fff);
    g_assert_cmpint(data_byte(), ==, 0);
    select_key(FW_CFG_ARCH_LOCAL | 0x3fff);
    g_assert_cmpint(data_byte(), ==, 0);
    select_key(FW_CFG_KERNEL_ENTRY);
    g_assert_cmpint(data_byte(), ==, 0);
    /* The write-channel bit selects the same item. */
    select_key(FW_CFG_WRITE_CHANNEL | FW_CFG_SIGNATURE);
    g_assert_cmpint(data_byte(), ==, 'Q');
}

static void test_integers(void)
{
    uint8_t b[8];

    fw_cfg_add_i16(fw, FW_CFG_NB_CPUS, 0x0102);
    fw_cfg_add_i32(fw, FW_CFG_IRQ0_OVERRIDE, 0x01020304);
    fw_cfg_add_i64(fw, FW_CFG_RAM_SIZE, 0x0102030405060708ULL);
    select_key(FW_CFG_NB_CPUS);
    read_data(b, 3);
    g_assert(!memcmp(b, "\x02\x01\x00", 3));
    select_key(FW_CFG_IRQ0_OVERRIDE);
    read_data(b, 4);
    g_assert(!memcmp(b, "\x04\x03\x02\x01", 4));
    select_key(FW_CFG_RAM_SIZE);
    read_data(b, 8);
    g_assert(!memcmp(b, "\x08\x07\x06\x05\x04\x03\x02\x01", 8));
    fw_cfg_modify_i16(fw, FW_CFG_NB_CPUS, 4);
    select_key(FW_CFG_NB_CPUS);
    g_assert_cmpint(data_byte(), ==, 4);
}

/* Read the directory through the ports: names, sizes and keys. */
static uint32_t read_dir(FWCfgFile *out, uint32_t max)
{
    uint32_t count, i;

    select_key(FW_CFG_FILE_DIR);
    read_data(&count, 4);
    count = GUINT32_FROM_BE(count);
    for (i = 0; i < count; i++) {
        FWCfgFile f;

        read_data(&f, sizeof(f));
        if (i < max) {
            out[i] = f;
        }
    }
    return count;
}

/* Files are listed sorted by name; file i has key 0x20 + i. */
static void test_file_dir_sorted(void)
{
    static const char *const names[] = {
        "zz/last", "etc/e820", "a-first", "genroms/a.bin", "etc/acpi/rsdp",
    };
    static const char *const sorted[] = {
        "a-first", "etc/acpi/rsdp", "etc/e820", "genroms/a.bin", "zz/last",
    };
    FWCfgFile dir[8];
    size_t i;
    uint32_t n0 = read_dir(dir, 0);

    g_assert_cmpint(n0, ==, 0);
    for (i = 0; i < ARRAY_SIZE(names); i++) {
        g_assert(fw_cfg_add_file(fw, names[i], names[i],
                                 strlen(names[i])));
    }
    g_assert_cmpint(read_dir(dir, 8), ==, 5);
    for (i = 0; i < 5; i++) {
        char buf[64] = "";
        uint32_t size = GUINT32_FROM_BE(dir[i].size);

        g_assert_cmpstr(dir[i].name, ==, sorted[i]);
        g_assert_cmpint(GUINT16_FROM_BE(dir[i].select), ==,
                        FW_CFG_FILE_FIRST + i);
        g_assert_cmpint(size, ==, strlen(sorted[i]));
        select_key(GUINT16_FROM_BE(dir[i].select));
        read_data(buf, size);
        g_assert_cmpstr(buf, ==, sorted[i]);
    }
    /* A duplicate is refused and changes nothing. */
    g_assert(!fw_cfg_add_file(fw, "etc/e820", "x", 1));
    g_assert_cmpint(read_dir(dir, 8), ==, 5);
    /* Modify keeps the key and updates the size in the directory. */
    fw_cfg_modify_file(fw, "a-first", "/pci@i0cf8\0", 11);
    read_dir(dir, 8);
    g_assert_cmpint(GUINT32_FROM_BE(dir[0].size), ==, 11);
    g_assert_cmpint(fw_cfg_file_key(fw, "a-first"), ==, FW_CFG_FILE_FIRST);
}

/* The DMA address register reads "QEMU CFG" (big-endian). */
static void test_dma_signature(void)
{
    uint64_t hi = 0, lo = 0;

    address_space_load(&address_space_io, FW_CFG_DMA_IO_BASE, 4, &hi);
    address_space_load(&address_space_io, FW_CFG_DMA_IO_BASE + 4, 4, &lo);
    g_assert_cmphex(GUINT32_FROM_BE(hi), ==, FW_CFG_DMA_SIGNATURE >> 32);
    g_assert_cmphex(GUINT32_FROM_BE(lo), ==, (uint32_t)FW_CFG_DMA_SIGNATURE);
}

/* SELECT|READ reads from offset 0; past the end the buffer gets zeros. */
static void test_dma_read(void)
{
    uint8_t buf[8];

    memset(buf, 0xaa, sizeof(buf));
    ram_write(BUF, buf, sizeof(buf));
    g_assert_cmphex(dma(FW_CFG_SIGNATURE << 16 | FW_CFG_DMA_CTL_SELECT |
                        FW_CFG_DMA_CTL_READ, 8, BUF), ==, 0);
    ram_read(BUF, buf, sizeof(buf));
    g_assert(!memcmp(buf, "QEMU\0\0\0\0", 8));
}

/* SKIP advances the offset: then a READ continues from there. */
static void test_dma_skip(void)
{
    uint8_t buf[2];

    g_assert_cmphex(dma(FW_CFG_SIGNATURE << 16 | FW_CFG_DMA_CTL_SELECT |
                        FW_CFG_DMA_CTL_SKIP, 2, 0), ==, 0);
    g_assert_cmphex(dma(FW_CFG_DMA_CTL_READ, 2, BUF), ==, 0);
    ram_read(BUF, buf, 2);
    g_assert(!memcmp(buf, "MU", 2));
    /* The port interface shares the offset. */
    g_assert_cmpint(data_byte(), ==, 0);
}

/* A buffer outside RAM: the error bit, and the process goes on. */
static void test_dma_bad_buffer(void)
{
    g_assert_cmphex(dma(FW_CFG_SIGNATURE << 16 | FW_CFG_DMA_CTL_SELECT |
                        FW_CFG_DMA_CTL_READ, 4, UNMAPPED), ==,
                    FW_CFG_DMA_CTL_ERROR);
    /* Straddling the end of RAM. */
    g_assert_cmphex(dma(FW_CFG_SIGNATURE << 16 | FW_CFG_DMA_CTL_SELECT |
                        FW_CFG_DMA_CTL_READ, 4, RAM_SIZE - 2), ==,
                    FW_CFG_DMA_CTL_ERROR);
    /* An address that wraps around 2^64. */
    g_assert_cmphex(dma(FW_CFG_SIGNATURE << 16 | FW_CFG_DMA_CTL_SELECT |
                        FW_CFG_DMA_CTL_READ, 16, UINT64_MAX - 4), ==,
                    FW_CFG_DMA_CTL_ERROR);
}

/* A huge length past the item's end: zeros until RAM ends, then error. */
static void test_dma_huge_length(void)
{
    uint8_t b = 0xff;

    g_assert_cmphex(dma(FW_CFG_SIGNATURE << 16 | FW_CFG_DMA_CTL_SELECT |
                        FW_CFG_DMA_CTL_READ, 0xffffffff, BUF), ==,
                    FW_CFG_DMA_CTL_ERROR);
    ram_read(RAM_SIZE - 1, &b, 1);
    g_assert_cmpint(b, ==, 0);
    /* Skipping a huge length is fine: nothing is accessed. */
    g_assert_cmphex(dma(FW_CFG_SIGNATURE << 16 | FW_CFG_DMA_CTL_SELECT |
                        FW_CFG_DMA_CTL_SKIP, 0xffffffff, UINT64_MAX), ==, 0);
}

/* A descriptor that is not in memory: nothing happens (no crash). */
static void test_dma_bad_descriptor(void)
{
    uint64_t v = 0;

    address_space_store(&address_space_io, FW_CFG_DMA_IO_BASE, 4,
                        GUINT32_TO_BE(0x1));
    address_space_store(&address_space_io, FW_CFG_DMA_IO_BASE + 4, 4, 0);
    /* The address register was consumed: a later transfer works. */
    g_assert_cmphex(dma(FW_CFG_SIGNATURE << 16 | FW_CFG_DMA_CTL_SELECT |
                        FW_CFG_DMA_CTL_READ, 1, BUF), ==, 0);
    ram_read(BUF, &v, 1);
    g_assert_cmpint(v, ==, 'Q');
}

/* An invalid key with READ gives zeros; with WRITE an error. */
static void test_dma_invalid_key(void)
{
    uint8_t buf[4] = { 1, 2, 3, 4 };

    ram_write(BUF, buf, 4);
    g_assert_cmphex(dma(0x3fffu << 16 | FW_CFG_DMA_CTL_SELECT |
                        FW_CFG_DMA_CTL_READ, 4, BUF), ==, 0);
    ram_read(BUF, buf, 4);
    g_assert(!memcmp(buf, "\0\0\0\0", 4));
    g_assert_cmphex(dma(0x3fffu << 16 | FW_CFG_DMA_CTL_SELECT |
                        FW_CFG_DMA_CTL_WRITE, 4, BUF), ==,
                    FW_CFG_DMA_CTL_ERROR);
}

static size_t written_off, written_len;

static void record_write(void *opaque, size_t offset, size_t len)
{
    written_off = offset;
    written_len = len;
}

/*
 * DMA writes: only into a writable file, within its size; the write
 * callback sees where.  Read-only items refuse.
 */
static void test_dma_write(void)
{
    uint8_t init[8] = { 0 }, got[8];
    size_t len;
    const uint8_t *data;
    int key;

    g_assert(fw_cfg_add_file_callback(fw, "etc/test-writable", NULL,
                                      record_write, NULL, init, 8, false));
    key = fw_cfg_file_key(fw, "etc/test-writable");
    g_assert_cmpint(key, >=, FW_CFG_FILE_FIRST);
    ram_write(BUF, "ABCDEFGH", 8);
    /* Skip 2, write 4. */
    g_assert_cmphex(dma((uint32_t)key << 16 | FW_CFG_DMA_CTL_SELECT |
                        FW_CFG_DMA_CTL_SKIP, 2, 0), ==, 0);
    g_assert_cmphex(dma(FW_CFG_DMA_CTL_WRITE, 4, BUF), ==, 0);
    data = fw_cfg_get_file(fw, "etc/test-writable", &len);
    g_assert_cmpint(len, ==, 8);
    g_assert(!memcmp(data, "\0\0ABCD\0\0", 8));
    g_assert_cmpint(written_off, ==, 2);
    g_assert_cmpint(written_len, ==, 4);
    /* Past the end: refused, the file unchanged. */
    g_assert_cmphex(dma((uint32_t)key << 16 | FW_CFG_DMA_CTL_SELECT |
                        FW_CFG_DMA_CTL_SKIP, 6, 0), ==, 0);
    g_assert_cmphex(dma(FW_CFG_DMA_CTL_WRITE, 4, BUF), ==,
                    FW_CFG_DMA_CTL_ERROR);
    data = fw_cfg_get_file(fw, "etc/test-writable", &len);
    g_assert(!memcmp(data, "\0\0ABCD\0\0", 8));
    /* From unmapped guest memory: error. */
    g_assert_cmphex(dma((uint32_t)key << 16 | FW_CFG_DMA_CTL_SELECT |
                        FW_CFG_DMA_CTL_WRITE, 4, UNMAPPED), ==,
                    FW_CFG_DMA_CTL_ERROR);
    /* Read-only: the signature cannot be written. */
    g_assert_cmphex(dma(FW_CFG_SIGNATURE << 16 | FW_CFG_DMA_CTL_SELECT |
                        FW_CFG_DMA_CTL_WRITE, 4, BUF), ==,
                    FW_CFG_DMA_CTL_ERROR);
    select_key(FW_CFG_SIGNATURE);
    read_data(got, 4);
    g_assert(!memcmp(got, "QEMU", 4));
}

static int selects;

static void count_select(void *opaque)
{
    selects++;
}

/* A select callback runs on each selection, port or DMA. */
static void test_select_callback(void)
{
    g_assert(fw_cfg_add_file_callback(fw, "etc/test-lazy", count_select,
                                      NULL, NULL, "x", 1, true));
    selects = 0;
    select_key(fw_cfg_file_key(fw, "etc/test-lazy"));
    g_assert_cmpint(selects, ==, 1);
    dma((uint32_t)fw_cfg_file_key(fw, "etc/test-lazy") << 16 |
        FW_CFG_DMA_CTL_SELECT | FW_CFG_DMA_CTL_READ, 1, BUF);
    g_assert_cmpint(selects, ==, 2);
}

/*
 * The high half of the address register counts: with it set, a descriptor
 * at DESC in RAM is not the one used (the one above 4 GiB is unmapped, so
 * nothing happens); a single 64-bit register write starts DMA too.
 */
static void test_dma_high_descriptor(void)
{
    uint8_t marker[4] = { 0xaa, 0xaa, 0xaa, 0xaa }, got[4];
    FWCfgDmaAccess d = {
        .control = GUINT32_TO_BE(FW_CFG_SIGNATURE << 16 |
                                 FW_CFG_DMA_CTL_SELECT |
                                 FW_CFG_DMA_CTL_READ),
        .length = GUINT32_TO_BE(4),
        .address = GUINT64_TO_BE(BUF),
    };

    ram_write(BUF, marker, 4);
    ram_write(DESC, &d, sizeof(d));
    address_space_store(&address_space_io, FW_CFG_DMA_IO_BASE, 4,
                        GUINT32_TO_BE(0x10));
    address_space_store(&address_space_io, FW_CFG_DMA_IO_BASE + 4, 4,
                        GUINT32_TO_BE(DESC));
    ram_read(BUF, got, 4);
    g_assert(!memcmp(got, marker, 4));
    /* The high half was consumed: now the same low write uses DESC. */
    address_space_store(&address_space_io, FW_CFG_DMA_IO_BASE + 4, 4,
                        GUINT32_TO_BE(DESC));
    ram_read(BUF, got, 4);
    g_assert(!memcmp(got, "QEMU", 4));
}

static void set_boot_opts(const char *str)
{
    QemuOptsList *list = qemu_find_opts("boot-opts");

    qemu_opts_reset(list);
    qemu_opts_parse(list, str, true, &error_abort);
}

static char *boot_setup_error(const char *opts)
{
    Error *err = NULL;
    char *msg;

    set_boot_opts(opts);
    g_assert_false(fw_cfg_boot_setup(fw, &err));
    msg = g_strdup(error_get_pretty(err));
    error_free(err);
    return msg;
}

/*
 * -boot: the reference's fw_cfg content for "menu=on,splash-time=1234,
 * reboot-timeout=5000,strict=on" (BOOT_MENU 1, etc/boot-menu-wait d2 04,
 * etc/boot-fail-wait 88 13 00 00), its range errors, and "bootorder" built
 * at reset: sorted by bootindex, '\n'-separated, NUL-terminated, HALT last
 * with strict=on.
 */
static void test_boot_options(void)
{
    g_autofree char *e1 = boot_setup_error("splash-time=70000");
    g_autofree char *e2 = boot_setup_error("reboot-timeout=-2");
    const uint8_t *d;
    size_t len;
    Error *err = NULL;

    g_assert_cmpstr(e1, ==, "splash-time is invalid,it should be a value "
                    "between 0 and 65535");
    g_assert_cmpstr(e2, ==, "reboot timeout is invalid,it should be a "
                    "value between -1 and 65535");
    set_boot_opts("order=dc,menu=on,splash-time=1234,reboot-timeout=5000,"
                  "strict=on");
    g_assert(fw_cfg_boot_setup(fw, &error_abort));
    d = fw_cfg_get_bytes(fw, FW_CFG_BOOT_MENU, &len);
    g_assert(len == 2 && d[0] == 1 && d[1] == 0);
    d = fw_cfg_get_file(fw, "etc/boot-menu-wait", &len);
    g_assert(len == 2 && !memcmp(d, "\xd2\x04", 2));
    d = fw_cfg_get_file(fw, "etc/boot-fail-wait", &len);
    g_assert(len == 4 && !memcmp(d, "\x88\x13\x00\x00", 4));
    g_assert_cmpint(fw_cfg_file_key(fw, "bios-geometry"), >=, 0);
    /* Nothing bootable yet: an empty file, no HALT. */
    d = fw_cfg_get_file(fw, "bootorder", &len);
    g_assert_cmpuint(len, ==, 0);

    g_assert(fw_boot_add_path(3, "/rom@genroms/c.bin", &error_abort));
    g_assert(fw_boot_add_path(1, "/rom@genroms/a.bin", &error_abort));
    g_assert_false(fw_boot_add_path(1, "/rom@genroms/b.bin", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "The bootindex 1 has already been used");
    error_free(err);
    g_assert(fw_boot_add_path(-1, "/ignored", &error_abort));
    qemu_devices_reset();
    d = fw_cfg_get_file(fw, "bootorder", &len);
    g_assert_cmpuint(len, ==, sizeof("/rom@genroms/a.bin\n"
                                     "/rom@genroms/c.bin\nHALT"));
    g_assert_cmpstr((const char *)d, ==,
                    "/rom@genroms/a.bin\n/rom@genroms/c.bin\nHALT");
    set_boot_opts("");
}

/* A device's path is built from the qdev tree: a device on the main
 * system bus, named by the board, is "/pci@i0cf8". */
static void test_device_path(void)
{
    DeviceState *dev = DEVICE(fw);
    g_autofree char *p1 = fw_dev_path(dev);
    g_autofree char *p2 = NULL;

    g_assert_cmpstr(p1, ==, "/fw_cfg_io");
    fw_dev_path_set_component(dev, "pci@i0cf8");
    p2 = fw_dev_path(dev);
    g_assert_cmpstr(p2, ==, "/pci@i0cf8");
    fw_boot_del(dev);
}

/* Reset selects the signature again. */
static void test_reset(void)
{
    select_key(FW_CFG_ID);
    qemu_devices_reset();
    g_assert_cmpint(data_byte(), ==, 'Q');
}

/* The QOM shape of the reference: /machine/fw_cfg, type fw_cfg_io. */
static void test_qom(void)
{
    Object *o = object_resolve_path("/machine/fw_cfg", NULL);

    g_assert(o);
    g_assert_cmpstr(object_get_typename(o), ==, TYPE_FW_CFG_IO);
    g_assert(fw_cfg_find() == fw);
    g_assert(object_property_get_bool(o, "dma_enabled", &error_abort));
    g_assert_cmpint(object_property_get_uint(o, "x-file-slots",
                                             &error_abort), ==, 0x20);
}

int main(int argc, char **argv)
{
    Object *machine;

    g_test_init(&argc, &argv, NULL);
    machine = object_new("none-machine");
    object_property_add_child(object_get_root(), "machine", machine);
    object_unref(machine);
    qdev_machine_init();
    memory_region_init_ram(&ram, NULL, "ram", RAM_SIZE, &error_abort);
    memory_region_add_subregion(get_system_memory(), 0, &ram);
    fw = fw_cfg_init_io_dma(FW_CFG_IO_BASE, FW_CFG_DMA_IO_BASE,
                            &address_space_memory);

    g_test_add_func("/fw-cfg/qom", test_qom);
    g_test_add_func("/fw-cfg/signature", test_signature);
    g_test_add_func("/fw-cfg/id-has-dma", test_id);
    g_test_add_func("/fw-cfg/invalid-selector-reads-zero",
                    test_invalid_selector);
    g_test_add_func("/fw-cfg/integers-little-endian", test_integers);
    g_test_add_func("/fw-cfg/file-dir-sorted", test_file_dir_sorted);
    g_test_add_func("/fw-cfg/dma/signature", test_dma_signature);
    g_test_add_func("/fw-cfg/dma/read", test_dma_read);
    g_test_add_func("/fw-cfg/dma/skip", test_dma_skip);
    g_test_add_func("/fw-cfg/dma/bad-buffer-sets-error", test_dma_bad_buffer);
    g_test_add_func("/fw-cfg/dma/huge-length", test_dma_huge_length);
    g_test_add_func("/fw-cfg/dma/bad-descriptor", test_dma_bad_descriptor);
    g_test_add_func("/fw-cfg/dma/invalid-key", test_dma_invalid_key);
    g_test_add_func("/fw-cfg/dma/write", test_dma_write);
    g_test_add_func("/fw-cfg/dma/high-descriptor", test_dma_high_descriptor);
    g_test_add_func("/fw-cfg/select-callback", test_select_callback);
    g_test_add_func("/fw-cfg/reset-selects-signature", test_reset);
    g_test_add_func("/fw-cfg/boot/options-and-bootorder", test_boot_options);
    g_test_add_func("/fw-cfg/boot/device-path", test_device_path);
    return g_test_run();
}
