/*
 * qemu-timer.c: the clocks and timer lists behind include/qemu/timer.h.
 *
 * One sorted list of armed timers per clock, all under one mutex, so that
 * vCPU threads may arm timers while the main loop runs them.  The main
 * loop sleeps in poll(); its timer source polls a timerfd that is kept
 * armed (CLOCK_MONOTONIC, absolute, nanoseconds) at the nearest deadline
 * of all clocks, so re-arming from another thread needs no extra wake-up:
 * the kernel wakes poll() when the deadline passes.  GLib's own timeouts
 * are only millisecond-precise, too coarse for an APIC or HPET timer.
 *
 * The clocks are process-wide (like the host's), hence the single state
 * below.
 */
#include "qemu/osdep.h"
#include "qemu/timer.h"
#include "sysemu/runstate.h"
#include <sys/timerfd.h>
#include <time.h>

struct QEMUTimer {
    int64_t expire_time;        /* ns; -1 when not armed */
    QEMUClockType type;         /* the list it lives on */
    int scale;
    QEMUTimerCB *cb;
    void *opaque;
    QEMUTimer *next;
};

typedef struct TimerSource {
    GSource source;
    gpointer tag;
} TimerSource;

static struct {
    GMutex lock;
    QEMUTimer *active[QEMU_CLOCK_MAX];
    /* The virtual clock ticks while the VM runs and no test holds it. */
    bool vm_running;
    bool manual;
    bool ticking;
    int64_t vm_offset;          /* virtual = monotonic + offset, ticking */
    int64_t vm_frozen;          /* virtual while not ticking */
    int tfd;
    TimerSource *source;
} timers = { .tfd = -1 };

static int64_t get_clock(clockid_t id)
{
    struct timespec ts;

    clock_gettime(id, &ts);
    return ts.tv_sec * NANOSECONDS_PER_SECOND + ts.tv_nsec;
}

/* Virtual and virtual-rt share one list and one time base. */
static QEMUClockType list_type(QEMUClockType type)
{
    return type == QEMU_CLOCK_VIRTUAL_RT ? QEMU_CLOCK_VIRTUAL : type;
}

/* Called with the lock held. */
static int64_t clock_now_locked(QEMUClockType type)
{
    switch (list_type(type)) {
    case QEMU_CLOCK_VIRTUAL:
        return timers.ticking ? get_clock(CLOCK_MONOTONIC) + timers.vm_offset
                              : timers.vm_frozen;
    case QEMU_CLOCK_HOST:
        return get_clock(CLOCK_REALTIME);
    default:
        return get_clock(CLOCK_MONOTONIC);
    }
}

static void set_ticking_locked(void)
{
    bool tick = timers.vm_running && !timers.manual;

    if (tick == timers.ticking) {
        return;
    }
    if (tick) {
        timers.vm_offset = timers.vm_frozen - get_clock(CLOCK_MONOTONIC);
    } else {
        timers.vm_frozen = get_clock(CLOCK_MONOTONIC) + timers.vm_offset;
    }
    timers.ticking = tick;
}

/* Point the timerfd at the nearest deadline, in monotonic time. */
static void rearm_locked(void)
{
    struct itimerspec its = { { 0, 0 }, { 0, 0 } };
    int64_t best = INT64_MAX, mono = get_clock(CLOCK_MONOTONIC);
    QEMUTimer *ts;

    if (timers.tfd < 0) {
        return;
    }
    ts = timers.active[QEMU_CLOCK_REALTIME];
    if (ts) {
        best = MIN(best, ts->expire_time);
    }
    ts = timers.active[QEMU_CLOCK_VIRTUAL];
    if (ts && timers.ticking) {
        best = MIN(best, ts->expire_time - timers.vm_offset);
    }
    ts = timers.active[QEMU_CLOCK_HOST];
    if (ts) {
        best = MIN(best, mono + ts->expire_time - get_clock(CLOCK_REALTIME));
    }
    if (best != INT64_MAX) {
        /* A zero it_value would disarm: a past deadline fires at once. */
        best = MAX(best, 1);
        its.it_value.tv_sec = best / NANOSECONDS_PER_SECOND;
        its.it_value.tv_nsec = best % NANOSECONDS_PER_SECOND;
    }
    timerfd_settime(timers.tfd, TFD_TIMER_ABSTIME, &its, NULL);
}

