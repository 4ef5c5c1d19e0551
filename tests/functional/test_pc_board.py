#!/usr/bin/env python3
"""The PC board (-M pc, isapc) under KVM, tested as users see it.

- Small guests (tests/guests/*.S, flat -bios images) report on the serial
  port and exit through isa-debug-exit: mode switches with port and MMIO
  access, interrupts through the 8259s and the IOAPIC (PIT, RTC, local
  APIC timer, HLT wake-up), SMP start-up with INIT/SIPI, triple fault and
  reset, the CMOS bytes the board fills in.
- SeaBIOS (Debian's bios-256k.bin) prints its banner and its boot attempts
  on the serial port with -nographic.
- The layout of the seeds' board and of the default board (info qtree,
  info pci, info mtree, query-pci) against the reference's, recorded in
  data/pc-board/ by data/pc-board/record.py; devices of later parts of
  the project are left out on both sides (pc_board_configs.py).
- libvirt 9 probes the binary (virsh domcapabilities).
- Bad input: each error with the reference's text.

Everything that runs a guest needs a usable /dev/kvm (probed once: open,
KVM_GET_API_VERSION, KVM_CREATE_VM); without it those tests are skipped
with the reason.  This host's KVM may be nested and emulate every guest
instruction: the timeouts are generous (SeaBIOS: 80 s).

The guests are built into build/tests/guests/ by tests/guests/build.sh
(the Makefile does it for make check; this script does it when they are
missing or older than their sources).
"""

import difflib
import fcntl
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemulib  # noqa: E402
from qemulib import QemuTestCase, REPO_ROOT  # noqa: E402
import pc_board_configs as boards  # noqa: E402

GUEST_SRC = os.path.join(REPO_ROOT, "tests", "guests")
GUEST_DIR = os.path.join(REPO_ROOT, "build", "tests", "guests")
DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data",
                        "pc-board")
SCALE = qemulib.TIMEOUT_SCALE
GUEST_OK_STATUS = (0x2a << 1) | 1       # isa-debug-exit with GUEST_OK
DEBUG_EXIT = ["-device", "isa-debug-exit,iobase=0xf4,iosize=4"]

# ---- probes (each once per process) ----

_kvm_reason = None
_guests_reason = None


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
                if fcntl.ioctl(fd, 0xAE00) != 12:       # KVM_GET_API_VERSION
                    _kvm_reason = "/dev/kvm: unexpected KVM API version"
                else:
                    os.close(fcntl.ioctl(fd, 0xAE01, 0))   # KVM_CREATE_VM
            except OSError as e:
                _kvm_reason = "/dev/kvm cannot create a VM: %s" % e.strerror
            finally:
                os.close(fd)
    return _kvm_reason or None


def kvm_has_smm():
    """Whether a KVM VM supports SMM (KVM_CAP_X86_SMM on the VM fd)."""
    fd = os.open("/dev/kvm", os.O_RDWR | os.O_CLOEXEC)
    try:
        vm = fcntl.ioctl(fd, 0xAE01, 0)                 # KVM_CREATE_VM
        try:
            return fcntl.ioctl(vm, 0xAE03, 117) > 0     # KVM_CHECK_EXTENSION
        finally:
            os.close(vm)
    finally:
        os.close(fd)


def needs_kvm(test):
    """Skip the test (with the reason) when KVM is unusable."""
    def wrapper(self, *args, **kwargs):
        reason = kvm_unusable_reason()
        if reason:
            self.skipTest(reason)
        return test(self, *args, **kwargs)
    wrapper.__name__ = test.__name__
    wrapper.__doc__ = test.__doc__
    return wrapper


