/*
 * cpus.c: the accelerator-neutral vCPU control layer (see hw/core/cpu.h).
 *
 * The CPU list, kicking, pause/resume of all vCPUs, run_on_cpu() and the
 * idle wait of a vCPU thread.  The accelerator (KVM now, the software CPU
 * later) plugs in through an AccelOpsClass.
 *
 * Locking: cpus_lock protects the stop/stopped/halted handshakes and the
 * work queues; it nests inside the BQL (BQL first).  Everything that
 * sleeps (pause_all_vcpus, run_on_cpu, the creation handshake) drops the
 * BQL first, because the vCPU it waits for may need the BQL to finish the
 * device access it is in the middle of.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "hw/core/cpu.h"
#include "sysemu/runstate.h"

static const AccelOpsClass *accel_ops;
static GPtrArray *cpu_array;
static GMutex cpus_lock;
static GCond pause_cond;        /* a vCPU stopped */
static GCond created_cond;      /* a vCPU thread is up */
static GCond work_cond;         /* a run_on_cpu item is done */
static __thread CPUState *current_cpu;
static void *vm_state_entry;

typedef struct CPUWorkItem {
    run_on_cpu_func fn;
    void *data;
    bool done;
} CPUWorkItem;

/* ---- accelerator registration ---- */

void cpus_register_accel(const AccelOpsClass *ops)
{
    accel_ops = ops;
}

const AccelOpsClass *cpus_get_accel(void)
{
    return accel_ops;
}

/* ---- the CPU list ---- */

void cpu_list_add(CPUState *cpu)
{
    if (!cpu_array) {
        cpu_array = g_ptr_array_new();
    }
    if (g_ptr_array_find(cpu_array, cpu, NULL)) {
        return;
    }
    /* CPU_FOREACH walks by position, so the index is the position. */
    cpu->cpu_index = cpu_array->len;
    g_ptr_array_add(cpu_array, cpu);
}

void cpu_list_remove(CPUState *cpu)
{
    if (cpu_array && g_ptr_array_remove(cpu_array, cpu)) {
        for (guint i = 0; i < cpu_array->len; i++) {
            CPUState *c = g_ptr_array_index(cpu_array, i);
            c->cpu_index = i;
        }
        cpu->cpu_index = UNASSIGNED_CPU_INDEX;
    }
}

CPUState *qemu_get_cpu(int index)
{
    if (!cpu_array || index < 0 || (guint)index >= cpu_array->len) {
        return NULL;
    }
    return g_ptr_array_index(cpu_array, index);
}

int cpu_count(void)
{
    return cpu_array ? (int)cpu_array->len : 0;
}

CPUState *current_cpu_get(void)
{
    return current_cpu;
}

void current_cpu_set(CPUState *cpu)
{
    current_cpu = cpu;
}

bool qemu_cpu_is_self(CPUState *cpu)
{
    return cpu && current_cpu == cpu;
}

/* ---- BQL helpers: sleep with the BQL dropped ---- */

/* Drop the BQL if this thread holds it; returns whether it did. */
static bool bql_drop(void)
{
    if (qemu_mutex_iothread_locked()) {
        qemu_mutex_unlock_iothread();
        return true;
    }
    return false;
}

static void bql_retake(bool dropped)
{
    if (dropped) {
        qemu_mutex_lock_iothread();
    }
}

/* ---- kicking and interrupts ---- */

void qemu_cpu_kick(CPUState *cpu)
{
    g_mutex_lock(&cpus_lock);
    g_cond_broadcast(&cpu->halt_cond);
    g_mutex_unlock(&cpus_lock);
    if (accel_ops && accel_ops->kick_vcpu_thread && cpu->created) {
        accel_ops->kick_vcpu_thread(cpu);
    }
}

void cpu_interrupt(CPUState *cpu, int mask)
{
    __atomic_fetch_or(&cpu->interrupt_request, (uint32_t)mask,
                      __ATOMIC_SEQ_CST);
    qemu_cpu_kick(cpu);
}

void cpu_reset_interrupt(CPUState *cpu, int mask)
{
    __atomic_fetch_and(&cpu->interrupt_request, ~(uint32_t)mask,
                       __ATOMIC_SEQ_CST);
}

bool cpu_has_work(CPUState *cpu)
{
    CPUClass *cc = CPU_GET_CLASS(cpu);

    if (cc->has_work) {
        return cc->has_work(cpu);
    }
    return __atomic_load_n(&cpu->interrupt_request, __ATOMIC_SEQ_CST) != 0;
}

/* ---- stop / resume ---- */

bool cpu_is_stopped(CPUState *cpu)
{
    return cpu->stopped || !cpu->created;
}

