#!/usr/bin/env python3
"""Firmware hand-over, end to end under KVM: what a guest finds after
SeaBIOS booted it with -kernel/-initrd/-append, -smbios and ACPI.

Two test guests (tests/guests/fw-*.S, assembled here the way
tests/guests/build.sh does) print what they see on COM1 and leave through
isa-debug-exit with GUEST_OK (status 85):

- fw-multiboot.S, a Multiboot v1 kernel (ELF32, and the same as an a.out
  kludge flat image): the Multiboot information
  (magic, flags, memory sizes, command line, modules, memory map), the
  SMBIOS type 1 structure found from the "_SM_" anchor, and the ACPI
  tables reached from the RSDP with their checksums;
- fw-bzimage.S, a synthetic bzImage (boot protocol 2.15, 32-bit entry):
  the boot_params fields the loader filled in, the command line, the
  initrd's address, size and first bytes.

Each output is checked for the facts the options imply, then compared
line by line with the real QEMU 7.2 running the same guest with the same
options (skipped when the reference or its KVM cannot run here).

Needs a usable /dev/kvm (skipped with the reason otherwise), gcc able to
assemble 32-bit code and GNU ld.  SeaBIOS under this host's nested KVM
takes seconds to tens of seconds: the waits allow 80 s a run.
"""

import fcntl
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemulib  # noqa: E402

GUESTS = os.path.join(qemulib.REPO_ROOT, "tests", "guests")
FIXTURES = os.environ.get("QEMU_FIXTURES") or os.path.join(qemulib.REPO_ROOT, "tests", "fixtures")
GUEST_OK_STATUS = (0x2a << 1) | 1
RUN_TIMEOUT = 80.0 * qemulib.TIMEOUT_SCALE
KVM_GET_API_VERSION = 0xae00
KVM_API_VERSION = 12

