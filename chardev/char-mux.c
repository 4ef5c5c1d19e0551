/*
 * char-mux.c: the multiplexer ("mux=on"): up to MAX_MUX frontends share
 * one base chardev.
 *
 * Output from every frontend goes to the base.  Input goes to the frontend
 * that has the focus; the escape character (Ctrl-A unless -echr says
 * otherwise) followed by a command key is handled here:
 *   h or ?  print the help      x  quit (as the QMP "quit" command)
 *   c       focus the next frontend (MUX_OUT to the old one, MUX_IN to
 *           the new one)        s  flush disks (nothing to flush yet)
 *   b       send a break        t  toggle timestamps on output lines
 *   the escape character again: send it through.
 * Bytes the focused frontend cannot take yet wait in a small per-frontend
 * ring and are handed over when it calls qemu_chr_fe_accept_input().
 *
 * A mux opens only when the machine is built (qemu_chr_machine_done()), so
 * that a monitor banner comes after the start-up messages, as in QEMU.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "monitor/monitor.h"
#include "sysemu/runstate.h"
#include "chardev-internal.h"

#define MUX_BUFFER_SIZE 32

typedef struct MuxChardev {
    Chardev parent;
    CharBackend *backends[MAX_MUX];
    CharBackend chr;            /* our frontend on the base chardev */
    int focus;                  /* -1: none yet */
    int mux_cnt;
    bool term_got_escape;
    uint8_t buffer[MAX_MUX][MUX_BUFFER_SIZE];
    unsigned prod[MAX_MUX];
    unsigned cons[MAX_MUX];
    bool timestamps;
    bool linestart;
    int64_t timestamps_start;   /* ms; -1: at the next line */
    GSource *open_idle;         /* opens the muxes if nobody else does */
} MuxChardev;

#define MUX_CHARDEV(obj) OBJECT_CHECK(MuxChardev, (obj), TYPE_CHARDEV_MUX)

static bool muxes_opened;

/* '%' stands for the escape character's name. */
static const char *const mux_help[] = {
    "% h    print this help\n\r",
    "% x    exit emulator\n\r",
    "% s    save disk data back to file (if -snapshot)\n\r",
    "% t    toggle console timestamps\n\r",
    "% b    send break (magic sysrq)\n\r",
    "% c    switch between console and monitor\n\r",
    "% %  sends %\n\r",
    NULL
};

bool chardev_is_mux(Chardev *chr)
{
    return object_dynamic_cast(OBJECT(chr), TYPE_CHARDEV_MUX) != NULL;
}

Chardev *mux_chr_base(Chardev *chr)
{
    return MUX_CHARDEV(chr)->chr.chr;
}

static void mux_chr_send_event(MuxChardev *d, int mux_nr, QEMUChrEvent event)
{
    CharBackend *be = d->backends[mux_nr];

    if (be && be->chr_event) {
        be->chr_event(be->opaque, event);
    }
}

static void mux_chr_send_all_event(MuxChardev *d, QEMUChrEvent event)
{
    Chardev *chr = CHARDEV(d);
    int i;

    if (!muxes_opened) {
        return;
    }
    if (event == CHR_EVENT_OPENED) {
        chr->be_open = true;
    } else if (event == CHR_EVENT_CLOSED) {
        chr->be_open = false;
    }
    for (i = 0; i < d->mux_cnt; i++) {
        mux_chr_send_event(d, i, event);
    }
}

