/*
 * hostmem.c: "memory-backend", the abstract base of the host memory
 * backends (see include/sysemu/hostmem.h): the shared properties, the
 * completion that maps the memory and applies merge/dump/NUMA/prealloc,
 * mapping helpers for the concrete types, and the API boards use.
 *
 * Property names, types, descriptions, defaults and error texts are QEMU
 * 7.2's: management tools create backends with them and read them back
 * (query-memdev, qom-get).
 */
#include "qemu/osdep.h"
#include <sys/mman.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <linux/magic.h>
#include <linux/mempolicy.h>
#include "hw/core/hostmem-internal.h"
#include "hw/boards.h"
#include "qemu/option.h"

const char *const HostMemPolicy_lookup[] = {
    "default", "preferred", "bind", "interleave", NULL,
};

/* Anonymous RAM is aligned for transparent huge pages, as QEMU does. */
#define HOSTMEM_ANON_ALIGN (2 * MiB)
/* Preallocation never uses more threads than this. */
#define HOSTMEM_PREALLOC_MAX_THREADS 16

static uint64_t host_page_size(void)
{
    return (uint64_t)getpagesize();
}

/* ---- mapping helpers ---- */

char *hostmem_region_name(HostMemoryBackend *backend)
{
    const char *id;

    if (backend->use_canonical_path) {
        return object_get_canonical_path(OBJECT(backend));
    }
    id = object_get_canonical_path_component(OBJECT(backend));
    return g_strdup(id ? id : "");
}

