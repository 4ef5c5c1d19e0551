#!/usr/bin/env python3
"""run-tests.py: the `make check` runner.

    python3 tests/run-tests.py --build build [--unit-only | --functional-only]
                               [--binary PATH] [-j N] [TEST...]

TEST is a unit test binary (build/tests/unit/test-*) or a functional test
script (tests/functional/test_*.py); with no functional script named, every
tests/functional/test_*.py runs (unless --unit-only).

Both kinds speak TAP on stdout: GLib GTest programs run with --tap, and the
functional scripts print TAP through tests/functional/qemulib.py.  Each "ok"
line is a pass ("# SKIP reason" a skip), each "not ok" a failure; a program
that times out, or ends with a bad status (a crash, an exit outside the
test framework) without any "not ok" line, counts as one more failure.

Prints a line per result, the output of whatever failed, and ends with
exactly one line "N passed, N failed" (", N skipped" when some were
skipped).  The exit status is 1 when anything failed.
"""

import argparse
import concurrent.futures
import glob
import os
import re
import signal
import subprocess
import sys
import time

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
TAP_RESULT = re.compile(r"^(not ok|ok)\b\s*(\d+)?\s*(?:-\s*)?(.*?)"
                        r"(?:\s+#\s*(SKIP|TODO)\b:?\s*(.*))?\s*$", re.IGNORECASE)


class Outcome:
    """The results of one program."""

    def __init__(self, label):
        self.label = label
        self.results = []       # (status, name, detail): PASS/FAIL/SKIP
        self.output = ""        # stdout, for diagnostics
        self.stderr = ""
        self.problem = None     # timeout / crash description
        self.seconds = 0.0

    @property
    def failed(self):
        return any(r[0] == "FAIL" for r in self.results)


def describe_status(rc):
    if rc < 0:
        try:
            name = signal.Signals(-rc).name
        except ValueError:
            name = "signal %d" % -rc
        return "killed by %s" % name
    return "exit status %d" % rc


def parse_tap(outcome, text):
    for line in text.splitlines():
        m = TAP_RESULT.match(line)
        if not m:
            continue
        ok = m.group(1).lower() == "ok"
        name = m.group(3) or "test %s" % (m.group(2) or "?")
        directive = (m.group(4) or "").upper()
        if directive == "SKIP":
            outcome.results.append(("SKIP", name, m.group(5) or "no reason given"))
        elif ok:
            outcome.results.append(("PASS", name, ""))
        else:
            outcome.results.append(("FAIL", name, ""))


def run_program(label, argv, timeout, env):
    """Run one TAP-speaking program to completion (or its timeout)."""
    outcome = Outcome(label)
    start = time.monotonic()
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, cwd=REPO_ROOT, env=env,
                                start_new_session=True)
    except OSError as e:
        outcome.problem = "cannot run: %s" % e
        outcome.results.append(("FAIL", "(%s)" % outcome.problem, ""))
        return outcome
    try:
        out, err = proc.communicate(timeout=timeout)
        rc = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        rc = None
    outcome.seconds = time.monotonic() - start
    outcome.output = out.decode(errors="replace")
    outcome.stderr = err.decode(errors="replace")
    parse_tap(outcome, outcome.output)
    if rc is None:
        outcome.problem = "timed out after %d s" % timeout
    elif rc != 0 and not outcome.failed:
        outcome.problem = describe_status(rc)
    if outcome.problem:
        plan = re.search(r"^1\.\.(\d+)", outcome.output, re.MULTILINE)
        outcome.problem += ", after %d of %s tests" % (
            len(outcome.results), plan.group(1) if plan else "?")
    if outcome.problem:
        outcome.results.append(("FAIL", "(%s)" % outcome.problem, ""))
    # Programs running in separate sessions may leave children behind on a
    # timeout or crash: end the whole process group.
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    return outcome