/* Output, with "[HH:MM:SS.mmm] " at each line start when timestamps are on. */
static int mux_chr_write(Chardev *chr, const uint8_t *buf, int len)
{
    MuxChardev *d = MUX_CHARDEV(chr);
    int ret = 0;
    int i, n;

    if (!d->timestamps) {
        return qemu_chr_fe_write(&d->chr, buf, len);
    }
    for (i = 0; i < len; i++) {
        if (d->linestart) {
            int64_t now = g_get_monotonic_time() / 1000;
            int64_t ms, secs;
            char stamp[64];

            if (d->timestamps_start == -1) {
                d->timestamps_start = now;
            }
            ms = now - d->timestamps_start;
            secs = ms / 1000;
            snprintf(stamp, sizeof(stamp), "[%02d:%02d:%02d.%03d] ",
                     (int)(secs / 3600), (int)((secs / 60) % 60),
                     (int)(secs % 60), (int)(ms % 1000));
            qemu_chr_fe_write_all(&d->chr, (const uint8_t *)stamp,
                                  strlen(stamp));
            d->linestart = false;
        }
        n = qemu_chr_fe_write(&d->chr, buf + i, 1);
        if (n <= 0) {
            return ret ? ret : n;
        }
        ret += n;
        if (buf[i] == '\n') {
            d->linestart = true;
        }
    }
    return ret;
}

static void mux_print_help(Chardev *chr)
{
    char ebuf[16] = "Escape-Char";
    char cbuf[64] = "\n\r";
    int i;
    const char *p;

    if (term_escape_char > 0 && term_escape_char < 26) {
        snprintf(ebuf, sizeof(ebuf), "C-%c", term_escape_char - 1 + 'a');
    } else {
        snprintf(cbuf, sizeof(cbuf),
                 "\n\rEscape-Char set to Ascii: 0x%02x\n\r\n\r",
                 term_escape_char);
    }
    qemu_chr_write(chr, (const uint8_t *)cbuf, strlen(cbuf), true);
    for (i = 0; mux_help[i]; i++) {
        GString *line = g_string_new(NULL);

        for (p = mux_help[i]; *p; p++) {
            if (*p == '%') {
                g_string_append(line, ebuf);
            } else {
                g_string_append_c(line, *p);
            }
        }
        qemu_chr_write(chr, (const uint8_t *)line->str, line->len, true);
        g_string_free(line, TRUE);
    }
}

static void mux_quit(Chardev *chr)
{
    static const char term[] = "QEMU: Terminated\n\r";
    Error *err = NULL;
    json_t *args, *ret;

    qemu_chr_write(chr, (const uint8_t *)term, strlen(term), true);
    /* QEMU 7.2 runs the "quit" command here (SHUTDOWN reason host-qmp-quit). */
    args = json_object();
    ret = qmp_call("quit", args, &err);
    json_decref(args);
    if (ret) {
        json_decref(ret);
    } else {
        error_free(err);
        qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
    }
}

/* True if ch is data for the focused frontend, false if it was a command. */
static bool mux_proc_byte(Chardev *chr, MuxChardev *d, int ch)
{
    if (d->term_got_escape) {
        d->term_got_escape = false;
        if (ch == term_escape_char) {
            return true;
        }
        switch (ch) {
        case '?':
        case 'h':
            mux_print_help(chr);
            break;
        case 'x':
            mux_quit(chr);
            break;
        case 's':
            /* Disk write-back for -snapshot: no block layer to flush yet. */
            break;
        case 'b':
            qemu_chr_be_event(chr, CHR_EVENT_BREAK);
            break;
        case 'c':
            if (d->mux_cnt > 0) {
                mux_set_focus(chr, (d->focus + 1) % d->mux_cnt);
            }
            break;
        case 't':
            d->timestamps = !d->timestamps;
            d->timestamps_start = -1;
            d->linestart = false;
            break;
        default:
            break;
        }
        return false;
    }
    if (ch == term_escape_char) {
        d->term_got_escape = true;
        return false;
    }
    return true;
}

static void mux_chr_accept_input(Chardev *chr)
{
    MuxChardev *d = MUX_CHARDEV(chr);
    int m = d->focus;
    CharBackend *be;

    if (m < 0) {
        return;
    }
    be = d->backends[m];
    while (be && d->prod[m] != d->cons[m] && be->chr_can_read &&
           be->chr_read && be->chr_can_read(be->opaque) > 0) {
        uint8_t byte = d->buffer[m][d->cons[m]++ % MUX_BUFFER_SIZE];

        be->chr_read(be->opaque, &byte, 1);
        /* The handler may have switched focus or detached. */
        if (d->focus != m || d->backends[m] != be) {
            break;
        }
    }
}

