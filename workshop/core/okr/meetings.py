"""The record each meeting after the workshop keeps, and the quarter read from them.

A check-in or a quarter-end review is stored as a row of its own (its kind, the workshop
it reviews, its clock and agenda: see `workshop.core.agenda.kinds`), and what the room
decided in it as one JSON record in that row (`meeting_json`):

- `CheckInRecord`: the date, who was there, every check-in recorded (appended, never
  changed: a correction is a later check-in), and the decisions;
- `QuarterEndRecord`: the date, each key result's score, the retrospective, the roll-over
  choice and the next period's workshop once it exists.

`checkin_log` rebuilds the workshop's whole check-in history from its check-in meetings,
oldest first, with each check-in's previous value worked out again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from workshop.core.domain import MeetingKind, Workshop
from workshop.core.okr.cadence import MONTHS, WEEKDAYS, quarter_bounds
from workshop.core.okr.checkins import CheckIn, CheckInLog
from workshop.core.okr.errors import OKRInputError, sentences
from workshop.core.okr.retro import Retrospective
from workshop.core.okr.rollover import RolledOver, RollOverChoice


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class KeyResultRef(_Model):
    """A key result by its place in the workshop when the entry was made, and by its id.

    The id is what counts. The workshop stays editable after its check-ins: a key result
    moved since then leaves its place to another, and one removed leaves it empty.
    `following_moves` reads the entries against the workshop as it is now. The position
    alone is used only for entries without an id (made before ids were kept, or read from
    a JSON file, which names key results by position).
    """

    objective_index: int = Field(ge=0)
    key_result_index: int = Field(ge=0)
    key_result_id: int | None = None


class CheckInEntry(KeyResultRef):
    """One check-in of one key result, made in this meeting."""

    check_in: CheckIn


class CheckInRecord(_Model):
    """What a check-in meeting recorded."""

    date: dt.date
    present: list[str] = Field(default_factory=list)
    entries: list[CheckInEntry] = Field(default_factory=list)
    decisions: list[str] = Field(default_factory=list)

    def appended(self, entry: CheckInEntry) -> CheckInRecord:
        return self.model_copy(update={"entries": [*self.entries, entry]})


class ScoreEntry(KeyResultRef):
    """A key result's score at the end of the period (a tenth from 0 to 1)."""

    score: float = Field(ge=0.0, le=1.0)


class QuarterEndRecord(_Model):
    """What a quarter-end review recorded."""

    date: dt.date
    present: list[str] = Field(default_factory=list)
    scores: list[ScoreEntry] = Field(default_factory=list)
    retrospective: Retrospective = Field(default_factory=Retrospective)
    # What carries into the next period; None until the room has chosen.
    carry: list[RollOverChoice] | None = None
    next_workshop_id: int | None = None

    def score(self, objective_index: int, key_result_index: int) -> float | None:
        for entry in self.scores:
            if (entry.objective_index, entry.key_result_index) == (
                objective_index,
                key_result_index,
            ):
                return entry.score
        return None

    def with_score(
        self,
        objective_index: int,
        key_result_index: int,
        score: float,
        key_result_id: int | None = None,
    ) -> QuarterEndRecord:
        """This record with the key result's score set (replacing its earlier one: found by
        id when both have one, else by position)."""
        new = ScoreEntry(
            objective_index=objective_index,
            key_result_index=key_result_index,
            key_result_id=key_result_id,
            score=score,
        )
        others = [s for s in self.scores if not _same_key_result(s, new)]
        ordered = sorted([*others, new], key=lambda s: (s.objective_index, s.key_result_index))
        return self.model_copy(update={"scores": ordered})


# A record of either kind, and one of its entries.
R = TypeVar("R", CheckInRecord, QuarterEndRecord)
Ref = TypeVar("Ref", bound=KeyResultRef)


def _same_key_result(a: KeyResultRef, b: KeyResultRef) -> bool:
    if a.key_result_id is not None and b.key_result_id is not None:
        return a.key_result_id == b.key_result_id
    return (a.objective_index, a.key_result_index) == (b.objective_index, b.key_result_index)


def _places_by_id(subject: Workshop) -> dict[int, tuple[int, int]]:
    return {
        kr.id: (o, k)
        for o, objective in enumerate(subject.objectives)
        for k, kr in enumerate(objective.key_results)
        if kr.id is not None
    }


def _follow(entries: Sequence[Ref], places: dict[int, tuple[int, int]]) -> list[Ref]:
    out = []
    for entry in entries:
        if entry.key_result_id is not None:
            place = places.get(entry.key_result_id)
            if place is None:
                continue  # its key result was removed: no other takes its entries
            if place != (entry.objective_index, entry.key_result_index):
                o, k = place
                entry = entry.model_copy(update={"objective_index": o, "key_result_index": k})
        out.append(entry)
    return out


