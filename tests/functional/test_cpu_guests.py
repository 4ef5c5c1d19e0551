#!/usr/bin/env python3
"""The CPU architecture guests (tests/guests/cpu-*.S) on every accelerator.

Each guest is a flat -bios image that prints "OK <check>" per passed
sub-check and "FAIL <check> got=... want=..." per failed one, then leaves
through isa-debug-exit: status 85 (GUEST_OK) when every check passed, 3
(FAIL_CODE) after a failed check, 5 (UNEXPECTED_CODE) at once on an
exception nobody expected or an unexpected reset.

  cpu-modes       real / 16-bit / 32-bit protected / 64-bit / compatibility
                  mode switches and back, unreal mode
  cpu-exceptions  vectors, error codes and saved RIPs of the exceptions a
                  guest can provoke (IA-32e and compatibility mode)
  cpu-softint     INT3, INTO, INT1, BOUND, INT n gate checks, INT/IRETQ
                  between CPL 3 and 0
  cpu-syscall     SYSCALL/SYSRET (64-bit and to compatibility mode), SWAPGS
  cpu-legacy      32-bit INT/IRET between CPL 3 and 0, SYSENTER/SYSEXIT,
                  call gates with parameters, #TS
  cpu-paging      4-level, 2-level (PSE) and PAE paging, A/D bits, CR0.WP,
                  global pages and INVLPG, NX
  cpu-apic        local APIC timer modes, self/fixed/broadcast IPIs with
                  INIT/SIPI (-smp 2), EOI, TPR/CR8, SVR
  cpu-triple      triple faults reset the machine (CMOS boot counter)

Accelerators: kvm (skipped with the reason when /dev/kvm cannot create a
VM) and tcg (skipped when the binary refuses -accel tcg).

Known deviations are accepted, printed, and listed here with their reason:
- REFERENCE_TCG: where QEMU 7.2's TCG departs from the SDM (only when the
  binary under test is the reference);
- PVM: this build host's /dev/kvm is kvm-pvm, a paravirtual hypervisor that
  emulates a non-PVM guest's privileged instructions in software.  Its
  emulator lacks protected-mode IRET, task switches, software interrupts,
  BOUND and x87 instructions in kernel mode and legacy (non-IA-32e)
  paging, and its SYSCALL path is paravirtual: guests or parts of guests
  that need these are skipped or stopped there, with the reason printed.
  On a KVM with hardware virtualization nothing is excused.
Runs against the reference too (--binary /usr/bin/qemu-system-x86_64).
"""

import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemulib  # noqa: E402
from qemulib import QemuTestCase  # noqa: E402
from test_pc_board import (kvm_unusable_reason,  # noqa: E402
                           guests_unbuildable_reason, guest,
                           GUEST_SRC, GUEST_DIR)

SCALE = qemulib.TIMEOUT_SCALE
GUEST_OK_STATUS = (0x2a << 1) | 1
FAIL_STATUS = (1 << 1) | 1              # FAIL_CODE (tests/guests/cpu-lib.inc)
DEBUG_EXIT = ["-device", "isa-debug-exit,iobase=0xf4,iosize=4"]
TCG_UNAVAILABLE = "software CPU (-accel tcg) not available in this binary"

# Extra options per guest.  pdpe1gb and tsc-deadline are asked for so that
# the 1 GiB page and TSC-deadline checks run where the accelerator has
# them (the guests read CPUID and print SKIP otherwise).
GUESTS = {
    "cpu-modes": [],
    "cpu-exceptions": [],
    "cpu-softint": [],
    "cpu-syscall": [],
    "cpu-legacy": [],
    "cpu-paging": ["-cpu", "qemu64,pdpe1gb=on"],
    "cpu-apic": ["-smp", "2", "-cpu", "qemu64,tsc-deadline=on"],
    "cpu-triple": [],
    "cpu-sys-legacy": [],
    "cpu-sys-long": ["-cpu", "max"],
}

# (guest) -> {check-name prefix: reason}: FAIL lines QEMU 7.2's TCG prints.
REFERENCE_TCG = {
    "cpu-exceptions": {
        "xm-": "no #XM: SIMD floating-point exceptions are not raised",
        "ss-limit": "segment limits are not checked",
        "gp-ds-limit": "segment limits are not checked",
        "pf-rsvd-": "#PF for a reserved bit lacks P (error 8, not 9)",
        "pf-user-rsvd-": "#PF for a reserved bit lacks P (error c, not d)",
        "ac-cpl3": "no alignment checking (#AC)",
        "ss-ist": "a non-canonical stack address raises #GP, not #SS",
    },
    "cpu-softint": {
        "np-gate": "IDT error codes in 64-bit mode are vector*16+2",
        "gp-int-dpl": "IDT error codes in 64-bit mode are vector*16+2",
        "db-icebp": "INT1 (0xf1) raises #UD",
    },
    "cpu-paging": {
        "pae-nxe0": "#PF for a reserved bit lacks P (error 8, not 9)",
    },
    "cpu-apic": {
        "apic-svr-disabled-lvt-masked":
            "LVT writes stay unmasked while the APIC is software-disabled",
    },
}

