"""The bottom-up alignment review's record and lines: pure logic."""

from __future__ import annotations

from workshop.core.org.alignment import (
    CompanyKeyResult,
    CompanyObjective,
    Organisation,
    Team,
    TeamObjective,
    align,
)
from workshop.core.org.review import AlignmentReviewRecord, read_record, review_lines, tallies

ORG = Organisation(
    company_id=1,
    name="Acme",
    objectives=(CompanyObjective(10, "Grow", (CompanyKeyResult(11, "Open Spain"),)),),
    teams=(
        Team(
            2,
            "Red",
            objectives=(
                TeamObjective(21, "Sell in Spain", company_key_result_id=11),
                TeamObjective(22, "Our own thing"),
            ),
        ),
        Team(3, "Blue", objectives=(TeamObjective(31, "Grow faster", company_objective_id=10),)),
    ),
)


def test_every_team_objective_is_a_line_with_what_it_aligns_to():
    lines = review_lines(align(ORG), AlignmentReviewRecord())
    assert [(line.team.name, line.objective.text, line.aligned_to) for line in lines] == [
        ("Red", "Sell in Spain", "KR 1.1: Open Spain"),
        ("Red", "Our own thing", ""),
        ("Blue", "Grow faster", "objective 1: Grow"),
    ]
    assert {line.verdict for line in lines} == {None}


def test_the_verdict_goes_round_and_notes_are_kept_apart():
    record = AlignmentReviewRecord().next_verdict(21)
    assert record.entry(21).verdict == "agreed"
    record = record.next_verdict(21).with_note(21, "Too broad: name the cities")
    assert (record.entry(21).verdict, record.entry(21).note) == (
        "challenged",
        "Too broad: name the cities",
    )
    record = record.next_verdict(22)
    assert record.next_verdict(21).entry(21).verdict is None  # round again: not discussed
    again = read_record(record.model_dump_json())
    assert again == record
    lines = review_lines(align(ORG), again)
    assert [(t.team.name, t.agreed, t.challenged, t.open) for t in tallies(lines)] == [
        ("Red", 1, 1, 0),
        ("Blue", 0, 0, 1),
    ]


def test_an_empty_or_damaged_record_starts_afresh():
    assert read_record("") == AlignmentReviewRecord()
    assert read_record('{"entries": [{"objective_id": "x"}]}') == AlignmentReviewRecord()
