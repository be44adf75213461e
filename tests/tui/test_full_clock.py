"""Pilot tests of the full-screen clock (F10) and of breaks with a length (F9 on it).

The full-screen clock shows the stage, the time left as large as the screen allows
and what comes next; F10 or Esc goes back. Every state reads without colour.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.tui.stage_waits import GOALS, on_stage
from workshop.core.clock.timer import Mode
from workshop.tui.dialogs.break_length import BreakLengthScreen, ask_break_length
from workshop.tui.dialogs.full_clock import FullClockScreen
from workshop.tui.screens.goals import GoalsScreen
from workshop.tui.widgets.clock import PAUSE_SIGN, BigDigits

WIDE = (160, 45)
NARROW = (80, 24)


async def goals_running(pilot) -> None:
    """On the goals stage the app opened at (`make_app(..., stage=GOALS)`), start its clock."""
    await on_stage(pilot, GOALS)
    await pilot.press("f5")
    await pilot.pause()
    assert isinstance(pilot.app.screen, GoalsScreen)


def text(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


@pytest.mark.parametrize("size", [WIDE, NARROW])
async def test_f10_shows_the_stage_the_time_left_and_what_comes_next(make_app, clock, size):
    app = make_app(stage=GOALS)
    async with app.run_test(size=size) as pilot:
        await goals_running(pilot)
        clock.advance(90)
        await pilot.press("f10")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FullClockScreen)
        screen.refresh_clock()
        await pilot.pause()
        digits = screen.query_one("#fc-digits", BigDigits)
        assert digits.text == "13:30"
        assert "Step 2 of 6 · " in text(app, "#fc-stage")
        assert text(app, "#fc-next").startswith("Next: ")
        assert "25 min" in text(app, "#fc-next")
        # Huge: at least a third of the screen's height, and inked in full blocks.
        lines = [line for line in digits.render().plain.splitlines() if line.strip()]
        assert len(lines) >= size[1] / 3
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen)
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen)


async def test_the_full_clock_says_paused_and_over_time_in_words(make_app, clock):
    app = make_app(stage=GOALS)
    async with app.run_test(size=WIDE) as pilot:
        await goals_running(pilot)
        await pilot.press("f10", "f5")  # F5 still starts and pauses the clock
        await pilot.pause()
        screen = app.screen
        screen.refresh_clock()
        assert app.session.timer.mode is Mode.PAUSED
        assert text(app, "#fc-state").strip() == "PAUSED"
        assert screen.query_one("#fc-digits", BigDigits).text.startswith(PAUSE_SIGN)
        await pilot.press("f5")
        clock.advance(16 * 60)
        screen.refresh_clock()
        await pilot.pause()
        assert text(app, "#fc-state").strip() == "OVER TIME"
        assert screen.query_one("#fc-digits", BigDigits).text == "+01:00"
        assert screen.has_class("-overtime")
        await pilot.press("f7")  # more time works here too
        screen.refresh_clock()
        assert app.session.timer.remaining() == 4 * 60
        assert text(app, "#fc-state").strip() == "NEARLY TIME"  # 4 of 20 minutes left


async def test_a_break_of_ten_minutes_is_counted_down_big(make_app, store, clock):
    app = make_app(stage=GOALS)
    async with app.run_test(size=WIDE) as pilot:
        await goals_running(pilot)
        clock.advance(60)
        await pilot.press("f10", "f9")
        await pilot.pause()
        assert isinstance(app.screen, BreakLengthScreen)
        assert "Back at 09:11 · 10 min from now" in text(app, "#break-preview")
        await pilot.press("enter")  # 10 minutes, the default
        await pilot.pause()
        timer = app.session.timer
        assert timer.mode is Mode.BREAK
        assert timer.break_left() == 600
        screen = app.screen
        assert isinstance(screen, FullClockScreen)
        clock.advance(4 * 60)
        screen.refresh_clock()
        await pilot.pause()
        assert screen.query_one("#fc-digits", BigDigits).text == "06:00"
        assert text(app, "#fc-state").strip() == "BREAK"
        assert "Back at 09:11" in text(app, "#fc-status")
        assert "Then: back to" in text(app, "#fc-next")
        clock.advance(7 * 60)  # the room is a minute late
        screen.refresh_clock()
        assert screen.query_one("#fc-digits", BigDigits).text == "+01:00"
        assert text(app, "#fc-state").strip() == "BREAK OVER"
        await pilot.press("f9")  # ends the break
        await pilot.pause()
        assert timer.mode is Mode.RUNNING
        assert timer.break_until is None


async def test_back_at_a_time_and_changing_it_during_the_break(make_app, clock):
    app = make_app(stage=GOALS)
    async with app.run_test(size=NARROW) as pilot:
        await goals_running(pilot)
        ask_break_length(app)
        await pilot.pause()
        await pilot.press(*"back at 9:45", "enter")
        await pilot.pause()
        timer = app.session.timer
        assert timer.break_until == clock.wall() + timedelta(minutes=45)
        await pilot.press("b")  # on the full-screen clock: change the end
        await pilot.pause()
        assert isinstance(app.screen, BreakLengthScreen)
        await pilot.press(*"5", "enter")
        await pilot.pause()
        assert timer.break_left() == 300
        assert isinstance(app.screen, FullClockScreen)


async def test_a_break_length_that_cannot_be_read_says_what_to_type(make_app, clock):
    app = make_app(stage=GOALS)
    async with app.run_test(size=NARROW) as pilot:
        await goals_running(pilot)
        ask_break_length(app)
        await pilot.pause()
        await pilot.press(*"soon", "enter")
        await pilot.pause()
        assert isinstance(app.screen, BreakLengthScreen)
        assert "Type minutes (10) or the time to be back (10:45)" in text(app, "#break-preview")
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.timer.mode is Mode.RUNNING


async def test_on_the_untimed_set_up_stage_the_full_clock_says_so(make_app):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, FullClockScreen)  # the set-up stage: untimed
        assert "Untimed" in text(app, "#fc-status")
