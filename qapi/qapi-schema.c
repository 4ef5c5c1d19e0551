/*
 * qapi-schema.c: parse the embedded QAPI schema into entities (see
 * include/qapi/qapi-schema.h).
 *
 * The schema is parsed on first use, not at start-up, so programs that
 * never touch QMP (qemu-img, most unit tests) pay nothing.  All access is
 * from the main loop thread.
 */
#include "qemu/osdep.h"
#include "qapi/qapi-schema.h"
#include "qapi/qmp-json.h"

static GHashTable *entities;        /* name -> QapiEntity * */
static GPtrArray *entity_order;     /* QapiEntity *, declaration order */
static GString *problems;           /* load-time problems, one per line */
static bool loaded;

/*
 * Conditions that hold for this build (x86-64 system emulator on Linux).
 * A schema 'if' naming anything else is false.
 */
static const char *const true_conditions[] = {
    "CONFIG_LINUX", "CONFIG_POSIX", "TARGET_I386", "CONFIG_KVM",
    "CONFIG_TCG", "CONFIG_SLIRP", "CONFIG_VNC", "CONFIG_LINUX_AIO",
    "CONFIG_PIXMAN", "CONFIG_VHOST_NET", "CONFIG_VHOST_KERNEL",
    NULL
};

static const struct {
    const char *name;
    QapiBuiltinKind kind;
} builtins[] = {
    { "str", QAPI_BUILTIN_STR },
    { "number", QAPI_BUILTIN_NUMBER },
    { "int", QAPI_BUILTIN_INT },
    { "int8", QAPI_BUILTIN_INT8 },
    { "int16", QAPI_BUILTIN_INT16 },
    { "int32", QAPI_BUILTIN_INT32 },
    { "int64", QAPI_BUILTIN_INT },
    { "uint8", QAPI_BUILTIN_UINT8 },
    { "uint16", QAPI_BUILTIN_UINT16 },
    { "uint32", QAPI_BUILTIN_UINT32 },
    { "uint64", QAPI_BUILTIN_UINT64 },
    { "size", QAPI_BUILTIN_UINT64 },
    { "bool", QAPI_BUILTIN_BOOL },
    { "null", QAPI_BUILTIN_NULL },
    { "any", QAPI_BUILTIN_ANY },
};

static const char *const qtype_values[] = {
    "none", "qnull", "qnum", "qstring", "qdict", "qlist", "qbool", NULL
};

/* ---- entity construction ---- */

static QapiMember *member_new(const char *name, const char *type,
                              bool optional)
{
    QapiMember *m = g_new0(QapiMember, 1);

    m->name = g_strdup(name);
    m->type = g_strdup(type);
    m->optional = optional;
    return m;
}

static void member_free(gpointer p)
{
    QapiMember *m = p;

    g_free(m->name);
    g_free(m->type);
    if (m->features) {
        json_decref(m->features);
    }
    g_free(m);
}

static QapiEntity *entity_new(const char *name, QapiMeta meta)
{
    QapiEntity *e = g_new0(QapiEntity, 1);

    e->name = g_strdup(name);
    e->meta = meta;
    e->gen = true;
    return e;
}

static void entity_free(QapiEntity *e)
{
    g_free(e->name);
    if (e->features) {
        json_decref(e->features);
    }
    if (e->values) {
        g_ptr_array_unref(e->values);
    }
    if (e->members) {
        g_ptr_array_unref(e->members);
    }
    if (e->variants) {
        g_ptr_array_unref(e->variants);
    }
    g_free(e->element_type);
    g_free(e->base);
    g_free(e->discriminator);
    g_free(e->arg_type);
    g_free(e->ret_type);
    g_free(e);
}

static GPtrArray *member_array_new(void)
{
    return g_ptr_array_new_with_free_func(member_free);
}

/* ---- conditions and features ---- */

static bool cond_true(json_t *cond, Error **errp)
{
    if (!cond) {
        return true;
    }
    if (json_is_string(cond)) {
        const char *s = json_string_value(cond);

        for (int i = 0; true_conditions[i]; i++) {
            if (strcmp(true_conditions[i], s) == 0) {
                return true;
            }
        }
        return false;
    }
    if (json_is_object(cond) && json_object_size(cond) == 1) {
        json_t *v;
        size_t i;
        json_t *item;

        if ((v = json_object_get(cond, "not"))) {
            return !cond_true(v, errp);
        }
        if ((v = json_object_get(cond, "all")) && json_is_array(v)) {
            json_array_foreach(v, i, item) {
                if (!cond_true(item, errp)) {
                    return false;
                }
            }
            return true;
        }
        if ((v = json_object_get(cond, "any")) && json_is_array(v)) {
            json_array_foreach(v, i, item) {
                if (cond_true(item, errp)) {
                    return true;
                }
            }
            return false;
        }
    }
    error_setg(errp, "invalid 'if' condition");
    return false;
}

