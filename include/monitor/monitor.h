/*
 * monitor.h: the QMP and HMP monitors.
 *
 * A monitor runs on a chardev.  QMP (mode=control) speaks JSON: a greeting,
 * capability negotiation, then {"execute": CMD, "arguments": {...},
 * "id": ...} requests answered by {"return": ...} or {"error": {"class",
 * "desc"}}, one line each ending in "\r\n", plus asynchronous events.  HMP
 * (mode=readline) is the human monitor: a "(qemu) " prompt, line editing,
 * history and completion; its commands print through the same handlers as
 * QMP (see qmp_call()).
 */
#ifndef MONITOR_MONITOR_H
#define MONITOR_MONITOR_H

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "chardev/char.h"

typedef struct Monitor Monitor;

/* -mon chardev=ID,mode=control|readline,pretty=on|off */
bool monitor_init_opts(QemuOpts *opts, Error **errp);
bool monitor_init_qmp(Chardev *chr, bool pretty, Error **errp);
bool monitor_init_hmp(Chardev *chr, bool use_readline, Error **errp);
/* Close every monitor (at exit). */
void monitor_cleanup(void);

/* The monitor running the current command in this thread, or NULL. */
Monitor *monitor_cur(void);
bool monitor_is_qmp(const Monitor *mon);
/* Print to an HMP monitor (or to the capture buffer of
 * human-monitor-command). */
void monitor_printf(Monitor *mon, const char *fmt, ...) QEMU_PRINTF(2, 3);
void monitor_vprintf(Monitor *mon, const char *fmt, va_list ap)
    QEMU_PRINTF(2, 0);
void monitor_puts(Monitor *mon, const char *str);

/* ---- QMP commands ---- */

/*
 * A command handler.  args: the "arguments" object, already checked
 * against the schema (borrowed, never NULL).  Returns the "return" value
 * (a new reference; json_object() for commands that return nothing), or
 * NULL with *errp set.
 */
typedef json_t *QmpCommandFunc(json_t *args, Error **errp);

typedef enum QmpCommandOptions {
    QCO_NO_OPTIONS = 0,
    QCO_ALLOW_PRECONFIG = 1 << 0,
    QCO_ALLOW_OOB = 1 << 1,
} QmpCommandOptions;

/*
 * Register the handler of a command declared in the qapi/ schema.
 * Registering a name again replaces the handler: a subsystem may override a
 * default answer (e.g. query-cpus-fast) by registering at run time, after
 * the qmp_command_init() constructors have run.
 */
void qmp_register_command(const char *name, QmpCommandFunc *fn,
                          unsigned options);
/* Run a command by name with args checked against the schema (HMP uses
 * this); returns the return value or NULL with *errp set. */
json_t *qmp_call(const char *name, json_t *args, Error **errp);
/*
 * Dispatch one parsed request (the whole {"execute":...} object) and return
 * the response object ({"return":..., "id":...} or {"error":...}); the QMP
 * monitor and the unit tests use it.  cap_negotiation: true while the
 * session has not yet run qmp_capabilities.
 */
json_t *qmp_dispatch(json_t *request, bool cap_negotiation);

/*
 * As qmp_dispatch() for a session that negotiated capabilities:
 * oob_enabled says whether the "oob" capability is on ("exec-oob" is then
 * accepted for commands declared with 'allow-oob').
 */
json_t *qmp_dispatch_session(json_t *request, bool cap_negotiation,
                             bool oob_enabled);
/* Whether `name` is declared in the schema and has a handler (only those
 * are listed by query-commands and can run). */
bool qmp_command_available(const char *name);
/* Call fn for every registered handler's command name (sorted). */
void qmp_foreach_registered(void (*fn)(const char *name, void *opaque),
                            void *opaque);

/*
 * Register a subsystem's QMP commands before main() runs:
 *     static void foo_register_commands(void)
 *     {
 *         qmp_register_command("query-foo", qmp_query_foo, QCO_NO_OPTIONS);
 *     }
 *     qmp_command_init(foo_register_commands);
 * (like type_init(): it only fills the command table).
 */
#define qmp_command_init(function) \
    static void __attribute__((constructor)) \
    do_qmp_command_init_##function(void) { function(); }

/* ---- events ---- */

/* Send event `name` with `data` (stolen; NULL for none) to every QMP
 * monitor, with a timestamp. */
void qapi_event_send(const char *name, json_t *data);

/* ---- HMP ---- */

/* Run an HMP command line and return what it printed (human-monitor-
 * command). */
char *hmp_run_command(const char *cmdline);

/* A handler for "info NAME": prints to mon. */
typedef void HmpInfoFunc(Monitor *mon, const char *args);
/* Register "info NAME" (subsystems add their own, e.g. info pci). */
void hmp_register_info(const char *name, const char *params,
                       const char *help, HmpInfoFunc *fn);

#endif
