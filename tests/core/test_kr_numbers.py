"""Reading from, to and unit out of a key result's sentence (workshop.core.okr.kr_numbers)."""

from __future__ import annotations

import pytest

from workshop.core.okr.kr_numbers import KRNumbers, suggest_numbers


def offered(text: str) -> tuple[str, str, str] | None:
    found = suggest_numbers(text)
    return None if found is None else (found.start, found.target, found.unit)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The issue's own examples.
        ("Cut churn from 8% to 3%", ("8", "3", "%")),
        ("Grow weekly active users from 1,200 to 2,000", ("1,200", "2,000", "weekly active users")),
        ("Reduce average handling time from 9 hours to 2 hours", ("9", "2", "hours")),
        # A unit on one side only, or short units.
        ("Cut first reply time from 48 h to 8 h", ("48", "8", "h")),
        ("Lift the app rating from 4.2 to 4.6 stars", ("4.2", "4.6", "stars")),
        ("Reduce handling time from 9 hours to 2", ("9", "2", "hours")),
        # Words for per cent, and "down to".
        ("Cut churn from 8 percent down to 3 percent in Q1", ("8", "3", "%")),
        # Thousands separators, decimals, a decimal comma.
        ("Cut cost per ticket from 1,200.50 to 900.25 USD", ("1,200.50", "900.25", "USD")),
        ("Raise the score from 3,5 to 4,2", ("3,5", "4,2", "score")),
        ("Grow sign-ups from 12,000 to 1,250,000", ("12,000", "1,250,000", "sign-ups")),
        # Currencies, before the number, with k and M.
        ("Grow MRR from €40k to €55k by March", ("40k", "55k", "€")),
        ("Grow revenue from $1.2M to $2M", ("1.2M", "2M", "$")),
        ("Cut cloud spend from £8,000 to £6,500 a month", ("8,000", "6,500", "£ a month")),
        # Nothing on the numbers: the thing measured, without "the number of".
        ("Increase the number of paying customers from 40 to 60", ("40", "60", "paying customers")),
        ("Weekly active users from 1,200 to 2,000", ("1,200", "2,000", "Weekly active users")),
        # A rate alone names what is counted.
        ("Reduce incidents from 12 a month to 4 a month", ("12", "4", "incidents a month")),
        # What follows the target is not its unit.
        ("Reduce onboarding from 14 days to 7 days, for enterprise customers", ("14", "7", "days")),
        ("Cut wait time from 10 min to 2 min by the end of March", ("10", "2", "min")),
        ("Answer chats from <48 h to <8 h", ("<48", "<8", "h")),
        ("Reduce time to answer from 8%→3%", ("8", "3", "%")),
        # "from X to Y" after another "from" that is not a number.
        (
            "Move support from email to chat, from 20% to 60% of tickets",
            ("20", "60", "% of tickets"),
        ),
    ],
)
def test_from_to_and_unit_are_read(sentence: str, expected: tuple[str, str, str]) -> None:
    assert offered(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Raise NPS from TBD to 45", ("TBD", "45", "NPS")),
        ("Raise CSAT from xx% to 85%", ("xx", "85", "%")),
        ("Grow repeat orders from ? to 300", ("?", "300", "repeat orders")),
        ("Cut churn from 8% to TBD", ("8", "TBD", "%")),
        ("Raise self-service from TBD% to 40%", ("TBD", "40", "%")),
    ],
)
def test_a_placeholder_side_is_kept_as_written(sentence: str, expected) -> None:
    found = suggest_numbers(sentence)
    assert found is not None
    assert (found.start, found.target, found.unit) == expected
    assert found.direction == ""  # no direction without two numbers


@pytest.mark.parametrize(
    "sentence",
    [
        "Launch the help centre",  # a milestone: no numbers at all
        "",
        "Hit 500 weekly users",  # a target without a start: the room fills in the start
        "Move support from email to chat",  # words, not numbers
        "Grow from TBD to TBD",  # nothing to fill in
        "Replace the old portal from 2025 to 2026",  # years
        "Roll out from Q1 to Q3",  # quarters
        "Upgrade the app from v2 to v3",  # versions
        "Reduce churn by 2 points",  # a change, not a start and a target
    ],
)
def test_nothing_is_offered_without_a_start_and_a_target(sentence: str) -> None:
    assert suggest_numbers(sentence) is None


def test_lower_is_better_is_recognised() -> None:
    churn = suggest_numbers("Cut churn from 8% to 3%")
    users = suggest_numbers("Grow weekly active users from 1,200 to 2,000")
    flat = suggest_numbers("Hold uptime from 99.9% to 99.9%")
    assert churn is not None and churn.direction == "down" and churn.lower_is_better
    assert users is not None and users.direction == "up" and not users.lower_is_better
    assert flat is not None and flat.direction == ""


def test_thousands_are_compared_as_numbers_not_text() -> None:
    # "1,200" to "950": text order would say up; the numbers go down.
    found = suggest_numbers("Cut open tickets from 1,200 to 950")
    assert found is not None and found.direction == "down"
    found = suggest_numbers("Grow revenue from €40k to €9,000")
    assert found is not None and found.direction == "down"


def test_differs_from_compares_with_the_fields_as_typed() -> None:
    found = KRNumbers("8", "3", "%", "down")
    assert not found.differs_from("8", " 3", "% ")
    assert found.differs_from("8", "2", "%")
    assert found.differs_from("", "", "")


def test_changes_leave_what_the_room_typed_when_it_says_the_same() -> None:
    found = suggest_numbers("Cut first reply time from 48 h to 8 h")
    assert found is not None
    assert found.changes("", "", "") == {"start": "48", "target": "8", "unit": "h"}
    # The same numbers written differently, and the room's own unit: nothing to offer.
    assert found.changes("48", "8.0", "hours") == {}
    assert found.changes("48h", "8", "") == {"unit": "h"}
    # A number that differs is offered; the room's unit stays.
    assert found.changes("48", "6", "hours") == {"target": "8"}
    users = suggest_numbers("Grow weekly active users from 1,200 to 2,000")
    assert users is not None and users.changes("1200", "2000", "WAU") == {}
    tbd = suggest_numbers("Raise NPS from TBD to 45")
    assert tbd is not None and tbd.changes("tbd", "40", "points") == {"target": "45"}
    assert KRNumbers("<8", "<4", "h").changes("8", "<4", "h") == {"start": "<8"}


def test_the_first_readable_span_wins() -> None:
    found = suggest_numbers("Cut churn from 8% to 3% and tickets from 400 to 250")
    assert found is not None and (found.start, found.target, found.unit) == ("8", "3", "%")
