/*
 * cpu-expand.c: from a model to the CPUID feature words a CPU presents.
 *
 * A new X86CPU loads its model (instance_init): vendor, family/model/
 * stepping, model-id, flags, the levels the model asks for, and the
 * accelerator's defaults (on KVM: the paravirt flags and x2apic, no svm;
 * on the software CPU: no vme).  Properties (-cpu key=value through
 * -global, qom-set before realize) then change it.  At realize,
 * x86_cpu_expand_features() applies -cpu +flag/-flag, "max", the flag
 * dependencies, the XSAVE components and the automatic levels, and
 * x86_cpu_filter_features() drops what the accelerator cannot give, with
 * the reference's warnings.
 */
#include "qemu/osdep.h"
#include "qemu/cutils.h"
#include "target/i386/cpu-internal.h"

/* ---- the accelerator ---- */

/*
 * Without a registered accelerator (the "none" machine, which the
 * reference runs on TCG) the answers are those of the reference's software
 * CPU: the flags of its "max" model, every XCR0 component, nothing else.
 * scripts/x86-cpu-facts.py prints this list.
 */
static const char tcg_default_flags[] =
    "3dnow 3dnowext abm acpi adx aes apic arat avx avx2 bmi1 bmi2 "
    "clflush clflushopt clwb cmov cr8legacy cx16 cx8 de erms f16c "
    "fma fpu fsgsbase fxsr hypervisor la57 lahf-lm lm mca mce mmx "
    "mmxext monitor movbe mpx msr mtrr npt nx pae pat pclmulqdq "
    "pcommit pdpe1gb pge pks pku pni popcnt pse pse36 rdrand rdtscp "
    "sep smap smep ss sse sse2 sse4.1 sse4.2 sse4a ssse3 svm "
    "svme-addr-chk syscall tsc umip vaes vgif xgetbv1 xsave xsaveopt";

static gpointer tcg_default_words(gpointer unused)
{
    uint64_t *words = g_new0(uint64_t, FEATURE_WORDS);

    x86_flags_parse(tcg_default_flags, words);
    words[FEAT_XSAVE_COMP_LO] = words[FEAT_XSAVE_COMP_HI] = 0xffffffff;
    return words;
}

static uint32_t tcg_default_cpuid(uint32_t function, uint32_t index, int reg)
{
    static GOnce once = G_ONCE_INIT;
    const uint64_t *words = g_once(&once, tcg_default_words, NULL);

    for (int w = 0; w < FEATURE_WORDS; w++) {
        const FeatureWordInfo *wi = &feature_word_info[w];

        if (wi->type == CPUID_FEATURE_WORD && wi->cpuid.eax == function &&
            (!wi->cpuid.needs_ecx || wi->cpuid.ecx == index) &&
            wi->cpuid.reg == reg) {
            return words[w];
        }
    }
    return 0;
}

static const X86CPUAccel tcg_default_accel = {
    .name = "tcg",
    .warn_name = "TCG",
    .get_supported_cpuid = tcg_default_cpuid,
};

static const X86CPUAccel *x86_accel = &tcg_default_accel;

void x86_cpu_set_accel(const X86CPUAccel *accel)
{
    x86_accel = accel ? accel : &tcg_default_accel;
}

const X86CPUAccel *x86_cpu_get_accel(void)
{
    return x86_accel;
}

static bool accel_is(const char *name)
{
    return !strcmp(x86_accel->name, name);
}

/* Bits of w that have a name (what "max" may turn on without an accel). */
static uint64_t named_bits(FeatureWord w)
{
    uint64_t mask = 0;

    for (int bit = 0; bit < 64; bit++) {
        if (feature_word_info[w].names[bit]) {
            mask |= 1ULL << bit;
        }
    }
    return mask;
}

uint64_t x86_cpu_get_supported_feature_word(FeatureWord w)
{
    const FeatureWordInfo *wi = &feature_word_info[w];

    if (wi->type == CPUID_FEATURE_WORD) {
        return x86_accel->get_supported_cpuid(wi->cpuid.eax, wi->cpuid.ecx,
                                              wi->cpuid.reg);
    }
    return x86_accel->get_supported_msr_feature ?
        x86_accel->get_supported_msr_feature(wi->msr) : 0;
}

