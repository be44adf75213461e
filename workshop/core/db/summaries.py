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


# -- what the start screen offers (workshop.core.session.offers) ------------------------
# One line per workshop with only what the offers are made from, so the start screen
# loads no workshop whole: its kind, the workshop a meeting is held on, whether it has
# key results, how many teams link to it (a company), how many meetings it schedules,
# and a meeting's record (its date is in there). Plain SQL for SQLite and PostgreSQL.
OFFER_SQL = """
SELECT w.id, w.team, w.period, w.meeting_kind, w.subject_id, w.level, w.created_at,
       COALESCE(k.n, 0) AS key_result_count, COALESCE(t.n, 0) AS team_count,
       COALESCE(s.n, 0) AS scheduled_count,
       CASE WHEN w.meeting_kind = 'workshop' THEN '' ELSE w.meeting_json END AS record
FROM workshop AS w
LEFT OUTER JOIN (
    SELECT ob.workshop_id, count(*) AS n
    FROM key_result AS kr JOIN objective AS ob ON kr.objective_id = ob.id
    GROUP BY ob.workshop_id
) AS k ON k.workshop_id = w.id
LEFT OUTER JOIN (
    SELECT company_id, count(*) AS n FROM workshop WHERE company_id IS NOT NULL
    GROUP BY company_id
) AS t ON t.company_id = w.id
LEFT OUTER JOIN (
    SELECT workshop_id, count(*) AS n FROM meeting GROUP BY workshop_id
) AS s ON s.workshop_id = w.id
ORDER BY w.updated_at DESC, w.id DESC
"""

# The review schedule from a day on (bound as :today), only as far as an offer may need:
# a scheduled meeting is passed over only when one held on the workshop has its date,
# so the first one not held is on one of the first (meetings held + 1) days from today.
SCHEDULE_SQL = """
SELECT upcoming.workshop_id, upcoming.kind, upcoming.date, upcoming.time
FROM (
    SELECT m.workshop_id, m.kind, m.date, m.time,
           DENSE_RANK() OVER (PARTITION BY m.workshop_id ORDER BY m.date) AS day_rank
    FROM meeting AS m
    WHERE m.date >= :today
) AS upcoming
LEFT OUTER JOIN (
    SELECT subject_id, count(*) AS n FROM workshop
    WHERE subject_id IS NOT NULL AND meeting_kind <> 'workshop'
    GROUP BY subject_id
) AS held ON held.subject_id = upcoming.workshop_id
WHERE upcoming.day_rank <= COALESCE(held.n, 0) + 1
ORDER BY upcoming.workshop_id, upcoming.date, upcoming.time
"""


@dataclass(frozen=True, slots=True)
class OfferLine:
    """One row of `OFFER_SQL`."""

    id: int
    team: str
    period: str
    meeting_kind: str
    subject_id: int | None
    level: str
    created_at: dt.datetime
    key_result_count: int
    team_count: int
    scheduled_count: int
    record: str  # a meeting's `meeting_json`; "" for a workshop


def offer_line(row: Sequence[Any]) -> OfferLine:
    wid, team, period, kind, subject, level, created, krs, teams, scheduled, record = row
    return OfferLine(
        id=int(wid),
        team=team,
        period=period,
        meeting_kind=kind,
        subject_id=None if subject is None else int(subject),
        level=level,
        created_at=_moment(created),
        key_result_count=int(krs),
        team_count=int(teams),
        scheduled_count=int(scheduled),
        record=record or "",
    )
