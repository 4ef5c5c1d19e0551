#!/usr/bin/env python3
"""Socket chardevs carrying monitors: server (unix and TCP), client (the
test listens, the emulator connects), and a listening socket inherited as
a file descriptor (libvirt's fd=N form)."""

import os
import socket
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemulib  # noqa: E402
from qemulib import (BASE_ARGS, PROGNAME, HmpClient, QemuTestCase, Stream,  # noqa: E402
                     connect_unix, qmp_over_socket)


def free_tcp_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def hmp_over_socket(sock):
    return HmpClient(Stream(sock.fileno(), "hmp-socket"), sock.fileno())


class SocketServer(QemuTestCase):
    def test_unix_server_carries_hmp_and_accepts_again(self):
        q = self.qemu(BASE_ARGS + ["-chardev", "socket,id=c,path=h.sock,server=on,wait=off",
                                   "-mon", "chardev=c"])
        for _ in range(2):
            sock = connect_unix(q.path("h.sock"), proc=q.proc)
            hmp = hmp_over_socket(sock)
            self.assertRegex(hmp.read_banner(),
                             r"^QEMU 7\.2\.\d+ monitor - type 'help' for more information\n$")
            self.assertEqual(hmp.cmd("info status"), "VM status: running\n")
            sock.close()

    def test_unix_server_carries_qmp(self):
        q = self.qemu(BASE_ARGS + ["-chardev", "socket,id=c,path=m.sock,server=on,wait=off",
                                   "-mon", "chardev=c,mode=control"])
        qmp = q.connect_qmp(q.path("m.sock"))
        self.addCleanup(qmp.close)
        self.assertEqual(qmp.execute("query-status")["status"], "running")

    def test_tcp_server_carries_qmp(self):
        port = free_tcp_port()
        # qmp="unix" returns once start-up is over: the TCP listener exists.
        self.qemu(BASE_ARGS + ["-chardev", "socket,id=c,host=127.0.0.1,port=%d,"
                               "server=on,wait=off" % port,
                               "-mon", "chardev=c,mode=control"], qmp="unix")
        sock = socket.create_connection(("127.0.0.1", port), timeout=qemulib.DEFAULT_TIMEOUT)
        qmp = qmp_over_socket(sock)
        self.addCleanup(qmp.close)
        qmp.negotiate()
        self.assertEqual(qmp.execute("query-status")["status"], "running")

    def test_short_boolean_forms(self):
        # OpenStack-era "server,nowait": accepted with a deprecation warning.
        q = self.qemu(BASE_ARGS + ["-chardev", "socket,id=c,path=m.sock,server,nowait",
                                   "-mon", "chardev=c,mode=control"])
        qmp = q.connect_qmp(q.path("m.sock"))
        self.addCleanup(qmp.close)
        self.assertEqual(qmp.execute("query-status")["status"], "running")
        qmp.execute("quit")
        self.assertExit(q, 0)
        err = q.stderr_text()
        self.assertIn("short-form boolean option 'server' deprecated", err)
        self.assertIn("short-form boolean option 'nowait' deprecated", err)

    def test_server_wait_on_blocks_until_a_client_connects(self):
        q = self.qemu(BASE_ARGS + ["-chardev", "socket,id=c,path=w.sock,server=on",
                                   "-mon", "chardev=c,mode=control"])
        line = q.stderr.read_line()
        self.assertEqual(line.decode(),
                         "%s: -chardev socket,id=c,path=w.sock,server=on: info: QEMU waiting "
                         "for connection on: disconnected:unix:w.sock,server=on\n" % PROGNAME)
        qmp = q.connect_qmp(q.path("w.sock"))
        self.addCleanup(qmp.close)
        self.assertEqual(qmp.execute("query-status")["status"], "running")

    def test_query_chardev_names_socket_servers(self):
        q = self.qemu(BASE_ARGS + ["-chardev", "socket,id=c,path=h.sock,server=on,wait=off",
                                   "-chardev", "null,id=n"], qmp="unix")
        chardevs = {c["label"]: c for c in q.qmp.execute("query-chardev")}
        self.assertEqual(chardevs["c"], {"frontend-open": False, "label": "c",
                                         "filename": "disconnected:unix:h.sock,server=on"})
        self.assertEqual(chardevs["n"], {"frontend-open": False, "label": "n",
                                         "filename": "null"})
        # The monitor we talk through is connected.
        self.assertEqual(chardevs["compat_monitor0"], {
            "frontend-open": True, "label": "compat_monitor0",
            "filename": "unix:%s,server=on" % q.qmp_path})


class SocketClient(QemuTestCase):
    def listen_unix(self, name):
        d = qemulib.tempfile.mkdtemp(prefix="qt-", dir="/tmp")
        self.addCleanup(qemulib.shutil.rmtree, d, True)
        path = os.path.join(d, name)
        srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        srv.bind(path)
        srv.listen(1)
        srv.settimeout(qemulib.DEFAULT_TIMEOUT)
        self.addCleanup(srv.close)
        return srv, path

    def test_client_connects_to_our_listener(self):
        srv, path = self.listen_unix("l.sock")
        q = self.qemu(BASE_ARGS + ["-chardev", "socket,id=c,path=%s" % path,
                                   "-mon", "chardev=c,mode=control"])
        conn, _ = srv.accept()
        qmp = qmp_over_socket(conn)
        self.addCleanup(qmp.close)
        qmp.negotiate()
        self.assertEqual(qmp.execute("query-status")["status"], "running")
        qmp.execute("quit")
        self.assertExit(q, 0)

    def test_client_to_missing_listener_fails(self):
        srv, path = self.listen_unix("l.sock")
        srv.close()
        os.unlink(path)
        res = qemulib.run(BASE_ARGS + ["-chardev", "socket,id=c,path=%s" % path])
        self.assertEqual(res.returncode, 1)
        self.assertEqual(res.stderr,
                         "%s: -chardev socket,id=c,path=%s: Failed to connect to '%s': "
                         "No such file or directory\n" % (PROGNAME, path, path))


class InheritedListeningSocket(QemuTestCase):
    def test_fd_server_accepts_one_client_after_another(self):
        d = qemulib.tempfile.mkdtemp(prefix="qt-", dir="/tmp")
        self.addCleanup(qemulib.shutil.rmtree, d, True)
        path = os.path.join(d, "fd.sock")
        srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        srv.bind(path)
        srv.listen(1)
        fd = srv.fileno()
        self.addCleanup(srv.close)
        q = self.qemu(BASE_ARGS + ["-chardev", "socket,id=charmonitor,fd=%d,server=on,wait=off" % fd,
                                   "-mon", "chardev=charmonitor,id=monitor,mode=control"],
                      pass_fds=[fd])
        srv.close()                       # only the emulator holds it now
        for _ in range(2):
            qmp = q.connect_qmp(path)
            self.assertEqual(qmp.execute("query-status")["status"], "running")
            qmp.close()
        qmp = q.connect_qmp(path)
        qmp.execute("quit")
        qmp.close()
        self.assertExit(q, 0)


if __name__ == "__main__":
    qemulib.main()
