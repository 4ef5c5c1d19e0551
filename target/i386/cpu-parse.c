/*
 * cpu-parse.c: the -cpu option and `-cpu help`.
 *
 * As on the reference, the option string is parsed once: key=value
 * features become -global properties of the chosen type (so every CPU the
 * board creates gets them, with the qdev error texts), +flag/-flag are
 * kept in two lists applied when each CPU is realized.
 */
#include "qemu/osdep.h"
#include "qemu/cutils.h"
#include "hw/qdev-core.h"
#include "hw/i386/x86-cpu.h"
#include "target/i386/cpu-internal.h"

static char *option_type;
static GPtrArray *plus_names;    /* char *, NULL-terminated */
static GPtrArray *minus_names;

const char *const *x86_cpu_plus_names(void)
{
    return plus_names ? (const char *const *)plus_names->pdata : NULL;
}

const char *const *x86_cpu_minus_names(void)
{
    return minus_names ? (const char *const *)minus_names->pdata : NULL;
}

const char *x86_cpu_option_type(void)
{
    return option_type;
}

bool x86_cpu_option_is_help(const char *optarg)
{
    return !strcmp(optarg, "help") || !strcmp(optarg, "?");
}

char *x86_cpu_type_for_model(const char *model)
{
    char *type = g_strdup_printf("%s" X86_CPU_TYPE_SUFFIX, model);
    ObjectClass *oc = object_class_by_name(type);

    if (!oc || !object_class_dynamic_cast(oc, TYPE_X86_CPU) ||
        object_class_is_abstract(oc)) {
        g_free(type);
        return NULL;
    }
    return type;
}

static bool in_list(GPtrArray *list, const char *name)
{
    for (guint i = 0; list && i + 1 < list->len; i++) {
        if (!strcmp(g_ptr_array_index(list, i), name)) {
            return true;
        }
    }
    return false;
}

static void list_add(GPtrArray **list, const char *name)
{
    if (!*list) {
        *list = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(*list, NULL);
    }
    /* keep the terminating NULL last */
    g_ptr_array_index(*list, (*list)->len - 1) = g_strdup(name);
    g_ptr_array_add(*list, NULL);
}

bool x86_cpu_parse_option(const char *optarg, Error **errp)
{
    g_auto(GStrv) parts = g_strsplit(optarg, ",", -1);
    g_autofree char *type = x86_cpu_type_for_model(parts[0]);
    bool ambiguous = false;

    if (!type) {
        error_setg(errp, "unable to find CPU model '%s'", parts[0]);
        return false;
    }
    for (int i = 1; parts[i]; i++) {
        char *feat = parts[i];
        g_autofree char *name = NULL;
        g_autofree char *value = NULL;
        char *eq;

        if (!*feat) {
            continue;           /* "qemu64,,sse": empty items are skipped */
        }
        if (feat[0] == '+') {
            list_add(&plus_names, feat + 1);
            continue;
        }
        if (feat[0] == '-') {
            list_add(&minus_names, feat + 1);
            continue;
        }
        eq = strchr(feat, '=');
        if (eq) {
            name = g_strndup(feat, eq - feat);
            value = g_strdup(eq + 1);
        } else {
            name = g_strdup(feat);
            value = g_strdup("on");
        }
        g_strdelimit(name, "_", '-');
        if (in_list(plus_names, name)) {
            warn_report("Ambiguous CPU model string. Don't mix both \"+%s\""
                        " and \"%s=%s\"", name, name, value);
            ambiguous = true;
        }
        if (in_list(minus_names, name)) {
            warn_report("Ambiguous CPU model string. Don't mix both \"-%s\""
                        " and \"%s=%s\"", name, name, value);
            ambiguous = true;
        }
        if (!strcmp(name, "tsc-freq")) {
            uint64_t hz;

            if (qemu_strtosz_metric(value, NULL, &hz) < 0 ||
                hz > INT64_MAX) {
                error_setg(errp, "bad numerical value %s", value);
                return false;
            }
            g_free(name);
            g_free(value);
            name = g_strdup("tsc-frequency");
            value = g_strdup_printf("%" PRIu64, hz);
        }
        qdev_prop_register_global(type, name, value);
    }
    if (ambiguous) {
        warn_report("Compatibility of ambiguous CPU model strings won't be "
                    "kept on future QEMU versions");
    }
    g_free(option_type);
    option_type = g_steal_pointer(&type);
    return true;
}

/* ---- -cpu help ---- */

/* The model name of oc, kept with the class (X86CPUClass.model_name). */
static const char *x86_cpu_class_model_name_ref(ObjectClass *oc)
{
    X86CPUClass *xcc = X86_CPU_CLASS(oc);

    if (!xcc->model_name) {
        xcc->model_name = x86_cpu_class_model_name(oc);
    }
    return xcc->model_name;
}

static gint compare_cpu_classes(gconstpointer a, gconstpointer b)
{
    X86CPUClass *ca = X86_CPU_CLASS((ObjectClass *)a);
    X86CPUClass *cb = X86_CPU_CLASS((ObjectClass *)b);

    if (ca->ordering != cb->ordering) {
        return ca->ordering - cb->ordering;
    }
    /* by model name: "486" before "486-v1" */
    return strcmp(x86_cpu_class_model_name_ref((ObjectClass *)a),
                  x86_cpu_class_model_name_ref((ObjectClass *)b));
}

/* Every concrete X86CPU class in -cpu help order; g_slist_free(). */
GSList *x86_cpu_class_list_sorted(void)
{
    GSList *list = object_class_get_list(TYPE_X86_CPU, false);

    return g_slist_sort(list, compare_cpu_classes);
}

char *x86_cpu_class_model_name(ObjectClass *oc)
{
    const char *type = object_class_get_name(oc);

    return g_strndup(type, strlen(type) - strlen(X86_CPU_TYPE_SUFFIX));
}

void x86_cpu_print_help(GString *out)
{
    GSList *list = x86_cpu_class_list_sorted();
    g_autoptr(GPtrArray) flags = x86_feature_sorted_names();
    GString *line = g_string_new("  ");

    g_string_append(out, "Available CPUs:\n");
    for (GSList *l = list; l; l = l->next) {
        X86CPUClass *xcc = X86_CPU_CLASS(l->data);
        g_autofree char *name = x86_cpu_class_model_name(l->data);

        g_string_append_printf(out, "x86 %-20s  %s\n", name,
                               xcc->desc ? xcc->desc : "");
    }
    g_slist_free(list);

    /* names wrapped to lines of at most 75 columns */
    g_string_append(out, "\nRecognized CPUID flags:\n");
    for (guint i = 0; i < flags->len; i++) {
        const char *name = g_ptr_array_index(flags, i);

        if (line->len > 2 && line->len + 1 + strlen(name) > 75) {
            g_string_append_printf(out, "%s\n", line->str);
            g_string_assign(line, "  ");
        }
        if (line->len > 2) {
            g_string_append_c(line, ' ');
        }
        g_string_append(line, name);
    }
    g_string_append_printf(out, "%s\n\n", line->str);
    g_string_free(line, true);
}
