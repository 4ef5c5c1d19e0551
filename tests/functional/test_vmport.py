#!/usr/bin/env python3
"""The VMware backdoor ("vmport") and absolute pointer ("vmmouse") of the
PC board, as users and guests see them.

- `-M pc` (vmport=auto, i.e. on) has both on the ISA bus, after the i8042
  and before port92 in `info qtree` (newest first: vmmouse, vmport), with
  the reference's properties; `info mtree` shows the one-port "vmport"
  region at 0x5658; pc-i440fx-5.0 turns the x-* properties off;
- `-machine vmport=off` leaves both out;
- `-device vmport,help` / `vmmouse,help` and the `-device` errors
  (vmport is not user-creatable; vmmouse needs its i8042 link and a
  vmport);
- the guest tests/guests/vmport.S (a flat -bios image) calls the backdoor
  under KVM: GETVERSION must come back with EAX = 6 and EBX = the magic
  (registers written back after the I/O exit), GETRAMSIZE, a wrong magic
  and the vmmouse's READ_ID; with vmport=off the same guest fails; the
  same guest on the software CPU (-accel tcg; skipped while that
  accelerator is "not supported yet").

Runs against the reference too (--binary /usr/bin/qemu-system-x86_64).
The KVM guest tests skip, with the reason, when /dev/kvm is missing or
cannot create a VM.
"""

import fcntl
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemulib  # noqa: E402
from qemulib import QemuTestCase, REPO_ROOT  # noqa: E402

GUEST_SRC = os.path.join(REPO_ROOT, "tests", "guests")
GUEST_DIR = os.path.join(REPO_ROOT, "build", "tests", "guests")
SCALE = qemulib.TIMEOUT_SCALE
GUEST_OK_STATUS = (0x2a << 1) | 1       # isa-debug-exit with GUEST_OK
DEBUG_EXIT = ["-device", "isa-debug-exit,iobase=0xf4,iosize=4"]
# KVM where it works, else the software CPU.
ACCEL = "accel=kvm:tcg"

VMPORT_QTREE = [
    'dev: vmmouse, id ""',
    'dev: vmport, id ""',
    "x-read-set-eax = true",
    "x-signal-unsupported-cmd = true",
    "x-report-vmx-type = true",
    "x-cmds-v2 = true",
    "vmware-vmx-version = 6 (0x6)",
    "vmware-vmx-type = 2 (0x2)",
    'dev: i8042, id ""',
]

VMPORT_HELP = """vmport options:
  vmware-vmx-type=<uint8> -  (default: 2)
  vmware-vmx-version=<uint32> -  (default: 6)
  x-cmds-v2=<bool>       - on/off (default: true)
  x-read-set-eax=<bool>  - on/off (default: true)
  x-report-vmx-type=<bool> - on/off (default: true)
  x-signal-unsupported-cmd=<bool> - on/off (default: true)
"""

VMMOUSE_HELP = """vmmouse options:
  i8042=<link<i8042>>
"""

MTREE_LINE = "0000000000005658-0000000000005658 (prio 0, i/o): vmport"

_kvm_reason = None
_build_reason = None


def kvm_unusable_reason():
    """None when /dev/kvm can create a VM, else why not."""
    global _kvm_reason
    if _kvm_reason is None:
        _kvm_reason = ""
        try:
            fd = os.open("/dev/kvm", os.O_RDWR | os.O_CLOEXEC)
        except OSError as e:
            _kvm_reason = "/dev/kvm: %s" % e.strerror
        else:
            try:
                if fcntl.ioctl(fd, 0xAE00) != 12:           # KVM_GET_API_VERSION
                    _kvm_reason = "/dev/kvm: unexpected KVM API version"
                else:
                    os.close(fcntl.ioctl(fd, 0xAE01, 0))    # KVM_CREATE_VM
            except OSError as e:
                _kvm_reason = "KVM_CREATE_VM failed: %s" % e.strerror
            finally:
                os.close(fd)
    return _kvm_reason or None


def guest_unbuildable_reason():
    """Assemble tests/guests/vmport.S; None when the image is there."""
    global _build_reason
    if _build_reason is None:
        _build_reason = ""
        if not (shutil.which(os.environ.get("CC", "cc")) and
                shutil.which("objcopy") and shutil.which("objdump")):
            _build_reason = "cannot build the test guests (cc, objcopy)"
        else:
            r = subprocess.run(["sh", os.path.join(GUEST_SRC, "build.sh"),
                                GUEST_DIR, os.path.join(GUEST_SRC, "vmport.S")],
                               capture_output=True, text=True)
            if r.returncode:
                _build_reason = "guest build failed: " + r.stderr.strip()
    return _build_reason or None


def isa_block(qtree):
    """The stripped lines from the vmmouse to the i8042 (inclusive)."""
    lines = [line.strip() for line in qtree.splitlines()]
    start = lines.index('dev: vmmouse, id ""')
    end = lines.index('dev: i8042, id ""', start)
    return lines[start - 2:end + 1]


