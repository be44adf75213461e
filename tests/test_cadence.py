"""Unit tests of the cadence rules: typed dates and times, quarter ends, series, quick fill."""

from __future__ import annotations

import datetime as dt

import pytest

from workshop.core.domain import MeetingKind
from workshop.core.okr.cadence import (
    EntryError,
    Interval,
    QuickFill,
    Slot,
    default_end,
    default_start,
    describe,
    last_working_day,
    month_end_reviews,
    next_kind,
    nth_weekday,
    parse_date,
    parse_time,
    parse_weekday,
    quarter_end,
    quick_fill,
    series_dates,
)

D = dt.date
T = dt.time
TUE = 1
CHECK, REVIEW, SCORING = MeetingKind.CHECK_IN, MeetingKind.MONTHLY_REVIEW, MeetingKind.QUARTER_END


# -- typed dates and times ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-01-19", D(2027, 1, 19)),
        (" 2028-02-29 ", D(2028, 2, 29)),
        ("2027-12-31", D(2027, 12, 31)),
    ],
)
def test_dates_that_parse(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "YYYY-MM-DD"),
        ("19/01/2027", "YYYY-MM-DD"),
        ("2027-01", "YYYY-MM-DD"),
        ("2027-1-5", "YYYY-MM-DD"),
        ("2027-02-3", "YYYY-MM-DD"),  # half-typed: must not save as the 3rd
        ("tomorrow", "YYYY-MM-DD"),
        ("2027-13-01", "no month 13"),
        ("2027-00-10", "no month 0"),
        ("2027-02-29", "February 2027 has days 01 to 28"),
        ("2028-02-30", "February 2028 has days 01 to 29"),
        ("2027-04-31", "April 2027 has days 01 to 30"),
        ("2027-01-00", "not 00"),
        ("0027-01-01", "typo"),
        ("２０２７-01-01", "YYYY-MM-DD"),  # full-width digits are not a date we store
    ],
)
def test_dates_that_do_not_parse_say_why(text, says):
    with pytest.raises(EntryError, match=says):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("10:00", T(10, 0)), ("9:30", T(9, 30)), ("00:00", T(0, 0)), ("23:59", T(23, 59))],
)
def test_times_that_parse(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "HH:MM"),
        ("10", "HH:MM"),
        ("10.30", "HH:MM"),
        ("10:3", "HH:MM"),
        ("2pm", "HH:MM"),
        ("24:00", "00 to 23"),
        ("12:60", "00 to 59"),
    ],
)
def test_times_that_do_not_parse_say_why(text, says):
    with pytest.raises(EntryError, match=says):
        parse_time(text)


def test_error_messages_are_one_line():
    for bad in ("x", "2027-02-30", "2027-13-01"):
        with pytest.raises(EntryError) as caught:
            parse_date(bad)
        assert "\n" not in str(caught.value)


@pytest.mark.parametrize(("text", "expected"), [("Tuesday", 1), ("tue", 1), ("SUN", 6), ("mon", 0)])
def test_weekdays(text, expected):
    assert parse_weekday(text) == expected


@pytest.mark.parametrize("text", ["", "t", "tu", "Funday"])
def test_unknown_weekdays(text):
    with pytest.raises(EntryError):
        parse_weekday(text)


# -- quarter ends -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "end"),
    [
        ("2027-Q1", D(2027, 3, 31)),
        ("2027-Q2", D(2027, 6, 30)),
        ("2027-Q3", D(2027, 9, 30)),
        ("2027-Q4", D(2027, 12, 31)),
        ("2028-q1", D(2028, 3, 31)),
        ("Q2 2027", D(2027, 6, 30)),
        ("Q3-2027", D(2027, 9, 30)),
        ("2027 Q4", D(2027, 12, 31)),
        ("FY2027-Q1", D(2027, 3, 31)),
    ],
)
def test_quarter_end(period, end):
    assert quarter_end(period) == end


@pytest.mark.parametrize("period", ["", "2027", "2027-Q5", "2027-Q0", "H1 2027", "spring", "Q1"])
def test_not_a_quarter(period):
    assert quarter_end(period) is None


def test_default_start_is_the_first_day_of_a_quarter_still_to_come():
    """Planning 2027-Q1 on Wed 9 Dec 2026: no check-in and no review in December."""
    assert default_start("2027-Q1", D(2026, 12, 9)) == D(2027, 1, 1)
    assert default_start("Q2 2027", D(2027, 3, 20)) == D(2027, 4, 1)


