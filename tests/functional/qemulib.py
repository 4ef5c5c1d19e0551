"""qemulib: the harness for functional tests.

A functional test starts the emulator binary with a real command line and
talks to it the way management tools and users do: QMP over a unix socket or
stdio, HMP over stdio, terminals through a pty, sockets it opens itself.

Which binary: the --binary option of a test script, else $QEMU_BIN, else
./qemu-system-x86_64 at the top of the source tree.  Every test must give the
same result against the real QEMU 7.2 (/usr/bin/qemu-system-x86_64) except
those decorated with @ours_only (our documented "not supported yet" errors).

Nothing here sleeps blindly: every wait is "read until this marker appears,
or fail after a timeout" (Stream.read_until, QmpClient.wait_event, Qemu.wait).

Each test script is a unittest module ending with

    if __name__ == "__main__":
        qemulib.main()

which prints TAP ("ok N - name", "not ok N - name", "# SKIP reason") for
tests/run-tests.py, and arms a per-test timeout.
"""

import errno
import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
REFERENCE_BINARY = "/usr/bin/qemu-system-x86_64"
PROGNAME = "qemu-system-x86_64"

# Every wait has a deadline; multiply them on slow machines with
# QEMU_TEST_TIMEOUT_SCALE (sanitizer builds, valgrind).
TIMEOUT_SCALE = float(os.environ.get("QEMU_TEST_TIMEOUT_SCALE", "1"))
DEFAULT_TIMEOUT = 10.0 * TIMEOUT_SCALE
# A whole test method (setUp + test + cleanups) must finish within this.
TEST_TIMEOUT = int(float(os.environ.get("QEMU_TEST_METHOD_TIMEOUT", "90")) * TIMEOUT_SCALE)

# The usual "empty" machine: no guest, no default devices, no display.
BASE_ARGS = ["-M", "none", "-nodefaults", "-display", "none"]

# The text of every "not yet provided by this emulator" error (docs/).
NOT_SUPPORTED_RE = re.compile(r"not supported yet")


def binary():
    """The emulator under test (absolute path)."""
    path = os.environ.get("QEMU_BIN") or os.path.join(REPO_ROOT, PROGNAME)
    if os.sep not in path:
        path = shutil.which(path) or path
    return os.path.abspath(path)


def is_reference():
    """True when the binary under test is the real QEMU (QEMU_REFERENCE=1
    forces it, for a copy of QEMU elsewhere)."""
    if os.environ.get("QEMU_REFERENCE") == "1":
        return True
    try:
        return os.path.samefile(binary(), REFERENCE_BINARY)
    except OSError:
        return False


def ours_only(reason="tests an error documented as ours only"):
    """Decorator: the test checks behaviour of this emulator that QEMU does
    not share (e.g. a "not supported yet" error); skipped on the reference."""
    def wrap(fn):
        return unittest.skipIf(is_reference(), "reference QEMU: " + reason)(fn)
    return wrap


def deadline(timeout):
    return time.monotonic() + (DEFAULT_TIMEOUT if timeout is None else timeout)


def _remaining(end):
    return max(0.0, end - time.monotonic())


