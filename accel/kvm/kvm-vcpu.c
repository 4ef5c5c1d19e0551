/*
 * kvm-vcpu.c: KVM vCPUs: creation, the per-vCPU thread, the kick protocol
 * and the exit loop.
 *
 * Kick protocol.  A thread that wants a vCPU out of the guest sets
 * cpu->exit_request and sends SIG_IPI to the vCPU thread.  The vCPU thread
 * keeps SIG_IPI unblocked; its handler sets kvm_run.immediate_exit.  So:
 * a signal while in KVM_RUN interrupts it (EINTR); a signal just before
 * KVM_RUN makes KVM_RUN return at once; a request seen before entering
 * sets immediate_exit itself.  KVM_RUN with immediate_exit also completes
 * a pending I/O or MMIO read first, so the registers are consistent when
 * the loop leaves.  The handler is installed with SA_RESTART: KVM_RUN
 * still returns EINTR (the kernel does not restart it), while the vCPU's
 * other system calls (a device writing to a chardev) are not cut short.
 *
 * The loop (kvm_cpu_exec) is one switch on the exit reason with a small
 * handler per kind; it runs without the BQL and takes it for dispatch.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "accel/kvm/kvm-internal.h"
#include "sysemu/runstate.h"
#include <sys/ioctl.h>
#include <sys/mman.h>

/* Run-state changes a vCPU asks of the main loop (it may not stop the VM
 * from its own thread). */
static QEMUBH *vcpu_request_bh;
static int vcpu_request_stop;           /* RunState + 1, 0: none */
static int vcpu_request_panic;

/* ---- signals ---- */

static void kvm_ipi_signal(int sig)
{
    CPUState *cpu = current_cpu_get();

    if (cpu && cpu->kvm_run) {
        __atomic_store_n(&cpu->kvm_run->immediate_exit, 1, __ATOMIC_SEQ_CST);
    }
}

static void vcpu_request_handler(void *opaque)
{
    int stop = __atomic_exchange_n(&vcpu_request_stop, 0, __ATOMIC_SEQ_CST);

    if (__atomic_exchange_n(&vcpu_request_panic, 0, __ATOMIC_SEQ_CST)) {
        qemu_system_guest_panicked();
    }
    if (stop && runstate_is_running()) {
        vm_stop((RunState)(stop - 1));
    }
}

bool kvm_init_cpu_signals(Error **errp)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = kvm_ipi_signal;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIG_IPI, &sa, NULL) < 0) {
        error_setg_errno(errp, errno, "failed to initialize kvm");
        return false;
    }
    if (!vcpu_request_bh) {
        vcpu_request_bh = qemu_bh_new(vcpu_request_handler, NULL);
    }
    return true;
}

/* From a vCPU thread: stop the VM into state, and this vCPU at once. */
static void kvm_vcpu_request_stop(RunState state)
{
    __atomic_store_n(&vcpu_request_stop, (int)state + 1, __ATOMIC_SEQ_CST);
    qemu_bh_schedule(vcpu_request_bh);
    cpu_stop_current();
}

/* ---- exits ---- */

static int kvm_handle_io(CPUState *cpu, struct kvm_run *run)
{
    KVMState *s = kvm_state;
    uint8_t *data = (uint8_t *)run + run->io.data_offset;
    uint64_t bytes = (uint64_t)run->io.count * run->io.size;
    bool is_write = run->io.direction == KVM_EXIT_IO_OUT;

    /* The kernel keeps the data inside the mapping; check anyway. */
    if (run->io.data_offset > (uint64_t)s->vcpu_mmap_size ||
        bytes > s->vcpu_mmap_size - run->io.data_offset) {
        return 0;
    }
    qemu_mutex_lock_iothread();
    for (uint32_t i = 0; i < run->io.count; i++) {
        address_space_rw(&address_space_io, run->io.port,
                         MEMTXATTRS_UNSPECIFIED, data, run->io.size,
                         is_write);
        data += run->io.size;
    }
    qemu_mutex_unlock_iothread();
    return 0;
}

static int kvm_handle_mmio(CPUState *cpu, struct kvm_run *run)
{
    uint32_t len = MIN(run->mmio.len, (uint32_t)sizeof(run->mmio.data));

    qemu_mutex_lock_iothread();
    address_space_rw(&address_space_memory, run->mmio.phys_addr,
                     MEMTXATTRS_UNSPECIFIED, run->mmio.data, len,
                     run->mmio.is_write);
    qemu_mutex_unlock_iothread();
    return 0;
}

