/*
 * char.c: the chardev base type, creation from -chardev options, the
 * registry of backends under /chardevs, and the write/read paths between
 * backends and frontends.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/option.h"
#include "qemu/fdset.h"
#include "qemu/cutils.h"
#include "monitor/monitor.h"
#include "chardev-internal.h"

#define CHARDEV_TYPE_PREFIX "chardev-"

int term_escape_char = 0x01;

/* Every chardev created by chardev_new(), oldest first (the QOM container
 * does not keep an order). */
static GList *chardevs;

/* Deprecated backend names, still accepted with a warning (as QEMU). */
static const struct {
    const char *alias;
    const char *name;
} chardev_alias_table[] = {
    { "parport", "parallel" },
    { "tty", "serial" },
};

Object *get_chardevs_root(void)
{
    return container_get(object_get_root(), "/chardevs");
}

void chr_set_filename(Chardev *chr, const char *fmt, ...)
{
    va_list ap;

    g_free(chr->filename);
    va_start(ap, fmt);
    chr->filename = g_strdup_vprintf(fmt, ap);
    va_end(ap);
}

void chr_notice(const char *fmt, ...)
{
    Monitor *mon = monitor_cur();
    va_list ap;

    va_start(ap, fmt);
    if (mon && !monitor_is_qmp(mon)) {
        monitor_vprintf(mon, fmt, ap);
    } else if (!mon) {
        vprintf(fmt, ap);
        fflush(stdout);
    }
    va_end(ap);
}

/* ---- the base type ---- */

static void chr_be_event_default(Chardev *s, QEMUChrEvent event)
{
    CharBackend *be = s->be;

    if (be && be->chr_event) {
        be->chr_event(be->opaque, event);
    }
}

static void char_init(Object *obj)
{
    Chardev *chr = CHARDEV(obj);

    g_mutex_init(&chr->chr_write_lock);
    chr->logfd = -1;
}

static void char_finalize(Object *obj)
{
    Chardev *chr = CHARDEV(obj);

    chardevs = g_list_remove(chardevs, chr);
    /* A frontend still attached sees a disconnected backend from now on. */
    if (chr->be) {
        chr->be->chr = NULL;
    }
    remove_fd_in_watch(chr);
    if (chr->logfd >= 0) {
        close(chr->logfd);
    }
    g_free(chr->filename);
    g_free(chr->label);
    g_mutex_clear(&chr->chr_write_lock);
}

static void char_class_init(ObjectClass *oc, void *data)
{
    ChardevClass *cc = CHARDEV_CLASS(oc);

    cc->chr_be_event = chr_be_event_default;
}

static const TypeInfo char_type_info = {
    .name = TYPE_CHARDEV,
    .parent = TYPE_OBJECT,
    .instance_size = sizeof(Chardev),
    .instance_init = char_init,
    .instance_finalize = char_finalize,
    .abstract = true,
    .class_size = sizeof(ChardevClass),
    .class_init = char_class_init,
};

static void char_register_types(void)
{
    type_register_static(&char_type_info);
}
type_init(char_register_types)

/* ---- backend side ---- */

int qemu_chr_be_can_write(Chardev *s)
{
    CharBackend *be = s->be;

    if (!be || !be->chr_can_read) {
        return 0;
    }
    return be->chr_can_read(be->opaque);
}

void qemu_chr_be_write(Chardev *s, const uint8_t *buf, int len)
{
    CharBackend *be = s->be;

    if (be && be->chr_read && len > 0) {
        be->chr_read(be->opaque, buf, len);
    }
}

void qemu_chr_be_event(Chardev *s, QEMUChrEvent event)
{
    switch (event) {
    case CHR_EVENT_OPENED:
        s->be_open = true;
        break;
    case CHR_EVENT_CLOSED:
        s->be_open = false;
        break;
    default:
        break;
    }
    CHARDEV_GET_CLASS(s)->chr_be_event(s, event);
}

void qemu_chr_be_update_read_handlers(Chardev *s, GMainContext *context)
{
    ChardevClass *cc = CHARDEV_GET_CLASS(s);

    s->gcontext = context;
    if (cc->chr_update_read_handler) {
        cc->chr_update_read_handler(s);
    }
}