def guests_unbuildable_reason():
    """Build the guests that are missing or stale; None on success."""
    global _guests_reason
    if _guests_reason is None:
        _guests_reason = ""
        stale = []
        deps = [os.path.join(GUEST_SRC, f) for f in ("guest.h", "guest-lib.inc",
                                                      "build.sh")]
        newest_dep = max(os.path.getmtime(d) for d in deps)
        for src in sorted(glob.glob(os.path.join(GUEST_SRC, "*.S"))):
            base = os.path.join(GUEST_DIR, os.path.basename(src)[:-2])
            out = base + ".elf" if os.path.exists(base + ".elf") else \
                base + ".bin"
            if (not os.path.exists(out) or
                    os.path.getmtime(out) < max(os.path.getmtime(src), newest_dep)):
                stale.append(src)
        if stale:
            if not (shutil.which(os.environ.get("CC", "cc")) and
                    shutil.which("objcopy") and shutil.which("objdump")):
                _guests_reason = "cannot build the test guests (cc, objcopy)"
            else:
                r = subprocess.run(["sh", os.path.join(GUEST_SRC, "build.sh"),
                                    GUEST_DIR] + stale,
                                   capture_output=True, text=True)
                if r.returncode:
                    _guests_reason = "guest build failed: " + r.stderr.strip()
    return _guests_reason or None


def guest(name):
    return os.path.join(GUEST_DIR, name + ".bin")


class GuestTestCase(QemuTestCase):
    """Runs a test guest on the PC board under KVM."""

    def setUp(self):
        reason = kvm_unusable_reason() or guests_unbuildable_reason()
        if reason:
            self.skipTest(reason)

    def run_guest(self, name, extra=(), accel="kvm", machine="pc", qmp=None,
                  exit_status=GUEST_OK_STATUS, timeout=30):
        """Run guest `name` to its exit; returns (serial output, Qemu).
        With qmp, the guest starts once the QMP connection is up (-S,
        cont), so that no event is missed."""
        q = self.qemu(["-accel", accel, "-M", machine, "-m", "256",
                       "-nodefaults", "-display", "none", "-bios", guest(name),
                       "-serial", "stdio"] + DEBUG_EXIT + list(extra) +
                      (["-S"] if qmp else []), qmp=qmp)
        if qmp:
            q.qmp.execute("cont")
        out = q.stdout.read_to_eof(timeout * SCALE).decode(errors="replace")
        self.assertExit(q, exit_status, timeout * SCALE)
        return out, q


class ModesAndDevices(GuestTestCase):
    """Mode switches, port and MMIO access, the CMOS contents."""

    def test_real_protected_long_mode_with_port_and_mmio_access(self):
        out, _ = self.run_guest("modes")
        self.assertEqual(out, "modes: start\n"
                              "real: pci 8086:1237 ok\n"
                              "prot32: fw_cfg QEMU, ram, ioapic ok\n"
                              "long64: paging, lapic ok\n")

    def test_serial_byte_guest_writes_its_byte_first(self):
        q = self.qemu(["-accel", "kvm", "-M", "pc", "-m", "256", "-nodefaults",
                       "-display", "none", "-bios", guest("serial-byte"),
                       "-serial", "stdio"])
        self.assertEqual(q.stdout.read_until(b"!", 20 * SCALE), b"!")

    # The reference's CMOS bytes for each option set (recorded with
    # tests/guests/cmos.S on QEMU 7.2).
    CMOS = {
        ("-m", "256", "-smp", "2"):
            "0a=26 0b=02 0d=80 0f=00 10=00 12=00 14=06 15=80 16=02 17=ff "
            "18=ff 19=00 1a=00 2e=00 2f=00 30=ff 31=ff 32=20 34=00 35=0f "
            "38=30 39=00 3d=12 5b=00 5c=00 5d=00 5f=01",
        ("-m", "256", "-boot", "order=ndc,menu=on"):
            "0a=26 0b=02 0d=80 0f=00 10=00 12=00 14=06 15=80 16=02 17=ff "
            "18=ff 19=00 1a=00 2e=00 2f=00 30=ff 31=ff 32=20 34=00 35=0f "
            "38=20 39=00 3d=34 5b=00 5c=00 5d=00 5f=00",
        ("-m", "5G", "-boot", "order=dcn"):
            "0a=26 0b=02 0d=80 0f=00 10=00 12=00 14=06 15=80 16=02 17=ff "
            "18=ff 19=00 1a=00 2e=00 2f=00 30=ff 31=ff 32=20 34=00 35=bf "
            "38=40 39=00 3d=23 5b=00 5c=80 5d=00 5f=00",
        ("-m", "3584M", "-smp", "3", "-boot", "order=n"):
            "0a=26 0b=02 0d=80 0f=00 10=00 12=00 14=06 15=80 16=02 17=ff "
            "18=ff 19=00 1a=00 2e=00 2f=00 30=ff 31=ff 32=20 34=00 35=bf "
            "38=00 39=00 3d=04 5b=00 5c=20 5d=00 5f=02",
        ("-m", "16M"):
            "0a=26 0b=02 0d=80 0f=00 10=00 12=00 14=06 15=80 16=02 17=00 "
            "18=3c 19=00 1a=00 2e=00 2f=00 30=00 31=3c 32=20 34=00 35=00 "
            "38=30 39=00 3d=12 5b=00 5c=00 5d=00 5f=00",
    }

    def test_cmos_memory_sizes_cpu_count_and_boot_order(self):
        for opts, expected in self.CMOS.items():
            with self.subTest(opts=" ".join(opts)):
                # -m comes last: it overrides run_guest's -m 256.
                out, _ = self.run_guest("cmos", extra=opts[2:] + opts[:2])
                self.assertEqual(out, "cmos: %s\n" % expected)


