/*
 * char-socket.c: the "socket" backend: a stream socket, unix (path=),
 * TCP (host=,port=) or inherited (fd=), as a server (server=on) or a
 * client.
 *
 * One peer at a time.  A server stops accepting while a client is
 * connected and accepts again when it goes (further clients wait in the
 * kernel's backlog meanwhile).  With wait=on (the command line default)
 * opening blocks until the first client arrives, after printing "QEMU
 * waiting for connection on: ...".  A client connects while opening,
 * or with reconnect=N in the background, retrying N seconds after each
 * failure or disconnect (the first failure is reported once).
 *
 * telnet=on on a server sends the negotiation QEMU sends (WILL ECHO,
 * WILL SUPPRESS-GO-AHEAD, WILL BINARY, DO BINARY) and strips telnet
 * commands from the input; IAC BREAK becomes CHR_EVENT_BREAK.
 *
 * chr->filename follows the state as query-chardev shows it:
 * "disconnected:unix:PATH,server=on", "unix:PATH,server=on",
 * "tcp:127.0.0.1:4444,server=on <-> 127.0.0.1:39854", ...
 */
#include "qemu/osdep.h"
#include <sys/un.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <glib-unix.h>
#include "qapi/error.h"
#include "chardev-internal.h"

#define IAC 255
#define IAC_BREAK 243
#define TELNET_WILL 251
#define TELNET_DO 253
#define TELNET_ECHO 1
#define TELNET_SGA 3
#define TELNET_BINARY 0

typedef enum {
    SOCK_STATE_DISCONNECTED,
    SOCK_STATE_CONNECTING,
    SOCK_STATE_CONNECTED,
} SocketState;

/* Telnet input parsing: plain data, after IAC, after IAC + command. */
typedef enum {
    TELNET_DATA,
    TELNET_IAC,
    TELNET_OPTION,
} TelnetState;

typedef struct SocketChardev {
    Chardev parent;
    ChrSocketAddr *addr;        /* as configured; a server's bound address */
    bool is_listen;
    bool is_telnet;             /* telnet=on (affects a server only) */
    bool do_nodelay;
    int64_t reconnect_time;     /* seconds; 0: no reconnect */
    SocketState state;

    int listen_fd;
    GSource *listen_src;

    int fd;                     /* the connection */
    GIOChannel *ioc;
    GSource *hup_src;
    GSource *disconnect_idle;
    int max_size;
    TelnetState telnet;

    int connect_fd;             /* a background connect in progress */
    GSource *connect_src;
    GSource *reconnect_timer;
    bool connect_err_reported;
} SocketChardev;

#define SOCKET_CHARDEV(obj) \
    OBJECT_CHECK(SocketChardev, (obj), "chardev-socket")

static void tcp_chr_disconnect(Chardev *chr);
static void tcp_chr_connect_async(Chardev *chr);

static void source_clear(GSource **src)
{
    if (*src) {
        g_source_destroy(*src);
        g_source_unref(*src);
        *src = NULL;
    }
}

static const char *tcp_chr_protocol(SocketChardev *s)
{
    return s->is_telnet ? "telnet" : "tcp";
}

static void update_disconnected_filename(SocketChardev *s)
{
    g_autofree char *addr = chr_sockaddr_to_str(s->addr, tcp_chr_protocol(s),
                                                s->is_listen);

    chr_set_filename(CHARDEV(s), "disconnected:%s", addr);
}

