/*
 * cpuid.c: the CPUID instruction as both accelerators present it, and the
 * APIC ids of the -smp topology.
 *
 * Leaf layouts are the SDM's (vol. 2A, CPUID) and the AMD APM's (vol. 3,
 * appendix E); the choices where the architecture leaves room (which
 * caches share, what an AMD guest sees in Intel-only leaves, leaves above
 * the maximum) follow the reference, checked against a guest's CPUID
 * there (tests/unit/test-cpuid.c).
 */
#include "qemu/osdep.h"
#include "target/i386/cpu-internal.h"

/* ---- topology (SDM vol. 3 8.9.1: APIC id fields) ---- */

static unsigned bits_for_count(unsigned count)
{
    return count <= 1 ? 0 : 32 - __builtin_clz(count - 1);
}

unsigned x86_apicid_core_offset(const X86CPUTopoInfo *topo)
{
    return bits_for_count(topo->threads_per_core);
}

unsigned x86_apicid_die_offset(const X86CPUTopoInfo *topo)
{
    return x86_apicid_core_offset(topo) + bits_for_count(topo->cores_per_die);
}

unsigned x86_apicid_pkg_offset(const X86CPUTopoInfo *topo)
{
    return x86_apicid_die_offset(topo) + bits_for_count(topo->dies_per_pkg);
}

void x86_topo_ids_from_idx(const X86CPUTopoInfo *topo, unsigned cpu_index,
                           X86CPUTopoIDs *ids)
{
    unsigned threads = MAX(topo->threads_per_core, 1);
    unsigned cores = MAX(topo->cores_per_die, 1);
    unsigned dies = MAX(topo->dies_per_pkg, 1);

    ids->smt_id = cpu_index % threads;
    ids->core_id = cpu_index / threads % cores;
    ids->die_id = cpu_index / (threads * cores) % dies;
    ids->pkg_id = cpu_index / (threads * cores * dies);
}

uint32_t x86_apicid_from_topo_ids(const X86CPUTopoInfo *topo,
                                  const X86CPUTopoIDs *ids)
{
    return (ids->pkg_id << x86_apicid_pkg_offset(topo)) |
           (ids->die_id << x86_apicid_die_offset(topo)) |
           (ids->core_id << x86_apicid_core_offset(topo)) |
           ids->smt_id;
}

void x86_topo_ids_from_apicid(const X86CPUTopoInfo *topo, uint32_t apicid,
                              X86CPUTopoIDs *ids)
{
    unsigned core_off = x86_apicid_core_offset(topo);
    unsigned die_off = x86_apicid_die_offset(topo);
    unsigned pkg_off = x86_apicid_pkg_offset(topo);

    ids->smt_id = apicid & ((1u << core_off) - 1);
    ids->core_id = (apicid >> core_off) & ((1u << (die_off - core_off)) - 1);
    ids->die_id = (apicid >> die_off) & ((1u << (pkg_off - die_off)) - 1);
    ids->pkg_id = apicid >> pkg_off;
}

uint32_t x86_apicid_from_cpu_idx(const X86CPUTopoInfo *topo,
                                 unsigned cpu_index)
{
    X86CPUTopoIDs ids;

    x86_topo_ids_from_idx(topo, cpu_index, &ids);
    return x86_apicid_from_topo_ids(topo, &ids);
}

static X86CPUTopoInfo env_topo(CPUX86State *env)
{
    return (X86CPUTopoInfo) {
        .dies_per_pkg = MAX(env->nr_dies, 1),
        .cores_per_die = MAX(env->nr_cores, 1),
        .threads_per_core = MAX(env->nr_threads, 1),
    };
}

/* ---- cache leaves ---- */

/*
 * Leaf 2 descriptors (SDM vol. 2A table 3-12) of the caches the models
 * use; a cache without one is reported as 0xff ("see leaf 4").
 */
