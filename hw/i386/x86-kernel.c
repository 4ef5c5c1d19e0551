/*
 * x86-kernel.c: -kernel/-initrd/-append for the PC: the Linux boot
 * protocol side, and the choice between Linux and Multiboot.
 *
 * Reference: the Linux x86 boot protocol (Documentation/x86/boot.rst:
 * "The real-mode kernel header", "Loading the rest of the kernel",
 * "Details of header fields": setup_sects 0x1f1, vid_mode 0x1fa, header
 * "HdrS" 0x202, version 0x206, type_of_loader 0x210, loadflags 0x211,
 * ramdisk_image 0x218, ramdisk_size 0x21c, heap_end_ptr 0x224,
 * cmd_line_ptr 0x228, initrd_addr_max 0x22c, xloadflags 0x236, the old
 * command line protocol at 0x20).  Addresses and limits are those the
 * reference chooses, so that what the guest sees is the same.
 */
#include "qemu/osdep.h"
#include "hw/i386/x86-kernel.h"
#include "hw/nvram/fw_cfg-boot.h"
#include "qapi/error.h"

#define HDR_SETUP_SECTS     0x1f1
#define HDR_VID_MODE        0x1fa
#define HDR_MAGIC           0x202
#define HDR_VERSION         0x206
#define HDR_TYPE_OF_LOADER  0x210
#define HDR_LOADFLAGS       0x211
#define HDR_RAMDISK_IMAGE   0x218
#define HDR_RAMDISK_SIZE    0x21c
#define HDR_HEAP_END_PTR    0x224
#define HDR_CMD_LINE_PTR    0x228
#define HDR_INITRD_ADDR_MAX 0x22c
#define HDR_XLOADFLAGS      0x236
#define OLD_CL_MAGIC_ADDR   0x20
#define OLD_CL_OFFSET       0x22
#define OLD_CL_MAGIC        0xa33f

#define LOADED_HIGH         0x01
#define CAN_USE_HEAP        0x80
#define XLF_CAN_BE_LOADED_ABOVE_4G 0x02
#define LOADER_TYPE_QEMU    0xb0

static uint32_t ld(const uint8_t *b, size_t len, size_t off, int n)
{
    uint32_t v = 0;
    int i;

    for (i = n - 1; i >= 0; i--) {
        v = v << 8 | (off + i < len ? b[off + i] : 0);
    }
    return v;
}

static void st(uint8_t *b, size_t len, size_t off, uint32_t v, int n)
{
    int i;

    for (i = 0; i < n && off + i < len; i++) {
        b[off + i] = v >> (8 * i);
    }
}

/* The boot protocol version, 0 for an image without a setup header. */
static uint16_t linux_protocol(const uint8_t *buf, size_t len)
{
    return ld(buf, len, HDR_MAGIC, 4) == 0x53726448 ?
        ld(buf, len, HDR_VERSION, 2) : 0;
}

/* "vga=normal|ext|ask|N" anywhere in the command line. */
static bool parse_vga(const char *cmdline, uint16_t *mode, bool *given)
{
    const char *v = strstr(cmdline, "vga=");
    char *end;
    unsigned long n;

    *given = v != NULL;
    if (!v) {
        return true;
    }
    v += 4;
    if (!strncmp(v, "normal", 6)) {
        *mode = 0xffff;
    } else if (!strncmp(v, "ext", 3)) {
        *mode = 0xfffe;
    } else if (!strncmp(v, "ask", 3)) {
        *mode = 0xfffd;
    } else {
        errno = 0;
        n = strtoul(v, &end, 0);
        if (errno || end == v || (*end && *end != ' ') || n > UINT_MAX) {
            return false;
        }
        *mode = n;
    }
    return true;
}

