/*
 * pc.h: the PC machines ("pc-i440fx-*", "isapc").
 *
 * Concepts
 * - Types: "x86-machine" (abstract: the x86 board properties acpi, smm,
 *   pic, pit, ...) -> "generic-pc-machine" (abstract: the PC's hpet,
 *   vmport, max-ram-below-4g, ...) -> one concrete class per machine type
 *   ("pc-i440fx-7.2-machine", ..., "isapc-machine"), registered by
 *   hw/i386/pc_piix.c.  A PCMachineClass carries what differs between
 *   versions: flags read by the board and the compatibility properties
 *   (older defaults of device properties, applied like -global values that
 *   the command line's -global can override).
 * - pc_init() builds the board top-down (docs/board.md): RAM and the
 *   holes, the BIOS, the CPUs, the interrupt controllers, the chipset, the
 *   timers and CMOS, the ISA devices, fw_cfg.  What depends on the
 *   command line's -device (ACPI, SMBIOS, boot order, pvpanic) is added
 *   when the machine is complete (pc_machine_done(), run by the first
 *   system reset that vl.c performs after creating the devices).
 * - Memory map: RAM from 0 up to below_4g_mem_size (the PCI hole starts
 *   there: 0xe0000000 by default, 0xc0000000 (3 GiB) when the RAM does
 *   not fit below 3.5 GiB, on the types with gigabyte alignment; the
 *   max-ram-below-4g property lowers or raises the limit), the rest from
 *   4 GiB.  The BIOS ROM ends at 4 GiB; its last 128 KiB (or all of a
 *   smaller image) are aliased below 1 MiB ("isa-bios").
 * - Interrupts: 24 GSI lines.  GSIs 0-15 are the ISA IRQs (8259 pair and
 *   IOAPIC pins 0-15; ISA IRQ 0 reaches IOAPIC pin 2), 16-23 the IOAPIC
 *   only.  With KVM and kernel_irqchip=on the in-kernel kvm-* devices
 *   stand in for the userspace ones.
 */
#ifndef HW_I386_PC_H
#define HW_I386_PC_H

#include "hw/boards.h"
#include "hw/isa/isa.h"
#include "hw/pci/pci.h"
#include "hw/nvram/fw_cfg.h"
#include "exec/memory.h"

#define TYPE_X86_MACHINE "x86-machine"
#define TYPE_PC_MACHINE "generic-pc-machine"
#define PC_MACHINE(obj) OBJECT_CHECK(PCMachineState, (obj), TYPE_PC_MACHINE)
#define PC_MACHINE_CLASS(klass) \
    OBJECT_CLASS_CHECK(PCMachineClass, (klass), TYPE_PC_MACHINE)
#define PC_MACHINE_GET_CLASS(obj) \
    OBJECT_GET_CLASS(PCMachineClass, (obj), TYPE_PC_MACHINE)

#define PC_GSI_NUM 24                   /* IOAPIC pins */
#define PC_BIOS_DEFAULT "bios-256k.bin"
#define PC_ISA_BIOS_MAX (128 * 1024)    /* the alias below 1 MiB */
#define PC_OPTION_ROM_BASE 0xc0000      /* "pc.rom", 128 KiB */
#define PC_OPTION_ROM_SIZE 0x20000
#define PC_PCI_HOLE_DEFAULT 0xe0000000  /* default max-ram-below-4g */
#define PC_PCI_HOLE_GB_ALIGNED 0xc0000000
#define PC_PIIX3_DEVFN (1 << 3)         /* 00:01.0; IDE .1, USB .2, PM .3 */
#define PC_SMBUS_IO_BASE 0xb100
#define PC_SPD_EEPROMS 8
/* The AMD HyperTransport range (AMD64 APM vol. 2, 15.2.6, "1 TiB hole"). */
#define PC_AMD_HT_START 0xfd00000000ULL
#define PC_AMD_HT_END 0xffffffffffULL
#define PC_AMD_ABOVE_1TB_START 0x10000000000ULL

/* One compatibility property of a machine type: like -global D.P=V. */
typedef struct PCCompatProp {
    const char *driver;
    const char *property;
    const char *value;
} PCCompatProp;

/* The most compatibility tables a class collects from its versions. */
#define PC_COMPAT_MAX_TABLES 24

typedef struct PCMachineClass {
    MachineClass parent_class;
    /* Board shape. */
    bool pci_enabled;           /* false: isapc */
    bool gigabyte_align;        /* split the RAM at 3 GiB (not 3.5) */
    bool enforce_amd_1tb_hole;  /* reserve the HyperTransport range */
    bool kvmclock_enabled;
    bool has_acpi_build;
    bool smbios_defaults;       /* manufacturer/product/version strings */
    bool default_hpet;
    const char *default_bios;   /* bios-256k.bin; isapc: bios.bin */
    /* Compatibility properties, oldest version last (NULL-terminated
     * tables, each {driver, property, value}). */
    const PCCompatProp *compat[PC_COMPAT_MAX_TABLES];
    int nb_compat;
} PCMachineClass;

