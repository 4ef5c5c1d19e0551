#!/usr/bin/env python3
"""-machine kernel_irqchip=on|off|split under KVM, as users see it.

on:    the kernel emulates the 8259 pair, the IOAPIC, the PIT and the
       local APICs (kvm-i8259, kvm-ioapic, kvm-pit, kvm-apic);
off:   all of them are the userspace models (isa-i8259, ioapic, isa-pit,
       apic); interrupts are injected with KVM_INTERRUPT when the vCPU
       can take them (ready_for_interrupt_injection, or an interrupt
       window exit), and HLT exits to userspace;
split: the local APICs in the kernel, the rest in userspace (IOAPIC
       messages as MSIs; level-triggered EOIs come back through
       KVM_EXIT_IOAPIC_EOI).

For each mode:
- SeaBIOS boots to the same serial output as with =on: its banner, each
  boot attempt, "No bootable device." (it waits on the PIT, the RTC, the
  HPET and the APIC timer, so a lost timer interrupt is a hang);
- the guests tests/guests/uirq-*.S (flat -bios images) each print
  "OK <name>" and exit through isa-debug-exit with GUEST_OK:
    uirq-pic     PIT IRQ 0 through the 8259 in real mode, HLT wake-up;
    uirq-ioapic  PIT IRQ 0 -> IOAPIC pin 2 (edge) and RTC IRQ 8 -> pin 8
                 (level, needs every EOI to reach the IOAPIC);
    uirq-lapic   the local APIC timer one-shot, three times;
- the board has the devices of the mode (info qtree), as the reference.

Runs against the reference too (--binary /usr/bin/qemu-system-x86_64).
Skipped, with the reason, when /dev/kvm is missing or cannot create a VM.
This host's KVM may emulate every guest instruction: SeaBIOS gets 85 s.
"""

import fcntl
import os
import shutil
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemulib  # noqa: E402
from qemulib import QemuTestCase, REPO_ROOT  # noqa: E402

GUEST_SRC = os.path.join(REPO_ROOT, "tests", "guests")
GUEST_DIR = os.path.join(REPO_ROOT, "build", "tests", "guests")
GUESTS = ("uirq-pic", "uirq-ioapic", "uirq-lapic")
MODES = ("on", "off", "split")
SCALE = qemulib.TIMEOUT_SCALE
GUEST_OK_STATUS = (0x2a << 1) | 1       # isa-debug-exit with GUEST_OK
DEBUG_EXIT = ["-device", "isa-debug-exit,iobase=0xf4,iosize=4"]

# The in-kernel or userspace model of each interrupt device, per mode.
DEVICES = {
    "on": ("kvm-i8259", "kvm-ioapic", "kvm-pit"),
    "off": ("isa-i8259", "ioapic", "isa-pit"),
    "split": ("isa-i8259", "ioapic", "isa-pit"),
}

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


def guests_unbuildable_reason():
    """Assemble the uirq guests (as tests/guests/build.sh does); None when
    they are there."""
    global _build_reason
    if _build_reason is None:
        _build_reason = ""
        if not (shutil.which(os.environ.get("CC", "cc")) and
                shutil.which("objcopy") and shutil.which("objdump")):
            _build_reason = "cannot build the test guests (cc, objcopy)"
        else:
            srcs = [os.path.join(GUEST_SRC, g + ".S") for g in GUESTS]
            r = subprocess.run(["sh", os.path.join(GUEST_SRC, "build.sh"),
                                GUEST_DIR] + srcs,
                               capture_output=True, text=True)
            if r.returncode:
                _build_reason = "guest build failed: " + r.stderr.strip()
    return _build_reason or None


class IrqchipModes(QemuTestCase):

    def setUp(self):
        reason = kvm_unusable_reason()
        if reason:
            print("# skipped: " + reason, file=sys.stderr)
            self.skipTest(reason)

    def machine(self, mode):
        return ["-accel", "kvm", "-M", "pc,kernel_irqchip=" + mode]

    def run_guest(self, name, mode, timeout=60):
        reason = guests_unbuildable_reason()
        if reason:
            print("# skipped: " + reason, file=sys.stderr)
            self.skipTest(reason)
        q = self.qemu(self.machine(mode) +
                      ["-m", "256", "-nodefaults", "-display", "none",
                       "-bios", os.path.join(GUEST_DIR, name + ".bin"),
                       "-serial", "stdio"] + DEBUG_EXIT)
        out = q.stdout.read_to_eof(timeout * SCALE).decode(errors="replace")
        self.assertExit(q, GUEST_OK_STATUS, timeout * SCALE)
        self.assertIn("OK %s\n" % name, out)
        self.assertNotIn("FAIL", out)
        return q

    def seabios(self, mode):
        q = self.qemu(self.machine(mode) +
                      ["-m", "512", "-nodefaults", "-nographic",
                       "-serial", "stdio"])
        end = time.monotonic() + 85 * SCALE
        seen = b""
        for marker in (b"SeaBIOS (version", b"No bootable device."):
            seen += q.stdout.read_until(marker,
                                        max(0.0, end - time.monotonic()))
        # Both boot attempts failed in between (their order is the board's
        # boot order, not this test's business).
        text = seen.decode(errors="replace")
        self.assertIn("Booting from Floppy...", text)
        self.assertIn("Booting from Hard Disk...", text)
        self.assertEqual(text.count("Boot failed: could not read the boot "
                                    "disk"), 2, text)

    def devices(self, mode):
        q = self.qemu(self.machine(mode) +
                      ["-m", "256", "-nodefaults", "-display", "none", "-S"],
                      monitor="stdio")
        q.hmp.read_banner(10 * SCALE)
        qtree = q.hmp.cmd("info qtree", 10 * SCALE)
        for dev in DEVICES[mode]:
            self.assertIn("dev: %s," % dev, qtree)
        others = {d for m in MODES for d in DEVICES[m]} - set(DEVICES[mode])
        for dev in others:
            self.assertNotIn("dev: %s," % dev, qtree)
        # The userspace IOAPIC is version 0x20, the kernel's 0x11.
        pic = q.hmp.cmd("info pic", 10 * SCALE)
        self.assertIn("ioapic0: ver=%s" % ("0x11" if mode == "on" else "0x20"),
                      pic)

    def test_bad_mode_is_rejected(self):
        q = self.qemu(self.machine("sometimes") + ["-display", "none"])
        rc = q.wait(10 * SCALE)
        self.assertEqual(rc, 1)
        self.assertIn("kernel-irqchip", q.stderr.read_to_eof(5).decode())


def _add(mode):
    def seabios(self):
        self.seabios(mode)

    def devices(self):
        self.devices(mode)
    seabios.__name__ = "test_seabios_boots_with_kernel_irqchip_" + mode
    devices.__name__ = "test_devices_with_kernel_irqchip_" + mode
    setattr(IrqchipModes, seabios.__name__, seabios)
    setattr(IrqchipModes, devices.__name__, devices)
    for g in GUESTS:
        def run(self, g=g):
            self.run_guest(g, mode)
        run.__name__ = "test_%s_with_kernel_irqchip_%s" % (
            g.replace("-", "_"), mode)
        setattr(IrqchipModes, run.__name__, run)


for _m in MODES:
    _add(_m)


if __name__ == "__main__":
    qemulib.main()
