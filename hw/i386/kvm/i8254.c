/*
 * i8254.c: "kvm-pit", the 8254 emulated by the kernel (KVM_CREATE_PIT2).
 *
 * The kernel counts, raises GSI 0 and answers ports 0x40-0x43 and the
 * speaker port 0x61.  This device creates it, applies lost_tick_policy
 * (delay or discard; slew is refused, as by the reference), and copies
 * the counters to and from the pit-common fields (KVM_GET/SET_PIT2): on
 * reset, for the speaker's gate and status, and around a pause, so that
 * the time the VM spends stopped is not seen by the guest (the kernel's
 * times are host CLOCK_MONOTONIC, the common fields the virtual clock).
 */
#include "qemu/osdep.h"
#include "hw/timer/i8254_internal.h"
#include "hw/timer/lost-tick-policy.h"
#include "hw/qdev-gpio.h"
#include "hw/i386/kvm/kvm-devices.h"
#include "sysemu/kvm.h"
#include "sysemu/runstate.h"
#include <linux/kvm.h>
#include <time.h>

typedef struct KVMPITState {
    PITCommonState parent_obj;
    int lost_tick_policy;       /* LostTickPolicy */
    uint32_t kvm_flags;         /* KVM_PIT_FLAGS_HPET_LEGACY */
    bool state_saved;           /* common fields hold the paused state */
    void *vm_state_entry;
} KVMPITState;

#define KVM_PIT(obj) OBJECT_CHECK(KVMPITState, (obj), TYPE_KVM_PIT)

/* ---- state transfer ---- */

/* Virtual clock minus the kernel's CLOCK_MONOTONIC, now. */
static int64_t kvm_pit_clock_offset(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) -
           ((int64_t)ts.tv_sec * NANOSECONDS_PER_SECOND + ts.tv_nsec);
}

static int kvm_pit_get(KVMPITState *k)
{
    PITCommonState *s = PIT_COMMON(k);
    struct kvm_pit_state2 st;
    int64_t offset;
    int ret = kvm_vm_ioctl(kvm_state, KVM_GET_PIT2, &st);

    if (ret < 0) {
        return ret;
    }
    offset = kvm_pit_clock_offset();
    k->kvm_flags = st.flags;
    for (int i = 0; i < 3; i++) {
        struct kvm_pit_channel_state *kc = &st.channels[i];
        PITChannelState *c = &s->channels[i];

        c->count = kc->count;
        c->latched_count = kc->latched_count;
        c->count_latched = kc->count_latched;
        c->status_latched = kc->status_latched;
        c->status = kc->status;
        c->read_state = kc->read_state;
        c->write_state = kc->write_state;
        c->write_latch = kc->write_latch;
        c->rw_mode = kc->rw_mode;
        c->mode = kc->mode;
        c->bcd = kc->bcd;
        c->gate = kc->gate;
        c->count_load_time = kc->count_load_time + offset;
    }
    return 0;
}

static int kvm_pit_put(KVMPITState *k)
{
    PITCommonState *s = PIT_COMMON(k);
    struct kvm_pit_state2 st;
    int64_t offset = kvm_pit_clock_offset();

    memset(&st, 0, sizeof(st));
    st.flags = k->kvm_flags;
    for (int i = 0; i < 3; i++) {
        struct kvm_pit_channel_state *kc = &st.channels[i];
        PITChannelState *c = &s->channels[i];

        kc->count = c->count;
        kc->latched_count = c->latched_count;
        kc->count_latched = c->count_latched;
        kc->status_latched = c->status_latched;
        kc->status = c->status;
        kc->read_state = c->read_state;
        kc->write_state = c->write_state;
        kc->write_latch = c->write_latch;
        kc->rw_mode = c->rw_mode;
        kc->mode = c->mode;
        kc->bcd = c->bcd;
        kc->gate = c->gate;
        kc->count_load_time = c->count_load_time - offset;
    }
    return kvm_vm_ioctl(kvm_state, KVM_SET_PIT2, &st);
}

static void kvm_pit_put_or_report(KVMPITState *k)
{
    int ret = kvm_pit_put(k);

    if (ret < 0) {
        error_report("kvm-pit: KVM_SET_PIT2 failed: %s", strerror(-ret));
    }
}

