/*
 * start-greeting: time from starting the emulator to its QMP greeting.
 *
 *   start-greeting [-n RUNS] BINARY ARG...
 *
 * Runs BINARY ARG... (which should include "-qmp stdio") RUNS times
 * (default 11).  Each run: the clock starts just before posix_spawn(),
 * and stops when the whole greeting line has been read from the child's
 * stdout; then the child is told to quit (qmp_capabilities, quit) and
 * reaped.  Prints the median, minimum and maximum in microseconds:
 * "runs=N median_us=M min_us=A max_us=B".
 */
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

/* Wait for the child to exit, killing it if it has not after 5 s. */
static void reap(pid_t pid)
{
    for (int i = 0; i < 500; i++) {
        if (waitpid(pid, NULL, WNOHANG) == pid) {
            return;
        }
        usleep(10000);
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
}

/* One run: microseconds from spawn to the end of the greeting line. */
static double one_run(char **argv)
{
    int in[2], out[2];
    posix_spawn_file_actions_t fa;
    pid_t pid;

    if (pipe(in) < 0 || pipe(out) < 0) {
        perror("start-greeting: pipe");
        exit(1);
    }
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_addclose(&fa, in[1]);
    posix_spawn_file_actions_addclose(&fa, out[0]);

    double start = now_us();
    int err = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (err) {
        fprintf(stderr, "start-greeting: %s: %s\n", argv[0], strerror(err));
        exit(1);
    }
    close(in[0]);
    close(out[1]);

    char buf[4096];
    size_t len = 0;
    double end = 0;
    while (!end) {
        struct pollfd p = { .fd = out[0], .events = POLLIN };
        if (poll(&p, 1, 10000) <= 0) {
            fprintf(stderr, "start-greeting: no greeting within 10 s\n");
            kill(pid, SIGKILL);
            exit(1);
        }
        ssize_t r = read(out[0], buf + len, sizeof(buf) - 1 - len);
        if (r <= 0) {
            fprintf(stderr, "start-greeting: %s exited before its greeting\n", argv[0]);
            exit(1);
        }
        len += r;
        buf[len] = '\0';
        if (strchr(buf, '\n')) {
            end = now_us();
        } else if (len == sizeof(buf) - 1) {
            len = 0;
        }
    }
    if (!strstr(buf, "{\"QMP\"")) {
        fprintf(stderr, "start-greeting: first line is not a QMP greeting: %s", buf);
        exit(1);
    }
    static const char bye[] = "{\"execute\":\"qmp_capabilities\"}\n{\"execute\":\"quit\"}\n";
    if (write(in[1], bye, sizeof(bye) - 1) < 0) {
        perror("start-greeting: write");
    }
    close(in[1]);
    /* Drain the output so the child never blocks on a full pipe. */
    for (;;) {
        struct pollfd p = { .fd = out[0], .events = POLLIN };
        if (poll(&p, 1, 5000) <= 0 || read(out[0], buf, sizeof(buf)) <= 0) {
            break;
        }
    }
    close(out[0]);
    reap(pid);
    return end - start;
}

int main(int argc, char **argv)
{
    int runs = 11;
    int opt;

    while ((opt = getopt(argc, argv, "+n:")) != -1) {
        if (opt == 'n') {
            runs = atoi(optarg);
        } else {
            fprintf(stderr, "usage: start-greeting [-n RUNS] BINARY ARG...\n");
            return 2;
        }
    }
    if (optind >= argc || runs < 1) {
        fprintf(stderr, "usage: start-greeting [-n RUNS] BINARY ARG...\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);

    double *t = calloc(runs, sizeof(*t));
    if (!t) {
        return 1;
    }
    one_run(argv + optind);                 /* warm the page cache */
    for (int i = 0; i < runs; i++) {
        t[i] = one_run(argv + optind);
    }
    qsort(t, runs, sizeof(*t), cmp_double);
    printf("runs=%d median_us=%.0f min_us=%.0f max_us=%.0f\n", runs, t[runs / 2], t[0],
           t[runs - 1]);
    free(t);
    return 0;
}