/* The log gets what the frontend wrote; a full disk must not stop it. */
static void qemu_chr_write_log(Chardev *s, const uint8_t *buf, size_t len)
{
    size_t done = 0;

    while (s->logfd >= 0 && done < len) {
        ssize_t n = write(s->logfd, buf + done, len - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        done += n;
    }
}

int qemu_chr_write(Chardev *s, const uint8_t *buf, int len, bool write_all)
{
    ChardevClass *cc = CHARDEV_GET_CLASS(s);
    int offset = 0;
    int res = 0;

    if (!cc->chr_write || len <= 0) {
        return len <= 0 ? 0 : len;
    }
    g_mutex_lock(&s->chr_write_lock);
    while (offset < len) {
        res = cc->chr_write(s, buf + offset, len - offset);
        if (res < 0 && errno == EAGAIN && write_all) {
            /* The caller asked to wait: the peer drains soon (prompts). */
            g_usleep(100);
            continue;
        }
        if (res <= 0) {
            break;
        }
        offset += res;
        if (!write_all) {
            break;
        }
    }
    if (offset > 0) {
        qemu_chr_write_log(s, buf, offset);
    }
    g_mutex_unlock(&s->chr_write_lock);
    return offset > 0 ? offset : res;
}

/* ---- the registry ---- */

static ChardevClass *chardev_class_by_name(const char *name)
{
    g_autofree char *typename = g_strconcat(CHARDEV_TYPE_PREFIX, name, NULL);
    ObjectClass *oc = object_class_by_name(typename);

    if (!oc || !object_class_dynamic_cast(oc, TYPE_CHARDEV) ||
        object_class_is_abstract(oc) || CHARDEV_CLASS(oc)->internal) {
        return NULL;
    }
    return CHARDEV_CLASS(oc);
}

static ChardevClass *char_get_class(const char *name, Error **errp)
{
    ChardevClass *cc;
    size_t i;

    for (i = 0; i < ARRAY_SIZE(chardev_alias_table); i++) {
        if (strcmp(name, chardev_alias_table[i].alias) == 0) {
            warn_report("The alias '%s' is deprecated, use '%s' instead",
                        name, chardev_alias_table[i].name);
            name = chardev_alias_table[i].name;
            break;
        }
    }
    cc = chardev_class_by_name(name);
    if (!cc) {
        error_setg(errp, "'%s' is not a valid char driver name", name);
    }
    return cc;
}

const char *qemu_chr_backend_name(Chardev *chr)
{
    const char *typename = object_get_typename(OBJECT(chr));
    const char *name;

    if (strstart(typename, CHARDEV_TYPE_PREFIX, &name)) {
        return name;
    }
    return typename;
}

void qemu_chr_print_backends(GString *out)
{
    GSList *list = object_class_get_list_sorted(TYPE_CHARDEV, false);
    GSList *l;

    g_string_append(out, "Available chardev backend types: ");
    for (l = list; l; l = l->next) {
        ObjectClass *oc = l->data;
        const char *name;

        if (CHARDEV_CLASS(oc)->internal ||
            !strstart(object_class_get_name(oc), CHARDEV_TYPE_PREFIX,
                      &name)) {
            continue;
        }
        g_string_append_printf(out, "\n  %s", name);
    }
    g_string_append_c(out, '\n');
    g_slist_free(list);
}

GList *qemu_chr_list(void)
{
    Object *root = get_chardevs_root();
    GList *list = NULL, *l;

    for (l = chardevs; l; l = l->next) {
        if (OBJECT(l->data)->parent == root) {
            list = g_list_prepend(list, l->data);
        }
    }
    return g_list_reverse(list);
}

Chardev *qemu_chr_find(const char *label)
{
    Object *obj;

    if (!label) {
        return NULL;
    }
    obj = object_resolve_path_component(get_chardevs_root(), label);
    return obj ? (Chardev *)object_dynamic_cast(obj, TYPE_CHARDEV) : NULL;
}

static bool qemu_chr_is_busy(Chardev *chr)
{
    if (chardev_is_mux(chr)) {
        return mux_chr_is_busy(chr);
    }
    return chr->be != NULL;
}

bool qemu_chr_delete(const char *label, Error **errp)
{
    Chardev *chr = qemu_chr_find(label);

    if (!chr) {
        error_setg(errp, "Chardev '%s' not found", label);
        return false;
    }
    if (qemu_chr_is_busy(chr)) {
        error_setg(errp, "Chardev '%s' is busy", label);
        return false;
    }
    object_unparent(OBJECT(chr));
    return true;
}

void qemu_chr_cleanup(void)
{
    GList *list, *l;

    qemu_chr_restore_terminal();
    /* Newest first: a mux goes before the base it sits on. */
    list = g_list_reverse(qemu_chr_list());
    for (l = list; l; l = l->next) {
        object_unparent(OBJECT(l->data));
    }
    g_list_free(list);
}

/* ---- creation ---- */

static bool qemu_chr_open_logfile(Chardev *chr, QemuOpts *opts, Error **errp)
{
    const char *logfile = opts ? qemu_opt_get(opts, "logfile") : NULL;
    int flags = O_WRONLY | O_CREAT;
    Error *local_err = NULL;

    if (!logfile) {
        return true;
    }
    flags |= qemu_opt_get_bool(opts, "logappend", false) ? O_APPEND
                                                         : O_TRUNC;
    if (strstart(logfile, "/dev/fdset/", NULL)) {
        chr->logfd = qemu_open_fdset_or_path(logfile, flags, &local_err);
        if (chr->logfd < 0) {
            error_propagate(errp, local_err);
            return false;
        }
        return true;
    }
    chr->logfd = open(logfile, flags | O_CLOEXEC, 0666);
    if (chr->logfd < 0) {
        error_setg_errno(errp, errno, "Could not create '%s'", logfile);
        return false;
    }
    return true;
}

Chardev *chardev_new(const char *id, ChardevClass *cc, QemuOpts *opts,
                     GMainContext *context, Error **errp)
{
    Object *obj;
    Chardev *chr;
    bool be_opened = true;
    /* Backends add hints to their errors: never hand them error_fatal. */
    Error *local_err = NULL;

    if (qemu_chr_find(id)) {
        error_setg(errp, "Chardev with id '%s' already exists", id);
        return NULL;
    }
    obj = object_new(object_class_get_name(OBJECT_CLASS(cc)));
    chr = CHARDEV(obj);
    chr->label = g_strdup(id);
    chr->gcontext = context;
    chr->filename = g_strdup(qemu_chr_backend_name(chr));

    if (cc->parse && !cc->parse(chr, opts, &local_err)) {
        goto fail;
    }
    if (!qemu_chr_open_logfile(chr, opts, &local_err)) {
        goto fail;
    }
    if (cc->open && !cc->open(chr, opts, &be_opened, &local_err)) {
        goto fail;
    }
    if (be_opened) {
        qemu_chr_be_event(chr, CHR_EVENT_OPENED);
    }
    object_property_add_child(get_chardevs_root(), id, obj);
    object_unref(obj);
    chardevs = g_list_append(chardevs, chr);
    return chr;

fail:
    object_unref(obj);
    error_propagate(errp, local_err);
    return NULL;
}

static Chardev *qemu_chr_new_mux(const char *id, const char *base_id,
                                 GMainContext *context, Error **errp)
{
    QemuOptsList *list = qemu_find_opts("chardev");
    QemuOpts *opts = qemu_opts_create(list, NULL, false, errp);
    Chardev *mux;

    if (!opts) {
        return NULL;
    }
    qemu_opt_set(opts, "backend", "mux", NULL);
    qemu_opt_set(opts, "chardev", base_id, NULL);
    mux = chardev_new(id, CHARDEV_CLASS(object_class_by_name(
                          TYPE_CHARDEV_MUX)), opts, context, errp);
    qemu_opts_del(opts);
    return mux;
}

Chardev *qemu_chr_new_from_opts(QemuOpts *opts, GMainContext *context,
                                Error **errp)
{
    const char *name = qemu_opt_get(opts, "backend");
    const char *id = qemu_opts_id(opts);
    g_autofree char *bid = NULL;
    ChardevClass *cc;
    Chardev *chr, *mux;

    if (name && is_help_option(name)) {
        GString *str = g_string_new(NULL);

        qemu_chr_print_backends(str);
        fputs(str->str, stdout);
        fflush(stdout);
        g_string_free(str, TRUE);
        return NULL;
    }
    if (!id) {
        error_setg(errp, "chardev: no id specified");
        return NULL;
    }
    if (!name) {
        error_setg(errp, "chardev: \"%s\" missing backend", id);
        return NULL;
    }
    cc = char_get_class(name, errp);
    if (!cc) {
        return NULL;
    }
    if (qemu_opt_get_bool(opts, "mux", false)) {
        bid = g_strdup_printf("%s-base", id);
    }
    chr = chardev_new(bid ? bid : id, cc, opts, context, errp);
    if (!chr || !bid) {
        return chr;
    }
    mux = qemu_chr_new_mux(id, bid, context, errp);
    if (!mux) {
        object_unparent(OBJECT(chr));
    }
    return mux;
}
