/*
 * memory.c: the MemoryRegion tree (see include/exec/memory.h): the QOM
 * type, the init functions that need no host memory, subregions and the
 * other changes, and transactions.  Every change ends (at the outermost
 * commit) in memory_update_address_spaces() (memory-flatview.c), which
 * re-renders the address spaces and tells the listeners.
 */
#include "qemu/osdep.h"
#include "hw/core/memory-internal.h"
#include "hw/qdev-core.h"

static unsigned transaction_depth;
static bool update_pending;

/* ---- references ---- */

/* What keeps a region alive: its owner, or the region itself. */
static Object *region_ref_target(MemoryRegion *mr)
{
    return mr->owner ? mr->owner : OBJECT(mr);
}

void memory_region_ref(MemoryRegion *mr)
{
    if (mr) {
        object_ref(region_ref_target(mr));
    }
}

void memory_region_unref(MemoryRegion *mr)
{
    if (mr) {
        object_unref(region_ref_target(mr));
    }
}

/* ---- kinds ---- */

bool memory_region_has_ram(const MemoryRegion *mr)
{
    return mr->kind == MR_RAM || mr->kind == MR_ROM;
}

bool memory_region_terminates(const MemoryRegion *mr)
{
    return mr->kind == MR_RAM || mr->kind == MR_ROM || mr->kind == MR_IO;
}

bool memory_region_is_ram(MemoryRegion *mr)
{
    return memory_region_has_ram(mr) && !mr->rom_device;
}

bool memory_region_is_rom(MemoryRegion *mr)
{
    return memory_region_is_ram(mr) && (mr->kind == MR_ROM || mr->readonly);
}

bool memory_region_is_romd(MemoryRegion *mr)
{
    return mr->rom_device;
}

const char *memory_region_type_name(const MemoryRegion *mr)
{
    while (mr->alias) {
        mr = mr->alias;
    }
    if (mr->rom_device) {
        return "romd";
    }
    if (memory_region_is_rom((MemoryRegion *)mr)) {
        return "rom";
    }
    if (memory_region_is_ram((MemoryRegion *)mr)) {
        return "ram";
    }
    return "i/o";
}

uint64_t memory_region_size(MemoryRegion *mr)
{
    return mr->size >= MEMORY_SPACE_SIZE ? UINT64_MAX : (uint64_t)mr->size;
}

const char *memory_region_name(const MemoryRegion *mr)
{
    return mr->name;
}

void *memory_region_get_ram_ptr(MemoryRegion *mr)
{
    hwaddr offset = 0;

    while (mr->alias) {
        offset += mr->alias_offset;
        mr = mr->alias;
    }
    if (!memory_region_has_ram(mr) || !mr->ram_ptr) {
        return NULL;
    }
    return (uint8_t *)mr->ram_ptr + offset;
}

/* ---- the QOM type ---- */

static json_t *mr_get_container(Object *obj, ObjectProperty *prop,
                                Error **errp)
{
    MemoryRegion *mr = MEMORY_REGION(obj);
    char *path = mr->container
        ? object_get_canonical_path(OBJECT(mr->container)) : NULL;
    json_t *ret = json_string(path ? path : "");

    g_free(path);
    return ret;
}

static json_t *mr_get_addr(Object *obj, ObjectProperty *prop, Error **errp)
{
    return qom_json_uint(MEMORY_REGION(obj)->addr);
}

static json_t *mr_get_size(Object *obj, ObjectProperty *prop, Error **errp)
{
    return qom_json_uint(memory_region_size(MEMORY_REGION(obj)));
}

/* The reference declares it uint32 but shows the signed value. */
static json_t *mr_get_priority(Object *obj, ObjectProperty *prop,
                               Error **errp)
{
    return json_integer(MEMORY_REGION(obj)->priority);
}

static void memory_region_finalize(Object *obj)
{
    MemoryRegion *mr = MEMORY_REGION(obj);
    GList *l;

    /*
     * A region still in a container here is one whose container has the
     * same owner (containment took no reference): the owner is going
     * away, so take it out of the tree without touching references.
     */
    if (mr->container) {
        mr->container->subregions = g_list_remove(mr->container->subregions,
                                                  mr);
        mr->container = NULL;
        update_pending = true;
    }
    for (l = mr->subregions; l; l = l->next) {
        MemoryRegion *sub = l->data;
        Object *target = sub->ref_target;

        sub->container = NULL;
        sub->ref_target = NULL;
        object_unref(target);
    }
    g_list_free(mr->subregions);
    mr->subregions = NULL;
    mr->alias = NULL;
    memory_region_ram_release(mr);
    g_free(mr->name);
    mr->name = NULL;
}