static int mux_chr_can_read(void *opaque)
{
    MuxChardev *d = MUX_CHARDEV(opaque);
    int m = d->focus;
    CharBackend *be;
    unsigned used;

    if (m < 0) {
        return 0;
    }
    used = d->prod[m] - d->cons[m];
    if (used < MUX_BUFFER_SIZE) {
        return MUX_BUFFER_SIZE - used;
    }
    be = d->backends[m];
    if (be && be->chr_can_read) {
        return be->chr_can_read(be->opaque);
    }
    return 0;
}

static void mux_chr_read(void *opaque, const uint8_t *buf, int size)
{
    Chardev *chr = CHARDEV(opaque);
    MuxChardev *d = MUX_CHARDEV(opaque);
    int i;

    mux_chr_accept_input(chr);
    for (i = 0; i < size; i++) {
        int m;
        CharBackend *be;

        if (!mux_proc_byte(chr, d, buf[i])) {
            continue;
        }
        m = d->focus;
        if (m < 0) {
            continue;
        }
        be = d->backends[m];
        if (d->prod[m] == d->cons[m] && be && be->chr_can_read &&
            be->chr_read && be->chr_can_read(be->opaque) > 0) {
            be->chr_read(be->opaque, &buf[i], 1);
        } else if (d->prod[m] - d->cons[m] < MUX_BUFFER_SIZE) {
            d->buffer[m][d->prod[m]++ % MUX_BUFFER_SIZE] = buf[i];
        }
    }
}

static void mux_chr_event(void *opaque, QEMUChrEvent event)
{
    mux_chr_send_all_event(MUX_CHARDEV(opaque), event);
}

/* Events raised on the mux itself (a break) go to the focused frontend. */
static void mux_chr_be_event(Chardev *chr, QEMUChrEvent event)
{
    MuxChardev *d = MUX_CHARDEV(chr);

    if (d->focus >= 0) {
        mux_chr_send_event(d, d->focus, event);
    }
}

static GSource *mux_chr_add_watch(Chardev *s, GIOCondition cond)
{
    MuxChardev *d = MUX_CHARDEV(s);
    Chardev *base = d->chr.chr;
    ChardevClass *cc;

    if (!base) {
        return NULL;
    }
    cc = CHARDEV_GET_CLASS(base);
    return cc->chr_add_watch ? cc->chr_add_watch(base, cond) : NULL;
}

static void mux_chr_update_read_handler(Chardev *chr)
{
    MuxChardev *d = MUX_CHARDEV(chr);

    qemu_chr_fe_set_handlers_full(&d->chr, mux_chr_can_read, mux_chr_read,
                                  mux_chr_event, chr, chr->gcontext, true,
                                  false);
}

bool mux_chr_attach_frontend(Chardev *chr, CharBackend *b, int *tag,
                             Error **errp)
{
    MuxChardev *d = MUX_CHARDEV(chr);

    if (d->mux_cnt >= MAX_MUX) {
        error_setg(errp, "Device '%s' is in use", chr->label);
        return false;
    }
    d->backends[d->mux_cnt] = b;
    *tag = d->mux_cnt++;
    return true;
}

void mux_chr_detach_frontend(Chardev *chr, int tag)
{
    MuxChardev *d = MUX_CHARDEV(chr);

    if (tag >= 0 && tag < MAX_MUX) {
        d->backends[tag] = NULL;
    }
}

bool mux_chr_is_busy(Chardev *chr)
{
    MuxChardev *d = MUX_CHARDEV(chr);
    int i;

    for (i = 0; i < d->mux_cnt; i++) {
        if (d->backends[i]) {
            return true;
        }
    }
    return false;
}

