"""A regular (not editable) install runs: the agenda and the templates ship in the wheel.

The wheel is built from a copy of the project (so a stale `build/` folder or a
half-edited file elsewhere in the tree cannot leak in), installed with
`pip install --no-deps` into a fresh virtual environment, and the installed
commands are run from an unrelated folder. The new environment borrows the
test environment's third-party packages through a `.pth` line, so nothing is
downloaded; `okr-workshop` itself comes only from the wheel (checked).
"""

from __future__ import annotations

import csv
import os
import re
import select
import shutil
import signal
import site
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What a source checkout needs to build: everything else stays behind.
SOURCES = ("workshop", "steps", "templates", "pyproject.toml", "README.md")
WAIT = 60.0  # generous: a busy machine can take long to start Python and Textual

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX paths in the venv"),
    pytest.mark.xdist_group("install"),  # one worker builds and installs the wheel once
]


class Installed:
    """A fresh environment with the wheel installed, and a folder far from the source."""

    def __init__(self, venv: Path, cwd: Path) -> None:
        self.venv = venv
        self.cwd = cwd
        self.db = cwd / "workshops.db"

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "TEXTUAL"))}
        env.update(OKR_WORKSHOP_DB=f"sqlite:///{self.db}", PYTHONDONTWRITEBYTECODE="1")
        return env

    def run(self, *args: str, program: str = "okr-workshop") -> subprocess.CompletedProcess:
        result = subprocess.run(
            [str(self.venv / "bin" / program), *args],
            cwd=self.cwd,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=WAIT,
        )
        assert result.returncode == 0, f"{program} {' '.join(args)}:\n{result.stderr}"
        return result


def _ignore(_folder: str, names: list[str]) -> list[str]:
    return [n for n in names if n in ("__pycache__", "_data") or n.endswith(".pyc")]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("install")
    source = base / "source"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=_ignore)
        else:
            shutil.copy2(ROOT / name, source / name)
    wheels = base / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    # No build isolation: the test environment's setuptools builds it, offline.
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(source)],
        check=True,
        capture_output=True,
        cwd=base,
    )
    (wheel,) = wheels.glob("okr_workshop-*.whl")

    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [*pip, "--python", str(python), "install", "--no-deps", "--no-index", "-q", str(wheel)],
        check=True,
        capture_output=True,
        cwd=base,
    )
    # Third-party packages from the test environment, after the venv's own (a plain
    # path line: the editable install's finder in there is not loaded).
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    borrowed = "\n".join(site.getsitepackages())
    (Path(purelib) / "borrowed-from-test-env.pth").write_text(borrowed + "\n")

    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    return Installed(venv, elsewhere)


def test_the_installed_package_carries_its_agenda_and_templates(installed: Installed) -> None:
    code = (
        "import workshop, workshop.core.agenda.files as a, workshop.core.paths as p; "
        "print(workshop.__file__); print(a.DEFAULT_AGENDA_DIR); print(p.TEMPLATES_DIR)"
    )
    module, agenda, templates = installed.run("-c", code, program="python").stdout.split()
    package = Path(module).parent
    assert package.is_relative_to(installed.venv), f"imported from {module}, not the wheel"
    assert Path(agenda) == package / "_data" / "steps"
    assert Path(templates) == package / "_data" / "templates"
    assert sorted(p.name for p in Path(agenda).glob("*.toml")) == sorted(
        p.name for p in (ROOT / "steps").glob("*.toml")
    )
    assert (Path(templates) / "handout.css").read_bytes() == (
        ROOT / "templates" / "handout.css"
    ).read_bytes()
    # The build hook itself stays out of the installed package.
    assert not (package / "_build.py").exists()


def test_the_installed_commands_print_the_worksheet_and_the_handout(installed: Installed) -> None:
    from pypdf import PdfReader

    installed.run("worksheet", "-o", "worksheet.pdf")
    worksheet = "\n".join(
        page.extract_text() for page in PdfReader(installed.cwd / "worksheet.pdf").pages
    )
    assert "pre-work worksheet" in worksheet

    rows = [
        {
            "objective": "Delight our customers so that they stay",
            "key_result": "Grow NPS from 20 to 45",
            "start": "20",
            "target": "45",
            "unit": "points",
            "owner": "Ana Ruiz",
        },
    ]
    with (installed.cwd / "okrs.csv").open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    workshop_id = installed.run("import", "okrs.csv", "--team", "Support", "--period", "Q1")
    workshop_id = workshop_id.stdout.strip()

    installed.run("export", workshop_id, "--format", "md", "-o", "handout.md")
    markdown = (installed.cwd / "handout.md").read_text()
    assert "Delight our customers so that they stay" in markdown
    assert "Grow NPS from 20 to 45" in markdown

    installed.run("export", workshop_id, "--format", "pdf", "-o", "handout.pdf")
    handout = "\n".join(
        page.extract_text() for page in PdfReader(installed.cwd / "handout.pdf").pages
    )
    assert "Grow NPS from 20 to 45" in handout
    assert "Ana Ruiz" in handout


@pytest.mark.pty
def test_the_installed_app_opens_a_workshop_at_set_up(installed: Installed) -> None:
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        env = installed.env | {"TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
        os.chdir(installed.cwd)
        program = str(installed.venv / "bin" / "okr-workshop")
        os.execve(program, [program], env)
    screen = Screen(fd)
    try:
        screen.wait_for("Start a new workshop")
        os.write(fd, b"\r")  # a new workshop opens at set-up, whose text comes from steps/
        screen.wait_for("Before we start")
        os.write(fd, b"\x11")  # Ctrl+Q
        screen.wait_for_close()
        _, status = os.waitpid(pid, 0)
        pid = 0
        assert os.waitstatus_to_exitcode(status) == 0, screen.text()[-2000:]
    finally:
        if pid:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)


class Screen:
    """What the app in the pseudo-terminal has drawn, escape sequences removed."""

    ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.output = bytearray()
        self.closed = False

    def text(self) -> str:
        return self.ANSI.sub("", self.output.decode("utf-8", "replace"))

    def _read(self, deadline: float) -> None:
        ready, _, _ = select.select([self.fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            return
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # the child closed the terminal
            chunk = b""
        self.closed = not chunk
        self.output.extend(chunk)

    def wait_for(self, text: str) -> None:
        deadline = time.monotonic() + WAIT
        while text not in self.text():
            assert not self.closed, f"the app closed before showing {text!r}:\n{self.text()}"
            assert time.monotonic() < deadline, f"never showed {text!r}:\n{self.text()[-2000:]}"
            self._read(deadline)

    def wait_for_close(self) -> None:
        deadline = time.monotonic() + WAIT
        while not self.closed:
            assert time.monotonic() < deadline, f"the app did not quit:\n{self.text()[-2000:]}"
            self._read(deadline)
