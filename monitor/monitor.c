/*
 * monitor.c: what QMP and HMP monitors share (see monitor-internal.h):
 * the list of monitors, the current monitor, buffered non-blocking output
 * and -mon option handling.
 */
#include "qemu/osdep.h"
#include "monitor/monitor-internal.h"
#include "qemu/option.h"

static GRecMutex mon_list_lock;   /* recursive: see monitor_foreach() */
static GPtrArray *mon_list;         /* Monitor *, creation order */

static __thread Monitor *cur_mon;

Monitor *monitor_cur(void)
{
    return cur_mon;
}

Monitor *monitor_set_cur(Monitor *mon)
{
    Monitor *old = cur_mon;

    cur_mon = mon;
    return old;
}

bool monitor_is_qmp(const Monitor *mon)
{
    return mon && mon->is_qmp;
}

/* ---- lifetime ---- */

void monitor_data_init(Monitor *mon, bool is_qmp)
{
    mon->is_qmp = is_qmp;
    g_rec_mutex_init(&mon->lock);
    mon->outbuf = g_string_new(NULL);
}

static void remove_source(Monitor *mon, guint *tag)
{
    if (*tag) {
        GMainContext *ctx = mon->chr.chr ? mon->chr.chr->gcontext : NULL;
        GSource *src = g_main_context_find_source_by_id(ctx, *tag);

        if (!src && ctx) {
            src = g_main_context_find_source_by_id(NULL, *tag);
        }
        if (src) {
            g_source_destroy(src);
        }
        *tag = 0;
    }
}

void monitor_data_destroy(Monitor *mon)
{
    g_rec_mutex_lock(&mon->lock);
    mon->dead = true;
    remove_source(mon, &mon->out_watch);
    if (mon->kick_idle) {
        g_source_remove(mon->kick_idle);
        mon->kick_idle = 0;
    }
    g_rec_mutex_unlock(&mon->lock);
    if (mon->chr.chr) {
        qemu_chr_fe_deinit(&mon->chr, false);
    }
    g_string_free(mon->outbuf, TRUE);
    mon->outbuf = NULL;
    g_rec_mutex_clear(&mon->lock);
}

void monitor_list_append(Monitor *mon)
{
    g_rec_mutex_lock(&mon_list_lock);
    if (!mon_list) {
        mon_list = g_ptr_array_new();
    }
    g_ptr_array_add(mon_list, mon);
    g_rec_mutex_unlock(&mon_list_lock);
}

void monitor_destroy(Monitor *mon)
{
    g_rec_mutex_lock(&mon_list_lock);
    if (mon_list) {
        g_ptr_array_remove(mon_list, mon);
    }
    g_rec_mutex_unlock(&mon_list_lock);
    if (cur_mon == mon) {
        cur_mon = NULL;
    }
    if (mon->destroy) {
        mon->destroy(mon);
    }
    monitor_data_destroy(mon);
    g_free(mon);
}

/*
 * fn may re-enter (a write can make a chardev report a disconnect whose
 * handling sends an event), hence the recursive list lock and the index
 * loop, which tolerates monitors appended meanwhile.
 */
void monitor_foreach(void (*fn)(Monitor *mon, void *opaque), void *opaque)
{
    g_rec_mutex_lock(&mon_list_lock);
    for (guint i = 0; mon_list && i < mon_list->len; i++) {
        fn(g_ptr_array_index(mon_list, i), opaque);
    }
    g_rec_mutex_unlock(&mon_list_lock);
}

/* ---- output ---- */

static gboolean monitor_kick(gpointer opaque)
{
    Monitor *mon = opaque;
    bool accept, disconnect;

    g_rec_mutex_lock(&mon->lock);
    mon->kick_idle = 0;
    accept = mon->want_accept;
    disconnect = mon->want_disconnect;
    mon->want_accept = false;
    mon->want_disconnect = false;
    g_rec_mutex_unlock(&mon->lock);

    if (disconnect && mon->chr.chr) {
        qemu_chr_fe_disconnect(&mon->chr);
    }
    if (accept && mon->drained) {
        mon->drained(mon);
    }
    if (accept && mon->chr.chr) {
        qemu_chr_fe_accept_input(&mon->chr);
    }
    return G_SOURCE_REMOVE;
}

