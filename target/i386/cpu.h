/*
 * cpu.h: the x86 CPU shared by both accelerators.
 *
 * X86CPU is the QOM device: one type per model version
 * ("Haswell-v2-x86_64-cpu") and alias ("Haswell-x86_64-cpu" is version 1,
 * "Haswell-noTSX-x86_64-cpu" version 2), plus "base", "host" and "max",
 * all derived from the abstract "x86_64-cpu" (a TYPE_CPU).  CPUX86State
 * holds the architectural state in one layout: the KVM accelerator copies
 * it to and from the kernel (get/put), the software CPU executes on it
 * directly.  The CPUID feature words come from the model table
 * (target/i386/cpu-models.c), adjusted by -cpu options, the accelerator's
 * defaults and what the accelerator can provide (X86CPUAccel below); the
 * same words answer CPUID for both accelerators (cpu_x86_cpuid()).  The
 * board sets each CPU's "apic-id" (x86_apicid_from_cpu_idx()) before
 * realizing it.  docs/cpu-models.md tells the whole story.
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

/*
 * Feature words: the CPUID registers (and feature MSRs) whose bits are the
 * named flags of -cpu (target/i386/cpu-features.c names every bit).  Words
 * are 64 bits wide because some feature MSRs (the VMX capabilities) have
 * flags above bit 31; CPUID words use the low 32 bits.  The order is this
 * project's own (append only).
 */
typedef enum FeatureWord {
    FEAT_1_EDX,         /* CPUID[1].EDX */
    FEAT_1_ECX,         /* CPUID[1].ECX */
    FEAT_7_0_EBX,       /* CPUID[EAX=7,ECX=0].EBX */
    FEAT_7_0_ECX,
    FEAT_7_0_EDX,
    FEAT_7_1_EAX,       /* CPUID[EAX=7,ECX=1].EAX */
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
    FEAT_XSAVE_COMP_LO, /* CPUID[EAX=0xd,ECX=0].EAX: XCR0 components */
    FEAT_XSAVE_COMP_HI, /* CPUID[EAX=0xd,ECX=0].EDX */
    FEAT_ARCH_CAPABILITIES,     /* MSR 0x10a */
    FEAT_CORE_CAPABILITY,       /* MSR 0xcf */
    FEAT_PERF_CAPABILITIES,     /* MSR 0x345 */
    FEAT_VMX_PROCBASED_CTLS,    /* MSR 0x48e (allowed-1 settings) */
    FEAT_VMX_SECONDARY_CTLS,    /* MSR 0x48b */
    FEAT_VMX_PINBASED_CTLS,     /* MSR 0x48d */
    FEAT_VMX_EXIT_CTLS,         /* MSR 0x48f */
    FEAT_VMX_ENTRY_CTLS,        /* MSR 0x490 */
    FEAT_VMX_MISC,              /* MSR 0x485 */
    FEAT_VMX_EPT_VPID_CAPS,     /* MSR 0x48c (64 bits) */
    FEAT_VMX_BASIC,             /* MSR 0x480 */
    FEAT_VMX_VMFUNC,            /* MSR 0x491 */
    FEAT_14_0_ECX,              /* CPUID[EAX=0x14,ECX=0].ECX (Intel PT) */
    FEAT_SGX_12_0_EAX,          /* CPUID[EAX=0x12,ECX=0].EAX */
    FEAT_SGX_12_0_EBX,
    FEAT_SGX_12_1_EAX,          /* CPUID[EAX=0x12,ECX=1].EAX */
    FEAT_XSAVE_XSS_LO,          /* CPUID[EAX=0xd,ECX=1].ECX */
    FEAT_XSAVE_XSS_HI,          /* CPUID[EAX=0xd,ECX=1].EDX */
    FEATURE_WORDS,
} FeatureWord;

