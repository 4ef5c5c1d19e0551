/*
 * memory.h: guest physical memory and I/O as a tree of MemoryRegions.
 *
 * Concepts
 * - A MemoryRegion is a QOM object ("memory-region") of one of these
 *   kinds: RAM (host memory the guest sees directly), ROM (RAM the guest
 *   cannot write), ROM device (reads from RAM, writes to callbacks: flash),
 *   I/O (reads and writes go to a device's MemoryRegionOps callbacks), a
 *   container (holds subregions at offsets, nothing of its own), or an
 *   alias (a window onto part of another region).
 * - A named region is a QOM child of its owner, "NAME[N]" (the name with
 *   '/', '[', ']' and '\' escaped as \xNN), or of /machine/unattached when
 *   it has no owner, as info qom-tree shows on the reference.  Its QOM
 *   properties are container, addr, size and priority (read-only).
 * - Subregions are placed at an offset in a container with a priority;
 *   where they overlap, the higher priority wins (equal priorities: the
 *   one added later wins).  A region with subregions of its own (an I/O or
 *   RAM region) shows through wherever none of them is.  Regions can be
 *   enabled/disabled, moved, resized, made read-only (PAM shadowing, PCI
 *   BAR mapping) at run time.
 * - An AddressSpace has a root region.  There are two of them for the PC:
 *   "memory" (root "system", a 2^64 container) and "I/O" (root "io", a
 *   64 KiB I/O region whose unassigned ports read all-ones).  Whenever the
 *   tree changes (at the end of the outermost transaction), each address
 *   space's tree is flattened into a FlatView: a sorted table of
 *   non-overlapping ranges, each pointing at the leaf region and the
 *   offset inside it.  Lookups are a binary search in that table.
 * - MemoryListeners (the KVM memory slots, the software CPU's TLB) are
 *   told which ranges were added and removed by each change.
 * - Accesses from a vCPU (a KVM exit, the software CPU's slow path) or a
 *   device's DMA go through address_space_rw(): RAM is copied, I/O is split
 *   into the access sizes the region accepts and implements and dispatched
 *   to the callbacks.  As on the reference (QEMU 7.2), a memory access that
 *   hits nothing, or that a region refuses (a size outside `valid`, a write
 *   to ROM), reads as 0, its write is dropped, the result is
 *   MEMTX_DECODE_ERROR and, with -d guest_errors, it is logged ("Invalid
 *   read at addr 0x108000, size 1, region '(null)', reason: rejected").
 *   Unassigned I/O ports are different: the "io" root region answers them,
 *   all-ones like a PC bus with nothing driving it, and drops writes.
 *
 * Locking: the tree, the FlatViews and the listeners belong to the big
 * lock (BQL).  Tree changes happen with it held.  address_space_*() take
 * it for the duration of the access when the calling thread does not hold
 * it (a vCPU thread), so device callbacks always run under the BQL.
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
#define MEMORY_REGION(obj) \
    OBJECT_CHECK(MemoryRegion, (obj), TYPE_MEMORY_REGION)

typedef enum MemTxResult {
    MEMTX_OK = 0,
    MEMTX_ERROR = 1,            /* the device reported an error */
    MEMTX_DECODE_ERROR = 2,     /* nothing at that address, or refused */
} MemTxResult;

typedef struct MemTxAttrs {
    unsigned int secure:1;
    unsigned int requester_id:16;
} MemTxAttrs;
#define MEMTXATTRS_UNSPECIFIED ((MemTxAttrs) { 0 })

/*
 * A device's callbacks.  All values are little-endian (the PC's order);
 * the dispatcher assembles and splits bytes accordingly.
 */