def failure_details(outcome):
    """Diagnostics of the failures: the "# " lines after each "not ok" and,
    for a crash, timeout or failure, the tail of stderr."""
    lines = []
    capture = False
    for line in outcome.output.splitlines():
        if TAP_RESULT.match(line):
            capture = line.lower().startswith("not ok")
            if capture:
                lines.append(line)
            continue
        if capture or line.startswith("Bail out!"):
            lines.append(line)
    err = outcome.stderr.rstrip("\n").splitlines()
    if err:
        if len(err) > 80:
            lines.append("... (%d earlier lines of stderr)" % (len(err) - 80))
        lines += ["stderr: " + l for l in err[-80:]]
    return lines


def report(outcome, verbose):
    for status, name, detail in outcome.results:
        suffix = "  (%s)" % detail if status == "SKIP" else ""
        print("%-4s %s: %s%s" % (status, outcome.label, name, suffix))
    if not outcome.results:
        print("FAIL %s: no test results" % outcome.label)
    if outcome.failed or not outcome.results:
        print("---- output of %s (%.1f s) ----" % (outcome.label, outcome.seconds))
        for line in failure_details(outcome):
            print("    " + line)
        print("----")
    elif verbose:
        for line in (outcome.output + outcome.stderr).splitlines():
            print("    " + line)
    sys.stdout.flush()


def main():
    ap = argparse.ArgumentParser(description="Run the unit and functional tests.")
    ap.add_argument("--build", default="build", help="build directory [build]")
    ap.add_argument("--unit-only", action="store_true")
    ap.add_argument("--functional-only", action="store_true")
    ap.add_argument("--binary", help="emulator for the functional tests "
                    "[$QEMU_BIN or ./qemu-system-x86_64]")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2,
                    help="programs run at once [number of CPUs]")
    ap.add_argument("--unit-timeout", type=int, default=300,
                    help="seconds allowed to one unit test binary [300]")
    ap.add_argument("--functional-timeout", type=int, default=600,
                    help="seconds allowed to one functional test script [600]")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="show the output of passing programs too")
    ap.add_argument("tests", nargs="*", help="unit binaries and/or functional scripts")
    args = ap.parse_args()

    env = dict(os.environ)
    if args.binary:
        env["QEMU_BIN"] = os.path.abspath(args.binary)
    elif "QEMU_BIN" not in env:
        env["QEMU_BIN"] = os.path.join(REPO_ROOT, "qemu-system-x86_64")
    env["PYTHONDONTWRITEBYTECODE"] = "1"

    scripts = [t for t in args.tests if t.endswith(".py")]
    units = [t for t in args.tests if not t.endswith(".py")]
    if args.functional_only:
        units = []
    if args.unit_only:
        scripts = []
    elif not scripts:
        scripts = sorted(glob.glob(os.path.join(REPO_ROOT, "tests", "functional", "test_*.py")))

    jobs = []
    for u in units:
        path = os.path.abspath(u)
        build = os.path.join(REPO_ROOT, args.build) + os.sep
        label = path[len(build):] if path.startswith(build) else u
        jobs.append((label, [path, "--tap"], args.unit_timeout))
    for s in scripts:
        path = os.path.abspath(s)
        label = os.path.relpath(path, os.path.join(REPO_ROOT, "tests"))
        jobs.append((label, [sys.executable, path], args.functional_timeout))

    if not args.unit_only and scripts:
        print("functional tests use %s" % env["QEMU_BIN"])
    sys.stdout.flush()
    passed = failed = skipped = 0
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(run_program, label, argv, timeout, env)
                   for label, argv, timeout in jobs]
        for fut in futures:            # report in a stable order
            outcome = fut.result()
            report(outcome, args.verbose)
            for status, _, _ in outcome.results:
                if status == "PASS":
                    passed += 1
                elif status == "SKIP":
                    skipped += 1
                else:
                    failed += 1
            if not outcome.results:
                failed += 1
    print("(%d programs in %.1f s)" % (len(jobs), time.monotonic() - started))
    summary = "%d passed, %d failed" % (passed, failed)
    if skipped:
        summary += ", %d skipped" % skipped
    print(summary)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
