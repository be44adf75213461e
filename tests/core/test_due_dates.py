"""A next step's due date as a room says it (workshop.core.okr.due_dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from workshop.core.okr.cadence import EntryError
from workshop.core.okr.due_dates import HOW_TO_TYPE, parse_due

TODAY = dt.date(2027, 1, 6)  # a Wednesday


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2027-01-15", dt.date(2027, 1, 15)),
        ("  2027-1-15 ", dt.date(2027, 1, 15)),
        ("today", TODAY),
        ("Tomorrow", dt.date(2027, 1, 7)),
        ("Fri", dt.date(2027, 1, 8)),
        ("friday", dt.date(2027, 1, 8)),
        ("next Friday", dt.date(2027, 1, 8)),
        ("Mon", dt.date(2027, 1, 11)),
        ("Wed", dt.date(2027, 1, 13)),  # said on a Wednesday: next week's
        ("this Wednesday", TODAY),
        ("in 2 weeks", dt.date(2027, 1, 20)),
        ("in 10 days", dt.date(2027, 1, 16)),
        ("+3d", dt.date(2027, 1, 9)),
        ("+1w", dt.date(2027, 1, 13)),
        ("15 Jan", dt.date(2027, 1, 15)),
        ("15th January", dt.date(2027, 1, 15)),
        ("Jan 15", dt.date(2027, 1, 15)),
        ("March 3, 2027", dt.date(2027, 3, 3)),
        ("2 Jan", dt.date(2028, 1, 2)),  # this year's has gone: next year's
        ("Fri 15 Jan 2027", dt.date(2027, 1, 15)),  # as the app shows a due date
        ("Sat 15 Jan 2027", dt.date(2027, 1, 15)),  # the date wins over the weekday
    ],
)
def test_what_a_room_says_is_read(typed: str, expected: dt.date) -> None:
    assert parse_due(typed, TODAY) == expected


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", HOW_TO_TYPE),
        ("soon", HOW_TO_TYPE),
        ("15/01/2027", HOW_TO_TYPE),
        ("Frieday", HOW_TO_TYPE),
        ("2027-02-30", "February 2027 has days 01 to 28, not 30."),
        ("2027-13-01", "There is no month 13"),
        ("30 Feb", "February has no day 30"),
        ("2027-01-05", "Tue 5 Jan 2027 has passed"),
        ("5 Jan 2027", "has passed"),
        ("2035-01-01", "is years away"),
    ],
)
def test_a_bad_date_is_one_line_saying_what_to_type(typed: str, says: str) -> None:
    with pytest.raises(EntryError) as caught:
        parse_due(typed, TODAY)
    message = str(caught.value)
    assert says in message
    assert "\n" not in message