class Interrupts(GuestTestCase):
    """8259s, IOAPIC, PIT, RTC, local APIC timer, HLT wake-up."""

    EXPECTED = ("irq: start\npic-pit ok\npic-rtc ok\nioapic-pit ok\n"
                "ioapic-rtc ok\nlapic-timer ok\n")

    def test_irq_delivery_with_in_kernel_irqchip(self):
        out, _ = self.run_guest("irq")
        self.assertEqual(out, self.EXPECTED)

    def test_irq_delivery_with_userspace_irqchip(self):
        out, _ = self.run_guest("irq", accel="kvm,kernel-irqchip=off")
        self.assertEqual(out, self.EXPECTED)

    def test_irq_delivery_with_split_irqchip(self):
        out, _ = self.run_guest("irq", accel="kvm,kernel-irqchip=split")
        self.assertEqual(out, self.EXPECTED)

    def test_irq_delivery_without_hpet(self):
        out, _ = self.run_guest("irq", extra=["-no-hpet"])
        self.assertEqual(out, self.EXPECTED)


class Smp(GuestTestCase):
    """INIT-SIPI-SIPI start-up of the application processors."""

    def check_aps(self, out, apic_ids):
        lines = out.splitlines()
        self.assertEqual(lines[0], "smp: start")
        self.assertEqual(sorted(lines[1:-1]),
                         sorted("ap %02x" % i for i in apic_ids))
        self.assertEqual(lines[-1], "smp: %02x aps ok" % len(apic_ids))

    def test_two_cpus_start_with_init_sipi(self):
        out, _ = self.run_guest("smp", extra=["-smp", "2"])
        self.check_aps(out, [1])

    def test_apic_ids_follow_the_topology(self):
        # 2 sockets of 3 cores: the core field is 2 bits wide, so the
        # second socket's cores are 4, 5, 6 (SDM vol. 3 8.9.1).
        out, _ = self.run_guest("smp", extra=["-smp", "6,sockets=2,cores=3"],
                                timeout=60)
        self.check_aps(out, [1, 2, 4, 5, 6])

    @qemulib.ours_only("QEMU 7.2 hangs here: its userspace local APIC is "
                       "deprecated with KVM")
    def test_two_cpus_start_with_userspace_irqchip(self):
        out, _ = self.run_guest("smp", extra=["-smp", "2"],
                                accel="kvm,kernel-irqchip=off")
        self.check_aps(out, [1])


class Reset(GuestTestCase):
    """Triple fault -> reset (RESET events, a counter in CMOS), or shutdown
    with -no-reboot."""

    def test_triple_fault_resets_the_machine(self):
        out, q = self.run_guest("reset", qmp="unix")
        self.assertEqual(out.splitlines()[:3], ["boot 01", "boot 02", "boot 03"])
        self.assertEqual(out.splitlines()[-1], "reset: ok")
        for _ in range(2):
            ev = q.qmp.wait_event("RESET", 5 * SCALE)
            self.assertEqual(ev["data"], {"guest": True, "reason": "guest-reset"})

    def test_reset_leaves_pam_and_shadow_ram_as_the_reference(self):
        # Boot 2 shadowed 0xf0000-0xfffff (PAM0 = 0x30) and wrote there;
        # QEMU 7.2 keeps both across the reset (SeaBIOS copes either way).
        out, _ = self.run_guest("reset")
        self.assertIn("after reset: pam0=30 f0000-marker=dead\n", out)

    def test_triple_fault_with_no_reboot_shuts_down(self):
        out, q = self.run_guest("reset", extra=["-no-reboot"], qmp="unix",
                                exit_status=0)
        self.assertEqual(out, "boot 01\n")
        ev = q.qmp.wait_event("SHUTDOWN", 5 * SCALE)
        self.assertEqual(ev["data"], {"guest": True, "reason": "guest-reset"})


