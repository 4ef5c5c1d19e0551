#!/usr/bin/env python3
"""Bad command lines: each fails with QEMU 7.2's exact message on stderr,
exit status 1, nothing on stdout and no crash."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemulib  # noqa: E402
from qemulib import BASE_ARGS, PROGNAME, QemuTestCase  # noqa: E402

P = PROGNAME + ": "
SIZE_HINT = ("Optional suffix k, M, G, T, P or E means kilo-, mega-, giga-, tera-, peta-\n"
             "and exabytes, respectively.\n")

# (arguments after BASE_ARGS, exact stderr)
CASES = [
    (["-foo"], P + "-foo: invalid option\n"),
    (["-qmp"], P + "-qmp: requires an argument\n"),
    (["-m"], P + "-m: requires an argument\n"),
    (["-m", "foo"], P + "-m foo: Parameter 'size' expects a non-negative number below 2^64\n"
     + SIZE_HINT),
    (["-device", "foo"], P + "-device foo: 'foo' is not a valid device model name\n"),
    (["-chardev", "foo,id=x"], P + "-chardev foo,id=x: 'foo' is not a valid char driver name\n"),
    (["-chardev", "null"], P + "-chardev null: chardev: no id specified\n"),
    (["-chardev", "file,id=f"], P + "-chardev file,id=f: chardev: file: no filename given\n"),
    (["-chardev", "null,id=a", "-chardev", "null,id=a"],
     P + "-chardev null,id=a: Duplicate ID 'a' for chardev\n"),
    (["-mon", "chardev=nope"], P + "-mon chardev=nope: chardev \"nope\" not found\n"),
    (["-qmp", "foo"], P + "-qmp foo: 'foo' is not a valid char driver\n"
     + P + "-qmp foo: parse error: foo\n"),
    (["-monitor", "foo"], P + "-monitor foo: 'foo' is not a valid char driver\n"
     + P + "-monitor foo: parse error: foo\n"),
    (["-chardev", "socket,id=c,path=/nonexistent/dir/x,server=on,wait=off"],
     P + "-chardev socket,id=c,path=/nonexistent/dir/x,server=on,wait=off: "
     "Failed to bind socket to /nonexistent/dir/x: No such file or directory\n"),
    (["-object", "foo,id=x"], P + "-object foo,id=x: Parameter 'qom-type' does not accept "
     "value 'foo'\n"),
    (["-accel", "nope"], P + "-accel nope: invalid accelerator nope\n"),
]


class CommandLineErrors(QemuTestCase):
    def check(self, args, stderr):
        res = qemulib.run(BASE_ARGS + args)
        self.assertNoCrash(res.returncode, res.stderr)
        self.assertEqual(res.stderr, stderr)
        self.assertEqual(res.returncode, 1)
        self.assertEqual(res.stdout, "")

    def test_each_bad_command_line(self):
        for args, stderr in CASES:
            with self.subTest(args=" ".join(args)):
                self.check(args, stderr)

    def test_unknown_option(self):
        self.check(["-foo"], P + "-foo: invalid option\n")

    def test_bad_memory_size(self):
        self.check(["-m", "foo"], CASES[3][1])

    def test_unknown_device(self):
        self.check(["-device", "foo"], P + "-device foo: 'foo' is not a valid device model name\n")

    def test_unknown_chardev_backend(self):
        self.check(["-chardev", "foo,id=x"],
                   P + "-chardev foo,id=x: 'foo' is not a valid char driver name\n")

    def test_unknown_machine(self):
        res = qemulib.run(["-M", "foo", "-nodefaults", "-display", "none"])
        self.assertEqual(res.returncode, 1)
        self.assertEqual(res.stderr, P + "unsupported machine type\n"
                         "Use -machine help to list supported machines\n")

    def test_version(self):
        res = qemulib.run(["-version"])
        self.assertEqual(res.returncode, 0)
        # Tools parse the first line only.
        lines = res.stdout.splitlines()
        self.assertRegex(lines[0], r"^QEMU emulator version 7\.2\.\d+")
        if not qemulib.is_reference():
            self.assertEqual(lines[0], "QEMU emulator version 7.2.0")


if __name__ == "__main__":
    qemulib.main()
