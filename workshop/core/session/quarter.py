"""The quarter a meeting after the workshop belongs to, read when the meeting opens.

A check-in or a quarter-end review works on another workshop's OKRs (its subject) and
on what earlier meetings recorded about them. `load_quarter` reads both from the real
store, in the thread that opens the session, so the screens never touch the database;
`start_meeting` creates a meeting row of a kind for a subject, with the subject's
team, period, people and time zone copied in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from workshop.core.agenda.kinds import CHECKIN, QUARTER_END, WORKSHOP
from workshop.core.db.store import Store, WorkshopRows
from workshop.core.domain import Workshop
from workshop.core.exports.quarter import QuarterFiles
from workshop.core.okr.checkins import CheckInLog
from workshop.core.okr.meetings import (
    CheckInRecord,
    QuarterEndRecord,
    QuarterSection,
    checkin_log,
    following_moves,
    named_by_place,
    read_checkin,
    read_quarter_end,
)
from workshop.core.okr.rollover import by_position, named_by_id


@dataclass(frozen=True)
class QuarterContext:
    """The reviewed workshop and the other meetings held on it, as they were at opening."""

    subject: Workshop
    # The other check-in meetings, with their records (this meeting's own is in the draft).
    checkins: list[tuple[int, CheckInRecord]] = field(default_factory=list)
    quarter_ends: list[tuple[int, QuarterEndRecord]] = field(default_factory=list)

    def files(
        self,
        current: CheckInRecord | None = None,
        quarter_end: QuarterEndRecord | None = None,
    ) -> QuarterFiles:
        """What the check-in summary, the scorecard and the CSV are made from."""
        records = [r for _id, r in self.checkins]
        if current is not None:
            records.append(current)
        return QuarterFiles(self.subject, records, current, quarter_end)

    def log(self, current: CheckInRecord | None = None) -> CheckInLog:
        """The check-in history of the subject, with this meeting's record if given."""
        records = [r for _id, r in self.checkins]
        if current is not None:
            records.append(current)
        return checkin_log(self.subject, records)


def meetings_on(store: Store, subject_id: int) -> list[Workshop]:
    """Every meeting held on the workshop `subject_id`, oldest first."""
    found = []
    for summary in store.list_workshops():
        if summary.meeting_kind == WORKSHOP:
            continue
        meeting = store.load(summary.id)
        if meeting.subject_id == subject_id:
            found.append(meeting)
    return sorted(
        found, key=lambda m: (m.created_at or dt.datetime.min.replace(tzinfo=dt.UTC), m.id or 0)
    )


def load_quarter(store: Store, rows: WorkshopRows) -> QuarterContext | None:
    """The quarter of the meeting whose rows these are; None for a workshop."""
    row = rows.table("workshop")[0]
    subject_id = row.get("subject_id")
    if row.get("meeting_kind", WORKSHOP) == WORKSHOP or subject_id is None:
        return None
    subject = store.load(subject_id)
    someday = dt.date.min
    checkins: list[tuple[int, CheckInRecord]] = []
    quarter_ends: list[tuple[int, QuarterEndRecord]] = []
    for meeting in meetings_on(store, subject_id):
        if meeting.id == rows.workshop_id or meeting.id is None:
            continue
        if meeting.meeting_kind == CHECKIN:
            checkins.append((meeting.id, read_checkin(meeting, someday)))
        elif meeting.meeting_kind == QUARTER_END:
            quarter_ends.append((meeting.id, read_quarter_end(meeting, someday)))
    return QuarterContext(subject=subject, checkins=checkins, quarter_ends=quarter_ends)


def meeting_fields(subject: Workshop, kind: str, record_json: str) -> dict[str, Any]:
    """The stored fields of a new meeting of `kind` on `subject`."""
    assert subject.id is not None
    return {
        "team": subject.team,
        "period": subject.period,
        "facilitator": subject.facilitator,
        "champion": subject.champion,
        "timezone": subject.timezone,
        "approach": subject.approach,
        "meeting_kind": kind,
        "subject_id": subject.id,
        "meeting_json": record_json,
    }


# -- the JSON export's "quarter" and its import ---------------------------------------


def quarter_section(store: Store, subject_id: int) -> dict[str, Any] | None:
    """The check-ins and quarter-end reviews held on a workshop, for its JSON export
    (None when there are none). Meetings on the same date keep the order they were held."""
    today = dt.date.today()
    subject = store.load(subject_id)
    checkins, ends = [], []
    # Each entry at its key result's place now: the file names key results by position.
    for meeting in meetings_on(store, subject_id):
        if meeting.meeting_kind == CHECKIN:
            checkins.append(
                (meeting.id or 0, following_moves(subject, read_checkin(meeting, today)))
            )
        elif meeting.meeting_kind == QUARTER_END:
            end = following_moves(subject, read_quarter_end(meeting, today))
            if end.carry is not None:
                # The roll-over choice names items by this store's ids; the file names them
                # by where they are now (an import names them by id again).
                end = end.model_copy(update={"carry": by_position(subject, end.carry)})
            ends.append((meeting.id or 0, end))
    if not checkins and not ends:
        return None
    section = QuarterSection(
        check_ins=[r for _i, r in sorted(checkins, key=lambda p: (p[1].date, p[0]))],
        quarter_ends=[r for _i, r in sorted(ends, key=lambda p: (p[1].date, p[0]))],
    )
    return section.to_json()


def import_quarter(store: Store, subject_id: int, section: QuarterSection) -> list[int]:
    """Store each check-in and quarter-end review of an imported file as a meeting on the
    workshop `subject_id`, oldest first; returns their ids."""
    from workshop.core.agenda.model import load_kind_agenda

    subject = store.load(subject_id)
    made = []
    for kind, records in (
        # A file names key results by position; here they are named by id as well.
        (CHECKIN, [named_by_place(subject, r) for r in section.check_ins]),
        (QUARTER_END, [named_by_place(subject, r) for r in section.quarter_ends]),
    ):
        agenda_json = load_kind_agenda(kind).model_dump_json()
        for record in records:
            if isinstance(record, QuarterEndRecord) and record.carry is not None:
                record = record.model_copy(update={"carry": named_by_id(subject, record.carry)})
            fields = meeting_fields(subject, kind, record.model_dump_json())
            made.append(store.create_workshop(agenda_json=agenda_json, **fields))
    return made


def meeting_files(store: Store, meeting_id: int) -> tuple[str, QuarterFiles] | None:
    """A check-in's or quarter-end review's kind and what its exports are made from
    (None for a workshop or a meeting whose workshop is gone)."""
    rows = store.workshop_rows(meeting_id)
    quarter = load_quarter(store, rows)
    if quarter is None:
        return None
    meeting = store.load(meeting_id)
    today = dt.date.today()
    if meeting.meeting_kind == CHECKIN:
        return CHECKIN, quarter.files(current=read_checkin(meeting, today))
    return QUARTER_END, quarter.files(quarter_end=read_quarter_end(meeting, today))
