/*
 * memory-flatview.c: flattening the MemoryRegion trees into FlatViews, the
 * address spaces, and what their listeners are told.
 *
 * Flattening follows the reference's rules because info mtree -f and the
 * KVM slots both show them: a region renders its subregions first (higher
 * priority first, so they claim their space first), then its own content
 * fills whatever gaps remain; a disabled region renders nothing; an alias
 * renders its target shifted; read-only propagates down; adjacent ranges
 * that continue the same region are merged.  Address spaces whose roots
 * reduce to the same region share one FlatView.
 *
 * Every committed change re-renders every address space (a PC has a
 * handful, a few hundred ranges): simple and cheap, though a board that
 * builds its whole map in one transaction renders once instead of once
 * per region.
 */
#include "qemu/osdep.h"
#include "hw/core/memory-internal.h"

AddressSpace address_space_memory;
AddressSpace address_space_io;
GList *memory_address_spaces;

static MemoryRegion *system_memory;
static MemoryRegion *system_io;
/* Every registered listener, ascending priority (begin/commit order). */
static GList *all_listeners;

/* ---- flattening ---- */

static FlatView *flatview_new(MemoryRegion *root)
{
    FlatView *view = g_new0(FlatView, 1);

    view->ref = 1;
    view->root = root;
    memory_region_ref(root);
    return view;
}

static void flatview_ref(FlatView *view)
{
    view->ref++;
}

static void flatview_unref(FlatView *view)
{
    unsigned i;

    if (!view || --view->ref) {
        return;
    }
    for (i = 0; i < view->nr; i++) {
        memory_region_unref(view->ranges[i].mr);
    }
    memory_region_unref(view->root);
    g_free(view->ranges);
    g_free(view);
}

