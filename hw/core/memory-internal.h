/*
 * memory-internal.h: what the memory API's files share (hw/core/memory.c,
 * memory-dispatch.c, memory-ram.c, memory-mtree.c): the FlatView layout,
 * the list of address spaces and the RAM hooks.  Users of the API go
 * through include/exec/memory.h.
 */
#ifndef HW_CORE_MEMORY_INTERNAL_H
#define HW_CORE_MEMORY_INTERNAL_H

#include "exec/memory.h"

typedef unsigned __int128 u128;
typedef __int128 s128;

#define MEMORY_SPACE_SIZE ((u128)1 << 64)

/* One range of a flattened address space. */
typedef struct FlatRange {
    MemoryRegion *mr;           /* the leaf region */
    hwaddr offset_in_region;
    hwaddr start;
    u128 size;                  /* up to 2^64 */
    bool readonly;
    uint8_t dirty_log_mask;
} FlatRange;

struct FlatView {
    unsigned ref;
    MemoryRegion *root;         /* the region it renders, NULL if empty */
    FlatRange *ranges;          /* sorted by start, non-overlapping */
    unsigned nr;
    unsigned nr_alloc;
};

/* Every address space, in creation order (AddressSpace *). */
extern GList *memory_address_spaces;

/* as, made usable first if it is one of the global two (memory_map_init). */
AddressSpace *address_space_ready(AddressSpace *as);
/* The range covering addr, or NULL (binary search). */
FlatRange *flatview_lookup(FlatView *view, hwaddr addr);
/* The section describing fr in as. */
MemoryRegionSection memory_section_from_range(AddressSpace *as,
                                              const FlatRange *fr);
/* RAM, ROM or ROM device: the kinds with host memory. */
bool memory_region_has_ram(const MemoryRegion *mr);
/* The leaf kinds that end a walk (RAM, ROM, I/O). */
bool memory_region_terminates(const MemoryRegion *mr);
/* "ram", "rom", "romd" or "i/o" as info mtree prints the kind. */
const char *memory_region_type_name(const MemoryRegion *mr);

/* memory-flatview.c: re-render every address space and tell the
 * listeners what changed (the end of a committed transaction). */
void memory_update_address_spaces(void);

/* The common part of the init functions: a new region object, named and
 * placed in the QOM tree as the reference places it. */
void memory_region_do_init(MemoryRegion *mr, Object *owner, const char *name,
                           uint64_t size, MemoryRegionKind kind);

/* memory-ram.c: free a region's host memory and dirty bitmaps. */
void memory_region_ram_release(MemoryRegion *mr);
/* memory-ram.c: host memory of size bytes for a RAM/ROM region. */
bool memory_region_ram_alloc(MemoryRegion *mr, uint64_t size, Error **errp);

#endif
