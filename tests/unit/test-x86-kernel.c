/*
 * test-x86-kernel.c: -kernel for the PC: the Linux setup header patching
 * (Linux Documentation/x86/boot.rst, "Details of header fields"), the
 * Multiboot header search and information structure (Multiboot
 * Specification 0.6.96, 3.1 and 3.3), the option ROMs' headers (BIOS Boot
 * Specification 1.01 appendix A) and what lands in fw_cfg.
 *
 * The expected setup header bytes are what QEMU 7.2 puts in FW_CFG_SETUP_DATA
 * for the same synthetic bzImage and command line.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "exec/memory.h"
#include "hw/boards.h"
#include "hw/i386/x86-kernel.h"
#include "hw/nvram/fw_cfg.h"
#include "hw/nvram/fw_cfg-boot.h"

#define BELOW_4G    (512 * MiB)
#define SETUP_SECTS 4
#define SETUP_SIZE  ((SETUP_SECTS + 1) * 512)

static FWCfgState *fw;
static char *tmpdir;

static void st16(uint8_t *p, uint16_t v)
{
    p[0] = v;
    p[1] = v >> 8;
}

static void st32(uint8_t *p, uint32_t v)
{
    st16(p, v);
    st16(p + 2, v >> 16);
}

static uint32_t ld32(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* A bzImage with boot protocol `version` and an 8 KiB payload. */
static uint8_t *make_bzimage(uint16_t version, size_t *len)
{
    uint8_t *b = g_malloc0(SETUP_SIZE + 8192);
    size_t i;

    b[0x1f1] = SETUP_SECTS;
    st16(b + 0x1fe, 0xaa55);
    memcpy(b + 0x202, "HdrS", 4);
    st16(b + 0x206, version);
    b[0x211] = 0x01;                    /* LOADED_HIGH */
    st32(b + 0x214, 0x100000);
    st32(b + 0x22c, 0x7fffffff);
    st32(b + 0x230, 0x200000);
    b[0x234] = 1;
    st32(b + 0x238, 2047);
    st32(b + 0x260, 0x1000000);
    for (i = 0; i < 8192; i++) {
        b[SETUP_SIZE + i] = i;
    }
    *len = SETUP_SIZE + 8192;
    return b;
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

/* Protocol 2.15, loaded high, an initrd of 6000 bytes: as the reference. */
static void test_linux_header_recent(void)
{
    static const char ref_1f0[] =
        "000400000000000000000000000055aa0000486472530f020000000000000000"
        "b0810000000010000060fd1f701700000000000000fe000000000200ffffff7f"
        "0000200001000000ff0700000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000001000000000000000000000000";
    size_t len;
    g_autofree uint8_t *b = make_bzimage(0x020f, &len);
    g_autoptr(GBytes) want = unhex(ref_1f0);
    LinuxBootLayout l;

    g_assert(x86_linux_prepare(b, len, len, "console=ttyS0 foo=bar", 6000,
                               BELOW_4G, X86_ACPI_DATA_SIZE, &l,
                               &error_abort));
    g_assert(!memcmp(b + 0x1f0, g_bytes_get_data(want, NULL),
                     g_bytes_get_size(want)));
    g_assert_cmphex(l.real_addr, ==, 0x10000);
    g_assert_cmphex(l.cmdline_addr, ==, 0x20000);
    g_assert_cmphex(l.prot_addr, ==, 0x100000);
    g_assert_cmpuint(l.setup_size, ==, SETUP_SIZE);
    /* Top of low RAM minus the ACPI area, minus the initrd, 4 KiB down. */
    g_assert_cmphex(l.initrd_addr, ==, 0x1ffd6000);
}

/* Protocol 2.01: the old command line protocol below 0x9a000. */
static void test_linux_header_old(void)
{
    size_t len;
    g_autofree uint8_t *b = make_bzimage(0x0201, &len);
    LinuxBootLayout l;

    g_assert(x86_linux_prepare(b, len, len, "vga=0x317 x", 6000, BELOW_4G,
                               X86_ACPI_DATA_SIZE, &l, &error_abort));
    g_assert_cmphex(l.real_addr, ==, 0x90000);
    g_assert_cmphex(l.cmdline_addr, ==, 0x99ff0);
    g_assert_cmphex(b[0x20] | b[0x21] << 8, ==, 0xa33f);
    g_assert_cmphex(b[0x22] | b[0x23] << 8, ==, 0x9ff0);
    g_assert_cmphex(ld32(b + 0x228), ==, 0);    /* no cmd_line_ptr */
    g_assert_cmphex(b[0x224] | b[0x225] << 8, ==, 0x9df0);
    g_assert_cmphex(b[0x1fa] | b[0x1fb] << 8, ==, 0x0317);
    g_assert_cmphex(b[0x210], ==, 0xb0);
    g_assert_cmphex(b[0x211], ==, 0x81);
}

static char *prepare_error(uint16_t version, size_t file_len,
                           const char *cmdline, size_t initrd)
{
    size_t len;
    g_autofree uint8_t *b = make_bzimage(version, &len);
    LinuxBootLayout l;
    Error *err = NULL;
    char *msg;

    if (!version) {
        memset(b + 0x202, 0, 4);
    }
    g_assert_false(x86_linux_prepare(b, MIN(len, file_len),
                                     MIN(len, file_len), cmdline, initrd,
                                     BELOW_4G, X86_ACPI_DATA_SIZE, &l,
                                     &err));
    msg = g_strdup(error_get_pretty(err));
    error_free(err);
    return msg;
}

static void test_linux_errors(void)
{
    g_autofree char *a = prepare_error(0x020f, 1000, "", 0);
    g_autofree char *b = prepare_error(0x020f, SIZE_MAX, "vga=foo", 0);
    g_autofree char *c = prepare_error(0, SIZE_MAX, "", 100);
    g_autofree char *d = prepare_error(0x020f, SIZE_MAX, "", 600 * MiB);

    g_assert_cmpstr(a, ==, "qemu: invalid kernel header");
    g_assert_cmpstr(b, ==, "qemu: invalid 'vga=' kernel parameter.");
    g_assert_cmpstr(c, ==, "qemu: linux kernel too old to load a ram disk");
    g_assert_cmpstr(d, ==, "qemu: initrd is too large, cannot support."
                    "(max: 536707071, need 629145600)");
}

/* 3.1.1: magic, flags, checksum; 4-byte aligned; within 8 KiB. */
static void test_multiboot_header_search(void)
{
    g_autofree uint8_t *b = g_malloc0(16384);
    uint32_t flags;

    g_assert_cmpint(x86_multiboot_find_header(b, 16384, &flags), ==, -1);
    st32(b + 0x100, 0x1badb002);
    st32(b + 0x104, 0x00010003);
    st32(b + 0x108, -(0x1badb002u + 0x00010003u));
    g_assert_cmpint(x86_multiboot_find_header(b, 16384, &flags), ==, 0x100);
    g_assert_cmphex(flags, ==, 0x00010003);
    /* A bad checksum is no header. */
    st32(b + 0x108, 0);
    g_assert_cmpint(x86_multiboot_find_header(b, 16384, &flags), ==, -1);
    /* Misaligned or beyond 8 KiB: not found. */
    memset(b, 0, 16384);
    st32(b + 0x102, 0x1badb002);
    st32(b + 0x106, 0);
    st32(b + 0x10a, -0x1badb002u);
    g_assert_cmpint(x86_multiboot_find_header(b, 16384, &flags), ==, -1);
    memset(b, 0, 16384);
    st32(b + 8192, 0x1badb002);
    st32(b + 8196, 0);
    st32(b + 8200, -0x1badb002u);
    g_assert_cmpint(x86_multiboot_find_header(b, 16384, &flags), ==, -1);
}

/* An a.out-kludge kernel: header at 0 = load address 0x100000. */
static uint8_t *make_kludge(size_t *len)
{
    uint8_t *b = g_malloc0(4096);

    st32(b, 0x1badb002);
    st32(b + 4, 0x00010000);
    st32(b + 8, -(0x1badb002u + 0x00010000u));
    st32(b + 12, 0x100000);             /* header_addr */
    st32(b + 16, 0x100000);             /* load_addr */
    st32(b + 20, 0);                    /* load_end_addr: whole file */
    st32(b + 24, 0x102000);             /* bss_end_addr */
    st32(b + 28, 0x100040);             /* entry */
    memcpy(b + 64, "KERNEL", 6);
    *len = 4096;
    return b;
}

static char *write_tmp(const char *name, const char *content)
{
    char *path = g_build_filename(tmpdir, name, NULL);

    g_assert(g_file_set_contents(path, content, -1, NULL));
    return path;
}

static const char *str_at(const MultibootImage *mb, uint32_t addr)
{
    g_assert_cmpuint(addr, >=, mb->load_addr);
    g_assert_cmpuint(addr - mb->load_addr, <, mb->image_len);
    return (const char *)mb->image + (addr - mb->load_addr);
}

/* 3.3: the information structure, command lines and modules. */
static void test_multiboot_info(void)
{
    size_t len;
    g_autofree uint8_t *k = make_kludge(&len);
    g_autofree char *m1 = write_tmp("mod1", "first module");
    g_autofree char *m2 = write_tmp("mod,2", "second");
    g_autofree char *list = NULL, *escaped = NULL, *m1_cmdline = NULL;
    MultibootImage mb;
    const uint8_t *mod;
    char **parts;

    /* The second module's name has a comma: written doubled. */
    parts = g_strsplit(m2, ",", -1);
    escaped = g_strjoinv(",,", parts);
    g_strfreev(parts);
    list = g_strdup_printf("%s arg1 arg2,%s", m1, escaped);

    g_assert(x86_multiboot_build("/boot/kernel", k, len, "console=ttyS0",
                                 list, BELOW_4G, &mb, &error_abort));
    g_assert_cmphex(mb.load_addr, ==, 0x100000);
    g_assert_cmphex(mb.entry, ==, 0x100040);
    g_assert_cmphex(mb.mbi_addr, ==, 0x9500);
    g_assert(!memcmp(mb.image + 64, "KERNEL", 6));
    /* bss zeroed up to bss_end_addr. */
    g_assert_cmpint(mb.image[0x1fff], ==, 0);
    g_assert_cmphex(ld32(mb.mbi + 0), ==, 0x24f);
    g_assert_cmpuint(ld32(mb.mbi + 4), ==, 640);
    g_assert_cmpuint(ld32(mb.mbi + 8), ==, BELOW_4G / 1024 - 1024);
    g_assert_cmphex(ld32(mb.mbi + 12), ==, 0x8000ffff);
    g_assert_cmpstr(str_at(&mb, ld32(mb.mbi + 16)), ==,
                    "/boot/kernel console=ttyS0");
    g_assert_cmpuint(ld32(mb.mbi + 20), ==, 2);
    g_assert_cmphex(ld32(mb.mbi + 48), ==, 0x9000);
    g_assert_cmpstr(str_at(&mb, ld32(mb.mbi + 64)), ==, "qemu");

    mod = (const uint8_t *)str_at(&mb, ld32(mb.mbi + 24));
    g_assert_cmpuint(ld32(mod) % 4096, ==, 0);
    g_assert_cmpuint(ld32(mod + 4) - ld32(mod), ==, strlen("first module"));
    g_assert(!memcmp(str_at(&mb, ld32(mod)), "first module", 12));
    m1_cmdline = g_strdup_printf("%s arg1 arg2", m1);
    g_assert_cmpstr(str_at(&mb, ld32(mod + 8)), ==, m1_cmdline);
    mod += 16;
    g_assert_cmpuint(ld32(mod) % 4096, ==, 0);
    g_assert(!memcmp(str_at(&mb, ld32(mod)), "second", 6));
    g_assert_cmpstr(str_at(&mb, ld32(mod + 8)), ==, m2);
    g_assert_cmpuint(mb.image_len % 4096, ==, 0);
    g_free(mb.image);
    unlink(m1);
    unlink(m2);
}

/* ELF32 images load at p_paddr; ELF64 is refused with the reference's
 * message; a missing module is reported. */
static void test_multiboot_elf(void)
{
    uint8_t b[8192] = { 0 };
    MultibootImage mb;
    Error *err = NULL;

    memcpy(b, "\x7f" "ELF", 4);
    b[4] = 1;                           /* 32-bit */
    b[5] = 1;                           /* little-endian */
    st16(b + 16, 2);                    /* executable */
    st16(b + 18, 3);                    /* EM_386 */
    st32(b + 24, 0x200010);             /* entry */
    st32(b + 28, 52);                   /* phoff */
    st16(b + 42, 32);
    st16(b + 44, 1);
    st32(b + 52, 1);                    /* PT_LOAD */
    st32(b + 52 + 4, 0x1000);           /* offset */
    st32(b + 52 + 12, 0x200000);        /* paddr */
    st32(b + 52 + 16, 0x100);           /* filesz */
    st32(b + 52 + 20, 0x3000);          /* memsz */
    st32(b + 0x200, 0x1badb002);
    st32(b + 0x204, 0);
    st32(b + 0x208, -0x1badb002u);
    memcpy(b + 0x1000, "ELFCODE", 7);
    g_assert(x86_multiboot_build("k", b, sizeof(b), "", NULL, BELOW_4G, &mb,
                                 &error_abort));
    g_assert_cmphex(mb.load_addr, ==, 0x200000);
    g_assert_cmphex(mb.entry, ==, 0x200010);
    g_assert(!memcmp(mb.image, "ELFCODE", 7));
    g_assert_cmpuint(ld32(mb.mbi + 20), ==, 0);
    g_assert_cmpstr(str_at(&mb, ld32(mb.mbi + 16)), ==, "k ");
    g_free(mb.image);

    st16(b + 18, 62);                   /* EM_X86_64 */
    g_assert_false(x86_multiboot_build("k", b, sizeof(b), "", NULL,
                                       BELOW_4G, &mb, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Cannot load x86-64 image, give a 32bit one.");
    error_free(err);
    err = NULL;
    st16(b + 18, 3);
    g_assert_false(x86_multiboot_build("k", b, sizeof(b), "",
                                       "/nonexistent/module", BELOW_4G,
                                       &mb, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Failed to open file '/nonexistent/module'");
    error_free(err);
    err = NULL;
    /* A segment pointing outside the file. */
    st32(b + 52 + 16, 0x100000);
    g_assert_false(x86_multiboot_build("k", b, sizeof(b), "", NULL,
                                       BELOW_4G, &mb, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Error while loading elf kernel");
    error_free(err);
}

static uint8_t sum(const uint8_t *p, size_t len)
{
    uint8_t s = 0;

    while (len--) {
        s += *p++;
    }
    return s;
}

/* The ROMs: 55 AA, size in 512-byte units, sum 0, a PnP header with a
 * boot entry vector inside the ROM. */
static void test_option_roms(void)
{
    X86OptionRom roms[] = { X86_OPTION_ROM_LINUXBOOT,
                            X86_OPTION_ROM_MULTIBOOT };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(roms); i++) {
        size_t len;
        g_autofree uint8_t *r = x86_option_rom(roms[i], &len);
        uint16_t pnp, bev;

        g_assert_cmpuint(len % 512, ==, 0);
        g_assert_cmpuint(r[0], ==, 0x55);
        g_assert_cmpuint(r[1], ==, 0xaa);
        g_assert_cmpuint(r[2] * 512, ==, len);
        g_assert_cmpuint(sum(r, len), ==, 0);
        g_assert_cmpuint(r[3], ==, 0xcb);   /* init: lret */
        pnp = r[0x1a] | r[0x1b] << 8;
        g_assert(!memcmp(r + pnp, "$PnP", 4));
        g_assert_cmpuint(sum(r + pnp, r[pnp + 5] * 16), ==, 0);
        bev = r[pnp + 0x1a] | r[pnp + 0x1b] << 8;
        g_assert_cmpuint(bev, >, pnp);
        g_assert_cmpuint(bev, <, len);
        g_assert_cmpuint(r[bev], ==, 0xfa); /* cli */
    }
}

/* x86_load_kernel: the keys, the ROM file and "bootorder". */
static void test_load_kernel_fw_cfg(void)
{
    MachineState *ms = MACHINE(qdev_get_machine());
    size_t len, n;
    g_autofree uint8_t *bz = make_bzimage(0x020f, &len);
    g_autofree char *kpath = g_build_filename(tmpdir, "bzImage", NULL);
    g_autofree char *ipath = write_tmp("initrd", "INITRD");
    g_autofree char *order = NULL;
    const uint8_t *d;

    g_assert(g_file_set_contents(kpath, (char *)bz, len, NULL));
    ms->kernel_filename = kpath;
    ms->initrd_filename = ipath;
    ms->kernel_cmdline = (char *)"root=/dev/vda";
    g_assert(x86_load_kernel(ms, fw, BELOW_4G, X86_ACPI_DATA_SIZE,
                             &error_abort));
    d = fw_cfg_get_bytes(fw, FW_CFG_KERNEL_SIZE, &n);
    g_assert_cmpuint(ld32(d), ==, 8192);
    d = fw_cfg_get_bytes(fw, FW_CFG_KERNEL_DATA, &n);
    g_assert_cmpuint(n, ==, 8192);
    g_assert_cmpuint(d[1], ==, 1);
    d = fw_cfg_get_bytes(fw, FW_CFG_CMDLINE_DATA, &n);
    g_assert_cmpstr((const char *)d, ==, "root=/dev/vda");
    d = fw_cfg_get_bytes(fw, FW_CFG_SETUP_DATA, &n);
    g_assert_cmpuint(n, ==, SETUP_SIZE);
    g_assert_cmphex(ld32(d + 0x228), ==, 0x20000);
    g_assert_cmpuint(ld32(d + 0x21c), ==, 6);
    d = fw_cfg_get_bytes(fw, FW_CFG_INITRD_DATA, &n);
    g_assert(n == 6 && !memcmp(d, "INITRD", 6));
    g_assert(fw_cfg_get_file(fw, "genroms/linuxboot_dma.bin", &n));
    g_assert_cmpuint(n % 512, ==, 0);
    order = fw_boot_order_list(&n);
    g_assert_cmpstr(order, ==, "/rom@genroms/linuxboot_dma.bin");
    g_assert_cmpuint(n, ==, strlen(order) + 1);

    /* A missing file: the reference's message and errno text. */
    {
        Error *err = NULL;

        ms->kernel_filename = (char *)"/nonexistent/bzImage";
        g_assert_false(x86_load_kernel(ms, fw, BELOW_4G, X86_ACPI_DATA_SIZE,
                                       &err));
        g_assert_cmpstr(error_get_pretty(err), ==,
                        "qemu: could not open kernel file "
                        "'/nonexistent/bzImage': No such file or directory");
        error_free(err);
    }
    ms->kernel_filename = NULL;
    ms->initrd_filename = NULL;
    ms->kernel_cmdline = NULL;
    unlink(kpath);
    unlink(ipath);
}

int main(int argc, char **argv)
{
    Object *machine;
    int ret;

    g_test_init(&argc, &argv, NULL);
    machine = object_new("none-machine");
    object_property_add_child(object_get_root(), "machine", machine);
    object_unref(machine);
    qdev_machine_init();
    fw = fw_cfg_init_io_dma(FW_CFG_IO_BASE, FW_CFG_DMA_IO_BASE,
                            &address_space_memory);
    tmpdir = g_dir_make_tmp("test-x86-kernel-XXXXXX", NULL);

    g_test_add_func("/x86-kernel/linux/header-recent-protocol",
                    test_linux_header_recent);
    g_test_add_func("/x86-kernel/linux/header-old-protocol",
                    test_linux_header_old);
    g_test_add_func("/x86-kernel/linux/errors", test_linux_errors);
    g_test_add_func("/x86-kernel/multiboot/header-search",
                    test_multiboot_header_search);
    g_test_add_func("/x86-kernel/multiboot/info-and-modules",
                    test_multiboot_info);
    g_test_add_func("/x86-kernel/multiboot/elf", test_multiboot_elf);
    g_test_add_func("/x86-kernel/option-roms", test_option_roms);
    g_test_add_func("/x86-kernel/load-kernel-fw-cfg",
                    test_load_kernel_fw_cfg);
    ret = g_test_run();
    rmdir(tmpdir);
    g_free(tmpdir);
    return ret;
}
