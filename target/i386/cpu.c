/*
 * cpu.c: the X86CPU device and its types.
 *
 * "x86_64-cpu" is the abstract base (a TYPE_CPU); each model version has
 * a concrete type "NAME-vN-x86_64-cpu", each alias one more
 * ("Haswell-x86_64-cpu" for version 1, as every PC machine type of the
 * reference configures it; "Haswell-noTSX-x86_64-cpu"), and "base",
 * "host" and "max" complete the set.  Properties are the reference's: one
 * bool per flag name (aliases included), the identity (vendor, family,
 * model, stepping, model-id), the levels, topology ids, check/enforce and
 * the accelerator-specific switches.
 *
 * Realize checks the topology ids, expands and filters the flags (see
 * cpu-expand.c), picks the cache descriptions, resets the registers and
 * hands the CPU to the accelerator (TYPE_CPU's realize).
 */
#include "qemu/osdep.h"
#include "exec/memory.h"
#include "hw/boards.h"
#include "target/i386/cpu-internal.h"

#define UNASSIGNED_APIC_ID UINT32_MAX
#define AMD_EXT2_ALIASES 0x0183f3ffULL

/* ---- models and their versions ---- */

static GPtrArray *models;       /* X86CPUModel */

static X86CPUModel *model_new(const X86CPUDefinition *def, int version,
                              const char *name, bool is_alias)
{
    X86CPUModel *m = g_new0(X86CPUModel, 1);

    m->def = def;
    m->version = version;
    m->name = g_strdup(name);
    m->is_alias = is_alias;
    g_ptr_array_add(models, m);
    return m;
}

static gpointer models_build(gpointer unused)
{
    models = g_ptr_array_new();
    for (int i = 0; i < builtin_x86_defs_count; i++) {
        const X86CPUDefinition *def = &builtin_x86_defs[i];
        static const X86CPUVersion v1_only[] = { { .version = 1 }, { 0 } };
        const X86CPUVersion *v = def->versions ? def->versions : v1_only;
        X86CPUModel *m;

        m = model_new(def, 1, def->name, true);
        m->desc = g_strdup("(alias configured by machine type)");
        for (; v->version; v++) {
            g_autofree char *name = g_strdup_printf("%s-v%d", def->name,
                                                    v->version);
            m = model_new(def, v->version, name, false);
            m->desc = g_strdup("");     /* filled in by resolve */
            if (v->alias) {
                m = model_new(def, v->version, v->alias, true);
                m->desc = g_strdup_printf("(alias of %s)", name);
            }
        }
    }
    return NULL;
}

X86CPUModel *const *x86_cpu_models(int *count)
{
    static GOnce once = G_ONCE_INIT;

    g_once(&once, models_build, NULL);
    *count = models->len;
    return (X86CPUModel *const *)models->pdata;
}

static void apply_version_props(X86CPUModel *m, const char *props)
{
    g_auto(GStrv) items = g_strsplit(props, " ", -1);

    for (int i = 0; items[i]; i++) {
        const char *it = items[i];
        FeatureWord w;
        uint64_t mask;

        if (g_str_has_prefix(it, "stepping=")) {
            m->stepping = atoi(it + 9);
        } else if (g_str_has_prefix(it, "model=")) {
            m->model = atoi(it + 6);
        } else if ((it[0] == '+' || it[0] == '-') &&
                   x86_feature_lookup(it + 1, &w, &mask)) {
            if (it[0] == '+') {
                m->features[w] |= mask;
            } else {
                m->features[w] &= ~mask;
            }
        } else if (*it) {
            g_error("bad built-in CPU version change '%s'", it);
        }
    }
}