/* "unix:PATH[,server=on]" or "tcp:L:P[,server=on] <-> R:Q". */
static void update_connected_filename(SocketChardev *s)
{
    struct sockaddr_storage ss, ps;
    socklen_t sslen = sizeof(ss), pslen = sizeof(ps);
    char shost[NI_MAXHOST], sserv[NI_MAXSERV];
    char phost[NI_MAXHOST], pserv[NI_MAXSERV];
    const char *left = "", *right = "";
    const char *server = s->is_listen ? ",server=on" : "";
    Chardev *chr = CHARDEV(s);

    memset(&ss, 0, sizeof(ss));
    memset(&ps, 0, sizeof(ps));
    if (getsockname(s->fd, (struct sockaddr *)&ss, &sslen) < 0) {
        chr_set_filename(chr, "unknown");
        return;
    }
    getpeername(s->fd, (struct sockaddr *)&ps, &pslen);
    switch (ss.ss_family) {
    case AF_UNIX:
        chr_set_filename(chr, "unix:%s%s",
                         ((struct sockaddr_un *)&ss)->sun_path, server);
        return;
    case AF_INET6:
        left = "[";
        right = "]";
        /* fall through */
    case AF_INET:
        chr_sockaddr_numeric((struct sockaddr *)&ss, sslen, shost,
                             sizeof(shost), sserv, sizeof(sserv));
        chr_sockaddr_numeric((struct sockaddr *)&ps, pslen, phost,
                             sizeof(phost), pserv, sizeof(pserv));
        chr_set_filename(chr, "%s:%s%s%s:%s%s <-> %s%s%s:%s",
                         tcp_chr_protocol(s), left, shost, right, sserv,
                         server, left, phost, right, pserv);
        return;
    default:
        chr_set_filename(chr, "unknown");
    }
}

/* ---- input ---- */

/* Strip telnet commands from buf in place; returns the data length. */
static int tcp_chr_process_telnet(Chardev *chr, SocketChardev *s,
                                  uint8_t *buf, int size)
{
    int i, j = 0;

    for (i = 0; i < size; i++) {
        uint8_t c = buf[i];

        switch (s->telnet) {
        case TELNET_DATA:
            if (c == IAC) {
                s->telnet = TELNET_IAC;
            } else {
                buf[j++] = c;
            }
            break;
        case TELNET_IAC:
            if (c == IAC) {
                /* IAC IAC is a literal 0xff. */
                buf[j++] = c;
                s->telnet = TELNET_DATA;
            } else if (c == IAC_BREAK) {
                qemu_chr_be_event(chr, CHR_EVENT_BREAK);
                s->telnet = TELNET_DATA;
            } else {
                /* Any other command is taken to carry one option byte. */
                s->telnet = TELNET_OPTION;
            }
            break;
        case TELNET_OPTION:
            s->telnet = TELNET_DATA;
            break;
        }
    }
    return j;
}

static int tcp_chr_can_read(void *opaque)
{
    Chardev *chr = opaque;
    SocketChardev *s = SOCKET_CHARDEV(chr);

    if (s->state != SOCK_STATE_CONNECTED) {
        return 0;
    }
    s->max_size = qemu_chr_be_can_write(chr);
    return s->max_size;
}

/* Read once; false when the connection is finished (EOF or error). */
static bool tcp_chr_read_once(Chardev *chr, int len)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);
    uint8_t buf[4096];
    ssize_t n;

    len = MIN(len, (int)sizeof(buf));
    if (len <= 0) {
        return true;
    }
    n = recv(s->fd, buf, len, 0);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
        return true;
    }
    if (n <= 0) {
        return false;
    }
    if (s->is_telnet && s->is_listen) {
        n = tcp_chr_process_telnet(chr, s, buf, n);
    }
    if (n > 0) {
        qemu_chr_be_write(chr, buf, n);
    }
    return true;
}

static gboolean tcp_chr_read(void *opaque, GIOCondition cond)
{
    Chardev *chr = opaque;
    SocketChardev *s = SOCKET_CHARDEV(chr);

    if (s->state != SOCK_STATE_CONNECTED) {
        return G_SOURCE_REMOVE;
    }
    if (!tcp_chr_read_once(chr, s->max_size)) {
        tcp_chr_disconnect(chr);
        return G_SOURCE_REMOVE;
    }
    return G_SOURCE_CONTINUE;
}

/*
 * The peer hung up.  Hand over what it sent before closing (a "quit"
 * followed by close()) as far as the frontend takes it, then disconnect.
 */
