/*
 * memory-mtree.c: info mtree [-f][-d][-o][-D], in the reference's shape.
 *
 * The tree view prints each address space's root, then every region an
 * alias points at ("memory-region: NAME"), each once, in the order the
 * aliases were met.  Subregions are listed by address (then by
 * priority); a disabled region's line is left out (shown with -D, marked
 * "[disabled]") but its subregions are still listed, one level deeper.
 * Address spaces sharing a root are listed together, names sorted.
 *
 * The flat view prints each FlatView once with the address spaces that
 * share it.  The reference orders both lists by hashing pointers, which
 * changes from run to run; here they follow creation order.  -d (the
 * reference's page-table dump, internal to its lookup structure) is
 * accepted and prints nothing more.
 */
#include "qemu/osdep.h"
#include "hw/core/memory-internal.h"
#include "hw/qdev-core.h"
#include "monitor/hmp.h"

#define MTREE_INDENT "  "

static const char *accel_name;
static bool (*accel_has_memory)(AddressSpace *as, hwaddr addr, hwaddr size);

void memory_set_accel_has_memory(const char *name,
                                 bool (*has_memory)(AddressSpace *as,
                                                    hwaddr addr,
                                                    hwaddr size))
{
    accel_name = name;
    accel_has_memory = has_memory;
}

/* Names are printed as the reference's printf prints them, NULL too. */
static const char *nm(const MemoryRegion *mr)
{
    return mr && mr->name ? mr->name : "(null)";
}

/* The last address of a size (0 for an empty region). */
static hwaddr last_byte(u128 size)
{
    return size ? (hwaddr)(size - 1) : 0;
}

static void print_object(GString *out, const char *label, Object *obj)
{
    DeviceState *dev = (DeviceState *)object_dynamic_cast(obj, TYPE_DEVICE);
    char *path;

    g_string_append_printf(out, " %s:{%s", label, dev ? "dev" : "obj");
    if (dev && dev->id) {
        g_string_append_printf(out, " id=%s", dev->id);
    } else if ((path = object_get_canonical_path(obj))) {
        g_string_append_printf(out, " path=%s", path);
        g_free(path);
    } else {
        g_string_append_printf(out, " type=%s", object_get_typename(obj));
    }
    g_string_append_c(out, '}');
}

/* -o: who owns the region, and its QOM parent when that differs. */
static void print_owner(GString *out, const MemoryRegion *mr)
{
    Object *owner = mr->owner;
    Object *parent = OBJECT(mr)->parent;

    if (!owner && !parent) {
        g_string_append(out, " orphan");
        return;
    }
    if (owner) {
        print_object(out, "owner", owner);
    }
    if (parent && parent != owner) {
        print_object(out, "parent", parent);
    }
}

typedef struct MtreeOpts {
    GString *out;
    GPtrArray *aliased;         /* regions to print after the spaces */
    bool owner;
    bool disabled;
} MtreeOpts;

/* Subregions by address, then higher priority first (stable). */
static GList *children_for_print(const MemoryRegion *mr)
{
    GList *sorted = NULL, *l, *s;

    for (l = mr->subregions; l; l = l->next) {
        MemoryRegion *sub = l->data;

        for (s = sorted; s; s = s->next) {
            MemoryRegion *other = s->data;

            if (sub->addr < other->addr ||
                (sub->addr == other->addr && sub->priority > other->priority)) {
                break;
            }
        }
        sorted = g_list_insert_before(sorted, s, sub);
    }
    return sorted;
}

static void print_region(MtreeOpts *o, const MemoryRegion *mr,
                         unsigned level, hwaddr base)
{
    hwaddr start = base + mr->addr;
    hwaddr end = start + last_byte(mr->size);
    GList *children, *l;
    unsigned i;

    /* Only a cycle in the tree (a programming error) goes this deep. */
    if (level > 64) {
        return;
    }
    if (start < base || end < start) {
        g_string_append(o->out, "[DETECTED OVERFLOW!] ");
    }
    if (mr->alias) {
        bool queued = false;

        for (i = 0; i < o->aliased->len; i++) {
            queued |= g_ptr_array_index(o->aliased, i) == mr->alias;
        }
        if (!queued) {
            g_ptr_array_add(o->aliased, mr->alias);
        }
    }
    if (mr->enabled || o->disabled) {
        for (i = 0; i < level; i++) {
            g_string_append(o->out, MTREE_INDENT);
        }
        g_string_append_printf(o->out,
                               "%016" PRIx64 "-%016" PRIx64 " (prio %d, %s): ",
                               start, end, mr->priority,
                               memory_region_type_name(mr));
        if (mr->alias) {
            g_string_append_printf(o->out,
                                   "alias %s @%s %016" PRIx64 "-%016" PRIx64,
                                   nm(mr), nm(mr->alias), mr->alias_offset,
                                   mr->alias_offset + last_byte(mr->size));
        } else {
            g_string_append(o->out, nm(mr));
        }
        if (!mr->enabled) {
            g_string_append(o->out, " [disabled]");
        }
        if (o->owner) {
            print_owner(o->out, mr);
        }
        g_string_append_c(o->out, '\n');
    }
    children = children_for_print(mr);
    for (l = children; l; l = l->next) {
        print_region(o, l->data, level + 1, start);
    }
    g_list_free(children);
}

static gint as_name_cmp(gconstpointer a, gconstpointer b)
{
    return strcmp(((const AddressSpace *)a)->name,
                  ((const AddressSpace *)b)->name);
}

