/*
 * machine-smp.c: -smp and -m, completed and checked against the machine
 * type's limits.  The rules (which omitted values are derived from which,
 * and the error texts) are those of the reference, so that management
 * tools see the same topology and the same refusals.
 */
#include "qemu/osdep.h"
#include "hw/boards.h"
#include "qemu/option.h"
#include "sysemu/vl-config.h"

static bool smp_get(QemuOpts *opts, const char *name, unsigned *out,
                    bool *zero_seen, Error **errp)
{
    const char *v = qemu_opt_get(opts, name);
    uint64_t n;

    *out = 0;
    if (!v) {
        return true;
    }
    if (qemu_strtou64(v, NULL, 0, &n) < 0 || n > UINT32_MAX) {
        error_setg(errp, "Parameter 'smp.%s' expects integer", name);
        return false;
    }
    if (n == 0) {
        *zero_seen = true;
    }
    *out = n;
    return true;
}

static void topo_text(GString *s, MachineClass *mc, const CpuTopology *t)
{
    g_string_append_printf(s, "sockets (%u) * ", t->sockets);
    if (mc->dies_supported) {
        g_string_append_printf(s, "dies (%u) * ", t->dies);
    }
    g_string_append_printf(s, "cores (%u) * threads (%u)", t->cores,
                           t->threads);
}

bool machine_parse_smp(MachineClass *mc, QemuOpts *opts, CpuTopology *out,
                       Error **errp)
{
    unsigned cpus = 0, sockets = 0, dies = 0, clusters = 0, cores = 0;
    unsigned threads = 0, maxcpus = 0;
    bool zero = false;
    CpuTopology t;
    GString *s;

    if (opts) {
        if (!smp_get(opts, "cpus", &cpus, &zero, errp) ||
            !smp_get(opts, "sockets", &sockets, &zero, errp) ||
            !smp_get(opts, "dies", &dies, &zero, errp) ||
            !smp_get(opts, "clusters", &clusters, &zero, errp) ||
            !smp_get(opts, "cores", &cores, &zero, errp) ||
            !smp_get(opts, "threads", &threads, &zero, errp) ||
            !smp_get(opts, "maxcpus", &maxcpus, &zero, errp)) {
            return false;
        }
    }
    if (zero) {
        warn_report("Deprecated CPU topology (considered invalid): CPU "
                    "topology parameters must be greater than zero");
    }
    if (!mc->dies_supported && dies > 1) {
        error_setg(errp, "dies not supported by this machine's CPU topology");
        return false;
    }
    if (clusters > 1) {
        error_setg(errp,
                   "clusters not supported by this machine's CPU topology");
        return false;
    }
    dies = dies ? dies : 1;
    clusters = clusters ? clusters : 1;

    if (cpus == 0 && maxcpus == 0) {
        sockets = sockets ? sockets : 1;
        cores = cores ? cores : 1;
        threads = threads ? threads : 1;
    } else {
        maxcpus = maxcpus ? maxcpus : cpus;
        if (mc->smp_prefer_sockets) {
            if (sockets == 0) {
                cores = cores ? cores : 1;
                threads = threads ? threads : 1;
                sockets = maxcpus / (dies * clusters * cores * threads);
            } else if (cores == 0) {
                threads = threads ? threads : 1;
                cores = maxcpus / (sockets * dies * clusters * threads);
            }
        } else {
            if (cores == 0) {
                sockets = sockets ? sockets : 1;
                threads = threads ? threads : 1;
                cores = maxcpus / (sockets * dies * clusters * threads);
            } else if (sockets == 0) {
                threads = threads ? threads : 1;
                sockets = maxcpus / (dies * clusters * cores * threads);
            }
        }
        if (threads == 0) {
            unsigned d = sockets * dies * clusters * cores;
            threads = d ? maxcpus / d : 0;
        }
    }
    maxcpus = maxcpus ? maxcpus : sockets * dies * clusters * cores * threads;
    cpus = cpus ? cpus : maxcpus;

    t = (CpuTopology) {
        .cpus = cpus, .sockets = sockets, .dies = dies,
        .clusters = clusters, .cores = cores, .threads = threads,
        .max_cpus = maxcpus,
    };
    if ((uint64_t)sockets * dies * clusters * cores * threads != maxcpus) {
        s = g_string_new(NULL);
        topo_text(s, mc, &t);
        error_setg(errp, "Invalid CPU topology: product of the hierarchy "
                   "must match maxcpus: %s != maxcpus (%u)", s->str, maxcpus);
        g_string_free(s, TRUE);
        return false;
    }
    if (maxcpus < cpus) {
        s = g_string_new(NULL);
        topo_text(s, mc, &t);
        error_setg(errp, "Invalid CPU topology: maxcpus must be equal to or "
                   "greater than smp: %s == maxcpus (%u) < smp_cpus (%u)",
                   s->str, maxcpus, cpus);
        g_string_free(s, TRUE);
        return false;
    }
    if (mc->min_cpus && (int)cpus < mc->min_cpus) {
        error_setg(errp, "Invalid SMP CPUs %u. The min CPUs supported by "
                   "machine '%s' is %d", cpus, mc->name, mc->min_cpus);
        return false;
    }
    if (mc->max_cpus && maxcpus > (unsigned)mc->max_cpus) {
        error_setg(errp, "Invalid SMP CPUs %u. The max CPUs supported by "
                   "machine '%s' is %d", maxcpus, mc->name, mc->max_cpus);
        return false;
    }
    *out = t;
    return true;
}

bool machine_parse_memory(MachineClass *mc, QemuOpts *opts,
                          uint64_t *ram_size, uint64_t *maxram_size,
                          uint64_t *slots, Error **errp)
{
    const char *mem_str = opts ? qemu_opt_get(opts, "size") : NULL;
    uint64_t sz = mc->default_ram_size;

    *slots = 0;
    if (mem_str && *mem_str) {
        const char *end;
        uint64_t v;

        /* A bare number is in MiB, as it always was for -m. */
        if (qemu_strtosz_MiB(mem_str, &end, &v) < 0 || *end) {
            error_setg(errp, "Parameter 'size' expects a non-negative number "
                       "below 2^64");
            return false;
        }
        if (v) {
            sz = v;
        }
    } else if (mem_str) {
        error_setg(errp, "missing 'size' option value");
        return false;
    }
    if (sz > UINT64_MAX - 8191) {
        error_setg(errp, "ram size too large");
        return false;
    }
    sz = QEMU_ALIGN_UP(sz, 8192);
    *ram_size = sz;
    *maxram_size = sz;

    if (opts && qemu_opt_find(opts, "slots")) {
        *slots = qemu_opt_get_number(opts, "slots", 0);
    }
    if (opts && qemu_opt_find(opts, "maxmem")) {
        uint64_t maxmem = qemu_opt_get_size(opts, "maxmem", 0);

        if (maxmem < sz) {
            error_setg(errp, "invalid value of maxmem: maximum memory size "
                       "(0x%" PRIx64 ") must be at least the initial memory "
                       "size (0x%" PRIx64 ")", maxmem, sz);
            return false;
        }
        *maxram_size = maxmem;
    } else if (*slots) {
        error_setg(errp, "slots specified but no max-size");
        return false;
    }
    return true;
}