static void memory_region_class_init(ObjectClass *oc, void *data)
{
    object_class_property_add(oc, "container", "link<" TYPE_MEMORY_REGION ">",
                              mr_get_container, NULL, NULL, NULL);
    object_class_property_add(oc, "addr", "uint64", mr_get_addr, NULL, NULL,
                              NULL);
    object_class_property_add(oc, "size", "uint64", mr_get_size, NULL, NULL,
                              NULL);
    object_class_property_add(oc, "priority", "uint32", mr_get_priority, NULL,
                              NULL, NULL);
}

static const TypeInfo memory_region_info = {
    .name = TYPE_MEMORY_REGION,
    .parent = TYPE_OBJECT,
    .instance_size = sizeof(MemoryRegion),
    .instance_finalize = memory_region_finalize,
    .class_init = memory_region_class_init,
};

static void memory_register_types(void)
{
    type_register_static(&memory_region_info);
}
type_init(memory_register_types)

/* ---- init ---- */

/* '/', '[', ']' and '\' would break QOM paths and the "[*]" numbering. */
static char *escape_region_name(const char *name)
{
    GString *s = g_string_new(NULL);
    const char *p;

    for (p = name; *p; p++) {
        if (*p == '/' || *p == '[' || *p == ']' || *p == '\\') {
            g_string_append_printf(s, "\\x%02x", (unsigned char)*p);
        } else {
            g_string_append_c(s, *p);
        }
    }
    return g_string_free(s, false);
}

void memory_region_do_init(MemoryRegion *mr, Object *owner, const char *name,
                           uint64_t size, MemoryRegionKind kind)
{
    Object *parent = owner;

    object_initialize(mr, sizeof(*mr), TYPE_MEMORY_REGION);
    mr->kind = kind;
    mr->name = g_strdup(name);
    mr->owner = owner;
    mr->size = size == UINT64_MAX ? MEMORY_SPACE_SIZE : size;
    mr->enabled = true;
    mr->ram_fd = -1;
    if (!name) {
        return;
    }
    if (!parent && qdev_get_machine()) {
        parent = container_get(qdev_get_machine(), "/unattached");
    }
    if (parent) {
        char *escaped = escape_region_name(name);
        char *prop = g_strdup_printf("%s[*]", escaped);

        object_property_add_child(parent, prop, OBJECT(mr));
        object_unref(OBJECT(mr));
        g_free(prop);
        g_free(escaped);
    }
}

void memory_region_init(MemoryRegion *mr, Object *owner, const char *name,
                        uint64_t size)
{
    memory_region_do_init(mr, owner, name, size, MR_CONTAINER);
}

void memory_region_init_io(MemoryRegion *mr, Object *owner,
                           const MemoryRegionOps *ops, void *opaque,
                           const char *name, uint64_t size)
{
    memory_region_do_init(mr, owner, name, size, MR_IO);
    mr->ops = ops;
    mr->opaque = opaque;
}

void memory_region_init_ram_ptr(MemoryRegion *mr, Object *owner,
                                const char *name, uint64_t size, void *ptr)
{
    memory_region_do_init(mr, owner, name, size, MR_RAM);
    mr->ram_ptr = ptr;
}

void memory_region_init_alias(MemoryRegion *mr, Object *owner,
                              const char *name, MemoryRegion *orig,
                              hwaddr offset, uint64_t size)
{
    memory_region_do_init(mr, owner, name, size, MR_ALIAS);
    mr->alias = orig;
    mr->alias_offset = offset;
}

/* ---- transactions ---- */

void memory_region_transaction_begin(void)
{
    transaction_depth++;
}

void memory_region_transaction_commit(void)
{
    assert(transaction_depth > 0);
    if (--transaction_depth || !update_pending) {
        return;
    }
    /*
     * Listeners may change the tree from their callbacks: hold a level
     * so that those changes only mark the tree dirty, and go round again.
     */
    transaction_depth++;
    while (update_pending) {
        update_pending = false;
        memory_update_address_spaces();
    }
    transaction_depth--;
}

static void tree_changed(void)
{
    memory_region_transaction_begin();
    update_pending = true;
    memory_region_transaction_commit();
}

