/*
 * error.h: error objects and error reporting.
 *
 * Configuration and realize paths take an `Error **errp` as their last
 * argument and return bool (true on success), a pointer (NULL on failure) or
 * an int (negative on failure).  On failure they set *errp with error_setg();
 * on success *errp is untouched.  Callers pass:
 *   - &local_err, then inspect/propagate it;
 *   - &error_fatal: report the error and exit(1) (start-up code only);
 *   - &error_abort: the failure is a programming error: report and abort();
 *   - NULL: ignore the error.
 *
 * Every error carries a class (the QMP "class" member of an error reply).
 *
 * Reporting: error_report() prints "qemu-system-x86_64: LOCATION: MESSAGE"
 * to stderr, where LOCATION is the command line option being processed
 * (see loc_set_cmdline()), or to the HMP monitor that runs the current
 * command, if any.
 */
#ifndef QAPI_ERROR_H
#define QAPI_ERROR_H

#include "qemu/osdep.h"

typedef enum ErrorClass {
    ERROR_CLASS_GENERIC_ERROR,
    ERROR_CLASS_COMMAND_NOT_FOUND,
    ERROR_CLASS_DEVICE_NOT_FOUND,
    ERROR_CLASS_KVM_MISSING_CAP,
} ErrorClass;

typedef struct Error Error;

extern Error *error_fatal;
extern Error *error_abort;

/* Set *errp to a new GenericError; a no-op when errp is NULL. */
void error_setg(Error **errp, const char *fmt, ...) QEMU_PRINTF(2, 3);
/* Like error_setg(), appending ": strerror(os_errno)". */
void error_setg_errno(Error **errp, int os_errno, const char *fmt, ...)
    QEMU_PRINTF(3, 4);
/* Set *errp with an explicit class. */
void error_set(Error **errp, ErrorClass cls, const char *fmt, ...)
    QEMU_PRINTF(3, 4);
/* Prefix the message of an already-set *errp. */
void error_prepend(Error **errp, const char *fmt, ...) QEMU_PRINTF(2, 3);
/* Add a hint printed on extra lines by error_report_err() (not sent by QMP). */
void error_append_hint(Error **errp, const char *fmt, ...) QEMU_PRINTF(2, 3);
/* Move local_err into *dst (or report/abort for error_fatal/error_abort). */
void error_propagate(Error **dst, Error *local_err);
const char *error_get_pretty(const Error *err);
const char *error_get_hint(const Error *err);
ErrorClass error_get_class(const Error *err);
/* The QMP name of a class: "GenericError", "CommandNotFound", ... */
const char *error_class_name(ErrorClass cls);
Error *error_copy(const Error *err);
void error_free(Error *err);
void error_free_or_abort(Error **errp);

/* Report to stderr (or the current HMP monitor) with the location prefix. */
void error_report(const char *fmt, ...) QEMU_PRINTF(1, 2);
void error_vreport(const char *fmt, va_list ap) QEMU_PRINTF(1, 0);
void warn_report(const char *fmt, ...) QEMU_PRINTF(1, 2);
void info_report(const char *fmt, ...) QEMU_PRINTF(1, 2);
/* Print raw text (no prefix) where error_report() would print. */
void error_printf(const char *fmt, ...) QEMU_PRINTF(1, 2);
/* Report err (message and hint) and free it. */
void error_report_err(Error *err);
void warn_report_err(Error *err);
/* Print a guest-caused oddity when -d guest_errors is on (never fatal). */

/* Location of the current message: a command line option and its value. */
void loc_set_cmdline(const char *optname, const char *optarg);
void loc_set_none(void);
/* Save/restore the current location around nested processing. */
typedef struct Location { const char *optname; const char *optarg; } Location;
void loc_save(Location *loc);
void loc_restore(const Location *loc);

/* -msg timestamp=on: prefix reports with an ISO 8601 timestamp. */
extern bool message_with_timestamp;
/* -msg guest-name=on: prefix with the guest name. */
extern bool error_with_guestname;
extern const char *error_guest_name;

/*
 * Where error_report() writes when not on stderr: set by the monitor while
 * it runs an HMP command (NULL for stderr).
 */
typedef void ErrorPrintFunc(void *opaque, const char *text);
void error_set_print_func(ErrorPrintFunc *fn, void *opaque,
                          ErrorPrintFunc **old_fn, void **old_opaque);

#endif
