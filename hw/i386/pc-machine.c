/*
 * pc-machine.c: the abstract machine types "x86-machine" (acpi, smm, pic,
 * pit, ...) and "generic-pc-machine" (hpet, vmport, max-ram-below-4g, ...)
 * with their properties, as -M pc,help lists them on the reference; the
 * concrete types are in pc_piix.c.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/i386/pc.h"
#include "sysemu/kvm.h"
#include "target/i386/cpu.h"

/* ---- machine properties ---- */

bool pc_acpi_enabled(PCMachineState *pcms)
{
    return PC_MACHINE_GET_CLASS(pcms)->pci_enabled &&
           pcms->acpi != ON_OFF_AUTO_OFF;
}

/*
 * SMM needs the accelerator to deliver SMIs and to give the CPUs the
 * SMRAM view.  The software CPU does both (target/i386/tcg/smm-helper.c),
 * so "auto" means on there.  The KVM accelerator does neither yet, so
 * under KVM "auto" means off and "on" is refused, as on the reference
 * with a KVM without KVM_CAP_X86_SMM.
 */
bool pc_smm_enabled(PCMachineState *pcms)
{
    return pcms->smm != ON_OFF_AUTO_OFF && !kvm_enabled();
}

#define PC_BOOL_PROP(name, field) \
    static bool pc_get_##name(Object *obj, Error **errp) \
    { return PC_MACHINE(obj)->field; } \
    static void pc_set_##name(Object *obj, bool v, Error **errp) \
    { PC_MACHINE(obj)->field = v; }

PC_BOOL_PROP(hpet, hpet_enabled)
PC_BOOL_PROP(smbus, smbus_enabled)
PC_BOOL_PROP(sata, sata_enabled)
PC_BOOL_PROP(i8042, i8042_enabled)
PC_BOOL_PROP(bypass_iommu, default_bus_bypass_iommu)

#define PC_ONOFFAUTO_PROP(name, field) \
    static int pc_get_##name(Object *obj, Error **errp) \
    { return PC_MACHINE(obj)->field; } \
    static void pc_set_##name(Object *obj, int v, Error **errp) \
    { PC_MACHINE(obj)->field = v; }

PC_ONOFFAUTO_PROP(acpi, acpi)
PC_ONOFFAUTO_PROP(smm, smm)
PC_ONOFFAUTO_PROP(pic, pic)
PC_ONOFFAUTO_PROP(pit, pit)
PC_ONOFFAUTO_PROP(vmport, vmport)

typedef struct PCSizeProp {
    const char *name;
    size_t offset;
    uint64_t max;               /* 0: none */
    const char *type;           /* "size" or "uint64_t" */
} PCSizeProp;

static const PCSizeProp pc_size_props[] = {
    { "max-ram-below-4g", offsetof(PCMachineState, max_ram_below_4g),
      4 * GiB, "size" },
    { "max-fw-size", offsetof(PCMachineState, max_fw_size), 0, "size" },
    { "bus-lock-ratelimit", offsetof(PCMachineState, bus_lock_ratelimit), 0,
      "uint64_t" },
};

static json_t *pc_get_size(Object *obj, ObjectProperty *prop, Error **errp)
{
    const PCSizeProp *p = prop->opaque;

    return qom_json_uint(*(uint64_t *)((char *)obj + p->offset));
}

static bool pc_set_size(Object *obj, ObjectProperty *prop, json_t *value,
                        Error **errp)
{
    const PCSizeProp *p = prop->opaque;
    uint64_t v;

    if (!strcmp(p->type, "size") ? !qom_parse_size(prop->name, value, &v,
                                                    errp)
                                 : !qom_parse_uint(prop->name, value,
                                                   UINT64_MAX, &v, errp)) {
        return false;
    }
    if (p->max && v > p->max) {
        error_setg(errp, "Machine option '%s=%" PRIu64 "' expects size "
                   "less than or equal to %" PRIu64 "G", prop->name, v,
                   p->max / GiB);
        return false;
    }
    *(uint64_t *)((char *)obj + p->offset) = v;
    return true;
}

typedef struct PCStrProp {
    const char *name;
    size_t offset;
    const char *type;
    size_t max_len;             /* 0: any */
    const char *desc;
} PCStrProp;

