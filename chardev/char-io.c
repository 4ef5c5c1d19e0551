/*
 * char-io.c: the read source and small fd helpers shared by the backends.
 *
 * The read source polls its fd for input only while the frontend can
 * accept bytes.  GLib calls prepare() before every poll, so the frontend's
 * can_read is asked again each time round the loop; when it says 0 the fd
 * leaves the poll set and unread data stays in the kernel, which is what
 * makes a slow frontend push back on the peer.
 */
#include "qemu/osdep.h"
#include "chardev-internal.h"

typedef struct ChrReadSource {
    GSource source;
    gpointer tag;
    GIOCondition events;        /* what the fd is polled for now */
    IOCanReadHandler *can_read;
    ChrReadFunc *read;
    void *opaque;
} ChrReadSource;

#define READ_EVENTS (G_IO_IN | G_IO_HUP | G_IO_ERR)

static gboolean chr_read_source_prepare(GSource *source, gint *timeout)
{
    ChrReadSource *rs = (ChrReadSource *)source;
    GIOCondition want = rs->can_read(rs->opaque) > 0 ? READ_EVENTS : 0;

    *timeout = -1;
    if (want != rs->events) {
        rs->events = want;
        g_source_modify_unix_fd(source, rs->tag, want);
    }
    return FALSE;
}

static gboolean chr_read_source_check(GSource *source)
{
    ChrReadSource *rs = (ChrReadSource *)source;

    return rs->events && (g_source_query_unix_fd(source, rs->tag) & rs->events);
}

static gboolean chr_read_source_dispatch(GSource *source,
                                         GSourceFunc callback,
                                         gpointer user_data)
{
    ChrReadSource *rs = (ChrReadSource *)source;
    GIOCondition cond = g_source_query_unix_fd(source, rs->tag) & rs->events;

    if (!cond) {
        return G_SOURCE_CONTINUE;
    }
    return rs->read(rs->opaque, cond);
}

static GSourceFuncs chr_read_source_funcs = {
    .prepare = chr_read_source_prepare,
    .check = chr_read_source_check,
    .dispatch = chr_read_source_dispatch,
};

void remove_fd_in_watch(Chardev *chr)
{
    if (chr->gsource) {
        g_source_destroy(chr->gsource);
        g_source_unref(chr->gsource);
        chr->gsource = NULL;
    }
}

void chr_add_read_source(Chardev *chr, int fd, IOCanReadHandler *can_read,
                         ChrReadFunc *read, void *opaque)
{
    GSource *source;
    ChrReadSource *rs;

    remove_fd_in_watch(chr);
    source = g_source_new(&chr_read_source_funcs, sizeof(ChrReadSource));
    rs = (ChrReadSource *)source;
    rs->can_read = can_read;
    rs->read = read;
    rs->opaque = opaque;
    rs->events = 0;
    rs->tag = g_source_add_unix_fd(source, fd, 0);
    g_source_set_name(source, "chardev-read");
    /*
     * GLib "blocks" a non-recursive source while dispatching it by taking
     * its fd out of the poll set and putting it back, and each of those
     * wakes the context: two eventfd writes and a spurious poll per
     * message.  Nothing here runs a nested main loop, so allow recursion.
     */
    g_source_set_can_recurse(source, TRUE);
    g_source_attach(source, chr->gcontext);
    chr->gsource = source;
}

bool chr_fd_set_nonblock(int fd, bool nonblock)
{
    int flags = fcntl(fd, F_GETFL);

    if (flags < 0) {
        return false;
    }
    flags = nonblock ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK);
    return fcntl(fd, F_SETFL, flags) == 0;
}

int chr_fd_write_some(int fd, const uint8_t *buf, int len)
{
    int done = 0;

    while (done < len) {
        ssize_t n = write(fd, buf + done, len - done);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            if (done) {
                return done;
            }
            return -1;
        }
        if (n == 0) {
            break;
        }
        done += n;
    }
    return done;
}