# kvm-pvm (see the module comment).  skip: guest not run; stop: the guest
# may end in "KVM internal error" (emulation failure) after its checks so
# far passed; fails: FAIL lines excused.
PVM_SKIP = {
    "cpu-softint": "kvm-pvm cannot emulate software interrupts (INT n, INT3)",
    "cpu-legacy": "kvm-pvm cannot emulate a protected-mode IRET",
    "cpu-syscall": "kvm-pvm's SYSCALL/SYSRET path is paravirtual",
    "cpu-sys-legacy": "kvm-pvm cannot emulate a protected-mode IRET",
    "cpu-sys-long": "kvm-pvm's SYSCALL/SYSRET path is paravirtual",
}
PVM_STOP = {
    "cpu-exceptions": "kvm-pvm cannot emulate x87 instructions here "
                      "(#MF, #XM, #NM untested)",
    "cpu-paging": "kvm-pvm cannot run legacy paging "
                  "(2-level and PAE checks untested)",
}
PVM_FAILS = {
    "cpu-exceptions": {
        "db-movss-shadow": "kvm-pvm delivers the single-step trap right "
                           "after MOV SS",
    },
    "cpu-apic": {
        "apic-self-ipi-isr-in-handler": "kvm-pvm shows the in-service "
                                        "vector's ISR bit clear",
    },
}

_tcg_reason = None


def note(text):
    print("# " + text, file=sys.stderr)


_build_reason = None


def cpu_guests_unbuildable_reason():
    """guests_unbuildable_reason(), plus a rebuild of the cpu-* guests
    older than tests/guests/cpu-lib.inc (which the shared staleness check
    does not know); None when they are there."""
    global _build_reason
    if _build_reason is None:
        _build_reason = guests_unbuildable_reason() or ""
        lib = os.path.getmtime(os.path.join(GUEST_SRC, "cpu-lib.inc"))
        stale = [os.path.join(GUEST_SRC, g + ".S") for g in GUESTS
                 if not os.path.exists(guest(g)) or
                 os.path.getmtime(guest(g)) < lib]
        if not _build_reason and stale:
            r = subprocess.run(["sh", os.path.join(GUEST_SRC, "build.sh"),
                                GUEST_DIR] + stale,
                               capture_output=True, text=True)
            if r.returncode:
                _build_reason = "guest build failed: " + r.stderr.strip()
    return _build_reason or None


