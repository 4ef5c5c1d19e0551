#!/usr/bin/env python3
"""mkcpio.py: pack a directory tree as a "newc" cpio archive (the format of
a Linux initramfs), for hosts without GNU cpio.

    python3 mkcpio.py DIR > archive.cpio

Like `find . | cpio -o -H newc` run inside DIR: directories, regular files
and symbolic links, with their permission bits; owner root, one link per
file, mtime 0 so that the same tree gives the same bytes.  The format is
the kernel's Documentation/driver-api/early-userspace/buffer-format.rst:
a 110-byte ASCII header per entry ("070701" and 13 fields of 8 hex
digits), the NUL-terminated name, padding to 4 bytes, the data, padding to
4 bytes, and a last entry named "TRAILER!!!".
"""

import os
import stat
import sys


def header(ino, mode, nlink, size, namesize):
    fields = (ino, mode, 0, 0, nlink, 0, size, 0, 0, 0, 0, namesize, 0)
    return b"070701" + b"".join(b"%08x" % f for f in fields)


def pad4(n):
    return b"\0" * (-n % 4)


def entry(out, ino, name, mode, data, nlink=1):
    encoded = name.encode() + b"\0"
    head = header(ino, mode, nlink, len(data), len(encoded)) + encoded
    out.write(head + pad4(len(head)))
    out.write(data + pad4(len(data)))


def pack(root, out):
    ino = 1
    # Parents before children (the kernel creates entries in order).
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        rel = os.path.relpath(dirpath, root)
        if rel != ".":
            st = os.lstat(dirpath)
            entry(out, ino, rel, stat.S_IFDIR | stat.S_IMODE(st.st_mode), b"", 2)
            ino += 1
        # os.walk lists symlinks to directories under dirnames: pack them
        # as links, not as their targets.
        for name in sorted(filenames + [d for d in dirnames
                                        if os.path.islink(os.path.join(dirpath, d))]):
            path = os.path.join(dirpath, name)
            arc = os.path.normpath(os.path.join(rel, name))
            st = os.lstat(path)
            if stat.S_ISLNK(st.st_mode):
                entry(out, ino, arc, stat.S_IFLNK | 0o777, os.readlink(path).encode())
            elif stat.S_ISREG(st.st_mode):
                with open(path, "rb") as f:
                    entry(out, ino, arc, stat.S_IFREG | stat.S_IMODE(st.st_mode), f.read())
            else:
                raise SystemExit("mkcpio.py: %s: not a file, directory or link" % path)
            ino += 1
    entry(out, 0, "TRAILER!!!", 0, b"")


def main():
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        sys.stderr.write("usage: mkcpio.py DIR > archive.cpio\n")
        return 2
    pack(sys.argv[1], sys.stdout.buffer)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
