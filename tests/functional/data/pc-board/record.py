#!/usr/bin/env python3
"""Record the reference QEMU 7.2's board layout for test_pc_board.py.

    python3 tests/functional/data/pc-board/record.py [QEMU_BINARY]

For each configuration of pc_board_configs.CONFIGS, runs the reference
(default /usr/bin/qemu-system-x86_64) paused, and writes here the output
of each HMP command of HMP_COMMANDS (NAME.info-qtree.txt, ...) and the
query-pci reply (NAME.query-pci.json).  Configurations whose accelerator
cannot run on this host are left as they were (reported).  The KVM ones
depend on the host's KVM only through SMM support (the PIIX4_PM
smm-enabled line, "cpu-smm-0"): they were recorded on a host without
KVM_CAP_X86_SMM, like the tests' hosts.
"""

import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", ".."))
import pc_board_configs as cfg  # noqa: E402


def run(binary, args):
    p = subprocess.Popen([binary] + args + cfg.COMMON + ["-qmp", "stdio"],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)

    def cmd(execute, arguments=None):
        msg = {"execute": execute}
        if arguments is not None:
            msg["arguments"] = arguments
        p.stdin.write(json.dumps(msg) + "\n")
        p.stdin.flush()
        while True:
            line = p.stdout.readline()
            if not line:
                raise RuntimeError(p.stderr.read())
            reply = json.loads(line)
            if "event" not in reply:
                return reply

    if not p.stdout.readline():
        raise RuntimeError(p.stderr.read())
    cmd("qmp_capabilities")
    out = {}
    for c in cfg.HMP_COMMANDS:
        out[c] = cmd("human-monitor-command", {"command-line": c})["return"]
    out["query-pci"] = cmd("query-pci")["return"]
    cmd("quit")
    p.wait(10)
    return out


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "/usr/bin/qemu-system-x86_64"
    for name, (args, accel) in sorted(cfg.CONFIGS.items()):
        try:
            out = run(binary, args)
        except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
            print("%s: not recorded: %s" % (name, str(e).strip()))
            continue
        for c in cfg.HMP_COMMANDS:
            with open(os.path.join(HERE, "%s.%s.txt" % (name, c.replace(" ", "-"))),
                      "w") as f:
                f.write(out[c])
        with open(os.path.join(HERE, name + ".query-pci.json"), "w") as f:
            json.dump(out["query-pci"], f, indent=1, sort_keys=True)
            f.write("\n")
        print("%s: recorded" % name)


if __name__ == "__main__":
    main()