static const struct {
    uint8_t desc, level;
    X86CacheType type;
    uint32_t size_kb;
    uint8_t ways;
    uint16_t line;
} cache_descriptors[] = {
    { 0x06, 1, X86_CACHE_INSTRUCTION, 8, 4, 32 },
    { 0x08, 1, X86_CACHE_INSTRUCTION, 16, 4, 32 },
    { 0x09, 1, X86_CACHE_INSTRUCTION, 32, 4, 64 },
    { 0x0A, 1, X86_CACHE_DATA, 8, 2, 32 },
    { 0x0C, 1, X86_CACHE_DATA, 16, 4, 32 },
    { 0x0D, 1, X86_CACHE_DATA, 16, 4, 64 },
    { 0x0E, 1, X86_CACHE_DATA, 24, 6, 64 },
    { 0x1D, 2, X86_CACHE_UNIFIED, 128, 2, 64 },
    { 0x21, 2, X86_CACHE_UNIFIED, 256, 8, 64 },
    { 0x22, 3, X86_CACHE_UNIFIED, 512, 4, 64 },
    { 0x23, 3, X86_CACHE_UNIFIED, 1024, 8, 64 },
    { 0x24, 2, X86_CACHE_UNIFIED, 1024, 16, 64 },
    { 0x25, 3, X86_CACHE_UNIFIED, 2048, 8, 64 },
    { 0x29, 3, X86_CACHE_UNIFIED, 4096, 8, 64 },
    { 0x2C, 1, X86_CACHE_DATA, 32, 8, 64 },
    { 0x30, 1, X86_CACHE_INSTRUCTION, 32, 8, 64 },
    { 0x41, 2, X86_CACHE_UNIFIED, 128, 4, 32 },
    { 0x42, 2, X86_CACHE_UNIFIED, 256, 4, 32 },
    { 0x43, 2, X86_CACHE_UNIFIED, 512, 4, 32 },
    { 0x44, 2, X86_CACHE_UNIFIED, 1024, 4, 32 },
    { 0x45, 2, X86_CACHE_UNIFIED, 2048, 4, 32 },
    { 0x46, 3, X86_CACHE_UNIFIED, 4096, 4, 64 },
    { 0x47, 3, X86_CACHE_UNIFIED, 8192, 8, 64 },
    { 0x48, 2, X86_CACHE_UNIFIED, 3072, 12, 64 },
    { 0x4A, 3, X86_CACHE_UNIFIED, 6144, 12, 64 },
    { 0x4B, 3, X86_CACHE_UNIFIED, 8192, 16, 64 },
    { 0x4C, 3, X86_CACHE_UNIFIED, 12288, 12, 64 },
    { 0x4D, 3, X86_CACHE_UNIFIED, 16384, 16, 64 },
    { 0x4E, 2, X86_CACHE_UNIFIED, 6144, 24, 64 },
    { 0x60, 1, X86_CACHE_DATA, 16, 8, 64 },
    { 0x66, 1, X86_CACHE_DATA, 8, 4, 64 },
    { 0x67, 1, X86_CACHE_DATA, 16, 4, 64 },
    { 0x68, 1, X86_CACHE_DATA, 32, 4, 64 },
    { 0x78, 2, X86_CACHE_UNIFIED, 1024, 4, 64 },
    { 0x7D, 2, X86_CACHE_UNIFIED, 2048, 8, 64 },
    { 0x7F, 2, X86_CACHE_UNIFIED, 512, 2, 64 },
    { 0x80, 2, X86_CACHE_UNIFIED, 512, 8, 64 },
    { 0x82, 2, X86_CACHE_UNIFIED, 256, 8, 32 },
    { 0x83, 2, X86_CACHE_UNIFIED, 512, 8, 32 },
    { 0x84, 2, X86_CACHE_UNIFIED, 1024, 8, 32 },
    { 0x85, 2, X86_CACHE_UNIFIED, 2048, 8, 32 },
    { 0x86, 2, X86_CACHE_UNIFIED, 512, 4, 64 },
    { 0x87, 2, X86_CACHE_UNIFIED, 1024, 8, 64 },
    { 0xD0, 3, X86_CACHE_UNIFIED, 512, 4, 64 },
    { 0xD1, 3, X86_CACHE_UNIFIED, 1024, 4, 64 },
    { 0xD2, 3, X86_CACHE_UNIFIED, 2048, 4, 64 },
    { 0xD6, 3, X86_CACHE_UNIFIED, 1024, 8, 64 },
    { 0xD7, 3, X86_CACHE_UNIFIED, 2048, 8, 64 },
    { 0xD8, 3, X86_CACHE_UNIFIED, 4096, 8, 64 },
    { 0xDC, 3, X86_CACHE_UNIFIED, 1536, 12, 64 },
    { 0xDD, 3, X86_CACHE_UNIFIED, 3072, 12, 64 },
    { 0xDE, 3, X86_CACHE_UNIFIED, 6144, 12, 64 },
    { 0xE2, 3, X86_CACHE_UNIFIED, 2048, 16, 64 },
    { 0xE3, 3, X86_CACHE_UNIFIED, 4096, 16, 64 },
    { 0xE4, 3, X86_CACHE_UNIFIED, 8192, 16, 64 },
    { 0xEA, 3, X86_CACHE_UNIFIED, 12288, 24, 64 },
    { 0xEB, 3, X86_CACHE_UNIFIED, 18432, 24, 64 },
    { 0xEC, 3, X86_CACHE_UNIFIED, 24576, 24, 64 },
};

