/*
 * i8259.c: "kvm-i8259", one 8259A of the pair emulated by the kernel
 * (KVM_CREATE_IRQCHIP).  The registers live in the kernel; this device
 * copies them to and from the pic-common fields (KVM_GET/SET_IRQCHIP) and
 * maps "kvm-pic"/"kvm-elcr" regions for info mtree; while the VM is
 * stopped the fields hold the kernel's state (info pic).  Interrupt lines
 * go straight to the kernel by GSI (kvm_set_irq), which also feeds the
 * IOAPIC.
 */
#include "qemu/osdep.h"
#include "hw/intc/i8259_internal.h"
#include "hw/i386/kvm/kvm-devices.h"
#include "sysemu/kvm.h"
#include "sysemu/runstate.h"
#include <linux/kvm.h>

typedef struct KVMPICState {
    PICCommonState parent_obj;
    void *vm_state_entry;
} KVMPICState;

#define KVM_PIC(obj) OBJECT_CHECK(KVMPICState, (obj), TYPE_KVM_I8259)

/* ---- state transfer ---- */

static int kvm_pic_chip_id(PICCommonState *s)
{
    return s->master ? KVM_IRQCHIP_PIC_MASTER : KVM_IRQCHIP_PIC_SLAVE;
}

static int kvm_pic_get(PICCommonState *s)
{
    struct kvm_irqchip chip = { .chip_id = kvm_pic_chip_id(s) };
    struct kvm_pic_state *k = &chip.chip.pic;
    int ret = kvm_vm_ioctl(kvm_state, KVM_GET_IRQCHIP, &chip);

    if (ret < 0) {
        return ret;
    }
    s->last_irr = k->last_irr;
    s->irr = k->irr;
    s->imr = k->imr;
    s->isr = k->isr;
    s->priority_add = k->priority_add;
    s->irq_base = k->irq_base;
    s->read_reg_select = k->read_reg_select;
    s->poll = k->poll;
    s->special_mask = k->special_mask;
    s->init_state = k->init_state;
    s->auto_eoi = k->auto_eoi;
    s->rotate_on_auto_eoi = k->rotate_on_auto_eoi;
    s->special_fully_nested_mode = k->special_fully_nested_mode;
    s->init4 = k->init4;
    s->elcr = k->elcr;
    s->elcr_mask = k->elcr_mask;
    return 0;
}

static int kvm_pic_put(PICCommonState *s)
{
    struct kvm_irqchip chip = { .chip_id = kvm_pic_chip_id(s) };
    struct kvm_pic_state *k = &chip.chip.pic;

    k->last_irr = s->last_irr;
    k->irr = s->irr;
    k->imr = s->imr;
    k->isr = s->isr;
    k->priority_add = s->priority_add;
    k->irq_base = s->irq_base;
    k->read_reg_select = s->read_reg_select;
    k->poll = s->poll;
    k->special_mask = s->special_mask;
    k->init_state = s->init_state;
    k->auto_eoi = s->auto_eoi;
    k->rotate_on_auto_eoi = s->rotate_on_auto_eoi;
    k->special_fully_nested_mode = s->special_fully_nested_mode;
    k->init4 = s->init4;
    k->elcr = s->elcr;
    k->elcr_mask = s->elcr_mask;
    return kvm_vm_ioctl(kvm_state, KVM_SET_IRQCHIP, &chip);
}

/* ---- interrupt lines ---- */

static void kvm_pic_set_irq(void *opaque, int irq, int level)
{
    kvm_set_irq(kvm_state, irq, level);
}

/* ---- life cycle ---- */

/*
 * Power-on state (8259A datasheet, "Initialization Command Words"): no
 * request, mask or service bits, waiting for ICW1.  The ELCR belongs to
 * the PIIX3 and keeps its value.
 */
static void kvm_pic_reset(DeviceState *dev)
{
    PICCommonState *s = PIC_COMMON(dev);
    int ret;

    s->last_irr = 0;
    s->irr &= s->elcr;
    s->imr = 0;
    s->isr = 0;
    s->priority_add = 0;
    s->irq_base = 0;
    s->read_reg_select = 0;
    s->poll = 0;
    s->special_mask = 0;
    s->init_state = 0;
    s->auto_eoi = 0;
    s->rotate_on_auto_eoi = 0;
    s->special_fully_nested_mode = 0;
    s->init4 = 0;
    s->single_mode = 0;
    s->ltim = 0;
    ret = kvm_pic_put(s);
    if (ret < 0) {
        error_report("kvm-i8259: KVM_SET_IRQCHIP failed: %s", strerror(-ret));
    }
}