typedef uint64_t FeatureWordArray[FEATURE_WORDS];

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
#define CPUID_PSE36  (1U << 17)
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
    uint32_t a20_mask_enabled;  /* 1: the A20 gate is open */
    bool smm;                   /* in system management mode */

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
    uint64_t feature_control;   /* IA32_FEATURE_CONTROL (0x3a) */
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

    /* CPUID (from the model, adjusted at realize). */
    FeatureWordArray features;
    uint32_t cpuid_level;       /* highest basic leaf */
    uint32_t cpuid_level_func7; /* highest subleaf of leaf 7 */
    uint32_t cpuid_xlevel;      /* highest extended leaf */
    uint32_t cpuid_xlevel2;     /* highest 0xC000_0000 leaf */
    /* Lower bounds raised by the features in use (full-cpuid-auto-level). */
    uint32_t cpuid_min_level, cpuid_min_level_func7;
    uint32_t cpuid_min_xlevel, cpuid_min_xlevel2;
    uint32_t cpuid_vendor1, cpuid_vendor2, cpuid_vendor3; /* EBX, EDX, ECX */
    uint32_t cpuid_version;     /* family/model/stepping (CPUID[1].EAX) */
    uint32_t cpuid_model[12];   /* model-id string, leaves 0x8000_0002-4 */
    uint64_t ucode_rev;         /* MSR IA32_UCODE_REV (0x8b) */
    /* Cache descriptions for leaves 2, 4, 0x8000_0005/6 and 0x8000_001D. */
    const struct X86CPUCaches *cache_info_cpuid2;
    const struct X86CPUCaches *cache_info_cpuid4;
    const struct X86CPUCaches *cache_info_amd;
    /* Topology (CPUID leaves 1, 4, 0xB, 0x1F, 0x8000_0008, 0x8000_001E). */
    uint32_t nr_dies;           /* dies per socket */
    uint32_t nr_cores;          /* cores per die */
    uint32_t nr_threads;        /* threads per core */

    /*
     * Software CPU only (accel/tcg, target/i386/tcg; docs/tcg.md).
     * hflags: mode bits derived from the state above (HF_* in
     * target/i386/tcg/tcg-cpu.h), recomputed whenever CR0/CR4/EFER/CS/SS
     * change.  While the software CPU runs, the arithmetic flags (OSZAPC)
     * live in the lazy-flag fields (cc_op says how to compute them from
     * cc_dst/cc_src/cc_src2); every other EFLAGS bit stays in eflags.
     * cpu_synchronize_state() folds them back into eflags.
     */
    uint32_t hflags;
    uint32_t hflags2;
    uint32_t cc_op;
    uint64_t cc_dst, cc_src, cc_src2;
    struct X86TCGState *tcg;    /* TLB, code cache links, jump buffer */
    /* Exception being delivered (software CPU). */
    int exception_is_int;       /* INT n / INT3 / INTO: software */
    uint64_t exception_next_eip;
    int old_exception;          /* for the double-fault rules; -1: none */
    bool wait_sipi;             /* an AP after reset/INIT: only INIT and
                                 * SIPI wake it (software CPU) */

    /*
     * System management mode (target/i386/tcg/smm-helper.c, docs/tcg.md
     * "SMM").  smm_view: the software CPU's memory view while in SMM
     * (address space "cpu-smm-N"), NULL under KVM.  smm_nmi_blocked: NMIs
     * were already blocked when the SMI came (RSM keeps them blocked).
     */
    struct X86SMMView *smm_view;
    bool smm_nmi_blocked;
} CPUX86State;

/* Hyper-V enlightenments ("hv-*" properties): X86CPU.hyperv_features bits. */
enum {
    HYPERV_FEAT_RELAXED, HYPERV_FEAT_VAPIC, HYPERV_FEAT_TIME,
    HYPERV_FEAT_CRASH, HYPERV_FEAT_RESET, HYPERV_FEAT_VPINDEX,
    HYPERV_FEAT_RUNTIME, HYPERV_FEAT_SYNIC, HYPERV_FEAT_STIMER,
    HYPERV_FEAT_FREQUENCIES, HYPERV_FEAT_REENLIGHTENMENT,
    HYPERV_FEAT_TLBFLUSH, HYPERV_FEAT_EVMCS, HYPERV_FEAT_IPI,
    HYPERV_FEAT_STIMER_DIRECT, HYPERV_FEAT_AVIC, HYPERV_FEAT_SYNDBG,
    HYPERV_FEAT_MSR_BITMAP, HYPERV_FEAT_XMM_INPUT, HYPERV_FEAT_TLBFLUSH_EXT,
    HYPERV_FEAT_TLBFLUSH_DIRECT,
    HYPERV_FEAT_COUNT
};

