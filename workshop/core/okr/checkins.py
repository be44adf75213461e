"""Check-ins: the value of each key result as the team reported it, kept in date order.

A check-in records the date, who entered it, the value as typed ("35%", "72 hours", "done"),
a confidence from 0 to 10 (5 unless someone says otherwise), a note, what is blocking, the
next step, and the value before it. A key result's history only grows: recording a
check-in returns a new history with one more entry, and nothing earlier is changed.

Bad input raises `OKRInputError` with one sentence per problem, before anything is built,
so a caller never stores half a check-in.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from workshop.core.coach.period import parse_period
from workshop.core.domain import KeyResult, KeyResultKind, Workshop
from workshop.core.okr.errors import OKRInputError
from workshop.core.okr.numbers import is_placeholder, parse_milestone, parse_quantity

CONFIDENCE_MIN = 0
CONFIDENCE_MAX = 10
DEFAULT_CONFIDENCE = 5


def long_date(day: dt.date) -> str:
    """12 January 2027."""
    return f"{day.day} {day:%B %Y}"


def confidence_problem(raw: object) -> str | None:
    """The sentence saying why `raw` is not a confidence, or None when it is one."""
    value: object = raw
    if isinstance(raw, str):
        text = raw.strip()
        if not text:
            return "Give a confidence from 0 to 10."
        try:
            value = int(text)
        except ValueError:
            return f"Confidence is a whole number from 0 to 10; “{text}” is not one."
    if isinstance(value, bool) or not isinstance(value, int):
        return f"Confidence is a whole number from 0 to 10; {raw!r} is not one."
    if not CONFIDENCE_MIN <= value <= CONFIDENCE_MAX:
        return f"Confidence goes from 0 to 10; {value} is outside that range."
    return None


def value_problem(kind: KeyResultKind, value: str) -> str | None:
    """The sentence saying why `value` cannot be a check-in of this kind of key result."""
    if kind is KeyResultKind.MILESTONE:
        if parse_milestone(value) is None:
            if not value.strip():
                return "Say whether the milestone is done or not done."
            return (
                f"“{value.strip()}” does not say whether the milestone is done; "
                "write done or not done."
            )
        return None
    if not value.strip():
        return "Enter the current value of the key result."
    if is_placeholder(value) or parse_quantity(value) is None:
        return (
            f"“{value.strip()}” is not a number; enter the current value as one number, "
            "with a unit if you like (35%, 72 hours, 1,200)."
        )
    return None


def date_problem(day: dt.date, period: str) -> str | None:
    """The sentence saying why `day` lies outside the period (None if inside or unreadable)."""
    span = parse_period(period)
    if span is None or span.start <= day <= span.end:
        return None
    return (
        f"{long_date(day)} is outside the period {period.strip()}, "
        f"which runs from {long_date(span.start)} to {long_date(span.end)}."
    )


class CheckIn(BaseModel):
    """One check-in of one key result."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    date: dt.date
    entered_by: str
    value: str  # as typed: "35%", "72 hours", "done"
    confidence: int = DEFAULT_CONFIDENCE  # 0 (won't happen) to 10 (certain)
    note: str = ""
    blocker: str = ""
    next_step: str = ""
    previous_value: str | None = None  # the value of the check-in before; None for the first

    @field_validator("confidence", mode="before")
    @classmethod
    def _confidence(cls, raw: Any) -> Any:
        problem = confidence_problem(raw)
        if problem:
            raise ValueError(problem)
        return int(raw)

    @field_validator("entered_by")
    @classmethod
    def _entered_by(cls, name: str) -> str:
        if not name.strip():
            raise ValueError("Say who entered this check-in.")
        return name