void x86_cpu_model_resolve(X86CPUModel *m)
{
    const X86CPUDefinition *def = m->def;
    const X86CPUVersion *v;

    if (m->model_id) {
        return;
    }
    m->family = def->family;
    m->model = def->model;
    m->stepping = def->stepping;
    m->model_id = def->model_id;
    x86_flags_parse(def->flags, m->features);
    if (def->vmx) {
        x86_flags_parse(def->vmx, m->features);
    }
    for (v = def->versions; v && v->version && v->version <= m->version;
         v++) {
        if (v->model_id) {
            m->model_id = v->model_id;
        }
        if (v->props) {
            apply_version_props(m, v->props);
        }
        if (v->version == m->version && !m->is_alias) {
            g_free(m->desc);
            m->desc = v->note ?
                g_strdup_printf("%s [%s]", m->model_id, v->note) :
                g_strdup(m->model_id);
        }
    }
    if (!def->versions && !m->is_alias) {
        g_free(m->desc);
        m->desc = g_strdup(m->model_id);
    }
}

/* ---- flag properties ---- */

static bool check_unrealized(Object *obj, const char *name, Error **errp)
{
    DeviceState *dev = DEVICE(obj);

    if (!dev->realized) {
        return true;
    }
    if (dev->id) {
        error_setg(errp, "Attempt to set property '%s' on device '%s' "
                   "(type '%s') after it was realized", name, dev->id,
                   object_get_typename(obj));
    } else {
        error_setg(errp, "Attempt to set property '%s' on anonymous device "
                   "(type '%s') after it was realized", name,
                   object_get_typename(obj));
    }
    return false;
}

typedef struct FlagProp {
    FeatureWord w;
    uint64_t mask;
} FlagProp;

static json_t *flag_get(Object *obj, ObjectProperty *op, Error **errp)
{
    const FlagProp *fp = op->opaque;
    X86CPU *cpu = X86_CPU(obj);

    return json_boolean((cpu->env.features[fp->w] & fp->mask) == fp->mask);
}

static bool flag_set(Object *obj, ObjectProperty *op, json_t *value,
                     Error **errp)
{
    const FlagProp *fp = op->opaque;
    X86CPU *cpu = X86_CPU(obj);
    bool on;

    if (!check_unrealized(obj, op->name, errp) ||
        !qom_parse_bool(op->name, value, &on, errp)) {
        return false;
    }
    if (on) {
        cpu->env.features[fp->w] |= fp->mask;
    } else {
        cpu->env.features[fp->w] &= ~fp->mask;
    }
    cpu->user_features[fp->w] |= fp->mask;
    return true;
}

static void add_flag_prop(const char *name, FeatureWord w, uint64_t mask,
                          void *opaque)
{
    ObjectClass *oc = opaque;
    FlagProp *fp;

    if (object_class_property_find(oc, name)) {
        return;
    }
    fp = g_new(FlagProp, 1);
    fp->w = w;
    fp->mask = mask;
    object_class_property_add(oc, name, "bool", flag_get, flag_set, NULL, fp);
}

/* ---- identity properties ---- */

static bool check_range(const char *name, int64_t value, int64_t min,
                        int64_t max, Error **errp)
{
    if (value < min || value > max) {
        error_setg(errp, "Property .%s doesn't take value %" PRId64
                   " (minimum: %" PRId64 ", maximum: %" PRId64 ")",
                   name, value, min, max);
        return false;
    }
    return true;
}

enum { ID_FAMILY, ID_MODEL, ID_STEPPING, ID_TSC_FREQ };

static json_t *id_get(Object *obj, ObjectProperty *op, Error **errp)
{
    X86CPU *cpu = X86_CPU(obj);
    CPUX86State *env = &cpu->env;

    switch ((intptr_t)op->opaque) {
    case ID_FAMILY:
        return json_integer(x86_cpu_get_family(env));
    case ID_MODEL:
        return json_integer(x86_cpu_get_model(env));
    case ID_STEPPING:
        return json_integer(env->cpuid_version & 0xf);
    default:
        return json_integer(cpu->tsc_khz * 1000);
    }
}