class SeaBIOS(QemuTestCase):
    """The default firmware under KVM, on the serial port."""

    @needs_kvm
    def test_banner_and_boot_attempts_on_serial_with_nographic(self):
        q = self.qemu(["-accel", "kvm", "-M", "pc", "-m", "512", "-smp", "2",
                       "-nodefaults", "-nographic", "-serial", "stdio"])
        # One deadline for the whole boot (the per-test limit is 90 s).
        end = time.monotonic() + 80 * SCALE
        for marker in (b"SeaBIOS (version", b"Booting from ",
                       b"No bootable device."):
            q.stdout.read_until(marker, max(0.0, end - time.monotonic()))


# ---- layout comparisons ----

def filter_qtree(text):
    """info qtree without later parts' devices (and their subtrees)."""
    out, skip = [], None
    for line in text.replace("\r", "").splitlines():
        indent = len(line) - len(line.lstrip())
        if skip is not None:
            if indent > skip:
                continue
            skip = None
        m = re.match(r"\s*dev: ([^,]+),", line)
        if m and m.group(1) in boards.LATER_DEVICES:
            skip = indent
            continue
        out.append(line)
    return "\n".join(out).strip() + "\n"


def mtree_blocks(text):
    """info mtree as {header: [lines]}, without later parts' regions."""
    blocks, cur = {}, None
    for line in text.replace("\r", "").splitlines():
        if not line.strip():
            continue
        if not line.startswith(" "):
            cur = line.strip()
            blocks.setdefault(cur, [])
            continue
        m = re.search(r"\): (?:alias )?(\S+)", line)
        if m and m.group(1) in boards.LATER_REGIONS:
            continue
        blocks[cur].append(line)
    for name in boards.LATER_ADDRESS_SPACES:
        blocks.pop("address-space: " + name, None)
    return blocks


def pci_functions(text):
    """info pci as a list of text blocks, one per function, without later
    parts' functions."""
    funcs, cur = [], None
    for line in text.replace("\r", "").splitlines():
        if line.startswith("  Bus"):
            cur = [line]
            funcs.append(cur)
        elif cur is not None and line.strip():
            cur.append(line)
    out = []
    for f in funcs:
        m = re.search(r"PCI device ([0-9a-f]{4}):([0-9a-f]{4})", f[1])
        if m and (int(m.group(1), 16), int(m.group(2), 16)) in boards.LATER_PCI_IDS:
            continue
        out.append("\n".join(f))
    return out


def filter_query_pci(reply):
    for bus in reply:
        bus["devices"] = [d for d in bus["devices"]
                          if (d["id"]["vendor"], d["id"]["device"])
                          not in boards.LATER_PCI_IDS]
    return reply