typedef struct MemoryRegionOps {
    /* size is 1, 2, 4 or 8 and within impl.{min,max}_access_size. */
    uint64_t (*read)(void *opaque, hwaddr addr, unsigned size);
    void (*write)(void *opaque, hwaddr addr, uint64_t data, unsigned size);
    /*
     * Sizes the guest may use; other accesses are refused (read 0, write
     * dropped, MEMTX_DECODE_ERROR).  address_space_rw() cuts a buffer into
     * accesses of at most max_access_size bytes (0: 4), aligned unless
     * impl.unaligned; a single address_space_load/store() with
     * max_access_size 0 accepts any size, as on the reference.
     */
    struct {
        unsigned min_access_size;   /* 0: 1 */
        unsigned max_access_size;   /* 0: see above */
        bool unaligned;             /* false: misaligned accesses refused */
    } valid;
    /*
     * Sizes the callbacks implement: the dispatcher splits a larger access
     * into several (ascending addresses, little-endian), and widens a
     * smaller one to min_access_size at the same address (the read value
     * is truncated, the written value zero-extended).
     */
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

/* Dirty-logging clients (bits of MemoryRegion.dirty_log_mask). */
#define DIRTY_MEMORY_VGA        0
#define DIRTY_MEMORY_MIGRATION  1
#define DIRTY_MEMORY_NUM        2
/* Granularity of dirty tracking. */
#define MEMORY_DIRTY_PAGE_SIZE  4096

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
    bool rom_device;            /* MR_ROM whose writes go to ops */
    bool may_overlap;
    MemoryRegion *container;
    GList *subregions;          /* sorted: higher priority first */
    MemoryRegion *alias;
    hwaddr alias_offset;
    const MemoryRegionOps *ops;
    void *opaque;
    void *ram_ptr;              /* host memory of RAM/ROM regions */
    int ram_fd;                 /* backing fd (not owned), or -1 */
    bool ram_owned;             /* munmap at finalize */
    uint8_t dirty_log_mask;
    /* internal to hw/core/memory*.c */
    uint64_t ram_map_size;      /* bytes mapped at ram_ptr when owned */
    Object *ref_target;         /* what containment referenced, or NULL */
    unsigned long *dirty[DIRTY_MEMORY_NUM];
};

typedef struct MemoryRegionSection {
    MemoryRegion *mr;           /* the leaf region (never an alias) */
    AddressSpace *as;
    hwaddr offset_within_region;
    unsigned __int128 size;
    hwaddr offset_within_address_space;
    bool readonly;              /* read-only through an alias or itself */
} MemoryRegionSection;

struct MemoryListener {
    /* Called around each change of the flattened maps (every listener). */
    void (*begin)(MemoryListener *l);
    void (*commit)(MemoryListener *l);
    /* A range appeared (or changed region, offset or read-only flag). */
    void (*region_add)(MemoryListener *l, MemoryRegionSection *s);
    /* A range disappeared (or is about to be re-added changed). */
    void (*region_del)(MemoryListener *l, MemoryRegionSection *s);
    /* A range present before and after, unchanged (called for each such
     * range at every update; dirty-log changes come with it as
     * log_start/log_stop). */
    void (*region_nop)(MemoryListener *l, MemoryRegionSection *s);
    void (*log_start)(MemoryListener *l, MemoryRegionSection *s,
                      int old, int new);
    void (*log_stop)(MemoryListener *l, MemoryRegionSection *s,
                     int old, int new);
    /* Fetch dirty bits into the region (memory_region_set_dirty()). */
    void (*log_sync)(MemoryListener *l, MemoryRegionSection *s);
    /*
     * Order among listeners: ascending for begin, commit, region_add,
     * region_nop and log_start; descending for region_del and log_stop.
     */
    int priority;
    const char *name;
    AddressSpace *address_space;    /* set by memory_listener_register */
};

struct AddressSpace {
    char *name;
    MemoryRegion *root;
    FlatView *current_map;
    GList *listeners;           /* sorted by priority */
};

/* ---- regions ---- */

/*
 * Every init function makes mr (usually embedded in the owner's struct) a
 * new QOM object; size UINT64_MAX means 2^64.  owner: the device (or other
 * object) the region belongs to, or NULL.
 */

/* A container of `size` bytes. */
void memory_region_init(MemoryRegion *mr, Object *owner, const char *name,
                        uint64_t size);
