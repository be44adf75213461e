"""The real app in a pseudo-terminal, for the benchmark: keys in, output drained.

The minimal part of `tests/reliability/test_crash.py::AppInTerminal`, copied so the
benchmark does not import pytest or follow edits to the tests: `okr-workshop` is
started under `pty.fork()` with `OKR_WORKSHOP_DB` pointing at a file, the terminal
is sized with `TIOCSWINSZ`, and a thread always drains the output (an app whose
output is not read blocks). Keys are the bytes a terminal sends.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import signal
import struct
import sys
import termios
import threading
import time
from pathlib import Path

from common import REPO

ENTER, TAB, CTRL_N, CTRL_O, CTRL_Q = b"\r", b"\t", b"\x0e", b"\x0f", b"\x11"
UP, DOWN, PAGE_DOWN, F5 = b"\x1b[A", b"\x1b[B", b"\x1b[6~", b"\x1b[15~"
SHIFT_TAB = b"\x1b[Z"
ANSI = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    rb"|\x1b[PX^_][^\x1b]*\x1b\\"  # DCS and friends
    rb"|\x1b[@-Z\\-_]"  # two-byte escapes
)
# Only the end of the output is searched for text (the screen redraws what it shows).
SEARCH_TAIL = 200_000
KEEP = 2_000_000


class AppInTerminal:
    """`okr-workshop` in a pseudo-terminal of `columns` x `lines`."""

    def __init__(
        self, db: Path, columns: int = 160, lines: int = 45, extra_env: dict[str, str] | None = None
    ) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
        env.update(
            TERM="xterm-256color",
            COLUMNS=str(columns),
            LINES=str(lines),
            OKR_WORKSHOP_DB=f"sqlite:///{db}",
            PYTHONDONTWRITEBYTECODE="1",
            **(extra_env or {}),
        )
        argv = [sys.executable, "-c", "from workshop.cli import main; main()"]
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # pragma: no cover - the child
            os.chdir(REPO)
            os.execve(sys.executable, argv, env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        self.output = bytearray()
        self.total_bytes = 0
        self.lock = threading.Lock()
        self.dead = threading.Event()
        self.exit_status: int | None = None
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                break
            if not data:
                break
            with self.lock:
                self.output.extend(data)
                self.total_bytes += len(data)
                if len(self.output) > KEEP:
                    del self.output[: len(self.output) - KEEP // 2]
        self.dead.set()

    def mark(self) -> int:
        """A position in the output, for `wait_for(since=...)`."""
        with self.lock:
            return self.total_bytes

    def text(self, tail: int = SEARCH_TAIL, since: int = 0) -> str:
        with self.lock:
            # Output after position `since` (counted over all output), at most `tail` bytes.
            tail = max(0, min(tail, self.total_bytes - since))
            raw = bytes(self.output[-tail:]) if tail else b""
        return ANSI.sub(b"", raw).decode("utf-8", "replace")

    def wait_for(self, text: str, timeout: float = 60.0, since: int = 0) -> float:
        """Wait until `text` is drawn (after output position `since`); return when."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.text(since=since):
                return time.monotonic()
            if self.dead.is_set():
                break
            time.sleep(0.02)
        raise RuntimeError(f"the app never showed {text!r}: {self.text(3000)[-600:]!r}")

    def send(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def wait_exit(self, timeout: float) -> int | None:
        """Wait for the app to end; its exit code (None if it did not end in time)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.exit_status = status
                return os.waitstatus_to_exitcode(status)
            time.sleep(0.05)
        return None

    def stop(self) -> None:
        """Make sure the child is gone, and close the terminal."""
        if self.exit_status is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                _, self.exit_status = os.waitpid(self.pid, 0)
        with contextlib.suppress(OSError):
            os.close(self.fd)
