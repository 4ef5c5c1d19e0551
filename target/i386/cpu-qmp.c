/*
 * cpu-qmp.c: query-cpu-definitions and query-cpu-model-expansion, the two
 * commands libvirt uses to learn the CPU models (qapi/cpu.json).
 *
 * Both work on throw-away, unrealized X86CPU objects: creating one loads
 * the model and the accelerator's defaults, x86_cpu_expand_features()
 * applies -cpu +flag/-flag and the automatic levels, and (definitions
 * only) the filter says which flags the accelerator in use cannot give.
 */
#include "qemu/osdep.h"
#include "monitor/monitor.h"
#include "target/i386/cpu-internal.h"

/* A new, expanded CPU of oc with props (a JSON object or NULL) set. */
static X86CPU *cpu_for_expansion(ObjectClass *oc, json_t *props,
                                 Error **errp)
{
    X86CPU *cpu = X86_CPU(object_new_with_class(oc));

    if (json_is_object(props)) {
        const char *key;
        json_t *value;
        QomInputMode old = qom_input_mode_set(QOM_INPUT_TYPED);
        bool ok = true;

        json_object_foreach(props, key, value) {
            if (!object_property_set(OBJECT(cpu), key, value, errp)) {
                ok = false;
                break;
            }
        }
        qom_input_mode_set(old);
        if (!ok) {
            object_unref(cpu);
            return NULL;
        }
    }
    if (!x86_cpu_expand_features(cpu, errp)) {
        object_unref(cpu);
        return NULL;
    }
    return cpu;
}

/* ---- query-cpu-definitions ---- */

static json_t *unavailable_features(ObjectClass *oc)
{
    X86CPUClass *xcc = X86_CPU_CLASS(oc);
    const X86CPUAccel *accel = x86_cpu_get_accel();
    json_t *list = json_array();
    g_autoptr(GPtrArray) names = NULL;
    Error *err = NULL;
    X86CPU *cpu;

    if (xcc->host_cpuid_required && !accel->uses_host_cpuid) {
        json_array_append_new(list, json_string("kvm"));
        return list;
    }
    cpu = cpu_for_expansion(oc, NULL, &err);
    if (!cpu) {
        /* not runnable at all: name the "type" property, as the
         * reference does */
        error_free(err);
        json_array_append_new(list, json_string("type"));
        return list;
    }
    x86_cpu_filter_features(cpu, false, NULL);
    names = x86_cpu_filtered_feature_names(cpu);
    for (guint i = 0; i < names->len; i++) {
        json_array_append_new(list, json_string(g_ptr_array_index(names, i)));
    }
    object_unref(cpu);
    return list;
}

static json_t *qmp_query_cpu_definitions(json_t *args, Error **errp)
{
    GSList *classes = x86_cpu_class_list_sorted();
    json_t *list = json_array();

    /* the reference lists them in the reverse of the -cpu help order */
    classes = g_slist_reverse(classes);
    for (GSList *l = classes; l; l = l->next) {
        ObjectClass *oc = l->data;
        X86CPUClass *xcc = X86_CPU_CLASS(oc);
        g_autofree char *name = x86_cpu_class_model_name(oc);
        json_t *info = json_object();

        json_object_set_new(info, "name", json_string(name));
        json_object_set_new(info, "typename",
                            json_string(object_class_get_name(oc)));
        json_object_set_new(info, "unavailable-features",
                            unavailable_features(oc));
        if (xcc->model && xcc->model->is_alias) {
            g_autofree char *target = g_strdup_printf("%s-v%d",
                xcc->model->def->name, xcc->model->version);
            json_object_set_new(info, "alias-of", json_string(target));
        }
        json_object_set_new(info, "static", json_boolean(xcc->static_model));
        json_object_set_new(info, "migration-safe",
                            json_boolean(!xcc->max_features &&
                                         !xcc->host_cpuid_required));
        json_object_set_new(info, "deprecated", json_false());
        json_array_append_new(list, info);
    }
    g_slist_free(classes);
    return list;
}