static int kvm_handle_internal_error(CPUState *cpu, struct kvm_run *run)
{
    error_printf("KVM internal error. Suberror: %u\n",
                 run->internal.suberror);
    if (kvm_state->has_internal_error_data) {
        uint32_t n = MIN(run->internal.ndata,
                         (uint32_t)ARRAY_SIZE(run->internal.data));

        for (uint32_t i = 0; i < n; i++) {
            error_printf("extra data[%u]: 0x%016" PRIx64 "\n", i,
                         (uint64_t)run->internal.data[i]);
        }
    }
    if (run->internal.suberror == KVM_INTERNAL_ERROR_EMULATION) {
        error_printf("emulation failure\n");
        /* A user-mode program cannot be allowed to stop the VM. */
        if (!kvm_arch_stop_on_emulation_error(cpu)) {
            GString *out = g_string_new(NULL);

            cpu_dump_state(cpu, out, CPU_DUMP_CODE);
            error_printf("%s", out->str);
            g_string_free(out, true);
            return EXCP_INTERRUPT;
        }
    }
    return -1;
}

static int kvm_handle_system_event(CPUState *cpu, struct kvm_run *run)
{
    switch (run->system_event.type) {
    case KVM_SYSTEM_EVENT_SHUTDOWN:
        qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
        return EXCP_INTERRUPT;
    case KVM_SYSTEM_EVENT_RESET:
        qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
        return EXCP_INTERRUPT;
    case KVM_SYSTEM_EVENT_CRASH:
        cpu_synchronize_state(cpu);
        __atomic_store_n(&vcpu_request_panic, 1, __ATOMIC_SEQ_CST);
        qemu_bh_schedule(vcpu_request_bh);
        cpu_stop_current();
        return EXCP_INTERRUPT;
    default:
        return kvm_arch_handle_exit(cpu, run);
    }
}

static int kvm_handle_exit(CPUState *cpu, struct kvm_run *run)
{
    switch (run->exit_reason) {
    case KVM_EXIT_IO:
        return kvm_handle_io(cpu, run);
    case KVM_EXIT_MMIO:
        return kvm_handle_mmio(cpu, run);
    case KVM_EXIT_IRQ_WINDOW_OPEN:
    case KVM_EXIT_INTR:
        return EXCP_INTERRUPT;
    case KVM_EXIT_SHUTDOWN:
        /*
         * A triple fault.  The VM resets (or, with -no-reboot, shuts down)
         * from the main loop; this vCPU must not run again before that.
         */
        qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
        cpu_stop_current();
        return EXCP_INTERRUPT;
    case KVM_EXIT_UNKNOWN:
        error_printf("KVM: unknown exit, hardware reason %" PRIx64 "\n",
                     (uint64_t)run->hw.hardware_exit_reason);
        return -1;
    case KVM_EXIT_INTERNAL_ERROR:
        return kvm_handle_internal_error(cpu, run);
    case KVM_EXIT_SYSTEM_EVENT:
        return kvm_handle_system_event(cpu, run);
    default:
        return kvm_arch_handle_exit(cpu, run);
    }
}

/* Enter the guest until something needs the outside world. */
static int kvm_cpu_exec(CPUState *cpu)
{
    struct kvm_run *run = cpu->kvm_run;
    int ret = 0, run_ret;

    if (kvm_arch_process_async_events(cpu)) {
        __atomic_store_n(&cpu->exit_request, false, __ATOMIC_SEQ_CST);
        return EXCP_HLT;
    }
    do {
        if (cpu->vcpu_dirty) {
            ret = kvm_arch_put_registers(cpu, KVM_PUT_RUNTIME_STATE);
            if (ret < 0) {
                error_report("Failed to put registers after init: %s",
                             strerror(-ret));
                ret = -1;
                break;
            }
            cpu->vcpu_dirty = false;
        }
        kvm_arch_pre_run(cpu, run);
        if (__atomic_load_n(&cpu->exit_request, __ATOMIC_SEQ_CST)) {
            __atomic_store_n(&run->immediate_exit, 1, __ATOMIC_SEQ_CST);
        }
        run_ret = kvm_vcpu_ioctl(cpu, KVM_RUN, NULL);
        __atomic_store_n(&run->immediate_exit, 0, __ATOMIC_SEQ_CST);
        kvm_arch_post_run(cpu, run);

        if (run_ret < 0) {
            if (run_ret == -EINTR || run_ret == -EAGAIN) {
                ret = EXCP_INTERRUPT;
                break;
            }
            error_printf("error: kvm run failed %s\n", strerror(-run_ret));
            ret = -1;
            break;
        }
        ret = kvm_handle_exit(cpu, run);
    } while (ret == 0);

    if (ret < 0) {
        GString *out = g_string_new(NULL);

        cpu_dump_state(cpu, out, CPU_DUMP_CODE);
        error_printf("%s", out->str);
        g_string_free(out, true);
        kvm_vcpu_request_stop(RUN_STATE_INTERNAL_ERROR);
    }
    __atomic_store_n(&cpu->exit_request, false, __ATOMIC_SEQ_CST);
    return ret;
}

/* ---- the vCPU thread ---- */

