/*
 * kvm-all.c: the "kvm-accel" accelerator: /dev/kvm, the VM, capability
 * checks and the ioctl wrappers (see sysemu/kvm.h).
 *
 * init_machine follows the order the kernel needs: the API version, the
 * capabilities this accelerator cannot work without, the vCPU limits, the
 * VM itself, the x86 real-mode helpers (identity map and TSS), the
 * irqchip, then the memory slots (the listener replays the current map).
 */
#include "qemu/osdep.h"
#include "accel/kvm/kvm-internal.h"
#include "hw/boards.h"
#include <sys/ioctl.h>

KVMState *kvm_state;
bool kvm_allowed;

static const char *const OnOffSplit_lookup[] = {
    [ON_OFF_SPLIT_ON] = "on",
    [ON_OFF_SPLIT_OFF] = "off",
    [ON_OFF_SPLIT_SPLIT] = "split",
    NULL
};

/* The capabilities the accelerator uses unconditionally. */
typedef struct KVMCapInfo {
    const char *name;
    unsigned int cap;
} KVMCapInfo;
#define KVM_CAP_INFO(x) { "KVM_CAP_" #x, KVM_CAP_##x }

static const KVMCapInfo kvm_required_caps[] = {
    KVM_CAP_INFO(USER_MEMORY),
    KVM_CAP_INFO(DESTROY_MEMORY_REGION_WORKS),
    KVM_CAP_INFO(JOIN_MEMORY_REGIONS_WORKS),
    KVM_CAP_INFO(IMMEDIATE_EXIT),
    KVM_CAP_INFO(READONLY_MEM),
    KVM_CAP_INFO(SET_TSS_ADDR),
    KVM_CAP_INFO(EXT_CPUID),
    KVM_CAP_INFO(MP_STATE),
    KVM_CAP_INFO(VCPU_EVENTS),
    { NULL, 0 }
};

static const char kvm_upgrade_note[] =
    "Please upgrade to at least kernel 2.6.29 or recent kvm-kmod\n"
    "(see http://sourceforge.net/projects/kvm).\n";

/* ---- queries ---- */

bool kvm_enabled(void)
{
    return kvm_allowed;
}

bool kvm_available(void)
{
    return true;
}

bool kvm_irqchip_in_kernel(void)
{
    return kvm_state && kvm_state->irqchip_in_kernel;
}

bool kvm_apic_in_kernel(void)
{
    return kvm_irqchip_in_kernel();
}

bool kvm_irqchip_is_split(void)
{
    return kvm_state && kvm_state->irqchip_split;
}

bool kvm_pic_in_kernel(void)
{
    return kvm_irqchip_in_kernel() && !kvm_state->irqchip_split;
}

bool kvm_ioapic_in_kernel(void)
{
    return kvm_pic_in_kernel();
}

bool kvm_pit_in_kernel(void)
{
    return kvm_pic_in_kernel();
}

bool kvm_get_reserved_range(uint64_t *base, uint64_t *size)
{
    if (!kvm_state) {
        return false;
    }
    *base = kvm_state->identity_base;
    *size = 0x4000;
    return true;
}

/* ---- ioctls ---- */

static int kvm_do_ioctl(int fd, unsigned long type, void *arg)
{
    int ret = ioctl(fd, type, arg);

    return ret < 0 ? -errno : ret;
}

int kvm_ioctl(KVMState *s, unsigned long type, ...)
{
    va_list ap;
    void *arg;

    va_start(ap, type);
    arg = va_arg(ap, void *);
    va_end(ap);
    return kvm_do_ioctl(s->fd, type, arg);
}

int kvm_vm_ioctl(KVMState *s, unsigned long type, ...)
{
    va_list ap;
    void *arg;

    va_start(ap, type);
    arg = va_arg(ap, void *);
    va_end(ap);
    return kvm_do_ioctl(s->vmfd, type, arg);
}

int kvm_vcpu_ioctl(CPUState *cpu, unsigned long type, ...)
{
    va_list ap;
    void *arg;

    va_start(ap, type);
    arg = va_arg(ap, void *);
    va_end(ap);
    return kvm_do_ioctl(cpu->kvm_fd, type, arg);
}

int kvm_check_extension(KVMState *s, unsigned int extension)
{
    int ret = kvm_do_ioctl(s->fd, KVM_CHECK_EXTENSION,
                           (void *)(uintptr_t)extension);

    return ret < 0 ? 0 : ret;
}