class Layout(QemuTestCase):
    """The board's devices, PCI functions and memory map against the
    reference's (data/pc-board/, recorded on a KVM host without SMM)."""

    def capture(self, config):
        args, accel = boards.CONFIGS[config]
        if accel == "kvm":
            reason = kvm_unusable_reason()
            if reason:
                self.skipTest(reason)
        q = self.qemu(args + boards.COMMON, qmp="stdio")
        out = {}
        for c in boards.HMP_COMMANDS:
            out[c] = q.qmp.execute("human-monitor-command",
                                   {"command-line": c})
        out["query-pci"] = q.qmp.execute("query-pci")
        q.qmp.execute("quit")
        q.wait()
        return out

    def expected(self, config, what):
        suffix = ".query-pci.json" if what == "query-pci" else \
            ".%s.txt" % what.replace(" ", "-")
        with open(os.path.join(DATA_DIR, config + suffix)) as f:
            return json.load(f) if what == "query-pci" else f.read()

    def assertSameText(self, got, expected):
        """Fail with a unified diff (reference -> ours) when they differ."""
        if got != expected:
            diff = difflib.unified_diff(expected.splitlines(),
                                        got.splitlines(), "reference", "ours",
                                        lineterm="", n=2)
            self.fail("differs from the reference:\n" + "\n".join(diff))

    def compare(self, config):
        got = self.capture(config)
        with self.subTest(config=config, what="info qtree"):
            self.assertSameText(filter_qtree(got["info qtree"]),
                                filter_qtree(self.expected(config,
                                                           "info qtree")))
        with self.subTest(config=config, what="info pci"):
            self.assertSameText(
                "\n".join(pci_functions(got["info pci"])),
                "\n".join(pci_functions(self.expected(config, "info pci"))))
        with self.subTest(config=config, what="query-pci"):
            self.assertSameText(
                json.dumps(filter_query_pci(got["query-pci"]), indent=1,
                           sort_keys=True),
                json.dumps(filter_query_pci(self.expected(config,
                                                          "query-pci")),
                           indent=1, sort_keys=True))
        exp = mtree_blocks(self.expected(config, "info mtree"))
        mine = mtree_blocks(got["info mtree"])
        for header in sorted(set(exp) | set(mine)):
            with self.subTest(config=config, what="info mtree", block=header):
                if header not in mine:
                    self.fail("%s: missing" % header)
                if header not in exp:
                    self.fail("%s: not on the reference" % header)
                self.assertSameText("\n".join(mine[header]),
                                    "\n".join(exp[header]))

    def test_seed_board_with_in_kernel_irqchip(self):
        self.compare("seed-kvm")

    def test_seed_board_with_userspace_irqchip(self):
        self.compare("seed-kvm-irqchip-off")

    def test_default_pc_board(self):
        self.compare("pc-kvm")

    def test_isapc_board(self):
        self.compare("isapc-kvm")

    @qemulib.ours_only("pc-i440fx-trusty is Ubuntu's name, not in QEMU 7.2")
    @needs_kvm
    def test_trusty_is_the_2_0_board(self):
        args = [a.replace("pc-i440fx-2.0", "pc-i440fx-trusty")
                for a in boards.SEED_BOARD]
        q = self.qemu(args + ["-accel", "kvm"] + boards.COMMON, qmp="stdio")
        qtree = q.qmp.execute("human-monitor-command",
                              {"command-line": "info qtree"})
        self.assertSameText(filter_qtree(qtree),
                            filter_qtree(self.expected("seed-kvm",
                                                       "info qtree")))
        machines = {m["name"]: m for m in q.qmp.execute("query-machines")}
        self.assertIn("pc-i440fx-trusty", machines)


class MachineTypes(QemuTestCase):
    """-machine help and -M pc,help, without a guest."""

    def test_machine_help_lists_the_pc_types(self):
        r = qemulib.run(["-machine", "help"])
        self.assertEqual(r.returncode, 0)
        lines = r.stdout.splitlines()
        self.assertIn("pc                   Standard PC (i440FX + PIIX, 1996) "
                      "(alias of pc-i440fx-7.2)", lines)
        self.assertIn("pc-i440fx-7.2        Standard PC (i440FX + PIIX, 1996) "
                      "(default)", lines)
        self.assertIn("pc-i440fx-1.4        Standard PC (i440FX + PIIX, 1996) "
                      "(deprecated)", lines)
        self.assertIn("isapc                ISA-only PC", lines)
        for v in ("7.1", "7.0", "6.2", "6.1", "6.0", "5.2", "5.1", "5.0",
                  "4.2", "4.1", "4.0", "3.1", "3.0", "2.12", "2.11", "2.10",
                  "2.9", "2.8", "2.7", "2.6", "2.5", "2.4", "2.3", "2.2",
                  "2.1", "2.0"):
            self.assertIn("%-20s Standard PC (i440FX + PIIX, 1996)"
                          % ("pc-i440fx-" + v), lines)

    @qemulib.ours_only("pc-i440fx-trusty is Ubuntu's name, not in QEMU 7.2")
    def test_machine_help_lists_trusty(self):
        r = qemulib.run(["-machine", "help"])
        self.assertIn("pc-i440fx-trusty     Ubuntu 14.04 PC (i440FX + PIIX, "
                      "1996)", r.stdout.splitlines())

    def test_pc_machine_properties_help(self):
        r = qemulib.run(["-M", "pc,help"])
        self.assertEqual(r.returncode, 0)
        for line in ("  acpi=<OnOffAuto>       - Enable ACPI",
                     "  hpet=<bool>            - Enable/disable high precision "
                     "event timer emulation",
                     "  max-ram-below-4g=<size> - Maximum ram below the 4G "
                     "boundary (32bit boundary)",
                     "  smm=<OnOffAuto>        - Enable SMM",
                     "  vmport=<OnOffAuto>     - Enable vmport (pc & q35)",
                     "  pit=<OnOffAuto>        - Enable i8254 PIT",
                     "  pic=<OnOffAuto>        - Enable i8259 PIC",
                     "  i8042=<bool>",
                     "  sata=<bool>            - Enable/disable Serial ATA bus",
                     "  smbus=<bool>           - Enable/disable system "
                     "management bus",
                     "  usb=<bool>             - Set on/off to enable/disable "
                     "usb"):
            self.assertIn(line, r.stdout.splitlines())


