#!/usr/bin/env python3
"""Chardev backends through the binary: -chardev help, the option errors,
query-chardev's filename for each backend and state, chardev-add/remove,
ring buffers, logfiles, telnet negotiation, reconnecting clients, UDP and
the -serial/-monitor shorthands.  (Monitors on sockets, the stdio mux and
ptys: test_chardev_socket.py and test_chardev_terminal.py.)"""

import os
import re
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemulib  # noqa: E402
from qemulib import (BASE_ARGS, PROGNAME, HmpClient, QemuTestCase, QmpError,  # noqa: E402
                     Stream)

P = PROGNAME + ": "
BANNER_RE = re.compile(rb"QEMU 7\.2\.\d+ monitor - type 'help' for more information\r\n")
TELNET_INIT = b"\xff\xfb\x01\xff\xfb\x03\xff\xfb\x00\xff\xfd\x00"

# (-chardev argument, the message after "-chardev ARG: ")
OPTION_ERRORS = [
    ("id=a", 'chardev: "a" missing backend'),
    ("pipe,id=a", "chardev: pipe: no device path given"),
    ("serial,id=a", "chardev: serial/tty: no device path given"),
    ("parallel,id=a", "chardev: parallel: no device path given"),
    ("udp,id=a", "chardev: udp: remote port not specified"),
    ("mux,id=a", "chardev: mux: no chardev given"),
    ("mux,id=a,chardev=zz", "mux: base chardev zz not found"),
    ("file,id=a,path=/nonexistent/f",
     "Could not open '/nonexistent/f': No such file or directory"),
    ("null,id=a,logfile=/nonexistent/l",
     "Could not create '/nonexistent/l': No such file or directory"),
    ("ringbuf,id=a,size=3", "size of ringbuf chardev must be power of two"),
    ("stdio,id=a,signal=maybe", "Parameter 'signal' expects 'on' or 'off'"),
    ("socket,id=a", "Unable to parse FD number "),
    ("socket,id=a,fd=abc", "Unable to parse FD number abc"),
    ("socket,id=a,fd=99", "File descriptor '99' is not a socket"),
    ("socket,id=a,path=/tmp/x,host=h",
     "None or one of 'path', 'fd' or 'host' option required."),
    ("socket,id=a,host=localhost", "chardev: socket: no port given"),
    ("socket,id=a,host=127.0.0.1,port=1,delay=on,nodelay=on",
     "'delay' and 'nodelay' are mutually exclusive"),
    ("socket,id=a,path=/tmp/x,server=on,reconnect=1",
     "'reconnect' option is incompatible with socket in server listen mode"),
    ("socket,id=a,fd=3,reconnect=1",
     "'reconnect' option is incompatible with 'fd' address type"),
    ("socket,id=a,path=/tmp/x,wait=off",
     "'wait' option is incompatible with socket in client connect mode"),
    ("socket,id=a,path=/tmp/x,websocket=on", "Websocket client is not implemented"),
    ("socket,id=a,path=/tmp/x,tls-creds=foo", "No TLS credentials with id 'foo'"),
    ("socket,id=a,host=127.0.0.1,port=1,tls-authz=foo",
     "'tls_authz' option requires 'tls_creds' option"),
    ("socket,id=a,path=/nonexistent/s",
     "Failed to connect to '/nonexistent/s': No such file or directory"),
    ("socket,id=a,host=nonexistent.invalid,port=1",
     "address resolution failed for nonexistent.invalid:1: Name or service not known"),
    ("udp,id=a,port=4000,localport=abc",
     "address resolution failed for (null):abc: Servname not supported for ai_socktype"),
]


def free_port(kind=socket.SOCK_STREAM):
    s = socket.socket(socket.AF_INET, kind)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def connect_tcp(port, proc):
    """Connect to a port the process is about to listen on."""
    end = time.monotonic() + qemulib.DEFAULT_TIMEOUT
    while True:
        try:
            return socket.create_connection(("127.0.0.1", port),
                                            timeout=qemulib.DEFAULT_TIMEOUT)
        except ConnectionRefusedError:
            if proc.poll() is not None or time.monotonic() > end:
                raise
            time.sleep(0.01)


def chardevs(q):
    return {c["label"]: c for c in q.qmp.execute("query-chardev")}


