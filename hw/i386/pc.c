/*
 * pc.c: the PC board, built top-down in pc_init(), and its reset (see
 * include/hw/i386/pc.h and docs/board.md).  The machine types and their
 * properties are in pc-machine.c and pc_piix.c.
 *
 * Helpers below pc_init() each build one block of the board; pc_init()
 * reads as the list of blocks in the order the reference creates them
 * (which is also the order info qtree prints, newest first).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/option.h"
#include "qemu/config-file.h"
#include "hw/i386/pc.h"
#include "hw/core/machine-ram.h"
#include "hw/core/cpu.h"
#include "hw/qdev-gpio.h"
#include "hw/sysbus.h"
#include "hw/irq.h"
#include "hw/i386/apic.h"
#include "hw/i386/kvm/kvm-devices.h"
#include "hw/i386/x86-cpu.h"
#include "hw/i386/x86-kernel.h"
#include "hw/intc/i8259.h"
#include "hw/intc/ioapic.h"
#include "hw/timer/hpet.h"
#include "hw/timer/i8254.h"
#include "hw/timer/pcspk.h"
#include "hw/rtc/mc146818rtc.h"
#include "hw/pci-host/i440fx.h"
#include "hw/southbridge/piix.h"
#include "hw/acpi/piix4.h"
#include "hw/i2c/smbus.h"
#include "hw/char/serial.h"
#include "hw/input/i8042.h"
#include "hw/input/vmmouse.h"
#include "hw/misc/vmport.h"
#include "hw/misc/port92.h"
#include "hw/nvram/fw_cfg-boot.h"
#include "sysemu/kvm.h"
#include "sysemu/sysemu.h"
#include "target/i386/cpu.h"

/* Devices of later parts of the project, created once their type exists. */
#define TYPE_I8257 "i8257"
#define TYPE_ISA_FDC "isa-fdc"
#define TYPE_PIIX3_IDE "piix3-ide"
#define TYPE_PIIX3_USB_UHCI "piix3-usb-uhci"
#define TYPE_KVMCLOCK "kvmclock"

static bool type_exists(const char *type)
{
    return object_class_by_name(type) != NULL;
}

/* ---- interrupt lines ---- */

/*
 * GSI n: ISA IRQ n goes to the 8259 pair and to IOAPIC pin n (the IOAPIC
 * model sends input 0 to pin 2).  With the in-kernel irqchip one
 * kvm-i8259 line reaches both chips through the kernel's routing table,
 * so ioapic_irqs[0..15] stay NULL.
 */
static void pc_gsi_handler(void *opaque, int n, int level)
{
    PCMachineState *pcms = opaque;

    if (n < ISA_NUM_IRQS && pcms->isa_irqs) {
        qemu_set_irq(pcms->isa_irqs[n], level);
    }
    if (pcms->ioapic_irqs[n]) {
        qemu_set_irq(pcms->ioapic_irqs[n], level);
    }
}

/*
 * The master 8259's INT output (userspace 8259): through LINT0 of each
 * local APIC that accepts it (virtual wire), or straight to the first CPU
 * when there is no userspace APIC (a 486, or the APIC in the kernel with
 * kernel_irqchip=split: the accelerator then injects the vector).
 */
static void pc_pic_intr(void *opaque, int n, int level)
{
    CPUState *first = qemu_get_cpu(0);
    CPUState *cpu;

    if (!first) {
        return;
    }
    if (cpu_get_apic(first) && !kvm_apic_in_kernel()) {
        CPU_FOREACH(cpu) {
            DeviceState *apic = cpu_get_apic(cpu);

            if (apic && apic_accept_pic_intr(apic)) {
                apic_deliver_pic_intr(apic, level);
            }
        }
    } else if (level) {
        cpu_interrupt(first, CPU_INTERRUPT_HARD);
    } else {
        cpu_reset_interrupt(first, CPU_INTERRUPT_HARD);
    }
}

/* The PIIX4 PM's SMI output (APMC writes) goes to the first CPU. */
static void pc_smi_irq(void *opaque, int n, int level)
{
    CPUState *cpu = qemu_get_cpu(0);

    if (level && cpu) {
        cpu_interrupt(cpu, CPU_INTERRUPT_SMI);
    }
}

