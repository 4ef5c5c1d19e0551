/*
 * kvm-x86.c: the x86 side of a KVM vCPU: setup (CPUID, TSC frequency,
 * XSAVE buffer), reset, the hooks around KVM_RUN, and the x86 exits.
 *
 * With the in-kernel irqchip the kernel delivers interrupts, handles HLT
 * and INIT/SIPI itself (mp_state).  With kernel_irqchip=off (and, for the
 * 8259, split) the userspace models raise CPU_INTERRUPT_* bits; this file
 * then injects the vector from cpu_get_pic_interrupt() with KVM_INTERRUPT
 * when the guest can take it (asking for an interrupt-window exit
 * otherwise), and carries out INIT and SIPI (SDM vol. 3, 9.1 and 8.4).
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "accel/kvm/kvm-x86.h"
#include "hw/i386/apic_internal.h"
#include "hw/intc/ioapic.h"
#include "hw/i386/kvm/kvm-devices.h"

/* VM-entry failure reason "invalid guest state" (SDM vol. 3, 26.8). */
#define VMX_INVALID_GUEST_STATE 33

static bool kvm_set_tsc_khz(CPUState *cpu, Error **errp)
{
    X86CPU *x = X86_CPU(cpu);
    int cur;

    if (x->tsc_khz <= 0) {
        return true;
    }
    if (kvm_check_extension(kvm_state, KVM_CAP_TSC_CONTROL) &&
        kvm_vcpu_ioctl(cpu, KVM_SET_TSC_KHZ,
                       (void *)(uintptr_t)x->tsc_khz) >= 0) {
        return true;
    }
    cur = kvm_check_extension(kvm_state, KVM_CAP_GET_TSC_KHZ) ?
          kvm_vcpu_ioctl(cpu, KVM_GET_TSC_KHZ, NULL) : -ENOTSUP;
    if (cur <= 0 || cur != x->tsc_khz) {
        error_setg(errp, "TSC frequency mismatch between VM (%" PRId64
                   " kHz) and host (%d kHz), and TSC scaling unavailable",
                   x->tsc_khz, cur);
        return false;
    }
    return true;
}

bool kvm_arch_init_vcpu(CPUState *cpu, Error **errp)
{
    KVMX86Vcpu *v = g_new0(KVMX86Vcpu, 1);

    v->xsave = g_malloc0(MAX(kvm_state->xsave_size,
                             (int)sizeof(struct kvm_xsave)));
    cpu->accel = v;
    if (!kvm_arch_set_cpuid(cpu, errp) || !kvm_set_tsc_khz(cpu, errp)) {
        g_free(v->xsave);
        g_free(v);
        cpu->accel = NULL;
        return false;
    }
    return true;
}

/*
 * After CPUClass.reset: the KVM-specific parts of the power-on state.
 * With the in-kernel APIC an AP waits for INIT/SIPI in the kernel; with
 * the userspace one it is halted here until its SIPI.
 */
void kvm_arch_reset_vcpu(CPUState *cpu)
{
    CPUX86State *env = &X86_CPU(cpu)->env;
    bool bsp = kvm_x86_is_bsp(cpu);

    env->xcr0 |= 1;
    kvm_x86_vcpu(cpu)->nmi_masked = false;
    if (kvm_irqchip_in_kernel()) {
        env->mp_state = bsp ? KVM_MP_STATE_RUNNABLE
                            : KVM_MP_STATE_UNINITIALIZED;
    } else {
        env->mp_state = KVM_MP_STATE_RUNNABLE;
        cpu->halted = !bsp && cpu_get_apic(cpu);
    }
}

/* ---- around KVM_RUN ---- */