class Stream:
    """Buffered reader over a file descriptor (pipe, pty master, socket).

    read_until() returns everything up to and including the first match of a
    bytes marker or compiled bytes regex, keeping the rest for the next call.
    On timeout it raises TimeoutError showing what was read, on end of file
    EOFError.
    """

    def __init__(self, fd, name="stream"):
        self.fd = fd
        self.name = name
        self.buf = b""
        self.eof = False
        self.seen = b""          # everything ever read, for failure reports
        os.set_blocking(fd, False)

    def _fill(self, timeout):
        """Read what is available within timeout; False when nothing came."""
        if self.eof:
            return False
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return False
        try:
            data = os.read(self.fd, 65536)
        except BlockingIOError:
            return False
        except OSError as e:
            # A pty master reads EIO once the other side is gone; a socket
            # closed with unread input resets.
            if e.errno not in (errno.EIO, errno.ECONNRESET):
                raise
            data = b""
        if not data:
            self.eof = True
            return False
        self.buf += data
        self.seen += data
        return True

    def _find(self, marker):
        if isinstance(marker, bytes):
            i = self.buf.find(marker)
            return -1 if i < 0 else i + len(marker)
        m = marker.search(self.buf)
        return m.end() if m else -1

    def read_until(self, marker, timeout=None):
        """Bytes up to and including marker (bytes, str or compiled regex)."""
        if isinstance(marker, str):
            marker = marker.encode()
        end = deadline(timeout)
        while True:
            i = self._find(marker)
            if i >= 0:
                out, self.buf = self.buf[:i], self.buf[i:]
                return out
            if self.eof:
                raise EOFError("%s: end of file before %r; read: %r"
                               % (self.name, marker, self.buf[-2000:]))
            if _remaining(end) <= 0:
                raise TimeoutError("%s: no %r within the timeout; read: %r"
                                   % (self.name, marker, self.buf[-2000:]))
            self._fill(_remaining(end))

    def read_line(self, timeout=None):
        return self.read_until(b"\n", timeout)

    def read_to_eof(self, timeout=None):
        """Everything until the writer closes; TimeoutError if it does not."""
        end = deadline(timeout)
        while not self.eof:
            if _remaining(end) <= 0:
                raise TimeoutError("%s: still open after the timeout; read: %r"
                                   % (self.name, self.buf[-2000:]))
            self._fill(_remaining(end))
        out, self.buf = self.buf, b""
        return out

    def read_available(self, timeout=0.0):
        """What arrives within timeout (possibly nothing)."""
        end = time.monotonic() + timeout
        while self._fill(_remaining(end)):
            pass
        out, self.buf = self.buf, b""
        return out

    def expect_silence(self, timeout):
        """Assert nothing arrives within timeout (used after an action whose
        effect must be absent).  Returns nothing; raises AssertionError."""
        data = self.read_available(timeout)
        if data:
            raise AssertionError("%s: unexpected output %r" % (self.name, data))


def _write_all(fd, data, timeout=None):
    end = deadline(timeout)
    view = memoryview(data)
    while view:
        _, w, _ = select.select([], [fd], [], _remaining(end))
        if not w:
            raise TimeoutError("write of %d bytes blocked" % len(view))
        try:
            n = os.write(fd, view)
        except BlockingIOError:
            continue
        view = view[n:]


class QmpError(Exception):
    """An {"error": {"class", "desc"}} reply."""

    def __init__(self, reply):
        self.reply = reply
        self.cls = reply["error"].get("class")
        self.desc = reply["error"].get("desc")
        super().__init__("%s: %s" % (self.cls, self.desc))