typedef struct PCMachineState {
    MachineState parent_obj;

    /* x86-machine properties */
    OnOffAuto acpi;
    OnOffAuto smm;
    OnOffAuto pic;
    OnOffAuto pit;
    uint64_t bus_lock_ratelimit;
    char *oem_id;
    char *oem_table_id;
    /* generic-pc-machine properties */
    bool hpet_enabled;
    OnOffAuto vmport;
    uint64_t max_ram_below_4g;
    uint64_t max_fw_size;
    bool smbus_enabled;
    bool sata_enabled;
    bool i8042_enabled;
    bool default_bus_bypass_iommu;
    char *smbios_ep_type;       /* "32" or "64" */

    /* The board, once built. */
    uint64_t below_4g_mem_size;
    uint64_t above_4g_mem_size;
    uint64_t above_4g_mem_start;
    MemoryRegion *ram;          /* the backend's region ("pc.ram") */
    MemoryRegion ram_below_4g;
    MemoryRegion ram_above_4g;
    MemoryRegion pci_memory;    /* "pci": what RAM does not cover */
    MemoryRegion bios;          /* "pc.bios" */
    MemoryRegion isa_bios;
    MemoryRegion option_rom;    /* "pc.rom" */
    MemoryRegion ioport80;
    MemoryRegion ioportF0;
    qemu_irq gsi[PC_GSI_NUM];
    qemu_irq *isa_irqs;         /* the 8259s' 16 inputs */
    qemu_irq ioapic_irqs[PC_GSI_NUM];
    PCIBus *pci_bus;
    PCIDevice *i440fx;
    PCIDevice *piix3;
    PCIDevice *pm;              /* PIIX4_PM, or NULL (acpi=off, isapc) */
    ISABus *isa_bus;
    DeviceState *ioapic;
    DeviceState *hpet;
    ISADevice *rtc;
    ISADevice *pit_dev;
    FWCfgState *fw_cfg;
    uint32_t apic_id_limit;
    bool machine_done;
} PCMachineState;

/*
 * The PC board: build everything for ms (a PCMachineState) as described
 * above.  Errors are the reference's ("qemu: could not load PC BIOS
 * 'FILE'" is printed raw, without the program name).
 */
bool pc_init(MachineState *ms, Error **errp);
/*
 * The machine's reset (MachineClass.reset): the devices and reset
 * handlers, then the local APICs and the CPUs' registers to the
 * accelerator again, so the APIC base the accelerator gets is the APIC's
 * post-reset one.
 */
void pc_machine_reset(MachineState *ms);

/* Whether the first CPU is an AMD one (the HyperTransport hole). */
bool pc_cpu_is_amd(void);
/* Whether the board has ACPI tables and the PIIX4 PM (acpi=on|auto). */
bool pc_acpi_enabled(PCMachineState *pcms);
/* Whether SMM is on: smm=on, or auto and the accelerator supports it. */
bool pc_smm_enabled(PCMachineState *pcms);

/*
 * Load the firmware image (ms->firmware, default bios-256k.bin, looked
 * up with qemu_find_file()) as "pc.bios" ending at 4 GiB and alias its
 * last 128 KiB at 1 MiB - size; rom_container gets both ("pci").
 */
bool pc_bios_init(PCMachineState *pcms, MemoryRegion *rom_container,
                  Error **errp);

/*
 * CMOS contents the firmware reads (memory sizes, CPU count, boot order,
 * floppy and disk types, equipment byte), with -boot order= and once=
 * (once= applies until the next reset).  pc_cmos_set_boot_order() sets
 * the three boot devices.  Errors: "Too many boot devices for PC",
 * "Invalid boot device for PC: 'x'".
 */
bool pc_cmos_init(PCMachineState *pcms, ISADevice *rtc, Error **errp);
bool pc_cmos_set_boot_order(ISADevice *rtc, const char *order, Error **errp);

/*
 * fw_cfg: the device with the CPU counts, RAM size and e820 map
 * (pc_fw_cfg_init at board init), then what needs the finished machine
 * (pc_machine_done: boot order, SMBIOS, ACPI, pvpanic port).
 */
bool pc_fw_cfg_init(PCMachineState *pcms, Error **errp);
bool pc_machine_done(PCMachineState *pcms, Error **errp);

/*
 * Register the class's compatibility properties (pc_piix.c fills them)
 * so that they apply like -global values given before the command
 * line's own.
 */
void pc_compat_register(PCMachineClass *pcmc);

#endif