static bool id_set(Object *obj, ObjectProperty *op, json_t *value,
                   Error **errp)
{
    static const int64_t max[] = {
        [ID_FAMILY] = 0xff + 0xf, [ID_MODEL] = 0xff, [ID_STEPPING] = 0xf,
        [ID_TSC_FREQ] = INT64_MAX,
    };
    intptr_t which = (intptr_t)op->opaque;
    X86CPU *cpu = X86_CPU(obj);
    int64_t v;

    if (!check_unrealized(obj, op->name, errp) ||
        !qom_parse_int(op->name, value, INT64_MIN, INT64_MAX, &v, errp) ||
        !check_range(op->name, v, 0, max[which], errp)) {
        return false;
    }
    switch (which) {
    case ID_FAMILY:
        x86_cpu_set_family(&cpu->env, v);
        break;
    case ID_MODEL:
        x86_cpu_set_model(&cpu->env, v);
        break;
    case ID_STEPPING:
        x86_cpu_set_stepping(&cpu->env, v);
        break;
    default:
        cpu->tsc_khz = v / 1000;
        break;
    }
    return true;
}

static json_t *str_get(Object *obj, ObjectProperty *op, Error **errp)
{
    X86CPU *cpu = X86_CPU(obj);
    g_autofree char *s = op->opaque ? x86_cpu_get_model_id(&cpu->env) :
                                      x86_cpu_get_vendor(&cpu->env);

    return json_string(s);
}

static bool str_set(Object *obj, ObjectProperty *op, json_t *value,
                    Error **errp)
{
    X86CPU *cpu = X86_CPU(obj);
    const char *s;

    if (!check_unrealized(obj, op->name, errp) ||
        !qom_parse_str(op->name, value, &s, errp)) {
        return false;
    }
    if (op->opaque) {
        x86_cpu_set_model_id(&cpu->env, s);
        return true;
    }
    if (strlen(s) != 12) {
        error_setg(errp, "Property '.vendor' doesn't take value '%s'", s);
        return false;
    }
    x86_cpu_set_vendor(&cpu->env, s);
    return true;
}

/* lbr-fmt: the LBR format of IA32_PERF_CAPABILITIES (6 bits). */
#define LBR_FMT_UNSET 0xffffffffffffffc0ULL

static json_t *lbr_get(Object *obj, ObjectProperty *op, Error **errp)
{
    return qom_json_uint(X86_CPU(obj)->lbr_fmt);
}

static bool lbr_set(Object *obj, ObjectProperty *op, json_t *value,
                    Error **errp)
{
    uint64_t v;

    if (!check_unrealized(obj, op->name, errp) ||
        !qom_parse_uint(op->name, value, UINT64_MAX, &v, errp)) {
        return false;
    }
    if (v & ~0x3fULL) {
        error_setg(errp, "lbr-fmt (0x%" PRIx64 ") must be 6 bits", v);
        return false;
    }
    X86_CPU(obj)->lbr_fmt = v;
    return true;
}

static json_t *start_off_get(Object *obj, ObjectProperty *op, Error **errp)
{
    return json_boolean(X86_CPU(obj)->start_powered_off);
}

static bool start_off_set(Object *obj, ObjectProperty *op, json_t *value,
                          Error **errp)
{
    return check_unrealized(obj, op->name, errp) &&
           qom_parse_bool(op->name, value, &X86_CPU(obj)->start_powered_off,
                          errp);
}

/* ---- read-only views: feature-words, filtered-features, ... ---- */

static json_t *feature_words_json(const uint64_t *words)
{
    json_t *list = json_array();

    /* the reference lists the CPUID words, last word first */
    for (int w = FEATURE_WORDS - 1; w >= 0; w--) {
        const FeatureWordInfo *wi = &feature_word_info[w];
        json_t *e;

        if (wi->type != CPUID_FEATURE_WORD) {
            continue;
        }
        e = json_object();
        json_object_set_new(e, "cpuid-input-eax", json_integer(wi->cpuid.eax));
        if (wi->cpuid.needs_ecx) {
            json_object_set_new(e, "cpuid-input-ecx",
                                json_integer(wi->cpuid.ecx));
        }
        json_object_set_new(e, "cpuid-register",
                            json_string(x86_reg_name(wi->cpuid.reg)));
        json_object_set_new(e, "features", json_integer((uint32_t)words[w]));
        json_array_append_new(list, e);
    }
    return list;
}

static json_t *words_get(Object *obj, ObjectProperty *op, Error **errp)
{
    X86CPU *cpu = X86_CPU(obj);

    return feature_words_json(op->opaque ? cpu->filtered_features :
                                           cpu->env.features);
}