void *hostmem_mmap_aligned(int fd, uint64_t len, uint64_t align, int prot,
                           int flags)
{
    uint64_t total;
    uintptr_t base, start;
    void *area, *ptr;
    int saved;

    if (!len || len > SIZE_MAX - align || len + align > SIZE_MAX / 2) {
        errno = ENOMEM;
        return MAP_FAILED;
    }
    /*
     * Reserve len + align bytes of address space, then map the memory at
     * the first aligned address inside and give back the rest.
     */
    total = len + align;
    area = mmap(NULL, total, PROT_NONE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (area == MAP_FAILED) {
        return MAP_FAILED;
    }
    base = (uintptr_t)area;
    start = (base + align - 1) & ~(uintptr_t)(align - 1);
    ptr = mmap((void *)start, len, prot, flags | MAP_FIXED, fd, 0);
    if (ptr == MAP_FAILED) {
        saved = errno;
        munmap(area, total);
        errno = saved;
        return MAP_FAILED;
    }
    if (start > base) {
        munmap(area, start - base);
    }
    if (base + total > start + len) {
        munmap((void *)(start + len), base + total - (start + len));
    }
    return ptr;
}

/* The page size of the file system behind fd (huge pages on hugetlbfs). */
static uint64_t fd_page_size(int fd)
{
    struct statfs fs;
    int ret;

    do {
        ret = fstatfs(fd, &fs);
    } while (ret < 0 && errno == EINTR);
    if (ret == 0 && fs.f_type == HUGETLBFS_MAGIC) {
        return fs.f_bsize;
    }
    return host_page_size();
}

/* QEMU's notice when MAP_SYNC is refused for pmem=on. */
static void warn_no_persistence(int fd)
{
    char *link = g_strdup_printf("/proc/self/fd/%d", fd);
    char name[PATH_MAX];
    ssize_t len = readlink(link, name, sizeof(name) - 1);

    name[len < 0 ? 0 : len] = '\0';
    fprintf(stderr, "Warning: requesting persistence across crashes for "
            "backend file %s failed. Proceeding without persistence, data "
            "might become corrupted in case of host crash.\n", name);
    g_free(link);
}

bool hostmem_map_fd(HostMemoryBackend *backend, int fd, uint64_t align,
                    bool readonly, bool pmem, Error **errp)
{
    uint64_t hpage = host_page_size();
    uint64_t size, page_size;
    off_t file_size;
    int prot = readonly ? PROT_READ : PROT_READ | PROT_WRITE;
    int flags = backend->share ? MAP_SHARED : MAP_PRIVATE;
    void *ptr;

    if (backend->size > UINT64_MAX - hpage) {
        error_setg_errno(errp, ENOMEM,
                         "unable to map backing store for guest RAM");
        return false;
    }
    size = QEMU_ALIGN_UP(backend->size, hpage);
    file_size = lseek(fd, 0, SEEK_END);
    if (file_size > 0 && (uint64_t)file_size < size) {
        error_setg(errp, "backing store size 0x%" PRIx64 " does not match "
                   "'size' option 0x%" PRIx64, (uint64_t)file_size, size);
        return false;
    }
    page_size = fd_page_size(fd);
    if (align % page_size) {
        error_setg(errp, "alignment 0x%" PRIx64 " must be multiples of page "
                   "size 0x%" PRIx64, align, page_size);
        return false;
    }
    if (align && !hostmem_is_pow2(align)) {
        error_setg(errp, "alignment 0x%" PRIx64 " must be a power of two",
                   align);
        return false;
    }
    align = MAX(align, page_size);
    if (size < page_size) {
        error_setg(errp, "memory size 0x%" PRIx64 " must be equal to or "
                   "larger than page size 0x%" PRIx64, size, page_size);
        return false;
    }
    if (size > UINT64_MAX - page_size) {
        error_setg_errno(errp, ENOMEM,
                         "unable to map backing store for guest RAM");
        return false;
    }
    size = QEMU_ALIGN_UP(size, page_size);
    /*
     * Only an empty (new) file is grown: a file with contents keeps its
     * size, whatever is at its end stays there.  As in QEMU a failure is
     * only reported: hugetlbfs on old kernels refuses ftruncate, and a real
     * problem makes the mmap below fail anyway.
     */
    if (file_size == 0 && ftruncate(fd, (off_t)size) < 0) {
        fprintf(stderr, "ftruncate: %s\n", strerror(errno));
    }
    if (!backend->reserve) {
        flags |= MAP_NORESERVE;
    }
    ptr = MAP_FAILED;
    if (pmem && backend->share) {
        /* Synchronous page faults make writes persistent on DAX files. */
        ptr = hostmem_mmap_aligned(fd, size, align, prot,
                                   (flags & ~MAP_SHARED) |
                                   MAP_SHARED_VALIDATE | MAP_SYNC);
        if (ptr == MAP_FAILED && errno == EOPNOTSUPP) {
            warn_no_persistence(fd);
            warn_report("Using non DAX backing file with 'pmem=on' option "
                        "is deprecated");
        }
    }
    if (ptr == MAP_FAILED) {
        ptr = hostmem_mmap_aligned(fd, size, align, prot, flags);
    }
    if (ptr == MAP_FAILED) {
        error_setg_errno(errp, errno,
                         "unable to map backing store for guest RAM");
        return false;
    }
    backend->ptr = ptr;
    backend->map_size = size;
    backend->page_size = page_size;
    backend->fd = fd;
    backend->readonly = readonly;
    return true;
}

/* ---- preallocation ---- */

typedef struct PreallocJob {
    char *start;
    uint64_t len;
    uint64_t page_size;
    int advice;                 /* MADV_POPULATE_*, or 0: touch pages */
    bool readonly;              /* touch by reading only */
    int err;                    /* errno of a failure */
} PreallocJob;

static gpointer prealloc_worker(gpointer opaque)
{
    PreallocJob *job = opaque;
    uint64_t off;

    if (job->advice) {
        /* The kernel faults the pages in and reports failures (no
         * SIGBUS when a huge page pool runs dry). */
        while (madvise(job->start, job->len, job->advice) < 0) {
            if (errno != EINTR) {
                job->err = errno;
                break;
            }
        }
        return NULL;
    }
    for (off = 0; off < job->len; off += job->page_size) {
        volatile char *p = job->start + off;
        char c = *p;

        if (!job->readonly) {
            *p = c;
        }
    }
    return NULL;
}

/* How many threads: no more than asked, than host CPUs (at most 16), than
 * pages, and about one per 64 MiB so that small areas take one. */
static unsigned prealloc_thread_count(uint64_t len, uint64_t page_size,
                                      uint32_t max_threads)
{
    uint64_t n = MAX(max_threads, 1);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);

    if (cpus > 0) {
        n = MIN(n, (uint64_t)MIN(cpus, HOSTMEM_PREALLOC_MAX_THREADS));
    }
    n = MIN(n, len / page_size);
    n = MIN(n, MAX(1, len / (64 * MiB)));
    return (unsigned)MAX(n, 1);
}