def following_moves(subject: Workshop, record: R) -> R:
    """The record read against `subject` as it is now: each entry that names its key result
    by id is at that key result's place now, and left out if it was removed. The stored
    record is not changed. A subject without ids (not stored) is read by position."""
    places = _places_by_id(subject)
    if not places:
        return record
    if isinstance(record, CheckInRecord):
        return record.model_copy(update={"entries": _follow(record.entries, places)})
    return record.model_copy(update={"scores": _follow(record.scores, places)})


def named_by_place(subject: Workshop, record: R) -> R:
    """The record with each entry named by the id of the key result at its place in
    `subject` (an imported file's record, once its workshop is stored: a file names key
    results by position, and any id it carries belongs to another database)."""

    def named(entry: Ref) -> Ref:
        o, k = entry.objective_index, entry.key_result_index
        found = None
        if o < len(subject.objectives) and k < len(subject.objectives[o].key_results):
            found = subject.objectives[o].key_results[k].id
        return entry.model_copy(update={"key_result_id": found})

    if isinstance(record, CheckInRecord):
        return record.model_copy(update={"entries": [named(e) for e in record.entries]})
    return record.model_copy(update={"scores": [named(s) for s in record.scores]})


def read_checkin(meeting: Workshop, default_date: dt.date) -> CheckInRecord:
    """The check-in meeting's record (a fresh one dated `default_date` when it has none)."""
    if meeting.meeting_json:
        try:
            return CheckInRecord.model_validate_json(meeting.meeting_json)
        except ValidationError:
            pass  # written by a newer app: start afresh rather than refuse to open
    return CheckInRecord(date=default_date)


def read_quarter_end(meeting: Workshop, default_date: dt.date) -> QuarterEndRecord:
    """The quarter-end meeting's record (a fresh one dated `default_date` when it has none)."""
    if meeting.meeting_json:
        try:
            return QuarterEndRecord.model_validate_json(meeting.meeting_json)
        except ValidationError:
            pass
    return QuarterEndRecord(date=default_date)


def checkin_log(subject: Workshop, records: Iterable[CheckInRecord]) -> CheckInLog:
    """Every check-in of the workshop's key results, in date order (meetings in the order given
    on the same date), each under its key result where it is now (`following_moves`). A
    check-in that no longer fits (its key result was removed) is left out."""
    log = CheckInLog()
    for record in sorted(records, key=lambda r: r.date):
        for entry in following_moves(subject, record).entries:
            c = entry.check_in
            try:
                log = log.record(
                    subject,
                    entry.objective_index,
                    entry.key_result_index,
                    date=c.date,
                    entered_by=c.entered_by,
                    value=c.value,
                    confidence=c.confidence,
                    note=c.note,
                    blocker=c.blocker,
                    next_step=c.next_step,
                )
            except OKRInputError:
                continue
    return log


def checkin_dates(records: Sequence[CheckInRecord]) -> list[dt.date]:
    """The dates of the check-ins that recorded anything, oldest first, each once."""
    return sorted({r.date for r in records if r.entries})


def initial_record_json(kind: str, day: dt.date) -> str:
    """The record a new meeting of `kind` starts with, as stored."""
    if kind == "checkin":
        return CheckInRecord(date=day).model_dump_json()
    if kind == "quarter_end":
        return QuarterEndRecord(date=day).model_dump_json()
    return ""


# -- what the start screen offers -----------------------------------------------------

_KIND_OF_REVIEW = {
    MeetingKind.CHECK_IN: "checkin",
    MeetingKind.MONTHLY_REVIEW: "checkin",
    MeetingKind.QUARTER_END: "quarter_end",
}
_REVIEW_TITLE = {
    MeetingKind.CHECK_IN: "Check-in",
    MeetingKind.MONTHLY_REVIEW: "Monthly review",
    MeetingKind.QUARTER_END: "Quarter-end review",
}


def day_text(day: dt.date) -> str:
    """Tuesday 12 January."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


@dataclass(frozen=True)
class MeetingOffer:
    """A meeting the start screen offers to run on a workshop's OKRs."""

    subject_id: int
    kind: str  # a meeting kind key: "checkin", "quarter_end"
    date: dt.date
    title: str  # "Check-in", "Monthly review", "Quarter-end review"
    team: str
    period: str

    @property
    def label(self) -> str:
        """Check-in, Tuesday 12 January."""
        return f"{self.title}, {day_text(self.date)}"


def has_okrs(workshop: Workshop) -> bool:
    """True when the workshop has at least one objective with a key result."""
    return any(o.key_results for o in workshop.objectives)


def offer_for(
    workshop: Workshop, held: Iterable[tuple[str, dt.date]], today: dt.date
) -> MeetingOffer | None:
    """The meeting to offer next on `workshop`, from its review schedule.

    The first scheduled meeting from today on, and after the last one held (`held`
    lists (kind, date) of the meetings already run); with no schedule left, a
    quarter-end review, dated today; with no schedule at all, a check-in today, unless
    the period's quarter has not begun (a workshop just rolled over into the next
    quarter). None once a quarter-end review was held, or for a workshop without OKRs.
    """
    if workshop.id is None or not has_okrs(workshop):
        return None
    schedule = [(m.kind, m.date, m.time) for m in workshop.meetings]
    return schedule_offer(workshop.id, workshop.team, workshop.period, schedule, held, today)


