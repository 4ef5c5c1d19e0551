/*
 * x86-multiboot.c: loading a Multiboot (v1) kernel given with -kernel.
 *
 * Reference: the Multiboot Specification 0.6.96: 3.1.1 the header (magic
 * 0x1BADB002 in the first 8192 bytes, 32-bit aligned; magic + flags +
 * checksum = 0), 3.1.3 the address fields (flag 16: the a.out kludge),
 * 3.3 the boot information (flags, mem_lower/mem_upper, boot_device,
 * cmdline, mods_count/mods_addr with {mod_start, mod_end, string, 0},
 * mmap_addr/mmap_length, boot_loader_name).  ELF32 images follow the
 * System V ABI program headers (PT_LOAD at p_paddr).  Layout, limits and
 * messages are the reference's, so a kernel sees the same addresses.
 *
 * KERNEL_DATA: the kernel at its load address, page-aligned; then the
 * module list, the command lines and the boot loader name; then each
 * module, page-aligned.  INITRD_DATA: the information structure, copied
 * to 0x9500; the ROM fills the memory map at 0x9000.
 */
#include "qemu/osdep.h"
#include "hw/i386/x86-kernel.h"
#include "qapi/error.h"

#define MB_MAGIC            0x1badb002
#define MB_SEARCH_LEN       8192
#define MB_HEADER_LEN       48
#define MB_FLAG_VBE         (1u << 2)
#define MB_FLAG_ADDRESSES   (1u << 16)

#define MBI_FLAGS           0
#define MBI_MEM_LOWER       4
#define MBI_MEM_UPPER       8
#define MBI_BOOT_DEVICE     12
#define MBI_CMDLINE         16
#define MBI_MODS_COUNT      20
#define MBI_MODS_ADDR       24
#define MBI_MMAP_ADDR       48
#define MBI_BOOTLOADER      64
#define MB_MOD_SIZE         16

#define MBI_HAS_MEMORY      (1u << 0)
#define MBI_HAS_BOOT_DEVICE (1u << 1)
#define MBI_HAS_CMDLINE     (1u << 2)
#define MBI_HAS_MODS        (1u << 3)
#define MBI_HAS_MMAP        (1u << 6)
#define MBI_HAS_LOADER_NAME (1u << 9)

#define ADDR_E820_MAP       0x9000
#define ADDR_MBI            (ADDR_E820_MAP + 0x500)
#define PAGE_ALIGN(x)       QEMU_ALIGN_UP((uint64_t)(x), 4096)
#define BOOTLOADER_NAME     "qemu"

#define EM_386              3
#define EM_X86_64           62
#define PT_LOAD             1

static uint32_t le32(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const uint8_t *p)
{
    return p[0] | p[1] << 8;
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = v;
    p[1] = v >> 8;
    p[2] = v >> 16;
    p[3] = v >> 24;
}

int x86_multiboot_find_header(const uint8_t *buf, size_t len,
                              uint32_t *flags)
{
    size_t i, end = MIN(len, (size_t)MB_SEARCH_LEN);

    for (i = 0; i + MB_HEADER_LEN <= end; i += 4) {
        if (le32(buf + i) == MB_MAGIC &&
            (uint32_t)(MB_MAGIC + le32(buf + i + 4) + le32(buf + i + 8)) ==
            0) {
            *flags = le32(buf + i + 4);
            return i;
        }
    }
    return -1;
}

/* The image being assembled, with its guest base address. */
typedef struct MBState {
    uint8_t *buf;
    size_t size;
    uint32_t phys;
    size_t off_mbinfo, off_cmdlines, off_bootloader;
    unsigned mods;
} MBState;

static uint32_t mb_add_string(MBState *s, size_t *off, const char *str)
{
    uint32_t addr = s->phys + *off;

    memcpy(s->buf + *off, str, strlen(str) + 1);
    *off += strlen(str) + 1;
    return addr;
}