class Help(QemuTestCase):
    def test_chardev_help_lists_backends(self):
        res = qemulib.run(["-chardev", "help"])
        self.assertEqual(res.returncode, 0)
        self.assertEqual(res.stderr, "")
        lines = res.stdout.split("\n")
        self.assertEqual(lines[0], "Available chardev backend types: ")
        self.assertEqual(lines[-1], "")
        names = lines[1:-1]
        for n in names:
            self.assertRegex(n, r"^  [a-z-]+$")
        for n in ("stdio", "ringbuf", "mux", "pipe", "null", "socket", "parallel",
                  "udp", "memory", "file", "serial", "pty"):
            self.assertIn("  " + n, names)
        self.assertNotIn("  tty", names)


class OptionErrors(QemuTestCase):
    def test_each_bad_chardev(self):
        for arg, msg in OPTION_ERRORS:
            with self.subTest(arg=arg):
                res = qemulib.run(BASE_ARGS + ["-chardev", arg])
                self.assertNoCrash(res.returncode, res.stderr)
                self.assertEqual(res.stderr, "%s-chardev %s: %s\n" % (P, arg, msg))
                self.assertEqual(res.returncode, 1)

    def test_deprecated_alias_warns(self):
        res = qemulib.run(BASE_ARGS + ["-chardev", "tty,id=a"])
        self.assertEqual(res.stderr,
                         P + "-chardev tty,id=a: warning: The alias 'tty' is deprecated, "
                         "use 'serial' instead\n"
                         + P + "-chardev tty,id=a: chardev: serial/tty: no device path given\n")

    def test_port_in_use(self):
        busy = socket.socket()
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        self.addCleanup(busy.close)
        arg = "socket,id=a,host=127.0.0.1,port=%d,server=on,wait=off" % busy.getsockname()[1]
        res = qemulib.run(BASE_ARGS + ["-chardev", arg])
        self.assertEqual(res.stderr, "%s-chardev %s: Failed to find an available port: "
                         "Address already in use\n" % (P, arg))

    def test_unix_path_too_long(self):
        arg = "socket,id=a,path=/tmp/%s,server=on,wait=off" % ("a" * 120)
        res = qemulib.run(BASE_ARGS + ["-chardev", arg])
        self.assertEqual(res.stderr, "%s-chardev %s: UNIX socket path '/tmp/%s' is too long\n"
                         "Path must be less than 108 bytes\n" % (P, arg, "a" * 120))

    def test_stdio_only_once(self):
        res = qemulib.run(BASE_ARGS + ["-chardev", "stdio,id=a", "-chardev", "stdio,id=b"])
        self.assertIn(P + "-chardev stdio,id=b: cannot use stdio by multiple character "
                      "devices\n", res.stderr)
        self.assertEqual(res.returncode, 1)


class Filenames(QemuTestCase):
    def test_query_chardev_per_backend(self):
        tport, nport = free_port(), free_port()
        q = qemulib.Qemu([], start=False)
        self.addCleanup(q.shutdown)
        os_fifo = q.path("fifo")
        os.mkfifo(os_fifo)
        q.args = BASE_ARGS + [
            "-chardev", "null,id=n",
            "-chardev", "file,id=f,path=out.txt",
            "-chardev", "pipe,id=p,path=%s" % os_fifo,
            "-chardev", "ringbuf,id=r",
            "-chardev", "memory,id=m",
            "-chardev", "udp,id=u,host=127.0.0.1,port=%d" % free_port(socket.SOCK_DGRAM),
            "-chardev", "socket,id=t,host=127.0.0.1,port=%d,server=on,wait=off" % tport,
            "-chardev", "socket,id=tn,host=127.0.0.1,port=%d,server=on,wait=off,telnet=on"
            % nport,
            "-chardev", "socket,id=s,path=s.sock,server=on,wait=off",
            "-chardev", "null,id=x,mux=on",
            "-qmp", "unix:%s,server=on,wait=off" % q.path("qmp.sock")]
        q.start()
        q.qmp = q.connect_qmp(q.path("qmp.sock"))
        c = chardevs(q)
        expect = {
            "n": "null", "f": "file", "p": "pipe", "r": "ringbuf", "m": "memory",
            "u": "udp",
            "t": "disconnected:tcp:127.0.0.1:%d,server=on" % tport,
            "tn": "disconnected:telnet:127.0.0.1:%d,server=on" % nport,
            "s": "disconnected:unix:s.sock,server=on",
            "x": "mux", "x-base": "null",
        }
        for label, filename in expect.items():
            self.assertEqual(c[label]["filename"], filename, label)
            self.assertFalse(c[label]["frontend-open"], label)

        # A connected TCP peer shows both ends.
        peer = connect_tcp(tport, q.proc)
        self.addCleanup(peer.close)
        local = "%s:%d" % peer.getsockname()
        end = time.monotonic() + qemulib.DEFAULT_TIMEOUT
        while chardevs(q)["t"]["filename"].startswith("disconnected:"):
            self.assertLess(time.monotonic(), end)
            time.sleep(0.02)
        self.assertEqual(chardevs(q)["t"]["filename"],
                         "tcp:127.0.0.1:%d,server=on <-> %s" % (tport, local))

    def test_shorthands_create_labelled_chardevs(self):
        port = free_port()
        q = self.qemu(BASE_ARGS + ["-serial", "tcp:127.0.0.1:%d,server=on,wait=off" % port,
                                   "-serial", "null",
                                   "-parallel", "none",
                                   "-monitor", "unix:m.sock,server,nowait"], qmp="unix")
        c = chardevs(q)
        self.assertEqual(c["serial0"]["filename"],
                         "disconnected:tcp:127.0.0.1:%d,server=on" % port)
        self.assertEqual(c["serial1"]["filename"], "null")
        self.assertEqual(c["compat_monitor0"]["filename"],
                         "disconnected:unix:m.sock,server=on")
        self.assertNotIn("parallel0", c)

    def test_malformed_shorthand(self):
        res = qemulib.run(BASE_ARGS + ["-monitor", "tcp:abc"])
        self.assertEqual(res.stderr, P + "-monitor tcp:abc: parse error: tcp:abc\n")
        self.assertEqual(res.returncode, 1)
        res = qemulib.run(BASE_ARGS + ["-serial", "udp:"])
        self.assertEqual(res.stderr, P + "-serial udp:: could not connect serial device "
                         "to character backend 'udp:'\n")
        self.assertEqual(res.returncode, 1)


