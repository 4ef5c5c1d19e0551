/*
 * char.h: character devices (chardevs) and the frontend API.
 *
 * A Chardev is a host-side byte stream (stdio, file, pipe, pty, socket,
 * udp, serial tty, null, ringbuf, mux).  Each backend is a QOM type
 * "chardev-NAME" under "/chardevs/ID".  A *frontend* (a serial port, a
 * monitor) attaches through a CharBackend and is driven by events from the
 * main loop:
 *   - can_read(opaque): how many bytes the frontend can take now (0: stop
 *     reading until qemu_chr_fe_accept_input() is called);
 *   - read(opaque, buf, size): bytes arrived (size <= last can_read);
 *   - event(opaque, event): CHR_EVENT_OPENED when a peer connects (or at
 *     once for always-open backends), CHR_EVENT_CLOSED on disconnect,
 *     CHR_EVENT_MUX_IN/OUT when a mux switches focus to/from the frontend.
 * Writes never block the main loop: qemu_chr_fe_write() writes what the
 * host accepts now and returns the count (possibly 0, or -1 with errno);
 * a frontend with more to send calls qemu_chr_fe_add_watch(G_IO_OUT) and
 * resumes in the callback (back-pressure).  qemu_chr_fe_write_all() loops
 * until done (for short, rare outputs such as monitor prompts or debug
 * ports only).
 *
 * All chardev callbacks run in the main loop thread with the big lock held;
 * frontends in other threads take the lock before writing.
 */
#ifndef CHARDEV_CHAR_H
#define CHARDEV_CHAR_H

#include "qom/object.h"
#include "qemu/option.h"

typedef enum QEMUChrEvent {
    CHR_EVENT_BREAK,
    CHR_EVENT_OPENED,
    CHR_EVENT_MUX_IN,
    CHR_EVENT_MUX_OUT,
    CHR_EVENT_CLOSED,
} QEMUChrEvent;

typedef int IOCanReadHandler(void *opaque);
typedef void IOReadHandler(void *opaque, const uint8_t *buf, int size);
typedef void IOEventHandler(void *opaque, QEMUChrEvent event);
typedef gboolean FEWatchFunc(void *do_not_use, GIOCondition cond,
                             void *opaque);

typedef struct Chardev Chardev;
typedef struct ChardevClass ChardevClass;
typedef struct CharBackend CharBackend;

#define TYPE_CHARDEV "chardev"
#define CHARDEV(obj) OBJECT_CHECK(Chardev, (obj), TYPE_CHARDEV)
#define CHARDEV_CLASS(klass) \
    OBJECT_CLASS_CHECK(ChardevClass, (klass), TYPE_CHARDEV)
#define CHARDEV_GET_CLASS(obj) \
    OBJECT_GET_CLASS(ChardevClass, (obj), TYPE_CHARDEV)

struct Chardev {
    Object parent_obj;
    GMutex chr_write_lock;
    CharBackend *be;            /* the attached frontend, or NULL */
    char *label;                /* the id */
    char *filename;             /* info chardev / query-chardev "filename" */
    int logfd;                  /* logfile=, or -1 */
    bool be_open;               /* a peer is connected */
    GSource *gsource;           /* the backend's read source, if any */
    GMainContext *gcontext;
};

struct ChardevClass {
    ObjectClass parent_class;
    bool internal;              /* not creatable by -chardev (e.g. mux) */
    /* Parse backend options from -chardev opts into obj properties. */
    bool (*parse)(Chardev *chr, QemuOpts *opts, Error **errp);
    /* Open the host side; *be_opened = false if waiting for a peer. */
    bool (*open)(Chardev *chr, QemuOpts *opts, bool *be_opened,
                 Error **errp);
    int (*chr_write)(Chardev *s, const uint8_t *buf, int len);
    int (*chr_sync_read)(Chardev *s, const uint8_t *buf, int len);
    GSource *(*chr_add_watch)(Chardev *s, GIOCondition cond);
    /* (Re)install the read source after handlers change. */
    void (*chr_update_read_handler)(Chardev *s);
    void (*chr_accept_input)(Chardev *chr);
    void (*chr_set_echo)(Chardev *chr, bool echo);
    void (*chr_set_fe_open)(Chardev *chr, int fe_open);
    void (*chr_be_event)(Chardev *s, QEMUChrEvent event);
    int (*chr_ioctl)(Chardev *s, int cmd, void *arg);
    /* Drop the current peer (sockets); see qemu_chr_fe_disconnect(). */
    void (*chr_disconnect)(Chardev *chr);
};

struct CharBackend {
    Chardev *chr;
    IOEventHandler *chr_event;
    IOCanReadHandler *chr_can_read;
    IOReadHandler *chr_read;
    void *opaque;
    int tag;                    /* index in a mux */
    bool fe_open;
};

/* ---- creating chardevs ---- */

/*
 * From a -chardev QemuOpts: checks the backend name ("'foo' is not a valid
 * char driver name"), id, options; opens it; adds it under /chardevs.
 * Every backend takes logfile=PATH (a copy of everything written to the
 * chardev; "/dev/fdset/N" works) and logappend=on|off.  mux=on creates the
 * backend as "ID-base" and a mux "ID" on top of it.
 * Returns NULL with *errp set on failure, and NULL with *errp untouched
 * when the backend is "help" (the list was printed to stdout: vl.c exits 0).
 */
