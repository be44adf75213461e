"""Counts, the whole-workshop review, and the report the CLI prints."""

from __future__ import annotations

import json

from workshop.core.coach import (
    Severity,
    WorkshopReview,
    format_report,
    judge_counts,
    review_workshop,
)
from workshop.core.domain import KeyResult, Objective, Priority, Workshop

REGIONS = ["north", "south", "east", "west", "centre", "coast", "hills"]


def make(objectives: int = 3, krs: int = 3, priorities: int = 3) -> Workshop:
    return Workshop(
        team="Support",
        period="2027-Q1",
        priorities=[Priority(text=f"Priority {i}") for i in range(priorities)],
        objectives=[
            Objective(
                text=f"Make customers in the {REGIONS[i]} feel heard so they stay",
                key_results=[
                    KeyResult(text=f"Raise CSAT in the {REGIONS[i]} from {70 + k} to {80 + k}")
                    for k in range(krs)
                ],
            )
            for i in range(objectives)
        ],
    )


def by_rule(workshop: Workshop) -> dict[str, Severity]:
    return {f.rule: f.severity for f in judge_counts(workshop)}


def test_counts_in_range_say_nothing() -> None:
    assert judge_counts(make()) == []
    assert judge_counts(make(objectives=5, krs=5, priorities=5)) == []


def test_counts_priorities() -> None:
    assert by_rule(make(priorities=6)) == {"counts.priorities": Severity.SERIOUS}
    assert by_rule(make(priorities=2)) == {"counts.priorities": Severity.ADVICE}
    assert by_rule(make(priorities=0)) == {}  # not written yet


def test_counts_objectives() -> None:
    assert by_rule(make(objectives=6)) == {"counts.objectives": Severity.SERIOUS}
    assert by_rule(make(objectives=1)) == {"counts.objectives": Severity.ADVICE}


def test_counts_key_results() -> None:
    assert by_rule(make(krs=6)) == {"counts.key_results": Severity.SERIOUS}
    assert by_rule(make(krs=2)) == {"counts.key_results": Severity.ADVICE}
    assert by_rule(make(krs=0)) == {"counts.no_key_results": Severity.SERIOUS}
    messages = [f.message for f in judge_counts(make(objectives=3, krs=0))]
    assert messages[0].startswith("Objective 1 ")


def test_counts_skip_blank_rows() -> None:
    w = make()
    w.objectives.append(Objective(text="  "))
    w.objectives[0].key_results.append(KeyResult(text=""))
    w.priorities.append(Priority(text=""))
    assert judge_counts(w) == []


def test_review_workshop_structure() -> None:
    w = make(objectives=2, krs=2)
    w.objectives[1].key_results.append(KeyResult(text="Write a doc"))
    w.objectives[1].key_results.append(KeyResult(text="Raise CSAT in the south from 70 to 80"))
    review = review_workshop(w)
    assert isinstance(review, WorkshopReview)
    assert len(review.objectives) == 2
    assert [len(o.key_results) for o in review.objectives] == [2, 4]
    second = review.objectives[1]
    assert second.key_results[2].verdict == "poor"
    assert "kr.duplicate" in {f.rule for f in second.key_results[3].findings}
    assert "kr.duplicate" in {f.rule for f in second.key_results[0].findings}
    assert {f.rule for f in review.counts} == {"counts.objectives", "counts.key_results"}
    assert set(review.all_findings) >= set(review.counts)


def test_review_uses_the_workshop_period() -> None:
    w = make()
    w.objectives[0].key_results[0] = KeyResult(text="Raise CSAT from 70 to 80 by Q4 2027")
    review = review_workshop(w)
    assert "kr.period" in {f.rule for f in review.objectives[0].key_results[0].findings}


def test_json_report_is_one_record_per_statement() -> None:
    w = make(objectives=1, krs=1)
    w.objectives[0].key_results[0] = KeyResult(text="  KR1: Improve morale => meh ")
    lines = format_report(w, as_json=True).splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["kind"] for r in records] == ["objective", "key_result"]
    kr = records[1]
    assert set(kr) == {"kind", "text", "verdict", "findings"}
    assert kr["text"] == "  KR1: Improve morale => meh "  # verbatim
    assert kr["verdict"] == "poor"
    assert all(set(f) == {"rule", "severity", "message"} for f in kr["findings"])
    assert "kr.measurable" in {f["rule"] for f in kr["findings"]}
    assert {f["severity"] for f in kr["findings"]} <= {"info", "advice", "serious"}


def test_json_report_of_empty_workshop_is_empty() -> None:
    assert format_report(Workshop(), as_json=True) == ""


def test_text_report_groups_by_objective() -> None:
    w = make(objectives=2, krs=1)
    w.objectives[1].text = "Launch the app"
    text = format_report(w, as_json=False)
    assert "Objective 1 [good]" in text
    assert "Objective 2 [poor]: Launch the app" in text
    assert "KR 2.1 [good]" in text
    assert "[objective.task]" in text
    assert text.index("Objective 1") < text.index("Objective 2")
    assert "Counts" in text


def test_text_report_makes_control_characters_visible() -> None:
    w = make(objectives=1, krs=1)
    w.objectives[0].text = "Grow \x1b[31mred\x1b[0m reach so members stay"
    assert "\x1b" not in format_report(w, as_json=False)