bool cpu_can_run(CPUState *cpu)
{
    return !cpu->stop && !cpu->stopped && !cpu->unplug;
}

/* cpus_lock held. */
static void cpu_mark_stopped_locked(CPUState *cpu)
{
    cpu->stop = false;
    cpu->stopped = true;
    g_cond_broadcast(&pause_cond);
}

/* The calling vCPU: it leaves its run loop at the next chance. */
static void cpu_stop_self_locked(CPUState *cpu)
{
    cpu_mark_stopped_locked(cpu);
    __atomic_store_n(&cpu->exit_request, true, __ATOMIC_SEQ_CST);
}

void cpu_stop_current(void)
{
    CPUState *cpu = current_cpu;

    if (!cpu) {
        return;
    }
    g_mutex_lock(&cpus_lock);
    cpu_stop_self_locked(cpu);
    g_mutex_unlock(&cpus_lock);
}

/* cpus_lock held. */
static bool all_vcpus_paused_locked(void)
{
    CPUState *cpu;

    CPU_FOREACH(cpu) {
        if (cpu->created && !cpu->stopped) {
            return false;
        }
    }
    return true;
}

bool all_vcpus_paused(void)
{
    bool ret;

    g_mutex_lock(&cpus_lock);
    ret = all_vcpus_paused_locked();
    g_mutex_unlock(&cpus_lock);
    return ret;
}

void pause_all_vcpus(void)
{
    CPUState *cpu;
    bool dropped;

    g_mutex_lock(&cpus_lock);
    CPU_FOREACH(cpu) {
        if (qemu_cpu_is_self(cpu)) {
            cpu_stop_self_locked(cpu);
        } else if (cpu->created && !cpu->stopped) {
            cpu->stop = true;
        }
    }
    g_mutex_unlock(&cpus_lock);
    CPU_FOREACH(cpu) {
        if (cpu->stop) {
            qemu_cpu_kick(cpu);
        }
    }

    dropped = bql_drop();
    g_mutex_lock(&cpus_lock);
    while (!all_vcpus_paused_locked()) {
        g_cond_wait(&pause_cond, &cpus_lock);
    }
    g_mutex_unlock(&cpus_lock);
    bql_retake(dropped);
}

void resume_all_vcpus(void)
{
    CPUState *cpu;

    g_mutex_lock(&cpus_lock);
    CPU_FOREACH(cpu) {
        cpu->stop = false;
        cpu->stopped = false;
    }
    g_mutex_unlock(&cpus_lock);
    CPU_FOREACH(cpu) {
        qemu_cpu_kick(cpu);
    }
}

/* stop, cont, reset and snapshots all come through the run state. */
static void cpus_vm_state_change(void *opaque, bool running, RunState state)
{
    if (running) {
        resume_all_vcpus();
    } else {
        pause_all_vcpus();
    }
}

/* ---- run_on_cpu ---- */

void run_on_cpu(CPUState *cpu, run_on_cpu_func fn, void *data)
{
    CPUWorkItem wi = { .fn = fn, .data = data };
    bool dropped;

    /* Without a thread of its own, the CPU's state is the caller's. */
    if (qemu_cpu_is_self(cpu) || !cpu->created) {
        fn(cpu, data);
        return;
    }
    g_mutex_lock(&cpus_lock);
    cpu->work_items = g_list_append(cpu->work_items, &wi);
    g_mutex_unlock(&cpus_lock);
    qemu_cpu_kick(cpu);

    dropped = bql_drop();
    g_mutex_lock(&cpus_lock);
    while (!wi.done) {
        g_cond_wait(&work_cond, &cpus_lock);
    }
    g_mutex_unlock(&cpus_lock);
    bql_retake(dropped);
}

/* In the vCPU thread, cpus_lock held (dropped around each item). */
static void process_queued_work_locked(CPUState *cpu)
{
    while (cpu->work_items) {
        CPUWorkItem *wi = cpu->work_items->data;

        cpu->work_items = g_list_delete_link(cpu->work_items,
                                             cpu->work_items);
        g_mutex_unlock(&cpus_lock);
        qemu_mutex_lock_iothread();
        wi->fn(cpu, wi->data);
        qemu_mutex_unlock_iothread();
        g_mutex_lock(&cpus_lock);
        wi->done = true;
        g_cond_broadcast(&work_cond);
    }
}

/* cpus_lock held. */
static bool cpu_thread_is_idle_locked(CPUState *cpu)
{
    if (cpu->stop || cpu->work_items || cpu->unplug) {
        return false;
    }
    if (cpu->stopped) {
        return true;
    }
    if (!cpu->halted || cpu_has_work(cpu)) {
        return false;
    }
    /* KVM with the in-kernel irqchip halts inside KVM_RUN instead. */
    return !accel_ops || !accel_ops->cpu_thread_is_idle ||
           accel_ops->cpu_thread_is_idle(cpu);
}

