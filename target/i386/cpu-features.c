/*
 * cpu-features.c: the names of the CPUID flags and where each one lives.
 *
 * Every -cpu flag is one bit (kvmclock and vmx-invept-single-context are
 * two) of a feature word: a CPUID register for a leaf/subleaf, or a
 * feature MSR (the VMX capability MSRs for nested virtualization, the
 * ARCH_CAPABILITIES family).  The names, bit positions, aliases and
 * dependencies are those of the reference (read from its `-cpu help`, the
 * "feature-words" property and its filter warnings, see
 * scripts/x86-cpu-facts.py); the bit layouts are the SDM's (vol. 2A,
 * CPUID) and the AMD APM's (vol. 3, appendix E).
 */
#include "qemu/osdep.h"
#include "target/i386/cpu-internal.h"

#define CPUID_WORD(leaf, r) \
    .type = CPUID_FEATURE_WORD, .cpuid = { .eax = (leaf), .reg = (r) }
#define CPUID_SUBWORD(leaf, sub, r) \
    .type = CPUID_FEATURE_WORD, \
    .cpuid = { .eax = (leaf), .ecx = (sub), .needs_ecx = true, .reg = (r) }
#define MSR_WORD(index) .type = MSR_FEATURE_WORD, .msr = (index)

const FeatureWordInfo feature_word_info[FEATURE_WORDS] = {
    [FEAT_1_EDX] = {
        CPUID_WORD(1, R_EDX),
        .names = {
            [0] = "fpu", [1] = "vme", [2] = "de", [3] = "pse", [4] = "tsc",
            [5] = "msr", [6] = "pae", [7] = "mce", [8] = "cx8", [9] = "apic",
            [11] = "sep", [12] = "mtrr", [13] = "pge", [14] = "mca",
            [15] = "cmov", [16] = "pat", [17] = "pse36", [18] = "pn",
            [19] = "clflush", [21] = "ds", [22] = "acpi", [23] = "mmx",
            [24] = "fxsr", [25] = "sse", [26] = "sse2", [27] = "ss",
            [28] = "ht", [29] = "tm", [30] = "ia64", [31] = "pbe",
        },
    },
    [FEAT_1_ECX] = {
        CPUID_WORD(1, R_ECX),
        .names = {
            [0] = "pni", [1] = "pclmulqdq", [2] = "dtes64", [3] = "monitor",
            [4] = "ds-cpl", [5] = "vmx", [6] = "smx", [7] = "est",
            [8] = "tm2", [9] = "ssse3", [10] = "cid", [12] = "fma",
            [13] = "cx16", [14] = "xtpr", [15] = "pdcm", [17] = "pcid",
            [18] = "dca", [19] = "sse4.1", [20] = "sse4.2", [21] = "x2apic",
            [22] = "movbe", [23] = "popcnt", [24] = "tsc-deadline",
            [25] = "aes", [26] = "xsave", [28] = "avx", [29] = "f16c",
            [30] = "rdrand", [31] = "hypervisor",
        },
    },
    [FEAT_7_0_EBX] = {
        CPUID_SUBWORD(7, 0, R_EBX),
        .names = {
            [0] = "fsgsbase", [1] = "tsc-adjust", [2] = "sgx", [3] = "bmi1",
            [4] = "hle", [5] = "avx2", [7] = "smep", [8] = "bmi2",
            [9] = "erms", [10] = "invpcid", [11] = "rtm", [14] = "mpx",
            [16] = "avx512f", [17] = "avx512dq", [18] = "rdseed",
            [19] = "adx", [20] = "smap", [21] = "avx512ifma",
            [22] = "pcommit", [23] = "clflushopt", [24] = "clwb",
            [25] = "intel-pt", [26] = "avx512pf", [27] = "avx512er",
            [28] = "avx512cd", [29] = "sha-ni", [30] = "avx512bw",
            [31] = "avx512vl",
        },
    },
    [FEAT_7_0_ECX] = {
        CPUID_SUBWORD(7, 0, R_ECX),
        .names = {
            [1] = "avx512vbmi", [2] = "umip", [3] = "pku", [5] = "waitpkg",
            [6] = "avx512vbmi2", [8] = "gfni", [9] = "vaes",
            [10] = "vpclmulqdq", [11] = "avx512vnni", [12] = "avx512bitalg",
            [14] = "avx512-vpopcntdq", [16] = "la57", [22] = "rdpid",
            [24] = "bus-lock-detect", [25] = "cldemote", [27] = "movdiri",
            [28] = "movdir64b", [30] = "sgxlc", [31] = "pks",
        },
    },
    [FEAT_7_0_EDX] = {
        CPUID_SUBWORD(7, 0, R_EDX),
        .names = {
            [2] = "avx512-4vnniw", [3] = "avx512-4fmaps", [4] = "fsrm",
            [8] = "avx512-vp2intersect", [10] = "md-clear",
            [14] = "serialize", [16] = "tsx-ldtrk", [19] = "arch-lbr",
            [22] = "amx-bf16", [23] = "avx512-fp16", [24] = "amx-tile",
            [25] = "amx-int8", [26] = "spec-ctrl", [27] = "stibp",
            [29] = "arch-capabilities", [30] = "core-capability",
            [31] = "ssbd",
        },
    },
    [FEAT_7_1_EAX] = {
        CPUID_SUBWORD(7, 1, R_EAX),
        .names = {
            [4] = "avx-vnni", [5] = "avx512-bf16",
        },
    },
    [FEAT_8000_0001_EDX] = {
        CPUID_WORD(0x80000001, R_EDX),
        .names = {
            [11] = "syscall", [20] = "nx", [22] = "mmxext", [25] = "fxsr-opt",
            [26] = "pdpe1gb", [27] = "rdtscp", [29] = "lm", [30] = "3dnowext",
            [31] = "3dnow",
        },
    },
    [FEAT_8000_0001_ECX] = {
        CPUID_WORD(0x80000001, R_ECX),
        .names = {
            [0] = "lahf-lm", [1] = "cmp-legacy", [2] = "svm", [3] = "extapic",
            [4] = "cr8legacy", [5] = "abm", [6] = "sse4a",
            [7] = "misalignsse", [8] = "3dnowprefetch", [9] = "osvw",
            [10] = "ibs", [11] = "xop", [12] = "skinit", [13] = "wdt",
            [15] = "lwp", [16] = "fma4", [17] = "tce", [19] = "nodeid-msr",
            [21] = "tbm", [22] = "topoext", [23] = "perfctr-core",
            [24] = "perfctr-nb",
        },
    },
    [FEAT_8000_0007_EDX] = {
        CPUID_WORD(0x80000007, R_EDX),
        .names = {
            [8] = "invtsc",
        },
    },
    [FEAT_8000_0008_EBX] = {
        CPUID_WORD(0x80000008, R_EBX),
        .names = {
            [0] = "clzero", [2] = "xsaveerptr", [9] = "wbnoinvd",
            [12] = "ibpb", [14] = "ibrs", [15] = "amd-stibp",
            [24] = "amd-ssbd", [25] = "virt-ssbd", [26] = "amd-no-ssb",
        },
    },
    [FEAT_C000_0001_EDX] = {
        CPUID_WORD(0xC0000001, R_EDX),
        .names = {
            [2] = "xstore", [3] = "xstore-en", [6] = "xcrypt",
            [7] = "xcrypt-en", [8] = "ace2", [9] = "ace2-en", [10] = "phe",
            [11] = "phe-en", [12] = "pmm", [13] = "pmm-en",
        },
    },
    [FEAT_KVM] = {
        CPUID_WORD(KVM_CPUID_FEATURES, R_EAX),
        .names = {
            [0] = "kvmclock", [1] = "kvm-nopiodelay", [2] = "kvm-mmu",
            [3] = "kvmclock", [4] = "kvm-asyncpf", [5] = "kvm-steal-time",
            [6] = "kvm-pv-eoi", [7] = "kvm-pv-unhalt",
            [9] = "kvm-pv-tlb-flush", [11] = "kvm-pv-ipi",
            [12] = "kvm-poll-control", [13] = "kvm-pv-sched-yield",
            [14] = "kvm-asyncpf-int", [15] = "kvm-msi-ext-dest-id",
            [24] = "kvmclock-stable-bit",
        },
    },
    [FEAT_KVM_HINTS] = {
        CPUID_WORD(KVM_CPUID_FEATURES, R_EDX),
        .names = {
            [0] = "kvm-hint-dedicated",
        },
    },
    [FEAT_SVM] = {
        CPUID_WORD(0x8000000A, R_EDX),
        .names = {
            [0] = "npt", [1] = "lbrv", [2] = "svm-lock", [3] = "nrip-save",
            [4] = "tsc-scale", [5] = "vmcb-clean", [6] = "flushbyasid",
            [7] = "decodeassists", [10] = "pause-filter",
            [12] = "pfthreshold", [13] = "avic", [15] = "v-vmsave-vmload",
            [16] = "vgif", [28] = "svme-addr-chk",
        },
    },
    [FEAT_XSAVE] = {
        CPUID_SUBWORD(0xD, 1, R_EAX),
        .names = {
            [0] = "xsaveopt", [1] = "xsavec", [2] = "xgetbv1", [3] = "xsaves",
            [4] = "xfd",
        },
    },
    [FEAT_6_EAX] = {
        CPUID_WORD(6, R_EAX),
        .names = {
            [2] = "arat",
        },
    },
    [FEAT_14_0_ECX] = {
        CPUID_SUBWORD(0x14, 0, R_ECX),
        .names = {
            [31] = "intel-pt-lip",
        },
    },
    [FEAT_SGX_12_0_EAX] = {
        CPUID_SUBWORD(0x12, 0, R_EAX),
        .names = {
            [0] = "sgx1", [1] = "sgx2",
        },
    },
    [FEAT_SGX_12_0_EBX] = {
        CPUID_SUBWORD(0x12, 0, R_EBX),
        .names = {
            [0] = "sgx-exinfo",
        },
    },
    [FEAT_SGX_12_1_EAX] = {
        CPUID_SUBWORD(0x12, 1, R_EAX),
        .names = {
            [1] = "sgx-debug", [2] = "sgx-mode64", [4] = "sgx-provisionkey",
            [5] = "sgx-tokenkey", [7] = "sgx-kss",
        },
    },
    [FEAT_ARCH_CAPABILITIES] = {
        MSR_WORD(0x10a),
        .names = {
            [0] = "rdctl-no", [1] = "ibrs-all", [2] = "rsba",
            [3] = "skip-l1dfl-vmentry", [4] = "ssb-no", [5] = "mds-no",
            [6] = "pschange-mc-no", [7] = "tsx-ctrl", [8] = "taa-no",
        },
    },
    [FEAT_CORE_CAPABILITY] = {
        MSR_WORD(0xcf),
        .names = {
            [5] = "split-lock-detect",
        },
    },
    [FEAT_PERF_CAPABILITIES] = {
        MSR_WORD(0x345),
        .names = {
            [13] = "full-width-write",
        },
    },
    [FEAT_VMX_PROCBASED_CTLS] = {
        MSR_WORD(0x48e),
        .names = {
            [2] = "vmx-vintr-pending", [3] = "vmx-tsc-offset",
            [7] = "vmx-hlt-exit", [9] = "vmx-invlpg-exit",
            [10] = "vmx-mwait-exit", [11] = "vmx-rdpmc-exit",
            [12] = "vmx-rdtsc-exit", [15] = "vmx-cr3-load-noexit",
            [16] = "vmx-cr3-store-noexit", [19] = "vmx-cr8-load-exit",
            [20] = "vmx-cr8-store-exit", [21] = "vmx-flexpriority",
            [22] = "vmx-vnmi-pending", [23] = "vmx-movdr-exit",
            [24] = "vmx-io-exit", [25] = "vmx-io-bitmap", [27] = "vmx-mtf",
            [28] = "vmx-msr-bitmap", [29] = "vmx-monitor-exit",
            [30] = "vmx-pause-exit", [31] = "vmx-secondary-ctls",
        },
    },
    [FEAT_VMX_SECONDARY_CTLS] = {
        MSR_WORD(0x48b),
        .names = {
            [0] = "vmx-apicv-xapic", [1] = "vmx-ept", [2] = "vmx-desc-exit",
            [3] = "vmx-rdtscp-exit", [4] = "vmx-apicv-x2apic",
            [5] = "vmx-vpid", [6] = "vmx-wbinvd-exit",
            [7] = "vmx-unrestricted-guest", [8] = "vmx-apicv-register",
            [9] = "vmx-apicv-vid", [10] = "vmx-ple", [11] = "vmx-rdrand-exit",
            [12] = "vmx-invpcid-exit", [13] = "vmx-vmfunc",
            [14] = "vmx-shadow-vmcs", [15] = "vmx-encls-exit",
            [16] = "vmx-rdseed-exit", [17] = "vmx-pml", [20] = "vmx-xsaves",
            [25] = "vmx-tsc-scaling",
        },
    },
    [FEAT_VMX_PINBASED_CTLS] = {
        MSR_WORD(0x48d),
        .names = {
            [0] = "vmx-intr-exit", [3] = "vmx-nmi-exit", [5] = "vmx-vnmi",
            [6] = "vmx-preemption-timer", [7] = "vmx-posted-intr",
        },
    },
    [FEAT_VMX_EXIT_CTLS] = {
        MSR_WORD(0x48f),
        .names = {
            [2] = "vmx-exit-nosave-debugctl",
            [12] = "vmx-exit-load-perf-global-ctrl",
            [15] = "vmx-exit-ack-intr", [18] = "vmx-exit-save-pat",
            [19] = "vmx-exit-load-pat", [20] = "vmx-exit-save-efer",
            [21] = "vmx-exit-load-efer",
            [22] = "vmx-exit-save-preemption-timer",
            [23] = "vmx-exit-clear-bndcfgs", [25] = "vmx-exit-clear-rtit-ctl",
            [29] = "vmx-exit-load-pkrs",
        },
    },
    [FEAT_VMX_ENTRY_CTLS] = {
        MSR_WORD(0x490),
        .names = {
            [2] = "vmx-entry-noload-debugctl", [9] = "vmx-entry-ia32e-mode",
            [13] = "vmx-entry-load-perf-global-ctrl",
            [14] = "vmx-entry-load-pat", [15] = "vmx-entry-load-efer",
            [16] = "vmx-entry-load-bndcfgs", [18] = "vmx-entry-load-rtit-ctl",
            [22] = "vmx-entry-load-pkrs",
        },
    },
    [FEAT_VMX_MISC] = {
        MSR_WORD(0x485),
        .names = {
            [5] = "vmx-store-lma", [6] = "vmx-activity-hlt",
            [7] = "vmx-activity-shutdown", [8] = "vmx-activity-wait-sipi",
            [29] = "vmx-vmwrite-vmexit-fields", [30] = "vmx-zero-len-inject",
        },
    },
    [FEAT_VMX_EPT_VPID_CAPS] = {
        MSR_WORD(0x48c),
        .names = {
            [0] = "vmx-ept-execonly", [6] = "vmx-page-walk-4",
            [7] = "vmx-page-walk-5", [16] = "vmx-ept-2mb",
            [17] = "vmx-ept-1gb", [20] = "vmx-invept", [21] = "vmx-eptad",
            [22] = "vmx-ept-advanced-exitinfo",
            [25] = "vmx-invept-single-context",
            [26] = "vmx-invept-all-context", [32] = "vmx-invvpid",
            [40] = "vmx-invvpid-single-addr",
            [41] = "vmx-invept-single-context",
            [42] = "vmx-invvpid-all-context",
            [43] = "vmx-invept-single-context-noglobals",
        },
    },
    [FEAT_VMX_BASIC] = {
        MSR_WORD(0x480),
        .names = {
            [54] = "vmx-ins-outs", [55] = "vmx-true-ctls",
        },
    },
    [FEAT_VMX_VMFUNC] = {
        MSR_WORD(0x491),
        .names = {
            [0] = "vmx-eptp-switching",
        },
    },
    [FEAT_XSAVE_COMP_LO] = { CPUID_SUBWORD(0xD, 0, R_EAX) },
    [FEAT_XSAVE_COMP_HI] = { CPUID_SUBWORD(0xD, 0, R_EDX) },
    [FEAT_XSAVE_XSS_LO] = { CPUID_SUBWORD(0xD, 1, R_ECX) },
    [FEAT_XSAVE_XSS_HI] = { CPUID_SUBWORD(0xD, 1, R_EDX) },
};

