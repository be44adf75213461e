"""Where the command line writes the details of an error it did not expect.

The user sees one line (what failed, and this file's path); the traceback goes
to a log file in the user data folder (platformdirs), where a bug report can
pick it up. Nothing here runs unless such an error happens.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import traceback
from pathlib import Path

from workshop.core.paths import APP_NAME

LOG_FOLDER = "logs"
# Old logs are removed beyond this many, so a crash loop cannot fill the disk.
KEEP_LOGS = 20


def log_dir() -> Path:
    """<user data folder>/logs, e.g. ~/.local/share/okr-workshop/logs on Linux."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / LOG_FOLDER


def write_error_log(error: BaseException, command: str) -> Path:
    """Write `error`'s traceback to a new log file and return its path.

    Raises OSError when the folder or the file cannot be written. The file is
    readable by its owner only: a traceback can quote a database URL.
    """
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now().astimezone()
    path = folder / f"error-{now:%Y%m%d-%H%M%S}-{os.getpid()}.log"
    details = "".join(traceback.format_exception(error))
    text = f"{APP_NAME} {command}\n{now.isoformat()}\n\n{details}"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8", errors="backslashreplace") as handle:
        handle.write(text)
    _prune(folder)
    return path


def _prune(folder: Path) -> None:
    logs = sorted(folder.glob("error-*.log"))
    for old in logs[:-KEEP_LOGS]:
        with contextlib.suppress(OSError):
            old.unlink()
