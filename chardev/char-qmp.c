/*
 * char-qmp.c: the chardev QMP commands (schema: qapi/char.json):
 * query-chardev, query-chardev-backends, chardev-add, chardev-remove,
 * chardev-send-break, ringbuf-write, ringbuf-read.
 *
 * chardev-add turns its ChardevBackend argument into the same options
 * -chardev takes and creates the chardev through the same code.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "monitor/monitor.h"
#include "chardev-internal.h"

/*
 * chardev-add options: an unregistered group that takes any key, so the
 * QMP-only ChardevFile "in" can travel with the rest.
 */
static QemuOptsList qmp_chardev_opts = {
    .name = "chardev-add",
    .desc = { { NULL } },
};

static json_t *qmp_query_chardev(json_t *args, Error **errp)
{
    json_t *list = json_array();
    GList *chardevs = qemu_chr_list(), *l;

    for (l = chardevs; l; l = l->next) {
        Chardev *chr = l->data;

        json_array_append_new(list, json_pack("{s:s, s:s, s:b}",
            "label", chr->label ? chr->label : "",
            "filename", chr->filename ? chr->filename : "",
            "frontend-open", chr->be && chr->be->fe_open));
    }
    g_list_free(chardevs);
    return list;
}

static json_t *qmp_query_chardev_backends(json_t *args, Error **errp)
{
    GString *text = g_string_new(NULL);
    json_t *list = json_array();
    char **lines;
    int i;

    /* The same list as -chardev help: one "  NAME" line each. */
    qemu_chr_print_backends(text);
    lines = g_strsplit(text->str, "\n", -1);
    for (i = 1; lines[i]; i++) {
        const char *name = g_strstrip(lines[i]);

        if (*name) {
            json_array_append_new(list, json_pack("{s:s}", "name", name));
        }
    }
    g_strfreev(lines);
    g_string_free(text, TRUE);
    return list;
}

/* ---- chardev-add ---- */

static void opt_set_str(QemuOpts *opts, const char *name, json_t *v)
{
    if (json_is_string(v)) {
        qemu_opt_set(opts, name, json_string_value(v), NULL);
    }
}

static void opt_set_bool(QemuOpts *opts, const char *name, json_t *v)
{
    if (json_is_boolean(v)) {
        qemu_opt_set(opts, name, json_is_true(v) ? "on" : "off", NULL);
    }
}

static void opt_set_int(QemuOpts *opts, const char *name, json_t *v)
{
    if (json_is_integer(v)) {
        g_autofree char *s = g_strdup_printf("%" JSON_INTEGER_FORMAT,
                                             json_integer_value(v));
        qemu_opt_set(opts, name, s, NULL);
    }
}

/* A SocketAddressLegacy into path=/host=,port=/fd= options. */
static bool socket_addr_to_opts(QemuOpts *opts, json_t *addr,
                                const char *host_key, const char *port_key,
                                bool stream, Error **errp)
{
    const char *type = json_string_value(json_object_get(addr, "type"));
    json_t *data = json_object_get(addr, "data");

    if (!g_strcmp0(type, "inet")) {
        opt_set_str(opts, host_key, json_object_get(data, "host"));
        opt_set_str(opts, port_key, json_object_get(data, "port"));
        opt_set_bool(opts, "ipv4", json_object_get(data, "ipv4"));
        opt_set_bool(opts, "ipv6", json_object_get(data, "ipv6"));
        if (stream) {
            opt_set_int(opts, "to", json_object_get(data, "to"));
        }
        return true;
    }
    if (stream && !g_strcmp0(type, "unix")) {
        opt_set_str(opts, "path", json_object_get(data, "path"));
        opt_set_bool(opts, "abstract", json_object_get(data, "abstract"));
        opt_set_bool(opts, "tight", json_object_get(data, "tight"));
        return true;
    }
    if (stream && !g_strcmp0(type, "fd")) {
        opt_set_str(opts, "fd", json_object_get(data, "str"));
        return true;
    }
    error_setg(errp, "%s socket addresses are not supported yet", type);
    return false;
}