static void *kvm_vcpu_thread_fn(void *arg)
{
    CPUState *cpu = arg;
    char name[16];
    sigset_t set;

    current_cpu_set(cpu);
    snprintf(name, sizeof(name), "CPU %d/KVM", cpu->cpu_index);
    qemu_thread_set_name(name);
    sigemptyset(&set);
    sigaddset(&set, SIG_IPI);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    cpu_thread_signal_created(cpu);

    do {
        if (cpu_can_run(cpu)) {
            kvm_cpu_exec(cpu);
        }
        qemu_wait_io_event(cpu);
    } while (!cpu->unplug);

    current_cpu_set(NULL);
    return NULL;
}

static void kvm_start_vcpu_thread(CPUState *cpu)
{
    sigset_t all, old;
    int ret;

    /* The thread starts with every signal blocked; it opens SIG_IPI. */
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    ret = pthread_create(&cpu->thread, NULL, kvm_vcpu_thread_fn, cpu);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (ret) {
        error_report("failed to create the thread of CPU %d: %s",
                     cpu->cpu_index, strerror(ret));
        cpu->thread_id = -1;
        return;
    }
    pthread_detach(cpu->thread);
}

static void kvm_kick_vcpu_thread(CPUState *cpu)
{
    __atomic_store_n(&cpu->exit_request, true, __ATOMIC_SEQ_CST);
    if (!qemu_cpu_is_self(cpu)) {
        pthread_kill(cpu->thread, SIG_IPI);
    }
}

static bool kvm_init_vcpu(CPUState *cpu, Error **errp)
{
    KVMState *s = kvm_state;
    CPUClass *cc = CPU_GET_CLASS(cpu);
    unsigned long id = cc->get_arch_id ? (unsigned long)cc->get_arch_id(cpu)
                                       : (unsigned long)cpu->cpu_index;
    int ret;

    ret = kvm_vm_ioctl(s, KVM_CREATE_VCPU, (void *)id);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "kvm_init_vcpu: kvm_get_vcpu failed "
                         "(%lu)", id);
        return false;
    }
    cpu->kvm_fd = ret;
    cpu->kvm_run = mmap(NULL, s->vcpu_mmap_size, PROT_READ | PROT_WRITE,
                        MAP_SHARED, cpu->kvm_fd, 0);
    if (cpu->kvm_run == MAP_FAILED) {
        error_setg_errno(errp, errno, "kvm_init_vcpu: mmap'ing vcpu state "
                         "failed (%lu)", id);
        goto fail;
    }
    if (!kvm_arch_init_vcpu(cpu, errp)) {
        munmap(cpu->kvm_run, s->vcpu_mmap_size);
        goto fail;
    }
    /* CPUState holds the reset state: it goes in before the first run. */
    cpu->vcpu_dirty = true;
    return true;

fail:
    cpu->kvm_run = NULL;
    close(cpu->kvm_fd);
    cpu->kvm_fd = -1;
    return false;
}

/* ---- register synchronization ---- */

static void do_kvm_synchronize_state(CPUState *cpu, void *data)
{
    int ret;

    if (cpu->vcpu_dirty) {
        return;
    }
    ret = kvm_arch_get_registers(cpu);
    if (ret < 0) {
        error_report("Failed to get registers: %s", strerror(-ret));
        return;
    }
    cpu->vcpu_dirty = true;
}

static void kvm_cpu_synchronize_state(CPUState *cpu)
{
    if (!cpu->vcpu_dirty) {
        run_on_cpu(cpu, do_kvm_synchronize_state, NULL);
    }
}

static void do_kvm_put(CPUState *cpu, void *data)
{
    int level = (int)(intptr_t)data;
    int ret;

    if (level == KVM_PUT_RESET_STATE) {
        kvm_arch_reset_vcpu(cpu);
    }
    ret = kvm_arch_put_registers(cpu, level);
    if (ret < 0) {
        error_report("Failed to put registers: %s", strerror(-ret));
        cpu->vcpu_dirty = true;
        return;
    }
    cpu->vcpu_dirty = false;
}

static void kvm_cpu_synchronize_post_reset(CPUState *cpu)
{
    run_on_cpu(cpu, do_kvm_put, (void *)(intptr_t)KVM_PUT_RESET_STATE);
}

static void kvm_cpu_synchronize_post_init(CPUState *cpu)
{
    run_on_cpu(cpu, do_kvm_put, (void *)(intptr_t)KVM_PUT_FULL_STATE);
}

/* With the in-kernel irqchip, HLT waits inside KVM_RUN. */
static bool kvm_vcpu_thread_is_idle(CPUState *cpu)
{
    return !kvm_irqchip_in_kernel();
}

const AccelOpsClass kvm_accel_ops = {
    .create_vcpu_thread = kvm_start_vcpu_thread,
    .kick_vcpu_thread = kvm_kick_vcpu_thread,
    .synchronize_state = kvm_cpu_synchronize_state,
    .synchronize_post_reset = kvm_cpu_synchronize_post_reset,
    .synchronize_post_init = kvm_cpu_synchronize_post_init,
    .cpu_thread_is_idle = kvm_vcpu_thread_is_idle,
    .init_vcpu = kvm_init_vcpu,
};