static gboolean tcp_chr_hup(GIOChannel *ioc, GIOCondition cond, gpointer opaque)
{
    Chardev *chr = opaque;
    SocketChardev *s = SOCKET_CHARDEV(chr);
    int rounds;

    for (rounds = 0; rounds < 64 && s->state == SOCK_STATE_CONNECTED;
         rounds++) {
        int len = qemu_chr_be_can_write(chr);
        int avail = 0;

        if (len <= 0 || recv(s->fd, &avail, 1, MSG_PEEK | MSG_DONTWAIT) <= 0) {
            break;
        }
        if (!tcp_chr_read_once(chr, len)) {
            break;
        }
    }
    if (s->state == SOCK_STATE_CONNECTED) {
        tcp_chr_disconnect(chr);
    }
    return G_SOURCE_REMOVE;
}

static void tcp_chr_install_sources(Chardev *chr)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);

    remove_fd_in_watch(chr);
    source_clear(&s->hup_src);
    if (s->state != SOCK_STATE_CONNECTED) {
        return;
    }
    chr_add_read_source(chr, s->fd, tcp_chr_can_read, tcp_chr_read, chr);
    /* The read source is idle while the frontend cannot read: watch for
     * a hang-up separately. */
    s->hup_src = g_io_create_watch(s->ioc, G_IO_HUP | G_IO_ERR);
    g_source_set_callback(s->hup_src, (GSourceFunc)(void (*)(void))tcp_chr_hup,
                          chr, NULL);
    g_source_attach(s->hup_src, chr->gcontext);
}

static void tcp_chr_update_read_handler(Chardev *chr)
{
    tcp_chr_install_sources(chr);
}

/* ---- output ---- */

static gboolean tcp_chr_disconnect_idle(gpointer opaque)
{
    Chardev *chr = opaque;
    SocketChardev *s = SOCKET_CHARDEV(chr);

    g_source_unref(s->disconnect_idle);
    s->disconnect_idle = NULL;
    if (s->state == SOCK_STATE_CONNECTED) {
        tcp_chr_disconnect(chr);
    }
    return G_SOURCE_REMOVE;
}

/* write() without SIGPIPE: a vanished peer is an error, not a signal. */
static int tcp_send_some(int fd, const uint8_t *buf, int len)
{
    int done = 0;

    while (done < len) {
        ssize_t n = send(fd, buf + done, len - done, MSG_NOSIGNAL);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return done ? done : -1;
        }
        done += n;
    }
    return done;
}

static int tcp_chr_write(Chardev *chr, const uint8_t *buf, int len)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);
    int ret;

    if (s->state != SOCK_STATE_CONNECTED) {
        errno = EIO;
        return -1;
    }
    ret = tcp_send_some(s->fd, buf, len);
    if (ret < 0 && errno != EAGAIN && !s->disconnect_idle) {
        /*
         * The peer is gone.  Disconnect from the main loop, not here: the
         * write lock is held and a frontend may write from its CLOSED
         * handler.
         */
        int saved_errno = errno;

        s->disconnect_idle = g_idle_source_new();
        g_source_set_callback(s->disconnect_idle, tcp_chr_disconnect_idle,
                              chr, NULL);
        g_source_attach(s->disconnect_idle, chr->gcontext);
        errno = saved_errno;
    }
    return ret;
}

static GSource *tcp_chr_add_watch(Chardev *chr, GIOCondition cond)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);

    if (s->state != SOCK_STATE_CONNECTED || !s->ioc) {
        return NULL;
    }
    return g_io_create_watch(s->ioc, cond);
}

/* ---- connection state ---- */

static gboolean tcp_chr_accept(gint fd, GIOCondition cond, gpointer opaque);

static void tcp_chr_listen_enable(Chardev *chr, bool enable)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);

    source_clear(&s->listen_src);
    if (enable && s->listen_fd >= 0) {
        s->listen_src = g_unix_fd_source_new(s->listen_fd, G_IO_IN);
        g_source_set_callback(s->listen_src,
                              (GSourceFunc)(void (*)(void))tcp_chr_accept,
                              chr, NULL);
        g_source_attach(s->listen_src, chr->gcontext);
    }
}

