/*
 * x86-io-regs.c: the calling vCPU's general registers for I/O callbacks
 * (include/hw/i386/x86-io-regs.h).
 */
#include "qemu/osdep.h"
#include "hw/i386/x86-io-regs.h"
#include "hw/core/cpu.h"
#include "sysemu/kvm.h"
#include "target/i386/cpu.h"

/* KVM's local APIC timer runs at a fixed 1 GHz. */
#define KVM_APIC_BUS_HZ 1000000000u

static X86CPU *io_cpu(void)
{
    CPUState *cs = current_cpu_get();

    if (!cs || !object_dynamic_cast(OBJECT(cs), TYPE_X86_CPU)) {
        return NULL;
    }
    return X86_CPU(cs);
}

bool x86_io_regs_get(X86IoRegs *regs)
{
    X86CPU *cpu = io_cpu();
    CPUX86State *env;

    if (!cpu) {
        return false;
    }
    cpu_synchronize_state(CPU(cpu));
    env = &cpu->env;
    regs->rax = env->regs[R_EAX];
    regs->rbx = env->regs[R_EBX];
    regs->rcx = env->regs[R_ECX];
    regs->rdx = env->regs[R_EDX];
    regs->rsi = env->regs[R_ESI];
    regs->rdi = env->regs[R_EDI];
    return true;
}

void x86_io_regs_put(const X86IoRegs *regs)
{
    X86CPU *cpu = io_cpu();
    CPUX86State *env;

    if (!cpu) {
        return;
    }
    /* Normally a no-op (get already synchronized); it keeps the state
     * marked dirty if something wrote it back in between. */
    cpu_synchronize_state(CPU(cpu));
    env = &cpu->env;
    env->regs[R_EAX] = regs->rax;
    env->regs[R_EBX] = regs->rbx;
    env->regs[R_ECX] = regs->rcx;
    env->regs[R_EDX] = regs->rdx;
    env->regs[R_ESI] = regs->rsi;
    env->regs[R_EDI] = regs->rdi;
}

bool x86_io_cpu_info(X86IoCpuInfo *info)
{
    X86CPU *cpu = io_cpu();

    if (!cpu) {
        return false;
    }
    info->x2apic = !!(cpu->env.features[FEAT_1_ECX] & CPUID_EXT_X2APIC);
    info->tsc_hz = cpu->tsc_khz > 0 ? (uint64_t)cpu->tsc_khz * 1000 : 0;
    info->apic_bus_hz = kvm_enabled() ? KVM_APIC_BUS_HZ : 0;
    return true;
}
