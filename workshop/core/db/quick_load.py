"""One whole workshop read from a SQLite file without SQLAlchemy, for exports.

`okr-workshop export` only reads. Importing SQLAlchemy and SQLModel costs about
half a second, a third of the PDF export's time, so for a plain
`sqlite:///file` URL the workshop is read with the standard library's sqlite3
on the read-only connection that checks the file (`workshop.core.db.errors`), and
built by the same mapping as `Store.load` (`workshop.core.db.assemble`). Any other
URL, or a schema that needs upgrading, returns None: the caller opens the Store.
"""

from __future__ import annotations

import sqlite3
from enum import Enum
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from workshop.core.db.assemble import CHILD_TABLES, assemble_workshop
from workshop.core.db.errors import DatabaseError, plain_sqlite_path, read_sqlite_file
from workshop.core.db.version import LATEST_VERSION
from workshop.core.paths import default_db_url

if TYPE_CHECKING:
    from collections.abc import Sequence

    from workshop.core.domain import Workshop


class WorkshopNotFound(LookupError):
    """There is no workshop with that id in the file."""


class _Unread(Enum):
    """Why the file gave no workshop (`None` is an empty schema)."""

    MISSING = "missing"  # no file, or an empty one
    OLDER_SCHEMA = "older schema"  # the Store upgrades it first


def quick_load(url: str, workshop_id: int) -> Workshop | None:
    """The workshop `workshop_id` at `url`, or None if only the Store can read it.

    Raises `DatabaseError` (one line) for a file the app must not open: not a
    SQLite file, damaged, locked, from a newer version, or a missing file named
    by the user (nothing is created). Raises `WorkshopNotFound` for an id that
    is not there, and for the app's default database before it exists.
    """
    path = plain_sqlite_path(url)
    if path is None:
        return None
    if url == default_db_url() and not path.exists():
        # The app's own database, before the first workshop: nothing to export yet.
        raise WorkshopNotFound(f"workshop {workshop_id} does not exist")

    def read(connection: sqlite3.Connection, version: int) -> Workshop | _Unread | None:
        if version == 0:
            return None  # an empty schema: no workshops yet
        if version != LATEST_VERSION:
            return _Unread.OLDER_SCHEMA
        return _read_workshop(connection, workshop_id)

    missing: Workshop | _Unread | None = _Unread.MISSING
    result = read_sqlite_file(path, read, create_folder=False, missing=missing)
    if result is _Unread.MISSING and not path.exists():
        raise DatabaseError(f"cannot open {path}: there is no such file")
    if result is _Unread.OLDER_SCHEMA:
        return None
    if result is None or result is _Unread.MISSING:
        raise WorkshopNotFound(f"workshop {workshop_id} does not exist")
    return result


def _read_workshop(connection: sqlite3.Connection, workshop_id: int) -> Workshop | None:
    connection.row_factory = _namespace
    # One read transaction, so the tables are read from one snapshot even while
    # the app is saving the same workshop.
    connection.execute("BEGIN")
    try:
        row = connection.execute("SELECT * FROM workshop WHERE id = ?", (workshop_id,)).fetchone()
        if row is None:
            return None
        clock = connection.execute(
            "SELECT state_json FROM clock WHERE workshop_id = ?", (workshop_id,)
        ).fetchone()

        def rows_of(table: str, column: str, ids: Sequence[int]) -> list[Any]:
            # Names come from CHILD_TABLES, never from input; ids are bound parameters.
            assert CHILD_TABLES[table] == column
            marks = ", ".join("?" * len(ids))
            sql = f"SELECT * FROM {table} WHERE {column} IN ({marks})"  # noqa: S608
            return connection.execute(sql, tuple(ids)).fetchall()

        return assemble_workshop(row, rows_of, clock.state_json if clock else None)
    finally:
        connection.rollback()


def _namespace(cursor: sqlite3.Cursor, values: tuple[Any, ...]) -> SimpleNamespace:
    """A row with its columns as attributes, like the SQLModel rows `Store.load` reads."""
    return SimpleNamespace(**{d[0]: v for d, v in zip(cursor.description, values, strict=True)})