static gboolean tcp_chr_reconnect_cb(gpointer opaque)
{
    Chardev *chr = opaque;
    SocketChardev *s = SOCKET_CHARDEV(chr);

    g_source_unref(s->reconnect_timer);
    s->reconnect_timer = NULL;
    tcp_chr_connect_async(chr);
    return G_SOURCE_REMOVE;
}

/* Try again in reconnect_time seconds (0: at the next loop iteration). */
static void tcp_chr_start_reconnect(Chardev *chr, int64_t seconds)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);

    source_clear(&s->reconnect_timer);
    s->reconnect_timer = seconds ? g_timeout_source_new_seconds(seconds)
                                 : g_idle_source_new();
    g_source_set_callback(s->reconnect_timer, tcp_chr_reconnect_cb, chr,
                          NULL);
    g_source_attach(s->reconnect_timer, chr->gcontext);
}

static void tcp_chr_free_connection(SocketChardev *s)
{
    Chardev *chr = CHARDEV(s);

    remove_fd_in_watch(chr);
    source_clear(&s->hup_src);
    source_clear(&s->disconnect_idle);
    if (s->ioc) {
        g_io_channel_unref(s->ioc);
        s->ioc = NULL;
    }
    if (s->fd >= 0) {
        close(s->fd);
        s->fd = -1;
    }
    s->state = SOCK_STATE_DISCONNECTED;
}

static void tcp_chr_disconnect(Chardev *chr)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);
    bool was_connected = s->state == SOCK_STATE_CONNECTED;

    tcp_chr_free_connection(s);
    if (s->is_listen) {
        tcp_chr_listen_enable(chr, true);
    }
    update_disconnected_filename(s);
    if (was_connected) {
        qemu_chr_be_event(chr, CHR_EVENT_CLOSED);
    }
    if (s->reconnect_time && !s->reconnect_timer) {
        tcp_chr_start_reconnect(chr, s->reconnect_time);
    }
}

static void tcp_chr_set_nodelay(int fd)
{
    int one = 1;

    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

/* A connected socket: take it unless a peer is already there. */
static bool tcp_chr_new_client(Chardev *chr, int fd)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);

    if (s->state == SOCK_STATE_CONNECTED) {
        close(fd);
        return false;
    }
    s->fd = fd;
    s->ioc = g_io_channel_unix_new(fd);
    g_io_channel_set_close_on_unref(s->ioc, FALSE);
    s->telnet = TELNET_DATA;
    s->connect_err_reported = false;
    if (s->is_listen) {
        tcp_chr_listen_enable(chr, false);
    }
    if (s->do_nodelay) {
        tcp_chr_set_nodelay(fd);
    }
    if (s->is_listen && s->is_telnet) {
        static const uint8_t negotiation[] = {
            IAC, TELNET_WILL, TELNET_ECHO,
            IAC, TELNET_WILL, TELNET_SGA,
            IAC, TELNET_WILL, TELNET_BINARY,
            IAC, TELNET_DO, TELNET_BINARY,
        };
        /* A fresh socket always has room for these few bytes. */
        if (tcp_send_some(fd, negotiation, sizeof(negotiation)) !=
            sizeof(negotiation)) {
            tcp_chr_free_connection(s);
            if (s->is_listen) {
                tcp_chr_listen_enable(chr, true);
            }
            return false;
        }
    }
    s->state = SOCK_STATE_CONNECTED;
    update_connected_filename(s);
    tcp_chr_install_sources(chr);
    qemu_chr_be_event(chr, CHR_EVENT_OPENED);
    return true;
}

