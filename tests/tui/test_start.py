"""Pilot tests: the start screen, new or resume, driven with keys."""

from __future__ import annotations

from workshop.app import WorkshopApp
from workshop.screens.goals import GoalsScreen
from workshop.screens.setup import SetupScreen
from workshop.screens.start import StartScreen
from workshop.session import WorkshopSession


def start_app(store, agenda, clock) -> WorkshopApp:
    """The app as launched without --workshop: it opens on the start screen."""
    return WorkshopApp(store=store, agenda=agenda, clock=clock, wall=clock.wall, tick_seconds=3600)


async def test_new_creates_a_workshop_and_lands_on_setup(store, agenda, clock):
    WorkshopSession.create(store, agenda, clock=clock, wall=clock.wall, team="Old team")
    app = start_app(store, agenda, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        new_id = app.session.workshop_id
    summaries = store.list_workshops()
    assert len(summaries) == 2
    assert {s.id for s in summaries if s.team != "Old team"} == {new_id}


async def test_an_empty_database_welcomes_and_enter_starts(store, agenda, clock):
    app = start_app(store, agenda, clock)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        welcome = app.screen.query_one("#start-empty")
        assert "no workshops here yet" in str(welcome.render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
    assert len(store.list_workshops()) == 1


async def test_resume_opens_at_the_stored_stage(store, agenda, clock):
    earlier = WorkshopSession.create(
        store, agenda, clock=clock, wall=clock.wall, team="Support", period="2027-Q1"
    )
    earlier.set_stage(2)
    earlier.close()
    app = start_app(store, agenda, clock)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        listing = str(app.screen.query_one("#workshops").get_option_at_index(1).prompt)
        assert "Support · 2027-Q1" in listing
        assert "Step 2: " + agenda.stages[2].title in listing
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen)
        assert app.session.workshop_id == earlier.workshop_id
