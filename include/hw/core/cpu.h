/*
 * cpu.h: the accelerator-neutral virtual CPU.
 *
 * A CPUState is a device ("cpu" type; the x86 models derive from it) that
 * an accelerator runs in a host thread of its own.  The accelerator is an
 * ops table (AccelOpsClass below, one implementation for KVM and one for
 * the software CPU); devices never see it.
 *
 * Life cycle: the board creates and realizes the CPUs; realize calls
 * qemu_init_vcpu(), which asks the accelerator to create the vCPU thread.
 * The thread waits until the VM runs.  pause_all_vcpus() / resume_all_vcpus()
 * (driven by the run state: stop, cont, reset, snapshot) stop every vCPU
 * outside guest mode and resume them: one mechanism used everywhere.
 * run_on_cpu() runs a function in a vCPU's thread (to read or write its
 * registers) and waits for it.
 *
 * Register state lives in the architecture's CPU struct (CPUX86State).
 * With KVM the kernel holds the live copy: cpu_synchronize_state() fetches
 * it (and marks it dirty so it is written back before the vCPU runs again).
 *
 * Threads and locks (accel/cpus.c): a vCPU thread runs the guest without
 * the big lock (BQL) and takes it around device dispatch and queued work.
 * The control flags of a CPUState (stop, stopped, halted, work_items) are
 * protected by a lock private to accel/cpus.c, always taken after the BQL
 * when both are held; waiters (pause_all_vcpus, run_on_cpu) drop the BQL
 * while they sleep, so a vCPU in device dispatch can finish its exit.
 * A vCPU thread starts stopped; resume_all_vcpus() (vm_start, through the
 * vm change state handler cpus.c registers) lets it run.
 */
#ifndef HW_CORE_CPU_H
#define HW_CORE_CPU_H

#include "hw/qdev-core.h"
#include <pthread.h>

#define TYPE_CPU "cpu"

typedef struct CPUState CPUState;

/* CPUState.cpu_index before cpu_list_add() numbers the CPU. */
#define UNASSIGNED_CPU_INDEX -1

/* CPUClass.dump_state flags (info registers passes CPU_DUMP_FPU). */
#define CPU_DUMP_CODE 0x00010000
#define CPU_DUMP_FPU  0x00020000
#define CPU_DUMP_CCOP 0x00040000

typedef struct CPUClass {
    DeviceClass parent_class;
    /* Does the CPU have something to do (an interrupt) while halted? */
    bool (*has_work)(CPUState *cpu);
    /* info registers */
    void (*dump_state)(CPUState *cpu, GString *out, int flags);
    /* The APIC id on x86. */
    int64_t (*get_arch_id)(CPUState *cpu);
    /* Power-on/INIT state of the registers. */
    void (*reset)(CPUState *cpu);
} CPUClass;

#define CPU(obj) OBJECT_CHECK(CPUState, (obj), TYPE_CPU)
#define CPU_CLASS(klass) OBJECT_CLASS_CHECK(CPUClass, (klass), TYPE_CPU)
#define CPU_GET_CLASS(obj) OBJECT_GET_CLASS(CPUClass, (obj), TYPE_CPU)

/* interrupt_request bits (set from any thread, then qemu_cpu_kick()). */
#define CPU_INTERRUPT_HARD   0x0002   /* an external interrupt is pending */
#define CPU_INTERRUPT_EXITTB 0x0004
#define CPU_INTERRUPT_HALT   0x0020
#define CPU_INTERRUPT_SMI    0x0040
#define CPU_INTERRUPT_NMI    0x0200
#define CPU_INTERRUPT_INIT   0x0400
#define CPU_INTERRUPT_SIPI   0x0800
#define CPU_INTERRUPT_POLL   0x1000

struct CPUState {
    DeviceState parent_obj;
    int cpu_index;
    int thread_id;              /* host tid (info cpus, query-cpus-fast) */
    pthread_t thread;
    bool created;               /* the vCPU thread is up */
    bool stop;                  /* asked to stop */
    bool stopped;               /* stopped (outside guest mode) */
    bool halted;
    bool unplug;
    bool exit_request;
    bool vcpu_dirty;            /* registers here are newer than the accel's */
    uint32_t interrupt_request;
    int exception_index;
    GCond halt_cond;            /* signalled to wake the thread */
    GList *work_items;          /* run_on_cpu() requests */
    void *accel;                /* accelerator-private state */
    int kvm_fd;
    struct kvm_run *kvm_run;
    bool singlestep_enabled;
    /* The CPU's view of memory ("cpu-memory-N", rooted at system memory). */
    struct AddressSpace *as;
};

/* ---- the accelerator's vCPU operations ---- */

typedef struct AccelOpsClass {
    /*
     * Start the vCPU's host thread; it calls cpu_thread_signal_created()
     * when ready.  If no thread could be started, set cpu->thread_id to -1
     * before returning.
     */
    void (*create_vcpu_thread)(CPUState *cpu);
    /* Make the thread leave guest mode soon (signal, immediate_exit). */
    void (*kick_vcpu_thread)(CPUState *cpu);
    /* Registers: accel -> CPUState (get), CPUState -> accel (put). */
    void (*synchronize_state)(CPUState *cpu);
    void (*synchronize_post_reset)(CPUState *cpu);
    void (*synchronize_post_init)(CPUState *cpu);
    bool (*cpu_thread_is_idle)(CPUState *cpu);
    /*
     * Optional: create the accelerator's vCPU (KVM: KVM_CREATE_VCPU, CPUID)
     * in the caller's thread, before create_vcpu_thread, so that failures
     * reach the realize's errp.
     */
    bool (*init_vcpu)(CPUState *cpu, Error **errp);
} AccelOpsClass;