bool x86_linux_prepare(uint8_t *buf, size_t buf_len, size_t kernel_size,
                       const char *cmdline, size_t initrd_size,
                       uint64_t below_4g_mem_size, uint32_t acpi_data_size,
                       LinuxBootLayout *l, Error **errp)
{
    uint16_t protocol = linux_protocol(buf, buf_len);
    uint32_t cmdline_size = (strlen(cmdline) + 16) & ~15;
    uint64_t top = below_4g_mem_size - acpi_data_size;
    uint16_t vga;
    bool vga_given;
    uint32_t setup_sects;

    memset(l, 0, sizeof(*l));
    l->protocol = protocol;
    if (protocol < 0x200 || !(ld(buf, buf_len, HDR_LOADFLAGS, 1) &
                              LOADED_HIGH)) {
        l->real_addr = 0x90000;
        l->cmdline_addr = 0x9a000 - cmdline_size;
        l->prot_addr = 0x10000;
    } else if (protocol < 0x202) {
        l->real_addr = 0x90000;
        l->cmdline_addr = 0x9a000 - cmdline_size;
        l->prot_addr = 0x100000;
    } else {
        l->real_addr = 0x10000;
        l->cmdline_addr = 0x20000;
        l->prot_addr = 0x100000;
    }

    /* Where the initrd may go: the kernel's limit, below the ACPI area. */
    if (protocol >= 0x20c &&
        (ld(buf, buf_len, HDR_XLOADFLAGS, 2) & XLF_CAN_BE_LOADED_ABOVE_4G)) {
        l->initrd_max = UINT32_MAX;
    } else if (protocol >= 0x203) {
        l->initrd_max = ld(buf, buf_len, HDR_INITRD_ADDR_MAX, 4);
    } else {
        l->initrd_max = 0x37ffffff;
    }
    if (l->initrd_max >= top) {
        l->initrd_max = top - 1;
    }

    if (protocol >= 0x202) {
        st(buf, buf_len, HDR_CMD_LINE_PTR, l->cmdline_addr, 4);
    } else {
        st(buf, buf_len, OLD_CL_MAGIC_ADDR, OLD_CL_MAGIC, 2);
        st(buf, buf_len, OLD_CL_OFFSET, l->cmdline_addr - l->real_addr, 2);
    }
    if (!parse_vga(cmdline, &vga, &vga_given)) {
        error_setg(errp, "qemu: invalid 'vga=' kernel parameter.");
        return false;
    }
    if (vga_given) {
        st(buf, buf_len, HDR_VID_MODE, vga, 2);
    }
    if (protocol >= 0x200) {
        st(buf, buf_len, HDR_TYPE_OF_LOADER, LOADER_TYPE_QEMU, 1);
    }
    if (protocol >= 0x201) {
        st(buf, buf_len, HDR_LOADFLAGS,
           ld(buf, buf_len, HDR_LOADFLAGS, 1) | CAN_USE_HEAP, 1);
        st(buf, buf_len, HDR_HEAP_END_PTR,
           l->cmdline_addr - l->real_addr - 0x200, 2);
    }

    if (initrd_size) {
        if (protocol < 0x200) {
            error_setg(errp, "qemu: linux kernel too old to load a ram disk");
            return false;
        }
        if (initrd_size >= l->initrd_max) {
            error_setg(errp, "qemu: initrd is too large, cannot support."
                       "(max: %" PRIu32 ", need %zu)", l->initrd_max,
                       initrd_size);
            return false;
        }
        l->initrd_addr = (l->initrd_max - initrd_size) & ~4095u;
        st(buf, buf_len, HDR_RAMDISK_IMAGE, l->initrd_addr, 4);
        st(buf, buf_len, HDR_RAMDISK_SIZE, initrd_size, 4);
    }

    setup_sects = ld(buf, buf_len, HDR_SETUP_SECTS, 1);
    l->setup_size = ((setup_sects ? setup_sects : 4) + 1) * 512;
    if (l->setup_size > kernel_size || l->setup_size > buf_len) {
        error_setg(errp, "qemu: invalid kernel header");
        return false;
    }
    return true;
}

/* A whole file; false with errno set. */
static bool read_file(const char *path, uint8_t **data, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    size_t done = 0;
    int err;

    if (fd < 0) {
        return false;
    }
    if (fstat(fd, &st) < 0) {
        goto fail;
    }
    if (!S_ISREG(st.st_mode)) {
        errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
        goto fail;
    }
    *data = g_malloc(st.st_size ? st.st_size : 1);
    while (done < (size_t)st.st_size) {
        ssize_t n = read(fd, *data + done, st.st_size - done);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            err = n ? errno : EIO;
            g_free(*data);
            errno = err;
            goto fail;
        }
        done += n;
    }
    *len = done;
    close(fd);
    return true;

fail:
    err = errno;
    close(fd);
    errno = err;
    return false;
}

static void add_rom(FWCfgState *fw_cfg, X86OptionRom which, const char *name)
{
    g_autofree char *file = g_strdup_printf("genroms/%s", name);
    g_autofree char *path = g_strdup_printf("/rom@%s", file);
    size_t len;
    g_autofree uint8_t *rom = x86_option_rom(which, &len);

    fw_cfg_add_file(fw_cfg, file, rom, len);
    /* Boot from it first, as the reference registers it (bootindex 0). */
    fw_boot_add_path(0, path, NULL);
}

