/*
 * introspect.c: query-qmp-schema, the schema as a list of SchemaInfo
 * objects in QEMU's shape.
 *
 * As QEMU does, the output holds the commands and events plus every type
 * reachable from them; type names other than builtins are replaced by
 * numbers ("0", "1", ...; arrays by "[N]") so clients depend on structure,
 * not on internal names; integer builtins all appear as "int"; a command
 * without arguments or result, an event without data and a union case
 * without a branch refer to one empty object type.  Object members are
 * flattened (base members first); optional members carry "default": null.
 *
 * Commands declared but without a handler in this build are left out, like
 * in query-commands, so a client never sees a command it cannot run.
 */
#include "qemu/osdep.h"
#include "qapi/qapi-schema.h"
#include "monitor/monitor.h"

/* The pseudo entity standing for the empty object. */
#define EMPTY_OBJECT "q_empty"

typedef struct Introspect {
    json_t *out;
    GHashTable *masked;     /* schema name -> output name */
    GQueue pending;         /* schema names still to emit */
    int next;
} Introspect;

static const char *builtin_name(const QapiEntity *e, const char **json_type)
{
    switch (e->builtin) {
    case QAPI_BUILTIN_STR:
        *json_type = "string";
        return "str";
    case QAPI_BUILTIN_NUMBER:
        *json_type = "number";
        return "number";
    case QAPI_BUILTIN_BOOL:
        *json_type = "boolean";
        return "bool";
    case QAPI_BUILTIN_NULL:
        *json_type = "null";
        return "null";
    case QAPI_BUILTIN_ANY:
        *json_type = "value";
        return "any";
    default:
        *json_type = "int";
        return "int";
    }
}

/* The output name of a type, queueing its definition on first use. */
static const char *mask(Introspect *in, const char *name)
{
    const QapiEntity *e;
    const char *m;
    char *out;

    if (!name) {
        name = EMPTY_OBJECT;
    }
    e = qapi_schema_lookup(name);
    if (e && e->meta == QAPI_META_BUILTIN) {
        const char *json_type;

        /* int8, uint64, size, ... are all "int": list it once. */
        name = builtin_name(e, &json_type);
    }
    m = g_hash_table_lookup(in->masked, name);
    if (m) {
        return m;
    }
    if (e && e->meta == QAPI_META_BUILTIN) {
        out = g_strdup(name);
    } else if (e && e->meta == QAPI_META_ARRAY) {
        out = g_strdup_printf("[%s]", mask(in, e->element_type));
        /* [int8] and [uint32] are both "[int]": list it once. */
        m = g_hash_table_lookup(in->masked, out);
        if (m) {
            g_free(out);
            return m;
        }
        /* Key arrays by output name (freed with the table). */
        g_hash_table_insert(in->masked, out, g_strdup(out));
        g_queue_push_tail(&in->pending, g_strdup(out));
        return out;
    } else if (e || strcmp(name, EMPTY_OBJECT) == 0) {
        out = g_strdup_printf("%d", in->next++);
    } else {
        return name;            /* dangling: see qapi_schema_check() */
    }
    g_hash_table_insert(in->masked, g_strdup(name), out);
    g_queue_push_tail(&in->pending, g_strdup(name));
    return out;
}

static void add_features(json_t *obj, json_t *features)
{
    if (features && json_array_size(features)) {
        json_object_set(obj, "features", features);
    }
}

static json_t *member_info(Introspect *in, const QapiMember *m)
{
    json_t *mi = json_pack("{s:s}", "name", m->name);

    if (m->optional) {
        json_object_set_new(mi, "default", json_null());
    }
    json_object_set_new(mi, "type", json_string(mask(in, m->type)));
    add_features(mi, m->features);
    return mi;
}