static bool backend_to_opts(QemuOpts *opts, const char *type, json_t *data,
                            Error **errp)
{
    opt_set_str(opts, "logfile", json_object_get(data, "logfile"));
    opt_set_bool(opts, "logappend", json_object_get(data, "logappend"));

    if (!strcmp(type, "file")) {
        opt_set_str(opts, "path", json_object_get(data, "out"));
        opt_set_str(opts, "in", json_object_get(data, "in"));
        opt_set_bool(opts, "append", json_object_get(data, "append"));
    } else if (!strcmp(type, "serial") || !strcmp(type, "parallel") ||
               !strcmp(type, "pipe")) {
        opt_set_str(opts, "path", json_object_get(data, "device"));
    } else if (!strcmp(type, "socket")) {
        json_t *server = json_object_get(data, "server");
        json_t *wait = json_object_get(data, "wait");
        bool is_listen = !server || json_is_true(server);

        if (!socket_addr_to_opts(opts, json_object_get(data, "addr"), "host",
                                 "port", true, errp)) {
            return false;
        }
        /* QMP's defaults: a server that does not wait. */
        qemu_opt_set(opts, "server", is_listen ? "on" : "off", NULL);
        if (wait || is_listen) {
            qemu_opt_set(opts, "wait", json_is_true(wait) ? "on" : "off",
                         NULL);
        }
        opt_set_str(opts, "tls-creds", json_object_get(data, "tls-creds"));
        opt_set_str(opts, "tls-authz", json_object_get(data, "tls-authz"));
        opt_set_bool(opts, "nodelay", json_object_get(data, "nodelay"));
        opt_set_bool(opts, "telnet", json_object_get(data, "telnet"));
        opt_set_bool(opts, "tn3270", json_object_get(data, "tn3270"));
        opt_set_bool(opts, "websocket", json_object_get(data, "websocket"));
        opt_set_int(opts, "reconnect", json_object_get(data, "reconnect"));
    } else if (!strcmp(type, "udp")) {
        json_t *local = json_object_get(data, "local");

        if (!socket_addr_to_opts(opts, json_object_get(data, "remote"),
                                 "host", "port", false, errp)) {
            return false;
        }
        if (local && !socket_addr_to_opts(opts, local, "localaddr",
                                          "localport", false, errp)) {
            return false;
        }
    } else if (!strcmp(type, "mux")) {
        opt_set_str(opts, "chardev", json_object_get(data, "chardev"));
    } else if (!strcmp(type, "stdio")) {
        opt_set_bool(opts, "signal", json_object_get(data, "signal"));
    } else if (!strcmp(type, "ringbuf") || !strcmp(type, "memory")) {
        opt_set_int(opts, "size", json_object_get(data, "size"));
    }
    return true;
}

static json_t *qmp_chardev_add(json_t *args, Error **errp)
{
    const char *id = json_string_value(json_object_get(args, "id"));
    json_t *backend = json_object_get(args, "backend");
    const char *type = json_string_value(json_object_get(backend, "type"));
    g_autofree char *typename = g_strconcat("chardev-", type, NULL);
    ObjectClass *oc = object_class_by_name(typename);
    Error *local_err = NULL;
    QemuOpts *opts;
    Chardev *chr = NULL;
    json_t *ret;

    if (qemu_chr_find(id)) {
        error_setg(errp, "Chardev with id '%s' already exists", id);
        return NULL;
    }
    if (!oc || !object_class_dynamic_cast(oc, TYPE_CHARDEV) ||
        object_class_is_abstract(oc)) {
        error_setg(errp, "Failed to add chardev '%s': chardev backend '%s' "
                   "is not supported yet", id, type);
        return NULL;
    }
    opts = qemu_opts_create(&qmp_chardev_opts, NULL, false, &error_abort);
    qemu_opt_set(opts, "backend", type, NULL);
    if (backend_to_opts(opts, type, json_object_get(backend, "data"),
                        &local_err)) {
        chr = chardev_new(id, CHARDEV_CLASS(oc), opts, NULL, &local_err);
    }
    qemu_opts_del(opts);
    if (!chr) {
        error_propagate(errp, local_err);
        error_prepend(errp, "Failed to add chardev '%s': ", id);
        return NULL;
    }
    ret = json_object();
    if (!strcmp(type, "pty") && g_str_has_prefix(chr->filename, "pty:")) {
        json_object_set_new(ret, "pty", json_string(chr->filename + 4));
    }
    return ret;
}

