/*
 * vmport.c: the VMware I/O backdoor ("vmport"), I/O port 0x5658.
 *
 * References: VMware's "backdoor" interface as open-vm-tools calls it
 * (lib/include/backdoor_def.h: BDOOR_MAGIC 0x564D5868, BDOOR_PORT 0x5658,
 * BDOOR_CMD_GETVERSION 10, GETBIOSUUID 19, GETMEMSIZE 20, GETHZ 45,
 * GET_VCPU_INFO 68, the absolute pointer commands 39-41) and the behaviour
 * of QEMU 7.2's device, recorded with a guest that called every command
 * 0-79 under TCG and KVM:
 *   - the command is ECX's low byte; a wrong magic, a command without a
 *     handler (GETTIME 23 and GETTIMEFULL 46 are not implemented there)
 *     or 69 and above read all ones (x-signal-unsupported-cmd), the other
 *     registers untouched;
 *   - GETVERSION: EAX = vmware-vmx-version (6), EBX = magic, ECX =
 *     vmware-vmx-type (2, x-report-vmx-type);
 *   - GETRAMSIZE: EAX = RAM size in bytes (low 32 bits), EBX = 0x1177;
 *   - GETBIOSUUID: EAX..EDX = the -uuid bytes read as four little-endian
 *     words;
 *   - GETHZ: EBX:EAX = TSC frequency (Hz), ECX = APIC bus frequency when
 *     both are known (KVM), else EBX = all ones and EAX unchanged;
 *   - GET_VCPU_INFO: bit 3 (legacy x2APIC usable) when the vCPU has
 *     x2APIC;
 *   - an OUT runs the command as an IN would and puts the result in EAX.
 * The region is one port wide, but the access is always handled as
 * 4 bytes (a byte IN gets the low byte), as on the reference.
 */
#include "qemu/osdep.h"
#include "hw/misc/vmport.h"
#include "hw/isa/isa.h"
#include "hw/boards.h"
#include "sysemu/sysemu.h"

#define VMPORT_RAMSIZE_EBX      0x1177
#define VCPU_INFO_LEGACY_X2APIC (1u << 3)

/* Bits of compat_flags (the x-* properties, off for pc-*-5.0 and older). */
#define VMPORT_COMPAT_READ_SET_EAX          0
#define VMPORT_COMPAT_SIGNAL_UNSUPPORTED    1
#define VMPORT_COMPAT_REPORT_VMX_TYPE       2
#define VMPORT_COMPAT_CMDS_V2               3

typedef struct VMPortCommandEntry {
    VMPortCommandFunc *fn;
    void *opaque;
} VMPortCommandEntry;

typedef struct VMPortState {
    ISADevice parent_obj;
    /* properties */
    uint32_t compat_flags;
    uint32_t vmx_version;
    uint8_t vmx_type;
    /* internal */
    MemoryRegion io;
    VMPortCommandEntry cmds[VMPORT_ENTRIES];
} VMPortState;

#define VMPORT(obj) OBJECT_CHECK(VMPortState, (obj), TYPE_VMPORT)

static bool vmport_compat(VMPortState *s, int bit)
{
    return s->compat_flags & (1u << bit);
}

/* ---- commands ---- */

static uint32_t vmport_cmd_get_version(void *opaque, X86IoRegs *regs)
{
    VMPortState *s = opaque;

    regs->rbx = VMPORT_MAGIC;
    if (vmport_compat(s, VMPORT_COMPAT_REPORT_VMX_TYPE)) {
        regs->rcx = s->vmx_type;
    }
    return s->vmx_version;
}

static uint32_t vmport_cmd_ram_size(void *opaque, X86IoRegs *regs)
{
    Object *m = object_dynamic_cast(qdev_get_machine(), TYPE_MACHINE);

    regs->rbx = VMPORT_RAMSIZE_EBX;
    return m ? (uint32_t)MACHINE(m)->ram_size : 0;
}

static uint32_t le32_at(const uint8_t *p)
{
    return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24);
}

static uint32_t vmport_cmd_get_bios_uuid(void *opaque, X86IoRegs *regs)
{
    regs->rax = le32_at(qemu_uuid);
    regs->rbx = le32_at(qemu_uuid + 4);
    regs->rcx = le32_at(qemu_uuid + 8);
    regs->rdx = le32_at(qemu_uuid + 12);
    return regs->rax;
}

static uint32_t vmport_cmd_get_hz(void *opaque, X86IoRegs *regs)
{
    X86IoCpuInfo info;

    if (x86_io_cpu_info(&info) && info.tsc_hz && info.apic_bus_hz) {
        regs->rcx = info.apic_bus_hz;
        regs->rbx = (uint32_t)(info.tsc_hz >> 32);
        regs->rax = (uint32_t)info.tsc_hz;
    } else {
        regs->rbx = UINT32_MAX;
    }
    return regs->rax;
}

static uint32_t vmport_cmd_get_vcpu_info(void *opaque, X86IoRegs *regs)
{
    X86IoCpuInfo info;

    if (x86_io_cpu_info(&info) && info.x2apic) {
        return VCPU_INFO_LEGACY_X2APIC;
    }
    return 0;
}

void vmport_register_command(DeviceState *vmport, VMPortCommand cmd,
                             VMPortCommandFunc *fn, void *opaque)
{
    VMPortState *s = VMPORT(vmport);

    if ((unsigned)cmd >= VMPORT_ENTRIES) {
        return;
    }
    if (!fn && s->cmds[cmd].opaque != opaque) {
        return;
    }
    s->cmds[cmd].fn = fn;
    s->cmds[cmd].opaque = fn ? opaque : NULL;
}

