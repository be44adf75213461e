"""Scheduling rules for the review cadence, free of Textual so they are easy to test.

- `parse_date` / `parse_time` read what the facilitator types (YYYY-MM-DD, HH:MM)
  and raise `EntryError` with one line saying what to type instead.
- `quarter_end` reads a period such as "2027-Q1" and gives its last day.
- `series` / `quick_fill` turn "every Tuesday at 10:00 until the quarter ends"
  into meetings, with optional month-end reviews and a quarter-end scoring.

Rules chosen here, so the screens and the tests agree:
- A monthly series keeps the weekday and its place in the month (the 2nd Tuesday,
  ...); a month without a 5th such day gets its last one instead.
- Reviews and the scoring fall on the last working day (Monday to Friday) of the
  month or period, on or before its last day.
- A review or scoring takes the slot of a check-in at the same date and time, and
  the scoring replaces a month-end review on the same day.
- Meetings already in the schedule with the same date, time and kind are skipped.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from workshop.core.domain import MeetingKind

# Fixed English names, not the locale's: what is shown must not depend on the machine.
WEEKDAYS: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)  # Monday first, as date.weekday()
MONTHS: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DEFAULT_WEEKS = 12  # the length of a schedule when the period is not a quarter
DEFAULT_TIME = dt.time(10, 0)

# Exactly YYYY-MM-DD: a shorter form would let a half-typed "2027-02-3" save as the 3rd.
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_TIME = re.compile(r"(\d{1,2}):(\d{2})", re.ASCII)
# "2027-Q1", "2027 Q1", "Q1 2027", "Q1-2027", "q1/2027", "FY2027-Q1"
_QUARTER = re.compile(
    r"(?:fy)?(?P<y1>\d{4})\s*[-/ ]?\s*q(?P<q1>[1-4])"
    r"|q(?P<q2>[1-4])\s*[-/ ]?\s*(?:fy)?(?P<y2>\d{4})",
    re.IGNORECASE | re.ASCII,
)


class EntryError(ValueError):
    """A typed date or time that cannot be used; `str(error)` says what to type."""


class Interval(StrEnum):
    WEEKLY = "every week"
    FORTNIGHTLY = "every 2 weeks"
    MONTHLY = "every month"


@dataclass(frozen=True, order=True)
class Slot:
    """One meeting to schedule: the fields of an `Item.MEETING` row."""

    date: dt.date
    time: dt.time
    kind: MeetingKind = MeetingKind.CHECK_IN

    @property
    def key(self) -> tuple[dt.date, dt.time, MeetingKind]:
        return (self.date, self.time, self.kind)


# -- typed entries ------------------------------------------------------------


def parse_date(text: str) -> dt.date:
    """A date typed as YYYY-MM-DD, with both leading zeros."""
    match = _DATE.fullmatch(text.strip())
    if not match:
        raise EntryError("Type the date as YYYY-MM-DD, for example 2027-01-19.")
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        raise EntryError(f"There is no month {month}: months run from 01 to 12.")
    if year < 1900:
        raise EntryError(f"The year {year} looks like a typo.")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise EntryError(f"{MONTHS[month - 1]} {year} has days 01 to {last}, not {day:02}.")
    return dt.date(year, month, day)


def parse_time(text: str) -> dt.time:
    """A time typed as HH:MM on the 24-hour clock (H:MM also accepted)."""
    match = _TIME.fullmatch(text.strip())
    if not match:
        raise EntryError("Type the time as HH:MM on the 24-hour clock, for example 14:30.")
    hour, minute = (int(part) for part in match.groups())
    if hour > 23:
        raise EntryError(f"Hours run from 00 to 23, so {hour} will not do.")
    if minute > 59:
        raise EntryError(f"Minutes run from 00 to 59, so {minute} will not do.")
    return dt.time(hour, minute)


def format_date(day: dt.date) -> str:
    return day.isoformat()


def format_time(moment: dt.time) -> str:
    return f"{moment:%H:%M}"


def short_day(day: dt.date) -> str:
    """'Tue'."""
    return WEEKDAYS[day.weekday()][:3]


def short_date(day: dt.date, *, year: bool = False) -> str:
    """'Tue 19 Jan', or 'Tue 19 Jan 2027' with the year."""
    text = f"{short_day(day)} {day.day} {MONTHS[day.month - 1][:3]}"
    return f"{text} {day.year}" if year else text


def parse_weekday(text: str) -> int:
    """Monday=0 ... Sunday=6 from a name or its first three letters."""
    wanted = text.strip().lower()
    for index, name in enumerate(WEEKDAYS):
        if len(wanted) >= 3 and name.lower().startswith(wanted):
            return index
    raise EntryError("Type a weekday, for example Tuesday or Tue.")


def zone_of(name: str) -> dt.tzinfo:
    """The workshop's time zone, or UTC when the name is unknown (never an error)."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def local_moment(moment: dt.datetime, zone_name: str) -> dt.datetime:
    """A stored moment in the workshop's zone; a naive one is shown as it was entered."""
    return moment.astimezone(zone_of(zone_name)) if moment.tzinfo else moment