void kvm_arch_pre_run(CPUState *cpu, struct kvm_run *run)
{
    CPUX86State *env = &X86_CPU(cpu)->env;
    uint32_t req = __atomic_load_n(&cpu->interrupt_request, __ATOMIC_SEQ_CST);

    if (req & CPU_INTERRUPT_NMI) {
        cpu_reset_interrupt(cpu, CPU_INTERRUPT_NMI);
        kvm_vcpu_ioctl(cpu, KVM_NMI, NULL);
    }
    if (kvm_pic_in_kernel()) {
        return;
    }

    qemu_mutex_lock_iothread();
    /* INIT is carried out between runs (kvm_arch_process_async_events). */
    if ((req & CPU_INTERRUPT_INIT) && !kvm_irqchip_in_kernel()) {
        __atomic_store_n(&cpu->exit_request, true, __ATOMIC_SEQ_CST);
    }
    if (run->ready_for_interrupt_injection &&
        (cpu->interrupt_request & CPU_INTERRUPT_HARD) &&
        (env->eflags & IF_MASK)) {
        int vector;

        cpu_reset_interrupt(cpu, CPU_INTERRUPT_HARD);
        vector = cpu_get_pic_interrupt(cpu);
        if (vector >= 0) {
            struct kvm_interrupt intr = { .irq = vector };

            if (kvm_vcpu_ioctl(cpu, KVM_INTERRUPT, &intr) < 0) {
                error_report("KVM: injection of interrupt %d failed",
                             vector);
            }
        }
    }
    /* Not ready yet: come back as soon as the guest can take it. */
    run->request_interrupt_window =
        (cpu->interrupt_request & CPU_INTERRUPT_HARD) != 0;
    if (!kvm_irqchip_in_kernel()) {
        run->cr8 = cpu_get_apic_tpr(cpu_get_apic(cpu));
    }
    qemu_mutex_unlock_iothread();
}

void kvm_arch_post_run(CPUState *cpu, struct kvm_run *run)
{
    CPUX86State *env = &X86_CPU(cpu)->env;
    DeviceState *apic = cpu_get_apic(cpu);

    if (run->if_flag) {
        env->eflags |= IF_MASK;
    } else {
        env->eflags &= ~IF_MASK;
    }
    env->apic_base = run->apic_base;
    if (!apic) {
        return;
    }
    if (kvm_irqchip_in_kernel()) {
        /* The kernel's APIC is the live one: mirror TPR and base. */
        APICCommonState *s = APIC_COMMON(apic);

        s->tpr = (run->cr8 & 0x0f) << 4;
        s->apicbase = run->apic_base;
        return;
    }
    qemu_mutex_lock_iothread();
    cpu_set_apic_tpr(apic, run->cr8);
    if (cpu_get_apic_base(apic) != run->apic_base) {
        cpu_set_apic_base(apic, run->apic_base);
    }
    qemu_mutex_unlock_iothread();
}

bool kvm_arch_process_async_events(CPUState *cpu)
{
    CPUX86State *env = &X86_CPU(cpu)->env;
    uint32_t req = __atomic_load_n(&cpu->interrupt_request, __ATOMIC_SEQ_CST);

    if (req & CPU_INTERRUPT_SMI) {
        /*
         * No SMM under KVM yet (pc_smm_enabled()): an SMI (an APM port
         * write) is lost, rather than left pending to wake a halted vCPU
         * for ever.
         */
        cpu_reset_interrupt(cpu, CPU_INTERRUPT_SMI);
    }
    if (kvm_irqchip_in_kernel()) {
        return false;
    }
    if (req & CPU_INTERRUPT_POLL) {
        cpu_reset_interrupt(cpu, CPU_INTERRUPT_POLL);
        qemu_mutex_lock_iothread();
        apic_poll_irq(cpu_get_apic(cpu));
        qemu_mutex_unlock_iothread();
    }
    if (req & CPU_INTERRUPT_INIT) {
        cpu_synchronize_state(cpu);
        cpu_reset_interrupt(cpu, CPU_INTERRUPT_INIT);
        qemu_mutex_lock_iothread();
        x86_cpu_do_init(cpu);
        qemu_mutex_unlock_iothread();
    }
    req = __atomic_load_n(&cpu->interrupt_request, __ATOMIC_SEQ_CST);
    if (((req & CPU_INTERRUPT_HARD) && (env->eflags & IF_MASK)) ||
        (req & CPU_INTERRUPT_NMI)) {
        cpu->halted = false;
    }
    if (req & CPU_INTERRUPT_SIPI) {
        int vector;

        cpu_synchronize_state(cpu);
        qemu_mutex_lock_iothread();
        vector = apic_sipi(cpu_get_apic(cpu));
        qemu_mutex_unlock_iothread();
        cpu_reset_interrupt(cpu, CPU_INTERRUPT_SIPI);
        if (vector >= 0) {
            x86_cpu_do_sipi(cpu, vector);
        }
    }
    return cpu->halted;
}