static bool load_linux(MachineState *ms, FWCfgState *fw_cfg, uint8_t *buf,
                       size_t len, uint64_t below_4g_mem_size,
                       uint32_t acpi_data_size, Error **errp)
{
    const char *cmdline = ms->kernel_cmdline ? ms->kernel_cmdline : "";
    GMappedFile *initrd = NULL;
    size_t initrd_len = 0;
    LinuxBootLayout l;

    if (ms->initrd_filename) {
        GError *gerr = NULL;

        if (linux_protocol(buf, len) < 0x200) {
            error_setg(errp, "qemu: linux kernel too old to load a ram disk");
            return false;
        }
        /* GMappedFile: the reference's error text comes from it. */
        initrd = g_mapped_file_new(ms->initrd_filename, false, &gerr);
        if (!initrd) {
            error_setg(errp, "qemu: error reading initrd %s: %s",
                       ms->initrd_filename, gerr->message);
            g_error_free(gerr);
            return false;
        }
        initrd_len = g_mapped_file_get_length(initrd);
    }
    if (!x86_linux_prepare(buf, len, len, cmdline, initrd_len,
                           below_4g_mem_size, acpi_data_size, &l, errp)) {
        if (initrd) {
            g_mapped_file_unref(initrd);
        }
        return false;
    }

    fw_cfg_add_i32(fw_cfg, FW_CFG_CMDLINE_ADDR, l.cmdline_addr);
    fw_cfg_add_i32(fw_cfg, FW_CFG_CMDLINE_SIZE, strlen(cmdline) + 1);
    fw_cfg_add_string(fw_cfg, FW_CFG_CMDLINE_DATA, cmdline);
    if (ms->initrd_filename) {
        fw_cfg_add_i32(fw_cfg, FW_CFG_INITRD_ADDR, l.initrd_addr);
        fw_cfg_add_i32(fw_cfg, FW_CFG_INITRD_SIZE, initrd_len);
        fw_cfg_add_bytes(fw_cfg, FW_CFG_INITRD_DATA,
                         g_mapped_file_get_contents(initrd), initrd_len);
        g_mapped_file_unref(initrd);
    }
    fw_cfg_add_i32(fw_cfg, FW_CFG_KERNEL_ADDR, l.prot_addr);
    fw_cfg_add_i32(fw_cfg, FW_CFG_KERNEL_SIZE, len - l.setup_size);
    fw_cfg_add_bytes(fw_cfg, FW_CFG_KERNEL_DATA, buf + l.setup_size,
                     len - l.setup_size);
    fw_cfg_add_i32(fw_cfg, FW_CFG_SETUP_ADDR, l.real_addr);
    fw_cfg_add_i32(fw_cfg, FW_CFG_SETUP_SIZE, l.setup_size);
    fw_cfg_add_bytes(fw_cfg, FW_CFG_SETUP_DATA, buf, l.setup_size);
    add_rom(fw_cfg, X86_OPTION_ROM_LINUXBOOT, "linuxboot_dma.bin");
    return true;
}

static bool load_multiboot(MachineState *ms, FWCfgState *fw_cfg,
                           const uint8_t *buf, size_t len,
                           uint64_t below_4g_mem_size, Error **errp)
{
    MultibootImage mb;

    if (!x86_multiboot_build(ms->kernel_filename, buf, len,
                             ms->kernel_cmdline ? ms->kernel_cmdline : "",
                             ms->initrd_filename, below_4g_mem_size, &mb,
                             errp)) {
        return false;
    }
    fw_cfg_add_i32(fw_cfg, FW_CFG_KERNEL_ENTRY, mb.entry);
    fw_cfg_add_i32(fw_cfg, FW_CFG_KERNEL_ADDR, mb.load_addr);
    fw_cfg_add_i32(fw_cfg, FW_CFG_KERNEL_SIZE, mb.image_len);
    fw_cfg_add_bytes(fw_cfg, FW_CFG_KERNEL_DATA, mb.image, mb.image_len);
    fw_cfg_add_i32(fw_cfg, FW_CFG_INITRD_ADDR, mb.mbi_addr);
    fw_cfg_add_i32(fw_cfg, FW_CFG_INITRD_SIZE, sizeof(mb.mbi));
    fw_cfg_add_bytes(fw_cfg, FW_CFG_INITRD_DATA, mb.mbi, sizeof(mb.mbi));
    g_free(mb.image);
    add_rom(fw_cfg, X86_OPTION_ROM_MULTIBOOT, "multiboot_dma.bin");
    return true;
}

bool x86_load_kernel(MachineState *ms, FWCfgState *fw_cfg,
                     uint64_t below_4g_mem_size, uint32_t acpi_data_size,
                     Error **errp)
{
    g_autofree uint8_t *buf = NULL;
    size_t len = 0;
    uint32_t flags;

    if (!ms->kernel_filename) {
        return true;
    }
    if (!read_file(ms->kernel_filename, &buf, &len)) {
        error_setg(errp, "qemu: could not open kernel file '%s': %s",
                   ms->kernel_filename, strerror(errno));
        return false;
    }
    if (!fw_cfg_dma_enabled(fw_cfg)) {
        error_setg(errp, "-kernel needs the fw_cfg DMA interface "
                   "(fw_cfg_io.dma_enabled=on)");
        return false;
    }
    if (!linux_protocol(buf, len) &&
        x86_multiboot_find_header(buf, len, &flags) >= 0) {
        return load_multiboot(ms, fw_cfg, buf, len, below_4g_mem_size, errp);
    }
    return load_linux(ms, fw_cfg, buf, len, below_4g_mem_size,
                      acpi_data_size, errp);
}
