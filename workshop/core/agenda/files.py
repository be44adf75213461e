"""The agenda's stage files, read without pydantic: finding them, parsing them, their titles.

`workshop.core.agenda.model` validates these files into models, which costs importing pydantic
and the domain (~100 ms). The app's first screen only needs each stage's title, so
it reads them here with the standard library and leaves the full check to a
background worker. Both paths share the file discovery and the TOML reading below,
so a missing folder or a TOML syntax error gets the very same one-line
`AgendaError` either way.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from workshop.core.paths import bundled_dir

DEFAULT_AGENDA_DIR: Path = bundled_dir("steps")


class AgendaError(Exception):
    """A stage file is missing, unreadable or invalid.

    `str(error)` is one line: "<file>: field '<field>': <problem>". The parts are
    also kept as attributes for callers that want to lay them out differently.
    """

    def __init__(self, path: Path | str, problem: str, field: str | None = None) -> None:
        self.path = Path(path)
        self.field = field
        self.problem = problem
        where = _display(self.path)
        message = f"{where}: field '{field}': {problem}" if field else f"{where}: {problem}"
        super().__init__(message)


def _display(path: Path) -> str:
    """Show a path relative to the working directory when it is inside it (shorter on screen)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def stage_files(folder: Path) -> list[Path]:
    """The stage files in `folder`, in the order they load (file-name order)."""
    if not folder.is_dir():
        raise AgendaError(folder, "agenda directory not found")
    # Hidden files are editor back-ups and lock files, not stages.
    files = sorted(p for p in folder.glob("*.toml") if not p.name.startswith("."))
    if not files:
        raise AgendaError(folder, "no stage files (*.toml) in the agenda directory")
    return files


def read_stage_file(path: Path) -> dict[str, Any]:
    """One stage file's TOML as a dict, or AgendaError saying why it cannot be read."""
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        # The decoder's message already ends in "(at line N, column M)".
        raise AgendaError(path, f"TOML syntax error: {e}") from None
    except UnicodeDecodeError:
        raise AgendaError(path, "cannot read: the file is not UTF-8 text") from None
    except OSError as e:
        raise AgendaError(path, f"cannot read: {e.strerror or e}") from None


def stage_titles(directory: Path | str | None = None) -> list[str]:
    """Each stage's title, in order, for the start screen; no validation beyond TOML.

    Raises AgendaError for what stops the files being read at all (no folder, no
    files, bad TOML). A title that is missing or not text becomes "" here: the
    full check (`workshop.core.agenda.model.load_agenda`) reports it, naming file and field.
    """
    folder = Path(directory) if directory is not None else DEFAULT_AGENDA_DIR
    titles = []
    for path in stage_files(folder):
        title = read_stage_file(path).get("title")
        titles.append(title if isinstance(title, str) else "")
    return titles
