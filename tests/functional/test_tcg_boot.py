#!/usr/bin/env python3
"""Debian 12's stock kernel boots on the software CPU (-accel tcg).

The boot kit (tests/bootkit/build-bootkit.sh, docs/bootkit.md) is the
kernel of linux-image-amd64 and a busybox initramfs whose /init prints

    BOOTKIT-INIT-OK nproc=N uptime=SECONDS

on the console and powers off.  Each boot runs

    -accel tcg -M pc -m 512 -smp N -nodefaults -nographic -serial stdio
    -no-reboot -kernel vmlinuz -initrd initramfs.cpio.gz
    -append 'console=ttyS0 panic=-1 ...'

and checks the marker (with nproc = N), that the kernel printed no panic,
oops, BUG or warning, and a clean power-off: the kernel's "reboot: Power
down", the process exiting 0 by itself and the QMP SHUTDOWN event giving
reason "guest-shutdown" (ACPI S5 through the PIIX4 PM; a reset would exit
0 too under -no-reboot, with reason "guest-reset").  panic=-1 turns a
panic into an immediate reset, so that a broken boot fails fast.

- one vCPU and two vCPUs, the kernel loaded by the default firmware;
- the firmware path spelled out: -bios bios-256k.bin -boot strict=on, the
  kernel still given with -kernel, loaded by SeaBIOS's linuxboot option
  ROM ("Booting from ROM..." on the console);
- an idle guest (bootkit.mode=idle): the emulator's host CPU time over
  10 s after the marker, printed, and under 10% of a core (the bench
  judges the 2% goal).

Skipped, with the reason, when the binary refuses -accel tcg (ours before
the software CPU) or when the kit cannot be built here (no network for
apt-get download: the script's exit status 77).  A boot gets 240 s (the
software CPU may be a few times slower than QEMU's TCG, which needs about
7 s here), scaled by QEMU_TEST_TIMEOUT_SCALE.

Runs against the reference too:
    python3 tests/functional/test_tcg_boot.py --binary /usr/bin/qemu-system-x86_64
"""

import os
import re
import subprocess
import sys
import time

# Each test is a whole guest boot: allow it more than the default 90 s.
os.environ.setdefault("QEMU_TEST_METHOD_TIMEOUT", "330")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemulib  # noqa: E402
from qemulib import QemuTestCase, REPO_ROOT  # noqa: E402

SCALE = qemulib.TIMEOUT_SCALE
BOOT_TIMEOUT = 240 * SCALE
# From the marker to the process's exit (the power-off itself).
POWEROFF_TIMEOUT = 60 * SCALE
IDLE_WINDOW = 10.0
IDLE_LIMIT_PERCENT = 10.0
BUILD_SCRIPT = os.path.join(REPO_ROOT, "tests", "bootkit", "build-bootkit.sh")
NO_TCG = "software CPU (-accel tcg) not available in this binary"

MARKER = re.compile(rb"BOOTKIT-INIT-OK nproc=(\d+) uptime=([0-9.]+)\r?\n")
# What the kernel prints when it (or a process) hit something it should not.
KERNEL_TROUBLE = ("Kernel panic", "Oops", "BUG:", "WARNING: CPU:", "Call Trace:",
                  "general protection fault", "invalid opcode:", "segfault at")
APPEND = "console=ttyS0 panic=-1"

_tcg = None             # None: available, else the binary's refusal
_tcg_error = None       # the availability check itself went wrong
_kit = None             # the kit's directory
_kit_skip = None        # why the kit cannot be built here
_kit_error = None       # how the build script failed otherwise


def tcg_refusal():
    """None when the binary starts with -accel tcg, else its error text.
    The check starts the empty machine stopped and quits it over QMP."""
    global _tcg_error
    try:
        r = qemulib.run(["-accel", "tcg", "-M", "none", "-S", "-nodefaults",
                         "-display", "none", "-qmp", "stdio"],
                        input='{"execute": "qmp_capabilities"}\n'
                              '{"execute": "quit"}\n',
                        stdin=None, timeout=30 * SCALE)
    except subprocess.TimeoutExpired:
        _tcg_error = ("-accel tcg -M none -S: no exit within %d s of a QMP quit"
                      % (30 * SCALE))
        return None
    if r.returncode == 0:
        return None
    return "exit status %d: %s" % (r.returncode, r.stderr.strip())


def build_bootkit():
    """Run tests/bootkit/build-bootkit.sh: sets _kit, or _kit_skip (its
    status 77: not buildable here), or _kit_error (any other failure)."""
    global _kit, _kit_skip, _kit_error
    try:
        r = subprocess.run(["sh", BUILD_SCRIPT], stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, timeout=600 * SCALE)
    except subprocess.TimeoutExpired:
        _kit_error = "build-bootkit.sh did not finish within %d s" % (600 * SCALE)
        return
    if r.returncode == 77:
        why = r.stderr[r.stderr.find("cannot build the boot kit"):]
        _kit_skip = " ".join(why.split()) or "build-bootkit.sh: status 77"
    elif r.returncode != 0 or not r.stdout.strip():
        _kit_error = ("build-bootkit.sh failed with status %d:\n%s"
                      % (r.returncode, r.stderr))
    else:
        _kit = r.stdout.strip().splitlines()[-1]


