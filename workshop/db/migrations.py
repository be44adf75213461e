"""Schema versions and the steps between them.

A new database is created from the current tables and stamped with the latest
version. An existing one is upgraded by running, in order and in one
transaction, every step above its recorded version. To change the schema:
edit `tables.py`, append a step here, and add a fixture database made by the
previous version under `tests/fixtures/` (see tests/test_migrations.py).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel

from workshop.db import tables  # noqa: F401  (registers the tables on SQLModel.metadata)

Step = Callable[[Connection], None]


class SchemaError(Exception):
    """The database was written by a newer version of the app, or is not ours."""


# version -> the step that brings a database from version-1 to version.
# Version 1 is the first released schema; it has no step because databases of
# version 1 are only ever created fresh.
MIGRATIONS: dict[int, Step] = {}

LATEST_VERSION = 1


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
    with engine.begin() as connection:
        version = current_version(connection)
        if version is None:
            SQLModel.metadata.create_all(connection)
            connection.execute(
                text("INSERT INTO schema_version (id, version) VALUES (1, :v)"),
                {"v": LATEST_VERSION},
            )
            return LATEST_VERSION
        if version > LATEST_VERSION:
            raise SchemaError(
                f"this database uses schema version {version}, but this app only knows up "
                f"to {LATEST_VERSION}; upgrade OKR Workshop"
            )
        for target in range(version + 1, LATEST_VERSION + 1):
            MIGRATIONS[target](connection)
        if version != LATEST_VERSION:
            connection.execute(
                text("UPDATE schema_version SET version = :v WHERE id = 1"),
                {"v": LATEST_VERSION},
            )
        return LATEST_VERSION
