"""Helpers shared by the benchmark runner and its driver scripts.

Drivers are small scripts run in a fresh Python process. Each one prints a
single line `BENCH {json}` on stdout with what it measured; `run_child` runs a
command, times it from just before the spawn to the moment it is reaped, and
reads the child's peak resident memory from `os.wait4` (Linux and macOS).

Times that cross a process boundary use `time.monotonic()`, which on Linux is
CLOCK_MONOTONIC, one clock for every process on the machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
MARKER = "BENCH "


def emit(**values: Any) -> None:
    """Print the driver's result line (the runner parses it)."""
    sys.stdout.write(MARKER + json.dumps(values, default=str) + "\n")
    sys.stdout.flush()


def add_repo_to_path() -> None:
    """Let a driver import `workshop` and `tests.exports.sample` from the checkout."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))


@dataclass
class ChildResult:
    """One finished child process."""

    command: list[str]
    spawned: float  # time.monotonic() just before the spawn
    wall: float  # seconds from spawn to reaped
    returncode: int
    max_rss_kb: int
    stdout: str
    stderr: str
    reports: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def report(self) -> dict[str, Any]:
        """The last `BENCH` line, or an empty dict."""
        return self.reports[-1] if self.reports else {}

    def failure(self) -> str:
        """One line saying why the child failed."""
        lines = [ln for ln in self.stderr.strip().splitlines() if ln.strip()]
        tail = lines[-1] if lines else f"exit code {self.returncode}"
        return f"{Path(self.command[0]).name} exited {self.returncode}: {tail[:160]}"


def run_child(
    command: list[str],
    *,
    env: dict[str, str] | None = None,
    timeout: float = 180.0,
    cwd: Path = REPO,
) -> ChildResult:
    """Run `command`, timing spawn-to-reap and reading its peak RSS from wait4."""
    full_env = {**os.environ, **(env or {})}
    with tempfile.TemporaryFile("w+b") as err:
        spawned = time.monotonic()
        proc = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=err, stdin=subprocess.DEVNULL,
            env=full_env, cwd=cwd,
        )  # fmt: skip
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        try:
            assert proc.stdout is not None
            out = proc.stdout.read()
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
        reaped = time.monotonic()
        proc.returncode = os.waitstatus_to_exitcode(status)
        proc.stdout.close()
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    stdout = out.decode("utf-8", "replace")
    reports = [
        json.loads(line[len(MARKER) :]) for line in stdout.splitlines() if line.startswith(MARKER)
    ]
    # ru_maxrss is KiB on Linux, bytes on macOS.
    rss_kb = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return ChildResult(
        command=command,
        spawned=spawned,
        wall=reaped - spawned,
        returncode=proc.returncode,
        max_rss_kb=rss_kb,
        stdout=stdout,
        stderr=stderr,
        reports=reports,
    )


def python() -> str:
    """The interpreter running the benchmark (the project's venv)."""
    return sys.executable


def okr_command() -> list[str]:
    """`okr-workshop` from the same environment, or `python -m workshop`."""
    script = Path(sys.executable).parent / "okr-workshop"
    return [str(script)] if script.exists() else [sys.executable, "-m", "workshop"]


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"