static uint32_t cpuid2_descriptor(const X86CPUCacheInfo *c)
{
    for (size_t i = 0; i < ARRAY_SIZE(cache_descriptors); i++) {
        if (cache_descriptors[i].level == c->level &&
            cache_descriptors[i].type == c->type &&
            cache_descriptors[i].size_kb * 1024 == c->size &&
            cache_descriptors[i].ways == c->associativity &&
            cache_descriptors[i].line == c->line_size) {
            return cache_descriptors[i].desc;
        }
    }
    return 0xff;
}

/* Leaf 4 / 0x8000_001D: one cache, shared by `sharing` logical CPUs. */
static void encode_cache_leaf4(const X86CPUCacheInfo *c, unsigned sharing,
                               unsigned cores, uint32_t *eax, uint32_t *ebx,
                               uint32_t *ecx, uint32_t *edx)
{
    *eax = c->type | (c->level << 5) | (c->self_init << 8) |
           ((c->associativity == 0xff) << 9) | ((sharing - 1) << 14);
    if (cores) {
        *eax |= (cores - 1) << 26;
    }
    *ebx = (c->line_size - 1) | ((c->partitions - 1) << 12) |
           ((c->associativity == 0xff ? c->size / c->line_size :
             c->associativity) - 1) << 22;
    *ecx = c->sets - 1;
    *edx = c->no_invd_sharing | (c->inclusive << 1) |
           (c->complex_indexing << 2);
}

/* Leaf 0x8000_0005: L1 as size KiB, ways, lines per tag, line size. */
static uint32_t encode_cache_amd_l1(const X86CPUCacheInfo *c)
{
    return (c->size / 1024) << 24 | c->associativity << 16 |
           c->lines_per_tag << 8 | c->line_size;
}

/* The AMD associativity code of leaf 0x8000_0006 (APM vol. 3, E.4.5). */
static uint32_t amd_assoc(unsigned ways)
{
    switch (ways) {
    case 1: return 0x1;
    case 2: return 0x2;
    case 4: return 0x4;
    case 8: return 0x6;
    case 16: return 0x8;
    case 32: return 0xA;
    case 48: return 0xB;
    case 64: return 0xC;
    case 96: return 0xD;
    case 128: return 0xE;
    case 0xff: return 0xF;
    default: return 0;
    }
}

/* ---- the leaves ---- */

static void cpuid_leaf4(CPUX86State *env, uint32_t count, uint32_t *eax,
                        uint32_t *ebx, uint32_t *ecx, uint32_t *edx)
{
    X86CPU *cpu = env_archcpu(env);
    const X86CPUCaches *caches = env->cache_info_cpuid4;
    X86CPUTopoInfo topo = env_topo(env);

    *eax = *ebx = *ecx = *edx = 0;
    if (!caches || (cpu->vendor_cpuid_only && x86_cpu_is_amd_strict(env))) {
        return;
    }
    switch (count) {
    case 0:
        encode_cache_leaf4(caches->l1d, 1, topo.cores_per_die,
                           eax, ebx, ecx, edx);
        break;
    case 1:
        encode_cache_leaf4(caches->l1i, 1, topo.cores_per_die,
                           eax, ebx, ecx, edx);
        break;
    case 2:
        encode_cache_leaf4(caches->l2, topo.threads_per_core,
                           topo.cores_per_die, eax, ebx, ecx, edx);
        break;
    case 3:
        if (cpu->enable_l3_cache) {
            encode_cache_leaf4(caches->l3, 1u << x86_apicid_die_offset(&topo),
                               topo.cores_per_die, eax, ebx, ecx, edx);
        }
        break;
    }
}

