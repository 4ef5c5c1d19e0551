/*
 * hostmem-memfd.c: memory-backend-memfd, guest RAM in an anonymous memfd.
 * The descriptor can be handed to another process (vhost-user back-ends),
 * hence share=on by default; hugetlb=on puts it on huge pages
 * (hugetlbsize picks the size, else the system default), and seal=on (the
 * default) forbids growing and shrinking it.
 */
#include "qemu/osdep.h"
#include <sys/mman.h>
#include <linux/memfd.h>
#include "hw/core/hostmem-internal.h"

typedef struct MemfdBackend {
    HostMemoryBackend parent_obj;
    bool hugetlb;
    uint64_t hugetlbsize;
    bool seal;
} MemfdBackend;

#define MEMFD_BACKEND(obj) \
    OBJECT_CHECK(MemfdBackend, (obj), TYPE_MEMORY_BACKEND_MEMFD)

/* The memfd with its size and seals, or -1 with QEMU's error texts. */
static int memfd_backend_create(MemfdBackend *m, Error **errp)
{
    uint64_t size = m->parent_obj.size;
    unsigned int flags = MFD_CLOEXEC;
    unsigned int seals = 0;
    int shift = m->hugetlbsize ? __builtin_ctzll(m->hugetlbsize) : 0;
    int fd;

    /* The kernel takes log2 of the huge page size in the flags. */
    if (shift && (UINT64_C(1) << shift) != m->hugetlbsize) {
        error_setg(errp, "Hugepage size must be a power of 2");
        return -1;
    }
    if (m->seal) {
        seals = F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL;
        flags |= MFD_ALLOW_SEALING;
    }
    if (m->hugetlb) {
        flags |= MFD_HUGETLB | ((unsigned int)shift << MFD_HUGE_SHIFT);
    }
    fd = memfd_create(TYPE_MEMORY_BACKEND_MEMFD, flags);
    if (fd < 0) {
        error_setg_errno(errp, errno, "failed to create memfd with flags 0x%x",
                         flags);
        return -1;
    }
    if (size > INT64_MAX || ftruncate(fd, (off_t)size) < 0) {
        error_setg_errno(errp, size > INT64_MAX ? EFBIG : errno,
                         "failed to resize memfd to %" PRIu64, size);
        close(fd);
        return -1;
    }
    if (seals && fcntl(fd, F_ADD_SEALS, seals) < 0) {
        error_setg_errno(errp, errno, "failed to add seals 0x%x", seals);
        close(fd);
        return -1;
    }
    return fd;
}

static bool memfd_backend_alloc(HostMemoryBackend *backend, Error **errp)
{
    int fd = memfd_backend_create(MEMFD_BACKEND(backend), errp);

    if (fd < 0) {
        return false;
    }
    if (!hostmem_map_fd(backend, fd, 0, false, false, errp)) {
        close(fd);
        return false;
    }
    return true;
}

/* ---- properties ---- */

static bool memfd_backend_get_hugetlb(Object *obj, Error **errp)
{
    return MEMFD_BACKEND(obj)->hugetlb;
}

static void memfd_backend_set_hugetlb(Object *obj, bool value, Error **errp)
{
    MEMFD_BACKEND(obj)->hugetlb = value;
}

static json_t *memfd_backend_get_hugetlbsize(Object *obj, ObjectProperty *prop,
                                             Error **errp)
{
    return qom_json_uint(MEMFD_BACKEND(obj)->hugetlbsize);
}

static bool memfd_backend_set_hugetlbsize(Object *obj, ObjectProperty *prop,
                                          json_t *value, Error **errp)
{
    uint64_t v;

    if (host_memory_backend_is_allocated(obj)) {
        error_setg(errp, "cannot change property value");
        return false;
    }
    if (!qom_parse_size(prop->name, value, &v, errp)) {
        return false;
    }
    if (!v) {
        error_setg(errp, "Property '%s.%s' doesn't take value '%" PRIu64 "'",
                   object_get_typename(obj), prop->name, v);
        return false;
    }
    MEMFD_BACKEND(obj)->hugetlbsize = v;
    return true;
}

static bool memfd_backend_get_seal(Object *obj, Error **errp)
{
    return MEMFD_BACKEND(obj)->seal;
}

static void memfd_backend_set_seal(Object *obj, bool value, Error **errp)
{
    MEMFD_BACKEND(obj)->seal = value;
}

static void memfd_backend_instance_init(Object *obj)
{
    MemfdBackend *m = MEMFD_BACKEND(obj);

    m->seal = true;
    m->parent_obj.share = true;
}

static void memfd_backend_class_init(ObjectClass *oc, void *data)
{
    HostMemoryBackendClass *bc = MEMORY_BACKEND_CLASS(oc);

    bc->alloc = memfd_backend_alloc;

    object_class_property_add_bool(oc, "hugetlb", memfd_backend_get_hugetlb,
                                   memfd_backend_set_hugetlb);
    object_class_property_set_description(oc, "hugetlb", "Use huge pages");
    object_class_property_add(oc, "hugetlbsize", "int",
                              memfd_backend_get_hugetlbsize,
                              memfd_backend_set_hugetlbsize, NULL, NULL);
    object_class_property_set_description(oc, "hugetlbsize",
        "Huge pages size (ex: 2M, 1G)");
    object_class_property_add_bool(oc, "seal", memfd_backend_get_seal,
                                   memfd_backend_set_seal);
    object_class_property_set_description(oc, "seal",
        "Seal growing & shrinking");
}

static const TypeInfo memfd_backend_info = {
    .name = TYPE_MEMORY_BACKEND_MEMFD,
    .parent = TYPE_MEMORY_BACKEND,
    .class_init = memfd_backend_class_init,
    .instance_size = sizeof(MemfdBackend),
    .instance_init = memfd_backend_instance_init,
};

static void memfd_backend_register_types(void)
{
    type_register_static(&memfd_backend_info);
}
type_init(memfd_backend_register_types)
