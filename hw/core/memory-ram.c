/*
 * memory-ram.c: host memory behind RAM and ROM regions, dirty bitmaps,
 * and the machine's guest RAM (machine_alloc_ram()).
 *
 * Regions made with memory_region_init_ram/rom() (firmware, option ROMs,
 * video RAM) get anonymous private memory, advised as the reference
 * advises its RAM blocks: mergeable by KSM unless -machine mem-merge=off,
 * left out of core dumps with dump-guest-core=off, transparent huge pages
 * welcome, not inherited by children.
 *
 * The machine's main RAM is a memory backend, as on the reference: either
 * the one -machine memory-backend= names, or a default one the machine
 * makes at /objects/<default_ram_id> ("pc.ram"), memory-backend-ram, or
 * memory-backend-file on -mem-path.  The backend code (hw/core/hostmem*.c)
 * then does the mapping, the file handling, merge/dump advice and
 * -mem-prealloc, with the reference's messages.
 */
#include "qemu/osdep.h"
#include <sys/mman.h>
#include "hw/core/memory-internal.h"
#include "hw/core/machine-ram.h"
#include "hw/boards.h"
#include "sysemu/hostmem.h"

/* -mem-path and -mem-prealloc, set by vl.c. */
static char *mem_path;
static bool mem_prealloc;

void memory_set_mem_path(const char *path)
{
    g_free(mem_path);
    mem_path = g_strdup(path);
}

void memory_set_mem_prealloc(bool on)
{
    mem_prealloc = on;
}

/* The machine, if one exists (unit tests may have a bare /machine). */
static MachineState *machine_or_null(void)
{
    Object *obj = object_resolve_path("/machine", NULL);

    return obj && object_dynamic_cast(obj, TYPE_MACHINE) ? MACHINE(obj)
                                                          : NULL;
}

/* ---- host memory of RAM and ROM regions ---- */

bool memory_region_ram_alloc(MemoryRegion *mr, uint64_t size, Error **errp)
{
    MachineState *ms = machine_or_null();
    uint64_t page = (uint64_t)getpagesize();
    uint64_t len;
    void *ptr;

    if (size > UINT64_MAX - page || size > SIZE_MAX / 2) {
        error_setg_errno(errp, ENOMEM, "cannot set up guest memory '%s'",
                         mr->name ? mr->name : "");
        return false;
    }
    len = QEMU_ALIGN_UP(MAX(size, 1), page);
    ptr = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
               -1, 0);
    if (ptr == MAP_FAILED) {
        error_setg_errno(errp, errno, "cannot set up guest memory '%s'",
                         mr->name ? mr->name : "");
        return false;
    }
    /*
     * Advice is best effort (KSM or THP may be compiled out).  A fresh
     * anonymous mapping is not mergeable until advised, so mem-merge=off
     * needs no MADV_UNMERGEABLE here.
     */
    if (!ms || ms->mem_merge) {
        madvise(ptr, len, MADV_MERGEABLE);
    }
    if (ms && !ms->dump_guest_core) {
        madvise(ptr, len, MADV_DONTDUMP);
    }
    madvise(ptr, len, MADV_HUGEPAGE);
    madvise(ptr, len, MADV_DONTFORK);
    mr->ram_ptr = ptr;
    mr->ram_map_size = len;
    mr->ram_owned = true;
    return true;
}

void memory_region_ram_release(MemoryRegion *mr)
{
    unsigned i;

    if (mr->ram_owned && mr->ram_ptr) {
        munmap(mr->ram_ptr, mr->ram_map_size);
    }
    mr->ram_ptr = NULL;
    mr->ram_owned = false;
    for (i = 0; i < DIRTY_MEMORY_NUM; i++) {
        g_free(mr->dirty[i]);
        mr->dirty[i] = NULL;
    }
}

bool memory_region_init_ram(MemoryRegion *mr, Object *owner,
                            const char *name, uint64_t size, Error **errp)
{
    memory_region_do_init(mr, owner, name, size, MR_RAM);
    return memory_region_ram_alloc(mr, size, errp);
}

bool memory_region_init_rom(MemoryRegion *mr, Object *owner,
                            const char *name, uint64_t size, Error **errp)
{
    memory_region_do_init(mr, owner, name, size, MR_ROM);
    return memory_region_ram_alloc(mr, size, errp);
}

bool memory_region_init_rom_device(MemoryRegion *mr, Object *owner,
                                   const MemoryRegionOps *ops, void *opaque,
                                   const char *name, uint64_t size,
                                   Error **errp)
{
    memory_region_do_init(mr, owner, name, size, MR_ROM);
    mr->rom_device = true;
    mr->ops = ops;
    mr->opaque = opaque;
    return memory_region_ram_alloc(mr, size, errp);
}