class KeyResultHistory(BaseModel):
    """Every check-in of one key result, oldest first. Positions, not ids, name the key
    result, as `Objective.parent_ref` does, so a JSON round trip is exact."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    objective_index: int = Field(ge=0)
    key_result_index: int = Field(ge=0)
    check_ins: tuple[CheckIn, ...] = ()

    @model_validator(mode="after")
    def _appended_in_order(self) -> KeyResultHistory:
        for before, after in zip(self.check_ins, self.check_ins[1:], strict=False):
            if after.date < before.date:
                raise ValueError(
                    f"A check-in dated {long_date(after.date)} cannot follow one dated "
                    f"{long_date(before.date)}; check-ins are kept in date order."
                )
            if after.previous_value != before.value:
                raise ValueError(
                    f"The check-in of {long_date(after.date)} names “{after.previous_value}” "
                    f"as the previous value, but the one before it recorded “{before.value}”."
                )
        if self.check_ins and self.check_ins[0].previous_value is not None:
            raise ValueError("The first check-in of a key result has no previous value.")
        return self

    @property
    def latest(self) -> CheckIn | None:
        return self.check_ins[-1] if self.check_ins else None

    def appended(self, check_in: CheckIn) -> KeyResultHistory:
        """A new history with `check_in` at the end (this one is left as it was)."""
        return KeyResultHistory(
            objective_index=self.objective_index,
            key_result_index=self.key_result_index,
            check_ins=(*self.check_ins, check_in),
        )


def record_check_in(
    history: KeyResultHistory,
    key_result: KeyResult,
    period: str,
    *,
    date: dt.date,
    entered_by: str,
    value: str,
    confidence: int | str = DEFAULT_CONFIDENCE,
    note: str = "",
    blocker: str = "",
    next_step: str = "",
) -> KeyResultHistory:
    """The history with a new check-in at the end, its previous value filled in.

    Raises OKRInputError listing every problem (value, confidence, date, who) at once.
    """
    problems = [
        p
        for p in (
            None if entered_by.strip() else "Say who entered this check-in.",
            value_problem(key_result.kind, value),
            confidence_problem(confidence),
            date_problem(date, period),
        )
        if p
    ]
    latest = history.latest
    if latest is not None and date < latest.date:
        problems.append(
            f"{long_date(date)} is before the last check-in, on {long_date(latest.date)}; "
            "check-ins are added in date order."
        )
    if problems:
        raise OKRInputError(problems)
    entry = CheckIn(
        date=date,
        entered_by=entered_by,
        value=value,
        confidence=int(confidence),
        note=note,
        blocker=blocker,
        next_step=next_step,
        previous_value=latest.value if latest is not None else None,
    )
    return history.appended(entry)


class CheckInLog(BaseModel):
    """The check-in histories of a workshop's key results, one per key result."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    histories: tuple[KeyResultHistory, ...] = ()

    @model_validator(mode="after")
    def _one_history_per_key_result(self) -> CheckInLog:
        seen: set[tuple[int, int]] = set()
        for h in self.histories:
            ref = (h.objective_index, h.key_result_index)
            if ref in seen:
                raise ValueError(
                    f"Key result {ref[1] + 1} of objective {ref[0] + 1} has two histories; "
                    "a key result keeps one."
                )
            seen.add(ref)
        return self

    def history(self, objective_index: int, key_result_index: int) -> KeyResultHistory:
        """The key result's history (empty when it has no check-in yet)."""
        for h in self.histories:
            if (h.objective_index, h.key_result_index) == (objective_index, key_result_index):
                return h
        return KeyResultHistory(objective_index=objective_index, key_result_index=key_result_index)

    def latest(self, objective_index: int, key_result_index: int) -> CheckIn | None:
        return self.history(objective_index, key_result_index).latest

    def record(
        self,
        workshop: Workshop,
        objective_index: int,
        key_result_index: int,
        *,
        date: dt.date,
        entered_by: str,
        value: str,
        confidence: int | str = DEFAULT_CONFIDENCE,
        note: str = "",
        blocker: str = "",
        next_step: str = "",
    ) -> CheckInLog:
        """A new log with one more check-in for the key result; see `record_check_in`."""
        try:
            if objective_index < 0 or key_result_index < 0:
                raise IndexError
            key_result = workshop.objectives[objective_index].key_results[key_result_index]
        except IndexError:
            where = f"key result {key_result_index + 1} in objective {objective_index + 1}"
            raise OKRInputError([f"There is no {where}."]) from None
        old = self.history(objective_index, key_result_index)
        new = record_check_in(
            old,
            key_result,
            workshop.period,
            date=date,
            entered_by=entered_by,
            value=value,
            confidence=confidence,
            note=note,
            blocker=blocker,
            next_step=next_step,
        )
        others = tuple(
            h
            for h in self.histories
            if (h.objective_index, h.key_result_index) != (objective_index, key_result_index)
        )
        ordered = sorted((*others, new), key=lambda h: (h.objective_index, h.key_result_index))
        return CheckInLog(histories=tuple(ordered))
