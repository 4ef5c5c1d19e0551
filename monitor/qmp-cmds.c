/*
 * qmp-cmds.c: the core QMP commands of the foundation (version and command
 * lists, run control, VM identity, accelerator and target queries, and the
 * answers QEMU gives for features a -M none process does not have).
 *
 * Board- and CPU-level commands (query-machines, query-cpu-definitions,
 * ...) live with the boards.  Some answers here are those of -M none
 * (query-cpus-fast [], query-hotpluggable-cpus unsupported): a board that
 * has CPUs registers its own handler for them at run time, which replaces
 * these (qmp_register_command() keeps the last registration).
 */
#include "qemu/osdep.h"
#include "sysemu/kvm.h"
#include "monitor/monitor-internal.h"
#include "qapi/qapi-schema.h"
#include "qom/object.h"
#include "sysemu/runstate.h"
#include "sysemu/sysemu.h"

/* ---- protocol ---- */

static json_t *qmp_query_version(json_t *args, Error **errp)
{
    return qmp_version_info();
}

static void add_command_info(const QapiEntity *e, void *opaque)
{
    if (e->meta == QAPI_META_COMMAND && qmp_command_available(e->name)) {
        json_array_append_new(opaque, json_pack("{s:s}", "name", e->name));
    }
}

static json_t *qmp_query_commands(json_t *args, Error **errp)
{
    json_t *list = json_array();

    qapi_schema_foreach(add_command_info, list);
    return list;
}

static json_t *qmp_query_qmp_schema(json_t *args, Error **errp)
{
    return qapi_schema_introspect();
}

/* ---- run state ---- */

static json_t *qmp_query_status(json_t *args, Error **errp)
{
    return json_pack("{s:s, s:b, s:b}",
                     "status", runstate_name(runstate_get()),
                     "singlestep", 0,
                     "running", runstate_is_running());
}

static json_t *qmp_stop(json_t *args, Error **errp)
{
    /* Stopping a VM that is not running changes nothing (no event). */
    if (runstate_is_running()) {
        vm_stop(RUN_STATE_PAUSED);
    }
    return json_object();
}

static json_t *qmp_cont(json_t *args, Error **errp)
{
    if (runstate_check(RUN_STATE_INTERNAL_ERROR) ||
        runstate_check(RUN_STATE_SHUTDOWN) ||
        runstate_check(RUN_STATE_GUEST_PANICKED)) {
        error_setg(errp, "Resetting the Virtual Machine is required");
        return NULL;
    }
    if (runstate_check(RUN_STATE_SUSPENDED)) {
        return json_object();
    }
    if (runstate_check(RUN_STATE_FINISH_MIGRATE)) {
        error_setg(errp, "Migration is not finalized yet");
        return NULL;
    }
    if (!runstate_is_running()) {
        vm_start();
    }
    return json_object();
}

static json_t *qmp_system_reset(json_t *args, Error **errp)
{
    qemu_system_reset_request(SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET);
    return json_object();
}

static json_t *qmp_system_powerdown(json_t *args, Error **errp)
{
    qemu_system_powerdown_request();
    return json_object();
}

/* The main loop exits later, after this reply has been queued. */
static json_t *qmp_quit(json_t *args, Error **errp)
{
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
    return json_object();
}

/* ---- identity, accelerator, target ---- */

static json_t *qmp_query_name(json_t *args, Error **errp)
{
    json_t *info = json_object();

    if (qemu_name) {
        json_object_set_new(info, "name", json_string_nocheck(qemu_name));
    }
    return info;
}

static json_t *qmp_query_uuid(json_t *args, Error **errp)
{
    char s[37];

    qemu_uuid_unparse(qemu_uuid, s);
    return json_pack("{s:s}", "UUID", s);
}

/*
 * Whether KVM is in use and whether the host offers it.  The foundation
 * has no accelerator yet: "enabled" is false until the KVM accelerator
 * provides the answer.
 */
static void kvm_presence(bool *enabled, bool *present)
{
    /* "present": the accelerator is built in (as the reference reports). */
    *present = kvm_available();
    *enabled = kvm_enabled();
}

static json_t *qmp_query_kvm(json_t *args, Error **errp)
{
    bool enabled, present;

    kvm_presence(&enabled, &present);
    return json_pack("{s:b, s:b}", "enabled", enabled, "present", present);
}

