/*
 * test-char-socket.c: socket and udp chardevs in one process: a unix
 * server and client talking both ways, disconnects and reconnects, a
 * listening socket handed over as fd=N, telnet, back-pressure towards a
 * peer that does not read, flow control towards a frontend that does not
 * read, and the errors of connecting and listening.
 */
#include "qemu/osdep.h"
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include "char-test.h"

char *tmpdir;

/* ---- sockets ---- */

static void test_socket_unix_pair(void)
{
    g_autofree char *path = tmp_path("pair.sock");
    g_autofree char *sopt = g_strdup_printf(
        "socket,id=srv,path=%s,server=on,wait=off", path);
    g_autofree char *copt = g_strdup_printf("socket,id=cli,path=%s", path);
    g_autofree char *disc = g_strdup_printf(
        "disconnected:unix:%s,server=on", path);
    g_autofree char *conn = g_strdup_printf("unix:%s,server=on", path);
    g_autofree char *cdisc = g_strdup_printf("disconnected:unix:%s", path);
    Chardev *srv = chr_new(sopt);
    TestFe *sfe = fe_new(srv);
    Chardev *cli;
    TestFe *cfe;

    g_assert_cmpstr(srv->filename, ==, disc);
    g_assert_false(qemu_chr_fe_backend_open(&sfe->be));

    cli = chr_new(copt);
    g_assert_cmpstr(cli->filename, ==, "unix:");
    cfe = fe_new(cli);
    g_assert_cmpint(cfe->events[CHR_EVENT_OPENED], ==, 1);
    wait_event(sfe, CHR_EVENT_OPENED, 1);
    g_assert_cmpstr(srv->filename, ==, conn);

    fe_write_str(cfe, "ping");
    wait_rx(sfe, 4);
    g_assert_cmpstr(sfe->rx->str, ==, "ping");
    fe_write_str(sfe, "pong!");
    wait_rx(cfe, 5);
    g_assert_cmpstr(cfe->rx->str, ==, "pong!");

    /* The client goes: the server reports it and listens again. */
    fe_free(cfe);
    chr_del(cli);
    wait_event(sfe, CHR_EVENT_CLOSED, 1);
    g_assert_cmpstr(srv->filename, ==, disc);
    g_assert_cmpint(qemu_chr_fe_write(&sfe->be, (const uint8_t *)"x", 1), ==,
                    -1);

    /* A new client is accepted. */
    cli = chr_new(copt);
    cfe = fe_new(cli);
    wait_event(sfe, CHR_EVENT_OPENED, 2);
    fe_write_str(cfe, "again");
    wait_rx(sfe, 9);
    g_assert_cmpstr(sfe->rx->str, ==, "pingagain");

    /* A frontend may drop the peer (as a monitor closing a session). */
    qemu_chr_fe_disconnect(&sfe->be);
    g_assert_cmpint(sfe->events[CHR_EVENT_CLOSED], ==, 2);
    wait_event(cfe, CHR_EVENT_CLOSED, 1);
    g_assert_cmpstr(cli->filename, ==, cdisc);

    fe_free(cfe);
    chr_del(cli);
    fe_free(sfe);
    chr_del(srv);
    /* The server's socket file goes with it. */
    g_assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
}

