"""A next step's due date as a room says it: "Fri", "next Friday", "15 Jan", "in 2 weeks".

The facilitator types what the room agreed; `parse_due` turns it into a date counted from
`today` (the workshop's own day), or raises `EntryError` with one line saying what to type.
"2027-01-15" is read as everywhere else in the app (`workshop.core.okr.cadence.parse_date`).
A day that has already passed is refused: a next step is due from today on.
"""

from __future__ import annotations

import datetime as dt
import re

from workshop.core.okr.cadence import MONTHS, WEEKDAYS, EntryError, parse_date, short_date

HOW_TO_TYPE = "Type the due date as 2027-01-15, Fri, 15 Jan or in 2 weeks."

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_IN = re.compile(r"(?:in\s+|\+\s*)(\d{1,3})\s*(d|days?|w|wks?|weeks?)", re.IGNORECASE)
_WEEKDAY = re.compile(r"(?:(next|this)\s+)?([a-z]{3,9})\.?", re.IGNORECASE)
# An optional weekday in front ("Fri 15 Jan 2027", as the app shows a date) is not checked:
# the date wins, and the app shows its real weekday back.
_DAY_MONTH = re.compile(
    r"(?:[a-z]{3,9}\.?,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?(?:\s+(\d{4}))?", re.I
)
_MONTH_DAY = re.compile(r"([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?", re.I)
_LONGEST_AHEAD = dt.timedelta(days=3 * 366)  # further than this is a typo, not a plan


def parse_due(text: str, today: dt.date) -> dt.date:
    """The day `text` names, on or after `today`; EntryError saying what to type if not."""
    words = " ".join(text.split()).lower()
    if not words:
        raise EntryError(HOW_TO_TYPE)
    day = _read(words, today)
    if day < today:
        raise EntryError(
            f"{short_date(day, year=True)} has passed: a next step is due today or later."
        )
    if day - today > _LONGEST_AHEAD:
        raise EntryError(f"{short_date(day, year=True)} is years away. {HOW_TO_TYPE}")
    return day


def _read(words: str, today: dt.date) -> dt.date:
    if m := _ISO.fullmatch(words):
        year, month, day = m.groups()
        return parse_date(f"{year}-{month:0>2}-{day:0>2}")
    if words == "today":
        return today
    if words == "tomorrow":
        return today + dt.timedelta(days=1)
    if m := _IN.fullmatch(words):
        count = int(m[1])
        return today + dt.timedelta(days=count * 7 if m[2].startswith("w") else count)
    if (m := _WEEKDAY.fullmatch(words)) and (weekday := _weekday(m[2])) is not None:
        # The coming one; "Fri" said on a Friday means next week's ("this Fri": today).
        ahead = (weekday - today.weekday()) % 7
        if ahead == 0 and m[1] != "this":
            ahead = 7
        return today + dt.timedelta(days=ahead)
    if m := _DAY_MONTH.fullmatch(words):
        return _day_in_month(int(m[1]), m[2], m[3], today)
    if m := _MONTH_DAY.fullmatch(words):
        return _day_in_month(int(m[2]), m[1], m[3], today)
    raise EntryError(HOW_TO_TYPE)


def _weekday(word: str) -> int | None:
    return next(
        (i for i, name in enumerate(WEEKDAYS) if name.lower().startswith(word) and len(word) >= 3),
        None,
    )


def _month(word: str) -> int | None:
    return next(
        (i + 1 for i, name in enumerate(MONTHS) if name.lower().startswith(word)),
        None,
    )


def _day_in_month(day: int, month_word: str, year_text: str | None, today: dt.date) -> dt.date:
    """ "15 Jan": this year's, or next year's once this year's has gone."""
    month = _month(month_word) if len(month_word) >= 3 else None
    if month is None:
        raise EntryError(HOW_TO_TYPE)
    year = int(year_text) if year_text else today.year
    try:
        found = dt.date(year, month, day)
    except ValueError:
        raise EntryError(f"{MONTHS[month - 1]} has no day {day}. {HOW_TO_TYPE}") from None
    if not year_text and found < today:
        try:
            found = dt.date(year + 1, month, day)
        except ValueError:  # 29 February
            raise EntryError(f"{MONTHS[month - 1]} has no day {day} next year.") from None
    return found
