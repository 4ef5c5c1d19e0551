/*
 * pc-firmware.c: what the PC board hands its firmware: the BIOS image in
 * ROM, and the fw_cfg items (CPU counts, RAM, the e820 map, boot order,
 * SMBIOS and ACPI tables, the pvpanic port) that SeaBIOS reads.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/i386/pc.h"
#include "hw/i386/x86-fw-cfg.h"
#include "hw/i386/x86-kernel.h"
#include "hw/i386/acpi-build.h"
#include "hw/nvram/fw_cfg-boot.h"
#include "hw/firmware/smbios.h"
#include "hw/acpi/piix4.h"
#include "hw/timer/hpet.h"
#include "hw/misc/pvpanic.h"
#include "hw/southbridge/piix.h"
#include "sysemu/kvm.h"
#include "sysemu/sysemu.h"
#include "target/i386/cpu.h"

/* ---- the BIOS ---- */

/*
 * The image must be a whole number of 64 KiB blocks; it ends at 4 GiB
 * (the reset vector is its last 16 bytes).  Its last 128 KiB also appear
 * below 1 MiB for the real-mode entry points (E000:0000-F000:FFFF), as
 * "isa-bios", which the i440FX PAM registers can then shadow with RAM.
 */
bool pc_bios_init(PCMachineState *pcms, MemoryRegion *rom_container,
                  Error **errp)
{
    MachineState *ms = MACHINE(pcms);
    PCMachineClass *pcmc = PC_MACHINE_GET_CLASS(pcms);
    const char *name = ms->firmware && *ms->firmware ? ms->firmware
                                                     : pcmc->default_bios;
    bool ok;
    g_autofree char *path = qemu_find_file(name);
    g_autofree gchar *data = NULL;
    gsize size = 0;
    uint64_t isa_size;

    if (!path || !g_file_get_contents(path, &data, &size, NULL) ||
        size == 0 || size % (64 * 1024) || size > 16 * MiB) {
        error_setg(errp, "qemu: could not load PC BIOS '%s'", name);
        return false;
    }
    /* Without PCI (isapc) there is no PAM shadowing: the BIOS is RAM. */
    ok = pcmc->pci_enabled ?
         memory_region_init_rom(&pcms->bios, NULL, "pc.bios", size, errp) :
         memory_region_init_ram(&pcms->bios, NULL, "pc.bios", size, errp);
    if (!ok) {
        return false;
    }
    memcpy(memory_region_get_ram_ptr(&pcms->bios), data, size);
    memory_region_add_subregion(rom_container, (uint32_t)-size, &pcms->bios);

    isa_size = MIN(size, PC_ISA_BIOS_MAX);
    memory_region_init_alias(&pcms->isa_bios, NULL, "isa-bios", &pcms->bios,
                             size - isa_size, isa_size);
    memory_region_add_subregion_overlap(rom_container, 0x100000 - isa_size,
                                        &pcms->isa_bios, 1);
    if (pcmc->pci_enabled) {
        memory_region_set_readonly(&pcms->isa_bios, true);
    }
    return true;
}

/* ---- fw_cfg at board init ---- */

/*
 * The e820 map (ACPI 6.4, 15): the RAM ranges, the pages KVM needs for
 * real-mode emulation on old Intel hosts (identity map and TSS), and on
 * AMD CPUs the HyperTransport range below 1 TiB when the guest's physical
 * addresses reach it.  SeaBIOS adds its own reservations.
 */
static void pc_e820_init(PCMachineState *pcms)
{
    PCMachineClass *pcmc = PC_MACHINE_GET_CLASS(pcms);
    X86CPU *cpu = X86_CPU(qemu_get_cpu(0));
    uint64_t base, size;

    x86_fw_cfg_add_e820(pcms->fw_cfg, 0, pcms->below_4g_mem_size, E820_RAM);
    if (pcms->above_4g_mem_size) {
        x86_fw_cfg_add_e820(pcms->fw_cfg, pcms->above_4g_mem_start,
                            pcms->above_4g_mem_size, E820_RAM);
    }
    if (kvm_get_reserved_range(&base, &size)) {
        x86_fw_cfg_add_e820(pcms->fw_cfg, base, size, E820_RESERVED);
    }
    if (pcmc->enforce_amd_1tb_hole && pc_cpu_is_amd() &&
        cpu->phys_bits >= 40) {
        x86_fw_cfg_add_e820(pcms->fw_cfg, PC_AMD_HT_START,
                            PC_AMD_HT_END - PC_AMD_HT_START + 1,
                            E820_RESERVED);
    }
}

bool pc_fw_cfg_init(PCMachineState *pcms, Error **errp)
{
    MachineState *ms = MACHINE(pcms);

    pcms->fw_cfg = x86_fw_cfg_create(ms, ms->smp.cpus, pcms->apic_id_limit);
    pc_e820_init(pcms);
    /* Boot menu, timeouts, "bootorder" (rebuilt at every reset). */
    return fw_cfg_boot_setup(pcms->fw_cfg, errp);
}

