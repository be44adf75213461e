"""Pilot tests: a check-in driven with keys, checked in the store."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Label

from tests.core.quarter_sample import sample_workshop, store_sample
from workshop.core.agenda.kinds import CHECKIN
from workshop.core.db.items import Item
from workshop.core.domain import KeyResult, KeyResultKind, Objective, Workshop
from workshop.core.okr.meetings import CheckInRecord
from workshop.core.session.meeting_start import start_meeting
from workshop.tui.screens.checkin import CheckInAttendanceScreen, CheckInDecisionsScreen
from workshop.tui.screens.checkin_krs import CheckInKeyResultsScreen

PROGRESS = 1  # the check-in's stages: attendance, progress (the key results), ...


def new_checkin(store, clock, subject_id: int, day: dt.date, stage: int = 0) -> int:
    """A check-in of `subject_id` on `day`, left at `stage`: the app opens there."""
    session = start_meeting(store, CHECKIN, subject_id, day, clock=clock, wall=clock.wall)
    meeting_id = session.workshop_id
    if stage:
        session.set_stage(stage)
    session.close()
    return meeting_id


def record_of(store, meeting_id: int) -> CheckInRecord:
    return CheckInRecord.model_validate_json(store.load(meeting_id).meeting_json)


def label(screen, selector: str) -> str:
    return str(screen.query_one(selector, Label).render())


async def wait_built(pilot) -> None:
    """Wait until the keys sent so far have landed and the screen they lead to is built."""
    # Keys first: until Ctrl+N is delivered, the screen on top is the old, built one.
    await pilot.app.keys_settled()
    for _ in range(3000):
        if getattr(pilot.app.screen, "is_built", False):
            break
        await pilot.pause()
    await pilot.app.keys_settled()


async def test_a_check_in_run_with_keys_keeps_every_entry(make_app, store, clock):
    subject_id = store_sample(store)
    meeting_id = new_checkin(store, clock, subject_id, dt.date(2027, 1, 19))
    app = make_app(meeting_id)
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_built(pilot)
        assert isinstance(app.screen, CheckInAttendanceScreen)
        # Ana and Cara are here (Space ticks the highlighted name), and a guest.
        await pilot.press("space", "down", "down", "space")
        app.screen.query_one("#checkin-newcomer").focus()
        await pilot.press(*"Guest", "enter")
        await app.keys_settled()

        await pilot.press("ctrl+n")
        await wait_built(pilot)
        screen = app.screen
        assert isinstance(screen, CheckInKeyResultsScreen)
        # Nothing checked in yet, so every key result is level: the written order.
        assert screen.current is not None and screen.current.number == "1.1"
        # A word instead of a number is refused in one line, and nothing is stored.
        await pilot.press(*"soon", "enter")
        await app.keys_settled()
        assert "is not a number" in label(screen, "#ci-error")
        assert record_of(store, meeting_id).entries == []
        await pilot.press("ctrl+a", "ctrl+k", *"48 hours", "down", "ctrl+a", "ctrl+k", "6")
        await pilot.press("down", *"Faster triage", "enter")
        await app.keys_settled()
        assert "Recorded 1.1: 48 hours, confidence 6." in label(screen, "#ci-done")
        # On to 1.2, skipped with PageDown, then the milestone 2.1.
        assert screen.current.number == "1.2"
        await pilot.press("pagedown")
        assert screen.current.number == "2.1"
        await pilot.press(*"half", "enter")
        await app.keys_settled()
        assert "does not say whether the milestone is done" in label(screen, "#ci-error")
        await pilot.press("ctrl+a", "ctrl+k", *"not done", "down", "ctrl+a", "ctrl+k", "3")
        await pilot.press("down", "down", *"Vendor late", "down", *"Call vendor", "enter")
        await app.keys_settled()
        assert "Recorded 2.1: not done, confidence 3." in label(screen, "#ci-done")

        await pilot.press("ctrl+n")
        await wait_built(pilot)
        assert isinstance(app.screen, CheckInDecisionsScreen)
        await pilot.press(*"Ben pairs with Cara on the vendor", "enter", *"Review CSAT")
        await app.keys_settled()
    record = record_of(store, meeting_id)
    assert record.date == dt.date(2027, 1, 19)
    assert record.present == ["Ana", "Cara", "Guest"]
    assert [(e.objective_index, e.key_result_index) for e in record.entries] == [(0, 0), (1, 0)]
    metric, milestone = (e.check_in for e in record.entries)
    assert (milestone.value, milestone.confidence, milestone.blocker, milestone.next_step) == (
        "not done",
        3,
        "Vendor late",
        "Call vendor",
    )
    assert (milestone.entered_by, milestone.previous_value) == ("Cara", None)
    assert (metric.value, metric.confidence, metric.note, metric.entered_by) == (
        "48 hours",
        6,
        "Faster triage",
        "Ben",
    )
    assert metric.date == dt.date(2027, 1, 19)
    assert record.decisions == ["Ben pairs with Cara on the vendor", "Review CSAT"]


async def test_the_summary_shows_the_quarter_and_f2_writes_the_files(
    make_app, store, clock, tmp_path, monkeypatch
):
    from workshop.tui.screens.checkin_summary import CheckInSummaryScreen

    monkeypatch.chdir(tmp_path)
    subject_id = store_sample(store)
    first = new_checkin(store, clock, subject_id, dt.date(2027, 1, 19), stage=PROGRESS)
    app = make_app(first)
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_built(pilot)
        assert isinstance(app.screen, CheckInKeyResultsScreen)
        await pilot.press(*"60", "enter")
        await app.keys_settled()
    second = new_checkin(store, clock, subject_id, dt.date(2027, 2, 16), stage=PROGRESS)
    app = make_app(second)
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_built(pilot)
        screen = app.screen
        assert isinstance(screen, CheckInKeyResultsScreen)
        # 1.1 was checked in last time: its last value and the previous-value chain show.
        # Never checked in, so nothing measured: 1.2 and 2.1 come before 1.1 (25%).
        assert [screen.current.number] == ["1.2"]
        await pilot.press("pagedown", "pagedown")
        assert screen.current.number == "1.1"
        assert "Last: 19 January 2027, 60" in label(screen, "#ci-last")
        await pilot.press(*"48", "enter")
        await app.keys_settled()
        assert "Recorded 1.1: 48 (was 60), confidence 5." in label(screen, "#ci-done")
        await pilot.press("ctrl+n", "ctrl+n")
        await wait_built(pilot)
        summary = app.screen
        assert isinstance(summary, CheckInSummaryScreen)
        lines = [str(w.render()) for w in summary.query(".summary-line")]
        assert "1.1" in lines[0] and "50%" in lines[0] and "▃▅" in lines[0]
        # Mid-quarter the band says how far along, not a verdict on the goal.
        assert "GREEN" not in lines[0] and "ORANGE · about half way" in lines[0]
        assert "Check-ins: 19 Jan, 16 Feb" in label(summary, "#summary-dates")
        history = str(summary.query(".summary-history").first().render())
        assert "19 Jan ▃ 25%" in history and "16 Feb ▅ 50%" in history
        await pilot.press("f2")
        for _ in range(400):
            await pilot.pause(0.05)
            if "Written" in label(summary, "#summary-status"):
                break
        assert "Written" in label(summary, "#summary-status")
    written = sorted(p.name for p in (tmp_path / "exports").iterdir())
    assert written == [
        "support-2027-q1-checkin-2027-02-16.md",
        "support-2027-q1-checkin-2027-02-16.pdf",
        "support-2027-q1-checkins.csv",
    ]
    entries = record_of(store, second).entries
    assert [(e.check_in.value, e.check_in.previous_value) for e in entries] == [("48", "60")]
    # The first meeting's check-in is untouched: nothing is overwritten.
    assert [e.check_in.value for e in record_of(store, first).entries] == ["60"]


async def test_a_check_in_open_in_another_window_is_read_only(make_app, store, clock):
    from workshop.core.session.lease import WorkshopLease

    subject_id = store_sample(store)
    meeting_id = new_checkin(store, clock, subject_id, dt.date(2027, 1, 19))
    before = store.load(meeting_id).meeting_json
    other = WorkshopLease(store, meeting_id, owner="other-window", pid=1, host="elsewhere")
    assert other.acquire()
    app = make_app(meeting_id)
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_built(pilot)
        assert app.session.read_only
        assert app.screen.query_one("#checkin-people").disabled
        await pilot.press("space", "down", "space")
        await pilot.press("ctrl+n")
        await wait_built(pilot)
        app.screen.query_one("#ci-value").focus()
        await pilot.press(*"48", "enter")
        await app.keys_settled()
        app.session.flush()
    assert store.load(meeting_id).meeting_json == before


def long_sample() -> Workshop:
    """The sample with two more objectives: eight key results, more than 80x24 has rows for."""
    workshop = sample_workshop()
    more = [
        Objective(
            text="Make onboarding painless for new customers",
            key_results=[
                KeyResult(text="Cut time to first value from 14 to 5 days", start="14", target="5"),
                KeyResult(text="Raise onboarding NPS from 20 to 45", start="20", target="45"),
                KeyResult(text="Publish 12 setup guides", start="0", target="12", owner="Ben"),
            ],
        ),
        Objective(
            text="Keep the team healthy",
            key_results=[
                KeyResult(text="Hold weekly 1:1s for everyone", kind=KeyResultKind.MILESTONE),
                KeyResult(text="Reduce after-hours pages from 30 to 5", start="30", target="5"),
            ],
        ),
    ]
    return workshop.model_copy(update={"objectives": [*workshop.objectives, *more]})


def shows(screen, widget) -> bool:
    """True when the widget is on screen, not scrolled away or covered: the screen finds it
    at its first and last rows."""
    region = widget.region
    if not region.area:
        return False
    try:
        return all(
            screen.get_widget_at(region.x + 2, y)[0] in (widget, *widget.walk_children())
            for y in (region.y, region.bottom - 1)
        )
    except Exception:  # outside the screen
        return False


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_the_marked_key_result_and_its_form_are_both_in_view(make_app, store, clock, size):
    """A facilitator going down a long list at a projector size sees, each time, the marked
    key result's line and the whole form under it; after recording too."""
    subject_id = store.import_workshop(long_sample())
    meeting_id = new_checkin(store, clock, subject_id, dt.date(2027, 1, 19), stage=PROGRESS)
    app = make_app(meeting_id)
    async with app.run_test(size=size) as pilot:
        await wait_built(pilot)
        screen = app.screen
        assert isinstance(screen, CheckInKeyResultsScreen)
        lines = list(screen.query(".ci-line"))
        assert len(lines) == 8
        form = ["#ci-title", "#ci-value", "#ci-confidence", "#ci-next", "#ci-by"]
        for step in range(9):
            if step == 4:  # record one: the form moves on to the next key result
                await pilot.press(*"3", "enter")
                await app.keys_settled()
                assert "Recorded" in label(screen, "#ci-done")
            else:
                await pilot.press("pagedown" if step else "pageup")
            await app.keys_settled()
            for _ in range(5):
                await pilot.pause()
            current = lines[screen.position]
            assert "▶" in str(current.render())
            assert shows(screen, current), (step, screen.position)
            for selector in form:
                assert shows(screen, screen.query_one(selector)), (step, selector)
            assert screen.focused is screen.query_one("#ci-value")


