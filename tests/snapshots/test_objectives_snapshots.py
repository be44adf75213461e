"""Snapshots of the objectives stage at projector sizes.

What a reviewer should see, in each:
- models: the clock (24:30) on top; "Cascade model: not chosen yet"; the three model
  names with Duality highlighted, its one-line explanation and the bike-share worked
  example (company objective and KR, the team's objective, its KRs, the link); the
  keys to flip and pick. At 160x45 the coach beside it shows the formula; at 80x24
  the guide strip steps aside so the whole example fits.
- drafting: "Cascade model: Duality" folded to one line; three objectives. Objective 1
  is ASPIRATIONAL, shows the company KR and the priority it is linked to and two other
  wordings, the chosen one marked "✓ chosen wording". Objective 2 is focused,
  reads "Increase revenue by 20%" and has the red "NO COMPANY KEY RESULT" marker; the
  coach beside it says "Rework" and why (numbers belong in key results).
- link: the link picker over the stage: "No link", the priorities, the company
  objective with its key results, the current links ticked.
"""

from __future__ import annotations

import pytest

from tests.tui.stage_waits import OBJECTIVES, on_stage
from workshop.core.db.store import Item
from workshop.core.domain import CascadeModel, GoalType
from workshop.tui.screens.objectives import ObjectivesScreen


def _enter_stage(app, clock):
    async def run_before(pilot) -> None:
        await on_stage(pilot, OBJECTIVES)  # the app opens there
        app.session.timer.start()
        clock.advance(30)
        app._tick()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    return run_before


@pytest.fixture
def models_app(make_app, store, clock):
    workshop_id = store.create_workshop(team="Fleet", period="2027-Q1")
    app = make_app(workshop_id, stage=OBJECTIVES)
    return app, _enter_stage(app, clock)


@pytest.fixture
def drafting_app(make_app, store, clock):
    workshop_id = store.create_workshop(team="Fleet", period="2027-Q1")
    store.update_workshop(workshop_id, cascade_model=CascadeModel.DUALITY)
    priority = store.add(Item.PRIORITY, workshop_id, text="Win back riders who left")
    store.add(Item.PRIORITY, workshop_id, text="Keep the fleet in good repair")
    parent = store.add(Item.PARENT_OBJECTIVE, workshop_id, text="Be the easy way round town")
    parent_kr = store.add(
        Item.PARENT_KEY_RESULT, parent, text="Raise bikes ready at 7am from 80% to 95%"
    )
    store.add(Item.PARENT_KEY_RESULT, parent, text="Halve complaints about broken docks")
    first = store.add(
        Item.OBJECTIVE,
        workshop_id,
        text="Have every bike ready at dawn so riders can count on us",
        goal_type=GoalType.ASPIRATIONAL,
        priority_id=priority,
        parent_key_result_id=parent_kr,
    )
    store.add(Item.VARIATION, first, text="Fix bikes faster")
    store.add(
        Item.VARIATION,
        first,
        text="Have every bike ready at dawn so riders can count on us",
        chosen=True,
    )
    store.add(Item.OBJECTIVE, workshop_id, text="Increase revenue by 20%")
    store.add(Item.OBJECTIVE, workshop_id, text="")
    app = make_app(workshop_id, stage=OBJECTIVES)
    enter = _enter_stage(app, clock)

    async def run_before(pilot) -> None:
        await enter(pilot)
        screen = app.screen
        assert isinstance(screen, ObjectivesScreen)
        screen.blocks[1].field.focus()
        await pilot.wait_for_scheduled_animations()  # focusing may scroll
        screen.coach.flush()
        await pilot.pause()

    return app, run_before


@pytest.fixture
def link_app(drafting_app):
    app, drafting = drafting_app

    async def run_before(pilot) -> None:
        await drafting(pilot)
        app.screen.blocks[0].field.focus()
        await pilot.press("ctrl+l")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    return app, run_before


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_objectives_models(snap_compare, models_app, size):
    app, run_before = models_app
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_objectives_drafting(snap_compare, drafting_app, size):
    app, run_before = drafting_app
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_objectives_link_picker(snap_compare, link_app, size):
    app, run_before = link_app
    assert snap_compare(app, terminal_size=size, run_before=run_before)
