/*
 * runstate.c: the VM run state, its checked transitions, and the
 * shutdown/reset/powerdown requests carried out by the main loop.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "sysemu/runstate.h"
#include "monitor/monitor.h"
#include "hw/qdev-core.h"
#include "hw/boards.h"

const char *const RunState_lookup[] = {
    [RUN_STATE_DEBUG] = "debug",
    [RUN_STATE_INMIGRATE] = "inmigrate",
    [RUN_STATE_INTERNAL_ERROR] = "internal-error",
    [RUN_STATE_IO_ERROR] = "io-error",
    [RUN_STATE_PAUSED] = "paused",
    [RUN_STATE_POSTMIGRATE] = "postmigrate",
    [RUN_STATE_PRELAUNCH] = "prelaunch",
    [RUN_STATE_FINISH_MIGRATE] = "finish-migrate",
    [RUN_STATE_RESTORE_VM] = "restore-vm",
    [RUN_STATE_RUNNING] = "running",
    [RUN_STATE_SAVE_VM] = "save-vm",
    [RUN_STATE_SHUTDOWN] = "shutdown",
    [RUN_STATE_SUSPENDED] = "suspended",
    [RUN_STATE_WATCHDOG] = "watchdog",
    [RUN_STATE_GUEST_PANICKED] = "guest-panicked",
    [RUN_STATE_COLO] = "colo",
    NULL
};

const char *const ShutdownCause_lookup[] = {
    [SHUTDOWN_CAUSE_NONE] = "none",
    [SHUTDOWN_CAUSE_HOST_ERROR] = "host-error",
    [SHUTDOWN_CAUSE_HOST_QMP_QUIT] = "host-qmp-quit",
    [SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET] = "host-qmp-system-reset",
    [SHUTDOWN_CAUSE_HOST_SIGNAL] = "host-signal",
    [SHUTDOWN_CAUSE_HOST_UI] = "host-ui",
    [SHUTDOWN_CAUSE_GUEST_SHUTDOWN] = "guest-shutdown",
    [SHUTDOWN_CAUSE_GUEST_RESET] = "guest-reset",
    [SHUTDOWN_CAUSE_GUEST_PANIC] = "guest-panic",
    [SHUTDOWN_CAUSE_SUBSYSTEM_RESET] = "subsystem-reset",
    [SHUTDOWN_CAUSE_SNAPSHOT_LOAD] = "snapshot-load",
    NULL
};

bool no_shutdown;
bool no_reboot;

static RunState current_state = RUN_STATE_PRELAUNCH;

/* The allowed transitions (the same set QEMU permits). */
#define T(from, to) (((uint64_t)1) << (to))
static const uint32_t transitions[RUN_STATE__MAX] = {
    [RUN_STATE_DEBUG] = T(0, RUN_STATE_RUNNING) | T(0, RUN_STATE_FINISH_MIGRATE)
        | T(0, RUN_STATE_PRELAUNCH),
    [RUN_STATE_INMIGRATE] = T(0, RUN_STATE_INTERNAL_ERROR)
        | T(0, RUN_STATE_IO_ERROR) | T(0, RUN_STATE_PAUSED)
        | T(0, RUN_STATE_RUNNING) | T(0, RUN_STATE_SHUTDOWN)
        | T(0, RUN_STATE_SUSPENDED) | T(0, RUN_STATE_WATCHDOG)
        | T(0, RUN_STATE_GUEST_PANICKED) | T(0, RUN_STATE_PRELAUNCH)
        | T(0, RUN_STATE_POSTMIGRATE) | T(0, RUN_STATE_FINISH_MIGRATE)
        | T(0, RUN_STATE_COLO),
    [RUN_STATE_INTERNAL_ERROR] = T(0, RUN_STATE_PAUSED)
        | T(0, RUN_STATE_RUNNING) | T(0, RUN_STATE_FINISH_MIGRATE)
        | T(0, RUN_STATE_PRELAUNCH),
    [RUN_STATE_IO_ERROR] = T(0, RUN_STATE_RUNNING)
        | T(0, RUN_STATE_FINISH_MIGRATE) | T(0, RUN_STATE_PRELAUNCH),
    [RUN_STATE_PAUSED] = T(0, RUN_STATE_RUNNING)
        | T(0, RUN_STATE_FINISH_MIGRATE) | T(0, RUN_STATE_POSTMIGRATE)
        | T(0, RUN_STATE_PRELAUNCH) | T(0, RUN_STATE_COLO)
        | T(0, RUN_STATE_SHUTDOWN),
    [RUN_STATE_POSTMIGRATE] = T(0, RUN_STATE_RUNNING)
        | T(0, RUN_STATE_FINISH_MIGRATE) | T(0, RUN_STATE_PRELAUNCH),
    [RUN_STATE_PRELAUNCH] = T(0, RUN_STATE_RUNNING)
        | T(0, RUN_STATE_FINISH_MIGRATE) | T(0, RUN_STATE_INMIGRATE)
        | T(0, RUN_STATE_SHUTDOWN) | T(0, RUN_STATE_PAUSED),
    [RUN_STATE_FINISH_MIGRATE] = T(0, RUN_STATE_RUNNING)
        | T(0, RUN_STATE_PAUSED) | T(0, RUN_STATE_POSTMIGRATE)
        | T(0, RUN_STATE_COLO),
    [RUN_STATE_RESTORE_VM] = T(0, RUN_STATE_RUNNING)
        | T(0, RUN_STATE_PRELAUNCH),
    [RUN_STATE_COLO] = T(0, RUN_STATE_RUNNING) | T(0, RUN_STATE_PRELAUNCH)
        | T(0, RUN_STATE_SHUTDOWN),
    [RUN_STATE_RUNNING] = T(0, RUN_STATE_DEBUG)
        | T(0, RUN_STATE_INTERNAL_ERROR) | T(0, RUN_STATE_IO_ERROR)
        | T(0, RUN_STATE_PAUSED) | T(0, RUN_STATE_FINISH_MIGRATE)
        | T(0, RUN_STATE_RESTORE_VM) | T(0, RUN_STATE_SAVE_VM)
        | T(0, RUN_STATE_SHUTDOWN) | T(0, RUN_STATE_WATCHDOG)
        | T(0, RUN_STATE_GUEST_PANICKED) | T(0, RUN_STATE_COLO)
        | T(0, RUN_STATE_SUSPENDED),
    [RUN_STATE_SAVE_VM] = T(0, RUN_STATE_RUNNING),
    [RUN_STATE_SHUTDOWN] = T(0, RUN_STATE_PAUSED)
        | T(0, RUN_STATE_FINISH_MIGRATE) | T(0, RUN_STATE_PRELAUNCH)
        | T(0, RUN_STATE_COLO),
    [RUN_STATE_SUSPENDED] = T(0, RUN_STATE_RUNNING)
        | T(0, RUN_STATE_FINISH_MIGRATE) | T(0, RUN_STATE_PRELAUNCH)
        | T(0, RUN_STATE_COLO) | T(0, RUN_STATE_PAUSED),
    [RUN_STATE_WATCHDOG] = T(0, RUN_STATE_RUNNING)
        | T(0, RUN_STATE_FINISH_MIGRATE) | T(0, RUN_STATE_PRELAUNCH)
        | T(0, RUN_STATE_COLO),
    [RUN_STATE_GUEST_PANICKED] = T(0, RUN_STATE_RUNNING)
        | T(0, RUN_STATE_FINISH_MIGRATE) | T(0, RUN_STATE_PRELAUNCH)
        | T(0, RUN_STATE_PAUSED),
};
#undef T

