"""The workshop list, read without SQLAlchemy when the database is a SQLite file.

`okr-workshop list` and the app's first screen only need one line per workshop.
For a plain `sqlite:///file` URL they read it through the standard library's
`sqlite3` on the same read-only connection that checks the file (see
`workshop.core.db.errors`), so they pay neither SQLAlchemy, SQLModel nor pydantic.
`Store.list_workshops` runs the very same SQL through SQLAlchemy, for every
other database, and maps the rows with the same function.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from workshop.core.db.errors import plain_sqlite_path, read_sqlite_file
from workshop.core.db.version import LATEST_VERSION
from workshop.core.paths import default_db_url

# One line per workshop, most recently touched first, with its OKR counts.
# Plain SQL that SQLite and PostgreSQL both run; `Store.list_workshops` uses it too.
SUMMARY_SQL = """
SELECT w.id, w.team, w.period, w.facilitator, w.created_at, w.updated_at, w.current_stage,
       COALESCE(o.n, 0) AS objective_count, COALESCE(k.n, 0) AS key_result_count,
       w.meeting_kind
FROM workshop AS w
LEFT OUTER JOIN (
    SELECT workshop_id, count(*) AS n FROM objective GROUP BY workshop_id
) AS o ON o.workshop_id = w.id
LEFT OUTER JOIN (
    SELECT ob.workshop_id, count(*) AS n
    FROM key_result AS kr JOIN objective AS ob ON kr.objective_id = ob.id
    GROUP BY ob.workshop_id
) AS k ON k.workshop_id = w.id
ORDER BY w.updated_at DESC, w.id DESC
"""


@dataclass(frozen=True, slots=True)
class Summary:
    """One workshop in the list, whoever reads it: the start screen, `okr-workshop list`,
    `Store.list_workshops`. A dataclass, not a pydantic model like the domain's, so the
    first screen imports no pydantic to show it."""

    id: int
    team: str
    period: str
    facilitator: str
    created_at: dt.datetime
    updated_at: dt.datetime
    current_stage: int
    objective_count: int
    key_result_count: int
    meeting_kind: str = "workshop"  # see workshop.core.agenda.kinds


def _moment(value: Any) -> dt.datetime:
    # SQLite hands back the text SQLAlchemy wrote ("2027-01-12 09:00:00.000000",
    # UTC without a zone); other databases hand back a datetime already.
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else value


def summary_from_row(row: Sequence[Any]) -> Summary:
    """A `Summary` from one row of `SUMMARY_SQL`."""
    wid, team, period, facilitator, created, updated, stage, objectives, key_results = row[:9]
    kind = row[9] if len(row) > 9 else "workshop"
    return Summary(
        id=int(wid),
        team=team,
        period=period,
        facilitator=facilitator,
        created_at=_moment(created),
        updated_at=_moment(updated),
        current_stage=int(stage),
        objective_count=int(objectives),
        key_result_count=int(key_results),
        meeting_kind=kind,
    )


def summaries_from_rows(rows: Iterable[Sequence[Any]]) -> list[Summary]:
    return [summary_from_row(row) for row in rows]


def _read(connection: sqlite3.Connection, version: int) -> list[Summary] | None:
    if version == 0:
        return []  # an empty SQLite file: no workshops yet
    if version != LATEST_VERSION:
        return None  # an older schema: the Store upgrades it first
    return summaries_from_rows(connection.execute(SUMMARY_SQL))


def quick_summaries(url: str | None = None) -> list[Summary] | None:
    """The workshops at `url` (default: the app's database) without SQLAlchemy, if possible.

    Returns None when this path cannot answer: a URL other than a plain SQLite
    file, or a database on an older schema that needs upgrading. The caller then
    opens the Store (`workshop.core.db.errors.open_store`) and asks it. A missing or
    empty file lists nothing and is not created. Raises `DatabaseError`, with the
    same one-line message as `open_store`, for a file the app must not open.
    """
    url = url or default_db_url()
    path = plain_sqlite_path(url)
    if path is None:
        # A PostgreSQL server: psycopg alone runs the same query (or None: the Store).
        from workshop.core.db.errors import DatabaseError
        from workshop.core.db.postgres import ServerRefused, read_server

        try:
            return read_server(url, _read)
        except ServerRefused as error:
            raise DatabaseError(str(error)) from None
    no_workshops: list[Summary] | None = []
    create_folder = url == default_db_url()
    return read_sqlite_file(path, _read, create_folder=create_folder, missing=no_workshops)
