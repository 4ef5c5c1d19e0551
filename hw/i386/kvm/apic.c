/*
 * apic.c: "kvm-apic", a local APIC emulated by the kernel (created with
 * its vCPU once the irqchip is in the kernel, kernel_irqchip=on|split).
 *
 * The register page lives in the kernel; kvm_apic_get_state() and
 * kvm_apic_put_state() copy it to and from the apic-common fields
 * (KVM_GET/SET_LAPIC, the page laid out as the xAPIC MMIO registers,
 * SDM vol. 3 table 10-1).  Reset computes the power-on state in those
 * fields and writes it in the vCPU's thread.  The "kvm-apic-msi" window at
 * 0xfee00000 turns device writes (MSIs) into KVM_SIGNAL_MSI; the CPU's own
 * accesses never leave the kernel.
 */
#include "qemu/osdep.h"
#include "hw/i386/apic_internal.h"
#include "hw/i386/kvm/kvm-devices.h"
#include "sysemu/kvm.h"
#include <linux/kvm.h>

/* ---- the register page ---- */

static uint32_t lapic_reg(const struct kvm_lapic_state *k, int index)
{
    uint32_t v;

    memcpy(&v, k->regs + index * 16, 4);
    return v;
}

static void lapic_set_reg(struct kvm_lapic_state *k, int index, uint32_t v)
{
    memcpy(k->regs + index * 16, &v, 4);
}

int kvm_apic_get_state(DeviceState *dev)
{
    APICCommonState *s = APIC_COMMON(dev);
    struct kvm_lapic_state k;
    uint32_t dcr;
    int ret;

    if (!s->cpu || s->cpu->kvm_fd < 0) {
        return 0;
    }
    ret = kvm_vcpu_ioctl(s->cpu, KVM_GET_LAPIC, &k);
    if (ret < 0) {
        return ret;
    }
    s->id = lapic_reg(&k, APIC_REG_ID) >> 24;
    s->tpr = lapic_reg(&k, APIC_REG_TPR);
    s->arb_id = lapic_reg(&k, APIC_REG_APR);
    if (s->apicbase & MSR_IA32_APICBASE_EXTD) {
        s->extended_log_dest = lapic_reg(&k, APIC_REG_LDR);
    } else {
        s->log_dest = lapic_reg(&k, APIC_REG_LDR) >> 24;
    }
    s->dest_mode = lapic_reg(&k, APIC_REG_DFR) >> 28;
    s->spurious_vec = lapic_reg(&k, APIC_REG_SVR);
    for (int i = 0; i < 8; i++) {
        s->isr[i] = lapic_reg(&k, APIC_REG_ISR + i);
        s->tmr[i] = lapic_reg(&k, APIC_REG_TMR + i);
        s->irr[i] = lapic_reg(&k, APIC_REG_IRR + i);
    }
    s->esr = lapic_reg(&k, APIC_REG_ESR);
    s->icr[0] = lapic_reg(&k, APIC_REG_ICR_LO);
    s->icr[1] = lapic_reg(&k, APIC_REG_ICR_HI);
    for (int i = 0; i < APIC_LVT_NB; i++) {
        s->lvt[i] = lapic_reg(&k, APIC_REG_LVT + i);
    }
    s->initial_count = lapic_reg(&k, APIC_REG_TIMER_ICR);
    dcr = lapic_reg(&k, APIC_REG_TIMER_DCR);
    s->divide_conf = dcr;
    /* DCR bits 0, 1, 3 encode divide by 2^(n+1), 111b by 1 (10.5.4). */
    s->count_shift = (((dcr & 3) | ((dcr >> 1) & 4)) + 1) & 7;
    return 0;
}

int kvm_apic_put_state(DeviceState *dev)
{
    APICCommonState *s = APIC_COMMON(dev);
    struct kvm_lapic_state k;

    if (!s->cpu || s->cpu->kvm_fd < 0) {
        return 0;
    }
    memset(&k, 0, sizeof(k));
    lapic_set_reg(&k, APIC_REG_ID, s->id << 24);
    lapic_set_reg(&k, APIC_REG_VERSION,
                  s->version | ((APIC_LVT_NB - 1) << 16));
    lapic_set_reg(&k, APIC_REG_TPR, s->tpr);
    lapic_set_reg(&k, APIC_REG_APR, s->arb_id);
    if (s->apicbase & MSR_IA32_APICBASE_EXTD) {
        lapic_set_reg(&k, APIC_REG_LDR, s->extended_log_dest);
    } else {
        lapic_set_reg(&k, APIC_REG_LDR, (uint32_t)s->log_dest << 24);
    }
    lapic_set_reg(&k, APIC_REG_DFR, (uint32_t)s->dest_mode << 28 |
                                    0x0fffffff);
    lapic_set_reg(&k, APIC_REG_SVR, s->spurious_vec);
    for (int i = 0; i < 8; i++) {
        lapic_set_reg(&k, APIC_REG_ISR + i, s->isr[i]);
        lapic_set_reg(&k, APIC_REG_TMR + i, s->tmr[i]);
        lapic_set_reg(&k, APIC_REG_IRR + i, s->irr[i]);
    }
    lapic_set_reg(&k, APIC_REG_ESR, s->esr);
    lapic_set_reg(&k, APIC_REG_ICR_LO, s->icr[0]);
    lapic_set_reg(&k, APIC_REG_ICR_HI, s->icr[1]);
    for (int i = 0; i < APIC_LVT_NB; i++) {
        lapic_set_reg(&k, APIC_REG_LVT + i, s->lvt[i]);
    }
    lapic_set_reg(&k, APIC_REG_TIMER_ICR, s->initial_count);
    lapic_set_reg(&k, APIC_REG_TIMER_DCR, s->divide_conf);
    return kvm_vcpu_ioctl(s->cpu, KVM_SET_LAPIC, &k);
}

