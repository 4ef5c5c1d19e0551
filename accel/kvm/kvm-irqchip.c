/*
 * kvm-irqchip.c: the in-kernel interrupt controllers and the GSI routing
 * table (see sysemu/kvm.h).
 *
 * kernel_irqchip=on creates the 8259 pair, the IOAPIC and the local APICs
 * in the kernel (KVM_CREATE_IRQCHIP); "split" only the local APICs
 * (KVM_CAP_SPLIT_IRQCHIP, with 24 routes reserved for the userspace
 * IOAPIC); "off" none.  Without an explicit setting the kernel irqchip is
 * used when the kernel has one, as in QEMU.
 */
#include "qemu/osdep.h"
#include "hw/intc/ioapic.h"
#include "accel/kvm/kvm-internal.h"

/* IOAPIC pins reserved for the userspace IOAPIC in split mode. */
#define KVM_SPLIT_IOAPIC_PINS 24

static void kvm_add_irq_route(KVMState *s, int gsi, int irqchip, int pin)
{
    struct kvm_irq_routing_entry *e;

    if (s->irq_routes->nr == s->nr_allocated_irq_routes) {
        int n = MAX(64, s->nr_allocated_irq_routes * 2);

        s->irq_routes = g_realloc(s->irq_routes,
                                  sizeof(*s->irq_routes) + n * sizeof(*e));
        s->nr_allocated_irq_routes = n;
    }
    e = &s->irq_routes->entries[s->irq_routes->nr++];
    memset(e, 0, sizeof(*e));
    e->gsi = gsi;
    e->type = KVM_IRQ_ROUTING_IRQCHIP;
    e->u.irqchip.irqchip = irqchip;
    e->u.irqchip.pin = pin;
}

static int kvm_commit_irq_routes(KVMState *s)
{
    s->irq_routes->flags = 0;
    return kvm_vm_ioctl(s, KVM_SET_GSI_ROUTING, s->irq_routes);
}

static void kvm_setup_pc_routes(KVMState *s, bool pci_enabled)
{
    int ret;

    s->irq_routes->nr = 0;
    /* The 8259 pair: GSI n is pin n, except the master's cascade pin 2. */
    for (int gsi = 0; gsi < 16; gsi++) {
        if (gsi == 2) {
            continue;
        }
        kvm_add_irq_route(s, gsi, gsi < 8 ? KVM_IRQCHIP_PIC_MASTER
                                          : KVM_IRQCHIP_PIC_SLAVE, gsi & 7);
    }
    /*
     * The IOAPIC: the ISA timer (GSI 0) is wired to pin 2, as the MADT's
     * interrupt source override tells the guest; pin 0 gets nothing.
     */
    if (pci_enabled) {
        for (int gsi = 0; gsi < KVM_SPLIT_IOAPIC_PINS; gsi++) {
            if (gsi == 2) {
                continue;
            }
            kvm_add_irq_route(s, gsi, KVM_IRQCHIP_IOAPIC, gsi ? gsi : 2);
        }
    }
    ret = kvm_commit_irq_routes(s);
    if (ret < 0) {
        error_report("kvm: setting the GSI routing table failed: %s",
                     strerror(-ret));
    }
}

/*
 * Split irqchip: GSI n stands for the userspace IOAPIC's pin n as an MSI
 * route with the pin's current message.  The kernel scans these routes
 * for level-triggered vectors and exits (KVM_EXIT_IOAPIC_EOI) when the
 * guest EOIs one, which the IOAPIC needs to clear remote IRR.
 */
static void kvm_split_ioapic_route(int pin, uint64_t msi_addr,
                                   uint32_t msi_data)
{
    KVMState *s = kvm_state;
    struct kvm_irq_routing_entry *e = NULL;
    int ret;

    if (!s || !s->irqchip_split || pin >= KVM_SPLIT_IOAPIC_PINS) {
        return;
    }
    for (uint32_t i = 0; i < s->irq_routes->nr; i++) {
        if (s->irq_routes->entries[i].gsi == (uint32_t)pin) {
            e = &s->irq_routes->entries[i];
            break;
        }
    }
    if (!e) {
        kvm_add_irq_route(s, pin, 0, 0);
        e = &s->irq_routes->entries[s->irq_routes->nr - 1];
    }
    memset(e, 0, sizeof(*e));
    e->gsi = pin;
    e->type = KVM_IRQ_ROUTING_MSI;
    e->u.msi.address_lo = (uint32_t)msi_addr;
    e->u.msi.address_hi = msi_addr >> 32;
    e->u.msi.data = msi_data;
    ret = kvm_commit_irq_routes(s);
    if (ret < 0) {
        error_report("kvm: setting the GSI routing table failed: %s",
                     strerror(-ret));
    }
}