async def test_a_date_typed_into_the_date_field_replaces_the_one_offered(make_app, store, clock):
    """Shift+Tab from the list to the date and a date typed: it replaces the offered
    date (it used to be added to it, '2027-01-112027-02-16', refused)."""
    subject_id = store_sample(store)
    meeting_id = new_checkin(store, clock, subject_id, dt.date(2027, 1, 11))
    app = make_app(meeting_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_built(pilot)
        screen = app.screen
        assert isinstance(screen, CheckInAttendanceScreen)
        await pilot.press("shift+tab")
        await app.keys_settled()
        assert app.focused is screen.query_one("#checkin-date")
        await pilot.press(*"2027-02-16", "enter")
        await app.keys_settled()
        assert screen.query_one("#checkin-date").value == "2027-02-16"
        assert not screen.query_one("#checkin-date-note").display
    assert record_of(store, meeting_id).date == dt.date(2027, 2, 16)


async def show_key_result(pilot, screen: CheckInKeyResultsScreen, number: str) -> None:
    """PageUp to the top of the list, then PageDown until key result `number` is marked."""
    for _ in range(len(screen.order)):
        await pilot.press("pageup")
    for _ in range(len(screen.order)):
        if screen.current is not None and screen.current.number == number:
            return
        await pilot.press("pagedown")
    assert screen.current is not None and screen.current.number == number


async def test_a_key_result_moved_since_its_last_check_in_shows_its_own_last_value(
    make_app, store, clock
):
    """January checks in CSAT (1.2); the room then moves it up to 1.1. In February the
    check-in shows CSAT's own last value, and none on the key result now second."""
    subject_id = store_sample(store)
    january = new_checkin(store, clock, subject_id, dt.date(2027, 1, 19), stage=PROGRESS)
    app = make_app(january)
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_built(pilot)
        screen = app.screen
        assert isinstance(screen, CheckInKeyResultsScreen)
        await pilot.press("pagedown")
        assert screen.current is not None and screen.current.number == "1.2"
        await pilot.press(*"72%", "enter")
        await app.keys_settled()
        assert "Recorded 1.2: 72%" in label(screen, "#ci-done")
    csat = store.load(subject_id).objectives[0].key_results[1]
    (entry,) = record_of(store, january).entries
    assert (entry.key_result_id, entry.check_in.value) == (csat.id, "72%")

    assert csat.id is not None
    store.move(Item.KEY_RESULT, csat.id, -1)  # Alt+Up on the key results stage
    february = new_checkin(store, clock, subject_id, dt.date(2027, 2, 16), stage=PROGRESS)
    app = make_app(february)
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_built(pilot)
        screen = app.screen
        assert isinstance(screen, CheckInKeyResultsScreen)
        # Riskiest first: the order is the screen's, so each is looked for from the top.
        await show_key_result(pilot, screen, "1.1")
        assert screen.current is not None and screen.current.key_result.text == csat.text
        assert label(screen, "#ci-last").startswith("Last: 19 January 2027, 72%, ")
        await show_key_result(pilot, screen, "1.2")
        assert label(screen, "#ci-last") == "No check-in yet this period."
