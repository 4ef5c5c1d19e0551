/*
 * hostmem-ram.c: memory-backend-ram, guest RAM from anonymous memory
 * (private by default; share=on makes it MAP_SHARED so that a child or a
 * fork-based helper could see it).
 */
#include "qemu/osdep.h"
#include <sys/mman.h>
#include "hw/core/hostmem-internal.h"

static bool ram_backend_alloc(HostMemoryBackend *backend, Error **errp)
{
    uint64_t page = (uint64_t)getpagesize();
    int flags = MAP_ANONYMOUS | (backend->share ? MAP_SHARED : MAP_PRIVATE);
    uint64_t size;
    void *ptr;
    char *name;

    if (!backend->reserve) {
        flags |= MAP_NORESERVE;
    }
    size = backend->size > UINT64_MAX - page ? 0
                                             : QEMU_ALIGN_UP(backend->size,
                                                             page);
    ptr = hostmem_mmap_aligned(-1, size, 2 * MiB, PROT_READ | PROT_WRITE,
                               flags);
    if (ptr == MAP_FAILED) {
        /* QEMU reports the RAM block by the backend's region name. */
        name = hostmem_region_name(backend);
        error_setg_errno(errp, errno ? errno : ENOMEM,
                         "cannot set up guest memory '%s'", name);
        g_free(name);
        return false;
    }
    backend->ptr = ptr;
    backend->map_size = size;
    backend->page_size = page;
    backend->fd = -1;
    return true;
}

static void ram_backend_class_init(ObjectClass *oc, void *data)
{
    HostMemoryBackendClass *bc = MEMORY_BACKEND_CLASS(oc);

    bc->alloc = ram_backend_alloc;
}

static const TypeInfo ram_backend_info = {
    .name = TYPE_MEMORY_BACKEND_RAM,
    .parent = TYPE_MEMORY_BACKEND,
    .class_init = ram_backend_class_init,
};

static void ram_backend_register_types(void)
{
    type_register_static(&ram_backend_info);
}
type_init(ram_backend_register_types)