typedef struct X86CPU {
    CPUState parent_obj;
    CPUX86State env;

    /* Topology ("apic-id", "socket-id", ... properties; -1/UINT32_MAX:
     * unset, filled in by the board). */
    uint32_t apic_id;
    int32_t socket_id, die_id, core_id, thread_id, node_id;

    /* -cpu options. */
    bool check_cpuid;           /* "check": warn about filtered flags */
    bool enforce_cpuid;         /* "enforce": filtered flags are an error */
    bool force_features;        /* "x-force-features": keep them anyway */
    bool expose_kvm;            /* "kvm": the KVM paravirt leaves */
    bool kvm_pv_enforce_cpuid;
    bool kvm_no_smi_migration;
    bool migrate_smi_count;
    bool max_features;          /* "host"/"max": all the accel supports */
    bool migratable;            /* "migratable" (host/max) */
    bool cache_info_passthrough; /* "host-cache-info" (host/max) */
    bool enable_pmu;            /* "pmu" */
    bool enable_lmce;           /* "lmce" */
    bool enable_l3_cache;       /* "l3-cache" */
    bool legacy_cache;          /* "legacy-cache": QEMU's fixed caches */
    bool enable_cpuid_0xb;      /* "cpuid-0xb" */
    bool full_cpuid_auto_level; /* "full-cpuid-auto-level" */
    bool vendor_cpuid_only;     /* "x-vendor-cpuid-only" */
    bool intel_pt_auto_level;   /* "x-intel-pt-auto-level" */
    bool vmware_cpuid_freq;     /* "vmware-cpuid-freq" */
    bool fill_mtrr_mask;        /* "fill-mtrr-mask" */
    bool host_phys_bits;        /* "host-phys-bits" */
    uint8_t host_phys_bits_limit;
    bool tcg_cpuid;             /* "tcg-cpuid" */
    bool start_powered_off;     /* "start-powered-off" */
    uint32_t phys_bits;         /* "phys-bits" (0: the default, 40) */
    uint64_t lbr_fmt;           /* "lbr-fmt" */
    int64_t tsc_khz;            /* "tsc-frequency" / 1000 */

    /* Hyper-V ("hv-*", stored for the accelerator). */
    uint32_t hyperv_features;   /* 1 << HYPERV_FEAT_* */
    bool hyperv_passthrough, hyperv_enforce_cpuid, hyperv_synic_kvm_only;
    int hyperv_no_nonarch_cs;   /* OnOffAuto */
    uint32_t hyperv_spinlock_attempts;
    char *hyperv_vendor;
    int32_t hyperv_max_vps;
    uint16_t hyperv_ver_major, hyperv_ver_minor;
    uint32_t hyperv_ver_build, hyperv_ver_snumber, hyperv_ver_spack;
    uint8_t hyperv_ver_sbranch;

    /* Flags set through their property (-cpu +flag, flag=on, -flag, ...):
     * the accelerator's defaults and "max" leave them alone. */
    FeatureWordArray user_features;
    /* Flags the accelerator cannot provide (query-cpu-definitions,
     * "filtered-features", the warnings). */
    FeatureWordArray filtered_features;

    Object *apic_state;         /* the local APIC device (board-created) */
} X86CPU;

#define X86_CPU(obj) OBJECT_CHECK(X86CPU, (obj), TYPE_X86_CPU)
#define X86_CPU_CLASS(klass) \
    OBJECT_CLASS_CHECK(X86CPUClass, (klass), TYPE_X86_CPU)
#define X86_CPU_GET_CLASS(obj) \
    OBJECT_GET_CLASS(X86CPUClass, (obj), TYPE_X86_CPU)

struct X86CPUModel;

