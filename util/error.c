/*
 * error.c: Error objects (see include/qapi/error.h) and error_report().
 */
#include "qemu/osdep.h"
#include "qapi/error.h"

struct Error {
    char *msg;
    GString *hint;
    ErrorClass cls;
};

Error *error_fatal;
Error *error_abort;

bool message_with_timestamp;
bool error_with_guestname;
const char *error_guest_name;

static Location cur_loc;
static ErrorPrintFunc *print_func;
static void *print_opaque;

static void error_handle_special(Error **errp, Error *err)
{
    if (errp == &error_abort) {
        fprintf(stderr, "Unexpected error: %s\n", err->msg);
        abort();
    }
    if (errp == &error_fatal) {
        error_report_err(err);
        exit(1);
    }
}

static void error_setv(Error **errp, ErrorClass cls, int os_errno,
                       const char *fmt, va_list ap)
{
    Error *err;
    int saved_errno = errno;

    if (!errp) {
        return;
    }
    assert(*errp == NULL || errp == &error_abort || errp == &error_fatal);
    err = g_new0(Error, 1);
    err->msg = g_strdup_vprintf(fmt, ap);
    if (os_errno) {
        char *m = g_strdup_printf("%s: %s", err->msg, g_strerror(os_errno));
        g_free(err->msg);
        err->msg = m;
    }
    err->cls = cls;
    error_handle_special(errp, err);
    *errp = err;
    errno = saved_errno;
}

void error_setg(Error **errp, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_setv(errp, ERROR_CLASS_GENERIC_ERROR, 0, fmt, ap);
    va_end(ap);
}

void error_setg_errno(Error **errp, int os_errno, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_setv(errp, ERROR_CLASS_GENERIC_ERROR, os_errno, fmt, ap);
    va_end(ap);
}

void error_set(Error **errp, ErrorClass cls, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_setv(errp, cls, 0, fmt, ap);
    va_end(ap);
}

void error_prepend(Error **errp, const char *fmt, ...)
{
    va_list ap;
    char *prefix, *m;

    if (!errp || !*errp) {
        return;
    }
    va_start(ap, fmt);
    prefix = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    m = g_strconcat(prefix, (*errp)->msg, NULL);
    g_free(prefix);
    g_free((*errp)->msg);
    (*errp)->msg = m;
}

void error_append_hint(Error **errp, const char *fmt, ...)
{
    va_list ap;

    if (!errp || !*errp) {
        return;
    }
    if (!(*errp)->hint) {
        (*errp)->hint = g_string_new(NULL);
    }
    va_start(ap, fmt);
    g_string_append_vprintf((*errp)->hint, fmt, ap);
    va_end(ap);
}

void error_propagate(Error **dst, Error *local_err)
{
    if (!local_err) {
        return;
    }
    error_handle_special(dst, local_err);
    if (dst && !*dst) {
        *dst = local_err;
    } else {
        error_free(local_err);
    }
}

const char *error_get_pretty(const Error *err)
{
    return err->msg;
}

const char *error_get_hint(const Error *err)
{
    return err->hint ? err->hint->str : NULL;
}

ErrorClass error_get_class(const Error *err)
{
    return err->cls;
}

const char *error_class_name(ErrorClass cls)
{
    switch (cls) {
    case ERROR_CLASS_COMMAND_NOT_FOUND:
        return "CommandNotFound";
    case ERROR_CLASS_DEVICE_NOT_FOUND:
        return "DeviceNotFound";
    case ERROR_CLASS_KVM_MISSING_CAP:
        return "KVMMissingCap";
    case ERROR_CLASS_GENERIC_ERROR:
    default:
        return "GenericError";
    }
}

Error *error_copy(const Error *err)
{
    Error *c = g_new0(Error, 1);
    c->msg = g_strdup(err->msg);
    c->cls = err->cls;
    if (err->hint) {
        c->hint = g_string_new(err->hint->str);
    }
    return c;
}

