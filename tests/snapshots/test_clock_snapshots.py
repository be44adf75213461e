"""Snapshots of the big clock and the full-screen clock at projector sizes.

A reviewer should see heavy block digits, not thin line digits: in the stage header
they are 5 rows tall at 80x24 and 8 rows at 160x45 (about a sixth of the screen or
more), beside the step, the stage's title and its state in words. The full-screen
clock (F10) fills the screen with the time left, the stage above it and what comes
next below it; a paused clock has the pause sign before the digits and "PAUSED" in
a reversed box; a break with a set end counts down with "BREAK" and "Back at 09:15".
"""

from __future__ import annotations

import pytest

from tests.tui.stage_waits import GOALS, on_stage

SIZES = [(80, 24), (160, 45)]


@pytest.fixture
def clock_app(make_app, store, clock):
    workshop_id = store.create_workshop(team="Support", period="2027-Q1")
    app = make_app(workshop_id, stage=GOALS)

    async def goals_running(pilot, seconds: float) -> None:
        """The goals stage (15 min) with its clock `seconds` in."""
        await on_stage(pilot, GOALS)  # the app opens there
        await pilot.press("f5")
        await app.keys_settled()  # the clock started before the time passes
        clock.advance(seconds)
        app._tick()
        await pilot.pause()

    return app, goals_running


@pytest.mark.parametrize("size", SIZES)
def test_big_clock_in_the_stage_header(snap_compare, clock_app, size):
    """Goals, 4 minutes in: 11:00 in heavy digits, "Step 2 of 6", "15 min planned"."""
    app, goals_running = clock_app
    assert snap_compare(
        app, terminal_size=size, run_before=lambda pilot: goals_running(pilot, 4 * 60)
    )


@pytest.mark.parametrize("size", SIZES)
def test_big_clock_paused(snap_compare, clock_app, size):
    """Paused 4 minutes in: the pause sign before 11:00, dimmed; "PAUSED · ... F5"."""
    app, goals_running = clock_app

    async def run_before(pilot) -> None:
        await goals_running(pilot, 4 * 60)
        await pilot.press("f5")
        await app.keys_settled()
        app._tick()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_full_screen_clock(snap_compare, clock_app, size):
    """F10 4 minutes in: "Step 2 of 6 · ..." on top, 11:00 as large as fits, "left of
    15 min planned", "Next: ..., 25 min" and the keys at the bottom."""
    app, goals_running = clock_app

    async def run_before(pilot) -> None:
        await goals_running(pilot, 4 * 60)
        await pilot.press("f10")
        await pilot.pause()
        app.screen.refresh_clock()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_full_screen_clock_on_a_break(snap_compare, clock_app, clock, size):
    """A 15-minute break from 09:00, 4 minutes gone: 11:00 left, "BREAK" in a reversed
    box, "Back at 09:15 · 11 min from now", "Then: back to ..."."""
    app, goals_running = clock_app

    async def run_before(pilot) -> None:
        await goals_running(pilot, 0)
        await pilot.press("f10", "f9")  # F9 on the full-screen clock asks how long
        await pilot.pause()
        await pilot.press(*"15", "enter")
        await pilot.pause()
        clock.advance(4 * 60)
        app.screen.refresh_clock()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
