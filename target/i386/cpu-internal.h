/*
 * cpu-internal.h: what the files of target/i386 share among themselves.
 *
 * - The flag table (cpu-features.c): for each feature word, where it lives
 *   (a CPUID leaf/subleaf/register or a feature MSR) and the name of each
 *   bit; aliases; the dependencies between flags.
 * - The model table (cpu-models.c): each CPU model as the reference
 *   defines it (vendor, family/model/stepping, levels, model-id, flags)
 *   and its versions as changes to the previous version.  A model's QOM
 *   type resolves one version into an X86CPUModel.
 * - Cache descriptions for the cache leaves.
 * - The -cpu option state (cpu-parse.c) that every new X86CPU applies.
 */
#ifndef TARGET_I386_CPU_INTERNAL_H
#define TARGET_I386_CPU_INTERNAL_H

#include "target/i386/cpu.h"

/* ---- feature words and flag names ---- */

typedef enum FeatureWordType {
    CPUID_FEATURE_WORD,
    MSR_FEATURE_WORD,
} FeatureWordType;

typedef struct FeatureWordInfo {
    FeatureWordType type;
    struct {
        uint32_t eax;           /* leaf */
        uint32_t ecx;           /* subleaf, when needs_ecx */
        bool needs_ecx;
        int reg;                /* R_EAX, R_EBX, R_ECX, R_EDX */
    } cpuid;
    uint32_t msr;               /* MSR_FEATURE_WORD: its index */
    const char *names[64];      /* flag name of each bit, or NULL */
} FeatureWordInfo;

extern const FeatureWordInfo feature_word_info[FEATURE_WORDS];

/* "EAX", "EBX", "ECX", "EDX" for R_EAX..R_EBX (register index order). */
const char *x86_reg_name(int reg);
/*
 * Find a flag by name (canonical or alias, "_" accepted for "-"): the
 * word and the mask of its bits (a name may cover two bits, as kvmclock).
 * Returns false for an unknown name.
 */
bool x86_feature_lookup(const char *name, FeatureWord *w, uint64_t *mask);
/* Canonical name of a flag, for a name that x86_feature_lookup() knows. */
const char *x86_feature_canonical(const char *name);
/* Call fn for every property name of a flag, aliases included, once. */
void x86_feature_foreach_name(void (*fn)(const char *name, FeatureWord w,
                                         uint64_t mask, void *opaque),
                              void *opaque);
/* Every canonical flag name, sorted by strcmp, with the reference's
 * duplicates (kvmclock, vmx-invept-single-context); g_ptr_array_free. */
GPtrArray *x86_feature_sorted_names(void);
/*
 * "CPUID.07H:EBX.avx512f [bit 16]" or "MSR(48BH).vmx-ept [bit 1]": where
 * bit `bit` of w lives, as the reference prints it in its warnings.
 */
char *x86_feature_describe(FeatureWord w, int bit);

/* A flag that requires another (vmx-ept needs vmx-secondary-ctls). */
typedef struct FeatureDep {
    FeatureWord from_w;
    uint64_t from_mask;
    FeatureWord to_w;
    uint64_t to_mask;
} FeatureDep;
extern const FeatureDep feature_dependencies[];
extern const int feature_dependencies_count;

/* Parse a space-separated list of flag names into words (unknown names
 * abort: the tables are built in). */
void x86_flags_parse(const char *names, FeatureWordArray words);

/* ---- caches (CPUID leaves 2, 4, 0x8000_0005/6, 0x8000_001D) ---- */

typedef enum X86CacheType {
    X86_CACHE_DATA = 1,
    X86_CACHE_INSTRUCTION = 2,
    X86_CACHE_UNIFIED = 3,
} X86CacheType;

typedef struct X86CPUCacheInfo {
    X86CacheType type;
    uint8_t level;
    uint32_t size;              /* bytes */
    uint16_t line_size;
    uint8_t associativity;      /* ways; 0xff: fully associative */
    uint8_t partitions;
    uint32_t sets;
    uint8_t lines_per_tag;      /* AMD leaves 0x8000_0005/6 */
    bool self_init;
    bool no_invd_sharing;       /* WBINVD does not act on sharing caches */
    bool inclusive;
    bool complex_indexing;
} X86CPUCacheInfo;

typedef struct X86CPUCaches {
    const X86CPUCacheInfo *l1d, *l1i, *l2, *l3;
} X86CPUCaches;