RunState runstate_get(void)
{
    return current_state;
}

const char *runstate_name(RunState state)
{
    return state < RUN_STATE__MAX ? RunState_lookup[state] : "unknown";
}

bool runstate_check(RunState state)
{
    return current_state == state;
}

bool runstate_is_running(void)
{
    return current_state == RUN_STATE_RUNNING;
}

bool runstate_transition_valid(RunState from, RunState to)
{
    return from < RUN_STATE__MAX && to < RUN_STATE__MAX &&
           (transitions[from] & (1u << to));
}

void runstate_set(RunState new_state)
{
    if (new_state == current_state) {
        return;
    }
    if (!runstate_transition_valid(current_state, new_state)) {
        fprintf(stderr, "invalid runstate transition: '%s' -> '%s'\n",
                runstate_name(current_state), runstate_name(new_state));
        abort();
    }
    current_state = new_state;
}

/* ---- state change handlers ---- */

typedef struct VMChangeEntry {
    VMChangeStateHandler *cb;
    void *opaque;
} VMChangeEntry;

static GList *vm_change_handlers;

void *qemu_add_vm_change_state_handler(VMChangeStateHandler *cb,
                                       void *opaque)
{
    VMChangeEntry *e = g_new0(VMChangeEntry, 1);

    e->cb = cb;
    e->opaque = opaque;
    vm_change_handlers = g_list_append(vm_change_handlers, e);
    return e;
}