int kvm_vm_check_extension(KVMState *s, unsigned int extension)
{
    int ret = kvm_do_ioctl(s->vmfd, KVM_CHECK_EXTENSION,
                           (void *)(uintptr_t)extension);

    /* Kernels before the VM-level check answer for the whole module. */
    return ret < 0 ? kvm_check_extension(s, extension) : ret;
}

/* ---- run-state handlers ordered around the vCPUs ---- */

typedef struct KVMStateHandler {
    VMChangeStateHandler *cb;
    void *opaque;
} KVMStateHandler;

static GList *kvm_state_handlers;

void *kvm_add_vm_state_handler(VMChangeStateHandler *cb, void *opaque)
{
    KVMStateHandler *h = g_new0(KVMStateHandler, 1);

    h->cb = cb;
    h->opaque = opaque;
    kvm_state_handlers = g_list_append(kvm_state_handlers, h);
    return h;
}

void kvm_del_vm_state_handler(void *entry)
{
    kvm_state_handlers = g_list_remove(kvm_state_handlers, entry);
    g_free(entry);
}

/*
 * Registered by init_machine, before the first vCPU registers the pause/
 * resume handler: run-state handlers run in registration order on start and
 * in reverse on stop, so this one sees the vCPUs paused either way.
 */
static void kvm_vm_state_change(void *opaque, bool running, RunState state)
{
    GList *l, *next;

    for (l = kvm_state_handlers; l; l = next) {
        KVMStateHandler *h = l->data;

        next = l->next;
        h->cb(h->opaque, running, state);
    }
}

/* ---- init ---- */

/*
 * -smp beyond what KVM recommends is a warning, beyond what it allows an
 * error (QEMU's wording).
 */
static bool kvm_check_vcpu_limits(KVMState *s, Error **errp)
{
    MachineState *ms = current_machine_get();
    int soft = kvm_check_extension(s, KVM_CAP_NR_VCPUS);
    int hard = kvm_check_extension(s, KVM_CAP_MAX_VCPUS);
    const struct { const char *name; int num; } req[] = {
        { "SMP", ms ? (int)ms->smp.cpus : 1 },
        { "hotpluggable", ms ? (int)ms->smp.max_cpus : 1 },
    };

    if (!soft) {
        soft = 4;               /* the limit documented for old kernels */
    }
    if (!hard) {
        hard = soft;
    }
    for (size_t i = 0; i < ARRAY_SIZE(req); i++) {
        if (req[i].num <= soft) {
            continue;
        }
        warn_report("Number of %s cpus requested (%d) exceeds the "
                    "recommended cpus supported by KVM (%d)",
                    req[i].name, req[i].num, soft);
        if (req[i].num > hard) {
            error_setg(errp, "Number of %s cpus requested (%d) exceeds the "
                       "maximum cpus supported by KVM (%d)",
                       req[i].name, req[i].num, hard);
            return false;
        }
    }
    return true;
}

static void kvm_probe_caps(KVMState *s)
{
    int xsave2 = kvm_vm_check_extension(s, KVM_CAP_XSAVE2);

    s->has_xsave = kvm_check_extension(s, KVM_CAP_XSAVE) > 0;
    s->has_xsave2 = xsave2 > 0;
    s->xsave_size = MAX(xsave2, (int)sizeof(struct kvm_xsave));
    s->has_xcrs = kvm_check_extension(s, KVM_CAP_XCRS) > 0;
    s->has_vcpu_events = kvm_check_extension(s, KVM_CAP_VCPU_EVENTS) > 0;
    s->has_debugregs = kvm_check_extension(s, KVM_CAP_DEBUGREGS) > 0;
    s->has_irq_inject_status =
        kvm_check_extension(s, KVM_CAP_IRQ_INJECT_STATUS) > 0;
    s->has_signal_msi = kvm_check_extension(s, KVM_CAP_SIGNAL_MSI) > 0;
    s->has_internal_error_data =
        kvm_check_extension(s, KVM_CAP_INTERNAL_ERROR_DATA) > 0;
}

