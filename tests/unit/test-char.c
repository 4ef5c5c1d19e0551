/*
 * test-char.c: chardev backends (null, file, pipe, ringbuf, pty), the
 * frontend API, the mux and its escape commands, the legacy shorthands,
 * option errors and the QMP commands.  Sockets: test-char-socket.c.
 */
#include "qemu/osdep.h"
#include <sys/socket.h>
#include <fcntl.h>
#include "char-test.h"

char *tmpdir;

/* ---- null, file, pipe, ringbuf ---- */

static void test_null(void)
{
    Chardev *chr = chr_new("null,id=n1");
    TestFe *fe = fe_new(chr);

    g_assert_cmpstr(chr->filename, ==, "null");
    g_assert_cmpstr(qemu_chr_backend_name(chr), ==, "null");
    g_assert_true(qemu_chr_find("n1") == chr);
    g_assert_cmpint(qemu_chr_fe_write(&fe->be, (const uint8_t *)"abc", 3),
                    ==, 3);
    /* A null chardev never reports an open peer. */
    g_assert_false(qemu_chr_fe_backend_open(&fe->be));
    g_assert_cmpint(fe->events[CHR_EVENT_OPENED], ==, 0);
    fe_free(fe);
    chr_del(chr);
    g_assert_null(qemu_chr_find("n1"));
}

static void test_file_write_and_append(void)
{
    g_autofree char *path = tmp_path("file.out");
    g_autofree char *opt = NULL;
    g_autofree char *c1 = NULL;
    g_autofree char *c2 = NULL;
    g_autofree char *c3 = NULL;
    Chardev *chr;
    TestFe *fe;

    g_file_set_contents(path, "old", -1, NULL);
    opt = g_strdup_printf("file,id=f1,path=%s", path);
    chr = chr_new(opt);
    g_assert_cmpstr(chr->filename, ==, "file");
    fe = fe_new(chr);
    g_assert_true(qemu_chr_fe_backend_open(&fe->be));
    g_assert_cmpint(fe->events[CHR_EVENT_OPENED], ==, 1);
    fe_write_str(fe, "hello\n");
    fe_free(fe);
    chr_del(chr);
    c1 = read_file(path);
    g_assert_cmpstr(c1, ==, "hello\n");       /* truncated first */

    g_free(opt);
    opt = g_strdup_printf("file,id=f2,path=%s,append=on", path);
    chr = chr_new(opt);
    fe = fe_new(chr);
    fe_write_str(fe, "more\n");
    fe_free(fe);
    chr_del(chr);
    c2 = read_file(path);
    g_assert_cmpstr(c2, ==, "hello\nmore\n");

    /* Without a frontend, writes through the chardev still land. */
    g_free(opt);
    opt = g_strdup_printf("file,id=f3,path=%s", path);
    chr = chr_new(opt);
    g_assert_cmpint(qemu_chr_write(chr, (const uint8_t *)"x", 1, true), ==,
                    1);
    chr_del(chr);
    c3 = read_file(path);
    g_assert_cmpstr(c3, ==, "x");
}

static void test_logfile(void)
{
    g_autofree char *log = tmp_path("chr.log");
    g_autofree char *opt = NULL;
    g_autofree char *c1 = NULL;
    g_autofree char *c2 = NULL;
    Chardev *chr;
    TestFe *fe;

    opt = g_strdup_printf("null,id=l1,logfile=%s", log);
    chr = chr_new(opt);
    fe = fe_new(chr);
    fe_write_str(fe, "logged");
    fe_free(fe);
    chr_del(chr);
    c1 = read_file(log);
    g_assert_cmpstr(c1, ==, "logged");

    g_free(opt);
    opt = g_strdup_printf("ringbuf,id=l2,logfile=%s,logappend=on", log);
    chr = chr_new(opt);
    g_assert_cmpint(qemu_chr_write(chr, (const uint8_t *)"+1", 2, false),
                    ==, 2);
    chr_del(chr);
    c2 = read_file(log);
    g_assert_cmpstr(c2, ==, "logged+1");
}