static bool hostmem_prealloc(HostMemoryBackend *backend, Error **errp)
{
    uint64_t pages = backend->map_size / backend->page_size;
    unsigned n = prealloc_thread_count(backend->map_size, backend->page_size,
                                       backend->prealloc_threads);
    int advice = backend->readonly ? MADV_POPULATE_READ : MADV_POPULATE_WRITE;
    PreallocJob *jobs = g_new0(PreallocJob, n);
    GThread **threads = g_new0(GThread *, n);
    uint64_t done = 0;
    int err = 0;
    unsigned i;

    /* Kernels before 5.14 lack MADV_POPULATE_*: touch every page then
     * (reading only, for a read-only mapping). */
    if (madvise(backend->ptr, backend->page_size, advice) < 0 &&
        errno == EINVAL) {
        advice = 0;
    }
    for (i = 0; i < n; i++) {
        uint64_t count = pages / n + (i < pages % n);

        jobs[i].start = (char *)backend->ptr + done * backend->page_size;
        jobs[i].len = count * backend->page_size;
        jobs[i].page_size = backend->page_size;
        jobs[i].advice = advice;
        jobs[i].readonly = backend->readonly;
        done += count;
        if (n > 1) {
            threads[i] = g_thread_new("hostmem-prealloc", prealloc_worker,
                                      &jobs[i]);
        } else {
            prealloc_worker(&jobs[i]);
        }
    }
    for (i = 0; i < n; i++) {
        if (threads[i]) {
            g_thread_join(threads[i]);
        }
        if (jobs[i].err && !err) {
            err = jobs[i].err;
        }
    }
    g_free(threads);
    g_free(jobs);
    if (err) {
        error_setg_errno(errp, err,
                         "qemu_prealloc_mem: preallocating memory failed");
        return false;
    }
    return true;
}

/* ---- NUMA binding ---- */

static int host_nodes_last(const HostMemoryBackend *backend)
{
    int i;

    for (i = HOSTMEM_MAX_NODES - 1; i >= 0; i--) {
        if (backend->host_nodes[i / 64] & (UINT64_C(1) << (i % 64))) {
            return i;
        }
    }
    return -1;
}

static bool hostmem_bind(HostMemoryBackend *backend, Error **errp)
{
    int last = host_nodes_last(backend);
    unsigned long mask[HOSTMEM_NODE_WORDS];
    long ret;
    int i;

    if (last < 0) {
        if (backend->policy != HOST_MEM_POLICY_DEFAULT) {
            error_setg(errp, "host-nodes must be set for policy %s",
                       HostMemPolicy_lookup[backend->policy]);
            return false;
        }
        return true;
    }
    if (backend->policy == HOST_MEM_POLICY_DEFAULT) {
        error_setg(errp, "host-nodes must be empty for policy default, or "
                   "you should explicitly specify a policy other than "
                   "default");
        return false;
    }
    for (i = 0; i < HOSTMEM_NODE_WORDS; i++) {
        mask[i] = (unsigned long)backend->host_nodes[i];
    }
    /*
     * The kernel ignores the last bit of maxnode, hence one more than the
     * highest node.  MPOL_MF_MOVE also moves pages already touched (the
     * memory of an existing file).
     */
    ret = syscall(SYS_mbind, backend->ptr, backend->map_size,
                  (unsigned long)backend->policy, mask,
                  (unsigned long)last + 2,
                  (unsigned)(MPOL_MF_STRICT | MPOL_MF_MOVE));
    if (ret < 0) {
        error_setg_errno(errp, errno, "cannot bind memory to host NUMA nodes");
        return false;
    }
    return true;
}

/* ---- properties ---- */

static bool hostmem_allocated(HostMemoryBackend *backend)
{
    return backend->ptr != NULL;
}

