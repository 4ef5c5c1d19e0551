/*
 * ioapic.c: "kvm-ioapic", the I/O APIC emulated by the kernel
 * (KVM_CREATE_IRQCHIP).  Its 24 inputs drive GSI gsi_base + n; the
 * redirection table lives in the kernel and is copied to and from the
 * ioapic-common fields (KVM_GET/SET_IRQCHIP) on reset and for info pic.
 * The guest's MMIO accesses at 0xfec00000 never leave the kernel; the
 * region exists for info mtree and info qtree.
 */
#include "qemu/osdep.h"
#include "hw/intc/ioapic_internal.h"
#include "hw/qdev-gpio.h"
#include "hw/i386/kvm/kvm-devices.h"
#include "sysemu/kvm.h"
#include "sysemu/runstate.h"
#include <linux/kvm.h>

typedef struct KVMIOAPICState {
    IOAPICCommonState parent_obj;
    uint32_t gsi_base;          /* "gsi_base" */
    void *vm_state_entry;
} KVMIOAPICState;

#define KVM_IOAPIC(obj) OBJECT_CHECK(KVMIOAPICState, (obj), TYPE_KVM_IOAPIC)

/* ---- state transfer ---- */

static int kvm_ioapic_put(IOAPICCommonState *s)
{
    struct kvm_irqchip chip = { .chip_id = KVM_IRQCHIP_IOAPIC };
    struct kvm_ioapic_state *k = &chip.chip.ioapic;
    int ret = kvm_vm_ioctl(kvm_state, KVM_GET_IRQCHIP, &chip);

    if (ret < 0) {
        return ret;
    }
    k->id = s->id;
    k->ioregsel = s->ioregsel;
    k->irr = s->irr;
    for (int i = 0; i < IOAPIC_NUM_PINS; i++) {
        k->redirtbl[i].bits = s->ioredtbl[i];
    }
    return kvm_vm_ioctl(kvm_state, KVM_SET_IRQCHIP, &chip);
}

static int kvm_ioapic_get(IOAPICCommonState *s)
{
    struct kvm_irqchip chip = { .chip_id = KVM_IRQCHIP_IOAPIC };
    struct kvm_ioapic_state *k = &chip.chip.ioapic;
    int ret = kvm_vm_ioctl(kvm_state, KVM_GET_IRQCHIP, &chip);

    if (ret < 0) {
        return ret;
    }
    s->id = k->id;
    s->ioregsel = k->ioregsel;
    s->irr = k->irr;
    for (int i = 0; i < IOAPIC_NUM_PINS; i++) {
        s->ioredtbl[i] = k->redirtbl[i].bits;
    }
    return 0;
}

/* ---- interrupt lines ---- */

static void kvm_ioapic_set_irq(void *opaque, int pin, int level)
{
    KVMIOAPICState *s = KVM_IOAPIC(opaque);

    kvm_set_irq(kvm_state, s->gsi_base + pin, level);
}

/* ---- life cycle ---- */

static void kvm_ioapic_reset(DeviceState *dev)
{
    IOAPICCommonState *s = IOAPIC_COMMON(dev);
    int ret;

    ioapic_common_reset(s);
    ret = kvm_ioapic_put(s);
    if (ret < 0) {
        error_report("kvm-ioapic: KVM_SET_IRQCHIP failed: %s",
                     strerror(-ret));
    }
}

/* Pause-time snapshot for info pic: the kernel has the live copy. */
static void kvm_ioapic_vm_state_change(void *opaque, bool running,
                                       RunState state)
{
    if (!running) {
        kvm_ioapic_get(IOAPIC_COMMON(opaque));
    }
}

static bool kvm_ioapic_realize(DeviceState *dev, Error **errp)
{
    IOAPICCommonState *s = IOAPIC_COMMON(dev);
    int ret;

    if (!kvm_ioapic_in_kernel()) {
        error_set(errp, ERROR_CLASS_KVM_MISSING_CAP,
                  "kvm-ioapic needs the KVM in-kernel irqchip");
        return false;
    }
    ret = kvm_ioapic_get(s);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "kvm-ioapic: KVM_GET_IRQCHIP failed");
        return false;
    }
    /* The kernel models the 82093AA (version 0x11). */
    s->version = 0x11;
    memory_region_init_io(&s->io_memory, OBJECT(dev), NULL, NULL,
                          "kvm-ioapic", IOAPIC_MMIO_SIZE);
    if (!ioapic_common_realize(s, errp)) {
        return false;
    }
    qdev_init_gpio_in(dev, kvm_ioapic_set_irq, IOAPIC_NUM_PINS);
    /* ioapic_get_irq() reads s->in; the common unrealize drops these. */
    s->in = g_new0(qemu_irq, IOAPIC_NUM_PINS);
    for (int i = 0; i < IOAPIC_NUM_PINS; i++) {
        s->in[i] = qdev_get_gpio_in(dev, i);
        object_ref(s->in[i]);
    }
    KVM_IOAPIC(dev)->vm_state_entry =
        kvm_add_vm_state_handler(kvm_ioapic_vm_state_change, dev);
    return true;
}

static void kvm_ioapic_unrealize(DeviceState *dev)
{
    KVMIOAPICState *k = KVM_IOAPIC(dev);
    DeviceClass *parent =
        DEVICE_CLASS(object_class_by_name(TYPE_IOAPIC_COMMON));

    if (k->vm_state_entry) {
        kvm_del_vm_state_handler(k->vm_state_entry);
        k->vm_state_entry = NULL;
    }
    if (parent->unrealize) {
        parent->unrealize(dev);
    }
}

static Property kvm_ioapic_properties[] = {
    DEFINE_PROP_UINT32("gsi_base", KVMIOAPICState, gsi_base, 0),
    DEFINE_PROP_END_OF_LIST(),
};

static void kvm_ioapic_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = kvm_ioapic_realize;
    dc->unrealize = kvm_ioapic_unrealize;
    dc->reset = kvm_ioapic_reset;
    device_class_set_props(dc, kvm_ioapic_properties);
}

static const TypeInfo kvm_ioapic_info = {
    .name = TYPE_KVM_IOAPIC,
    .parent = TYPE_IOAPIC_COMMON,
    .instance_size = sizeof(KVMIOAPICState),
    .class_init = kvm_ioapic_class_init,
};

static void kvm_ioapic_register_types(void)
{
    type_register_static(&kvm_ioapic_info);
}
type_init(kvm_ioapic_register_types)