/* ---- subregions ---- */

static void subregion_insert(MemoryRegion *mr, MemoryRegion *subregion)
{
    GList *l;

    assert(!subregion->container);
    subregion->container = mr;
    /* Same owner: the container's lifetime is the subregion's already. */
    if (!subregion->owner || subregion->owner != mr->owner) {
        subregion->ref_target = object_ref(region_ref_target(subregion));
    }
    /* Higher priority first; a newcomer goes before its equals. */
    for (l = mr->subregions; l; l = l->next) {
        MemoryRegion *other = l->data;

        if (subregion->priority >= other->priority) {
            break;
        }
    }
    mr->subregions = g_list_insert_before(mr->subregions, l, subregion);
    tree_changed();
}

void memory_region_add_subregion(MemoryRegion *mr, hwaddr offset,
                                 MemoryRegion *subregion)
{
    subregion->may_overlap = false;
    subregion->priority = 0;
    subregion->addr = offset;
    subregion_insert(mr, subregion);
}

void memory_region_add_subregion_overlap(MemoryRegion *mr, hwaddr offset,
                                         MemoryRegion *subregion,
                                         int priority)
{
    subregion->may_overlap = true;
    subregion->priority = priority;
    subregion->addr = offset;
    subregion_insert(mr, subregion);
}

void memory_region_del_subregion(MemoryRegion *mr, MemoryRegion *subregion)
{
    Object *target = subregion->ref_target;

    assert(subregion->container == mr);
    mr->subregions = g_list_remove(mr->subregions, subregion);
    subregion->container = NULL;
    subregion->ref_target = NULL;
    tree_changed();
    object_unref(target);
}

void memory_region_set_enabled(MemoryRegion *mr, bool enabled)
{
    if (mr->enabled != enabled) {
        mr->enabled = enabled;
        tree_changed();
    }
}

void memory_region_set_readonly(MemoryRegion *mr, bool readonly)
{
    if (mr->readonly != readonly) {
        mr->readonly = readonly;
        tree_changed();
    }
}

void memory_region_set_address(MemoryRegion *mr, hwaddr addr)
{
    MemoryRegion *container = mr->container;

    if (addr == mr->addr) {
        return;
    }
    if (!container) {
        mr->addr = addr;
        return;
    }
    /* Out and back in at the same priority: one update for both. */
    memory_region_transaction_begin();
    memory_region_ref(mr);
    memory_region_del_subregion(container, mr);
    if (mr->may_overlap) {
        memory_region_add_subregion_overlap(container, addr, mr,
                                            mr->priority);
    } else {
        memory_region_add_subregion(container, addr, mr);
    }
    memory_region_unref(mr);
    memory_region_transaction_commit();
}

void memory_region_set_alias_offset(MemoryRegion *mr, hwaddr offset)
{
    if (mr->alias_offset != offset) {
        mr->alias_offset = offset;
        tree_changed();
    }
}

void memory_region_set_size(MemoryRegion *mr, uint64_t size)
{
    u128 s = size == UINT64_MAX ? MEMORY_SPACE_SIZE : size;

    /* Owned host memory cannot grow under the region. */
    if (mr->ram_owned && s > mr->ram_map_size) {
        s = mr->ram_map_size;
    }
    if (mr->size != s) {
        mr->size = s;
        tree_changed();
    }
}

/* ---- dirty logging (the part that touches the tree) ---- */

void memory_region_set_log(MemoryRegion *mr, bool log, unsigned client)
{
    uint8_t mask;

    while (mr->alias) {
        mr = mr->alias;
    }
    if (client >= DIRTY_MEMORY_NUM || !memory_region_has_ram(mr)) {
        return;
    }
    mask = log ? mr->dirty_log_mask | (1u << client)
               : mr->dirty_log_mask & ~(1u << client);
    if (mask == mr->dirty_log_mask) {
        return;
    }
    if (log && !mr->dirty[client]) {
        uint64_t pages = (memory_region_size(mr) + MEMORY_DIRTY_PAGE_SIZE - 1)
                         / MEMORY_DIRTY_PAGE_SIZE;
        size_t longs = (pages + 8 * sizeof(long) - 1) / (8 * sizeof(long));

        mr->dirty[client] = g_new0(unsigned long, MAX(longs, 1));
    }
    mr->dirty_log_mask = mask;
    tree_changed();
}
