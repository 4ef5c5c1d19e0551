/*
 * char-sockaddr.c: socket addresses for the socket and udp backends:
 * resolving, listening, connecting, and printing them as QEMU does.
 */
#include "qemu/osdep.h"
#include <sys/un.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include "qapi/error.h"
#include "qemu/option.h"
#include "monitor/monitor.h"
#include "chardev-internal.h"

void chr_sockaddr_free(ChrSocketAddr *a)
{
    if (!a) {
        return;
    }
    g_free(a->path);
    g_free(a->host);
    g_free(a->port);
    g_free(a->fdstr);
    g_free(a);
}

ChrSocketAddr *chr_sockaddr_copy(const ChrSocketAddr *a)
{
    ChrSocketAddr *c = g_memdup2(a, sizeof(*a));

    c->path = g_strdup(a->path);
    c->host = g_strdup(a->host);
    c->port = g_strdup(a->port);
    c->fdstr = g_strdup(a->fdstr);
    return c;
}

char *chr_sockaddr_to_str(const ChrSocketAddr *a, const char *prefix,
                          bool is_listen)
{
    const char *server = is_listen ? ",server=on" : "";

    switch (a->kind) {
    case CHR_ADDR_UNIX:
        return g_strdup_printf("unix:%s%s", a->path, server);
    case CHR_ADDR_INET:
        return g_strdup_printf("%s:%s:%s%s", prefix, a->host, a->port,
                               server);
    case CHR_ADDR_FD:
    default:
        return g_strdup_printf("fd:%s%s", a->fdstr ? a->fdstr : "", server);
    }
}

int chr_sockaddr_get_fd(const char *fdstr, Error **errp)
{
    struct stat st;
    int fd;

    if (monitor_cur()) {
        /* From a monitor command, fd= names a descriptor passed with getfd,
         * and none can be passed yet. */
        error_setg(errp, "File descriptor named '%s' has not been found",
                   fdstr ? fdstr : "");
        return -1;
    }
    if (!fdstr || qemu_strtoi(fdstr, NULL, 10, &fd) < 0 || fd < 0) {
        error_setg(errp, "Unable to parse FD number %s", fdstr ? fdstr : "");
        return -1;
    }
    if (fstat(fd, &st) < 0 || !S_ISSOCK(st.st_mode)) {
        error_setg(errp, "File descriptor '%s' is not a socket", fdstr);
        /* As QEMU, the descriptor handed over is consumed either way. */
        if (fd > 2) {
            close(fd);
        }
        return -1;
    }
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    return fd;
}

struct addrinfo *chr_sockaddr_resolve(const char *host, const char *port,
                                      bool ipv4, bool ipv6, int socktype,
                                      bool passive, Error **errp)
{
    struct addrinfo hints, *res = NULL;
    int rc;

    memset(&hints, 0, sizeof(hints));
    hints.ai_socktype = socktype;
    if (ipv4 && !ipv6) {
        hints.ai_family = AF_INET;
    } else if (ipv6 && !ipv4) {
        hints.ai_family = AF_INET6;
    } else {
        hints.ai_family = AF_UNSPEC;
    }
    hints.ai_flags = passive ? AI_PASSIVE : (AI_V4MAPPED | AI_ADDRCONFIG);
    rc = getaddrinfo(host && *host ? host : NULL, port, &hints, &res);
    if (rc != 0) {
        error_setg(errp, "address resolution failed for %s:%s: %s",
                   host ? host : "(null)", port, gai_strerror(rc));
        return NULL;
    }
    return res;
}

