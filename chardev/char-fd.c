/*
 * char-fd.c: the abstract "chardev-fd" type, a chardev over an input and
 * an output file descriptor.
 *
 * Output is non-blocking: a write takes what the fd accepts now and
 * reports EAGAIN otherwise; frontends wait for G_IO_OUT through
 * qemu_chr_fe_add_watch(), which watches the output fd.  Input comes
 * through the read source (char-io.c); end of file or a read error
 * removes it and reports CHR_EVENT_CLOSED.
 */
#include "qemu/osdep.h"
#include "chardev-internal.h"

#define FD_READ_CHUNK 4096

static int fd_chr_can_read(void *opaque)
{
    Chardev *chr = opaque;
    FDChardev *s = FD_CHARDEV(chr);

    s->max_size = qemu_chr_be_can_write(chr);
    return s->max_size;
}

static gboolean fd_chr_read(void *opaque, GIOCondition cond)
{
    Chardev *chr = opaque;
    FDChardev *s = FD_CHARDEV(chr);
    uint8_t buf[FD_READ_CHUNK];
    int len = MIN((int)sizeof(buf), s->max_size);
    ssize_t n;

    if (len <= 0) {
        return G_SOURCE_CONTINUE;
    }
    n = read(s->fd_in, buf, len);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
        return G_SOURCE_CONTINUE;
    }
    if (n <= 0) {
        remove_fd_in_watch(chr);
        qemu_chr_be_event(chr, CHR_EVENT_CLOSED);
        return G_SOURCE_REMOVE;
    }
    qemu_chr_be_write(chr, buf, n);
    return G_SOURCE_CONTINUE;
}

static int fd_chr_write(Chardev *chr, const uint8_t *buf, int len)
{
    FDChardev *s = FD_CHARDEV(chr);

    if (s->fd_out < 0) {
        return len;
    }
    return chr_fd_write_some(s->fd_out, buf, len);
}

static GSource *fd_chr_add_watch(Chardev *chr, GIOCondition cond)
{
    FDChardev *s = FD_CHARDEV(chr);

    if (!s->ioc_out) {
        return NULL;
    }
    return g_io_create_watch(s->ioc_out, cond);
}

static void fd_chr_update_read_handler(Chardev *chr)
{
    FDChardev *s = FD_CHARDEV(chr);

    remove_fd_in_watch(chr);
    if (s->fd_in >= 0) {
        chr_add_read_source(chr, s->fd_in, fd_chr_can_read, fd_chr_read, chr);
    }
}

void qemu_chr_open_fd(Chardev *chr, int fd_in, int fd_out, bool close_fds)
{
    FDChardev *s = FD_CHARDEV(chr);

    s->fd_in = fd_in;
    s->fd_out = fd_out;
    s->close_fds = close_fds;
    if (fd_in >= 0) {
        chr_fd_set_nonblock(fd_in, true);
    }
    if (fd_out >= 0) {
        chr_fd_set_nonblock(fd_out, true);
        s->ioc_out = g_io_channel_unix_new(fd_out);
        g_io_channel_set_close_on_unref(s->ioc_out, FALSE);
    }
}

static void fd_chr_init(Object *obj)
{
    FDChardev *s = FD_CHARDEV(obj);

    s->fd_in = -1;
    s->fd_out = -1;
}

static void fd_chr_finalize(Object *obj)
{
    Chardev *chr = CHARDEV(obj);
    FDChardev *s = FD_CHARDEV(obj);

    remove_fd_in_watch(chr);
    if (s->ioc_out) {
        g_io_channel_unref(s->ioc_out);
    }
    if (s->close_fds) {
        if (s->fd_in >= 0) {
            close(s->fd_in);
        }
        if (s->fd_out >= 0 && s->fd_out != s->fd_in) {
            close(s->fd_out);
        }
    }
}

static void fd_chr_class_init(ObjectClass *oc, void *data)
{
    ChardevClass *cc = CHARDEV_CLASS(oc);

    cc->chr_write = fd_chr_write;
    cc->chr_add_watch = fd_chr_add_watch;
    cc->chr_update_read_handler = fd_chr_update_read_handler;
}

static const TypeInfo fd_chr_type_info = {
    .name = TYPE_CHARDEV_FD,
    .parent = TYPE_CHARDEV,
    .instance_size = sizeof(FDChardev),
    .instance_init = fd_chr_init,
    .instance_finalize = fd_chr_finalize,
    .abstract = true,
    .class_init = fd_chr_class_init,
};

static void fd_chr_register_types(void)
{
    type_register_static(&fd_chr_type_info);
}
type_init(fd_chr_register_types)