static void test_socket_tcp_and_reconnect(void)
{
    Chardev *srv = chr_new("socket,id=tsrv,host=127.0.0.1,port=0,"
                           "server=on,wait=off");
    TestFe *sfe = fe_new(srv);
    const char *p;
    g_autofree char *port = NULL;
    g_autofree char *copt = NULL;
    g_autofree char *sopt = NULL;
    Chardev *cli;
    TestFe *cfe;

    g_assert_true(g_str_has_prefix(srv->filename,
                                   "disconnected:tcp:127.0.0.1:"));
    g_assert_true(g_str_has_suffix(srv->filename, ",server=on"));
    p = srv->filename + strlen("disconnected:tcp:127.0.0.1:");
    port = g_strndup(p, strcspn(p, ","));
    g_assert_cmpuint(strlen(port), >, 0);

    copt = g_strdup_printf("socket,id=tcli,host=127.0.0.1,port=%s,"
                           "reconnect=1,nodelay=on", port);
    cli = chr_new(copt);
    cfe = fe_new(cli);
    /* reconnect=N clients connect from the main loop. */
    g_assert_cmpint(cfe->events[CHR_EVENT_OPENED], ==, 0);
    wait_event(cfe, CHR_EVENT_OPENED, 1);
    wait_event(sfe, CHR_EVENT_OPENED, 1);
    g_assert_true(g_str_has_prefix(cli->filename, "tcp:127.0.0.1:"));
    g_assert_nonnull(strstr(cli->filename, " <-> 127.0.0.1:"));
    g_assert_nonnull(strstr(srv->filename, ",server=on <-> 127.0.0.1:"));

    /* The server goes away and comes back: the client reconnects. */
    fe_free(sfe);
    chr_del(srv);
    wait_event(cfe, CHR_EVENT_CLOSED, 1);
    sopt = g_strdup_printf("socket,id=tsrv,host=127.0.0.1,port=%s,"
                           "server=on,wait=off", port);
    srv = chr_new(sopt);
    sfe = fe_new(srv);
    wait_event(sfe, CHR_EVENT_OPENED, 1);
    wait_event(cfe, CHR_EVENT_OPENED, 2);
    fe_write_str(cfe, "back");
    wait_rx(sfe, 4);

    fe_free(cfe);
    chr_del(cli);
    fe_free(sfe);
    chr_del(srv);
}

static int unix_listener(const char *path)
{
    struct sockaddr_un un = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    g_strlcpy(un.sun_path, path, sizeof(un.sun_path));
    unlink(path);
    g_assert_cmpint(bind(fd, (struct sockaddr *)&un, sizeof(un)), ==, 0);
    g_assert_cmpint(listen(fd, 4), ==, 0);
    return fd;
}

static int unix_connect(const char *path)
{
    struct sockaddr_un un = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    g_strlcpy(un.sun_path, path, sizeof(un.sun_path));
    g_assert_cmpint(connect(fd, (struct sockaddr *)&un, sizeof(un)), ==, 0);
    return fd;
}

/* libvirt's form: a listening socket handed over as fd=N. */
static void test_socket_fd_listener(void)
{
    g_autofree char *path = tmp_path("fd.sock");
    int lfd = unix_listener(path);
    g_autofree char *opt = g_strdup_printf(
        "socket,id=fdl,fd=%d,server=on,wait=off", lfd);
    g_autofree char *disc = g_strdup_printf(
        "disconnected:unix:%s,server=on", path);
    Chardev *chr = chr_new(opt);
    TestFe *fe = fe_new(chr);
    GString *got = g_string_new(NULL);
    int c;

    g_assert_cmpstr(chr->filename, ==, disc);
    for (int round = 1; round <= 2; round++) {
        c = unix_connect(path);
        wait_event(fe, CHR_EVENT_OPENED, round);
        g_assert_cmpint(write(c, "hi", 2), ==, 2);
        wait_rx(fe, 2 * round);
        fe_write_str(fe, "ok");
        g_string_truncate(got, 0);
        fd_read_until(c, got, 2);
        g_assert_cmpstr(got->str, ==, "ok");
        close(c);
        wait_event(fe, CHR_EVENT_CLOSED, round);
        g_assert_cmpstr(chr->filename, ==, disc);
    }
    g_assert_cmpstr(fe->rx->str, ==, "hihi");
    g_string_free(got, TRUE);
    fe_free(fe);
    chr_del(chr);
}

/* Data sent just before the peer closes still reaches the frontend. */
static void test_socket_data_before_hangup(void)
{
    g_autofree char *path = tmp_path("hup.sock");
    g_autofree char *opt = g_strdup_printf(
        "socket,id=hup,path=%s,server=on,wait=off", path);
    Chardev *chr = chr_new(opt);
    TestFe *fe = fe_new(chr);
    int c = unix_connect(path);

    wait_event(fe, CHR_EVENT_OPENED, 1);
    g_assert_cmpint(write(c, "quit\n", 5), ==, 5);
    close(c);
    wait_event(fe, CHR_EVENT_CLOSED, 1);
    g_assert_cmpstr(fe->rx->str, ==, "quit\n");
    fe_free(fe);
    chr_del(chr);
}

