/*
 * os-posix.h: process-level services for vl.c: termination signals,
 * -daemonize, -pidfile, memory locking.
 */
#ifndef SYSEMU_OS_POSIX_H
#define SYSEMU_OS_POSIX_H

#include "qemu/osdep.h"
#include "qapi/error.h"

/*
 * Block SIGTERM/SIGINT/SIGHUP in every thread and deliver them through a
 * signalfd watched by the main loop, which asks for an orderly shutdown
 * (qemu_system_killed) with the sender's pid.  Also ignores SIGPIPE.
 */
bool os_setup_signal_handling(Error **errp);

/*
 * -daemonize: fork; the parent waits until the child calls
 * os_daemonize_complete() (or dies) and exits with status 0 (or 1).
 * The child detaches (setsid) and continues.  Must run before any thread
 * is created.
 */
bool os_daemonize_start(Error **errp);
/* In the child: init is done (monitors listen, pidfile written): release
 * the parent and point stdio at /dev/null. */
void os_daemonize_complete(void);
bool os_is_daemonized(void);

/* -pidfile: create, lock and write; removed at exit.  Error text as the
 * reference: "cannot create PID file: Cannot lock pid file: ...". */
bool os_pidfile_create(const char *path, Error **errp);
void os_pidfile_remove(void);

/* -overcommit mem-lock=on / -realtime mlock=on */
bool os_mlock(Error **errp);

#endif
