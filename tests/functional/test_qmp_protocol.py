#!/usr/bin/env python3
"""QMP protocol over a unix socket and over stdio: greeting, capabilities
negotiation, the core queries, the schema, ids and events."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemulib  # noqa: E402
from qemulib import BASE_ARGS, QemuTestCase  # noqa: E402

# Commands the foundation must offer (libvirt's probe and everyday
# management use these; each exists in QEMU 7.2's query-commands).
REQUIRED_COMMANDS = [
    "qmp_capabilities", "query-version", "query-status", "query-commands",
    "query-qmp-schema", "quit", "stop", "cont", "system_reset",
    "system_powerdown", "human-monitor-command", "query-name", "query-uuid",
    "query-kvm", "query-target", "query-machines", "query-chardev",
    "chardev-add", "chardev-remove", "qom-list", "qom-get", "qom-set",
    "qom-list-types", "qom-list-properties", "device-list-properties",
    "device_add", "device_del", "object-add", "object-del",
    "query-command-line-options", "query-cpus-fast",
    "query-hotpluggable-cpus", "query-migrate-capabilities",
    "migrate-set-capabilities", "query-iothreads",
]


class GreetingShape:
    def check_greeting(self, greeting):
        self.assertEqual(list(greeting), ["QMP"])
        qmp = greeting["QMP"]
        self.assertEqual(sorted(qmp), ["capabilities", "version"])
        self.assertEqual(qmp["capabilities"], ["oob"])
        version = qmp["version"]
        self.assertEqual(sorted(version), ["package", "qemu"])
        self.assertIsInstance(version["package"], str)
        self.assertEqual(sorted(version["qemu"]), ["major", "micro", "minor"])
        self.assertEqual(version["qemu"]["major"], 7)
        self.assertEqual(version["qemu"]["minor"], 2)
        self.assertIsInstance(version["qemu"]["micro"], int)
        if not qemulib.is_reference():
            self.assertEqual(version["qemu"]["micro"], 0)
            self.assertEqual(version["package"], "")


class QmpOverUnixSocket(QemuTestCase, GreetingShape):
    def setUp(self):
        self.q = self.qemu(BASE_ARGS, qmp="unix", negotiate=False)
        self.qmp = self.q.qmp

    def test_greeting_has_version_and_oob_capability(self):
        self.check_greeting(self.qmp.read_greeting())

    def test_greeting_line_ends_with_crlf(self):
        line = self.qmp.stream.read_line()
        self.assertTrue(line.endswith(b"}\r\n"), line)

    def test_commands_before_negotiation_are_refused(self):
        self.qmp.read_greeting()
        reply = self.qmp.cmd("query-status", id="early")
        self.assertEqual(reply, {"id": "early", "error": {
            "class": "CommandNotFound",
            "desc": "Expecting capabilities negotiation with 'qmp_capabilities'"}})
        self.assertEqual(self.qmp.cmd("qmp_capabilities"), {"return": {}})
        self.assertEqual(self.qmp.cmd("query-status")["return"]["status"], "running")

    def test_second_negotiation_is_refused(self):
        self.qmp.negotiate()
        reply = self.qmp.cmd("qmp_capabilities")
        self.assertEqual(reply, {"error": {
            "class": "CommandNotFound",
            "desc": "Capabilities negotiation is already complete, command ignored"}})

    def test_query_version_matches_greeting(self):
        self.qmp.negotiate()
        ver = self.qmp.execute("query-version")
        self.assertEqual(ver, self.qmp.greeting["QMP"]["version"])

    def test_query_status_running(self):
        self.qmp.negotiate()
        self.assertEqual(self.qmp.execute("query-status"),
                         {"status": "running", "singlestep": False, "running": True})

    def test_query_commands_lists_required_commands(self):
        self.qmp.negotiate()
        cmds = self.qmp.execute("query-commands")
        names = [c["name"] for c in cmds]
        for c in cmds:
            self.assertEqual(list(c), ["name"])
        self.assertEqual(len(names), len(set(names)), "duplicate command names")
        missing = [n for n in REQUIRED_COMMANDS if n not in names]
        self.assertEqual(missing, [], "commands missing from query-commands")

    def test_every_listed_command_is_known(self):
        # A command in query-commands never answers CommandNotFound.
        self.qmp.negotiate()
        for name in ("query-name", "query-uuid", "query-target", "query-kvm"):
            reply = self.qmp.cmd(name)
            self.assertIn("return", reply, name)
        self.assertEqual(self.qmp.execute("query-name"), {})
        self.assertEqual(self.qmp.execute("query-target"), {"arch": "x86_64"})
        self.assertEqual(self.qmp.execute("query-uuid"),
                         {"UUID": "00000000-0000-0000-0000-000000000000"})
        kvm = self.qmp.execute("query-kvm")
        self.assertEqual(sorted(kvm), ["enabled", "present"])
        self.assertEqual(kvm["enabled"], False)

    def test_qmp_schema_is_well_formed(self):
        self.qmp.negotiate()
        schema = self.qmp.execute("query-qmp-schema", timeout=30)
        self.assertIsInstance(schema, list)
        by_name = {}
        for entry in schema:
            self.assertIn("name", entry)
            self.assertIn("meta-type", entry)
            self.assertNotIn(entry["name"], by_name, "duplicate schema name")
            by_name[entry["name"]] = entry

        def resolvable(type_name, where):
            self.assertIn(type_name, by_name, "%s refers to unknown type %r" % (where, type_name))

        metas = {"builtin", "enum", "array", "object", "alternate", "command", "event"}
        for name, e in by_name.items():
            meta = e["meta-type"]
            self.assertIn(meta, metas, name)
            if meta == "command":
                resolvable(e["arg-type"], name)
                resolvable(e["ret-type"], name)
            elif meta == "event":
                resolvable(e["arg-type"], name)
            elif meta == "array":
                resolvable(e["element-type"], name)
            elif meta == "object":
                for m in e["members"]:
                    resolvable(m["type"], "%s.%s" % (name, m["name"]))
                for v in e.get("variants", []):
                    resolvable(v["type"], "%s variant %s" % (name, v["case"]))
            elif meta == "alternate":
                for m in e["members"]:
                    resolvable(m["type"], name)
            elif meta == "enum":
                self.assertTrue(all(isinstance(v, str) for v in e["values"]), name)
        commands = {n for n, e in by_name.items() if e["meta-type"] == "command"}
        listed = {c["name"] for c in self.qmp.execute("query-commands")}
        self.assertEqual(sorted(listed - commands), [],
                         "in query-commands but not in the schema")
        self.assertEqual(sorted(commands - listed), [],
                         "in the schema but not in query-commands")
        for ev in ("SHUTDOWN", "STOP", "RESUME", "RESET", "POWERDOWN"):
            self.assertEqual(by_name.get(ev, {}).get("meta-type"), "event", ev)
        # Spot checks of argument shapes users rely on.
        hmc = by_name["human-monitor-command"]
        args = {m["name"]: m for m in by_name[hmc["arg-type"]]["members"]}
        self.assertEqual(by_name[args["command-line"]["type"]]["json-type"], "string")
        self.assertIn("default", args["cpu-index"])     # optional member

    def test_id_is_echoed_whatever_its_type(self):
        self.qmp.negotiate()
        for cid in ("a string", 42, 1.5, [1, {"a": 2}], {"nested": [True, None]}):
            reply = self.qmp.cmd("query-status", id=cid)
            self.assertEqual(reply.get("id"), cid)
            self.assertIn("return", reply)
        reply = self.qmp.cmd("no-such-command", id="x1")
        self.assertEqual(reply["id"], "x1")
        self.assertEqual(reply["error"]["class"], "CommandNotFound")

    def test_events_carry_timestamps(self):
        self.qmp.negotiate()
        before = time.time()
        self.qmp.execute("stop")
        ev = self.qmp.wait_event("STOP")
        after = time.time()
        self.assertEqual(sorted(ev), ["event", "timestamp"])
        ts = ev["timestamp"]
        self.assertEqual(sorted(ts), ["microseconds", "seconds"])
        self.assertIsInstance(ts["seconds"], int)
        self.assertIsInstance(ts["microseconds"], int)
        self.assertTrue(0 <= ts["microseconds"] < 1000000)
        stamp = ts["seconds"] + ts["microseconds"] / 1e6
        self.assertTrue(before - 1 <= stamp <= after + 1, (before, stamp, after))


class QmpOverStdio(QemuTestCase, GreetingShape):
    def setUp(self):
        self.q = self.qemu(BASE_ARGS, qmp="stdio", negotiate=False)
        self.qmp = self.q.qmp

    def test_greeting(self):
        self.check_greeting(self.qmp.read_greeting())

    def test_negotiation_then_queries(self):
        self.qmp.read_greeting()
        reply = self.qmp.cmd("query-version")
        self.assertEqual(reply["error"]["class"], "CommandNotFound")
        self.qmp.negotiate()
        self.assertEqual(self.qmp.execute("query-version"), self.qmp.greeting["QMP"]["version"])
        self.assertEqual(self.qmp.execute("query-status")["status"], "running")

    def test_requests_split_and_batched(self):
        # QMP is a byte stream: a request may arrive in pieces, several in
        # one write, with any whitespace between.
        self.qmp.negotiate()
        self.qmp.send_raw('{"execute":')
        self.qmp.stream.expect_silence(0.2)
        self.qmp.send_raw(' "query-status", "id": 1}\n  {"execute": "query-name", "id": 2}'
                          '{"execute": "query-target", "id": 3}\n')
        self.assertEqual(self.qmp.response()["id"], 1)
        self.assertEqual(self.qmp.response(), {"return": {}, "id": 2})
        self.assertEqual(self.qmp.response(), {"return": {"arch": "x86_64"}, "id": 3})

    def test_quit_replies_and_exits(self):
        self.qmp.negotiate()
        self.qmp.send("quit", id="bye")
        self.assertEqual(self.qmp.response(), {"return": {}, "id": "bye"})
        self.assertExit(self.q, 0)


if __name__ == "__main__":
    qemulib.main()
