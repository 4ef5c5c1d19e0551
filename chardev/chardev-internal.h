/*
 * chardev-internal.h: helpers shared by the chardev backends (not for
 * frontends; they use include/chardev/char.h).
 *
 * - The read source: a GSource on an input fd that polls for G_IO_IN only
 *   while the frontend can take bytes (its can_read handler returns > 0),
 *   so a frontend that stops reading leaves data in the kernel and the
 *   peer feels back-pressure.
 * - FDChardev ("chardev-fd", abstract): a chardev over an input and an
 *   output file descriptor with non-blocking writes and G_IO_OUT watches;
 *   file, pipe, stdio, serial, parallel and pty build on it.
 * - The mux ("chardev-mux") hooks the frontend API needs.
 * - Socket address helpers (char-sockaddr.c) for the socket and udp
 *   backends.
 */
#ifndef CHARDEV_INTERNAL_H
#define CHARDEV_INTERNAL_H

#include "chardev/char.h"
#include <sys/socket.h>

/* ---- char.c ---- */

/* "/chardevs", created on first use. */
Object *get_chardevs_root(void);
/* Replace chr->filename with a formatted string. */
void chr_set_filename(Chardev *chr, const char *fmt, ...) QEMU_PRINTF(2, 3);
/* Switch the context the backend's sources run in and reinstall them. */
void qemu_chr_be_update_read_handlers(Chardev *s, GMainContext *context);
/*
 * A user-visible notice ("char device redirected to ..."): to the HMP
 * monitor running the current command, nowhere for a QMP command (the
 * reply carries the information), else stdout (as QEMU's qemu_printf).
 */
void chr_notice(const char *fmt, ...) QEMU_PRINTF(1, 2);
/*
 * Create a chardev of class cc with label id from opts (NULL: none), open
 * it and add it under /chardevs.  Errors as qemu_chr_new_from_opts().
 */
Chardev *chardev_new(const char *id, ChardevClass *cc, QemuOpts *opts,
                     GMainContext *context, Error **errp);

/* ---- char-fe.c ---- */

/*
 * qemu_chr_fe_set_handlers(), where sync_state false skips telling an
 * attached frontend that the backend is already open (the mux re-installs
 * its handlers on its base without repeating CHR_EVENT_OPENED).
 */
void qemu_chr_fe_set_handlers_full(CharBackend *b,
                                   IOCanReadHandler *fd_can_read,
                                   IOReadHandler *fd_read,
                                   IOEventHandler *fd_event,
                                   void *opaque,
                                   GMainContext *context,
                                   bool set_open, bool sync_state);

/* ---- char-io.c ---- */

/* Called on readiness of the fd; returning FALSE removes the source. */
typedef gboolean ChrReadFunc(void *opaque, GIOCondition cond);
/*
 * Install chr->gsource: a read source on fd in chr->gcontext, polling while
 * can_read(opaque) > 0.  Any previous chr->gsource is removed first.
 */
void chr_add_read_source(Chardev *chr, int fd, IOCanReadHandler *can_read,
                         ChrReadFunc *read, void *opaque);
/* Remove chr->gsource (safe from inside its own callback). */
void remove_fd_in_watch(Chardev *chr);
/* Set or clear O_NONBLOCK; false on failure. */
bool chr_fd_set_nonblock(int fd, bool nonblock);
/*
 * Write as much of buf as fd takes now: the count (>= 1), or -1 with errno
 * (EAGAIN when nothing could be written).  EINTR is retried.
 */
int chr_fd_write_some(int fd, const uint8_t *buf, int len);

/* ---- char-fd.c ---- */

#define TYPE_CHARDEV_FD "chardev-fd"

typedef struct FDChardev {
    Chardev parent;
    int fd_in;                  /* -1: no input */
    int fd_out;                 /* -1: output discarded */
    GIOChannel *ioc_out;        /* for G_IO_OUT watches */
    bool close_fds;             /* close fd_in/fd_out at finalize */
    int max_size;               /* the frontend's last can_read */
} FDChardev;

#define FD_CHARDEV(obj) OBJECT_CHECK(FDChardev, (obj), TYPE_CHARDEV_FD)

