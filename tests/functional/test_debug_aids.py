#!/usr/bin/env python3
"""Debugging aids (docs/logging.md): -d/-D/-dfilter, the HMP log, logfile,
x, xp, memsave and pmemsave commands, QMP memsave/pmemsave.

Texts and layouts are QEMU 7.2's: where the reference is installed, the
same commands run on it too and the outputs must be equal byte for byte
(-d help, HMP dumps); the expected strings below were taken from it.

The -d int test needs the software CPU's executor to call
x86_log_interrupt() (target/i386/tcg/log-helper.c) before each delivery.
"""

import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemulib  # noqa: E402
from qemulib import QemuTestCase, BASE_ARGS  # noqa: E402
from test_cpu_guests import (cpu_guests_unbuildable_reason,  # noqa: E402
                             tcg_unavailable_reason, guest, DEBUG_EXIT)

SCALE = qemulib.TIMEOUT_SCALE
PC_TCG = ["-M", "pc", "-accel", "tcg", "-S", "-nodefaults", "-display",
          "none"]

# The reference's -d help (stdout, exit status 1).
D_HELP = """Log items (comma separated):
out_asm         show generated host assembly code for each compiled TB
in_asm          show target assembly code for each compiled TB
op              show micro ops for each compiled TB
op_opt          show micro ops after optimization
op_ind          show micro ops before indirect lowering
int             show interrupts/exceptions in short format
exec            show trace before each executed TB (lots of logs)
cpu             show CPU registers before entering a TB (lots of logs)
fpu             include FPU registers in the 'cpu' logging
mmu             log MMU-related activities
pcall           x86 only: show protected mode far calls/returns/exceptions
cpu_reset       show CPU state before CPU resets
unimp           log unimplemented functionality
guest_errors    log when the guest OS does something invalid (eg accessing a
non-existent register)
page            dump pages at beginning of user mode emulation
nochain         do not chain compiled TBs so that "exec" and "cpu" show
complete traces
plugin          output from TCG plugins

strace          log every user-mode syscall, its input, and its result
tid             open a separate log file per thread; filename must contain '%d'
trace:PATTERN   enable trace events

Use "-d trace:help" to get a list of trace events.

"""

HMP_LOG_HELP = D_HELP.replace(
    "Log items (comma separated):\n",
    "Log items (comma separated):\nnone            remove all logs\n").replace(
    'Use "-d trace:help"', 'Use "log trace:help"')

# HMP commands whose output does not depend on the firmware build, and
# their output on the reference (-M pc -accel tcg -S).
HMP_EXPECTED = [
    ("xp /3g 0", "0000000000000000: 0x0000000000000000 0x0000000000000000\n"
                 "0000000000000010: 0x0000000000000000\n"),
    ("xp /2xh 0x500", "0000000000000500: 0x0000 0x0000\n"),
    ("x /4xw 0x100000000000", "0000100000000000: Cannot access memory\n"),
    ("xp /2xg 0xfffffffffffffff8", "fffffffffffffff8: Cannot access memory\n"),
    ("xp /2a 0", "invalid char in format: 'a'\n"
                 "Try \"help xp\" for more information\n"),
    ("x", "unexpected end of expression\n"
          "Try \"help x\" for more information\n"),
    ("x /4x foo", "invalid char 'f' in expression\n"
                  "Try \"help x\" for more information\n"),
    ("xp /4xb 0x1000 extra", "xp: extraneous characters at the end of line\n"
                             "Try \"help xp\" for more information\n"),
    ("xp /0x 0", ""),
    ("help x", "x /fmt addr -- virtual memory dump starting at 'addr'\n"),
    ("help xp", "xp /fmt addr -- physical memory dump starting at 'addr'\n"),
    ("help memsave", "memsave addr size file -- save to disk virtual memory "
                     "dump starting at 'addr' of size 'size'\n"),
    ("help pmemsave", "pmemsave addr size file -- save to disk physical "
                      "memory dump starting at 'addr' of size 'size'\n"),
    ("help logfile", "logfile filename -- output logs to 'filename'\n"),
    ("help log", HMP_LOG_HELP),
    ("log foo", HMP_LOG_HELP),
    ("log", "log: string expected\nTry \"help log\" for more information\n"),
    ("log none", ""),
    ("logfile /nonexistent-dir/a", "Error opening logfile /nonexistent-dir/a:"
                                   " No such file or directory\n"),
]

