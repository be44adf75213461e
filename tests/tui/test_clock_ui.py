"""Pilot tests of the clock's cues: the time's-up bar, the bell and flash, and mute (F12).

The time's-up bar must never take focus or get in the way of typing: the room keeps
writing in the focused field while the facilitator decides what to do.
"""

from __future__ import annotations

from tests.tui.stage_waits import GOALS, on_stage
from workshop.tui.screens.goals import GoalsScreen
from workshop.tui.widgets.agenda_bar import AgendaBar
from workshop.tui.widgets.clock import PAUSE_SIGN, BigDigits, ClockPanel
from workshop.tui.widgets.fields import FieldInput
from workshop.tui.widgets.time_up import TimeUpBar

WIDE = (160, 45)
NARROW = (80, 24)


async def goals_running(pilot, clock) -> FieldInput:
    """On the goals stage the app opened at (`make_app(..., stage=GOALS)`), start its
    15-minute clock; return the focused field."""
    await on_stage(pilot, GOALS)
    await pilot.press("f5")
    await pilot.pause()
    assert isinstance(pilot.app.screen, GoalsScreen)
    field = pilot.app.focused
    assert isinstance(field, FieldInput)
    return field


def time_up_bar(app) -> TimeUpBar:
    return app.screen.query_one(TimeUpBar)


async def test_times_up_bar_appears_at_zero_without_taking_focus(make_app, store, clock):
    app = make_app(stage=GOALS)
    async with app.run_test(size=NARROW) as pilot:
        field = await goals_running(pilot, clock)
        await pilot.press(*"Grow ")
        clock.advance(15 * 60 - 1)
        app._tick()
        await pilot.pause()
        assert not time_up_bar(app).display  # one second still to go
        clock.advance(1)
        app._tick()
        await pilot.pause()
        bar = time_up_bar(app)
        assert bar.display
        words = bar.render().plain
        assert "Time's up" in words and "Ctrl+N" in words and "F7" in words
        assert app.focused is field  # the field being typed in keeps the focus
        assert field.region.height > 0 and app.screen.region.contains_region(field.region)
        await pilot.press(*"the team")  # and typing still lands in it
        app.session.flush()
        workshop = store.load(app.session.workshop_id)
    assert field.value == "Grow the team"
    assert [p.text for p in workshop.priorities] == ["Grow the team"]


async def test_times_up_bar_goes_away_after_five_more_minutes(make_app, clock):
    app = make_app(stage=GOALS)
    async with app.run_test(size=WIDE) as pilot:
        field = await goals_running(pilot, clock)
        clock.advance(16 * 60)
        app._tick()
        await pilot.pause()
        assert time_up_bar(app).display
        await pilot.press("f7")
        await pilot.pause()
        assert not time_up_bar(app).display
        assert app.session.timer.remaining() == 4 * 60
        assert app.focused is field


async def test_times_up_bar_goes_away_on_the_next_stage(make_app, clock):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+n", "f5")  # the overview
        clock.advance(31 * 60)
        app._tick()
        await pilot.pause()
        assert time_up_bar(app).display
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen)
        assert not time_up_bar(app).display


async def test_bell_and_flash_at_the_warning_and_at_time_up(make_app, clock):
    app = make_app(stage=GOALS)
    rings: list[str] = []
    async with app.run_test(size=WIDE) as pilot:
        app.bell = lambda: rings.append("ding")
        await goals_running(pilot, clock)
        panel = app.screen.query_one(ClockPanel)
        clock.advance(12 * 60)  # 3 of 15 minutes left: the warning
        app._tick()
        await pilot.pause()
        assert rings == ["ding"]
        assert panel.has_class("-warning") and panel.has_class("-flash")
        clock.advance(2)
        app._tick()
        assert not panel.has_class("-flash")  # the flash is brief
        clock.advance(3 * 60)  # past zero
        app._tick()
        assert rings == ["ding", "ding"]
        assert panel.has_class("-overtime") and panel.has_class("-flash")
        clock.advance(60)
        app._tick()
        assert rings == ["ding", "ding"]  # once per crossing


async def test_muted_means_no_bell_no_flash_and_says_so(make_app, clock):
    app = make_app(stage=GOALS)
    rings: list[str] = []
    async with app.run_test(size=NARROW) as pilot:
        app.bell = lambda: rings.append("ding")
        await goals_running(pilot, clock)
        await pilot.press("f12")
        panel = app.screen.query_one(ClockPanel)
        assert "sound and flash off" in str(panel.query_one("#clock-status").render())
        clock.advance(16 * 60)
        app._tick()
        await pilot.pause()
        assert rings == []
        assert not panel.has_class("-flash")
        assert time_up_bar(app).display  # the prompt itself is not a sound