bool memory_region_init_ram_from_backend(MemoryRegion *mr, Object *backend,
                                         Error **errp)
{
    const char *id = object_get_canonical_path_component(backend);
    char *name;

    if (!host_memory_backend_is_allocated(backend)) {
        error_setg(errp, "Memory backend '%s' is not ready",
                   id ? id : "");
        return false;
    }
    if (!host_memory_backend_claim(backend, errp)) {
        return false;
    }
    /* The reference names the RAM block after the backend: its id, or its
     * whole path when it asks for that. */
    if (object_property_get_bool(backend,
                                 "x-use-canonical-path-for-ramblock-id",
                                 NULL)) {
        name = object_get_canonical_path(backend);
    } else {
        name = g_strdup(id ? id : "");
    }
    memory_region_init_ram_ptr(mr, backend, name,
                               host_memory_backend_get_size(backend),
                               host_memory_backend_get_ptr(backend));
    mr->ram_fd = host_memory_backend_get_fd(backend);
    g_free(name);
    return true;
}

/* ---- dirty bitmaps ---- */

#define BITS_PER_LONG (8 * sizeof(unsigned long))

/* Pages [*first, *last] of mr that [addr, addr+size) touches; false if
 * none (empty or outside the region). */
static bool dirty_pages(MemoryRegion *mr, hwaddr addr, hwaddr size,
                        uint64_t *first, uint64_t *last)
{
    uint64_t rsize = memory_region_size(mr);

    if (!size || addr >= rsize) {
        return false;
    }
    size = MIN(size, rsize - addr);
    *first = addr / MEMORY_DIRTY_PAGE_SIZE;
    *last = (addr + size - 1) / MEMORY_DIRTY_PAGE_SIZE;
    return true;
}

void memory_region_set_dirty(MemoryRegion *mr, hwaddr addr, hwaddr size)
{
    uint64_t first, last, p;
    unsigned c;

    if (!mr->dirty_log_mask || !dirty_pages(mr, addr, size, &first, &last)) {
        return;
    }
    for (c = 0; c < DIRTY_MEMORY_NUM; c++) {
        if (!(mr->dirty_log_mask & (1u << c)) || !mr->dirty[c]) {
            continue;
        }
        for (p = first; p <= last; p++) {
            mr->dirty[c][p / BITS_PER_LONG] |= 1ul << (p % BITS_PER_LONG);
        }
    }
}

bool memory_region_test_and_clear_dirty(MemoryRegion *mr, hwaddr addr,
                                        hwaddr size, unsigned client)
{
    uint64_t first, last, p;
    bool dirty = false;

    while (mr->alias) {
        addr += mr->alias_offset;
        mr = mr->alias;
    }
    if (client >= DIRTY_MEMORY_NUM || !mr->dirty[client] ||
        !dirty_pages(mr, addr, size, &first, &last)) {
        return false;
    }
    for (p = first; p <= last; p++) {
        unsigned long bit = 1ul << (p % BITS_PER_LONG);
        unsigned long *word = &mr->dirty[client][p / BITS_PER_LONG];

        if (*word & bit) {
            dirty = true;
            *word &= ~bit;
        }
    }
    return dirty;
}

/* ---- the machine's RAM ---- */

/* The default backend the reference makes for the machine's RAM. */
static Object *create_default_backend(MachineState *ms, Error **errp)
{
    MachineClass *mc = MACHINE_GET_CLASS(ms);
    const char *id = mc->default_ram_id ? mc->default_ram_id : "ram";
    json_t *props = json_object();
    QomInputMode saved;
    Object *backend;

    json_object_set_new(props, "size", qom_json_uint(ms->ram_size));
    if (mem_path) {
        json_object_set_new(props, "mem-path", json_string(mem_path));
    }
    if (mem_prealloc) {
        json_object_set_new(props, "prealloc", json_true());
    }
    saved = qom_input_mode_set(QOM_INPUT_TYPED);
    backend = user_creatable_add_type(mem_path ? TYPE_MEMORY_BACKEND_FILE
                                               : TYPE_MEMORY_BACKEND_RAM,
                                      id, props, errp);
    qom_input_mode_set(saved);
    json_decref(props);
    return backend;
}

bool machine_alloc_ram(MachineState *ms, MemoryRegion *ram, Error **errp)
{
    Object *backend = ms->ram_backend;

    if (backend) {
        if (mem_path) {
            /* The reference's text, missing space included. */
            error_setg(errp, "'-mem-path' can't be used together with"
                       "'-machine memory-backend'");
            return false;
        }
        /* -mem-prealloc applies to the backend the user gave, too. */
        if (mem_prealloc &&
            !object_property_set_bool(backend, "prealloc", true, errp)) {
            return false;
        }
    } else {
        if (!ms->ram_size) {
            return true;
        }
        backend = create_default_backend(ms, errp);
        if (!backend) {
            return false;
        }
        ms->ram_backend = backend;
    }
    return memory_region_init_ram_from_backend(ram, backend, errp);
}
