/*
 * main-loop.c: the GLib main loop, the big lock and bottom halves.
 *
 * The main thread runs the default GMainContext.  It holds the big lock
 * (BQL) at all times except inside poll(): the poll function installed
 * here drops the lock around the system call, so vCPU threads can take it
 * for device dispatch while the main thread sleeps.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include <sys/prctl.h>

static GMutex bql;
static __thread bool bql_held;
bool qemu_debug_threads;

void qemu_mutex_lock_iothread(void)
{
    g_assert(!bql_held);
    g_mutex_lock(&bql);
    bql_held = true;
}

void qemu_mutex_unlock_iothread(void)
{
    g_assert(bql_held);
    bql_held = false;
    g_mutex_unlock(&bql);
}

bool qemu_mutex_iothread_locked(void)
{
    return bql_held;
}

static gint poll_without_bql(GPollFD *fds, guint nfds, gint timeout)
{
    gint ret;

    if (timeout == 0) {
        /* A non-blocking check: no need to let other threads in. */
        return g_poll(fds, nfds, 0);
    }
    qemu_mutex_unlock_iothread();
    ret = g_poll(fds, nfds, timeout);
    qemu_mutex_lock_iothread();
    return ret;
}

void qemu_init_main_loop(void)
{
    g_main_context_set_poll_func(NULL, poll_without_bql);
    if (!bql_held) {
        qemu_mutex_lock_iothread();
    }
}

GMainContext *qemu_get_aio_context(void)
{
    return g_main_context_default();
}

void qemu_notify_event(void)
{
    g_main_context_wakeup(NULL);
}

void main_loop_wait(bool nonblocking)
{
    g_main_context_iteration(NULL, !nonblocking);
}

int64_t qemu_clock_get_ns_realtime(void)
{
    return g_get_monotonic_time() * 1000;
}

void qemu_thread_set_name(const char *name)
{
    if (qemu_debug_threads) {
        char buf[16];
        g_strlcpy(buf, name, sizeof(buf));
        prctl(PR_SET_NAME, buf);
    }
}

/* ---- bottom halves ----
 * A bottom half is a GSource whose ready time is set to "now" when it is
 * scheduled; g_source_set_ready_time() is thread-safe and wakes the
 * context, so any thread may schedule one.
 */

struct QEMUBH {
    GSource source;
    void (*fn)(void *opaque);
    void *opaque;
};

static gboolean bh_dispatch(GSource *source, GSourceFunc cb, gpointer data)
{
    QEMUBH *bh = (QEMUBH *)source;

    g_source_set_ready_time(source, -1);
    bh->fn(bh->opaque);
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs bh_source_funcs = {
    .dispatch = bh_dispatch,
};

QEMUBH *qemu_bh_new(void (*fn)(void *opaque), void *opaque)
{
    QEMUBH *bh = (QEMUBH *)g_source_new(&bh_source_funcs, sizeof(QEMUBH));

    bh->fn = fn;
    bh->opaque = opaque;
    g_source_set_ready_time(&bh->source, -1);
    g_source_attach(&bh->source, NULL);
    return bh;
}

void qemu_bh_schedule(QEMUBH *bh)
{
    g_source_set_ready_time(&bh->source, 0);
}

void qemu_bh_cancel(QEMUBH *bh)
{
    g_source_set_ready_time(&bh->source, -1);
}

void qemu_bh_delete(QEMUBH *bh)
{
    g_source_destroy(&bh->source);
    g_source_unref(&bh->source);
}