static json_t *qmp_query_target(json_t *args, Error **errp)
{
    return json_pack("{s:s}", "arch", "x86_64");
}

static json_t *qmp_query_cpus_fast(json_t *args, Error **errp)
{
    return json_array();
}

static json_t *qmp_query_hotpluggable_cpus(json_t *args, Error **errp)
{
    error_setg(errp, "The feature '%s' is not enabled",
               "query-hotpluggable-cpus");
    return NULL;
}

/* Every "iothread" object under /objects. */
static int add_iothread(Object *obj, void *opaque)
{
    json_t *list = opaque;

    if (object_dynamic_cast(obj, "iothread")) {
        json_array_append_new(list, json_pack(
            "{s:s, s:I, s:I, s:I, s:I, s:I}",
            "id", object_get_canonical_path_component(obj),
            "thread-id", (json_int_t)object_property_get_int(
                obj, "thread-id", NULL),
            "poll-max-ns", (json_int_t)object_property_get_int(
                obj, "poll-max-ns", NULL),
            "poll-grow", (json_int_t)object_property_get_int(
                obj, "poll-grow", NULL),
            "poll-shrink", (json_int_t)object_property_get_int(
                obj, "poll-shrink", NULL),
            "aio-max-batch", (json_int_t)object_property_get_int(
                obj, "aio-max-batch", NULL)));
    }
    return 0;
}

static json_t *qmp_query_iothreads(json_t *args, Error **errp)
{
    json_t *list = json_array();

    object_child_foreach(object_get_objects_root(), add_iothread, list);
    return list;
}

/* ---- human-monitor-command ---- */

static json_t *qmp_human_monitor_command(json_t *args, Error **errp)
{
    const char *cmdline = json_string_value(json_object_get(args,
                                                            "command-line"));
    g_autofree char *out = NULL;

    if (json_object_get(args, "cpu-index")) {
        /* No CPU exists yet that could be selected. */
        error_setg(errp, "Parameter 'cpu-index' expects a CPU number");
        return NULL;
    }
    out = hmp_run_command(cmdline);
    /* Printed text may hold any bytes: the printer escapes them. */
    return json_stringn_nocheck(out ? out : "", out ? strlen(out) : 0);
}

/* ---- migration (state only) ---- */

/* Capabilities set so far: name -> GINT_TO_POINTER(state). */
static GHashTable *migration_caps;

static json_t *qmp_query_migrate(json_t *args, Error **errp)
{
    return json_object();
}

static json_t *qmp_query_migrate_capabilities(json_t *args, Error **errp)
{
    const QapiEntity *en = qapi_schema_lookup("MigrationCapability");
    json_t *list = json_array();

    for (guint i = 0; en && i < en->values->len; i++) {
        QapiMember *v = g_ptr_array_index(en->values, i);
        bool state = migration_caps &&
                     g_hash_table_lookup(migration_caps, v->name);

        json_array_append_new(list, json_pack("{s:b, s:s}", "state", state,
                                              "capability", v->name));
    }
    return list;
}

static json_t *qmp_migrate_set_capabilities(json_t *args, Error **errp)
{
    json_t *caps = json_object_get(args, "capabilities");
    size_t i;
    json_t *c;

    if (!migration_caps) {
        migration_caps = g_hash_table_new_full(g_str_hash, g_str_equal,
                                               g_free, NULL);
    }
    json_array_foreach(caps, i, c) {
        const char *name = json_string_value(json_object_get(c,
                                                             "capability"));
        bool state = json_is_true(json_object_get(c, "state"));

        g_hash_table_insert(migration_caps, g_strdup(name),
                            GINT_TO_POINTER(state));
    }
    return json_object();
}

/* ---- confidential computing and TPM: not available ---- */

static json_t *qmp_query_sev(json_t *args, Error **errp)
{
    return json_pack("{s:b, s:i, s:i, s:s, s:i, s:i, s:i}",
                     "enabled", 0, "api-minor", 0, "handle", 0,
                     "state", "uninit", "api-major", 0, "build-id", 0,
                     "policy", 0);
}

