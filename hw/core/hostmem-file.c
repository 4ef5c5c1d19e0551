/*
 * hostmem-file.c: memory-backend-file, guest RAM from a file: a regular or
 * DAX file to keep or share the contents, a file on hugetlbfs for huge
 * pages, or (mem-path naming a directory) an unlinked temporary file there.
 * share=on maps it MAP_SHARED, so writes reach the file; the default
 * private mapping keeps them in the process.
 */
#include "qemu/osdep.h"
#include <sys/mman.h>
#include "hw/core/hostmem-internal.h"

#define TYPE_FILE_BACKEND TYPE_MEMORY_BACKEND_FILE

typedef struct FileBackend {
    HostMemoryBackend parent_obj;
    char *mem_path;
    uint64_t align;
    bool discard_data;
    bool pmem;
    bool readonly;
} FileBackend;

#define FILE_BACKEND(obj) OBJECT_CHECK(FileBackend, (obj), TYPE_FILE_BACKEND)

/* open(2) retries (EINTR, or a file that appears or vanishes meanwhile)
 * before giving up. */
#define FILE_OPEN_TRIES 100

/*
 * Open path for guest RAM: an existing file as it is, a missing one
 * created (*created set), a directory gets a temporary file that is
 * unlinked at once, named after the region as QEMU names it.
 */
static int file_backend_open(const char *path, const char *region,
                             bool readonly, bool *created, Error **errp)
{
    int tries;

    *created = false;
    for (tries = 0; tries < FILE_OPEN_TRIES; tries++) {
        int fd = open(path, (readonly ? O_RDONLY : O_RDWR) | O_CLOEXEC);

        if (fd >= 0) {
            return fd;
        }
        if (errno == ENOENT) {
            fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
            if (fd >= 0) {
                *created = true;
                return fd;
            }
        } else if (errno == EISDIR) {
            char *safe = g_strdelimit(g_strdup(region), "/", '_');
            char *name = g_strdup_printf("%s/qemu_back_mem.%s.XXXXXX", path,
                                         safe);

            fd = mkostemp(name, O_CLOEXEC);
            if (fd >= 0) {
                unlink(name);
            }
            g_free(name);
            g_free(safe);
            if (fd >= 0) {
                return fd;
            }
        }
        if (errno != EEXIST && errno != EINTR) {
            break;
        }
    }
    error_setg_errno(errp, errno, "can't open backing store %s for guest RAM",
                     path);
    return -1;
}

static bool file_backend_check(HostMemoryBackend *backend, Error **errp)
{
    if (!FILE_BACKEND(backend)->mem_path) {
        error_setg(errp, "Parameter 'mem-path' is missing");
        return false;
    }
    return true;
}

static bool file_backend_alloc(HostMemoryBackend *backend, Error **errp)
{
    FileBackend *fb = FILE_BACKEND(backend);
    char *region = hostmem_region_name(backend);
    bool created;
    int fd;

    fd = file_backend_open(fb->mem_path, region, fb->readonly, &created,
                           errp);
    g_free(region);
    if (fd < 0) {
        return false;
    }
    if (!hostmem_map_fd(backend, fd, fb->align, fb->readonly, fb->pmem,
                        errp)) {
        if (created) {
            unlink(fb->mem_path);
        }
        close(fd);
        return false;
    }
    return true;
}

/* ---- properties ---- */

static bool file_backend_mapped(Object *obj)
{
    return host_memory_backend_is_allocated(obj);
}

static char *file_backend_get_mem_path(Object *obj, Error **errp)
{
    return g_strdup(FILE_BACKEND(obj)->mem_path);
}

static void file_backend_set_mem_path(Object *obj, const char *value,
                                      Error **errp)
{
    FileBackend *fb = FILE_BACKEND(obj);

    if (file_backend_mapped(obj)) {
        error_setg(errp, "cannot change property 'mem-path' of %s",
                   object_get_typename(obj));
        return;
    }
    g_free(fb->mem_path);
    fb->mem_path = g_strdup(value);
}

static bool file_backend_get_discard(Object *obj, Error **errp)
{
    return FILE_BACKEND(obj)->discard_data;
}

static void file_backend_set_discard(Object *obj, bool value, Error **errp)
{
    FILE_BACKEND(obj)->discard_data = value;
}

static json_t *file_backend_get_align(Object *obj, ObjectProperty *prop,
                                      Error **errp)
{
    return qom_json_uint(FILE_BACKEND(obj)->align);
}

static bool file_backend_set_align(Object *obj, ObjectProperty *prop,
                                   json_t *value, Error **errp)
{
    uint64_t v;

    if (file_backend_mapped(obj)) {
        error_setg(errp, "cannot change property '%s' of %s", prop->name,
                   object_get_typename(obj));
        return false;
    }
    if (!qom_parse_size(prop->name, value, &v, errp)) {
        return false;
    }
    FILE_BACKEND(obj)->align = v;
    return true;
}

static bool file_backend_get_pmem(Object *obj, Error **errp)
{
    return FILE_BACKEND(obj)->pmem;
}

static void file_backend_set_pmem(Object *obj, bool value, Error **errp)
{
    if (file_backend_mapped(obj)) {
        error_setg(errp, "cannot change property 'pmem' of %s.",
                   object_get_typename(obj));
        return;
    }
    FILE_BACKEND(obj)->pmem = value;
}

static bool file_backend_get_readonly(Object *obj, Error **errp)
{
    return FILE_BACKEND(obj)->readonly;
}

static void file_backend_set_readonly(Object *obj, bool value, Error **errp)
{
    if (file_backend_mapped(obj)) {
        error_setg(errp, "cannot change property 'readonly' of %s.",
                   object_get_typename(obj));
        return;
    }
    FILE_BACKEND(obj)->readonly = value;
}

/* ---- life cycle ---- */

/* discard-data=on: the contents are not wanted after exit, so give the
 * pages back to the file system instead of writing them out. */
static void file_backend_finalize(Object *obj)
{
    FileBackend *fb = FILE_BACKEND(obj);
    HostMemoryBackend *backend = &fb->parent_obj;

    if (fb->discard_data && backend->ptr) {
        madvise(backend->ptr, backend->map_size, MADV_REMOVE);
    }
    g_free(fb->mem_path);
}

static void file_backend_class_init(ObjectClass *oc, void *data)
{
    HostMemoryBackendClass *bc = MEMORY_BACKEND_CLASS(oc);

    bc->check = file_backend_check;
    bc->alloc = file_backend_alloc;

    object_class_property_add_bool(oc, "discard-data",
                                   file_backend_get_discard,
                                   file_backend_set_discard);
    object_class_property_add_str(oc, "mem-path", file_backend_get_mem_path,
                                  file_backend_set_mem_path);
    object_class_property_add(oc, "align", "int", file_backend_get_align,
                              file_backend_set_align, NULL, NULL);
    object_class_property_add_bool(oc, "pmem", file_backend_get_pmem,
                                   file_backend_set_pmem);
    object_class_property_add_bool(oc, "readonly", file_backend_get_readonly,
                                   file_backend_set_readonly);
}

static const TypeInfo file_backend_info = {
    .name = TYPE_MEMORY_BACKEND_FILE,
    .parent = TYPE_MEMORY_BACKEND,
    .class_init = file_backend_class_init,
    .instance_size = sizeof(FileBackend),
    .instance_finalize = file_backend_finalize,
};

static void file_backend_register_types(void)
{
    type_register_static(&file_backend_info);
}
type_init(file_backend_register_types)
