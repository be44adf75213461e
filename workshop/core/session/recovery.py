"""Recovery files: the whole workshop as a JSON export, when the database did not get it.

On quit, a session whose changes did not all reach the database (the disk was
full, the file was deleted, the server was gone) writes its draft here instead
of dropping it. The file is the JSON export format, so `okr-workshop import`
brings it back as a workshop.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from workshop.core.domain import Workshop
from workshop.core.paths import APP_NAME


def recovery_dir() -> Path:
    """The recovery folder in the user data folder (beside the default database)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "recovery"


def write_recovery(workshop: Workshop, folder: Path | None = None) -> Path:
    """Write `workshop` as a new recovery file, atomically; return its path."""
    from workshop.core.exports.atomic import write_atomic
    from workshop.core.exports.json_format import dumps

    folder = folder or recovery_dir()
    stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M%S")
    slug = re.sub(r"[^a-z0-9]+", "-", workshop.team.lower()).strip("-")[:40] or "workshop"
    path = folder / f"{stamp}-{slug}.json"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{stamp}-{slug}-{n}.json"
    return write_atomic(path, dumps(workshop))