/* 'features': ['a', {'name': 'b', 'if': ...}] -> ["a", "b"] or NULL. */
static bool parse_features(json_t *spec, json_t **out, Error **errp)
{
    size_t i;
    json_t *f;
    json_t *list;

    *out = NULL;
    if (!spec) {
        return true;
    }
    if (!json_is_array(spec)) {
        error_setg(errp, "'features' must be an array");
        return false;
    }
    list = json_array();
    json_array_foreach(spec, i, f) {
        json_t *name = f;

        if (json_is_object(f)) {
            Error *err = NULL;

            name = json_object_get(f, "name");
            if (!cond_true(json_object_get(f, "if"), &err)) {
                if (err) {
                    error_propagate(errp, err);
                    json_decref(list);
                    return false;
                }
                continue;
            }
        }
        if (!json_is_string(name)) {
            error_setg(errp, "invalid feature");
            json_decref(list);
            return false;
        }
        json_array_append(list, name);
    }
    if (json_array_size(list) == 0) {
        json_decref(list);
    } else {
        *out = list;
    }
    return true;
}

/* "T", ["T"] -> "T", "[T]" (a new string), or NULL with errp set. */
static char *parse_type_ref(json_t *v, Error **errp)
{
    if (json_is_string(v) && json_string_length(v) > 0) {
        return g_strdup(json_string_value(v));
    }
    if (json_is_array(v) && json_array_size(v) == 1 &&
        json_is_string(json_array_get(v, 0))) {
        return g_strdup_printf("[%s]",
                               json_string_value(json_array_get(v, 0)));
    }
    error_setg(errp, "invalid type reference");
    return NULL;
}

/*
 * A member dict { '*name': TYPE or { 'type': TYPE, 'if': ..., 'features':
 * [...] } } into QapiMembers appended to out.  optional_ok: whether '*'
 * names are allowed (not for variants and alternates).
 */
static bool parse_members(json_t *data, GPtrArray *out, bool optional_ok,
                          Error **errp)
{
    const char *key;
    json_t *val;

    if (!json_is_object(data)) {
        error_setg(errp, "'data' must be an object");
        return false;
    }
    json_object_foreach(data, key, val) {
        bool optional = optional_ok && key[0] == '*';
        json_t *type_spec = val;
        json_t *features = NULL;
        g_autofree char *type = NULL;
        QapiMember *m;
        Error *err = NULL;

        if (json_is_object(val)) {
            type_spec = json_object_get(val, "type");
            if (!cond_true(json_object_get(val, "if"), &err)) {
                if (err) {
                    error_propagate(errp, err);
                    return false;
                }
                continue;
            }
            if (!parse_features(json_object_get(val, "features"), &features,
                                errp)) {
                return false;
            }
        }
        type = parse_type_ref(type_spec, &err);
        if (!type) {
            error_propagate(errp, err);
            error_prepend(errp, "member '%s': ", key);
            if (features) {
                json_decref(features);
            }
            return false;
        }
        m = member_new(key + (optional ? 1 : 0), type, optional);
        m->features = features;
        g_ptr_array_add(out, m);
    }
    return true;
}

static bool parse_enum_values(json_t *data, GPtrArray *out, Error **errp)
{
    size_t i;
    json_t *v;

    if (!json_is_array(data)) {
        error_setg(errp, "enum 'data' must be an array");
        return false;
    }
    json_array_foreach(data, i, v) {
        json_t *name = v;
        json_t *features = NULL;
        QapiMember *m;

        if (json_is_object(v)) {
            Error *err = NULL;

            name = json_object_get(v, "name");
            if (!cond_true(json_object_get(v, "if"), &err)) {
                if (err) {
                    error_propagate(errp, err);
                    return false;
                }
                continue;
            }
            if (!parse_features(json_object_get(v, "features"), &features,
                                errp)) {
                return false;
            }
        }
        if (!json_is_string(name)) {
            error_setg(errp, "invalid enum value");
            if (features) {
                json_decref(features);
            }
            return false;
        }
        m = member_new(json_string_value(name), NULL, false);
        m->features = features;
        g_ptr_array_add(out, m);
    }
    return true;
}