typedef struct X86CPUClass {
    CPUClass parent_class;
    /* The model (and version) this type stands for; NULL for "base",
     * "host", "max" and the abstract "x86_64-cpu". */
    const struct X86CPUModel *model;
    bool max_features;          /* "host", "max" */
    bool host_cpuid_required;   /* "host": needs an accelerator that runs
                                 * on the host CPU */
    bool static_model;          /* "base": query-cpu-definitions static */
    int ordering;               /* -cpu help order: models, base/host, max */
    const char *desc;           /* -cpu help text */
    char *model_name;           /* "Haswell-v1" (filled in on first use) */
    DeviceRealize *parent_realize;
} X86CPUClass;

/* ---- the accelerator's answer to "what can you give the guest?" ---- */

/*
 * Registered by the accelerator in use (KVM: from KVM_GET_SUPPORTED_CPUID;
 * the software CPU: from what it implements).  Until one registers (the
 * "none" machine, unit tests), the answers are those of the reference's
 * software CPU ("tcg"), as the reference runs -M none on TCG.
 */
typedef struct X86CPUAccel {
    /* "kvm" or "tcg": also selects the accelerator's default flags (KVM:
     * kvmclock, x2apic, ...; the software CPU: no vme). */
    const char *name;
    /* Head of the filter warning: "host" (KVM) or "TCG". */
    const char *warn_name;
    /* The guest vendor defaults to the host's (KVM runs on the host CPU). */
    bool uses_host_cpuid;
    /* Bits the accelerator supports in CPUID (function, index) register
     * reg (R_EAX..R_EDX); 0 for leaves it does not know. */
    uint32_t (*get_supported_cpuid)(uint32_t function, uint32_t index,
                                    int reg);
    /* Bits it supports in a feature MSR (0x10a, 0x48x, ...); NULL: none. */
    uint64_t (*get_supported_msr_feature)(uint32_t msr);
    /*
     * Flags of the CPU models it turns off unless the user asks for them
     * (NULL-terminated names; NULL: none), e.g. "svm" on a software CPU
     * without nested virtualization.
     */
    const char *const *default_off;
} X86CPUAccel;

/* Register the accelerator's answers (NULL: back to the built-in "tcg"
 * ones); call before any CPU is created (AccelClass.init_machine). */
void x86_cpu_set_accel(const X86CPUAccel *accel);
const X86CPUAccel *x86_cpu_get_accel(void);
/* Bits of w the accelerator supports. */
uint64_t x86_cpu_get_supported_feature_word(FeatureWord w);

/* ---- CPUID ---- */

/*
 * CPUID for (leaf, subleaf) from the model and topology of a realized CPU,
 * as both accelerators present it (leaves above the maximum answer as the
 * highest basic leaf, as Intel CPUs do).
 */
void cpu_x86_cpuid(CPUX86State *env, uint32_t index, uint32_t count,
                   uint32_t *eax, uint32_t *ebx, uint32_t *ecx,
                   uint32_t *edx);

/* One CPUID leaf/subleaf for the accelerator's table (KVM_SET_CPUID2). */
typedef struct X86CPUIDEntry {
    uint32_t function, index;
    bool indexed;               /* the answer depends on ECX */
    uint32_t eax, ebx, ecx, edx;
} X86CPUIDEntry;
/*
 * Every leaf the guest can see (basic, the KVM leaves when the KVM
 * accelerator runs the CPU with "kvm=on", extended, Centaur), each indexed
 * leaf with its valid subleaves.  Fills at most max entries and returns
 * how many were needed (call again with a bigger array if that is more).
 */
int x86_cpu_cpuid_table(X86CPU *cpu, X86CPUIDEntry *entries, int max);

/* KVM paravirt CPUID leaves (0x4000_0000 signature "KVMKVMKVM\0\0\0"). */
#define KVM_CPUID_SIGNATURE 0x40000000
#define KVM_CPUID_FEATURES  0x40000001

/* ---- topology and APIC ids (SDM vol. 3 8.9, CPUID leaf 0xB) ---- */

typedef struct X86CPUTopoInfo {
    unsigned dies_per_pkg;
    unsigned cores_per_die;
    unsigned threads_per_core;
} X86CPUTopoInfo;

typedef struct X86CPUTopoIDs {
    unsigned pkg_id, die_id, core_id, smt_id;
} X86CPUTopoIDs;

