/*
 * test-cpuid.c: the x86 CPU models against the reference QEMU 7.2.
 *
 * cpuid-ref-data.h holds what the reference answered (a guest's CPUID
 * under TCG, query-cpu-model-expansion, APIC ids, `-cpu help`; recorded by
 * cpuid-ref-gen.py).  Without a registered accelerator the CPU models
 * filter as the reference's software CPU does, so a CPU built here must
 * answer CPUID exactly as the guest saw it there.  The KVM-mode tests
 * register a fake accelerator with known answers.
 */
#include "qemu/osdep.h"
#include "hw/qdev-core.h"
#include "hw/i386/x86-cpu.h"
#include "monitor/monitor.h"
#include "qapi/qmp-json.h"
#include "target/i386/cpu-internal.h"
#include "cpuid-ref-data.h"

/* ---- helpers ---- */

typedef struct Topo {
    unsigned dies, cores, threads;
} Topo;

/* "16,sockets=2,dies=2,cores=2,threads=2" -> dies 2, cores 2, threads 2;
 * a bare count means that many cores (pc-i440fx-7.2 prefers cores). */
static Topo parse_smp(const char *smp)
{
    g_auto(GStrv) parts = g_strsplit(smp, ",", -1);
    Topo t = { 1, 0, 0 };

    for (int i = 1; parts[i]; i++) {
        if (g_str_has_prefix(parts[i], "dies=")) {
            t.dies = atoi(parts[i] + 5);
        } else if (g_str_has_prefix(parts[i], "cores=")) {
            t.cores = atoi(parts[i] + 6);
        } else if (g_str_has_prefix(parts[i], "threads=")) {
            t.threads = atoi(parts[i] + 8);
        }
    }
    if (!t.cores && !t.threads) {
        t.cores = atoi(parts[0]);
    }
    t.cores = MAX(t.cores, 1);
    t.threads = MAX(t.threads, 1);
    return t;
}

/*
 * An unrealized CPU from "MODEL[,+flag][,-flag][,prop=value]" (the -cpu
 * syntax, applied to this CPU only); NULL with errp set.
 */
static X86CPU *cpu_create(const char *spec, Error **errp)
{
    g_auto(GStrv) parts = g_strsplit(spec, ",", -1);
    g_autofree char *type = x86_cpu_type_for_model(parts[0]);
    Object *obj;

    g_assert_nonnull(type);
    obj = object_new(type);
    for (int i = 1; parts[i]; i++) {
        char *f = parts[i];
        char *eq = strchr(f, '=');
        bool ok;

        if (f[0] == '+' || f[0] == '-') {
            ok = object_property_set_bool(obj, f + 1, f[0] == '+', errp);
        } else if (eq) {
            *eq = 0;
            ok = object_property_parse(obj, f, eq + 1, errp);
        } else {
            ok = object_property_parse(obj, f, "on", errp);
        }
        if (!ok) {
            object_unref(obj);
            return NULL;
        }
    }
    return X86_CPU(obj);
}

/* Realize as the board does; the CPU stays in the tree (the CPU list
 * keeps a pointer to it). */
static bool cpu_realize(X86CPU *cpu, Topo t, uint32_t apic_id, Error **errp)
{
    cpu->env.nr_dies = t.dies;
    cpu->env.nr_cores = t.cores;
    cpu->env.nr_threads = t.threads;
    object_property_set_uint(OBJECT(cpu), "apic-id", apic_id, &error_abort);
    return qdev_realize(DEVICE(cpu), NULL, errp);
}

static X86CPU *cpu_new(const char *spec, const char *smp)
{
    X86CPU *cpu = cpu_create(spec, &error_abort);

    /* warnings about what TCG filters are expected here */
    object_property_set_bool(OBJECT(cpu), "check", false, &error_abort);
    g_assert_true(cpu_realize(cpu, parse_smp(smp), 0, &error_abort));
    return cpu;
}

static void assert_leaf(X86CPU *cpu, uint32_t leaf, uint32_t sub,
                        const uint32_t want[4], const char *what)
{
    uint32_t r[4];

    cpu_x86_cpuid(&cpu->env, leaf, sub, &r[0], &r[1], &r[2], &r[3]);
    if (memcmp(r, want, sizeof(r))) {
        g_test_message("%s: CPUID %#x.%u = %08x %08x %08x %08x, "
                       "reference %08x %08x %08x %08x", what, leaf, sub,
                       r[0], r[1], r[2], r[3], want[0], want[1], want[2],
                       want[3]);
        g_test_fail();
    }
}

static uint32_t cpuid_reg(X86CPU *cpu, uint32_t leaf, uint32_t sub, int reg)
{
    uint32_t r[4];

    cpu_x86_cpuid(&cpu->env, leaf, sub, &r[0], &r[1], &r[2], &r[3]);
    return r[reg == R_EAX ? 0 : reg == R_EBX ? 1 : reg == R_ECX ? 2 : 3];
}

/* Warnings and errors reported while a test runs. */
static GString *reports;

static void capture_report(void *opaque, const char *text)
{
    g_string_append(reports, text);
}

static void capture_start(void)
{
    g_string_truncate(reports, 0);
    error_set_print_func(capture_report, NULL, NULL, NULL);
}

static void capture_stop(void)
{
    error_set_print_func(NULL, NULL, NULL, NULL);
}

/* ---- CPUID against the reference ---- */