static int tcp_chr_accept_fd(SocketChardev *s)
{
    int fd;

    do {
        fd = accept4(s->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    return fd;
}

static gboolean tcp_chr_accept(gint lfd, GIOCondition cond, gpointer opaque)
{
    Chardev *chr = opaque;
    SocketChardev *s = SOCKET_CHARDEV(chr);
    int fd = tcp_chr_accept_fd(s);

    if (fd >= 0) {
        tcp_chr_new_client(chr, fd);
    }
    return G_SOURCE_CONTINUE;
}

/* wait=on: block until the first client arrives. */
static bool tcp_chr_wait_client(Chardev *chr, Error **errp)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);

    info_report("QEMU waiting for connection on: %s", chr->filename);
    while (s->state != SOCK_STATE_CONNECTED) {
        struct pollfd pfd = { .fd = s->listen_fd, .events = POLLIN };
        int fd;

        if (poll(&pfd, 1, -1) < 0 && errno != EINTR) {
            error_setg_errno(errp, errno, "Failed to accept a connection");
            return false;
        }
        fd = tcp_chr_accept_fd(s);
        if (fd >= 0) {
            tcp_chr_new_client(chr, fd);
        }
    }
    return true;
}

static void tcp_chr_connect_failed(Chardev *chr, Error *err)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);

    s->state = SOCK_STATE_DISCONNECTED;
    if (!s->connect_err_reported) {
        error_report("Unable to connect character device %s: %s",
                     chr->label, error_get_pretty(err));
        s->connect_err_reported = true;
    }
    error_free(err);
    tcp_chr_start_reconnect(chr, s->reconnect_time);
}

static gboolean tcp_chr_connect_done(gint fd, GIOCondition cond,
                                     gpointer opaque)
{
    Chardev *chr = opaque;
    SocketChardev *s = SOCKET_CHARDEV(chr);
    int err = chr_socket_connect_finish(fd);

    g_source_unref(s->connect_src);
    s->connect_src = NULL;
    s->connect_fd = -1;
    if (err) {
        Error *local_err = NULL;

        close(fd);
        if (s->addr->kind == CHR_ADDR_UNIX) {
            error_setg_errno(&local_err, err, "Failed to connect to '%s'",
                             s->addr->path);
        } else {
            error_setg_errno(&local_err, err, "Failed to connect to '%s:%s'",
                             s->addr->host, s->addr->port);
        }
        tcp_chr_connect_failed(chr, local_err);
        return G_SOURCE_REMOVE;
    }
    s->state = SOCK_STATE_DISCONNECTED;
    tcp_chr_new_client(chr, fd);
    return G_SOURCE_REMOVE;
}

static void tcp_chr_connect_async(Chardev *chr)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);
    Error *err = NULL;
    bool in_progress;
    int fd;

    if (s->state != SOCK_STATE_DISCONNECTED) {
        return;
    }
    fd = chr_socket_connect(s->addr, false, &in_progress, &err);
    if (fd < 0) {
        tcp_chr_connect_failed(chr, err);
        return;
    }
    if (!in_progress) {
        tcp_chr_new_client(chr, fd);
        return;
    }
    s->state = SOCK_STATE_CONNECTING;
    s->connect_fd = fd;
    s->connect_src = g_unix_fd_source_new(fd, G_IO_OUT);
    g_source_set_callback(s->connect_src,
                          (GSourceFunc)(void (*)(void))tcp_chr_connect_done,
                          chr, NULL);
    g_source_attach(s->connect_src, chr->gcontext);
}

static void tcp_chr_disconnect_req(Chardev *chr)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);

    if (s->state == SOCK_STATE_CONNECTED) {
        tcp_chr_disconnect(chr);
    }
}

/* ---- options ---- */

static bool tcp_chr_parse(Chardev *chr, QemuOpts *opts, Error **errp)
{
    const char *path = qemu_opt_get(opts, "path");
    const char *host = qemu_opt_get(opts, "host");
    const char *fd = qemu_opt_get(opts, "fd");

    if (!!path + !!host + !!fd > 1) {
        error_setg(errp,
                   "None or one of 'path', 'fd' or 'host' option required.");
        return false;
    }
    if (host && !qemu_opt_get(opts, "port")) {
        error_setg(errp, "chardev: socket: no port given");
        return false;
    }
    if (qemu_opt_get(opts, "delay") && qemu_opt_get(opts, "nodelay")) {
        error_setg(errp, "'delay' and 'nodelay' are mutually exclusive");
        return false;
    }
    return true;
}

