"""Opening the database with one clear sentence when it cannot be opened.

A facilitator in front of a room needs to know what is wrong and that nothing
was touched, not a traceback. Every failure to open becomes a `DatabaseError`
whose message is one line naming the database.

Before the engine touches an existing SQLite file (switching it to WAL writes
its header), the file is checked through a read-only connection: that it is a
SQLite database, not damaged, not locked, made by OKR Workshop and not by a
newer version. A file that fails any check is left exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from workshop.db.migrations import LATEST_VERSION, SchemaError, migrate, too_new_message
from workshop.db.store import (  # noqa: F401  (re-exported for the CLI and the app)
    FieldTooLong,
    Store,
    StoreError,
    StoreReadError,
    StoreWriteError,
)
from workshop.paths import default_db_url

# How long the read-only check waits for a lock. WAL readers are only blocked by
# a program holding the file in exclusive locking mode, which is not brief.
PREFLIGHT_TIMEOUT_SECONDS = 2.0

_SIDECARS = ("-wal", "-shm")


class DatabaseError(Exception):
    """The database cannot be used; the message is one line for the user."""


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and memory."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def open_store(url: str) -> Store:
    """Open (creating or upgrading) the database at `url`, or raise DatabaseError."""
    try:
        path = sqlite_path(url)
    except ArgumentError:
        hint = f" (for a file, write sqlite:///{url})" if url.endswith(".db") else ""
        raise DatabaseError(f"not a database URL: {_one_line(url)!r}{hint}") from None
    shown = _safe_url(url)
    if path is not None:
        _check_file(path, create_folder=url == default_db_url())
    try:
        from workshop.db.engine import make_engine

        engine = make_engine(url)
    except (SQLAlchemyError, ImportError) as error:
        # e.g. postgresql:// without its driver installed.
        raise DatabaseError(f"cannot open {shown}: {_reason(error)}") from None
    try:
        migrate(engine)
    except SchemaError as error:
        engine.dispose()
        raise DatabaseError(f"cannot open {path or shown}: {error}") from None
    except SQLAlchemyError as error:
        engine.dispose()
        raise DatabaseError(f"cannot open {path or shown}: {_reason(error)}") from None
    return Store(engine)


def _check_file(path: Path, *, create_folder: bool) -> None:
    """Refuse, without writing anything, a SQLite file the app must not open."""
    if create_folder:
        # Our own data folder: create it on first use.
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseError(
                f"cannot create the folder {path.parent}: {error.strerror}"
            ) from None
    elif not path.parent.is_dir():
        raise DatabaseError(f"cannot open {path}: the folder {path.parent} does not exist")
    if path.is_dir():
        raise DatabaseError(f"cannot open {path}: it is a folder, not a database file")
    exists = path.exists()
    # SQLite writes its -wal and -shm files beside the database, so the folder
    # must be writable even to read.
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise DatabaseError(
            f"cannot open {path}: the folder {path.parent} is read-only "
            "(copy the database to a folder you can write to)"
        )
    if exists and not os.access(path, os.R_OK | os.W_OK):
        raise DatabaseError(f"cannot open {path}: the file is read-only or not readable")
    if exists and path.stat().st_size > 0:
        _preflight(path)


def _preflight(path: Path) -> None:
    """Read-only checks of an existing database; raise DatabaseError on any problem.

    Only SQLite reads the file. Python must never open() and close() a database
    file itself: closing any descriptor on it drops every POSIX lock this process
    holds there, including those of a Store already open on it.
    """
    existing = {suffix for suffix in _SIDECARS if Path(f"{path}{suffix}").exists()}
    problem: str | None = None
    connection: sqlite3.Connection | None = None
    try:
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=PREFLIGHT_TIMEOUT_SECONDS
        )
        problem = _problem(connection)
    except sqlite3.Error as error:
        problem = _sqlite_reason(error)
    finally:
        if connection is not None:
            connection.close()
    if problem is not None:
        _remove_new_sidecars(path, existing)
        raise DatabaseError(f"cannot open {path}: {problem}")


def _problem(connection: sqlite3.Connection) -> str | None:
    """What is wrong with an open database, or None if the app may use it."""
    check = connection.execute("PRAGMA quick_check(1)").fetchone()
    if check is None or check[0] != "ok":
        return "the file is damaged (SQLite's integrity check failed); restore a backup"
    names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if not names:
        return None  # an empty SQLite file: the schema is created in it
    if "schema_version" not in names:
        return "this database was not created by OKR Workshop"
    row = connection.execute("SELECT version FROM schema_version WHERE id = 1").fetchone()
    if row is None:
        return "this database has no schema version recorded"
    if int(row[0]) > LATEST_VERSION:
        return too_new_message(int(row[0]))
    return None


def _remove_new_sidecars(path: Path, existing: set[str]) -> None:
    """Delete the empty -wal/-shm files our read-only check created, and no others."""
    for suffix in _SIDECARS:
        sidecar = Path(f"{path}{suffix}")
        if suffix in existing:
            continue
        with contextlib.suppress(OSError):
            if suffix == "-shm" or sidecar.stat().st_size == 0:
                sidecar.unlink()


def _sqlite_reason(error: sqlite3.Error) -> str:
    name = getattr(error, "sqlite_errorname", "")
    text = _one_line(str(error))
    if name in ("SQLITE_BUSY", "SQLITE_LOCKED") or "locked" in text:
        return "another program has it locked; close that program and try again"
    if name == "SQLITE_NOTADB" or "not a database" in text:
        return "it is not an OKR Workshop database (SQLite cannot read it)"
    if name == "SQLITE_CORRUPT" or "malformed" in text:
        return "the file is damaged (database disk image is malformed); restore a backup"
    if name == "SQLITE_CANTOPEN":
        return "the file cannot be opened (check the folder's permissions)"
    return text


def _reason(error: BaseException) -> str:
    """The first line of the database's own explanation."""
    original = getattr(error, "orig", None) or error
    if isinstance(original, sqlite3.Error):
        return _sqlite_reason(original)
    if isinstance(original, ImportError):
        return f"its database driver is not installed ({_one_line(str(original))})"
    return _one_line(str(original))


def _safe_url(url: str) -> str:
    """The URL to show in a message: one line, password hidden."""
    try:
        return _one_line(make_url(url).render_as_string(hide_password=True))
    except ArgumentError:
        return _one_line(url)


def _one_line(text: str) -> str:
    stripped = text.strip()
    return stripped.splitlines()[0] if stripped else "unknown error"