/* ---- vendor, family/model/stepping, model-id ---- */

bool x86_cpu_is_amd_strict(CPUX86State *env)
{
    return env->cpuid_vendor1 == 0x68747541 &&
           env->cpuid_vendor2 == 0x69746e65 &&
           env->cpuid_vendor3 == 0x444d4163;
}

bool x86_cpu_is_amd(CPUX86State *env)
{
    /* "AuthenticAMD" or "HygonGenuine" (Hygon follows AMD's leaves) */
    return (env->cpuid_vendor1 == 0x68747541 &&
            env->cpuid_vendor2 == 0x69746e65 &&
            env->cpuid_vendor3 == 0x444d4163) ||
           (env->cpuid_vendor1 == 0x6f677948 &&
            env->cpuid_vendor2 == 0x6e65476e &&
            env->cpuid_vendor3 == 0x656e6975);
}

static uint32_t le32_of(const char *s)
{
    return (uint8_t)s[0] | (uint8_t)s[1] << 8 | (uint8_t)s[2] << 16 |
           (uint32_t)(uint8_t)s[3] << 24;
}

void x86_cpu_set_vendor(CPUX86State *env, const char *vendor)
{
    char buf[12] = { 0 };

    memcpy(buf, vendor, MIN(strlen(vendor), sizeof(buf)));
    env->cpuid_vendor1 = le32_of(buf);
    env->cpuid_vendor2 = le32_of(buf + 4);
    env->cpuid_vendor3 = le32_of(buf + 8);
}

char *x86_cpu_get_vendor(CPUX86State *env)
{
    char buf[13];
    uint32_t regs[3] = { env->cpuid_vendor1, env->cpuid_vendor2,
                         env->cpuid_vendor3 };

    for (int i = 0; i < 12; i++) {
        buf[i] = regs[i / 4] >> (8 * (i % 4));
    }
    buf[12] = 0;
    return g_strdup(buf);
}

/* CPUID[1].EAX: stepping 3:0, model 7:4 (+19:16), family 11:8 (+27:20). */
void x86_cpu_set_family(CPUX86State *env, int family)
{
    env->cpuid_version &= ~0xff00f00;
    if (family > 0x0f) {
        env->cpuid_version |= 0xf00 | ((family - 0x0f) << 20);
    } else {
        env->cpuid_version |= family << 8;
    }
}

int x86_cpu_get_family(CPUX86State *env)
{
    int family = (env->cpuid_version >> 8) & 0xf;

    if (family == 0x0f) {
        family += (env->cpuid_version >> 20) & 0xff;
    }
    return family;
}

void x86_cpu_set_model(CPUX86State *env, int model)
{
    env->cpuid_version &= ~0xf00f0;
    env->cpuid_version |= ((model & 0xf) << 4) | ((model >> 4) << 16);
}

int x86_cpu_get_model(CPUX86State *env)
{
    return ((env->cpuid_version >> 4) & 0xf) |
           ((env->cpuid_version >> 12) & 0xf0);
}

void x86_cpu_set_stepping(CPUX86State *env, int stepping)
{
    env->cpuid_version = (env->cpuid_version & ~0xf) | (stepping & 0xf);
}

void x86_cpu_set_model_id(CPUX86State *env, const char *model_id)
{
    size_t len = strlen(model_id);

    memset(env->cpuid_model, 0, sizeof(env->cpuid_model));
    for (size_t i = 0; i < 48 && i < len; i++) {
        env->cpuid_model[i / 4] |= (uint32_t)(uint8_t)model_id[i] <<
                                   (8 * (i % 4));
    }
}

char *x86_cpu_get_model_id(CPUX86State *env)
{
    char *s = g_malloc0(49);

    for (int i = 0; i < 48; i++) {
        s[i] = env->cpuid_model[i / 4] >> (8 * (i % 4));
    }
    return s;
}