static void test_socket_telnet(void)
{
    g_autofree char *path = tmp_path("telnet.sock");
    g_autofree char *opt = g_strdup_printf(
        "socket,id=tn,path=%s,server=on,wait=off,telnet=on", path);
    static const uint8_t negotiation[] = {
        0xff, 0xfb, 0x01, 0xff, 0xfb, 0x03, 0xff, 0xfb, 0x00, 0xff, 0xfd, 0x00
    };
    Chardev *chr = chr_new(opt);
    TestFe *fe = fe_new(chr);
    GString *got = g_string_new(NULL);
    int c = unix_connect(path);

    wait_event(fe, CHR_EVENT_OPENED, 1);
    fd_read_until(c, got, sizeof(negotiation));
    g_assert_cmpmem(got->str, got->len, negotiation, sizeof(negotiation));
    /* IAC IAC is 0xff; IAC WILL x is dropped; IAC BREAK is a break. */
    g_assert_cmpint(write(c, "a\xff\xff" "b\xff\xfb\x01" "c\xff\xf3", 10), ==,
                    10);
    wait_rx(fe, 4);
    run_loop(5);
    g_assert_cmpmem(fe->rx->str, fe->rx->len, "a\xff" "bc", 4);
    g_assert_cmpint(fe->events[CHR_EVENT_BREAK], ==, 1);
    close(c);
    g_string_free(got, TRUE);
    fe_free(fe);
    chr_del(chr);
}

static bool watch_fired;

static gboolean out_watch_cb(void *do_not_use, GIOCondition cond,
                             void *opaque)
{
    watch_fired = true;
    return G_SOURCE_REMOVE;
}

/* A peer that does not read: short writes, then G_IO_OUT when it drains. */
static void test_socket_backpressure(void)
{
    g_autofree char *path = tmp_path("bp.sock");
    g_autofree char *opt = g_strdup_printf(
        "socket,id=bp,path=%s,server=on,wait=off", path);
    Chardev *chr = chr_new(opt);
    TestFe *fe = fe_new(chr);
    int c = unix_connect(path);
    static uint8_t chunk[65536];
    GString *drained = g_string_new(NULL);
    size_t written = 0;
    bool short_write = false;
    int rc = 0;
    guint tag;

    wait_event(fe, CHR_EVENT_OPENED, 1);
    memset(chunk, 'z', sizeof(chunk));
    for (int i = 0; i < 1000 && !short_write; i++) {
        rc = qemu_chr_fe_write(&fe->be, chunk, sizeof(chunk));
        if (rc > 0) {
            written += rc;
        }
        short_write = rc < (int)sizeof(chunk);
    }
    g_assert_true(short_write);
    if (rc < 0) {
        g_assert_cmpint(errno, ==, EAGAIN);
    }
    watch_fired = false;
    tag = qemu_chr_fe_add_watch(&fe->be, G_IO_OUT, out_watch_cb, NULL);
    g_assert_cmpuint(tag, >, 0);
    /* Still full: nothing after the write that failed. */
    rc = qemu_chr_fe_write(&fe->be, chunk, sizeof(chunk));
    g_assert_cmpint(rc, ==, -1);
    g_assert_cmpint(errno, ==, EAGAIN);
    run_loop(10);
    g_assert_false(watch_fired);

    /* The peer drains: the watch fires. */
    for (int tries = 0; tries < 50 && !watch_fired; tries++) {
        fd_read_some(c, drained, 20);
        run_loop(10);
    }
    g_assert_true(watch_fired);
    g_assert_cmpuint(drained->len, >, 0);
    g_assert_cmpuint(written, >, 0);
    close(c);
    g_string_free(drained, TRUE);
    fe_free(fe);
    chr_del(chr);
}

/* A frontend that stops reading leaves the bytes in the kernel. */
static void test_socket_frontend_flow_control(void)
{
    int sv[2];
    g_autofree char *opt = NULL;
    Chardev *chr;
    TestFe *fe;

    g_assert_cmpint(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), ==, 0);
    opt = g_strdup_printf("socket,id=fc,fd=%d", sv[0]);
    chr = chr_new(opt);
    fe = fe_new(chr);
    fe->can_read = 3;
    g_assert_cmpint(write(sv[1], "abcdefgh", 8), ==, 8);
    wait_rx(fe, 3);
    fe->can_read = 0;
    run_loop(20);
    g_assert_cmpuint(fe->rx->len, <, 8);
    fe->can_read = 100;
    qemu_chr_fe_accept_input(&fe->be);
    wait_rx(fe, 8);
    g_assert_cmpstr(fe->rx->str, ==, "abcdefgh");
    close(sv[1]);
    fe_free(fe);
    chr_del(chr);
}