/*
 * The type of a command's/event's 'data' or a union's 'base': a name, or
 * an inline dict that becomes the implicit object `implicit_name` (added
 * to `out`).  Sets *type to NULL for no data.
 */
static bool parse_data_type(json_t *data, const char *implicit_name,
                            GPtrArray *out, char **type, Error **errp)
{
    QapiEntity *obj;

    *type = NULL;
    if (!data) {
        return true;
    }
    if (json_is_string(data)) {
        *type = g_strdup(json_string_value(data));
        return true;
    }
    if (!json_is_object(data)) {
        error_setg(errp, "'data' must be an object or a type name");
        return false;
    }
    if (json_object_size(data) == 0) {
        return true;
    }
    obj = entity_new(implicit_name, QAPI_META_OBJECT);
    obj->implicit = true;
    obj->members = member_array_new();
    if (!parse_members(data, obj->members, true, errp)) {
        entity_free(obj);
        return false;
    }
    g_ptr_array_add(out, obj);
    *type = g_strdup(implicit_name);
    return true;
}

static bool get_bool(json_t *expr, const char *key, bool defval)
{
    json_t *v = json_object_get(expr, key);

    return v ? json_is_true(v) : defval;
}

/* One top-level expression into entities appended to out. */
static bool expr_to_entities(json_t *expr, GPtrArray *out, Error **errp)
{
    static const char *const kinds[] = {
        "enum", "struct", "union", "alternate", "command", "event", NULL
    };
    const char *kind = NULL;
    const char *name;
    json_t *data;
    QapiEntity *e = NULL;
    Error *err = NULL;
    g_autofree char *implicit = NULL;

    if (!json_is_object(expr)) {
        error_setg(errp, "schema expression must be an object");
        return false;
    }
    if (json_object_get(expr, "include") || json_object_get(expr, "pragma")) {
        return true;
    }
    for (int i = 0; kinds[i]; i++) {
        if (json_object_get(expr, kinds[i])) {
            kind = kinds[i];
            break;
        }
    }
    if (!kind) {
        error_setg(errp, "unknown schema expression");
        return false;
    }
    if (!json_is_string(json_object_get(expr, kind))) {
        error_setg(errp, "'%s' must name a string", kind);
        return false;
    }
    name = json_string_value(json_object_get(expr, kind));
    if (!cond_true(json_object_get(expr, "if"), &err)) {
        if (err) {
            error_propagate(errp, err);
            error_prepend(errp, "%s '%s': ", kind, name);
            return false;
        }
        return true;
    }
    data = json_object_get(expr, "data");

    if (strcmp(kind, "enum") == 0) {
        e = entity_new(name, QAPI_META_ENUM);
        e->values = member_array_new();
        if (!parse_enum_values(data, e->values, &err)) {
            goto fail;
        }
    } else if (strcmp(kind, "struct") == 0) {
        json_t *base = json_object_get(expr, "base");

        e = entity_new(name, QAPI_META_OBJECT);
        e->members = member_array_new();
        if (base && !json_is_string(base)) {
            error_setg(&err, "struct 'base' must name a type");
            goto fail;
        }
        e->base = base ? g_strdup(json_string_value(base)) : NULL;
        if (data && !parse_members(data, e->members, true, &err)) {
            goto fail;
        }
    } else if (strcmp(kind, "union") == 0) {
        json_t *disc = json_object_get(expr, "discriminator");
        const char *key;
        json_t *val;

        e = entity_new(name, QAPI_META_OBJECT);
        e->is_union = true;
        e->members = member_array_new();
        e->variants = member_array_new();
        implicit = g_strdup_printf("q_obj_%s-base", name);
        if (!parse_data_type(json_object_get(expr, "base"), implicit, out,
                             &e->base, &err)) {
            goto fail;
        }
        if (!json_is_string(disc) || !e->base) {
            error_setg(&err, "union needs 'base' and 'discriminator'");
            goto fail;
        }
        e->discriminator = g_strdup(json_string_value(disc));
        if (data && !json_is_object(data)) {
            error_setg(&err, "union 'data' must be an object");
            goto fail;
        }
        json_object_foreach(data, key, val) {
            json_t *type_spec = val;
            char *type;

            if (json_is_object(val)) {
                type_spec = json_object_get(val, "type");
                if (!cond_true(json_object_get(val, "if"), &err)) {
                    if (err) {
                        goto fail;
                    }
                    continue;
                }
            }
            if (!json_is_string(type_spec)) {
                error_setg(&err, "union branch '%s' must name a type", key);
                goto fail;
            }
            type = g_strdup(json_string_value(type_spec));
            g_ptr_array_add(e->variants, member_new(key, type, false));
            g_free(type);
        }
    } else if (strcmp(kind, "alternate") == 0) {
        e = entity_new(name, QAPI_META_ALTERNATE);
        e->variants = member_array_new();
        if (!parse_members(data, e->variants, false, &err)) {
            goto fail;
        }
    } else if (strcmp(kind, "command") == 0) {
        json_t *ret = json_object_get(expr, "returns");

        e = entity_new(name, QAPI_META_COMMAND);
        implicit = g_strdup_printf("q_obj_%s-arg", name);
        if (!parse_data_type(data, implicit, out, &e->arg_type, &err)) {
            goto fail;
        }
        if (ret && !(e->ret_type = parse_type_ref(ret, &err))) {
            goto fail;
        }
        e->boxed = get_bool(expr, "boxed", false);
        e->allow_oob = get_bool(expr, "allow-oob", false);
        e->allow_preconfig = get_bool(expr, "allow-preconfig", false);
        e->gen = get_bool(expr, "gen", true);
    } else {
        e = entity_new(name, QAPI_META_EVENT);
        implicit = g_strdup_printf("q_obj_%s-arg", name);
        if (!parse_data_type(data, implicit, out, &e->arg_type, &err)) {
            goto fail;
        }
        e->boxed = get_bool(expr, "boxed", false);
    }
    if (!parse_features(json_object_get(expr, "features"), &e->features,
                        &err)) {
        goto fail;
    }
    g_ptr_array_add(out, e);
    return true;

fail:
    error_propagate(errp, err);
    error_prepend(errp, "%s '%s': ", kind, name);
    if (e) {
        entity_free(e);
    }
    return false;
}

