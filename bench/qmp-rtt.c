/*
 * qmp-rtt: QMP round trips per second over a unix socket.
 *
 *   qmp-rtt [-t SECONDS] [-q] SOCKET
 *
 * Connects to a QMP monitor listening on SOCKET (retrying for up to ten
 * seconds while the emulator starts), reads the greeting, negotiates, then
 * for SECONDS (default 2) sends one {"execute":"query-status"} at a time and
 * waits for its reply before sending the next: every request is a true
 * round trip.  Events that arrive meanwhile are skipped.  -q sends "quit"
 * at the end.  Prints "round_trips=N seconds=S rtt_per_sec=R".
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static char buf[1 << 16];
static size_t buf_len;

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
    fprintf(stderr, "qmp-rtt: %s: %s\n", what, errno ? strerror(errno) : "failed");
    exit(1);
}

static int connect_retry(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    double end = now() + 10.0;

    if (strlen(path) >= sizeof(addr.sun_path)) {
        errno = ENAMETOOLONG;
        die(path);
    }
    strcpy(addr.sun_path, path);
    for (;;) {
        int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

        if (fd < 0) {
            die("socket");
        }
        if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) == 0) {
            return fd;
        }
        close(fd);
        if ((errno != ENOENT && errno != ECONNREFUSED) || now() > end) {
            die(path);
        }
        usleep(1000);
    }
}

/*
 * Read one line (up to '\n') into line[]; the rest stays buffered.
 * Returns its length, or exits at end of file.
 */
static size_t read_line(int fd, char *line, size_t size)
{
    for (;;) {
        char *nl = memchr(buf, '\n', buf_len);

        if (nl) {
            size_t n = nl - buf + 1;
            size_t copy = n < size - 1 ? n : size - 1;

            memcpy(line, buf, copy);
            line[copy] = '\0';
            memmove(buf, buf + n, buf_len - n);
            buf_len -= n;
            return copy;
        }
        if (buf_len == sizeof(buf)) {
            buf_len = 0;            /* an over-long line: drop it */
        }
        ssize_t r = read(fd, buf + buf_len, sizeof(buf) - buf_len);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            errno = r < 0 ? errno : 0;
            die("connection closed");
        }
        buf_len += r;
    }
}

static void send_all(int fd, const char *s)
{
    size_t len = strlen(s);

    while (len) {
        ssize_t w = write(fd, s, len);

        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            die("write");
        }
        s += w;
        len -= w;
    }
}

/* The next reply (a line with "return" or "error"), skipping events. */
static void read_reply(int fd, const char *expect)
{
    char line[4096];

    for (;;) {
        read_line(fd, line, sizeof(line));
        if (strstr(line, "\"event\"") && !strstr(line, "\"return\"")) {
            continue;
        }
        if (!strstr(line, expect)) {
            fprintf(stderr, "qmp-rtt: unexpected reply: %s", line);
            exit(1);
        }
        return;
    }
}

int main(int argc, char **argv)
{
    static const char request[] = "{\"execute\":\"query-status\"}\n";
    double seconds = 2.0;
    bool quit = false;
    char line[4096];
    int opt;

    while ((opt = getopt(argc, argv, "t:q")) != -1) {
        switch (opt) {
        case 't':
            seconds = atof(optarg);
            break;
        case 'q':
            quit = true;
            break;
        default:
            fprintf(stderr, "usage: qmp-rtt [-t SECONDS] [-q] SOCKET\n");
            return 2;
        }
    }
    if (optind != argc - 1 || seconds <= 0) {
        fprintf(stderr, "usage: qmp-rtt [-t SECONDS] [-q] SOCKET\n");
        return 2;
    }

    int fd = connect_retry(argv[optind]);
    read_line(fd, line, sizeof(line));
    if (!strstr(line, "\"QMP\"")) {
        fprintf(stderr, "qmp-rtt: not a QMP greeting: %s", line);
        return 1;
    }
    send_all(fd, "{\"execute\":\"qmp_capabilities\"}\n");
    read_reply(fd, "\"return\"");

    long count = 0;
    double start = now(), end = start + seconds, t;
    do {
        send_all(fd, request);
        read_reply(fd, "\"status\"");
        count++;
        t = now();
    } while (t < end);

    printf("round_trips=%ld seconds=%.3f rtt_per_sec=%.0f\n", count, t - start,
           count / (t - start));
    if (quit) {
        send_all(fd, "{\"execute\":\"quit\"}\n");
        read_reply(fd, "\"return\"");
    }
    close(fd);
    return 0;
}