/*
 * The A20 gate (i8042 output port bit 1 and port 0x92 bit 1, last write
 * wins, as on the reference).  KVM does not mask A20 (neither does the
 * reference with KVM); the software CPU reads the gate.
 */
static void pc_a20_line(void *opaque, int n, int level)
{
    X86CPU *cpu = opaque;

    cpu->env.a20_mask_enabled = level ? 1 : 0;
}

/* ---- CPUs ---- */

static void pc_topo_info(MachineState *ms, X86CPUTopoInfo *topo)
{
    topo->dies_per_pkg = MAX(ms->smp.dies, 1);
    topo->cores_per_die = MAX(ms->smp.cores, 1);
    topo->threads_per_core = MAX(ms->smp.threads, 1);
}

static const char *pc_cpu_type(MachineState *ms)
{
    if (!ms->cpu_type) {
        const char *chosen = x86_cpu_option_type();

        ms->cpu_type = g_strdup(chosen ? chosen
                                       : MACHINE_GET_CLASS(ms)->default_cpu_type);
    }
    return ms->cpu_type;
}

/*
 * One CPU: APIC id and topology ids from the -smp topology (SDM vol. 3
 * 8.9.1), realized (the accelerator starts its thread), then its local
 * APIC when the model has one or there are several CPUs, as the
 * reference does: "kvm-apic" when the kernel keeps the APICs.
 */
static bool pc_new_cpu(PCMachineState *pcms, unsigned idx, Error **errp)
{
    MachineState *ms = MACHINE(pcms);
    X86CPUTopoInfo topo;
    X86CPUTopoIDs ids;
    uint32_t apic_id;
    Object *obj;
    X86CPU *cpu;
    DeviceState *apic;

    pc_topo_info(ms, &topo);
    x86_topo_ids_from_idx(&topo, idx, &ids);
    apic_id = x86_apicid_from_topo_ids(&topo, &ids);

    obj = object_new(pc_cpu_type(ms));
    cpu = X86_CPU(obj);
    if (!object_property_set_uint(obj, "apic-id", apic_id, errp) ||
        !object_property_set_int(obj, "socket-id", ids.pkg_id, errp) ||
        !object_property_set_int(obj, "die-id", ids.die_id, errp) ||
        !object_property_set_int(obj, "core-id", ids.core_id, errp) ||
        !object_property_set_int(obj, "thread-id", ids.smt_id, errp) ||
        !qdev_realize(DEVICE(obj), NULL, errp)) {
        object_unref(obj);
        return false;
    }
    object_unref(obj);          /* /machine/unattached holds it */

    if ((cpu->env.features[FEAT_1_EDX] & CPUID_APIC) || ms->smp.cpus > 1) {
        apic = apic_new_for_cpu(CPU(cpu), kvm_apic_in_kernel() ?
                                TYPE_KVM_APIC : TYPE_APIC, apic_id);
        cpu->apic_state = OBJECT(apic);
        if (!qdev_realize(apic, NULL, errp)) {
            return false;
        }
    }
    return true;
}

static bool pc_cpus_init(PCMachineState *pcms, Error **errp)
{
    MachineState *ms = MACHINE(pcms);
    X86CPUTopoInfo topo;
    unsigned i;

    pc_topo_info(ms, &topo);
    /* FW_CFG_MAX_CPUS: the highest possible APIC id + 1. */
    pcms->apic_id_limit = x86_apicid_from_cpu_idx(&topo,
                                                  ms->smp.max_cpus - 1) + 1;
    for (i = 0; i < ms->smp.cpus; i++) {
        if (!pc_new_cpu(pcms, i, errp)) {
            return false;
        }
    }
    return true;
}

/* ---- RAM ---- */

/* Is the first CPU an AMD one (vendor "AuthenticAMD" or "HygonGenuine")? */
bool pc_cpu_is_amd(void)
{
    CPUState *cs = qemu_get_cpu(0);
    CPUX86State *env = cs ? &X86_CPU(cs)->env : NULL;

    /* CPUID[0].EBX: "Auth" / "Hygo" in little-endian order. */
    return env && (env->cpuid_vendor1 == 0x68747541 ||
                   env->cpuid_vendor1 == 0x6f677948);
}