def test_default_start_is_tomorrow_once_the_period_is_under_way_or_unknown():
    assert default_start("2027-Q1", D(2027, 1, 12)) == D(2027, 1, 13)
    assert default_start("Spring push", D(2027, 12, 28)) == D(2027, 12, 29)
    assert default_start("2026-Q4", D(2027, 1, 12)) == D(2027, 1, 13)  # over already


def test_quick_fill_for_a_quarter_still_to_come_stays_in_it():
    today = D(2026, 12, 9)  # a Wednesday
    start = default_start("2027-Q1", today)
    request = QuickFill(
        weekday=today.weekday(),
        time=T(10, 0),
        start=start,
        end=default_end("2027-Q1", start),
        monthly_reviews=True,
        quarter_end_scoring=True,
    )
    slots = quick_fill(request)
    assert slots[0].date == D(2027, 1, 6)  # the first Wednesday of the quarter
    assert all(D(2027, 1, 1) <= slot.date <= D(2027, 3, 31) for slot in slots)
    reviews = [s.date for s in slots if s.kind is MeetingKind.MONTHLY_REVIEW]
    assert reviews == [D(2027, 1, 29), D(2027, 2, 26)]  # the scoring takes March's place


def test_default_end_is_the_quarter_end_or_twelve_weeks():
    assert default_end("2027-Q1", D(2027, 1, 19)) == D(2027, 3, 31)
    assert default_end("Spring push", D(2027, 1, 19)) == D(2027, 4, 13)
    # A quarter already over (a workshop run late) falls back to twelve weeks.
    assert default_end("2026-Q4", D(2027, 1, 19)) == D(2027, 4, 13)


# -- calendar rules --------------------------------------------------------------------------


def test_last_working_day_moves_weekends_to_friday():
    assert last_working_day(D(2027, 3, 31)) == D(2027, 3, 31)  # a Wednesday
    assert last_working_day(D(2027, 2, 28)) == D(2027, 2, 26)  # Sunday -> Friday
    assert last_working_day(D(2027, 7, 31)) == D(2027, 7, 30)  # Saturday -> Friday


def test_nth_weekday_falls_back_to_the_last_one():
    assert nth_weekday(2027, 3, TUE, 5) == D(2027, 3, 30)  # March 2027 has 5 Tuesdays
    assert nth_weekday(2027, 2, TUE, 5) == D(2027, 2, 23)  # February has only 4
    assert nth_weekday(2027, 1, TUE, 1) == D(2027, 1, 5)


def test_weekly_series_from_start_to_quarter_end():
    dates = series_dates(TUE, D(2027, 1, 19), D(2027, 3, 31), Interval.WEEKLY)
    assert dates[0] == D(2027, 1, 19)
    assert dates[-1] == D(2027, 3, 30)
    assert len(dates) == 11
    assert all(d.weekday() == TUE for d in dates)


def test_series_starts_on_the_first_matching_weekday():
    # 2027-01-20 is a Wednesday: the first Tuesday after it is the 26th.
    assert series_dates(TUE, D(2027, 1, 20), D(2027, 2, 5), Interval.WEEKLY) == [
        D(2027, 1, 26),
        D(2027, 2, 2),
    ]


def test_fortnightly_series():
    dates = series_dates(TUE, D(2027, 1, 19), D(2027, 3, 31), Interval.FORTNIGHTLY)
    assert dates == [
        D(2027, 1, 19),
        D(2027, 2, 2),
        D(2027, 2, 16),
        D(2027, 3, 2),
        D(2027, 3, 16),
        D(2027, 3, 30),
    ]


def test_the_end_date_is_included():
    assert series_dates(TUE, D(2027, 1, 19), D(2027, 1, 26), Interval.WEEKLY) == [
        D(2027, 1, 19),
        D(2027, 1, 26),
    ]


def test_monthly_series_keeps_its_place_in_the_month():
    # The 5th Tuesday of March 2027 has no match in April to June: use the last Tuesday.
    dates = series_dates(TUE, D(2027, 3, 30), D(2027, 7, 31), Interval.MONTHLY)
    assert dates == [D(2027, 3, 30), D(2027, 4, 27), D(2027, 5, 25), D(2027, 6, 29), D(2027, 7, 27)]
    # The 3rd Tuesday, across a year end.
    dates = series_dates(TUE, D(2027, 11, 16), D(2028, 2, 29), Interval.MONTHLY)
    assert dates == [D(2027, 11, 16), D(2027, 12, 21), D(2028, 1, 18), D(2028, 2, 15)]


def test_month_end_reviews_on_working_days():
    assert month_end_reviews(D(2027, 1, 19), D(2027, 3, 31)) == [
        D(2027, 1, 29),  # Jan 31 is a Sunday
        D(2027, 2, 26),  # Feb 28 is a Sunday
        D(2027, 3, 31),
    ]