static void test_every_model_feature_leaves(void)
{
    for (size_t i = 0; i < ARRAY_SIZE(ref_models); i++) {
        const RefModel *m = &ref_models[i];
        X86CPU *cpu = cpu_new(m->name, "1");
        uint32_t x1[4], x8[4], d0[4], d1[4];

        g_assert_cmphex(cpuid_reg(cpu, 0, 0, R_EAX), ==, m->level);
        g_assert_cmphex(cpuid_reg(cpu, 0x80000000, 0, R_EAX), ==, m->xlevel);
        assert_leaf(cpu, 1, 0, m->l1, m->name);
        assert_leaf(cpu, 7, 0, m->l7, m->name);
        cpu_x86_cpuid(&cpu->env, 0x80000001, 0, &x1[0], &x1[1], &x1[2],
                      &x1[3]);
        g_assert_cmphex(x1[2], ==, m->x1[0]);
        g_assert_cmphex(x1[3], ==, m->x1[1]);
        cpu_x86_cpuid(&cpu->env, 0x80000008, 0, &x8[0], &x8[1], &x8[2],
                      &x8[3]);
        g_assert_cmphex(x8[0], ==, m->x8);
        cpu_x86_cpuid(&cpu->env, 0xD, 0, &d0[0], &d0[1], &d0[2], &d0[3]);
        g_assert_cmphex(d0[0], ==, m->d0[0]);
        g_assert_cmphex(d0[2], ==, m->d0[1]);
        g_assert_cmphex(d0[3], ==, m->d0[2]);
        cpu_x86_cpuid(&cpu->env, 0xD, 1, &d1[0], &d1[1], &d1[2], &d1[3]);
        g_assert_cmphex(d1[0], ==, m->d1[0]);
        g_assert_cmphex(d1[1], ==, m->d1[1]);
    }
}

static void test_full_dumps_with_topology(void)
{
    for (size_t i = 0; i < ARRAY_SIZE(ref_dumps); i++) {
        const RefDump *d = &ref_dumps[i];
        X86CPU *cpu = cpu_new(d->cpu, d->smp);
        g_autofree char *what = g_strdup_printf("%s -smp %s", d->cpu,
                                                d->smp);

        for (const RefLeaf *l = d->leaves; l->leaf != 0xffffffff; l++) {
            assert_leaf(cpu, l->leaf, l->sub, l->r, what);
        }
    }
}

static void test_model_expansions(void)
{
    for (size_t i = 0; i < ARRAY_SIZE(ref_expansions); i++) {
        const RefExpansion *e = &ref_expansions[i];
        g_autofree char *type = x86_cpu_type_for_model(e->name);
        X86CPU *cpu;
        g_autoptr(GPtrArray) names = x86_feature_sorted_names();
        GString *on = g_string_new("");

        cpu = X86_CPU(object_new(type));
        g_assert_true(x86_cpu_expand_features(cpu, &error_abort));
        for (guint j = 0; j < names->len; j++) {
            const char *n = g_ptr_array_index(names, j);

            if ((j && !strcmp(n, g_ptr_array_index(names, j - 1))) ||
                !object_property_get_bool(OBJECT(cpu), n, &error_abort)) {
                continue;
            }
            g_string_append_printf(on, "%s%s", on->len ? " " : "", n);
        }
        if (strcmp(on->str, e->flags)) {
            g_test_message("%s flags:\n  ours %s\n  ref  %s", e->name,
                           on->str, e->flags);
            g_test_fail();
        }
        g_assert_cmphex(cpu->env.cpuid_min_level, ==, e->level);
        g_assert_cmphex(cpu->env.cpuid_min_xlevel, ==, e->xlevel);
        g_string_free(on, true);
        object_unref(cpu);
    }
}

/* ---- topology: APIC ids and leaves 1, 4, 0xB ---- */

static void test_apic_ids_follow_topology(void)
{
    for (size_t i = 0; i < ARRAY_SIZE(ref_topos); i++) {
        const RefTopo *t = &ref_topos[i];
        X86CPUTopoInfo topo = { t->dies, t->cores, t->threads };

        for (unsigned idx = 0; idx < t->n; idx++) {
            X86CPUTopoIDs ids, back;
            uint32_t id = x86_apicid_from_cpu_idx(&topo, idx);

            g_assert_cmpuint(id, ==, t->ids[idx]);
            x86_topo_ids_from_idx(&topo, idx, &ids);
            x86_topo_ids_from_apicid(&topo, id, &back);
            g_assert_cmpuint(ids.pkg_id, ==, back.pkg_id);
            g_assert_cmpuint(ids.die_id, ==, back.die_id);
            g_assert_cmpuint(ids.core_id, ==, back.core_id);
            g_assert_cmpuint(ids.smt_id, ==, back.smt_id);
        }
    }
}

/* -smp 8,sockets=2,cores=2,threads=2: every CPU's view (SDM vol. 2A,
 * leaves 1, 4 and 0xB). */
static void test_topology_leaves_per_cpu(void)
{
    X86CPUTopoInfo topo = { 1, 2, 2 };

    g_assert_cmpuint(x86_apicid_core_offset(&topo), ==, 1);
    g_assert_cmpuint(x86_apicid_die_offset(&topo), ==, 2);
    g_assert_cmpuint(x86_apicid_pkg_offset(&topo), ==, 2);
    for (unsigned idx = 0; idx < 8; idx++) {
        X86CPU *cpu = cpu_create("Haswell", &error_abort);
        uint32_t id = x86_apicid_from_cpu_idx(&topo, idx);

        object_property_set_bool(OBJECT(cpu), "check", false, &error_abort);
        g_assert_true(cpu_realize(cpu, (Topo) { 1, 2, 2 }, id,
                                  &error_abort));
        /* leaf 1: initial APIC id, 4 logical CPUs per package, HTT */
        g_assert_cmphex(cpuid_reg(cpu, 1, 0, R_EBX), ==,
                        (id << 24) | (4 << 16) | 0x800);
        g_assert_true(cpuid_reg(cpu, 1, 0, R_EDX) & CPUID_HT);
        /* leaf 4: 2 cores; L1 not shared, L2 by 2 threads, L3 by 4 */
        g_assert_cmphex(cpuid_reg(cpu, 4, 0, R_EAX), ==, 0x04000121);
        g_assert_cmphex(cpuid_reg(cpu, 4, 2, R_EAX), ==, 0x04004143);
        g_assert_cmphex(cpuid_reg(cpu, 4, 3, R_EAX), ==, 0x0400c163);
        /* leaf 0xB: SMT level (shift 1, 2 threads), core level (shift 2,
         * 4 logical CPUs), then an invalid level; EDX the x2APIC id */
        g_assert_cmphex(cpuid_reg(cpu, 0xB, 0, R_EAX), ==, 1);
        g_assert_cmphex(cpuid_reg(cpu, 0xB, 0, R_EBX), ==, 2);
        g_assert_cmphex(cpuid_reg(cpu, 0xB, 0, R_ECX), ==, 0x100);
        g_assert_cmphex(cpuid_reg(cpu, 0xB, 0, R_EDX), ==, id);
        g_assert_cmphex(cpuid_reg(cpu, 0xB, 1, R_EAX), ==, 2);
        g_assert_cmphex(cpuid_reg(cpu, 0xB, 1, R_EBX), ==, 4);
        g_assert_cmphex(cpuid_reg(cpu, 0xB, 1, R_ECX), ==, 0x201);
        g_assert_cmphex(cpuid_reg(cpu, 0xB, 2, R_EBX), ==, 0);
        g_assert_cmphex(cpuid_reg(cpu, 0xB, 2, R_ECX), ==, 2);
        g_assert_cmphex(cpuid_reg(cpu, 0xB, 2, R_EDX), ==, id);
        g_assert_cmphex(CPU_GET_CLASS(cpu)->get_arch_id(CPU(cpu)), ==, id);
    }
}