Chardev *qemu_chr_new_from_opts(QemuOpts *opts, GMainContext *context,
                                Error **errp);
/*
 * From a legacy shorthand ("stdio", "pty", "null", "file:PATH",
 * "unix:PATH,server=on", "tcp:HOST:PORT,...", "udp:...", "pipe:PATH",
 * "/dev/ttyS0", "mon:stdio", "telnet:..."), as -serial/-monitor/-qmp take:
 * creates a chardev labelled `label`.
 */
Chardev *qemu_chr_new(const char *label, const char *filename,
                      GMainContext *context, Error **errp);
/*
 * Convert such a shorthand into -chardev QemuOpts (without creating), in
 * the "chardev" group with id `label`; "mon:X" gives X's opts plus mux=on
 * (and signal=off for "mon:stdio") when permit_mux_mon, else fails with
 * "mon: isn't supported in this context".  An unknown form fails with
 * "'foo' is not a valid char driver".
 *
 * As in QEMU, some failures are silent: a malformed tcp:/telnet:/udp:/vc:
 * string, and "none" (no device), return NULL with *errp untouched; the
 * caller then prints its own message (e.g. "parse error: ...").  The same
 * holds for qemu_chr_new(), which also returns the existing chardev for
 * "chardev:ID" (NULL, silently, when there is none) and, for "mon:X",
 * starts an HMP monitor on the new mux.
 */
QemuOpts *qemu_chr_parse_compat(const char *label, const char *filename,
                                bool permit_mux_mon, Error **errp);
Chardev *qemu_chr_find(const char *label);
/* Remove (fails if a frontend is attached). */
bool qemu_chr_delete(const char *label, Error **errp);
/* -chardev help: the backend names. */
void qemu_chr_print_backends(GString *out);
/* Every chardev, in creation order. */
GList *qemu_chr_list(void);
/* Backend type name of a chardev ("socket", "stdio", ...). */
const char *qemu_chr_backend_name(Chardev *chr);
/*
 * At exit (after monitor_cleanup()): restore the terminal changed by a
 * stdio chardev, then remove every chardev (closing sockets and unlinking
 * unix server sockets, as QEMU does).  Safe to call more than once.  The
 * terminal is also restored by an atexit() handler installed by the stdio
 * backend, so exit() from any path leaves a usable terminal.
 */
void qemu_chr_cleanup(void);
/*
 * Restore the terminal only (tcsetattr and fcntl: async-signal-safe), for
 * a fatal signal handler.
 */
void qemu_chr_restore_terminal(void);
/*
 * Call when the machine and command line devices are created (QEMU's
 * machine-init-done point): opens every mux, whose frontends then get
 * CHR_EVENT_OPENED (a monitor prints its banner); muxes created later
 * open at once.  If never called, muxes open at the first main loop
 * iteration.
 */
void qemu_chr_machine_done(void);
/* The mux escape character (-echr; default 0x01, Ctrl-A). */
extern int term_escape_char;

/* ---- backend side (for chardev implementations) ---- */

int qemu_chr_be_can_write(Chardev *s);
void qemu_chr_be_write(Chardev *s, const uint8_t *buf, int len);
void qemu_chr_be_event(Chardev *s, QEMUChrEvent event);
/* Write to the chardev (used by frontends through qemu_chr_fe_*). */
int qemu_chr_write(Chardev *s, const uint8_t *buf, int len, bool write_all);

/* ---- frontend side ---- */

bool qemu_chr_fe_init(CharBackend *b, Chardev *s, Error **errp);
void qemu_chr_fe_deinit(CharBackend *b, bool del);
void qemu_chr_fe_set_handlers(CharBackend *b,
                              IOCanReadHandler *fd_can_read,
                              IOReadHandler *fd_read,
                              IOEventHandler *fd_event,
                              void *opaque,
                              GMainContext *context,
                              bool set_open);
Chardev *qemu_chr_fe_get_driver(CharBackend *be);
bool qemu_chr_fe_backend_connected(CharBackend *be);
bool qemu_chr_fe_backend_open(CharBackend *be);
int qemu_chr_fe_write(CharBackend *be, const uint8_t *buf, int len);
int qemu_chr_fe_write_all(CharBackend *be, const uint8_t *buf, int len);
void qemu_chr_fe_printf(CharBackend *be, const char *fmt, ...)
    QEMU_PRINTF(2, 3);
/* Call func when cond (G_IO_OUT / G_IO_HUP) holds; returns a source tag
 * (0 if the backend cannot watch; then write again later). */
guint qemu_chr_fe_add_watch(CharBackend *be, GIOCondition cond,
                            FEWatchFunc func, void *opaque);
void qemu_chr_fe_accept_input(CharBackend *be);
void qemu_chr_fe_set_echo(CharBackend *be, bool echo);
void qemu_chr_fe_set_open(CharBackend *be, int fe_open);
/* Drop the connection of a socket chardev (a monitor closing a client). */
void qemu_chr_fe_disconnect(CharBackend *be);

#endif