static json_t *qmp_query_sev_capabilities(json_t *args, Error **errp)
{
    bool enabled, present;

    kvm_presence(&enabled, &present);
    error_setg(errp, enabled ? "SEV is not enabled in KVM"
                             : "KVM not enabled");
    return NULL;
}

static json_t *qmp_query_sev_launch_measure(json_t *args, Error **errp)
{
    error_setg(errp, "SEV launch measurement is not available");
    return NULL;
}

static json_t *qmp_query_sgx(json_t *args, Error **errp)
{
    error_setg(errp, "SGX is only supported on PC machines");
    return NULL;
}

static json_t *qmp_query_sgx_capabilities(json_t *args, Error **errp)
{
    error_setg(errp, "SGX is not enabled in KVM");
    return NULL;
}

/* The values of enum `enum_name` for which QOM type prefix+value exists. */
static json_t *available_values(const char *enum_name, const char *prefix)
{
    const QapiEntity *en = qapi_schema_lookup(enum_name);
    json_t *list = json_array();

    for (guint i = 0; en && i < en->values->len; i++) {
        QapiMember *v = g_ptr_array_index(en->values, i);
        g_autofree char *type = g_strconcat(prefix, v->name, NULL);

        if (object_class_by_name(type)) {
            json_array_append_new(list, json_string(v->name));
        }
    }
    return list;
}

static json_t *qmp_query_tpm_models(json_t *args, Error **errp)
{
    return available_values("TpmModel", "");
}

static json_t *qmp_query_tpm_types(json_t *args, Error **errp)
{
    return available_values("TpmType", "tpm-");
}

static json_t *qmp_query_tpm(json_t *args, Error **errp)
{
    return json_array();
}

static void qmp_register_core_commands(void)
{
    static const struct {
        const char *name;
        QmpCommandFunc *fn;
        unsigned options;
    } cmds[] = {
        { "query-version", qmp_query_version, QCO_ALLOW_PRECONFIG },
        { "query-commands", qmp_query_commands, QCO_ALLOW_PRECONFIG },
        { "query-qmp-schema", qmp_query_qmp_schema, QCO_ALLOW_PRECONFIG },
        { "query-status", qmp_query_status, QCO_ALLOW_PRECONFIG },
        { "stop", qmp_stop, 0 },
        { "cont", qmp_cont, 0 },
        { "system_reset", qmp_system_reset, 0 },
        { "system_powerdown", qmp_system_powerdown, 0 },
        { "quit", qmp_quit, QCO_ALLOW_PRECONFIG },
        { "query-name", qmp_query_name, QCO_ALLOW_PRECONFIG },
        { "query-uuid", qmp_query_uuid, QCO_ALLOW_PRECONFIG },
        { "query-kvm", qmp_query_kvm, 0 },
        { "query-target", qmp_query_target, QCO_ALLOW_PRECONFIG },
        { "query-cpus-fast", qmp_query_cpus_fast, QCO_ALLOW_PRECONFIG },
        { "query-hotpluggable-cpus", qmp_query_hotpluggable_cpus,
          QCO_ALLOW_PRECONFIG },
        { "query-iothreads", qmp_query_iothreads, QCO_ALLOW_PRECONFIG },
        { "human-monitor-command", qmp_human_monitor_command, 0 },
        { "query-migrate", qmp_query_migrate, 0 },
        { "query-migrate-capabilities", qmp_query_migrate_capabilities, 0 },
        { "migrate-set-capabilities", qmp_migrate_set_capabilities, 0 },
        { "query-sev", qmp_query_sev, 0 },
        { "query-sev-capabilities", qmp_query_sev_capabilities, 0 },
        { "query-sev-launch-measure", qmp_query_sev_launch_measure, 0 },
        { "query-sgx", qmp_query_sgx, 0 },
        { "query-sgx-capabilities", qmp_query_sgx_capabilities, 0 },
        { "query-tpm-models", qmp_query_tpm_models, 0 },
        { "query-tpm-types", qmp_query_tpm_types, 0 },
        { "query-tpm", qmp_query_tpm, 0 },
    };

    for (size_t i = 0; i < ARRAY_SIZE(cmds); i++) {
        qmp_register_command(cmds[i].name, cmds[i].fn, cmds[i].options);
    }
}
qmp_command_init(qmp_register_core_commands);
