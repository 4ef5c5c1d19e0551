/*
 * char-udp.c: the "udp" backend: each write is sent as one datagram to
 * host:port (default host localhost), from localaddr:localport (default
 * any address, an ephemeral port); datagrams received there are input.
 * A datagram the frontend cannot take at once is handed over in pieces
 * before the next one is read.
 */
#include "qemu/osdep.h"
#include <sys/socket.h>
#include <netdb.h>
#include "qapi/error.h"
#include "chardev-internal.h"

#define UDP_BUF_SIZE 65536

typedef struct UdpChardev {
    Chardev parent;
    int fd;
    GIOChannel *ioc;
    uint8_t buf[UDP_BUF_SIZE];
    int bufcnt;
    int bufptr;
    int max_size;
    GSource *flush_idle;
} UdpChardev;

#define UDP_CHARDEV(obj) OBJECT_CHECK(UdpChardev, (obj), "chardev-udp")

static int udp_chr_write(Chardev *chr, const uint8_t *buf, int len)
{
    UdpChardev *s = UDP_CHARDEV(chr);
    ssize_t n;

    do {
        n = send(s->fd, buf, len, 0);
    } while (n < 0 && errno == EINTR);
    if (n < 0 && errno != EAGAIN) {
        /* No listener (ICMP refused) or similar: the datagram is lost. */
        return len;
    }
    return n;
}

/* Hand over what is left of the last datagram; true if all of it went. */
static bool udp_chr_flush_buffer(Chardev *chr)
{
    UdpChardev *s = UDP_CHARDEV(chr);

    while (s->bufptr < s->bufcnt) {
        int n = MIN(qemu_chr_be_can_write(chr), s->bufcnt - s->bufptr);

        if (n <= 0) {
            return false;
        }
        s->bufptr += n;
        qemu_chr_be_write(chr, s->buf + s->bufptr - n, n);
    }
    return true;
}

static gboolean udp_chr_flush_idle(gpointer opaque)
{
    Chardev *chr = opaque;
    UdpChardev *s = UDP_CHARDEV(chr);

    g_source_unref(s->flush_idle);
    s->flush_idle = NULL;
    udp_chr_flush_buffer(chr);
    return G_SOURCE_REMOVE;
}

static void udp_chr_accept_input(Chardev *chr)
{
    udp_chr_flush_buffer(chr);
}

/*
 * Called from the read source's prepare(): never hand data over from
 * here (the frontend could change the sources under us); leftovers go
 * from an idle callback once the frontend can take them.
 */
static int udp_chr_can_read(void *opaque)
{
    Chardev *chr = opaque;
    UdpChardev *s = UDP_CHARDEV(chr);

    s->max_size = qemu_chr_be_can_write(chr);
    if (s->bufptr < s->bufcnt) {
        if (s->max_size > 0 && !s->flush_idle) {
            s->flush_idle = g_idle_source_new();
            g_source_set_callback(s->flush_idle, udp_chr_flush_idle, chr,
                                  NULL);
            g_source_attach(s->flush_idle, chr->gcontext);
        }
        return 0;
    }
    return s->max_size;
}

static gboolean udp_chr_read(void *opaque, GIOCondition cond)
{
    Chardev *chr = opaque;
    UdpChardev *s = UDP_CHARDEV(chr);
    ssize_t n;

    if (s->max_size <= 0 || s->bufptr < s->bufcnt) {
        return G_SOURCE_CONTINUE;
    }
    n = recv(s->fd, s->buf, sizeof(s->buf), 0);
    if (n < 0) {
        /* EAGAIN, or an ICMP error for an earlier send: keep reading. */
        return G_SOURCE_CONTINUE;
    }
    s->bufcnt = n;
    s->bufptr = 0;
    udp_chr_flush_buffer(chr);
    return G_SOURCE_CONTINUE;
}

static void udp_chr_update_read_handler(Chardev *chr)
{
    UdpChardev *s = UDP_CHARDEV(chr);

    remove_fd_in_watch(chr);
    if (s->fd >= 0) {
        chr_add_read_source(chr, s->fd, udp_chr_can_read, udp_chr_read, chr);
    }
}

