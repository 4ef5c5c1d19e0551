/*
 * memory.h: guest physical memory and I/O as a tree of MemoryRegions.
 *
 * Concepts
 * - A MemoryRegion is a QOM object ("qemu:memory-region") of one of these
 *   kinds: RAM (host memory the guest sees directly), ROM (RAM the guest
 *   cannot write), I/O (reads and writes go to a device's MemoryRegionOps
 *   callbacks), a container (holds subregions at offsets, nothing of its
 *   own), or an alias (a window onto part of another region).
 * - Subregions are placed at an offset in a container with a priority;
 *   where they overlap, the higher priority wins (equal priorities: the
 *   one added later wins).  Regions can be enabled/disabled, moved, made
 *   read-only (PAM shadowing, PCI BAR mapping) at run time.
 * - An AddressSpace has a root region.  There are two of them for the PC:
 *   "memory" (root "system") and "I/O" (root "io", 64 KiB).  Whenever the
 *   tree changes (at the end of the outermost transaction), the tree is
 *   flattened into a FlatView: a sorted table of non-overlapping ranges,
 *   each pointing at the leaf region and the offset inside it.  Lookups are
 *   a binary search in that table.
 * - MemoryListeners (the KVM memory slots, the software CPU's TLB) are
 *   told which ranges were added and removed by each change.
 * - Accesses from a vCPU (a KVM exit, the software CPU's slow path) or a
 *   device's DMA go through address_space_rw(): RAM is copied, I/O is split
 *   into the access sizes the region's ops implement and dispatched with the
 *   big lock held.  Accesses that hit nothing read as all-ones and writes
 *   are dropped (as an unassigned bus on the PC), never an error.
 *
 * All tree changes happen with the big lock held.
 */
#ifndef EXEC_MEMORY_H
#define EXEC_MEMORY_H

#include "qom/object.h"

typedef uint64_t hwaddr;
#define HWADDR_PRIx PRIx64

typedef struct MemoryRegion MemoryRegion;
typedef struct AddressSpace AddressSpace;
typedef struct FlatView FlatView;
typedef struct MemoryListener MemoryListener;

#define TYPE_MEMORY_REGION "memory-region"

typedef enum MemTxResult {
    MEMTX_OK = 0,
    MEMTX_ERROR = 1,            /* the device reported an error */
    MEMTX_DECODE_ERROR = 2,     /* nothing at that address */
} MemTxResult;

typedef struct MemTxAttrs {
    unsigned int secure:1;
    unsigned int requester_id:16;
} MemTxAttrs;
#define MEMTXATTRS_UNSPECIFIED ((MemTxAttrs) { 0 })

typedef struct MemoryRegionOps {
    /* size is 1, 2, 4 or 8 and within impl.{min,max}_access_size. */
    uint64_t (*read)(void *opaque, hwaddr addr, unsigned size);
    void (*write)(void *opaque, hwaddr addr, uint64_t data, unsigned size);
    /* Sizes the guest may use (others: read all-ones, write ignored). */
    struct {
        unsigned min_access_size;   /* 0: 1 */
        unsigned max_access_size;   /* 0: 4 */
        bool unaligned;
    } valid;
    /* Sizes the callbacks implement: the dispatcher splits or combines. */
    struct {
        unsigned min_access_size;   /* 0: 1 */
        unsigned max_access_size;   /* 0: 4 */
        bool unaligned;
    } impl;
} MemoryRegionOps;

typedef enum MemoryRegionKind {
    MR_CONTAINER,
    MR_RAM,
    MR_ROM,                     /* RAM, read-only for the guest */
    MR_IO,
    MR_ALIAS,
} MemoryRegionKind;

struct MemoryRegion {
    Object parent_obj;
    MemoryRegionKind kind;
    char *name;
    Object *owner;
    unsigned __int128 size;     /* 2^64 for a whole address space */
    hwaddr addr;                /* offset in the container */
    int priority;
    bool enabled;
    bool readonly;              /* RAM/alias made read-only */
    bool rom_device;            /* reads from RAM, writes to ops */
    bool may_overlap;
    MemoryRegion *container;
    GList *subregions;          /* sorted: higher priority first */
    MemoryRegion *alias;
    hwaddr alias_offset;
    const MemoryRegionOps *ops;
    void *opaque;
    void *ram_ptr;              /* host memory of RAM/ROM regions */
    int ram_fd;                 /* backing fd, or -1 */
    bool ram_owned;             /* munmap at finalize */
    uint8_t dirty_log_mask;
};

typedef struct MemoryRegionSection {
    MemoryRegion *mr;           /* the leaf region (never an alias) */
    AddressSpace *as;
    hwaddr offset_within_region;
    unsigned __int128 size;
    hwaddr offset_within_address_space;
    bool readonly;
} MemoryRegionSection;

struct MemoryListener {
    /* Called around each change of the flattened map. */
    void (*begin)(MemoryListener *l);
    void (*commit)(MemoryListener *l);
    void (*region_add)(MemoryListener *l, MemoryRegionSection *s);
    void (*region_del)(MemoryListener *l, MemoryRegionSection *s);
    /* Same range, same region, flags changed (read-only, dirty log). */
    void (*region_nop)(MemoryListener *l, MemoryRegionSection *s);
    void (*log_start)(MemoryListener *l, MemoryRegionSection *s,
                      int old, int new);
    void (*log_stop)(MemoryListener *l, MemoryRegionSection *s,
                     int old, int new);
    void (*log_sync)(MemoryListener *l, MemoryRegionSection *s);
    int priority;
    const char *name;
    AddressSpace *address_space;    /* set by memory_listener_register */
};

