"""How far a key result has moved from its start towards its target, and an objective's mean.

Progress = (current − start) / (target − start), kept between 0 and 1. The same formula
serves both directions: going from 72 to 24 hours, a current value of 48 is half way
(the numerator and the denominator are both negative). A milestone is 0 or 1.

When progress cannot be worked out (the target is "TBD", the start equals the target, no
value was entered yet, a value is not a number) the result carries no number and one
sentence saying why, so the screen and the PDF can show the reason instead of a guess.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from workshop.core.domain import KeyResult, KeyResultKind
from workshop.core.okr.numbers import (
    format_number,
    is_placeholder,
    parse_milestone,
    parse_quantity,
)


class Progress(BaseModel):
    """The progress of one key result: a number from 0 to 1, or the reason there is none."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    value: float | None = None  # 0.0 to 1.0; None when it cannot be worked out
    reason: str = ""  # one sentence when value is None, else ""
    raw: float | None = None  # before clamping: below 0 went backwards, above 1 overshot
    lower_is_better: bool = False

    @property
    def known(self) -> bool:
        return self.value is not None

    @property
    def note(self) -> str:
        """A sentence when the measured value lies outside the start-to-target range."""
        if self.raw is None or self.value is None or self.raw == self.value:
            return ""
        if self.raw > 1:
            return "The value is past the target, so progress is counted as complete."
        return "The value has moved away from the target since the start, so progress is 0."


def _unknown(reason: str) -> Progress:
    return Progress(value=None, reason=reason)


def metric_progress(start: str, target: str, current: str) -> Progress:
    """Progress of a metric key result from the text of its start, target and current value."""
    if is_placeholder(target):
        shown = f" (“{target.strip()}”)" if target.strip() else ""
        return _unknown(f"The target is not set yet{shown}, so there is no progress to measure.")
    target_q = parse_quantity(target)
    if target_q is None:
        return _unknown(
            f"The target “{target.strip()}” is not a number, so there is no progress to measure."
        )
    if is_placeholder(start):
        return _unknown("The starting value is not set, so there is no progress to measure.")
    start_q = parse_quantity(start)
    if start_q is None:
        return _unknown(
            f"The starting value “{start.strip()}” is not a number, "
            "so there is no progress to measure."
        )
    if start_q.value == target_q.value:
        return _unknown(
            f"The start and the target are both {format_number(start_q.value)}, "
            "so there is no distance to measure progress along."
        )
    if is_placeholder(current):
        return _unknown("No value has been entered yet, so progress is not known.")
    current_q = parse_quantity(current)
    if current_q is None:
        return _unknown(f"The value “{current.strip()}” is not a number, so progress is not known.")
    raw = (current_q.value - start_q.value) / (target_q.value - start_q.value)
    return Progress(
        value=min(1.0, max(0.0, raw)),
        raw=raw,
        lower_is_better=target_q.value < start_q.value,
    )


def milestone_progress(current: str) -> Progress:
    """1 when the milestone is done, 0 when it is not, no progress when the text says neither."""
    if not current.strip():
        return _unknown("Nobody has said yet whether this milestone is done.")
    done = parse_milestone(current)
    if done is None:
        return _unknown(
            f"“{current.strip()}” does not say whether the milestone is done, "
            "so progress is not known."
        )
    return Progress(value=1.0 if done else 0.0, raw=1.0 if done else 0.0)


def key_result_progress(key_result: KeyResult, current: str | None) -> Progress:
    """Progress of a key result given its latest value (None when nothing was entered yet)."""
    if key_result.kind is KeyResultKind.MILESTONE:
        return milestone_progress(current or "")
    return metric_progress(key_result.start, key_result.target, current or "")


class ObjectiveProgress(BaseModel):
    """The mean progress of an objective's key results, and what was left out of it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    value: float | None = None  # None when no key result has progress
    counted: int = 0
    left_out: int = 0
    # One sentence per key result left out, in order.
    reasons: list[str] = Field(default_factory=list)

    @property
    def summary(self) -> str:
        """One sentence on how the figure was made."""
        total = self.counted + self.left_out
        if total == 0:
            return "This objective has no key results, so it has no progress."
        if self.counted == 0:
            return (
                "None of the key results has measurable progress yet, "
                "so the objective has no progress either."
            )
        if self.left_out == 0:
            if total == 1:
                return "This is the progress of its only key result."
            return f"This is the average of all {total} key results."
        them = "it has" if self.left_out == 1 else "they have"
        return (
            f"This is the average of {self.counted} of the {total} key results; "
            f"{self.left_out} {'was' if self.left_out == 1 else 'were'} left out "
            f"because {them} no measurable progress."
        )


def objective_progress(progresses: Sequence[Progress]) -> ObjectiveProgress:
    """The mean of the key results that have progress; the others are counted and explained."""
    known = [p.value for p in progresses if p.value is not None]
    reasons = [p.reason for p in progresses if p.value is None]
    return ObjectiveProgress(
        value=sum(known) / len(known) if known else None,
        counted=len(known),
        left_out=len(reasons),
        reasons=reasons,
    )