/* The accelerator in use registers its ops at init. */
void cpus_register_accel(const AccelOpsClass *ops);
const AccelOpsClass *cpus_get_accel(void);

/* ---- the CPU list and control ---- */

void cpu_list_add(CPUState *cpu);
void cpu_list_remove(CPUState *cpu);
CPUState *qemu_get_cpu(int index);
int cpu_count(void);
#define CPU_FOREACH(cpu) \
    for (int cpu_iter_ = 0; ((cpu) = qemu_get_cpu(cpu_iter_)) != NULL; \
         cpu_iter_++)

/*
 * Called by CPU realize: number the CPU (cpu_list_add), register its reset
 * (cpu_reset() on every system reset), create the accelerator's vCPU and
 * start its thread, then wait until the thread is up.  Without an
 * accelerator (unit tests, -M none) the CPU only joins the list.
 * qemu_init_vcpu_err() reports failures through errp (false); TYPE_CPU's
 * own realize calls it, so a subclass realize that chains to its parent's
 * needs nothing else.  qemu_init_vcpu() is the same for callers without an
 * errp: a failure is reported with error_report() and the CPU stays
 * without a thread.  Calling either twice for one CPU does nothing more.
 */
bool qemu_init_vcpu_err(CPUState *cpu, Error **errp);
void qemu_init_vcpu(CPUState *cpu);
/* In a new vCPU thread: record the host thread id, mark the CPU created
 * and wake qemu_init_vcpu(). */
void cpu_thread_signal_created(CPUState *cpu);
/* Whether the calling thread is cpu's vCPU thread. */
bool qemu_cpu_is_self(CPUState *cpu);
/* Wake a vCPU (interrupt pending, stop requested, work queued). */
void qemu_cpu_kick(CPUState *cpu);
void cpu_interrupt(CPUState *cpu, int mask);
void cpu_reset_interrupt(CPUState *cpu, int mask);
/* Stop every vCPU outside guest mode; waits (drops the BQL meanwhile). */
void pause_all_vcpus(void);
void resume_all_vcpus(void);
bool all_vcpus_paused(void);
/* Run fn(cpu, data) in the vCPU's thread and wait for it. */
typedef void (*run_on_cpu_func)(CPUState *cpu, void *data);
void run_on_cpu(CPUState *cpu, run_on_cpu_func fn, void *data);
/* In a vCPU thread: run queued work, wait while stopped or idle. */
void qemu_wait_io_event(CPUState *cpu);
/* May the vCPU enter the guest (not stopped, no stop pending)? */
bool cpu_can_run(CPUState *cpu);
/* Stopped (out of the guest until resumed); true for a CPU without a
 * thread. */
bool cpu_is_stopped(CPUState *cpu);
/*
 * In a vCPU thread: stop this vCPU now (it waits for resume_all_vcpus()).
 * Used after events that end guest execution until the main loop acts
 * (triple fault waiting for the reset, internal error).
 */
void cpu_stop_current(void);
/* CPUClass.has_work, or any pending interrupt_request bit without one. */
bool cpu_has_work(CPUState *cpu);
/* In a vCPU thread: the CPU this thread runs, or NULL. */
CPUState *current_cpu_get(void);
void current_cpu_set(CPUState *cpu);

/*
 * Register synchronization with the accelerator (no-ops without one):
 * cpu_synchronize_state() makes CPUX86State current (and dirty: it is
 * written back before the vCPU runs again); post_reset writes the reset
 * state, post_init the whole state (after machine creation or loading).
 */
void cpu_synchronize_state(CPUState *cpu);
void cpu_synchronize_all_states(void);
void cpu_synchronize_all_post_reset(void);
void cpu_synchronize_all_post_init(void);
/* CPUClass.reset (power-on state), then written to the accelerator. */
void cpu_reset(CPUState *cpu);
/* cpu_synchronize_state(), then CPUClass.dump_state into out (info
 * registers); nothing without a dump_state. */
void cpu_dump_state(CPUState *cpu, GString *out, int flags);

/*
 * accel/cpus-monitor.c: install the query-cpus-fast handler of a machine
 * with CPUs (qemu_init_vcpu does it with the first vCPU).  info cpus,
 * info registers and "cpu" are registered at start-up.
 */
void cpus_monitor_register(void);
/*
 * A monitor's current CPU (the "cpu" command; info cpus marks it '*',
 * info registers shows it): the first CPU until set, -1 without CPUs.
 * monitor_set_cpu() fails for a CPU that does not exist.  The monitor
 * calls monitor_forget_cpu() when it goes away.
 */
typedef struct Monitor Monitor;
int monitor_get_cpu_index(Monitor *mon);
bool monitor_set_cpu(Monitor *mon, int cpu_index);
void monitor_forget_cpu(Monitor *mon);

/* TYPE_CPU's realize (qemu_init_vcpu_err), for subclasses that chain. */
bool cpu_common_realize(DeviceState *dev, Error **errp);

#endif