class Libvirt(QemuTestCase):
    """libvirt 9 probes the binary (virsh domcapabilities)."""

    def setUp(self):
        if not shutil.which("virsh"):
            self.skipTest("libvirt-clients (virsh) not installed")
        if not self.libvirtd_running():
            if os.geteuid() != 0 or not shutil.which("libvirtd"):
                self.skipTest("libvirtd not running and cannot be started "
                              "(libvirt-daemon-system, root)")
            for daemon in ("virtlogd", "virtlockd", "libvirtd"):
                subprocess.run([daemon, "-d"], capture_output=True, timeout=30)
        r = subprocess.run(["virsh", "-c", "qemu:///system", "version"],
                           capture_output=True, text=True, timeout=60)
        if r.returncode:
            self.skipTest("libvirt cannot run here: " + r.stderr.strip())

    @staticmethod
    def libvirtd_running():
        return subprocess.run(["pgrep", "-x", "libvirtd"],
                              capture_output=True).returncode == 0

    def domcapabilities(self, virttype, machine=None):
        cmd = ["virsh", "-c", "qemu:///system", "domcapabilities",
               "--emulatorbin", qemulib.binary(), "--arch", "x86_64",
               "--virttype", virttype]
        if machine:
            cmd += ["--machine", machine]
        r = subprocess.run(cmd, capture_output=True, text=True,
                           timeout=120 * SCALE)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout

    def check(self, virttype):
        xml = self.domcapabilities(virttype)
        self.assertIn("<machine>pc-i440fx-7.2</machine>", xml)
        self.assertIn("<vcpu max='255'/>", xml)
        for model in ("qemu64", "SandyBridge", "Haswell", "EPYC",
                      "Opteron_G5"):
            self.assertRegex(xml, r"<model usable='(yes|no)'[^>]*>%s</model>"
                             % model)
        for machine, canonical in (("pc", "pc-i440fx-7.2"),
                                   ("pc-i440fx-2.0", "pc-i440fx-2.0"),
                                   ("isapc", "isapc")):
            xml = self.domcapabilities(virttype, machine)
            self.assertIn("<machine>%s</machine>" % canonical, xml)

    def test_domcapabilities_software_cpu(self):
        r = qemulib.run(["-accel", "help"])
        if "tcg" not in r.stdout.split():
            self.skipTest("no software CPU (tcg) in this build yet: libvirt "
                          "needs it for --virttype qemu")
        self.check("qemu")

    @needs_kvm
    def test_domcapabilities_kvm(self):
        self.check("kvm")


