#!/usr/bin/env python3
"""System management mode on the PC board (-machine smm=on|off|auto).

- tests/guests/smm.S on the software CPU: RSM is #UD outside SMM; an APM
  write (port 0xb2, PIIX4 PM APMC_EN) raises an SMI taken at the default
  SMBASE 0x30000 with the AMD64 state-save map (revision 0x00020064, RAX
  at SMBASE + 0xFFF8); the handler relocates SMBASE to 0xa0000, RSM
  restores the registers; the next SMI runs the handler in SMRAM at
  0xa8000, NMIs stay blocked until RSM; SMRAM (i440FX register 0x72) is
  visible outside SMM only while D_OPEN is set.
- SeaBIOS under -accel tcg with smm=on sets SMM up (it waits for its
  relocation SMI to come back, then enables SMRAM with G_SMRAME: the
  "smram" region shows enabled in info mtree) and goes on to its boot
  attempts; with smm=off it leaves SMRAM alone.
- info mtree: the per-CPU "cpu-smm-N" address spaces and the "smram"
  region of the software CPU, as the reference shows them (pc, -smp 2,
  isapc); none under KVM.
- -accel kvm with smm=on where KVM lacks KVM_CAP_X86_SMM: the reference's
  error.  (Our KVM accelerator has no SMM yet: under KVM, smm=auto means
  off and smm=on is refused on every host; the test skips on hosts whose
  KVM has the capability, where the reference would accept it.)

Runs against the reference too (--binary /usr/bin/qemu-system-x86_64).
"""

import fcntl
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
from test_cpu_guests import tcg_unavailable_reason  # noqa: E402

SCALE = qemulib.TIMEOUT_SCALE
GUEST_OK_STATUS = (0x2a << 1) | 1
DEBUG_EXIT = ["-device", "isa-debug-exit,iobase=0xf4,iosize=4"]
KVM_CHECK_EXTENSION = 0xAE03
KVM_CAP_X86_SMM = 117

SMM_GUEST_OUTPUT = """smm: start
OK rsm-outside-smm-ud
OK smram-open
OK smi-at-default-smbase
OK rsm-restores-state
OK smbase-relocated
OK nmi-blocked-until-rsm
OK smram-visibility
OK smram-lock
"""

# The reference's info mtree blocks (QEMU 7.2, -accel tcg, before the
# firmware runs).
CPU_SMM_PC = [
    "  0000000000000000-ffffffffffffffff (prio 0, i/o): memory",
    "    0000000000000000-00000000ffffffff (prio 1, i/o): alias smram "
    "@smram 0000000000000000-00000000ffffffff",
    "    0000000000000000-ffffffffffffffff (prio 0, i/o): alias memory "
    "@system 0000000000000000-ffffffffffffffff",
]
CPU_SMM_ISAPC = [CPU_SMM_PC[0], CPU_SMM_PC[2]]
SMRAM_DISABLED = [
    "    00000000000a0000-00000000000bffff (prio 0, ram): alias smram-low "
    "@pc.ram 00000000000a0000-00000000000bffff",
]
SMRAM_ENABLED = [
    "  0000000000000000-00000000ffffffff (prio 0, i/o): smram",
] + SMRAM_DISABLED
SMRAM_REGION = ("    00000000000a0000-00000000000bffff (prio 1, i/o): alias "
                "smram-region @pci 00000000000a0000-00000000000bffff")


def mtree_blocks(text):
    """info mtree as {header line: [lines]} (address spaces sharing a root
    each get the root's lines)."""
    blocks, pending = {}, []
    for line in text.replace("\r", "").splitlines():
        if not line.strip():
            pending = []
            continue
        if not line.startswith(" "):
            pending.append(line.strip())
            blocks[line.strip()] = []
            continue
        for header in pending:
            blocks[header].append(line)
    return blocks


def kvm_smm_capability():
    """KVM_CAP_X86_SMM of /dev/kvm (0 when absent)."""
    fd = os.open("/dev/kvm", os.O_RDWR | os.O_CLOEXEC)
    try:
        return fcntl.ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_X86_SMM)
    finally:
        os.close(fd)


class TcgTestCase(QemuTestCase):
    def setUp(self):
        reason = tcg_unavailable_reason()
        if reason:
            self.skipTest(reason)

    def mtree(self, args):
        q = self.qemu(["-accel", "tcg", "-nodefaults", "-display", "none",
                       "-S"] + args, monitor="stdio")
        q.hmp.read_banner(10 * SCALE)
        return mtree_blocks(q.hmp.cmd("info mtree", 10 * SCALE))