def setUpModule():
    # Here rather than in a test: the first build downloads some 70 MB,
    # which must not count against one test's time limit.  Nothing is
    # built for a binary without the software CPU.
    global _tcg
    _tcg = tcg_refusal()
    if _tcg is None and _tcg_error is None:
        build_bootkit()


def cpu_seconds(pid):
    """User + system CPU time of a process so far, in seconds."""
    with open("/proc/%d/stat" % pid) as f:
        stat = f.read()
    # Split after the command name (which may hold spaces): utime and
    # stime, fields 14 and 15 of proc(5), are then at indexes 11 and 12.
    fields = stat[stat.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class TcgBoot(QemuTestCase):

    def setUp(self):
        if _tcg:
            print("# skipped: %s (%s)" % (NO_TCG, _tcg), file=sys.stderr)
            self.skipTest(NO_TCG)
        if _tcg_error:
            self.fail(_tcg_error)
        if _kit_skip:
            print("# skipped: " + _kit_skip, file=sys.stderr)
            self.skipTest(_kit_skip)
        if _kit_error:
            self.fail(_kit_error)
        self.kit = _kit

    def boot_args(self, smp, append=APPEND, firmware=()):
        return (["-accel", "tcg", "-M", "pc", "-m", "512", "-smp", str(smp),
                 "-nodefaults", "-nographic", "-serial", "stdio", "-no-reboot"]
                + list(firmware) +
                ["-kernel", os.path.join(self.kit, "vmlinuz"),
                 "-initrd", os.path.join(self.kit, "initramfs.cpio.gz"),
                 "-append", append])

    def start(self, args):
        """Start a boot; (process, its console up to and including the
        marker, nproc, uptime)."""
        q = self.qemu(args, qmp="unix")
        console = q.stdout.read_until(MARKER, BOOT_TIMEOUT)
        m = MARKER.search(console)
        return q, console, int(m.group(1)), float(m.group(2))

    def assertConsoleHas(self, console, text):
        if text not in console:
            self.fail("no %r on the console; it ends with:\n%s"
                      % (text, console[-3000:].decode(errors="replace")))

    def assertNoKernelTrouble(self, console):
        text = console.decode(errors="replace")
        for bad in KERNEL_TROUBLE:
            self.assertNotIn(bad, text, "the kernel printed %r:\n%s"
                             % (bad, text[-6000:]))

    def boot(self, smp, firmware=()):
        """Boot to the marker and the power-off; the whole console."""
        q, console, nproc, uptime = self.start(self.boot_args(smp, firmware=firmware))
        self.assertEqual(nproc, smp, "CPUs online in the guest")
        rc = q.wait(POWEROFF_TIMEOUT)
        console += q.stdout.read_to_eof(10 * SCALE)
        self.assertNoKernelTrouble(console)
        self.assertEqual(rc, 0, "exit status; stderr: %r" % q.stderr.seen[-2000:])
        self.assertConsoleHas(console, b"reboot: Power down")
        event = q.qmp.wait_event("SHUTDOWN", 10 * SCALE)
        self.assertEqual(event["data"], {"guest": True, "reason": "guest-shutdown"})
        print("# -smp %d%s: guest uptime at the marker %.2f s"
              % (smp, " " + " ".join(firmware) if firmware else "", uptime))
        return console

    def test_debian_kernel_boots_to_marker_with_one_cpu(self):
        self.boot(1)

    def test_debian_kernel_boots_to_marker_with_two_cpus(self):
        self.boot(2)

    def test_debian_kernel_boots_through_seabios_linuxboot_rom(self):
        console = self.boot(1, firmware=("-bios", "bios-256k.bin",
                                         "-boot", "strict=on"))
        # SeaBIOS (on the serial port: no VGA) hands over to the option
        # ROM that loads the -kernel image.
        self.assertConsoleHas(console, b"SeaBIOS (version")
        self.assertConsoleHas(console, b"Booting from ROM...")

    def test_idle_guest_uses_little_host_cpu(self):
        q, console, nproc, _ = self.start(self.boot_args(
            1, append=APPEND + " bootkit.mode=idle"))
        self.assertEqual(nproc, 1)
        t0, c0 = time.monotonic(), cpu_seconds(q.pid)
        # The measurement window; whatever the console prints meanwhile is
        # checked too.
        console += q.stdout.read_available(IDLE_WINDOW)
        t1, c1 = time.monotonic(), cpu_seconds(q.pid)
        self.assertIsNone(q.poll(), "the idle guest's emulator exited")
        percent = 100.0 * (c1 - c0) / (t1 - t0)
        print("# idle guest: %.2f%% of a host core over %.1f s" % (percent, t1 - t0))
        self.assertNoKernelTrouble(console)
        self.assertLess(percent, IDLE_LIMIT_PERCENT,
                        "host CPU used by an idle guest (%% of a core)")


if __name__ == "__main__":
    qemulib.main()