static void vm_state_changed(void *opaque, bool running, RunState state)
{
    g_mutex_lock(&timers.lock);
    timers.vm_running = running;
    set_ticking_locked();
    rearm_locked();
    g_mutex_unlock(&timers.lock);
}

static gboolean timer_source_dispatch(GSource *source, GSourceFunc cb,
                                      gpointer data)
{
    uint64_t expirations;

    if (read(timers.tfd, &expirations, sizeof(expirations)) < 0) {
        /* EAGAIN: woken for nothing; the lists are checked anyway. */
    }
    qemu_clock_run_all_timers();
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs timer_source_funcs = {
    .dispatch = timer_source_dispatch,
};

/*
 * First use: the virtual clock starts at 0, ticking if the VM already
 * runs; the main-loop source is attached to the default context.
 */
static gpointer timers_init(gpointer unused)
{
    g_mutex_init(&timers.lock);
    timers.vm_running = runstate_is_running();
    set_ticking_locked();
    qemu_add_vm_change_state_handler(vm_state_changed, NULL);
    timers.tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    if (timers.tfd >= 0) {
        timers.source = (TimerSource *)g_source_new(&timer_source_funcs,
                                                    sizeof(TimerSource));
        g_source_set_name(&timers.source->source, "qemu-timers");
        timers.source->tag = g_source_add_unix_fd(&timers.source->source,
                                                  timers.tfd, G_IO_IN);
        g_source_attach(&timers.source->source, NULL);
    }
    return NULL;
}

static void timers_init_once(void)
{
    static GOnce once = G_ONCE_INIT;

    g_once(&once, timers_init, NULL);
}

int64_t qemu_clock_get_ns(QEMUClockType type)
{
    int64_t now;

    if (list_type(type) != QEMU_CLOCK_VIRTUAL) {
        return clock_now_locked(type);
    }
    timers_init_once();
    g_mutex_lock(&timers.lock);
    now = clock_now_locked(type);
    g_mutex_unlock(&timers.lock);
    return now;
}

QEMUTimer *timer_new(QEMUClockType type, int scale, QEMUTimerCB *cb,
                     void *opaque)
{
    QEMUTimer *ts = g_new0(QEMUTimer, 1);

    timers_init_once();
    ts->type = list_type(type);
    ts->scale = scale;
    ts->cb = cb;
    ts->opaque = opaque;
    ts->expire_time = -1;
    return ts;
}

/* Unlink ts from its list; true if it was the head. */
static bool timer_unlink_locked(QEMUTimer *ts)
{
    QEMUTimer **p = &timers.active[ts->type];
    bool head = *p == ts;

    for (; *p; p = &(*p)->next) {
        if (*p == ts) {
            *p = ts->next;
            break;
        }
    }
    ts->next = NULL;
    ts->expire_time = -1;
    return head;
}

void timer_del(QEMUTimer *ts)
{
    g_mutex_lock(&timers.lock);
    if (ts->expire_time >= 0 && timer_unlink_locked(ts)) {
        rearm_locked();
    }
    g_mutex_unlock(&timers.lock);
}

void timer_free(QEMUTimer *ts)
{
    if (ts) {
        timer_del(ts);
        g_free(ts);
    }
}

void timer_mod_ns(QEMUTimer *ts, int64_t expire_time)
{
    QEMUTimer **p;

    expire_time = MAX(expire_time, 0);
    g_mutex_lock(&timers.lock);
    if (ts->expire_time >= 0) {
        timer_unlink_locked(ts);
    }
    /* Equal deadlines keep the order in which they were armed. */
    for (p = &timers.active[ts->type];
         *p && (*p)->expire_time <= expire_time; p = &(*p)->next) {
    }
    ts->expire_time = expire_time;
    ts->next = *p;
    *p = ts;
    if (timers.active[ts->type] == ts) {
        rearm_locked();
    }
    g_mutex_unlock(&timers.lock);
}

static int64_t scaled_to_ns(QEMUTimer *ts, int64_t t)
{
    if (t > INT64_MAX / ts->scale) {
        return INT64_MAX;
    }
    return t * ts->scale;
}

void timer_mod(QEMUTimer *ts, int64_t expire_time)
{
    timer_mod_ns(ts, scaled_to_ns(ts, expire_time));
}

void timer_mod_anticipate(QEMUTimer *ts, int64_t expire_time)
{
    int64_t ns = scaled_to_ns(ts, expire_time);
    int64_t cur = timer_expire_time_ns(ts);

    if (cur < 0 || ns < cur) {
        timer_mod_ns(ts, ns);
    }
}

bool timer_pending(QEMUTimer *ts)
{
    return timer_expire_time_ns(ts) >= 0;
}

bool timer_expired(QEMUTimer *ts, int64_t current_time)
{
    int64_t t = timer_expire_time_ns(ts);

    return t >= 0 && t <= scaled_to_ns(ts, current_time);
}

int64_t timer_expire_time_ns(QEMUTimer *ts)
{
    int64_t t;

    g_mutex_lock(&timers.lock);
    t = ts->expire_time;
    g_mutex_unlock(&timers.lock);
    return t;
}

/*
 * Run the timers of one list due at `now`.  The lock is dropped around
 * each callback (it may arm timers); `now` is fixed so that a periodic
 * timer catching up cannot keep the loop going forever.
 */
static bool run_timers(QEMUClockType type, int64_t now)
{
    bool ran = false;

    for (;;) {
        QEMUTimer *ts;

        g_mutex_lock(&timers.lock);
        ts = timers.active[type];
        if (!ts || ts->expire_time > now) {
            g_mutex_unlock(&timers.lock);
            break;
        }
        timers.active[type] = ts->next;
        ts->next = NULL;
        ts->expire_time = -1;
        g_mutex_unlock(&timers.lock);
        ts->cb(ts->opaque);
        ran = true;
    }
    return ran;
}

bool qemu_clock_run_all_timers(void)
{
    bool ran = false;
    QEMUClockType type;

    timers_init_once();
    for (type = QEMU_CLOCK_REALTIME; type <= QEMU_CLOCK_HOST; type++) {
        ran |= run_timers(type, qemu_clock_get_ns(type));
    }
    g_mutex_lock(&timers.lock);
    rearm_locked();
    g_mutex_unlock(&timers.lock);
    return ran;
}

void qemu_clock_set_manual(bool on)
{
    timers_init_once();
    g_mutex_lock(&timers.lock);
    timers.manual = on;
    set_ticking_locked();
    rearm_locked();
    g_mutex_unlock(&timers.lock);
}

int64_t qemu_clock_step(int64_t ns)
{
    int64_t target;

    timers_init_once();
    g_mutex_lock(&timers.lock);
    if (!timers.manual) {
        target = clock_now_locked(QEMU_CLOCK_VIRTUAL);
        g_mutex_unlock(&timers.lock);
        return target;
    }
    target = timers.vm_frozen + MAX(ns, 0);
    for (;;) {
        QEMUTimer *ts = timers.active[QEMU_CLOCK_VIRTUAL];

        if (!ts || ts->expire_time > target) {
            break;
        }
        /* Let the clock read the timer's own expiry time while it runs. */
        timers.vm_frozen = MAX(timers.vm_frozen, ts->expire_time);
        g_mutex_unlock(&timers.lock);
        run_timers(QEMU_CLOCK_VIRTUAL, timers.vm_frozen);
        g_mutex_lock(&timers.lock);
    }
    timers.vm_frozen = target;
    g_mutex_unlock(&timers.lock);
    return target;
}
