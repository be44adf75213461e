"""Creating the database engine, with SQLite tuned for many small autosave writes.

Nothing here runs at import time: the engine is built when the app or a command
asks for it, so `okr-workshop --help` never touches the database.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import StaticPool
from sqlmodel import create_engine

BUSY_TIMEOUT_SECONDS = 5.0
# How long connecting to a database server may take before it counts as unreachable:
# a server that has gone away must not hold the writer (or `list`) for minutes.
CONNECT_TIMEOUT_SECONDS = 5


def make_engine(url: str) -> Engine:
    """Build an engine for any SQLAlchemy URL.

    SQLite files get WAL mode (readers never block the autosave writer, and a
    killed process cannot leave a half-written page behind), synchronous=NORMAL
    (a commit survives the process being killed), a busy timeout for a second
    instance, and enforced foreign keys. An in-memory SQLite database uses a
    single shared connection so that every session sees the same data.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        return _postgresql_engine(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)

    in_memory = parsed.database in (None, "", ":memory:")
    kwargs: dict = {
        "connect_args": {"check_same_thread": False, "timeout": BUSY_TIMEOUT_SECONDS},
    }
    if in_memory:
        kwargs["poolclass"] = StaticPool
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # pragma: no cover - trivial
        cursor = dbapi_connection.cursor()
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_SECONDS * 1000)}")
        cursor.close()

    return engine


def _postgresql_engine(url: str) -> Engine:
    """A PostgreSQL engine: UTC sessions, a short connect timeout, dead connections replaced.

    The tables store naive UTC timestamps; an aware datetime sent to a
    `timestamp without time zone` column is converted into the session's time
    zone, so every session runs in UTC whatever the server's own setting.
    `pool_pre_ping` replaces a connection the server dropped (a restart, an
    administrator's terminate) before it is used, so the writer's next retry
    just works once the server is back.
    """
    connect_args: dict = {
        "connect_timeout": CONNECT_TIMEOUT_SECONDS,
        "application_name": "okr-workshop",
    }
    parsed = make_url(url)
    options = parsed.query.get("options")
    extra = " ".join(options) if isinstance(options, tuple) else (options or "")
    connect_args["options"] = f"{extra} -c timezone=UTC".strip()
    engine = create_engine(
        parsed.difference_update_query(["options"]),
        pool_pre_ping=True,
        connect_args=connect_args,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # pragma: no cover - trivial
        _keep_nul_characters(dbapi_connection)

    return engine


# PostgreSQL text cannot hold NUL ("\x00"), which SQLite stores and a paste may bring.
# Text goes in with NUL written as ESCAPE + "0" (and ESCAPE itself doubled) and comes
# back decoded, so every string reads back exactly as it was typed. U+FFFF is a
# Unicode noncharacter: it is almost never in real text, so nearly nothing changes.
_ESCAPE = "\uffff"
_ESCAPED = re.compile(f"{_ESCAPE}(.)", re.DOTALL)


def encode_text(text: str) -> str:
    """`text` as PostgreSQL can store it (no NUL); `decode_text` gives it back."""
    if "\x00" not in text and _ESCAPE not in text:
        return text
    return text.replace(_ESCAPE, _ESCAPE * 2).replace("\x00", _ESCAPE + "0")


def decode_text(text: str) -> str:
    if _ESCAPE not in text:
        return text
    return _ESCAPED.sub(lambda match: "\x00" if match[1] == "0" else match[1], text)


def _keep_nul_characters(connection: Any) -> None:
    """Register the NUL-safe text adapters on one psycopg connection."""
    from psycopg.types.string import (
        StrBinaryDumper,
        StrDumperUnknown,
        TextBinaryLoader,
        TextLoader,
    )

    class Dumper(StrDumperUnknown):
        def dump(self, obj: str) -> Any:
            return super().dump(encode_text(obj))

    class BinaryDumper(StrBinaryDumper):
        def dump(self, obj: str) -> Any:
            return super().dump(encode_text(obj))

    class Loader(TextLoader):
        def load(self, data: Any) -> Any:
            return decode_text(str(super().load(data)))

    class BinaryLoader(TextBinaryLoader):
        def load(self, data: Any) -> Any:
            return decode_text(str(super().load(data)))

    adapters = connection.adapters
    # Binary first: the last registered is psycopg's choice for `%s`, and text with an
    # unknown type lets the server read a string as whatever the column is (as by default).
    adapters.register_dumper(str, BinaryDumper)
    adapters.register_dumper(str, Dumper)
    for type_name in ("text", "varchar"):
        adapters.register_loader(type_name, Loader)
        adapters.register_loader(type_name, BinaryLoader)