static json_t *hostmem_get_size(Object *obj, ObjectProperty *prop,
                                Error **errp)
{
    return qom_json_uint(MEMORY_BACKEND(obj)->size);
}

static bool hostmem_set_size(Object *obj, ObjectProperty *prop,
                             json_t *value, Error **errp)
{
    HostMemoryBackend *backend = MEMORY_BACKEND(obj);
    uint64_t v;

    if (hostmem_allocated(backend)) {
        error_setg(errp, "cannot change property %s of %s ", prop->name,
                   object_get_typename(obj));
        return false;
    }
    if (!qom_parse_size(prop->name, value, &v, errp)) {
        return false;
    }
    if (!v) {
        error_setg(errp, "property '%s' of %s doesn't take value '%" PRIu64
                   "'", prop->name, object_get_typename(obj), v);
        return false;
    }
    backend->size = v;
    return true;
}

static bool hostmem_get_merge(Object *obj, Error **errp)
{
    return MEMORY_BACKEND(obj)->merge;
}

/* Once mapped, changing merge or dump re-advises the memory at once. */
static void hostmem_set_merge(Object *obj, bool value, Error **errp)
{
    HostMemoryBackend *backend = MEMORY_BACKEND(obj);

    if (hostmem_allocated(backend) && value != backend->merge) {
        madvise(backend->ptr, backend->map_size,
                value ? MADV_MERGEABLE : MADV_UNMERGEABLE);
    }
    backend->merge = value;
}

static bool hostmem_get_dump(Object *obj, Error **errp)
{
    return MEMORY_BACKEND(obj)->dump;
}

static void hostmem_set_dump(Object *obj, bool value, Error **errp)
{
    HostMemoryBackend *backend = MEMORY_BACKEND(obj);

    if (hostmem_allocated(backend) && value != backend->dump) {
        madvise(backend->ptr, backend->map_size,
                value ? MADV_DODUMP : MADV_DONTDUMP);
    }
    backend->dump = value;
}

static bool hostmem_get_prealloc(Object *obj, Error **errp)
{
    return MEMORY_BACKEND(obj)->prealloc;
}

/* prealloc=on on a mapped backend preallocates now; off is a no-op then
 * (the pages stay). */
static void hostmem_set_prealloc(Object *obj, bool value, Error **errp)
{
    HostMemoryBackend *backend = MEMORY_BACKEND(obj);

    if (value && !backend->reserve) {
        error_setg(errp, "'prealloc=on' and 'reserve=off' are incompatible");
        return;
    }
    if (!hostmem_allocated(backend)) {
        backend->prealloc = value;
        return;
    }
    if (value && !backend->prealloc) {
        if (!hostmem_prealloc(backend, errp)) {
            return;
        }
        backend->prealloc = true;
    }
}

static json_t *hostmem_get_prealloc_threads(Object *obj, ObjectProperty *prop,
                                            Error **errp)
{
    return json_integer(MEMORY_BACKEND(obj)->prealloc_threads);
}

static bool hostmem_set_prealloc_threads(Object *obj, ObjectProperty *prop,
                                         json_t *value, Error **errp)
{
    uint64_t v;

    if (!qom_parse_uint(prop->name, value, UINT32_MAX, &v, errp)) {
        return false;
    }
    if (!v) {
        error_setg(errp, "property '%s' of %s doesn't take value '%d'",
                   prop->name, object_get_typename(obj), 0);
        return false;
    }
    MEMORY_BACKEND(obj)->prealloc_threads = (uint32_t)v;
    return true;
}

static json_t *hostmem_get_host_nodes(Object *obj, ObjectProperty *prop,
                                      Error **errp)
{
    HostMemoryBackend *backend = MEMORY_BACKEND(obj);
    json_t *list = json_array();
    int i;

    for (i = 0; i < HOSTMEM_MAX_NODES; i++) {
        if (backend->host_nodes[i / 64] & (UINT64_C(1) << (i % 64))) {
            json_array_append_new(list, json_integer(i));
        }
    }
    return list;
}

/* Add node v to nodes, with QEMU's range checks (uint16, then the node
 * limit). */
