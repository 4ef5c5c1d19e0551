/*
 * main-loop.h: the main loop and the big lock (BQL).
 *
 * The main loop is a GLib main context run by the main thread.  Chardevs,
 * monitors, timers and bottom halves are GSources attached to it.  Device
 * state is protected by one big lock: the main thread holds it except while
 * it sleeps in poll(); a vCPU thread takes it around device dispatch.
 */
#ifndef QEMU_MAIN_LOOP_H
#define QEMU_MAIN_LOOP_H

#include "qemu/osdep.h"

void qemu_init_main_loop(void);
GMainContext *qemu_get_aio_context(void);

void qemu_mutex_lock_iothread(void);
void qemu_mutex_unlock_iothread(void);
bool qemu_mutex_iothread_locked(void);

/* Wake the main loop from another thread (a request is pending). */
void qemu_notify_event(void);
/* One iteration: poll (with the BQL dropped) and dispatch. */
void main_loop_wait(bool nonblocking);

/* Bottom halves: run fn in the main loop soon (schedulable from any
 * thread). */
typedef struct QEMUBH QEMUBH;
QEMUBH *qemu_bh_new(void (*fn)(void *opaque), void *opaque);
void qemu_bh_schedule(QEMUBH *bh);
void qemu_bh_cancel(QEMUBH *bh);
void qemu_bh_delete(QEMUBH *bh);

/* Monotonic clock in nanoseconds (QEMU_CLOCK_REALTIME). */
int64_t qemu_clock_get_ns_realtime(void);

/* Name the calling thread (with -name debug-threads=on). */
void qemu_thread_set_name(const char *name);
extern bool qemu_debug_threads;

#endif
