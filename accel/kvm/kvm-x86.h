/*
 * kvm-x86.h: x86 specifics of the KVM accelerator shared by kvm-x86.c
 * (vCPU setup, run hooks, exits), kvm-x86-regs.c (register get/put) and
 * kvm-x86-cpuid.c (CPUID): the per-vCPU private state and the MSR and
 * CPUID numbers used (SDM vol. 4; Documentation/virt/kvm/x86/msr.rst for
 * the paravirtual ones).
 */
#ifndef ACCEL_KVM_X86_H
#define ACCEL_KVM_X86_H

#include "accel/kvm/kvm-internal.h"
#include "target/i386/cpu.h"

/* CPUState.accel of a KVM x86 vCPU. */
typedef struct KVMX86Vcpu {
    /* The kernel's XSAVE image as last read: components this emulator
     * does not model (AVX-512, PKRU, ...) go back unchanged. */
    struct kvm_xsave *xsave;
    bool xsave_valid;
    bool nmi_masked;            /* KVM_GET_VCPU_EVENTS nmi.masked */
} KVMX86Vcpu;

static inline KVMX86Vcpu *kvm_x86_vcpu(CPUState *cpu)
{
    return cpu->accel;
}

/* Architectural MSRs. */
#define KVM_MSR_IA32_TSC            0x00000010
#define KVM_MSR_IA32_TSC_ADJUST     0x0000003b
#define KVM_MSR_IA32_SPEC_CTRL      0x00000048
#define KVM_MSR_IA32_SYSENTER_CS    0x00000174
#define KVM_MSR_IA32_SYSENTER_ESP   0x00000175
#define KVM_MSR_IA32_SYSENTER_EIP   0x00000176
#define KVM_MSR_MCG_STATUS          0x0000017a
#define KVM_MSR_IA32_MISC_ENABLE    0x000001a0
#define KVM_MSR_MTRR_PHYS_BASE(n)   (0x00000200 + 2 * (n))
#define KVM_MSR_MTRR_PHYS_MASK(n)   (0x00000201 + 2 * (n))
#define KVM_MSR_MTRR_FIX64K_00000   0x00000250
#define KVM_MSR_MTRR_FIX16K_80000   0x00000258
#define KVM_MSR_MTRR_FIX16K_A0000   0x00000259
#define KVM_MSR_MTRR_FIX4K_C0000    0x00000268   /* .. 0x26f */
#define KVM_MSR_PAT                 0x00000277
#define KVM_MSR_MTRR_DEF_TYPE       0x000002ff
#define KVM_MSR_IA32_TSC_DEADLINE   0x000006e0
#define KVM_MSR_STAR                0xc0000081
#define KVM_MSR_LSTAR               0xc0000082
#define KVM_MSR_CSTAR               0xc0000083
#define KVM_MSR_FMASK               0xc0000084
#define KVM_MSR_KERNEL_GS_BASE      0xc0000102
#define KVM_MSR_TSC_AUX             0xc0000103

/* Paravirtual (kvmclock and friends). */
#define KVM_MSR_PV_WALL_CLOCK       0x00000011
#define KVM_MSR_PV_SYSTEM_TIME      0x00000012
#define KVM_MSR_PV_WALL_CLOCK_NEW   0x4b564d00
#define KVM_MSR_PV_SYSTEM_TIME_NEW  0x4b564d01
#define KVM_MSR_PV_ASYNC_PF_EN      0x4b564d02
#define KVM_MSR_PV_STEAL_TIME       0x4b564d03
#define KVM_MSR_PV_EOI_EN           0x4b564d04

/* CPUID bits not named in target/i386/cpu.h. */
#define KVM_X86_CPUID_1_EDX_MCE     (1U << 7)
#define KVM_X86_CPUID_1_EDX_MTRR    (1U << 12)
#define KVM_X86_CPUID_1_EDX_MCA     (1U << 14)
#define KVM_X86_CPUID_1_ECX_AVX     (1U << 28)
#define KVM_X86_CPUID_1_ECX_VMX     (1U << 5)
#define KVM_X86_CPUID_6_EAX_ARAT    (1U << 2)
#define KVM_X86_CPUID_7_EDX_SPEC_CTRL (1U << 26)
/* KVM paravirtual feature bits (CPUID 0x40000001 EAX, EDX). */
#define KVM_X86_FEATURE_CLOCKSOURCE   0
#define KVM_X86_FEATURE_CLOCKSOURCE2  3
#define KVM_X86_FEATURE_ASYNC_PF      4
#define KVM_X86_FEATURE_STEAL_TIME    5
#define KVM_X86_FEATURE_PV_EOI        6
#define KVM_X86_FEATURE_PV_UNHALT     7
#define KVM_X86_FEATURE_MSI_EXT_DEST_ID 15
#define KVM_X86_HINTS_REALTIME        0

/* kvm-x86-regs.c */
bool kvm_x86_is_bsp(CPUState *cpu);

#endif
