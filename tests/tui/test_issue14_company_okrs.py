"""Issue 14: the company OKRs are in view on the goals and objectives stages.

The goals stage's tip says "put the company OKRs where everyone can see them"; they
were only in set-up. They now sit at the top of the guide, read whole.
"""

from __future__ import annotations

import pytest

from tests.tui.stage_waits import GOALS, OBJECTIVES, on_stage
from workshop.core.db.store import Item
from workshop.core.domain import CascadeModel
from workshop.tui.widgets.company_okrs import CompanyOkrs

COMPANY_OBJECTIVE = "Customers solve problems themselves before they call us"
COMPANY_KR = "Self-service resolution rate from 20% to 45%"


def with_company_okrs(store) -> int:
    workshop_id = store.create_workshop(team="Support", period="2027-Q1")
    store.update_workshop(workshop_id, cascade_model=CascadeModel.FLEXIBLE)
    parent = store.add(Item.PARENT_OBJECTIVE, workshop_id, text=COMPANY_OBJECTIVE)
    store.add(Item.PARENT_KEY_RESULT, parent, text=COMPANY_KR)
    return workshop_id


def shown_whole(screen, panel: CompanyOkrs) -> str:
    """The panel's text, after checking it is drawn inside the screen."""
    assert panel.display, "the company OKRs are hidden"
    region = panel.region
    assert region.height >= 3 and region.width > 20, region
    assert region.bottom <= screen.size.height - 1, (region, screen.size)  # above the footer
    return str(panel.render())


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_company_okrs_in_view_on_the_goals_stage(make_app, store, size):
    app = make_app(with_company_okrs(store), stage=GOALS)
    async with app.run_test(size=size) as pilot:
        screen = await on_stage(pilot, GOALS)
        text = shown_whole(screen, screen.query_one("#company-okrs", CompanyOkrs))
        assert COMPANY_OBJECTIVE in text
        assert COMPANY_KR in text


async def test_company_okrs_in_view_on_the_objectives_stage(make_app, store):
    app = make_app(with_company_okrs(store), stage=OBJECTIVES)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await on_stage(pilot, OBJECTIVES)
        text = shown_whole(screen, screen.query_one("#company-okrs", CompanyOkrs))
        assert COMPANY_OBJECTIVE in text and COMPANY_KR in text


async def test_no_company_okrs_no_panel(make_app, store):
    app = make_app(store.create_workshop(team="Support", period="2027-Q1"), stage=GOALS)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await on_stage(pilot, GOALS)
        assert not screen.query_one("#company-okrs", CompanyOkrs).display


async def test_a_linked_company_workshop_shows_its_okrs(make_app, store):
    company = store.create_workshop(team="Acme", period="2027-Q1", level="company")
    objective = store.add(Item.OBJECTIVE, company, text="Be the easiest company to buy from")
    store.add(Item.KEY_RESULT, objective, text="Checkout time from 9 minutes to 3 minutes")
    team = store.create_workshop(team="Support", period="2027-Q1", company_id=company)
    app = make_app(team, stage=GOALS)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await on_stage(pilot, GOALS)
        panel = screen.query_one("#company-okrs", CompanyOkrs)
        for _ in range(2000):  # the company's workshop is read in a thread
            if "Checkout time" in str(panel.render()):
                break
            await pilot.pause()
        text = shown_whole(screen, panel)
        assert "Acme's OKRs" in text
        assert "Be the easiest company to buy from" in text
        assert "Checkout time from 9 minutes to 3 minutes" in text
