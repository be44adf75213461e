"""Quarter-end scores: key results in tenths, objectives by their goal type, and the bands.

- A key result is scored from 0.0 to 1.0 in steps of a tenth. The measured progress,
  rounded to the nearest tenth, is offered as the score; the room may change it.
- A committed objective scores 1.0 when every key result was fully delivered (1.0), and
  0 otherwise: it was either met or not.
- An aspirational objective scores the average of its key results. About 0.7 is a good
  result for a stretch goal; one that lands at 1.0 was probably not stretching enough.
- Bands, as the first source document sets them: red from 0.0 to 0.4 (no real progress),
  orange from 0.5 to 0.6 (progress, but short of the goal), green from 0.7 to 1.0 (the
  goal was delivered). A value between two tenths (an average such as 0.45) is placed by
  rounding it to the nearest tenth, halves upwards. Each band has words as well as a
  colour name, so a greyscale print still says which band a score is in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from workshop.core.domain import GoalType
from workshop.core.okr.errors import OKRInputError
from workshop.core.okr.numbers import format_number
from workshop.core.okr.progress import Progress

GOOD_ASPIRATIONAL_SCORE = 0.7


def round_to_tenth(value: float) -> float:
    """The nearest tenth, halves rounded up (0.45 -> 0.5, 0.44 -> 0.4)."""
    # round(…, 9) first so that 0.45 computed as 0.44999999999999996 still goes up.
    exact = Decimal(repr(round(value, 9))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return float(exact)


def _round_to_hundredth(value: float) -> float:
    exact = Decimal(repr(round(value, 9))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return float(exact)


def score_text(score: float) -> str:
    """A score as printed: 0.0, 0.7, 1.0, 0.75."""
    return f"{score:.1f}" if round_to_tenth(score) == score else f"{score:.2f}"


class Band(StrEnum):
    RED = "red"
    ORANGE = "orange"
    GREEN = "green"


@dataclass(frozen=True)
class BandInfo:
    """What a band means, in words and as a colour."""

    band: Band
    low: float  # the lowest score in the band, in tenths
    high: float  # the highest
    words: str  # what a score in this band says, without the colour

    @property
    def colour(self) -> str:
        return self.band.value

    @property
    def range_text(self) -> str:
        return f"{self.low:.1f} to {self.high:.1f}"

    @property
    def label(self) -> str:
        """The colour name and the words: "green: the goal was delivered"."""
        return f"{self.colour}: {self.words}"


BANDS: tuple[BandInfo, ...] = (
    BandInfo(Band.RED, 0.0, 0.4, "no real progress"),
    BandInfo(Band.ORANGE, 0.5, 0.6, "progress, but short of the goal"),
    BandInfo(Band.GREEN, 0.7, 1.0, "the goal was delivered"),
)


def score_problem(raw: object) -> str | None:
    """The sentence saying why `raw` is not a key result score, or None when it is one."""
    value: object = raw
    if isinstance(raw, str):
        text = raw.strip()
        if not text:
            return "Give a score from 0.0 to 1.0."
        try:
            value = float(text)
        except ValueError:
            return f"A score is a number from 0.0 to 1.0; “{text}” is not one."
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"A score is a number from 0.0 to 1.0; {raw!r} is not one."
    number = float(value)
    if not 0.0 <= number <= 1.0:
        return f"A score goes from 0.0 to 1.0; {format_number(number)} is outside that range."
    if abs(number * 10 - round(number * 10)) > 1e-9:
        return (
            f"A score goes up in tenths (0.0, 0.1, … 1.0); "
            f"{format_number(number)} is between two of them."
        )
    return None


def band_of(score: float) -> BandInfo:
    """The band of a score from 0 to 1 (values between tenths are rounded first)."""
    if not 0.0 <= score <= 1.0:
        raise ValueError(f"A score goes from 0.0 to 1.0; {format_number(score)} is not in it.")
    tenth = round_to_tenth(score)
    for info in BANDS:
        if tenth <= info.high:
            return info
    return BANDS[-1]  # pragma: no cover - 1.0 is the top of the last band


def describe_score(score: float) -> str:
    """A score with its band in words and colour, readable in greyscale:
    "0.7, green: the goal was delivered"."""
    return f"{score_text(score)}, {band_of(score).label}"


def suggested_score(progress: Progress) -> float | None:
    """The measured progress rounded to the nearest tenth; None when there is no progress."""
    return None if progress.value is None else round_to_tenth(progress.value)


class KeyResultScore(BaseModel):
    """A key result's score at the end of the period, and the score the measurements suggested."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    score: float
    suggested: float | None = None  # None when progress could not be measured
    why_no_suggestion: str = ""  # the progress reason when suggested is None

    @field_validator("score", "suggested", mode="before")
    @classmethod
    def _in_tenths(cls, raw: Any) -> Any:
        if raw is None:
            return raw
        problem = score_problem(raw)
        if problem:
            raise ValueError(problem)
        return round_to_tenth(float(raw))

    @property
    def adjusted(self) -> bool:
        """True when the room changed the suggested score."""
        return self.suggested is not None and self.score != self.suggested

    @property
    def band(self) -> BandInfo:
        return band_of(self.score)

    @property
    def description(self) -> str:
        return describe_score(self.score)


