/*
 * pc_piix.c: the machine types of the i440FX/PIIX PC: "pc-i440fx-7.2"
 * (the default, alias "pc") and every older pc-i440fx-X.Y of the
 * reference's -machine help, Ubuntu's "pc-i440fx-trusty" (the 2.0-era
 * board under the name OpenStack's libvirt asks for), and "isapc".
 *
 * A versioned type differs from 7.2 by compatibility properties (older
 * device defaults) and a few board flags.  The tables below list, for
 * each version, what the next version changed: a type applies the
 * tables of every version from 7.1 down to its own, newest first, so an
 * older table's value wins.  The values are the reference's, read back
 * with qom-get from each machine type of QEMU 7.2 under TCG and KVM
 * (devices of this board and the default CPU model; properties of later
 * parts' devices are listed too and apply once those devices exist).
 */
#include "qemu/osdep.h"
#include "hw/i386/pc.h"
#include "target/i386/cpu.h"

#define PC_DESC "Standard PC (i440FX + PIIX, 1996)"

/* PCI functions of the board and the test device, for x-pcie-* below. */
#define PCI_FUNCS(prop, val) \
    { "i440FX", prop, val }, { "PIIX3", prop, val }, \
    { "PIIX4_PM", prop, val }, { "piix3-ide", prop, val }, \
    { "pci-testdev", prop, val }

static const PCCompatProp compat_6_2[] = {
    { "PIIX4_PM", "x-not-migrate-acpi-index", "on" },
    { NULL }
};
static const PCCompatProp compat_6_1[] = {
    { "x86_64-cpu", "hv-version-id-build", "7100" },
    { "x86_64-cpu", "hv-version-id-major", "6" },
    { "x86_64-cpu", "hv-version-id-minor", "1" },
    { NULL }
};
static const PCCompatProp compat_6_0[] = {
    { "i8042", "extended-state", "off" },
    { "qemu64-x86_64-cpu", "family", "6" },
    { "qemu64-x86_64-cpu", "model", "6" },
    { "qemu64-x86_64-cpu", "stepping", "3" },
    { "x86_64-cpu", "x-vendor-cpuid-only", "off" },
    { NULL }
};
static const PCCompatProp compat_5_2[] = {
    { "PIIX4_PM", "smm-compat", "on" },
    { NULL }
};
static const PCCompatProp compat_5_1[] = {
    { "pvpanic", "events", "1" },
    { NULL }
};
static const PCCompatProp compat_5_0[] = {
    { "i440FX-pcihost", "x-config-reg-migration-enabled", "off" },
    { "vmport", "x-cmds-v2", "off" },
    { "vmport", "x-read-set-eax", "off" },
    { "vmport", "x-report-vmx-type", "off" },
    { "vmport", "x-signal-unsupported-cmd", "off" },
    { NULL }
};
static const PCCompatProp compat_4_2[] = {
    { "fw_cfg_io", "acpi-mr-restore", "off" },
    { NULL }
};
static const PCCompatProp compat_3_1[] = {
    { "x86_64-cpu", "x-intel-pt-auto-level", "off" },
    { NULL }
};
static const PCCompatProp compat_3_0[] = {
    { "x86_64-cpu", "x-hv-synic-kvm-only", "on" },
    { NULL }
};
static const PCCompatProp compat_2_11[] = {
    { "hpet", "hpet-offset-saved", "off" },
    { "x86_64-cpu", "x-migrate-smi-count", "off" },
    { NULL }
};
static const PCCompatProp compat_2_10[] = {
    { "i440FX-pcihost", "x-pci-hole64-fix", "off" },
    { "x86_64-cpu", "x-hv-max-vps", "64" },
    { NULL }
};
static const PCCompatProp compat_2_8[] = {
    PCI_FUNCS("x-pcie-extcap-init", "off"),
    { "kvmclock", "x-mach-use-reliable-get-clock", "off" },
    { "fw_cfg_io", "x-file-slots", "16" },
    { "x86_64-cpu", "tcg-cpuid", "off" },
    { "x86_64-cpu", "vmware-cpuid-freq", "off" },
    { NULL }
};
static const PCCompatProp compat_2_7[] = {
    { "ioapic", "version", "17" },
    { "isa-pcspk", "migrate", "off" },
    { "x86_64-cpu", "full-cpuid-auto-level", "off" },
    { "x86_64-cpu", "l3-cache", "off" },
    { NULL }
};
static const PCCompatProp compat_2_6[] = {
    { "apic-common", "legacy-instance-id", "on" },
    { "x86_64-cpu", "cpuid-0xb", "off" },
    { "x86_64-cpu", "fill-mtrr-mask", "off" },
    { NULL }
};
static const PCCompatProp compat_2_5[] = {
    { "isa-fdc", "fallback", "144" },
    { NULL }
};
/* QEMU's own CPU models said which QEMU they came from until 2.5. */
#define MODEL_ID(v) \
    { "qemu32-x86_64-cpu", "model-id", "QEMU Virtual CPU version " v }, \
    { "qemu64-x86_64-cpu", "model-id", "QEMU Virtual CPU version " v }, \
    { "athlon-x86_64-cpu", "model-id", "QEMU Virtual CPU version " v }
