/*
 * kvm-x86-cpuid.c: CPUID under KVM: what the kernel can provide
 * (KVM_GET_SUPPORTED_CPUID and the feature MSRs, registered with the CPU
 * models as the accelerator's answer so they filter what KVM cannot give)
 * and the table a vCPU answers with (KVM_SET_CPUID2, every leaf and
 * subleaf the model exposes, the KVM paravirtual leaves included, from
 * x86_cpu_cpuid_table()).
 */
#include "qemu/osdep.h"
#include "accel/kvm/kvm-x86.h"

/* ---- supported CPUID ---- */

static struct kvm_cpuid2 *fetch_supported_cpuid(KVMState *s)
{
    for (int n = 64; n <= 4096; n *= 2) {
        struct kvm_cpuid2 *c = g_malloc0(sizeof(*c) +
                                         n * sizeof(c->entries[0]));
        int ret;

        c->nent = n;
        ret = kvm_ioctl(s, KVM_GET_SUPPORTED_CPUID, c);
        if (ret >= 0) {
            return c;
        }
        g_free(c);
        if (ret != -E2BIG) {
            break;
        }
    }
    return NULL;
}

static uint32_t entry_reg(const struct kvm_cpuid_entry2 *e, int reg)
{
    switch (reg) {
    case R_EAX:
        return e->eax;
    case R_EBX:
        return e->ebx;
    case R_ECX:
        return e->ecx;
    case R_EDX:
        return e->edx;
    default:
        return 0;
    }
}

static uint32_t raw_supported(KVMState *s, uint32_t function, uint32_t index,
                              int reg)
{
    if (!s->supported_cpuid) {
        s->supported_cpuid = fetch_supported_cpuid(s);
        if (!s->supported_cpuid) {
            return 0;
        }
    }
    for (uint32_t i = 0; i < s->supported_cpuid->nent; i++) {
        const struct kvm_cpuid_entry2 *e = &s->supported_cpuid->entries[i];

        if (e->function != function) {
            continue;
        }
        if ((e->flags & KVM_CPUID_FLAG_SIGNIFCANT_INDEX) &&
            e->index != index) {
            continue;
        }
        return entry_reg(e, reg);
    }
    return 0;
}

uint32_t kvm_arch_get_supported_cpuid(KVMState *s, uint32_t function,
                                      uint32_t index, int reg)
{
    uint32_t ret;

    if (!s) {
        return 0;
    }
    ret = raw_supported(s, function, index, reg);
    if (function == 1 && reg == R_EDX) {
        /* Old kernels under-report these; KVM always emulates them. */
        ret |= KVM_X86_CPUID_1_EDX_MTRR | CPUID_PAT |
               KVM_X86_CPUID_1_EDX_MCE | KVM_X86_CPUID_1_EDX_MCA;
    } else if (function == 1 && reg == R_ECX) {
        ret |= CPUID_EXT_HYPERVISOR;
        if (kvm_check_extension(s, KVM_CAP_TSC_DEADLINE_TIMER)) {
            ret |= CPUID_EXT_TSC_DEADLINE_TIMER;
        }
        /* x2APIC mode needs the kernel's local APIC. */
        if (!s->irqchip_in_kernel) {
            ret &= ~CPUID_EXT_X2APIC;
        }
    } else if (function == 6 && reg == R_EAX) {
        /* The APIC timer is emulated: it always runs. */
        ret |= KVM_X86_CPUID_6_EAX_ARAT;
    } else if (function == 0x80000001 && reg == R_EDX) {
        /* Intel reports the AMD aliases of leaf 1 EDX as zero. */
        ret |= raw_supported(s, 1, 0, R_EDX) & 0x0183f3ff;
    } else if (function == KVM_CPUID_FEATURES && reg == R_EAX) {
        if (!s->irqchip_in_kernel) {
            ret &= ~(1U << KVM_X86_FEATURE_PV_UNHALT);
        }
        if (s->irqchip_split) {
            ret |= 1U << KVM_X86_FEATURE_MSI_EXT_DEST_ID;
        }
    } else if (function == KVM_CPUID_FEATURES && reg == R_EDX) {
        ret |= 1U << KVM_X86_HINTS_REALTIME;
    }
    return ret;
}

/* Feature MSRs (VMX capabilities, ARCH_CAPABILITIES, ...) as the kernel
 * offers them to guests: KVM_GET_MSRS on /dev/kvm. */
static uint64_t kvm_arch_get_supported_msr_feature(KVMState *s, uint32_t msr)
{
    struct {
        struct kvm_msrs hdr;
        struct kvm_msr_entry e;
    } req = { .hdr.nmsrs = 1, .e.index = msr };

    if (!s || !kvm_check_extension(s, KVM_CAP_GET_MSR_FEATURES)) {
        return 0;
    }
    if (kvm_ioctl(s, KVM_GET_MSRS, &req) != 1) {
        return 0;
    }
    return req.e.data;
}

static uint32_t kvm_x86_supported_cpuid(uint32_t function, uint32_t index,
                                        int reg)
{
    return kvm_arch_get_supported_cpuid(kvm_state, function, index, reg);
}

static uint64_t kvm_x86_supported_msr(uint32_t msr)
{
    return kvm_arch_get_supported_msr_feature(kvm_state, msr);
}

static const X86CPUAccel kvm_x86_cpu_accel = {
    .name = "kvm",
    .warn_name = "host",
    .uses_host_cpuid = true,
    .get_supported_cpuid = kvm_x86_supported_cpuid,
    .get_supported_msr_feature = kvm_x86_supported_msr,
};

void kvm_arch_register_cpu_accel(void)
{
    x86_cpu_set_accel(&kvm_x86_cpu_accel);
}

/* ---- the vCPU's table ---- */

bool kvm_arch_set_cpuid(CPUState *cpu, Error **errp)
{
    X86CPUIDEntry *entries = NULL;
    struct kvm_cpuid2 *table;
    int n, max = 0;
    int ret;

    /* The model says how many entries it needs. */
    do {
        max = MAX(max * 2, 128);
        entries = g_renew(X86CPUIDEntry, entries, max);
        n = x86_cpu_cpuid_table(X86_CPU(cpu), entries, max);
    } while (n > max);

    table = g_malloc0(sizeof(*table) + n * sizeof(table->entries[0]));
    table->nent = n;
    for (int i = 0; i < n; i++) {
        struct kvm_cpuid_entry2 *e = &table->entries[i];

        e->function = entries[i].function;
        e->index = entries[i].index;
        e->flags = entries[i].indexed ? KVM_CPUID_FLAG_SIGNIFCANT_INDEX : 0;
        e->eax = entries[i].eax;
        e->ebx = entries[i].ebx;
        e->ecx = entries[i].ecx;
        e->edx = entries[i].edx;
    }
    g_free(entries);
    ret = kvm_vcpu_ioctl(cpu, KVM_SET_CPUID2, table);
    g_free(table);
    if (ret < 0) {
        error_setg(errp, "kvm: KVM_SET_CPUID2 failed: %s", strerror(-ret));
        return false;
    }
    return true;
}