static const PCStrProp pc_str_props[] = {
    { "smbios-entry-point-type", offsetof(PCMachineState, smbios_ep_type),
      "str", 0, "SMBIOS Entry Point type [32, 64]" },
    { "x-oem-id", offsetof(PCMachineState, oem_id), "string", 6,
      "Override the default value of field OEMID in ACPI table header."
      "The string may be up to 6 bytes in size" },
    { "x-oem-table-id", offsetof(PCMachineState, oem_table_id), "string", 8,
      "Override the default value of field OEM Table ID in ACPI table "
      "header.The string may be up to 8 bytes in size" },
};

static json_t *pc_get_str(Object *obj, ObjectProperty *prop, Error **errp)
{
    const PCStrProp *p = prop->opaque;
    char *v = *(char **)((char *)obj + p->offset);

    return json_string(v ? v : "");
}

static bool pc_set_str(Object *obj, ObjectProperty *prop, json_t *value,
                       Error **errp)
{
    const PCStrProp *p = prop->opaque;
    char **field = (char **)((char *)obj + p->offset);
    const char *s;

    if (!qom_parse_str(prop->name, value, &s, errp)) {
        return false;
    }
    if (p->max_len && strlen(s) > p->max_len) {
        error_setg(errp, "User specified %s value is bigger than %zu bytes "
                   "in size", !strcmp(p->name, "x-oem-id") ? "OEM ID"
                   : "OEM Table ID", p->max_len);
        return false;
    }
    if (!strcmp(p->name, "smbios-entry-point-type") && strcmp(s, "32") &&
        strcmp(s, "64")) {
        error_setg(errp, "Parameter 'smbios-entry-point-type' does not "
                   "accept value '%s'", s);
        return false;
    }
    g_free(*field);
    *field = g_strdup(s);
    return true;
}

/* "sgx-epc": listed as on the reference; SGX is not emulated. */
static bool pc_set_sgx_epc(Object *obj, ObjectProperty *prop, json_t *value,
                           Error **errp)
{
    error_setg(errp, "SGX EPC sections are not supported yet");
    return false;
}

static json_t *pc_get_sgx_epc(Object *obj, ObjectProperty *prop,
                              Error **errp)
{
    return json_pack("{s:[]}", "sgx-epc");
}

static void x86_machine_instance_init(Object *obj)
{
    PCMachineState *pcms = PC_MACHINE(obj);

    pcms->acpi = ON_OFF_AUTO_AUTO;
    pcms->smm = ON_OFF_AUTO_AUTO;
    pcms->pic = ON_OFF_AUTO_AUTO;
    pcms->pit = ON_OFF_AUTO_AUTO;
    pcms->oem_id = g_strdup("BOCHS ");
    pcms->oem_table_id = g_strdup("BXPC    ");
}

static void x86_machine_instance_finalize(Object *obj)
{
    PCMachineState *pcms = PC_MACHINE(obj);

    g_free(pcms->oem_id);
    g_free(pcms->oem_table_id);
    g_free(pcms->smbios_ep_type);
}

static void x86_machine_class_init(ObjectClass *oc, void *data)
{
    size_t i;

    object_class_property_add_enum(oc, "acpi", "OnOffAuto", OnOffAuto_lookup,
                                   pc_get_acpi, pc_set_acpi);
    object_class_property_set_description(oc, "acpi", "Enable ACPI");
    object_class_property_add_enum(oc, "smm", "OnOffAuto", OnOffAuto_lookup,
                                   pc_get_smm, pc_set_smm);
    object_class_property_set_description(oc, "smm", "Enable SMM");
    object_class_property_add_enum(oc, "pic", "OnOffAuto", OnOffAuto_lookup,
                                   pc_get_pic, pc_set_pic);
    object_class_property_set_description(oc, "pic", "Enable i8259 PIC");
    object_class_property_add_enum(oc, "pit", "OnOffAuto", OnOffAuto_lookup,
                                   pc_get_pit, pc_set_pit);
    object_class_property_set_description(oc, "pit", "Enable i8254 PIT");
    object_class_property_add(oc, "bus-lock-ratelimit", "uint64_t",
                              pc_get_size, pc_set_size, NULL,
                              (void *)&pc_size_props[2]);
    object_class_property_set_description(oc, "bus-lock-ratelimit",
        "Set the ratelimit for the bus locks acquired in VMs");
    object_class_property_add(oc, "sgx-epc", "SgxEPC", pc_get_sgx_epc,
                              pc_set_sgx_epc, NULL, NULL);
    object_class_property_set_description(oc, "sgx-epc", "SGX EPC device");
    for (i = 0; i < ARRAY_SIZE(pc_str_props); i++) {
        object_class_property_add(oc, pc_str_props[i].name,
                                  pc_str_props[i].type, pc_get_str,
                                  pc_set_str, NULL, (void *)&pc_str_props[i]);
        object_class_property_set_description(oc, pc_str_props[i].name,
                                              pc_str_props[i].desc);
    }
}

