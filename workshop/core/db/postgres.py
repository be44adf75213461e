"""`okr-workshop list` on a PostgreSQL server without SQLAlchemy (and mostly without psycopg).

`read_server` is the PostgreSQL twin of `errors.read_sqlite_file`: it connects
through libpq alone (`workshop.core.db.libpq`; psycopg when that cannot load), with
no SQLAlchemy, SQLModel or pydantic to import, checks the schema version and hands
the connection to a reader, with text that keeps NUL (`workshop.core.db.pgtext`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from workshop.core.db.pgtext import CONNECT_TIMEOUT_SECONDS, register_text_adapters
from workshop.core.db.version import LATEST_VERSION, too_new_message
from workshop.core.textsafe import mask_url

_T = TypeVar("_T")


class ServerRefused(Exception):
    """The server or database cannot be used; the message is one line naming it."""


# PostgreSQL's (libpq's) words -> what to tell the facilitator.
_SERVER_REASONS = (
    ("connection refused", "the database server refused the connection (is it running there?)"),
    ("timeout expired", "the database server did not answer in time"),
    ("password authentication failed", "the server refused that user name or password"),
    ("no password supplied", "the server wants a password and the URL gives none"),
    ("could not translate host name", "that host name is not known"),
    ("name or service not known", "that host name is not known"),
    ("the database system is starting up", "the database server is still starting; try again"),
    ("the database system is shutting down", "the database server is shutting down"),
)


def server_reason(text: str) -> str:
    """One line from a psycopg error: a known cause in plain words, else libpq's last words."""
    lowered = text.lower()
    for needle, reason in _SERVER_REASONS:
        if needle in lowered:
            return reason
    stripped = text.strip()
    line = stripped.splitlines()[0] if stripped else "unknown error"
    # "connection failed: connection to server at "h", port 5432 failed: FATAL:  database
    # "x" does not exist": the cause is the part after the last "failed:".
    cause = line.rsplit("failed:", 1)[-1].replace("FATAL:", "").strip()
    return " ".join(cause.split()) or line


def libpq_url(url: str) -> str | None:
    """The libpq form of a `postgresql[+psycopg]://` URL, or None for any other URL.

    None too when the URL carries its own `options` (the light path sets the time
    zone there) or names another driver: the caller then uses SQLAlchemy.
    """
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.lower() not in ("postgresql", "postgresql+psycopg", "postgres"):
        return None
    if "options=" in rest.partition("?")[2]:
        return None
    return f"postgresql://{rest}"


def read_server(url: str, read: Callable[[Any, int], _T]) -> _T | None:
    """Connect without SQLAlchemy and return `read(connection, version)`.

    `version` is the schema version, 0 for an empty database; `connection.execute(sql)`
    gives rows to iterate or `fetchone()`, text with NUL kept (`pgtext`). The connection
    is libpq itself through `ctypes` (`workshop.core.db.libpq`, no psycopg to import),
    else psycopg. None when this path cannot answer (not a plain psycopg URL, psycopg
    missing): the caller opens the Store. A server that refuses, or a database that is
    not ours, raises `ServerRefused` with the same one line as `open_store`'s
    `DatabaseError`.
    """
    conninfo = libpq_url(url)
    if conninfo is None:
        return None
    shown = " ".join(mask_url(url).split())
    from workshop.core.db import libpq

    settings = (
        ("connect_timeout", str(CONNECT_TIMEOUT_SECONDS)),
        ("application_name", "okr-workshop"),
        ("options", "-c timezone=UTC -c default_transaction_read_only=on"),
        ("client_encoding", "UTF8"),
    )
    try:
        light = libpq.open_light(conninfo, settings)
        if light is not None:
            with light:
                return _checked_read(light, read, shown)
    except libpq.LibpqError as error:
        raise ServerRefused(f"cannot open {shown}: {server_reason(str(error))}") from None
    try:
        import psycopg
    except ImportError:
        return None
    try:
        with psycopg.connect(
            conninfo,
            connect_timeout=CONNECT_TIMEOUT_SECONDS,
            application_name="okr-workshop",
            options="-c timezone=UTC",
        ) as connection:
            register_text_adapters(connection)
            connection.read_only = True
            return _checked_read(connection, read, shown)
    except psycopg.Error as error:
        raise ServerRefused(f"cannot open {shown}: {server_reason(str(error))}") from None


def _checked_read(connection: Any, read: Callable[[Any, int], _T], shown: str) -> _T:
    """`read(connection, version)` once the database is known to be ours and not too new."""
    found = connection.execute(
        "SELECT (SELECT count(*) FROM information_schema.tables "
        "WHERE table_schema = current_schema()), to_regclass('schema_version') IS NOT NULL"
    ).fetchone()
    if not found or not found[0]:
        return read(connection, 0)
    if not found[1]:
        raise ServerRefused(f"cannot open {shown}: this database was not created by OKR Workshop")
    row = connection.execute("SELECT version FROM schema_version WHERE id = 1").fetchone()
    if row is None:
        raise ServerRefused(f"cannot open {shown}: this database has no schema version recorded")
    version = int(row[0])
    if version > LATEST_VERSION:
        raise ServerRefused(f"cannot open {shown}: {too_new_message(version)}")
    return read(connection, version)
