#!/usr/bin/env python3
"""Run states and their events: -S (prelaunch), cont/stop, system_reset,
system_powerdown, quit and SIGTERM."""

import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemulib  # noqa: E402
from qemulib import BASE_ARGS, PROGNAME, QemuTestCase  # noqa: E402


def status(name, running):
    return {"status": name, "singlestep": False, "running": running}


class RunState(QemuTestCase):
    def test_dash_S_waits_in_prelaunch(self):
        q = self.qemu(BASE_ARGS + ["-S"], qmp="unix")
        self.assertEqual(q.qmp.execute("query-status"), status("prelaunch", False))

    def test_cont_gives_resume_and_running(self):
        q = self.qemu(BASE_ARGS + ["-S"], qmp="unix")
        self.assertEqual(q.qmp.execute("cont"), {})
        ev = q.qmp.wait_event("RESUME")
        self.assertNotIn("data", ev)
        self.assertEqual(q.qmp.execute("query-status"), status("running", True))

    def test_stop_gives_stop_and_paused(self):
        q = self.qemu(BASE_ARGS, qmp="unix")
        self.assertEqual(q.qmp.execute("stop"), {})
        ev = q.qmp.wait_event("STOP")
        self.assertNotIn("data", ev)
        self.assertEqual(q.qmp.execute("query-status"), status("paused", False))
        self.assertEqual(q.qmp.execute("cont"), {})
        q.qmp.wait_event("RESUME")
        self.assertEqual(q.qmp.execute("query-status"), status("running", True))

    def test_repeated_stop_and_cont_send_no_second_event(self):
        q = self.qemu(BASE_ARGS, qmp="unix")
        q.qmp.execute("stop")
        q.qmp.execute("stop")
        q.qmp.execute("cont")
        q.qmp.execute("cont")
        q.qmp.execute("query-status")           # every event is queued by now
        self.assertEqual([e["event"] for e in q.qmp.events], ["STOP", "RESUME"])

    def test_system_reset_gives_reset(self):
        q = self.qemu(BASE_ARGS, qmp="unix")
        self.assertEqual(q.qmp.execute("system_reset"), {})
        ev = q.qmp.wait_event("RESET")
        self.assertEqual(ev["data"], {"guest": False, "reason": "host-qmp-system-reset"})
        self.assertEqual(q.qmp.execute("query-status"), status("running", True))

    def test_system_reset_while_paused_goes_to_prelaunch(self):
        q = self.qemu(BASE_ARGS, qmp="unix")
        q.qmp.execute("stop")
        q.qmp.execute("system_reset")
        q.qmp.wait_event("RESET")
        self.assertEqual(q.qmp.execute("query-status"), status("prelaunch", False))
        q.qmp.execute("cont")
        q.qmp.wait_event("RESUME")
        self.assertEqual(q.qmp.execute("query-status"), status("running", True))

    def test_system_powerdown_gives_powerdown(self):
        q = self.qemu(BASE_ARGS, qmp="unix")
        self.assertEqual(q.qmp.execute("system_powerdown"), {})
        ev = q.qmp.wait_event("POWERDOWN")
        self.assertNotIn("data", ev)
        # With no guest to act on it, the machine keeps running.
        self.assertEqual(q.qmp.execute("query-status"), status("running", True))

    def test_quit_gives_shutdown_and_exit_0(self):
        q = self.qemu(BASE_ARGS, qmp="unix")
        q.qmp.send("quit", id="q")
        self.assertEqual(q.qmp.response(), {"return": {}, "id": "q"})
        ev = q.qmp.wait_event("SHUTDOWN")
        self.assertEqual(ev["data"], {"guest": False, "reason": "host-qmp-quit"})
        self.assertExit(q, 0)
        self.assertEqual(q.stderr_text(), "")

    def test_quit_while_in_prelaunch(self):
        q = self.qemu(BASE_ARGS + ["-S"], qmp="unix")
        q.qmp.execute("quit")
        self.assertExit(q, 0)

    def test_sigterm_gives_shutdown_and_message(self):
        q = self.qemu(BASE_ARGS, qmp="unix")
        os.kill(q.pid, signal.SIGTERM)
        ev = q.qmp.wait_event("SHUTDOWN")
        self.assertEqual(ev["data"], {"guest": False, "reason": "host-signal"})
        self.assertExit(q, 0)
        # QEMU names the sender by the first word of its /proc/PID/cmdline.
        with open("/proc/self/cmdline", "rb") as f:
            me = f.read().split(b"\0")[0].decode()
        self.assertEqual(q.stderr_text(),
                         "%s: terminating on signal 15 from pid %d (%s)\n"
                         % (PROGNAME, os.getpid(), me))

    def test_sigint_and_sighup_also_terminate(self):
        for sig in (signal.SIGINT, signal.SIGHUP):
            q = self.qemu(BASE_ARGS, qmp="unix")
            os.kill(q.pid, sig)
            ev = q.qmp.wait_event("SHUTDOWN")
            self.assertEqual(ev["data"], {"guest": False, "reason": "host-signal"})
            self.assertExit(q, 0)
            self.assertIn("terminating on signal %d from pid %d" % (sig, os.getpid()),
                          q.stderr_text())

    def test_no_shutdown_keeps_quit_working(self):
        q = self.qemu(BASE_ARGS + ["-no-shutdown"], qmp="unix")
        q.qmp.execute("quit")
        ev = q.qmp.wait_event("SHUTDOWN")
        self.assertEqual(ev["data"]["reason"], "host-qmp-quit")
        self.assertExit(q, 0)


if __name__ == "__main__":
    qemulib.main()