/* Pause-time snapshot for info pic: the kernel has the live copy. */
static void kvm_pic_vm_state_change(void *opaque, bool running,
                                    RunState state)
{
    if (!running) {
        kvm_pic_get(PIC_COMMON(opaque));
    }
}

static bool kvm_pic_realize(DeviceState *dev, Error **errp)
{
    PICCommonState *s = PIC_COMMON(dev);
    ISADevice *isa = ISA_DEVICE(dev);
    int ret;

    if (!kvm_pic_in_kernel()) {
        error_set(errp, ERROR_CLASS_KVM_MISSING_CAP,
                  "kvm-i8259 needs the KVM in-kernel irqchip");
        return false;
    }
    if (s->iobase > 0xfffe || s->elcr_addr > 0xffff) {
        error_setg(errp, "i8259: iobase and elcr_addr must be set");
        return false;
    }
    /* Start from what the kernel has: elcr_mask and the rest. */
    ret = kvm_pic_get(s);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "kvm-i8259: KVM_GET_IRQCHIP failed");
        return false;
    }
    s->elcr_mask = object_property_get_uint(OBJECT(dev), "elcr_mask",
                                            &error_abort);
    memory_region_init_io(&s->base_io, OBJECT(dev), NULL, NULL, "kvm-pic", 2);
    memory_region_init_io(&s->elcr_io, OBJECT(dev), NULL, NULL, "kvm-elcr",
                          1);
    isa_register_ioport(isa, &s->base_io, s->iobase);
    isa_register_ioport(isa, &s->elcr_io, s->elcr_addr);
    KVM_PIC(dev)->vm_state_entry =
        kvm_add_vm_state_handler(kvm_pic_vm_state_change, dev);
    return true;
}

static void kvm_pic_unrealize(DeviceState *dev)
{
    PICCommonState *s = PIC_COMMON(dev);
    MemoryRegion *io = isa_address_space_io(ISA_DEVICE(dev));

    if (KVM_PIC(dev)->vm_state_entry) {
        kvm_del_vm_state_handler(KVM_PIC(dev)->vm_state_entry);
        KVM_PIC(dev)->vm_state_entry = NULL;
    }

    memory_region_del_subregion(io, &s->base_io);
    memory_region_del_subregion(io, &s->elcr_io);
}

qemu_irq *kvm_i8259_init(ISABus *bus)
{
    static const struct {
        uint32_t iobase, elcr_addr;
        uint8_t elcr_mask;
        bool master;
    } chips[2] = {
        { 0x20, 0x4d0, 0xf8, true },
        { 0xa0, 0x4d1, 0xde, false },
    };

    for (int i = 0; i < 2; i++) {
        DeviceState *dev = qdev_new(TYPE_KVM_I8259);
        Object *o = OBJECT(dev);

        object_property_set_uint(o, "iobase", chips[i].iobase, &error_abort);
        object_property_set_uint(o, "elcr_addr", chips[i].elcr_addr,
                                 &error_abort);
        object_property_set_uint(o, "elcr_mask", chips[i].elcr_mask,
                                 &error_abort);
        object_property_set_bool(o, "master", chips[i].master, &error_abort);
        qdev_realize_and_unref(dev, BUS(bus), &error_abort);
    }
    return qemu_allocate_irqs(kvm_pic_set_irq, NULL, ISA_NUM_IRQS);
}

static void kvm_i8259_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = kvm_pic_realize;
    dc->unrealize = kvm_pic_unrealize;
    dc->reset = kvm_pic_reset;
}

static const TypeInfo kvm_i8259_info = {
    .name = TYPE_KVM_I8259,
    .parent = TYPE_PIC_COMMON,
    .instance_size = sizeof(KVMPICState),
    .class_init = kvm_i8259_class_init,
};

static void kvm_i8259_register_types(void)
{
    type_register_static(&kvm_i8259_info);
}
type_init(kvm_i8259_register_types)
