/*
 * char-compat.c: the legacy chardev shorthands of -serial, -monitor,
 * -qmp, -parallel ("stdio", "tcp::4444,server=on,wait=off", "mon:stdio",
 * ...) turned into -chardev options, and qemu_chr_new() on top.
 *
 *   null pty stdio msmouse wctablet braille testdev   that backend
 *   vc[:WxH | :WCxHC]        vc, size in pixels or characters
 *   con:                     console
 *   COMn                     serial, path=COMn
 *   file:PATH  pipe:PATH     file / pipe with path=PATH
 *   tcp:[HOST]:PORT[,opts]   socket (telnet:, tn3270:, websocket: too)
 *   udp:[HOST]:PORT[@[LOCALADDR]:LOCALPORT]
 *   unix:PATH[,opts]         socket with path=PATH
 *   /dev/parportN /dev/ppiN  parallel
 *   /dev/...                 serial
 *   mon:X                    X with mux=on (and signal=off for stdio)
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/cutils.h"
#include "monitor/monitor.h"
#include "chardev-internal.h"

#define COMPAT_HOST_MAX 64
#define COMPAT_PORT_MAX 32

/*
 * "HOST:PORT" (HOST 1..64 characters without ':') or ":PORT" at p, PORT
 * running up to a character of stop (at most 32 taken).  Sets *end just
 * after the port.
 */
static bool parse_host_port(const char *p, const char *stop, char **host,
                            char **port, const char **end)
{
    size_t hl = strcspn(p, ":");
    const char *q = NULL;
    size_t pl = 0;

    if (hl >= 1 && hl <= COMPAT_HOST_MAX && p[hl] == ':') {
        q = p + hl + 1;
        pl = strcspn(q, stop);
    }
    if (pl == 0) {
        /* The ":PORT" form. */
        if (p[0] != ':') {
            return false;
        }
        hl = 0;
        q = p + 1;
        pl = strcspn(q, stop);
        if (pl == 0) {
            return false;
        }
    }
    pl = MIN(pl, COMPAT_PORT_MAX);
    *host = g_strndup(p, hl);
    *port = g_strndup(q, pl);
    *end = q + pl;
    return true;
}

/*
 * Add "a=b,flag,noflag" to opts (",," is a comma; firstname names a bare
 * first value).  Short-form flags are accepted silently here, as QEMU does
 * for these shorthands.
 */
static bool compat_parse_params(QemuOpts *opts, const char *params,
                                const char *firstname, Error **errp)
{
    const char *p = params;

    while (*p) {
        GString *item = g_string_new(NULL);
        g_autofree char *name = NULL;
        g_autofree char *value = NULL;
        char *eq;
        bool ok;

        for (;;) {
            const char *comma = strchrnul(p, ',');

            g_string_append_len(item, p, comma - p);
            if (comma[0] == ',' && comma[1] == ',') {
                g_string_append_c(item, ',');
                p = comma + 2;
                continue;
            }
            p = *comma ? comma + 1 : comma;
            break;
        }
        eq = strchr(item->str, '=');
        if (eq) {
            name = g_strndup(item->str, eq - item->str);
            value = g_strdup(eq + 1);
        } else if (firstname) {
            name = g_strdup(firstname);
            value = g_strdup(item->str);
        } else if (g_str_has_prefix(item->str, "no")) {
            name = g_strdup(item->str + 2);
            value = g_strdup("off");
        } else {
            name = g_strdup(item->str);
            value = g_strdup("on");
        }
        g_string_free(item, TRUE);
        firstname = NULL;
        if (!strcmp(name, "id")) {
            continue;
        }
        ok = qemu_opt_set(opts, name, value, errp);
        if (!ok) {
            return false;
        }
    }
    return true;
}

static bool is_digits(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++) {
        if (!g_ascii_isdigit(s[i])) {
            return false;
        }
    }
    return len > 0 && len <= 7;
}

/* "WxH" or "WCxHC" after "vc:". */
static bool parse_vc_size(QemuOpts *opts, const char *p)
{
    size_t w = strspn(p, "0123456789");
    bool chars = p[w] == 'C';
    const char *q = p + w + (chars ? 1 : 0);
    g_autofree char *width = g_strndup(p, w);
    g_autofree char *height = NULL;
    size_t h;

    if (!is_digits(p, w) || *q != 'x') {
        return false;
    }
    q++;
    h = strspn(q, "0123456789");
    if (!is_digits(q, h)) {
        return false;
    }
    height = g_strndup(q, h);
    qemu_opt_set(opts, chars ? "cols" : "width", width, NULL);
    qemu_opt_set(opts, chars ? "rows" : "height", height, NULL);
    return true;
}

/* The "tcp:"-like forms; false: malformed (silently, as QEMU). */
static bool parse_compat_socket(QemuOpts *opts, const char *filename,
                                const char *p, Error **errp)
{
    g_autofree char *host = NULL;
    g_autofree char *port = NULL;
    const char *end;

    if (!parse_host_port(p, ",", &host, &port, &end)) {
        return false;
    }
    qemu_opt_set(opts, "backend", "socket", NULL);
    qemu_opt_set(opts, "host", host, NULL);
    qemu_opt_set(opts, "port", port, NULL);
    if (*end == ',' && !compat_parse_params(opts, end + 1, NULL, errp)) {
        return false;
    }
    if (g_str_has_prefix(filename, "telnet:")) {
        qemu_opt_set(opts, "telnet", "on", NULL);
    } else if (g_str_has_prefix(filename, "tn3270:")) {
        qemu_opt_set(opts, "tn3270", "on", NULL);
    } else if (g_str_has_prefix(filename, "websocket:")) {
        qemu_opt_set(opts, "websocket", "on", NULL);
    }
    return true;
}