/* Other names of flags, as the reference accepts them (properties). */
static const struct {
    const char *alias;
    const char *name;
} feature_aliases[] = {
    { "cmp_legacy", "cmp-legacy" },
    { "ds_cpl", "ds-cpl" },
    { "ffxsr", "fxsr-opt" },
    { "fxsr_opt", "fxsr-opt" },
    { "i64", "lm" },
    { "kvm_asyncpf", "kvm-asyncpf" },
    { "kvm_asyncpf_int", "kvm-asyncpf-int" },
    { "kvm_mmu", "kvm-mmu" },
    { "kvm_nopiodelay", "kvm-nopiodelay" },
    { "kvm_poll_control", "kvm-poll-control" },
    { "kvm_pv_eoi", "kvm-pv-eoi" },
    { "kvm_pv_unhalt", "kvm-pv-unhalt" },
    { "kvm_steal_time", "kvm-steal-time" },
    { "lahf_lm", "lahf-lm" },
    { "nodeid_msr", "nodeid-msr" },
    { "nrip_save", "nrip-save" },
    { "pause_filter", "pause-filter" },
    { "pclmuldq", "pclmulqdq" },
    { "perfctr_core", "perfctr-core" },
    { "perfctr_nb", "perfctr-nb" },
    { "sse3", "pni" },
    { "sse4-1", "sse4.1" },
    { "sse4-2", "sse4.2" },
    { "sse4_1", "sse4.1" },
    { "sse4_2", "sse4.2" },
    { "svm_lock", "svm-lock" },
    { "tsc_adjust", "tsc-adjust" },
    { "tsc_scale", "tsc-scale" },
    { "vmcb_clean", "vmcb-clean" },
    { "xd", "nx" },
};

