/*
 * i440fx.h: the Intel 440FX PCI host bridge (82441FX PMC), the north
 * bridge of the "pc" machine.
 *
 * Two devices: "i440FX-pcihost", a system bus device that decodes PCI
 * configuration mechanism #1 at 0xcf8/0xcfc and owns the root bus
 * "pci.0", and "i440FX", PCI function 00.0 (8086:1237, class host
 * bridge) whose configuration registers steer memory:
 * - PAM0-PAM6 (0x59-0x5f, 82441FX datasheet 3.2.18): for each of the 13
 *   segments of 0xc0000-0xfffff (0xf0000-0xfffff in PAM0 bits 5:4, then
 *   16 KiB segments from 0xc0000, two per register), bit 0 sends reads to
 *   DRAM and bit 1 sends writes to DRAM.  0: the segment shows the PCI
 *   space (the BIOS and option ROMs); 1: DRAM, read-only; 3: DRAM.  2
 *   (writes only) maps DRAM read/write, as the reference does.
 * - SMRAM (0x72, 3.2.22): 0xa0000-0xbffff shows the PCI space (VGA)
 *   unless D_OPEN is set, when it shows DRAM; G_SMRAME enables the SMRAM
 *   window that CPUs in SMM see (i440fx_get_smram()); D_LCK locks D_OPEN
 *   off until reset; C_BASE_SEG reads 010.
 * - 0x57 holds the RAM size in 8 MiB units (at most 255), as the
 *   reference leaves it for coreboot.
 * The board's PCI memory container is mapped under the system memory at
 * priority -1, so it shows through wherever RAM and other devices do not:
 * the 32-bit PCI hole is [below_4g_mem_size, 0xfec00000).
 *
 * QOM properties of the host bridge: pci-hole64-size (size, 2 GiB),
 * short_root_bus, x-pci-hole64-fix (shown by info qtree), and the
 * read-only pci-hole-start / pci-hole-end (uint32) and pci-hole64-start /
 * pci-hole64-end (uint64) the ACPI tables describe as the root bus's
 * windows.
 */
#ifndef HW_PCI_HOST_I440FX_H
#define HW_PCI_HOST_I440FX_H

#include "hw/pci/pci_host.h"

#define TYPE_I440FX_PCI_HOST_BRIDGE "i440FX-pcihost"
#define TYPE_I440FX_PCI_DEVICE "i440FX"

/* Where the i440FX registers live in its configuration space. */
#define I440FX_PAM 0x59
#define I440FX_PAM_SIZE 7
#define I440FX_SMRAM 0x72
#define I440FX_RAM_SIZE_REG 0x57

/* The SMRAM register's bits (82441FX datasheet 3.2.22). */
#define SMRAM_D_OPEN 0x40
#define SMRAM_D_CLS 0x20
#define SMRAM_D_LCK 0x10
#define SMRAM_G_SMRAME 0x08
#define SMRAM_C_BASE_SEG 0x02

/* What the board hands the chipset. */
typedef struct I440FXSetup {
    MemoryRegion *system_memory;    /* "system" */
    MemoryRegion *system_io;        /* "io": 0xcf8/0xcfc go here */
    MemoryRegion *pci_memory;       /* the board's "pci" container */
    MemoryRegion *ram;              /* "pc.ram": PAM and SMRAM windows */
    uint64_t ram_size;
    uint64_t below_4g_mem_size;
    uint64_t above_4g_mem_size;
    /* Start of the 64-bit PCI window; 0: 4 GiB + above_4g_mem_size,
     * rounded up to 1 GiB (a board with hotplug memory passes its end). */
    uint64_t pci_hole64_start;
} I440FXSetup;

/*
 * Create and realize the host bridge (QOM child "i440fx" of the machine
 * when there is one) with its root bus "pci.0" and the i440FX function at
 * 00.0; map the PCI container into the system memory.  *pi440fx (may be
 * NULL) receives the function.  Returns the root bus, or NULL with errp.
 */
PCIBus *i440fx_init(const I440FXSetup *setup, PCIDevice **pi440fx,
                    Error **errp);

/* The SMRAM container SMM CPUs map above their memory (4 GiB, enabled
 * while G_SMRAME is set). */
MemoryRegion *i440fx_get_smram(PCIDevice *i440fx);

#endif