def schedule_offer(
    workshop_id: int,
    team: str,
    period: str,
    schedule: Iterable[tuple[MeetingKind, dt.date, dt.time]],
    held: Iterable[tuple[str, dt.date]],
    today: dt.date,
    *,
    scheduled: bool | None = None,
) -> MeetingOffer | None:
    """`offer_for` on a workshop with OKRs, from its schedule as (kind, date, time).

    `schedule` may hold only the meetings from today on (what the start screen reads);
    `scheduled` then says whether the workshop schedules any meeting at all.
    """
    schedule = sorted(schedule, key=lambda m: (m[1], m[2]))
    has_schedule = bool(schedule) if scheduled is None else scheduled
    done = set(held)
    if any(kind == "quarter_end" for kind, _day in done):
        return None  # the quarter has been closed: nothing more to hold on these OKRs
    # A meeting held on a later day covers every one scheduled up to it (the room met
    # on the 19th instead of the 11th: the 11th is not owed any more).
    last_held = max((day for _kind, day in done), default=None)
    for review, day, _time in schedule:
        kind = _KIND_OF_REVIEW[review]
        if day < today or (last_held is not None and day <= last_held):
            continue
        return MeetingOffer(workshop_id, kind, day, _REVIEW_TITLE[review], team, period)
    if has_schedule:
        return MeetingOffer(workshop_id, "quarter_end", today, "Quarter-end review", team, period)
    if not has_schedule and not _before_its_quarter(period, today):
        return MeetingOffer(workshop_id, "checkin", today, "Check-in", team, period)
    return None


def _before_its_quarter(period: str, today: dt.date) -> bool:
    """True on a day before the quarter the period names (nothing to check in on yet);
    False for a period that names no quarter ("Spring launch"): it may have begun."""
    bounds = quarter_bounds(period)
    return bounds is not None and today < bounds[0]


class RolledOverRecord(_Model):
    """Kept with a workshop made by a roll-over: where it came from and which of its
    objectives and key results were carried over (see `workshop.core.okr.rollover`)."""

    from_workshop_id: int | None = None
    from_period: str = ""
    rolled_over: tuple[RolledOver, ...] = ()


def read_rolled_over(workshop: Workshop) -> RolledOverRecord | None:
    """The roll-over marks of a workshop, or None when it was not made by a roll-over."""
    if workshop.meeting_kind != "workshop" or not workshop.meeting_json:
        return None
    try:
        return RolledOverRecord.model_validate_json(workshop.meeting_json)
    except ValidationError:
        return None


# -- the JSON export's "quarter" -------------------------------------------------------


class QuarterSection(_Model):
    """The check-ins and quarter-end reviews held on a workshop's OKRs, as the JSON export
    carries them (oldest first). An import makes one meeting of each again."""

    check_ins: list[CheckInRecord] = Field(default_factory=list)
    quarter_ends: list[QuarterEndRecord] = Field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        # The next period's workshop and the key results' ids are this database's ids:
        # meaningless elsewhere. A file names key results by position.
        no_id = {"__all__": {"key_result_id": True}}
        return self.model_dump(
            mode="json",
            exclude={
                "check_ins": {"__all__": {"entries": no_id}},
                "quarter_ends": {"__all__": {"next_workshop_id": True, "scores": no_id}},
            },
        )


def read_quarter(document: Any, source: str, subject: Workshop) -> QuarterSection | None:
    """The "quarter" of a JSON export, checked against its workshop; None when it has none.

    Raises OKRInputError with one line naming the place of the first problem, so an
    import stores nothing when any check-in or score does not fit.
    """
    if not isinstance(document, dict) or "quarter" not in document:
        return None
    try:
        section = QuarterSection.model_validate(document["quarter"])
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise OKRInputError([f"{source}: $.quarter.{where}: {sentences(error)[0]}"]) from None
    for i, record in enumerate(section.check_ins):
        for j, entry in enumerate(record.entries):
            if not _has_key_result(subject, entry.objective_index, entry.key_result_index):
                raise OKRInputError(
                    [f"{source}: $.quarter.check_ins[{i}].entries[{j}]: no such key result"]
                )
    for i, end in enumerate(section.quarter_ends):
        for j, score in enumerate(end.scores):
            if not _has_key_result(subject, score.objective_index, score.key_result_index):
                raise OKRInputError(
                    [f"{source}: $.quarter.quarter_ends[{i}].scores[{j}]: no such key result"]
                )
    return section


def _has_key_result(workshop: Workshop, o: int, k: int) -> bool:
    return o < len(workshop.objectives) and k < len(workshop.objectives[o].key_results)
