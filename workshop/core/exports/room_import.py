"""The JSON export's "room" read back: what participants wrote, checked, ready to store.

`read_room` checks the section the way the rest of the import is checked (one
line naming the JSON path of the first problem, before anything is stored) and
keeps objectives by their number in the file. `room_records` turns it into the
room's own records once the workshop is stored and its objectives have ids;
`workshop.core.room.rows.save_records` stores them. Exporting the imported
workshop gives the same "room" again, byte for byte.

What cannot come back: an N&S answer about an objective that was removed before
the export (`objective_no` null) has no objective to belong to, so it is left out
and the import says how many.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, NoReturn

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from workshop.core.exports import limits
from workshop.core.exports.errors import ImportFileError
from workshop.core.room.record import KINDS, RoomAnswer, RoomNote, RoomPerson, RoomVote

# What a promoted note became in the draft (room.rules.Room.promote).
PROMOTED = ("", "priority", "variation", "objective", "key_result", "question")
MAX_NUMBER = 1_000_000  # a note's, a device's or a question's number; dots on one note
_Loc = tuple[str | int, ...]


class _In(BaseModel):
    # Exact types (no "1" for 1, no true for 1) and no unknown fields, as the file is outside text.
    model_config = ConfigDict(extra="forbid", strict=True)


_When = Field(strict=False)  # date-times come as ISO 8601 text


class _Person(_In):
    device_no: int
    name: str = ""
    joined_at: dt.datetime = _When


class _Note(_In):
    no: int
    kind: str
    objective_no: int | None = None
    text: str
    why: str = ""
    start: str = ""
    target: str = ""
    author: str = ""
    device_no: int
    written_at: dt.datetime = _When
    revealed_at: dt.datetime | None = Field(default=None, strict=False)
    group_no: int | None = None
    dots: int = 0
    promoted_to: str = ""
    promoted_at: dt.datetime | None = Field(default=None, strict=False)


class _Vote(_In):
    note_no: int
    device_no: int
    dots: int
    voted_at: dt.datetime = _When


class _Answer(_In):
    objective_no: int | None
    question_no: int
    device_no: int
    answer: bool
    answered_at: dt.datetime = _When
    revealed: bool = False


class _Section(_In):
    people: list[_Person] = Field(default_factory=list)
    notes: list[_Note] = Field(default_factory=list)
    votes: list[_Vote] = Field(default_factory=list)
    answers: list[_Answer] = Field(default_factory=list)


@dataclass(frozen=True)
class RoomImport:
    """A checked "room" section; objectives still by number (1, 2, ...)."""

    section: _Section

    @property
    def empty(self) -> bool:
        s = self.section
        return not (s.people or s.notes or s.votes or s.answers)

    @property
    def orphan_answers(self) -> int:
        """Answers about an objective the workshop no longer had (left out on import)."""
        return sum(1 for a in self.section.answers if a.objective_no is None)


def read_room(section: Any, source: str, objective_count: int) -> RoomImport:
    """Check the "room" object of a JSON export; ImportFileError names the first problem."""

    def fail(loc: _Loc, problem: str) -> NoReturn:
        raise ImportFileError(f"{source}: {limits.json_path(('room', *loc))}: {problem}")

    try:
        room = _Section.model_validate(section)
    except ValidationError as error:
        raise ImportFileError(f"{source}: {limits.validation_problem(error, ('room',))}") from None

    def number(loc: _Loc, value: int | None, low: int = 1, most: int = MAX_NUMBER) -> None:
        if value is not None and not low <= value <= most:
            fail(loc, f"must be from {low:,} to {most:,} (got {value})")

    def text(loc: _Loc, value: str) -> None:
        if len(value) > limits.MAX_TEXT_CHARS:
            fail(loc, f"too long: {len(value):,} characters; the most is {limits.MAX_TEXT_CHARS:,}")

    def moment(loc: _Loc, value: dt.datetime | None) -> None:
        if value is not None and not limits.MIN_YEAR <= value.year <= limits.MAX_YEAR:
            fail(loc, f"the year must be from {limits.MIN_YEAR} to {limits.MAX_YEAR}")

    def unique(loc: _Loc, key: Any, seen: set[Any], what: str) -> None:
        if key in seen:
            fail(loc, f"{what} is listed twice")
        seen.add(key)

    seen: set[Any] = set()
    for i, p in enumerate(room.people):
        loc: _Loc = ("people", i)
        number((*loc, "device_no"), p.device_no)
        unique((*loc, "device_no"), p.device_no, seen, f"device {p.device_no}")
        text((*loc, "name"), p.name)
        moment((*loc, "joined_at"), p.joined_at)
    notes = {n.no for n in room.notes}
    seen = set()
    for i, n in enumerate(room.notes):
        loc = ("notes", i)
        number((*loc, "no"), n.no)
        unique((*loc, "no"), n.no, seen, f"note {n.no}")
        if n.kind not in KINDS:
            fail((*loc, "kind"), f"expected one of {', '.join(KINDS)} (got {n.kind!r:.60})")
        _objective((*loc, "objective_no"), n.objective_no, objective_count, fail)
        for name in ("text", "why", "start", "target", "author"):
            text((*loc, name), getattr(n, name))
        number((*loc, "device_no"), n.device_no)
        for name in ("written_at", "revealed_at", "promoted_at"):
            moment((*loc, name), getattr(n, name))
        if n.group_no is not None and (n.group_no == n.no or n.group_no not in notes):
            fail((*loc, "group_no"), f"must be another note's no (got {n.group_no})")
        if n.promoted_to not in PROMOTED:
            shown = ", ".join(repr(p) for p in PROMOTED)
            fail((*loc, "promoted_to"), f"expected one of {shown} (got {n.promoted_to!r:.60})")
    dots: dict[int, int] = defaultdict(int)
    seen = set()
    for i, v in enumerate(room.votes):
        loc = ("votes", i)
        if v.note_no not in notes:
            fail((*loc, "note_no"), f"there is no note {v.note_no} in $.room.notes")
        number((*loc, "device_no"), v.device_no)
        unique(loc, (v.note_no, v.device_no), seen, f"device {v.device_no}'s vote on this note")
        number((*loc, "dots"), v.dots)
        moment((*loc, "voted_at"), v.voted_at)
        dots[v.note_no] += v.dots
    for i, n in enumerate(room.notes):
        if n.dots != dots.get(n.no, 0):
            fail(
                ("notes", i, "dots"),
                f"{n.dots} does not match the votes on note {n.no} in $.room.votes "
                f"({dots.get(n.no, 0)})",
            )
    seen = set()
    for i, a in enumerate(room.answers):
        loc = ("answers", i)
        _objective((*loc, "objective_no"), a.objective_no, objective_count, fail)
        number((*loc, "question_no"), a.question_no, most=limits.MAX_LIST_ITEMS + 1)
        number((*loc, "device_no"), a.device_no)
        if a.objective_no is not None:
            key = (a.objective_no, a.question_no, a.device_no)
            unique(loc, key, seen, f"device {a.device_no}'s answer to this question")
        moment((*loc, "answered_at"), a.answered_at)
    return RoomImport(room)


def _objective(loc: _Loc, value: int | None, count: int, fail: Any) -> None:
    if value is not None and not 1 <= value <= count:
        fail(loc, f"there is no objective {value} (the workshop has {count})")


def room_records(room: RoomImport, objective_ids: list[int]) -> list[Any]:
    """The room's records for a stored workshop whose objectives, in order, have
    `objective_ids`; answers about a removed objective are left out."""
    s = room.section

    def objective(no: int | None) -> int | None:
        return None if no is None else objective_ids[no - 1]

    records: list[Any] = [
        RoomPerson(device_no=p.device_no, name=p.name, joined_at=_utc(p.joined_at))
        for p in s.people
    ]
    records += [
        RoomNote(
            note_no=n.no,
            device_no=n.device_no,
            author=n.author,
            kind=n.kind,
            target_id=objective(n.objective_no),
            text=n.text,
            why=n.why,
            start=n.start,
            target=n.target,
            created_at=_utc(n.written_at),
            revealed_at=_utc(n.revealed_at),
            merged_into=n.group_no,
            promoted_to=n.promoted_to,
            promoted_at=_utc(n.promoted_at),
        )
        for n in s.notes
    ]
    records += [
        RoomVote(note_no=v.note_no, device_no=v.device_no, dots=v.dots, voted_at=_utc(v.voted_at))
        for v in s.votes
    ]
    records += [
        RoomAnswer(
            objective_id=objective_ids[a.objective_no - 1],
            question=a.question_no - 1,
            device_no=a.device_no,
            answer=a.answer,
            answered_at=_utc(a.answered_at),
            revealed=a.revealed,
        )
        for a in s.answers
        if a.objective_no is not None
    ]
    return records


def _utc(value: Any) -> Any:
    """Times are stored in UTC (the database keeps no zone); a time without one is UTC."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)
