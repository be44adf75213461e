"""Pilot tests: "Plan an OKR pilot" on the start screen creates a pilot plan and opens it."""

from __future__ import annotations

import pytest

from workshop.core.agenda.kinds import PILOT
from workshop.core.session.session import WorkshopSession
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.pilot_setup import PilotSetupScreen
from workshop.tui.screens.start import StartScreen


@pytest.mark.parametrize("keys", [("p",), ("end", "enter")], ids=["p", "last option"])
async def test_plan_an_okr_pilot_from_the_start_screen(store, agenda, clock, keys):
    WorkshopSession.create(store, agenda, clock=clock, wall=clock.wall, team="Support").close()
    app = WorkshopApp(store=store, agenda=agenda, clock=clock, wall=clock.wall, tick_seconds=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        options = app.screen.query_one("#workshops").options
        assert str(options[-1].prompt) == "＋ Plan an OKR pilot (p)"
        await pilot.press(*keys, *"Northwind")
        await app.keys_settled()
        assert isinstance(app.screen, PilotSetupScreen)
        # Keys typed straight after the choice wait for the set-up's first field.
        assert app.screen.query_one("#pilot-organisation").value == "Northwind"
        assert app.session.agenda.kind == PILOT
        pilot_id = app.session.workshop_id
    listed = {s.id: (s.meeting_kind, s.team) for s in store.list_workshops()}
    assert listed[pilot_id] == (PILOT, "Northwind")
    assert len(listed) == 2