BOARD = ["-enable-kvm", "-M", "pc", "-m", "512", "-display", "none",
         "-nodefaults", "-serial", "stdio",
         "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]

MULTIBOOT_APPEND = "a b c"
MODULE1 = b"module one: some bytes\n"
MODULE2 = b"\x00\x01\x02\x03second module\xff\xfe"
INITRD = b"INITRD-0123456789abcdef, then the rest of the ramdisk\n" * 3
LINUX_APPEND = "console=ttyS0 root=/dev/ram0 quiet"

# The seeds' OpenStack Nova line (tests/fixtures/openstack-instance.args).
OPENSTACK_SMBIOS_DEFAULT = (
    "type=1,manufacturer=OpenStack Foundation,product=OpenStack Nova,"
    "version=2014.1,serial=80590690-87d2-e311-b1b0-a0481cabdfb4,"
    "uuid=1f8e6f7e-5a70-4780-89c1-464dc0e7f308")


def kvm_unusable():
    """None when /dev/kvm opens read-write and speaks API 12, else why not."""
    try:
        fd = os.open("/dev/kvm", os.O_RDWR | os.O_CLOEXEC)
    except OSError as e:
        return "/dev/kvm: %s" % e.strerror
    try:
        version = fcntl.ioctl(fd, KVM_GET_API_VERSION, 0)
    except OSError as e:
        return "/dev/kvm: KVM_GET_API_VERSION: %s" % e.strerror
    finally:
        os.close(fd)
    if version != KVM_API_VERSION:
        return "/dev/kvm: API version %d, not %d" % (version, KVM_API_VERSION)
    return None


def openstack_smbios():
    """The -smbios type=1 argument of the OpenStack fixture."""
    try:
        with open(os.path.join(FIXTURES, "openstack-instance.args")) as f:
            lines = f.read().split("\n")
    except OSError:
        return OPENSTACK_SMBIOS_DEFAULT
    for line in lines:
        if line.startswith("-smbios type=1,"):
            return line.split(" ", 1)[1]
    return OPENSTACK_SMBIOS_DEFAULT


def smbios_fields(arg):
    return dict(kv.split("=", 1) for kv in arg.split(",")[1:])


def _tool(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("%s: %s" % (" ".join(cmd), r.stderr.strip()))
    return r.stdout


def build_guests(out):
    """fw-multiboot.elf, fw-multiboot-aout.bin and fw-bzimage.bin in out;
    RuntimeError when the tools are missing or fail."""
    cc = os.environ.get("CC", "cc")
    for tool in (cc, "ld", "objcopy", "objdump"):
        if not shutil.which(tool):
            raise RuntimeError("%s not found" % tool)
    mb_obj = os.path.join(out, "fw-multiboot.o")
    _tool([cc, "-m32", "-c", "-x", "assembler-with-cpp", "-I" + GUESTS,
           "-o", mb_obj, os.path.join(GUESTS, "fw-multiboot.S")])
    # -N: one RWX segment at the link address, no ELF headers loaded below it.
    quiet = (["--no-warn-rwx-segments"]
             if "no-warn-rwx-segments" in _tool(["ld", "--help"]) else [])
    _tool(["ld", "-m", "elf_i386", "-N"] + quiet +
          ["-Ttext", "0x100000", "-e", "_start",
           "-o", os.path.join(out, "fw-multiboot.elf"), mb_obj])
    # The same kernel as an a.out-kludge flat image.
    aout_obj = os.path.join(out, "fw-multiboot-aout.o")
    aout_elf = os.path.join(out, "fw-multiboot-aout.elf")
    _tool([cc, "-m32", "-DMB_AOUT_KLUDGE", "-c", "-x", "assembler-with-cpp",
           "-I" + GUESTS, "-o", aout_obj, os.path.join(GUESTS, "fw-multiboot.S")])
    _tool(["ld", "-m", "elf_i386", "-N"] + quiet +
          ["-Ttext", "0x100000", "-e", "_start", "-o", aout_elf, aout_obj])
    _tool(["objcopy", "-O", "binary", "-j", ".text", aout_elf,
           os.path.join(out, "fw-multiboot-aout.bin")])
    bz_obj = os.path.join(out, "fw-bzimage.o")
    _tool([cc, "-c", "-x", "assembler-with-cpp", "-I" + GUESTS,
           "-o", bz_obj, os.path.join(GUESTS, "fw-bzimage.S")])
    relocs = [l for l in _tool(["objdump", "-r", bz_obj]).splitlines()
              if re.match(r"[0-9a-f]{8,} ", l)]
    if relocs:
        raise RuntimeError("fw-bzimage.S: relocations left: %r" % relocs)
    _tool(["objcopy", "-O", "binary", "-j", ".text", bz_obj,
           os.path.join(out, "fw-bzimage.bin")])


_workdir = None
_build_error = None
_kvm_error = None
_runs = {}
_started = []


def setUpModule():
    global _workdir, _build_error, _kvm_error
    _kvm_error = kvm_unusable()
    _workdir = tempfile.mkdtemp(prefix="qt-fwboot-", dir="/tmp")
    for name, data in (("m1", MODULE1), ("m2", MODULE2), ("initrd", INITRD)):
        with open(os.path.join(_workdir, name), "wb") as f:
            f.write(data)
    try:
        build_guests(_workdir)
    except (RuntimeError, OSError) as e:
        _build_error = str(e)


def tearDownModule():
    # A run interrupted by the per-test timeout may still be going.
    for run in _started:
        if run.proc.poll() is None:
            run.proc.kill()
            run.proc.wait()
    if _workdir:
        shutil.rmtree(_workdir, ignore_errors=True)


def wpath(name):
    return os.path.join(_workdir, name)


def multiboot_args(acpi=True, kernel="fw-multiboot.elf"):
    args = BOARD + ["-kernel", wpath(kernel),
                    "-append", MULTIBOOT_APPEND,
                    "-initrd", "%s x,%s" % (wpath("m1"), wpath("m2")),
                    "-smbios", openstack_smbios()]
    return args if acpi else args + ["-no-acpi"]


def linux_args():
    return BOARD + ["-kernel", wpath("fw-bzimage.bin"),
                    "-initrd", wpath("initrd"), "-append", LINUX_APPEND]


CONFIGS = {
    "multiboot": lambda: multiboot_args(),
    "multiboot-no-acpi": lambda: multiboot_args(acpi=False),
    "multiboot-aout": lambda: multiboot_args(kernel="fw-multiboot-aout.bin"),
    "linux": linux_args,
}


class Run:
    """One finished guest run: exit status, serial output lines, stderr."""

    def __init__(self, binary, args):
        self.cmdline = [binary] + args
        p = subprocess.Popen(self.cmdline, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             cwd=_workdir, start_new_session=True)
        self.proc = p
        _started.append(self)

    def finish(self):
        try:
            out, err = self.proc.communicate(timeout=RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, err = self.proc.communicate()
        self.status = self.proc.returncode
        self.text = out.decode(errors="replace")
        self.lines = self.text.splitlines()
        self.stderr = err.decode(errors="replace")
        return self

    def report(self):
        return ("command: %s\nexit status: %s\nserial:\n%s\nstderr:\n%s"
                % (" ".join(self.cmdline), self.status, self.text, self.stderr))


def runs(config, with_reference):
    """(ours, reference or None) for a configuration, run once (both at the
    same time) and cached for the other tests."""
    key_ours = (config, "ours")
    key_ref = (config, "reference")
    pending = []
    if key_ours not in _runs:
        pending.append((key_ours, Run(qemulib.binary(), CONFIGS[config]())))
    if with_reference and key_ref not in _runs:
        pending.append((key_ref, Run(qemulib.REFERENCE_BINARY, CONFIGS[config]())))
    for key, run in pending:
        _runs[key] = run.finish()
    return _runs[key_ours], _runs.get(key_ref)


def reference_unusable():
    """None when the reference QEMU can run the comparison here."""
    if qemulib.is_reference():
        return "the binary under test is the reference"
    if not os.access(qemulib.REFERENCE_BINARY, os.X_OK):
        return "%s is not installed" % qemulib.REFERENCE_BINARY
    return None


def field(lines, name):
    """The rest of the first line starting with "NAME "."""
    for line in lines:
        if line.startswith(name + " "):
            return line[len(name) + 1:]
        if line == name:
            return ""
    raise AssertionError("no %s line in %r" % (name, lines))


class FirmwareBootTest(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        if _kvm_error:
            self.skipTest("KVM unusable: " + _kvm_error)
        if _build_error:
            self.skipTest("cannot build the test guests: " + _build_error)

    def guest(self, config):
        ours, _ = runs(config, False)
        self.assertEqual(ours.status, GUEST_OK_STATUS, ours.report())
        self.assertEqual(ours.lines[-1:], ["DONE"], ours.report())
        return ours

    def compare(self, config):
        why = reference_unusable()
        if why:
            self.skipTest(why)
        ours, ref = runs(config, True)
        if ref.status != GUEST_OK_STATUS and "kvm" in ref.stderr.lower():
            self.skipTest("the reference cannot use KVM here: "
                          + ref.stderr.strip().splitlines()[-1])
        self.assertEqual(ref.status, GUEST_OK_STATUS, ref.report())
        self.assertEqual(ours.lines, ref.lines,
                         "ours:\n%s\nreference:\n%s" % (ours.report(), ref.report()))

    # ---- 1. Multiboot v1 ----

    def test_multiboot_info(self):
        out = self.guest("multiboot").lines
        self.assertEqual(field(out, "MAGIC"), "2badb002")
        flags = int(field(out, "FLAGS"), 16)
        # memory, boot device, cmdline, mods, mmap, loader name (spec 3.3)
        for bit in (0, 1, 2, 3, 6, 9):
            self.assertTrue(flags & (1 << bit), "flag bit %d in %#x" % (bit, flags))
        # "the kernel path, then the -append text"
        self.assertEqual(field(out, "CMDLINE"),
                         wpath("fw-multiboot.elf") + " " + MULTIBOOT_APPEND)
        self.assertEqual(int(field(out, "MODS"), 16), 2)
        mods = [l for l in out if l.startswith("MOD ")]
        self.assertEqual(mods, [
            "MOD %s x SIZE %08x DATA %s" % (wpath("m1"), len(MODULE1), MODULE1[:8].hex()),
            "MOD %s SIZE %08x DATA %s" % (wpath("m2"), len(MODULE2), MODULE2[:8].hex()),
        ])
        mmap = [l.split()[1:] for l in out if l.startswith("MMAP ")]
        self.assertTrue(mmap, out)
        entries = {int(b, 16): (int(n, 16), int(t, 16)) for b, n, t in mmap}
        # RAM at 0 and at 1 MiB; mem_lower/upper are their sizes in KiB.
        self.assertEqual(entries[0][1], 1)
        self.assertEqual(entries[0x100000][1], 1)
        self.assertEqual(int(field(out, "MEM_LOWER"), 16), entries[0][0] // 1024)
        self.assertEqual(int(field(out, "MEM_UPPER"), 16), entries[0x100000][0] // 1024)
        self.assertLessEqual(0x100000 + entries[0x100000][0], 512 << 20)

    def test_multiboot_matches_reference(self):
        self.compare("multiboot")

    def test_multiboot_aout_kludge(self):
        """The same kernel as a flat image placed by the header's address
        fields (spec 3.1.3): the same hand-over."""
        aout = self.guest("multiboot-aout").lines
        elf = self.guest("multiboot").lines
        self.assertEqual(field(aout, "CMDLINE"),
                         wpath("fw-multiboot-aout.bin") + " " + MULTIBOOT_APPEND)
        def strip(lines):
            return [l for l in lines if not l.startswith("CMDLINE ")]
        self.assertEqual(strip(aout), strip(elf))

    def test_multiboot_aout_kludge_matches_reference(self):
        self.compare("multiboot-aout")

    # ---- 2. Linux boot protocol ----

    def test_linux_boot_params(self):
        out = self.guest("linux").lines
        self.assertEqual(field(out, "BOOT_PARAMS"), "HdrS ok")
        self.assertEqual(field(out, "TYPE_OF_LOADER"), "000000b0")
        # LOADED_HIGH as the image says, CAN_USE_HEAP set by the loader.
        self.assertEqual(field(out, "LOADFLAGS"), "00000081")
        self.assertEqual(field(out, "CMDLINE"), LINUX_APPEND)
        image = int(field(out, "RAMDISK_IMAGE"), 16)
        self.assertEqual(image % 4096, 0)
        self.assertGreaterEqual(image, 0x100000)
        self.assertLessEqual(image + len(INITRD), 512 << 20)
        self.assertEqual(int(field(out, "RAMDISK_SIZE"), 16), len(INITRD))
        self.assertEqual(field(out, "RAMDISK_DATA"), INITRD[:16].hex())

    def test_linux_boot_matches_reference(self):
        self.compare("linux")

    # ---- 3. SMBIOS ----

    def test_smbios_type1(self):
        out = self.guest("multiboot").lines
        self.assertEqual(field(out, "SMBIOS"), "_SM_ ok VERSION 0208")
        want = smbios_fields(openstack_smbios())
        self.assertEqual(field(out, "T1 MANUFACTURER"), want["manufacturer"])
        self.assertEqual(field(out, "T1 PRODUCT"), want["product"])
        self.assertEqual(field(out, "T1 VERSION"), want["version"])
        self.assertEqual(field(out, "T1 SERIAL"), want["serial"])
        # SMBIOS 2.6+ (DSP0134 7.2.1): the first three fields little-endian.
        self.assertEqual(field(out, "T1 UUID"), uuid.UUID(want["uuid"]).bytes_le.hex())

    # ---- 4. ACPI ----

    def test_acpi_tables(self):
        out = self.guest("multiboot").lines
        self.assertEqual(field(out, "RSDP"), "ok REVISION 00")
        tables = [l.split()[1:] for l in out if l.startswith("ACPI ")]
        sigs = [t[0] for t in tables]
        for sig in ("RSDT", "FACP", "FACS", "DSDT", "APIC", "HPET"):
            self.assertIn(sig, sigs)
        for sig, status in tables:
            self.assertEqual(status, "-" if sig == "FACS" else "ok",
                             "%s checksum; all: %r" % (sig, tables))

    def test_no_acpi(self):
        out = self.guest("multiboot-no-acpi").lines
        self.assertIn("RSDP none", out)
        self.assertFalse([l for l in out if l.startswith("ACPI ")], out)
        # The rest of the hand-over does not depend on ACPI.
        self.assertEqual(field(out, "SMBIOS"), "_SM_ ok VERSION 0208")

    def test_no_acpi_matches_reference(self):
        self.compare("multiboot-no-acpi")


if __name__ == "__main__":
    qemulib.main()