/*
 * Flags that mean nothing without another one: the reference drops them
 * (with a warning when the user asked for them) unless the parent is on.
 * Found by turning each flag on alone and with each candidate parent.
 */
#define BIT(n) (1ULL << (n))
const FeatureDep feature_dependencies[] = {
    { FEAT_7_0_EDX, BIT(29), FEAT_ARCH_CAPABILITIES, ~0ULL },
    { FEAT_1_ECX, BIT(15), FEAT_PERF_CAPABILITIES, ~0ULL },
    { FEAT_7_0_EDX, BIT(30), FEAT_CORE_CAPABILITY, ~0ULL },
    { FEAT_7_0_EBX, BIT(25), FEAT_14_0_ECX, ~0ULL },           /* intel-pt */
    { FEAT_8000_0001_ECX, BIT(2), FEAT_SVM, ~0ULL },            /* svm */
    /* vmx gates every VMX capability word */
    { FEAT_1_ECX, BIT(5), FEAT_VMX_PROCBASED_CTLS, ~0ULL },
    { FEAT_1_ECX, BIT(5), FEAT_VMX_PINBASED_CTLS, ~0ULL },
    { FEAT_1_ECX, BIT(5), FEAT_VMX_EXIT_CTLS, ~0ULL },
    { FEAT_1_ECX, BIT(5), FEAT_VMX_ENTRY_CTLS, ~0ULL },
    { FEAT_1_ECX, BIT(5), FEAT_VMX_MISC, ~0ULL },
    { FEAT_1_ECX, BIT(5), FEAT_VMX_BASIC, ~0ULL },
    /* vmx-secondary-ctls */
    { FEAT_VMX_PROCBASED_CTLS, BIT(31), FEAT_VMX_SECONDARY_CTLS, ~0ULL },
    /* vmx-ept: the EPT capabilities (low half) and unrestricted guests */
    { FEAT_VMX_SECONDARY_CTLS, BIT(1), FEAT_VMX_EPT_VPID_CAPS, 0xffffffffULL },
    { FEAT_VMX_SECONDARY_CTLS, BIT(1), FEAT_VMX_SECONDARY_CTLS, BIT(7) },
    /* vmx-vpid: the INVVPID capabilities (high half) */
    { FEAT_VMX_SECONDARY_CTLS, BIT(5), FEAT_VMX_EPT_VPID_CAPS,
      0xffffffffULL << 32 },
    /* vmx-vmfunc */
    { FEAT_VMX_SECONDARY_CTLS, BIT(13), FEAT_VMX_VMFUNC, ~0ULL },
    /* exiting controls of instructions the guest may not have */
    { FEAT_8000_0001_EDX, BIT(29), FEAT_VMX_ENTRY_CTLS, BIT(9) },  /* lm */
    { FEAT_7_0_EBX, BIT(14), FEAT_VMX_EXIT_CTLS, BIT(23) },        /* mpx */
    { FEAT_7_0_EBX, BIT(14), FEAT_VMX_ENTRY_CTLS, BIT(16) },
    { FEAT_7_0_EBX, BIT(10), FEAT_VMX_SECONDARY_CTLS, BIT(12) },   /* invpcid */
    { FEAT_7_0_EBX, BIT(18), FEAT_VMX_SECONDARY_CTLS, BIT(16) },   /* rdseed */
    { FEAT_1_ECX, BIT(30), FEAT_VMX_SECONDARY_CTLS, BIT(11) },     /* rdrand */
    /* rdtscp */
    { FEAT_8000_0001_EDX, BIT(27), FEAT_VMX_SECONDARY_CTLS, BIT(3) },
    { FEAT_XSAVE, BIT(3), FEAT_VMX_SECONDARY_CTLS, BIT(20) },      /* xsaves */
};
const int feature_dependencies_count = ARRAY_SIZE(feature_dependencies);