static bool host_nodes_add(uint64_t *nodes, uint64_t v, Error **errp)
{
    if (v > UINT16_MAX) {
        error_setg(errp, "Parameter 'null' expects uint16_t");
        return false;
    }
    if (v >= HOSTMEM_MAX_NODES) {
        error_setg(errp, "Invalid host-nodes value: %d", (int)v);
        return false;
    }
    nodes[v / 64] |= UINT64_C(1) << (v % 64);
    return true;
}

/* "N" or "N-M", as -object key=value gives lists of numbers. */
static bool host_nodes_parse_range(const char *name, const char *s,
                                   uint64_t *nodes, Error **errp)
{
    const char *dash = strchr(s, '-');
    uint64_t lo, hi, v;
    char *first;
    bool ok;

    if (dash) {
        first = g_strndup(s, dash - s);
        ok = *first && qemu_strtou64(first, NULL, 0, &lo) == 0 &&
             dash[1] && dash[1] != '-' &&
             qemu_strtou64(dash + 1, NULL, 0, &hi) == 0 && lo <= hi;
        g_free(first);
    } else {
        ok = *s && qemu_strtou64(s, NULL, 0, &lo) == 0;
        hi = lo;
    }
    if (!ok || strchr(s, '+') || strchr(s, ' ')) {
        error_setg(errp, "Parameter '%s' expects a uint64 value or range",
                   name);
        return false;
    }
    for (v = lo; v <= hi; v++) {
        if (!host_nodes_add(nodes, v, errp)) {
            return false;
        }
    }
    return true;
}

static bool hostmem_set_host_nodes(Object *obj, ObjectProperty *prop,
                                   json_t *value, Error **errp)
{
    HostMemoryBackend *backend = MEMORY_BACKEND(obj);
    uint64_t nodes[HOSTMEM_NODE_WORDS] = { 0 };
    size_t i;
    json_t *elem;

    if (json_is_array(value)) {
        json_array_foreach(value, i, elem) {
            uint64_t v;

            if (!qom_json_to_uint(elem, &v)) {
                error_setg(errp, "Parameter '%s[%zu]' expects uint64",
                           prop->name, i);
                return false;
            }
            if (!host_nodes_add(nodes, v, errp)) {
                return false;
            }
        }
    } else if (json_is_string(value) &&
               qom_input_mode() != QOM_INPUT_TYPED) {
        if (!host_nodes_parse_range(prop->name, json_string_value(value),
                                    nodes, errp)) {
            return false;
        }
    } else {
        error_setg(errp, "Invalid parameter type for '%s', expected: array",
                   prop->name);
        return false;
    }
    memcpy(backend->host_nodes, nodes, sizeof(nodes));
    return true;
}

static int hostmem_get_policy(Object *obj, Error **errp)
{
    return MEMORY_BACKEND(obj)->policy;
}

static void hostmem_set_policy(Object *obj, int value, Error **errp)
{
    MEMORY_BACKEND(obj)->policy = value;
}

static bool hostmem_get_share(Object *obj, Error **errp)
{
    return MEMORY_BACKEND(obj)->share;
}

static void hostmem_set_share(Object *obj, bool value, Error **errp)
{
    HostMemoryBackend *backend = MEMORY_BACKEND(obj);

    if (hostmem_allocated(backend)) {
        error_setg(errp, "cannot change property value");
        return;
    }
    backend->share = value;
}

static bool hostmem_get_reserve(Object *obj, Error **errp)
{
    return MEMORY_BACKEND(obj)->reserve;
}

static void hostmem_set_reserve(Object *obj, bool value, Error **errp)
{
    HostMemoryBackend *backend = MEMORY_BACKEND(obj);

    if (hostmem_allocated(backend)) {
        error_setg(errp, "cannot change property value");
        return;
    }
    if (backend->prealloc && !value) {
        error_setg(errp, "'prealloc=on' and 'reserve=off' are incompatible");
        return;
    }
    backend->reserve = value;
}

static bool hostmem_get_canonical(Object *obj, Error **errp)
{
    return MEMORY_BACKEND(obj)->use_canonical_path;
}

