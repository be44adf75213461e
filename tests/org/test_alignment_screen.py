"""Pilot tests: a team links to its company's OKRs and the alignment view shows the
organisation, driven with keys, checked in the store (SQLite, then PostgreSQL)."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Static

from tests.org.sample import build_organisation, until
from workshop.core.db.store import Item, Store
from workshop.core.org.rows import org_links
from workshop.tui.dialogs.company_link import CompanyPicker
from workshop.tui.dialogs.objective_link import LinkPicker
from workshop.tui.screens.alignment import AlignmentScreen
from workshop.tui.screens.objectives import ObjectivesScreen
from workshop.tui.screens.setup import SetupScreen


@pytest.fixture
def store(any_store: Store) -> Store:
    """The app runs on a SQLite file, then on PostgreSQL."""
    return any_store


def lines(screen) -> list[str]:
    return [str(s.render()) for s in screen.query(".align-line").results(Static)]


async def test_f2_on_set_up_shows_three_teams_under_the_company(make_app, store):
    made = build_organisation(store)
    app = make_app(made["teams"]["Payments"])
    async with app.run_test(size=(160, 45)) as pilot:
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(app.screen, AlignmentScreen) and lines(app.screen))
        shown = "\n".join(lines(app.screen))
        assert "1. Customers recommend us to their friends" in shown
        assert "KR 2.1 Open sales in Spain and Poland by the end of March" in shown
        for team in ("Payments", "Growth", "Platform"):
            assert team in shown
        assert "duality: a company key result becomes the team's objective" in shown
        # The unsupported key results and the team's own objective, the latter not flagged.
        after = shown.split("Company key results no team supports", 1)[1]
        assert "Sign 3 reseller partners in the Nordics" in after
        own = shown.split("Team objectives of their own", 1)[1]
        assert "Halve our cloud bill" in own and "allowed" in own
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, SetupScreen))


async def test_a_team_links_its_company_then_an_objective_to_a_company_key_result(make_app, store):
    made = build_organisation(store)
    team = store.create_workshop(team="Support", period="2027-Q1", cascade_model="flexible")
    store.add(Item.OBJECTIVE, team, text="Answer every customer within an hour")
    app = make_app(team)
    async with app.run_test(size=(160, 45)) as pilot:
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("ctrl+l")
        # Mounted, not just pushed: the picker offers its first choice as it mounts.
        await until(pilot, lambda: isinstance(app.screen, CompanyPicker) and app.screen.is_mounted)
        options = app.screen.query_one(OptionList)
        company_row = next(
            i for i, o in enumerate(options.options) if o.id == f"company:{made['company']}"
        )
        assert options.highlighted == company_row  # the one company is offered first
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SetupScreen))
        app.session.flush()
        assert org_links(store, team).company_id == made["company"]

        app.session.set_stage(2)
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, ObjectivesScreen))
        await pilot.pause()
        app.screen.blocks[0].field.focus()
        await pilot.press("ctrl+l")
        await until(pilot, lambda: isinstance(app.screen, LinkPicker) and app.screen.is_mounted)
        picker = app.screen.query_one(OptionList)
        ids = [o.id for o in picker.options]
        kr = made["key_results"][0][1]  # "Cut support tickets per order..."
        assert f"company_key_result:{kr}" in ids
        picker.highlighted = ids.index(f"company_key_result:{kr}")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ObjectivesScreen))
        objective_id = app.screen.blocks[0].objective_id
        await until(
            pilot,
            lambda: (
                "Cut support tickets"
                in str(app.screen.blocks[0].query_one(".objective-link").render())
            ),
        )
        app.session.flush()
    assert org_links(store, team).of(objective_id) == (None, kr)
    # The company's wording was linked, not copied: the team's rows hold only the id.
    assert "Cut support tickets" not in str(store.workshop_rows(team).tables)