/* QEMU's fixed cache descriptions, used by models without their own. */
extern const X86CPUCaches legacy_caches_cpuid2;
extern const X86CPUCaches legacy_caches_cpuid4;
extern const X86CPUCaches legacy_caches_amd;

/* ---- models ---- */

typedef struct X86CPUVersion {
    int version;                /* 0 ends the list */
    const char *alias;          /* "Haswell-noTSX", or NULL */
    const char *note;           /* -cpu help: "... [note]" */
    const char *model_id;       /* new model-id, or NULL */
    /* Changes from the previous version: "+flag", "-flag",
     * "stepping=N", "model=N", separated by spaces. */
    const char *props;
} X86CPUVersion;

typedef struct X86CPUDefinition {
    const char *name;
    const char *vendor;
    int family, model, stepping;
    uint32_t level, xlevel, xlevel2;
    const char *model_id;
    const X86CPUCaches *cache_info;     /* NULL: legacy caches */
    const char *flags;          /* version 1's flags */
    const char *vmx;            /* version 1's nested-VMX flags, or NULL */
    const X86CPUVersion *versions;      /* NULL: only version 1 */
} X86CPUDefinition;

extern const X86CPUDefinition builtin_x86_defs[];
extern const int builtin_x86_defs_count;

/* One version of a model, resolved (what a model's QOM type stands for). */
typedef struct X86CPUModel {
    const X86CPUDefinition *def;
    int version;                /* >= 1 */
    bool is_alias;              /* "Haswell" (version 1, "alias configured
                                 * by machine type"), "Haswell-noTSX" */
    char *name;                 /* "Haswell-v2", "Haswell-noTSX" */
    const char *model_id;
    int family, model, stepping;
    FeatureWordArray features;
    char *desc;                 /* -cpu help description */
} X86CPUModel;

/* Every model type (the table order, each model's versions then its
 * aliases); a model's flags are resolved by x86_cpu_model_resolve(). */
X86CPUModel *const *x86_cpu_models(int *count);
void x86_cpu_model_resolve(X86CPUModel *m);

/* ---- -cpu state applied to every new X86CPU (cpu-parse.c) ---- */

/* +flag / -flag names from -cpu, in command-line order (NULL-terminated
 * arrays; NULL when none). */
const char *const *x86_cpu_plus_names(void);
const char *const *x86_cpu_minus_names(void);

/* Every concrete X86CPU class in -cpu help order (ordering, then name);
 * g_slist_free() the list. */
GSList *x86_cpu_class_list_sorted(void);
/* "Haswell-v1" for the class "Haswell-v1-x86_64-cpu" (a new string). */
char *x86_cpu_class_model_name(ObjectClass *oc);

/* ---- accelerator defaults and expansion (cpu-expand.c) ---- */

/* Load the model of cpu's class into env (vendor, versions, flags). */
void x86_cpu_load_model(X86CPU *cpu);
/* Identity fields of CPUID[0], [1].EAX and 0x8000_0002-4 (strings are
 * new allocations). */
void x86_cpu_set_vendor(CPUX86State *env, const char *vendor);
char *x86_cpu_get_vendor(CPUX86State *env);
void x86_cpu_set_family(CPUX86State *env, int family);
int x86_cpu_get_family(CPUX86State *env);
void x86_cpu_set_model(CPUX86State *env, int model);
int x86_cpu_get_model(CPUX86State *env);
void x86_cpu_set_stepping(CPUX86State *env, int stepping);
void x86_cpu_set_model_id(CPUX86State *env, const char *model_id);
char *x86_cpu_get_model_id(CPUX86State *env);
/* Offset and size of XSAVE component i in the standard format. */
uint32_t x86_xsave_component_offset(int i);
uint32_t x86_xsave_component_size(int i);
/* The host CPU's own CPUID (KVM guests' vendor, "host", phys-bits). */
void x86_host_cpuid(uint32_t leaf, uint32_t sub, uint32_t *a, uint32_t *b,
                    uint32_t *c, uint32_t *d);
/* Vendor predicates on CPUID[0]. */
bool x86_cpu_is_amd(CPUX86State *env);  /* AMD or Hygon */
bool x86_cpu_is_amd_strict(CPUX86State *env);   /* AuthenticAMD only */
/* The XSAVE area size for the components in mask (standard or compacted
 * format, SDM vol. 1 13.4.3). */
uint32_t x86_xsave_area_size(uint64_t mask, bool compacted);

#endif