static const PCCompatProp compat_2_4[] = {
    { "fw_cfg_io", "dma_enabled", "off" },
    { "qemu64-x86_64-cpu", "abm", "on" },
    { "qemu64-x86_64-cpu", "popcnt", "on" },
    { "qemu64-x86_64-cpu", "sse4a", "on" },
    { "x86_64-cpu", "check", "off" },
    MODEL_ID("2.4.0"),
    { NULL }
};
static const PCCompatProp compat_2_3[] = {
    PCI_FUNCS("x-pcie-lnksta-dllla", "off"),
    { "x86_64-cpu", "kvm-no-smi-migration", "on" },
    { "qemu64-x86_64-cpu", "level", "4" },
    { "qemu64-x86_64-cpu", "min-level", "4" },
    MODEL_ID("2.3.0"),
    { NULL }
};
static const PCCompatProp compat_2_2[] = {
    MODEL_ID("2.2.0"),
    { NULL }
};
static const PCCompatProp compat_2_1[] = {
    MODEL_ID("2.1.0"),
    { NULL }
};
static const PCCompatProp compat_2_0[] = {
    { "PIIX4_PM", "memory-hotplug-support", "off" },
    { "apic", "version", "17" },
    MODEL_ID("2.0.0"),
    { NULL }
};
static const PCCompatProp compat_1_7[] = {
    { "PIIX4_PM", "acpi-pci-hotplug-with-bridge-support", "off" },
    MODEL_ID("1.7.0"),
    { NULL }
};
static const PCCompatProp compat_1_6[] = {
    { "i440FX-pcihost", "short_root_bus", "1" },
    { "qemu64-x86_64-cpu", "model", "2" },
    MODEL_ID("1.6.0"),
    { NULL }
};
static const PCCompatProp compat_1_5[] = {
    { "i440FX-pcihost", "short_root_bus", "0" },
    { "x86_64-cpu", "pmu", "on" },
    MODEL_ID("1.5.0"),
    { NULL }
};
static const PCCompatProp compat_1_4[] = {
    MODEL_ID("1.4.0"),
    { NULL }
};

/* The versions, newest first; compat: what the next version changed. */
typedef struct PCVersion {
    const char *name;           /* the X.Y of pc-i440fx-X.Y */
    int major, minor;
    const PCCompatProp *compat;
} PCVersion;

static const PCVersion pc_versions[] = {
    { "7.2", 7, 2, NULL }, { "7.1", 7, 1, NULL }, { "7.0", 7, 0, NULL },
    { "6.2", 6, 2, compat_6_2 }, { "6.1", 6, 1, compat_6_1 },
    { "6.0", 6, 0, compat_6_0 }, { "5.2", 5, 2, compat_5_2 },
    { "5.1", 5, 1, compat_5_1 }, { "5.0", 5, 0, compat_5_0 },
    { "4.2", 4, 2, compat_4_2 }, { "4.1", 4, 1, NULL },
    { "4.0", 4, 0, NULL }, { "3.1", 3, 1, compat_3_1 },
    { "3.0", 3, 0, compat_3_0 }, { "2.12", 2, 12, NULL },
    { "2.11", 2, 11, compat_2_11 }, { "2.10", 2, 10, compat_2_10 },
    { "2.9", 2, 9, NULL }, { "2.8", 2, 8, compat_2_8 },
    { "2.7", 2, 7, compat_2_7 }, { "2.6", 2, 6, compat_2_6 },
    { "2.5", 2, 5, compat_2_5 }, { "2.4", 2, 4, compat_2_4 },
    { "2.3", 2, 3, compat_2_3 }, { "2.2", 2, 2, compat_2_2 },
    { "2.1", 2, 1, compat_2_1 }, { "2.0", 2, 0, compat_2_0 },
    { "1.7", 1, 7, compat_1_7 }, { "1.6", 1, 6, compat_1_6 },
    { "1.5", 1, 5, compat_1_5 }, { "1.4", 1, 4, compat_1_4 },
};