static json_t *unavailable_get(Object *obj, ObjectProperty *op, Error **errp)
{
    g_autoptr(GPtrArray) names =
        x86_cpu_filtered_feature_names(X86_CPU(obj));
    json_t *list = json_array();

    for (guint i = 0; i < names->len; i++) {
        json_array_append_new(list, json_string(g_ptr_array_index(names, i)));
    }
    return list;
}

static json_t *crash_get(Object *obj, ObjectProperty *op, Error **errp)
{
    error_setg(errp, "No crash occurred");
    return NULL;
}

/* ---- static properties (with defaults, as the reference shows them) ---- */

static Property x86_cpu_properties[] = {
    DEFINE_PROP_UINT32("apic-id", X86CPU, apic_id, UNASSIGNED_APIC_ID),
    DEFINE_PROP_INT32("thread-id", X86CPU, thread_id, -1),
    DEFINE_PROP_INT32("core-id", X86CPU, core_id, -1),
    DEFINE_PROP_INT32("die-id", X86CPU, die_id, -1),
    DEFINE_PROP_INT32("socket-id", X86CPU, socket_id, -1),
    DEFINE_PROP_INT32("node-id", X86CPU, node_id, -1),
    DEFINE_PROP_BOOL("pmu", X86CPU, enable_pmu, false),
    DEFINE_PROP_UINT64("ucode-rev", X86CPU, env.ucode_rev, 0),
    DEFINE_PROP_UINT32("hv-spinlocks", X86CPU, hyperv_spinlock_attempts,
                       0xffffffff),
#define HV_BIT(name, bit) \
    DEFINE_PROP_BIT(name, X86CPU, hyperv_features, bit, false)
    HV_BIT("hv-relaxed", HYPERV_FEAT_RELAXED),
    HV_BIT("hv-vapic", HYPERV_FEAT_VAPIC),
    HV_BIT("hv-time", HYPERV_FEAT_TIME),
    HV_BIT("hv-crash", HYPERV_FEAT_CRASH),
    HV_BIT("hv-reset", HYPERV_FEAT_RESET),
    HV_BIT("hv-vpindex", HYPERV_FEAT_VPINDEX),
    HV_BIT("hv-runtime", HYPERV_FEAT_RUNTIME),
    HV_BIT("hv-synic", HYPERV_FEAT_SYNIC),
    HV_BIT("hv-stimer", HYPERV_FEAT_STIMER),
    HV_BIT("hv-frequencies", HYPERV_FEAT_FREQUENCIES),
    HV_BIT("hv-reenlightenment", HYPERV_FEAT_REENLIGHTENMENT),
    HV_BIT("hv-tlbflush", HYPERV_FEAT_TLBFLUSH),
    HV_BIT("hv-evmcs", HYPERV_FEAT_EVMCS),
    HV_BIT("hv-ipi", HYPERV_FEAT_IPI),
    HV_BIT("hv-stimer-direct", HYPERV_FEAT_STIMER_DIRECT),
    HV_BIT("hv-avic", HYPERV_FEAT_AVIC),
    HV_BIT("hv-apicv", HYPERV_FEAT_AVIC),
    HV_BIT("hv-syndbg", HYPERV_FEAT_SYNDBG),
    HV_BIT("hv-emsr-bitmap", HYPERV_FEAT_MSR_BITMAP),
    HV_BIT("hv-xmm-input", HYPERV_FEAT_XMM_INPUT),
    HV_BIT("hv-tlbflush-ext", HYPERV_FEAT_TLBFLUSH_EXT),
    HV_BIT("hv-tlbflush-direct", HYPERV_FEAT_TLBFLUSH_DIRECT),
    DEFINE_PROP_ON_OFF_AUTO("hv-no-nonarch-coresharing", X86CPU,
                            hyperv_no_nonarch_cs, ON_OFF_AUTO_OFF),
    DEFINE_PROP_BOOL("hv-passthrough", X86CPU, hyperv_passthrough, false),
    DEFINE_PROP_BOOL("hv-enforce-cpuid", X86CPU, hyperv_enforce_cpuid, false),
    DEFINE_PROP_BOOL("x-hv-synic-kvm-only", X86CPU, hyperv_synic_kvm_only,
                     false),
    DEFINE_PROP_STRING("hv-vendor-id", X86CPU, hyperv_vendor),
    DEFINE_PROP_INT32("x-hv-max-vps", X86CPU, hyperv_max_vps, -1),
    DEFINE_PROP_UINT32("hv-version-id-build", X86CPU, hyperv_ver_build,
                       14393),
    DEFINE_PROP_UINT16("hv-version-id-major", X86CPU, hyperv_ver_major, 10),
    DEFINE_PROP_UINT16("hv-version-id-minor", X86CPU, hyperv_ver_minor, 0),
    DEFINE_PROP_UINT32("hv-version-id-spack", X86CPU, hyperv_ver_spack, 0),
    DEFINE_PROP_UINT8("hv-version-id-sbranch", X86CPU, hyperv_ver_sbranch, 0),
    DEFINE_PROP_UINT32("hv-version-id-snumber", X86CPU, hyperv_ver_snumber,
                       0),
    DEFINE_PROP_BOOL("check", X86CPU, check_cpuid, true),
    DEFINE_PROP_BOOL("enforce", X86CPU, enforce_cpuid, false),
    DEFINE_PROP_BOOL("x-force-features", X86CPU, force_features, false),
    DEFINE_PROP_BOOL("kvm", X86CPU, expose_kvm, true),
    DEFINE_PROP_UINT32("phys-bits", X86CPU, phys_bits, 0),
    DEFINE_PROP_BOOL("host-phys-bits", X86CPU, host_phys_bits, false),
    DEFINE_PROP_UINT8("host-phys-bits-limit", X86CPU, host_phys_bits_limit, 0),
    DEFINE_PROP_BOOL("fill-mtrr-mask", X86CPU, fill_mtrr_mask, true),
    DEFINE_PROP_UINT32("level-func7", X86CPU, env.cpuid_level_func7,
                       UINT32_MAX),
    DEFINE_PROP_UINT32("level", X86CPU, env.cpuid_level, UINT32_MAX),
    DEFINE_PROP_UINT32("xlevel", X86CPU, env.cpuid_xlevel, UINT32_MAX),
    DEFINE_PROP_UINT32("xlevel2", X86CPU, env.cpuid_xlevel2, UINT32_MAX),
    DEFINE_PROP_UINT32("min-level", X86CPU, env.cpuid_min_level, 0),
    DEFINE_PROP_UINT32("min-xlevel", X86CPU, env.cpuid_min_xlevel, 0),
    DEFINE_PROP_UINT32("min-xlevel2", X86CPU, env.cpuid_min_xlevel2, 0),
    DEFINE_PROP_BOOL("full-cpuid-auto-level", X86CPU, full_cpuid_auto_level,
                     true),
    DEFINE_PROP_BOOL("lmce", X86CPU, enable_lmce, false),
    DEFINE_PROP_BOOL("l3-cache", X86CPU, enable_l3_cache, true),
    DEFINE_PROP_BOOL("kvm-no-smi-migration", X86CPU, kvm_no_smi_migration,
                     false),
    DEFINE_PROP_BOOL("kvm-pv-enforce-cpuid", X86CPU, kvm_pv_enforce_cpuid,
                     false),
    DEFINE_PROP_BOOL("vmware-cpuid-freq", X86CPU, vmware_cpuid_freq, true),
    DEFINE_PROP_BOOL("tcg-cpuid", X86CPU, tcg_cpuid, true),
    DEFINE_PROP_BOOL("x-migrate-smi-count", X86CPU, migrate_smi_count, true),
    DEFINE_PROP_BOOL("x-vendor-cpuid-only", X86CPU, vendor_cpuid_only, true),
    DEFINE_PROP_BOOL("x-intel-pt-auto-level", X86CPU, intel_pt_auto_level,
                     true),
    DEFINE_PROP_BOOL("legacy-cache", X86CPU, legacy_cache, true),
    DEFINE_PROP_BOOL("cpuid-0xb", X86CPU, enable_cpuid_0xb, true),
    DEFINE_PROP_END_OF_LIST(),
};