const char *x86_reg_name(int reg)
{
    static const char *const names[] = {
        [R_EAX] = "EAX", [R_ECX] = "ECX", [R_EDX] = "EDX", [R_EBX] = "EBX",
    };
    return reg >= 0 && reg < (int)ARRAY_SIZE(names) ? names[reg] : "";
}

typedef struct FlagEntry {
    const char *name;
    FeatureWord w;
    uint64_t mask;
    bool alias;
} FlagEntry;

static GHashTable *flag_table;      /* name -> FlagEntry */
static GPtrArray *flag_list;        /* FlagEntry, canonical then aliases */

static void flag_add(const char *name, FeatureWord w, uint64_t mask,
                     bool alias)
{
    FlagEntry *e = g_hash_table_lookup(flag_table, name);

    if (e) {
        e->mask |= mask;        /* one name on two bits (kvmclock) */
        return;
    }
    e = g_new0(FlagEntry, 1);
    e->name = name;
    e->w = w;
    e->mask = mask;
    e->alias = alias;
    g_hash_table_insert(flag_table, (gpointer)name, e);
    g_ptr_array_add(flag_list, e);
}

static gpointer flag_table_build(gpointer unused)
{
    flag_table = g_hash_table_new(g_str_hash, g_str_equal);
    flag_list = g_ptr_array_new();
    for (int w = 0; w < FEATURE_WORDS; w++) {
        for (int bit = 0; bit < 64; bit++) {
            const char *name = feature_word_info[w].names[bit];
            if (name) {
                flag_add(name, w, 1ULL << bit, false);
            }
        }
    }
    for (size_t i = 0; i < ARRAY_SIZE(feature_aliases); i++) {
        FlagEntry *e = g_hash_table_lookup(flag_table, feature_aliases[i].name);
        flag_add(feature_aliases[i].alias, e->w, e->mask, true);
    }
    return NULL;
}

