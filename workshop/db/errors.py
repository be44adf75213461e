"""Opening the database with one clear sentence when it cannot be opened.

A facilitator in front of a room needs to know what is wrong and that nothing
was touched, not a traceback. Every failure to open becomes a `DatabaseError`
whose message is one line naming the database.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from workshop.db.migrations import SchemaError, migrate
from workshop.db.store import Store
from workshop.paths import default_db_url


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
        raise DatabaseError(f"not a database URL: {url!r}") from None
    if path is not None:
        if url == default_db_url():
            # Our own data folder: create it on first use.
            path.parent.mkdir(parents=True, exist_ok=True)
        elif not path.parent.is_dir():
            raise DatabaseError(f"cannot open {path}: the folder {path.parent} does not exist")
        if path.exists() and not _looks_like_sqlite(path):
            raise DatabaseError(f"cannot open {path}: it is not an OKR Workshop database")
    try:
        from workshop.db.engine import make_engine

        engine = make_engine(url)
        migrate(engine)
    except SchemaError as error:
        raise DatabaseError(f"cannot open {path or url}: {error}") from None
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        raise DatabaseError(f"cannot open {path or url}: {reason}") from None
    return Store(engine)


def _looks_like_sqlite(path: Path) -> bool:
    """True for an empty file or one that starts with SQLite's header."""
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as error:
        raise DatabaseError(f"cannot open {path}: {error.strerror}") from None
    return header in (b"", b"SQLite format 3\x00")
