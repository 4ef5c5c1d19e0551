/*
 * qmp-dispatch.c: the command table, request validation and argument
 * checking against the QAPI schema.
 *
 * Arguments are checked the way QEMU's input visitor walks them, so the
 * first error reported and its wording match: members in declaration order
 * (base members first, then the union branch chosen by the
 * discriminator), each checked for presence and JSON type, recursing into
 * objects and arrays; members nobody asked for are reported last.  Error
 * texts name the member by its full path ("caps[0].state") except the
 * enum and integer range errors, which QEMU words with the bare member
 * name ("null" for an array element).
 */
#include "qemu/osdep.h"
#include "monitor/monitor.h"
#include "qapi/qapi-schema.h"
#include "monitor/monitor-internal.h"

typedef struct QmpCommand {
    QmpCommandFunc *fn;
    unsigned options;
} QmpCommand;

static GHashTable *commands;        /* name -> QmpCommand * */

void qmp_register_command(const char *name, QmpCommandFunc *fn,
                          unsigned options)
{
    QmpCommand *cmd = g_new0(QmpCommand, 1);

    if (!commands) {
        commands = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                         g_free);
    }
    cmd->fn = fn;
    cmd->options = options;
    g_hash_table_insert(commands, g_strdup(name), cmd);
}

static QmpCommand *find_handler(const char *name)
{
    return commands ? g_hash_table_lookup(commands, name) : NULL;
}

bool qmp_command_available(const char *name)
{
    return find_handler(name) && qapi_schema_lookup_command(name);
}

void qmp_foreach_registered(void (*fn)(const char *name, void *opaque),
                            void *opaque)
{
    g_autoptr(GList) keys = NULL;

    if (!commands) {
        return;
    }
    keys = g_list_sort(g_hash_table_get_keys(commands),
                       (GCompareFunc)strcmp);
    for (GList *l = keys; l; l = l->next) {
        fn(l->data, opaque);
    }
}

/* ---- argument checking ---- */

static bool check_value(const char *type, json_t *v, const char *path,
                        const char *name, Error **errp);

static void type_error(Error **errp, const char *path, const char *expected)
{
    error_setg(errp, "Invalid parameter type for '%s', expected: %s",
               path, expected);
}

static char *child_path(const char *prefix, const char *name)
{
    return *prefix ? g_strdup_printf("%s.%s", prefix, name)
                   : g_strdup(name);
}

static bool check_int_range(const QapiEntity *t, json_t *v, const char *name,
                            Error **errp)
{
    static const struct {
        QapiBuiltinKind kind;
        int64_t min;
        uint64_t max;
        const char *cname;
    } ranges[] = {
        { QAPI_BUILTIN_INT8, INT8_MIN, INT8_MAX, "int8_t" },
        { QAPI_BUILTIN_INT16, INT16_MIN, INT16_MAX, "int16_t" },
        { QAPI_BUILTIN_INT32, INT32_MIN, INT32_MAX, "int32_t" },
        { QAPI_BUILTIN_UINT8, 0, UINT8_MAX, "uint8_t" },
        { QAPI_BUILTIN_UINT16, 0, UINT16_MAX, "uint16_t" },
        { QAPI_BUILTIN_UINT32, 0, UINT32_MAX, "uint32_t" },
    };
    json_int_t n = json_integer_value(v);

    for (size_t i = 0; i < ARRAY_SIZE(ranges); i++) {
        bool ok;

        if (ranges[i].kind != t->builtin) {
            continue;
        }
        if (ranges[i].min < 0) {
            ok = n >= ranges[i].min && n <= (int64_t)ranges[i].max;
        } else {
            /* As QEMU: unsigned types take negative input modulo 2^64. */
            ok = (uint64_t)n <= ranges[i].max;
        }
        if (!ok) {
            error_setg(errp, "Parameter '%s' expects %s",
                       name ? name : "null", ranges[i].cname);
            return false;
        }
    }
    return true;
}

static bool check_builtin(const QapiEntity *t, json_t *v, const char *path,
                          const char *name, Error **errp)
{
    switch (t->builtin) {
    case QAPI_BUILTIN_STR:
        if (!json_is_string(v)) {
            type_error(errp, path, "string");
            return false;
        }
        return true;
    case QAPI_BUILTIN_NUMBER:
        if (!json_is_number(v)) {
            type_error(errp, path, "number");
            return false;
        }
        return true;
    case QAPI_BUILTIN_BOOL:
        if (!json_is_boolean(v)) {
            type_error(errp, path, "boolean");
            return false;
        }
        return true;
    case QAPI_BUILTIN_NULL:
        if (!json_is_null(v)) {
            type_error(errp, path, "null");
            return false;
        }
        return true;
    case QAPI_BUILTIN_ANY:
        return true;
    default:
        if (!json_is_integer(v)) {
            type_error(errp, path, "integer");
            return false;
        }
        return check_int_range(t, v, name, errp);
    }
}

/*
 * Check the members of object type obj in v (the JSON object holding
 * them); visited collects the member names consumed.
 */