void chr_sockaddr_numeric(const struct sockaddr *sa, socklen_t len,
                          char *host, size_t hostlen, char *serv,
                          size_t servlen)
{
    if (getnameinfo(sa, len, host, hostlen, serv, servlen,
                    NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
        g_strlcpy(host, "", hostlen);
        g_strlcpy(serv, "", servlen);
    }
}

/* Fill *un for path; false (with QEMU's error and hint) if too long. */
static bool unix_sockaddr(const ChrSocketAddr *a, struct sockaddr_un *un,
                          socklen_t *len, Error **errp)
{
    size_t pathlen = strlen(a->path);

    memset(un, 0, sizeof(*un));
    un->sun_family = AF_UNIX;
    /* Room for the terminating NUL, or for the leading NUL if abstract. */
    if (pathlen >= sizeof(un->sun_path)) {
        error_setg(errp, "UNIX socket path '%s' is too long", a->path);
        error_append_hint(errp, "Path must be less than %zu bytes\n",
                          sizeof(un->sun_path));
        return false;
    }
    if (a->abstract) {
        memcpy(un->sun_path + 1, a->path, pathlen);
        *len = a->tight ? offsetof(struct sockaddr_un, sun_path) + 1 + pathlen
                        : sizeof(*un);
    } else {
        memcpy(un->sun_path, a->path, pathlen);
        *len = sizeof(*un);
    }
    return true;
}

static int unix_listen(const ChrSocketAddr *a, Error **errp)
{
    struct sockaddr_un un;
    socklen_t len;
    int fd;

    if (!unix_sockaddr(a, &un, &len, errp)) {
        return -1;
    }
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        error_setg_errno(errp, errno, "Failed to create Unix socket");
        return -1;
    }
    if (!a->abstract) {
        /* A stale socket file from an earlier run would block bind(). */
        unlink(a->path);
    }
    if (bind(fd, (struct sockaddr *)&un, len) < 0) {
        error_setg_errno(errp, errno, "Failed to bind socket to %s", a->path);
        close(fd);
        return -1;
    }
    if (listen(fd, 1) < 0) {
        error_setg_errno(errp, errno, "Failed to listen on socket");
        close(fd);
        return -1;
    }
    return fd;
}

/* Bind, retrying with IPV6_V6ONLY when the dual-stack port is taken. */
static int inet_try_bind(int fd, const ChrSocketAddr *a, struct addrinfo *e)
{
    int v6only = (a->ipv4 == a->ipv6) ? 0 : 1;

    for (;;) {
        if (e->ai_family == AF_INET6) {
            setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only,
                       sizeof(v6only));
        }
        if (bind(fd, e->ai_addr, e->ai_addrlen) == 0) {
            return 0;
        }
        if (e->ai_family == AF_INET6 && errno == EADDRINUSE && !v6only) {
            v6only = 1;
            continue;
        }
        return -1;
    }
}

static int inet_listen(const ChrSocketAddr *a, Error **errp)
{
    struct addrinfo *res, *e;
    unsigned long port_min, port_max, p;
    int saved_errno = 0;

    res = chr_sockaddr_resolve(a->host, a->port, a->ipv4, a->ipv6,
                               SOCK_STREAM, true, errp);
    if (!res) {
        return -1;
    }
    for (e = res; e; e = e->ai_next) {
        char host[NI_MAXHOST], serv[NI_MAXSERV];

        chr_sockaddr_numeric(e->ai_addr, e->ai_addrlen, host, sizeof(host),
                             serv, sizeof(serv));
        port_min = strtoul(serv, NULL, 10);
        port_max = a->to > 0 && (unsigned long)a->to > port_min ? a->to
                                                                : port_min;
        for (p = port_min; p <= port_max; p++) {
            int one = 1;
            int fd;

            if (e->ai_family == AF_INET6) {
                ((struct sockaddr_in6 *)e->ai_addr)->sin6_port = htons(p);
            } else if (e->ai_family == AF_INET) {
                ((struct sockaddr_in *)e->ai_addr)->sin_port = htons(p);
            }
            fd = socket(e->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                saved_errno = errno;
                continue;
            }
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
            if (inet_try_bind(fd, a, e) == 0) {
                if (listen(fd, 1) == 0) {
                    freeaddrinfo(res);
                    return fd;
                }
                error_setg_errno(errp, errno, "Failed to listen on socket");
                close(fd);
                freeaddrinfo(res);
                return -1;
            }
            saved_errno = errno;
            close(fd);
            if (saved_errno != EADDRINUSE) {
                break;
            }
        }
    }
    freeaddrinfo(res);
    if (saved_errno == EADDRINUSE) {
        error_setg_errno(errp, saved_errno,
                         "Failed to find an available port");
    } else {
        error_setg_errno(errp, saved_errno, "Failed to bind socket");
    }
    return -1;
}