# Dumps of the firmware: compared with the reference when it is there.
HMP_COMPARED = [
    "xp /16xb 0xffff0", "x /4xw 0xfffffff0", "xp /4dh 0xffff0",
    "xp /4uh 0xffff0", "xp /4oh 0xffff0", "xp /8cb 0xffff0",
    "xp 0xffff0", "xp /2 0xffff0", "xp /x 0xffff0", "xp /20xb 0xffff0",
    "xp /10xh 0xffff0", "xp /6xg 0xffff0", "xp /6dg 0xffff0",
    "xp /2og 0xffff0", "xp /6dw 0xffff0", "xp /2w 0xffff0",
    "xp /3bc 0xffff0", "xp /20xb 0xfffffff8", "x 0",
]

INT_LINE = re.compile(
    r"^ *\d+: v=[0-9a-f]{2} e=[0-9a-f]{4} i=[01] cpl=[0-3] "
    r"IP=[0-9a-f]{4}:[0-9a-f]{16} pc=[0-9a-f]{16} "
    r"SP=[0-9a-f]{4}:[0-9a-f]{16} "
    r"(env->regs\[R_EAX\]|CR2)=[0-9a-f]{16}$")


def hmp_outputs(binary, cmds, extra=()):
    """Run cmds on a fresh -M pc -accel tcg -S of binary: their outputs."""
    q = qemulib.Qemu(PC_TCG + list(extra), monitor="stdio",
                     binary_path=binary)
    try:
        q.hmp.read_banner()
        return [q.hmp.cmd(c) for c in cmds]
    finally:
        q.shutdown()


def reference_available():
    return (not qemulib.is_reference() and
            os.access(qemulib.REFERENCE_BINARY, os.X_OK))


