/*
 * x86-optionrom.c: the option ROMs for -kernel (linuxboot.S and
 * multiboot.S in hw/i386/optionrom), assembled with this file: GNU as
 * includes their source (16-bit code in a read-only data section, without
 * relocations), and this file makes each one a valid expansion ROM when
 * the board asks for it: the size byte in 512-byte units, the PnP header
 * checksum and the ROM checksum (BIOS Boot Specification 1.01, 3.2 and
 * appendix A).  The make rule has no dependency on the .S files: touch
 * this file after editing them.
 */
#include "qemu/osdep.h"
#include "hw/i386/x86-kernel.h"

__asm__(".include \"hw/i386/optionrom/linuxboot.S\"\n"
        ".include \"hw/i386/optionrom/multiboot.S\"\n");

extern const uint8_t x86_linuxboot_rom[], x86_linuxboot_rom_end[];
extern const uint8_t x86_multiboot_rom[], x86_multiboot_rom_end[];

#define ROM_PNP_PTR     0x1a
#define PNP_HDR_LEN     32
#define PNP_CHECKSUM    9

static uint8_t sum(const uint8_t *p, size_t len)
{
    uint8_t s = 0;

    while (len--) {
        s += *p++;
    }
    return s;
}

uint8_t *x86_option_rom(X86OptionRom rom, size_t *len)
{
    const uint8_t *start = rom == X86_OPTION_ROM_LINUXBOOT ?
        x86_linuxboot_rom : x86_multiboot_rom;
    const uint8_t *end = rom == X86_OPTION_ROM_LINUXBOOT ?
        x86_linuxboot_rom_end : x86_multiboot_rom_end;
    /* One byte more for the ROM checksum, then whole 512-byte blocks. */
    size_t code = end - start, size = QEMU_ALIGN_UP(code + 1, 512);
    uint8_t *img = g_malloc0(size);
    uint16_t pnp;

    memcpy(img, start, code);
    img[2] = size / 512;
    pnp = img[ROM_PNP_PTR] | img[ROM_PNP_PTR + 1] << 8;
    img[pnp + PNP_CHECKSUM] = 0;
    img[pnp + PNP_CHECKSUM] = -sum(img + pnp, PNP_HDR_LEN);
    img[size - 1] = -sum(img, size - 1);
    *len = size;
    return img;
}