static void cpuid_leaf_0xb(CPUX86State *env, uint32_t leaf, uint32_t count,
                           uint32_t *eax, uint32_t *ebx, uint32_t *ecx,
                           uint32_t *edx)
{
    X86CPU *cpu = env_archcpu(env);
    X86CPUTopoInfo topo = env_topo(env);
    /* the levels: SMT, core, then (leaf 0x1F only) die */
    unsigned nlevels = leaf == 0x1F ? 3 : 2;

    *ecx = count & 0xff;
    *edx = cpu->apic_id;
    *eax = *ebx = 0;
    if (count >= nlevels) {
        return;
    }
    switch (count) {
    case 0:
        *eax = x86_apicid_core_offset(&topo);
        *ebx = topo.threads_per_core;
        *ecx |= 1 << 8;         /* SMT */
        break;
    case 1:
        *eax = leaf == 0x1F ? x86_apicid_die_offset(&topo) :
                              x86_apicid_pkg_offset(&topo);
        *ebx = topo.cores_per_die * topo.threads_per_core;
        *ecx |= 2 << 8;         /* core */
        break;
    case 2:
        *eax = x86_apicid_pkg_offset(&topo);
        *ebx = topo.dies_per_pkg * topo.cores_per_die *
               topo.threads_per_core;
        *ecx |= 5 << 8;         /* die */
        break;
    }
    *ebx &= 0xffff;
}

static void cpuid_leaf_0xd(CPUX86State *env, uint32_t count, uint32_t *eax,
                           uint32_t *ebx, uint32_t *ecx, uint32_t *edx)
{
    uint64_t xcr0_mask = env->features[FEAT_XSAVE_COMP_LO] |
                         env->features[FEAT_XSAVE_COMP_HI] << 32;
    uint64_t xss_mask = env->features[FEAT_XSAVE_XSS_LO] |
                        env->features[FEAT_XSAVE_XSS_HI] << 32;

    *eax = *ebx = *ecx = *edx = 0;
    if (!(env->features[FEAT_1_ECX] & CPUID_EXT_XSAVE)) {
        return;
    }
    if (count == 0) {
        *eax = env->features[FEAT_XSAVE_COMP_LO];
        *edx = env->features[FEAT_XSAVE_COMP_HI];
        /* EBX follows the XCR0 the guest has set; ECX is the maximum */
        *ebx = x86_xsave_area_size(env->xcr0 ? env->xcr0 : 1, false);
        *ecx = x86_xsave_area_size(xcr0_mask, false);
    } else if (count == 1) {
        *eax = env->features[FEAT_XSAVE];
        *ebx = x86_xsave_area_size(xcr0_mask | xss_mask, true);
        *ecx = env->features[FEAT_XSAVE_XSS_LO];
        *edx = env->features[FEAT_XSAVE_XSS_HI];
    } else if (count < 64 && ((xcr0_mask | xss_mask) & (1ULL << count))) {
        bool supervisor = xss_mask & (1ULL << count);

        *eax = x86_xsave_component_size(count);
        *ebx = supervisor ? 0 : x86_xsave_component_offset(count);
        *ecx = supervisor ? 1 : 0;
    }
}

static void cpuid_amd_topology(CPUX86State *env, uint32_t *eax, uint32_t *ebx,
                               uint32_t *ecx, uint32_t *edx)
{
    X86CPU *cpu = env_archcpu(env);
    X86CPUTopoInfo topo = env_topo(env);
    X86CPUTopoIDs ids;

    x86_topo_ids_from_apicid(&topo, cpu->apic_id, &ids);
    *eax = cpu->apic_id;
    *ebx = ((topo.threads_per_core - 1) << 8) | (ids.core_id & 0xff);
    *ecx = ((topo.dies_per_pkg - 1) << 8) | (ids.die_id & 0xff);
}

