"""Snapshots of the pacing UI at projector sizes (80x24 and 160x45).

The workshop ran the overview 4 minutes long (34 of 30 min), so the agenda bar shows
the overview done with its actual minutes and the day projected behind the 11:00
hard stop. Then the business-goals stage runs with three priorities typed in.
"""

from __future__ import annotations

import pytest

from tests.tui.stage_waits import OVERVIEW, on_stage
from workshop.core.db.store import Item

SIZES = [(80, 24), (160, 45)]


@pytest.fixture
def pacing_app(make_app, store, clock):
    workshop_id = store.create_workshop(team="Support", period="2027-Q1")
    for text in [
        "Win back customers who left",
        "Answer every ticket within a day",
        "Make onboarding self-serve",
    ]:
        store.add(Item.PRIORITY, workshop_id, text=text)
    app = make_app(workshop_id, stage=OVERVIEW)

    async def goals_after(pilot, goals_seconds: float) -> None:
        await on_stage(pilot, OVERVIEW)  # the app opens on the overview
        await pilot.press("f5")
        await app.keys_settled()  # the clock started before the time passes
        clock.advance(34 * 60)
        await pilot.press("ctrl+n")
        await app.keys_settled()
        clock.advance(goals_seconds)
        app._tick()  # rings and flashes for any crossing...
        clock.advance(2)
        app._tick()  # ...and the flash is over two seconds later
        await pilot.pause()

    return app, goals_after


@pytest.mark.parametrize("size", SIZES)
def test_stage_in_warning(snap_compare, pacing_app, size):
    """The goals clock in its warning colours (amber) with 2:28 left; no time's-up bar.

    The agenda bar marks stage 2 as current, shows the overview as 34 of 30 min (one
    line with stage numbers at 80x24; names on one line and the projection on a second
    at 160x45), and reads "+4 min behind" against the 11:00 hard stop.
    """
    app, goals_after = pacing_app
    assert snap_compare(
        app, terminal_size=size, run_before=lambda pilot: goals_after(pilot, 12.5 * 60)
    )


@pytest.mark.parametrize("size", SIZES)
def test_stage_in_overtime_with_the_times_up_bar(snap_compare, pacing_app, size):
    """The goals clock in red showing +01:32 and "OVER TIME", the one-line time's-up bar
    under it ("Ctrl+N next stage · F7 +5 min · F6 +1 min"), the agenda bar at "+6 min
    behind", and the first priority field still focused and fully visible.
    """
    app, goals_after = pacing_app
    assert snap_compare(
        app, terminal_size=size, run_before=lambda pilot: goals_after(pilot, 16.5 * 60)
    )


@pytest.mark.parametrize("size", SIZES)
def test_rebalance_modal(snap_compare, pacing_app, size):
    """F3 over the overtime screen: a centred dialog with "At this pace: ends 11:06 ·
    hard stop 11:00 · +6 min behind", a table of the four later stages (now, after,
    the change; key results marked protected; objectives 25 → 22, cadence 15 → 13,
    wrap-up 10 → 9), the message saying it shortens them by 6 min in all to finish
    on time, and the keys to protect, accept or keep the plan.
    """
    app, goals_after = pacing_app

    async def run_before(pilot) -> None:
        await goals_after(pilot, 16.5 * 60)
        await pilot.press("f3")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
