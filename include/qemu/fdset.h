/*
 * fdset.h: file descriptor sets (-add-fd) and opening "/dev/fdset/N".
 *
 * A management tool passes open descriptors to the process (libvirt's
 * -add-fd set=0,fd=30) and then names them with the path "/dev/fdset/0"
 * wherever a file name is taken.  Opening such a path duplicates a
 * descriptor of the set whose access mode matches the requested flags.
 */
#ifndef QEMU_FDSET_H
#define QEMU_FDSET_H

#include "qemu/osdep.h"
#include "qapi/error.h"

/* -add-fd fd=N,set=M[,opaque=S]: takes ownership of fd N. */
bool qemu_fdset_add_opts(int64_t fd, int64_t set, const char *opaque,
                         Error **errp);
/*
 * open(2) path with flags (mode 0666 for O_CREAT), or, for "/dev/fdset/N",
 * dup a matching descriptor of set N.  Returns the fd (close-on-exec), or
 * -1 with *errp set ("Could not open 'PATH': REASON").
 */
int qemu_open_fdset_or_path(const char *path, int flags, Error **errp);
/* query-fdsets as JSON. */
json_t *qemu_fdsets_to_json(void);

#endif