/* ---- loading a model ---- */

void x86_host_cpuid(uint32_t leaf, uint32_t sub, uint32_t *a, uint32_t *b,
                       uint32_t *c, uint32_t *d)
{
    uint32_t ra, rb, rc, rd;

    __asm__ volatile("cpuid" : "=a"(ra), "=b"(rb), "=c"(rc), "=d"(rd)
                     : "0"(leaf), "2"(sub));
    *a = ra;
    *b = rb;
    *c = rc;
    *d = rd;
}

/*
 * The accelerator's defaults, applied at load like properties of the
 * model (a later -cpu option or qom-set overrides them).  As on the
 * reference: KVM offers its paravirt clock, EOI, async page faults and
 * steal time and the x2APIC, and hides ACPI thermal control, MONITOR and
 * SVM; the software CPU has no VME.
 */
typedef struct AccelDefault {
    const char *flag;
    bool on;
} AccelDefault;

static const AccelDefault kvm_defaults[] = {
    { "kvmclock", true }, { "kvm-nopiodelay", true },
    { "kvm-asyncpf", true }, { "kvm-steal-time", true },
    { "kvm-pv-eoi", true }, { "kvmclock-stable-bit", true },
    { "x2apic", true }, { "acpi", false }, { "monitor", false },
    { "svm", false }, { NULL, false },
};

static const AccelDefault tcg_defaults[] = {
    { "vme", false }, { NULL, false },
};

static void apply_accel_defaults(CPUX86State *env)
{
    const AccelDefault *d = accel_is("kvm") ? kvm_defaults :
                            accel_is("tcg") ? tcg_defaults : NULL;

    for (; d && d->flag; d++) {
        FeatureWord w;
        uint64_t mask;

        if (x86_feature_lookup(d->flag, &w, &mask)) {
            if (d->on) {
                env->features[w] |= mask;
            } else {
                env->features[w] &= ~mask;
            }
        }
    }
    /* Model flags the accelerator leaves out by default (not asked for). */
    for (const char *const *f = x86_accel->default_off; f && *f; f++) {
        FeatureWord w;
        uint64_t mask;

        if (x86_feature_lookup(*f, &w, &mask)) {
            env->features[w] &= ~mask;
        }
    }
}

static void load_max(X86CPU *cpu)
{
    CPUX86State *env = &cpu->env;

    if (x86_accel->uses_host_cpuid) {
        uint32_t a, b, c, d, regs[12];
        char model_id[49];

        x86_host_cpuid(0, 0, &a, &b, &c, &d);
        env->cpuid_vendor1 = b;
        env->cpuid_vendor2 = d;
        env->cpuid_vendor3 = c;
        x86_host_cpuid(1, 0, &a, &b, &c, &d);
        env->cpuid_version = a;
        for (int i = 0; i < 3; i++) {
            x86_host_cpuid(0x80000002 + i, 0, &regs[i * 4], &regs[i * 4 + 1],
                       &regs[i * 4 + 2], &regs[i * 4 + 3]);
        }
        memcpy(model_id, regs, 48);
        model_id[48] = 0;
        x86_cpu_set_model_id(env, model_id);
        cpu->host_phys_bits = true;
    } else {
        /* The software CPU's own identity, as the reference's "max". */
        x86_cpu_set_vendor(env, "AuthenticAMD");
        x86_cpu_set_family(env, 15);
        x86_cpu_set_model(env, 107);
        x86_cpu_set_stepping(env, 1);
        x86_cpu_set_model_id(env, "QEMU TCG CPU version 2.5+");
    }
    cpu->enable_pmu = true;
}