# -- periods ------------------------------------------------------------------


def quarter_bounds(period: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the quarter a period names ("2027-Q1"), else None."""
    match = _QUARTER.fullmatch(period.strip())
    if not match:
        return None
    year = int(match["y1"] or match["y2"])
    quarter = int(match["q1"] or match["q2"])
    first = dt.date(year, quarter * 3 - 2, 1)
    return first, month_end(year, quarter * 3)


def quarter_end(period: str) -> dt.date | None:
    """The last day of the quarter a period names ("2027-Q1" -> 2027-03-31), else None."""
    bounds = quarter_bounds(period)
    return bounds[1] if bounds else None


def default_start(period: str, today: dt.date) -> dt.date:
    """Where quick-fill starts: in the period, never before it.

    A quarter still to come starts on its first day (planning 2027-Q1 in December puts
    no check-in in December). A quarter under way, or a period that is not a quarter,
    starts tomorrow: the first check-in is the next such weekday after the workshop,
    "same time next week" on the workshop's own weekday.
    """
    bounds = quarter_bounds(period)
    if bounds is not None and today < bounds[0]:
        return bounds[0]
    return today + dt.timedelta(days=1)


def default_end(period: str, start: dt.date) -> dt.date:
    """The quarter's last day when the period is a quarter after `start`, else 12 weeks on."""
    end = quarter_end(period)
    if end is not None and end >= start:
        return end
    return start + dt.timedelta(weeks=DEFAULT_WEEKS)


# -- calendar rules -------------------------------------------------------------


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def last_working_day(day: dt.date) -> dt.date:
    """`day`, or the Friday before it when it falls on a weekend."""
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def first_on_or_after(start: dt.date, weekday: int) -> dt.date:
    return start + dt.timedelta(days=(weekday - start.weekday()) % 7)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th (1-based) such weekday of a month, or the month's last one if it has fewer."""
    first = first_on_or_after(dt.date(year, month, 1), weekday)
    day = first + dt.timedelta(weeks=n - 1)
    while day.month != month:
        day -= dt.timedelta(weeks=1)
    return day


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def series_dates(weekday: int, start: dt.date, end: dt.date, interval: Interval) -> list[dt.date]:
    """The dates of a regular series from `start` to `end`, both included."""
    first = first_on_or_after(start, weekday)
    if interval is Interval.MONTHLY:
        place = (first.day - 1) // 7 + 1
        dates: list[dt.date] = []
        year, month = first.year, first.month
        while True:
            day = nth_weekday(year, month, weekday, place)
            if day > end:
                return dates
            if day >= start:
                dates.append(day)
            year, month = _next_month(year, month)
    step = dt.timedelta(weeks=2 if interval is Interval.FORTNIGHTLY else 1)
    dates = []
    day = first
    while day <= end:
        dates.append(day)
        day += step
    return dates


def month_end_reviews(start: dt.date, end: dt.date) -> list[dt.date]:
    """The last working day of each month whose review falls within start..end."""
    dates = []
    year, month = start.year, start.month
    while dt.date(year, month, 1) <= end:
        day = last_working_day(month_end(year, month))
        if start <= day <= end:
            dates.append(day)
        year, month = _next_month(year, month)
    return dates


# -- quick fill -------------------------------------------------------------------


@dataclass(frozen=True)
class QuickFill:
    """What the quick-fill form asks for."""

    weekday: int  # Monday=0
    time: dt.time
    start: dt.date
    end: dt.date
    interval: Interval = Interval.WEEKLY
    kind: MeetingKind = MeetingKind.CHECK_IN
    monthly_reviews: bool = False
    quarter_end_scoring: bool = False

    def problem(self) -> str | None:
        """Why this request cannot be filled, or None."""
        if self.end < self.start:
            return "The end date is before the start date."
        if (self.end - self.start).days > 366 * 2:
            return "That is more than two years of meetings; shorten the range."
        return None


def quick_fill(request: QuickFill, existing: Iterable[Slot] = ()) -> list[Slot]:
    """The meetings to add for `request`, in date order, without exact duplicates."""
    problem = request.problem()
    if problem:
        raise EntryError(problem)
    planned: dict[tuple[dt.date, dt.time], Slot] = {}
    for day in series_dates(request.weekday, request.start, request.end, request.interval):
        planned[(day, request.time)] = Slot(day, request.time, request.kind)
    scoring_day = last_working_day(request.end) if request.quarter_end_scoring else None
    if scoring_day is not None and scoring_day < request.start:
        scoring_day = None
    if request.monthly_reviews:
        for day in month_end_reviews(request.start, request.end):
            if day != scoring_day:
                planned[(day, request.time)] = Slot(day, request.time, MeetingKind.MONTHLY_REVIEW)
    if scoring_day is not None:
        planned[(scoring_day, request.time)] = Slot(
            scoring_day, request.time, MeetingKind.QUARTER_END
        )
    already = {slot.key for slot in existing}
    return sorted(slot for slot in planned.values() if slot.key not in already)


def free_week(day: dt.date, moment: dt.time, taken: Iterable[tuple[dt.date, dt.time]]) -> dt.date:
    """`day`, or the first week after it whose same weekday has nothing at `moment`.

    What Enter on a meeting uses: "a week later" must not land on a meeting already
    planned at that date and time (in a weekly series, every next week is taken).
    """
    busy = set(taken)
    while (day, moment) in busy:
        day += dt.timedelta(weeks=1)
    return day


def describe(slots: Iterable[Slot]) -> str:
    """'11 check-ins, 2 monthly reviews and 1 quarter-end scoring' (or 'nothing new')."""
    counts: dict[MeetingKind, int] = {}
    for slot in slots:
        counts[slot.kind] = counts.get(slot.kind, 0) + 1
    parts = []
    for kind in MeetingKind:
        n = counts.get(kind, 0)
        if n:
            name = kind.value if n == 1 else _plural(kind)
            parts.append(f"{n} {name}")
    if not parts:
        return "nothing new"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _plural(kind: MeetingKind) -> str:
    return {
        MeetingKind.CHECK_IN: "check-ins",
        MeetingKind.MONTHLY_REVIEW: "monthly reviews",
        MeetingKind.QUARTER_END: "quarter-end scorings",
    }[kind]


def next_kind(kind: MeetingKind) -> MeetingKind:
    """The kind after `kind`, wrapping round: what Ctrl+T cycles through."""
    kinds = list(MeetingKind)
    return kinds[(kinds.index(kind) + 1) % len(kinds)]
