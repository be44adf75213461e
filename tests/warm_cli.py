"""`okr-workshop` in a process of its own, forked from an interpreter that has imported it.

The command-line tests check what a user sees from a real process: its exit status,
the bytes on its stdout and stderr (one line, no traceback, no raw escape sequence),
the files it leaves. Each used to start a fresh Python, which spent about 0.6 s of CPU
importing SQLAlchemy, pydantic and the app before the command ran: a few hundred
such starts were a tenth of the suite's CPU.

Here one server per test process imports all that once and forks a child per
command. The child is a real process: its own working folder, environment, stdin
(empty), stdout and stderr (files the caller reads), and exit status; an exception
nobody catches prints its traceback and exits 1, as in a fresh interpreter, and a
planted `first` snippet runs in the child only. What a fork cannot show is the
cost or the order of imports at start-up: the tests of those start a fresh
interpreter themselves (`tests/test_summaries.py`, `tests/exports/test_files.py`...),
and so do the tests that run the command as another user.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path

# Runs in the server. Requests and replies are single JSON lines on its stdin and
# stdout, read and written with os.read/os.write so that no Python buffer holds them
# (a child inherits the server's objects). Only a child leaves `serve()`; it runs
# its program at the top level, as `python -c` would.
SERVER = r"""
import gc, importlib, json, os, sys

import workshop.cli, workshop.core.db.store, workshop.core.db.errors
import workshop.core.exports.json_format, workshop.core.exports.content
import sqlmodel, pydantic, jinja2, icalendar

for optional in ("psycopg", "weasyprint"):
    try:
        importlib.import_module(optional)
    except Exception:  # its system library is missing: a child that needs it fails as cold
        pass
del optional
gc.freeze()  # or each child's first full collection touches, and so copies, every page

pending = bytearray()

def read_line():
    while b"\n" not in pending:
        chunk = os.read(0, 65536)
        if not chunk:
            os._exit(0)  # the test process has gone
        pending.extend(chunk)
    line, _, rest = bytes(pending).partition(b"\n")
    pending[:] = rest
    return json.loads(line)

def reply(message):
    os.write(1, json.dumps(message).encode() + b"\n")

def serve():
    while True:
        request = read_line()
        pid = os.fork()
        if pid == 0:
            os.chdir(request["cwd"])
            os.environ.clear()
            os.environ.update(request["env"])
            for fd, path, flags in (
                (0, os.devnull, os.O_RDONLY),
                (1, request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
                (2, request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
            ):
                opened = os.open(path, flags, 0o600)
                os.dup2(opened, fd)
                os.close(opened)
            sys.argv = request["argv"]
            return request["program"]
        reply({"pid": pid})
        _, status = os.waitpid(pid, 0)
        reply({"returncode": os.waitstatus_to_exitcode(status)})

program = serve()
del serve, read_line, reply, pending
exec(compile(program, "<string>", "exec"))
"""


class WarmCli:
    """The server of one test process; requests go one at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._server: subprocess.Popen[bytes] | None = None
        self._pending = bytearray()

    def run(
        self,
        program: str,
        argv: list[str],
        *,
        env: Mapping[str, str],
        cwd: str | Path,
        timeout: float,
    ) -> tuple[int, bytes, bytes]:
        """Run `program` (Python source) in a forked child: (exit status, stdout, stderr)."""
        with self._lock, tempfile.TemporaryDirectory(prefix="warm-cli-") as folder:
            out, err = Path(folder) / "stdout", Path(folder) / "stderr"
            request = {
                "program": program,
                "argv": argv,
                "env": dict(env),
                "cwd": str(cwd),
                "stdout": str(out),
                "stderr": str(err),
            }
            server = self._started()
            assert server.stdin is not None
            server.stdin.write(json.dumps(request).encode() + b"\n")
            server.stdin.flush()
            pid = self._reply(timeout)["pid"]
            try:
                returncode = self._reply(timeout)["returncode"]
            except subprocess.TimeoutExpired:
                os.kill(pid, 9)
                self._reply(timeout)  # the server reaps it
                raise
            return returncode, out.read_bytes(), err.read_bytes()

    def _started(self) -> subprocess.Popen[bytes]:
        if self._server is None or self._server.poll() is not None:
            self._pending.clear()
            self._server = subprocess.Popen(
                [sys.executable, "-c", SERVER],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env={k: v for k, v in os.environ.items() if not k.startswith("OKR_WORKSHOP")},
            )
        return self._server

    def _reply(self, timeout: float) -> dict:
        server = self._server
        assert server is not None and server.stdout is not None
        fd = server.stdout.fileno()
        while b"\n" not in self._pending:
            ready, _, _ = select.select([fd], [], [], timeout)
            if not ready:
                raise subprocess.TimeoutExpired("okr-workshop (warm)", timeout)
            chunk = os.read(fd, 65536)
            if not chunk:
                raise RuntimeError("the warm command-line server stopped")
            self._pending.extend(chunk)
        line, _, rest = bytes(self._pending).partition(b"\n")
        self._pending[:] = rest
        return json.loads(line)

    def close(self) -> None:
        if self._server is not None and self._server.poll() is None:
            assert self._server.stdin is not None
            self._server.stdin.close()
            self._server.wait(timeout=10)


_warm = WarmCli()
atexit.register(_warm.close)


def cli_program(first: str = "") -> str:
    """What `python -c` runs for `okr-workshop`, after `first` (Python to run before it)."""
    return f"{first}\nfrom workshop.cli import main; main()"


def run_warm(
    *args: str,
    env: Mapping[str, str] | None = None,
    cwd: str | Path | None = None,
    first: str = "",
    timeout: float = 120,
    text: bool = True,
) -> subprocess.CompletedProcess:
    """`okr-workshop ARGS` in a forked child; `first`: Python run in the child before it.

    The child gets `env` and `cwd`, or by default this process's environment and folder.
    """
    returncode, out, err = _warm.run(
        cli_program(first),
        ["-c", *args],
        env=os.environ if env is None else env,
        cwd=os.getcwd() if cwd is None else cwd,
        timeout=timeout,
    )
    argv = ["okr-workshop", *args]
    if text:
        return subprocess.CompletedProcess(argv, returncode, out.decode(), err.decode())
    return subprocess.CompletedProcess(argv, returncode, out, err)