class DebugOptions(QemuTestCase):
    def test_d_help_is_the_reference_list(self):
        r = qemulib.run(["-d", "help"])
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout, D_HELP)
        self.assertEqual(r.stderr, "")
        if reference_available():
            ref = subprocess.run([qemulib.REFERENCE_BINARY, "-d", "help"],
                                 capture_output=True, text=True, timeout=10)
            self.assertEqual(r.stdout, ref.stdout)
            self.assertEqual(r.returncode, ref.returncode)

    def test_d_invalid_items_print_the_list(self):
        for items in ("foo", "int,foo", "int,,cpu", "none", ""):
            r = qemulib.run(["-d", items] + BASE_ARGS)
            self.assertEqual((r.returncode, r.stdout, r.stderr),
                             (1, D_HELP, ""), items)

    def test_last_d_counts(self):
        # As the reference: only the last -d is parsed.
        log = os.path.join(self.tmpdir(), "l.txt")
        q = self.qemu(["-d", "foo", "-d", "guest_errors", "-D", log] +
                      BASE_ARGS, monitor="stdio")
        q.hmp.read_banner()
        self.assertTrue(os.path.exists(log))

    def test_d_trace_not_supported(self):
        if qemulib.is_reference():
            self.skipTest("reference QEMU: tracing is ours not supported yet")
        r = qemulib.run(["-d", "trace:foo*"] + BASE_ARGS)
        self.assertEqual(r.returncode, 1)
        self.assertIn("-d trace:foo*: tracing: not supported yet", r.stderr)

    def test_dfilter_errors(self):
        cases = [
            ("0x1000", "Bad range specifier"),
            ("0x1000+0x10,", "Bad range specifier"),
            ("0x1000+", "Invalid number to the right of +"),
            ("x+1", "Invalid number to the left of +"),
            ("0x1000+0", "Invalid range"),
            ("0x2000..0x1000", "Invalid range"),
            ("0x1000-0x2000", "Invalid range"),
        ]
        for arg, msg in cases:
            r = qemulib.run(["-dfilter", arg] + BASE_ARGS)
            self.assertEqual(r.returncode, 1, arg)
            self.assertEqual(r.stderr, "qemu-system-x86_64: -dfilter %s: %s\n"
                             % (arg, msg))

    def test_logfile_errors(self):
        cases = [
            (["-d", "int", "-D", "/nonexistent-dir/x"],
             "Error opening logfile /nonexistent-dir/x: No such file or "
             "directory"),
            (["-D", "/tmp/q%s%d"], "Bad logfile template: /tmp/q%s%d"),
            (["-d", "tid"], "Filename template with '%d' required for 'tid'"),
            (["-d", "all", "-D", "/tmp/x"],
             "Filename template with '%d' required for 'tid'"),
        ]
        for args, msg in cases:
            r = qemulib.run(args + BASE_ARGS)
            self.assertEqual((r.returncode, r.stderr),
                             (1, "qemu-system-x86_64: %s\n" % msg), args)

    def tmpdir(self):
        import tempfile
        import shutil
        d = tempfile.mkdtemp(prefix="qt-log-", dir="/tmp")
        self.addCleanup(shutil.rmtree, d, True)
        return d

    def test_logfile_pid_template_created_at_start(self):
        d = self.tmpdir()
        q = self.qemu(["-D", os.path.join(d, "log-%d.txt")] + BASE_ARGS,
                      monitor="stdio")
        q.hmp.read_banner()
        self.assertEqual(os.listdir(d), ["log-%d.txt" % q.pid])

    def test_cpu_reset_log(self):
        reason = tcg_unavailable_reason()
        if reason:
            self.skipTest(reason)
        log = os.path.join(self.tmpdir(), "reset.log")
        q = self.qemu(PC_TCG + ["-d", "cpu_reset", "-D", log],
                      monitor="stdio")
        q.hmp.read_banner()
        # The system reset may be logged after the prompt shows.
        end = time.monotonic() + 5 * SCALE
        while True:
            with open(log) as f:
                lines = f.read().splitlines()
            done = sum(l.startswith("CPU Reset") for l in lines) >= 2
            if done or time.monotonic() > end:
                break
            time.sleep(0.05)
        # The state before each reset: zeros first, then the reset state.
        self.assertEqual(lines[0], "CPU Reset (CPU 0)")
        self.assertEqual(lines[1],
                         "EAX=00000000 EBX=00000000 ECX=00000000 EDX=00000000")
        self.assertTrue(lines[17].startswith("CCS=00000000 CCD=00000000 "
                                             "CCO="), lines[17])
        self.assertEqual(lines[18], "EFER=0000000000000000")
        self.assertEqual(lines[19], "FCW=0000 FSW=0000 [ST=0] FTW=ff "
                                    "MXCSR=00000000")
        resets = [i for i, l in enumerate(lines) if l.startswith("CPU Reset")]
        self.assertGreaterEqual(len(resets), 2)
        self.assertEqual(lines[resets[1] + 1],
                         "EAX=00000000 EBX=00000000 ECX=00000000 EDX=00060fb1")

    def test_int_log_on_the_software_cpu(self):
        for reason in (cpu_guests_unbuildable_reason(),
                       tcg_unavailable_reason()):
            if reason:
                self.skipTest(reason)
        log = os.path.join(self.tmpdir(), "int.log")
        q = self.qemu(["-accel", "tcg", "-M", "pc", "-m", "256",
                       "-nodefaults", "-display", "none",
                       "-bios", guest("cpu-softint"), "-serial", "none",
                       "-d", "int", "-D", log] + DEBUG_EXIT)
        try:
            q.wait(60 * SCALE)
        except Exception:
            pass
        with open(log) as f:
            lines = f.read().splitlines()
        events = [i for i, l in enumerate(lines) if " v=" in l]
        self.assertTrue(events, "no -d int lines in the log")
        for i in events:
            self.assertRegex(lines[i], INT_LINE)
            self.assertRegex(lines[i + 1], r"^(EAX|RAX)=[0-9a-f]+ ")
        # The guest's first event is INT3 (a software interrupt, #BP).
        self.assertRegex(lines[events[0]], r"^     0: v=03 e=0000 i=1 ")
        self.assertTrue(any(l.startswith("CCS=") for l in lines))


