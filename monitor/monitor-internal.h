/*
 * monitor-internal.h: what the QMP and HMP halves of the monitor share.
 *
 * A Monitor is the common part of one monitor instance.  QMP (monitor/qmp.c)
 * and HMP (monitor/hmp*.c) each define a struct that embeds a Monitor as its
 * FIRST member (so a Monitor * can be cast back to the outer struct), call
 * monitor_data_init() on it, install their own chardev handlers with
 * qemu_chr_fe_set_handlers(&mon->chr, ...), and add it with
 * monitor_list_append().
 *
 * Output.  Everything a monitor prints goes through mon->outbuf: writers
 * append under mon->lock and call monitor_flush_locked(), which hands the
 * chardev what it takes now with the non-blocking qemu_chr_fe_write().  What
 * is left stays in outbuf and a G_IO_OUT watch (qemu_chr_fe_add_watch())
 * resumes the flush when the peer reads again, so a slow client never blocks
 * the main loop or another monitor.
 *
 * Back-pressure and limits:
 *   - while more than MONITOR_OUT_CONGESTED bytes are pending, the
 *     monitor's can_read handler should return 0 (monitor_out_congested()):
 *     a client that does not read its replies stops being read, so it
 *     cannot make us queue unbounded replies;
 *     when the backlog drains below that mark, monitor.c calls
 *     mon->drained() and qemu_chr_fe_accept_input() so work resumes;
 *     input already read while congested must wait for that (QMP queues
 *     parsed requests: one chunk can hold hundreds of them);
 *   - output that would make the backlog exceed MONITOR_OUT_MAX (16 MiB)
 *     is discarded whole (a QMP message is never cut in half) and the
 *     client is disconnected (from an idle callback, never re-entering
 *     the chardev) with qemu_chr_fe_disconnect() (a no-op for
 *     backends without connections, e.g. stdio: there the excess is just
 *     dropped).  Only events or a huge reply can get there, since input
 *     is paused long before.
 *
 * Capture monitors.  A monitor initialised without a chardev (mon->chr.chr
 * == NULL, as human-monitor-command uses for HMP) never flushes: its whole
 * output accumulates in mon->outbuf, which the creator reads.
 *
 * HMP text.  monitor_puts()/monitor_printf() on a non-QMP monitor turn each
 * "\n" into "\r\n" (as QEMU's monitor does, including in the text that
 * human-monitor-command returns).  On a QMP monitor they print nothing.
 *
 * The current monitor.  monitor_cur() is thread-local: the monitor whose
 * command this thread is running (set by QMP dispatch and by HMP around each
 * command with monitor_set_cur()), NULL otherwise.
 *
 * Threads: all chardev callbacks run in the main loop thread.  mon->lock
 * makes appending output safe from any thread (e.g. an event sent by a vCPU
 * thread holding the big lock).
 */
#ifndef MONITOR_MONITOR_INTERNAL_H
#define MONITOR_MONITOR_INTERNAL_H

#include "qemu/osdep.h"
#include "monitor/monitor.h"
#include "chardev/char.h"

/* Pending output above which a monitor stops reading its input. */
#define MONITOR_OUT_CONGESTED (1 * 1024 * 1024)
/* Hard cap on pending output per monitor (see above). */
#define MONITOR_OUT_MAX (16 * 1024 * 1024)

struct Monitor {
    CharBackend chr;        /* the chardev frontend; chr.chr == NULL for a
                             * capture monitor */
    bool is_qmp;            /* QMP (JSON) or HMP (human) */
    bool dead;              /* being destroyed: no more flushing */

    GRecMutex lock;         /* protects the fields below; recursive, as
                             * a chardev may report CHR_EVENT_CLOSED from
                             * inside a write made with the lock held */
    GString *outbuf;        /* output not yet accepted by the chardev */
    guint out_watch;        /* G_IO_OUT watch tag while outbuf is waiting
                             * for the peer, else 0 */
    bool out_paused;        /* input paused because of the backlog */
    uint64_t out_dropped;   /* bytes discarded over MONITOR_OUT_MAX */
    /*
     * Deferred actions, run from an idle callback (kick_idle) so they
     * never re-enter the chardev from inside a write: resume reading
     * (qemu_chr_fe_accept_input) and drop an over-limit client.
     */
    guint kick_idle;
    bool want_accept;
    bool want_disconnect;

    /*
     * Called by monitor_cleanup() (and monitor_destroy()) before the common
     * part is freed: releases the outer struct's own state and the outer
     * struct itself is then freed with g_free() on the Monitor pointer.
     * May be NULL.
     */
    void (*destroy)(Monitor *mon);
    /*
     * Called (main loop, no lock held) when a backlog has drained below
     * MONITOR_OUT_CONGESTED, just before reading resumes: a monitor that
     * queued input while congested continues with it.  May be NULL.
     */
    void (*drained)(Monitor *mon);
};

/*
 * Initialise the common part.  is_qmp: the monitor speaks QMP.  The caller
 * then attaches the chardev (qemu_chr_fe_init(&mon->chr, chr, errp)) if it
 * has one.
 */
void monitor_data_init(Monitor *mon, bool is_qmp);
/* Release the common part's resources (not the struct itself). */
void monitor_data_destroy(Monitor *mon);

/* Add to the list of live monitors (events, monitor_cleanup()). */
void monitor_list_append(Monitor *mon);
/* Remove from the list, call mon->destroy, free everything, g_free(mon). */
void monitor_destroy(Monitor *mon);
/* Call fn for each live monitor, in creation order. */
void monitor_foreach(void (*fn)(Monitor *mon, void *opaque), void *opaque);

/*
 * Make mon the current monitor of this thread; returns the previous one
 * (restore it when the command is done).
 */
Monitor *monitor_set_cur(Monitor *mon);

/*
 * Append raw bytes to the output (no "\n" translation) and flush.  The
 * data is discarded whole when it would push the backlog over
 * MONITOR_OUT_MAX (see above).  Returns false when it was discarded.
 */
bool monitor_write_raw(Monitor *mon, const char *data, size_t len);
/* Try to send pending output now (no-op for capture monitors). */
void monitor_flush(Monitor *mon);
/* As monitor_flush() with mon->lock already held. */
void monitor_flush_locked(Monitor *mon);
/* Discard pending output (a client went away); resumes paused input. */
void monitor_out_reset(Monitor *mon);
/* True while the backlog is over MONITOR_OUT_CONGESTED: a can_read
 * handler should return 0 (reading resumes by itself once drained). */
bool monitor_out_congested(Monitor *mon);

/* ---- QMP side (monitor/qmp.c) ---- */

/*
 * Send a QMP event (already a complete {"timestamp", "event", "data"}
 * object) to every QMP monitor that has finished capability negotiation.
 */
void monitor_qmp_broadcast(json_t *event);
/* {"id": id (if not NULL), "error": {"class", "desc"}} for err (freed). */
json_t *qmp_error_response(Error *err, json_t *id);
/* {"timestamp": {"seconds", "microseconds"}, "event": name, "data": data}
 * (data stolen; no "data" member when NULL). */
json_t *qmp_event_build(const char *name, json_t *data);
/* {"qemu": {"micro", "minor", "major"}, "package"}: the greeting's and
 * query-version's version object (new reference). */
json_t *qmp_version_info(void);

#endif
