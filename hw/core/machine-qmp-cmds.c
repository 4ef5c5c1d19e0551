/*
 * machine-qmp-cmds.c: the QMP queries about machine types, the current
 * machine, memory backends, memory sizes and fd sets (qapi/machine.json),
 * and their HMP printers "info memdev" and "info memory_size_summary".
 *
 * Members go into the JSON objects in the order QEMU 7.2 prints them
 * (its output follows the hash order of its dictionaries, not the schema
 * order), so that the answers read the same byte for byte.
 */
#include "qemu/osdep.h"
#include "hw/boards.h"
#include "monitor/monitor.h"
#include "qemu/fdset.h"
#include "sysemu/hostmem.h"

static json_t *machine_info(MachineClass *mc)
{
    json_t *info = json_object();

    json_object_set_new(info, "hotpluggable-cpus",
                        json_boolean(mc->has_hotpluggable_cpus));
    json_object_set_new(info, "name", json_string(mc->name));
    json_object_set_new(info, "numa-mem-supported",
                        json_boolean(mc->numa_mem_supported));
    if (mc->default_cpu_type) {
        json_object_set_new(info, "default-cpu-type",
                            json_string(mc->default_cpu_type));
    }
    if (mc->is_default) {
        json_object_set_new(info, "is-default", json_true());
    }
    json_object_set_new(info, "cpu-max", json_integer(mc->max_cpus));
    json_object_set_new(info, "deprecated", json_boolean(mc->deprecated));
    if (mc->default_ram_id) {
        json_object_set_new(info, "default-ram-id",
                            json_string(mc->default_ram_id));
    }
    if (mc->alias) {
        json_object_set_new(info, "alias", json_string(mc->alias));
    }
    return info;
}

/* In the type table's order, as QEMU lists them (not sorted). */
static json_t *qmp_query_machines(json_t *args, Error **errp)
{
    GSList *list = object_class_get_list(TYPE_MACHINE, false);
    json_t *ret = json_array();
    GSList *l;

    for (l = list; l; l = l->next) {
        json_array_append_new(ret, machine_info(MACHINE_CLASS(l->data)));
    }
    g_slist_free(list);
    return ret;
}

/* No board supports suspend to RAM yet (the PC board will, with ACPI). */
static json_t *qmp_query_current_machine(json_t *args, Error **errp)
{
    return json_pack("{s:b}", "wakeup-suspend-support", 0);
}

static json_t *memdev_info(Object *obj)
{
    json_t *info = json_object();
    const char *names[] = {
        "share", "reserve", "prealloc", "host-nodes", "size", "merge",
        "dump", "policy",
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(names); i++) {
        json_t *v = object_property_get(obj, names[i], NULL);

        json_object_set_new(info, names[i], v ? v : json_null());
    }
    json_object_set_new(info, "id",
                        json_string(object_get_canonical_path_component(obj)));
    return info;
}

static int memdev_collect(Object *obj, void *opaque)
{
    json_t *list = opaque;

    if (object_dynamic_cast(obj, TYPE_MEMORY_BACKEND)) {
        /* QEMU builds the list by prepending. */
        json_array_insert_new(list, 0, memdev_info(obj));
    }
    return 0;
}

static json_t *qmp_query_memdev(json_t *args, Error **errp)
{
    json_t *list = json_array();

    object_child_foreach(object_get_objects_root(), memdev_collect, list);
    return list;
}

/* Boot RAM; nothing is hotplugged until memory devices exist. */
static json_t *qmp_query_memory_size_summary(json_t *args, Error **errp)
{
    MachineState *ms = current_machine_get();
    json_t *info = json_object();

    json_object_set_new(info, "base-memory",
                        qom_json_uint(ms ? ms->ram_size : 0));
    json_object_set_new(info, "plugged-memory", json_integer(0));
    return info;
}

static int fdset_cmp_desc(const void *a, const void *b)
{
    json_int_t x = json_integer_value(json_object_get(*(json_t *const *)a,
                                                      "fdset-id"));
    json_int_t y = json_integer_value(json_object_get(*(json_t *const *)b,
                                                      "fdset-id"));
    return x < y ? 1 : x > y ? -1 : 0;
}

