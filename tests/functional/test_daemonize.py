#!/usr/bin/env python3
"""-daemonize with -pidfile, and libvirt's capability probe (which uses
both): the parent returns only when the daemon is ready."""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemulib  # noqa: E402
from qemulib import (BASE_ARGS, NOT_SUPPORTED_RE, PROGNAME, QemuTestCase,  # noqa: E402
                     connect_unix, qmp_over_socket)

LIBVIRT_PROBE = ["-S", "-no-user-config", "-nodefaults", "-nographic",
                 "-machine", "none,accel=kvm:tcg"]

# The queries libvirt 9 sends while probing a binary (and a few more):
# each must be answered, with a return or an error, never a hang.
LIBVIRT_QUERIES = [
    ("query-version", None), ("query-target", None), ("query-commands", None),
    ("query-qmp-schema", None), ("query-kvm", None), ("query-machines", None),
    ("query-cpu-definitions", None), ("query-tpm-models", None),
    ("query-tpm-types", None), ("query-command-line-options", None),
    ("query-migrate-capabilities", None), ("qom-list-types", None),
    ("qom-list-types", {"implements": "device", "abstract": True}),
    ("query-sev-capabilities", None), ("query-sgx-capabilities", None),
    ("query-hotpluggable-cpus", None), ("query-status", None),
    ("qom-list-properties", {"typename": "memory-backend-file"}),
    ("device-list-properties", {"typename": "virtio-blk-pci"}),
    ("query-cpu-model-expansion", {"type": "static", "model": {"name": "host"}}),
]


