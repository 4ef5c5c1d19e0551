/*
 * timer.h: clocks and timers for device models.
 *
 * Concepts
 * - Clocks (nanoseconds):
 *   QEMU_CLOCK_REALTIME  host monotonic time; runs always (monitors, UI).
 *   QEMU_CLOCK_VIRTUAL   guest time: starts at 0 and runs only while the VM
 *                        is running (it stops on "stop", on -S, while paused
 *                        for reset or snapshots).  Device timers (PIT, APIC
 *                        timer, HPET, RTC periodic interrupt) use it, so a
 *                        paused guest sees no time pass.
 *   QEMU_CLOCK_HOST      host wall-clock time (ns since the epoch); the RTC
 *                        with -rtc clock=host follows it.
 *   QEMU_CLOCK_VIRTUAL_RT same as VIRTUAL here (no instruction counting).
 * - A QEMUTimer calls cb(opaque) once its clock reaches the expiry time.
 *   Timers fire in the main loop with the big lock held, in expiry order;
 *   a callback may re-arm its own timer.  timer_mod()/timer_del() may be
 *   called from any thread (a vCPU thread in device dispatch): the timer
 *   lists have their own lock and the main loop's poll is woken through a
 *   timerfd armed to the nearest deadline (nanosecond precision).
 * - Tests (and a future record/replay mode) can take the virtual clock in
 *   hand: qemu_clock_set_manual(true) freezes it, qemu_clock_step() moves it
 *   forward and runs each due timer at its own expiry time, as if the time
 *   had passed.
 */
#ifndef QEMU_TIMER_H
#define QEMU_TIMER_H

#include "qemu/osdep.h"

#define NANOSECONDS_PER_SECOND 1000000000LL
#define SCALE_MS 1000000
#define SCALE_US 1000
#define SCALE_NS 1

typedef enum QEMUClockType {
    QEMU_CLOCK_REALTIME = 0,
    QEMU_CLOCK_VIRTUAL = 1,
    QEMU_CLOCK_HOST = 2,
    QEMU_CLOCK_VIRTUAL_RT = 3,
    QEMU_CLOCK_MAX
} QEMUClockType;

typedef struct QEMUTimer QEMUTimer;
typedef void QEMUTimerCB(void *opaque);

/* The clock's current time in ns (ms, us). */
int64_t qemu_clock_get_ns(QEMUClockType type);
static inline int64_t qemu_clock_get_ms(QEMUClockType type)
{
    return qemu_clock_get_ns(type) / SCALE_MS;
}
static inline int64_t qemu_clock_get_us(QEMUClockType type)
{
    return qemu_clock_get_ns(type) / SCALE_US;
}

/*
 * A new timer on clock type whose expiry times are given in units of
 * `scale` ns (SCALE_NS, SCALE_US, SCALE_MS).  Not armed.  Free with
 * timer_free().
 */
QEMUTimer *timer_new(QEMUClockType type, int scale, QEMUTimerCB *cb,
                     void *opaque);
static inline QEMUTimer *timer_new_ns(QEMUClockType type, QEMUTimerCB *cb,
                                      void *opaque)
{
    return timer_new(type, SCALE_NS, cb, opaque);
}
static inline QEMUTimer *timer_new_us(QEMUClockType type, QEMUTimerCB *cb,
                                      void *opaque)
{
    return timer_new(type, SCALE_US, cb, opaque);
}
static inline QEMUTimer *timer_new_ms(QEMUClockType type, QEMUTimerCB *cb,
                                      void *opaque)
{
    return timer_new(type, SCALE_MS, cb, opaque);
}
/* Disarm and free (NULL is ignored). */
void timer_free(QEMUTimer *ts);
/* Arm (or move) the timer to expire at expire_time (timer's scale); a time
 * already past fires at the next dispatch. */
void timer_mod(QEMUTimer *ts, int64_t expire_time);
void timer_mod_ns(QEMUTimer *ts, int64_t expire_time_ns);
/* Arm only if that makes it expire earlier (or it was not armed). */
void timer_mod_anticipate(QEMUTimer *ts, int64_t expire_time);
void timer_del(QEMUTimer *ts);
bool timer_pending(QEMUTimer *ts);
/* Would the timer have fired at current_time (timer's scale)? */
bool timer_expired(QEMUTimer *ts, int64_t current_time);
/* Expiry time in ns, or -1 when not armed. */
int64_t timer_expire_time_ns(QEMUTimer *ts);

/*
 * Run the timers that are due on every clock (the main loop does this
 * through its timer source).  Returns true if any ran.
 */
bool qemu_clock_run_all_timers(void);

/* ---- test control of the virtual clock ---- */

/*
 * on: the virtual clock stops following the host and the VM state; only
 * qemu_clock_step() moves it.  off: it resumes from its current value
 * (running if the VM runs).
 */
void qemu_clock_set_manual(bool on);
/*
 * Advance the (manual) virtual clock by ns, running each virtual timer
 * that falls due at its expiry time, in order (a timer re-armed by its
 * callback inside the window runs again).  Returns the new clock value.
 */
int64_t qemu_clock_step(int64_t ns);

/* a * b / c with a 128-bit intermediate (tick/ns conversions). */
static inline uint64_t muldiv64(uint64_t a, uint32_t b, uint32_t c)
{
    return (uint64_t)(((unsigned __int128)a * b) / c);
}

#endif
