/*
 * cpus-monitor.c: the monitor's view of the vCPUs: query-cpus-fast,
 * info cpus, info registers and the "cpu" command (the monitor's current
 * CPU, marked '*' by info cpus and used by info registers).
 *
 * query-cpus-fast replaces the -M none answer of monitor/qmp-cmds.c when
 * the first vCPU is created (qmp_register_command keeps the last one).
 */
#include "qemu/osdep.h"
#include "hw/core/cpu.h"
#include "hw/boards.h"
#include "monitor/hmp.h"

/* Each monitor's current CPU index ("cpu N"); absent: the first CPU. */
static GHashTable *monitor_cpu;

int monitor_get_cpu_index(Monitor *mon)
{
    gpointer v;

    if (monitor_cpu && mon &&
        g_hash_table_lookup_extended(monitor_cpu, mon, NULL, &v) &&
        qemu_get_cpu(GPOINTER_TO_INT(v))) {
        return GPOINTER_TO_INT(v);
    }
    return qemu_get_cpu(0) ? 0 : -1;
}

bool monitor_set_cpu(Monitor *mon, int cpu_index)
{
    if (!mon || !qemu_get_cpu(cpu_index)) {
        return false;
    }
    if (!monitor_cpu) {
        monitor_cpu = g_hash_table_new(g_direct_hash, g_direct_equal);
    }
    g_hash_table_insert(monitor_cpu, mon, GINT_TO_POINTER(cpu_index));
    return true;
}

void monitor_forget_cpu(Monitor *mon)
{
    if (monitor_cpu) {
        g_hash_table_remove(monitor_cpu, mon);
    }
}

/* ---- QMP ---- */

/* CpuInstanceProperties from the CPU's topology properties, when set. */
static json_t *cpu_instance_props(CPUState *cpu)
{
    MachineState *ms = current_machine_get();
    static const char *const names[] = {
        "core-id", "thread-id", "die-id", "socket-id",
    };
    json_t *props = json_object();

    for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
        int64_t v;

        if (!strcmp(names[i], "die-id") && (!ms || ms->smp.dies <= 1)) {
            continue;
        }
        if (!object_property_find(OBJECT(cpu), names[i])) {
            continue;
        }
        v = object_property_get_int(OBJECT(cpu), names[i], NULL);
        if (v >= 0) {
            json_object_set_new(props, names[i], json_integer(v));
        }
    }
    return props;
}

static json_t *qmp_query_cpus_fast(json_t *args, Error **errp)
{
    json_t *list = json_array();
    CPUState *cpu;

    CPU_FOREACH(cpu) {
        char *path = object_get_canonical_path(OBJECT(cpu));

        json_array_append_new(list, json_pack(
            "{s:i, s:o, s:s, s:i, s:s}",
            "thread-id", (json_int_t)cpu->thread_id,
            "props", cpu_instance_props(cpu),
            "qom-path", path ? path : "",
            "cpu-index", (json_int_t)cpu->cpu_index,
            "target", "x86_64"));
        g_free(path);
    }
    return list;
}

void cpus_monitor_register(void)
{
    static bool done;

    if (!done) {
        done = true;
        qmp_register_command("query-cpus-fast", qmp_query_cpus_fast,
                             QCO_ALLOW_PRECONFIG);
    }
}

/* ---- HMP ---- */

static void hmp_info_cpus(Monitor *mon, json_t *args)
{
    int cur = monitor_get_cpu_index(mon);
    CPUState *cpu;

    CPU_FOREACH(cpu) {
        monitor_printf(mon, "%c CPU #%d: thread_id=%d\n",
                       cpu->cpu_index == cur ? '*' : ' ', cpu->cpu_index,
                       cpu->thread_id);
    }
}

static void print_registers(Monitor *mon, CPUState *cpu)
{
    GString *out = g_string_new(NULL);

    monitor_printf(mon, "\nCPU#%d\n", cpu->cpu_index);
    cpu_dump_state(cpu, out, CPU_DUMP_FPU);
    monitor_puts(mon, out->str);
    g_string_free(out, true);
}

static void hmp_info_registers(Monitor *mon, json_t *args)
{
    json_t *vcpu = json_object_get(args, "vcpu");
    CPUState *cpu;

    if (json_is_true(json_object_get(args, "cpustate_all"))) {
        CPU_FOREACH(cpu) {
            print_registers(mon, cpu);
        }
        return;
    }
    if (vcpu) {
        json_int_t n = json_integer_value(vcpu);

        cpu = n >= 0 && n <= INT_MAX ? qemu_get_cpu((int)n) : NULL;
        if (!cpu) {
            monitor_printf(mon, "CPU#%" JSON_INTEGER_FORMAT
                           " not available\n", n);
            return;
        }
    } else {
        cpu = qemu_get_cpu(monitor_get_cpu_index(mon));
        if (!cpu) {
            monitor_printf(mon, "No CPU available\n");
            return;
        }
    }
    print_registers(mon, cpu);
}

static void hmp_cpu(Monitor *mon, json_t *args)
{
    json_int_t n = json_integer_value(json_object_get(args, "index"));

    if (n < 0 || n > INT_MAX || !monitor_set_cpu(mon, (int)n)) {
        monitor_printf(mon, "invalid CPU index\n");
    }
}

static const HmpCommand cpu_cmd = {
    "cpu", "index:i", "index", "set the default CPU", hmp_cpu,
};

static const HmpCommand info_cpus_cmd = {
    "cpus", "", "", "show infos for each CPU", hmp_info_cpus,
};

static const HmpCommand info_registers_cmd = {
    "registers", "cpustate_all:-a,vcpu:i?", "[-a|vcpu]",
    "show the cpu registers (-a: show register info for all cpus; "
    "vcpu: specific vCPU to query; show the current CPU's registers if "
    "no argument is specified)",
    hmp_info_registers,
};

static void cpus_monitor_init(void)
{
    hmp_register_command(&cpu_cmd);
    hmp_register_info_command(&info_cpus_cmd);
    hmp_register_info_command(&info_registers_cmd);
}

/* Registration only (like type_init): fills the command tables. */
static void __attribute__((constructor)) cpus_monitor_ctor(void)
{
    cpus_monitor_init();
}