void x86_cpu_load_model(X86CPU *cpu)
{
    X86CPUClass *xcc = X86_CPU_GET_CLASS(cpu);
    const X86CPUModel *m = xcc->model;
    CPUX86State *env = &cpu->env;

    env->cpuid_level = env->cpuid_xlevel = env->cpuid_xlevel2 = UINT32_MAX;
    env->cpuid_level_func7 = UINT32_MAX;
    if (xcc->max_features) {
        cpu->max_features = true;
        load_max(cpu);
        env->features[FEAT_1_ECX] |= CPUID_EXT_HYPERVISOR;
        apply_accel_defaults(env);
        return;
    }
    if (!m) {
        return;                 /* "base": nothing at all */
    }
    env->cpuid_min_level = m->def->level;
    env->cpuid_min_xlevel = m->def->xlevel;
    env->cpuid_min_xlevel2 = m->def->xlevel2;
    x86_cpu_set_family(env, m->family);
    x86_cpu_set_model(env, m->model);
    x86_cpu_set_stepping(env, m->stepping);
    x86_cpu_set_model_id(env, m->model_id);
    memcpy(env->features, m->features, sizeof(env->features));
    env->features[FEAT_1_ECX] |= CPUID_EXT_HYPERVISOR;
    cpu->legacy_cache = !m->def->cache_info;
    apply_accel_defaults(env);
    if (x86_accel->uses_host_cpuid) {
        /*
         * A KVM guest runs SYSENTER/SYSCALL on the host CPU, so it gets
         * the host's vendor unless vendor= says otherwise.
         */
        uint32_t a, b, c, d;

        x86_host_cpuid(0, 0, &a, &b, &c, &d);
        env->cpuid_vendor1 = b;
        env->cpuid_vendor2 = d;
        env->cpuid_vendor3 = c;
    } else {
        x86_cpu_set_vendor(env, m->def->vendor);
    }
}

/* ---- XSAVE components (SDM vol. 1 13.2, 13.4) ---- */

typedef struct XSaveComponent {
    FeatureWord w;              /* the flag that enables it */
    uint64_t mask;
    uint32_t offset, size;      /* standard format */
} XSaveComponent;

static const XSaveComponent xsave_components[64] = {
    [0] = { FEAT_1_EDX, CPUID_FP87, 0, 160 },         /* x87 (legacy) */
    [1] = { FEAT_1_EDX, CPUID_SSE, 160, 256 },        /* SSE (legacy) */
    [2] = { FEAT_1_ECX, 1ULL << 28, 576, 256 },       /* AVX: YMM_Hi128 */
    [3] = { FEAT_7_0_EBX, 1ULL << 14, 960, 64 },      /* MPX: BNDREGS */
    [4] = { FEAT_7_0_EBX, 1ULL << 14, 1024, 64 },     /* MPX: BNDCSR */
    [5] = { FEAT_7_0_EBX, 1ULL << 16, 1088, 64 },     /* AVX-512: opmask */
    [6] = { FEAT_7_0_EBX, 1ULL << 16, 1152, 512 },    /* ZMM_Hi256 */
    [7] = { FEAT_7_0_EBX, 1ULL << 16, 1664, 1024 },   /* Hi16_ZMM */
    [9] = { FEAT_7_0_ECX, 1ULL << 3, 2688, 8 },       /* PKRU */
    [15] = { FEAT_7_0_EDX, 1ULL << 19, 0, 328 },      /* arch LBR (XSS) */
    [17] = { FEAT_7_0_EDX, 1ULL << 24, 2752, 64 },    /* AMX: XTILECFG */
    [18] = { FEAT_7_0_EDX, 1ULL << 24, 2816, 8192 },  /* AMX: XTILEDATA */
};

/* Supervisor components (IA32_XSS) among the above. */
#define XSAVE_XSS_MASK (1ULL << 15)

uint32_t x86_xsave_area_size(uint64_t mask, bool compacted)
{
    uint32_t size = 576;        /* legacy region and XSAVE header */

    for (int i = 2; i < 64; i++) {
        const XSaveComponent *c = &xsave_components[i];

        if (!(mask & (1ULL << i)) || !c->size) {
            continue;
        }
        if (compacted) {
            size += c->size;
        } else {
            size = MAX(size, c->offset + c->size);
        }
    }
    return size;
}

uint32_t x86_xsave_component_offset(int i)
{
    return xsave_components[i].offset;
}

uint32_t x86_xsave_component_size(int i)
{
    return xsave_components[i].size;
}

