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
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

# Only the standard library at import time: `okr-workshop list` and the app's
# first screen run these checks before (or without) SQLAlchemy.
from workshop.core.db.version import LATEST_VERSION, too_new_message
from workshop.core.paths import default_db_url

if TYPE_CHECKING:
    from workshop.core.db.store import Store

# Re-exported for the CLI and the app, imported on first use (see __getattr__).
_STORE_NAMES = ("FieldTooLong", "Store", "StoreError", "StoreReadError", "StoreWriteError")

# How long the read-only check waits for a lock: as long as any other wait on the file.
# WAL readers are blocked by a program holding it in exclusive locking mode, and also,
# briefly, while another instance creates it or recovers its log; on a loaded machine
# that took more than 2 s (six instances creating one new file at once, in CI).
PREFLIGHT_TIMEOUT_SECONDS = 5.0

_SIDECARS = ("-wal", "-shm")

# `sqlite:///path` with nothing SQLAlchemy would rewrite (no query, no %-escapes).
_PLAIN_SQLITE_URL = re.compile(r"sqlite(?:\+pysqlite)?:///(?P<path>[^?#%]+)")

_T = TypeVar("_T")


def __getattr__(name: str) -> Any:
    """`from workshop.core.db.errors import Store` works without importing SQLAlchemy early."""
    if name in _STORE_NAMES:
        from workshop.core.db import store

        return getattr(store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class DatabaseError(Exception):
    """The database cannot be used; the message is one line for the user."""


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and memory."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def plain_sqlite_path(url: str) -> Path | None:
    """The file behind a plain `sqlite:///file` URL, read without SQLAlchemy.

    None when the URL is anything else (another database, memory, a query
    string, %-escapes): those go through `sqlite_path` and the engine instead.
    """
    match = _PLAIN_SQLITE_URL.fullmatch(url)
    if match is None or match["path"] == ":memory:" or match["path"].startswith("file:"):
        return None
    return Path(match["path"])


def is_memory_url(url: str) -> bool:
    """True for a SQLite URL whose data lives in memory and is lost when the program ends.

    `sqlite://`, `sqlite:///:memory:`, `sqlite:///file::memory:?...` and any
    `mode=memory` URI. Read without SQLAlchemy.
    """
    scheme, sep, rest = url.strip().partition("://")
    if not sep or scheme.split("+")[0].lower() != "sqlite":
        return False
    database, _, query = rest.partition("?")
    database = database[1:] if database.startswith("/") else database
    return (
        database in ("", ":memory:")
        or database.startswith("file::memory:")
        or "mode=memory" in query
        or "mode=memory" in database
    )


def open_store_read_only(url: str) -> Store | None:
    """A Store to read from that never changes the database; None when there is nothing to read.

    For `list` and `export` when the light path cannot answer (a SQLite URL
    with a query, or an older schema). A SQLite file is copied, through a
    `mode=ro` connection, into memory and read there: an older schema is
    upgraded in the copy, never in the file, and nothing is created beside it.
    Another database is opened as usual but never upgraded: an older schema is
    refused in one line. None for a missing file or an empty database.
    """
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    from workshop.core.db.migrations import SchemaError, current_version, migrate
    from workshop.core.db.store import Store

    try:
        path = sqlite_path(url)
    except ArgumentError:
        raise _not_a_url(url) from None
    shown = _safe_url(url)
    from workshop.core.db.engine import make_engine

    if path is not None:
        check_sqlite_file(path, create_folder=False, preflight=False)
        if not path.exists() or path.stat().st_size == 0:
            return None
        engine = make_engine("sqlite://")
        try:
            _preflight(path, lambda connection, _version: _copy_into(connection, engine))
            migrate(engine)
        except BaseException:
            engine.dispose()
            raise
        return Store(engine)
    try:
        engine = make_engine(url)
        with engine.connect() as connection:
            version = current_version(connection)
    except (SQLAlchemyError, ImportError) as error:
        raise DatabaseError(f"cannot open {shown}: {_reason(error)}") from None
    except SchemaError as error:
        raise DatabaseError(f"cannot open {shown}: {error}") from None
    if version is None:
        engine.dispose()
        return None
    if version != LATEST_VERSION:
        engine.dispose()
        problem = (
            too_new_message(version)
            if version > LATEST_VERSION
            else (
                "its schema is older than this version of OKR Workshop reads without "
                "upgrading it; open it once with `okr-workshop` to upgrade it"
            )
        )
        raise DatabaseError(f"cannot open {shown}: {problem}")
    return Store(engine)


def _not_a_url(url: str) -> DatabaseError:
    hint = f" (for a file, write sqlite:///{url})" if url.endswith(".db") else ""
    return DatabaseError(f"not a database URL: {_safe_url(url)!r}{hint}")


def _copy_into(source: sqlite3.Connection, engine: Any) -> None:
    """Copy a whole SQLite database (its -wal included) into the in-memory `engine`."""
    raw = engine.raw_connection()
    try:
        source.backup(raw.driver_connection)
    finally:
        raw.close()


def open_store(url: str) -> Store:
    """Open (creating or upgrading) the database at `url`, or raise DatabaseError."""
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    from workshop.core.db.migrations import SchemaError, migrate
    from workshop.core.db.store import Store

    try:
        path = sqlite_path(url)
    except ArgumentError:
        raise _not_a_url(url) from None
    shown = _safe_url(url)
    if path is not None:
        check_sqlite_file(path, create_folder=url == default_db_url())
    try:
        from workshop.core.db.engine import make_engine

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


def read_sqlite_file(
    path: Path,
    read: Callable[[sqlite3.Connection, int], _T],
    *,
    create_folder: bool,
    missing: _T,
) -> _T:
    """Check the file as `open_store` does, then `read(connection, version)` read-only.

    Returns `missing` for a missing or empty file (nothing is created). `read`
    gets the preflight's own `mode=ro` connection and the schema version (0 for
    an empty schema); an sqlite3 error inside it becomes the same one-line
    DatabaseError as a failed check.
    """
    check_sqlite_file(path, create_folder=create_folder, preflight=False)
    if not path.exists() or path.stat().st_size == 0:
        return missing
    return _preflight(path, read)  # type: ignore[return-value]  # with `read`: what it returned


def check_sqlite_file(path: Path, *, create_folder: bool, preflight: bool = True) -> None:
    """Refuse, without writing anything, a SQLite file the app must not open.

    With `preflight` False only the folder and file permissions are checked.
    """
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
    if exists and not path.is_file():
        # /dev/null, a pipe, a terminal: SQLite would fail with "disk I/O error"
        # after creating "<path>-journal" beside it.
        raise DatabaseError(
            f"cannot open {path}: it is not a regular file (a device or a pipe); "
            "give the path of a database file"
        )
    # SQLite writes its -wal and -shm files beside the database, so the folder
    # must be writable even to read.
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise DatabaseError(
            f"cannot open {path}: the folder {path.parent} is read-only "
            "(copy the database to a folder you can write to)"
        )
    if exists and not os.access(path, os.R_OK | os.W_OK):
        raise DatabaseError(f"cannot open {path}: the file is read-only or not readable")
    if preflight and exists and path.stat().st_size > 0:
        _preflight(path)


# Kept for callers of the old name.
_check_file = check_sqlite_file


def _preflight(
    path: Path, read: Callable[[sqlite3.Connection, int], _T] | None = None
) -> _T | None:
    """Read-only checks of an existing database; raise DatabaseError on any problem.

    With `read`, also run it on the same read-only connection once the checks
    pass (the light `list` path) and return what it returns.

    Only SQLite reads the file. Python must never open() and close() a database
    file itself: closing any descriptor on it drops every POSIX lock this process
    holds there, including those of a Store already open on it.
    """
    existing = {suffix for suffix in _SIDECARS if Path(f"{path}{suffix}").exists()}
    problem: str | None = None
    result: _T | None = None
    connection: sqlite3.Connection | None = None
    try:
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=PREFLIGHT_TIMEOUT_SECONDS
        )
        problem, version = _inspect(connection)
        if problem is None and read is not None:
            result = read(connection, version)
    except sqlite3.Error as error:
        problem = _sqlite_reason(error)
    finally:
        if connection is not None:
            connection.close()
    if problem is not None:
        _remove_new_sidecars(path, existing)
        raise DatabaseError(f"cannot open {path}: {problem}")
    if read is not None and not existing:
        _let_sqlite_tidy(path)
    return result