static json_t *object_info(Introspect *in, const QapiEntity *e,
                           const char *name)
{
    json_t *info = json_pack("{s:s}", "name", name);
    json_t *members = json_array();
    g_autoptr(GPtrArray) all = qapi_object_all_members(e);

    if (e->is_union) {
        json_t *variants = json_array();
        const QapiEntity *tag_enum = NULL;

        for (guint i = 0; i < all->len; i++) {
            QapiMember *m = g_ptr_array_index(all, i);
            if (strcmp(m->name, e->discriminator) == 0) {
                tag_enum = qapi_schema_lookup(m->type);
            }
        }
        /*
         * Every value of the tag enum is a case: the declared branches
         * first, then the other values (empty branch), as QEMU lists them.
         */
        for (guint i = 0; i < e->variants->len; i++) {
            QapiMember *v = g_ptr_array_index(e->variants, i);

            json_array_append_new(variants,
                                  json_pack("{s:s, s:s}", "case", v->name,
                                            "type", mask(in, v->type)));
        }
        for (guint i = 0; tag_enum && tag_enum->values &&
             i < tag_enum->values->len; i++) {
            QapiMember *v = g_ptr_array_index(tag_enum->values, i);

            if (!qapi_union_variant(e, v->name)) {
                json_array_append_new(variants,
                                      json_pack("{s:s, s:s}",
                                                "case", v->name,
                                                "type", mask(in, NULL)));
            }
        }
        json_object_set_new(info, "tag", json_string(e->discriminator));
        json_object_set_new(info, "variants", variants);
    }
    for (guint i = 0; i < all->len; i++) {
        json_array_append_new(members,
                              member_info(in, g_ptr_array_index(all, i)));
    }
    json_object_set_new(info, "members", members);
    json_object_set_new(info, "meta-type", json_string("object"));
    return info;
}

static json_t *type_info(Introspect *in, const char *schema_name)
{
    const QapiEntity *e;
    const char *name = g_hash_table_lookup(in->masked, schema_name);
    json_t *info, *list;

    if (schema_name[0] == '[') {
        /* Arrays are keyed by their output name "[ELEMENT]". */
        g_autofree char *elem = g_strndup(schema_name + 1,
                                          strlen(schema_name) - 2);

        return json_pack("{s:s, s:s, s:s}", "name", name,
                         "element-type", elem, "meta-type", "array");
    }
    e = qapi_schema_lookup(schema_name);
    if (!e) {
        return json_pack("{s:s, s:[], s:s}", "name", name, "members",
                         "meta-type", "object");
    }
    switch (e->meta) {
    case QAPI_META_BUILTIN: {
        const char *json_type;

        builtin_name(e, &json_type);
        info = json_pack("{s:s, s:s, s:s}", "name", name,
                         "json-type", json_type, "meta-type", "builtin");
        break;
    }
    case QAPI_META_ENUM: {
        json_t *values = json_array();

        list = json_array();
        for (guint i = 0; i < e->values->len; i++) {
            QapiMember *v = g_ptr_array_index(e->values, i);
            json_t *vi = json_pack("{s:s}", "name", v->name);

            add_features(vi, v->features);
            json_array_append_new(list, vi);
            json_array_append_new(values, json_string(v->name));
        }
        info = json_pack("{s:s, s:o, s:s, s:o}", "name", name,
                         "members", list, "meta-type", "enum",
                         "values", values);
        break;
    }
    case QAPI_META_ALTERNATE:
        list = json_array();
        for (guint i = 0; i < e->variants->len; i++) {
            QapiMember *b = g_ptr_array_index(e->variants, i);
            json_array_append_new(list, json_pack("{s:s}", "type",
                                                  mask(in, b->type)));
        }
        info = json_pack("{s:s, s:o, s:s}", "name", name, "members", list,
                         "meta-type", "alternate");
        break;
    case QAPI_META_OBJECT:
        info = object_info(in, e, name);
        break;
    default:
        return NULL;
    }
    add_features(info, e->features);
    return info;
}

static void emit_command_or_event(const QapiEntity *e, void *opaque)
{
    Introspect *in = opaque;
    json_t *info;

    if (e->meta == QAPI_META_COMMAND) {
        if (!qmp_command_available(e->name)) {
            return;
        }
        info = json_pack("{s:s, s:s}", "name", e->name,
                         "ret-type", mask(in, e->ret_type));
        if (e->allow_oob) {
            json_object_set_new(info, "allow-oob", json_true());
        }
        json_object_set_new(info, "meta-type", json_string("command"));
        json_object_set_new(info, "arg-type",
                            json_string(mask(in, e->arg_type)));
    } else if (e->meta == QAPI_META_EVENT) {
        info = json_pack("{s:s, s:s, s:s}", "name", e->name,
                         "meta-type", "event",
                         "arg-type", mask(in, e->arg_type));
    } else {
        return;
    }
    add_features(info, e->features);
    json_array_append_new(in->out, info);
}

json_t *qapi_schema_introspect(void)
{
    Introspect in = { .out = json_array() };
    char *name;

    in.masked = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                      g_free);
    g_queue_init(&in.pending);
    qapi_schema_foreach(emit_command_or_event, &in);
    while ((name = g_queue_pop_head(&in.pending))) {
        json_t *info = type_info(&in, name);

        if (info) {
            json_array_append_new(in.out, info);
        }
        g_free(name);
    }
    g_hash_table_unref(in.masked);
    return in.out;
}