static void cpuid_leaf_0x8000001d(CPUX86State *env, uint32_t count,
                                  uint32_t *eax, uint32_t *ebx,
                                  uint32_t *ecx, uint32_t *edx)
{
    const X86CPUCaches *caches = env->cache_info_amd;
    X86CPUTopoInfo topo = env_topo(env);
    unsigned smt = topo.threads_per_core;

    *eax = *ebx = *ecx = *edx = 0;
    if (!caches) {
        return;
    }
    switch (count) {
    case 0:
        encode_cache_leaf4(caches->l1d, smt, 0, eax, ebx, ecx, edx);
        break;
    case 1:
        encode_cache_leaf4(caches->l1i, smt, 0, eax, ebx, ecx, edx);
        break;
    case 2:
        encode_cache_leaf4(caches->l2, smt, 0, eax, ebx, ecx, edx);
        break;
    case 3:
        encode_cache_leaf4(caches->l3, topo.cores_per_die * smt, 0,
                           eax, ebx, ecx, edx);
        break;
    }
}

static bool accel_is_kvm(void)
{
    const X86CPUAccel *accel = x86_cpu_get_accel();

    return !strcmp(accel->name, "kvm");
}

/* The highest leaf of the range index is in (0x4000_xxxx: the
 * accelerator's signature leaves). */
static uint32_t range_limit(CPUX86State *env, uint32_t index)
{
    X86CPU *cpu = env_archcpu(env);

    if (index >= 0xC0000000) {
        return env->cpuid_xlevel2;
    }
    if (index >= 0x80000000) {
        return env->cpuid_xlevel;
    }
    if (index >= 0x40000000) {
        if (accel_is_kvm()) {
            return cpu->expose_kvm ? KVM_CPUID_FEATURES : 0;
        }
        return cpu->tcg_cpuid ? 0x40000001 : 0;
    }
    return env->cpuid_level;
}