void memory_region_init_io(MemoryRegion *mr, Object *owner,
                           const MemoryRegionOps *ops, void *opaque,
                           const char *name, uint64_t size);
/*
 * RAM from anonymous memory (private, zero-filled), advised
 * MADV_MERGEABLE unless the machine has mem-merge=off and MADV_DONTDUMP
 * when it has dump-guest-core=off.  Fails with "cannot set up guest
 * memory 'NAME': <strerror>".
 */
bool memory_region_init_ram(MemoryRegion *mr, Object *owner,
                            const char *name, uint64_t size, Error **errp);
/* RAM on memory the caller owns (a file mapping, a device buffer). */
void memory_region_init_ram_ptr(MemoryRegion *mr, Object *owner,
                                const char *name, uint64_t size, void *ptr);
/*
 * RAM on a memory backend (include/sysemu/hostmem.h): the backend is
 * claimed for this one user ("memory backend ID can't be used multiple
 * times."), the region is its child named after it (its id), and its
 * descriptor, if any, is in ram_fd.
 */
bool memory_region_init_ram_from_backend(MemoryRegion *mr, Object *backend,
                                         Error **errp);
/* Like memory_region_init_ram(), read-only for the guest. */
bool memory_region_init_rom(MemoryRegion *mr, Object *owner,
                            const char *name, uint64_t size, Error **errp);
/* A ROM whose reads come from RAM and whose writes go to ops (flash). */
bool memory_region_init_rom_device(MemoryRegion *mr, Object *owner,
                                   const MemoryRegionOps *ops, void *opaque,
                                   const char *name, uint64_t size,
                                   Error **errp);
/* A window of `size` bytes onto orig from `offset`; orig must outlive it
 * (it is not referenced: an alias usually shares its target's owner). */
void memory_region_init_alias(MemoryRegion *mr, Object *owner,
                              const char *name, MemoryRegion *orig,
                              hwaddr offset, uint64_t size);

/*
 * Place subregion in mr at offset (priority 0, or the given one).  The
 * subregion must not be in a container already.  While it is, its owner
 * (or itself) is referenced, unless it has the container's owner.
 */
void memory_region_add_subregion(MemoryRegion *mr, hwaddr offset,
                                 MemoryRegion *subregion);
void memory_region_add_subregion_overlap(MemoryRegion *mr, hwaddr offset,
                                         MemoryRegion *subregion,
                                         int priority);
void memory_region_del_subregion(MemoryRegion *mr, MemoryRegion *subregion);
void memory_region_set_enabled(MemoryRegion *mr, bool enabled);
void memory_region_set_readonly(MemoryRegion *mr, bool readonly);
/* Move within the container (keeps the priority). */
void memory_region_set_address(MemoryRegion *mr, hwaddr addr);
void memory_region_set_alias_offset(MemoryRegion *mr, hwaddr offset);
/* New size (UINT64_MAX: 2^64); RAM regions cannot grow past their map. */
void memory_region_set_size(MemoryRegion *mr, uint64_t size);
/* The size, UINT64_MAX for 2^64. */
uint64_t memory_region_size(MemoryRegion *mr);
const char *memory_region_name(const MemoryRegion *mr);
/* RAM or ROM (not a ROM device, not an alias). */
bool memory_region_is_ram(MemoryRegion *mr);
/* ROM, or RAM made read-only. */
bool memory_region_is_rom(MemoryRegion *mr);
/* A ROM device (memory_region_init_rom_device()). */
bool memory_region_is_romd(MemoryRegion *mr);
/* Host pointer of a RAM/ROM/ROM-device region (alias: resolved), or NULL. */
void *memory_region_get_ram_ptr(MemoryRegion *mr);
/* Keep the region alive (its owner, or itself) / let it go. */
void memory_region_ref(MemoryRegion *mr);
void memory_region_unref(MemoryRegion *mr);
/* Batch several changes into one re-flattening. */
void memory_region_transaction_begin(void);
void memory_region_transaction_commit(void);

/* ---- dirty logging (display, migration) ---- */