static bool check_members(const QapiEntity *obj, json_t *v, const char *path,
                          GHashTable *visited, Error **errp)
{
    g_autoptr(GPtrArray) all = qapi_object_all_members(obj);
    const char *branch;

    for (guint i = 0; i < all->len; i++) {
        QapiMember *m = g_ptr_array_index(all, i);
        json_t *child = json_object_get(v, m->name);
        g_autofree char *cpath = child_path(path, m->name);

        g_hash_table_add(visited, m->name);
        if (!child) {
            if (m->optional) {
                continue;
            }
            error_setg(errp, "Parameter '%s' is missing", cpath);
            return false;
        }
        if (!check_value(m->type, child, cpath, m->name, errp)) {
            return false;
        }
    }
    if (obj->is_union) {
        json_t *tag = json_object_get(v, obj->discriminator);

        branch = json_is_string(tag)
                 ? qapi_union_variant(obj, json_string_value(tag)) : NULL;
        if (branch) {
            const QapiEntity *b = qapi_schema_lookup(branch);

            if (b && b->meta == QAPI_META_OBJECT &&
                !check_members(b, v, path, visited, errp)) {
                return false;
            }
        }
    }
    return true;
}

static bool check_object(const QapiEntity *obj, json_t *v, const char *path,
                         Error **errp)
{
    g_autoptr(GHashTable) visited = NULL;
    const char *key;
    json_t *val;

    if (!json_is_object(v)) {
        type_error(errp, path, "object");
        return false;
    }
    visited = g_hash_table_new(g_str_hash, g_str_equal);
    if (!check_members(obj, v, path, visited, errp)) {
        return false;
    }
    json_object_foreach(v, key, val) {
        if (!g_hash_table_contains(visited, key)) {
            g_autofree char *cpath = child_path(path, key);

            error_setg(errp, "Parameter '%s' is unexpected", cpath);
            return false;
        }
    }
    return true;
}

/* Whether a JSON value can be the given alternate branch type. */
static bool alternate_branch_fits(const QapiEntity *t, json_t *v)
{
    if (!t) {
        return false;
    }
    switch (t->meta) {
    case QAPI_META_BUILTIN:
        switch (t->builtin) {
        case QAPI_BUILTIN_STR:
            return json_is_string(v);
        case QAPI_BUILTIN_NUMBER:
            return json_is_number(v);
        case QAPI_BUILTIN_BOOL:
            return json_is_boolean(v);
        case QAPI_BUILTIN_NULL:
            return json_is_null(v);
        case QAPI_BUILTIN_ANY:
            return true;
        default:
            return json_is_integer(v);
        }
    case QAPI_META_ENUM:
        return json_is_string(v);
    case QAPI_META_OBJECT:
        return json_is_object(v);
    case QAPI_META_ARRAY:
        return json_is_array(v);
    default:
        return false;
    }
}

static bool check_value(const char *type, json_t *v, const char *path,
                        const char *name, Error **errp)
{
    const QapiEntity *t = qapi_schema_lookup(type);

    if (!t) {
        /* A dangling reference (see qapi_schema_check()): accept. */
        return true;
    }
    switch (t->meta) {
    case QAPI_META_BUILTIN:
        return check_builtin(t, v, path, name, errp);
    case QAPI_META_ENUM:
        if (!json_is_string(v)) {
            type_error(errp, path, "string");
            return false;
        }
        if (!qapi_enum_has_value(t, json_string_value(v))) {
            error_setg(errp, "Parameter '%s' does not accept value '%s'",
                       name ? name : "null", json_string_value(v));
            return false;
        }
        return true;
    case QAPI_META_ARRAY: {
        size_t i;
        json_t *elem;

        if (!json_is_array(v)) {
            type_error(errp, path, "array");
            return false;
        }
        json_array_foreach(v, i, elem) {
            g_autofree char *epath = g_strdup_printf("%s[%zu]", path, i);

            if (!check_value(t->element_type, elem, epath, NULL, errp)) {
                return false;
            }
        }
        return true;
    }
    case QAPI_META_OBJECT:
        return check_object(t, v, path, errp);
    case QAPI_META_ALTERNATE:
        for (guint i = 0; i < t->variants->len; i++) {
            QapiMember *b = g_ptr_array_index(t->variants, i);
            const QapiEntity *bt = qapi_schema_lookup(b->type);

            if (alternate_branch_fits(bt, v)) {
                return check_value(b->type, v, path, name, errp);
            }
        }
        type_error(errp, path, t->name);
        return false;
    default:
        return true;
    }
}

/* Check a command's arguments object against its declaration. */
static bool check_args(const QapiEntity *cmd, json_t *args, Error **errp)
{
    const QapiEntity *t;

    if (!cmd->gen) {
        return true;
    }
    if (!cmd->arg_type) {
        const char *key;
        json_t *val;

        json_object_foreach(args, key, val) {
            error_setg(errp, "Parameter '%s' is unexpected", key);
            return false;
        }
        return true;
    }
    t = qapi_schema_lookup(cmd->arg_type);
    if (!t || t->meta != QAPI_META_OBJECT) {
        return true;
    }
    return check_object(t, args, "", errp);
}

