"""Creating the database engine, with SQLite tuned for many small autosave writes.

Nothing here runs at import time: the engine is built when the app or a command
asks for it, so `okr-workshop --help` never touches the database.
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import StaticPool
from sqlmodel import create_engine

from workshop.core.db.pgtext import CONNECT_TIMEOUT_SECONDS, register_text_adapters

BUSY_TIMEOUT_SECONDS = 5.0


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
    just works once the server is back. Text keeps NUL characters (see
    `workshop.core.db.pgtext`).
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
        register_text_adapters(dbapi_connection)

    return engine