def pid_alive(pid):
    """True while pid exists and is not a zombie."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False


def wait_gone(pid, timeout=None):
    end = qemulib.deadline(timeout)
    while pid_alive(pid):
        if time.monotonic() > end:
            raise TimeoutError("process %d still alive" % pid)
        time.sleep(0.01)


class Daemonize(QemuTestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="qt-", dir="/tmp")
        self.addCleanup(shutil.rmtree, self.dir, True)
        self.sock = os.path.join(self.dir, "m.sock")
        self.pidfile = os.path.join(self.dir, "q.pid")

    def daemonize(self, extra=(), sock=None):
        """Run the parent to completion; on success register a cleanup that
        kills the daemon.  Returns the CompletedProcess."""
        args = list(extra) + ["-qmp", "unix:%s,server=on,wait=off" % (sock or self.sock),
                              "-pidfile", self.pidfile, "-daemonize"]
        try:
            res = qemulib.run(args, cwd=self.dir)
        except subprocess.TimeoutExpired as e:
            self.fail("the parent did not return (it must detach stdout/stderr "
                      "once the daemon is ready): %s" % e)
        if res.returncode == 0 and os.path.exists(self.pidfile):
            pid = self.read_pid()
            self.addCleanup(self.kill_daemon, pid)
        return res

    def read_pid(self):
        with open(self.pidfile) as f:
            text = f.read()
        self.assertRegex(text, r"^\d+\n$")
        return int(text)

    def kill_daemon(self, pid):
        if pid_alive(pid):
            os.kill(pid, signal.SIGKILL)
            wait_gone(pid)

    def test_parent_returns_when_daemon_is_ready(self):
        res = self.daemonize(BASE_ARGS)
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertEqual(res.stdout, "")
        self.assertEqual(res.stderr, "")
        pid = self.read_pid()
        self.assertTrue(pid_alive(pid))
        # The socket accepts at once: no retry loop here on purpose.
        qmp = qmp_over_socket(connect_unix(self.sock, timeout=0))
        self.addCleanup(qmp.close)
        qmp.negotiate()
        self.assertEqual(qmp.execute("query-status")["status"], "running")

    def test_pidfile_removed_at_exit(self):
        res = self.daemonize(BASE_ARGS)
        self.assertEqual(res.returncode, 0, res.stderr)
        pid = self.read_pid()
        qmp = qmp_over_socket(connect_unix(self.sock, timeout=0))
        self.addCleanup(qmp.close)
        qmp.negotiate()
        qmp.execute("quit")
        qmp.stream.read_to_eof()        # the daemon closed the connection
        wait_gone(pid)
        self.assertFalse(os.path.exists(self.pidfile))

    def test_pidfile_removed_on_sigterm(self):
        res = self.daemonize(BASE_ARGS)
        self.assertEqual(res.returncode, 0, res.stderr)
        pid = self.read_pid()
        os.kill(pid, signal.SIGTERM)
        wait_gone(pid)
        self.assertFalse(os.path.exists(self.pidfile))

    def test_second_instance_on_same_pidfile_fails(self):
        res = self.daemonize(BASE_ARGS)
        self.assertEqual(res.returncode, 0, res.stderr)
        pid = self.read_pid()
        res2 = self.daemonize(BASE_ARGS, sock=os.path.join(self.dir, "m2.sock"))
        self.assertEqual(res2.returncode, 1)
        self.assertEqual(res2.stderr, "%s: cannot create PID file: Cannot lock pid file: "
                         "Resource temporarily unavailable\n" % PROGNAME)
        # The first instance and its pidfile are untouched.
        self.assertEqual(self.read_pid(), pid)
        self.assertTrue(pid_alive(pid))

    def test_second_instance_without_daemonize_fails_too(self):
        res = self.daemonize(BASE_ARGS)
        self.assertEqual(res.returncode, 0, res.stderr)
        res2 = qemulib.run(BASE_ARGS + ["-pidfile", self.pidfile], cwd=self.dir)
        self.assertEqual(res2.returncode, 1)
        self.assertEqual(res2.stderr, "%s: cannot create PID file: Cannot lock pid file: "
                         "Resource temporarily unavailable\n" % PROGNAME)

    def test_pidfile_without_daemonize(self):
        q = self.qemu(BASE_ARGS + ["-pidfile", self.pidfile], qmp="unix")
        self.assertEqual(self.read_pid(), q.pid)
        q.qmp.execute("quit")
        self.assertExit(q, 0)
        self.assertFalse(os.path.exists(self.pidfile))

    def test_libvirt_probe(self):
        res = self.daemonize(LIBVIRT_PROBE)
        if res.returncode != 0:
            # Accepted only as one of our documented "not supported yet"
            # errors (no accelerator yet): exit 1, one line, no daemon left.
            self.assertEqual(res.returncode, 1, res.stderr)
            self.assertRegex(res.stderr, r"^%s: .*" % PROGNAME)
            self.assertRegex(res.stderr, NOT_SUPPORTED_RE)
            self.assertFalse(os.path.exists(self.pidfile))
            self.skipTest("probe refused as documented: " + res.stderr.strip())
        pid = self.read_pid()
        qmp = qmp_over_socket(connect_unix(self.sock, timeout=0))
        self.addCleanup(qmp.close)
        qmp.negotiate()
        for name, args in LIBVIRT_QUERIES:
            reply = qmp.cmd(name, args, id=name, timeout=30)
            self.assertEqual(reply.get("id"), name)
            self.assertTrue("return" in reply or "error" in reply, reply)
        self.assertEqual(qmp.execute("query-status")["status"], "prelaunch")
        machines = [m["name"] for m in qmp.execute("query-machines")]
        self.assertIn("none", machines)
        self.assertEqual(qmp.execute("query-target"), {"arch": "x86_64"})
        kvm = qmp.execute("query-kvm")
        self.assertIsInstance(kvm["enabled"], bool)
        qmp.execute("quit")
        qmp.stream.read_to_eof()
        wait_gone(pid)
        self.assertFalse(os.path.exists(self.pidfile))

    @qemulib.ours_only("accel=kvm:tcg is not provided yet by the foundation")
    def test_libvirt_probe_error_is_documented(self):
        res = self.daemonize(LIBVIRT_PROBE)
        if res.returncode == 0:
            self.skipTest("the probe command line is supported now")
        self.assertEqual(res.returncode, 1)
        self.assertTrue(re.match(r"^%s: [^\n]*not supported yet[^\n]*\n$" % PROGNAME,
                                 res.stderr), res.stderr)


if __name__ == "__main__":
    qemulib.main()