static void pc_machine_instance_init(Object *obj)
{
    PCMachineState *pcms = PC_MACHINE(obj);

    pcms->hpet_enabled = PC_MACHINE_GET_CLASS(obj)->default_hpet;
    pcms->vmport = ON_OFF_AUTO_AUTO;
    pcms->smbus_enabled = true;
    pcms->sata_enabled = true;
    pcms->i8042_enabled = true;
    pcms->max_ram_below_4g = PC_PCI_HOLE_DEFAULT;
    pcms->max_fw_size = 8 * MiB;
    pcms->smbios_ep_type = g_strdup("32");
}

static void pc_machine_class_init(ObjectClass *oc, void *data)
{
    MachineClass *mc = MACHINE_CLASS(oc);
    PCMachineClass *pcmc = PC_MACHINE_CLASS(oc);
    size_t i;

    mc->init = pc_init;
    mc->reset = pc_machine_reset;
    mc->default_cpu_type = X86_CPU_TYPE_NAME("qemu64");
    mc->default_ram_id = "pc.ram";
    mc->default_ram_size = 128 * MiB;
    mc->max_cpus = 255;
    mc->has_hotpluggable_cpus = true;
    mc->dies_supported = true;
    pcmc->pci_enabled = true;
    pcmc->has_acpi_build = true;
    pcmc->default_hpet = true;
    pcmc->default_bios = PC_BIOS_DEFAULT;

    object_class_property_add_bool(oc, "hpet", pc_get_hpet, pc_set_hpet);
    object_class_property_set_description(oc, "hpet",
        "Enable/disable high precision event timer emulation");
    object_class_property_add_enum(oc, "vmport", "OnOffAuto",
                                   OnOffAuto_lookup, pc_get_vmport,
                                   pc_set_vmport);
    object_class_property_set_description(oc, "vmport",
                                          "Enable vmport (pc & q35)");
    for (i = 0; i < 2; i++) {
        object_class_property_add(oc, pc_size_props[i].name, "size",
                                  pc_get_size, pc_set_size, NULL,
                                  (void *)&pc_size_props[i]);
    }
    object_class_property_set_description(oc, "max-ram-below-4g",
        "Maximum ram below the 4G boundary (32bit boundary)");
    object_class_property_set_description(oc, "max-fw-size",
                                          "Maximum combined firmware size");
    object_class_property_add_bool(oc, "smbus", pc_get_smbus, pc_set_smbus);
    object_class_property_set_description(oc, "smbus",
        "Enable/disable system management bus");
    object_class_property_add_bool(oc, "sata", pc_get_sata, pc_set_sata);
    object_class_property_set_description(oc, "sata",
        "Enable/disable Serial ATA bus");
    object_class_property_add_bool(oc, "i8042", pc_get_i8042, pc_set_i8042);
    object_class_property_add_bool(oc, "default-bus-bypass-iommu",
                                   pc_get_bypass_iommu, pc_set_bypass_iommu);
}

static const TypeInfo pc_machine_types[] = {
    {
        .name = TYPE_X86_MACHINE,
        .parent = TYPE_MACHINE,
        .abstract = true,
        .instance_size = sizeof(PCMachineState),
        .instance_init = x86_machine_instance_init,
        .instance_finalize = x86_machine_instance_finalize,
        .class_size = sizeof(PCMachineClass),
        .class_init = x86_machine_class_init,
    },
    {
        .name = TYPE_PC_MACHINE,
        .parent = TYPE_X86_MACHINE,
        .abstract = true,
        .instance_size = sizeof(PCMachineState),
        .instance_init = pc_machine_instance_init,
        .class_size = sizeof(PCMachineClass),
        .class_init = pc_machine_class_init,
    },
};

static void pc_machine_register_types(void)
{
    type_register_static_array(pc_machine_types,
                               ARRAY_SIZE(pc_machine_types));
}
type_init(pc_machine_register_types)