static void test_pipe(void)
{
    g_autofree char *base = tmp_path("pipe");
    g_autofree char *in = g_strdup_printf("%s.in", base);
    g_autofree char *out = g_strdup_printf("%s.out", base);
    g_autofree char *single = tmp_path("fifo");
    g_autofree char *opt = NULL;
    GString *got = g_string_new(NULL);
    int fd_in, fd_out, fd;
    Chardev *chr;
    TestFe *fe;

    /* path.in / path.out */
    g_assert_cmpint(mkfifo(in, 0600), ==, 0);
    g_assert_cmpint(mkfifo(out, 0600), ==, 0);
    opt = g_strdup_printf("pipe,id=p1,path=%s", base);
    chr = chr_new(opt);
    g_assert_cmpstr(chr->filename, ==, "pipe");
    fe = fe_new(chr);
    fd_in = open(in, O_WRONLY | O_NONBLOCK);
    fd_out = open(out, O_RDONLY | O_NONBLOCK);
    g_assert_cmpint(fd_in, >=, 0);
    g_assert_cmpint(fd_out, >=, 0);
    fe_write_str(fe, "to-host");
    fd_read_some(fd_out, got, 1000);
    g_assert_cmpstr(got->str, ==, "to-host");
    g_assert_cmpint(write(fd_in, "to-guest", 8), ==, 8);
    wait_rx(fe, 8);
    g_assert_cmpstr(fe->rx->str, ==, "to-guest");
    fe_free(fe);
    chr_del(chr);
    close(fd_in);
    close(fd_out);

    /* one fifo both ways: what we write comes back */
    g_assert_cmpint(mkfifo(single, 0600), ==, 0);
    g_free(opt);
    opt = g_strdup_printf("pipe,id=p2,path=%s", single);
    chr = chr_new(opt);
    fe = fe_new(chr);
    fd = open(single, O_WRONLY | O_NONBLOCK);
    g_assert_cmpint(write(fd, "loop", 4), ==, 4);
    wait_rx(fe, 4);
    g_assert_cmpstr(fe->rx->str, ==, "loop");
    close(fd);
    fe_free(fe);
    chr_del(chr);
    g_string_free(got, TRUE);
}