/* Index of the first range that ends after addr. */
static unsigned flatview_first_after(FlatView *view, s128 addr)
{
    unsigned lo = 0, hi = view->nr;

    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        const FlatRange *fr = &view->ranges[mid];

        if ((s128)fr->start + (s128)fr->size <= addr) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/*
 * Give mr the parts of [start, end) that no range covers yet.  The ranges
 * already there and the new ones are merged in a scratch array and
 * spliced in with one move, so that a region with many holes (the I/O
 * root between its ports) costs one pass, not one move per hole.
 */
static void fill_gaps(FlatView *view, MemoryRegion *mr, s128 base,
                      s128 start, s128 end, bool readonly)
{
    unsigned first = flatview_first_after(view, start), last = first;
    unsigned n = 0, added = 0, i;
    FlatRange *tmp;
    s128 pos = start;

    while (last < view->nr && (s128)view->ranges[last].start < end) {
        last++;
    }
    tmp = g_new(FlatRange, 2 * (last - first) + 1);
    for (i = first; pos < end; ) {
        s128 gap_end;

        if (i < last && (s128)view->ranges[i].start <= pos) {
            pos = (s128)view->ranges[i].start + (s128)view->ranges[i].size;
            tmp[n++] = view->ranges[i++];
            continue;
        }
        gap_end = i < last ? MIN(end, (s128)view->ranges[i].start) : end;
        tmp[n++] = (FlatRange) {
            .mr = mr,
            .offset_in_region = (hwaddr)(pos - base),
            .start = (hwaddr)pos,
            .size = (u128)(gap_end - pos),
            .readonly = readonly,
            .dirty_log_mask = mr->dirty_log_mask,
        };
        memory_region_ref(mr);
        added++;
        pos = gap_end;
    }
    while (i < last) {
        tmp[n++] = view->ranges[i++];
    }
    if (view->nr + added > view->nr_alloc) {
        view->nr_alloc = MAX(16, MAX(view->nr_alloc * 2, view->nr + added));
        view->ranges = g_renew(FlatRange, view->ranges, view->nr_alloc);
    }
    memmove(&view->ranges[last + added], &view->ranges[last],
            (view->nr - last) * sizeof(FlatRange));
    memcpy(&view->ranges[first], tmp, n * sizeof(FlatRange));
    view->nr += added;
    g_free(tmp);
}

/*
 * Deeper than this, the tree has a cycle (an alias of a container that
 * holds it): a programming error, but rendering stops instead of
 * overflowing the stack.
 */
#define RENDER_MAX_DEPTH 64

/*
 * Render mr, placed at base (its container's origin) and clipped to
 * [start, end), into the gaps of view.
 */
static void render_region(FlatView *view, MemoryRegion *mr, s128 base,
                          s128 start, s128 end, bool readonly,
                          unsigned depth)
{
    GList *l;

    if (!mr->enabled || depth > RENDER_MAX_DEPTH) {
        return;
    }
    base += mr->addr;
    readonly |= mr->readonly;
    start = MAX(start, base);
    end = MIN(end, base + (s128)mr->size);
    if (start >= end) {
        return;
    }
    if (mr->alias) {
        /* The target's offset 0 sits alias_offset bytes before base. */
        render_region(view, mr->alias,
                      base - (s128)mr->alias->addr - (s128)mr->alias_offset,
                      start, end, readonly, depth + 1);
        return;
    }
    for (l = mr->subregions; l; l = l->next) {
        render_region(view, l->data, base, start, end, readonly, depth + 1);
    }
    if (!memory_region_terminates(mr)) {
        return;
    }
    fill_gaps(view, mr, base, start, end, readonly);
}

/* Merge neighbours that continue each other in the same region. */
static void flatview_simplify(FlatView *view)
{
    unsigned i, j;

    if (!view->nr) {
        return;
    }
    for (i = 0, j = 1; j < view->nr; j++) {
        FlatRange *a = &view->ranges[i], *b = &view->ranges[j];

        if (a->mr == b->mr && (u128)a->start + a->size == b->start &&
            (u128)a->offset_in_region + a->size == b->offset_in_region &&
            a->readonly == b->readonly &&
            a->dirty_log_mask == b->dirty_log_mask) {
            a->size += b->size;
            memory_region_unref(b->mr);
        } else {
            view->ranges[++i] = *b;
        }
    }
    view->nr = i + 1;
}

/*
 * The region an address space really renders: through enabled aliases
 * that show all of their target from offset 0, and containers whose only
 * enabled child covers them from offset 0.  NULL when nothing is enabled.
 * Address spaces that reduce to the same region share a FlatView.
 */
static MemoryRegion *flatview_root(MemoryRegion *mr)
{
    unsigned depth = 0;

    while (mr && mr->enabled && depth++ < RENDER_MAX_DEPTH) {
        if (mr->alias) {
            if (!mr->alias_offset && !mr->readonly && !mr->alias->addr &&
                mr->size >= mr->alias->size) {
                mr = mr->alias;
                continue;
            }
        } else if (!memory_region_terminates(mr)) {
            MemoryRegion *only = NULL;
            unsigned found = 0;
            GList *l;

            for (l = mr->subregions; l; l = l->next) {
                MemoryRegion *child = l->data;

                if (child->enabled) {
                    found++;
                    only = child;
                }
            }
            if (!found) {
                return NULL;
            }
            if (found == 1 && !only->addr && !mr->readonly &&
                mr->size >= only->size) {
                mr = only;
                continue;
            }
        }
        return mr;
    }
    return NULL;
}

static FlatView *generate_flatview(MemoryRegion *root)
{
    FlatView *view = flatview_new(root);

    if (root) {
        render_region(view, root, 0, 0, (s128)MEMORY_SPACE_SIZE, false, 0);
    }
    flatview_simplify(view);
    return view;
}

FlatRange *flatview_lookup(FlatView *view, hwaddr addr)
{
    unsigned i;

    if (!view) {
        return NULL;
    }
    i = flatview_first_after(view, addr);
    if (i < view->nr && view->ranges[i].start <= addr) {
        return &view->ranges[i];
    }
    return NULL;
}

MemoryRegionSection memory_section_from_range(AddressSpace *as,
                                              const FlatRange *fr)
{
    return (MemoryRegionSection) {
        .mr = fr->mr,
        .as = as,
        .offset_within_region = fr->offset_in_region,
        .size = fr->size,
        .offset_within_address_space = fr->start,
        .readonly = fr->readonly,
    };
}

/* ---- listener notification ---- */

typedef enum ListenerCall {
    CALL_ADD,
    CALL_DEL,
    CALL_NOP,
    CALL_LOG_START,
    CALL_LOG_STOP,
    CALL_LOG_SYNC,
} ListenerCall;

static void listener_call(MemoryListener *l, ListenerCall call,
                          MemoryRegionSection *s, int old, int new)
{
    switch (call) {
    case CALL_ADD:
        if (l->region_add) {
            l->region_add(l, s);
        }
        break;
    case CALL_DEL:
        if (l->region_del) {
            l->region_del(l, s);
        }
        break;
    case CALL_NOP:
        if (l->region_nop) {
            l->region_nop(l, s);
        }
        break;
    case CALL_LOG_START:
        if (l->log_start) {
            l->log_start(l, s, old, new);
        }
        break;
    case CALL_LOG_STOP:
        if (l->log_stop) {
            l->log_stop(l, s, old, new);
        }
        break;
    case CALL_LOG_SYNC:
        if (l->log_sync) {
            l->log_sync(l, s);
        }
        break;
    }
}

/* Tell as's listeners about fr: removals in descending priority. */
static void notify(AddressSpace *as, const FlatRange *fr, ListenerCall call,
                   int old, int new)
{
    MemoryRegionSection s = memory_section_from_range(as, fr);
    bool reverse = call == CALL_DEL || call == CALL_LOG_STOP;
    GList *l = reverse ? g_list_last(as->listeners) : as->listeners;

    for (; l; l = reverse ? l->prev : l->next) {
        listener_call(l->data, call, &s, old, new);
    }
}

static bool flatrange_same(const FlatRange *a, const FlatRange *b)
{
    return a->mr == b->mr && a->start == b->start && a->size == b->size &&
           a->offset_in_region == b->offset_in_region &&
           a->readonly == b->readonly;
}

/*
 * Walk both sorted views together: ranges only in the old one are
 * deleted (first pass, listeners in reverse), ranges only in the new one
 * added and common ones "nop"ped (second pass, in order).  A range whose
 * region, offset or flags changed is deleted and added again.
 */
static void notify_pass(AddressSpace *as, FlatView *old, FlatView *new,
                        bool adding)
{
    unsigned io = 0, in = 0;
    unsigned nold = old ? old->nr : 0;

    while (io < nold || in < new->nr) {
        FlatRange *fo = io < nold ? &old->ranges[io] : NULL;
        FlatRange *fn = in < new->nr ? &new->ranges[in] : NULL;

        if (fo && (!fn || fo->start < fn->start ||
                   (fo->start == fn->start && !flatrange_same(fo, fn)))) {
            if (!adding) {
                notify(as, fo, CALL_DEL, 0, 0);
            }
            io++;
        } else if (fo && fn && flatrange_same(fo, fn)) {
            if (adding) {
                notify(as, fn, CALL_NOP, 0, 0);
                if (fn->dirty_log_mask & ~fo->dirty_log_mask) {
                    notify(as, fn, CALL_LOG_START, fo->dirty_log_mask,
                           fn->dirty_log_mask);
                }
                if (fo->dirty_log_mask & ~fn->dirty_log_mask) {
                    notify(as, fn, CALL_LOG_STOP, fo->dirty_log_mask,
                           fn->dirty_log_mask);
                }
            }
            io++;
            in++;
        } else {
            if (adding) {
                notify(as, fn, CALL_ADD, 0, 0);
            }
            in++;
        }
    }
}

static void listeners_call_global(bool commit)
{
    GList *l;

    for (l = all_listeners; l; l = l->next) {
        MemoryListener *listener = l->data;
        void (*fn)(MemoryListener *) = commit ? listener->commit
                                              : listener->begin;
        if (fn) {
            fn(listener);
        }
    }
}

/* The shared view for root: one already rendered this round, or new. */
static FlatView *view_for_root(GHashTable *views, MemoryRegion *root)
{
    FlatView *view = g_hash_table_lookup(views, root);

    if (!view) {
        view = generate_flatview(root);
        g_hash_table_insert(views, root, view);
    }
    flatview_ref(view);
    return view;
}

static void views_unref(gpointer key, gpointer value, gpointer opaque)
{
    flatview_unref(value);
}

void memory_update_address_spaces(void)
{
    GHashTable *views = g_hash_table_new(NULL, NULL);
    GList *l;

    listeners_call_global(false);
    for (l = memory_address_spaces; l; l = l->next) {
        AddressSpace *as = l->data;
        FlatView *old = as->current_map;
        FlatView *new = view_for_root(views, flatview_root(as->root));

        as->current_map = new;
        if (as->listeners) {
            notify_pass(as, old, new, false);
            notify_pass(as, old, new, true);
        }
        flatview_unref(old);
    }
    listeners_call_global(true);
    g_hash_table_foreach(views, views_unref, NULL);
    g_hash_table_destroy(views);
}

/* ---- address spaces ---- */

static uint64_t unassigned_io_read(void *opaque, hwaddr addr, unsigned size)
{
    return UINT64_MAX;
}

static void unassigned_io_write(void *opaque, hwaddr addr, uint64_t data,
                                unsigned size)
{
}

/* What a PC's I/O bus gives for a port nobody decodes. */
static const MemoryRegionOps unassigned_io_ops = {
    .read = unassigned_io_read,
    .write = unassigned_io_write,
};

void memory_map_init(void)
{
    if (system_memory) {
        return;
    }
    system_memory = g_new0(MemoryRegion, 1);
    memory_region_init(system_memory, NULL, "system", UINT64_MAX);
    address_space_init(&address_space_memory, system_memory, "memory");
    system_io = g_new0(MemoryRegion, 1);
    memory_region_init_io(system_io, NULL, &unassigned_io_ops, NULL, "io",
                          64 * KiB);
    address_space_init(&address_space_io, system_io, "I/O");
}

AddressSpace *address_space_ready(AddressSpace *as)
{
    if (!as->current_map &&
        (as == &address_space_memory || as == &address_space_io)) {
        memory_map_init();
    }
    return as;
}

MemoryRegion *get_system_memory(void)
{
    memory_map_init();
    return system_memory;
}

MemoryRegion *get_system_io(void)
{
    memory_map_init();
    return system_io;
}

void address_space_init(AddressSpace *as, MemoryRegion *root,
                        const char *name)
{
    MemoryRegion *vroot = flatview_root(root);
    GList *l;

    memory_region_ref(root);
    as->root = root;
    as->name = g_strdup(name ? name : "anonymous");
    as->listeners = NULL;
    as->current_map = NULL;
    /* Share the view of an address space that renders the same region. */
    for (l = memory_address_spaces; l; l = l->next) {
        AddressSpace *other = l->data;

        if (other->current_map && other->current_map->root == vroot) {
            as->current_map = other->current_map;
            flatview_ref(as->current_map);
            break;
        }
    }
    if (!as->current_map) {
        as->current_map = generate_flatview(vroot);
    }
    memory_address_spaces = g_list_append(memory_address_spaces, as);
}

void address_space_destroy(AddressSpace *as)
{
    while (as->listeners) {
        memory_listener_unregister(as->listeners->data);
    }
    memory_address_spaces = g_list_remove(memory_address_spaces, as);
    flatview_unref(as->current_map);
    as->current_map = NULL;
    memory_region_unref(as->root);
    as->root = NULL;
    g_free(as->name);
    as->name = NULL;
}

MemoryRegionSection address_space_find(AddressSpace *as, hwaddr addr)
{
    FlatRange *fr = flatview_lookup(address_space_ready(as)->current_map,
                                    addr);

    if (!fr) {
        return (MemoryRegionSection) { .as = as };
    }
    return memory_section_from_range(as, fr);
}

MemoryRegionSection memory_region_find(MemoryRegion *root, hwaddr addr,
                                       uint64_t size)
{
    MemoryRegionSection s = { 0 };
    MemoryRegion *top = root;
    AddressSpace *as = NULL;
    FlatView *view;
    u128 start, end, fr_end;
    unsigned i;
    GList *l;

    start = (u128)addr + root->addr;
    while (top->container) {
        top = top->container;
        start += top->addr;
    }
    for (l = memory_address_spaces; l; l = l->next) {
        if (((AddressSpace *)l->data)->root == top) {
            as = l->data;
            break;
        }
    }
    if (!as || start >= MEMORY_SPACE_SIZE) {
        return s;
    }
    end = MIN(start + MAX(size, 1), MEMORY_SPACE_SIZE);
    view = as->current_map;
    i = flatview_first_after(view, (s128)start);
    if (i >= view->nr || view->ranges[i].start >= end) {
        return s;
    }
    fr_end = (u128)view->ranges[i].start + view->ranges[i].size;
    s = memory_section_from_range(as, &view->ranges[i]);
    if (start > view->ranges[i].start) {
        s.offset_within_region += (hwaddr)(start - view->ranges[i].start);
        s.offset_within_address_space = (hwaddr)start;
    }
    s.size = MIN(end, fr_end) - s.offset_within_address_space;
    return s;
}

/* ---- listeners ---- */

static gint listener_cmp(gconstpointer a, gconstpointer b)
{
    const MemoryListener *la = a, *lb = b;

    /* Equal priorities keep registration order (g_list_insert_sorted puts
     * a newcomer after its equals). */
    return la->priority < lb->priority ? -1 : la->priority > lb->priority;
}

static void listener_replay(MemoryListener *listener, AddressSpace *as,
                            bool adding)
{
    FlatView *view = as->current_map;
    unsigned i;

    if (listener->begin) {
        listener->begin(listener);
    }
    for (i = 0; view && i < view->nr; i++) {
        FlatRange *fr = &view->ranges[i];
        MemoryRegionSection s = memory_section_from_range(as, fr);

        if (adding) {
            listener_call(listener, CALL_ADD, &s, 0, 0);
            if (fr->dirty_log_mask) {
                listener_call(listener, CALL_LOG_START, &s, 0,
                              fr->dirty_log_mask);
            }
        } else {
            if (fr->dirty_log_mask) {
                listener_call(listener, CALL_LOG_STOP, &s,
                              fr->dirty_log_mask, 0);
            }
            listener_call(listener, CALL_DEL, &s, 0, 0);
        }
    }
    if (listener->commit) {
        listener->commit(listener);
    }
}

void memory_listener_register(MemoryListener *listener, AddressSpace *as)
{
    address_space_ready(as);
    listener->address_space = as;
    all_listeners = g_list_insert_sorted(all_listeners, listener,
                                         listener_cmp);
    as->listeners = g_list_insert_sorted(as->listeners, listener,
                                         listener_cmp);
    listener_replay(listener, as, true);
}

void memory_listener_unregister(MemoryListener *listener)
{
    AddressSpace *as = listener->address_space;

    if (!as) {
        return;
    }
    listener_replay(listener, as, false);
    all_listeners = g_list_remove(all_listeners, listener);
    as->listeners = g_list_remove(as->listeners, listener);
    listener->address_space = NULL;
}

/* ---- dirty logging: asking the listeners ---- */

void memory_region_sync_dirty_bitmap(MemoryRegion *mr)
{
    GList *a;

    for (a = memory_address_spaces; a; a = a->next) {
        AddressSpace *as = a->data;
        FlatView *view = as->current_map;
        unsigned i;

        for (i = 0; view && i < view->nr; i++) {
            if (view->ranges[i].mr == mr) {
                notify(as, &view->ranges[i], CALL_LOG_SYNC, 0, 0);
            }
        }
    }
}
