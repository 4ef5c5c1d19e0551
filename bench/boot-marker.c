/*
 * boot-marker: one boot of the boot kit (docs/bootkit.md) timed from exec
 * to its /init marker, then the host CPU the idle guest costs.
 *
 *   boot-marker [-t SECONDS] [-i SECONDS] [-o FILE] BINARY ARG...
 *
 * Runs BINARY ARG... (a boot with -serial stdio whose guest prints
 * "BOOTKIT-INIT-OK nproc=N uptime=SECONDS" on the console: the kit's /init)
 * with stdin and stderr on /dev/null.  The clock starts just before
 * posix_spawn() and stops when the whole marker line has arrived on the
 * child's stdout.  With -i (the guest booted with bootkit.mode=idle), the
 * child's user+system CPU time (/proc/PID/stat) is then sampled over that
 * many seconds; the child is then stopped (SIGTERM, SIGKILL after 5 s).
 * Without -i, the child is waited for (it powers off by itself).
 * -t: give up when the marker has not come within SECONDS (default 600).
 * -o: the console output (the child's stdout) is copied to FILE.
 *
 * Prints "marker_us=T uptime=U nproc=N idle_pct=P exit=S" (idle_pct -1
 * without -i; exit: the child's exit status, or -SIGNAL; -1 when it was
 * stopped after the idle window).  Exit status 0, or 1 with the reason on
 * stderr when the marker did not come.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MARKER "BOOTKIT-INIT-OK "

extern char **environ;

static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* utime + stime of pid in seconds, or -1. */
static double cpu_s(pid_t pid)
{
    char path[64], buf[1024];
    unsigned long long ut, st;
    ssize_t n;
    int fd;

    snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if (n <= 0) {
        return -1;
    }
    buf[n] = '\0';
    /* The command name may hold spaces: count fields after its ')'. */
    char *p = strrchr(buf, ')');
    if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u "
                     "%llu %llu", &ut, &st) != 2) {
        return -1;
    }
    return (double)(ut + st) / sysconf(_SC_CLK_TCK);
}

/* Console bytes read so far (a boot prints some tens of KiB). */
static char *console;
static size_t console_len, console_cap;
static FILE *console_copy;

/* Read what the child printed within timeout_s; 0 at end of file. */
static int drain(int fd, double timeout_s)
{
    struct pollfd p = { .fd = fd, .events = POLLIN };
    char buf[4096];
    int ms = timeout_s <= 0 ? 0 : (int)(timeout_s * 1000) + 1;
    int r = poll(&p, 1, ms);

    if (r <= 0) {
        return r < 0 && errno != EINTR ? -1 : 1;
    }
    ssize_t n = read(fd, buf, sizeof(buf));
    if (n <= 0) {
        return n < 0 && errno == EINTR ? 1 : 0;
    }
    if (console_copy) {
        fwrite(buf, 1, n, console_copy);
    }
    if (console_len + n + 1 > console_cap) {
        console_cap = (console_len + n + 1) * 2;
        console = realloc(console, console_cap);
        if (!console) {
            perror("boot-marker");
            exit(1);
        }
    }
    memcpy(console + console_len, buf, n);
    console_len += n;
    console[console_len] = '\0';
    return 1;
}

/* The marker line, complete with its newline, or NULL. */
static const char *find_marker(void)
{
    const char *m = console ? memmem(console, console_len, MARKER,
                                     sizeof(MARKER) - 1) : NULL;

    return m && memchr(m, '\n', console + console_len - m) ? m : NULL;
}

/* Wait up to timeout_s for the child; its status, or -1 after killing it. */
static int reap(pid_t pid, double timeout_s)
{
    double end = now_s() + timeout_s;
    int ws;

    while (waitpid(pid, &ws, WNOHANG) == 0) {
        if (now_s() >= end) {
            kill(pid, SIGKILL);
            waitpid(pid, &ws, 0);
            return -1;
        }
        usleep(10000);
    }
    return WIFEXITED(ws) ? WEXITSTATUS(ws) : -WTERMSIG(ws);
}

static void usage(void)
{
    fprintf(stderr, "usage: boot-marker [-t SECONDS] [-i SECONDS] [-o FILE] "
            "BINARY ARG...\n");
    exit(2);
}

int main(int argc, char **argv)
{
    double timeout = 600, idle = 0;
    int opt, out[2], ws, exit_status = -1;
    posix_spawn_file_actions_t fa;
    pid_t pid;

    while ((opt = getopt(argc, argv, "+t:i:o:")) != -1) {
        if (opt == 't') {
            timeout = atof(optarg);
        } else if (opt == 'i') {
            idle = atof(optarg);
        } else if (opt == 'o') {
            console_copy = fopen(optarg, "w");
            if (!console_copy) {
                perror(optarg);
                return 1;
            }
        } else {
            usage();
        }
    }
    if (optind >= argc) {
        usage();
    }
    signal(SIGPIPE, SIG_IGN);
    if (pipe(out) < 0) {
        perror("boot-marker: pipe");
        return 1;
    }
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addclose(&fa, out[0]);
    posix_spawn_file_actions_addclose(&fa, out[1]);

    double start = now_s();
    int err = posix_spawn(&pid, argv[optind], &fa, NULL, argv + optind, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (err) {
        fprintf(stderr, "boot-marker: %s: %s\n", argv[optind], strerror(err));
        return 1;
    }
    close(out[1]);

    const char *m = NULL;
    double end = start;
    int r = 1;
    while (!(m = find_marker())) {
        double left = start + timeout - now_s();
        if (left <= 0 || (r = drain(out[0], left)) <= 0) {
            break;
        }
        end = now_s();
    }
    if (!m) {
        kill(pid, SIGKILL);
        waitpid(pid, &ws, 0);
        fprintf(stderr, "boot-marker: %s\n", r < 0 ? strerror(errno) :
                r == 0 ? "the emulator exited before the marker" :
                "no marker within the timeout");
        return 1;
    }
    double marker_s = end - start;
    int nproc = 0;
    double uptime = 0, idle_pct = -1;
    sscanf(m, MARKER "nproc=%d uptime=%lf", &nproc, &uptime);

    if (idle > 0) {
        double t0 = now_s(), c0 = cpu_s(pid);
        while (now_s() < t0 + idle && drain(out[0], t0 + idle - now_s()) > 0) {
        }
        double t1 = now_s(), c1 = cpu_s(pid);
        if (c0 >= 0 && c1 >= 0) {
            idle_pct = 100.0 * (c1 - c0) / (t1 - t0);
        }
        kill(pid, SIGTERM);
        reap(pid, 5);
    } else {
        /* To the end of the console output: the child is exiting. */
        while (now_s() < start + timeout &&
               drain(out[0], start + timeout - now_s()) > 0) {
        }
        exit_status = reap(pid, 5);
    }
    if (console_copy) {
        fclose(console_copy);
    }
    printf("marker_us=%.0f uptime=%.2f nproc=%d idle_pct=%.2f exit=%d\n",
           marker_s * 1e6, uptime, nproc, idle_pct, exit_status);
    return 0;
}