/* The table an accelerator loads: every valid subleaf, all equal to
 * cpu_x86_cpuid(). */
static void test_cpuid_table(void)
{
    X86CPU *cpu = cpu_new("Haswell", "8,sockets=2,cores=2,threads=2");
    X86CPUIDEntry small[4];
    X86CPUIDEntry *e;
    int n = x86_cpu_cpuid_table(cpu, small, ARRAY_SIZE(small));
    int count4 = 0, countb = 0, countd = 0;

    g_assert_cmpint(n, >, (int)ARRAY_SIZE(small));
    e = g_new(X86CPUIDEntry, n);
    g_assert_cmpint(x86_cpu_cpuid_table(cpu, e, n), ==, n);
    for (int i = 0; i < n; i++) {
        uint32_t want[4] = { e[i].eax, e[i].ebx, e[i].ecx, e[i].edx };

        assert_leaf(cpu, e[i].function, e[i].index, want, "table");
        count4 += e[i].function == 4;
        countb += e[i].function == 0xB;
        countd += e[i].function == 0xD;
        g_assert_true(e[i].function < 0x40000000 ||
                      e[i].function >= 0x80000000);     /* no KVM leaves */
    }
    g_assert_cmpint(count4, ==, 5);     /* four caches and the null one */
    g_assert_cmpint(countb, ==, 3);     /* SMT, core, invalid */
    g_assert_cmpint(countd, ==, 3);     /* x87/SSE, XSAVEOPT, AVX */
    g_assert_cmpint(e[0].function, ==, 0);
    g_assert_cmphex(e[n - 1].function, ==, 0x80000008);
    g_free(e);
}

/* ---- flags: names, aliases, +/-, errors ---- */