class DebugMonitor(QemuTestCase):
    def setUp(self):
        reason = tcg_unavailable_reason()
        if reason:
            self.skipTest(reason)

    def test_hmp_expected_outputs(self):
        cmds = [c for c, _ in HMP_EXPECTED]
        outs = hmp_outputs(qemulib.binary(), cmds)
        for (cmd, want), got in zip(HMP_EXPECTED, outs):
            self.assertEqual(got, want, cmd)

    def test_hmp_dumps_equal_the_reference(self):
        if not reference_available():
            self.skipTest("reference QEMU not installed")
        ours = hmp_outputs(qemulib.binary(), HMP_COMPARED)
        ref = hmp_outputs(qemulib.REFERENCE_BINARY, HMP_COMPARED)
        for cmd, a, b in zip(HMP_COMPARED, ours, ref):
            self.assertEqual(a, b, cmd)

    def test_hmp_reset_vector_bytes(self):
        out = hmp_outputs(qemulib.binary(), ["xp /5xb 0xffff0"])[0]
        # SeaBIOS starts with a far jump to f000:e05b.
        self.assertEqual(out, "00000000000ffff0: 0xea 0x5b 0xe0 0x00 0xf0\n")

    def test_hmp_log_to_logfile(self):
        d = os.path.join("/tmp", "qt-hmplog-%d" % os.getpid())
        os.makedirs(d, exist_ok=True)
        self.addCleanup(lambda: subprocess.run(["rm", "-rf", d]))
        log = os.path.join(d, "hmp.log")
        outs = hmp_outputs(qemulib.binary(), [
            "logfile " + log, "log guest_errors", "xp /2xw 0xfffffff0000"])
        self.assertEqual(outs[:2], ["", ""])
        self.assertEqual(outs[2], "00000fffffff0000: Cannot access memory\n")
        with open(log) as f:
            self.assertEqual(f.read(),
                             "Invalid read at addr 0xFFFFFFF0000, size 4, "
                             "region '(null)', reason: rejected\n"
                             "Invalid read at addr 0xFFFFFFF0004, size 4, "
                             "region '(null)', reason: rejected\n")

    def test_qmp_memsave_pmemsave(self):
        d = os.path.join("/tmp", "qt-memsave-%d" % os.getpid())
        os.makedirs(d, exist_ok=True)
        self.addCleanup(lambda: subprocess.run(["rm", "-rf", d]))
        q = self.qemu(PC_TCG, qmp="stdio")
        p = os.path.join(d, "p.bin")
        v = os.path.join(d, "v.bin")
        self.assertEqual(q.qmp.cmd("pmemsave", {"val": 0xffff0, "size": 5,
                                                "filename": p}),
                         {"return": {}})
        with open(p, "rb") as f:
            self.assertEqual(f.read(), b"\xea\x5b\xe0\x00\xf0")
        # Real mode, no paging: virtual = physical.
        self.assertEqual(q.qmp.cmd("memsave", {"val": 0xffff0, "size": 5,
                                               "filename": v}),
                         {"return": {}})
        with open(v, "rb") as f:
            self.assertEqual(f.read(), b"\xea\x5b\xe0\x00\xf0")
        errors = [
            ("memsave", {"val": 0, "size": 16,
                         "filename": "/nonexistent-dir/a"},
             "Could not open '/nonexistent-dir/a': No such file or directory"),
            ("memsave", {"val": 0x100000000000, "size": 16,
                         "filename": os.path.join(d, "x")},
             "Invalid addr 0x0000100000000000/size 16 specified"),
            ("memsave", {"val": 0, "size": 16, "cpu-index": 5,
                         "filename": os.path.join(d, "y")},
             "Parameter 'cpu-index' expects a CPU number"),
            ("pmemsave", {"val": 0, "size": 16,
                          "filename": "/nonexistent-dir/a"},
             "Could not open '/nonexistent-dir/a': No such file or directory"),
        ]
        for cmd, args, desc in errors:
            r = q.qmp.cmd(cmd, args)
            self.assertEqual(r.get("error"),
                             {"class": "GenericError", "desc": desc}, cmd)


if __name__ == "__main__":
    qemulib.main()