/* ELF32: the PT_LOAD segments as one image from the lowest p_paddr. */
static bool load_elf32(const uint8_t *buf, size_t len, uint64_t limit,
                       MBState *s, uint32_t *entry, size_t *size,
                       Error **errp)
{
    uint32_t phoff, lo = UINT32_MAX, hi = 0;
    uint16_t phentsize, phnum, i;

    if (len < 52 || memcmp(buf, "\x7f" "ELF", 4) || buf[4] != 1 ||
        buf[5] != 1 || le16(buf + 18) != EM_386) {
        goto bad;
    }
    phoff = le32(buf + 28);
    phentsize = le16(buf + 42);
    phnum = le16(buf + 44);
    if (phentsize < 32 || phoff > len ||
        (uint64_t)phnum * phentsize > len - phoff) {
        goto bad;
    }
    for (i = 0; i < phnum; i++) {
        const uint8_t *ph = buf + phoff + i * phentsize;
        uint32_t off = le32(ph + 4), paddr = le32(ph + 12);
        uint32_t filesz = le32(ph + 16), memsz = le32(ph + 20);

        if (le32(ph) != PT_LOAD || !memsz) {
            continue;
        }
        if (filesz > memsz || off > len || filesz > len - off ||
            (uint64_t)paddr + memsz > limit) {
            goto bad;
        }
        lo = MIN(lo, paddr);
        hi = MAX(hi, paddr + memsz);
    }
    if (lo >= hi) {
        goto bad;
    }
    s->buf = g_malloc0(hi - lo);
    for (i = 0; i < phnum; i++) {
        const uint8_t *ph = buf + phoff + i * phentsize;

        if (le32(ph) == PT_LOAD && le32(ph + 20)) {
            memcpy(s->buf + le32(ph + 12) - lo, buf + le32(ph + 4),
                   le32(ph + 16));
        }
    }
    s->phys = lo;
    *entry = le32(buf + 24);
    *size = hi - lo;
    return true;

bad:
    error_setg(errp, "Error while loading elf kernel");
    return false;
}

/* The a.out kludge: the header's address fields say what goes where. */
static bool load_kludge(const uint8_t *buf, size_t len, int i, MBState *s,
                        uint32_t *entry, size_t *size, Error **errp)
{
    uint32_t header_addr = le32(buf + i + 12);
    uint32_t load_addr = le32(buf + i + 16);
    uint32_t load_end_addr = le32(buf + i + 20);
    uint32_t bss_end_addr = le32(buf + i + 24);
    uint32_t text_offset, load_size, kernel_size;

    if (header_addr < load_addr) {
        error_setg(errp, "invalid load_addr address");
        return false;
    }
    if (header_addr - load_addr > (uint32_t)i) {
        error_setg(errp, "invalid header_addr address");
        return false;
    }
    text_offset = i - (header_addr - load_addr);
    if (load_end_addr) {
        if (load_end_addr < load_addr) {
            error_setg(errp, "invalid load_end_addr address");
            return false;
        }
        load_size = load_end_addr - load_addr;
    } else {
        if (len < text_offset) {
            error_setg(errp, "invalid kernel_file_size");
            return false;
        }
        load_size = len - text_offset;
    }
    if (load_size > UINT32_MAX - load_addr) {
        error_setg(errp, "kernel does not fit in address space");
        return false;
    }
    if (bss_end_addr) {
        if (bss_end_addr < load_addr + load_size) {
            error_setg(errp, "invalid bss_end_addr address");
            return false;
        }
        kernel_size = bss_end_addr - load_addr;
    } else {
        kernel_size = load_size;
    }
    if (text_offset > len || load_size > len - text_offset) {
        error_setg(errp, "fread() failed");
        return false;
    }
    s->buf = g_malloc0(kernel_size ? kernel_size : 1);
    memcpy(s->buf, buf + text_offset, load_size);
    s->phys = load_addr;
    *entry = le32(buf + i + 28);
    *size = kernel_size;
    return true;
}

/*
 * The -initrd list: entries split at ',' (",," is a comma), each "file
 * args".  Returns the entries (g_strfreev).
 */
static char **split_modules(const char *list)
{
    GPtrArray *a = g_ptr_array_new();
    GString *cur = g_string_new(NULL);
    const char *p;

    for (p = list; ; p++) {
        if (*p == ',' && p[1] == ',') {
            g_string_append_c(cur, ',');
            p++;
        } else if (*p == ',' || !*p) {
            g_ptr_array_add(a, g_strdup(cur->str));
            g_string_truncate(cur, 0);
            if (!*p) {
                break;
            }
        } else {
            g_string_append_c(cur, *p);
        }
    }
    g_string_free(cur, true);
    g_ptr_array_add(a, NULL);
    return (char **)g_ptr_array_free(a, false);
}