class BadInput(QemuTestCase):
    """Errors with the reference's text (exit status 1)."""

    def check(self, args, message, kvm=True):
        if kvm:
            reason = kvm_unusable_reason()
            if reason:
                self.skipTest(reason)
            args = ["-accel", "kvm"] + args
        r = qemulib.run(args + ["-nodefaults", "-display", "none", "-S"],
                        timeout=30 * SCALE)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertNoCrash(r.returncode, r.stderr)
        self.assertIn(message, r.stderr.splitlines())

    def test_unknown_machine(self):
        self.check(["-M", "pc-i440fx-9.9"],
                   "qemu-system-x86_64: unsupported machine type", kvm=False)

    def test_unknown_cpu_model(self):
        self.check(["-M", "pc", "-cpu", "foo"],
                   "qemu-system-x86_64: unable to find CPU model 'foo'")

    def test_unknown_cpu_flag(self):
        self.check(["-M", "pc", "-cpu", "qemu64,+foo"],
                   "qemu-system-x86_64: Property 'qemu64-x86_64-cpu.foo' "
                   "not found")

    def test_memory_too_large_for_the_host(self):
        self.check(["-M", "pc", "-m", "100T"],
                   "qemu-system-x86_64: cannot set up guest memory 'pc.ram': "
                   "Cannot allocate memory")

    def test_too_many_cpus(self):
        self.check(["-M", "pc", "-smp", "300"],
                   "qemu-system-x86_64: Invalid SMP CPUs 300. The max CPUs "
                   "supported by machine 'pc-i440fx-7.2' is 255", kvm=False)

    def test_isapc_has_one_cpu(self):
        self.check(["-M", "isapc", "-smp", "2"],
                   "qemu-system-x86_64: Invalid SMP CPUs 2. The max CPUs "
                   "supported by machine 'isapc' is 1", kvm=False)

    def test_impossible_topology(self):
        self.check(["-M", "pc", "-smp", "4,sockets=3"],
                   "qemu-system-x86_64: Invalid CPU topology: product of the "
                   "hierarchy must match maxcpus: sockets (3) * dies (1) * "
                   "cores (1) * threads (1) != maxcpus (4)", kvm=False)

    def test_missing_firmware_file(self):
        self.check(["-M", "pc", "-bios", "nonexist.bin"],
                   "qemu: could not load PC BIOS 'nonexist.bin'")

    def test_duplicate_pci_address(self):
        self.check(["-M", "pc", "-device", "pci-testdev,addr=3",
                    "-device", "pci-testdev,addr=3"],
                   "qemu-system-x86_64: -device pci-testdev,addr=3: PCI: slot "
                   "3 function 0 not available for pci-testdev, in use by "
                   "pci-testdev,id=(null)")

    def test_pci_address_of_the_host_bridge(self):
        self.check(["-M", "pc", "-device", "pci-testdev,addr=0"],
                   "qemu-system-x86_64: -device pci-testdev,addr=0: PCI: slot "
                   "0 function 0 not available for pci-testdev, in use by "
                   "i440FX,id=(null)")

    def test_max_ram_below_4g_too_large(self):
        self.check(["-M", "pc,max-ram-below-4g=5G"],
                   "qemu-system-x86_64: Machine option "
                   "'max-ram-below-4g=5368709120' expects size less than or "
                   "equal to 4G")

    def test_bad_machine_property_values(self):
        for prop, message in (("acpi=foo", "Parameter 'acpi' does not accept "
                                           "value 'foo'"),
                              ("hpet=foo", "Parameter 'hpet' expects 'on' or "
                                           "'off'")):
            with self.subTest(prop=prop):
                self.check(["-M", "pc," + prop],
                           "qemu-system-x86_64: " + message)

    def test_smm_on_without_smm_support(self):
        # On a KVM without KVM_CAP_X86_SMM both refuse smm=on (this
        # emulator refuses it everywhere: it does not deliver SMIs yet).
        if not kvm_unusable_reason() and kvm_has_smm():
            self.skipTest("this host's KVM supports SMM")
        self.check(["-M", "pc,smm=on"],
                   "qemu-system-x86_64: System Management Mode not "
                   "supported by this hypervisor.")

    def test_boot_devices_the_pc_cannot_boot_from(self):
        for order, message in (("order=e", "Invalid boot device for PC: 'e'"),
                               ("order=cdna", "Too many boot devices for PC"),
                               ("once=e", "Invalid boot device for PC: 'e'")):
            with self.subTest(boot=order):
                self.check(["-M", "pc", "-boot", order],
                           "qemu-system-x86_64: " + message)


if __name__ == "__main__":
    qemulib.main()
