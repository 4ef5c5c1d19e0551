#!/usr/bin/env python3
"""Bad QMP input: each gets QEMU 7.2's error reply and the session goes on
(a query-status right after still works)."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemulib  # noqa: E402
from qemulib import BASE_ARGS, QemuTestCase  # noqa: E402

RUNNING = {"status": "running", "singlestep": False, "running": True}


def generic(desc):
    return {"error": {"class": "GenericError", "desc": desc}}


class QmpBadInput(QemuTestCase):
    def setUp(self):
        self.q = self.qemu(BASE_ARGS, qmp="unix")
        self.qmp = self.q.qmp

    def assertSessionAlive(self):
        reply = self.qmp.cmd("query-status", id="alive")
        self.assertEqual(reply, {"return": RUNNING, "id": "alive"})

    def assertRawReplies(self, raw, expected, timeout=None):
        self.qmp.send_raw(raw)
        self.assertEqual(self.qmp.response(timeout), expected)
        self.assertSessionAlive()

    def test_malformed_json(self):
        self.assertRawReplies('{"execute": }\n', generic("JSON parse error, expecting value"))

    def test_trailing_comma(self):
        self.assertRawReplies('{"execute": "query-status",}\n',
                              generic("JSON parse error, expecting value"))

    def test_missing_colon(self):
        self.assertRawReplies('{"execute" "query-status"}\n',
                              generic("JSON parse error, missing : in object pair"))

    def test_missing_comma(self):
        self.assertRawReplies('{"execute": "query-status" "id": 1}\n',
                              generic("JSON parse error, expected separator in dict"))

    def test_stray_control_character(self):
        self.assertRawReplies(b'\x01\n', generic("JSON parse error, stray '\x01'"))

    def test_invalid_keyword_after_a_request(self):
        self.qmp.send_raw('{"execute": "query-status"} garbage\n')
        self.assertEqual(self.qmp.response(), {"return": RUNNING})
        self.assertEqual(self.qmp.response(),
                         generic("JSON parse error, invalid keyword 'garbage'"))
        self.assertSessionAlive()

    def test_input_not_an_object(self):
        for raw in ('[1, 2]\n', '"abc"\n', '42\n'):
            self.assertRawReplies(raw, generic("QMP input must be a JSON object"))

    def test_nesting_limit(self):
        # The excess brackets that follow the refused prefix give more
        # parse errors (how many is QEMU's streamer's business); then the
        # session is back to normal.
        self.qmp.send_raw("[" * 1100 + "]" * 1100 + "\n")
        self.assertEqual(self.qmp.response(), generic("JSON nesting depth limit exceeded"))
        self.qmp.send("query-status", id="alive")
        for _ in range(2300):
            reply = self.qmp.response()
            if reply.get("id") == "alive":
                self.assertEqual(reply["return"], RUNNING)
                break
            self.assertEqual(reply["error"]["class"], "GenericError")
        else:
            self.fail("no reply to query-status after the nesting error")

    def test_one_mebibyte_line(self):
        big = "x" * (1 << 20)
        self.assertRawReplies('{"execute": "query-status", "junk": "%s"}\n' % big,
                              generic("QMP input member 'junk' is unexpected"),
                              timeout=60)

    def test_one_mebibyte_argument(self):
        items = ",".join(["1"] * (1 << 19))      # about 1 MiB, half a million tokens
        self.assertRawReplies('{"execute": "query-status", "arguments": {"x": [%s]}}\n' % items,
                              generic("Parameter 'x' is unexpected"), timeout=60)

    def test_unknown_command(self):
        reply = self.qmp.cmd("no-such-command", id=5)
        self.assertEqual(reply, {"id": 5, "error": {
            "class": "CommandNotFound",
            "desc": "The command no-such-command has not been found"}})
        self.assertSessionAlive()

    def test_bad_argument_type(self):
        reply = self.qmp.cmd("human-monitor-command", {"command-line": 5})
        self.assertEqual(reply, generic(
            "Invalid parameter type for 'command-line', expected: string"))
        self.assertSessionAlive()

    def test_missing_argument(self):
        reply = self.qmp.cmd("human-monitor-command")
        self.assertEqual(reply, generic("Parameter 'command-line' is missing"))
        self.assertSessionAlive()

    def test_unexpected_argument(self):
        reply = self.qmp.cmd("query-status", {"foo": 1})
        self.assertEqual(reply, generic("Parameter 'foo' is unexpected"))
        self.assertSessionAlive()

    def test_envelope_errors(self):
        cases = [
            ('{"execute": 5}\n', "QMP input member 'execute' must be a string"),
            ('{"foo": 5}\n', "QMP input member 'foo' is unexpected"),
            ('{"execute": "query-status", "arguments": []}\n',
             "QMP input member 'arguments' must be an object"),
        ]
        for raw, desc in cases:
            self.assertRawReplies(raw, generic(desc))

    def test_many_errors_in_a_row(self):
        self.qmp.send_raw('{]\n' * 50)
        for _ in range(50):
            self.assertEqual(self.qmp.response(), generic("JSON parse error, expecting value"))
        self.assertSessionAlive()


if __name__ == "__main__":
    qemulib.main()