/* The XCR0 (and IA32_XSS) components the flags in use need. */
static void x86_cpu_enable_xsave_components(X86CPU *cpu)
{
    CPUX86State *env = &cpu->env;
    uint64_t mask = 0;

    if (env->features[FEAT_1_ECX] & CPUID_EXT_XSAVE) {
        for (int i = 0; i < 64; i++) {
            const XSaveComponent *c = &xsave_components[i];

            if (c->mask && (env->features[c->w] & c->mask)) {
                mask |= 1ULL << i;
            }
        }
    }
    env->features[FEAT_XSAVE_COMP_LO] = (uint32_t)(mask & ~XSAVE_XSS_MASK);
    env->features[FEAT_XSAVE_COMP_HI] = (mask & ~XSAVE_XSS_MASK) >> 32;
    env->features[FEAT_XSAVE_XSS_LO] = (uint32_t)(mask & XSAVE_XSS_MASK);
    env->features[FEAT_XSAVE_XSS_HI] = (mask & XSAVE_XSS_MASK) >> 32;
}

/* ---- filtering and its messages ---- */

/*
 * Drop bits of w that cannot be given, remember them as filtered and, with
 * prefix, warn about each one ("<prefix>: CPUID.07H:EBX.avx512f [bit 16]").
 */
static void mark_unavailable(X86CPU *cpu, FeatureWord w, uint64_t mask,
                             const char *prefix)
{
    if (!mask) {
        return;
    }
    if (!cpu->force_features) {
        cpu->env.features[w] &= ~mask;
    }
    cpu->filtered_features[w] |= mask;
    if (!prefix) {
        return;
    }
    for (int bit = 0; bit < 64; bit++) {
        if (mask & (1ULL << bit)) {
            g_autofree char *where = x86_feature_describe(w, bit);
            warn_report("%s: %s", prefix, where);
        }
    }
}

static void adjust_level(uint32_t *min, uint32_t value)
{
    if (*min < value) {
        *min = value;
    }
}

/* Raise the minimum levels so that every leaf in use is visible. */
static void auto_levels(X86CPU *cpu)
{
    CPUX86State *env = &cpu->env;

    for (int w = 0; w < FEATURE_WORDS; w++) {
        const FeatureWordInfo *wi = &feature_word_info[w];
        uint32_t leaf = wi->cpuid.eax;

        if (wi->type != CPUID_FEATURE_WORD || !env->features[w]) {
            continue;
        }
        if (leaf >= 0xC0000000) {
            adjust_level(&env->cpuid_min_xlevel2, leaf);
        } else if (leaf >= 0x80000000) {
            adjust_level(&env->cpuid_min_xlevel, leaf);
        } else if (leaf < 0x40000000) {
            adjust_level(&env->cpuid_min_level, leaf);
        }
        if (w == FEAT_7_1_EAX) {
            adjust_level(&env->cpuid_min_level_func7, 1);
        }
    }
    if (env->features[FEAT_8000_0001_ECX] & (1ULL << 2)) {
        adjust_level(&env->cpuid_min_xlevel, 0x8000000A);    /* svm */
    }
    if (cpu->intel_pt_auto_level &&
        (env->features[FEAT_7_0_EBX] & (1ULL << 25))) {
        adjust_level(&env->cpuid_min_level, 0x14);           /* intel-pt */
    }
    if (env->features[FEAT_7_0_EBX] & (1ULL << 2)) {
        adjust_level(&env->cpuid_min_level, 0x12);           /* sgx */
    }
    if (env->nr_dies > 1 && !x86_cpu_is_amd(env)) {
        adjust_level(&env->cpuid_min_level, 0x1F);  /* die level: Intel */
    }
}