static void hostmem_set_canonical(Object *obj, bool value, Error **errp)
{
    MEMORY_BACKEND(obj)->use_canonical_path = value;
}

/* ---- life cycle ---- */

/*
 * Defaults follow the machine as in QEMU: -machine mem-merge and
 * dump-guest-core, and one preallocation thread per vCPU.
 */
static void hostmem_instance_init(Object *obj)
{
    HostMemoryBackend *backend = MEMORY_BACKEND(obj);
    MachineState *ms = current_machine_get();

    backend->merge = ms ? ms->mem_merge : true;
    backend->dump = ms ? ms->dump_guest_core : true;
    backend->prealloc_threads = ms && ms->smp.cpus ? ms->smp.cpus : 1;
    backend->reserve = true;
    backend->fd = -1;
}

static void hostmem_instance_finalize(Object *obj)
{
    HostMemoryBackend *backend = MEMORY_BACKEND(obj);

    if (backend->ptr) {
        munmap(backend->ptr, backend->map_size);
        backend->ptr = NULL;
    }
    if (backend->fd >= 0) {
        close(backend->fd);
        backend->fd = -1;
    }
}

static bool hostmem_complete(Object *obj, Error **errp)
{
    HostMemoryBackend *backend = MEMORY_BACKEND(obj);
    HostMemoryBackendClass *bc = MEMORY_BACKEND_GET_CLASS(obj);
    MachineState *ms = current_machine_get();

    /* What QEMU's -object/object-add schema requires comes first. */
    if (!backend->size) {
        error_setg(errp, "Parameter 'size' is missing");
        return false;
    }
    if (bc->check && !bc->check(backend, errp)) {
        return false;
    }
    if (!bc->alloc(backend, errp)) {
        return false;
    }
    /* Advice is best effort (KSM or THP may be compiled out), as in QEMU. */
    if (backend->merge) {
        madvise(backend->ptr, backend->map_size, MADV_MERGEABLE);
    }
    if (!backend->dump || (ms && !ms->dump_guest_core)) {
        madvise(backend->ptr, backend->map_size, MADV_DONTDUMP);
    }
    madvise(backend->ptr, backend->map_size, MADV_HUGEPAGE);
    /* Guest RAM is not inherited by children (KVM needs that too). */
    madvise(backend->ptr, backend->map_size, MADV_DONTFORK);
    if (!hostmem_bind(backend, errp)) {
        return false;
    }
    /* After binding, so that pages come from the chosen nodes. */
    if (backend->prealloc && !hostmem_prealloc(backend, errp)) {
        return false;
    }
    return true;
}

static bool hostmem_can_be_deleted(Object *obj)
{
    return !MEMORY_BACKEND(obj)->mapped;
}

static void hostmem_class_init(ObjectClass *oc, void *data)
{
    UserCreatableClass *ucc = USER_CREATABLE_CLASS(oc);

    ucc->complete = hostmem_complete;
    ucc->can_be_deleted = hostmem_can_be_deleted;

    object_class_property_add_bool(oc, "merge", hostmem_get_merge,
                                   hostmem_set_merge);
    object_class_property_set_description(oc, "merge",
        "Mark memory as mergeable");
    object_class_property_add_bool(oc, "dump", hostmem_get_dump,
                                   hostmem_set_dump);
    object_class_property_set_description(oc, "dump",
        "Set to 'off' to exclude from core dump");
    object_class_property_add_bool(oc, "prealloc", hostmem_get_prealloc,
                                   hostmem_set_prealloc);
    object_class_property_set_description(oc, "prealloc",
        "Preallocate memory");
    object_class_property_add(oc, "prealloc-threads", "int",
                              hostmem_get_prealloc_threads,
                              hostmem_set_prealloc_threads, NULL, NULL);
    object_class_property_set_description(oc, "prealloc-threads",
        "Number of CPU threads to use for prealloc");
    object_class_property_add_link(oc, "prealloc-context", "thread-context",
                                   offsetof(HostMemoryBackend,
                                            prealloc_context),
                                   object_property_allow_set_link,
                                   OBJ_PROP_LINK_STRONG);
    object_class_property_set_description(oc, "prealloc-context",
        "Context to use for creating CPU threads for preallocation");
    object_class_property_add(oc, "size", "int", hostmem_get_size,
                              hostmem_set_size, NULL, NULL);
    object_class_property_set_description(oc, "size",
        "Size of the memory region (ex: 500M)");
    object_class_property_add(oc, "host-nodes", "int",
                              hostmem_get_host_nodes, hostmem_set_host_nodes,
                              NULL, NULL);
    object_class_property_set_description(oc, "host-nodes",
        "Binds memory to the list of NUMA host nodes");
    object_class_property_add_enum(oc, "policy", "HostMemPolicy",
                                   HostMemPolicy_lookup, hostmem_get_policy,
                                   hostmem_set_policy);
    object_class_property_set_description(oc, "policy",
        "Set the NUMA policy");
    object_class_property_add_bool(oc, "share", hostmem_get_share,
                                   hostmem_set_share);
    object_class_property_set_description(oc, "share",
        "Mark the memory as private to QEMU or shared");
    object_class_property_add_bool(oc, "reserve", hostmem_get_reserve,
                                   hostmem_set_reserve);
    object_class_property_set_description(oc, "reserve",
        "Reserve swap space (or huge pages) if applicable");
    object_class_property_add_bool(oc, "x-use-canonical-path-for-ramblock-id",
                                   hostmem_get_canonical,
                                   hostmem_set_canonical);
}