/*
 * Real mode on Intel CPUs without unrestricted guest runs in vm86 mode,
 * which needs an identity-mapped page table and a TSS in guest memory:
 * one page at 0xfeffc000 and three after it, just below a 16 MiB BIOS.
 * Kernels without KVM_CAP_SET_IDENTITY_MAP_ADDR use a fixed page before
 * the TSS, which QEMU then places at 0xfffbd000.
 */
static bool kvm_arch_init_vm(KVMState *s, Error **errp)
{
    int ret;

    if (kvm_check_extension(s, KVM_CAP_SET_IDENTITY_MAP_ADDR)) {
        s->identity_base = 0xfeffc000;
        ret = kvm_vm_ioctl(s, KVM_SET_IDENTITY_MAP_ADDR, &s->identity_base);
        if (ret < 0) {
            error_setg(errp, "failed to initialize kvm: %s", strerror(-ret));
            return false;
        }
    } else {
        s->identity_base = 0xfffbc000;
    }
    ret = kvm_vm_ioctl(s, KVM_SET_TSS_ADDR,
                       (void *)(uintptr_t)(s->identity_base + 0x1000));
    if (ret < 0) {
        error_setg(errp, "failed to initialize kvm: %s", strerror(-ret));
        return false;
    }
    if (s->shadow_mem > 0) {
        ret = kvm_vm_ioctl(s, KVM_SET_NR_MMU_PAGES,
                           (void *)(uintptr_t)(s->shadow_mem / 4096));
        if (ret < 0) {
            error_setg(errp, "failed to initialize kvm: %s", strerror(-ret));
            return false;
        }
    }
    return true;
}

static bool kvm_fetch_msr_list(KVMState *s, Error **errp)
{
    struct kvm_msr_list probe = { .nmsrs = 0 };
    int ret;

    /* The first call fails with E2BIG and tells the count. */
    ret = kvm_ioctl(s, KVM_GET_MSR_INDEX_LIST, &probe);
    if (ret < 0 && ret != -E2BIG) {
        error_setg(errp, "failed to initialize kvm: %s", strerror(-ret));
        return false;
    }
    s->msr_list = g_malloc0(sizeof(*s->msr_list) +
                            probe.nmsrs * sizeof(s->msr_list->indices[0]));
    s->msr_list->nmsrs = probe.nmsrs;
    ret = kvm_ioctl(s, KVM_GET_MSR_INDEX_LIST, s->msr_list);
    if (ret < 0) {
        error_setg(errp, "failed to initialize kvm: %s", strerror(-ret));
        return false;
    }
    return true;
}

static void kvm_close_fds(KVMState *s)
{
    if (s->vmfd >= 0) {
        close(s->vmfd);
        s->vmfd = -1;
    }
    if (s->fd >= 0) {
        close(s->fd);
        s->fd = -1;
    }
}

static bool kvm_init_machine(AccelState *as, Error **errp)
{
    KVMState *s = KVM_STATE(as);
    int ret;

    if (kvm_state) {
        error_setg(errp, "failed to initialize kvm: %s", strerror(EBUSY));
        return false;
    }
    s->fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
    if (s->fd < 0) {
        int err = errno;

        error_printf("Could not access KVM kernel module: %s\n",
                     strerror(err));
        error_setg(errp, "failed to initialize kvm: %s", strerror(err));
        return false;
    }

    ret = kvm_ioctl(s, KVM_GET_API_VERSION, NULL);
    if (ret < KVM_API_VERSION) {
        if (ret >= 0) {
            ret = -EINVAL;
        }
        error_printf("kvm version too old\n");
        goto fail;
    }
    if (ret > KVM_API_VERSION) {
        ret = -EINVAL;
        error_printf("kvm version not supported\n");
        goto fail;
    }

    for (const KVMCapInfo *c = kvm_required_caps; c->name; c++) {
        if (kvm_check_extension(s, c->cap) <= 0) {
            error_printf("kvm does not support %s\n%s", c->name,
                         kvm_upgrade_note);
            ret = -EINVAL;
            goto fail;
        }
    }

    if (!kvm_check_vcpu_limits(s, errp)) {
        kvm_close_fds(s);
        return false;
    }

    ret = kvm_ioctl(s, KVM_GET_VCPU_MMAP_SIZE, NULL);
    if (ret < (int)sizeof(struct kvm_run)) {
        error_printf("KVM_GET_VCPU_MMAP_SIZE failed\n");
        ret = ret < 0 ? ret : -EINVAL;
        goto fail;
    }
    s->vcpu_mmap_size = ret;

    do {
        ret = kvm_ioctl(s, KVM_CREATE_VM, NULL);
    } while (ret == -EINTR);
    if (ret < 0) {
        error_printf("ioctl(KVM_CREATE_VM) failed: %d %s\n", -ret,
                     strerror(-ret));
        goto fail;
    }
    s->vmfd = ret;

    s->nr_slots = kvm_vm_check_extension(s, KVM_CAP_NR_MEMSLOTS);
    if (s->nr_slots <= 0) {
        s->nr_slots = 32;       /* the kernel's limit before the cap */
    }
    s->nr_slots = MIN(s->nr_slots, 512);
    s->slots = g_new0(KVMSlot, s->nr_slots);
    for (int i = 0; i < s->nr_slots; i++) {
        s->slots[i].slot = i;
    }
    kvm_probe_caps(s);

    if (!kvm_arch_init_vm(s, errp) || !kvm_fetch_msr_list(s, errp) ||
        !kvm_irqchip_create(s, errp) || !kvm_init_cpu_signals(errp)) {
        kvm_close_fds(s);
        return false;
    }

    kvm_state = s;
    kvm_allowed = true;
    qemu_add_vm_change_state_handler(kvm_vm_state_change, s);
    kvm_memory_listener_register(s);
    cpus_register_accel(&kvm_accel_ops);
    kvm_arch_register_cpu_accel();
    return true;

fail:
    error_setg(errp, "failed to initialize kvm: %s", strerror(-ret));
    kvm_close_fds(s);
    return false;
}

