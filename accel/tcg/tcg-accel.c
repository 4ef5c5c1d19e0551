/*
 * tcg-accel.c: the "tcg" accelerator: the software CPU's vCPU threads.
 *
 * -accel tcg (and the legacy -machine accel=tcg) selects it.  Each vCPU
 * runs in a host thread of its own ("CPU N/TCG"): it executes guest code
 * without the big lock (taken for device access), and sleeps in
 * qemu_wait_io_event() while halted, stopped or waiting for work, so an
 * idle guest costs nothing.  A kick sets exit_request; the executor looks
 * at it between TBs.
 *
 * Properties (as the reference's tcg-accel): thread=multi (one thread per
 * vCPU, the only mode here: "single" is refused), tb-size (code cache
 * size in MiB), split-wx (accepted: an interpreter maps no generated code,
 * so there is nothing to split).
 *
 * The CPU models learn here what the software CPU implements
 * (tcg_supported_flags): flags outside it are filtered like KVM's.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/tcg-cpu.h"
#include "target/i386/tcg/smm.h"
#include "tcg-exec.h"
#include "target/i386/cpu-internal.h"
#include "sysemu/accel.h"
#include "qemu/main-loop.h"

#define TYPE_TCG_ACCEL ACCEL_CLASS_NAME("tcg")

typedef struct TCGState {
    AccelState parent_obj;
    bool thread_single;
    int64_t tb_size_mb;
    bool split_wx;
} TCGState;

#define TCG_STATE(obj) OBJECT_CHECK(TCGState, (obj), TYPE_TCG_ACCEL)

/* ---- what the software CPU implements ---- */

static const char tcg_supported_flags[] =
    "3dnowprefetch abm aes apic arat clflush cmov cx16 cx8 de erms fpu "
    "fsgsbase fxsr hypervisor lahf-lm lm mca mce mmx movbe msr mtrr nx "
    "pae pat pclmulqdq pdpe1gb pge pni popcnt pse pse36 rdrand rdseed "
    "rdtscp sep smap smep ss sse sse2 sse4.1 sse4.2 ssse3 syscall tsc "
    "tsc-deadline umip x2apic xgetbv1 xsave xsaveopt";

static gpointer tcg_words(gpointer unused)
{
    uint64_t *words = g_new0(uint64_t, FEATURE_WORDS);

    (void)unused;
    x86_flags_parse(tcg_supported_flags, words);
    /*
     * Every XSAVE component, as the reference's software CPU: the
     * components follow the flags that survive filtering, and only x87
     * and SSE state have flags here.
     */
    words[FEAT_XSAVE_COMP_LO] = words[FEAT_XSAVE_COMP_HI] = 0xffffffff;
    return words;
}

static uint32_t tcg_supported_cpuid(uint32_t function, uint32_t index,
                                    int reg)
{
    static GOnce once = G_ONCE_INIT;
    const uint64_t *words = g_once(&once, tcg_words, NULL);

    for (int w = 0; w < FEATURE_WORDS; w++) {
        const FeatureWordInfo *wi = &feature_word_info[w];

        if (wi->type == CPUID_FEATURE_WORD && wi->cpuid.eax == function &&
            (!wi->cpuid.needs_ecx || wi->cpuid.ecx == index) &&
            wi->cpuid.reg == reg) {
            return words[w];
        }
    }
    return 0;
}

/* Model flags not implemented here, left out unless asked for. */
static const char *const tcg_default_off[] = { "svm", NULL };

static const X86CPUAccel tcg_cpu_accel = {
    .name = "tcg",
    .warn_name = "TCG",
    .get_supported_cpuid = tcg_supported_cpuid,
    .default_off = tcg_default_off,
};

/* ---- vCPU threads ---- */

static void *tcg_vcpu_thread_fn(void *arg)
{
    CPUState *cs = arg;
    char name[16];

    current_cpu_set(cs);
    snprintf(name, sizeof(name), "CPU %d/TCG", cs->cpu_index);
    qemu_thread_set_name(name);
    cpu_thread_signal_created(cs);
    do {
        if (cpu_can_run(cs)) {
            tcg_cpu_exec(cs);
        }
        qemu_wait_io_event(cs);
    } while (!cs->unplug);
    current_cpu_set(NULL);
    return NULL;
}

static void tcg_start_vcpu_thread(CPUState *cs)
{
    sigset_t all, old;
    int ret;

    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    ret = pthread_create(&cs->thread, NULL, tcg_vcpu_thread_fn, cs);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (ret) {
        error_report("failed to create the thread of CPU %d: %s",
                     cs->cpu_index, strerror(ret));
        cs->thread_id = -1;
        return;
    }
    pthread_detach(cs->thread);
}

static void tcg_kick_vcpu_thread(CPUState *cs)
{
    __atomic_store_n(&cs->exit_request, true, __ATOMIC_SEQ_CST);
}

static bool tcg_init_vcpu(CPUState *cs, Error **errp)
{
    CPUX86State *env = &X86_CPU(cs)->env;
    X86TCGState *t = g_new0(X86TCGState, 1);

    (void)errp;
    t->cs = cs;
    env->tcg = t;
    env->old_exception = -1;
    x86_smm_cpu_init(cs);
    tlb_flush(env);
    tcg_import_state(cs);
    return true;
}