class QmpClient:
    """A QMP session over a Stream (reading) and a writable fd.

    Events that arrive while waiting for a reply are kept in self.events
    (oldest first) for wait_event().
    """

    def __init__(self, stream, wfd, sock=None):
        self.stream = stream
        self.wfd = wfd
        self.sock = sock
        self.events = []
        self.greeting = None
        self._next_id = 0

    def recv(self, timeout=None):
        """The next message of any kind, parsed."""
        end = deadline(timeout)
        while True:
            line = self.stream.read_line(_remaining(end))
            if line.strip():
                try:
                    return json.loads(line)
                except ValueError:
                    raise AssertionError("QMP output is not JSON: %r" % line)

    def read_greeting(self, timeout=None):
        self.greeting = self.recv(timeout)
        if "QMP" not in self.greeting:
            raise AssertionError("expected a QMP greeting, got %r" % self.greeting)
        return self.greeting

    def send_raw(self, data, timeout=None):
        """Write bytes (or str) as they are: for malformed input tests."""
        if isinstance(data, str):
            data = data.encode()
        _write_all(self.wfd, data, timeout)

    def send(self, execute, arguments=None, id=None, timeout=None):
        msg = {"execute": execute}
        if arguments is not None:
            msg["arguments"] = arguments
        if id is not None:
            msg["id"] = id
        self.send_raw(json.dumps(msg) + "\n", timeout)

    def response(self, timeout=None):
        """The next reply (return or error), queueing events on the way."""
        end = deadline(timeout)
        while True:
            msg = self.recv(_remaining(end))
            if "event" in msg:
                self.events.append(msg)
                continue
            return msg

    def cmd(self, execute, arguments=None, id=None, timeout=None):
        """Send a command and return its whole reply dict."""
        self.send(execute, arguments, id, timeout)
        return self.response(timeout)

    def execute(self, execute, arguments=None, timeout=None):
        """Send a command with a fresh id; its "return" value, or QmpError."""
        self._next_id += 1
        cid = "harness-%d" % self._next_id
        reply = self.cmd(execute, arguments, cid, timeout)
        if reply.get("id") != cid:
            raise AssertionError("reply id %r, expected %r: %r" % (reply.get("id"), cid, reply))
        if "error" in reply:
            raise QmpError(reply)
        if "return" not in reply:
            raise AssertionError("reply without return or error: %r" % reply)
        return reply["return"]

    def negotiate(self, timeout=None):
        """Read the greeting (unless done) and send qmp_capabilities."""
        if self.greeting is None:
            self.read_greeting(timeout)
        reply = self.cmd("qmp_capabilities", timeout=timeout)
        if reply != {"return": {}}:
            raise AssertionError("qmp_capabilities: %r" % reply)
        return self

    def wait_event(self, name, timeout=None):
        """The first queued or arriving event called name (removed from the
        queue); other events stay queued."""
        end = deadline(timeout)
        while True:
            for i, ev in enumerate(self.events):
                if ev["event"] == name:
                    return self.events.pop(i)
            msg = self.recv(_remaining(end))
            if "event" not in msg:
                raise AssertionError("waiting for event %s, got reply %r" % (name, msg))
            self.events.append(msg)

    def close(self):
        if self.sock is not None:
            self.sock.close()
            self.sock = None


class HmpClient:
    """The human monitor over a Stream and a writable fd.

    The monitor echoes the command line as it edits it, then prints the
    command's output and a new "(qemu) " prompt; cmd() returns only the
    output, with "\\r" removed.
    """

    PROMPT = b"(qemu) "

    def __init__(self, stream, wfd, newline=b"\n"):
        self.stream = stream
        self.wfd = wfd
        self.newline = newline
        self.banner = None

    def read_banner(self, timeout=None):
        """Text before the first prompt ("QEMU 7.2.0 monitor - type 'help'
        for more information")."""
        data = self.stream.read_until(self.PROMPT, timeout)
        self.banner = data[:-len(self.PROMPT)].decode(errors="replace").replace("\r", "")
        return self.banner

    def send(self, line, timeout=None):
        """Type a line without waiting for its output (e.g. quit)."""
        _write_all(self.wfd, line.encode() + self.newline, timeout)

    def cmd(self, line, timeout=None):
        self.send(line, timeout)
        data = self.stream.read_until(self.PROMPT, timeout)[:-len(self.PROMPT)]
        # The monitor redraws the line as each character arrives; the first
        # redraw showing all of it is the last, and the line break after it
        # ends the echo.
        echo = data.find(line.encode()) if line else 0
        nl = data.find(b"\n", max(echo, 0))
        if echo < 0 or nl < 0:
            raise AssertionError("HMP: no echo of %r before the prompt: %r" % (line, data))
        return data[nl + 1:].decode(errors="replace").replace("\r", "")


