/*
 * char-test.h: helpers shared by the chardev unit tests: a test frontend
 * that records what it receives, main loop pumping with deadlines, and
 * creating chardevs from -chardev strings.
 */
#ifndef TESTS_UNIT_CHAR_TEST_H
#define TESTS_UNIT_CHAR_TEST_H

#include "qemu/osdep.h"
#include <poll.h>
#include "qapi/error.h"
#include "qemu/option.h"
#include "chardev/char.h"
#include "monitor/monitor.h"

/* The test's scratch directory (set up by main()). */
extern char *tmpdir;

/* ---- a test frontend ---- */

typedef struct TestFe {
    CharBackend be;
    GString *rx;
    int can_read;               /* bytes accepted per call; 0: none */
    int events[CHR_EVENT_CLOSED + 1];
    GArray *event_log;          /* QEMUChrEvent, in order */
} TestFe;

static inline int fe_can_read(void *opaque)
{
    TestFe *fe = opaque;

    return fe->can_read;
}

static inline void fe_read(void *opaque, const uint8_t *buf, int size)
{
    TestFe *fe = opaque;

    g_assert_cmpint(size, <=, fe->can_read);
    g_string_append_len(fe->rx, (const char *)buf, size);
}

static inline void fe_event(void *opaque, QEMUChrEvent event)
{
    TestFe *fe = opaque;

    fe->events[event]++;
    g_array_append_val(fe->event_log, event);
}

static inline TestFe *fe_new(Chardev *chr)
{
    TestFe *fe = g_new0(TestFe, 1);
    Error *err = NULL;

    fe->rx = g_string_new(NULL);
    fe->can_read = 4096;
    fe->event_log = g_array_new(FALSE, FALSE, sizeof(QEMUChrEvent));
    g_assert_true(qemu_chr_fe_init(&fe->be, chr, &err));
    g_assert_null(err);
    qemu_chr_fe_set_handlers(&fe->be, fe_can_read, fe_read, fe_event, fe,
                             NULL, true);
    return fe;
}

static inline void fe_free(TestFe *fe)
{
    qemu_chr_fe_deinit(&fe->be, false);
    g_string_free(fe->rx, TRUE);
    g_array_free(fe->event_log, TRUE);
    g_free(fe);
}

/* ---- helpers ---- */

static inline void run_loop(int iterations)
{
    for (int i = 0; i < iterations; i++) {
        g_main_context_iteration(NULL, FALSE);
    }
}

/* Iterate until cond holds (true) or about five seconds pass (false). */
static inline bool run_until(bool (*cond)(void *), void *opaque)
{
    gint64 end = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;

    while (!cond(opaque)) {
        if (g_get_monotonic_time() > end) {
            return false;
        }
        if (!g_main_context_iteration(NULL, FALSE)) {
            g_usleep(1000);
        }
    }
    return true;
}

typedef struct RxWait {
    TestFe *fe;
    size_t len;
} RxWait;

static inline bool rx_reached(void *opaque)
{
    RxWait *w = opaque;

    return w->fe->rx->len >= w->len;
}

static inline void wait_rx(TestFe *fe, size_t len)
{
    RxWait w = { fe, len };

    g_assert_true(run_until(rx_reached, &w));
}

typedef struct EventWait {
    TestFe *fe;
    QEMUChrEvent event;
    int count;
} EventWait;

static inline bool event_reached(void *opaque)
{
    EventWait *w = opaque;

    return w->fe->events[w->event] >= w->count;
}

static inline void wait_event(TestFe *fe, QEMUChrEvent event, int count)
{
    EventWait w = { fe, event, count };

    g_assert_true(run_until(event_reached, &w));
}

static inline Chardev *chr_new(const char *optstr)
{
    Error *err = NULL;
    QemuOpts *opts = qemu_opts_parse(qemu_find_opts("chardev"), optstr, true,
                                     &err);
    Chardev *chr;

    g_assert_null(err);
    chr = qemu_chr_new_from_opts(opts, NULL, &err);
    if (err) {
        g_printerr("%s: %s\n", optstr, error_get_pretty(err));
    }
    g_assert_null(err);
    g_assert_nonnull(chr);
    qemu_opts_del(opts);
    return chr;
}

static inline void chr_del(Chardev *chr)
{
    object_unparent(OBJECT(chr));
}

static inline void assert_chr_error(const char *optstr, const char *expected)
{
    Error *err = NULL;
    QemuOpts *opts = qemu_opts_parse(qemu_find_opts("chardev"), optstr, true,
                                     &err);
    Chardev *chr;

    g_assert_null(err);
    chr = qemu_chr_new_from_opts(opts, NULL, &err);
    g_assert_null(chr);
    g_assert_nonnull(err);
    g_assert_cmpstr(error_get_pretty(err), ==, expected);
    error_free(err);
    qemu_opts_del(opts);
}

static inline char *tmp_path(const char *name)
{
    return g_build_filename(tmpdir, name, NULL);
}

static inline char *read_file(const char *path)
{
    char *contents = NULL;

    g_assert_true(g_file_get_contents(path, &contents, NULL, NULL));
    return contents;
}

/* Read what is available on fd within ~timeout_ms into out. */
static inline void fd_read_some(int fd, GString *out, int timeout_ms)
{
    struct pollfd pfd = { .fd = fd, .events = POLLIN };
    char buf[4096];

    while (poll(&pfd, 1, timeout_ms) > 0) {
        ssize_t n = read(fd, buf, sizeof(buf));

        if (n <= 0) {
            break;
        }
        g_string_append_len(out, buf, n);
        timeout_ms = 50;
    }
}

/* Read from fd, running the main loop, until out has len bytes. */
static inline void fd_read_until(int fd, GString *out, size_t len)
{
    gint64 end = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;

    while (out->len < len && g_get_monotonic_time() < end) {
        run_loop(5);
        fd_read_some(fd, out, 10);
    }
    g_assert_cmpuint(out->len, >=, len);
}

static inline void fe_write_str(TestFe *fe, const char *s)
{
    g_assert_cmpint(qemu_chr_fe_write_all(&fe->be, (const uint8_t *)s,
                                          strlen(s)), ==, strlen(s));
}

/* Run a QMP command; args (a new reference, or NULL) is consumed. */
static inline json_t *qmp(const char *cmd, json_t *args, Error **errp)
{
    json_t *ret;

    if (!args) {
        args = json_object();
    }
    ret = qmp_call(cmd, args, errp);
    json_decref(args);
    return ret;
}


#endif
