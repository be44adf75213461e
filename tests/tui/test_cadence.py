"""Pilot tests: the review-cadence stage, driven with keys, checked in the store."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Label

from tests.tui.stage_waits import CADENCE, on_stage
from workshop.core.db.store import Item
from workshop.core.domain import MeetingKind
from workshop.tui.dialogs.quick_fill import QuickFillScreen
from workshop.tui.screens.cadence import CadenceScreen, MeetingRow

D, T = dt.date, dt.time


async def go_to_cadence(app, pilot) -> None:
    """The app opens at the stage (`make_app(..., stage=CADENCE)`): wait for it."""
    await on_stage(pilot, CADENCE)
    assert isinstance(app.screen, CadenceScreen)


def meetings(app, store):
    app.session.flush()
    return sorted((m.date, m.time, m.kind) for m in store.load(app.session.workshop_id).meetings)


def error_text(row: MeetingRow) -> str:
    label = row.query_one(".meeting-error", Label)
    return str(label.render()) if label.display else ""


async def test_quick_fill_adds_a_quarter_of_meetings(make_app, store):
    # The fake clock's today is Tuesday 2027-01-12: the series starts a week later.
    workshop_id = store.create_workshop(period="2027-Q1")
    app = make_app(workshop_id, stage=CADENCE)
    async with app.run_test(size=(160, 45)) as pilot:
        await go_to_cadence(app, pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, QuickFillScreen)
        preview = str(app.screen.query_one("#qf-preview", Label).render())
        assert "11 check-ins, 2 monthly reviews and 1 quarter-end scoring" in preview
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, CadenceScreen)
        saved = meetings(app, store)
        rows = app.screen.rows()
    check_ins = [m for m in saved if m[2] is MeetingKind.CHECK_IN]
    assert len(check_ins) == 11
    assert check_ins[0] == (D(2027, 1, 19), T(10, 0), MeetingKind.CHECK_IN)
    assert (D(2027, 3, 31), T(10, 0), MeetingKind.QUARTER_END) in saved
    assert len(rows) == len(saved) == 14
    assert [(r.date, r.time) for r in rows] == [(d, t) for d, t, _ in saved]


async def test_quick_fill_form_is_driven_by_keys(make_app, store):
    workshop_id = store.create_workshop(period="not a quarter")
    app = make_app(workshop_id, stage=CADENCE)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to_cadence(app, pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        # Kind: monthly review; weekday: Thursday; every 2 weeks; 14:30; no extras.
        await pilot.press("right", "down", "right", "right", "down", "right", "down")
        await pilot.press("ctrl+u", *"14:30", "down", "down", "down", "space", "down", "space")
        await pilot.press("ctrl+r")
        await pilot.pause()
        saved = meetings(app, store)
    # Not a quarter: twelve weeks from tomorrow (2027-01-13), every other Thursday.
    assert saved[0] == (D(2027, 1, 14), T(14, 30), MeetingKind.MONTHLY_REVIEW)
    assert {m[2] for m in saved} == {MeetingKind.MONTHLY_REVIEW}
    assert len(saved) == 6
    assert saved[-1][0] == D(2027, 3, 25)


async def test_quick_fill_for_a_quarter_still_to_come_starts_in_it(make_app, store, clock):
    """Planned on Wednesday 9 December 2026 for 2027-Q1: nothing lands in December."""
    clock.start_wall = dt.datetime(2026, 12, 9, 9, 0, tzinfo=dt.UTC)
    workshop_id = store.create_workshop(period="2027-Q1")
    app = make_app(workshop_id, stage=CADENCE)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to_cadence(app, pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.screen.query_one("#qf-start").value == "2027-01-01"
        assert app.screen.query_one("#qf-end").value == "2027-03-31"
        preview = str(app.screen.query_one("#qf-preview", Label).render())
        assert "Wed 6 Jan to Wed 31 Mar 2027" in preview
        await pilot.press("ctrl+r")
        await pilot.pause()
        saved = meetings(app, store)
    assert saved[0] == (D(2027, 1, 6), T(10, 0), MeetingKind.CHECK_IN)
    assert all(D(2027, 1, 1) <= day <= D(2027, 3, 31) for day, _, _ in saved)
    reviews = [day for day, _, kind in saved if kind is MeetingKind.MONTHLY_REVIEW]
    assert reviews == [D(2027, 1, 29), D(2027, 2, 26)]


async def test_quick_fill_twice_skips_duplicates_and_escape_cancels(make_app, store):
    workshop_id = store.create_workshop(period="2027-Q1")
    app = make_app(workshop_id, stage=CADENCE)
    async with app.run_test(size=(160, 45)) as pilot:
        await go_to_cadence(app, pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        first = meetings(app, store)
        await pilot.press("ctrl+r")
        await pilot.pause()
        preview = str(app.screen.query_one("#qf-preview", Label).render())
        assert "nothing new" in preview.lower() or "Adds nothing" in preview
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CadenceScreen)
        assert meetings(app, store) == first


async def test_a_bad_quick_fill_date_is_refused_with_a_message(make_app, store):
    app = make_app(stage=CADENCE)
    async with app.run_test(size=(160, 45)) as pilot:
        await go_to_cadence(app, pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        app.screen.query_one("#qf-end").focus()
        await pilot.press("ctrl+u", *"2027-02-30")
        preview = str(app.screen.query_one("#qf-preview", Label).render())
        assert "February 2027 has days 01 to 28" in preview
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, QuickFillScreen)  # still open, nothing added
        await pilot.press("escape")
        await pilot.pause()
        assert meetings(app, store) == []


async def test_typed_dates_and_times_are_validated_as_typed(make_app, store):
    workshop_id = store.create_workshop()
    store.add(Item.MEETING, workshop_id, date=D(2027, 2, 2), time=T(10, 0), kind="check-in")
    app = make_app(workshop_id, stage=CADENCE)
    async with app.run_test(size=(160, 45)) as pilot:
        await go_to_cadence(app, pilot)
        row = app.screen.rows()[0]
        assert app.focused is row.query_one(".meeting-date")
        await pilot.press("ctrl+u", *"2027-02-30")
        await pilot.pause()
        assert "February 2027 has days 01 to 28" in error_text(row)
        assert "still 2027-02-02" in error_text(row)
        assert meetings(app, store) == [(D(2027, 2, 2), T(10, 0), MeetingKind.CHECK_IN)]
        await pilot.press("backspace", "backspace", "2", "8")
        await pilot.pause()
        assert error_text(row) == ""
        await pilot.press("tab", "ctrl+u", *"25:00")
        await pilot.pause()
        assert "Hours run from 00 to 23" in error_text(row)
        await pilot.press("ctrl+u", *"9:45")
        await pilot.pause()
        assert error_text(row) == ""
        assert meetings(app, store) == [(D(2027, 2, 28), T(9, 45), MeetingKind.CHECK_IN)]
        assert str(row.query_one(".meeting-day", Label).render()) == "Sun"


async def test_leaving_with_an_invalid_date_keeps_the_last_valid_one(make_app, store):
    workshop_id = store.create_workshop()
    store.add(Item.MEETING, workshop_id, date=D(2027, 2, 2), time=T(10, 0))
    app = make_app(workshop_id)
    async with app.run_test(size=(80, 24)) as pilot:
        # Arrives as the room does, from the stage before: leaving is what this checks.
        app.session.set_stage(CADENCE - 1)
        await pilot.press("ctrl+n")
        await go_to_cadence(app, pilot)
        await pilot.press("ctrl+u", *"2027-02-")
        await pilot.press("ctrl+n", "ctrl+b")
        await pilot.pause()
        assert isinstance(app.screen, CadenceScreen)
        assert app.screen.rows()[0].query_one(".meeting-date").value == "2027-02-02"
        assert meetings(app, store) == [(D(2027, 2, 2), T(10, 0), MeetingKind.CHECK_IN)]


async def test_kind_note_add_and_remove_with_keys(make_app, store):
    # Under way on 12 January.
    app = make_app(store.create_workshop(period="2027-Q1"), stage=CADENCE)
    async with app.run_test(size=(160, 45)) as pilot:
        await go_to_cadence(app, pilot)
        await pilot.press("enter")  # on "Add a meeting": a check-in a week from today
        await pilot.pause()
        await pilot.press("ctrl+t", "ctrl+t")  # check-in -> monthly review -> scoring
        await pilot.press("tab", "tab", *"Bring the scores")
        await pilot.press("enter")  # another meeting, a week later
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+u", "backspace")  # empty date, then Backspace: removed
        await pilot.pause()
        saved = meetings(app, store)
        notes = [m.note for m in store.load(app.session.workshop_id).meetings]
    assert saved == [
        (D(2027, 1, 19), T(10, 0), MeetingKind.QUARTER_END),
        (D(2027, 1, 26), T(10, 0), MeetingKind.MONTHLY_REVIEW),
    ]
    assert sorted(notes) == ["", "Bring the scores"]


async def test_meetings_are_shown_in_date_order(make_app, store):
    workshop_id = store.create_workshop()
    for day, time in [
        (D(2027, 3, 1), T(9, 0)),
        (D(2027, 1, 5), T(15, 0)),
        (D(2027, 1, 5), T(8, 0)),
    ]:
        store.add(Item.MEETING, workshop_id, date=day, time=time)
    app = make_app(workshop_id, stage=CADENCE)
    async with app.run_test(size=(160, 45)) as pilot:
        await go_to_cadence(app, pilot)
        shown = [(r.date, r.time) for r in app.screen.rows()]
        count = str(app.screen.query_one("#meeting-count", Label).render())
    assert shown == [(D(2027, 1, 5), T(8, 0)), (D(2027, 1, 5), T(15, 0)), (D(2027, 3, 1), T(9, 0))]
    assert count.startswith("3 check-ins")


async def test_the_reminder_and_the_kinds_come_from_the_agenda(make_app, agenda):
    app = make_app(stage=CADENCE)
    async with app.run_test(size=(160, 45)) as pilot:
        await go_to_cadence(app, pilot)
        stage = agenda.stage("cadence")
        reminder = str(app.screen.query_one("#cadence-reminder", Label).render())
        purposes = [str(label.render()) for label in app.screen.query(".kind-purpose")]
    assert reminder == stage.reminder
    assert purposes == [m.purpose for m in stage.meetings]


async def test_the_rows_re_sort_when_an_edited_date_is_left(make_app, store):
    workshop_id = store.create_workshop()
    for day in (D(2027, 1, 12), D(2027, 1, 19), D(2027, 1, 26)):
        store.add(Item.MEETING, workshop_id, date=day, time=T(10, 0))
    app = make_app(workshop_id, stage=CADENCE)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to_cadence(app, pilot)
        first = app.screen.rows()[0]
        assert app.focused is first.query_one(".meeting-date")
        await pilot.press("ctrl+u", *"2027-01-2")  # half typed: nothing moves
        await pilot.pause()
        await pilot.press("2")  # 2027-01-22, still not left
        await pilot.pause()
        assert app.screen.rows()[0] is first
        await pilot.press("tab")  # left: back in date order
        await pilot.pause()
        shown = [r.date for r in app.screen.rows()]
        assert shown == [D(2027, 1, 19), D(2027, 1, 22), D(2027, 1, 26)]
        assert app.focused is first.query_one(".meeting-time")  # the cursor went with it
        assert app.screen.region.contains_region(app.focused.region)


async def test_enter_on_a_meeting_never_adds_a_silent_duplicate(make_app, store):
    """Enter adds a check-in a week later; in a weekly series that week is taken."""
    workshop_id = store.create_workshop()
    for day in (D(2027, 1, 12), D(2027, 1, 19), D(2027, 1, 26)):
        store.add(Item.MEETING, workshop_id, date=day, time=T(10, 0))
    app = make_app(workshop_id, stage=CADENCE)
    notes: list[str] = []
    async with app.run_test(size=(160, 45)) as pilot:
        await go_to_cadence(app, pilot)
        app.notify = lambda message, **kwargs: notes.append(message)  # type: ignore[method-assign]
        await pilot.press("enter")  # on 12 January: 19 and 26 are taken
        await pilot.pause()
        saved = meetings(app, store)
        shown = [r.date for r in app.screen.rows()]
        focused_row = app.focused.payload  # type: ignore[union-attr]
    days = [day for day, _, _ in saved]
    assert len(days) == len(set(days)) == 4
    assert days[-1] == D(2027, 2, 2)
    assert shown == days  # in date order on screen too
    assert focused_row.date == D(2027, 2, 2)
    assert any("Tue 19 Jan at 10:00 already has a meeting" in n for n in notes)
    assert any("Tue 2 Feb 2027" in n for n in notes)


async def test_a_new_meetings_date_and_time_are_suggestions_typing_replaces(make_app, store):
    # Seen in tmux: Enter, then "2027-04-06" Tab "09:30" stored nothing: the typing went
    # onto the end of the suggested "2026-12-10" and "10:00". And for 2027-Q2, planned in
    # January, the first suggestion is the quarter's first day, not a week from today.
    workshop_id = store.create_workshop(period="2027-Q2")
    app = make_app(workshop_id, stage=CADENCE)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to_cadence(app, pilot)
        await pilot.press("enter")  # on "Add a meeting"
        assert meetings(app, store) == [(D(2027, 4, 1), T(10, 0), MeetingKind.CHECK_IN)]
        await pilot.press(*"2027-04-06", "tab", *"09:30")
        await pilot.press("shift+tab", "end", "backspace", "7")  # an edit: not selected away
        assert meetings(app, store) == [(D(2027, 4, 7), T(9, 30), MeetingKind.CHECK_IN)]