void qemu_wait_io_event(CPUState *cpu)
{
    g_mutex_lock(&cpus_lock);
    while (cpu_thread_is_idle_locked(cpu)) {
        g_cond_wait(&cpu->halt_cond, &cpus_lock);
    }
    if (cpu->stop) {
        cpu_mark_stopped_locked(cpu);
    }
    process_queued_work_locked(cpu);
    g_mutex_unlock(&cpus_lock);
}

/* ---- creation ---- */

void cpu_thread_signal_created(CPUState *cpu)
{
    g_mutex_lock(&cpus_lock);
    cpu->thread_id = (int)gettid();
    cpu->created = true;
    g_cond_broadcast(&created_cond);
    g_mutex_unlock(&cpus_lock);
}

static void cpu_reset_handler(void *opaque)
{
    cpu_reset(opaque);
}

bool qemu_init_vcpu_err(CPUState *cpu, Error **errp)
{
    bool dropped;

    if (cpu_array && g_ptr_array_find(cpu_array, cpu, NULL)) {
        return true;
    }
    cpu_list_add(cpu);
    cpus_monitor_register();
    qemu_register_reset(cpu_reset_handler, cpu);
    if (!vm_state_entry) {
        vm_state_entry =
            qemu_add_vm_change_state_handler(cpus_vm_state_change, NULL);
    }
    if (!accel_ops || !accel_ops->create_vcpu_thread) {
        return true;
    }
    if (accel_ops->init_vcpu && !accel_ops->init_vcpu(cpu, errp)) {
        qemu_unregister_reset(cpu_reset_handler, cpu);
        cpu_list_remove(cpu);
        return false;
    }
    /* The thread starts stopped; vm_start() resumes it. */
    cpu->stopped = true;
    accel_ops->create_vcpu_thread(cpu);
    if (cpu->thread_id == -1) {
        error_setg(errp, "failed to start the thread of CPU %d",
                   cpu->cpu_index);
        qemu_unregister_reset(cpu_reset_handler, cpu);
        cpu_list_remove(cpu);
        return false;
    }

    dropped = bql_drop();
    g_mutex_lock(&cpus_lock);
    while (!cpu->created) {
        g_cond_wait(&created_cond, &cpus_lock);
    }
    g_mutex_unlock(&cpus_lock);
    bql_retake(dropped);
    /* A CPU added while the VM runs (hotplug) joins it at once. */
    if (runstate_is_running()) {
        g_mutex_lock(&cpus_lock);
        cpu->stopped = false;
        g_mutex_unlock(&cpus_lock);
        qemu_cpu_kick(cpu);
    }
    return true;
}

void qemu_init_vcpu(CPUState *cpu)
{
    Error *err = NULL;

    if (!qemu_init_vcpu_err(cpu, &err)) {
        error_report_err(err);
    }
}

/* ---- register synchronization ---- */

void cpu_synchronize_state(CPUState *cpu)
{
    if (accel_ops && accel_ops->synchronize_state && cpu->created) {
        accel_ops->synchronize_state(cpu);
    }
}

void cpu_synchronize_all_states(void)
{
    CPUState *cpu;

    CPU_FOREACH(cpu) {
        cpu_synchronize_state(cpu);
    }
}

static void cpu_synchronize_post_reset(CPUState *cpu)
{
    if (accel_ops && accel_ops->synchronize_post_reset && cpu->created) {
        accel_ops->synchronize_post_reset(cpu);
    }
}

void cpu_synchronize_all_post_reset(void)
{
    CPUState *cpu;

    CPU_FOREACH(cpu) {
        cpu_synchronize_post_reset(cpu);
    }
}

void cpu_synchronize_all_post_init(void)
{
    CPUState *cpu;

    CPU_FOREACH(cpu) {
        if (accel_ops && accel_ops->synchronize_post_init && cpu->created) {
            accel_ops->synchronize_post_init(cpu);
        }
    }
}

void cpu_reset(CPUState *cpu)
{
    CPUClass *cc = CPU_GET_CLASS(cpu);

    if (cc->reset) {
        cc->reset(cpu);
    }
    cpu_synchronize_post_reset(cpu);
}

void cpu_dump_state(CPUState *cpu, GString *out, int flags)
{
    CPUClass *cc = CPU_GET_CLASS(cpu);

    if (cc->dump_state) {
        cpu_synchronize_state(cpu);
        cc->dump_state(cpu, out, flags);
    }
}
