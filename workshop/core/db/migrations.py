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
sqlite3 would otherwise commit each CREATE TABLE on its own). On PostgreSQL a
transaction-scoped advisory lock does the same.
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


# The PostgreSQL advisory lock taken while the schema is created or upgraded
# (any fixed number; advisory locks are per database). "OKRW" in ASCII.
MIGRATION_LOCK_KEY = 0x4F4B5257


class SchemaError(Exception):
    """The database was written by a newer version of the app, or is not ours."""


def _timestamp(connection: Connection) -> str:
    """The column type SQLAlchemy gives a datetime on this database (PostgreSQL has no DATETIME)."""
    return "TIMESTAMP WITHOUT TIME ZONE" if connection.dialect.name == "postgresql" else "DATETIME"


def _v2_lease(connection: Connection) -> None:
    """Version 2: who has each workshop open, so a second window opens it read-only."""
    moment = _timestamp(connection)
    connection.exec_driver_sql(
        "CREATE TABLE IF NOT EXISTS workshop_lease ("
        " workshop_id INTEGER NOT NULL,"
        " owner VARCHAR NOT NULL,"
        " pid INTEGER NOT NULL,"
        " host VARCHAR NOT NULL,"
        f" acquired_at {moment} NOT NULL,"
        f" heartbeat_at {moment} NOT NULL,"
        " PRIMARY KEY (workshop_id),"
        " FOREIGN KEY(workshop_id) REFERENCES workshop (id) ON DELETE CASCADE)"
    )


def _v3_meeting_kinds(connection: Connection) -> None:
    """Version 3: meetings after the workshop (check-ins, quarter-end reviews) are rows of
    `workshop` too: their kind, the workshop they review, and their record as JSON."""
    have = {column["name"] for column in inspect(connection).get_columns("workshop")}
    for name, sql in (
        ("meeting_kind", "VARCHAR NOT NULL DEFAULT 'workshop'"),
        ("subject_id", "INTEGER"),
        ("meeting_json", "VARCHAR NOT NULL DEFAULT ''"),
    ):
        if name not in have:  # a step may meet a database it was already applied to
            connection.exec_driver_sql(f"ALTER TABLE workshop ADD COLUMN {name} {sql}")


def _v4_next_step_due(connection: Connection) -> None:
    """Version 4: a next step from the wrap-up has a due date (NULL when none was set)."""
    have = {column["name"] for column in inspect(connection).get_columns("wrap_item")}
    if "due" not in have:  # a step may meet a database it was already applied to
        connection.exec_driver_sql("ALTER TABLE wrap_item ADD COLUMN due DATE")


def _v5_room(connection: Connection) -> None:
    """Version 5: the room (issue 16): who joined from a device, what they wrote, their
    dots and their N&S answers, keyed by the workshop and the room's own numbers."""
    moment = _timestamp(connection)
    for sql in (
        "CREATE TABLE IF NOT EXISTS room_person ("
        " workshop_id INTEGER NOT NULL,"
        " device_no INTEGER NOT NULL,"
        " name VARCHAR NOT NULL,"
        f" joined_at {moment} NOT NULL,"
        " PRIMARY KEY (workshop_id, device_no),"
        " FOREIGN KEY(workshop_id) REFERENCES workshop (id) ON DELETE CASCADE)",
        "CREATE TABLE IF NOT EXISTS room_note ("
        " workshop_id INTEGER NOT NULL,"
        " note_no INTEGER NOT NULL,"
        " device_no INTEGER NOT NULL,"
        " author VARCHAR NOT NULL,"
        " kind VARCHAR NOT NULL,"
        " target_id INTEGER,"
        " text VARCHAR NOT NULL,"
        " why VARCHAR NOT NULL,"
        " start VARCHAR NOT NULL,"
        " target VARCHAR NOT NULL,"
        f" created_at {moment} NOT NULL,"
        f" revealed_at {moment},"
        " merged_into INTEGER,"
        " promoted_to VARCHAR NOT NULL,"
        f" promoted_at {moment},"
        " PRIMARY KEY (workshop_id, note_no),"
        " FOREIGN KEY(workshop_id) REFERENCES workshop (id) ON DELETE CASCADE)",
        "CREATE TABLE IF NOT EXISTS room_vote ("
        " workshop_id INTEGER NOT NULL,"
        " note_no INTEGER NOT NULL,"
        " device_no INTEGER NOT NULL,"
        " dots INTEGER NOT NULL,"
        f" voted_at {moment} NOT NULL,"
        " PRIMARY KEY (workshop_id, note_no, device_no),"
        " FOREIGN KEY(workshop_id) REFERENCES workshop (id) ON DELETE CASCADE)",
        "CREATE TABLE IF NOT EXISTS room_answer ("
        " workshop_id INTEGER NOT NULL,"
        " objective_id INTEGER NOT NULL,"
        " question INTEGER NOT NULL,"
        " device_no INTEGER NOT NULL,"
        " answer BOOLEAN NOT NULL,"
        f" answered_at {moment} NOT NULL,"
        " revealed BOOLEAN NOT NULL,"
        " PRIMARY KEY (workshop_id, objective_id, question, device_no),"
        " FOREIGN KEY(workshop_id) REFERENCES workshop (id) ON DELETE CASCADE)",
    ):
        connection.exec_driver_sql(sql)


def _v6_organisation(connection: Connection) -> None:
    """Version 6: company OKRs written once, in a company-level workshop, and linked by id
    from each team's workshop and objectives (issue 18)."""
    for table, name, sql in (
        ("workshop", "level", "VARCHAR NOT NULL DEFAULT 'team'"),
        ("workshop", "company_id", "INTEGER"),
        ("objective", "company_objective_id", "INTEGER"),
        ("objective", "company_key_result_id", "INTEGER"),
    ):
        have = {column["name"] for column in inspect(connection).get_columns(table)}
        if name not in have:  # a step may meet a database it was already applied to
            connection.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {name} {sql}")
    connection.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS ix_workshop_company_id ON workshop (company_id)"
    )


# version -> the step that brings a database from version-1 to version.
# Version 1 is the first released schema; it has no step because databases of
# version 1 are only ever created fresh.
MIGRATIONS: dict[int, Step] = {
    2: _v2_lease,
    3: _v3_meeting_kinds,
    4: _v4_next_step_due,
    5: _v5_room,
    6: _v6_organisation,
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
        elif engine.dialect.name == "postgresql":
            # PostgreSQL's DDL is transactional too; this lock (held to the commit)
            # makes a second instance wait here, then find the schema done.
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")
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