/* ---- the registry ---- */

static void ensure_array(const char *ref);

static void add_entity(QapiEntity *e)
{
    g_hash_table_insert(entities, e->name, e);
    g_ptr_array_add(entity_order, e);
}

/* Create the array entity for a "[T]" reference if missing. */
static void ensure_array(const char *ref)
{
    size_t len = ref ? strlen(ref) : 0;
    QapiEntity *arr;

    if (len < 3 || ref[0] != '[' || ref[len - 1] != ']' ||
        g_hash_table_contains(entities, ref)) {
        return;
    }
    arr = entity_new(ref, QAPI_META_ARRAY);
    arr->implicit = true;
    arr->element_type = g_strndup(ref + 1, len - 2);
    add_entity(arr);
    ensure_array(arr->element_type);
}

static void ensure_arrays_of(QapiEntity *e)
{
    GPtrArray *lists[] = { e->members, e->variants };

    for (size_t l = 0; l < ARRAY_SIZE(lists); l++) {
        for (guint i = 0; lists[l] && i < lists[l]->len; i++) {
            QapiMember *m = g_ptr_array_index(lists[l], i);
            ensure_array(m->type);
        }
    }
    ensure_array(e->ret_type);
    ensure_array(e->arg_type);
}

static void add_builtins(void)
{
    QapiEntity *e;

    for (size_t i = 0; i < ARRAY_SIZE(builtins); i++) {
        e = entity_new(builtins[i].name, QAPI_META_BUILTIN);
        e->builtin = builtins[i].kind;
        add_entity(e);
    }
    e = entity_new("QType", QAPI_META_ENUM);
    e->values = member_array_new();
    for (int i = 0; qtype_values[i]; i++) {
        g_ptr_array_add(e->values, member_new(qtype_values[i], NULL, false));
    }
    add_entity(e);
}

typedef struct ParseCtx {
    GPtrArray *exprs;       /* json_t *, or NULL for a syntax error */
    GString *errors;
} ParseCtx;

static void collect_expr(void *opaque, json_t *value, Error *err)
{
    ParseCtx *ctx = opaque;

    if (err) {
        g_string_append_printf(ctx->errors, "%s\n", error_get_pretty(err));
        error_free(err);
        return;
    }
    g_ptr_array_add(ctx->exprs, value);
}

/*
 * Parse text into new entities.  Problems go to *errors; the entities of
 * good expressions are returned (declaration order).
 */