static void print_tree(MtreeOpts *o)
{
    GList *done = NULL, *l, *m;
    unsigned i;

    for (l = memory_address_spaces; l; l = l->next) {
        AddressSpace *as = l->data;
        GList *group = NULL;

        if (g_list_find(done, as->root)) {
            continue;
        }
        done = g_list_prepend(done, as->root);
        for (m = l; m; m = m->next) {
            AddressSpace *other = m->data;

            if (other->root == as->root) {
                group = g_list_insert_sorted(group, other, as_name_cmp);
            }
        }
        for (m = group; m; m = m->next) {
            g_string_append_printf(o->out, "address-space: %s\n",
                                   ((AddressSpace *)m->data)->name);
        }
        g_list_free(group);
        print_region(o, as->root, 1, 0);
        g_string_append_c(o->out, '\n');
    }
    g_list_free(done);
    /* The list grows while it is printed (aliases inside aliased ones). */
    for (i = 0; i < o->aliased->len; i++) {
        MemoryRegion *mr = g_ptr_array_index(o->aliased, i);

        g_string_append_printf(o->out, "memory-region: %s\n", nm(mr));
        print_region(o, mr, 1, 0);
        g_string_append_c(o->out, '\n');
    }
}

static void print_flatview(MtreeOpts *o, FlatView *view, GList *spaces,
                           int number)
{
    GList *l;
    unsigned i;

    g_string_append_printf(o->out, "FlatView #%d\n", number);
    for (l = spaces; l; l = l->next) {
        AddressSpace *as = l->data;

        g_string_append_printf(o->out, " AS \"%s\", root: %s", as->name,
                               nm(as->root));
        if (as->root->alias) {
            g_string_append_printf(o->out, ", alias %s", nm(as->root->alias));
        }
        g_string_append_c(o->out, '\n');
    }
    g_string_append_printf(o->out, " Root memory region: %s\n",
                           view->root ? nm(view->root) : "(none)");
    if (!view->nr) {
        g_string_append(o->out, MTREE_INDENT "No rendered FlatView\n\n");
        return;
    }
    for (i = 0; i < view->nr; i++) {
        FlatRange *fr = &view->ranges[i];
        hwaddr last = fr->start + last_byte(fr->size);

        g_string_append_printf(o->out, MTREE_INDENT "%016" PRIx64 "-%016"
                               PRIx64 " (prio %d, %s): %s", fr->start, last,
                               fr->mr->priority,
                               fr->readonly ? "rom"
                                            : memory_region_type_name(fr->mr),
                               nm(fr->mr));
        if (fr->offset_in_region) {
            g_string_append_printf(o->out, " @%016" PRIx64,
                                   fr->offset_in_region);
        }
        if (o->owner) {
            print_owner(o->out, fr->mr);
        }
        for (l = spaces; accel_has_memory && l; l = l->next) {
            if (accel_has_memory(l->data, fr->start, last - fr->start + 1)) {
                g_string_append_printf(o->out, " %s", accel_name);
            }
        }
        g_string_append_c(o->out, '\n');
    }
    g_string_append_c(o->out, '\n');
}

static void print_flatviews(MtreeOpts *o)
{
    GList *done = NULL, *l, *m;
    int number = 0;

    for (l = memory_address_spaces; l; l = l->next) {
        AddressSpace *as = l->data;
        GList *spaces = NULL;

        if (g_list_find(done, as->current_map)) {
            continue;
        }
        done = g_list_prepend(done, as->current_map);
        for (m = l; m; m = m->next) {
            if (((AddressSpace *)m->data)->current_map == as->current_map) {
                spaces = g_list_append(spaces, m->data);
            }
        }
        print_flatview(o, as->current_map, spaces, number++);
        g_list_free(spaces);
    }
    g_list_free(done);
}

void memory_print_mtree_full(GString *out, bool flatview, bool owner,
                             bool disabled)
{
    MtreeOpts o = {
        .out = out,
        .aliased = g_ptr_array_new(),
        .owner = owner,
        .disabled = disabled,
    };

    memory_map_init();
    if (flatview) {
        print_flatviews(&o);
    } else {
        print_tree(&o);
    }
    g_ptr_array_free(o.aliased, true);
}

void memory_print_mtree(GString *out, bool flatview)
{
    memory_print_mtree_full(out, flatview, false, false);
}

static bool arg_flag(json_t *args, const char *key)
{
    return json_is_true(json_object_get(args, key));
}

static void hmp_info_mtree(Monitor *mon, json_t *args)
{
    GString *out = g_string_new(NULL);

    memory_print_mtree_full(out, arg_flag(args, "flatview"),
                            arg_flag(args, "owner"),
                            arg_flag(args, "disabled"));
    monitor_puts(mon, out->str);
    g_string_free(out, true);
}

static const HmpCommand info_mtree_cmd = {
    .name = "mtree",
    .args_type = "flatview:-f,dispatch_tree:-d,owner:-o,disabled:-D",
    .params = "[-f][-d][-o][-D]",
    .help = "show memory tree (-f: dump flat view for address spaces;"
            "-d: dump dispatch tree, valid with -f only);"
            "-o: dump region owners/parents;"
            "-D: dump disabled regions",
    .cmd = hmp_info_mtree,
};

static void __attribute__((constructor)) memory_mtree_register(void)
{
    hmp_register_info_command(&info_mtree_cmd);
}