static void test_flag_names_and_aliases(void)
{
    X86CPU *cpu = cpu_create("qemu64", &error_abort);
    Object *obj = OBJECT(cpu);
    FeatureWord w;
    uint64_t mask;
    Error *err = NULL;

    /* sse4.2 and its aliases are one bit, CPUID.01H:ECX[20] */
    g_assert_true(x86_feature_lookup("sse4.2", &w, &mask));
    g_assert_cmpint(w, ==, FEAT_1_ECX);
    g_assert_cmphex(mask, ==, 1u << 20);
    g_assert_true(x86_feature_lookup("sse4_2", &w, &mask));
    g_assert_cmphex(mask, ==, 1u << 20);
    g_assert_cmpstr(x86_feature_canonical("sse4-2"), ==, "sse4.2");
    g_assert_cmpstr(x86_feature_canonical("sse3"), ==, "pni");
    g_assert_cmpstr(x86_feature_canonical("xd"), ==, "nx");
    g_assert_cmpstr(x86_feature_canonical("kvm_pv_eoi"), ==, "kvm-pv-eoi");
    g_assert_false(x86_feature_lookup("foo", &w, &mask));
    /* kvmclock names two bits of 0x4000_0001 EAX (0 and 3) */
    g_assert_true(x86_feature_lookup("kvmclock", &w, &mask));
    g_assert_cmpint(w, ==, FEAT_KVM);
    g_assert_cmphex(mask, ==, 0x9);

    g_assert_true(object_property_get_bool(obj, "sse3", &error_abort));
    object_property_set_bool(obj, "sse3", false, &error_abort);
    g_assert_false(object_property_get_bool(obj, "pni", &error_abort));
    object_property_parse(obj, "sse4_2", "on", &error_abort);
    g_assert_true(object_property_get_bool(obj, "sse4.2", &error_abort));
    object_property_parse(obj, "sse4-2", "off", &error_abort);
    g_assert_false(object_property_get_bool(obj, "sse4_2", &error_abort));
    g_assert_cmphex(cpu->user_features[FEAT_1_ECX], ==, (1u << 20) | 1);

    g_assert_false(object_property_set_bool(obj, "foo", true, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Property 'qemu64-x86_64-cpu.foo' not found");
    error_free(err);
    err = NULL;
    g_assert_false(object_property_parse(obj, "check", "maybe", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Parameter 'check' expects 'on' or 'off'");
    error_free(err);
    err = NULL;
    g_assert_false(object_property_parse(obj, "family", "300", &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Property .family doesn't "
                    "take value 300 (minimum: 0, maximum: 270)");
    error_free(err);
    err = NULL;
    g_assert_false(object_property_parse(obj, "vendor", "abc", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Property '.vendor' doesn't take value 'abc'");
    error_free(err);
    /* family above 15 goes to the extended family field */
    object_property_parse(obj, "family", "23", &error_abort);
    g_assert_cmphex(cpu->env.cpuid_version & 0x0ff00f00, ==, 0x00800f00);
    g_assert_cmpint(object_property_get_int(obj, "family", &error_abort),
                    ==, 23);
    object_unref(cpu);
}

/* The -cpu parser changes process-wide state: run it in a child. */
static void test_cpu_option_parser(void)
{
    if (g_test_subprocess()) {
        Error *err = NULL;
        X86CPU *cpu;

        g_assert_false(x86_cpu_parse_option("foo,+sse", &err));
        g_assert_cmpstr(error_get_pretty(err), ==,
                        "unable to find CPU model 'foo'");
        error_free(err);
        err = NULL;
        g_assert_false(x86_cpu_parse_option("qemu64,tsc-freq=abc", &err));
        g_assert_cmpstr(error_get_pretty(err), ==, "bad numerical value abc");
        error_free(err);
        err = NULL;
        g_assert_true(x86_cpu_option_is_help("help"));
        g_assert_false(x86_cpu_option_is_help("help,x"));

        g_assert_true(x86_cpu_parse_option(
            "qemu64,+sse4.2,-sse3,,family=6,model_id=Test CPU,tsc-freq=1.5G,"
            "+nosuchflag,sse4.2=off", &error_abort));
        g_assert_cmpstr(x86_cpu_option_type(), ==, "qemu64-x86_64-cpu");
        cpu = cpu_create("qemu64", &error_abort);
        g_assert_cmpint(object_property_get_int(OBJECT(cpu), "family",
                                                &error_abort), ==, 6);
        g_assert_cmpint(cpu->tsc_khz, ==, 1500000);
        g_assert_false(cpu_realize(cpu, (Topo) { 1, 1, 1 }, 0, &err));
        g_assert_cmpstr(error_get_pretty(err), ==,
                        "Property 'qemu64-x86_64-cpu.nosuchflag' not found");
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_passed();
    g_test_trap_assert_stderr("*Ambiguous CPU model string. Don't mix both "
                              "\"+sse4.2\" and \"sse4.2=off\"*"
                              "Compatibility of ambiguous CPU model strings "
                              "won't be kept on future QEMU versions*");
}

static void test_cpu_option_applies_flags(void)
{
    if (g_test_subprocess()) {
        X86CPU *cpu;

        g_assert_true(x86_cpu_parse_option("Haswell,+avx512f,-sse4_1,"
                                           "kvm=off", &error_abort));
        cpu = cpu_create("Haswell", &error_abort);
        g_assert_true(cpu_realize(cpu, (Topo) { 1, 1, 1 }, 0, &error_abort));
        g_assert_false(cpu->expose_kvm);
        g_assert_false(cpuid_reg(cpu, 1, 0, R_ECX) & (1u << 19));
        /* avx512f was asked for but the software CPU lacks it */
        g_assert_true(cpu->filtered_features[FEAT_7_0_EBX] & (1u << 16));
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_passed();
    g_test_trap_assert_stderr("*warning: TCG doesn't support requested "
                              "feature: CPUID.07H:EBX.avx512f [bit 16]*");
}

/* ---- filtering: warnings, enforce, dependencies ---- */

static void test_filter_warns_and_enforce_fails(void)
{
    X86CPU *cpu = cpu_create("qemu64,+avx512f,+vmx", &error_abort);
    Error *err = NULL;

    capture_start();
    g_assert_true(cpu_realize(cpu, (Topo) { 1, 1, 1 }, 0, &error_abort));
    capture_stop();
    g_assert_nonnull(strstr(reports->str, "warning: TCG doesn't support "
                     "requested feature: CPUID.01H:ECX.vmx [bit 5]\n"
                     "warning: TCG doesn't support requested feature: "
                     "CPUID.07H:EBX.avx512f [bit 16]\n"));
    g_assert_false(cpuid_reg(cpu, 7, 0, R_EBX) & (1u << 16));
    {
        g_autoptr(GPtrArray) names = x86_cpu_filtered_feature_names(cpu);
        g_assert_cmpint(names->len, ==, 2);
        g_assert_cmpstr(g_ptr_array_index(names, 0), ==, "vmx");
        g_assert_cmpstr(g_ptr_array_index(names, 1), ==, "avx512f");
    }

    cpu = cpu_create("qemu64,+avx512f,check=off,enforce=on", &error_abort);
    capture_start();
    g_assert_false(cpu_realize(cpu, (Topo) { 1, 1, 1 }, 0, &err));
    capture_stop();
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "TCG doesn't support requested features");
    g_assert_nonnull(strstr(reports->str, "CPUID.07H:EBX.avx512f [bit 16]"));
    error_free(err);
    object_unref(cpu);

    /* check=off: filtered silently */
    cpu = cpu_create("qemu64,+avx512f,check=off", &error_abort);
    capture_start();
    g_assert_true(cpu_realize(cpu, (Topo) { 1, 1, 1 }, 0, &error_abort));
    capture_stop();
    g_assert_cmpstr(reports->str, ==, "");
}

static void test_dependent_flag_needs_parent(void)
{
    X86CPU *cpu = cpu_create("base,+vmx-ept,check=off", &error_abort);

    capture_start();
    g_assert_true(cpu_realize(cpu, (Topo) { 1, 1, 1 }, 0, &error_abort));
    capture_stop();
    g_assert_cmpstr(reports->str, ==, "warning: This feature depends on "
                    "other features that were not requested: "
                    "MSR(48BH).vmx-ept [bit 1]\n");
    g_assert_cmphex(cpu->env.features[FEAT_VMX_SECONDARY_CTLS], ==, 0);
}

static void test_host_needs_kvm_and_apic_id_is_required(void)
{
    X86CPU *cpu = cpu_create("host", &error_abort);
    Error *err = NULL;

    g_assert_false(cpu_realize(cpu, (Topo) { 1, 1, 1 }, 0, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "CPU model 'host' requires KVM or HVF");
    error_free(err);
    err = NULL;
    object_unref(cpu);

    cpu = cpu_create("qemu64", &error_abort);
    g_assert_false(qdev_realize(DEVICE(cpu), NULL, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "apic-id property was not initialized properly");
    error_free(err);
    err = NULL;
    object_unref(cpu);

    cpu = cpu_create("Haswell,phys-bits=99,check=off", &error_abort);
    g_assert_false(cpu_realize(cpu, (Topo) { 1, 1, 1 }, 0, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "phys-bits should be between 32 and 52  (but is 99)");
    error_free(err);
    object_unref(cpu);
}

/* ---- KVM mode (a fake accelerator) ---- */

static uint32_t fake_kvm_cpuid(uint32_t function, uint32_t index, int reg)
{
    if (function == 7 && reg == R_EBX) {
        return ~(1u << 16);     /* no avx512f */
    }
    if (function == 0 && reg == R_EAX) {
        return 0xd;
    }
    return ~0u;
}

static const X86CPUAccel fake_kvm = {
    .name = "kvm",
    .warn_name = "host",
    .uses_host_cpuid = true,
    .get_supported_cpuid = fake_kvm_cpuid,
};

static void test_kvm_defaults_and_paravirt_leaves(void)
{
    X86CPU *cpu;
    X86CPUIDEntry e[128];
    int n;
    Error *err = NULL;
    uint32_t a, b, c, d;
    bool kvm_leaf = false;

    x86_cpu_set_accel(&fake_kvm);
    cpu = cpu_new("qemu64", "1");
    /* the reference's KVM guest: kvmclock (bits 0, 3), nopiodelay,
     * asyncpf, steal time, pv-eoi, stable bit */
    g_assert_cmphex(cpuid_reg(cpu, 0x40000001, 0, R_EAX), ==, 0x0100007b);
    g_assert_cmphex(cpuid_reg(cpu, 0x40000000, 0, R_EAX), ==, 0x40000001);
    g_assert_cmphex(cpuid_reg(cpu, 0x40000000, 0, R_EBX), ==, 0x4b4d564b);
    g_assert_cmphex(cpuid_reg(cpu, 0x40000000, 0, R_EDX), ==, 0x4d);
    g_assert_true(cpuid_reg(cpu, 1, 0, R_ECX) & CPUID_EXT_X2APIC);
    g_assert_false(cpuid_reg(cpu, 0x80000001, 0, R_ECX) & (1u << 2));
    /* a KVM guest sees the host's vendor */
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d)
                     : "0"(0), "2"(0));
    g_assert_cmphex(cpuid_reg(cpu, 0, 0, R_EBX), ==, b);
    g_assert_cmphex(cpuid_reg(cpu, 0, 0, R_ECX), ==, c);
    n = x86_cpu_cpuid_table(cpu, e, ARRAY_SIZE(e));
    for (int i = 0; i < n; i++) {
        kvm_leaf |= e[i].function == 0x40000001;
    }
    g_assert_true(kvm_leaf);

    cpu = cpu_new("qemu64,-kvmclock,+kvm-pv-unhalt", "1");
    g_assert_cmphex(cpuid_reg(cpu, 0x40000001, 0, R_EAX), ==, 0x010000f2);

    cpu = cpu_new("qemu64,kvm=off", "1");
    g_assert_cmphex(cpu->env.features[FEAT_KVM], ==, 0);
    n = x86_cpu_cpuid_table(cpu, e, ARRAY_SIZE(e));
    for (int i = 0; i < n; i++) {
        g_assert_false(e[i].function >= 0x40000000 &&
                       e[i].function < 0x80000000);
    }

    cpu = cpu_create("Haswell,+avx512f,enforce", &error_abort);
    capture_start();
    g_assert_false(cpu_realize(cpu, (Topo) { 1, 1, 1 }, 0, &err));
    capture_stop();
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Host doesn't support requested features");
    g_assert_cmpstr(reports->str, ==, "warning: host doesn't support "
                    "requested feature: CPUID.07H:EBX.avx512f [bit 16]\n");
    error_free(err);
    object_unref(cpu);
    x86_cpu_set_accel(NULL);
}

/* ---- reset state and info registers ---- */

static void test_reset_state(void)
{
    X86CPU *cpu = cpu_new("qemu64", "1");
    CPUX86State *env = &cpu->env;

    /* SDM vol. 3A table 9-1 */
    g_assert_cmphex(env->regs[R_EDX], ==, 0x60fb1);
    g_assert_cmphex(env->eip, ==, 0xfff0);
    g_assert_cmphex(env->eflags, ==, 0x2);
    g_assert_cmphex(env->segs[R_CS].selector, ==, 0xf000);
    g_assert_cmphex(env->segs[R_CS].base, ==, 0xffff0000);
    g_assert_cmphex(env->segs[R_CS].limit, ==, 0xffff);
    g_assert_cmphex(env->segs[R_DS].selector, ==, 0);
    g_assert_cmphex(env->cr[0], ==, 0x60000010);
    g_assert_cmphex(env->dr[6], ==, 0xffff0ff0);
    g_assert_cmphex(env->dr[7], ==, 0x400);
    g_assert_cmphex(env->fpuc, ==, 0x37f);
    g_assert_cmphex(env->mxcsr, ==, 0x1f80);
    g_assert_cmphex(env->xcr0, ==, 1);
    g_assert_cmphex(env->pat, ==, 0x0007040600070406ULL);
    g_assert_cmpint(env->exception_nr, ==, -1);

    /* registers changed by a guest go back on reset */
    env->regs[R_EAX] = 0x1234;
    env->cr[0] |= CR0_PE_MASK;
    env->efer = MSR_EFER_LME;
    x86_cpu_reset(CPU(cpu));
    g_assert_cmphex(env->regs[R_EAX], ==, 0);
    g_assert_cmphex(env->cr[0], ==, 0x60000010);
    g_assert_cmphex(env->efer, ==, 0);

    /* an application processor waits for INIT/SIPI */
    CPU(cpu)->cpu_index = 1;
    x86_cpu_reset(CPU(cpu));
    g_assert_true(CPU(cpu)->halted);
    g_assert_cmpint(env->mp_state, ==, 1);
    CPU(cpu)->cpu_index = 0;
    x86_cpu_reset(CPU(cpu));
    g_assert_false(CPU(cpu)->halted);
}

/* The reference's `info registers` after reset (qemu64). */
static const char ref_regs_reset[] =
    "EAX=00000000 EBX=00000000 ECX=00000000 EDX=00060fb1\n"
    "ESI=00000000 EDI=00000000 EBP=00000000 ESP=00000000\n"
    "EIP=0000fff0 EFL=00000002 [-------] CPL=0 II=0 A20=1 SMM=0 HLT=0\n"
    "ES =0000 00000000 0000ffff 00009300\n"
    "CS =f000 ffff0000 0000ffff 00009b00\n"
    "SS =0000 00000000 0000ffff 00009300\n"
    "DS =0000 00000000 0000ffff 00009300\n"
    "FS =0000 00000000 0000ffff 00009300\n"
    "GS =0000 00000000 0000ffff 00009300\n"
    "LDT=0000 00000000 0000ffff 00008200\n"
    "TR =0000 00000000 0000ffff 00008b00\n"
    "GDT=     00000000 0000ffff\n"
    "IDT=     00000000 0000ffff\n"
    "CR0=60000010 CR2=00000000 CR3=00000000 CR4=00000000\n"
    "DR0=0000000000000000 DR1=0000000000000000 DR2=0000000000000000 "
    "DR3=0000000000000000 \n"
    "DR6=00000000ffff0ff0 DR7=0000000000000400\n"
    "EFER=0000000000000000\n"
    "FCW=037f FSW=0000 [ST=0] FTW=00 MXCSR=00001f80\n"
    "FPR0=0000000000000000 0000 FPR1=0000000000000000 0000\n"
    "FPR2=0000000000000000 0000 FPR3=0000000000000000 0000\n"
    "FPR4=0000000000000000 0000 FPR5=0000000000000000 0000\n"
    "FPR6=0000000000000000 0000 FPR7=0000000000000000 0000\n"
    "XMM00=0000000000000000 0000000000000000 "
    "XMM01=0000000000000000 0000000000000000\n"
    "XMM02=0000000000000000 0000000000000000 "
    "XMM03=0000000000000000 0000000000000000\n"
    "XMM04=0000000000000000 0000000000000000 "
    "XMM05=0000000000000000 0000000000000000\n"
    "XMM06=0000000000000000 0000000000000000 "
    "XMM07=0000000000000000 0000000000000000\n";

/* ... and of a guest halted in 32-bit protected mode with flat segments. */
static const char ref_regs_pm32_head[] =
    "EAX=12345678 EBX=11111111 ECX=22222222 EDX=33333333\n"
    "ESI=44444444 EDI=55555555 EBP=66666666 ESP=00007000\n"
    "EIP=000f0057 EFL=00000407 [D----PC] CPL=0 II=0 A20=1 SMM=0 HLT=1\n"
    "ES =0010 00000000 ffffffff 00cf9300 DPL=0 DS   [-WA]\n"
    "CS =0008 00000000 ffffffff 00cf9b00 DPL=0 CS32 [-RA]\n"
    "SS =0010 00000000 ffffffff 00cf9300 DPL=0 DS   [-WA]\n"
    "DS =0010 00000000 ffffffff 00cf9300 DPL=0 DS   [-WA]\n"
    "FS =0010 00000000 ffffffff 00cf9300 DPL=0 DS   [-WA]\n"
    "GS =0010 00000000 ffffffff 00cf9300 DPL=0 DS   [-WA]\n"
    "LDT=0000 00000000 0000ffff 00008200 DPL=0 LDT\n"
    "TR =0000 00000000 0000ffff 00008b00 DPL=0 TSS32-busy\n"
    "GDT=     000f00f8 0000001f\n"
    "IDT=     00000000 0000ffff\n"
    "CR0=60000011 CR2=00000000 CR3=00000000 CR4=00000000\n";

/* ... and in 64-bit mode (identity paging, two XMM registers loaded). */
static const char ref_regs_lm64[] =
    "RAX=1122334455667788 RBX=0000000011111111 RCX=00000000c0000080 "
    "RDX=0000000000000000\n"
    "RSI=0000000044444444 RDI=0000000055555555 RBP=0000000066666666 "
    "RSP=0000000000007000\n"
    "R8 =0123456789abcdef R9 =0000000002000000 R10=0000000000000000 "
    "R11=0000000000000000\n"
    "R12=0000000000000000 R13=0000000000000000 R14=0000000000000000 "
    "R15=fedcba9876543210\n"
    "RIP=00000000000f00ee RFL=00000086 [--S--P-] CPL=0 II=0 A20=1 SMM=0 "
    "HLT=1\n"
    "ES =0010 0000000000000000 ffffffff 00cf9300 DPL=0 DS   [-WA]\n"
    "CS =0018 0000000000000000 ffffffff 00af9b00 DPL=0 CS64 [-RA]\n"
    "SS =0010 0000000000000000 ffffffff 00cf9300 DPL=0 DS   [-WA]\n"
    "DS =0010 0000000000000000 ffffffff 00cf9300 DPL=0 DS   [-WA]\n"
    "FS =0010 0000000000000000 ffffffff 00cf9300 DPL=0 DS   [-WA]\n"
    "GS =0010 0000000000000000 ffffffff 00cf9300 DPL=0 DS   [-WA]\n"
    "LDT=0000 0000000000000000 0000ffff 00008200 DPL=0 LDT\n"
    "TR =0000 0000000000000000 0000ffff 00008b00 DPL=0 TSS64-busy\n"
    "GDT=     00000000000f00f0 0000001f\n"
    "IDT=     0000000000000000 0000ffff\n"
    "CR0=e0000011 CR2=0000000000000000 CR3=0000000000001000 CR4=00000220\n"
    "DR0=0000000000000000 DR1=0000000000000000 DR2=0000000000000000 "
    "DR3=0000000000000000 \n"
    "DR6=00000000ffff0ff0 DR7=0000000000000400\n"
    "EFER=0000000000000500\n"
    "FCW=037f FSW=0000 [ST=0] FTW=00 MXCSR=00001f80\n"
    "FPR0=0000000000000000 0000 FPR1=0000000000000000 0000\n"
    "FPR2=0000000000000000 0000 FPR3=0000000000000000 0000\n"
    "FPR4=0000000000000000 0000 FPR5=0000000000000000 0000\n"
    "FPR6=0000000000000000 0000 FPR7=0000000000000000 0000\n"
    "XMM00=0000000000000000 0000000000000000 "
    "XMM01=0000000000000000 1122334455667788\n"
    "XMM02=0000000000000000 0000000000000000 "
    "XMM03=0000000000000000 0000000000000000\n"
    "XMM04=0000000000000000 0000000000000000 "
    "XMM05=0000000000000000 0000000000000000\n"
    "XMM06=0000000000000000 0000000000000000 "
    "XMM07=0000000000000000 0000000000000000\n"
    "XMM08=0000000000000000 0000000000000000 "
    "XMM09=0000000000000000 0000000000000000\n"
    "XMM10=0000000000000000 0000000000000000 "
    "XMM11=0000000000000000 0000000000000000\n"
    "XMM12=0000000000000000 0000000000000000 "
    "XMM13=0000000000000000 0000000000000000\n"
    "XMM14=0000000000000000 0000000000000000 "
    "XMM15=0000000000000000 0123456789abcdef\n";

static void set_flat_segments(CPUX86State *env, uint32_t cs_sel,
                              uint32_t cs_flags)
{
    for (int i = 0; i < 6; i++) {
        env->segs[i] = (SegmentCache) { 0x10, 0, 0xffffffff, 0x00cf9300 };
    }
    env->segs[R_CS] = (SegmentCache) { cs_sel, 0, 0xffffffff, cs_flags };
}

static void test_dump_state_matches_reference(void)
{
    X86CPU *cpu = cpu_new("qemu64", "1");
    CPUX86State *env = &cpu->env;
    GString *out = g_string_new("");

    x86_cpu_dump_state(CPU(cpu), out, CPU_DUMP_FPU);
    g_assert_cmpstr(out->str, ==, ref_regs_reset);

    /* the reference guest's state in 32-bit protected mode */
    env->regs[R_EAX] = 0x12345678;
    env->regs[R_EBX] = 0x11111111;
    env->regs[R_ECX] = 0x22222222;
    env->regs[R_EDX] = 0x33333333;
    env->regs[R_ESI] = 0x44444444;
    env->regs[R_EDI] = 0x55555555;
    env->regs[R_EBP] = 0x66666666;
    env->regs[R_ESP] = 0x7000;
    env->eip = 0xf0057;
    env->eflags = 0x407;
    set_flat_segments(env, 0x08, 0x00cf9b00);
    env->gdt.base = 0xf00f8;
    env->gdt.limit = 0x1f;
    env->cr[0] = 0x60000011;
    CPU(cpu)->halted = true;
    g_string_truncate(out, 0);
    x86_cpu_dump_state(CPU(cpu), out, CPU_DUMP_FPU);
    g_assert_true(g_str_has_prefix(out->str, ref_regs_pm32_head));

    /* ... and in 64-bit mode */
    env->regs[R_EAX] = 0x1122334455667788ULL;
    env->regs[R_ECX] = 0xc0000080;
    env->regs[R_EDX] = 0;
    env->regs[R_R8] = 0x0123456789abcdefULL;
    env->regs[R_R9] = 0x2000000;
    env->regs[R_R15] = 0xfedcba9876543210ULL;
    env->eip = 0xf00ee;
    env->eflags = 0x86;
    set_flat_segments(env, 0x18, 0x00af9b00);
    env->gdt.base = 0xf00f0;
    env->cr[0] = 0xe0000011;
    env->cr[3] = 0x1000;
    env->cr[4] = 0x220;
    env->efer = MSR_EFER_LME | MSR_EFER_LMA;
    env->xmm_regs[1].q[0] = 0x1122334455667788ULL;
    env->xmm_regs[15].q[0] = 0x0123456789abcdefULL;
    g_string_truncate(out, 0);
    x86_cpu_dump_state(CPU(cpu), out, CPU_DUMP_FPU);
    g_assert_cmpstr(out->str, ==, ref_regs_lm64);

    /* with AVX state enabled in XCR0 the YMM registers show, one a line */
    env->xcr0 = 7;
    g_string_truncate(out, 0);
    x86_cpu_dump_state(CPU(cpu), out, CPU_DUMP_FPU);
    g_assert_nonnull(strstr(out->str, "FPR6=0000000000000000 0000 "
        "FPR7=0000000000000000 0000\n"
        "YMM00=0000000000000000 0000000000000000 0000000000000000 "
        "0000000000000000\n"
        "YMM01=0000000000000000 0000000000000000 0000000000000000 "
        "1122334455667788\nYMM02="));
    g_assert_true(g_str_has_suffix(out->str, "YMM15=0000000000000000 "
        "0000000000000000 0000000000000000 0123456789abcdef\n"));
    g_string_free(out, true);
}

/* ---- -cpu help and QMP ---- */

static void test_cpu_help_matches_reference(void)
{
    GString *out = g_string_new("");

    x86_cpu_print_help(out);
    g_assert_cmpstr(out->str, ==, ref_cpu_help);
    g_string_free(out, true);
}

static json_t *find_def(json_t *list, const char *name)
{
    size_t i;
    json_t *e;

    json_array_foreach(list, i, e) {
        if (!strcmp(json_string_value(json_object_get(e, "name")), name)) {
            return e;
        }
    }
    return NULL;
}

static void test_qmp_cpu_definitions(void)
{
    Error *err = NULL;
    json_t *list = qmp_call("query-cpu-definitions", json_object(), &err);
    json_t *e;
    char *text;

    g_assert_nonnull(list);
    g_assert_cmpint(json_array_size(list), ==, 132);
    /* the reference's order: the reverse of -cpu help */
    g_assert_cmpstr(json_string_value(json_object_get(
        json_array_get(list, 0), "name")), ==, "max");
    g_assert_cmpstr(json_string_value(json_object_get(
        json_array_get(list, 131), "name")), ==, "486");
    e = find_def(list, "phenom-v1");
    text = qmp_json_to_string(e, false);
    g_assert_cmpstr(text, ==,
                    "{\"name\": \"phenom-v1\", \"typename\": "
                    "\"phenom-v1-x86_64-cpu\", \"unavailable-features\": "
                    "[\"fxsr-opt\"], \"static\": false, \"migration-safe\": "
                    "true, \"deprecated\": false}");
    e = find_def(list, "Haswell-noTSX");
    g_assert_cmpstr(json_string_value(json_object_get(e, "alias-of")), ==,
                    "Haswell-v2");
    e = find_def(list, "Haswell");
    g_assert_cmpstr(json_string_value(json_object_get(e, "alias-of")), ==,
                    "Haswell-v1");
    e = find_def(list, "host");
    g_free(text);
    text = qmp_json_to_string(json_object_get(e, "unavailable-features"),
                              false);
    g_assert_cmpstr(text, ==, "[\"kvm\"]");
    g_free(text);
    g_assert_true(json_is_true(json_object_get(find_def(list, "base"),
                                               "static")));
    json_decref(list);
}

static void test_qmp_cpu_model_expansion(void)
{
    Error *err = NULL;
    json_t *args, *ret, *props;

    args = json_pack("{s:s,s:{s:s}}", "type", "static", "model", "name",
                     "Haswell");
    ret = qmp_call("query-cpu-model-expansion", args, &error_abort);
    g_assert_cmpstr(json_string_value(json_object_get(json_object_get(ret,
                    "model"), "name")), ==, "base");
    props = json_object_get(json_object_get(ret, "model"), "props");
    g_assert_true(json_is_true(json_object_get(props, "avx2")));
    g_assert_true(json_is_false(json_object_get(props, "avx512f")));
    g_assert_null(json_object_get(props, "sse4_2"));    /* no aliases */
    g_assert_cmpint(json_integer_value(json_object_get(props, "model")), ==,
                    60);
    g_assert_cmpstr(json_string_value(json_object_get(props, "model-id")),
                    ==, "Intel Core Processor (Haswell)");
    json_decref(args);
    json_decref(ret);

    args = json_pack("{s:s,s:{s:s,s:{s:b,s:i}}}", "type", "full", "model",
                     "name", "Haswell-noTSX", "props", "sse4.2", 0,
                     "stepping", 2);
    ret = qmp_call("query-cpu-model-expansion", args, &error_abort);
    props = json_object_get(json_object_get(ret, "model"), "props");
    g_assert_cmpstr(json_string_value(json_object_get(json_object_get(ret,
                    "model"), "name")), ==, "Haswell-noTSX");
    g_assert_true(json_is_false(json_object_get(props, "hle")));
    g_assert_true(json_is_false(json_object_get(props, "sse4_2")));
    g_assert_cmpint(json_integer_value(json_object_get(props, "stepping")),
                    ==, 2);
    g_assert_cmpint(json_integer_value(json_object_get(props, "level")), ==,
                    13);
    g_assert_null(json_object_get(props, "feature-words"));
    json_decref(args);
    json_decref(ret);

    args = json_pack("{s:s,s:{s:s}}", "type", "full", "model", "name",
                     "foo");
    g_assert_null(qmp_call("query-cpu-model-expansion", args, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "CPU model 'foo' not found");
    error_free(err);
    err = NULL;
    json_decref(args);

    args = json_pack("{s:s,s:{s:s,s:{s:b}}}", "type", "full", "model",
                     "name", "qemu64", "props", "foo", 1);
    g_assert_null(qmp_call("query-cpu-model-expansion", args, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Property 'qemu64-x86_64-cpu.foo' not found");
    error_free(err);
    err = NULL;
    json_decref(args);

    args = json_pack("{s:s,s:{s:s,s:{s:s}}}", "type", "full", "model",
                     "name", "qemu64", "props", "sse4.2", "x");
    g_assert_null(qmp_call("query-cpu-model-expansion", args, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Invalid parameter type for 'sse4.2', expected: boolean");
    error_free(err);
    json_decref(args);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    reports = g_string_new("");

    g_test_add_func("/cpuid/every-model-feature-leaves",
                    test_every_model_feature_leaves);
    g_test_add_func("/cpuid/full-dumps-with-topology",
                    test_full_dumps_with_topology);
    g_test_add_func("/cpuid/model-expansions", test_model_expansions);
    g_test_add_func("/cpuid/apic-ids-follow-topology",
                    test_apic_ids_follow_topology);
    g_test_add_func("/cpuid/topology-leaves-per-cpu",
                    test_topology_leaves_per_cpu);
    g_test_add_func("/cpuid/table", test_cpuid_table);
    g_test_add_func("/cpuid/flag-names-and-aliases",
                    test_flag_names_and_aliases);
    g_test_add_func("/cpuid/cpu-option-parser", test_cpu_option_parser);
    g_test_add_func("/cpuid/cpu-option-applies-flags",
                    test_cpu_option_applies_flags);
    g_test_add_func("/cpuid/filter-warns-and-enforce-fails",
                    test_filter_warns_and_enforce_fails);
    g_test_add_func("/cpuid/dependent-flag-needs-parent",
                    test_dependent_flag_needs_parent);
    g_test_add_func("/cpuid/realize-errors",
                    test_host_needs_kvm_and_apic_id_is_required);
    g_test_add_func("/cpuid/kvm-defaults-and-paravirt-leaves",
                    test_kvm_defaults_and_paravirt_leaves);
    g_test_add_func("/cpuid/reset-state", test_reset_state);
    g_test_add_func("/cpuid/dump-state-matches-reference",
                    test_dump_state_matches_reference);
    g_test_add_func("/cpuid/cpu-help-matches-reference",
                    test_cpu_help_matches_reference);
    g_test_add_func("/cpuid/qmp-cpu-definitions", test_qmp_cpu_definitions);
    g_test_add_func("/cpuid/qmp-cpu-model-expansion",
                    test_qmp_cpu_model_expansion);
    return g_test_run();
}
