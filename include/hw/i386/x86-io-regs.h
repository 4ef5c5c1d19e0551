/*
 * x86-io-regs.h: the general registers of the vCPU whose I/O access is
 * being handled, for the few port devices that use them as an extra
 * channel (the VMware backdoor, hw/misc/vmport.c: a guest passes a magic
 * number in EAX, a command in ECX, arguments in EBX/EDX/ESI/EDI, and gets
 * results back in all of them).
 *
 * Only an I/O callback running in a vCPU thread (current_cpu_get()) may
 * use it.  x86_io_regs_get() synchronizes the CPU state first
 * (cpu_synchronize_state(): with KVM this fetches the registers from the
 * kernel in the middle of the IN/OUT exit and marks them dirty, so the
 * vCPU loop writes them back before KVM_RUN re-enters the guest, exactly
 * as the reference does).  Whether the value an IN callback returns still
 * reaches EAX after such a write-back depends on the kernel (on this
 * project's test host the written registers win, on the reference too),
 * so a callback that changes registers also stores its IN result in
 * rax.  The software CPU's registers live in CPUX86State: it must not
 * hold them elsewhere across an I/O access.  No device sees the
 * accelerator or the CPU struct.
 *
 * Values are the full 64-bit registers; a command that writes a 32-bit
 * result stores it zero-extended, as a 32-bit register write does.
 */
#ifndef HW_I386_X86_IO_REGS_H
#define HW_I386_X86_IO_REGS_H

#include "qemu/osdep.h"

typedef struct X86IoRegs {
    uint64_t rax, rbx, rcx, rdx, rsi, rdi;
} X86IoRegs;

/* Facts about the calling vCPU that the backdoor reports. */
typedef struct X86IoCpuInfo {
    bool x2apic;            /* CPUID[1].ECX bit 21 */
    uint64_t tsc_hz;        /* 0: not known */
    uint32_t apic_bus_hz;   /* 0: not known */
} X86IoCpuInfo;

/*
 * Read the calling vCPU's general registers into regs.  False (regs
 * untouched) when the caller is not an x86 vCPU thread (the monitor, a
 * test without a current CPU).
 */
bool x86_io_regs_get(X86IoRegs *regs);
/* Write regs back to the calling vCPU (no-op without one). */
void x86_io_regs_put(const X86IoRegs *regs);
/*
 * The calling vCPU's facts; false without one.  The TSC frequency is the
 * CPU's "tsc-frequency"; the APIC bus frequency is known (1 GHz) with
 * KVM only, whose local APIC runs at that rate, as on the reference.
 */
bool x86_io_cpu_info(X86IoCpuInfo *info);

#endif