/*
 * Turn logging on/off for client (DIRTY_MEMORY_VGA, _MIGRATION) on a RAM
 * region (an alias: its target).  Listeners see log_start/log_stop for the
 * ranges showing it.
 */
void memory_region_set_log(MemoryRegion *mr, bool log, unsigned client);
/* Mark [addr, addr+size) of a RAM region dirty for every logging client
 * (address_space_write() does this; KVM's log_sync too). */
void memory_region_set_dirty(MemoryRegion *mr, hwaddr addr, hwaddr size);
/* Ask the listeners (KVM) to bring the region's dirty bits up to date. */
void memory_region_sync_dirty_bitmap(MemoryRegion *mr);
/* Whether a page of [addr, addr+size) is dirty for client; clears them. */
bool memory_region_test_and_clear_dirty(MemoryRegion *mr, hwaddr addr,
                                        hwaddr size, unsigned client);

/* ---- address spaces ---- */

/*
 * Create "system" (2^64 container) and "io" (64 KiB, all-ones) and the
 * "memory" and "I/O" address spaces, once; the regions go under
 * /machine/unattached when /machine exists.  Call after creating
 * /machine (vl.c); the functions below call it on first use.
 */
void memory_map_init(void);
MemoryRegion *get_system_memory(void);
MemoryRegion *get_system_io(void);
extern AddressSpace address_space_memory;
extern AddressSpace address_space_io;
/* Flattens root at once; name NULL: "anonymous". */
void address_space_init(AddressSpace *as, MemoryRegion *root,
                        const char *name);
/* Unregisters the remaining listeners (they see region_del) and frees. */
void address_space_destroy(AddressSpace *as);

/*
 * The part of [addr, addr+size) (addr relative to root, which may be any
 * region inside an address space's tree) that the first mapped range at
 * or after addr covers; mr NULL and size 0 if nothing is mapped there.
 */
MemoryRegionSection memory_region_find(MemoryRegion *root, hwaddr addr,
                                       uint64_t size);
/* The whole flat range covering addr (mr NULL, size 0 if unmapped). */
MemoryRegionSection address_space_find(AddressSpace *as, hwaddr addr);

MemTxResult address_space_rw(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                             void *buf, hwaddr len, bool is_write);
MemTxResult address_space_read(AddressSpace *as, hwaddr addr,
                               MemTxAttrs attrs, void *buf, hwaddr len);
MemTxResult address_space_write(AddressSpace *as, hwaddr addr,
                                MemTxAttrs attrs, const void *buf, hwaddr len);
/* Write into RAM and ROM (firmware loading); I/O ranges are skipped. */
MemTxResult address_space_write_rom(AddressSpace *as, hwaddr addr,
                                    MemTxAttrs attrs, const void *buf,
                                    hwaddr len);
/* One access of 1/2/4/8 bytes (little-endian value); a refused or
 * unassigned load gives 0. */
MemTxResult address_space_load(AddressSpace *as, hwaddr addr, unsigned size,
                               uint64_t *val);
MemTxResult address_space_store(AddressSpace *as, hwaddr addr, unsigned size,
                                uint64_t val);
/*
 * Host pointer for [addr, addr+*plen) when it is RAM (readable ROM too
 * when !is_write); *plen shrinks to the contiguous part.  NULL if not RAM.
 * With is_write the range is marked dirty.  The pointer stays valid while
 * the region stays mapped (BQL held).
 */
void *address_space_map_ram(AddressSpace *as, hwaddr addr, hwaddr *plen,
                            bool is_write);

/*
 * Called after guest RAM at [addr, addr + len) of an address space was
 * written by anything but a vCPU's own stores (device DMA, firmware
 * loading, address_space_map_ram() for writing): the software CPU drops
 * the code it decoded from there.  NULL while nobody listens.
 */
extern void (*memory_ram_write_notify)(hwaddr addr, hwaddr len);

/* Loads and stores of one value, as the reference names them. */
static inline uint32_t address_space_ldub(AddressSpace *as, hwaddr addr,
                                          MemTxAttrs attrs, MemTxResult *r)
{
    uint64_t v;
    MemTxResult res = address_space_load(as, addr, 1, &v);

    if (r) {
        *r = res;
    }
    return v;
}