def test_month_end_reviews_in_a_leap_year():
    assert month_end_reviews(D(2028, 1, 10), D(2028, 3, 31)) == [
        D(2028, 1, 31),
        D(2028, 2, 29),  # a Tuesday, and only there in a leap year
        D(2028, 3, 31),
    ]


def test_month_end_reviews_outside_the_range_are_left_out():
    # The range ends before January's last working day.
    assert month_end_reviews(D(2027, 1, 4), D(2027, 1, 28)) == []
    assert month_end_reviews(D(2027, 1, 30), D(2027, 2, 26)) == [D(2027, 2, 26)]


# -- quick fill ---------------------------------------------------------------------------------


def q1_request(**changes) -> QuickFill:
    fields = {
        "weekday": TUE,
        "time": T(10, 0),
        "start": D(2027, 1, 19),
        "end": D(2027, 3, 31),
    } | changes
    return QuickFill(**fields)


def test_quick_fill_every_tuesday_to_the_quarter_end():
    slots = quick_fill(q1_request())
    assert len(slots) == 11
    assert {s.kind for s in slots} == {CHECK}
    assert {s.time for s in slots} == {T(10, 0)}
    assert slots == sorted(slots)


def test_quick_fill_with_reviews_and_scoring():
    slots = quick_fill(q1_request(monthly_reviews=True, quarter_end_scoring=True))
    reviews = [s.date for s in slots if s.kind is REVIEW]
    scoring = [s.date for s in slots if s.kind is SCORING]
    assert reviews == [D(2027, 1, 29), D(2027, 2, 26)]  # March's review is the scoring
    assert scoring == [D(2027, 3, 31)]
    assert describe(slots) == "11 check-ins, 2 monthly reviews and 1 quarter-end scoring"


def test_a_review_takes_the_slot_of_a_check_in_at_the_same_time():
    # Check-ins every Friday; the month-end reviews fall on Fridays too.
    slots = quick_fill(q1_request(weekday=4, monthly_reviews=True))
    on_jan_29 = [s for s in slots if s.date == D(2027, 1, 29)]
    assert on_jan_29 == [Slot(D(2027, 1, 29), T(10, 0), REVIEW)]


def test_scoring_on_a_weekend_quarter_end_moves_to_friday():
    # 2029-06-30 is a Saturday.
    slots = quick_fill(
        q1_request(start=D(2029, 6, 1), end=D(2029, 6, 30), quarter_end_scoring=True)
    )
    assert [s.date for s in slots if s.kind is SCORING] == [D(2029, 6, 29)]


def test_quick_fill_skips_exact_duplicates_only():
    existing = [
        Slot(D(2027, 1, 19), T(10, 0), CHECK),  # exact duplicate: skipped
        Slot(D(2027, 1, 26), T(11, 0), CHECK),  # another time: kept
        Slot(D(2027, 2, 2), T(10, 0), REVIEW),  # another kind: kept
    ]
    slots = quick_fill(q1_request(), existing)
    dates = [s.date for s in slots]
    assert D(2027, 1, 19) not in dates
    assert D(2027, 1, 26) in dates and D(2027, 2, 2) in dates
    assert len(slots) == 10


def test_running_quick_fill_twice_adds_nothing_new():
    first = quick_fill(q1_request(monthly_reviews=True, quarter_end_scoring=True))
    again = quick_fill(q1_request(monthly_reviews=True, quarter_end_scoring=True), first)
    assert again == []
    assert describe(again) == "nothing new"


def test_quick_fill_refuses_an_end_before_the_start():
    with pytest.raises(EntryError, match="before the start"):
        quick_fill(q1_request(end=D(2027, 1, 1)))


def test_quick_fill_refuses_years_of_meetings():
    with pytest.raises(EntryError, match="two years"):
        quick_fill(q1_request(end=D(2031, 1, 1)))


def test_a_monthly_series_of_reviews():
    slots = quick_fill(q1_request(interval=Interval.MONTHLY, kind=REVIEW))
    assert [s.date for s in slots] == [D(2027, 1, 19), D(2027, 2, 16), D(2027, 3, 16)]
    assert {s.kind for s in slots} == {REVIEW}


def test_describe_singular_and_plural():
    one = [Slot(D(2027, 1, 19), T(10, 0), CHECK)]
    assert describe(one) == "1 check-in"


def test_next_kind_cycles_through_all_kinds():
    assert next_kind(CHECK) is REVIEW
    assert next_kind(REVIEW) is SCORING
    assert next_kind(SCORING) is CHECK