static Property x86_max_cpu_properties[] = {
    DEFINE_PROP_BOOL("migratable", X86CPU, migratable, true),
    DEFINE_PROP_BOOL("host-cache-info", X86CPU, cache_info_passthrough,
                     false),
    DEFINE_PROP_END_OF_LIST(),
};

/* ---- the device ---- */

static int64_t x86_cpu_get_arch_id(CPUState *cs)
{
    return X86_CPU(cs)->apic_id;
}

static bool x86_cpu_has_work(CPUState *cs)
{
    X86CPU *cpu = X86_CPU(cs);
    uint32_t req = __atomic_load_n(&cs->interrupt_request, __ATOMIC_SEQ_CST);

    if (cpu->env.wait_sipi) {
        return req & (CPU_INTERRUPT_INIT | CPU_INTERRUPT_SIPI);
    }
    /* An SMI that comes in SMM waits for RSM: it does not end a HLT. */
    return ((req & (CPU_INTERRUPT_HARD | CPU_INTERRUPT_POLL)) &&
            (cpu->env.eflags & IF_MASK)) ||
           ((req & CPU_INTERRUPT_SMI) && !cpu->env.smm) ||
           (req & (CPU_INTERRUPT_NMI | CPU_INTERRUPT_INIT |
                   CPU_INTERRUPT_SIPI));
}

