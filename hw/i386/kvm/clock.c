/*
 * clock.c: "kvmclock", the paravirtual clock of KVM guests.
 *
 * The guest reads the clock from memory the kernel keeps up to date (MSRs
 * 0x4b564d00/01, written by the guest); this device only keeps the clock
 * still while the VM is stopped: the value is saved when the vCPUs pause
 * (KVM_GET_CLOCK) and written back before they resume (KVM_SET_CLOCK), so
 * a stopped guest does not see the pause as elapsed time.  Each vCPU is
 * then told it was paused (KVM_KVMCLOCK_CTRL), so the guest's watchdogs
 * do not count the pause either.
 */
#include "qemu/osdep.h"
#include "hw/sysbus.h"
#include "hw/i386/kvm/kvm-devices.h"
#include "sysemu/kvm.h"
#include "target/i386/cpu.h"
#include <linux/kvm.h>

typedef struct KVMClockState {
    SysBusDevice parent_obj;
    /* "x-mach-use-reliable-get-clock": machine compatibility; the clock
     * is always taken from KVM_GET_CLOCK here, as with "true". */
    bool mach_use_reliable_get_clock;
    uint64_t clock;
    bool clock_valid;           /* clock holds the value of a pause */
    void *vm_state_entry;
} KVMClockState;

#define KVM_CLOCK(obj) OBJECT_CHECK(KVMClockState, (obj), TYPE_KVM_CLOCK)

static void do_kvmclock_ctrl(CPUState *cpu, void *data)
{
    /* EINVAL: the guest has not enabled kvmclock on this vCPU. */
    kvm_vcpu_ioctl(cpu, KVM_KVMCLOCK_CTRL, NULL);
}

static void kvmclock_vm_state_change(void *opaque, bool running,
                                     RunState state)
{
    KVMClockState *s = opaque;
    struct kvm_clock_data data;
    CPUState *cpu;
    int ret;

    memset(&data, 0, sizeof(data));
    if (!running) {
        if (s->clock_valid) {
            return;
        }
        ret = kvm_vm_ioctl(kvm_state, KVM_GET_CLOCK, &data);
        if (ret < 0) {
            error_report("KVM_GET_CLOCK failed: %s", strerror(-ret));
            return;
        }
        s->clock = data.clock;
        s->clock_valid = true;
        return;
    }
    if (!s->clock_valid) {
        return;
    }
    data.clock = s->clock;
    ret = kvm_vm_ioctl(kvm_state, KVM_SET_CLOCK, &data);
    if (ret < 0) {
        error_report("KVM_SET_CLOCK failed: %s", strerror(-ret));
    }
    s->clock_valid = false;
    if (kvm_check_extension(kvm_state, KVM_CAP_KVMCLOCK_CTRL)) {
        CPU_FOREACH(cpu) {
            run_on_cpu(cpu, do_kvmclock_ctrl, NULL);
        }
    }
}

static bool kvmclock_realize(DeviceState *dev, Error **errp)
{
    KVMClockState *s = KVM_CLOCK(dev);

    if (!kvm_enabled()) {
        error_set(errp, ERROR_CLASS_KVM_MISSING_CAP,
                  "kvmclock device requires KVM");
        return false;
    }
    s->vm_state_entry = kvm_add_vm_state_handler(kvmclock_vm_state_change,
                                                 s);
    return true;
}

static void kvmclock_unrealize(DeviceState *dev)
{
    KVMClockState *s = KVM_CLOCK(dev);

    if (s->vm_state_entry) {
        kvm_del_vm_state_handler(s->vm_state_entry);
        s->vm_state_entry = NULL;
    }
}

DeviceState *kvmclock_create(bool create_always, Error **errp)
{
    CPUState *first = qemu_get_cpu(0);
    uint64_t mask = (1ULL << 0) | (1ULL << 3);  /* CLOCKSOURCE, 2 */
    DeviceState *dev;

    if (!kvm_enabled()) {
        return NULL;
    }
    if (!create_always &&
        !(first && (X86_CPU(first)->env.features[FEAT_KVM] & mask))) {
        return NULL;
    }
    dev = qdev_new(TYPE_KVM_CLOCK);
    if (!sysbus_realize_and_unref(SYS_BUS_DEVICE(dev), errp)) {
        return NULL;
    }
    return dev;
}

static Property kvmclock_properties[] = {
    DEFINE_PROP_BOOL("x-mach-use-reliable-get-clock", KVMClockState,
                     mach_use_reliable_get_clock, true),
    DEFINE_PROP_END_OF_LIST(),
};

static void kvmclock_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = kvmclock_realize;
    dc->unrealize = kvmclock_unrealize;
    device_class_set_props(dc, kvmclock_properties);
}

static const TypeInfo kvmclock_info = {
    .name = TYPE_KVM_CLOCK,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(KVMClockState),
    .class_init = kvmclock_class_init,
};

static void kvmclock_register_types(void)
{
    type_register_static(&kvmclock_info);
}
type_init(kvmclock_register_types)
