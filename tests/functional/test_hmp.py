#!/usr/bin/env python3
"""The human monitor: over -monitor stdio, and through QMP's
human-monitor-command (what libvirt uses)."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemulib  # noqa: E402
from qemulib import BASE_ARGS, QemuTestCase  # noqa: E402

VERSION_RE = r"7\.2\.\d+"


class HmpOverStdio(QemuTestCase):
    def start(self, extra=()):
        q = self.qemu(BASE_ARGS + list(extra), monitor="stdio")
        self.banner = q.hmp.read_banner()
        return q, q.hmp

    def test_banner_and_prompt(self):
        q, hmp = self.start()
        self.assertRegex(self.banner,
                         r"^QEMU %s monitor - type 'help' for more information\n$" % VERSION_RE)
        if not qemulib.is_reference():
            self.assertEqual(self.banner,
                             "QEMU 7.2.0 monitor - type 'help' for more information\n")

    def test_info_version(self):
        q, hmp = self.start()
        out = hmp.cmd("info version")
        self.assertRegex(out, r"^%s.*\n$" % VERSION_RE)
        if not qemulib.is_reference():
            self.assertEqual(out, "7.2.0\n")

    def test_info_status_follows_stop_and_cont(self):
        q, hmp = self.start()
        self.assertEqual(hmp.cmd("info status"), "VM status: running\n")
        self.assertEqual(hmp.cmd("stop"), "")
        self.assertEqual(hmp.cmd("info status"), "VM status: paused\n")
        self.assertEqual(hmp.cmd("cont"), "")
        self.assertEqual(hmp.cmd("info status"), "VM status: running\n")
        self.assertEqual(hmp.cmd("s"), "")            # short names
        self.assertEqual(hmp.cmd("info status"), "VM status: paused\n")
        self.assertEqual(hmp.cmd("c"), "")
        self.assertEqual(hmp.cmd("info status"), "VM status: running\n")

    def test_info_status_prelaunch(self):
        q, hmp = self.start(["-S"])
        self.assertEqual(hmp.cmd("info status"), "VM status: paused (prelaunch)\n")

    def test_info_name(self):
        q, hmp = self.start(["-name", "guest=demo"])
        self.assertEqual(hmp.cmd("info name"), "demo\n")

    def test_help_lists_commands(self):
        q, hmp = self.start()
        lines = hmp.cmd("help").splitlines()
        for expected in ("cont|c  -- resume emulation",
                         "help|? [cmd] -- show the help",
                         "info [subcommand] -- show various information about the system state",
                         "quit|q  -- quit the emulator",
                         "stop|s  -- stop emulation",
                         "system_powerdown  -- send system power down event",
                         "system_reset  -- reset the system"):
            self.assertIn(expected, lines)

    def test_info_without_argument_lists_info_commands(self):
        q, hmp = self.start()
        lines = hmp.cmd("info").splitlines()
        for expected in ("info qom-tree [path] -- show QOM composition tree",
                         "info qtree  -- show device tree",
                         "info status  -- show the current VM status (running|paused)",
                         "info version  -- show the version of QEMU"):
            self.assertIn(expected, lines)

    def test_info_qtree_of_empty_machine(self):
        q, hmp = self.start()
        self.assertEqual(hmp.cmd("info qtree"), "bus: main-system-bus\n  type System\n")

    def test_info_qom_tree_containers(self):
        q, hmp = self.start()
        lines = hmp.cmd("info qom-tree").splitlines()
        self.assertEqual(lines[0], "/machine (none-machine)")
        for expected in ("  /peripheral (container)", "  /peripheral-anon (container)",
                         "  /unattached (container)", "    /sysbus (System)"):
            self.assertIn(expected, lines)

    def test_info_qom_tree_exact(self):
        q, hmp = self.start()
        self.assertEqual(hmp.cmd("info qom-tree"),
                         "/machine (none-machine)\n"
                         "  /peripheral (container)\n"
                         "  /peripheral-anon (container)\n"
                         "  /unattached (container)\n"
                         "    /io[0] (memory-region)\n"
                         "    /sysbus (System)\n"
                         "    /system[0] (memory-region)\n")

    def test_unknown_command(self):
        q, hmp = self.start()
        self.assertEqual(hmp.cmd("nonesuch"), "unknown command: 'nonesuch'\n")
        self.assertEqual(hmp.cmd("info status"), "VM status: running\n")

    def test_quit_exits_0(self):
        q, hmp = self.start()
        hmp.send("quit")
        self.assertExit(q, 0)

    def test_hmp_and_qmp_side_by_side(self):
        q = self.qemu(BASE_ARGS, monitor="stdio", qmp="unix")
        q.hmp.read_banner()
        self.assertEqual(q.hmp.cmd("stop"), "")
        q.qmp.wait_event("STOP")
        self.assertEqual(q.qmp.execute("query-status")["status"], "paused")
        q.qmp.execute("cont")
        self.assertEqual(q.hmp.cmd("info status"), "VM status: running\n")


class HumanMonitorCommand(QemuTestCase):
    def setUp(self):
        self.q = self.qemu(BASE_ARGS, qmp="unix")
        self.qmp = self.q.qmp

    def hmc(self, line):
        return self.qmp.execute("human-monitor-command", {"command-line": line})

    def test_output_uses_crlf(self):
        self.assertEqual(self.hmc("info status"), "VM status: running\r\n")
        self.assertRegex(self.hmc("info version"), r"^%s.*\r\n$" % VERSION_RE)

    def test_stop_and_cont_give_events(self):
        self.assertEqual(self.hmc("stop"), "")
        self.qmp.wait_event("STOP")
        self.assertEqual(self.hmc("info status"), "VM status: paused\r\n")
        self.assertEqual(self.hmc("cont"), "")
        self.qmp.wait_event("RESUME")

    def test_unknown_command_is_output_not_error(self):
        self.assertEqual(self.hmc("nonesuch"), "unknown command: 'nonesuch'\r\n")

    def test_info_qtree(self):
        self.assertEqual(self.hmc("info qtree"), "bus: main-system-bus\r\n  type System\r\n")

    def test_empty_command_line(self):
        self.assertEqual(self.hmc(""), "")


if __name__ == "__main__":
    qemulib.main()