/* ---- pit-common hooks (the speaker port, the HPET) ---- */

static void kvm_pit_set_channel_gate(PITCommonState *s, PITChannelState *sc,
                                     int val)
{
    KVMPITState *k = KVM_PIT(s);

    if (kvm_pit_get(k) < 0) {
        return;
    }
    sc->gate = val;
    kvm_pit_put_or_report(k);
}

static void kvm_pit_get_channel_info(PITCommonState *s, PITChannelState *sc,
                                     PITChannelInfo *info)
{
    PITCommonClass *base = PIT_COMMON_CLASS(
        object_class_by_name(TYPE_PIT_COMMON));

    if (!KVM_PIT(s)->state_saved) {
        kvm_pit_get(KVM_PIT(s));
    }
    base->get_channel_info(s, sc, info);
}

/* HPET legacy replacement: counter 0 stops driving IRQ 0 (level 0). */
static void kvm_pit_irq_control(void *opaque, int n, int enable)
{
    KVMPITState *k = KVM_PIT(opaque);

    if (kvm_pit_get(k) < 0) {
        return;
    }
    if (enable) {
        k->kvm_flags &= ~KVM_PIT_FLAGS_HPET_LEGACY;
    } else {
        k->kvm_flags |= KVM_PIT_FLAGS_HPET_LEGACY;
    }
    kvm_pit_put_or_report(k);
}

/* Stopped: keep the counters; running again: hand them back shifted by
 * the paused time (the virtual clock did not move meanwhile). */
static void kvm_pit_vm_state_change(void *opaque, bool running,
                                    RunState state)
{
    KVMPITState *k = KVM_PIT(opaque);

    if (running) {
        if (k->state_saved) {
            kvm_pit_put_or_report(k);
            k->state_saved = false;
        }
    } else if (!k->state_saved && kvm_pit_get(k) == 0) {
        k->state_saved = true;
    }
}

/* ---- life cycle ---- */

/* Power-on (8254 datasheet): mode 3, count 0x10000, gates 0/1 high and
 * the speaker counter's gate low until port 0x61 raises it. */
static void kvm_pit_reset(DeviceState *dev)
{
    KVMPITState *k = KVM_PIT(dev);
    PITCommonState *s = PIT_COMMON(dev);
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

    for (int i = 0; i < 3; i++) {
        PITChannelState *c = &s->channels[i];

        c->mode = 3;
        c->gate = i != 2;
        c->bcd = 0;
        c->rw_mode = 0;
        c->read_state = c->write_state = 0;
        c->write_latch = 0;
        c->count_latched = c->status_latched = 0;
        c->latched_count = 0;
        c->status = 0;
        c->count = 0x10000;
        c->count_load_time = now;
    }
    k->kvm_flags = 0;
    /* While paused the state goes in when the VM runs again. */
    if (!k->state_saved) {
        kvm_pit_put_or_report(k);
    }
}

/* delay: the kernel re-injects missed ticks (its default); discard:
 * KVM_REINJECT_CONTROL turns that off. */
static bool kvm_pit_apply_policy(KVMPITState *k, Error **errp)
{
    struct kvm_reinject_control control = { .pit_reinject = 0 };
    int ret;

    if (k->lost_tick_policy != LOST_TICK_POLICY_DISCARD ||
        !kvm_check_extension(kvm_state, KVM_CAP_REINJECT_CONTROL)) {
        return true;
    }
    ret = kvm_vm_ioctl(kvm_state, KVM_REINJECT_CONTROL, &control);
    if (ret < 0) {
        error_setg(errp, "Can't disable in-kernel PIT reinjection: %s",
                   strerror(-ret));
        return false;
    }
    return true;
}

