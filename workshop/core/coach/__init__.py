"""The OKR coach: deterministic, offline rules that say what an OKR expert would say.

Judge a draft while the room types (`judge_objective`, `judge_key_result`), the shape of
the whole set (`judge_counts`), or a full workshop (`review_workshop`, `format_report`).
No Textual here: the screens call these functions and render the findings.
"""

from workshop.core.coach.counts import judge_counts
from workshop.core.coach.findings import Finding, Severity, verdict
from workshop.core.coach.key_result import judge_key_result
from workshop.core.coach.objective import judge_objective
from workshop.core.coach.review import (
    KeyResultReview,
    ObjectiveReview,
    WorkshopReview,
    format_report,
    review_workshop,
)

__all__ = [
    "Finding",
    "KeyResultReview",
    "ObjectiveReview",
    "Severity",
    "WorkshopReview",
    "format_report",
    "judge_counts",
    "judge_key_result",
    "judge_objective",
    "review_workshop",
    "verdict",
]
