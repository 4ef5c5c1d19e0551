/*
 * test-timer.c: the clocks and timers of include/qemu/timer.h: the
 * virtual clock stops with the VM and can be stepped by hand (timers then
 * fire in order, each at its own expiry time, re-arming allowed), the
 * timer calls (mod, anticipate, del, pending, expired), and the main
 * loop's dispatch, including a timer armed from another thread while the
 * main loop sleeps in poll().
 */
#include "qemu/osdep.h"
#include "qemu/timer.h"
#include "qemu/main-loop.h"
#include "sysemu/runstate.h"

static GString *fired;

typedef struct Probe {
    const char *name;
    QEMUTimer *timer;
    int64_t seen_at;            /* the virtual clock inside the callback */
    int64_t period;             /* re-arm by this much, 0: one-shot */
    int count;
    int limit;
} Probe;

static void probe_cb(void *opaque)
{
    Probe *p = opaque;

    p->seen_at = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    p->count++;
    g_string_append_printf(fired, "%s@%" PRId64 " ", p->name, p->seen_at);
    if (p->period && p->count < p->limit) {
        timer_mod_ns(p->timer, p->seen_at + p->period);
    }
}

static char *take_fired(void)
{
    char *s = g_strdup(g_strchomp(fired->str));

    g_string_truncate(fired, 0);
    return s;
}

static void assert_fired(const char *expected)
{
    char *got = take_fired();

    g_assert_cmpstr(got, ==, expected);
    g_free(got);
}

/* Stepping: order, the clock inside callbacks, re-arming in the window
 * (the end of the window is included). */
static void test_manual_step(void)
{
    Probe a = { "a" }, b = { "b" }, c = { "c", .period = 10, .limit = 3 };
    int64_t t0;

    qemu_clock_set_manual(true);
    t0 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    a.timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, probe_cb, &a);
    b.timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, probe_cb, &b);
    c.timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, probe_cb, &c);
    timer_mod_ns(a.timer, t0 + 30);
    timer_mod_ns(b.timer, t0 + 10);
    timer_mod_ns(c.timer, t0 + 15);
    g_assert_cmpint(qemu_clock_step(25), ==, t0 + 25);
    {
        char *exp = g_strdup_printf("b@%" PRId64 " c@%" PRId64
                                    " c@%" PRId64, t0 + 10, t0 + 15,
                                    t0 + 25);
        assert_fired(exp);
        g_free(exp);
    }
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL), ==, t0 + 25);
    qemu_clock_step(100);
    {
        char *exp = g_strdup_printf("a@%" PRId64 " c@%" PRId64,
                                    t0 + 30, t0 + 35);
        assert_fired(exp);
        g_free(exp);
    }
    g_assert_cmpint(c.count, ==, 3);
    g_assert_false(timer_pending(c.timer));
    timer_free(a.timer);
    timer_free(b.timer);
    timer_free(c.timer);
}

/* timer_mod / anticipate / del / pending / expired, in scaled units. */
static void test_timer_calls(void)
{
    Probe a = { "a" };
    int64_t now;

    qemu_clock_set_manual(true);
    now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    a.timer = timer_new_us(QEMU_CLOCK_VIRTUAL, probe_cb, &a);
    g_assert_false(timer_pending(a.timer));
    g_assert_cmpint(timer_expire_time_ns(a.timer), ==, -1);
    timer_mod(a.timer, now / 1000 + 50);
    g_assert_true(timer_pending(a.timer));
    g_assert_cmpint(timer_expire_time_ns(a.timer), ==, (now / 1000 + 50) * 1000);
    timer_mod_anticipate(a.timer, now / 1000 + 80);
    g_assert_cmpint(timer_expire_time_ns(a.timer), ==, (now / 1000 + 50) * 1000);
    timer_mod_anticipate(a.timer, now / 1000 + 20);
    g_assert_cmpint(timer_expire_time_ns(a.timer), ==, (now / 1000 + 20) * 1000);
    g_assert_false(timer_expired(a.timer, now / 1000 + 19));
    g_assert_true(timer_expired(a.timer, now / 1000 + 20));
    timer_del(a.timer);
    g_assert_false(timer_pending(a.timer));
    qemu_clock_step(1000000);
    g_assert_cmpint(a.count, ==, 0);
    /* A time already past fires at the next step. */
    timer_mod(a.timer, 0);
    qemu_clock_step(0);
    g_assert_cmpint(a.count, ==, 1);
    take_fired();
    timer_free(a.timer);
    timer_free(NULL);
}

/* The virtual clock runs only while the VM runs. */
static void test_virtual_clock_follows_vm(void)
{
    int64_t v0, v1, rt0;

    qemu_clock_set_manual(false);
    v0 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    g_usleep(20000);
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL), ==, v0);
    vm_start();
    rt0 = qemu_clock_get_ns(QEMU_CLOCK_REALTIME);
    g_usleep(20000);
    v1 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    g_assert_cmpint(v1 - v0, >=, 20000000);
    g_assert_cmpint(v1 - v0, <=,
                    qemu_clock_get_ns(QEMU_CLOCK_REALTIME) - rt0 + 1000000);
    vm_stop(RUN_STATE_PAUSED);
    v1 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    g_usleep(20000);
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL), ==, v1);
    /* The host clock is the wall clock. */
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_HOST) / 1000 -
                    g_get_real_time(), <, 1000000);
}

/* The main loop runs a realtime timer at (not before) its deadline. */
static void test_main_loop_dispatch(void)
{
    Probe a = { "a" };
    int64_t deadline;

    a.timer = timer_new_ns(QEMU_CLOCK_REALTIME, probe_cb, &a);
    deadline = qemu_clock_get_ns(QEMU_CLOCK_REALTIME) + 5 * SCALE_MS;
    timer_mod_ns(a.timer, deadline);
    while (!a.count) {
        main_loop_wait(false);
    }
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_REALTIME), >=, deadline);
    take_fired();
    timer_free(a.timer);
}

static gpointer arm_later(gpointer opaque)
{
    Probe *p = opaque;

    g_usleep(10000);
    timer_mod_ns(p->timer, qemu_clock_get_ns(QEMU_CLOCK_REALTIME) + SCALE_MS);
    return NULL;
}

/* A timer armed by another thread wakes the main loop out of poll(). */
static void test_arm_from_other_thread(void)
{
    Probe a = { "a" };
    GThread *t;
    int64_t start = qemu_clock_get_ns(QEMU_CLOCK_REALTIME);

    a.timer = timer_new_ns(QEMU_CLOCK_REALTIME, probe_cb, &a);
    t = g_thread_new("arm", arm_later, &a);
    while (!a.count) {
        main_loop_wait(false);
    }
    g_thread_join(t);
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_REALTIME) - start, <,
                    2 * NANOSECONDS_PER_SECOND);
    take_fired();
    timer_free(a.timer);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qemu_init_main_loop();
    fired = g_string_new(NULL);

    g_test_add_func("/timer/manual-step", test_manual_step);
    g_test_add_func("/timer/calls", test_timer_calls);
    g_test_add_func("/timer/virtual-clock-follows-vm",
                    test_virtual_clock_follows_vm);
    g_test_add_func("/timer/main-loop-dispatch", test_main_loop_dispatch);
    g_test_add_func("/timer/arm-from-other-thread",
                    test_arm_from_other_thread);
    return g_test_run();
}