/* Schedule monitor_kick (mon->lock held). */
static void schedule_kick_locked(Monitor *mon)
{
    if (!mon->kick_idle && !mon->dead) {
        mon->kick_idle = g_idle_add(monitor_kick, mon);
    }
}

static void update_pause_locked(Monitor *mon)
{
    if (mon->out_paused && mon->outbuf->len < MONITOR_OUT_CONGESTED) {
        mon->out_paused = false;
        mon->want_accept = true;
        schedule_kick_locked(mon);
    }
}

static gboolean monitor_unblocked(void *do_not_use, GIOCondition cond,
                                  void *opaque)
{
    Monitor *mon = opaque;

    g_rec_mutex_lock(&mon->lock);
    mon->out_watch = 0;
    monitor_flush_locked(mon);
    g_rec_mutex_unlock(&mon->lock);
    return G_SOURCE_REMOVE;
}

/* Retry later for a backend that cannot watch for G_IO_OUT. */
static gboolean monitor_retry_timer(gpointer opaque)
{
    return monitor_unblocked(NULL, G_IO_OUT, opaque);
}

void monitor_flush_locked(Monitor *mon)
{
    int rc;

    if (mon->dead || !mon->chr.chr || mon->out_watch ||
        mon->outbuf->len == 0) {
        return;
    }
    rc = qemu_chr_fe_write(&mon->chr, (const uint8_t *)mon->outbuf->str,
                           MIN(mon->outbuf->len, (gsize)INT_MAX));
    if (rc < 0 && errno != EAGAIN) {
        /* The peer is gone: what it did not get is lost. */
        g_string_truncate(mon->outbuf, 0);
    } else if (rc > 0) {
        /* (The buffer may have been reset from inside the write.) */
        g_string_erase(mon->outbuf, 0, MIN((gsize)rc, mon->outbuf->len));
    }
    if (mon->outbuf->len && !mon->out_watch && !mon->dead) {
        mon->out_watch = qemu_chr_fe_add_watch(&mon->chr,
                                               G_IO_OUT | G_IO_HUP,
                                               monitor_unblocked, mon);
        if (!mon->out_watch) {
            mon->out_watch = g_timeout_add(10, monitor_retry_timer, mon);
        }
    }
    update_pause_locked(mon);
}

void monitor_flush(Monitor *mon)
{
    g_rec_mutex_lock(&mon->lock);
    monitor_flush_locked(mon);
    g_rec_mutex_unlock(&mon->lock);
}

bool monitor_write_raw(Monitor *mon, const char *data, size_t len)
{
    bool ok = true;

    g_rec_mutex_lock(&mon->lock);
    if (mon->dead) {
        ok = false;
    } else if (mon->outbuf->len + len > MONITOR_OUT_MAX) {
        /* Over the cap: drop this message whole and the slow client. */
        mon->out_dropped += len;
        if (mon->chr.chr) {
            mon->want_disconnect = true;
            schedule_kick_locked(mon);
        }
        ok = false;
    } else {
        g_string_append_len(mon->outbuf, data, len);
        monitor_flush_locked(mon);
    }
    g_rec_mutex_unlock(&mon->lock);
    return ok;
}

void monitor_out_reset(Monitor *mon)
{
    g_rec_mutex_lock(&mon->lock);
    g_string_truncate(mon->outbuf, 0);
    remove_source(mon, &mon->out_watch);
    update_pause_locked(mon);
    g_rec_mutex_unlock(&mon->lock);
}

