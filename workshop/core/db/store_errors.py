"""What the store raises, and how a database failure becomes one line for the user.

The exceptions callers catch (`NotFound`, `FieldTooLong`, `StoreError` and its
write/read kinds), the translation of SQLAlchemy's errors into them
(`_guarded`, applied to every Store method as `_writes` / `_reads`), and the
field-length cap checked before anything is written.

Import these names from `workshop.core.db.store`, never from here: `workshop.cli`
tells these errors apart by looking for that module in `sys.modules` (so `list`
need not import SQLAlchemy), which holds only while the store's own modules are
the only importers of this one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import exc as sa_exc


class NotFound(LookupError):
    """The workshop or item no longer exists (deleted, or a stale id)."""


# The most characters one field may hold. A workshop field is a sentence or a
# name; a 5 MB paste is a mistake, and refusing it keeps every screen, export
# and autosave fast. Generous enough for any real note.
MAX_FIELD_CHARS = 100_000


class FieldTooLong(ValueError):
    """A text field is over `MAX_FIELD_CHARS`; nothing was written."""

    def __init__(self, field: str, length: int) -> None:
        super().__init__(
            f"{field} is too long: {length:,} characters, the most a field holds is "
            f"{MAX_FIELD_CHARS:,}; nothing was saved"
        )
        self.field = field
        self.length = length


class StoreError(Exception):
    """The database failed under us; the message is one line for the user.

    `reason` is a short code the app can act on: "full", "locked", "read-only",
    "io", "damaged", "gone" (a database server that cannot be reached) or "other".
    """

    def __init__(self, message: str, reason: str = "other") -> None:
        super().__init__(message)
        self.reason = reason


class StoreWriteError(StoreError):
    """A write was refused by the database (disk full, locked, read-only...).

    The transaction was rolled back: nothing of this call was written, and
    everything committed before it is intact. Callers keep what they were
    saving and may retry.
    """


class StoreReadError(StoreError):
    """A read failed (the file is damaged, locked or gone)."""


_REASONS = (
    # (text in SQLite's message, reason code, what to tell the user)
    ("disk is full", "full", "the disk is full"),
    ("database is locked", "locked", "the database is locked by another program"),
    ("database table is locked", "locked", "the database is locked by another program"),
    ("readonly database", "read-only", "the database file is read-only"),
    ("disk i/o error", "io", "the disk reported an input/output error"),
    ("malformed", "damaged", "the database file is damaged"),
    ("not a database", "damaged", "the database file is damaged"),
    ("unable to open", "io", "the database file cannot be opened (was it moved?)"),
    # A database server that went away (stopped, restarted, the network down) or
    # dropped this connection: the writer keeps the changes and retries.
    *(
        (needle, "gone", "the database server cannot be reached")
        for needle in (
            "connection refused",
            "connection failed",
            "server closed the connection",
            "terminating connection",
            "connection is closed",
            "connection timeout expired",
            "could not receive data",
            "could not send data",
            "no connection to the server",
            "the database system is shutting down",
            "the database system is starting up",
            "the database system is in recovery mode",
            "connection to server",
        )
    ),
    ("deadlock detected", "locked", "the database is busy with another program's change"),
    ("could not serialize access", "locked", "the database is busy with another program's change"),
)


def _explain(error: BaseException) -> tuple[str, str]:
    """(reason code, one-line reason) for a database error."""
    original = getattr(error, "orig", None) or error
    text = str(original).strip().splitlines()[0] if str(original).strip() else "unknown error"
    lowered = text.lower()
    for needle, code, message in _REASONS:
        if needle in lowered:
            return code, message
    return "other", text


def _is_failure(error: sa_exc.SQLAlchemyError) -> bool:
    """True for the database refusing to work (I/O, locks, damage), not for our own bugs.

    Integrity and programming errors keep propagating unchanged: they mean a
    wrong id or a bug, and callers already rely on seeing them as they are.
    """
    return isinstance(error, sa_exc.OperationalError) or type(error) is sa_exc.DatabaseError


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _guarded(kind: type[StoreError]) -> Callable[[Callable[_P, _R]], Callable[_P, _R]]:
    """Turn a database failure inside a Store method into a one-line StoreError."""

    def decorate(method: Callable[_P, _R]) -> Callable[_P, _R]:
        verb = "Not saved" if kind is StoreWriteError else "Could not read the workshop"

        @functools.wraps(method)
        def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            try:
                return method(*args, **kwargs)
            except sa_exc.SQLAlchemyError as error:
                if not _is_failure(error):
                    raise
                code, reason = _explain(error)
                raise kind(f"{verb}: {reason}.", code) from error

        return wrapper

    return decorate


_writes = _guarded(StoreWriteError)
_reads = _guarded(StoreReadError)


def _check_length(name: str, value: Any) -> None:
    if isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
        raise FieldTooLong(name, len(value))


def _check_lengths(fields: Mapping[str, Any], *, skip: frozenset[str] = frozenset()) -> None:
    for name, value in fields.items():
        if name not in skip:
            _check_length(name, value)


def _check_tree(value: Any, path: str) -> None:
    """Check every string inside a dumped domain object (dicts and lists)."""
    if isinstance(value, str):
        _check_length(path, value)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_tree(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_tree(item, f"{path}[{index}]")
