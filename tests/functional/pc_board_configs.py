"""pc_board_configs: the command lines test_pc_board.py compares with the
reference, shared with data/pc-board/record.py that records the
reference's output for them.

SEED_BOARD is the OpenStack fixture (tests/fixtures/openstack-instance.args)
without the devices of later parts of the project (USB, block, network,
VGA, VNC, balloon) and with null chardevs: the seeds' board.  Two
differences from the fixture, both because QEMU 7.2 refuses them: the
machine is pc-i440fx-2.0 (Ubuntu's pc-i440fx-trusty, which this emulator
also accepts, is the same board) and the CPU flag list leaves out
"osxsave" (not a property in 7.2); -realtime mlock=off is left out too.
"""

SEED_CPU = ("SandyBridge,+erms,+smep,+fsgsbase,+pdpe1gb,+rdrand,+f16c,+dca,"
            "+pcid,+pdcm,+xtpr,+tm2,+est,+smx,+vmx,+ds_cpl,+monitor,+dtes64,"
            "+pbe,+tm,+ht,+ss,+acpi,+ds,+vme")

SEED_BOARD = [
    "-machine", "pc-i440fx-2.0,usb=off",
    "-cpu", SEED_CPU,
    "-m", "2048",
    "-smp", "1,sockets=1,cores=1,threads=1",
    "-uuid", "1f8e6f7e-5a70-4780-89c1-464dc0e7f308",
    "-smbios", "type=1,manufacturer=OpenStack Foundation,product=OpenStack "
               "Nova,version=2014.1,serial=80590690-87d2-e311-b1b0-"
               "a0481cabdfb4,uuid=1f8e6f7e-5a70-4780-89c1-464dc0e7f308",
    "-no-user-config", "-nodefaults",
    "-rtc", "base=utc,driftfix=slew",
    "-global", "kvm-pit.lost_tick_policy=discard",
    "-no-hpet", "-no-shutdown",
    "-boot", "strict=on",
    "-chardev", "null,id=charserial0",
    "-device", "isa-serial,chardev=charserial0,id=serial0",
    "-chardev", "null,id=charserial1",
    "-device", "isa-serial,chardev=charserial1,id=serial1",
]

# name -> (arguments, accelerator needed).  Every configuration starts
# paused (-S) with no display.
CONFIGS = {
    "seed-kvm": (SEED_BOARD + ["-accel", "kvm"], "kvm"),
    "seed-kvm-irqchip-off": (SEED_BOARD + ["-accel", "kvm,kernel-irqchip=off"],
                             "kvm"),
    "pc-kvm": (["-M", "pc", "-nodefaults", "-accel", "kvm"], "kvm"),
    "isapc-kvm": (["-M", "isapc", "-nodefaults", "-accel", "kvm"], "kvm"),
    "pc-tcg": (["-M", "pc", "-nodefaults", "-accel", "tcg"], "tcg"),
}

COMMON = ["-S", "-display", "none"]

# HMP commands recorded for each configuration (file NAME.COMMAND.txt,
# spaces as "-"), and the QMP query (NAME.query-pci.json).
HMP_COMMANDS = ["info qtree", "info pci", "info mtree"]

# Devices of later parts of the project: the comparison leaves them (and
# their regions and address spaces) out on both sides.
LATER_DEVICES = {
    "piix3-ide", "isa-ide", "isa-fdc", "i8257", "vmport", "vmmouse",
    "kvmvapic", "piix3-usb-uhci", "cirrus-vga", "VGA", "e1000",
    "virtio-net-pci", "virtio-blk-pci", "virtio-balloon-pci", "usb-tablet",
    "isa-parallel",
}
LATER_REGIONS = {"dma-chan", "dma-cont", "dma-page", "ide", "fdc", "vmport",
                 "kvmvapic"}
LATER_ADDRESS_SPACES = {"piix3-ide"}
LATER_PCI_IDS = {(0x8086, 0x7010), (0x8086, 0x7020)}
