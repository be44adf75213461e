"""Schema versions and the steps between them.

A new database is created from the current tables and stamped with the latest
version. An existing one is upgraded by running, in order and in one
transaction, every step above its recorded version. To change the schema:
edit `tables.py`, append a step here (written as frozen SQL, never from the
current tables, so it means the same thing forever), and add a fixture database
made by the previous version under `tests/fixtures/` (see tests/test_migrations.py,
which checks that an upgraded database has exactly the schema of a fresh one).

On SQLite the create-or-upgrade runs under BEGIN IMMEDIATE: the write lock is
taken before the version is read, so two instances starting together cannot
both upgrade, and a step that fails rolls back the steps before it (Python's
sqlite3 would otherwise commit each CREATE TABLE on its own).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel

from workshop.core.db import tables  # noqa: F401  (registers the tables on SQLModel.metadata)
from workshop.core.db.version import LATEST_VERSION, too_new_message

__all__ = ["LATEST_VERSION", "MIGRATIONS", "SchemaError", "migrate", "too_new_message"]

Step = Callable[[Connection], None]


class SchemaError(Exception):
    """The database was written by a newer version of the app, or is not ours."""


def _v2_lease(connection: Connection) -> None:
    """Version 2: who has each workshop open, so a second window opens it read-only."""
    connection.exec_driver_sql(
        "CREATE TABLE IF NOT EXISTS workshop_lease ("
        " workshop_id INTEGER NOT NULL,"
        " owner VARCHAR NOT NULL,"
        " pid INTEGER NOT NULL,"
        " host VARCHAR NOT NULL,"
        " acquired_at DATETIME NOT NULL,"
        " heartbeat_at DATETIME NOT NULL,"
        " PRIMARY KEY (workshop_id),"
        " FOREIGN KEY(workshop_id) REFERENCES workshop (id) ON DELETE CASCADE)"
    )


# version -> the step that brings a database from version-1 to version.
# Version 1 is the first released schema; it has no step because databases of
# version 1 are only ever created fresh.
MIGRATIONS: dict[int, Step] = {
    2: _v2_lease,
}

# LATEST_VERSION lives in workshop/core/db/version.py (read without SQLAlchemy); keep them in step.
assert max(MIGRATIONS) == LATEST_VERSION, "bump LATEST_VERSION in workshop/core/db/version.py"


def current_version(connection: Connection) -> int | None:
    """The schema version recorded in the database, or None for an empty one."""
    names = set(inspect(connection).get_table_names())
    if not names:
        return None
    if "schema_version" not in names:
        raise SchemaError("this database was not created by OKR Workshop")
    row = connection.execute(text("SELECT version FROM schema_version WHERE id = 1")).first()
    if row is None:
        raise SchemaError("this database has no schema version recorded")
    return int(row[0])


def migrate(engine: Engine) -> int:
    """Create or upgrade the schema; return the version now in place."""
    # Most opens find the schema current: check without taking the write lock,
    # so opening never waits for another instance's autosave.
    with engine.connect() as connection:
        version = current_version(connection)
    if version == LATEST_VERSION:
        return version
    if version is not None and version > LATEST_VERSION:
        raise SchemaError(too_new_message(version))
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        # Read again under the lock: another instance may have just done it.
        version = current_version(connection)
        if version is None:
            SQLModel.metadata.create_all(connection)
            connection.execute(
                text("INSERT INTO schema_version (id, version) VALUES (1, :v)"),
                {"v": LATEST_VERSION},
            )
            return LATEST_VERSION
        if version > LATEST_VERSION:
            raise SchemaError(too_new_message(version))
        for target in range(version + 1, LATEST_VERSION + 1):
            MIGRATIONS[target](connection)
        if version != LATEST_VERSION:
            connection.execute(
                text("UPDATE schema_version SET version = :v WHERE id = 1"),
                {"v": LATEST_VERSION},
            )
        return LATEST_VERSION