static const FlagEntry *flag_find(const char *name)
{
    static GOnce once = G_ONCE_INIT;

    g_once(&once, flag_table_build, NULL);
    return g_hash_table_lookup(flag_table, name);
}

bool x86_feature_lookup(const char *name, FeatureWord *w, uint64_t *mask)
{
    const FlagEntry *e = flag_find(name);

    if (!e && strchr(name, '_')) {
        /* -cpu accepts "_" for "-" in every flag name */
        g_autofree char *dashed = g_strdelimit(g_strdup(name), "_", '-');
        e = flag_find(dashed);
    }
    if (!e) {
        return false;
    }
    *w = e->w;
    *mask = e->mask;
    return true;
}

const char *x86_feature_canonical(const char *name)
{
    FeatureWord w;
    uint64_t mask;

    if (!x86_feature_lookup(name, &w, &mask)) {
        return NULL;
    }
    return feature_word_info[w].names[__builtin_ctzll(mask)];
}

void x86_feature_foreach_name(void (*fn)(const char *name, FeatureWord w,
                                         uint64_t mask, void *opaque),
                              void *opaque)
{
    flag_find("");
    for (guint i = 0; i < flag_list->len; i++) {
        const FlagEntry *e = g_ptr_array_index(flag_list, i);
        fn(e->name, e->w, e->mask, opaque);
    }
}

