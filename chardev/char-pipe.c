/*
 * char-pipe.c: the "pipe" backend: path=P uses the fifos P.in (input) and
 * P.out (output) when both can be opened, else P itself both ways.  Fifos
 * are opened read-write so that opening never waits for the other end.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/fdset.h"
#include "chardev-internal.h"

static bool pipe_chr_parse(Chardev *chr, QemuOpts *opts, Error **errp)
{
    if (!opts || !qemu_opt_get(opts, "path")) {
        error_setg(errp, "chardev: pipe: no device path given");
        return false;
    }
    return true;
}

static bool pipe_chr_open(Chardev *chr, QemuOpts *opts, bool *be_opened,
                          Error **errp)
{
    const char *path = qemu_opt_get(opts, "path");
    g_autofree char *path_in = g_strdup_printf("%s.in", path);
    g_autofree char *path_out = g_strdup_printf("%s.out", path);
    int fd_in, fd_out;

    fd_in = open(path_in, O_RDWR | O_CLOEXEC);
    fd_out = open(path_out, O_RDWR | O_CLOEXEC);
    if (fd_in < 0 || fd_out < 0) {
        if (fd_in >= 0) {
            close(fd_in);
        }
        if (fd_out >= 0) {
            close(fd_out);
        }
        fd_in = fd_out = qemu_open_fdset_or_path(path, O_RDWR, errp);
        if (fd_in < 0) {
            return false;
        }
    }
    qemu_chr_open_fd(chr, fd_in, fd_out, true);
    return true;
}

static void pipe_chr_class_init(ObjectClass *oc, void *data)
{
    ChardevClass *cc = CHARDEV_CLASS(oc);

    cc->parse = pipe_chr_parse;
    cc->open = pipe_chr_open;
}

static const TypeInfo pipe_chr_type_info = {
    .name = "chardev-pipe",
    .parent = TYPE_CHARDEV_FD,
    .class_init = pipe_chr_class_init,
};

static void pipe_chr_register_types(void)
{
    type_register_static(&pipe_chr_type_info);
}
type_init(pipe_chr_register_types)
