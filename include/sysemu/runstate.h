/*
 * runstate.h: the VM run state and the shutdown/reset/powerdown requests.
 *
 * The run state (query-status) moves along checked transitions: prelaunch
 * (-S) -> running <-> paused, running -> shutdown (with -no-shutdown),
 * guest-panicked, internal-error, ...  vm_start()/vm_stop() change it and
 * send RESUME/STOP; handlers registered with
 * qemu_add_vm_change_state_handler() (the accelerators) pause and resume the
 * vCPUs.
 *
 * Requests (shutdown, reset, powerdown) may come from any thread (a vCPU
 * writing a port, a signal handler, a QMP command): they are recorded and
 * carried out by the main loop, which sends SHUTDOWN/RESET/POWERDOWN.
 */
#ifndef SYSEMU_RUNSTATE_H
#define SYSEMU_RUNSTATE_H

#include "qemu/osdep.h"
#include "qapi/error.h"

/* Order and names as the QAPI RunState enum. */
typedef enum RunState {
    RUN_STATE_DEBUG,
    RUN_STATE_INMIGRATE,
    RUN_STATE_INTERNAL_ERROR,
    RUN_STATE_IO_ERROR,
    RUN_STATE_PAUSED,
    RUN_STATE_POSTMIGRATE,
    RUN_STATE_PRELAUNCH,
    RUN_STATE_FINISH_MIGRATE,
    RUN_STATE_RESTORE_VM,
    RUN_STATE_RUNNING,
    RUN_STATE_SAVE_VM,
    RUN_STATE_SHUTDOWN,
    RUN_STATE_SUSPENDED,
    RUN_STATE_WATCHDOG,
    RUN_STATE_GUEST_PANICKED,
    RUN_STATE_COLO,
    RUN_STATE__MAX
} RunState;
extern const char *const RunState_lookup[];

/* Order and names as the QAPI ShutdownCause enum. */
typedef enum ShutdownCause {
    SHUTDOWN_CAUSE_NONE,
    SHUTDOWN_CAUSE_HOST_ERROR,
    SHUTDOWN_CAUSE_HOST_QMP_QUIT,
    SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET,
    SHUTDOWN_CAUSE_HOST_SIGNAL,
    SHUTDOWN_CAUSE_HOST_UI,
    SHUTDOWN_CAUSE_GUEST_SHUTDOWN,
    SHUTDOWN_CAUSE_GUEST_RESET,
    SHUTDOWN_CAUSE_GUEST_PANIC,
    SHUTDOWN_CAUSE_SUBSYSTEM_RESET,
    SHUTDOWN_CAUSE_SNAPSHOT_LOAD,
    SHUTDOWN_CAUSE__MAX
} ShutdownCause;
extern const char *const ShutdownCause_lookup[];

RunState runstate_get(void);
const char *runstate_name(RunState state);
bool runstate_check(RunState state);
bool runstate_is_running(void);
/* Set the state; an invalid transition is a programming error (abort). */
void runstate_set(RunState new_state);
bool runstate_transition_valid(RunState from, RunState to);

typedef void VMChangeStateHandler(void *opaque, bool running, RunState state);
void *qemu_add_vm_change_state_handler(VMChangeStateHandler *cb,
                                       void *opaque);
void qemu_del_vm_change_state_handler(void *entry);

/* Start (or resume) the VM: state running, RESUME event. */
void vm_start(void);
/* Stop the VM into `state` (paused, shutdown, ...): STOP event. */
void vm_stop(RunState state);
/* Like vm_start() but fails when the state does not allow "cont". */
bool vm_prepare_start_check(Error **errp);

/* Requests (any thread). */
void qemu_system_shutdown_request(ShutdownCause cause);
void qemu_system_reset_request(ShutdownCause cause);
void qemu_system_powerdown_request(void);
/*
 * What a guest panic does (-action panic=ACTION; QEMU 7.2's default is
 * shutdown).  Set by vl.c from the command line.
 */
typedef enum PanicAction {
    PANIC_ACTION_SHUTDOWN,      /* GUEST_PANICKED "poweroff", stop, shut
                                 * down (pause instead with -no-shutdown) */
    PANIC_ACTION_PAUSE,         /* GUEST_PANICKED "pause", stop */
    PANIC_ACTION_EXIT_FAILURE,  /* like shutdown, the process exits 1 */
    PANIC_ACTION_NONE,          /* GUEST_PANICKED "run", keep running */
} PanicAction;
void qemu_set_panic_action(PanicAction action);
/*
 * The guest reported a panic (pvpanic, KVM's crash event): the
 * GUEST_PANICKED event and the panic action.  Call from the main loop
 * thread (it may stop the VM).
 */
void qemu_system_guest_panicked(void);
/* The guest loaded a crash kernel (pvpanic bit 1): GUEST_CRASHLOADED with
 * action "run"; the VM keeps running. */
void qemu_system_guest_crashloaded(void);
void qemu_system_killed(int signal, pid_t pid);

/* Hooks for machines: called on powerdown requests (ACPI power button). */
typedef void PowerdownNotifier(void *opaque);
void qemu_register_powerdown_notifier(PowerdownNotifier *fn, void *opaque);

/* -no-shutdown / -no-reboot */
extern bool no_shutdown;
extern bool no_reboot;

/*
 * The main loop body: run until a shutdown request ends the process.
 * Returns the exit status.
 */
int qemu_main_loop(void);
/* Exit status requested by a device (isa-debug-exit). */
void qemu_system_exit_request(int status);

#endif
