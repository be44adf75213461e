"""Writing a file so that it is either the old version or the new one, never half of either.

The bytes go to a temporary file in the same folder (so the final rename stays on
one file system), are flushed to disk, and then `os.replace` swaps the file in
one step. If anything fails, the temporary file is removed and the original,
if there was one, is untouched.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from workshop.core.exports.errors import ExportError


def write_atomic(path: Path, data: bytes) -> Path:
    """Write `data` to `path` atomically, creating the parent folder; returns `path`."""
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"cannot write {path}: it is a folder")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"cannot create the folder {path.parent}: {_reason(error)}") from None
    try:
        fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise ExportError(f"cannot write in {path.parent}: {_reason(error)}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private; give it the replaced file's mode, or the
        # usual rw-r--r-- (reading the umask would mean changing it, which races
        # with other threads).
        os.chmod(temp_name, _mode_of(path))
        os.replace(temp_name, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(error, OSError):
            raise ExportError(f"cannot write {path}: {_reason(error)}") from None
        raise
    return path


def _mode_of(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o644


def _reason(error: OSError) -> str:
    return error.strerror or str(error)
