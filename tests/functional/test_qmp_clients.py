#!/usr/bin/env python3
"""Several QMP clients at once: events reach every monitor, and a client
that never reads cannot stall the others."""

import json
import os
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemulib  # noqa: E402
from qemulib import BASE_ARGS, QemuTestCase  # noqa: E402


class SeveralMonitors(QemuTestCase):
    def start_two(self, extra=()):
        q = self.qemu(BASE_ARGS + ["-qmp", "unix:b.sock,server=on,wait=off"] + list(extra),
                      qmp="unix")
        a = q.qmp
        b = q.connect_qmp(q.path("b.sock"))
        self.addCleanup(b.close)
        return q, a, b

    def test_both_monitors_get_events(self):
        q, a, b = self.start_two()
        a.execute("stop")
        for client in (a, b):
            self.assertEqual(client.wait_event("STOP")["event"], "STOP")
        b.execute("cont")
        for client in (a, b):
            client.wait_event("RESUME")
        a.execute("system_reset")
        ra, rb = a.wait_event("RESET"), b.wait_event("RESET")
        self.assertEqual(ra, rb)     # the same event, the same timestamp

    def test_monitor_on_chardev_and_qmp_option_both_get_events(self):
        q = self.qemu(BASE_ARGS + ["-chardev", "socket,id=m2,path=m2.sock,server=on,wait=off",
                                   "-mon", "chardev=m2,mode=control"], qmp="unix")
        other = q.connect_qmp(q.path("m2.sock"))
        self.addCleanup(other.close)
        q.qmp.execute("system_powerdown")
        q.qmp.wait_event("POWERDOWN")
        other.wait_event("POWERDOWN")

    def test_events_are_not_sent_before_negotiation(self):
        q, a, b = self.start_two()
        # A socket monitor serves one client at a time: free b's socket for
        # a fresh client that does not negotiate.
        b.close()
        fresh = q.connect_qmp(q.path("b.sock"), negotiate=False)
        self.addCleanup(fresh.close)
        fresh.read_greeting()
        a.execute("stop")
        a.wait_event("STOP")
        a.execute("query-status")
        fresh.stream.expect_silence(0.3)
        fresh.negotiate()
        self.assertEqual(fresh.execute("query-status")["status"], "paused")
        self.assertEqual(fresh.events, [])

    def test_client_that_never_reads_does_not_block_others(self):
        q, a, b = self.start_two()
        # Client a asks for large replies and never reads them; its socket
        # buffers fill up.
        a.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        a.sock.setblocking(False)
        request = (json.dumps({"execute": "query-qmp-schema"}) + "\n").encode()
        pending = request * 64
        sent = 0
        while sent < len(pending):
            try:
                sent += a.sock.send(pending[sent:])
            except BlockingIOError:
                break
        # Meanwhile b gets every reply and event promptly.
        for i in range(20):
            start = time.monotonic()
            self.assertEqual(b.execute("query-status", timeout=5)["status"], "running")
            self.assertLess(time.monotonic() - start, 5)
        for _ in range(10):                 # events queue up for a as well
            b.execute("stop")
            b.wait_event("STOP", timeout=5)
            b.execute("cont")
            b.wait_event("RESUME", timeout=5)
        self.assertEqual(len(b.execute("query-qmp-schema", timeout=10)) > 10, True)
        # When a finally reads, its first reply is whole.
        a.sock.setblocking(True)
        first = a.response(timeout=30)
        self.assertIsInstance(first.get("return"), list)
        # And the process still quits promptly.
        b.send("quit")
        self.assertExit(q, 0, timeout=15)


if __name__ == "__main__":
    qemulib.main()