static GPtrArray *parse_text(const char *text, GString *errors)
{
    ParseCtx ctx = { g_ptr_array_new_with_free_func(
                         (GDestroyNotify)json_decref), errors };
    JsonStream *js = json_stream_new(collect_expr, &ctx, true);
    GPtrArray *out = g_ptr_array_new();

    json_stream_feed(js, text, strlen(text));
    json_stream_flush(js);
    json_stream_free(js);

    for (guint i = 0; i < ctx.exprs->len; i++) {
        Error *err = NULL;
        GPtrArray *tmp = g_ptr_array_new();

        if (expr_to_entities(g_ptr_array_index(ctx.exprs, i), tmp, &err)) {
            for (guint j = 0; j < tmp->len; j++) {
                g_ptr_array_add(out, g_ptr_array_index(tmp, j));
            }
        } else {
            for (guint j = 0; j < tmp->len; j++) {
                entity_free(g_ptr_array_index(tmp, j));
            }
            g_string_append_printf(errors, "%s\n", error_get_pretty(err));
            error_free(err);
        }
        g_ptr_array_unref(tmp);
    }
    g_ptr_array_unref(ctx.exprs);
    return out;
}

static void ensure_loaded(void)
{
    GPtrArray *ents;

    if (loaded) {
        return;
    }
    loaded = true;
    entities = g_hash_table_new(g_str_hash, g_str_equal);
    entity_order = g_ptr_array_new();
    problems = g_string_new(NULL);
    add_builtins();

    ents = parse_text(qapi_schema_text, problems);
    for (guint i = 0; i < ents->len; i++) {
        QapiEntity *e = g_ptr_array_index(ents, i);

        if (g_hash_table_contains(entities, e->name)) {
            g_string_append_printf(problems, "'%s' is defined twice\n",
                                   e->name);
            entity_free(e);
            continue;
        }
        add_entity(e);
    }
    for (guint i = 0; i < ents->len; i++) {
        QapiEntity *e = g_ptr_array_index(ents, i);
        if (g_hash_table_lookup(entities, e->name) == e) {
            ensure_arrays_of(e);
        }
    }
    g_ptr_array_unref(ents);
}

bool qapi_schema_add_text(const char *text, Error **errp)
{
    GString *errors = g_string_new(NULL);
    GPtrArray *ents;
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);

    ensure_loaded();
    ents = parse_text(text, errors);
    for (guint i = 0; i < ents->len; i++) {
        QapiEntity *e = g_ptr_array_index(ents, i);

        if (g_hash_table_contains(entities, e->name) ||
            !g_hash_table_add(seen, e->name)) {
            g_string_append_printf(errors, "'%s' is defined twice\n",
                                   e->name);
        }
    }
    g_hash_table_unref(seen);
    if (errors->len) {
        g_string_truncate(errors, errors->len - 1);
        error_setg(errp, "%s", errors->str);
        g_string_free(errors, TRUE);
        for (guint i = 0; i < ents->len; i++) {
            entity_free(g_ptr_array_index(ents, i));
        }
        g_ptr_array_unref(ents);
        return false;
    }
    g_string_free(errors, TRUE);
    for (guint i = 0; i < ents->len; i++) {
        add_entity(g_ptr_array_index(ents, i));
    }
    for (guint i = 0; i < ents->len; i++) {
        ensure_arrays_of(g_ptr_array_index(ents, i));
    }
    g_ptr_array_unref(ents);
    return true;
}

const QapiEntity *qapi_schema_lookup(const char *name)
{
    ensure_loaded();
    return name ? g_hash_table_lookup(entities, name) : NULL;
}

const QapiEntity *qapi_schema_lookup_command(const char *name)
{
    const QapiEntity *e = qapi_schema_lookup(name);

    return e && e->meta == QAPI_META_COMMAND ? e : NULL;
}

void qapi_schema_foreach(void (*fn)(const QapiEntity *ent, void *opaque),
                         void *opaque)
{
    ensure_loaded();
    for (guint i = 0; i < entity_order->len; i++) {
        fn(g_ptr_array_index(entity_order, i), opaque);
    }
}

GPtrArray *qapi_object_all_members(const QapiEntity *obj)
{
    GPtrArray *all = g_ptr_array_new();
    const QapiEntity *chain[16];
    int n = 0;

    /* Collect the base chain (bounded: a cycle is a schema error). */
    for (const QapiEntity *e = obj; e && e->meta == QAPI_META_OBJECT &&
         n < (int)ARRAY_SIZE(chain); e = qapi_schema_lookup(e->base)) {
        chain[n++] = e;
    }
    while (n-- > 0) {
        for (guint i = 0; chain[n]->members && i < chain[n]->members->len;
             i++) {
            g_ptr_array_add(all, g_ptr_array_index(chain[n]->members, i));
        }
    }
    return all;
}