bool x86_cpu_expand_features(X86CPU *cpu, Error **errp)
{
    CPUX86State *env = &cpu->env;
    const char *const *names;

    if (cpu->max_features) {
        if (x86_accel->uses_host_cpuid) {
            /* the host's levels, as far as the accelerator passes them */
            adjust_level(&env->cpuid_min_level,
                         x86_accel->get_supported_cpuid(0, 0, R_EAX));
            adjust_level(&env->cpuid_min_xlevel,
                         x86_accel->get_supported_cpuid(0x80000000, 0, R_EAX));
            adjust_level(&env->cpuid_min_xlevel2,
                         x86_accel->get_supported_cpuid(0xC0000000, 0, R_EAX));
        }
        for (int w = 0; w < FEATURE_WORDS; w++) {
            uint64_t avail = x86_cpu_get_supported_feature_word(w) &
                             named_bits(w);

            if (cpu->migratable && w == FEAT_8000_0007_EDX) {
                avail &= ~(1ULL << 8);      /* invtsc stops migration */
            }
            env->features[w] |= avail & ~cpu->user_features[w];
        }
    }
    for (names = x86_cpu_plus_names(); names && *names; names++) {
        if (!object_property_set_bool(OBJECT(cpu), *names, true, errp)) {
            return false;
        }
    }
    for (names = x86_cpu_minus_names(); names && *names; names++) {
        if (!object_property_set_bool(OBJECT(cpu), *names, false, errp)) {
            return false;
        }
    }
    for (int i = 0; i < feature_dependencies_count; i++) {
        const FeatureDep *d = &feature_dependencies[i];

        if (!(env->features[d->from_w] & d->from_mask)) {
            uint64_t lost = env->features[d->to_w] & d->to_mask;

            /* Only a flag the user asked for is worth a warning. */
            mark_unavailable(cpu, d->to_w, lost & cpu->user_features[d->to_w],
                             "This feature depends on other features that "
                             "were not requested");
            env->features[d->to_w] &= ~lost;
        }
    }
    if (!accel_is("kvm") || !cpu->expose_kvm) {
        env->features[FEAT_KVM] = 0;
    }
    x86_cpu_enable_xsave_components(cpu);
    if (cpu->full_cpuid_auto_level) {
        auto_levels(cpu);
    }
    if (env->cpuid_level == UINT32_MAX) {
        env->cpuid_level = env->cpuid_min_level;
    }
    if (env->cpuid_level_func7 == UINT32_MAX) {
        env->cpuid_level_func7 = env->cpuid_min_level_func7;
    }
    if (env->cpuid_xlevel == UINT32_MAX) {
        env->cpuid_xlevel = env->cpuid_min_xlevel;
    }
    if (env->cpuid_xlevel2 == UINT32_MAX) {
        env->cpuid_xlevel2 = env->cpuid_min_xlevel2;
    }
    return true;
}

bool x86_cpu_filter_features(X86CPU *cpu, bool verbose, Error **errp)
{
    const char *warn_name = x86_accel->warn_name ? x86_accel->warn_name :
                                                   x86_accel->name;
    g_autofree char *prefix = NULL;
    bool any = false;

    if (verbose) {
        prefix = g_strdup_printf("%s doesn't support requested feature",
                                 warn_name);
    }
    for (int w = 0; w < FEATURE_WORDS; w++) {
        uint64_t lost = cpu->env.features[w] &
                        ~x86_cpu_get_supported_feature_word(w);

        mark_unavailable(cpu, w, lost, prefix);
    }
    for (int w = 0; w < FEATURE_WORDS; w++) {
        any |= cpu->filtered_features[w] != 0;
    }
    if (any && cpu->enforce_cpuid) {
        error_setg(errp, "%c%s doesn't support requested features",
                   g_ascii_toupper(warn_name[0]), warn_name + 1);
        return false;
    }
    return true;
}

GPtrArray *x86_cpu_filtered_feature_names(X86CPU *cpu)
{
    GPtrArray *names = g_ptr_array_new();

    for (int w = 0; w < FEATURE_WORDS; w++) {
        for (int bit = 0; bit < 64; bit++) {
            const char *name = feature_word_info[w].names[bit];

            if ((cpu->filtered_features[w] & (1ULL << bit)) && name) {
                g_ptr_array_add(names, (gpointer)name);
            }
        }
    }
    return names;
}
