"""The room's records in the database: saved one change at a time, read back whole.

`save_records` is what the session's writer runs (`WorkshopSession.save_room`), in
its thread, inside one store transaction; the session's draft gets the same call
on the event loop. `load_record` reads a workshop's room back (opening, exports).
Every save is an upsert keyed by the room's own numbers, so saving a record twice
leaves one row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, SQLModel, col, select

from workshop.core.db.tables import RoomAnswerRow, RoomNoteRow, RoomPersonRow, RoomVoteRow
from workshop.core.room.record import (
    RoomAnswer,
    RoomNote,
    RoomPerson,
    RoomRecord,
    RoomVote,
)

_ROWS: dict[type, type[SQLModel]] = {
    RoomPerson: RoomPersonRow,
    RoomNote: RoomNoteRow,
    RoomVote: RoomVoteRow,
    RoomAnswer: RoomAnswerRow,
}

# Translates an objective's id as the draft knows it to the real database's.
IdTranslator = Callable[[int], int | None]


def save_records(
    session: Session,
    workshop_id: int,
    records: Sequence[Any],
    real_id: IdTranslator = lambda i: i,
) -> None:
    """Upsert `records` (room records) for `workshop_id`; the caller commits."""
    for record in records:
        table = _ROWS[type(record)]
        values = record.model_dump()
        if isinstance(record, RoomNote) and record.target_id is not None:
            values["target_id"] = real_id(record.target_id)
        if isinstance(record, RoomAnswer):
            real = real_id(record.objective_id)
            if real is None:
                continue  # its objective never reached the database
            values["objective_id"] = real
        session.merge(table(workshop_id=workshop_id, **values))


def delete_room(session: Session, workshop_id: int) -> None:
    """Remove a workshop's room (the draft, before it takes the room back on reopening)."""
    for table in _ROWS.values():
        session.execute(delete(table).where(col(table.workshop_id) == workshop_id))  # type: ignore[attr-defined]


def load_record(session: Session, workshop_id: int) -> RoomRecord:
    """Everything the room stored for `workshop_id`, in order."""

    def rows(table: type[SQLModel], *order: Any) -> list[dict[str, Any]]:
        found = session.exec(
            select(table).where(col(table.workshop_id) == workshop_id).order_by(*order)  # type: ignore[attr-defined]
        ).all()
        return [
            {k: _utc(v) for k, v in r.model_dump().items() if k != "workshop_id"} for r in found
        ]

    return RoomRecord(
        people=[RoomPerson(**r) for r in rows(RoomPersonRow, col(RoomPersonRow.device_no))],
        notes=[RoomNote(**r) for r in rows(RoomNoteRow, col(RoomNoteRow.note_no))],
        votes=[
            RoomVote(**r)
            for r in rows(RoomVoteRow, col(RoomVoteRow.note_no), col(RoomVoteRow.device_no))
        ],
        answers=[
            RoomAnswer(**r)
            for r in rows(
                RoomAnswerRow,
                col(RoomAnswerRow.objective_id),
                col(RoomAnswerRow.question),
                col(RoomAnswerRow.device_no),
            )
        ],
    )


def _utc(value: Any) -> Any:
    """Times come back from SQLite without their zone; they were written in UTC."""
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def record_key(record: Any) -> tuple[Any, ...]:
    """What identifies a room record (a later version of it replaces the earlier one)."""
    if isinstance(record, RoomPerson):
        return ("person", record.device_no)
    if isinstance(record, RoomNote):
        return ("note", record.note_no)
    if isinstance(record, RoomVote):
        return ("vote", record.note_no, record.device_no)
    if isinstance(record, RoomAnswer):
        return ("answer", record.objective_id, record.question, record.device_no)
    raise TypeError(f"not a room record: {type(record).__name__}")


def record_of(records: Iterable[Any]) -> RoomRecord:
    """Room records (the latest of each), in order, as one `RoomRecord`."""
    by_kind: dict[type, list[Any]] = {RoomPerson: [], RoomNote: [], RoomVote: [], RoomAnswer: []}
    for record in records:
        by_kind[type(record)].append(record)
    return RoomRecord(
        people=sorted(by_kind[RoomPerson], key=lambda p: p.device_no),
        notes=sorted(by_kind[RoomNote], key=lambda n: n.note_no),
        votes=sorted(by_kind[RoomVote], key=lambda v: (v.note_no, v.device_no)),
        answers=sorted(
            by_kind[RoomAnswer], key=lambda a: (a.objective_id, a.question, a.device_no)
        ),
    )
