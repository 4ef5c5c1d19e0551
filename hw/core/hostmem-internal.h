/*
 * hostmem-internal.h: what the memory backend types share (hw/core/
 * hostmem*.c): the object and class structs and the mapping helpers.
 * Users of backends go through include/sysemu/hostmem.h instead.
 */
#ifndef HW_CORE_HOSTMEM_INTERNAL_H
#define HW_CORE_HOSTMEM_INTERNAL_H

#include "sysemu/hostmem.h"

/* One bit per host node, plus one: mbind() wants maxnode + 1 bits. */
#define HOSTMEM_NODE_WORDS ((HOSTMEM_MAX_NODES + 1 + 63) / 64)

typedef struct HostMemoryBackend {
    Object parent_obj;

    /* properties */
    uint64_t size;              /* 0: not set */
    bool merge;
    bool dump;
    bool prealloc;
    bool share;
    bool reserve;
    bool use_canonical_path;
    uint32_t prealloc_threads;
    Object *prealloc_context;
    HostMemPolicy policy;
    uint64_t host_nodes[HOSTMEM_NODE_WORDS];

    /* the memory, once completed */
    void *ptr;
    uint64_t map_size;          /* size rounded up to whole pages */
    uint64_t page_size;
    int fd;                     /* -1: anonymous memory */
    bool readonly;              /* mapped without PROT_WRITE */
    bool mapped;                /* claimed by a user */
} HostMemoryBackend;

typedef struct HostMemoryBackendClass {
    ObjectClass parent_class;
    /*
     * Required properties of the concrete type, checked after "size"
     * ("Parameter 'mem-path' is missing").  NULL: none.
     */
    bool (*check)(HostMemoryBackend *backend, Error **errp);
    /* Map the memory: set ptr, map_size, page_size and fd. */
    bool (*alloc)(HostMemoryBackend *backend, Error **errp);
} HostMemoryBackendClass;

#define MEMORY_BACKEND(obj) \
    OBJECT_CHECK(HostMemoryBackend, (obj), TYPE_MEMORY_BACKEND)
#define MEMORY_BACKEND_CLASS(klass) \
    OBJECT_CLASS_CHECK(HostMemoryBackendClass, (klass), TYPE_MEMORY_BACKEND)
#define MEMORY_BACKEND_GET_CLASS(obj) \
    OBJECT_GET_CLASS(HostMemoryBackendClass, (obj), TYPE_MEMORY_BACKEND)

/* The memory region name QEMU gives the backend: its id, or its canonical
 * path with x-use-canonical-path-for-ramblock-id=on; g_free() it. */
char *hostmem_region_name(HostMemoryBackend *backend);

/*
 * mmap(2) len bytes of fd at offset 0 (anonymous memory for fd < 0) at an
 * address that is a multiple of align (a power of two, at least the page
 * size).  prot and flags as for mmap; MAP_FIXED is added.  Returns
 * MAP_FAILED with errno set (ENOMEM when len + align overflows).
 */
void *hostmem_mmap_aligned(int fd, uint64_t len, uint64_t align, int prot,
                           int flags);

/*
 * Map a file or memfd the way QEMU maps RAM from a descriptor: page size
 * from the file system (huge pages on hugetlbfs), QEMU's checks of the
 * file size ("backing store size ... does not match 'size' option ..."),
 * of align and of the size against the page size; truncate=true grows an
 * empty file to the size.  On success sets backend->ptr, map_size,
 * page_size and fd (taking ownership of fd); on failure the caller still
 * owns fd.
 */
bool hostmem_map_fd(HostMemoryBackend *backend, int fd, uint64_t align,
                    bool readonly, bool pmem, Error **errp);

/* Whether x is a power of two (0 is not). */
static inline bool hostmem_is_pow2(uint64_t x)
{
    return x && !(x & (x - 1));
}

#endif
