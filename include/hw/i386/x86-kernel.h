/*
 * x86-kernel.h: -kernel, -initrd and -append on the PC.
 *
 * Concepts
 * - The board does not put the kernel in RAM itself: it hands the images
 *   to the firmware through fw_cfg (the legacy KERNEL_*, INITRD_*,
 *   CMDLINE_*, SETUP_* keys) together with an option ROM of the
 *   project's own ("genroms/linuxboot_dma.bin" or
 *   "genroms/multiboot_dma.bin", bootindex 0, so "bootorder" starts with
 *   "/rom@genroms/..."), as the reference does.  SeaBIOS runs the ROM as
 *   its first boot device; the ROM copies the images with fw_cfg DMA and
 *   starts the kernel.  Why and how: docs/firmware.md.
 * - A Multiboot v1 kernel (a valid header in the first 8 KiB) is loaded
 *   as an ELF32 image or, with the header's address fields (flag 16), as
 *   an a.out-kludge image; the Multiboot information gets the memory
 *   sizes, the command line "KERNEL_PATH APPEND", a memory map (filled
 *   by the ROM from INT 15h E820h), the boot loader name "qemu" and one
 *   module per comma-separated -initrd entry ("file args": the whole
 *   entry is the module's command line; ",," is a literal comma).
 * - Anything else is a Linux kernel: the boot protocol version from the
 *   setup header ("HdrS" at 0x202) chooses the real-mode, command line
 *   and protected-mode addresses; the setup header is patched
 *   (type_of_loader 0xb0, CAN_USE_HEAP and heap_end_ptr, cmd_line_ptr or
 *   the old 0xA33F command line magic, ramdisk_image/ramdisk_size, vid_mode
 *   from "vga=") and the initrd goes to the top of RAM below 4 GiB minus
 *   the ACPI area, under the kernel's initrd_addr_max.
 *
 * Errors carry the reference's messages.  Those the reference prints with
 * a "qemu: " prefix instead of the program name (the Linux loader's)
 * start with "qemu: ": print them raw (error_printf("%s\n")), the others
 * with error_report.
 */
#ifndef HW_I386_X86_KERNEL_H
#define HW_I386_X86_KERNEL_H

#include "hw/boards.h"
#include "hw/nvram/fw_cfg.h"

/* What the reference reserves for ACPI below the top of low RAM (pc). */
#define X86_ACPI_DATA_SIZE  (0x20000 + 0x8000)

/*
 * Load ms->kernel_filename (with ms->initrd_filename, ms->kernel_cmdline)
 * into fw_cfg and register the option ROM.  below_4g_mem_size: RAM below
 * 4 GiB; acpi_data_size: X86_ACPI_DATA_SIZE.
 */
bool x86_load_kernel(MachineState *ms, FWCfgState *fw_cfg,
                     uint64_t below_4g_mem_size, uint32_t acpi_data_size,
                     Error **errp);

/* ---- the pieces, for tests ---- */

/* Where a Linux kernel goes (the setup header decides). */
typedef struct LinuxBootLayout {
    uint16_t protocol;          /* 0 for an image without "HdrS" */
    uint32_t real_addr;         /* setup (real-mode) code */
    uint32_t cmdline_addr;
    uint32_t prot_addr;         /* the protected-mode kernel */
    uint32_t setup_size;        /* bytes of setup at the file's start */
    uint32_t initrd_max;
    uint32_t initrd_addr;       /* 0 without initrd */
} LinuxBootLayout;

/*
 * Check and patch the setup header in buf (the first setup_size bytes of
 * the kernel file, at least; kernel_size is the file's size) for cmdline
 * and an initrd of initrd_size bytes (0: none); fill *layout.
 */
bool x86_linux_prepare(uint8_t *buf, size_t buf_len, size_t kernel_size,
                       const char *cmdline, size_t initrd_size,
                       uint64_t below_4g_mem_size, uint32_t acpi_data_size,
                       LinuxBootLayout *layout, Error **errp);

/* Offset of a valid Multiboot header in the first 8 KiB of buf, or -1;
 * *flags gets its flags. */
int x86_multiboot_find_header(const uint8_t *buf, size_t len,
                              uint32_t *flags);

/* The Multiboot image as the ROM gets it. */
typedef struct MultibootImage {
    uint32_t load_addr;         /* KERNEL_ADDR */
    uint32_t entry;             /* KERNEL_ENTRY */
    uint8_t *image;             /* KERNEL_DATA: kernel, strings, modules */
    size_t image_len;
    uint32_t mbi_addr;          /* INITRD_ADDR */
    uint8_t mbi[88];            /* INITRD_DATA: the information structure */
} MultibootImage;

/*
 * Build the image of the Multiboot kernel in file (its content in buf)
 * with cmdline and the -initrd list (may be NULL); g_free(out->image).
 * Returns false with errp on a bad image or module.
 */
bool x86_multiboot_build(const char *file, const uint8_t *buf, size_t len,
                         const char *cmdline, const char *initrd,
                         uint64_t below_4g_mem_size, MultibootImage *out,
                         Error **errp);

/* The option ROMs, ready for fw_cfg: size byte and checksums set. */
typedef enum X86OptionRom {
    X86_OPTION_ROM_LINUXBOOT,
    X86_OPTION_ROM_MULTIBOOT,
} X86OptionRom;
uint8_t *x86_option_rom(X86OptionRom rom, size_t *len);

#endif