struct AddressSpace {
    char *name;
    MemoryRegion *root;
    FlatView *current_map;
    GList *listeners;
};

/* ---- regions ---- */

/* A container of `size` bytes (UINT64_MAX means 2^64). */
void memory_region_init(MemoryRegion *mr, Object *owner, const char *name,
                        uint64_t size);
void memory_region_init_io(MemoryRegion *mr, Object *owner,
                           const MemoryRegionOps *ops, void *opaque,
                           const char *name, uint64_t size);
/* RAM from anonymous memory (MAP_PRIVATE|MAP_ANONYMOUS, MADV_MERGEABLE and
 * MADV_DONTDUMP per the machine's mem-merge/dump-guest-core). */
bool memory_region_init_ram(MemoryRegion *mr, Object *owner,
                            const char *name, uint64_t size, Error **errp);
/* RAM on memory the caller owns (a memory backend, a file mapping). */
void memory_region_init_ram_ptr(MemoryRegion *mr, Object *owner,
                                const char *name, uint64_t size, void *ptr);
bool memory_region_init_rom(MemoryRegion *mr, Object *owner,
                            const char *name, uint64_t size, Error **errp);
/* A ROM whose reads come from RAM and whose writes go to ops (flash). */
bool memory_region_init_rom_device(MemoryRegion *mr, Object *owner,
                                   const MemoryRegionOps *ops, void *opaque,
                                   const char *name, uint64_t size,
                                   Error **errp);
void memory_region_init_alias(MemoryRegion *mr, Object *owner,
                              const char *name, MemoryRegion *orig,
                              hwaddr offset, uint64_t size);

void memory_region_add_subregion(MemoryRegion *mr, hwaddr offset,
                                 MemoryRegion *subregion);
void memory_region_add_subregion_overlap(MemoryRegion *mr, hwaddr offset,
                                         MemoryRegion *subregion,
                                         int priority);
void memory_region_del_subregion(MemoryRegion *mr, MemoryRegion *subregion);
void memory_region_set_enabled(MemoryRegion *mr, bool enabled);
void memory_region_set_readonly(MemoryRegion *mr, bool readonly);
void memory_region_set_address(MemoryRegion *mr, hwaddr addr);
void memory_region_set_alias_offset(MemoryRegion *mr, hwaddr offset);
void memory_region_set_size(MemoryRegion *mr, uint64_t size);
uint64_t memory_region_size(MemoryRegion *mr);
const char *memory_region_name(const MemoryRegion *mr);
bool memory_region_is_ram(MemoryRegion *mr);
bool memory_region_is_rom(MemoryRegion *mr);
/* Host pointer of a RAM/ROM region (alias: resolved), or NULL. */
void *memory_region_get_ram_ptr(MemoryRegion *mr);
/* Dirty logging for display and migration (bit 0: VGA, 1: migration). */
void memory_region_set_log(MemoryRegion *mr, bool log, unsigned client);
/* Batch several changes into one re-flattening. */
void memory_region_transaction_begin(void);
void memory_region_transaction_commit(void);

/* ---- address spaces ---- */

MemoryRegion *get_system_memory(void);
MemoryRegion *get_system_io(void);
extern AddressSpace address_space_memory;
extern AddressSpace address_space_io;
void address_space_init(AddressSpace *as, MemoryRegion *root,
                        const char *name);
void address_space_destroy(AddressSpace *as);

/* Find the leaf section covering addr (size 0 if nothing is mapped). */
MemoryRegionSection memory_region_find(MemoryRegion *root, hwaddr addr,
                                       uint64_t size);
MemoryRegionSection address_space_find(AddressSpace *as, hwaddr addr);

MemTxResult address_space_rw(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                             void *buf, hwaddr len, bool is_write);
MemTxResult address_space_read(AddressSpace *as, hwaddr addr,
                               MemTxAttrs attrs, void *buf, hwaddr len);
MemTxResult address_space_write(AddressSpace *as, hwaddr addr,
                                MemTxAttrs attrs, const void *buf, hwaddr len);
/* Write into ROM too (firmware loading). */
MemTxResult address_space_write_rom(AddressSpace *as, hwaddr addr,
                                    MemTxAttrs attrs, const void *buf,
                                    hwaddr len);
/* One access of 1/2/4/8 bytes (little-endian value). */
MemTxResult address_space_load(AddressSpace *as, hwaddr addr, unsigned size,
                               uint64_t *val);
MemTxResult address_space_store(AddressSpace *as, hwaddr addr, unsigned size,
                                uint64_t val);
/* Host pointer for [addr, addr+*plen) when it is RAM; *plen shrinks to the
 * contiguous part.  NULL if not RAM. */
void *address_space_map_ram(AddressSpace *as, hwaddr addr, hwaddr *plen,
                            bool is_write);

void memory_listener_register(MemoryListener *listener, AddressSpace *as);
void memory_listener_unregister(MemoryListener *listener);

/* info mtree [-f] */
void memory_print_mtree(GString *out, bool flatview);

#endif