void error_free(Error *err)
{
    if (err) {
        g_free(err->msg);
        if (err->hint) {
            g_string_free(err->hint, TRUE);
        }
        g_free(err);
    }
}

void error_free_or_abort(Error **errp)
{
    assert(errp && *errp);
    error_free(*errp);
    *errp = NULL;
}

/* ---- reporting ---- */

void loc_set_cmdline(const char *optname, const char *optarg)
{
    cur_loc.optname = optname;
    cur_loc.optarg = optarg;
}

void loc_set_none(void)
{
    cur_loc.optname = NULL;
    cur_loc.optarg = NULL;
}

void loc_save(Location *loc)
{
    *loc = cur_loc;
}

void loc_restore(const Location *loc)
{
    cur_loc = *loc;
}

void error_set_print_func(ErrorPrintFunc *fn, void *opaque,
                          ErrorPrintFunc **old_fn, void **old_opaque)
{
    if (old_fn) {
        *old_fn = print_func;
    }
    if (old_opaque) {
        *old_opaque = print_opaque;
    }
    print_func = fn;
    print_opaque = opaque;
}

typedef enum { REPORT_ERROR, REPORT_WARNING, REPORT_INFO } ReportType;

static void vreport(ReportType type, const char *fmt, va_list ap)
{
    GString *s = g_string_new(NULL);

    if (print_func) {
        /* Inside an HMP command: no program name or location prefix. */
    } else {
        if (message_with_timestamp) {
            GDateTime *now = g_date_time_new_now_utc();
            char *ts = g_date_time_format(now, "%Y-%m-%dT%H:%M:%S");
            g_string_append_printf(s, "%s.%06dZ ", ts,
                                   g_date_time_get_microsecond(now));
            g_free(ts);
            g_date_time_unref(now);
        }
        if (error_with_guestname && error_guest_name) {
            g_string_append_printf(s, "%s ", error_guest_name);
        }
        g_string_append(s, QEMU_PROGNAME ": ");
        if (cur_loc.optname) {
            if (cur_loc.optarg) {
                g_string_append_printf(s, "%s %s: ", cur_loc.optname,
                                       cur_loc.optarg);
            } else {
                g_string_append_printf(s, "%s: ", cur_loc.optname);
            }
        }
    }
    if (type == REPORT_WARNING) {
        g_string_append(s, "warning: ");
    } else if (type == REPORT_INFO) {
        g_string_append(s, "info: ");
    }
    g_string_append_vprintf(s, fmt, ap);
    g_string_append_c(s, '\n');
    if (print_func) {
        print_func(print_opaque, s->str);
    } else {
        fputs(s->str, stderr);
        fflush(stderr);
    }
    g_string_free(s, TRUE);
}

void error_vreport(const char *fmt, va_list ap)
{
    vreport(REPORT_ERROR, fmt, ap);
}

void error_report(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(REPORT_ERROR, fmt, ap);
    va_end(ap);
}

void warn_report(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(REPORT_WARNING, fmt, ap);
    va_end(ap);
}

void info_report(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(REPORT_INFO, fmt, ap);
    va_end(ap);
}

void error_printf(const char *fmt, ...)
{
    va_list ap;
    char *text;

    va_start(ap, fmt);
    text = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    if (print_func) {
        print_func(print_opaque, text);
    } else {
        fputs(text, stderr);
    }
    g_free(text);
}

static void report_err(ReportType type, Error *err)
{
    const char *hint = error_get_hint(err);

    if (type == REPORT_WARNING) {
        warn_report("%s", err->msg);
    } else {
        error_report("%s", err->msg);
    }
    if (hint) {
        if (print_func) {
            print_func(print_opaque, hint);
        } else {
            fputs(hint, stderr);
        }
    }
    error_free(err);
}

void error_report_err(Error *err)
{
    report_err(REPORT_ERROR, err);
}

void warn_report_err(Error *err)
{
    report_err(REPORT_WARNING, err);
}