/*
 * Split the RAM at the PCI hole (see pc.h) and map it: "ram-below-4g"
 * from 0, "ram-above-4g" from 4 GiB (1 TiB when the RAM and the 64-bit
 * PCI window would reach AMD's HyperTransport range).
 */
static bool pc_memory_init(PCMachineState *pcms, Error **errp)
{
    MachineState *ms = MACHINE(pcms);
    PCMachineClass *pcmc = PC_MACHINE_GET_CLASS(pcms);
    MemoryRegion *sysmem = get_system_memory();
    uint64_t lowmem = pcms->max_ram_below_4g ? pcms->max_ram_below_4g
                                             : PC_PCI_HOLE_DEFAULT;

    if (pcmc->gigabyte_align && ms->ram_size >= lowmem) {
        if (lowmem > PC_PCI_HOLE_GB_ALIGNED) {
            lowmem = PC_PCI_HOLE_GB_ALIGNED;
        }
        if (lowmem & (GiB - 1)) {
            warn_report("Large machine and max_ram_below_4g (%" PRIu64
                        ") not a multiple of 1G; possible bad performance.",
                        pcms->max_ram_below_4g);
        }
    }
    if (ms->ram_size >= lowmem) {
        pcms->below_4g_mem_size = lowmem;
        pcms->above_4g_mem_size = ms->ram_size - lowmem;
    } else {
        pcms->below_4g_mem_size = ms->ram_size;
        pcms->above_4g_mem_size = 0;
    }
    pcms->above_4g_mem_start = 4 * GiB;

    pcms->ram = g_new0(MemoryRegion, 1);
    if (!machine_alloc_ram(ms, pcms->ram, errp)) {
        g_free(pcms->ram);
        pcms->ram = NULL;
        return false;
    }
    memory_region_init_alias(&pcms->ram_below_4g, NULL, "ram-below-4g",
                             pcms->ram, 0, pcms->below_4g_mem_size);
    memory_region_add_subregion(sysmem, 0, &pcms->ram_below_4g);
    if (pcms->above_4g_mem_size) {
        /* Default 64-bit PCI window: 2 GiB, after the RAM, GiB-aligned. */
        uint64_t top = QEMU_ALIGN_UP(4 * GiB + pcms->above_4g_mem_size, GiB) +
                       2 * GiB;

        if (pcmc->enforce_amd_1tb_hole && top > PC_AMD_HT_START &&
            pc_cpu_is_amd()) {
            pcms->above_4g_mem_start = PC_AMD_ABOVE_1TB_START;
        }
        memory_region_init_alias(&pcms->ram_above_4g, NULL, "ram-above-4g",
                                 pcms->ram, pcms->below_4g_mem_size,
                                 pcms->above_4g_mem_size);
        memory_region_add_subregion(sysmem, pcms->above_4g_mem_start,
                                    &pcms->ram_above_4g);
    }
    return true;
}

/* ---- ports the board answers itself ---- */

/* Port 0x80 (POST codes; I/O delays): writes ignored, reads all-ones. */
static uint64_t pc_ioport_read_ones(void *opaque, hwaddr addr, unsigned size)
{
    return UINT64_MAX;
}

static void pc_ioport80_write(void *opaque, hwaddr addr, uint64_t val,
                              unsigned size)
{
}

/*
 * Port 0xf0: a write clears the FPU error (FERR#, IRQ 13) of the
 * DOS-compatible x87 error reporting.  Only the software CPU raises it.
 */
static void pc_ioportF0_write(void *opaque, hwaddr addr, uint64_t val,
                              unsigned size)
{
    PCMachineState *pcms = opaque;

    if (!kvm_enabled()) {
        qemu_irq_lower(pcms->gsi[13]);
    }
}