def _problem(connection: sqlite3.Connection) -> str | None:
    """What is wrong with an open database, or None if the app may use it."""
    return _inspect(connection)[0]


def _inspect(connection: sqlite3.Connection) -> tuple[str | None, int]:
    """What is wrong with an open database (None if the app may use it), and its version.

    The version is 0 for an empty SQLite file (the schema is created in it).
    """
    check = connection.execute("PRAGMA quick_check(1)").fetchone()
    if check is None or check[0] != "ok":
        return "the file is damaged (SQLite's integrity check failed); restore a backup", 0
    names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if not names:
        return None, 0
    if "schema_version" not in names:
        return "this database was not created by OKR Workshop", 0
    row = connection.execute("SELECT version FROM schema_version WHERE id = 1").fetchone()
    if row is None:
        return "this database has no schema version recorded", 0
    version = int(row[0])
    if version > LATEST_VERSION:
        return too_new_message(version), version
    return None, version


def _let_sqlite_tidy(path: Path) -> None:
    """Have SQLite remove the empty -wal/-shm files a read-only read left behind.

    A `mode=ro` connection cannot delete them, and deleting them ourselves is
    unsafe if another program opened the file meanwhile. A read-write connection
    that reads and closes lets SQLite do it, and only when it is the last
    connection. Called only when neither file was there before the read: a
    -wal file that was already there (a crash's, or one copied in from another
    database) would be folded into the database by that close, so then both
    are left exactly as they were (see RELIABILITY.md, "A foreign -wal file").
    """
    with contextlib.suppress(sqlite3.Error):
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=PREFLIGHT_TIMEOUT_SECONDS
        )
        try:
            connection.execute("PRAGMA schema_version").fetchone()
        finally:
            connection.close()


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
    if type(original).__module__.startswith("psycopg"):
        from workshop.core.db.postgres import server_reason

        return server_reason(str(original))
    return _one_line(str(original))


def _safe_url(url: str) -> str:
    """The URL to show in a message: one line, passwords hidden (`user:***@`, `?password=***`)."""
    from workshop.core.textsafe import mask_url

    return _one_line(mask_url(url))


def _one_line(text: str) -> str:
    stripped = text.strip()
    return stripped.splitlines()[0] if stripped else "unknown error"