static ChrSocketAddr *tcp_chr_addr_from_opts(QemuOpts *opts)
{
    ChrSocketAddr *a = g_new0(ChrSocketAddr, 1);
    const char *path = qemu_opt_get(opts, "path");
    const char *host = qemu_opt_get(opts, "host");

    if (path) {
        a->kind = CHR_ADDR_UNIX;
        a->path = g_strdup(path);
        a->tight = qemu_opt_get_bool(opts, "tight", true);
        a->abstract = qemu_opt_get_bool(opts, "abstract", false);
    } else if (host) {
        a->kind = CHR_ADDR_INET;
        a->host = g_strdup(host);
        a->port = g_strdup(qemu_opt_get(opts, "port"));
        a->to = MIN(qemu_opt_get_number(opts, "to", 0), (uint64_t)65535);
        a->ipv4 = qemu_opt_get_bool(opts, "ipv4", false);
        a->ipv6 = qemu_opt_get_bool(opts, "ipv6", false);
    } else {
        a->kind = CHR_ADDR_FD;
        a->fdstr = g_strdup(qemu_opt_get(opts, "fd"));
    }
    return a;
}

/* The address a listening socket is bound to, as QEMU then shows it. */
static ChrSocketAddr *tcp_chr_local_addr(int fd, const ChrSocketAddr *cfg)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    ChrSocketAddr *a;
    char host[NI_MAXHOST], serv[NI_MAXSERV];

    memset(&ss, 0, sizeof(ss));
    if (getsockname(fd, (struct sockaddr *)&ss, &len) < 0) {
        return chr_sockaddr_copy(cfg);
    }
    a = g_new0(ChrSocketAddr, 1);
    switch (ss.ss_family) {
    case AF_UNIX:
        a->kind = CHR_ADDR_UNIX;
        if (cfg->kind == CHR_ADDR_UNIX) {
            a->path = g_strdup(cfg->path);
            a->abstract = cfg->abstract;
            a->tight = cfg->tight;
        } else {
            a->path = g_strdup(((struct sockaddr_un *)&ss)->sun_path);
        }
        return a;
    case AF_INET:
    case AF_INET6:
        chr_sockaddr_numeric((struct sockaddr *)&ss, len, host, sizeof(host),
                             serv, sizeof(serv));
        a->kind = CHR_ADDR_INET;
        a->host = g_strdup(host);
        a->port = g_strdup(serv);
        return a;
    default:
        g_free(a);
        return chr_sockaddr_copy(cfg);
    }
}

static bool tcp_chr_check_options(QemuOpts *opts, ChrAddrKind kind,
                                  bool is_listen, Error **errp)
{
    const char *creds = qemu_opt_get(opts, "tls-creds");

    if (creds) {
        /* No TLS credentials objects exist in this emulator yet. */
        error_setg(errp, "No TLS credentials with id '%s'", creds);
        return false;
    }
    if (kind == CHR_ADDR_FD && qemu_opt_find(opts, "reconnect")) {
        error_setg(errp,
                   "'reconnect' option is incompatible with 'fd' address type");
        return false;
    }
    if (qemu_opt_get(opts, "tls-authz")) {
        error_setg(errp, "'tls_authz' option requires 'tls_creds' option");
        return false;
    }
    if (is_listen) {
        if (qemu_opt_find(opts, "reconnect")) {
            error_setg(errp, "'reconnect' option is incompatible with "
                       "socket in server listen mode");
            return false;
        }
        if (qemu_opt_get_bool(opts, "websocket", false)) {
            error_setg(errp, "Websocket server is not supported yet");
            return false;
        }
    } else {
        if (qemu_opt_get_bool(opts, "websocket", false)) {
            error_setg(errp, "Websocket client is not implemented");
            return false;
        }
        if (qemu_opt_find(opts, "wait")) {
            error_setg(errp, "'wait' option is incompatible with "
                       "socket in client connect mode");
            return false;
        }
    }
    if (qemu_opt_get_bool(opts, "tn3270", false)) {
        error_setg(errp, "tn3270 is not supported yet");
        return false;
    }
    return true;
}

