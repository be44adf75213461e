"""Snapshots of the business-goals stage at projector sizes.

A reviewer should see: the stage title and a 14:30 countdown in large digits at the
top, the agenda strip, three priorities with their "why" lines, and the guide
(beside the editor at 160x45, under it at 80x24).
"""

from __future__ import annotations

import pytest

from tests.tui.stage_waits import GOALS, on_stage
from workshop.core.db.store import Item


@pytest.fixture
def goals_app(make_app, store, clock):
    workshop_id = store.create_workshop(team="Support", period="2027-Q1", current_stage=2)
    for text, whys in [
        ("Win back customers who left", ["Churn doubled last quarter"]),
        ("Answer every ticket within a day", []),
        ("Make onboarding self-serve", ["Sales spends half its time on set-up"]),
    ]:
        priority = store.add(Item.PRIORITY, workshop_id, text=text)
        for why in whys:
            store.add(Item.WHY, priority, text=why)
    app = make_app(workshop_id)

    async def run_before(pilot) -> None:
        await on_stage(pilot, GOALS)  # the app opens at the stage the workshop was left on
        app.session.timer.start()
        clock.advance(30)
        app._tick()
        await pilot.pause()

    return app, run_before


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_goals_stage(snap_compare, goals_app, size):
    app, run_before = goals_app
    assert snap_compare(app, terminal_size=size, run_before=run_before)