bool x86_multiboot_build(const char *file, const uint8_t *buf, size_t len,
                         const char *cmdline, const char *initrd,
                         uint64_t below_4g_mem_size, MultibootImage *out,
                         Error **errp)
{
    MBState s = { 0 };
    g_auto(GStrv) mods = initrd ? split_modules(initrd) : NULL;
    g_autofree char *kcmdline = NULL;
    uint32_t flags, entry;
    size_t kernel_size, cmdline_len, off;
    int i = x86_multiboot_find_header(buf, len, &flags);
    unsigned m;

    memset(out, 0, sizeof(*out));
    if (i < 0) {
        error_setg(errp, "no Multiboot header in the first 8 KiB");
        return false;
    }
    if (flags & MB_FLAG_VBE) {
        error_report("multiboot knows VBE. we don't.");
    }
    if (!(flags & MB_FLAG_ADDRESSES)) {
        if (len >= 20 && le16(buf + 18) == EM_X86_64) {
            error_setg(errp, "Cannot load x86-64 image, give a 32bit one.");
            return false;
        }
        if (!load_elf32(buf, len, below_4g_mem_size, &s, &entry,
                        &kernel_size, errp)) {
            return false;
        }
    } else if (!load_kludge(buf, len, i, &s, &entry, &kernel_size, errp)) {
        return false;
    }

    /* Room for the module list, command lines and loader name. */
    s.size = PAGE_ALIGN(kernel_size);
    s.off_mbinfo = s.size;
    cmdline_len = strlen(file) + 1 + strlen(cmdline) + 1;
    if (initrd) {
        cmdline_len += strlen(initrd) + 1;
        s.mods = g_strv_length(mods);
    }
    s.size += cmdline_len + MB_MOD_SIZE * s.mods +
        strlen(BOOTLOADER_NAME) + 1;
    s.size = PAGE_ALIGN(s.size);
    s.buf = g_realloc(s.buf, s.size);
    memset(s.buf + kernel_size, 0, s.size - kernel_size);
    s.off_cmdlines = s.off_mbinfo + s.mods * MB_MOD_SIZE;
    s.off_bootloader = s.off_cmdlines + cmdline_len;

    off = s.off_cmdlines;
    for (m = 0; m < s.mods; m++) {
        g_autofree char *name = g_strdup(mods[m]);
        char *space = strchr(name, ' ');
        uint32_t cl = mb_add_string(&s, &off, mods[m]);
        size_t start = s.size, mlen;
        gchar *data = NULL;
        gsize n;
        uint8_t *mod;

        if (space) {
            *space = '\0';
        }
        if (!g_file_test(name, G_FILE_TEST_EXISTS)) {
            error_setg(errp, "Failed to open file '%s'", name);
            goto fail;
        }
        if (!g_file_get_contents(name, &data, &n, NULL)) {
            error_setg(errp, "Failed to load file '%s'", name);
            goto fail;
        }
        mlen = n;
        if (s.phys + PAGE_ALIGN(start + mlen) > below_4g_mem_size) {
            g_free(data);
            error_setg(errp, "Failed to load file '%s'", name);
            goto fail;
        }
        s.size = PAGE_ALIGN(start + mlen);
        s.buf = g_realloc(s.buf, s.size);
        memset(s.buf + start, 0, s.size - start);
        memcpy(s.buf + start, data, mlen);
        g_free(data);
        mod = s.buf + s.off_mbinfo + m * MB_MOD_SIZE;
        put32(mod, s.phys + start);
        put32(mod + 4, s.phys + start + mlen);
        put32(mod + 8, cl);
        put32(mod + 12, 0);
    }

    kcmdline = g_strdup_printf("%s %s", file, cmdline);
    put32(out->mbi + MBI_CMDLINE, mb_add_string(&s, &off, kcmdline));
    off = s.off_bootloader;
    put32(out->mbi + MBI_BOOTLOADER, mb_add_string(&s, &off,
                                                   BOOTLOADER_NAME));
    put32(out->mbi + MBI_MODS_ADDR, s.phys + s.off_mbinfo);
    put32(out->mbi + MBI_MODS_COUNT, s.mods);
    put32(out->mbi + MBI_FLAGS, MBI_HAS_MEMORY | MBI_HAS_BOOT_DEVICE |
          MBI_HAS_CMDLINE | MBI_HAS_MODS | MBI_HAS_MMAP |
          MBI_HAS_LOADER_NAME);
    put32(out->mbi + MBI_BOOT_DEVICE, 0x8000ffff);
    put32(out->mbi + MBI_MMAP_ADDR, ADDR_E820_MAP);
    put32(out->mbi + MBI_MEM_LOWER, 640);
    put32(out->mbi + MBI_MEM_UPPER, below_4g_mem_size / 1024 - 1024);

    out->load_addr = s.phys;
    out->entry = entry;
    out->image = s.buf;
    out->image_len = s.size;
    out->mbi_addr = ADDR_MBI;
    return true;

fail:
    g_free(s.buf);
    return false;
}