class VMPort(QemuTestCase):

    def monitor(self, machine, extra=()):
        """A stopped board with HMP on stdio; skipped when no accelerator
        can run it."""
        q = self.qemu(["-M", machine + "," + ACCEL, "-nodefaults",
                       "-display", "none", "-S"] + list(extra),
                      monitor="stdio")
        try:
            q.hmp.read_banner(10 * SCALE)
        except (EOFError, TimeoutError):
            err = q.stderr_text(5)
            if "not supported yet" in err:
                self.skipTest("no usable accelerator: " + err.strip())
            raise
        return q

    def test_qtree_has_vmport_and_vmmouse(self):
        q = self.monitor("pc")
        block = isa_block(q.hmp.cmd("info qtree", 10 * SCALE))
        self.assertEqual(block, ['dev: port92, id ""', 'gpio-out "a20" 1'] +
                         VMPORT_QTREE)

    def test_mtree_has_the_vmport_port(self):
        q = self.monitor("pc")
        mtree = q.hmp.cmd("info mtree", 10 * SCALE)
        self.assertEqual(mtree.count(MTREE_LINE), 1, mtree)

    def test_vmport_on_is_the_default(self):
        q = self.monitor("pc,vmport=on")
        block = isa_block(q.hmp.cmd("info qtree", 10 * SCALE))
        self.assertEqual(block[2:], VMPORT_QTREE)

    def test_vmport_off_removes_both(self):
        q = self.monitor("pc,vmport=off")
        qtree = q.hmp.cmd("info qtree", 10 * SCALE)
        self.assertIn('dev: i8042, id ""', qtree)
        self.assertNotIn("dev: vmport", qtree)
        self.assertNotIn("dev: vmmouse", qtree)
        self.assertNotIn("vmport", q.hmp.cmd("info mtree", 10 * SCALE))

    def test_machine_5_0_turns_the_compat_properties_off(self):
        q = self.monitor("pc-i440fx-5.0")
        block = isa_block(q.hmp.cmd("info qtree", 10 * SCALE))
        for prop in ("x-read-set-eax", "x-signal-unsupported-cmd",
                     "x-report-vmx-type", "x-cmds-v2"):
            self.assertIn(prop + " = false", block)

    def test_device_help(self):
        r = qemulib.run(["-device", "vmport,help"])
        self.assertEqual((r.returncode, r.stdout), (0, VMPORT_HELP))
        r = qemulib.run(["-device", "vmmouse,help"])
        self.assertEqual((r.returncode, r.stdout), (0, VMMOUSE_HELP))

    def device_error(self, machine, device):
        q = self.qemu(["-M", machine + "," + ACCEL, "-nodefaults",
                       "-display", "none", "-S", "-device", device])
        self.assertEqual(q.wait(10 * SCALE), 1)
        err = q.stderr_text(5)
        if "not supported yet" in err and "-device" not in err:
            self.skipTest("no usable accelerator: " + err.strip())
        return err

    def test_vmport_is_not_user_creatable(self):
        self.assertIn("-device vmport: Parameter 'driver' expects a "
                      "pluggable device type",
                      self.device_error("pc", "vmport"))

    def test_vmmouse_needs_its_i8042_link(self):
        self.assertIn("-device vmmouse: 'i8042' link is not set",
                      self.device_error("pc", "vmmouse"))

    def test_vmmouse_needs_a_vmport(self):
        q = self.monitor("pc,vmport=off")
        tree = q.hmp.cmd("info qom-tree", 10 * SCALE)
        m = re.search(r"^\s*/(device\[\d+\]) \(i8042\)$", tree, re.M)
        self.assertIsNotNone(m, tree)
        q.shutdown()
        path = "/machine/unattached/" + m.group(1)
        self.assertIn("vmmouse needs a machine with vmport",
                      self.device_error("pc,vmport=off",
                                        "vmmouse,i8042=" + path))

    # ---- the guest ----

    def run_guest(self, machine, accel="kvm"):
        reason = ((kvm_unusable_reason() if accel == "kvm" else None) or
                  guest_unbuildable_reason())
        if reason:
            print("# skipped: " + reason, file=sys.stderr)
            self.skipTest(reason)
        q = self.qemu(["-accel", accel, "-M", machine, "-m", "256",
                       "-nodefaults", "-display", "none",
                       "-bios", os.path.join(GUEST_DIR, "vmport.bin"),
                       "-serial", "stdio"] + DEBUG_EXIT)
        out = q.stdout.read_to_eof(60 * SCALE).decode(errors="replace")
        if q.wait(10 * SCALE) == 1 and not out:
            err = q.stderr_text(5)
            if "not supported yet" in err:
                self.skipTest("accelerator %s: %s" % (accel, err.strip()))
        return q, out

    def test_guest_calls_the_backdoor_under_kvm(self):
        q, out = self.run_guest("pc")
        self.assertExit(q, GUEST_OK_STATUS, 60 * SCALE)
        self.assertIn("vmport: eax=00000006 ebx=564d5868 ecx=00000002\n", out)
        self.assertIn("OK vmport\n", out)
        self.assertNotIn("FAIL", out)

    def test_guest_calls_the_backdoor_on_the_software_cpu(self):
        q, out = self.run_guest("pc", accel="tcg")
        self.assertExit(q, GUEST_OK_STATUS, 60 * SCALE)
        self.assertIn("vmport: eax=00000006 ebx=564d5868 ecx=00000002\n", out)
        self.assertIn("OK vmport\n", out)
        self.assertNotIn("FAIL", out)

    def test_guest_fails_without_vmport(self):
        q, out = self.run_guest("pc,vmport=off")
        # Nothing decodes port 0x5658: all ones, GETVERSION fails (code 1).
        self.assertExit(q, (1 << 1) | 1, 60 * SCALE)
        self.assertIn("vmport: eax=ffffffff ebx=11111111 ecx=0000000a\n", out)
        self.assertIn("FAIL GETVERSION eax\n", out)


if __name__ == "__main__":
    qemulib.main()