static inline uint32_t address_space_lduw(AddressSpace *as, hwaddr addr,
                                          MemTxAttrs attrs, MemTxResult *r)
{
    uint64_t v;
    MemTxResult res = address_space_load(as, addr, 2, &v);

    if (r) {
        *r = res;
    }
    return v;
}

static inline uint32_t address_space_ldl(AddressSpace *as, hwaddr addr,
                                         MemTxAttrs attrs, MemTxResult *r)
{
    uint64_t v;
    MemTxResult res = address_space_load(as, addr, 4, &v);

    if (r) {
        *r = res;
    }
    return v;
}

static inline uint64_t address_space_ldq(AddressSpace *as, hwaddr addr,
                                         MemTxAttrs attrs, MemTxResult *r)
{
    uint64_t v;
    MemTxResult res = address_space_load(as, addr, 8, &v);

    if (r) {
        *r = res;
    }
    return v;
}

static inline void address_space_stb(AddressSpace *as, hwaddr addr,
                                     uint32_t val, MemTxAttrs attrs,
                                     MemTxResult *r)
{
    MemTxResult res = address_space_store(as, addr, 1, val);

    if (r) {
        *r = res;
    }
}

static inline void address_space_stw(AddressSpace *as, hwaddr addr,
                                     uint32_t val, MemTxAttrs attrs,
                                     MemTxResult *r)
{
    MemTxResult res = address_space_store(as, addr, 2, val);

    if (r) {
        *r = res;
    }
}

static inline void address_space_stl(AddressSpace *as, hwaddr addr,
                                     uint32_t val, MemTxAttrs attrs,
                                     MemTxResult *r)
{
    MemTxResult res = address_space_store(as, addr, 4, val);

    if (r) {
        *r = res;
    }
}

static inline void address_space_stq(AddressSpace *as, hwaddr addr,
                                     uint64_t val, MemTxAttrs attrs,
                                     MemTxResult *r)
{
    MemTxResult res = address_space_store(as, addr, 8, val);

    if (r) {
        *r = res;
    }
}

/* ---- listeners ---- */

/* Register on as; the listener at once sees begin, region_add (and
 * log_start) for every current range, commit. */
void memory_listener_register(MemoryListener *listener, AddressSpace *as);
/* The reverse: begin, log_stop/region_del for every range, commit. */
void memory_listener_unregister(MemoryListener *listener);

/* ---- monitor and command line ---- */

/* info mtree [-f]: the tree (or the flat views) of every address space. */
void memory_print_mtree(GString *out, bool flatview);
/* The same with -o (owners and parents) and -D (disabled regions). */
void memory_print_mtree_full(GString *out, bool flatview, bool owner,
                             bool disabled);
/*
 * For info mtree -f: the accelerator's name ("KVM") and whether it maps
 * [addr, addr+size) of as; such ranges get " NAME" appended.  NULL to
 * remove.
 */
void memory_set_accel_has_memory(const char *name,
                                 bool (*has_memory)(AddressSpace *as,
                                                    hwaddr addr,
                                                    hwaddr size));
/*
 * Log refused and unassigned memory accesses, "Invalid read at addr 0x%X,
 * size N, region 'NAME', reason: ...", to the debug log (stderr or -D,
 * include/qemu/log.h).  They are logged when this is on or when the log
 * mask has LOG_GUEST_ERROR (-d guest_errors, HMP "log guest_errors").
 */
void memory_set_log_guest_errors(bool on);
/*
 * -mem-path PATH: the machine's default RAM backend becomes a
 * memory-backend-file on PATH (a directory: an unlinked temporary file in
 * it; otherwise that file, created if missing).  NULL: anonymous RAM.
 */
void memory_set_mem_path(const char *path);
/* -mem-prealloc: preallocate the machine's RAM (its backend's prealloc). */
void memory_set_mem_prealloc(bool on);

#endif