class Qmp(QemuTestCase):
    def test_chardev_add_and_remove(self):
        q = self.qemu(BASE_ARGS, qmp="unix")
        sock = q.path("added.sock")
        self.assertEqual(q.qmp.execute("chardev-add", {
            "id": "a", "backend": {"type": "socket", "data": {
                "addr": {"type": "unix", "data": {"path": sock}}}}}), {})
        # QMP's defaults: a server that does not wait.
        self.assertEqual(chardevs(q)["a"]["filename"],
                         "disconnected:unix:%s,server=on" % sock)
        ret = q.qmp.execute("chardev-add", {"id": "p", "backend": {"type": "pty", "data": {}}})
        self.assertRegex(ret["pty"], r"^/dev/pts/\d+$")
        self.assertEqual(chardevs(q)["p"]["filename"], "pty:" + ret["pty"])
        with self.assertRaises(QmpError) as cm:
            q.qmp.execute("chardev-add", {"id": "a", "backend": {"type": "null", "data": {}}})
        self.assertEqual(cm.exception.desc, "Chardev with id 'a' already exists")
        with self.assertRaises(QmpError) as cm:
            q.qmp.execute("chardev-add", {"id": "b", "backend": {"type": "file", "data": {
                "out": "/nonexistent/x"}}})
        self.assertEqual(cm.exception.desc, "Failed to add chardev 'b': Could not open "
                         "'/nonexistent/x': No such file or directory")
        with self.assertRaises(QmpError) as cm:
            q.qmp.execute("chardev-add", {"id": "b", "backend": {"type": "ringbuf", "data": {
                "size": 3}}})
        self.assertEqual(cm.exception.desc, "Failed to add chardev 'b': size of ringbuf "
                         "chardev must be power of two")
        with self.assertRaises(QmpError) as cm:
            q.qmp.execute("chardev-remove", {"id": "compat_monitor0"})
        self.assertEqual(cm.exception.desc, "Chardev 'compat_monitor0' is busy")
        self.assertEqual(q.qmp.execute("chardev-remove", {"id": "a"}), {})
        self.assertFalse(os.path.exists(sock))
        self.assertEqual(q.qmp.execute("chardev-remove", {"id": "p"}), {})
        with self.assertRaises(QmpError) as cm:
            q.qmp.execute("chardev-remove", {"id": "a"})
        self.assertEqual(cm.exception.desc, "Chardev 'a' not found")
        self.assertEqual(set(chardevs(q)), {"compat_monitor0"})

    def test_ringbuf_round_trip(self):
        q = self.qemu(BASE_ARGS + ["-chardev", "ringbuf,id=r,size=4", "-chardev", "null,id=n"],
                      qmp="unix")
        q.qmp.execute("ringbuf-write", {"device": "r", "data": "abcdef"})
        self.assertEqual(q.qmp.execute("ringbuf-read", {"device": "r", "size": 10}), "cdef")
        q.qmp.execute("ringbuf-write", {"device": "r", "data": "YWJj", "format": "base64"})
        self.assertEqual(q.qmp.execute("ringbuf-read", {"device": "r", "size": 2,
                                                        "format": "base64"}), "YWI=")
        for args, desc in [({"device": "r", "size": 0}, "size must be greater than zero"),
                           ({"device": "n", "size": 1}, "n is not a ringbuf device"),
                           ({"device": "z", "size": 1}, "Device 'z' not found")]:
            with self.assertRaises(QmpError) as cm:
                q.qmp.execute("ringbuf-read", args)
            self.assertEqual(cm.exception.desc, desc)