/* ---- running commands ---- */

/*
 * Check the arguments and run the handler.  caps_done: the session already
 * negotiated, so qmp_capabilities is refused (after its arguments are
 * checked, as QEMU orders it).
 */
static json_t *run_command(const char *name, json_t *args, bool oob,
                           bool caps_done, Error **errp)
{
    const QapiEntity *ent = qapi_schema_lookup_command(name);
    QmpCommand *cmd = find_handler(name);
    json_t *empty = NULL;
    Error *err = NULL;
    json_t *ret = NULL;

    if (!ent || !cmd) {
        error_set(errp, ERROR_CLASS_COMMAND_NOT_FOUND,
                  "The command %s has not been found", name);
        return NULL;
    }
    if (oob && !ent->allow_oob) {
        error_setg(errp, "The command %s does not support OOB", name);
        return NULL;
    }
    if (!args) {
        args = empty = json_object();
    }
    if (check_args(ent, args, &err)) {
        if (caps_done && strcmp(name, "qmp_capabilities") == 0) {
            error_set(&err, ERROR_CLASS_COMMAND_NOT_FOUND,
                      "Capabilities negotiation is already complete, "
                      "command ignored");
        } else {
            ret = cmd->fn(args, &err);
        }
    }
    if (empty) {
        json_decref(empty);
    }
    if (err) {
        if (ret) {
            json_decref(ret);
        }
        error_propagate(errp, err);
        return NULL;
    }
    return ret ? ret : json_object();
}

json_t *qmp_call(const char *name, json_t *args, Error **errp)
{
    return run_command(name, args, false, false, errp);
}

json_t *qmp_error_response(Error *err, json_t *id)
{
    json_t *resp = json_object();
    json_t *e = json_object();

    if (id) {
        json_object_set(resp, "id", id);
    }
    /* The text may quote raw input bytes: no UTF-8 check (the printer
     * escapes invalid sequences). */
    json_object_set_new(e, "class",
                        json_string(error_class_name(error_get_class(err))));
    json_object_set_new(e, "desc", json_string_nocheck(error_get_pretty(err)));
    json_object_set_new(resp, "error", e);
    error_free(err);
    return resp;
}

/* Validate the request envelope; returns the command name or NULL. */
static const char *check_request(json_t *req, bool oob_enabled, bool *oob,
                                 Error **errp)
{
    const char *key;
    json_t *val;
    json_t *exec, *exec_oob;

    json_object_foreach(req, key, val) {
        if (strcmp(key, "execute") == 0 ||
            (oob_enabled && strcmp(key, "exec-oob") == 0)) {
            if (!json_is_string(val)) {
                error_setg(errp, "QMP input member '%s' must be a string",
                           key);
                return NULL;
            }
        } else if (strcmp(key, "arguments") == 0) {
            if (!json_is_object(val)) {
                error_setg(errp, "QMP input member 'arguments' must be an "
                           "object");
                return NULL;
            }
        } else if (strcmp(key, "id") != 0) {
            error_setg(errp, "QMP input member '%s' is unexpected", key);
            return NULL;
        }
    }
    exec = json_object_get(req, "execute");
    exec_oob = oob_enabled ? json_object_get(req, "exec-oob") : NULL;
    if (exec && exec_oob) {
        error_setg(errp, "QMP input member 'execute' clashes with "
                   "'exec-oob'");
        return NULL;
    }
    if (!exec && !exec_oob) {
        error_setg(errp, "QMP input lacks member 'execute'");
        return NULL;
    }
    *oob = exec_oob != NULL;
    return json_string_value(exec ? exec : exec_oob);
}

json_t *qmp_dispatch_session(json_t *request, bool cap_negotiation,
                             bool oob_enabled)
{
    Error *err = NULL;
    json_t *id, *ret, *resp;
    const char *name;
    bool oob = false;

    if (!json_is_object(request)) {
        error_setg(&err, "QMP input must be a JSON object");
        return qmp_error_response(err, NULL);
    }
    id = json_object_get(request, "id");
    name = check_request(request, oob_enabled, &oob, &err);
    if (!name) {
        return qmp_error_response(err, id);
    }
    if (cap_negotiation && strcmp(name, "qmp_capabilities") != 0) {
        error_set(&err, ERROR_CLASS_COMMAND_NOT_FOUND,
                  "Expecting capabilities negotiation with "
                  "'qmp_capabilities'");
        return qmp_error_response(err, id);
    }
    ret = run_command(name, json_object_get(request, "arguments"), oob,
                      !cap_negotiation, &err);
    if (!ret) {
        return qmp_error_response(err, id);
    }
    resp = json_object();
    json_object_set_new(resp, "return", ret);
    if (id) {
        json_object_set(resp, "id", id);
    }
    return resp;
}

json_t *qmp_dispatch(json_t *request, bool cap_negotiation)
{
    return qmp_dispatch_session(request, cap_negotiation, false);
}
