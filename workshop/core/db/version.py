"""The schema version this app reads and writes.

Kept apart from `migrations.py` (which needs SQLAlchemy and the tables) so the
read-only checks in `errors.py` and the light `list` path cost no imports.
When a migration step is appended in `migrations.py`, bump `LATEST_VERSION` here.
"""

from __future__ import annotations

LATEST_VERSION = 6


def too_new_message(version: int) -> str:
    """Why a database from a newer app is refused, in the facilitator's words."""
    return (
        f"this database uses schema version {version}, but this app only knows up "
        f"to {LATEST_VERSION}; upgrade OKR Workshop"
    )
