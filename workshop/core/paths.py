"""Where things live: the database, the agenda, the templates and the export folder.

The database and export folder are computed on demand, never at import time, so
tests can point everything at a temporary folder through the environment or the
command-line flags.

The agenda (`steps/`) and the handout templates (`templates/`) sit at the top of
the repository. An installed wheel carries them inside the package, as
`workshop/_data/steps` and `workshop/_data/templates` (copied there by
`workshop/_build.py`); the source tree and an editable install read the
top-level folders. `bundled_dir` picks whichever exists.
"""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV_VAR = "OKR_WORKSHOP_DB"
APP_NAME = "okr-workshop"

# This file is workshop/core/paths.py: the package is two folders up.
PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_ROOT = PACKAGE_DIR.parent


def bundled_dir(name: str) -> Path:
    """The shipped data folder `name` ("steps" or "templates").

    In an installed wheel it is inside the package (the folder
    `importlib.resources.files("workshop")` names; the path is built directly to
    keep importlib.resources, about 12 ms, off the start-up path). In the source
    tree or an editable install it is the folder at the top of the repository.
    """
    inside = PACKAGE_DIR / "_data" / name
    if inside.is_dir():
        return inside
    return PROJECT_ROOT / name


TEMPLATES_DIR = bundled_dir("templates")


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
