"""Check-ins: kept in date order with the previous value, never overwritten; bad input as
one sentence per problem, with nothing built."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pydantic import ValidationError

from workshop.core.domain import KeyResult, KeyResultKind, Objective, Workshop
from workshop.core.okr.checkins import (
    CheckIn,
    CheckInLog,
    KeyResultHistory,
    confidence_problem,
    record_check_in,
)
from workshop.core.okr.errors import OKRInputError, sentences

JAN_12 = dt.date(2027, 1, 12)
FEB_9 = dt.date(2027, 2, 9)
MAR_9 = dt.date(2027, 3, 9)

RESPONSE = KeyResult(text="Cut response time", start="72 hours", target="<24 hours")
PLAN = KeyResult(text="Ship the action plan", kind=KeyResultKind.MILESTONE)


def quarter_workshop() -> Workshop:
    return Workshop(
        team="Customer Success",
        period="2027-Q1",
        objectives=[
            Objective(text="Win back at-risk customers", key_results=[RESPONSE, PLAN]),
        ],
    )


def empty() -> KeyResultHistory:
    return KeyResultHistory(objective_index=0, key_result_index=0)


def test_check_in_keeps_everything_and_defaults_confidence_to_5() -> None:
    history = record_check_in(
        empty(),
        RESPONSE,
        "2027-Q1",
        date=JAN_12,
        entered_by="Nick",
        value="60 hours",
        note="New rota live",
        blocker="Two people on leave",
        next_step="Hire a contractor",
    )
    entry = history.latest
    assert entry == CheckIn(
        date=JAN_12,
        entered_by="Nick",
        value="60 hours",
        confidence=5,
        note="New rota live",
        blocker="Two people on leave",
        next_step="Hire a contractor",
        previous_value=None,
    )


def test_history_only_appends_and_keeps_the_previous_value() -> None:
    first = record_check_in(
        empty(), RESPONSE, "2027-Q1", date=JAN_12, entered_by="Nick", value="60 hours"
    )
    second = record_check_in(
        first, RESPONSE, "2027-Q1", date=FEB_9, entered_by="Jane", value="40 hours", confidence=7
    )
    third = record_check_in(
        second, RESPONSE, "2027-Q1", date=MAR_9, entered_by="Nick", value="30 hours", confidence="8"
    )
    assert [c.value for c in third.check_ins] == ["60 hours", "40 hours", "30 hours"]
    assert [c.previous_value for c in third.check_ins] == [None, "60 hours", "40 hours"]
    assert [c.confidence for c in third.check_ins] == [5, 7, 8]
    # The earlier histories are untouched values.
    assert len(first.check_ins) == 1
    assert len(second.check_ins) == 2
    assert third.check_ins[:2] == second.check_ins


def test_two_check_ins_on_one_day_are_both_kept() -> None:
    h = record_check_in(empty(), RESPONSE, "2027-Q1", date=JAN_12, entered_by="N", value="60")
    h = record_check_in(h, RESPONSE, "2027-Q1", date=JAN_12, entered_by="N", value="58")
    assert [c.value for c in h.check_ins] == ["60", "58"]


def test_check_ins_cannot_be_changed_in_place() -> None:
    h = record_check_in(empty(), RESPONSE, "2027-Q1", date=JAN_12, entered_by="N", value="60")
    with pytest.raises(ValidationError):
        h.check_ins[0].value = "10"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        h.check_ins = ()  # type: ignore[misc]


def test_milestone_values() -> None:
    h = record_check_in(empty(), PLAN, "2027-Q1", date=JAN_12, entered_by="N", value="not done")
    h = record_check_in(h, PLAN, "2027-Q1", date=FEB_9, entered_by="N", value="done")
    assert [c.value for c in h.check_ins] == ["not done", "done"]


# --- bad input ---------------------------------------------------------------------------


def _problems(**fields: object) -> tuple[str, ...]:
    base: dict[str, object] = {"date": JAN_12, "entered_by": "Nick", "value": "60 hours"}
    base.update(fields)
    kr = base.pop("kr", RESPONSE)
    history = base.pop("history", empty())
    with pytest.raises(OKRInputError) as caught:
        record_check_in(history, kr, "2027-Q1", **base)  # type: ignore[arg-type]
    return caught.value.problems


def test_a_value_that_is_not_a_number() -> None:
    assert _problems(value="about sixty") == (
        "“about sixty” is not a number; enter the current value as one number, "
        "with a unit if you like (35%, 72 hours, 1,200).",
    )
    assert _problems(value="TBD")[0].startswith("“TBD” is not a number")
    assert _problems(value="  ") == ("Enter the current value of the key result.",)


def test_a_milestone_value_that_says_neither() -> None:
    assert _problems(kr=PLAN, value="mostly") == (
        "“mostly” does not say whether the milestone is done; write done or not done.",
    )
    assert _problems(kr=PLAN, value="") == ("Say whether the milestone is done or not done.",)


@pytest.mark.parametrize(
    ("confidence", "sentence"),
    [
        (11, "Confidence goes from 0 to 10; 11 is outside that range."),
        (-1, "Confidence goes from 0 to 10; -1 is outside that range."),
        ("12", "Confidence goes from 0 to 10; 12 is outside that range."),
        ("high", "Confidence is a whole number from 0 to 10; “high” is not one."),
        ("", "Give a confidence from 0 to 10."),
        (7.5, "Confidence is a whole number from 0 to 10; 7.5 is not one."),
    ],
)
def test_confidence_outside_0_to_10(confidence: object, sentence: str) -> None:
    assert _problems(confidence=confidence) == (sentence,)


@pytest.mark.parametrize("confidence", [0, 10, "0", " 10 "])
def test_confidence_at_the_ends(confidence: object) -> None:
    assert confidence_problem(confidence) is None


def test_a_date_outside_the_period() -> None:
    assert _problems(date=dt.date(2027, 4, 1)) == (
        "1 April 2027 is outside the period 2027-Q1, which runs from 1 January 2027 "
        "to 31 March 2027.",
    )
    assert _problems(date=dt.date(2026, 12, 31))[0].startswith("31 December 2026 is outside")


def test_a_date_before_the_last_check_in() -> None:
    h = record_check_in(empty(), RESPONSE, "2027-Q1", date=FEB_9, entered_by="N", value="60")
    assert _problems(history=h, date=JAN_12) == (
        "12 January 2027 is before the last check-in, on 9 February 2027; "
        "check-ins are added in date order.",
    )


def test_every_problem_is_reported_at_once_and_nothing_is_built() -> None:
    problems = _problems(value="lots", confidence=42, date=dt.date(2027, 6, 1), entered_by=" ")
    assert len(problems) == 4
    assert problems[0] == "Say who entered this check-in."
    assert all(p.endswith(".") for p in problems)


def test_an_unreadable_period_does_not_judge_dates() -> None:
    h = record_check_in(
        empty(), RESPONSE, "the spring push", date=JAN_12, entered_by="N", value="1"
    )
    assert h.latest is not None


def test_the_model_says_the_same_sentences() -> None:
    with pytest.raises(ValidationError) as caught:
        CheckIn(date=JAN_12, entered_by="", value="1", confidence=11)
    assert sentences(caught.value) == [
        "Say who entered this check-in.",
        "Confidence goes from 0 to 10; 11 is outside that range.",
    ]


def test_a_tampered_history_is_refused() -> None:
    one = CheckIn(date=JAN_12, entered_by="N", value="60")
    two = CheckIn(date=FEB_9, entered_by="N", value="50", previous_value="99")
    with pytest.raises(ValidationError) as caught:
        KeyResultHistory(objective_index=0, key_result_index=0, check_ins=(one, two))
    assert sentences(caught.value) == [
        "The check-in of 9 February 2027 names “99” as the previous value, "
        "but the one before it recorded “60”."
    ]
    late = CheckIn(date=dt.date(2027, 1, 1), entered_by="N", value="50", previous_value="60")
    with pytest.raises(ValidationError, match="cannot follow"):
        KeyResultHistory(objective_index=0, key_result_index=0, check_ins=(one, late))
    with pytest.raises(ValidationError, match="first check-in"):
        KeyResultHistory(objective_index=0, key_result_index=0, check_ins=(two,))


def test_sentences_fall_back_to_the_field_and_pydantic_message() -> None:
    with pytest.raises(ValidationError) as caught:
        CheckIn.model_validate({"date": "not a date", "entered_by": "N", "value": "1"})
    [sentence] = sentences(caught.value)
    assert sentence.startswith("date: ")
    assert sentence.endswith(".")


# --- the log of a workshop -------------------------------------------------------------------


def test_the_log_records_per_key_result_and_round_trips_exactly() -> None:
    workshop = quarter_workshop()
    log = CheckInLog()
    log = log.record(workshop, 0, 1, date=JAN_12, entered_by="Jane", value="not done")
    log = log.record(workshop, 0, 0, date=JAN_12, entered_by="Nick", value="60 hours")
    log = log.record(workshop, 0, 0, date=FEB_9, entered_by="Nick", value="45 hours", confidence=6)
    assert [(h.objective_index, h.key_result_index) for h in log.histories] == [(0, 0), (0, 1)]
    assert log.latest(0, 0) is not None and log.latest(0, 0).value == "45 hours"  # type: ignore[union-attr]
    assert log.latest(1, 0) is None
    text = json.dumps(log.model_dump(mode="json"))
    assert CheckInLog.model_validate(json.loads(text)) == log


def test_the_log_refuses_a_missing_key_result_and_stores_nothing() -> None:
    workshop = quarter_workshop()
    log = CheckInLog().record(workshop, 0, 0, date=JAN_12, entered_by="Nick", value="60")
    with pytest.raises(OKRInputError) as caught:
        log.record(workshop, 0, 5, date=FEB_9, entered_by="Nick", value="50")
    assert caught.value.problems == ("There is no key result 6 in objective 1.",)
    with pytest.raises(OKRInputError):
        log.record(workshop, -1, 0, date=FEB_9, entered_by="Nick", value="50")
    with pytest.raises(OKRInputError):
        log.record(workshop, 0, 0, date=FEB_9, entered_by="Nick", value="fifty")
    assert len(log.history(0, 0).check_ins) == 1


def test_the_log_keeps_one_history_per_key_result() -> None:
    h = KeyResultHistory(objective_index=0, key_result_index=0)
    with pytest.raises(ValidationError, match="two histories"):
        CheckInLog(histories=(h, h))
