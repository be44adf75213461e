"""The quarter as the screens and the exports show it: lines, pictures and the scorecard.

Pure data and plain text, no Textual: the terminal draws these lines with colour, the
Markdown writes them as they are, and the PDF draws the same series as SVG.

- `key_result_lines`: every key result with its latest check-in, progress and the series
  of its progress at each check-in of the period (the picture of the quarter).
- `sparkline` / `bar`: that series and one value as block characters, readable on a
  projector and in greyscale (the height and length carry the meaning, not the colour).
- `scorecard`: each objective's key result scores and its own score by its goal type,
  with the band in words as well as the colour name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from workshop.core.domain import GoalType, KeyResult, KeyResultKind, Workshop
from workshop.core.okr.checkins import CheckIn, CheckInLog
from workshop.core.okr.meetings import QuarterEndRecord, following_moves
from workshop.core.okr.ordering import discussion_items, discussion_order
from workshop.core.okr.progress import Progress, key_result_progress, objective_progress
from workshop.core.okr.scoring import (
    Band,
    BandInfo,
    ObjectiveScore,
    band_of,
    round_to_tenth,
    score_objective,
    score_text,
    suggested_score,
)

_LEVELS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float | None]) -> str:
    """One block per value from 0 to 1 (▁ low, █ complete); · where there is no value."""
    out = []
    for value in values:
        if value is None:
            out.append("·")
        else:
            clamped = min(1.0, max(0.0, value))
            out.append(_LEVELS[min(len(_LEVELS) - 1, int(clamped * len(_LEVELS)))])
    return "".join(out)


def bar(value: float | None, width: int = 10) -> str:
    """A bar of `width` cells: █ for progress made, ░ for the rest; blank dots when unknown."""
    if value is None:
        return "·" * width
    filled = round(min(1.0, max(0.0, value)) * width)
    return "█" * filled + "░" * (width - filled)


def percent_text(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def key_result_label(kr: KeyResult) -> str:
    """The key result's wording, or its numbers when it has no words yet."""
    if kr.text.strip():
        return kr.text
    if kr.kind is KeyResultKind.MILESTONE:
        return "(a milestone without a name)"
    return f"from {kr.start or '?'} to {kr.target or '?'} {kr.unit}".strip()


@dataclass(frozen=True)
class KeyResultLine:
    """One key result as the quarter saw it."""

    objective_index: int
    key_result_index: int
    key_result: KeyResult
    latest: CheckIn | None
    progress: Progress
    # (date, progress at that check-in; None when it could not be measured)
    series: list[tuple[dt.date, float | None]] = field(default_factory=list)

    @property
    def confidence(self) -> int | None:
        return None if self.latest is None else self.latest.confidence

    @property
    def picture(self) -> str:
        return sparkline([value for _day, value in self.series])

    @property
    def number(self) -> str:
        """ "1.2": objective 1, key result 2."""
        return f"{self.objective_index + 1}.{self.key_result_index + 1}"


def key_result_lines(
    subject: Workshop, log: CheckInLog, *, riskiest_first: bool = False
) -> list[KeyResultLine]:
    """Every key result of the workshop, in written order (or the check-in's order)."""
    order = [
        (o, k) for o, obj in enumerate(subject.objectives) for k in range(len(obj.key_results))
    ]
    if riskiest_first:
        order = [
            (i.objective_index, i.key_result_index)
            for i in discussion_order(discussion_items(subject, log))
        ]
    lines = []
    for o, k in order:
        kr = subject.objectives[o].key_results[k]
        history = log.history(o, k)
        series = [(c.date, key_result_progress(kr, c.value).value) for c in history.check_ins]
        latest = history.latest
        lines.append(
            KeyResultLine(
                objective_index=o,
                key_result_index=k,
                key_result=kr,
                latest=latest,
                progress=key_result_progress(kr, latest.value if latest else None),
                series=series,
            )
        )
    return lines


def objective_progress_values(subject: Workshop, log: CheckInLog) -> list[float | None]:
    """Each objective's mean progress from its key results' latest check-ins."""
    values = []
    for o, objective in enumerate(subject.objectives):
        progresses = []
        for k, kr in enumerate(objective.key_results):
            latest = log.latest(o, k)
            progresses.append(key_result_progress(kr, latest.value if latest else None))
        values.append(objective_progress(progresses).value)
    return values


# -- the scorecard -------------------------------------------------------------------


@dataclass(frozen=True)
class ScoredKeyResult:
    line: KeyResultLine
    score: float | None  # as the room set it; None when not scored
    suggested: float | None

    @property
    def band(self) -> BandInfo | None:
        return None if self.score is None else band_of(self.score)

    @property
    def score_label(self) -> str:
        return "not scored" if self.score is None else score_text(self.score)


@dataclass(frozen=True)
class ScoredObjective:
    objective_index: int
    text: str
    goal_type: GoalType
    key_results: list[ScoredKeyResult]
    score: ObjectiveScore


def scorecard(
    subject: Workshop, log: CheckInLog, record: QuarterEndRecord
) -> list[ScoredObjective]:
    """Each objective with its key results' scores (suggested from measured progress), each
    score with its key result where it is now (`following_moves`)."""
    record = following_moves(subject, record)
    lines = key_result_lines(subject, log)
    out = []
    for o, objective in enumerate(subject.objectives):
        scored = []
        for line in (ln for ln in lines if ln.objective_index == o):
            scored.append(
                ScoredKeyResult(
                    line=line,
                    score=record.score(o, line.key_result_index),
                    suggested=suggested_score(line.progress),
                )
            )
        given = [s.score for s in scored if s.score is not None]
        # An objective is scored once every key result has a score.
        score = score_objective(objective.goal_type, given if len(given) == len(scored) else [])
        out.append(ScoredObjective(o, objective.text, objective.goal_type, scored, score))
    return out


# Mid-quarter, a band says how far along a key result is, not whether it was delivered.
_PROGRESS_WORDS = {
    Band.RED: "less than half way",
    Band.ORANGE: "about half way",
    Band.GREEN: "most of the way there",
}


def progress_words(value: float) -> str:
    """ "GREEN · most of the way there": a check-in's progress (0 to 1, or past it) by band."""
    band = band_of(min(max(round_to_tenth(value), 0.0), 1.0))
    words = "target reached" if value >= 1.0 else _PROGRESS_WORDS[band.band]
    return f"{band.colour.upper()} · {words}"


def band_words(score: float | None) -> str:
    """ "GREEN · the goal was delivered": the band's name and meaning, for greyscale."""
    if score is None:
        return "not scored"
    band = band_of(score)
    return f"{band.colour.upper()} · {band.words}"
