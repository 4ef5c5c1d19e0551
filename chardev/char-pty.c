/*
 * char-pty.c: the "pty" backend: a new pseudo-terminal whose slave side
 * (/dev/pts/N) the user opens with a terminal program.
 *
 * The master reports a hang-up while nobody has the slave open; that is
 * how the peer's presence is seen: while disconnected the master is
 * checked once a second (and on every write), output is dropped, and
 * CHR_EVENT_OPENED comes when someone opens the slave.  A read error on
 * the master (the slave was closed) makes it disconnected again.
 */
#include "qemu/osdep.h"
#include <poll.h>
#include <pty.h>
#include <termios.h>
#include "qapi/error.h"
#include "chardev-internal.h"

typedef struct PtyChardev {
    Chardev parent;
    int fd;                     /* the master */
    GIOChannel *ioc;
    bool connected;
    int max_size;
    GSource *timer;
} PtyChardev;

#define PTY_CHARDEV(obj) OBJECT_CHECK(PtyChardev, (obj), "chardev-pty")

#define PTY_POLL_MS 1000

static void pty_chr_state(Chardev *chr, bool connected);

static void pty_chr_timer_cancel(PtyChardev *s)
{
    if (s->timer) {
        g_source_destroy(s->timer);
        g_source_unref(s->timer);
        s->timer = NULL;
    }
}

/* True when the slave side is open (no hang-up on the master). */
static bool pty_peer_present(PtyChardev *s, bool *writable)
{
    struct pollfd pfd = { .fd = s->fd, .events = POLLOUT };
    int rc;

    do {
        rc = poll(&pfd, 1, 0);
    } while (rc < 0 && errno == EINTR);
    if (writable) {
        *writable = rc > 0 && (pfd.revents & POLLOUT);
    }
    return rc >= 0 && !(pfd.revents & POLLHUP);
}

static gboolean pty_chr_timer(gpointer opaque)
{
    Chardev *chr = opaque;
    PtyChardev *s = PTY_CHARDEV(chr);

    g_source_unref(s->timer);
    s->timer = NULL;
    pty_chr_state(chr, pty_peer_present(s, NULL));
    return G_SOURCE_REMOVE;
}

static void pty_chr_rearm_timer(Chardev *chr)
{
    PtyChardev *s = PTY_CHARDEV(chr);

    pty_chr_timer_cancel(s);
    s->timer = g_timeout_source_new(PTY_POLL_MS);
    g_source_set_callback(s->timer, pty_chr_timer, chr, NULL);
    g_source_attach(s->timer, chr->gcontext);
}

static int pty_chr_can_read(void *opaque)
{
    Chardev *chr = opaque;
    PtyChardev *s = PTY_CHARDEV(chr);

    s->max_size = qemu_chr_be_can_write(chr);
    return s->max_size;
}

static gboolean pty_chr_read(void *opaque, GIOCondition cond)
{
    Chardev *chr = opaque;
    PtyChardev *s = PTY_CHARDEV(chr);
    uint8_t buf[4096];
    int len = MIN((int)sizeof(buf), s->max_size);
    ssize_t n;

    if (len <= 0) {
        return G_SOURCE_CONTINUE;
    }
    n = read(s->fd, buf, len);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
        return G_SOURCE_CONTINUE;
    }
    if (n <= 0) {
        pty_chr_state(chr, false);
        return G_SOURCE_REMOVE;
    }
    qemu_chr_be_write(chr, buf, n);
    return G_SOURCE_CONTINUE;
}

static void pty_chr_state(Chardev *chr, bool connected)
{
    PtyChardev *s = PTY_CHARDEV(chr);

    if (!connected) {
        bool was = s->connected;

        remove_fd_in_watch(chr);
        s->connected = false;
        pty_chr_rearm_timer(chr);
        if (was) {
            qemu_chr_be_event(chr, CHR_EVENT_CLOSED);
        }
        return;
    }
    pty_chr_timer_cancel(s);
    if (!s->connected) {
        s->connected = true;
        qemu_chr_be_event(chr, CHR_EVENT_OPENED);
    }
    if (!chr->gsource) {
        chr_add_read_source(chr, s->fd, pty_chr_can_read, pty_chr_read, chr);
    }
}