static json_t *qmp_chardev_remove(json_t *args, Error **errp)
{
    const char *id = json_string_value(json_object_get(args, "id"));

    if (!qemu_chr_delete(id, errp)) {
        return NULL;
    }
    return json_object();
}

static json_t *qmp_chardev_send_break(json_t *args, Error **errp)
{
    const char *id = json_string_value(json_object_get(args, "id"));
    Chardev *chr = qemu_chr_find(id);

    if (!chr) {
        error_setg(errp, "Chardev '%s' not found", id);
        return NULL;
    }
    qemu_chr_be_event(chr, CHR_EVENT_BREAK);
    return json_object();
}

/* ---- ring buffers ---- */

static Chardev *find_ringbuf(const char *device, Error **errp)
{
    Chardev *chr = qemu_chr_find(device);

    if (!chr) {
        error_setg(errp, "Device '%s' not found", device);
        return NULL;
    }
    if (!chardev_is_ringbuf(chr)) {
        error_setg(errp, "%s is not a ringbuf device", device);
        return NULL;
    }
    return chr;
}

static bool format_is_base64(json_t *args)
{
    return !g_strcmp0(json_string_value(json_object_get(args, "format")),
                      "base64");
}

static json_t *qmp_ringbuf_write(json_t *args, Error **errp)
{
    static const char base64_chars[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
    const char *device = json_string_value(json_object_get(args, "device"));
    json_t *data = json_object_get(args, "data");
    const char *text = json_string_value(data);
    size_t len = json_string_length(data);
    Chardev *chr = find_ringbuf(device, errp);

    if (!chr) {
        return NULL;
    }
    if (format_is_base64(args)) {
        guchar *bytes;
        gsize n;

        if (strspn(text, base64_chars) != len) {
            error_setg(errp, "Base64 data contains invalid characters");
            return NULL;
        }
        bytes = g_base64_decode(text, &n);
        ringbuf_chr_store(chr, bytes, n);
        g_free(bytes);
    } else {
        ringbuf_chr_store(chr, (const uint8_t *)text, len);
    }
    return json_object();
}

static json_t *qmp_ringbuf_read(json_t *args, Error **errp)
{
    const char *device = json_string_value(json_object_get(args, "device"));
    json_int_t size = json_integer_value(json_object_get(args, "size"));
    Chardev *chr = find_ringbuf(device, errp);
    uint8_t *bytes;
    json_t *ret;
    int n;

    if (!chr) {
        return NULL;
    }
    if (size <= 0) {
        error_setg(errp, "size must be greater than zero");
        return NULL;
    }
    bytes = ringbuf_chr_take(chr, MIN(size, (json_int_t)INT_MAX), &n);
    if (format_is_base64(args)) {
        g_autofree char *b64 = g_base64_encode(bytes, n);

        ret = json_string(b64);
    } else {
        /* As QEMU: a C string (up to a NUL), invalid UTF-8 as U+FFFD. */
        g_autofree char *valid = g_utf8_make_valid((const char *)bytes, -1);

        ret = json_string(valid);
    }
    g_free(bytes);
    return ret;
}

static void char_qmp_register_commands(void)
{
    qmp_register_command("query-chardev", qmp_query_chardev,
                         QCO_ALLOW_PRECONFIG);
    qmp_register_command("query-chardev-backends", qmp_query_chardev_backends,
                         QCO_NO_OPTIONS);
    qmp_register_command("chardev-add", qmp_chardev_add, QCO_NO_OPTIONS);
    qmp_register_command("chardev-remove", qmp_chardev_remove,
                         QCO_NO_OPTIONS);
    qmp_register_command("chardev-send-break", qmp_chardev_send_break,
                         QCO_NO_OPTIONS);
    qmp_register_command("ringbuf-write", qmp_ringbuf_write, QCO_NO_OPTIONS);
    qmp_register_command("ringbuf-read", qmp_ringbuf_read, QCO_NO_OPTIONS);
}
qmp_command_init(char_qmp_register_commands)