static bool parse_compat_udp(QemuOpts *opts, const char *p)
{
    g_autofree char *host = NULL;
    g_autofree char *port = NULL;
    g_autofree char *lhost = NULL;
    g_autofree char *lport = NULL;
    const char *end;

    if (!parse_host_port(p, "@,", &host, &port, &end)) {
        return false;
    }
    qemu_opt_set(opts, "backend", "udp", NULL);
    qemu_opt_set(opts, "host", host, NULL);
    qemu_opt_set(opts, "port", port, NULL);
    if (*end == '@') {
        if (!parse_host_port(end + 1, ",", &lhost, &lport, &end)) {
            return false;
        }
        qemu_opt_set(opts, "localaddr", lhost, NULL);
        qemu_opt_set(opts, "localport", lport, NULL);
    }
    return true;
}

/* unix:PATH[,opts]: the first item is the path unless it is "key=value". */
static bool parse_compat_unix(QemuOpts *opts, const char *p, Error **errp)
{
    size_t len = strcspn(p, "=,");

    qemu_opt_set(opts, "backend", "socket", NULL);
    return compat_parse_params(opts, p, p[len] == '=' ? NULL : "path", errp);
}

QemuOpts *qemu_chr_parse_compat(const char *label, const char *filename,
                                bool permit_mux_mon, Error **errp)
{
    static const char *const simple[] = {
        "null", "pty", "msmouse", "wctablet", "braille", "testdev", "stdio",
    };
    QemuOpts *opts;
    const char *p;
    size_t i;

    if (!strcmp(filename, "none")) {
        return NULL;
    }
    opts = qemu_opts_create(qemu_find_opts("chardev"), label, true, errp);
    if (!opts) {
        return NULL;
    }
    if (strstart(filename, "mon:", &p)) {
        if (!permit_mux_mon) {
            error_setg(errp, "mon: isn't supported in this context");
            goto fail;
        }
        filename = p;
        qemu_opt_set(opts, "mux", "on", NULL);
        if (!strcmp(filename, "stdio")) {
            /* A muxed monitor on stdio passes Ctrl-C to the guest. */
            qemu_opt_set(opts, "signal", "off", NULL);
        }
    }

    for (i = 0; i < ARRAY_SIZE(simple); i++) {
        if (!strcmp(filename, simple[i])) {
            qemu_opt_set(opts, "backend", filename, NULL);
            return opts;
        }
    }
    if (strstart(filename, "vc", &p)) {
        qemu_opt_set(opts, "backend", "vc", NULL);
        if (*p == ':' && !parse_vc_size(opts, p + 1)) {
            goto fail;
        }
        return opts;
    }
    if (!strcmp(filename, "con:")) {
        qemu_opt_set(opts, "backend", "console", NULL);
        return opts;
    }
    if (strstart(filename, "COM", NULL)) {
        qemu_opt_set(opts, "backend", "serial", NULL);
        qemu_opt_set(opts, "path", filename, NULL);
        return opts;
    }
    if (strstart(filename, "file:", &p)) {
        qemu_opt_set(opts, "backend", "file", NULL);
        qemu_opt_set(opts, "path", p, NULL);
        return opts;
    }
    if (strstart(filename, "pipe:", &p)) {
        qemu_opt_set(opts, "backend", "pipe", NULL);
        qemu_opt_set(opts, "path", p, NULL);
        return opts;
    }
    if (strstart(filename, "tcp:", &p) || strstart(filename, "telnet:", &p) ||
        strstart(filename, "tn3270:", &p) ||
        strstart(filename, "websocket:", &p)) {
        if (!parse_compat_socket(opts, filename, p, errp)) {
            goto fail;
        }
        return opts;
    }
    if (strstart(filename, "udp:", &p)) {
        if (!parse_compat_udp(opts, p)) {
            goto fail;
        }
        return opts;
    }
    if (strstart(filename, "unix:", &p)) {
        if (!parse_compat_unix(opts, p, errp)) {
            goto fail;
        }
        return opts;
    }
    if (strstart(filename, "/dev/parport", NULL) ||
        strstart(filename, "/dev/ppi", NULL)) {
        qemu_opt_set(opts, "backend", "parallel", NULL);
        qemu_opt_set(opts, "path", filename, NULL);
        return opts;
    }
    if (strstart(filename, "/dev/", NULL)) {
        qemu_opt_set(opts, "backend", "serial", NULL);
        qemu_opt_set(opts, "path", filename, NULL);
        return opts;
    }
    error_setg(errp, "'%s' is not a valid char driver", filename);

fail:
    qemu_opts_del(opts);
    return NULL;
}

Chardev *qemu_chr_new(const char *label, const char *filename,
                      GMainContext *context, Error **errp)
{
    QemuOpts *opts;
    Chardev *chr;
    const char *p;

    if (strstart(filename, "chardev:", &p)) {
        return qemu_chr_find(p);
    }
    opts = qemu_chr_parse_compat(label, filename, true, errp);
    if (!opts) {
        return NULL;
    }
    chr = qemu_chr_new_from_opts(opts, context, errp);
    if (chr && qemu_opt_get_bool(opts, "mux", false)) {
        /* "mon:X": the mux also carries a human monitor. */
        if (!monitor_init_hmp(chr, true, errp)) {
            object_unparent(OBJECT(chr));
            chr = NULL;
        }
    }
    qemu_opts_del(opts);
    return chr;
}