void kvm_pc_setup_irq_routing(bool pci_enabled)
{
    if (kvm_pic_in_kernel()) {
        kvm_setup_pc_routes(kvm_state, pci_enabled);
    }
}

bool kvm_irqchip_create(KVMState *s, Error **errp)
{
    bool explicit = s->kernel_irqchip == ON_OFF_SPLIT_ON ||
                    s->kernel_irqchip == ON_OFF_SPLIT_SPLIT;
    int ret;

    if (s->kernel_irqchip == ON_OFF_SPLIT_OFF) {
        return true;
    }
    if (!kvm_check_extension(s, KVM_CAP_IRQCHIP) ||
        !kvm_check_extension(s, KVM_CAP_IRQ_ROUTING)) {
        if (!explicit) {
            return true;        /* fall back to the userspace devices */
        }
        error_printf("kvm does not support %s\n",
                     kvm_check_extension(s, KVM_CAP_IRQCHIP) ?
                     "KVM_CAP_IRQ_ROUTING" : "KVM_CAP_IRQCHIP");
        error_setg(errp, "failed to initialize kvm: %s", strerror(EINVAL));
        return false;
    }

    if (s->kernel_irqchip == ON_OFF_SPLIT_SPLIT) {
        struct kvm_enable_cap cap = {
            .cap = KVM_CAP_SPLIT_IRQCHIP,
            .args[0] = KVM_SPLIT_IOAPIC_PINS,
        };

        if (!kvm_vm_check_extension(s, KVM_CAP_SPLIT_IRQCHIP)) {
            error_printf("kvm does not support KVM_CAP_SPLIT_IRQCHIP\n");
            error_setg(errp, "failed to initialize kvm: %s",
                       strerror(EINVAL));
            return false;
        }
        ret = kvm_vm_ioctl(s, KVM_ENABLE_CAP, &cap);
        if (ret < 0) {
            error_setg(errp, "Could not enable split irqchip mode: %s",
                       strerror(-ret));
            return false;
        }
        s->irqchip_split = true;
    } else {
        ret = kvm_vm_ioctl(s, KVM_CREATE_IRQCHIP, NULL);
        if (ret < 0) {
            error_setg(errp, "Create kernel irqchip failed: %s",
                       strerror(-ret));
            return false;
        }
    }
    s->irqchip_in_kernel = true;
    s->irq_routes = g_malloc0(sizeof(*s->irq_routes));
    if (!s->irqchip_split) {
        kvm_setup_pc_routes(s, true);
    } else {
        ioapic_set_route_notifier(kvm_split_ioapic_route);
    }
    return true;
}

int kvm_set_irq(KVMState *s, int irq, int level)
{
    struct kvm_irq_level event = { .irq = irq, .level = level };
    int ret;

    if (!s || !s->irqchip_in_kernel) {
        return -ENOSYS;
    }
    ret = kvm_vm_ioctl(s, s->has_irq_inject_status ? KVM_IRQ_LINE_STATUS
                                                   : KVM_IRQ_LINE, &event);
    if (ret < 0) {
        return ret;
    }
    return s->has_irq_inject_status ? (int)event.status : 1;
}

int kvm_irqchip_send_msi(KVMState *s, uint64_t address, uint32_t data)
{
    struct kvm_msi msi = {
        .address_lo = (uint32_t)address,
        .address_hi = (uint32_t)(address >> 32),
        .data = data,
    };

    if (!s || !s->irqchip_in_kernel || !s->has_signal_msi) {
        return -ENOSYS;
    }
    return kvm_vm_ioctl(s, KVM_SIGNAL_MSI, &msi);
}