static void x86_cpu_instance_init(Object *obj)
{
    X86CPU *cpu = X86_CPU(obj);

    cpu->lbr_fmt = LBR_FMT_UNSET;
    cpu->env.exception_nr = -1;
    cpu->env.interrupt_injected = -1;
    x86_cpu_load_model(cpu);
}

/* The -smp topology of the machine, unless the caller already set one. */
static void x86_cpu_fill_topology(X86CPU *cpu)
{
    CPUX86State *env = &cpu->env;
    Object *machine = qdev_get_machine();
    MachineState *ms = machine ?
        (MachineState *)object_dynamic_cast(machine, TYPE_MACHINE) : NULL;

    if (!env->nr_threads && ms && ms->smp.threads) {
        env->nr_dies = MAX(ms->smp.dies, 1);
        env->nr_cores = MAX(ms->smp.cores, 1);
        env->nr_threads = ms->smp.threads;
    }
    env->nr_dies = MAX(env->nr_dies, 1);
    env->nr_cores = MAX(env->nr_cores, 1);
    env->nr_threads = MAX(env->nr_threads, 1);
}

static bool x86_cpu_phys_bits(X86CPU *cpu, Error **errp)
{
    CPUX86State *env = &cpu->env;

    if (!(env->features[FEAT_8000_0001_EDX] & CPUID_EXT2_LM)) {
        /* 32-bit CPUs: 36 bits with PSE-36, else 32 */
        cpu->phys_bits = (env->features[FEAT_1_EDX] & CPUID_PSE36) ? 36 : 32;
        return true;
    }
    if (x86_cpu_get_accel()->uses_host_cpuid) {
        static bool warned;
        uint32_t a, b, c, d, host;

        x86_host_cpuid(0x80000008, 0, &a, &b, &c, &d);
        host = a & 0xff;
        if (cpu->host_phys_bits) {
            cpu->phys_bits = host;
            if (cpu->host_phys_bits_limit &&
                cpu->phys_bits > cpu->host_phys_bits_limit) {
                cpu->phys_bits = cpu->host_phys_bits_limit;
            }
        } else if (cpu->phys_bits && cpu->phys_bits != host && !warned) {
            /* the guest's view of the address width differs from the
             * hardware's: fine for migration, not for every guest */
            warn_report("Host physical bits (%u) does not match phys-bits "
                        "property (%u)", host, cpu->phys_bits);
            warned = true;
        }
    }
    if (cpu->phys_bits && (cpu->phys_bits > 52 || cpu->phys_bits < 32)) {
        error_setg(errp, "phys-bits should be between 32 and %d "
                   " (but is %u)", 52, cpu->phys_bits);
        return false;
    }
    if (!cpu->phys_bits) {
        cpu->phys_bits = 40;
    }
    return true;
}