const char *qapi_union_variant(const QapiEntity *obj, const char *tag)
{
    for (guint i = 0; obj->variants && i < obj->variants->len; i++) {
        QapiMember *m = g_ptr_array_index(obj->variants, i);
        if (strcmp(m->name, tag) == 0) {
            return m->type;
        }
    }
    return NULL;
}

bool qapi_enum_has_value(const QapiEntity *en, const char *value)
{
    for (guint i = 0; en->values && i < en->values->len; i++) {
        QapiMember *m = g_ptr_array_index(en->values, i);
        if (strcmp(m->name, value) == 0) {
            return true;
        }
    }
    return false;
}

/* ---- consistency check ---- */

static void check_ref(GString *out, const QapiEntity *e, const char *what,
                      const char *ref)
{
    if (ref && !qapi_schema_lookup(ref)) {
        g_string_append_printf(out, "%s: %s type '%s' is not defined\n",
                               e->name, what, ref);
    }
}

static bool is_meta(const char *ref, QapiMeta meta)
{
    const QapiEntity *t = qapi_schema_lookup(ref);
    return t && t->meta == meta;
}

static void check_union(GString *out, const QapiEntity *e)
{
    g_autoptr(GPtrArray) all = qapi_object_all_members(e);
    const QapiEntity *tag_enum = NULL;

    for (guint i = 0; i < all->len; i++) {
        QapiMember *m = g_ptr_array_index(all, i);
        if (strcmp(m->name, e->discriminator) == 0) {
            tag_enum = qapi_schema_lookup(m->type);
            if (m->optional) {
                g_string_append_printf(out, "%s: discriminator '%s' is "
                                       "optional\n", e->name, m->name);
            }
        }
    }
    if (!tag_enum || tag_enum->meta != QAPI_META_ENUM) {
        g_string_append_printf(out, "%s: discriminator '%s' is not an enum "
                               "member of the base\n", e->name,
                               e->discriminator);
        return;
    }
    for (guint i = 0; i < e->variants->len; i++) {
        QapiMember *v = g_ptr_array_index(e->variants, i);

        if (!qapi_enum_has_value(tag_enum, v->name)) {
            g_string_append_printf(out, "%s: branch '%s' is not a value of "
                                   "'%s'\n", e->name, v->name,
                                   tag_enum->name);
        }
        if (!is_meta(v->type, QAPI_META_OBJECT)) {
            g_string_append_printf(out, "%s: branch '%s' type '%s' is not "
                                   "an object\n", e->name, v->name, v->type);
        }
    }
}

static void check_entity(const QapiEntity *e, void *opaque)
{
    GString *out = opaque;

    switch (e->meta) {
    case QAPI_META_ARRAY:
        check_ref(out, e, "element", e->element_type);
        break;
    case QAPI_META_OBJECT:
        if (e->base) {
            const QapiEntity *b = qapi_schema_lookup(e->base);
            if (!b || b->meta != QAPI_META_OBJECT || b->is_union) {
                g_string_append_printf(out, "%s: base '%s' is not a "
                                       "struct\n", e->name, e->base);
            }
        }
        for (guint i = 0; i < e->members->len; i++) {
            QapiMember *m = g_ptr_array_index(e->members, i);
            check_ref(out, e, "member", m->type);
        }
        if (e->is_union) {
            check_union(out, e);
        }
        break;
    case QAPI_META_ALTERNATE:
        for (guint i = 0; i < e->variants->len; i++) {
            QapiMember *m = g_ptr_array_index(e->variants, i);
            check_ref(out, e, "branch", m->type);
        }
        break;
    case QAPI_META_COMMAND:
    case QAPI_META_EVENT:
        if (e->arg_type && !is_meta(e->arg_type, QAPI_META_OBJECT)) {
            g_string_append_printf(out, "%s: argument type '%s' is not an "
                                   "object\n", e->name, e->arg_type);
        }
        check_ref(out, e, "return", e->ret_type);
        break;
    default:
        break;
    }
}

bool qapi_schema_check(Error **errp)
{
    GString *out = g_string_new(NULL);

    ensure_loaded();
    g_string_append(out, problems->str);
    qapi_schema_foreach(check_entity, out);
    if (out->len) {
        g_string_truncate(out, out->len - 1);
        error_setg(errp, "%s", out->str);
        g_string_free(out, TRUE);
        return false;
    }
    g_string_free(out, TRUE);
    return true;
}