void cpu_x86_cpuid(CPUX86State *env, uint32_t index, uint32_t count,
                   uint32_t *eax, uint32_t *ebx, uint32_t *ecx,
                   uint32_t *edx)
{
    X86CPU *cpu = env_archcpu(env);
    X86CPUTopoInfo topo = env_topo(env);
    unsigned logical = topo.cores_per_die * topo.threads_per_core;

    /* Above the maximum of its range a leaf answers as the highest basic
     * leaf (Intel's behaviour, kept for every vendor). */
    if (index > range_limit(env, index)) {
        index = env->cpuid_level;
    }
    *eax = *ebx = *ecx = *edx = 0;
    switch (index) {
    case 0:
        *eax = env->cpuid_level;
        *ebx = env->cpuid_vendor1;
        *edx = env->cpuid_vendor2;
        *ecx = env->cpuid_vendor3;
        break;
    case 1:
        *eax = env->cpuid_version;
        /* APIC id, CLFLUSH line size in 8-byte units */
        *ebx = (cpu->apic_id << 24) | (8 << 8);
        *ecx = env->features[FEAT_1_ECX];
        if (env->cr[4] & CR4_OSXSAVE_MASK) {
            *ecx |= CPUID_EXT_OSXSAVE;
        }
        if (!cpu->enable_pmu) {
            *ecx &= ~(1U << 15);        /* pdcm */
        }
        *edx = env->features[FEAT_1_EDX];
        if (logical > 1) {
            *ebx |= logical << 16;
            *edx |= CPUID_HT;
        }
        break;
    case 2: {
        const X86CPUCaches *c = env->cache_info_cpuid2;

        if (!c || (cpu->vendor_cpuid_only && x86_cpu_is_amd_strict(env))) {
            break;
        }
        *eax = 1;               /* one descriptor round */
        *edx = cpuid2_descriptor(c->l1d) << 16 |
               cpuid2_descriptor(c->l1i) << 8 | cpuid2_descriptor(c->l2);
        *ecx = cpu->enable_l3_cache ? cpuid2_descriptor(c->l3) : 0;
        break;
    }
    case 4:
        cpuid_leaf4(env, count, eax, ebx, ecx, edx);
        break;
    case 5:
        /* MONITOR/MWAIT: line sizes left 0; EMX and IBE */
        *ecx = 3;
        break;
    case 6:
        *eax = env->features[FEAT_6_EAX];
        break;
    case 7:
        if (count == 0) {
            *eax = env->cpuid_level_func7;
            *ebx = env->features[FEAT_7_0_EBX];
            *ecx = env->features[FEAT_7_0_ECX];
            if (env->cr[4] & (1U << 22)) {
                *ecx |= 1U << 4;        /* OSPKE follows CR4.PKE */
            }
            *edx = env->features[FEAT_7_0_EDX];
        } else if (count == 1) {
            *eax = env->features[FEAT_7_1_EAX];
        }
        break;
    case 0xB:
        if (cpu->enable_cpuid_0xb) {
            cpuid_leaf_0xb(env, 0xB, count, eax, ebx, ecx, edx);
        }
        break;
    case 0xD:
        cpuid_leaf_0xd(env, count, eax, ebx, ecx, edx);
        break;
    case 0x12:
        if (env->features[FEAT_7_0_EBX] & (1ULL << 2)) {
            if (count == 0) {
                *eax = env->features[FEAT_SGX_12_0_EAX];
                *ebx = env->features[FEAT_SGX_12_0_EBX];
            } else if (count == 1) {
                *eax = env->features[FEAT_SGX_12_1_EAX];
            }
        }
        break;
    case 0x14:
        if ((env->features[FEAT_7_0_EBX] & (1ULL << 25)) && count == 0) {
            *ecx = env->features[FEAT_14_0_ECX];
        }
        break;
    case 0x1F:
        if (env->nr_dies > 1) {
            cpuid_leaf_0xb(env, 0x1F, count, eax, ebx, ecx, edx);
        }
        break;
    case 0x40000000:
        *eax = 0x40000001;
        if (accel_is_kvm()) {
            *ebx = 0x4b4d564b;  /* "KVMKVMKVM\0\0\0" */
            *ecx = 0x564b4d56;
            *edx = 0x0000004d;
        } else {
            *ebx = 0x54474354;  /* "TCGTCGTCGTCG" */
            *ecx = 0x43544743;
            *edx = 0x47435447;
        }
        break;
    case 0x40000001:
        if (accel_is_kvm()) {
            *eax = env->features[FEAT_KVM];
            *edx = env->features[FEAT_KVM_HINTS];
        }
        break;
    case 0x80000000:
        *eax = env->cpuid_xlevel;
        *ebx = env->cpuid_vendor1;
        *edx = env->cpuid_vendor2;
        *ecx = env->cpuid_vendor3;
        break;
    case 0x80000001:
        *eax = env->cpuid_version;
        *ecx = env->features[FEAT_8000_0001_ECX];
        *edx = env->features[FEAT_8000_0001_EDX];
        /* AMD's CmpLegacy: several logical CPUs per package */
        if (logical > 1 && x86_cpu_is_amd(env)) {
            *ecx |= 1U << 1;
        }
        break;
    case 0x80000002:
    case 0x80000003:
    case 0x80000004:
        *eax = env->cpuid_model[(index - 0x80000002) * 4 + 0];
        *ebx = env->cpuid_model[(index - 0x80000002) * 4 + 1];
        *ecx = env->cpuid_model[(index - 0x80000002) * 4 + 2];
        *edx = env->cpuid_model[(index - 0x80000002) * 4 + 3];
        break;
    case 0x80000005:
        /* L1 TLBs: 2M/4M and 4K pages, direct mapped, 255 entries */
        *eax = 0x01ff01ff;
        *ebx = 0x01ff01ff;
        if (env->cache_info_amd) {
            *ecx = encode_cache_amd_l1(env->cache_info_amd->l1d);
            *edx = encode_cache_amd_l1(env->cache_info_amd->l1i);
        }
        break;
    case 0x80000006: {
        const X86CPUCaches *c = env->cache_info_amd;

        /* L2 TLB: no 2M/4M entries, 4K: 4-way, 512 entries (D and I) */
        *ebx = 0x42004200;
        if (!c) {
            break;
        }
        *ecx = (c->l2->size / 1024) << 16 |
               amd_assoc(c->l2->associativity) << 12 |
               c->l2->lines_per_tag << 8 | c->l2->line_size;
        if (cpu->enable_l3_cache) {
            *edx = (c->l3->size / (512 * 1024)) << 18 |
                   amd_assoc(c->l3->associativity) << 12 |
                   c->l3->lines_per_tag << 8 | c->l3->line_size;
        }
        break;
    }
    case 0x80000007:
        *edx = env->features[FEAT_8000_0007_EDX];
        break;
    case 0x80000008:
        if (env->features[FEAT_8000_0001_EDX] & CPUID_EXT2_LM) {
            /* virtual address bits: 57 with 5-level paging (la57) */
            *eax = cpu->phys_bits |
                   ((env->features[FEAT_7_0_ECX] & (1ULL << 16)) ? 57 : 48)
                   << 8;
        } else {
            *eax = cpu->phys_bits;
        }
        *ebx = env->features[FEAT_8000_0008_EBX];
        if (logical > 1) {
            *ecx = (x86_apicid_pkg_offset(&topo) << 12) | (logical - 1);
        }
        break;
    case 0x8000000A:
        if (env->features[FEAT_8000_0001_ECX] & (1ULL << 2)) {
            *eax = 1;           /* SVM revision */
            *ebx = 0x10;        /* number of ASIDs */
            *edx = env->features[FEAT_SVM];
        }
        break;
    case 0x8000001D:
        cpuid_leaf_0x8000001d(env, count, eax, ebx, ecx, edx);
        break;
    case 0x8000001E:
        cpuid_amd_topology(env, eax, ebx, ecx, edx);
        break;
    case 0xC0000000:
        *eax = env->cpuid_xlevel2;
        break;
    case 0xC0000001:
        *eax = env->cpuid_version;
        *edx = env->features[FEAT_C000_0001_EDX];
        break;
    default:
        break;
    }
}