static bool x86_cpu_realize(DeviceState *dev, Error **errp)
{
    X86CPU *cpu = X86_CPU(dev);
    X86CPUClass *xcc = X86_CPU_GET_CLASS(dev);
    const X86CPUAccel *accel = x86_cpu_get_accel();
    CPUX86State *env = &cpu->env;

    if (cpu->apic_id == UNASSIGNED_APIC_ID) {
        error_setg(errp, "apic-id property was not initialized properly");
        return false;
    }
    if (xcc->host_cpuid_required && !accel->uses_host_cpuid) {
        g_autofree char *name = g_strndup(object_get_typename(OBJECT(dev)),
            strlen(object_get_typename(OBJECT(dev))) -
            strlen(X86_CPU_TYPE_SUFFIX));
        error_setg(errp, "CPU model '%s' requires KVM or HVF", name);
        return false;
    }
    x86_cpu_fill_topology(cpu);
    if (!x86_cpu_expand_features(cpu, errp) ||
        !x86_cpu_filter_features(cpu, cpu->check_cpuid ||
                                      cpu->enforce_cpuid, errp) ||
        !x86_cpu_phys_bits(cpu, errp)) {
        return false;
    }
    if (cpu->legacy_cache) {
        env->cache_info_cpuid2 = &legacy_caches_cpuid2;
        env->cache_info_cpuid4 = &legacy_caches_cpuid4;
        env->cache_info_amd = &legacy_caches_amd;
    } else if (xcc->model && xcc->model->def->cache_info) {
        env->cache_info_cpuid2 = env->cache_info_cpuid4 =
            env->cache_info_amd = xcc->model->def->cache_info;
    } else {
        error_setg(errp, "CPU model '%s' doesn't support legacy-cache=off",
                   xcc->model ? xcc->model->name : "");
        return false;
    }
    if (x86_cpu_is_amd_strict(env)) {
        /* AMD repeats these leaf 1 flags in leaf 0x8000_0001 EDX (APM vol.
         * 3, E.4.2): fpu..apic, mtrr..pse36, mmx, fxsr */
        env->features[FEAT_8000_0001_EDX] &= ~AMD_EXT2_ALIASES;
        env->features[FEAT_8000_0001_EDX] |= env->features[FEAT_1_EDX] &
                                             AMD_EXT2_ALIASES;
    }
    x86_cpu_reset(CPU(dev));
    if (!xcc->parent_realize(dev, errp)) {
        return false;
    }
    /* The index is known once the CPU is in the list (parent realize). */
    if (!CPU(dev)->as) {
        g_autofree char *name = g_strdup_printf("cpu-memory-%d",
                                                CPU(dev)->cpu_index);
        CPU(dev)->as = g_new0(AddressSpace, 1);
        address_space_init(CPU(dev)->as, get_system_memory(), name);
    }
    return true;
}

