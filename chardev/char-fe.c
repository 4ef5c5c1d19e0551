/*
 * char-fe.c: the frontend side of chardevs (serial ports, monitors).
 *
 * A frontend owns a CharBackend and attaches it to one chardev.  A plain
 * chardev takes one frontend; a mux takes up to MAX_MUX, each with a tag,
 * and routes input to the one that has the focus.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "chardev-internal.h"

bool qemu_chr_fe_init(CharBackend *b, Chardev *s, Error **errp)
{
    int tag = 0;

    if (s) {
        if (chardev_is_mux(s)) {
            if (!mux_chr_attach_frontend(s, b, &tag, errp)) {
                return false;
            }
        } else if (s->be) {
            error_setg(errp, "Device '%s' is in use", s->label);
            return false;
        } else {
            s->be = b;
        }
    }
    b->fe_open = false;
    b->tag = tag;
    b->chr = s;
    return true;
}

void qemu_chr_fe_deinit(CharBackend *b, bool del)
{
    Chardev *chr = b->chr;

    if (!chr) {
        return;
    }
    qemu_chr_fe_set_handlers(b, NULL, NULL, NULL, NULL, NULL, true);
    if (chr->be == b) {
        chr->be = NULL;
    }
    if (chardev_is_mux(chr)) {
        mux_chr_detach_frontend(chr, b->tag);
    }
    if (del) {
        Object *obj = OBJECT(chr);

        if (obj->parent) {
            object_unparent(obj);
        } else {
            object_unref(obj);
        }
    }
    b->chr = NULL;
}

void qemu_chr_fe_set_handlers(CharBackend *b,
                              IOCanReadHandler *fd_can_read,
                              IOReadHandler *fd_read,
                              IOEventHandler *fd_event,
                              void *opaque,
                              GMainContext *context,
                              bool set_open)
{
    qemu_chr_fe_set_handlers_full(b, fd_can_read, fd_read, fd_event, opaque,
                                  context, set_open, true);
}

void qemu_chr_fe_set_handlers_full(CharBackend *b,
                                   IOCanReadHandler *fd_can_read,
                                   IOReadHandler *fd_read,
                                   IOEventHandler *fd_event,
                                   void *opaque,
                                   GMainContext *context,
                                   bool set_open, bool sync_state)
{
    Chardev *s = b->chr;
    bool fe_open;

    if (!s) {
        return;
    }
    fe_open = opaque || fd_can_read || fd_read || fd_event;
    if (!fe_open) {
        remove_fd_in_watch(s);
    }
    b->chr_can_read = fd_can_read;
    b->chr_read = fd_read;
    b->chr_event = fd_event;
    b->opaque = opaque;

    qemu_chr_be_update_read_handlers(s, context);

    if (set_open) {
        qemu_chr_fe_set_open(b, fe_open);
    }
    if (fe_open) {
        if (chardev_is_mux(s)) {
            mux_set_focus(s, b->tag);
        }
        /* A frontend arriving at an open backend learns it at once. */
        if (sync_state && s->be_open) {
            qemu_chr_be_event(s, CHR_EVENT_OPENED);
        }
    }
}

Chardev *qemu_chr_fe_get_driver(CharBackend *be)
{
    return be->chr;
}

bool qemu_chr_fe_backend_connected(CharBackend *be)
{
    return be->chr != NULL;
}

bool qemu_chr_fe_backend_open(CharBackend *be)
{
    return be->chr && be->chr->be_open;
}

int qemu_chr_fe_write(CharBackend *be, const uint8_t *buf, int len)
{
    if (!be->chr) {
        return 0;
    }
    return qemu_chr_write(be->chr, buf, len, false);
}

int qemu_chr_fe_write_all(CharBackend *be, const uint8_t *buf, int len)
{
    if (!be->chr) {
        return 0;
    }
    return qemu_chr_write(be->chr, buf, len, true);
}

void qemu_chr_fe_printf(CharBackend *be, const char *fmt, ...)
{
    va_list ap;
    char *text;

    va_start(ap, fmt);
    text = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    qemu_chr_fe_write_all(be, (const uint8_t *)text, strlen(text));
    g_free(text);
}

guint qemu_chr_fe_add_watch(CharBackend *be, GIOCondition cond,
                            FEWatchFunc func, void *opaque)
{
    Chardev *s = be->chr;
    GSource *src;
    guint tag;

    if (!s || !CHARDEV_GET_CLASS(s)->chr_add_watch) {
        return 0;
    }
    src = CHARDEV_GET_CLASS(s)->chr_add_watch(s, cond);
    if (!src) {
        return 0;
    }
    g_source_set_callback(src, (GSourceFunc)(void (*)(void))func, opaque,
                          NULL);
    tag = g_source_attach(src, s->gcontext);
    g_source_unref(src);
    return tag;
}

void qemu_chr_fe_accept_input(CharBackend *be)
{
    Chardev *s = be->chr;

    if (!s) {
        return;
    }
    if (CHARDEV_GET_CLASS(s)->chr_accept_input) {
        CHARDEV_GET_CLASS(s)->chr_accept_input(s);
    }
    /*
     * The read sources ask can_read again on the next loop iteration; only
     * a caller in another thread needs to wake the loop for that.
     */
    if (!g_main_context_is_owner(s->gcontext ? s->gcontext
                                             : g_main_context_default())) {
        g_main_context_wakeup(s->gcontext);
    }
}

void qemu_chr_fe_set_echo(CharBackend *be, bool echo)
{
    Chardev *s = be->chr;

    if (s && CHARDEV_GET_CLASS(s)->chr_set_echo) {
        CHARDEV_GET_CLASS(s)->chr_set_echo(s, echo);
    }
}

void qemu_chr_fe_set_open(CharBackend *be, int fe_open)
{
    Chardev *s = be->chr;

    if (!s || be->fe_open == !!fe_open) {
        return;
    }
    be->fe_open = !!fe_open;
    if (CHARDEV_GET_CLASS(s)->chr_set_fe_open) {
        CHARDEV_GET_CLASS(s)->chr_set_fe_open(s, fe_open);
    }
}

void qemu_chr_fe_disconnect(CharBackend *be)
{
    Chardev *s = be->chr;

    if (s && CHARDEV_GET_CLASS(s)->chr_disconnect) {
        CHARDEV_GET_CLASS(s)->chr_disconnect(s);
    }
}