static const MemoryRegionOps pc_ioport80_ops = {
    .read = pc_ioport_read_ones,
    .write = pc_ioport80_write,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

static const MemoryRegionOps pc_ioportF0_ops = {
    .read = pc_ioport_read_ones,
    .write = pc_ioportF0_write,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

/* ---- blocks of the board ---- */

/* The 24 GSI lines, fanned out to the 8259s and the IOAPIC below. */
static void pc_gsi_init(PCMachineState *pcms)
{
    qemu_irq *lines = qemu_allocate_irqs(pc_gsi_handler, pcms, PC_GSI_NUM);

    memcpy(pcms->gsi, lines, sizeof(pcms->gsi));
    g_free(lines);
}

/*
 * The ISA bus: behind PIIX3 function 0 (00:01.0) on the PCI board, which
 * routes PIRQA-D to ISA IRQs; on the isapc board a bus of its own.
 * The legacy DMA controllers come first, as on the reference.
 */
static bool pc_isa_bus_init(PCMachineState *pcms, Error **errp)
{
    PCMachineClass *pcmc = PC_MACHINE_GET_CLASS(pcms);

    if (pcmc->pci_enabled) {
        pcms->piix3 = piix3_create(pcms->pci_bus, PC_PIIX3_DEVFN,
                                   &pcms->isa_bus, errp);
        if (!pcms->piix3) {
            return false;
        }
    } else {
        pcms->isa_bus = isa_bus_new(NULL, get_system_memory(),
                                    get_system_io(), errp);
        if (!pcms->isa_bus) {
            return false;
        }
    }
    isa_bus_irqs(pcms->isa_bus, pcms->gsi);
    if (type_exists(TYPE_I8257)) {
        static const struct { int base, page, dshift; } dma[2] = {
            { 0x00, 0x80, 0 }, { 0xc0, 0x88, 1 },
        };
        for (int i = 0; i < 2; i++) {
            ISADevice *d = isa_new(TYPE_I8257);

            object_property_set_int(OBJECT(d), "base", dma[i].base,
                                    &error_abort);
            object_property_set_int(OBJECT(d), "page-base", dma[i].page,
                                    &error_abort);
            object_property_set_int(OBJECT(d), "dshift", dma[i].dshift,
                                    &error_abort);
            if (!qdev_realize_and_unref(DEVICE(d), BUS(pcms->isa_bus),
                                        errp)) {
                return false;
            }
        }
    }
    return true;
}

/*
 * Interrupt controllers: the 8259 pair on the ISA bus and the IOAPIC at
 * 0xfec00000 (/machine/i440fx/ioapic), or their kvm-* doubles.
 */
static bool pc_intc_init(PCMachineState *pcms, Error **errp)
{
    PCMachineClass *pcmc = PC_MACHINE_GET_CLASS(pcms);
    bool in_kernel = kvm_pic_in_kernel();
    DeviceState *dev;
    int i;

    if (pcms->pic != ON_OFF_AUTO_OFF) {
        if (in_kernel) {
            pcms->isa_irqs = kvm_i8259_init(pcms->isa_bus);
        } else {
            qemu_irq intr = qemu_allocate_irq(pc_pic_intr, pcms, 0);

            pcms->isa_irqs = i8259_init(pcms->isa_bus, intr);
        }
    }
    if (!pcmc->pci_enabled) {
        /* The kernel's routing table without IOAPIC routes. */
        if (in_kernel) {
            kvm_pc_setup_irq_routing(false);
        }
        return true;
    }
    dev = qdev_new(kvm_ioapic_in_kernel() ? TYPE_KVM_IOAPIC : TYPE_IOAPIC);
    object_property_add_child(object_resolve_path_component(OBJECT(pcms),
                                                            "i440fx"),
                              "ioapic", OBJECT(dev));
    if (!sysbus_realize_and_unref(SYS_BUS_DEVICE(dev), errp)) {
        return false;
    }
    ioapic_mmio_map(dev, IO_APIC_DEFAULT_ADDRESS);
    pcms->ioapic = dev;
    for (i = in_kernel ? ISA_NUM_IRQS : 0; i < PC_GSI_NUM; i++) {
        pcms->ioapic_irqs[i] = ioapic_get_irq(dev, i);
    }
    return true;
}

/*
 * Timers: the HPET (unless -no-hpet; with it, the PIT's and the RTC's
 * interrupts pass through its legacy inputs), the RTC, the PIT (kvm-pit
 * with the in-kernel irqchip) and the PC speaker port.
 */
static bool pc_timers_init(PCMachineState *pcms, Error **errp)
{
    int pit_isa_irq = 0;
    qemu_irq pit_alt_irq = NULL, rtc_irq = NULL;

    if (pcms->hpet_enabled && PC_MACHINE_GET_CLASS(pcms)->pci_enabled) {
        DeviceState *hpet = qdev_new(TYPE_HPET);
        int i;

        /* pc-i440fx: the comparators may only use IRQ 2. */
        object_property_set_uint(OBJECT(hpet), "hpet-intcap", 0x4,
                                 &error_abort);
        if (!sysbus_realize_and_unref(SYS_BUS_DEVICE(hpet), errp)) {
            return false;
        }
        hpet_mmio_map(hpet, HPET_BASE);
        for (i = 0; i < PC_GSI_NUM; i++) {
            hpet_connect_irq(hpet, i, pcms->gsi[i]);
        }
        pit_isa_irq = -1;
        pit_alt_irq = hpet_get_legacy_input(hpet, HPET_LEGACY_PIT_INT);
        rtc_irq = hpet_get_legacy_input(hpet, HPET_LEGACY_RTC_INT);
        pcms->hpet = hpet;
    }

    /* base_year 0: the year registers hold the year modulo 100 and the
     * century byte 0x32 the rest, as info qtree shows on the reference. */
    pcms->rtc = mc146818_rtc_init(pcms->isa_bus, 0, rtc_irq);

    if (pcms->pit != ON_OFF_AUTO_OFF) {
        if (kvm_pit_in_kernel()) {
            pcms->pit_dev = kvm_pit_init(pcms->isa_bus, 0x40, errp);
        } else {
            pcms->pit_dev = i8254_pit_init(pcms->isa_bus, 0x40, pit_isa_irq,
                                       pit_alt_irq);
        }
        if (!pcms->pit_dev) {
            return false;
        }
        if (pcms->hpet) {
            hpet_connect_pit_enable(pcms->hpet,
                                    pit_get_control_input(pcms->pit_dev));
        }
        pcspk_init(pcms->isa_bus, pcms->pit_dev);
    }
    return true;
}

/* Create and realize an ISA device of a type that may not exist yet. */
static ISADevice *pc_isa_try_create(ISABus *bus, const char *type,
                                    Error **errp)
{
    ISADevice *dev;

    if (!type_exists(type)) {
        return NULL;
    }
    dev = isa_new(type);
    if (!qdev_realize_and_unref(DEVICE(dev), BUS(bus), errp)) {
        return NULL;
    }
    return dev;
}

/*
 * The Super I/O devices: serial ports for -serial's chardevs, the
 * floppy controller, the i8042 with its PS/2 keyboard and mouse, the
 * VMware port, port 0x92; the A20 outputs go to the first CPU.
 */
static bool pc_superio_init(PCMachineState *pcms, Error **errp)
{
    ISABus *bus = pcms->isa_bus;
    X86CPU *cpu = X86_CPU(qemu_get_cpu(0));
    qemu_irq a20 = qemu_allocate_irq(pc_a20_line, cpu, 0);
    Error *err = NULL;
    ISADevice *dev;

    serial_hds_isa_init(bus, 0, MAX_ISA_SERIAL_PORTS);
    pc_isa_try_create(bus, TYPE_ISA_FDC, &err);
    if (err) {
        error_propagate(errp, err);
        return false;
    }
    if (pcms->i8042_enabled) {
        dev = isa_new(TYPE_I8042);
        if (!qdev_realize_and_unref(DEVICE(dev), BUS(bus), errp)) {
            return false;
        }
        qdev_connect_gpio_out_named(DEVICE(dev), I8042_A20_LINE, 0, a20);
        /* vmport=auto is on (the reference turns it off only on Xen). */
        if (pcms->vmport != ON_OFF_AUTO_OFF) {
            ISADevice *mouse;

            if (!qdev_realize_and_unref(DEVICE(isa_new(TYPE_VMPORT)),
                                        BUS(bus), errp)) {
                return false;
            }
            mouse = isa_new(TYPE_VMMOUSE);
            object_property_set_link(OBJECT(mouse), TYPE_I8042, OBJECT(dev),
                                     &error_abort);
            if (!qdev_realize_and_unref(DEVICE(mouse), BUS(bus), errp)) {
                return false;
            }
        }
    }
    dev = isa_new(TYPE_PORT92);
    if (!qdev_realize_and_unref(DEVICE(dev), BUS(bus), errp)) {
        return false;
    }
    qdev_connect_gpio_out_named(DEVICE(dev), PORT92_A20_LINE, 0, a20);
    return true;
}

/*
 * The PCI functions after PIIX3's own: IDE (01.1), USB (01.2, with
 * usb=on) and the PIIX4 power management (01.3, with ACPI), whose SMBus
 * carries eight SPD EEPROMs as on the reference.
 */
static bool pc_pci_functions_init(PCMachineState *pcms, Error **errp)
{
    MachineState *ms = MACHINE(pcms);
    I2CBus *smbus = NULL;

    if (type_exists(TYPE_PIIX3_IDE) &&
        !pci_create_simple(pcms->pci_bus, PC_PIIX3_DEVFN + 1,
                           TYPE_PIIX3_IDE)) {
        error_setg(errp, "could not create the PIIX3 IDE function");
        return false;
    }
    if (ms->usb) {
        if (!type_exists(TYPE_PIIX3_USB_UHCI)) {
            error_setg(errp, "usb=on: USB controllers are not supported "
                       "yet");
            return false;
        }
        pci_create_simple(pcms->pci_bus, PC_PIIX3_DEVFN + 2,
                          TYPE_PIIX3_USB_UHCI);
    }
    if (!pc_acpi_enabled(pcms)) {
        return true;
    }
    pcms->pm = piix4_pm_init(pcms->pci_bus, PC_PIIX3_DEVFN + 3,
                             PC_SMBUS_IO_BASE, pcms->gsi[PIIX4_PM_SCI_INT],
                             qemu_allocate_irq(pc_smi_irq, pcms, 0),
                             pc_smm_enabled(pcms), &smbus, errp);
    if (!pcms->pm) {
        return false;
    }
    if (smbus) {
        smbus_eeprom_init(smbus, PC_SPD_EEPROMS, NULL, 0);
    }
    return true;
}

/* kvmclock: the paravirtual clock's state across stop/cont (KVM only). */
static void pc_kvmclock_init(PCMachineState *pcms)
{
    if (kvm_enabled() && PC_MACHINE_GET_CLASS(pcms)->kvmclock_enabled &&
        type_exists(TYPE_KVMCLOCK)) {
        sysbus_realize_and_unref(SYS_BUS_DEVICE(qdev_new(TYPE_KVMCLOCK)),
                                 &error_abort);
    }
}

/* The first system reset (after the command line's devices) completes
 * the board. */
static void pc_machine_done_reset(void *opaque)
{
    PCMachineState *pcms = opaque;
    Error *err = NULL;

    qemu_unregister_reset(pc_machine_done_reset, pcms);
    if (!pc_machine_done(pcms, &err)) {
        error_report_err(err);
    }
}

static bool pc_build(MachineState *ms, Error **errp)
{
    PCMachineState *pcms = PC_MACHINE(ms);
    PCMachineClass *pcmc = PC_MACHINE_GET_CLASS(pcms);
    MemoryRegion *rom_container = get_system_memory();

    /* The machine type's older device defaults, before any device. */
    pc_compat_register(pcmc);
    if (pcms->smm == ON_OFF_AUTO_ON && !pc_smm_enabled(pcms)) {
        error_setg(errp, "System Management Mode not supported by this "
                   "hypervisor.");
        return false;
    }

    /* CPUs first: the RAM layout and the firmware tables depend on them. */
    if (!pc_cpus_init(pcms, errp)) {
        return false;
    }
    pc_kvmclock_init(pcms);

    /* RAM below the PCI hole and above 4 GiB. */
    if (!pc_memory_init(pcms, errp)) {
        return false;
    }

    /*
     * Firmware: the BIOS at the top of 4 GiB with its alias below 1 MiB,
     * and the option ROM area "pc.rom" (0xc0000-0xdffff), in the PCI
     * container on the PCI board so the i440FX PAM registers can shadow
     * them with RAM.
     */
    if (pcmc->pci_enabled) {
        memory_region_init(&pcms->pci_memory, NULL, "pci", UINT64_MAX);
        rom_container = &pcms->pci_memory;
    }
    if (!(pcmc->pci_enabled ?
          memory_region_init_rom(&pcms->option_rom, NULL, "pc.rom",
                                 PC_OPTION_ROM_SIZE, errp) :
          memory_region_init_ram(&pcms->option_rom, NULL, "pc.rom",
                                 PC_OPTION_ROM_SIZE, errp)) ||
        !pc_bios_init(pcms, rom_container, errp)) {
        return false;
    }
    memory_region_add_subregion_overlap(rom_container, PC_OPTION_ROM_BASE,
                                        &pcms->option_rom, 1);

    /* fw_cfg (CPU counts, RAM, e820) and -kernel/-initrd/-append. */
    if (!pc_fw_cfg_init(pcms, errp)) {
        return false;
    }
    if (ms->kernel_filename &&
        !x86_load_kernel(ms, pcms->fw_cfg, pcms->below_4g_mem_size,
                         X86_ACPI_DATA_SIZE, errp)) {
        return false;
    }

    /* The chipset: the i440FX host bridge (PAM, SMRAM) and pci.0. */
    pc_gsi_init(pcms);
    if (pcmc->pci_enabled) {
        I440FXSetup setup = {
            .system_memory = get_system_memory(),
            .system_io = get_system_io(),
            .pci_memory = &pcms->pci_memory,
            .ram = pcms->ram,
            .ram_size = ms->ram_size,
            .below_4g_mem_size = pcms->below_4g_mem_size,
            .above_4g_mem_size = pcms->above_4g_mem_size,
        };

        pcms->pci_bus = i440fx_init(&setup, &pcms->i440fx, errp);
        if (!pcms->pci_bus) {
            return false;
        }
        /* What the CPUs see in system management mode. */
        x86_cpu_set_smram(i440fx_get_smram(pcms->i440fx));
        /* SeaBIOS names the root bus "/pci@i0cf8" in "bootorder". */
        fw_dev_path_set_component(DEVICE(object_resolve_path_component(
                                  OBJECT(pcms), "i440fx")), "pci@i0cf8");
    }

    /* PIIX3 and the ISA bus, then the interrupt controllers. */
    if (!pc_isa_bus_init(pcms, errp) || !pc_intc_init(pcms, errp)) {
        return false;
    }

    /* Ports 0x80 and 0xf0, the timers and CMOS, the Super I/O devices. */
    memory_region_init_io(&pcms->ioport80, NULL, &pc_ioport80_ops, pcms,
                          "ioport80", 1);
    memory_region_add_subregion(get_system_io(), 0x80, &pcms->ioport80);
    memory_region_init_io(&pcms->ioportF0, NULL, &pc_ioportF0_ops, pcms,
                          "ioportF0", 1);
    memory_region_add_subregion(get_system_io(), 0xf0, &pcms->ioportF0);
    if (!pc_timers_init(pcms, errp) || !pc_superio_init(pcms, errp)) {
        return false;
    }

    /* PCI functions of the south bridge: IDE, USB, power management. */
    if (pcmc->pci_enabled && !pc_pci_functions_init(pcms, errp)) {
        return false;
    }

    /* CMOS, and what needs the finished machine (ACPI, SMBIOS, ...). */
    if (!pc_cmos_init(pcms, pcms->rtc, errp)) {
        return false;
    }
    qemu_register_reset(pc_machine_done_reset, pcms);
    return true;
}

bool pc_init(MachineState *ms, Error **errp)
{
    bool ok;

    /*
     * One memory transaction for the whole board: the address spaces are
     * flattened, and the accelerator's memory slots updated, once instead
     * of after each of the hundred regions the devices add (the PAM
     * aliases alone are 52).  Nothing here accesses guest memory through
     * an address space.
     */
    memory_region_transaction_begin();
    ok = pc_build(ms, errp);
    memory_region_transaction_commit();
    return ok;
}

/*
 * A system reset: the devices and reset handlers, then the local APICs
 * once more and the CPUs' registers to the accelerator again, as the
 * reference orders it: the APIC base (enabled, BSP) is part of the CPU
 * state the accelerator gets, and must be the APIC's post-reset one
 * whatever the order of the reset handlers.
 */
void pc_machine_reset(MachineState *ms)
{
    CPUState *cpu;

    qemu_devices_reset();
    CPU_FOREACH(cpu) {
        DeviceState *apic = cpu_get_apic(cpu);

        if (apic) {
            device_cold_reset(apic);
        }
    }
    cpu_synchronize_all_post_reset();
}