void qemu_del_vm_change_state_handler(void *entry)
{
    vm_change_handlers = g_list_remove(vm_change_handlers, entry);
    g_free(entry);
}

static void vm_state_notify(bool running, RunState state)
{
    GList *l;

    /* Starting: in registration order; stopping: in reverse. */
    if (running) {
        for (l = vm_change_handlers; l; l = l->next) {
            VMChangeEntry *e = l->data;
            e->cb(e->opaque, running, state);
        }
    } else {
        for (l = g_list_last(vm_change_handlers); l; l = l->prev) {
            VMChangeEntry *e = l->data;
            e->cb(e->opaque, running, state);
        }
    }
}

static bool runstate_needs_reset(void)
{
    return runstate_check(RUN_STATE_INTERNAL_ERROR) ||
           runstate_check(RUN_STATE_SHUTDOWN) ||
           runstate_check(RUN_STATE_GUEST_PANICKED);
}

bool vm_prepare_start_check(Error **errp)
{
    if (runstate_needs_reset()) {
        error_setg(errp, "Resetting the Virtual Machine is required");
        return false;
    }
    if (runstate_check(RUN_STATE_INMIGRATE)) {
        error_setg(errp, "Migration is not supported");
        return false;
    }
    return true;
}

void vm_start(void)
{
    if (runstate_is_running()) {
        return;
    }
    runstate_set(RUN_STATE_RUNNING);
    vm_state_notify(true, RUN_STATE_RUNNING);
    qapi_event_send("RESUME", NULL);
}

void vm_stop(RunState state)
{
    /* Like the reference: a VM that is not running is left as it is. */
    if (!runstate_is_running()) {
        return;
    }
    runstate_set(state);
    vm_state_notify(false, state);
    qapi_event_send("STOP", NULL);
}

/* ---- requests ---- */

static volatile int shutdown_requested;   /* ShutdownCause, 0: none */
static volatile int reset_requested;
static volatile int powerdown_requested;
static volatile int exit_status_requested = -1;
static int shutdown_signal;
static pid_t shutdown_pid;

typedef struct PowerdownEntry {
    PowerdownNotifier *fn;
    void *opaque;
} PowerdownEntry;
static GList *powerdown_notifiers;

void qemu_register_powerdown_notifier(PowerdownNotifier *fn, void *opaque)
{
    PowerdownEntry *e = g_new0(PowerdownEntry, 1);

    e->fn = fn;
    e->opaque = opaque;
    powerdown_notifiers = g_list_append(powerdown_notifiers, e);
}

void qemu_system_shutdown_request(ShutdownCause cause)
{
    __atomic_store_n(&shutdown_requested, cause, __ATOMIC_SEQ_CST);
    qemu_notify_event();
}

void qemu_system_reset_request(ShutdownCause cause)
{
    if (no_reboot && cause != SHUTDOWN_CAUSE_SUBSYSTEM_RESET) {
        qemu_system_shutdown_request(cause);
        return;
    }
    __atomic_store_n(&reset_requested, cause, __ATOMIC_SEQ_CST);
    qemu_notify_event();
}

void qemu_system_powerdown_request(void)
{
    __atomic_store_n(&powerdown_requested, 1, __ATOMIC_SEQ_CST);
    qemu_notify_event();
}

void qemu_system_exit_request(int status)
{
    __atomic_store_n(&exit_status_requested, status, __ATOMIC_SEQ_CST);
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
}

static PanicAction panic_action = PANIC_ACTION_SHUTDOWN;

void qemu_set_panic_action(PanicAction action)
{
    panic_action = action;
}