class Backends(QemuTestCase):
    def test_monitor_on_a_file_with_a_log(self):
        q = self.qemu(BASE_ARGS + ["-chardev", "file,id=f,path=out.txt,logfile=log.txt",
                                   "-mon", "chardev=f"], qmp="unix")
        q.qmp.execute("quit")
        self.assertExit(q, 0)
        with open(q.path("out.txt"), "rb") as f:
            out = f.read()
        self.assertRegex(out, BANNER_RE.pattern + rb"\(qemu\) $")
        with open(q.path("log.txt"), "rb") as f:
            self.assertEqual(f.read(), out)

    def test_telnet_server_negotiates(self):
        port = free_port()
        q = self.qemu(BASE_ARGS + ["-chardev", "socket,id=t,host=127.0.0.1,port=%d,server=on,"
                                   "wait=off,telnet=on" % port, "-mon", "chardev=t"])
        sock = connect_tcp(port, q.proc)
        self.addCleanup(sock.close)
        stream = Stream(sock.fileno(), "telnet")
        data = stream.read_until(HmpClient.PROMPT)
        self.assertTrue(data.startswith(TELNET_INIT), data)
        self.assertRegex(data[len(TELNET_INIT):], BANNER_RE)
        # Telnet commands from the client are not seen by the monitor.
        hmp = HmpClient(stream, sock.fileno(), b"\r\n")
        sock.sendall(b"\xff\xfd\x01")
        self.assertEqual(hmp.cmd("info status"), "VM status: running\n")
        q.shutdown()

    def test_reconnecting_client(self):
        q = qemulib.Qemu([], start=False)
        self.addCleanup(q.shutdown)
        path = q.path("later.sock")
        q.args = BASE_ARGS + ["-chardev", "socket,id=c,path=%s,reconnect=1" % path,
                              "-mon", "chardev=c,mode=control"]
        q.start()
        q.stderr.read_until("Unable to connect character device c: Failed to connect to "
                            "'%s': No such file or directory\n" % path)
        srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        srv.bind(path)
        srv.listen(1)
        srv.settimeout(qemulib.DEFAULT_TIMEOUT)
        self.addCleanup(srv.close)
        for _ in range(2):
            conn, _ = srv.accept()
            qmp = qemulib.qmp_over_socket(conn)
            qmp.negotiate()
            self.assertEqual(qmp.execute("query-status")["status"], "running")
            qmp.close()
        # The failure was reported once, not at every retry.
        q.shutdown()
        self.assertEqual(q.stderr.seen.decode().count("Unable to connect"), 1)

    def test_udp_carries_a_monitor(self):
        peer = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        peer.bind(("127.0.0.1", 0))
        peer.settimeout(qemulib.DEFAULT_TIMEOUT)
        self.addCleanup(peer.close)
        lport = free_port(socket.SOCK_DGRAM)
        q = self.qemu(BASE_ARGS + ["-chardev", "udp,id=u,host=127.0.0.1,port=%d,"
                                   "localaddr=127.0.0.1,localport=%d"
                                   % (peer.getsockname()[1], lport),
                                   "-mon", "chardev=u"])
        # UDP is never reported open (so no banner), but the monitor
        # answers datagrams; resend until the emulator has bound its port.
        end = time.monotonic() + qemulib.DEFAULT_TIMEOUT
        got = b""
        peer.settimeout(0.2)
        while b"VM status: running" not in got:
            self.assertLess(time.monotonic(), end, got)
            if not got:
                peer.sendto(b"info status\n", ("127.0.0.1", lport))
            try:
                got += peer.recv(65536)
            except socket.timeout:
                pass
        self.assertNotIn(b"monitor - type 'help'", got)
        q.shutdown()


if __name__ == "__main__":
    qemulib.main()
