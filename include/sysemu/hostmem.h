/*
 * hostmem.h: host memory backends (-object memory-backend-*).
 *
 * A memory backend is a user-creatable object that owns one block of host
 * memory meant to become guest RAM: the board maps it into the guest's
 * physical address space (-machine memory-backend=ID, later -numa
 * node,memdev=ID and memory devices).  The abstract type "memory-backend"
 * carries the properties all kinds share (size, merge, dump, prealloc,
 * share, reserve, NUMA binding); each concrete type says where the memory
 * comes from:
 *   memory-backend-ram    anonymous memory (mmap MAP_ANONYMOUS);
 *   memory-backend-file   a file, or an unlinked temporary file when
 *                         mem-path names a directory (hugetlbfs, DAX);
 *   memory-backend-memfd  an anonymous memfd (shareable by descriptor with
 *                         vhost-user back-ends), optionally on huge pages
 *                         and sealed against resizing.
 * The memory is mapped when the object is completed (the end of -object /
 * object-add), with QEMU 7.2's property checks and error texts.  A board
 * then claims the backend (a backend serves one user only) and reads its
 * address, size and descriptor through the functions below.
 */
#ifndef SYSEMU_HOSTMEM_H
#define SYSEMU_HOSTMEM_H

#include "qom/object.h"

#define TYPE_MEMORY_BACKEND "memory-backend"
#define TYPE_MEMORY_BACKEND_RAM "memory-backend-ram"
#define TYPE_MEMORY_BACKEND_FILE "memory-backend-file"
#define TYPE_MEMORY_BACKEND_MEMFD "memory-backend-memfd"

/* Host NUMA nodes a backend can be bound to: 0 .. HOSTMEM_MAX_NODES - 1. */
#define HOSTMEM_MAX_NODES 128

/* The "policy" property; the values equal Linux's MPOL_* modes. */
typedef enum HostMemPolicy {
    HOST_MEM_POLICY_DEFAULT,
    HOST_MEM_POLICY_PREFERRED,
    HOST_MEM_POLICY_BIND,
    HOST_MEM_POLICY_INTERLEAVE,
    HOST_MEM_POLICY__MAX,
} HostMemPolicy;

/* "default", "preferred", "bind", "interleave", NULL. */
extern const char *const HostMemPolicy_lookup[];

/* Whether obj is a memory backend whose memory is mapped (completed). */
bool host_memory_backend_is_allocated(Object *obj);
/* The host address of the memory, or NULL before completion. */
void *host_memory_backend_get_ptr(Object *obj);
/* The "size" property: the number of bytes the guest sees. */
uint64_t host_memory_backend_get_size(Object *obj);
/*
 * The descriptor behind the memory (file and memfd backends), or -1 for
 * anonymous memory.  The backend keeps ownership: dup() it to keep it.
 */
int host_memory_backend_get_fd(Object *obj);
/* The page size of the memory (the huge page size on hugetlbfs). */
uint64_t host_memory_backend_get_page_size(Object *obj);

/*
 * Whether a user (the machine's RAM, a NUMA node, a memory device) has
 * taken the backend.  A mapped backend cannot be deleted with object-del
 * ("object 'ID' is in use, can not be deleted").
 */
bool host_memory_backend_is_mapped(Object *obj);
void host_memory_backend_set_mapped(Object *obj, bool mapped);
/*
 * Take the backend for one user: fails, as QEMU does, with "memory backend
 * ID can't be used multiple times." if another user has it; otherwise
 * marks it mapped.
 */
bool host_memory_backend_claim(Object *obj, Error **errp);

/*
 * The memory backend /objects/ID, or NULL with QEMU's "Memory backend 'ID'
 * not found" when there is none (or it is no memory backend).
 */
Object *host_memory_backend_find(const char *id, Error **errp);

#endif