static int free_udp_port(void)
{
    struct sockaddr_in sin = { .sin_family = AF_INET };
    socklen_t len = sizeof(sin);
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    int port;

    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    g_assert_cmpint(bind(fd, (struct sockaddr *)&sin, sizeof(sin)), ==, 0);
    getsockname(fd, (struct sockaddr *)&sin, &len);
    port = ntohs(sin.sin_port);
    close(fd);
    return port;
}

static void test_udp_pair(void)
{
    int pa = free_udp_port(), pb = free_udp_port();
    g_autofree char *oa = g_strdup_printf(
        "udp,id=ua,host=127.0.0.1,port=%d,localaddr=127.0.0.1,localport=%d",
        pb, pa);
    g_autofree char *ob = g_strdup_printf(
        "udp,id=ub,host=127.0.0.1,port=%d,localport=%d,ipv4=on", pa, pb);
    Chardev *a = chr_new(oa);
    Chardev *b = chr_new(ob);
    TestFe *fa = fe_new(a);
    TestFe *fb = fe_new(b);

    g_assert_cmpstr(a->filename, ==, "udp");
    fe_write_str(fa, "datagram");
    wait_rx(fb, 8);
    g_assert_cmpstr(fb->rx->str, ==, "datagram");
    /* A frontend taking a few bytes at a time still gets all of it. */
    fa->can_read = 2;
    fe_write_str(fb, "12345");
    wait_rx(fa, 5);
    g_assert_cmpstr(fa->rx->str, ==, "12345");
    fe_free(fa);
    fe_free(fb);
    chr_del(a);
    chr_del(b);
}

static void test_refused_connection(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sin = { .sin_family = AF_INET };
    socklen_t len = sizeof(sin);
    g_autofree char *opt = NULL;
    g_autofree char *msg = NULL;

    /* A port that was free a moment ago and nobody listens on. */
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    g_assert_cmpint(bind(fd, (struct sockaddr *)&sin, sizeof(sin)), ==, 0);
    getsockname(fd, (struct sockaddr *)&sin, &len);
    opt = g_strdup_printf("socket,id=a,host=127.0.0.1,port=%d",
                          ntohs(sin.sin_port));
    msg = g_strdup_printf("Failed to connect to '127.0.0.1:%d': "
                          "Connection refused", ntohs(sin.sin_port));
    assert_chr_error(opt, msg);
    close(fd);
}

static void test_port_in_use(void)
{
    Chardev *a = chr_new("socket,id=pu1,host=127.0.0.1,port=0,server=on,"
                         "wait=off");
    const char *p = strrchr(a->filename, ':') + 1;
    g_autofree char *port = g_strndup(p, strcspn(p, ","));
    g_autofree char *opt = g_strdup_printf(
        "socket,id=pu2,host=127.0.0.1,port=%s,server=on,wait=off", port);

    assert_chr_error(opt, "Failed to find an available port: "
                     "Address already in use");
    chr_del(a);
}

int main(int argc, char **argv)
{
    int ret;

    signal(SIGPIPE, SIG_IGN);
    g_test_init(&argc, &argv, NULL);
    tmpdir = g_dir_make_tmp("test-char-socket-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);

    g_test_add_func("/char/socket/unix-pair", test_socket_unix_pair);
    g_test_add_func("/char/socket/tcp-reconnect",
                    test_socket_tcp_and_reconnect);
    g_test_add_func("/char/socket/fd-listener", test_socket_fd_listener);
    g_test_add_func("/char/socket/data-before-hangup",
                    test_socket_data_before_hangup);
    g_test_add_func("/char/socket/telnet", test_socket_telnet);
    g_test_add_func("/char/socket/backpressure", test_socket_backpressure);
    g_test_add_func("/char/socket/frontend-flow-control",
                    test_socket_frontend_flow_control);
    g_test_add_func("/char/socket/refused", test_refused_connection);
    g_test_add_func("/char/socket/port-in-use", test_port_in_use);
    g_test_add_func("/char/udp/pair", test_udp_pair);

    ret = g_test_run();
    qemu_chr_cleanup();
    rmdir(tmpdir);
    return ret;
}
