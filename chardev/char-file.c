/*
 * char-file.c: the "file" backend: output written to path= (truncated, or
 * appended to with append=on); no input.  path may be "/dev/fdset/N"
 * (a descriptor handed over with -add-fd).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/fdset.h"
#include "chardev-internal.h"

static bool file_chr_parse(Chardev *chr, QemuOpts *opts, Error **errp)
{
    if (!opts || !qemu_opt_get(opts, "path")) {
        error_setg(errp, "chardev: file: no filename given");
        return false;
    }
    return true;
}

static bool file_chr_open(Chardev *chr, QemuOpts *opts, bool *be_opened,
                          Error **errp)
{
    const char *path = qemu_opt_get(opts, "path");
    int flags = O_WRONLY | O_CREAT;
    int fd, fd_in = -1;

    flags |= qemu_opt_get_bool(opts, "append", false) ? O_APPEND : O_TRUNC;
    fd = qemu_open_fdset_or_path(path, flags, errp);
    if (fd < 0) {
        return false;
    }
    /* "in" comes only from chardev-add (ChardevFile.in). */
    if (qemu_opt_get(opts, "in")) {
        fd_in = qemu_open_fdset_or_path(qemu_opt_get(opts, "in"), O_RDONLY,
                                        errp);
        if (fd_in < 0) {
            close(fd);
            return false;
        }
    }
    qemu_chr_open_fd(chr, fd_in, fd, true);
    return true;
}

static void file_chr_class_init(ObjectClass *oc, void *data)
{
    ChardevClass *cc = CHARDEV_CLASS(oc);

    cc->parse = file_chr_parse;
    cc->open = file_chr_open;
}

static const TypeInfo file_chr_type_info = {
    .name = "chardev-file",
    .parent = TYPE_CHARDEV_FD,
    .class_init = file_chr_class_init,
};

static void file_chr_register_types(void)
{
    type_register_static(&file_chr_type_info);
}
type_init(file_chr_register_types)