static void pty_chr_update_read_handler(Chardev *chr)
{
    PtyChardev *s = PTY_CHARDEV(chr);

    /* A new context or frontend: rebuild the sources from the state now. */
    remove_fd_in_watch(chr);
    if (s->connected) {
        chr_add_read_source(chr, s->fd, pty_chr_can_read, pty_chr_read, chr);
    } else {
        pty_chr_state(chr, pty_peer_present(s, NULL));
    }
}

static int pty_chr_write(Chardev *chr, const uint8_t *buf, int len)
{
    PtyChardev *s = PTY_CHARDEV(chr);
    bool writable;

    if (s->connected) {
        return chr_fd_write_some(s->fd, buf, len);
    }
    /* The peer may be back before the timer noticed: deliver if so. */
    if (pty_peer_present(s, &writable) && writable) {
        chr_fd_write_some(s->fd, buf, len);
    }
    return len;
}

static GSource *pty_chr_add_watch(Chardev *chr, GIOCondition cond)
{
    PtyChardev *s = PTY_CHARDEV(chr);

    if (!s->connected) {
        return NULL;
    }
    return g_io_create_watch(s->ioc, cond);
}

static bool pty_chr_open(Chardev *chr, QemuOpts *opts, bool *be_opened,
                         Error **errp)
{
    PtyChardev *s = PTY_CHARDEV(chr);
    char name[PATH_MAX];
    struct termios tty;
    int master, slave;

    if (openpty(&master, &slave, name, NULL, NULL) < 0) {
        error_setg_errno(errp, errno, "Failed to create PTY");
        return false;
    }
    if (tcgetattr(slave, &tty) == 0) {
        cfmakeraw(&tty);
        tcsetattr(slave, TCSAFLUSH, &tty);
    }
    close(slave);
    fcntl(master, F_SETFD, FD_CLOEXEC);
    chr_fd_set_nonblock(master, true);
    s->fd = master;
    s->ioc = g_io_channel_unix_new(master);
    g_io_channel_set_close_on_unref(s->ioc, FALSE);

    chr_set_filename(chr, "pty:%s", name);
    chr_notice("char device redirected to %s (label %s)\n", name,
               chr->label);
    *be_opened = false;
    pty_chr_rearm_timer(chr);
    return true;
}

static void pty_chr_init(Object *obj)
{
    PTY_CHARDEV(obj)->fd = -1;
}

static void pty_chr_finalize(Object *obj)
{
    Chardev *chr = CHARDEV(obj);
    PtyChardev *s = PTY_CHARDEV(obj);

    pty_chr_timer_cancel(s);
    remove_fd_in_watch(chr);
    if (s->ioc) {
        g_io_channel_unref(s->ioc);
    }
    if (s->fd >= 0) {
        close(s->fd);
    }
}

static void pty_chr_class_init(ObjectClass *oc, void *data)
{
    ChardevClass *cc = CHARDEV_CLASS(oc);

    cc->open = pty_chr_open;
    cc->chr_write = pty_chr_write;
    cc->chr_update_read_handler = pty_chr_update_read_handler;
    cc->chr_add_watch = pty_chr_add_watch;
}

static const TypeInfo pty_chr_type_info = {
    .name = "chardev-pty",
    .parent = TYPE_CHARDEV,
    .instance_size = sizeof(PtyChardev),
    .instance_init = pty_chr_init,
    .instance_finalize = pty_chr_finalize,
    .class_init = pty_chr_class_init,
};

static void pty_chr_register_types(void)
{
    type_register_static(&pty_chr_type_info);
}
type_init(pty_chr_register_types)