static bool kvm_pit_realize(DeviceState *dev, Error **errp)
{
    KVMPITState *k = KVM_PIT(dev);
    PITCommonState *s = PIT_COMMON(dev);
    struct kvm_pit_config config = { .flags = 0 };
    int ret;

    if (!kvm_pit_in_kernel()) {
        error_set(errp, ERROR_CLASS_KVM_MISSING_CAP,
                  "kvm-pit needs the KVM in-kernel irqchip");
        return false;
    }
    if (s->iobase > 0xfffc) {
        error_setg(errp, "i8254: invalid iobase 0x%x", s->iobase);
        return false;
    }
    if (k->lost_tick_policy != LOST_TICK_POLICY_DELAY &&
        k->lost_tick_policy != LOST_TICK_POLICY_DISCARD) {
        error_setg(errp, "Lost tick policy not supported.");
        return false;
    }
    if (!kvm_check_extension(kvm_state, KVM_CAP_PIT2) ||
        !kvm_check_extension(kvm_state, KVM_CAP_PIT_STATE2)) {
        error_set(errp, ERROR_CLASS_KVM_MISSING_CAP,
                  "kvm does not support %s",
                  kvm_check_extension(kvm_state, KVM_CAP_PIT2) ?
                  "KVM_CAP_PIT_STATE2" : "KVM_CAP_PIT2");
        return false;
    }
    /* flags 0: the kernel also emulates the speaker port 0x61. */
    ret = kvm_vm_ioctl(kvm_state, KVM_CREATE_PIT2, &config);
    if (ret < 0) {
        error_setg(errp, "Create kvm pit failed: %s", strerror(-ret));
        return false;
    }
    if (!kvm_pit_apply_policy(k, errp)) {
        return false;
    }
    memory_region_init_io(&s->ioports, OBJECT(dev), NULL, NULL, "kvm-pit", 4);
    isa_register_ioport(ISA_DEVICE(dev), &s->ioports, s->iobase);
    qdev_init_gpio_in(dev, kvm_pit_irq_control, 1);
    s->control_in = g_new0(qemu_irq, 1);
    s->control_in[0] = qdev_get_gpio_in(dev, 0);
    k->vm_state_entry =
        kvm_add_vm_state_handler(kvm_pit_vm_state_change, k);
    return true;
}

static void kvm_pit_unrealize(DeviceState *dev)
{
    KVMPITState *k = KVM_PIT(dev);
    PITCommonState *s = PIT_COMMON(dev);

    if (k->vm_state_entry) {
        kvm_del_vm_state_handler(k->vm_state_entry);
        k->vm_state_entry = NULL;
    }
    memory_region_del_subregion(isa_address_space_io(ISA_DEVICE(dev)),
                                &s->ioports);
    g_free(s->control_in);
    s->control_in = NULL;
}

ISADevice *kvm_pit_init(ISABus *bus, int iobase, Error **errp)
{
    DeviceState *dev = qdev_new(TYPE_KVM_PIT);

    object_property_set_uint(OBJECT(dev), "iobase", iobase, &error_abort);
    if (!qdev_realize_and_unref(dev, BUS(bus), errp)) {
        return NULL;
    }
    return ISA_DEVICE(dev);
}

static Property kvm_pit_properties[] = {
    DEFINE_PROP_UINT32("iobase", PITCommonState, iobase, -1),
    DEFINE_PROP_LOSTTICKPOLICY("lost_tick_policy", KVMPITState,
                               lost_tick_policy, LOST_TICK_POLICY_DELAY),
    DEFINE_PROP_END_OF_LIST(),
};

static void kvm_pit_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    PITCommonClass *k = PIT_COMMON_CLASS(klass);

    dc->realize = kvm_pit_realize;
    dc->unrealize = kvm_pit_unrealize;
    dc->reset = kvm_pit_reset;
    k->realize = NULL;
    k->set_channel_gate = kvm_pit_set_channel_gate;
    k->get_channel_info = kvm_pit_get_channel_info;
    device_class_set_props(dc, kvm_pit_properties);
}

static const TypeInfo kvm_pit_info = {
    .name = TYPE_KVM_PIT,
    .parent = TYPE_PIT_COMMON,
    .instance_size = sizeof(KVMPITState),
    .class_size = sizeof(PITCommonClass),
    .class_init = kvm_pit_class_init,
};

static void kvm_pit_register_types(void)
{
    type_register_static(&kvm_pit_info);
}
type_init(kvm_pit_register_types)