static void x86_cpu_common_class_init(ObjectClass *oc, void *data)
{
    X86CPUClass *xcc = X86_CPU_CLASS(oc);
    CPUClass *cc = CPU_CLASS(oc);
    DeviceClass *dc = DEVICE_CLASS(oc);

    xcc->parent_realize = dc->realize;
    dc->realize = x86_cpu_realize;
    device_class_set_props(dc, x86_cpu_properties);
    cc->reset = x86_cpu_reset;
    cc->dump_state = x86_cpu_dump_state;
    cc->get_arch_id = x86_cpu_get_arch_id;
    cc->has_work = x86_cpu_has_work;

    x86_feature_foreach_name(add_flag_prop, oc);
    object_class_property_add(oc, "family", "int", id_get, id_set, NULL,
                              (void *)(intptr_t)ID_FAMILY);
    object_class_property_add(oc, "model", "int", id_get, id_set, NULL,
                              (void *)(intptr_t)ID_MODEL);
    object_class_property_add(oc, "stepping", "int", id_get, id_set, NULL,
                              (void *)(intptr_t)ID_STEPPING);
    object_class_property_add(oc, "tsc-frequency", "int", id_get, id_set,
                              NULL, (void *)(intptr_t)ID_TSC_FREQ);
    object_class_property_add(oc, "vendor", "string", str_get, str_set,
                              NULL, NULL);
    object_class_property_add(oc, "model-id", "string", str_get, str_set,
                              NULL, (void *)1);
    object_class_property_add(oc, "lbr-fmt", "uint64", lbr_get, lbr_set,
                              NULL, NULL);
    object_class_property_add(oc, "lbr_fmt", "uint64", lbr_get, lbr_set,
                              NULL, NULL);
    object_class_property_add(oc, "start-powered-off", "bool",
                              start_off_get, start_off_set, NULL, NULL);
    object_class_property_add(oc, "feature-words", "X86CPUFeatureWordInfo",
                              words_get, NULL, NULL, NULL);
    object_class_property_add(oc, "filtered-features",
                              "X86CPUFeatureWordInfo", words_get, NULL, NULL,
                              (void *)1);
    object_class_property_add(oc, "unavailable-features", "strList",
                              unavailable_get, NULL, NULL, NULL);
    object_class_property_add(oc, "crash-information",
                              "GuestPanicInformation", crash_get, NULL, NULL,
                              NULL);
}

static void x86_cpu_model_class_init(ObjectClass *oc, void *data)
{
    X86CPUClass *xcc = X86_CPU_CLASS(oc);
    X86CPUModel *m = data;

    x86_cpu_model_resolve(m);
    xcc->model = m;
    xcc->desc = m->desc;
}

static void x86_cpu_base_class_init(ObjectClass *oc, void *data)
{
    X86CPUClass *xcc = X86_CPU_CLASS(oc);

    xcc->static_model = true;
    xcc->ordering = 8;
    xcc->desc = "base CPU model type with no features enabled";
}

static void x86_cpu_max_class_init(ObjectClass *oc, void *data)
{
    X86CPUClass *xcc = X86_CPU_CLASS(oc);

    xcc->max_features = true;
    xcc->ordering = 9;
    xcc->desc = "Enables all features supported by the accelerator in the "
                "current host";
    device_class_set_props(DEVICE_CLASS(oc), x86_max_cpu_properties);
}

static void x86_cpu_host_class_init(ObjectClass *oc, void *data)
{
    X86CPUClass *xcc = X86_CPU_CLASS(oc);

    xcc->host_cpuid_required = true;
    xcc->ordering = 8;
    xcc->desc = "processor with all supported host features ";
}

static const TypeInfo x86_cpu_types[] = {
    {
        .name = TYPE_X86_CPU,
        .parent = TYPE_CPU,
        .instance_size = sizeof(X86CPU),
        .instance_init = x86_cpu_instance_init,
        .abstract = true,
        .class_size = sizeof(X86CPUClass),
        .class_init = x86_cpu_common_class_init,
    }, {
        .name = X86_CPU_TYPE_NAME("base"),
        .parent = TYPE_X86_CPU,
        .class_init = x86_cpu_base_class_init,
    }, {
        .name = X86_CPU_TYPE_NAME("max"),
        .parent = TYPE_X86_CPU,
        .class_init = x86_cpu_max_class_init,
    }, {
        .name = X86_CPU_TYPE_NAME("host"),
        .parent = X86_CPU_TYPE_NAME("max"),
        .class_init = x86_cpu_host_class_init,
    },
};

static void x86_cpu_register_types(void)
{
    int n;
    X86CPUModel *const *list;

    type_register_static_array(x86_cpu_types, ARRAY_SIZE(x86_cpu_types));
    list = x86_cpu_models(&n);
    for (int i = 0; i < n; i++) {
        TypeInfo *ti = g_new0(TypeInfo, 1);

        ti->name = g_strdup_printf("%s" X86_CPU_TYPE_SUFFIX, list[i]->name);
        ti->parent = TYPE_X86_CPU;
        ti->class_init = x86_cpu_model_class_init;
        ti->class_data = list[i];
        type_register_static(ti);
    }
}
type_init(x86_cpu_register_types)