static GSource *udp_chr_add_watch(Chardev *chr, GIOCondition cond)
{
    UdpChardev *s = UDP_CHARDEV(chr);

    return s->ioc ? g_io_create_watch(s->ioc, cond) : NULL;
}

static bool udp_chr_parse(Chardev *chr, QemuOpts *opts, Error **errp)
{
    const char *port = qemu_opt_get(opts, "port");

    if (!port || !*port) {
        error_setg(errp, "chardev: udp: remote port not specified");
        return false;
    }
    return true;
}

static bool udp_chr_open(Chardev *chr, QemuOpts *opts, bool *be_opened,
                         Error **errp)
{
    UdpChardev *s = UDP_CHARDEV(chr);
    const char *host = qemu_opt_get(opts, "host");
    const char *port = qemu_opt_get(opts, "port");
    const char *localaddr = qemu_opt_get(opts, "localaddr");
    const char *localport = qemu_opt_get(opts, "localport");
    bool ipv4 = qemu_opt_get_bool(opts, "ipv4", false);
    bool ipv6 = qemu_opt_get_bool(opts, "ipv6", false);
    struct addrinfo *peer, *local;
    int fd, one = 1;

    if (!host || !*host) {
        host = "localhost";
    }
    if (!localaddr || !*localaddr) {
        localaddr = NULL;
    }
    if (!localport || !*localport) {
        localport = "0";
    }
    peer = chr_sockaddr_resolve(host, port, ipv4, ipv6, SOCK_DGRAM, false,
                                errp);
    if (!peer) {
        return false;
    }
    local = chr_sockaddr_resolve(localaddr, localport,
                                 peer->ai_family == AF_INET,
                                 peer->ai_family == AF_INET6, SOCK_DGRAM,
                                 true, errp);
    if (!local) {
        freeaddrinfo(peer);
        return false;
    }
    fd = socket(peer->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        error_setg_errno(errp, errno, "Failed to create socket");
        goto fail;
    }
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (bind(fd, local->ai_addr, local->ai_addrlen) < 0) {
        error_setg_errno(errp, errno, "Failed to bind socket");
        goto fail;
    }
    if (connect(fd, peer->ai_addr, peer->ai_addrlen) < 0) {
        error_setg_errno(errp, errno, "Failed to connect to '%s:%s'", host,
                         port);
        goto fail;
    }
    freeaddrinfo(peer);
    freeaddrinfo(local);
    chr_fd_set_nonblock(fd, true);
    s->fd = fd;
    s->ioc = g_io_channel_unix_new(fd);
    g_io_channel_set_close_on_unref(s->ioc, FALSE);
    /* As QEMU: never reported open (a monitor prints no banner on it). */
    *be_opened = false;
    return true;

fail:
    if (fd >= 0) {
        close(fd);
    }
    freeaddrinfo(peer);
    freeaddrinfo(local);
    return false;
}

static void udp_chr_init(Object *obj)
{
    UDP_CHARDEV(obj)->fd = -1;
}

static void udp_chr_finalize(Object *obj)
{
    UdpChardev *s = UDP_CHARDEV(obj);

    remove_fd_in_watch(CHARDEV(obj));
    if (s->flush_idle) {
        g_source_destroy(s->flush_idle);
        g_source_unref(s->flush_idle);
    }
    if (s->ioc) {
        g_io_channel_unref(s->ioc);
    }
    if (s->fd >= 0) {
        close(s->fd);
    }
}

static void udp_chr_class_init(ObjectClass *oc, void *data)
{
    ChardevClass *cc = CHARDEV_CLASS(oc);

    cc->parse = udp_chr_parse;
    cc->open = udp_chr_open;
    cc->chr_write = udp_chr_write;
    cc->chr_update_read_handler = udp_chr_update_read_handler;
    cc->chr_add_watch = udp_chr_add_watch;
    cc->chr_accept_input = udp_chr_accept_input;
}

static const TypeInfo udp_chr_type_info = {
    .name = "chardev-udp",
    .parent = TYPE_CHARDEV,
    .instance_size = sizeof(UdpChardev),
    .instance_init = udp_chr_init,
    .instance_finalize = udp_chr_finalize,
    .class_init = udp_chr_class_init,
};

static void udp_chr_register_types(void)
{
    type_register_static(&udp_chr_type_info);
}
type_init(udp_chr_register_types)