static void test_ringbuf(void)
{
    Chardev *chr = chr_new("ringbuf,id=r1,size=4");
    Chardev *mem = chr_new("memory,id=m1");
    Error *err = NULL;
    json_t *ret;

    g_assert_cmpstr(chr->filename, ==, "ringbuf");
    g_assert_cmpstr(mem->filename, ==, "memory");
    /* The oldest bytes go when the ring is full. */
    g_assert_cmpint(qemu_chr_write(chr, (const uint8_t *)"abcdef", 6, true),
                    ==, 6);
    ret = qmp("ringbuf-read", json_pack("{s:s, s:i}", "device", "r1",
                                        "size", 10), &err);
    g_assert_null(err);
    g_assert_cmpstr(json_string_value(ret), ==, "cdef");
    json_decref(ret);

    ret = qmp("ringbuf-write", json_pack("{s:s, s:s, s:s}", "device", "m1",
                                         "data", "YWJj", "format", "base64"),
              &err);
    g_assert_null(err);
    json_decref(ret);
    ret = qmp("ringbuf-read", json_pack("{s:s, s:i, s:s}", "device", "m1",
                                        "size", 2, "format", "base64"), &err);
    g_assert_cmpstr(json_string_value(ret), ==, "YWI=");
    json_decref(ret);

    /* Invalid UTF-8 comes out as U+FFFD. */
    g_assert_cmpint(qemu_chr_write(mem, (const uint8_t *)"a\xc3", 2, true),
                    ==, 2);
    ret = qmp("ringbuf-read", json_pack("{s:s, s:i}", "device", "m1",
                                        "size", 10), &err);
    g_assert_cmpstr(json_string_value(ret), ==, "ca\xef\xbf\xbd");
    json_decref(ret);

    g_assert_null(qmp("ringbuf-read", json_pack("{s:s, s:i}", "device",
                                                "m1", "size", 0), &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "size must be greater than zero");
    g_clear_pointer(&err, error_free);
    g_assert_null(qmp("ringbuf-read", json_pack("{s:s, s:i}", "device",
                                                "zz", "size", 1), &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Device 'zz' not found");
    g_clear_pointer(&err, error_free);
    g_assert_null(qmp("ringbuf-write", json_pack("{s:s, s:s, s:s}",
                  "device", "m1", "data", "YW*j", "format", "base64"), &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Base64 data contains invalid characters");
    g_clear_pointer(&err, error_free);

    chr_del(chr);
    chr_del(mem);
    assert_chr_error("ringbuf,id=r2,size=3",
                     "size of ringbuf chardev must be power of two");
}

static void test_pty(void)
{
    Chardev *chr = chr_new("pty,id=pt");
    TestFe *fe = fe_new(chr);
    const char *name;
    GString *got = g_string_new(NULL);
    int slave;

    g_assert_true(g_str_has_prefix(chr->filename, "pty:/dev/pts/"));
    name = chr->filename + 4;
    /* Nobody on the other side: output is dropped, not queued. */
    g_assert_cmpint(qemu_chr_fe_write(&fe->be, (const uint8_t *)"lost", 4),
                    ==, 4);
    g_assert_cmpint(fe->events[CHR_EVENT_OPENED], ==, 0);
    slave = open(name, O_RDWR | O_NOCTTY | O_NONBLOCK);
    g_assert_cmpint(slave, >=, 0);
    wait_event(fe, CHR_EVENT_OPENED, 1);
    fe_write_str(fe, "seen");
    fd_read_until(slave, got, 4);
    g_assert_cmpstr(got->str, ==, "seen");
    g_assert_cmpint(write(slave, "typed", 5), ==, 5);
    wait_rx(fe, 5);
    g_assert_cmpstr(fe->rx->str, ==, "typed");
    close(slave);
    wait_event(fe, CHR_EVENT_CLOSED, 1);
    g_string_free(got, TRUE);
    fe_free(fe);
    chr_del(chr);
}

/* ---- mux ---- */

static void test_mux(void)
{
    int sv[2];
    g_autofree char *opt = NULL;
    GString *out = g_string_new(NULL);
    Chardev *mux;
    TestFe *f1, *f2;
    int old_esc = term_escape_char;

    g_assert_cmpint(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), ==, 0);
    opt = g_strdup_printf("socket,id=mx,fd=%d,mux=on", sv[0]);
    mux = chr_new(opt);
    g_assert_cmpstr(mux->filename, ==, "mux");
    g_assert_nonnull(qemu_chr_find("mx-base"));

    f1 = fe_new(mux);
    f2 = fe_new(mux);
    /* Opened when the machine is done; the last frontend has the focus. */
    g_assert_cmpint(f1->events[CHR_EVENT_OPENED], ==, 0);
    qemu_chr_machine_done();
    g_assert_cmpint(f1->events[CHR_EVENT_OPENED], >=, 1);
    g_assert_cmpint(f2->events[CHR_EVENT_OPENED], >=, 1);
    g_assert_cmpint(f2->events[CHR_EVENT_MUX_IN], ==, 1);
    g_assert_cmpint(f1->events[CHR_EVENT_MUX_OUT], ==, 1);
    g_assert_true(qemu_chr_fe_backend_open(&f1->be));
    g_assert_true(qemu_chr_find("mx-base")->be->fe_open);

    /* Both frontends write to the one base. */
    fe_write_str(f1, "one,");
    fe_write_str(f2, "two");
    fd_read_until(sv[1], out, 7);
    g_assert_cmpstr(out->str, ==, "one,two");

    g_assert_cmpint(write(sv[1], "abc", 3), ==, 3);
    wait_rx(f2, 3);
    g_assert_cmpstr(f2->rx->str, ==, "abc");

    /* Ctrl-A c: the focus moves to the next frontend. */
    g_assert_cmpint(write(sv[1], "\x01" "cxyz", 5), ==, 5);
    wait_rx(f1, 3);
    g_assert_cmpstr(f1->rx->str, ==, "xyz");
    g_assert_cmpstr(f2->rx->str, ==, "abc");
    g_assert_cmpint(f2->events[CHR_EVENT_MUX_OUT], ==, 1);
    g_assert_cmpint(f1->events[CHR_EVENT_MUX_IN], ==, 2);

    /* Ctrl-A Ctrl-A sends Ctrl-A; Ctrl-A b a break. */
    g_assert_cmpint(write(sv[1], "\x01\x01\x01" "b", 4), ==, 4);
    wait_rx(f1, 4);
    g_assert_cmpmem(f1->rx->str + 3, 1, "\x01", 1);
    wait_event(f1, CHR_EVENT_BREAK, 1);
    g_assert_cmpint(f2->events[CHR_EVENT_BREAK], ==, 0);

    /* Ctrl-A h: the help, as QEMU prints it. */
    g_string_truncate(out, 0);
    g_assert_cmpint(write(sv[1], "\x01h", 2), ==, 2);
    fd_read_until(sv[1], out, 30);
    fd_read_some(sv[1], out, 100);
    g_assert_cmpstr(out->str, ==,
                    "\n\r"
                    "C-a h    print this help\n\r"
                    "C-a x    exit emulator\n\r"
                    "C-a s    save disk data back to file (if -snapshot)\n\r"
                    "C-a t    toggle console timestamps\n\r"
                    "C-a b    send break (magic sysrq)\n\r"
                    "C-a c    switch between console and monitor\n\r"
                    "C-a C-a  sends C-a\n\r");

    /* Ctrl-A t: timestamps at the start of each following line. */
    g_assert_cmpint(write(sv[1], "\x01t", 2), ==, 2);
    run_loop(10);
    g_string_truncate(out, 0);
    fe_write_str(f1, "first\nsecond\n");
    fd_read_until(sv[1], out, 28);
    g_assert_true(g_regex_match_simple(
        "^first\n\\[00:00:00\\.\\d\\d\\d\\] second\n$", out->str, 0, 0));
    g_assert_cmpint(write(sv[1], "\x01t", 2), ==, 2);
    run_loop(10);

    /* Another escape character (-echr 0x14): the help says so. */
    term_escape_char = 0x14;
    g_string_truncate(out, 0);
    g_assert_cmpint(write(sv[1], "\x14?", 2), ==, 2);
    fd_read_until(sv[1], out, 20);
    g_assert_true(g_str_has_prefix(out->str,
                                   "\n\rC-t h    print this help\n\r"));
    fd_read_some(sv[1], out, 100);
    term_escape_char = old_esc;

    /* Ctrl-A x: "QEMU: Terminated" (then a shutdown request). */
    g_string_truncate(out, 0);
    g_assert_cmpint(write(sv[1], "\x01x", 2), ==, 2);
    fd_read_until(sv[1], out, 18);
    g_assert_cmpstr(out->str, ==, "QEMU: Terminated\n\r");

    /* The base is busy while the mux uses it; the mux while in use. */
    {
        Error *err = NULL;

        g_assert_false(qemu_chr_delete("mx", &err));
        g_assert_cmpstr(error_get_pretty(err), ==, "Chardev 'mx' is busy");
        g_clear_pointer(&err, error_free);
        g_assert_false(qemu_chr_delete("mx-base", &err));
        g_clear_pointer(&err, error_free);
    }
    close(sv[1]);
    fe_free(f1);
    fe_free(f2);
    g_assert_true(qemu_chr_delete("mx", &error_abort));
    g_assert_true(qemu_chr_delete("mx-base", &error_abort));
    g_string_free(out, TRUE);
}

static void test_mux_limit(void)
{
    Chardev *mux = chr_new("null,id=ml,mux=on");
    TestFe *fes[4];
    CharBackend extra = { 0 };
    Error *err = NULL;

    for (int i = 0; i < 4; i++) {
        fes[i] = fe_new(mux);
    }
    g_assert_false(qemu_chr_fe_init(&extra, mux, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Device 'ml' is in use");
    error_free(err);
    for (int i = 0; i < 4; i++) {
        fe_free(fes[i]);
    }
    chr_del(mux);
    chr_del(qemu_chr_find("ml-base"));
}

static void test_frontend_in_use(void)
{
    Chardev *chr = chr_new("null,id=busy");
    TestFe *fe = fe_new(chr);
    CharBackend other = { 0 };
    Error *err = NULL;

    g_assert_false(qemu_chr_fe_init(&other, chr, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Device 'busy' is in use");
    g_clear_pointer(&err, error_free);
    g_assert_false(qemu_chr_delete("busy", &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Chardev 'busy' is busy");
    g_clear_pointer(&err, error_free);
    fe_free(fe);
    g_assert_true(qemu_chr_delete("busy", &error_abort));
    g_assert_false(qemu_chr_delete("busy", &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Chardev 'busy' not found");
    error_free(err);
}

/* ---- the legacy shorthands ---- */

typedef struct CompatCase {
    const char *str;
    const char *expect;         /* "k=v,k=v" in any order of keys listed */
} CompatCase;

static void check_compat(const char *str, const char *expect)
{
    Error *err = NULL;
    QemuOpts *opts = qemu_chr_parse_compat("compat0", str, true, &err);
    g_auto(GStrv) pairs = g_strsplit(expect, " ", -1);

    if (!opts) {
        g_printerr("%s: %s\n", str, err ? error_get_pretty(err) : "NULL");
    }
    g_assert_nonnull(opts);
    g_assert_cmpstr(qemu_opts_id(opts), ==, "compat0");
    for (int i = 0; pairs[i]; i++) {
        char *eq = strchr(pairs[i], '=');

        *eq = 0;
        if (g_strcmp0(qemu_opt_get(opts, pairs[i]), eq + 1)) {
            g_printerr("%s: %s is '%s', expected '%s'\n", str, pairs[i],
                       qemu_opt_get(opts, pairs[i]), eq + 1);
        }
        g_assert_cmpstr(qemu_opt_get(opts, pairs[i]), ==, eq + 1);
    }
    qemu_opts_del(opts);
}

static void test_compat_forms(void)
{
    static const CompatCase cases[] = {
        { "stdio", "backend=stdio" },
        { "null", "backend=null" },
        { "pty", "backend=pty" },
        { "msmouse", "backend=msmouse" },
        { "vc", "backend=vc" },
        { "vc:800x600", "backend=vc width=800 height=600" },
        { "vc:80Cx24C", "backend=vc cols=80 rows=24" },
        { "con:", "backend=console" },
        { "COM1", "backend=serial path=COM1" },
        { "file:/tmp/x.log", "backend=file path=/tmp/x.log" },
        { "pipe:/tmp/fifo", "backend=pipe path=/tmp/fifo" },
        { "tcp::4444,server=on,wait=off",
          "backend=socket host= port=4444 server=on wait=off" },
        { "tcp:localhost:4444,server,nowait",
          "backend=socket host=localhost port=4444 server=on wait=off" },
        { "tcp:127.0.0.1:99", "backend=socket host=127.0.0.1 port=99" },
        { "telnet::5555,server,nowait",
          "backend=socket host= port=5555 telnet=on server=on wait=off" },
        { "websocket::5556,server", "backend=socket port=5556 websocket=on" },
        { "udp::5000", "backend=udp host= port=5000" },
        { "udp:10.0.0.1:5000@:6000",
          "backend=udp host=10.0.0.1 port=5000 localaddr= localport=6000" },
        { "udp:h:1@l:2", "backend=udp host=h port=1 localaddr=l localport=2" },
        { "unix:/tmp/m.sock,server=on,wait=off",
          "backend=socket path=/tmp/m.sock server=on wait=off" },
        { "unix:/tmp/m.sock,server,nowait",
          "backend=socket path=/tmp/m.sock server=on wait=off" },
        { "unix:/tmp/m.sock", "backend=socket path=/tmp/m.sock" },
        { "/dev/ttyS0", "backend=serial path=/dev/ttyS0" },
        { "/dev/parport0", "backend=parallel path=/dev/parport0" },
        { "mon:stdio", "backend=stdio mux=on signal=off" },
        { "mon:tcp::4444,server=on,wait=off",
          "backend=socket mux=on port=4444 server=on" },
    };
    Error *err = NULL;

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        check_compat(cases[i].str, cases[i].expect);
    }

    /* Unknown: QEMU's message. */
    g_assert_null(qemu_chr_parse_compat("c1", "foo", true, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "'foo' is not a valid char driver");
    g_clear_pointer(&err, error_free);
    g_assert_null(qemu_chr_parse_compat("c1", "mon:foo", true, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "'foo' is not a valid char driver");
    g_clear_pointer(&err, error_free);
    g_assert_null(qemu_chr_parse_compat("c1", "mon:stdio", false, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "mon: isn't supported in this context");
    g_clear_pointer(&err, error_free);
    g_assert_null(qemu_chr_parse_compat("c1", "tcp::1,bogus=1", true, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Invalid parameter 'bogus'");
    g_clear_pointer(&err, error_free);

    /* Malformed tcp/udp/vc and "none": NULL without an error, as QEMU. */
    {
        static const char *const silent[] = {
            "tcp:", "tcp:abc", "telnet:", "udp:", "udp:1", "udp:h:1@",
            "vc:80x", "none",
        };
        for (size_t i = 0; i < G_N_ELEMENTS(silent); i++) {
            g_assert_null(qemu_chr_parse_compat("c1", silent[i], true, &err));
            g_assert_null(err);
        }
    }
    /* The failed attempts left no "c1" behind. */
    check_compat("null", "backend=null");
    g_assert_nonnull(qemu_chr_parse_compat("c1", "null", true, &err));
    qemu_opts_del(qemu_opts_find(qemu_find_opts("chardev"), "c1"));
}

static void test_compat_new(void)
{
    Error *err = NULL;
    Chardev *chr = qemu_chr_new("serial0", "null", NULL, &err);
    Chardev *again;

    g_assert_nonnull(chr);
    g_assert_cmpstr(chr->label, ==, "serial0");
    /* "chardev:ID" names an existing chardev. */
    again = qemu_chr_new("serial1", "chardev:serial0", NULL, &err);
    g_assert_true(again == chr);
    g_assert_null(qemu_chr_new("serial1", "chardev:nope", NULL, &err));
    g_assert_null(err);
    /* The options are not kept: the label can be used again later. */
    g_assert_null(qemu_opts_find(qemu_find_opts("chardev"), "serial0"));
    g_assert_null(qemu_chr_new("serial2", "file:", NULL, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Could not open '': No such file or directory");
    g_clear_pointer(&err, error_free);
    chr_del(chr);
}

/* ---- options and their errors ---- */

static void test_bad_options(void)
{
    static const struct {
        const char *opts;
        const char *error;
    } cases[] = {
        { "null", "chardev: no id specified" },
        { "id=a", "chardev: \"a\" missing backend" },
        { "foo,id=a", "'foo' is not a valid char driver name" },
        { "file,id=a", "chardev: file: no filename given" },
        { "file,id=a,path=/nonexistent/f",
          "Could not open '/nonexistent/f': No such file or directory" },
        { "pipe,id=a", "chardev: pipe: no device path given" },
        { "pipe,id=a,path=/nonexistent/p",
          "Could not open '/nonexistent/p': No such file or directory" },
        { "serial,id=a", "chardev: serial/tty: no device path given" },
        { "tty,id=a", "chardev: serial/tty: no device path given" },
        { "parallel,id=a", "chardev: parallel: no device path given" },
        { "parallel,id=a,path=/dev/null",
          "not a parallel port: Inappropriate ioctl for device" },
        { "udp,id=a", "chardev: udp: remote port not specified" },
        { "udp,id=a,port=4000,localport=abc",
          "address resolution failed for (null):abc: "
          "Servname not supported for ai_socktype" },
        { "mux,id=a", "chardev: mux: no chardev given" },
        { "mux,id=a,chardev=zz", "mux: base chardev zz not found" },
        { "null,id=a,logfile=/nonexistent/log",
          "Could not create '/nonexistent/log': No such file or directory" },
        { "socket,id=a", "Unable to parse FD number " },
        { "socket,id=a,fd=abc", "Unable to parse FD number abc" },
        { "socket,id=a,fd=999", "File descriptor '999' is not a socket" },
        { "socket,id=a,path=/tmp/x,host=h",
          "None or one of 'path', 'fd' or 'host' option required." },
        { "socket,id=a,host=localhost", "chardev: socket: no port given" },
        { "socket,id=a,host=127.0.0.1,port=1,delay=on,nodelay=on",
          "'delay' and 'nodelay' are mutually exclusive" },
        { "socket,id=a,path=/tmp/x,server=on,reconnect=1",
          "'reconnect' option is incompatible with socket in server "
          "listen mode" },
        { "socket,id=a,fd=3,reconnect=1",
          "'reconnect' option is incompatible with 'fd' address type" },
        { "socket,id=a,path=/tmp/x,wait=off",
          "'wait' option is incompatible with socket in client connect mode" },
        { "socket,id=a,path=/tmp/x,websocket=on",
          "Websocket client is not implemented" },
        { "socket,id=a,path=/tmp/x,server=on,wait=off,websocket=on",
          "Websocket server is not supported yet" },
        { "socket,id=a,host=127.0.0.1,port=1,tn3270=on",
          "tn3270 is not supported yet" },
        { "socket,id=a,path=/tmp/x,tls-creds=foo",
          "No TLS credentials with id 'foo'" },
        { "socket,id=a,host=127.0.0.1,port=1,tls-authz=foo",
          "'tls_authz' option requires 'tls_creds' option" },
        { "socket,id=a,path=/nonexistent/s",
          "Failed to connect to '/nonexistent/s': No such file or directory" },
        { "socket,id=a,path=/nonexistent/s,server=on,wait=off",
          "Failed to bind socket to /nonexistent/s: No such file or "
          "directory" },
        { "socket,id=a,host=nonexistent.invalid,port=1",
          "address resolution failed for nonexistent.invalid:1: "
          "Name or service not known" },
        { "socket,id=a,path=/tmp/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
          "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,"
          "server=on,wait=off",
          "UNIX socket path '/tmp/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
          "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' "
          "is too long" },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        assert_chr_error(cases[i].opts, cases[i].error);
    }
}

static void test_duplicate_id(void)
{
    Error *err = NULL;
    QemuOpts *opts = qemu_opts_parse(qemu_find_opts("chardev"),
                                     "null,id=dup", true, &err);
    Chardev *chr = qemu_chr_new_from_opts(opts, NULL, &err);
    json_t *args;

    g_assert_nonnull(chr);
    /* The option layer refuses a second -chardev with the same id. */
    g_assert_null(qemu_opts_parse(qemu_find_opts("chardev"), "null,id=dup",
                                  true, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Duplicate ID 'dup' for chardev");
    g_clear_pointer(&err, error_free);
    /* chardev-add says it its own way. */
    args = json_pack("{s:s, s:{s:s, s:{}}}", "id", "dup", "backend", "type",
                     "null", "data");
    g_assert_null(qmp("chardev-add", args, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Chardev with id 'dup' already exists");
    g_clear_pointer(&err, error_free);
    qemu_opts_del(opts);
    chr_del(chr);
}

static void test_help(void)
{
    GString *s = g_string_new(NULL);

    qemu_chr_print_backends(s);
    g_assert_true(g_str_has_prefix(s->str,
                                   "Available chardev backend types: \n  "));
    g_assert_true(g_str_has_suffix(s->str, "\n"));
    for (const char *const *n = (const char *const[]){
             "file", "memory", "mux", "null", "parallel", "pipe", "pty",
             "ringbuf", "serial", "socket", "stdio", "udp", NULL };
         *n; n++) {
        g_autofree char *line = g_strdup_printf("\n  %s\n", *n);
        g_assert_nonnull(strstr(s->str, line));
    }
    g_assert_null(strstr(s->str, "chardev-"));
    g_assert_null(strstr(s->str, "\n  fd\n"));
    g_string_free(s, TRUE);
}

/* ---- QMP ---- */

static json_t *find_label(json_t *list, const char *label)
{
    size_t i;
    json_t *e;

    json_array_foreach(list, i, e) {
        if (!g_strcmp0(json_string_value(json_object_get(e, "label")),
                       label)) {
            return e;
        }
    }
    return NULL;
}

static void test_qmp_commands(void)
{
    g_autofree char *path = tmp_path("qmp.sock");
    g_autofree char *out = tmp_path("qmp.out");
    g_autofree char *expect = g_strdup_printf(
        "disconnected:unix:%s,server=on", path);
    Error *err = NULL;
    json_t *ret, *list, *e;
    TestFe *fe;

    ret = qmp("chardev-add", json_pack("{s:s, s:{s:s, s:{s:{s:s, s:{s:s}}}}}",
              "id", "qs", "backend", "type", "socket", "data", "addr",
              "type", "unix", "data", "path", path), &err);
    g_assert_null(err);
    g_assert_cmpuint(json_object_size(ret), ==, 0);
    json_decref(ret);
    /* QMP's defaults: a server that does not wait. */
    g_assert_cmpstr(qemu_chr_find("qs")->filename, ==, expect);

    ret = qmp("chardev-add", json_pack("{s:s, s:{s:s, s:{}}}", "id", "qp",
              "backend", "type", "pty", "data"), &err);
    g_assert_null(err);
    g_assert_true(g_str_has_prefix(
        json_string_value(json_object_get(ret, "pty")), "/dev/pts/"));
    json_decref(ret);

    ret = qmp("chardev-add", json_pack("{s:s, s:{s:s, s:{s:s}}}", "id", "qf",
              "backend", "type", "file", "data", "out", out), &err);
    g_assert_null(err);
    json_decref(ret);
    fe = fe_new(qemu_chr_find("qf"));

    list = qmp("query-chardev", NULL, &err);
    g_assert_null(err);
    /* In creation order. */
    g_assert_cmpuint(json_array_size(list), ==, 3);
    g_assert_cmpstr(json_string_value(json_object_get(
                    json_array_get(list, 0), "label")), ==, "qs");
    g_assert_cmpstr(json_string_value(json_object_get(
                    json_array_get(list, 2), "label")), ==, "qf");
    e = find_label(list, "qs");
    g_assert_nonnull(e);
    g_assert_cmpstr(json_string_value(json_object_get(e, "filename")), ==,
                    expect);
    g_assert_true(json_is_false(json_object_get(e, "frontend-open")));
    e = find_label(list, "qf");
    g_assert_cmpstr(json_string_value(json_object_get(e, "filename")), ==,
                    "file");
    g_assert_true(json_is_true(json_object_get(e, "frontend-open")));
    json_decref(list);

    list = qmp("query-chardev-backends", NULL, &err);
    g_assert_null(err);
    g_assert_cmpuint(json_array_size(list), >=, 12);
    g_assert_nonnull(json_object_get(json_array_get(list, 0), "name"));
    json_decref(list);

    /* Errors of the backend get QEMU's prefix. */
    g_assert_null(qmp("chardev-add", json_pack("{s:s, s:{s:s, s:{s:s}}}",
                  "id", "bad", "backend", "type", "file", "data", "out",
                  "/nonexistent/x"), &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Failed to add chardev 'bad': Could not open "
                    "'/nonexistent/x': No such file or directory");
    g_clear_pointer(&err, error_free);
    g_assert_null(qmp("chardev-add", json_pack("{s:s, s:{s:s, s:{}}}",
                  "id", "v", "backend", "type", "vc", "data"), &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Failed to add chardev 'v': chardev backend 'vc' is not "
                    "supported yet");
    g_clear_pointer(&err, error_free);

    g_assert_null(qmp("chardev-remove", json_pack("{s:s}", "id", "qf"),
                      &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Chardev 'qf' is busy");
    g_clear_pointer(&err, error_free);
    ret = qmp("chardev-send-break", json_pack("{s:s}", "id", "qf"), &err);
    g_assert_null(err);
    json_decref(ret);
    g_assert_cmpint(fe->events[CHR_EVENT_BREAK], ==, 1);
    fe_free(fe);

    for (const char *const *id = (const char *const[]){ "qs", "qp", "qf",
                                                        NULL };
         *id; id++) {
        ret = qmp("chardev-remove", json_pack("{s:s}", "id", *id), &err);
        g_assert_null(err);
        json_decref(ret);
    }
    g_assert_null(qmp("chardev-remove", json_pack("{s:s}", "id", "qs"),
                      &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Chardev 'qs' not found");
    error_free(err);
    g_assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
}

/* A frontend detached by the chardev's removal sees no backend. */
static void test_chardev_gone_under_frontend(void)
{
    Chardev *chr = chr_new("null,id=gone");
    CharBackend be = { 0 };

    g_assert_true(qemu_chr_fe_init(&be, chr, &error_abort));
    object_unparent(OBJECT(chr));
    g_assert_false(qemu_chr_fe_backend_connected(&be));
    g_assert_cmpint(qemu_chr_fe_write(&be, (const uint8_t *)"x", 1), ==, 0);
    qemu_chr_fe_deinit(&be, false);
}

int main(int argc, char **argv)
{
    int ret;

    signal(SIGPIPE, SIG_IGN);
    g_test_init(&argc, &argv, NULL);
    tmpdir = g_dir_make_tmp("test-char-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);

    g_test_add_func("/char/null", test_null);
    g_test_add_func("/char/file/write-and-append", test_file_write_and_append);
    g_test_add_func("/char/logfile", test_logfile);
    g_test_add_func("/char/pipe", test_pipe);
    g_test_add_func("/char/ringbuf", test_ringbuf);
    g_test_add_func("/char/pty", test_pty);
    g_test_add_func("/char/mux/escape-commands", test_mux);
    g_test_add_func("/char/mux/limit", test_mux_limit);
    g_test_add_func("/char/frontend/in-use", test_frontend_in_use);
    g_test_add_func("/char/frontend/chardev-gone",
                    test_chardev_gone_under_frontend);
    g_test_add_func("/char/compat/forms", test_compat_forms);
    g_test_add_func("/char/compat/new", test_compat_new);
    g_test_add_func("/char/options/errors", test_bad_options);
    g_test_add_func("/char/options/duplicate-id", test_duplicate_id);
    g_test_add_func("/char/help", test_help);
    g_test_add_func("/char/qmp/commands", test_qmp_commands);

    ret = g_test_run();
    qemu_chr_cleanup();
    rmdir(tmpdir);
    return ret;
}