def tcg_unavailable_reason():
    """None when the binary under test accepts -accel tcg."""
    global _tcg_reason
    if _tcg_reason is None:
        _tcg_reason = ""
        p = subprocess.Popen([qemulib.binary(), "-accel", "tcg", "-M", "none",
                              "-S", "-nodefaults", "-display", "none"],
                             stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
        try:
            rc = p.wait(3 * SCALE)
            err = p.stderr.read().decode(errors="replace").strip()
            # A refusal is an error exit; a crash is left to the tests.
            if rc > 0:
                _tcg_reason = TCG_UNAVAILABLE
                note("-accel tcg: " + err)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
        p.stderr.close()
    return _tcg_reason or None


def expected_checks(name):
    """The guest's sub-checks in the order it prints them: its OKn
    macro invocations (source order is execution order)."""
    with open(os.path.join(GUEST_SRC, name + ".S")) as f:
        return re.findall(r"^\s*OK(?:16|32|64)\s+(\S+)", f.read(), re.M)


def missing_checks(expected, out, complete):
    """Sub-checks neither reported OK (or SKIP) nor knocked out by a FAIL
    line printed where their OK line would be; with complete=False the
    checks after the last one reported are not required."""
    missing = []
    i = 0
    fails_since_ok = 0
    for line in out.splitlines():
        if line.startswith("FAIL "):
            fails_since_ok += 1
            continue
        m = re.match(r"(?:OK|SKIP) (\S+)", line)
        if not m or m.group(1) not in expected[i:]:
            continue
        j = expected.index(m.group(1), i)
        if j > i and not fails_since_ok:
            missing += expected[i:j]
        i = j + 1
        fails_since_ok = 0
    if complete and i < len(expected) and not fails_since_ok:
        missing += expected[i:]
    return missing


def without_alternatives(missing, out):
    """Drop the missing checks whose alternative was reported: a guest
    reports "X" or "X-something" when CPUID advertises a feature and
    "X-absent" (the #UD checks) when it does not."""
    seen = set(re.findall(r"^(?:OK|SKIP) (\S+)", out, re.M))

    def covered(name):
        if name.endswith("-absent"):
            prefix = name[:-7]
            return any(s == prefix or s.startswith(prefix + "-")
                       for s in seen)
        parts = name.split("-")
        return any("-".join(parts[:i]) + "-absent" in seen
                   for i in range(1, len(parts) + 1))
    return [m for m in missing if not covered(m)]


def host_kvm_is_pvm():
    return os.path.exists("/sys/module/kvm_pvm")


class CpuGuests(QemuTestCase):

    def skip(self, reason):
        note("skipped: " + reason)
        self.skipTest(reason)

    def run_guest(self, name, accel, timeout=60):
        """Run a guest to its exit (or a KVM emulation failure): the serial
        output, the exit status (None when stopped) and the stop text."""
        q = self.qemu(["-accel", accel, "-M", "pc", "-m", "256",
                       "-nodefaults", "-display", "none",
                       "-bios", guest(name), "-serial", "stdio"] +
                      DEBUG_EXIT + GUESTS[name])
        end = time.monotonic() + timeout * SCALE
        stopped = None
        while True:
            q.stdout.read_available(0.2)
            q.stderr.read_available(0)
            if b"KVM internal error" in q.stderr.seen:
                q.stderr.read_available(0.5)
                err = q.stderr.seen.decode(errors="replace")
                code = [l for l in err.splitlines() if l.startswith("Code=")]
                stopped = "KVM internal error at " + (code[0] if code else "?")
                q.kill()
                break
            if q.poll() is not None:
                q.stdout.read_to_eof(10 * SCALE)
                break
            if time.monotonic() > end:
                self.fail("%s on %s did not finish in %d s; output:\n%s"
                          % (name, accel, timeout * SCALE,
                             q.stdout.seen.decode(errors="replace")))
        out = q.stdout.seen.decode(errors="replace")
        return out, (None if stopped else q.poll()), stopped

    def check_guest(self, name, accel):
        reason = cpu_guests_unbuildable_reason()
        if reason:
            self.skip(reason)
        if accel == "kvm":
            reason = kvm_unusable_reason()
            if reason:
                self.skip(reason)
        else:
            reason = tcg_unavailable_reason()
            if reason:
                self.skip(reason)
        pvm = accel == "kvm" and host_kvm_is_pvm()
        if pvm and name in PVM_SKIP:
            self.skip(PVM_SKIP[name])
        excused = {}
        if accel == "tcg" and qemulib.is_reference():
            excused.update(REFERENCE_TCG.get(name, {}))
        if pvm:
            excused.update(PVM_FAILS.get(name, {}))

        out, status, stopped = self.run_guest(name, accel)
        fails = [l for l in out.splitlines() if l.startswith("FAIL ")]
        unexcused = []
        for line in fails:
            check = line[5:]
            why = [r for p, r in excused.items() if check.startswith(p)]
            if why:
                note("known deviation (%s): %s" % (why[0], line))
            else:
                unexcused.append(line)
        self.assertEqual(unexcused, [], "output:\n" + out)
        self.assertIn("OK ", out)
        self.assertEqual(without_alternatives(
                             missing_checks(expected_checks(name), out,
                                            stopped is None), out), [],
                         "sub-checks never reported; output:\n" + out)
        if stopped:
            self.assertTrue(pvm and name in PVM_STOP,
                            "%s\noutput:\n%s" % (stopped, out))
            note("%s: %s; stopped: %s" % (name, PVM_STOP[name], stopped))
            return
        want = FAIL_STATUS if fails else GUEST_OK_STATUS
        self.assertEqual(status, want, "exit status %s; output:\n%s"
                         % (status, out))


def _make(name, accel):
    def test(self):
        self.check_guest(name, accel)
    test.__name__ = "test_%s_%s" % (name.replace("-", "_"), accel)
    test.__doc__ = "%s under -accel %s" % (name, accel)
    return test


for _name in GUESTS:
    for _accel in ("kvm", "tcg"):
        _t = _make(_name, _accel)
        setattr(CpuGuests, _t.__name__, _t)


if __name__ == "__main__":
    qemulib.main()