/* QEMU lists the sets from the highest id down, "fds" before "fdset-id". */
static json_t *qmp_query_fdsets(json_t *args, Error **errp)
{
    json_t *sets = qemu_fdsets_to_json();
    size_t n = json_array_size(sets), i;
    json_t **items = g_new(json_t *, n ? n : 1);
    json_t *ret = json_array();

    for (i = 0; i < n; i++) {
        items[i] = json_array_get(sets, i);
    }
    qsort(items, n, sizeof(items[0]), fdset_cmp_desc);
    for (i = 0; i < n; i++) {
        json_t *set = json_object();

        json_object_set(set, "fds", json_object_get(items[i], "fds"));
        json_object_set(set, "fdset-id", json_object_get(items[i],
                                                         "fdset-id"));
        json_array_append_new(ret, set);
    }
    g_free(items);
    json_decref(sets);
    return ret;
}

/* ---- HMP ---- */

/* Node numbers as ranges: "0-1,3,5-7". */
static void append_node_ranges(GString *out, json_t *nodes)
{
    size_t i = 0, n = json_array_size(nodes);

    while (i < n) {
        json_int_t first = json_integer_value(json_array_get(nodes, i));
        json_int_t last = first;

        while (i + 1 < n &&
               json_integer_value(json_array_get(nodes, i + 1)) == last + 1) {
            last++;
            i++;
        }
        g_string_append_printf(out, "%s%" JSON_INTEGER_FORMAT, out->len ?
                               "," : "", first);
        if (last != first) {
            g_string_append_printf(out, "-%" JSON_INTEGER_FORMAT, last);
        }
        i++;
    }
}

static const char *bool_str(json_t *v)
{
    return json_is_true(v) ? "true" : "false";
}

/* info memdev: query-memdev for people. */
static void hmp_info_memdev(Monitor *mon, const char *args)
{
    json_t *list = qmp_query_memdev(NULL, NULL);
    json_t *m;
    size_t i;

    json_array_foreach(list, i, m) {
        GString *nodes = g_string_new("");

        append_node_ranges(nodes, json_object_get(m, "host-nodes"));
        monitor_printf(mon, "memory backend: %s\n",
                       json_string_value(json_object_get(m, "id")));
        monitor_printf(mon, "  size:  %" JSON_INTEGER_FORMAT "\n",
                       json_integer_value(json_object_get(m, "size")));
        monitor_printf(mon, "  merge: %s\n",
                       bool_str(json_object_get(m, "merge")));
        monitor_printf(mon, "  dump: %s\n",
                       bool_str(json_object_get(m, "dump")));
        monitor_printf(mon, "  prealloc: %s\n",
                       bool_str(json_object_get(m, "prealloc")));
        monitor_printf(mon, "  share: %s\n",
                       bool_str(json_object_get(m, "share")));
        monitor_printf(mon, "  reserve: %s\n",
                       bool_str(json_object_get(m, "reserve")));
        monitor_printf(mon, "  policy: %s\n",
                       json_string_value(json_object_get(m, "policy")));
        monitor_printf(mon, "  host nodes: %s\n", nodes->str);
        g_string_free(nodes, true);
    }
    monitor_printf(mon, "\n");
    json_decref(list);
}

static void hmp_info_memory_size_summary(Monitor *mon, const char *args)
{
    json_t *info = qmp_query_memory_size_summary(NULL, NULL);
    uint64_t v;

    qom_json_to_uint(json_object_get(info, "base-memory"), &v);
    monitor_printf(mon, "base memory: %" PRIu64 "\n", v);
    qom_json_to_uint(json_object_get(info, "plugged-memory"), &v);
    monitor_printf(mon, "plugged memory: %" PRIu64 "\n", v);
    json_decref(info);
}

static void machine_qmp_register_commands(void)
{
    qmp_register_command("query-machines", qmp_query_machines, 0);
    qmp_register_command("query-current-machine", qmp_query_current_machine,
                         0);
    qmp_register_command("query-memdev", qmp_query_memdev,
                         QCO_ALLOW_PRECONFIG);
    qmp_register_command("query-memory-size-summary",
                         qmp_query_memory_size_summary, 0);
    qmp_register_command("query-fdsets", qmp_query_fdsets, 0);
    hmp_register_info("memdev", "", "show memory backends", hmp_info_memdev);
    hmp_register_info("memory_size_summary", "",
                      "show the amount of initially allocated and present "
                      "hotpluggable (if enabled) memory in bytes.",
                      hmp_info_memory_size_summary);
}
qmp_command_init(machine_qmp_register_commands);
