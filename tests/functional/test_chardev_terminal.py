#!/usr/bin/env python3
"""Terminals: the stdio multiplexer (Ctrl-A commands) on a pty, and the
pty chardev (its "char device redirected to" line, then a monitor on it)."""

import json
import os
import re
import sys
import tty

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemulib  # noqa: E402
from qemulib import BASE_ARGS, HmpClient, QemuTestCase, Stream  # noqa: E402

CTRL_A = b"\x01"
MUX_HELP = ["C-a h    print this help",
            "C-a x    exit emulator",
            "C-a s    save disk data back to file (if -snapshot)",
            "C-a t    toggle console timestamps",
            "C-a b    send break (magic sysrq)",
            "C-a c    switch between console and monitor",
            "C-a C-a  sends C-a"]


class StdioMux(QemuTestCase):
    def start_mux(self, args):
        q = self.qemu(BASE_ARGS + args, terminal=True)
        return q

    def check_help(self, q):
        q.write(CTRL_A + b"h")
        text = q.tty.read_until(b"C-a C-a  sends C-a").decode()
        lines = [l.strip("\r") for l in text.split("\n")]
        self.assertEqual([l for l in lines if l.startswith("C-a")], MUX_HELP)

    def check_exit(self, q):
        q.write(CTRL_A + b"x")
        q.tty.read_until(b"QEMU: Terminated")
        self.assertExit(q, 0)

    def test_mon_stdio_help_monitor_and_exit(self):
        q = self.start_mux(["-serial", "mon:stdio"])
        hmp = HmpClient(q.tty, q._master, b"\r")
        hmp.read_banner()
        self.assertRegex(hmp.banner, r"QEMU 7\.2\.\d+ monitor")
        self.check_help(q)
        self.assertEqual(hmp.cmd("info status"), "VM status: running\n")
        self.check_exit(q)

    def test_mux_chardev_with_monitor(self):
        q = self.start_mux(["-chardev", "stdio,mux=on,id=c", "-mon", "chardev=c"])
        hmp = HmpClient(q.tty, q._master, b"\r")
        hmp.read_banner()
        self.check_help(q)
        self.assertEqual(hmp.cmd("info status"), "VM status: running\n")
        self.check_exit(q)

    def test_ctrl_a_c_switches_between_frontends(self):
        # Two monitors share the terminal: HMP, then QMP.  Input goes to the
        # one with the focus (at first the last attached, QMP); output of
        # both reaches the terminal, in an order that depends on timing, so
        # each step waits for the answer that only the focused monitor gives.
        q = self.start_mux(["-chardev", "stdio,mux=on,id=c", "-mon", "chardev=c,mode=readline",
                            "-mon", "chardev=c,mode=control"])
        q.tty.read_until(b'{"QMP": ')
        self.assertEqual(self.qmp_reply(q, "qmp_capabilities", "neg"), {"return": {}, "id": "neg"})
        q.write(CTRL_A + b"c")                        # to HMP
        q.write(b"info status\r")
        q.tty.read_until(b"VM status: running")
        q.write(CTRL_A + b"c")                        # back to QMP
        reply = self.qmp_reply(q, "query-status", "st")
        self.assertEqual(reply["return"]["status"], "running")
        self.check_exit(q)

    def qmp_reply(self, q, command, cid):
        """Type a QMP command; its reply, found by its id among the output."""
        q.write(json.dumps({"execute": command, "id": cid}) + "\r")
        data = q.tty.read_until(re.compile(rb'[^\n]*"id": "%s"[^\n]*\n' % cid.encode()))
        return json.loads(data.rstrip().split(b"\n")[-1].strip(b"\r"))

    def test_ctrl_a_ctrl_a_sends_ctrl_a(self):
        q = self.start_mux(["-serial", "mon:stdio"])
        hmp = HmpClient(q.tty, q._master, b"\r")
        hmp.read_banner()
        # Ctrl-A Ctrl-A gives the monitor one Ctrl-A: readline moves to the
        # start of the line, so "tatus" + ^A + "info s" reads "info status".
        q.write(b"tatus" + CTRL_A + CTRL_A + b"info s\r")
        out = q.tty.read_until(HmpClient.PROMPT).decode(errors="replace")
        self.assertIn("VM status: running", out)
        self.check_exit(q)


class PtyChardev(QemuTestCase):
    def pty_path(self, q, label):
        line = q.stdout.read_line().decode()
        m = re.match(r"^char device redirected to (/dev/pts/\d+) \(label %s\)\r?\n$"
                     % re.escape(label), line)
        self.assertTrue(m, "unexpected line %r" % line)
        return m.group(1)

    def open_tty(self, path):
        fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
        self.addCleanup(os.close, fd)
        tty.setraw(fd)
        return fd

    def test_pty_prints_its_path_and_carries_a_monitor(self):
        q = self.qemu(BASE_ARGS + ["-chardev", "pty,id=charserial1", "-mon", "chardev=charserial1"],
                      qmp="unix")
        path = self.pty_path(q, "charserial1")
        fd = self.open_tty(path)
        hmp = HmpClient(Stream(fd, "pty"), fd, b"\r")
        # The monitor greets the terminal once it sees it opened.
        self.assertRegex(hmp.read_banner(), r"QEMU 7\.2\.\d+ monitor")
        self.assertEqual(hmp.cmd("info status"), "VM status: running\n")
        chardevs = {c["label"]: c for c in q.qmp.execute("query-chardev")}
        self.assertEqual(chardevs["charserial1"]["filename"], "pty:" + path)

    def test_serial_pty_on_empty_machine(self):
        q = self.qemu(BASE_ARGS + ["-serial", "pty"], qmp="unix")
        path = self.pty_path(q, "serial0")
        self.assertTrue(os.path.exists(path))
        chardevs = {c["label"]: c for c in q.qmp.execute("query-chardev")}
        self.assertEqual(chardevs["serial0"]["filename"], "pty:" + path)

    def test_two_ptys_get_two_lines(self):
        q = self.qemu(BASE_ARGS + ["-chardev", "pty,id=a", "-chardev", "pty,id=b"], qmp="unix")
        pa = self.pty_path(q, "a")
        pb = self.pty_path(q, "b")
        self.assertNotEqual(pa, pb)


if __name__ == "__main__":
    qemulib.main()
