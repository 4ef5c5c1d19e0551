/*
 * os-posix.c: signals, daemonizing, pid files and memory locking.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "sysemu/os-posix.h"
#include "sysemu/runstate.h"
#include <sys/signalfd.h>
#include <sys/mman.h>
#include <glib-unix.h>

static int daemon_pipe = -1;
static bool daemonized;
static char *pidfile_path;
static int pidfile_fd = -1;

static gboolean signalfd_ready(gint fd, GIOCondition cond, gpointer opaque)
{
    struct signalfd_siginfo info;
    ssize_t n;

    for (;;) {
        n = read(fd, &info, sizeof(info));
        if (n != sizeof(info)) {
            break;
        }
        qemu_system_killed(info.ssi_signo, info.ssi_pid);
    }
    return G_SOURCE_CONTINUE;
}

bool os_setup_signal_handling(Error **errp)
{
    sigset_t set;
    int fd;

    signal(SIGPIPE, SIG_IGN);
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    if (pthread_sigmask(SIG_BLOCK, &set, NULL)) {
        error_setg(errp, "cannot block termination signals");
        return false;
    }
    fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    if (fd < 0) {
        error_setg_errno(errp, errno, "signalfd failed");
        return false;
    }
    g_unix_fd_add(fd, G_IO_IN, signalfd_ready, NULL);
    return true;
}

bool os_daemonize_start(Error **errp)
{
    int fds[2];
    pid_t pid;

    if (pipe2(fds, O_CLOEXEC) < 0) {
        error_setg_errno(errp, errno, "cannot create pipe");
        return false;
    }
    pid = fork();
    if (pid < 0) {
        error_setg_errno(errp, errno, "fork failed");
        return false;
    }
    if (pid > 0) {
        /* Parent: wait for the child's verdict. */
        char status = 1;
        ssize_t n;

        close(fds[1]);
        do {
            n = read(fds[0], &status, 1);
        } while (n < 0 && errno == EINTR);
        if (n != 1) {
            /* The child died before finishing its start-up. */
            _exit(1);
        }
        _exit(status ? 1 : 0);
    }
    close(fds[0]);
    daemon_pipe = fds[1];
    daemonized = true;
    if (setsid() < 0) {
        error_setg_errno(errp, errno, "setsid failed");
        return false;
    }
    umask(027);
    return true;
}

void os_daemonize_complete(void)
{
    char ok = 0;
    int nullfd;
    ssize_t n;

    if (daemon_pipe < 0) {
        return;
    }
    /* Relative paths (pid file, sockets) are resolved by now: do not keep
     * a mount point busy. */
    if (chdir("/") < 0) {
        /* Harmless: we only stay in the start-up directory. */
    }
    nullfd = open("/dev/null", O_RDWR);
    if (nullfd >= 0) {
        dup2(nullfd, STDIN_FILENO);
        dup2(nullfd, STDOUT_FILENO);
        dup2(nullfd, STDERR_FILENO);
        if (nullfd > STDERR_FILENO) {
            close(nullfd);
        }
    }
    do {
        n = write(daemon_pipe, &ok, 1);
    } while (n < 0 && errno == EINTR);
    close(daemon_pipe);
    daemon_pipe = -1;
}

bool os_is_daemonized(void)
{
    return daemonized;
}

bool os_pidfile_create(const char *path, Error **errp)
{
    struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
    struct stat a, b;
    char buf[32];
    int fd, len;

    for (;;) {
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (fd < 0) {
            error_setg_errno(errp, errno, "Cannot open pid file");
            return false;
        }
        if (fcntl(fd, F_SETLK, &lock)) {
            error_setg_errno(errp, errno, "Cannot lock pid file");
            close(fd);
            return false;
        }
        /* The previous owner may have unlinked it meanwhile: retry then. */
        if (fstat(fd, &a) == 0 && stat(path, &b) == 0 &&
            a.st_ino == b.st_ino && a.st_dev == b.st_dev) {
            break;
        }
        close(fd);
    }
    if (ftruncate(fd, 0) < 0) {
        error_setg_errno(errp, errno, "Failed to truncate pid file");
        close(fd);
        return false;
    }
    len = snprintf(buf, sizeof(buf), "%d\n", (int)getpid());
    if (write(fd, buf, len) != len) {
        error_setg_errno(errp, errno, "Failed to write pid file");
        close(fd);
        return false;
    }
    /* Keep fd open: the lock lives as long as the process. */
    pidfile_fd = fd;
    pidfile_path = g_strdup(path);
    return true;
}

void os_pidfile_remove(void)
{
    if (pidfile_path) {
        unlink(pidfile_path);
        g_free(pidfile_path);
        pidfile_path = NULL;
    }
    if (pidfile_fd >= 0) {
        close(pidfile_fd);
        pidfile_fd = -1;
    }
}

bool os_mlock(Error **errp)
{
    if (mlockall(MCL_CURRENT | MCL_FUTURE)) {
        error_setg_errno(errp, errno, "locking memory failed");
        return false;
    }
    return true;
}