int chr_socket_listen(const ChrSocketAddr *a, Error **errp)
{
    int fd;

    switch (a->kind) {
    case CHR_ADDR_UNIX:
        fd = unix_listen(a, errp);
        break;
    case CHR_ADDR_INET:
        fd = inet_listen(a, errp);
        break;
    case CHR_ADDR_FD:
    default:
        fd = chr_sockaddr_get_fd(a->fdstr, errp);
        if (fd >= 0 && listen(fd, 1) < 0) {
            error_setg_errno(errp, errno, "Failed to listen on socket");
            close(fd);
            fd = -1;
        }
        break;
    }
    if (fd >= 0) {
        chr_fd_set_nonblock(fd, true);
    }
    return fd;
}

int chr_socket_connect_finish(int fd)
{
    int err = 0;
    socklen_t len = sizeof(err);

    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0) {
        return errno;
    }
    return err;
}

/* connect() on a socket in the requested mode; 0, 1 (in progress), -1. */
static int connect_one(int fd, const struct sockaddr *sa, socklen_t len,
                       bool blocking)
{
    int rc;

    if (!blocking) {
        chr_fd_set_nonblock(fd, true);
    }
    do {
        rc = connect(fd, sa, len);
    } while (rc < 0 && errno == EINTR && blocking);
    if (rc == 0) {
        return 0;
    }
    if (!blocking && (errno == EINPROGRESS || errno == EINTR)) {
        return 1;
    }
    return -1;
}

int chr_socket_connect(const ChrSocketAddr *a, bool blocking,
                       bool *in_progress, Error **errp)
{
    struct addrinfo *res, *e;
    int fd = -1, rc, saved_errno = 0;

    *in_progress = false;
    if (a->kind == CHR_ADDR_FD) {
        fd = chr_sockaddr_get_fd(a->fdstr, errp);
        if (fd >= 0) {
            chr_fd_set_nonblock(fd, true);
        }
        return fd;
    }
    if (a->kind == CHR_ADDR_UNIX) {
        struct sockaddr_un un;
        socklen_t len;

        if (!unix_sockaddr(a, &un, &len, errp)) {
            return -1;
        }
        fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            error_setg_errno(errp, errno, "Failed to create socket");
            return -1;
        }
        rc = connect_one(fd, (struct sockaddr *)&un, len, blocking);
        if (rc < 0) {
            error_setg_errno(errp, errno, "Failed to connect to '%s'",
                             a->path);
            close(fd);
            return -1;
        }
        *in_progress = rc == 1;
        chr_fd_set_nonblock(fd, true);
        return fd;
    }

    res = chr_sockaddr_resolve(a->host, a->port, a->ipv4, a->ipv6,
                               SOCK_STREAM, false, errp);
    if (!res) {
        return -1;
    }
    for (e = res; e; e = e->ai_next) {
        fd = socket(e->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            saved_errno = errno;
            continue;
        }
        rc = connect_one(fd, e->ai_addr, e->ai_addrlen, blocking);
        if (rc >= 0) {
            *in_progress = rc == 1;
            break;
        }
        saved_errno = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        error_setg_errno(errp, saved_errno, "Failed to connect to '%s:%s'",
                         a->host, a->port);
        return -1;
    }
    chr_fd_set_nonblock(fd, true);
    return fd;
}

void chr_socket_unlink(int fd)
{
    struct sockaddr_un un;
    socklen_t len = sizeof(un);

    memset(&un, 0, sizeof(un));
    if (getsockname(fd, (struct sockaddr *)&un, &len) == 0 &&
        un.sun_family == AF_UNIX && un.sun_path[0] &&
        len > offsetof(struct sockaddr_un, sun_path)) {
        unlink(un.sun_path);
    }
}
