/*
 * fdset.c: descriptor sets handed over with -add-fd (see fdset.h).
 */
#include "qemu/osdep.h"
#include "qemu/fdset.h"

typedef struct FdsetEntry {
    int fd;
    char *opaque;
} FdsetEntry;

typedef struct Fdset {
    int64_t id;
    GList *fds;                 /* FdsetEntry* */
} Fdset;

static GList *fdsets;           /* Fdset*, sorted by id */

static Fdset *fdset_find(int64_t id)
{
    GList *l;

    for (l = fdsets; l; l = l->next) {
        Fdset *s = l->data;
        if (s->id == id) {
            return s;
        }
    }
    return NULL;
}

static gint fdset_cmp(gconstpointer a, gconstpointer b)
{
    const Fdset *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

bool qemu_fdset_add_opts(int64_t fd, int64_t set, const char *opaque,
                         Error **errp)
{
    Fdset *s;
    FdsetEntry *e;
    int dupfd;

    if (fd < 0) {
        error_setg(errp, "fd option is required and must be non-negative");
        return false;
    }
    if (fd <= STDERR_FILENO) {
        error_setg(errp, "fd cannot be a standard I/O stream");
        return false;
    }
    if (set < 0) {
        error_setg(errp, "set option is required and must be non-negative");
        return false;
    }
    if (fd > INT_MAX || fcntl((int)fd, F_GETFD) < 0) {
        error_setg(errp, "fd is not valid or already in use");
        return false;
    }
    /* Keep our own copy, close-on-exec, and release the inherited one. */
    dupfd = fcntl((int)fd, F_DUPFD_CLOEXEC, 0);
    if (dupfd < 0) {
        error_setg_errno(errp, errno, "failed to duplicate fd %d", (int)fd);
        return false;
    }
    close((int)fd);
    s = fdset_find(set);
    if (!s) {
        s = g_new0(Fdset, 1);
        s->id = set;
        fdsets = g_list_insert_sorted(fdsets, s, fdset_cmp);
    }
    e = g_new0(FdsetEntry, 1);
    e->fd = dupfd;
    e->opaque = g_strdup(opaque);
    s->fds = g_list_append(s->fds, e);
    return true;
}

static int fdset_dup(const char *path, int flags, Error **errp)
{
    const char *num = path + strlen("/dev/fdset/");
    char *end;
    int64_t id;
    Fdset *s;
    GList *l;

    errno = 0;
    id = g_ascii_strtoll(num, &end, 10);
    if (!*num || *end || errno || id < 0) {
        error_setg(errp, "Could not open '%s': invalid fdset name", path);
        return -1;
    }
    s = fdset_find(id);
    if (!s) {
        error_setg(errp, "Could not open '%s': No such file or directory",
                   path);
        return -1;
    }
    for (l = s->fds; l; l = l->next) {
        FdsetEntry *e = l->data;
        int fl = fcntl(e->fd, F_GETFL);
        int fd;

        if (fl < 0 || (fl & O_ACCMODE) != (flags & O_ACCMODE)) {
            continue;
        }
        fd = fcntl(e->fd, F_DUPFD_CLOEXEC, 0);
        if (fd < 0) {
            error_setg_errno(errp, errno, "Could not open '%s'", path);
            return -1;
        }
        return fd;
    }
    error_setg(errp, "Could not open '%s': Permission denied", path);
    return -1;
}

int qemu_open_fdset_or_path(const char *path, int flags, Error **errp)
{
    int fd;

    if (g_str_has_prefix(path, "/dev/fdset/")) {
        return fdset_dup(path, flags, errp);
    }
    fd = open(path, flags | O_CLOEXEC, 0666);
    if (fd < 0) {
        error_setg_errno(errp, errno, "Could not open '%s'", path);
        return -1;
    }
    return fd;
}

json_t *qemu_fdsets_to_json(void)
{
    json_t *list = json_array();
    GList *l, *m;

    for (l = fdsets; l; l = l->next) {
        Fdset *s = l->data;
        json_t *fds = json_array();

        for (m = s->fds; m; m = m->next) {
            FdsetEntry *e = m->data;
            json_t *info = json_pack("{s:i}", "fd", e->fd);
            if (e->opaque) {
                json_object_set_new(info, "opaque", json_string(e->opaque));
            }
            json_array_append_new(fds, info);
        }
        json_array_append_new(list, json_pack("{s:I,s:o}", "fdset-id",
                                              (json_int_t)s->id, "fds", fds));
    }
    return list;
}
