/*
 * acpi-build.h: the PC's ACPI tables, handed to SeaBIOS through fw_cfg.
 *
 * Concepts
 * - The tables (ACPI 1.0b layout for the i440FX/PIIX4 board, as the
 *   reference builds for pc-i440fx-7.2): RSDP (revision 0) -> RSDT ->
 *   FADT (revision 1, PIIX4 PM registers) -> FACS and DSDT; MADT (local
 *   APICs, the IOAPIC, interrupt source overrides); HPET when the board
 *   has one; WAET.  They travel in three fw_cfg files: "etc/acpi/tables"
 *   (every table but the RSDP, padded to 128 KiB), "etc/acpi/rsdp" and
 *   "etc/table-loader", whose commands (include/hw/acpi/table-loader.h)
 *   make SeaBIOS allocate them, patch the pointers between them and fix
 *   the checksums.
 * - The DSDT (AML, include/hw/acpi/aml-build.h) describes the PCI host
 *   bridge (_CRS windows, _PRT through the PIIX3 PIRQ links LNKA-LNKD and
 *   the SCI link LNKS), PCI hotplug slots on the PIIX4 hotplug registers,
 *   the ISA devices found on the ISA bus (RTC, keyboard and mouse, floppy,
 *   serial and parallel ports, pvpanic), the HPET, the processors, the
 *   fw_cfg device and the sleep states.
 * - Tables are built at acpi_setup() time to fix the files' sizes, then
 *   rebuilt the first time the guest selects one of the files after each
 *   reset, because they depend on what the firmware programmed (the PIIX4
 *   PM I/O base) and on devices added after the board (-device).
 *
 * With -machine acpi=off (-no-acpi) the board does not call acpi_setup():
 * SeaBIOS then builds its own MP and PIR tables.
 */
#ifndef HW_I386_ACPI_BUILD_H
#define HW_I386_ACPI_BUILD_H

#include "hw/boards.h"
#include "hw/nvram/fw_cfg.h"
#include "hw/pci/pci.h"
#include "hw/isa/isa.h"

#define ACPI_BUILD_TABLE_SIZE   0x20000
#define ACPI_BUILD_ALIGN_SIZE   0x1000
#define ACPI_MAX_CPUS           288

/* What the tables describe; the board fills it (all fields required
 * unless marked). */
typedef struct AcpiBuildConfig {
    /* Possible CPUs: APIC IDs in order; the first nb_present are present
     * at boot. */
    int nb_cpus;
    uint32_t apic_ids[ACPI_MAX_CPUS];
    int nb_present;
    /* The PIIX4 PM function: its PMBA register gives the PM I/O base at
     * build time; s3/s4 settings as its disable_s3/disable_s4/s4_val. */
    PCIDevice *pm;
    bool s3_disabled, s4_disabled;
    uint8_t s4_val;
    /* PCI hotplug on the root bus (acpi-pci-hotplug registers). */
    bool pci_hotplug;
    PCIBus *pci_bus;
    /* The PIIX3 function 0 (PIRQ route registers 0x60-0x63), its devfn. */
    int piix3_devfn;
    /* Windows of the host bridge: [start, end) each; 64-bit may be empty. */
    uint64_t pci_hole_start, pci_hole_end;
    uint64_t pci_hole64_start, pci_hole64_end;
    /* The ISA bus whose devices get AML (may be NULL). */
    ISABus *isa_bus;
    /* HPET: present, its event timer block ID (capabilities [31:0]). */
    bool hpet;
    uint32_t hpet_block_id;
    /* IRQ0 goes to IOAPIC pin 2 (always on the PC). */
    bool irq0_override;
} AcpiBuildConfig;

/*
 * Add "etc/acpi/tables", "etc/acpi/rsdp", "etc/table-loader",
 * "etc/tpm/log" (empty) and "etc/system-states" to fw_cfg, built from cfg
 * (copied) and ms; they are rebuilt as described above.
 */
void acpi_setup(MachineState *ms, FWCfgState *fw_cfg,
                const AcpiBuildConfig *cfg);

/*
 * Build the three blobs once (tests, and acpi_setup): tables and loader
 * are padded as the files are; g_free each.
 */
void acpi_build_tables(const AcpiBuildConfig *cfg, uint8_t **tables,
                       size_t *tables_len, uint8_t **rsdp, size_t *rsdp_len,
                       uint8_t **loader, size_t *loader_len);

#endif