/* ---- MSIs from devices ---- */

static uint64_t kvm_apic_msi_read(void *opaque, hwaddr addr, unsigned size)
{
    return ~(uint64_t)0;
}

static void kvm_apic_msi_write(void *opaque, hwaddr addr, uint64_t data,
                               unsigned size)
{
    int ret = kvm_irqchip_send_msi(kvm_state, APIC_DEFAULT_ADDRESS + addr,
                                   (uint32_t)data);

    if (ret < 0) {
        error_report("KVM: injection failed, MSI lost (%s)", strerror(-ret));
    }
}

static const MemoryRegionOps kvm_apic_msi_ops = {
    .read = kvm_apic_msi_read,
    .write = kvm_apic_msi_write,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 4, .max_access_size = 4 },
};

/* ---- apic-common hooks ---- */

/* The kernel's copy is the live one; these keep the fields in step. */
static void kvm_apic_set_base(APICCommonState *s, uint64_t val)
{
    s->apicbase = val;
}

static void kvm_apic_set_tpr(APICCommonState *s, uint8_t val)
{
    s->tpr = (val & 0x0f) << 4;
}

static uint8_t kvm_apic_get_tpr(APICCommonState *s)
{
    return s->tpr >> 4;
}

static void do_kvm_apic_nmi(CPUState *cpu, void *data)
{
    kvm_vcpu_ioctl(cpu, KVM_NMI, NULL);
}

static void kvm_apic_external_nmi(APICCommonState *s)
{
    if (s->cpu) {
        run_on_cpu(s->cpu, do_kvm_apic_nmi, NULL);
    }
}

static void do_kvm_apic_put(CPUState *cpu, void *data)
{
    int ret = kvm_apic_put_state(data);

    if (ret < 0) {
        error_report("KVM_SET_LAPIC failed: %s", strerror(-ret));
    }
}

/*
 * After the common power-on/INIT register values: the BSP's LINT0 is
 * ExtINT ("virtual wire", MP spec 3.6.2.2) so the 8259 reaches it before
 * the firmware programs the APIC, as on the reference; then the page goes
 * to the kernel.
 */
static void kvm_apic_reset(APICCommonState *s)
{
    if (apic_is_bsp(s)) {
        s->lvt[APIC_LVT_LINT0] = APIC_DM_EXTINT << 8;
    }
    s->wait_for_sipi = 0;
    if (s->cpu && s->cpu->kvm_fd >= 0) {
        run_on_cpu(s->cpu, do_kvm_apic_put, s);
    }
}

static bool kvm_apic_realize(DeviceState *dev, Error **errp)
{
    APICCommonState *s = APIC_COMMON(dev);

    if (!kvm_apic_in_kernel()) {
        error_set(errp, ERROR_CLASS_KVM_MISSING_CAP,
                  "kvm-apic needs the KVM in-kernel irqchip");
        return false;
    }
    memory_region_init_io(&s->io_memory, OBJECT(dev), &kvm_apic_msi_ops, s,
                          "kvm-apic-msi", APIC_SPACE_SIZE);
    return true;
}

static void kvm_apic_class_init(ObjectClass *klass, void *data)
{
    APICCommonClass *k = APIC_COMMON_CLASS(klass);

    k->realize = kvm_apic_realize;
    k->set_base = kvm_apic_set_base;
    k->set_tpr = kvm_apic_set_tpr;
    k->get_tpr = kvm_apic_get_tpr;
    k->external_nmi = kvm_apic_external_nmi;
    k->reset = kvm_apic_reset;
}

static const TypeInfo kvm_apic_info = {
    .name = TYPE_KVM_APIC,
    .parent = TYPE_APIC_COMMON,
    .instance_size = sizeof(APICCommonState),
    .class_size = sizeof(APICCommonClass),
    .class_init = kvm_apic_class_init,
};

static void kvm_apic_register_types(void)
{
    type_register_static(&kvm_apic_info);
}
type_init(kvm_apic_register_types)