DeviceState *vmport_find(void)
{
    Object *obj = object_resolve_path_type("", TYPE_VMPORT, NULL);

    return obj ? DEVICE(obj) : NULL;
}

/* ---- the port ---- */

/* Run the command the registers name; returns the IN's value. */
static uint32_t vmport_call(VMPortState *s, X86IoRegs *regs)
{
    uint8_t cmd = regs->rcx;
    uint32_t eax = regs->rax;

    if (eax == VMPORT_MAGIC && cmd < VMPORT_ENTRIES && s->cmds[cmd].fn) {
        eax = s->cmds[cmd].fn(s->cmds[cmd].opaque, regs);
    } else if (vmport_compat(s, VMPORT_COMPAT_SIGNAL_UNSUPPORTED)) {
        eax = UINT32_MAX;
    }
    /*
     * The registers go back to the vCPU after this access, and under KVM
     * they win over the IN's data: without this (x-read-set-eax=off, the
     * pc-*-5.0 machines) the guest finds its own EAX again, on the
     * reference too.
     */
    if (vmport_compat(s, VMPORT_COMPAT_READ_SET_EAX)) {
        regs->rax = eax;
    }
    return eax;
}

static uint64_t vmport_read(void *opaque, hwaddr addr, unsigned size)
{
    X86IoRegs regs;
    uint32_t eax;

    /* Not from a vCPU (nothing to read the command from): all ones. */
    if (!x86_io_regs_get(&regs)) {
        return UINT32_MAX;
    }
    eax = vmport_call(opaque, &regs);
    x86_io_regs_put(&regs);
    return eax;
}

static void vmport_write(void *opaque, hwaddr addr, uint64_t val,
                         unsigned size)
{
    X86IoRegs regs;

    if (!x86_io_regs_get(&regs)) {
        return;
    }
    regs.rax = vmport_call(opaque, &regs);
    x86_io_regs_put(&regs);
}

static const MemoryRegionOps vmport_ops = {
    .read = vmport_read,
    .write = vmport_write,
    .impl = { .min_access_size = 4, .max_access_size = 4 },
};

static bool vmport_realize(DeviceState *dev, Error **errp)
{
    VMPortState *s = VMPORT(dev);

    /* One port wide (info mtree), though every access is taken as 4. */
    memory_region_init_io(&s->io, OBJECT(dev), &vmport_ops, s, "vmport", 1);
    isa_register_ioport(ISA_DEVICE(dev), &s->io, VMPORT_IOPORT);
    vmport_register_command(dev, VMPORT_CMD_GETVERSION,
                            vmport_cmd_get_version, s);
    vmport_register_command(dev, VMPORT_CMD_GETRAMSIZE,
                            vmport_cmd_ram_size, s);
    if (vmport_compat(s, VMPORT_COMPAT_CMDS_V2)) {
        vmport_register_command(dev, VMPORT_CMD_GETBIOSUUID,
                                vmport_cmd_get_bios_uuid, s);
        vmport_register_command(dev, VMPORT_CMD_GETHZ,
                                vmport_cmd_get_hz, s);
        vmport_register_command(dev, VMPORT_CMD_GET_VCPU_INFO,
                                vmport_cmd_get_vcpu_info, s);
    }
    return true;
}

static void vmport_unrealize(DeviceState *dev)
{
    VMPortState *s = VMPORT(dev);

    memory_region_del_subregion(isa_address_space_io(ISA_DEVICE(dev)),
                                &s->io);
    memset(s->cmds, 0, sizeof(s->cmds));
}

/* In the reference's order (info qtree prints them so). */
static Property vmport_properties[] = {
    DEFINE_PROP_BIT("x-read-set-eax", VMPortState, compat_flags,
                    VMPORT_COMPAT_READ_SET_EAX, true),
    DEFINE_PROP_BIT("x-signal-unsupported-cmd", VMPortState, compat_flags,
                    VMPORT_COMPAT_SIGNAL_UNSUPPORTED, true),
    DEFINE_PROP_BIT("x-report-vmx-type", VMPortState, compat_flags,
                    VMPORT_COMPAT_REPORT_VMX_TYPE, true),
    DEFINE_PROP_BIT("x-cmds-v2", VMPortState, compat_flags,
                    VMPORT_COMPAT_CMDS_V2, true),
    /* open-vm-tools' VERSION_MAGIC; type 2 is "VMware ESX Server". */
    DEFINE_PROP_UINT32("vmware-vmx-version", VMPortState, vmx_version, 6),
    DEFINE_PROP_UINT8("vmware-vmx-type", VMPortState, vmx_type, 2),
    DEFINE_PROP_END_OF_LIST(),
};

static void vmport_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = vmport_realize;
    dc->unrealize = vmport_unrealize;
    /* The board creates the one vmport ("-device vmport" is refused as
     * on the reference). */
    dc->user_creatable = false;
    device_class_set_props(dc, vmport_properties);
}

static const TypeInfo vmport_type = {
    .name = TYPE_VMPORT,
    .parent = TYPE_ISA_DEVICE,
    .instance_size = sizeof(VMPortState),
    .class_init = vmport_class_init,
};

static void vmport_register_types(void)
{
    type_register_static(&vmport_type);
}

type_init(vmport_register_types)