/* ---- query-cpu-model-expansion ---- */

/* What a static expansion lists besides the flags. */
static const char *const static_props[] = {
    "vendor", "family", "model", "stepping", "model-id", "min-level",
    "min-xlevel", "lmce", NULL,
};

/* Properties a full expansion leaves out (views and device plumbing). */
static const char *const full_skip[] = {
    "type", "hotplugged", "hotpluggable", "parent_bus", "feature-words",
    "filtered-features", "unavailable-features", "crash-information", NULL,
};

static bool in_set(const char *const *set, const char *name)
{
    for (; *set; set++) {
        if (!strcmp(*set, name)) {
            return true;
        }
    }
    return false;
}

typedef struct StaticExpansion {
    X86CPU *cpu;
    json_t *props;
} StaticExpansion;

static void add_static_flag(const char *name, FeatureWord w, uint64_t mask,
                            void *opaque)
{
    StaticExpansion *se = opaque;

    /* canonical names only, no aliases */
    if (!g_strcmp0(x86_feature_canonical(name), name)) {
        json_object_set_new(se->props, name,
            json_boolean((se->cpu->env.features[w] & mask) == mask));
    }
}

static json_t *expand_static(X86CPU *cpu)
{
    StaticExpansion se = { .cpu = cpu, .props = json_object() };

    x86_feature_foreach_name(add_static_flag, &se);
    for (int i = 0; static_props[i]; i++) {
        json_t *v = object_property_get(OBJECT(cpu), static_props[i], NULL);

        if (v) {
            json_object_set_new(se.props, static_props[i], v);
        }
    }
    return se.props;
}

static json_t *expand_full(X86CPU *cpu)
{
    g_autoptr(GPtrArray) list = object_property_list(OBJECT(cpu));
    json_t *props = json_object();

    for (guint i = 0; i < list->len; i++) {
        ObjectProperty *prop = g_ptr_array_index(list, i);
        json_t *v;

        if (!prop->get || in_set(full_skip, prop->name) ||
            object_property_is_link(prop) || object_property_is_child(prop)) {
            continue;
        }
        v = object_property_get(OBJECT(cpu), prop->name, NULL);
        if (v) {
            json_object_set_new(props, prop->name, v);
        }
    }
    return props;
}

static json_t *qmp_query_cpu_model_expansion(json_t *args, Error **errp)
{
    const char *type = json_string_value(json_object_get(args, "type"));
    json_t *model = json_object_get(args, "model");
    const char *name = json_string_value(json_object_get(model, "name"));
    g_autofree char *typename = NULL;
    ObjectClass *oc;
    X86CPU *cpu;
    json_t *props, *ret;
    bool full = !g_strcmp0(type, "full");

    typename = g_strdup_printf("%s" X86_CPU_TYPE_SUFFIX, name ? name : "");
    oc = object_class_by_name(typename);
    if (!oc || !object_class_dynamic_cast(oc, TYPE_X86_CPU) ||
        object_class_is_abstract(oc)) {
        error_setg(errp, "CPU model '%s' not found", name ? name : "");
        return NULL;
    }
    cpu = cpu_for_expansion(oc, json_object_get(model, "props"), errp);
    if (!cpu) {
        return NULL;
    }
    props = full ? expand_full(cpu) : expand_static(cpu);
    object_unref(cpu);
    ret = json_pack("{s:{s:s,s:o}}", "model", "name",
                    full ? name : "base", "props", props);
    return ret;
}

static void x86_cpu_qmp_register(void)
{
    qmp_register_command("query-cpu-definitions", qmp_query_cpu_definitions,
                         QCO_NO_OPTIONS);
    qmp_register_command("query-cpu-model-expansion",
                         qmp_query_cpu_model_expansion, QCO_NO_OPTIONS);
}
qmp_command_init(x86_cpu_qmp_register)
