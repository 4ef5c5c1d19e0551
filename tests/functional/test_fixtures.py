#!/usr/bin/env python3
"""Real management-tool command lines (tests/fixtures/, or $QEMU_FIXTURES):
OpenStack Nova's (through libvirt) and libvirt 9's, with
paths, file descriptors and the VNC address replaced by ones the test owns.

Until the PC board exists the emulator may refuse them, but only with exit
status 1 and one of its documented "... not supported yet" messages; when
it accepts them it must come up paused (-S) with its monitor answering.
Never a crash."""

import fcntl
import os
import re
import socket
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemulib  # noqa: E402
from qemulib import NOT_SUPPORTED_RE, PROGNAME, QemuTestCase, qmp_over_socket  # noqa: E402

FIXTURES = os.environ.get("QEMU_FIXTURES") or os.path.join(qemulib.REPO_ROOT, "tests", "fixtures")


def fixture(name):
    path = os.path.join(FIXTURES, name)
    if not os.path.exists(path):
        raise FileNotFoundError(path)
    with open(path) as f:
        return [line for line in f.read().splitlines() if line.strip()]


def write_qcow2(path, size=64 << 20):
    """An empty qcow2 (version 2, 64 KiB clusters): header, refcount table,
    one refcount block, one L1 table."""
    cluster = 1 << 16
    l1_entries = max(1, -(-size // (cluster * (cluster // 8))))
    header = struct.pack(">4sIQIIQIIQQIIQ", b"QFI\xfb", 2, 0, 0, 16, size, 0,
                         l1_entries, 3 * cluster, cluster, 1, 0, 0)
    img = bytearray(4 * cluster)
    img[:len(header)] = header
    struct.pack_into(">Q", img, cluster, 2 * cluster)          # refcount table
    for i in range(4):                                          # clusters in use
        struct.pack_into(">H", img, 2 * cluster + 2 * i, 1)
    with open(path, "wb") as f:
        f.write(img)


def write_bzimage(path):
    """A Linux boot-protocol 2.15 image that loads (header only: it is never
    run, the VM stays paused)."""
    img = bytearray(8192)
    img[0x1f1] = 4                                  # setup sectors
    struct.pack_into("<H", img, 0x1fe, 0xaa55)
    img[0x202:0x206] = b"HdrS"
    struct.pack_into("<H", img, 0x206, 0x020f)      # protocol version
    img[0x211] = 0x01                               # LOADED_HIGH
    struct.pack_into("<I", img, 0x22c, 0x7fffffff)  # initrd_addr_max
    struct.pack_into("<I", img, 0x238, 2048)        # cmdline_size
    with open(path, "wb") as f:
        f.write(img)


def open_tap():
    """A fd on a new (non-persistent) tap device with a vnet header, as
    libvirt hands over; None when this host does not allow it."""
    try:
        fd = os.open("/dev/net/tun", os.O_RDWR)
    except OSError:
        return None
    ifr = struct.pack("16sH", ("qt%d" % (os.getpid() % 100000)).encode(), 0x0002 | 0x1000 | 0x4000)
    try:
        fcntl.ioctl(fd, 0x400454ca, ifr)           # TUNSETIFF: IFF_TAP|IFF_NO_PI|IFF_VNET_HDR
    except OSError:
        os.close(fd)
        return None
    return fd


class FixtureCase(QemuTestCase):
    def check_outcome(self, q, monitor_connect):
        """Either a clean refusal or a paused VM whose monitor answers."""
        try:
            qmp = qmp_over_socket(monitor_connect())
            self.addCleanup(qmp.close)
            qmp.read_greeting()
        except (AssertionError, EOFError, OSError):
            # No monitor: the process must have ended, and cleanly.
            rc = q.wait()
            err = q.stderr_text()
            self.assertNoCrash(rc, err)
            self.assertEqual(rc, 1, err)
            # Errors are "[timestamp ]qemu-system-x86_64: ..." lines (warnings
            # may add hint lines of their own).
            errors = [l for l in err.splitlines()
                      if re.match(r"^(\S+ )?%s: " % PROGNAME, l) and ": warning: " not in l]
            self.assertTrue(errors, "no error message: %r" % err)
            if qemulib.is_reference():
                self.skipTest("reference QEMU refuses it: %s" % errors[-1])
            for line in errors:
                self.assertRegex(line, NOT_SUPPORTED_RE)
            return
        qmp.negotiate()
        self.assertEqual(qmp.execute("query-status")["status"], "prelaunch")
        qmp.execute("quit")
        self.assertExit(q, 0)


class OpenStackInstance(FixtureCase):
    def test_openstack_command_line(self):
        lines = fixture("openstack-instance.args")
        self.assertEqual(lines[0], PROGNAME)
        tap = open_tap()
        if tap is None:
            self.skipTest("cannot create a tap device here (needs root and /dev/net/tun)")
        self.addCleanup(os.close, tap)
        fds = [tap]
        vhost = None
        if os.path.exists("/dev/vhost-net"):
            vhost = os.open("/dev/vhost-net", os.O_RDWR)
            self.addCleanup(os.close, vhost)
            fds.append(vhost)
        d = qemulib.tempfile.mkdtemp(prefix="qt-", dir="/tmp")
        self.addCleanup(qemulib.shutil.rmtree, d, True)
        disk = os.path.join(d, "disk")
        write_qcow2(disk)
        monitor = os.path.join(d, "instance.monitor")
        args = []
        for line in lines[1:]:
            opt, _, value = line.partition(" ")
            value = re.sub(r"path=/var/lib/libvirt/qemu/[^,]*\.monitor", "path=" + monitor, value)
            value = re.sub(r"file=/var/lib/nova/instances/[^,]*/disk", "file=" + disk, value)
            value = re.sub(r"path=/var/lib/nova/instances/[^,]*/console\.log",
                           "path=" + os.path.join(d, "console.log"), value)
            if opt == "-netdev":
                value = value.replace("fd=32", "fd=%d" % tap)
                if vhost is not None:
                    value = value.replace("vhostfd=37", "vhostfd=%d" % vhost)
                else:
                    value = value.replace(",vhost=on,vhostfd=37", ",vhost=off")
            if opt == "-vnc":
                value = "unix:" + os.path.join(d, "vnc.sock")
            args.append(opt)
            if value:
                args.append(value)
        q = self.qemu(args, pass_fds=fds)
        self.check_outcome(q, lambda: qemulib.connect_unix(monitor, proc=q.proc))


class Libvirt9Domain(FixtureCase):
    def test_libvirt9_command_line(self):
        lines = fixture("libvirt9-start.args")
        self.assertEqual(lines[0], PROGNAME)
        d = qemulib.tempfile.mkdtemp(prefix="qt-", dir="/tmp")
        self.addCleanup(qemulib.shutil.rmtree, d, True)
        files = {
            "/var/lib/libvirt/qemu/domain-2-lvtest/master-key.aes": "master-key.aes",
            "/var/lib/libvirt/images/lvtest/disk.qcow2": "disk.qcow2",
            "/var/lib/libvirt/images/lvtest/vmlinuz": "vmlinuz",
            "/var/lib/libvirt/images/lvtest/initrd-fixed.gz": "initrd.gz",
        }
        with open(os.path.join(d, "master-key.aes"), "wb") as f:
            f.write(os.urandom(32))
        write_qcow2(os.path.join(d, "disk.qcow2"))
        write_bzimage(os.path.join(d, "vmlinuz"))
        with open(os.path.join(d, "initrd.gz"), "wb") as f:
            f.write(b"\0" * 1024)
        # The monitor: a listening socket handed over as fd 28's stand-in.
        mon_path = os.path.join(d, "monitor.sock")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(mon_path)
        listener.listen(1)
        self.addCleanup(listener.close)
        # The serial log: an fd set entry standing in for fd 30.
        log = os.open(os.path.join(d, "serial0.log"), os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        self.addCleanup(os.close, log)
        args = []
        for a in lines[1:]:
            for old, new in files.items():
                a = a.replace(old, os.path.join(d, new))
            a = a.replace("socket,id=charmonitor,fd=28,", "socket,id=charmonitor,fd=%d,"
                          % listener.fileno())
            a = a.replace("set=0,fd=30,", "set=0,fd=%d," % log)
            a = a.replace("127.0.0.1:0,audiodev=", "unix:%s,audiodev=" % os.path.join(d, "vnc.sock"))
            args.append(a)
        q = self.qemu(args, pass_fds=[listener.fileno(), log])
        listener.close()
        self.check_outcome(q, lambda: qemulib.connect_unix(mon_path, proc=q.proc))


if __name__ == "__main__":
    qemulib.main()