/* ---- the accelerator object ---- */

static bool kvm_set_kernel_irqchip(Object *obj, ObjectProperty *prop,
                                   json_t *value, Error **errp)
{
    KVMState *s = KVM_STATE(obj);
    int mode;

    if (s->fd >= 0) {
        error_setg(errp, "Cannot set properties after the accelerator has "
                   "been initialized");
        return false;
    }
    if (!qom_parse_enum(prop->name, value, OnOffSplit_lookup, &mode, errp)) {
        return false;
    }
    s->kernel_irqchip = mode;
    return true;
}

static json_t *kvm_get_shadow_mem(Object *obj, ObjectProperty *prop,
                                  Error **errp)
{
    return json_integer(KVM_STATE(obj)->shadow_mem);
}

static bool kvm_set_shadow_mem(Object *obj, ObjectProperty *prop,
                               json_t *value, Error **errp)
{
    KVMState *s = KVM_STATE(obj);
    int64_t v;

    if (s->fd >= 0) {
        error_setg(errp, "Cannot set properties after the accelerator has "
                   "been initialized");
        return false;
    }
    if (!qom_parse_int(prop->name, value, INT64_MIN, INT64_MAX, &v, errp)) {
        return false;
    }
    s->shadow_mem = v;
    return true;
}

static void kvm_accel_instance_init(Object *obj)
{
    KVMState *s = KVM_STATE(obj);

    s->fd = -1;
    s->vmfd = -1;
    s->kernel_irqchip = -1;
    s->shadow_mem = -1;
}

static void kvm_accel_class_init(ObjectClass *oc, void *data)
{
    AccelClass *ac = ACCEL_CLASS(oc);
    ObjectProperty *op;

    ac->name = "KVM";
    ac->init_machine = kvm_init_machine;

    op = object_class_property_add(oc, "kernel-irqchip", "OnOffSplit",
                                   NULL, kvm_set_kernel_irqchip, NULL, NULL);
    op->enum_values = OnOffSplit_lookup;
    object_class_property_set_description(oc, "kernel-irqchip",
        "Configure KVM in-kernel irqchip");
    object_class_property_add(oc, "kvm-shadow-mem", "int",
                              kvm_get_shadow_mem, kvm_set_shadow_mem,
                              NULL, NULL);
    object_class_property_set_description(oc, "kvm-shadow-mem",
        "KVM shadow MMU size");
}

static const TypeInfo kvm_accel_type = {
    .name = TYPE_KVM_ACCEL,
    .parent = TYPE_ACCEL,
    .instance_size = sizeof(KVMState),
    .instance_init = kvm_accel_instance_init,
    .class_init = kvm_accel_class_init,
};

static void kvm_register_types(void)
{
    type_register_static(&kvm_accel_type);
}
type_init(kvm_register_types)