def score_key_result(progress: Progress, chosen: float | str | None = None) -> KeyResultScore:
    """The key result's score: `chosen` when given, else the suggestion from its progress.

    Raises OKRInputError when `chosen` is not a tenth from 0 to 1, or when nothing is chosen
    and progress could not be measured (the sentence then says why).
    """
    suggestion = suggested_score(progress)
    if chosen is None or (isinstance(chosen, str) and not chosen.strip()):
        if suggestion is None:
            raise OKRInputError(
                [f"{progress.reason} Give this key result a score from 0.0 to 1.0 by hand."]
            )
        chosen = suggestion
    problem = score_problem(chosen)
    if problem:
        raise OKRInputError([problem])
    return KeyResultScore(
        score=float(chosen),
        suggested=suggestion,
        why_no_suggestion=progress.reason if suggestion is None else "",
    )


class ObjectiveScore(BaseModel):
    """An objective's score by the rule of its goal type, and a sentence explaining it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    goal_type: GoalType
    score: float | None  # None when no key result has been scored
    key_results: int = 0
    explanation: str = ""

    @property
    def band(self) -> BandInfo | None:
        return None if self.score is None else band_of(self.score)

    @property
    def description(self) -> str:
        return "not scored" if self.score is None else describe_score(self.score)


def score_objective(goal_type: GoalType, key_result_scores: Sequence[float]) -> ObjectiveScore:
    """Score an objective from its key results' scores (each a tenth from 0 to 1)."""
    problems = [p for p in (score_problem(s) for s in key_result_scores) if p]
    if problems:
        raise OKRInputError(problems)
    scores = [round_to_tenth(float(s)) for s in key_result_scores]
    n = len(scores)
    if n == 0:
        return ObjectiveScore(
            goal_type=goal_type,
            score=None,
            explanation="None of its key results has a score yet, so the objective has none.",
        )
    if goal_type is GoalType.COMMITTED:
        short = sum(1 for s in scores if s < 1.0)
        if short == 0:
            explanation = (
                "Every key result was fully delivered, so this committed objective scores 1.0."
            )
        else:
            explanation = (
                f"{short} of its {n} key results fell short of 1.0; a committed objective "
                "is either met or not, so it scores 0."
            )
        return ObjectiveScore(
            goal_type=goal_type,
            score=1.0 if short == 0 else 0.0,
            key_results=n,
            explanation=explanation,
        )
    mean = _round_to_hundredth(sum(scores) / n)
    base = "The average of its key result." if n == 1 else f"The average of its {n} key results."
    if mean >= 1.0:
        verdict = (
            " Everything was delivered; a stretch goal that lands at 1.0 may have been set too low."
        )
    elif round_to_tenth(mean) >= GOOD_ASPIRATIONAL_SCORE:
        verdict = " About 0.7 is a good result for a stretch goal, and this reaches it."
    else:
        verdict = " About 0.7 is a good result for a stretch goal; this is below it."
    return ObjectiveScore(
        goal_type=goal_type, score=mean, key_results=n, explanation=base + verdict
    )