/* ---- exits ---- */

static int kvm_handle_halt(CPUState *cpu)
{
    CPUX86State *env = &X86_CPU(cpu)->env;
    uint32_t req = __atomic_load_n(&cpu->interrupt_request, __ATOMIC_SEQ_CST);

    if (!((req & CPU_INTERRUPT_HARD) && (env->eflags & IF_MASK)) &&
        !(req & CPU_INTERRUPT_NMI)) {
        cpu->halted = true;
        return EXCP_HLT;
    }
    return 0;
}

static bool host_has_vmx(void)
{
    uint32_t eax, ebx, ecx, edx;

    __asm__ volatile("cpuid" : "=a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx)
                     : "a"(1), "c"(0));
    return ecx & KVM_X86_CPUID_1_ECX_VMX;
}

int kvm_arch_handle_exit(CPUState *cpu, struct kvm_run *run)
{
    uint64_t code;

    switch (run->exit_reason) {
    case KVM_EXIT_HLT:
        return kvm_handle_halt(cpu);
    case KVM_EXIT_SET_TPR:
        if (!kvm_irqchip_in_kernel()) {
            qemu_mutex_lock_iothread();
            cpu_set_apic_tpr(cpu_get_apic(cpu), run->cr8);
            qemu_mutex_unlock_iothread();
        }
        return 0;
    case KVM_EXIT_TPR_ACCESS:
        return 0;
    case KVM_EXIT_IOAPIC_EOI:
        qemu_mutex_lock_iothread();
        ioapic_eoi_broadcast(run->eoi.vector);
        qemu_mutex_unlock_iothread();
        return 0;
    case KVM_EXIT_DEBUG:
        /* No debugger attached: nothing asked for it; go on. */
        return EXCP_INTERRUPT;
    case KVM_EXIT_FAIL_ENTRY:
        code = run->fail_entry.hardware_entry_failure_reason;
        error_printf("KVM: entry failed, hardware error 0x%" PRIx64 "\n",
                     code);
        if (host_has_vmx() && code == VMX_INVALID_GUEST_STATE) {
            error_printf("\nIf you're running a guest on an Intel machine "
                         "without unrestricted mode\n"
                         "support, the failure can be most likely due to "
                         "the guest entering an invalid\n"
                         "state for Intel VT. For example, the guest maybe "
                         "running in big real mode\n"
                         "which is not supported on less recent Intel "
                         "processors.\n\n");
        }
        return -1;
    case KVM_EXIT_EXCEPTION:
        error_printf("KVM: exception %d exit (error code 0x%x)\n",
                     run->ex.exception, run->ex.error_code);
        return -1;
    default:
        error_printf("KVM: unknown exit reason %d\n", run->exit_reason);
        return -1;
    }
}

/* An emulation failure in user mode is the program's problem, not the
 * VM's: only kernel code stops the VM. */
bool kvm_arch_stop_on_emulation_error(CPUState *cpu)
{
    CPUX86State *env = &X86_CPU(cpu)->env;

    cpu_synchronize_state(cpu);
    return !(env->cr[0] & CR0_PE_MASK) ||
           (env->segs[R_CS].selector & 3) != 3;
}
