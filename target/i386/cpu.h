/*
 * cpu.h: the x86 CPU shared by both accelerators.
 *
 * X86CPU is the QOM device ("TYPE-x86_64-cpu" per model, e.g.
 * "SandyBridge-x86_64-cpu", all derived from "x86_64-cpu" and TYPE_CPU).
 * CPUX86State holds the architectural state in one layout: the KVM
 * accelerator copies it to and from the kernel (get/put), the software CPU
 * executes on it directly.  The CPUID feature words come from the model
 * table (target/i386/cpu-models.c) adjusted by -cpu +flag/-flag and by
 * what the accelerator can provide; the same words answer CPUID for both
 * accelerators.
 */
#ifndef TARGET_I386_CPU_H
#define TARGET_I386_CPU_H

#include "hw/core/cpu.h"

#define TYPE_X86_CPU "x86_64-cpu"
#define X86_CPU_TYPE_SUFFIX "-" TYPE_X86_CPU
#define X86_CPU_TYPE_NAME(name) (name X86_CPU_TYPE_SUFFIX)

/* General register indexes (the ModRM encoding order). */
enum {
    R_EAX = 0, R_ECX = 1, R_EDX = 2, R_EBX = 3,
    R_ESP = 4, R_EBP = 5, R_ESI = 6, R_EDI = 7,
    R_R8 = 8, R_R9, R_R10, R_R11, R_R12, R_R13, R_R14, R_R15,
    CPU_NB_REGS = 16
};
/* Segment register indexes. */
enum { R_ES = 0, R_CS = 1, R_SS = 2, R_DS = 3, R_FS = 4, R_GS = 5 };

/* Descriptor flags as stored in SegmentCache.flags (the high dword of the
 * descriptor: type at bit 8, S 12, DPL 13-14, P 15, AVL 20, L 21, DB 22,
 * G 23) - the layout the SDM gives for the second descriptor word. */
#define DESC_TYPE_SHIFT 8
#define DESC_S_MASK   (1 << 12)
#define DESC_DPL_SHIFT 13
#define DESC_P_MASK   (1 << 15)
#define DESC_AVL_MASK (1 << 20)
#define DESC_L_MASK   (1 << 21)
#define DESC_B_MASK   (1 << 22)
#define DESC_G_MASK   (1 << 23)

typedef struct SegmentCache {
    uint32_t selector;
    uint64_t base;
    uint32_t limit;             /* expanded (granularity applied) */
    uint32_t flags;
} SegmentCache;

typedef union XMMReg {
    uint8_t b[16];
    uint16_t w[8];
    uint32_t l[4];
    uint64_t q[2];
    float s[4];
    double d[2];
} XMMReg;

typedef struct FPReg {
    uint64_t mant;              /* 80-bit extended: 64-bit significand */
    uint16_t exp;               /* sign and exponent */
} FPReg;

/* CPUID feature words. */
typedef enum FeatureWord {
    FEAT_1_EDX,         /* CPUID[1].EDX */
    FEAT_1_ECX,         /* CPUID[1].ECX */
    FEAT_7_0_EBX,       /* CPUID[EAX=7,ECX=0].EBX */
    FEAT_7_0_ECX,
    FEAT_7_0_EDX,
    FEAT_7_1_EAX,
    FEAT_8000_0001_EDX,
    FEAT_8000_0001_ECX,
    FEAT_8000_0007_EDX,
    FEAT_8000_0008_EBX,
    FEAT_C000_0001_EDX,
    FEAT_KVM,           /* CPUID[4000_0001].EAX */
    FEAT_KVM_HINTS,     /* CPUID[4000_0001].EDX */
    FEAT_SVM,           /* CPUID[8000_000A].EDX */
    FEAT_XSAVE,         /* CPUID[EAX=0xd,ECX=1].EAX */
    FEAT_6_EAX,         /* CPUID[6].EAX */
    FEAT_XSAVE_COMP_LO, /* CPUID[EAX=0xd,ECX=0].EAX */
    FEAT_XSAVE_COMP_HI, /* CPUID[EAX=0xd,ECX=0].EDX */
    FEAT_ARCH_CAPABILITIES,
    FEATURE_WORDS,
} FeatureWord;