static const TypeInfo hostmem_info = {
    .name = TYPE_MEMORY_BACKEND,
    .parent = TYPE_OBJECT,
    .abstract = true,
    .class_size = sizeof(HostMemoryBackendClass),
    .class_init = hostmem_class_init,
    .instance_size = sizeof(HostMemoryBackend),
    .instance_init = hostmem_instance_init,
    .instance_finalize = hostmem_instance_finalize,
    .interfaces = (InterfaceInfo[]) {
        { TYPE_USER_CREATABLE },
        { }
    },
};

static void hostmem_register_types(void)
{
    type_register_static(&hostmem_info);
}
type_init(hostmem_register_types)

/* ---- the API for boards ---- */

static HostMemoryBackend *to_backend(Object *obj)
{
    return (HostMemoryBackend *)object_dynamic_cast(obj, TYPE_MEMORY_BACKEND);
}

bool host_memory_backend_is_allocated(Object *obj)
{
    HostMemoryBackend *backend = to_backend(obj);
    return backend && hostmem_allocated(backend);
}

void *host_memory_backend_get_ptr(Object *obj)
{
    HostMemoryBackend *backend = to_backend(obj);
    return backend ? backend->ptr : NULL;
}

uint64_t host_memory_backend_get_size(Object *obj)
{
    HostMemoryBackend *backend = to_backend(obj);
    return backend ? backend->size : 0;
}

int host_memory_backend_get_fd(Object *obj)
{
    HostMemoryBackend *backend = to_backend(obj);
    return backend ? backend->fd : -1;
}

uint64_t host_memory_backend_get_page_size(Object *obj)
{
    HostMemoryBackend *backend = to_backend(obj);
    return backend && backend->page_size ? backend->page_size
                                         : host_page_size();
}

bool host_memory_backend_is_mapped(Object *obj)
{
    HostMemoryBackend *backend = to_backend(obj);
    return backend && backend->mapped;
}

void host_memory_backend_set_mapped(Object *obj, bool mapped)
{
    HostMemoryBackend *backend = to_backend(obj);

    if (backend) {
        backend->mapped = mapped;
    }
}

bool host_memory_backend_claim(Object *obj, Error **errp)
{
    if (host_memory_backend_is_mapped(obj)) {
        error_setg(errp, "memory backend %s can't be used multiple times.",
                   object_get_canonical_path_component(obj));
        return false;
    }
    host_memory_backend_set_mapped(obj, true);
    return true;
}

Object *host_memory_backend_find(const char *id, Error **errp)
{
    Object *obj = object_resolve_path_component(object_get_objects_root(),
                                                id);

    if (!obj || !to_backend(obj)) {
        error_setg(errp, "Memory backend '%s' not found", id);
        return NULL;
    }
    return obj;
}
