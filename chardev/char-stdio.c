/*
 * char-stdio.c: the "stdio" backend: the process's standard input and
 * output.
 *
 * When stdin is a terminal it is put in raw mode (no line editing, no
 * echo, output post-processing kept so "\n" still starts a new line).
 * signal=on (the default) keeps Ctrl-C/Ctrl-Z as signals; signal=off
 * passes them to the guest as bytes ("mon:stdio" sets it).  The original
 * settings and stdin's file flags come back when the chardev goes, at
 * exit (atexit), from qemu_chr_restore_terminal() in a fatal signal
 * handler, and raw mode is re-applied after the process is resumed
 * (SIGCONT) following a Ctrl-Z.
 */
#include "qemu/osdep.h"
#include <termios.h>
#include "qapi/error.h"
#include "sysemu/os-posix.h"
#include "chardev-internal.h"

static bool stdio_in_use;
static Object *stdio_owner;     /* the chardev that set the terminal up */
static bool stdio_allow_signal;
static bool stdio_echo_state;
static struct termios oldtty;
static volatile sig_atomic_t oldtty_saved;
static volatile int old_fd0_flags = -1;

bool qemu_chr_stdio_in_use(void)
{
    return stdio_in_use;
}

/* Only async-signal-safe calls: this also runs from signal handlers. */
void qemu_chr_restore_terminal(void)
{
    if (oldtty_saved) {
        tcsetattr(0, TCSANOW, &oldtty);
    }
    if (old_fd0_flags >= 0) {
        fcntl(0, F_SETFL, old_fd0_flags);
    }
}

static void stdio_apply_tty(bool echo)
{
    struct termios tty;

    if (!oldtty_saved) {
        return;
    }
    tty = oldtty;
    if (!echo) {
        tty.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR |
                         ICRNL | IXON);
        tty.c_oflag |= OPOST;
        tty.c_lflag &= ~(ECHO | ECHONL | ICANON | IEXTEN);
        tty.c_cflag &= ~(CSIZE | PARENB);
        tty.c_cflag |= CS8;
        tty.c_cc[VMIN] = 1;
        tty.c_cc[VTIME] = 0;
    }
    if (!stdio_allow_signal) {
        tty.c_lflag &= ~ISIG;
    }
    tcsetattr(0, TCSANOW, &tty);
}

static void stdio_chr_set_echo(Chardev *chr, bool echo)
{
    stdio_echo_state = echo;
    stdio_apply_tty(echo);
}

/* After fg following Ctrl-Z the shell has reset the terminal. */
static void stdio_sigcont(int sig)
{
    stdio_apply_tty(stdio_echo_state);
}

static void stdio_atexit(void)
{
    qemu_chr_restore_terminal();
}

static bool stdio_chr_open(Chardev *chr, QemuOpts *opts, bool *be_opened,
                           Error **errp)
{
    static bool atexit_done;
    struct sigaction act;

    if (os_is_daemonized()) {
        error_setg(errp, "cannot use stdio with -daemonize");
        return false;
    }
    if (stdio_in_use) {
        error_setg(errp, "cannot use stdio by multiple character devices");
        return false;
    }
    stdio_in_use = true;
    stdio_owner = OBJECT(chr);
    old_fd0_flags = fcntl(0, F_GETFL);
    oldtty_saved = tcgetattr(0, &oldtty) == 0;
    if (!atexit_done) {
        atexit(stdio_atexit);
        atexit_done = true;
    }
    memset(&act, 0, sizeof(act));
    act.sa_handler = stdio_sigcont;
    sigaction(SIGCONT, &act, NULL);

    qemu_chr_open_fd(chr, 0, 1, false);
    stdio_allow_signal = opts ? qemu_opt_get_bool(opts, "signal", true)
                              : true;
    stdio_chr_set_echo(chr, false);
    return true;
}

static void stdio_chr_finalize(Object *obj)
{
    struct sigaction act;

    if (stdio_owner != obj) {
        return;
    }
    stdio_owner = NULL;
    memset(&act, 0, sizeof(act));
    act.sa_handler = SIG_DFL;
    sigaction(SIGCONT, &act, NULL);
    qemu_chr_restore_terminal();
    oldtty_saved = 0;
    old_fd0_flags = -1;
    stdio_in_use = false;
}

static void stdio_chr_class_init(ObjectClass *oc, void *data)
{
    ChardevClass *cc = CHARDEV_CLASS(oc);

    cc->open = stdio_chr_open;
    cc->chr_set_echo = stdio_chr_set_echo;
}

static const TypeInfo stdio_chr_type_info = {
    .name = "chardev-stdio",
    .parent = TYPE_CHARDEV_FD,
    .instance_finalize = stdio_chr_finalize,
    .class_init = stdio_chr_class_init,
};

static void stdio_chr_register_types(void)
{
    type_register_static(&stdio_chr_type_info);
}
type_init(stdio_chr_register_types)
