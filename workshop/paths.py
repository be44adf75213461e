"""Where things live: the database, the agenda and the export folder.

Computed on demand, never at import time, so tests can point everything at a
temporary folder through the environment or the command-line flags.
"""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV_VAR = "OKR_WORKSHOP_DB"
APP_NAME = "okr-workshop"

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = PROJECT_ROOT / "templates"


def default_db_url() -> str:
    """The database URL: $OKR_WORKSHOP_DB, else a SQLite file in the user data folder."""
    from_env = os.environ.get(DB_ENV_VAR, "").strip()
    if from_env:
        return from_env
    from platformdirs import user_data_path

    return f"sqlite:///{user_data_path(APP_NAME, appauthor=False) / 'workshops.db'}"


def exports_dir() -> Path:
    """The default output folder: exports/ under the current directory."""
    return Path.cwd() / "exports"