async def test_mute_is_kept_across_a_restart(make_app, store, clock):
    app = make_app(stage=GOALS)
    async with app.run_test(size=WIDE) as pilot:
        await goals_running(pilot, clock)
        await pilot.press("f12")
        assert app.session.timer.muted
    workshop_id = app.session.workshop_id

    again = make_app(workshop_id)
    async with again.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert again.session.timer.muted
        status = str(again.screen.query_one("#clock-status").render())
        assert "sound and flash off" in status
        await pilot.press("f12")
        assert not again.session.timer.muted


# -- the big countdown --------------------------------------------------------------------


def digits_of(app) -> BigDigits:
    return app.screen.query_one("#clock-digits", BigDigits)


def status_of(app) -> str:
    return str(app.screen.query_one("#clock-status").render())


async def test_the_countdown_is_a_sixth_of_the_screen_at_160x45(make_app, clock):
    app = make_app(stage=GOALS)
    async with app.run_test(size=WIDE) as pilot:
        await goals_running(pilot, clock)
        digits = digits_of(app)
        assert digits.text == "15:00"
        assert digits.region.height >= 45 / 6
        lines = digits.render().plain.splitlines()
        assert len(lines) == digits.region.height
        assert all(set(line) <= set(" █▀▄") for line in lines)
        assert sum(line.count("█") for line in lines) > 100  # heavy, not line drawing


async def test_the_countdown_is_smaller_but_large_at_80x24(make_app, clock):
    app = make_app(stage=GOALS)
    async with app.run_test(size=NARROW) as pilot:
        field = await goals_running(pilot, clock)
        digits = digits_of(app)
        assert digits.region.height == 5  # a pixel a row: the Digits widget was 3
        assert digits.region.width >= 30
        # the room still has somewhere to type
        assert app.screen.region.contains_region(field.region)


async def test_paused_and_overtime_read_without_colour(make_app, clock):
    app = make_app(stage=GOALS)
    async with app.run_test(size=NARROW) as pilot:
        await goals_running(pilot, clock)
        clock.advance(60)
        await pilot.press("f5")
        app._tick()
        await pilot.pause()
        assert digits_of(app).text == f"{PAUSE_SIGN} 14:00"  # the pause sign: a shape
        assert status_of(app).startswith("PAUSED")
        await pilot.press("f5")
        clock.advance(11 * 60)
        app._tick()
        assert status_of(app).startswith("NEARLY TIME")
        clock.advance(4 * 60 + 32)
        app._tick()
        await pilot.pause()
        assert digits_of(app).text == "+01:32"
        assert status_of(app).startswith("OVER TIME")


async def test_the_header_and_the_agenda_bar_count_minutes_the_same_way(make_app, clock):
    """7.5 minutes planned reads 8 in both places (the header used to say 7)."""
    app = make_app(stage=GOALS)
    async with app.run_test(size=WIDE) as pilot:
        await goals_running(pilot, clock)
        app.session.timer.set_plan(2, 450)
        clock.advance(4 * 60)
        app._tick()
        await pilot.pause()
        bar = app.screen.query_one(AgendaBar).render().plain
        assert "8 min planned" in status_of(app)
        assert "2 Goals 4 of 8 min" in bar


async def test_at_80_columns_the_agenda_bar_says_which_stage_in_words(make_app, clock):
    app = make_app(stage=GOALS)
    async with app.run_test(size=NARROW) as pilot:
        await goals_running(pilot, clock)
        clock.advance(4 * 60)
        app._tick()
        await pilot.pause()
        bar = app.screen.query_one(AgendaBar)
        text = bar.render().plain
        assert bar.size.height == 1 and "…" not in text
        assert "Step 2 of 6 · Goals 4 of 15 min" in text
        assert "ends 10:30 · stop 11:00 · 30 min ahead" in text  # the overview was skipped
        assert "2·" not in text


async def test_the_bar_never_says_on_time_beside_a_later_end(make_app, clock):
    """Started 20 s after 09:00, and 20 s over: "ends 11:01 · hard stop 11:00 · on time"
    was the bug; the end shown now agrees with the words."""
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+n")
        clock.advance(20)
        await pilot.press("f5")
        clock.advance(30 * 60 + 20)
        await pilot.press("ctrl+n")
        app._tick()
        await pilot.pause()
        text = app.screen.query_one(AgendaBar).render().plain
    assert "ends 11:00 · hard stop 11:00 · on time" in text