static bool tcp_chr_open(Chardev *chr, QemuOpts *opts, bool *be_opened,
                         Error **errp)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);
    bool is_listen = qemu_opt_get_bool(opts, "server", false);
    bool is_waitconnect = qemu_opt_get_bool(opts, "wait", true);
    ChrSocketAddr *cfg = tcp_chr_addr_from_opts(opts);
    bool in_progress;
    int fd;

    *be_opened = false;
    if (!tcp_chr_check_options(opts, cfg->kind, is_listen, errp)) {
        chr_sockaddr_free(cfg);
        return false;
    }
    s->addr = cfg;
    s->is_listen = is_listen;
    s->is_telnet = qemu_opt_get_bool(opts, "telnet", false);
    s->do_nodelay = !qemu_opt_get_bool(opts, "delay", true) ||
                    qemu_opt_get_bool(opts, "nodelay", false);
    s->reconnect_time = MIN(qemu_opt_get_number(opts, "reconnect", 0),
                            (uint64_t)G_MAXINT32);

    if (is_listen) {
        s->listen_fd = chr_socket_listen(cfg, errp);
        if (s->listen_fd < 0) {
            return false;
        }
        s->addr = tcp_chr_local_addr(s->listen_fd, cfg);
        chr_sockaddr_free(cfg);
        update_disconnected_filename(s);
        if (is_waitconnect) {
            return tcp_chr_wait_client(chr, errp);
        }
        tcp_chr_listen_enable(chr, true);
        return true;
    }

    update_disconnected_filename(s);
    if (s->reconnect_time > 0) {
        /* Connect from the main loop: failures are reported from there. */
        tcp_chr_start_reconnect(chr, 0);
        return true;
    }
    fd = chr_socket_connect(cfg, true, &in_progress, errp);
    if (fd < 0) {
        return false;
    }
    tcp_chr_new_client(chr, fd);
    return true;
}

static void tcp_chr_init(Object *obj)
{
    SocketChardev *s = SOCKET_CHARDEV(obj);

    s->fd = -1;
    s->listen_fd = -1;
    s->connect_fd = -1;
}

static void tcp_chr_finalize(Object *obj)
{
    SocketChardev *s = SOCKET_CHARDEV(obj);

    tcp_chr_free_connection(s);
    source_clear(&s->listen_src);
    source_clear(&s->connect_src);
    source_clear(&s->reconnect_timer);
    if (s->connect_fd >= 0) {
        close(s->connect_fd);
    }
    if (s->listen_fd >= 0) {
        chr_socket_unlink(s->listen_fd);
        close(s->listen_fd);
    }
    chr_sockaddr_free(s->addr);
}

static void tcp_chr_class_init(ObjectClass *oc, void *data)
{
    ChardevClass *cc = CHARDEV_CLASS(oc);

    cc->parse = tcp_chr_parse;
    cc->open = tcp_chr_open;
    cc->chr_write = tcp_chr_write;
    cc->chr_add_watch = tcp_chr_add_watch;
    cc->chr_update_read_handler = tcp_chr_update_read_handler;
    cc->chr_disconnect = tcp_chr_disconnect_req;
}

static const TypeInfo tcp_chr_type_info = {
    .name = "chardev-socket",
    .parent = TYPE_CHARDEV,
    .instance_size = sizeof(SocketChardev),
    .instance_init = tcp_chr_init,
    .instance_finalize = tcp_chr_finalize,
    .class_init = tcp_chr_class_init,
};

static void tcp_chr_register_types(void)
{
    type_register_static(&tcp_chr_type_info);
}
type_init(tcp_chr_register_types)