/* Event first, then STOP and SHUTDOWN, in the reference's order. */
void qemu_system_guest_panicked(void)
{
    if (panic_action == PANIC_ACTION_PAUSE ||
        (panic_action == PANIC_ACTION_SHUTDOWN && no_shutdown)) {
        qapi_event_send("GUEST_PANICKED",
                        json_pack("{s:s}", "action", "pause"));
        vm_stop(RUN_STATE_GUEST_PANICKED);
    } else if (panic_action == PANIC_ACTION_NONE) {
        qapi_event_send("GUEST_PANICKED",
                        json_pack("{s:s}", "action", "run"));
    } else {
        qapi_event_send("GUEST_PANICKED",
                        json_pack("{s:s}", "action", "poweroff"));
        vm_stop(RUN_STATE_GUEST_PANICKED);
        if (panic_action == PANIC_ACTION_EXIT_FAILURE) {
            __atomic_store_n(&exit_status_requested, 1, __ATOMIC_SEQ_CST);
        }
        qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_PANIC);
    }
}

void qemu_system_guest_crashloaded(void)
{
    qapi_event_send("GUEST_CRASHLOADED",
                    json_pack("{s:s}", "action", "run"));
}

void qemu_system_killed(int signal, pid_t pid)
{
    shutdown_signal = signal;
    shutdown_pid = pid;
    /* A host signal always ends the process, even with -no-shutdown. */
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_SIGNAL);
}

static char *pid_name(pid_t pid)
{
    char *path = g_strdup_printf("/proc/%d/cmdline", (int)pid);
    char *contents = NULL;
    gsize len;

    if (!g_file_get_contents(path, &contents, &len, NULL) || len == 0) {
        g_free(contents);
        contents = g_strdup("<unknown process>");
    }
    g_free(path);
    return contents;
}

static void kill_report(void)
{
    if (!shutdown_signal) {
        return;
    }
    if (shutdown_pid) {
        char *name = pid_name(shutdown_pid);
        error_report("terminating on signal %d from pid %d (%s)",
                     shutdown_signal, (int)shutdown_pid, name);
        g_free(name);
    } else {
        error_report("terminating on signal %d", shutdown_signal);
    }
    shutdown_signal = 0;
}

static bool cause_is_guest(ShutdownCause cause)
{
    return cause >= SHUTDOWN_CAUSE_GUEST_SHUTDOWN &&
           cause != SHUTDOWN_CAUSE_SUBSYSTEM_RESET &&
           cause != SHUTDOWN_CAUSE_SNAPSHOT_LOAD;
}

static json_t *shutdown_event_data(ShutdownCause cause)
{
    return json_pack("{s:b,s:s}", "guest", cause_is_guest(cause),
                     "reason", ShutdownCause_lookup[cause]);
}

/* Carry out pending requests; true when the process should exit. */
static bool main_loop_should_exit(void)
{
    int cause;

    cause = __atomic_exchange_n(&shutdown_requested, 0, __ATOMIC_SEQ_CST);
    if (cause) {
        kill_report();
        qapi_event_send("SHUTDOWN", shutdown_event_data(cause));
        if (no_shutdown && cause != SHUTDOWN_CAUSE_HOST_QMP_QUIT &&
            cause != SHUTDOWN_CAUSE_HOST_SIGNAL &&
            cause != SHUTDOWN_CAUSE_HOST_UI &&
            exit_status_requested < 0) {
            vm_stop(RUN_STATE_SHUTDOWN);
        } else {
            return true;
        }
    }
    cause = __atomic_exchange_n(&reset_requested, 0, __ATOMIC_SEQ_CST);
    if (cause) {
        bool was_running = runstate_is_running();

        if (was_running) {
            vm_state_notify(false, RUN_STATE_RUNNING);
        }
        machine_reset();
        qapi_event_send("RESET", shutdown_event_data(cause));
        if (was_running) {
            vm_state_notify(true, RUN_STATE_RUNNING);
        } else if (!runstate_check(RUN_STATE_INMIGRATE) &&
                   !runstate_check(RUN_STATE_FINISH_MIGRATE) &&
                   !runstate_check(RUN_STATE_PRELAUNCH)) {
            runstate_set(RUN_STATE_PRELAUNCH);
        }
    }
    if (__atomic_exchange_n(&powerdown_requested, 0, __ATOMIC_SEQ_CST)) {
        GList *l;

        qapi_event_send("POWERDOWN", NULL);
        for (l = powerdown_notifiers; l; l = l->next) {
            PowerdownEntry *e = l->data;
            e->fn(e->opaque);
        }
    }
    return false;
}

int qemu_main_loop(void)
{
    while (!main_loop_should_exit()) {
        main_loop_wait(false);
    }
    return exit_status_requested >= 0 ? exit_status_requested : 0;
}