void mux_set_focus(Chardev *chr, int focus)
{
    MuxChardev *d = MUX_CHARDEV(chr);

    if (focus < 0 || focus >= d->mux_cnt) {
        return;
    }
    if (d->focus != -1) {
        mux_chr_send_event(d, d->focus, CHR_EVENT_MUX_OUT);
    }
    d->focus = focus;
    chr->be = d->backends[focus];
    mux_chr_send_event(d, focus, CHR_EVENT_MUX_IN);
}

static void open_mux(Chardev *chr)
{
    MuxChardev *d = MUX_CHARDEV(chr);

    if (d->open_idle) {
        g_source_destroy(d->open_idle);
        g_source_unref(d->open_idle);
        d->open_idle = NULL;
    }
    if (!chr->be_open) {
        mux_chr_send_all_event(d, CHR_EVENT_OPENED);
        chr->be_open = true;
    }
}

void qemu_chr_machine_done(void)
{
    GList *list, *l;

    muxes_opened = true;
    list = qemu_chr_list();
    for (l = list; l; l = l->next) {
        if (chardev_is_mux(l->data)) {
            open_mux(l->data);
        }
    }
    g_list_free(list);
}

static gboolean mux_open_idle_cb(gpointer opaque)
{
    qemu_chr_machine_done();
    return G_SOURCE_REMOVE;
}

static bool mux_chr_parse(Chardev *chr, QemuOpts *opts, Error **errp)
{
    if (!opts || !qemu_opt_get(opts, "chardev")) {
        error_setg(errp, "chardev: mux: no chardev given");
        return false;
    }
    return true;
}

static bool mux_chr_open(Chardev *chr, QemuOpts *opts, bool *be_opened,
                         Error **errp)
{
    MuxChardev *d = MUX_CHARDEV(chr);
    const char *base_id = qemu_opt_get(opts, "chardev");
    Chardev *base = qemu_chr_find(base_id);

    if (!base) {
        error_setg(errp, "mux: base chardev %s not found", base_id);
        return false;
    }
    if (!qemu_chr_fe_init(&d->chr, base, errp)) {
        return false;
    }
    chr_set_filename(chr, "mux");
    *be_opened = muxes_opened;
    if (!muxes_opened) {
        d->open_idle = g_idle_source_new();
        g_source_set_callback(d->open_idle, mux_open_idle_cb, NULL, NULL);
        g_source_attach(d->open_idle, chr->gcontext);
    }
    return true;
}

static void mux_chr_init(Object *obj)
{
    MuxChardev *d = MUX_CHARDEV(obj);

    d->focus = -1;
    d->timestamps_start = -1;
}

static void mux_chr_finalize(Object *obj)
{
    MuxChardev *d = MUX_CHARDEV(obj);
    int i;

    if (d->open_idle) {
        g_source_destroy(d->open_idle);
        g_source_unref(d->open_idle);
    }
    for (i = 0; i < d->mux_cnt; i++) {
        if (d->backends[i]) {
            d->backends[i]->chr = NULL;
        }
    }
    CHARDEV(obj)->be = NULL;
    qemu_chr_fe_deinit(&d->chr, false);
}

static void mux_chr_class_init(ObjectClass *oc, void *data)
{
    ChardevClass *cc = CHARDEV_CLASS(oc);

    cc->parse = mux_chr_parse;
    cc->open = mux_chr_open;
    cc->chr_write = mux_chr_write;
    cc->chr_accept_input = mux_chr_accept_input;
    cc->chr_add_watch = mux_chr_add_watch;
    cc->chr_be_event = mux_chr_be_event;
    cc->chr_update_read_handler = mux_chr_update_read_handler;
}

static const TypeInfo mux_chr_type_info = {
    .name = TYPE_CHARDEV_MUX,
    .parent = TYPE_CHARDEV,
    .instance_size = sizeof(MuxChardev),
    .instance_init = mux_chr_init,
    .instance_finalize = mux_chr_finalize,
    .class_init = mux_chr_class_init,
};

static void mux_chr_register_types(void)
{
    type_register_static(&mux_chr_type_info);
}
type_init(mux_chr_register_types)
