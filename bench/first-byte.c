/*
 * first-byte: cold start of a VM to its guest's first instruction, and the
 * resident memory of the idle VM.
 *
 *   first-byte [-n RUNS] [-w MS] BINARY ARG...
 *   first-byte -k
 *
 * Runs BINARY ARG... (which should run a guest that writes a byte to a
 * serial port on "-serial stdio" first thing, such as
 * tests/guests/serial-byte.S as -bios) RUNS times (default 11) after one
 * warm-up run.  Each run: the clock starts just before posix_spawn() and
 * stops when the first byte arrives on the child's stdout (the child's
 * stderr goes to /dev/null); then, after MS milliseconds (default 500)
 * with the guest idle, VmRSS is read from /proc/PID/status and the child
 * is killed.  Prints "runs=N median_us=M min_us=A max_us=B rss_kib=R"
 * (R: the median RSS).
 *
 * -k checks that /dev/kvm can create a VM: exit status 0, or 1 with the
 * reason on stdout.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>

#define KVM_GET_API_VERSION 0xAE00
#define KVM_CREATE_VM 0xAE01

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

static int kvm_check(void)
{
    int fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
    int vm;

    if (fd < 0) {
        printf("/dev/kvm: %s\n", strerror(errno));
        return 1;
    }
    if (ioctl(fd, KVM_GET_API_VERSION, 0) != 12) {
        printf("/dev/kvm: unexpected KVM API version\n");
        close(fd);
        return 1;
    }
    vm = ioctl(fd, KVM_CREATE_VM, 0);
    if (vm < 0) {
        printf("/dev/kvm cannot create a VM: %s\n", strerror(errno));
        close(fd);
        return 1;
    }
    close(vm);
    close(fd);
    return 0;
}

/* VmRSS of pid in KiB, or 0. */
static long rss_kib(pid_t pid)
{
    char path[64], line[256];
    long kib = 0;
    FILE *f;

    snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
    f = fopen(path, "r");
    if (!f) {
        return 0;
    }
    while (fgets(line, sizeof(line), f)) {
        if (sscanf(line, "VmRSS: %ld", &kib) == 1) {
            break;
        }
    }
    fclose(f);
    return kib;
}

/* One run: microseconds from spawn to the first byte; *rss gets VmRSS. */
static double one_run(char **argv, int wait_ms, long *rss)
{
    int out[2];
    posix_spawn_file_actions_t fa;
    pid_t pid;
    char c;

    if (pipe(out) < 0) {
        perror("first-byte: pipe");
        exit(1);
    }
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addclose(&fa, out[0]);

    double start = now_us();
    int err = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (err) {
        fprintf(stderr, "first-byte: %s: %s\n", argv[0], strerror(err));
        exit(1);
    }
    close(out[1]);

    struct pollfd p = { .fd = out[0], .events = POLLIN };
    if (poll(&p, 1, 20000) <= 0 || read(out[0], &c, 1) != 1) {
        fprintf(stderr, "first-byte: no byte from the guest within 20 s\n");
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        exit(1);
    }
    double end = now_us();

    usleep(wait_ms * 1000);
    *rss = rss_kib(pid);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    close(out[0]);
    return end - start;
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;

    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    int runs = 11, wait_ms = 500;
    int opt;

    while ((opt = getopt(argc, argv, "+n:w:k")) != -1) {
        if (opt == 'n') {
            runs = atoi(optarg);
        } else if (opt == 'w') {
            wait_ms = atoi(optarg);
        } else if (opt == 'k') {
            return kvm_check();
        } else {
            fprintf(stderr, "usage: first-byte [-n RUNS] [-w MS] BINARY "
                    "ARG... | first-byte -k\n");
            return 2;
        }
    }
    if (optind >= argc || runs < 1) {
        fprintf(stderr, "usage: first-byte [-n RUNS] [-w MS] BINARY ARG... "
                "| first-byte -k\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);

    double *t = calloc(runs, sizeof(*t));
    long *rss = calloc(runs, sizeof(*rss));
    long warm;

    if (!t || !rss) {
        return 1;
    }
    one_run(argv + optind, 0, &warm);       /* warm the page cache */
    for (int i = 0; i < runs; i++) {
        t[i] = one_run(argv + optind, wait_ms, &rss[i]);
    }
    qsort(t, runs, sizeof(*t), cmp_double);
    qsort(rss, runs, sizeof(*rss), cmp_long);
    printf("runs=%d median_us=%.0f min_us=%.0f max_us=%.0f rss_kib=%ld\n",
           runs, t[runs / 2], t[0], t[runs - 1], rss[runs / 2]);
    free(t);
    free(rss);
    return 0;
}