/* Selected bits used outside the model table. */
#define CPUID_FP87   (1U << 0)
#define CPUID_PSE    (1U << 3)
#define CPUID_TSC    (1U << 4)
#define CPUID_MSR    (1U << 5)
#define CPUID_PAE    (1U << 6)
#define CPUID_CX8    (1U << 8)
#define CPUID_APIC   (1U << 9)
#define CPUID_SEP    (1U << 11)
#define CPUID_PGE    (1U << 13)
#define CPUID_CMOV   (1U << 15)
#define CPUID_PAT    (1U << 16)
#define CPUID_CLFLUSH (1U << 19)
#define CPUID_MMX    (1U << 23)
#define CPUID_FXSR   (1U << 24)
#define CPUID_SSE    (1U << 25)
#define CPUID_SSE2   (1U << 26)
#define CPUID_HT     (1U << 28)
#define CPUID_EXT_SSE3   (1U << 0)
#define CPUID_EXT_SSSE3  (1U << 9)
#define CPUID_EXT_CX16   (1U << 13)
#define CPUID_EXT_SSE41  (1U << 19)
#define CPUID_EXT_SSE42  (1U << 20)
#define CPUID_EXT_X2APIC (1U << 21)
#define CPUID_EXT_POPCNT (1U << 23)
#define CPUID_EXT_TSC_DEADLINE_TIMER (1U << 24)
#define CPUID_EXT_XSAVE  (1U << 26)
#define CPUID_EXT_OSXSAVE (1U << 27)
#define CPUID_EXT_HYPERVISOR (1U << 31)
#define CPUID_EXT2_SYSCALL (1U << 11)
#define CPUID_EXT2_NX    (1U << 20)
#define CPUID_EXT2_PDPE1GB (1U << 26)
#define CPUID_EXT2_RDTSCP (1U << 27)
#define CPUID_EXT2_LM    (1U << 29)
#define CPUID_EXT3_LAHF_LM (1U << 0)

/* Control register bits. */
#define CR0_PE_MASK (1U << 0)
#define CR0_MP_MASK (1U << 1)
#define CR0_EM_MASK (1U << 2)
#define CR0_TS_MASK (1U << 3)
#define CR0_ET_MASK (1U << 4)
#define CR0_NE_MASK (1U << 5)
#define CR0_WP_MASK (1U << 16)
#define CR0_AM_MASK (1U << 18)
#define CR0_NW_MASK (1U << 29)
#define CR0_CD_MASK (1U << 30)
#define CR0_PG_MASK (1U << 31)
#define CR4_VME_MASK (1U << 0)
#define CR4_PVI_MASK (1U << 1)
#define CR4_TSD_MASK (1U << 2)
#define CR4_DE_MASK  (1U << 3)
#define CR4_PSE_MASK (1U << 4)
#define CR4_PAE_MASK (1U << 5)
#define CR4_MCE_MASK (1U << 6)
#define CR4_PGE_MASK (1U << 7)
#define CR4_PCE_MASK (1U << 8)
#define CR4_OSFXSR_MASK (1U << 9)
#define CR4_OSXMMEXCPT_MASK (1U << 10)
#define CR4_UMIP_MASK (1U << 11)
#define CR4_FSGSBASE_MASK (1U << 16)
#define CR4_PCIDE_MASK (1U << 17)
#define CR4_OSXSAVE_MASK (1U << 18)
#define CR4_SMEP_MASK (1U << 20)
#define CR4_SMAP_MASK (1U << 21)
#define MSR_EFER_SCE (1U << 0)
#define MSR_EFER_LME (1U << 8)
#define MSR_EFER_LMA (1U << 10)
#define MSR_EFER_NXE (1U << 11)

/* Eflags. */
#define CC_C 0x0001
#define CC_P 0x0004
#define CC_A 0x0010
#define CC_Z 0x0040
#define CC_S 0x0080
#define TF_MASK 0x00000100
#define IF_MASK 0x00000200
#define DF_MASK 0x00000400
#define CC_O 0x0800
#define IOPL_MASK 0x00003000
#define NT_MASK 0x00004000
#define RF_MASK 0x00010000
#define VM_MASK 0x00020000
#define AC_MASK 0x00040000
#define VIF_MASK 0x00080000
#define VIP_MASK 0x00100000
#define ID_MASK 0x00200000

#define MSR_MTRR_VAR_COUNT 8