def connect_unix(path, timeout=None, proc=None):
    """Connect to a unix socket that a process is about to create, retrying
    until it accepts, the deadline passes, or proc exits."""
    end = deadline(timeout)
    while True:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.connect(path)
            return s
        except (FileNotFoundError, ConnectionRefusedError):
            s.close()
            if proc is not None and proc.poll() is not None:
                raise AssertionError("process exited with %s before %s accepted"
                                     % (proc.returncode, path))
            if _remaining(end) <= 0:
                raise TimeoutError("%s does not accept connections" % path)
            time.sleep(0.005)


def qmp_over_socket(sock):
    """A QmpClient on a connected socket (greeting not yet read)."""
    return QmpClient(Stream(sock.fileno(), "qmp-socket"), sock.fileno(), sock)


def open_pty():
    """(master, slave) file descriptors of a new pseudo terminal."""
    return os.openpty()


_instances = []     # Qemu objects started by the current test, for reports


class Qemu:
    """One emulator process.

    args:     the command line after the program name.
    qmp:      None, "unix" (adds -qmp unix:SOCK,server=on,wait=off and
              connects self.qmp) or "stdio" (adds -qmp stdio).
    monitor:  None or "stdio" (adds -monitor stdio; self.hmp).
    terminal: True runs stdin and stdout on a pty (self.tty is the master
              side); stderr stays a pipe.
    negotiate: send qmp_capabilities on the QMP connection made at start.
    pass_fds: file descriptors the process inherits under the same numbers.
    start:    False to only build the object (see start()).

    Each instance has its own temporary directory (self.tmpdir, also the
    process's working directory); path(name) gives a file in it.
    """

    def __init__(self, args, qmp=None, monitor=None, terminal=False,
                 negotiate=True, pass_fds=(), env=None, start=True,
                 binary_path=None):
        self.binary = binary_path or binary()
        self.tmpdir = tempfile.mkdtemp(prefix="qt-", dir="/tmp")
        self.args = list(args)
        self.qmp_mode = qmp
        self.monitor_mode = monitor
        self.terminal = terminal
        self.negotiate = negotiate
        self.pass_fds = tuple(pass_fds)
        self.env = env
        self.proc = None
        self.qmp = None
        self.hmp = None
        self.tty = None
        self.stdout = None
        self.stderr = None
        self.qmp_path = None
        self._master = None
        _instances.append(self)
        if qmp == "unix":
            self.qmp_path = self.path("qmp.sock")
            self.args += ["-qmp", "unix:%s,server=on,wait=off" % self.qmp_path]
        elif qmp == "stdio":
            self.args += ["-qmp", "stdio"]
        elif qmp is not None:
            raise ValueError("qmp must be None, 'unix' or 'stdio'")
        if monitor == "stdio":
            self.args += ["-monitor", "stdio"]
        elif monitor is not None:
            raise ValueError("monitor must be None or 'stdio'")
        if start:
            self.start()

    def path(self, name):
        return os.path.join(self.tmpdir, name)

    @property
    def cmdline(self):
        return [self.binary] + self.args

    @property
    def pid(self):
        return self.proc.pid

    def start(self):
        env = dict(os.environ)
        if self.env:
            env.update(self.env)
        if self.terminal:
            master, slave = open_pty()
            self._master = master
            stdin = stdout = slave
        else:
            stdin = stdout = subprocess.PIPE
        self.proc = subprocess.Popen(self.cmdline, stdin=stdin, stdout=stdout,
                                     stderr=subprocess.PIPE, cwd=self.tmpdir,
                                     pass_fds=self.pass_fds, env=env,
                                     start_new_session=True)
        self.stderr = Stream(self.proc.stderr.fileno(), "stderr")
        if self.terminal:
            os.close(slave)
            self.tty = Stream(self._master, "tty")
            self.stdout = self.tty
            wfd = self._master
        else:
            self.stdout = Stream(self.proc.stdout.fileno(), "stdout")
            wfd = self.proc.stdin.fileno()
        if self.qmp_mode == "stdio":
            self.qmp = QmpClient(self.stdout, wfd)
            if self.negotiate:
                self.qmp.negotiate()
        elif self.qmp_mode == "unix":
            self.qmp = self.connect_qmp(self.qmp_path, negotiate=self.negotiate)
        if self.monitor_mode == "stdio":
            self.hmp = HmpClient(self.stdout, wfd,
                                 b"\r" if self.terminal else b"\n")
        return self

    def connect_qmp(self, path, negotiate=True, timeout=None):
        """A new QmpClient on a unix socket the process listens on."""
        client = qmp_over_socket(connect_unix(path, timeout, self.proc))
        if negotiate:
            client.negotiate(timeout)
        return client

    def write(self, data):
        """Bytes to the process's stdin (or terminal)."""
        if isinstance(data, str):
            data = data.encode()
        _write_all(self._master if self.terminal else self.proc.stdin.fileno(), data)

    def poll(self):
        return self.proc.poll()

    def wait(self, timeout=None):
        """The exit status (negative: killed by that signal); on timeout the
        process is killed and TimeoutError raised."""
        try:
            return self.proc.wait(DEFAULT_TIMEOUT if timeout is None else timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise TimeoutError("%s did not exit within the timeout" % self.binary)

    def stderr_text(self, timeout=None):
        """All of stderr once the process has exited (waits for it)."""
        self.wait(timeout)
        self.stderr.read_to_eof(timeout)
        return self.stderr.seen.decode(errors="replace")

    def signal(self, sig):
        self.proc.send_signal(sig)

    def kill(self):
        if self.proc and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait()

    def shutdown(self, timeout=None):
        """Stop the process if it still runs: SIGTERM, then SIGKILL after
        the timeout.  Frees every resource; safe to call twice."""
        if self.proc is not None and self.proc.poll() is None:
            try:
                self.proc.terminate()
                self.proc.wait(DEFAULT_TIMEOUT if timeout is None else timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        if self.qmp is not None:
            self.qmp.close()
        if self.proc is not None:
            for f in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
                if f:
                    f.close()
        if self._master is not None:
            os.close(self._master)
            self._master = None
        shutil.rmtree(self.tmpdir, ignore_errors=True)

    def report(self):
        """Command line, status and output, for a failed test's log."""
        lines = ["command: " + " ".join(self.cmdline)]
        if self.proc is not None:
            lines.append("exit status: %s" % self.proc.poll())
            if self.stderr is not None:
                try:
                    self.stderr._fill(0)
                except OSError:
                    pass
                err = self.stderr.seen.decode(errors="replace")
                lines += ["stderr: " + l for l in err.splitlines()[-40:]]
            if self.stdout is not None and self.stdout is not self.stderr:
                out = self.stdout.seen.decode(errors="replace")
                lines += ["stdout: " + l for l in out.splitlines()[-20:]]
        return lines

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.shutdown()


def run(args, timeout=None, stdin=subprocess.DEVNULL, **kw):
    """Run the binary to completion: CompletedProcess with text output."""
    return subprocess.run([binary()] + list(args), stdin=stdin,
                          capture_output=True, text=True,
                          timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
                          **kw)


class QemuTestCase(unittest.TestCase):
    """Base class: start processes with self.qemu(...); they are shut down
    at the end of the test whatever happens."""

    maxDiff = None

    def qemu(self, args, **kw):
        q = Qemu(args, start=False, **kw)
        self.addCleanup(q.shutdown)
        q.start()
        return q

    def assertExit(self, q, status, timeout=None):
        rc = q.wait(timeout)
        self.assertEqual(rc, status, "exit status %s, expected %s; stderr: %r"
                         % (rc, status, q.stderr.seen[-2000:]))

    def assertNoCrash(self, rc, stderr):
        """Exit by itself, not by a signal, and no abort/assertion text."""
        self.assertGreaterEqual(rc, 0, "killed by signal %d; stderr: %s" % (-rc, stderr))
        for bad in ("Aborted", "Assertion", "assertion failed", "Segmentation",
                    "AddressSanitizer", "runtime error:"):
            self.assertNotIn(bad, stderr)


# ---- TAP runner ----

class _TapResult(unittest.TestResult):
    """Prints one TAP line per test as it finishes, with diagnostics (the
    traceback and the processes' output) as "# " lines after a failure."""

    def __init__(self, stream):
        super().__init__()
        self.out = stream
        self.n = 0

    def _name(self, test):
        return test.id().split(".", 1)[-1] if test.id().startswith("__main__") else test.id()

    def _alarm(self, signum, frame):
        raise TimeoutError("test did not finish within %d s" % TEST_TIMEOUT)

    def startTest(self, test):
        super().startTest(test)
        del _instances[:]
        self._reported = False
        self._subtest_errors = []
        signal.signal(signal.SIGALRM, self._alarm)
        signal.alarm(TEST_TIMEOUT)

    def stopTest(self, test):
        signal.alarm(0)
        if self._subtest_errors:
            # A test whose subtests failed is one "not ok", with each
            # failed subtest's traceback as diagnostics.
            if not self._reported:
                self.n += 1
                self._line("not ok %d - %s" % (self.n, self._name(test)))
            for subtest, err in self._subtest_errors:
                self._diag("subtest %s:" % subtest._subDescription())
                self._diag(self._exc_info_to_string(err, test))
        super().stopTest(test)
        self.out.flush()

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            self._subtest_errors.append((subtest, err))

    def _line(self, text):
        if text.startswith(("ok ", "not ok ")):
            self._reported = True
        self.out.write(text + "\n")
        self.out.flush()

    def _diag(self, text):
        for line in text.rstrip("\n").splitlines():
            self._line("# " + line)

    def addSuccess(self, test):
        super().addSuccess(test)
        self.n += 1
        self._line("ok %d - %s" % (self.n, self._name(test)))

    def _fail(self, test, err):
        self.n += 1
        self._line("not ok %d - %s" % (self.n, self._name(test)))
        self._diag(self._exc_info_to_string(err, test))
        for q in _instances:
            self._diag("\n".join(q.report()))

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._fail(test, err)

    def addError(self, test, err):
        super().addError(test, err)
        if not isinstance(test, unittest.TestCase):
            # setUpClass/setUpModule failure: no test object of its own.
            self.n += 1
            self._line("not ok %d - %s" % (self.n, test))
            self._diag(self._exc_info_to_string(err, test))
            return
        self._fail(test, err)

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self.n += 1
        self._line("ok %d - %s # SKIP %s" % (self.n, self._name(test), reason))

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self.n += 1
        self._line("ok %d - %s # TODO expected failure" % (self.n, self._name(test)))

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self.n += 1
        self._line("not ok %d - %s # unexpected success" % (self.n, self._name(test)))


def main():
    """Entry point of a test script: [--binary PATH] [TestClass[.test_method]...]"""
    argv = sys.argv[1:]
    names = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--binary" and i + 1 < len(argv):
            os.environ["QEMU_BIN"] = os.path.abspath(argv[i + 1])
            i += 2
            continue
        if a.startswith("--binary="):
            os.environ["QEMU_BIN"] = os.path.abspath(a.split("=", 1)[1])
        elif a in ("-h", "--help"):
            print("usage: %s [--binary PATH] [Class[.method]...]" % sys.argv[0])
            sys.exit(0)
        else:
            names.append(a)
        i += 1
    module = sys.modules["__main__"]
    loader = unittest.TestLoader()
    suite = loader.loadTestsFromNames(names, module) if names else loader.loadTestsFromModule(module)
    out = sys.stdout
    out.write("# binary: %s%s\n" % (binary(), " (reference QEMU)" if is_reference() else ""))
    out.write("1..%d\n" % suite.countTestCases())
    out.flush()
    result = _TapResult(out)
    suite.run(result)
    sys.exit(0 if result.wasSuccessful() else 1)