bool monitor_out_congested(Monitor *mon)
{
    bool congested;

    g_rec_mutex_lock(&mon->lock);
    congested = mon->chr.chr && mon->outbuf->len >= MONITOR_OUT_CONGESTED;
    if (congested) {
        mon->out_paused = true;
    }
    g_rec_mutex_unlock(&mon->lock);
    return congested;
}

void monitor_puts(Monitor *mon, const char *str)
{
    GString *s;

    if (!mon || mon->is_qmp || !str) {
        return;
    }
    /* HMP output uses "\r\n" line ends (raw terminals, telnet). */
    s = g_string_sized_new(strlen(str) + 16);
    for (const char *p = str; *p; p++) {
        if (*p == '\n') {
            g_string_append_c(s, '\r');
        }
        g_string_append_c(s, *p);
    }
    monitor_write_raw(mon, s->str, s->len);
    g_string_free(s, TRUE);
}

void monitor_vprintf(Monitor *mon, const char *fmt, va_list ap)
{
    char *buf;

    if (!mon || mon->is_qmp) {
        return;
    }
    buf = g_strdup_vprintf(fmt, ap);
    monitor_puts(mon, buf);
    g_free(buf);
}

void monitor_printf(Monitor *mon, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    monitor_vprintf(mon, fmt, ap);
    va_end(ap);
}

/* ---- -mon ---- */

bool monitor_init_opts(QemuOpts *opts, Error **errp)
{
    const char *chardev = qemu_opt_get(opts, "chardev");
    const char *mode = qemu_opt_get(opts, "mode");
    const char *pretty_str = qemu_opt_get(opts, "pretty");
    bool pretty = false;
    bool qmp;
    Chardev *chr;

    if (!chardev) {
        error_setg(errp, "Parameter 'chardev' is missing");
        return false;
    }
    if (!mode || strcmp(mode, "readline") == 0) {
        qmp = false;
    } else if (strcmp(mode, "control") == 0) {
        qmp = true;
    } else {
        error_setg(errp, "Parameter 'mode' does not accept value '%s'", mode);
        return false;
    }
    if (pretty_str && !qapi_bool_parse("pretty", pretty_str, &pretty, errp)) {
        return false;
    }
    if (pretty && !qmp) {
        error_setg(errp, "'pretty' is not compatible with HMP monitors");
        return false;
    }
    chr = qemu_chr_find(chardev);
    if (!chr) {
        error_setg(errp, "chardev \"%s\" not found", chardev);
        return false;
    }
    return qmp ? monitor_init_qmp(chr, pretty, errp)
               : monitor_init_hmp(chr, true, errp);
}

/*
 * At exit, give each client a bounded chance (about a second) to take the
 * output still queued, e.g. the reply to "quit" and the SHUTDOWN event,
 * without letting a client that does not read hold up the exit.
 */
static void final_flush(Monitor *mon)
{
    for (int tries = 0; tries < 200 && mon->chr.chr && mon->outbuf->len;
         tries++) {
        int rc = qemu_chr_fe_write(&mon->chr,
                                   (const uint8_t *)mon->outbuf->str,
                                   MIN(mon->outbuf->len, (gsize)INT_MAX));
        if (rc > 0) {
            g_string_erase(mon->outbuf, 0,
                           MIN((gsize)rc, mon->outbuf->len));
        } else if (rc < 0 && errno != EAGAIN) {
            break;
        } else {
            g_usleep(5000);
        }
    }
}

void monitor_cleanup(void)
{
    for (;;) {
        Monitor *mon = NULL;

        g_rec_mutex_lock(&mon_list_lock);
        if (mon_list && mon_list->len) {
            mon = g_ptr_array_index(mon_list, 0);
        }
        g_rec_mutex_unlock(&mon_list_lock);
        if (!mon) {
            break;
        }
        g_rec_mutex_lock(&mon->lock);
        remove_source(mon, &mon->out_watch);
        final_flush(mon);
        g_rec_mutex_unlock(&mon->lock);
        monitor_destroy(mon);
    }
}
