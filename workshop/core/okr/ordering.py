"""The order in which a check-in goes through the key results.

Owners update their key results before the meeting, so the meeting can spend its time on
what is behind or at risk: lowest confidence first, then least progress, then the order
the key results were written in. A key result nobody has checked in yet counts at the
starting confidence (5); one whose progress cannot be worked out (a "TBD" target, no
value) comes before those with progress at the same confidence, since it needs the room
most.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workshop.core.domain import Workshop
from workshop.core.okr.checkins import DEFAULT_CONFIDENCE, CheckInLog
from workshop.core.okr.progress import Progress, key_result_progress


@dataclass(frozen=True)
class DiscussionItem:
    """One key result as the check-in ordering sees it."""

    objective_index: int
    key_result_index: int
    confidence: int | None  # None: no check-in yet
    progress: float | None  # None: progress cannot be worked out


def _key(item: DiscussionItem) -> tuple[int, float]:
    confidence = DEFAULT_CONFIDENCE if item.confidence is None else item.confidence
    progress = -1.0 if item.progress is None else item.progress
    return (confidence, progress)


def discussion_order(items: Sequence[DiscussionItem]) -> list[DiscussionItem]:
    """Lowest confidence first, then least progress, then the original order (a stable sort)."""
    return sorted(items, key=_key)


def discussion_items(workshop: Workshop, log: CheckInLog) -> list[DiscussionItem]:
    """Every key result of the workshop, in written order, with its latest confidence and
    progress from the log."""
    items: list[DiscussionItem] = []
    for o, objective in enumerate(workshop.objectives):
        for k, kr in enumerate(objective.key_results):
            latest = log.latest(o, k)
            progress: Progress = key_result_progress(kr, latest.value if latest else None)
            items.append(
                DiscussionItem(
                    objective_index=o,
                    key_result_index=k,
                    confidence=latest.confidence if latest else None,
                    progress=progress.value,
                )
            )
    return items
