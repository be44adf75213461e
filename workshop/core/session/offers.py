"""What the start screen offers, read with two summary queries (no workshop loaded whole).

- On each workshop whose OKRs are set, its next meeting: the next check-in or review
  of its schedule not held yet (`workshop.core.okr.meetings.schedule_offer`).
- On each company workshop that teams link to, a bottom-up alignment review (issue 18),
  dated today, unless one on it was started today (the list resumes that one).

`meeting_offers` reads `OFFER_SQL` (one line per workshop: kind, subject, counts, a
meeting's record) and `SCHEDULE_SQL` (the schedules from today on), whatever the
number of workshops. It reads the real store: call it off the event loop.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from workshop.core.agenda.kinds import ALIGNMENT_REVIEW, CHECKIN, QUARTER_END, WORKSHOP
from workshop.core.agenda.kinds import title as kind_title
from workshop.core.db.store import Store
from workshop.core.db.summaries import OFFER_SQL, SCHEDULE_SQL, OfferLine, offer_line
from workshop.core.domain import MeetingKind, Workshop
from workshop.core.okr.meetings import (
    MeetingOffer,
    read_checkin,
    read_quarter_end,
    schedule_offer,
)
from workshop.core.org.rows import COMPANY

Schedule = list[tuple[MeetingKind, dt.date, dt.time]]


def _day(value: Any) -> dt.date:
    # SQLite hands back the text SQLAlchemy wrote; PostgreSQL a date.
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _time(value: Any) -> dt.time:
    return dt.time.fromisoformat(value) if isinstance(value, str) else value


def _read(session: Session, today: dt.date) -> tuple[list[OfferLine], dict[int, Schedule]]:
    connection = session.connection()
    lines = [offer_line(row) for row in connection.execute(text(OFFER_SQL))]
    schedules: dict[int, Schedule] = {}
    rows = connection.execute(text(SCHEDULE_SQL), {"today": today.isoformat()})
    for workshop_id, kind, day, time in rows:
        try:
            review = MeetingKind(kind)
        except ValueError:
            continue  # a kind of a newer app: Store.load would refuse it too
        schedules.setdefault(int(workshop_id), []).append((review, _day(day), _time(time)))
    return lines, schedules


def _held_on(line: OfferLine, today: dt.date) -> tuple[str, dt.date] | None:
    """(kind, date) of a check-in or quarter-end review, from its record."""
    meeting = Workshop(meeting_kind=line.meeting_kind, meeting_json=line.record)
    if line.meeting_kind == CHECKIN:
        return CHECKIN, read_checkin(meeting, today).date
    if line.meeting_kind == QUARTER_END:
        return QUARTER_END, read_quarter_end(meeting, today).date
    return None


def _local_day(moment: dt.datetime) -> dt.date:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone().date()


def offers_from(
    lines: list[OfferLine], schedules: dict[int, Schedule], today: dt.date
) -> list[MeetingOffer]:
    """The offers, workshops in the order of `lines`; alignment reviews after them."""
    held: dict[int, list[tuple[str, dt.date]]] = {}
    reviewed_today: set[int] = set()
    for line in lines:
        if line.meeting_kind == WORKSHOP or line.subject_id is None:
            continue
        if line.meeting_kind == ALIGNMENT_REVIEW:
            if _local_day(line.created_at) == today:
                reviewed_today.add(line.subject_id)
            continue
        found = _held_on(line, today)
        if found is not None:
            held.setdefault(line.subject_id, []).append(found)
    offers: list[MeetingOffer] = []
    for line in lines:
        if line.meeting_kind != WORKSHOP or not line.key_result_count:
            continue
        offer = schedule_offer(
            line.id,
            line.team,
            line.period,
            schedules.get(line.id, []),
            held.get(line.id, []),
            today,
            scheduled=line.scheduled_count > 0,
        )
        if offer is not None:
            offers.append(offer)
    for line in lines:
        if (
            line.meeting_kind == WORKSHOP
            and line.level == COMPANY
            and line.team_count
            and line.id not in reviewed_today
        ):
            title = kind_title(ALIGNMENT_REVIEW)
            offers.append(
                MeetingOffer(line.id, ALIGNMENT_REVIEW, today, title, line.team, line.period)
            )
    return offers


def meeting_offers(store: Store, today: dt.date) -> list[MeetingOffer]:
    """What the start screen offers (see the module's docstring)."""
    lines, schedules = store.read_with(lambda session: _read(session, today))
    return offers_from(lines, schedules, today)
