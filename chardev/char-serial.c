/*
 * char-serial.c: host serial ports and parallel ports.
 *
 * "serial" (deprecated alias "tty"): path= names a tty, opened
 * non-blocking and set to raw 115200 8N1 (when it is a terminal at all:
 * QEMU accepts any file).  "parallel" (alias "parport"): path= names a
 * Linux ppdev device, which is claimed; bytes are written through it.
 * Changing line parameters from the guest's UART is not forwarded yet.
 */
#include "qemu/osdep.h"
#include <termios.h>
#include <sys/ioctl.h>
#include <linux/ppdev.h>
#include "qapi/error.h"
#include "qemu/fdset.h"
#include "chardev-internal.h"

static void tty_serial_init(int fd)
{
    struct termios tty;

    if (tcgetattr(fd, &tty) < 0) {
        return;
    }
    cfsetispeed(&tty, B115200);
    cfsetospeed(&tty, B115200);
    tty.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR |
                     ICRNL | IXON);
    tty.c_oflag |= OPOST;
    tty.c_lflag &= ~(ECHO | ECHONL | ICANON | IEXTEN | ISIG);
    tty.c_cflag &= ~(CSIZE | PARENB | PARODD | CRTSCTS | CSTOPB);
    tty.c_cflag |= CS8 | CREAD | CLOCAL;
    tty.c_cc[VMIN] = 1;
    tty.c_cc[VTIME] = 0;
    tcsetattr(fd, TCSANOW, &tty);
}

static bool serial_chr_parse(Chardev *chr, QemuOpts *opts, Error **errp)
{
    if (!opts || !qemu_opt_get(opts, "path")) {
        error_setg(errp, "chardev: serial/tty: no device path given");
        return false;
    }
    return true;
}

static bool serial_chr_open(Chardev *chr, QemuOpts *opts, bool *be_opened,
                            Error **errp)
{
    int fd = qemu_open_fdset_or_path(qemu_opt_get(opts, "path"),
                                     O_RDWR | O_NONBLOCK, errp);

    if (fd < 0) {
        return false;
    }
    tty_serial_init(fd);
    qemu_chr_open_fd(chr, fd, fd, true);
    return true;
}

static void serial_chr_class_init(ObjectClass *oc, void *data)
{
    ChardevClass *cc = CHARDEV_CLASS(oc);

    cc->parse = serial_chr_parse;
    cc->open = serial_chr_open;
}

static bool parallel_chr_parse(Chardev *chr, QemuOpts *opts, Error **errp)
{
    if (!opts || !qemu_opt_get(opts, "path")) {
        error_setg(errp, "chardev: parallel: no device path given");
        return false;
    }
    return true;
}

static bool parallel_chr_open(Chardev *chr, QemuOpts *opts, bool *be_opened,
                              Error **errp)
{
    int fd = qemu_open_fdset_or_path(qemu_opt_get(opts, "path"), O_RDWR,
                                     errp);

    if (fd < 0) {
        return false;
    }
    if (ioctl(fd, PPCLAIM) < 0) {
        error_setg_errno(errp, errno, "not a parallel port");
        close(fd);
        return false;
    }
    qemu_chr_open_fd(chr, -1, fd, true);
    return true;
}

static void parallel_chr_finalize(Object *obj)
{
    FDChardev *s = FD_CHARDEV(obj);

    if (s->fd_out >= 0) {
        ioctl(s->fd_out, PPRELEASE);
    }
}

static void parallel_chr_class_init(ObjectClass *oc, void *data)
{
    ChardevClass *cc = CHARDEV_CLASS(oc);

    cc->parse = parallel_chr_parse;
    cc->open = parallel_chr_open;
}

static const TypeInfo serial_chr_type_infos[] = {
    {
        .name = "chardev-serial",
        .parent = TYPE_CHARDEV_FD,
        .class_init = serial_chr_class_init,
    }, {
        .name = "chardev-parallel",
        .parent = TYPE_CHARDEV_FD,
        .instance_finalize = parallel_chr_finalize,
        .class_init = parallel_chr_class_init,
    },
};

static void serial_chr_register_types(void)
{
    type_register_static_array(serial_chr_type_infos,
                               ARRAY_SIZE(serial_chr_type_infos));
}
type_init(serial_chr_register_types)