/*
 * Use fd_in/fd_out (either may be -1; they may be equal); both become
 * non-blocking.  With close_fds they are closed when the chardev goes.
 */
void qemu_chr_open_fd(Chardev *chr, int fd_in, int fd_out, bool close_fds);

/* ---- char-mux.c ---- */

#define TYPE_CHARDEV_MUX "chardev-mux"
#define MAX_MUX 4

bool chardev_is_mux(Chardev *chr);
/* Register frontend b on mux chr; its tag is returned in *tag. */
bool mux_chr_attach_frontend(Chardev *chr, CharBackend *b, int *tag,
                             Error **errp);
void mux_chr_detach_frontend(Chardev *chr, int tag);
/* Give the focus to frontend tag (MUX_OUT to the old, MUX_IN to it). */
void mux_set_focus(Chardev *chr, int focus);
/* A mux with at least one frontend attached. */
bool mux_chr_is_busy(Chardev *chr);
/* The base chardev of a mux. */
Chardev *mux_chr_base(Chardev *chr);

/* ---- char-ringbuf.c ---- */

#define TYPE_CHARDEV_RINGBUF "chardev-ringbuf"
bool chardev_is_ringbuf(Chardev *chr);
/* Store bytes as if written by the frontend. */
void ringbuf_chr_store(Chardev *chr, const uint8_t *buf, int len);
/* Take up to size bytes out of the ring; g_free the result. */
uint8_t *ringbuf_chr_take(Chardev *chr, int size, int *out_len);

/* ---- char-stdio.c ---- */

/* Whether a stdio chardev exists (only one may). */
bool qemu_chr_stdio_in_use(void);

/* ---- char-sockaddr.c: socket addresses for socket and udp ---- */

typedef enum {
    CHR_ADDR_UNIX,
    CHR_ADDR_INET,
    CHR_ADDR_FD,
} ChrAddrKind;

typedef struct ChrSocketAddr {
    ChrAddrKind kind;
    char *path;                 /* unix */
    bool abstract, tight;
    char *host, *port;          /* inet ("" host: any) */
    int to;                     /* inet listen: last port to try; 0: none */
    bool ipv4, ipv6;            /* inet: restrict the family */
    char *fdstr;                /* fd= as given */
} ChrSocketAddr;

void chr_sockaddr_free(ChrSocketAddr *a);
ChrSocketAddr *chr_sockaddr_copy(const ChrSocketAddr *a);
/* "unix:PATH" / "tcp:HOST:PORT" / "fd:N" as QEMU prints a configured
 * address (prefix: "tcp", "telnet" or "websocket" for inet). */
char *chr_sockaddr_to_str(const ChrSocketAddr *a, const char *prefix,
                          bool is_listen);
/* The fd= value as a socket descriptor ("Unable to parse FD number X",
 * "File descriptor 'X' is not a socket"). */
int chr_sockaddr_get_fd(const char *fdstr, Error **errp);
/* getaddrinfo() for host:port with the address's family restrictions;
 * "address resolution failed for HOST:PORT: REASON". */
struct addrinfo *chr_sockaddr_resolve(const char *host, const char *port,
                                      bool ipv4, bool ipv6, int socktype,
                                      bool passive, Error **errp);
/* A bound, listening stream socket (non-blocking, close-on-exec). */
int chr_socket_listen(const ChrSocketAddr *a, Error **errp);
/*
 * Connect a stream socket.  blocking: wait for the result; else the socket
 * may still be connecting (*in_progress set; wait for G_IO_OUT and check
 * chr_socket_connect_finish()).  Errors "Failed to connect to 'X': ...".
 */
int chr_socket_connect(const ChrSocketAddr *a, bool blocking,
                       bool *in_progress, Error **errp);
/* After G_IO_OUT on a connecting socket: 0 or the connect errno. */
int chr_socket_connect_finish(int fd);
/* Remove the path of a unix listening socket (not abstract ones). */
void chr_socket_unlink(int fd);
/* getnameinfo() numeric host and port of a sockaddr. */
void chr_sockaddr_numeric(const struct sockaddr *sa, socklen_t len,
                          char *host, size_t hostlen, char *serv,
                          size_t servlen);

#endif