/* The version index of Ubuntu 14.04's "trusty" type: QEMU 2.0. */
#define PC_TRUSTY_BASE 26

typedef struct PCTypeData {
    int version;                /* index in pc_versions */
    bool trusty;
} PCTypeData;

static bool older_than(const PCVersion *v, int major, int minor)
{
    return v->major < major || (v->major == major && v->minor < minor);
}

static void pc_i440fx_class_init(ObjectClass *oc, void *data)
{
    const PCTypeData *td = data;
    const PCVersion *v = &pc_versions[td->version];
    MachineClass *mc = MACHINE_CLASS(oc);
    PCMachineClass *pcmc = PC_MACHINE_CLASS(oc);
    int i;

    if (td->trusty) {
        mc->name = "pc-i440fx-trusty";
        mc->desc = "Ubuntu 14.04 PC (i440FX + PIIX, 1996)";
    } else {
        mc->name = g_strdup_printf("pc-i440fx-%s", v->name);
        mc->desc = PC_DESC;
    }
    mc->family = "pc_piix";
    if (td->version == 0) {
        mc->alias = "pc";
        mc->is_default = true;
    }
    mc->deprecated = !td->trusty && older_than(v, 2, 0);
    mc->smp_prefer_sockets = older_than(v, 6, 2);
    pcmc->gigabyte_align = !older_than(v, 2, 0);
    pcmc->enforce_amd_1tb_hole = !older_than(v, 7, 1);
    pcmc->kvmclock_enabled = true;
    pcmc->smbios_defaults = !older_than(v, 2, 0);

    /* Newest table first: the oldest value applies last and wins. */
    pcmc->nb_compat = 0;
    for (i = 0; i <= td->version; i++) {
        if (pc_versions[i].compat) {
            assert(pcmc->nb_compat < PC_COMPAT_MAX_TABLES);
            pcmc->compat[pcmc->nb_compat++] = pc_versions[i].compat;
        }
    }
}

static void isapc_class_init(ObjectClass *oc, void *data)
{
    MachineClass *mc = MACHINE_CLASS(oc);
    PCMachineClass *pcmc = PC_MACHINE_CLASS(oc);

    mc->name = "isapc";
    mc->desc = "ISA-only PC";
    mc->max_cpus = 1;
    mc->has_hotpluggable_cpus = false;
    mc->default_cpu_type = X86_CPU_TYPE_NAME("486");
    pcmc->pci_enabled = false;
    pcmc->has_acpi_build = false;
    pcmc->default_hpet = false;
    pcmc->default_bios = "bios.bin";
    pcmc->kvmclock_enabled = true;
}

void pc_compat_register(PCMachineClass *pcmc)
{
    int i;

    for (i = 0; i < pcmc->nb_compat; i++) {
        const PCCompatProp *p;

        for (p = pcmc->compat[i]; p->driver; p++) {
            qdev_prop_register_compat(p->driver, p->property, p->value);
        }
    }
}

static void pc_piix_register_one(const char *name, const PCTypeData *data,
                                 void (*class_init)(ObjectClass *, void *))
{
    TypeInfo info = {
        .name = name,
        .parent = TYPE_PC_MACHINE,
        .class_init = class_init,
        .class_data = (void *)data,
    };

    type_register_static(&info);
}

static void pc_piix_register_types(void)
{
    static PCTypeData data[ARRAY_SIZE(pc_versions)];
    static const PCTypeData trusty = { PC_TRUSTY_BASE, true };
    size_t i;

    assert(!strcmp(pc_versions[PC_TRUSTY_BASE].name, "2.0"));
    for (i = 0; i < ARRAY_SIZE(pc_versions); i++) {
        g_autofree char *name =
            g_strdup_printf("pc-i440fx-%s" TYPE_MACHINE_SUFFIX,
                            pc_versions[i].name);

        data[i].version = i;
        pc_piix_register_one(name, &data[i], pc_i440fx_class_init);
    }
    pc_piix_register_one(MACHINE_TYPE_NAME("pc-i440fx-trusty"), &trusty,
                         pc_i440fx_class_init);
    pc_piix_register_one(MACHINE_TYPE_NAME("isapc"), NULL, isapc_class_init);
}
type_init(pc_piix_register_types)