/* The vCPU's registers are always in CPUX86State: fold the lazy flags. */
static void export_on_cpu(CPUState *cs, void *data)
{
    (void)data;
    tcg_export_state(cs);
}

static void tcg_synchronize_state(CPUState *cs)
{
    if (qemu_cpu_is_self(cs) || cpu_is_stopped(cs)) {
        tcg_export_state(cs);
    } else {
        run_on_cpu(cs, export_on_cpu, NULL);
    }
    cs->vcpu_dirty = true;
}

static void tcg_synchronize_post(CPUState *cs)
{
    if (X86_CPU(cs)->env.tcg) {
        tcg_import_state(cs);
    }
    cs->vcpu_dirty = false;
}

/* After a reset: the APs wait for INIT/SIPI. */
static void tcg_synchronize_post_reset(CPUState *cs)
{
    CPUX86State *env = &X86_CPU(cs)->env;

    /* Nothing of the old mode survives (NMI blocking, shadows). */
    env->hflags = 0;
    tcg_synchronize_post(cs);
    env->wait_sipi = cs->halted && !x86_cpu_is_bsp(cs);
}

static bool tcg_cpu_thread_is_idle(CPUState *cs)
{
    (void)cs;
    return true;
}

static const AccelOpsClass tcg_accel_ops = {
    .create_vcpu_thread = tcg_start_vcpu_thread,
    .kick_vcpu_thread = tcg_kick_vcpu_thread,
    .synchronize_state = tcg_synchronize_state,
    .synchronize_post_reset = tcg_synchronize_post_reset,
    .synchronize_post_init = tcg_synchronize_post,
    .cpu_thread_is_idle = tcg_cpu_thread_is_idle,
    .init_vcpu = tcg_init_vcpu,
};

/* ---- the accelerator object ---- */

static bool tcg_init_machine(AccelState *as, Error **errp)
{
    TCGState *s = TCG_STATE(as);

    if (s->thread_single) {
        error_setg(errp, "-accel tcg,thread=single: not supported yet "
                   "(each vCPU runs in its own thread)");
        return false;
    }
    x86_tcg_ops_init();
    tb_cache_init(s->tb_size_mb);
    tcg_memory_listener_register();
    cpus_register_accel(&tcg_accel_ops);
    x86_cpu_set_accel(&tcg_cpu_accel);
    return true;
}

static char *tcg_get_thread(Object *obj, Error **errp)
{
    (void)errp;
    return g_strdup(TCG_STATE(obj)->thread_single ? "single" : "multi");
}

static void tcg_set_thread(Object *obj, const char *value, Error **errp)
{
    TCGState *s = TCG_STATE(obj);

    if (!strcmp(value, "multi")) {
        s->thread_single = false;
    } else if (!strcmp(value, "single")) {
        s->thread_single = true;
    } else {
        error_setg(errp, "Invalid 'thread' setting %s", value);
    }
}

static json_t *tcg_get_tb_size(Object *obj, ObjectProperty *prop,
                               Error **errp)
{
    (void)prop; (void)errp;
    return json_integer(TCG_STATE(obj)->tb_size_mb);
}

static bool tcg_set_tb_size(Object *obj, ObjectProperty *prop, json_t *value,
                            Error **errp)
{
    int64_t v;

    if (!qom_parse_int(prop->name, value, 0, 4096, &v, errp)) {
        return false;
    }
    TCG_STATE(obj)->tb_size_mb = v;
    return true;
}

static bool tcg_get_split_wx(Object *obj, Error **errp)
{
    (void)errp;
    return TCG_STATE(obj)->split_wx;
}

static void tcg_set_split_wx(Object *obj, bool value, Error **errp)
{
    (void)errp;
    TCG_STATE(obj)->split_wx = value;
}

static void tcg_class_init(ObjectClass *oc, void *data)
{
    AccelClass *ac = ACCEL_CLASS(oc);

    (void)data;
    ac->name = "tcg";
    ac->init_machine = tcg_init_machine;
    object_class_property_add_str(oc, "thread", tcg_get_thread,
                                  tcg_set_thread);
    object_class_property_add(oc, "tb-size", "int", tcg_get_tb_size,
                              tcg_set_tb_size, NULL, NULL);
    object_class_property_set_description(oc, "tb-size",
                                          "TCG translation block cache size");
    object_class_property_add_bool(oc, "split-wx", tcg_get_split_wx,
                                   tcg_set_split_wx);
    object_class_property_set_description(oc, "split-wx",
        "Map jit pages into separate RW and RX regions");
}

static const TypeInfo tcg_accel_type = {
    .name = TYPE_TCG_ACCEL,
    .parent = TYPE_ACCEL,
    .instance_size = sizeof(TCGState),
    .class_init = tcg_class_init,
};

static void tcg_register_types(void)
{
    type_register_static(&tcg_accel_type);
}
type_init(tcg_register_types)