/* Bit offsets of the fields of an APIC id (each field as wide as the
 * count it holds needs: ceil(log2(n)) bits). */
unsigned x86_apicid_core_offset(const X86CPUTopoInfo *topo);
unsigned x86_apicid_die_offset(const X86CPUTopoInfo *topo);
unsigned x86_apicid_pkg_offset(const X86CPUTopoInfo *topo);
/* The socket/die/core/thread ids of the cpu_index-th CPU (in -smp order:
 * threads first). */
void x86_topo_ids_from_idx(const X86CPUTopoInfo *topo, unsigned cpu_index,
                           X86CPUTopoIDs *ids);
uint32_t x86_apicid_from_topo_ids(const X86CPUTopoInfo *topo,
                                  const X86CPUTopoIDs *ids);
void x86_topo_ids_from_apicid(const X86CPUTopoInfo *topo, uint32_t apicid,
                              X86CPUTopoIDs *ids);
/* The APIC id of the cpu_index-th CPU. */
uint32_t x86_apicid_from_cpu_idx(const X86CPUTopoInfo *topo,
                                 unsigned cpu_index);

/* ---- model creation (the board) ---- */

/*
 * Apply the model, the -cpu flags and the accelerator's defaults and
 * limits to cpu's feature words (realize does it; query-cpu-model-expansion
 * and the unit tests call it on unrealized CPUs).  Filtered flags are
 * dropped into filtered_features; with "check" they are reported as
 * warnings, with "enforce" the call fails ("TCG doesn't support requested
 * features").
 */
bool x86_cpu_expand_features(X86CPU *cpu, Error **errp);
bool x86_cpu_filter_features(X86CPU *cpu, bool verbose, Error **errp);
/* The names of cpu's filtered flags (query-cpu-definitions). */
GPtrArray *x86_cpu_filtered_feature_names(X86CPU *cpu);

/* Power-on/INIT register state (SDM vol. 3 9.1.1, table 9-1). */
void x86_cpu_reset(CPUState *cs);
/*
 * INIT (SDM vol. 3 table 9-1): the power-on registers except x87/SSE state
 * and the MSRs; the local APIC to its INIT state; an AP then waits for a
 * SIPI (halted).  SIPI: start in real mode at vector << 12.  Both
 * accelerators call these with the registers in CPUX86State.
 */
void x86_cpu_do_init(CPUState *cs);
void x86_cpu_do_sipi(CPUState *cs, int vector);
bool x86_cpu_is_bsp(CPUState *cs);

/*
 * The board names the region the CPUs see, above system memory, while in
 * system management mode (the i440FX "smram" container); NULL: none.
 * The software CPU maps it into each CPU's "cpu-smm-N" view
 * (target/i386/tcg/smm-helper.c); CPUs created later get it too.
 */
struct MemoryRegion;
void x86_cpu_set_smram(struct MemoryRegion *smram);
/* info registers, in the reference's format. */
void x86_cpu_dump_state(CPUState *cs, GString *out, int flags);

/* ---- debugging aids (target/i386/cpu-debug.c) ---- */

/*
 * The physical address that linear address la maps to under the paging
 * mode cr0/cr4/efer select (none, 32-bit with PSE/PSE-36, PAE, 4-level),
 * walking the tables in address_space_memory without setting accessed or
 * dirty bits and ignoring permissions (a debugger's view).  False when a
 * level is not present, the address is not canonical or a table read
 * fails.  The caller makes CPUX86State current (cpu_synchronize_state()
 * for KVM).
 */
bool x86_cpu_get_phys_page_debug(X86CPU *cpu, uint64_t la, uint64_t *pa);
/*
 * Write the register dump of x86_cpu_dump_state() to the debug log
 * (include/qemu/log.h); with CPU_DUMP_CCOP it has the reference's lazy
 * flags line ("CCS=... CCD=... CCO=SUBL") before EFER.
 */
void x86_cpu_log_state(CPUState *cs, int flags);

static inline X86CPU *env_archcpu(CPUX86State *env)
{
    return container_of(env, X86CPU, env);
}

#endif