/* ---- the whole table (KVM_SET_CPUID2) ---- */

typedef struct CpuidTable {
    X86CPUIDEntry *entries;
    int max, n;
} CpuidTable;

static void table_add(CpuidTable *t, CPUX86State *env, uint32_t function,
                      uint32_t index, bool indexed, X86CPUIDEntry *out)
{
    X86CPUIDEntry e = { .function = function, .index = index,
                        .indexed = indexed };

    cpu_x86_cpuid(env, function, index, &e.eax, &e.ebx, &e.ecx, &e.edx);
    if (t->n < t->max) {
        t->entries[t->n] = e;
    }
    t->n++;
    if (out) {
        *out = e;
    }
}

static void table_range(CpuidTable *t, CPUX86State *env, uint32_t first,
                        uint32_t last)
{
    for (uint32_t leaf = first; leaf <= last; leaf++) {
        X86CPUIDEntry e;

        switch (leaf) {
        case 4:
        case 0x8000001D:
            /* one entry per cache, up to the first null one */
            for (uint32_t i = 0; i < 64; i++) {
                table_add(t, env, leaf, i, true, &e);
                if (!(e.eax & 0x1f)) {
                    break;
                }
            }
            break;
        case 7:
            for (uint32_t i = 0; i <= env->cpuid_level_func7; i++) {
                table_add(t, env, leaf, i, true, NULL);
            }
            break;
        case 0xB:
        case 0x1F:
            /* every level, then the first invalid one */
            for (uint32_t i = 0; i < 256; i++) {
                table_add(t, env, leaf, i, true, &e);
                if (!(e.ecx & 0xff00)) {
                    break;
                }
            }
            break;
        case 0xD:
            for (uint32_t i = 0; i < 64; i++) {
                table_add(t, env, leaf, i, true, &e);
                if (i >= 1 && !(e.eax | e.ebx | e.ecx | e.edx)) {
                    t->n--;     /* only the components that exist */
                }
            }
            break;
        case 0x12:
            for (uint32_t i = 0; i < 2; i++) {
                table_add(t, env, leaf, i, true, NULL);
            }
            break;
        case 0x14:
            table_add(t, env, leaf, 0, true, NULL);
            break;
        default:
            table_add(t, env, leaf, 0, false, NULL);
            break;
        }
        if (leaf == UINT32_MAX) {
            break;
        }
    }
}

int x86_cpu_cpuid_table(X86CPU *cpu, X86CPUIDEntry *entries, int max)
{
    CPUX86State *env = &cpu->env;
    CpuidTable t = { .entries = entries, .max = max };

    table_range(&t, env, 0, env->cpuid_level);
    if (accel_is_kvm() && cpu->expose_kvm) {
        table_range(&t, env, KVM_CPUID_SIGNATURE, KVM_CPUID_FEATURES);
    }
    table_range(&t, env, 0x80000000, MAX(env->cpuid_xlevel, 0x80000000));
    if (env->cpuid_xlevel2) {
        table_range(&t, env, 0xC0000000, env->cpuid_xlevel2);
    }
    return t.n;
}