class SmmGuest(TcgTestCase):
    """tests/guests/smm.S without firmware."""

    def setUp(self):
        super().setUp()
        reason = guests_unbuildable_reason()
        if reason:
            self.skipTest(reason)
        # smm.S also uses cpu-lib.inc, which the shared check ignores.
        lib = os.path.join(GUEST_SRC, "cpu-lib.inc")
        if os.path.getmtime(guest("smm")) < os.path.getmtime(lib):
            r = subprocess.run(["sh", os.path.join(GUEST_SRC, "build.sh"),
                                GUEST_DIR, os.path.join(GUEST_SRC, "smm.S")],
                               capture_output=True, text=True)
            if r.returncode:
                self.skipTest("guest build failed: " + r.stderr.strip())

    def run_smm_guest(self, machine):
        q = self.qemu(["-accel", "tcg", "-M", machine, "-m", "256",
                       "-nodefaults", "-display", "none", "-bios",
                       guest("smm"), "-serial", "stdio",
                       "-device", "pci-testdev,addr=5.0"] + DEBUG_EXIT)
        out = q.stdout.read_to_eof(30 * SCALE).decode(errors="replace")
        rc = q.wait(30 * SCALE)
        return out, rc

    def test_smi_smbase_relocation_rsm_and_smram_visibility(self):
        out, rc = self.run_smm_guest("pc,smm=on")
        self.assertEqual(out, SMM_GUEST_OUTPUT)
        self.assertEqual(rc, GUEST_OK_STATUS)

    def test_smm_auto_is_on_with_the_software_cpu(self):
        out, rc = self.run_smm_guest("pc")
        self.assertEqual(out, SMM_GUEST_OUTPUT)
        self.assertEqual(rc, GUEST_OK_STATUS)


class SeaBIOSSmm(TcgTestCase):
    """The default firmware's SMM set-up (SeaBIOS smm.c: relocate SMBASE
    with an APM SMI, wait for the handler's answer on port 0xb3, then
    SMRAM closed with G_SMRAME)."""

    def boot_then_mtree(self, smm):
        q = self.qemu(["-accel", "tcg", "-M", "pc,smm=" + smm, "-m", "128",
                       "-nodefaults", "-display", "none",
                       "-chardev", "file,id=d,path=debugcon.txt",
                       "-device", "isa-debugcon,iobase=0x402,chardev=d"],
                      monitor="stdio")
        q.hmp.read_banner(10 * SCALE)
        log = q.path("debugcon.txt")
        end = time.monotonic() + 60 * SCALE
        text = ""
        while time.monotonic() < end:
            with open(log, errors="replace") as f:
                text = f.read()
            if re.search(r"Booting from|No bootable device", text):
                break
            time.sleep(0.1)
        self.assertRegex(text, r"Booting from|No bootable device",
                         "SeaBIOS did not reach its boot attempts")
        return mtree_blocks(q.hmp.cmd("info mtree", 10 * SCALE))

    def test_seabios_relocates_smbase_and_enables_smram(self):
        blocks = self.boot_then_mtree("on")
        self.assertEqual(blocks["memory-region: smram"], SMRAM_ENABLED)
        self.assertIn(SMRAM_REGION, blocks["address-space: memory"])

    def test_seabios_leaves_smram_alone_with_smm_off(self):
        blocks = self.boot_then_mtree("off")
        self.assertEqual(blocks["memory-region: smram"], SMRAM_DISABLED)


class MtreeViews(TcgTestCase):
    """info mtree's SMM views on the software CPU, as on the reference."""

    def test_pc_has_cpu_smm_view_with_smram(self):
        blocks = self.mtree(["-M", "pc"])
        self.assertEqual(blocks["address-space: cpu-smm-0"], CPU_SMM_PC)
        self.assertEqual(blocks["memory-region: smram"], SMRAM_DISABLED)
        self.assertIn(SMRAM_REGION, blocks["address-space: memory"])
        self.assertNotIn("address-space: cpu-smm-1", blocks)

    def test_one_smm_view_per_cpu(self):
        blocks = self.mtree(["-M", "pc,smm=on", "-smp", "2"])
        self.assertEqual(blocks["address-space: cpu-smm-0"], CPU_SMM_PC)
        self.assertEqual(blocks["address-space: cpu-smm-1"], CPU_SMM_PC)

    def test_isapc_smm_view_has_no_smram(self):
        blocks = self.mtree(["-M", "isapc"])
        self.assertEqual(blocks["address-space: cpu-smm-0"], CPU_SMM_ISAPC)
        self.assertNotIn("memory-region: smram", blocks)


class Kvm(QemuTestCase):
    def setUp(self):
        reason = kvm_unusable_reason()
        if reason:
            self.skipTest(reason)

    def test_smm_on_refused_without_kvm_smm(self):
        if kvm_smm_capability():
            self.skipTest("this host's KVM has KVM_CAP_X86_SMM (the "
                          "reference accepts smm=on there; ours has no "
                          "KVM SMM yet)")
        r = qemulib.run(["-accel", "kvm", "-M", "pc,smm=on", "-nodefaults",
                         "-display", "none", "-S"], timeout=20 * SCALE)
        self.assertEqual(r.returncode, 1)
        self.assertIn("qemu-system-x86_64: System Management Mode not "
                      "supported by this hypervisor.\n", r.stderr)

    def test_no_smm_view_under_kvm(self):
        q = self.qemu(["-accel", "kvm", "-M", "pc", "-nodefaults",
                       "-display", "none", "-S"], monitor="stdio")
        q.hmp.read_banner(20 * SCALE)
        blocks = mtree_blocks(q.hmp.cmd("info mtree", 10 * SCALE))
        self.assertFalse([h for h in blocks if "cpu-smm" in h], blocks.keys())


if __name__ == "__main__":
    qemulib.main()