static gint compare_names(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

GPtrArray *x86_feature_sorted_names(void)
{
    GPtrArray *names = g_ptr_array_new();

    for (int w = 0; w < FEATURE_WORDS; w++) {
        for (int bit = 0; bit < 64; bit++) {
            const char *name = feature_word_info[w].names[bit];

            if (name) {
                g_ptr_array_add(names, (gpointer)name);
            }
        }
    }
    g_ptr_array_sort(names, compare_names);
    return names;
}

char *x86_feature_describe(FeatureWord w, int bit)
{
    const FeatureWordInfo *f = &feature_word_info[w];
    const char *name = f->names[bit] ? f->names[bit] : "";

    if (f->type == MSR_FEATURE_WORD) {
        return g_strdup_printf("MSR(%02XH).%s [bit %d]", f->msr, name, bit);
    }
    return g_strdup_printf("CPUID.%02XH:%s%s%s [bit %d]", f->cpuid.eax,
                           x86_reg_name(f->cpuid.reg), *name ? "." : "",
                           name, bit);
}

void x86_flags_parse(const char *names, FeatureWordArray words)
{
    g_auto(GStrv) list = g_strsplit(names, " ", -1);

    for (int i = 0; list[i]; i++) {
        FeatureWord w;
        uint64_t mask;

        if (!*list[i]) {
            continue;
        }
        if (!x86_feature_lookup(list[i], &w, &mask)) {
            g_error("unknown built-in CPU flag '%s'", list[i]);
        }
        words[w] |= mask;
    }
}