/* ---- fw_cfg once the machine is complete ---- */

static void pc_smbios_info(PCMachineState *pcms, SmbiosMachineInfo *info)
{
    MachineClass *mc = MACHINE_GET_CLASS(pcms);
    PCMachineClass *pcmc = PC_MACHINE_GET_CLASS(pcms);
    CPUX86State *env = &X86_CPU(qemu_get_cpu(0))->env;

    memset(info, 0, sizeof(*info));
    if (pcmc->smbios_defaults) {
        /* Guest ABI (dmidecode shows them): keep as the reference. */
        info->manufacturer = "QEMU";
        info->product = mc->desc;
        info->version = mc->name;
    }
    info->processor_id = ((uint64_t)env->features[FEAT_1_EDX] << 32) |
                         env->cpuid_version;
    info->ep_type = !g_strcmp0(pcms->smbios_ep_type, "64") ?
                    SMBIOS_ENTRY_POINT_TYPE_64 : SMBIOS_ENTRY_POINT_TYPE_32;
    info->ram[info->nb_ram].start = 0;
    info->ram[info->nb_ram++].length = pcms->below_4g_mem_size;
    if (pcms->above_4g_mem_size) {
        info->ram[info->nb_ram].start = pcms->above_4g_mem_start;
        info->ram[info->nb_ram++].length = pcms->above_4g_mem_size;
    }
}

/* What the ACPI tables describe, from the board as built. */
static void pc_acpi_config(PCMachineState *pcms, AcpiBuildConfig *cfg)
{
    MachineState *ms = MACHINE(pcms);
    Object *host = object_resolve_path_component(OBJECT(pcms), "i440fx");
    Object *pm = OBJECT(pcms->pm);
    X86CPUTopoInfo topo = {
        .dies_per_pkg = MAX(ms->smp.dies, 1),
        .cores_per_die = MAX(ms->smp.cores, 1),
        .threads_per_core = MAX(ms->smp.threads, 1),
    };
    int i;

    memset(cfg, 0, sizeof(*cfg));
    cfg->nb_cpus = MIN(ms->smp.max_cpus, ACPI_MAX_CPUS);
    for (i = 0; i < cfg->nb_cpus; i++) {
        cfg->apic_ids[i] = x86_apicid_from_cpu_idx(&topo, i);
    }
    cfg->nb_present = ms->smp.cpus;
    cfg->pm = pcms->pm;
    cfg->s3_disabled = object_property_get_uint(pm, "disable_s3", NULL);
    cfg->s4_disabled = object_property_get_uint(pm, "disable_s4", NULL);
    cfg->s4_val = object_property_get_uint(pm, "s4_val", NULL);
    cfg->pci_hotplug = object_property_get_bool(pm, "acpi-root-pci-hotplug",
                                                NULL);
    cfg->pci_bus = pcms->pci_bus;
    cfg->piix3_devfn = PC_PIIX3_DEVFN;
    cfg->pci_hole_start = object_property_get_uint(host, "pci-hole-start",
                                                   NULL);
    cfg->pci_hole_end = object_property_get_uint(host, "pci-hole-end", NULL);
    cfg->pci_hole64_start = object_property_get_uint(host,
                                                     "pci-hole64-start",
                                                     NULL);
    cfg->pci_hole64_end = object_property_get_uint(host, "pci-hole64-end",
                                                   NULL);
    cfg->isa_bus = pcms->isa_bus;
    cfg->hpet = pcms->hpet != NULL;
    cfg->hpet_block_id = pcms->hpet ?
                         hpet_event_timer_block_id(pcms->hpet) : 0;
    cfg->irq0_override = true;
}

bool pc_machine_done(PCMachineState *pcms, Error **errp)
{
    MachineState *ms = MACHINE(pcms);
    SmbiosMachineInfo info;
    uint16_t port;

    if (pcms->machine_done) {
        return true;
    }
    pcms->machine_done = true;

    if (pcms->hpet) {
        x86_fw_cfg_set_hpet(pcms->fw_cfg,
                            hpet_event_timer_block_id(pcms->hpet),
                            HPET_BASE);
    }
    pc_smbios_info(pcms, &info);
    if (!smbios_setup_tables(ms, pcms->fw_cfg, &info, errp)) {
        return false;
    }
    if (pcms->pm && PC_MACHINE_GET_CLASS(pcms)->has_acpi_build) {
        AcpiBuildConfig *cfg = g_new(AcpiBuildConfig, 1);

        pc_acpi_config(pcms, cfg);
        acpi_setup(ms, pcms->fw_cfg, cfg);
        g_free(cfg);
    }
    port = pvpanic_port();
    if (port) {
        uint16_t le = GUINT16_TO_LE(port);

        fw_cfg_add_file(pcms->fw_cfg, "etc/pvpanic-port", &le, sizeof(le));
    }
    return true;
}