typedef struct CPUX86State {
    /* General state. */
    uint64_t regs[CPU_NB_REGS];
    uint64_t eip;
    uint64_t eflags;            /* architectural value (lazy flags folded) */
    SegmentCache segs[6];
    SegmentCache ldt;
    SegmentCache tr;
    SegmentCache gdt;           /* only base and limit */
    SegmentCache idt;
    uint64_t cr[5];             /* cr0, (cr1), cr2, cr3, cr4 */
    uint64_t dr[8];
    uint64_t xcr0;
    uint32_t a20_mask_enabled;

    /* FPU / SSE / AVX. */
    FPReg fpregs[8];
    unsigned fpstt;             /* top of stack */
    uint16_t fpus;              /* status word (without TOP) */
    uint16_t fpuc;              /* control word */
    uint8_t fptags[8];          /* 1: empty */
    uint16_t fpop;
    uint64_t fpip;
    uint64_t fpdp;
    uint32_t mxcsr;
    XMMReg xmm_regs[16];
    XMMReg ymmh_regs[16];       /* upper halves when AVX is exposed */

    /* MSRs. */
    uint64_t efer;
    uint64_t star, lstar, cstar, fmask;
    uint64_t kernelgsbase;
    uint32_t sysenter_cs;
    uint64_t sysenter_esp, sysenter_eip;
    uint64_t tsc;
    uint64_t tsc_aux;
    uint64_t tsc_deadline;
    uint64_t tsc_adjust;
    uint64_t pat;
    uint64_t apic_base;
    uint64_t misc_enable;
    uint64_t spec_ctrl;
    uint64_t mtrr_deftype;
    uint64_t mtrr_fixed[11];
    uint64_t mtrr_var_base[MSR_MTRR_VAR_COUNT];
    uint64_t mtrr_var_mask[MSR_MTRR_VAR_COUNT];
    uint64_t mcg_status;
    uint64_t system_time_msr, wall_clock_msr;   /* kvmclock */
    uint64_t async_pf_en_msr, pv_eoi_en_msr, steal_time_msr;
    uint64_t smbase;

    /* Pending events (KVM_GET/SET_VCPU_EVENTS). */
    int32_t exception_nr;       /* -1: none */
    bool exception_pending;
    bool exception_injected;
    bool exception_has_error_code;
    uint32_t error_code;
    int32_t interrupt_injected; /* -1: none */
    bool soft_interrupt;
    bool nmi_injected;
    bool nmi_pending;
    uint8_t interrupt_shadow;
    bool sipi_pending;
    uint8_t sipi_vector;
    uint32_t mp_state;          /* KVM_MP_STATE_* */

    /* CPUID (from the model). */
    uint32_t features[FEATURE_WORDS];
    uint32_t cpuid_level;       /* highest basic leaf */
    uint32_t cpuid_xlevel;      /* highest extended leaf */
    uint32_t cpuid_xlevel2;     /* highest 0xC000_0000 leaf */
    uint32_t cpuid_min_level, cpuid_min_xlevel;
    uint32_t cpuid_vendor1, cpuid_vendor2, cpuid_vendor3;
    uint32_t cpuid_version;     /* family/model/stepping (CPUID[1].EAX) */
    uint32_t cpuid_model[12];   /* model-id string, leaves 0x8000_0002-4 */

    /* Software CPU only: mode bits derived from the state above. */
    uint32_t hflags;
    uint32_t hflags2;
} CPUX86State;

typedef struct X86CPU {
    CPUState parent_obj;
    CPUX86State env;
    uint32_t apic_id;           /* "apic-id" property */
    int32_t socket_id, die_id, core_id, thread_id;
    bool check_cpuid;           /* -cpu ...,check */
    bool enforce_cpuid;         /* -cpu ...,enforce */
    bool expose_kvm;            /* the KVM paravirt leaves */
    bool host_features;         /* "host"/"max": copy the accelerator's */
    char *model_id;             /* "model-id" property */
    char *vendor;
    uint32_t family, model, stepping;
    uint32_t phys_bits;
    uint32_t plus_features[FEATURE_WORDS];   /* +flag from -cpu */
    uint32_t minus_features[FEATURE_WORDS];  /* -flag from -cpu */
    uint32_t filtered_features[FEATURE_WORDS];
    Object *apic_state;         /* the local APIC device */
    uint64_t tsc_khz;
} X86CPU;

#define X86_CPU(obj) OBJECT_CHECK(X86CPU, (obj), TYPE_X86_CPU)

/* CPUID for (leaf, subleaf) from the model and topology. */
void cpu_x86_cpuid(CPUX86State *env, uint32_t index, uint32_t count,
                   uint32_t *eax, uint32_t *ebx, uint32_t *ecx,
                   uint32_t *edx);
static inline X86CPU *env_archcpu(CPUX86State *env)
{
    return container_of(env, X86CPU, env);
}

#endif
