"""Snapshots of planning an OKR pilot at projector sizes.

A reviewer should see, on "Why a pilot" (step 1 of 7): the caution for an organisation
of 250 people in a bar ("With 250 people, a pilot often costs more than it teaches…
Carry on if you have a reason."), the four risks with the second, "OKRs suit this
organisation", marked ▶ and reversed, and the reason typed under "Why we run it".

On "The change checklist" (step 6): the line "Missing: skills, resources; 1 without an
action yet; 1 not decided.", then Vision [in place] with its evidence, Skills
[MISSING] reversed with its action and "Without skills, expect anxiety…", Resources
[MISSING] asking "What will we do about it?", Action plan [not decided]. Ctrl+T in
the footer.
"""

from __future__ import annotations

import pytest

from tests.snapshots.helpers import enter_stage
from workshop.core.agenda.model import load_kind_agenda
from workshop.core.pilot.plan import InPlace, PilotRisk
from workshop.core.pilot.rules import new_plan

WHY, CHANGE = 1, 6


@pytest.fixture
def pilot_workshop(store):
    plan = new_plan()
    plan.organisation_size = "250"
    plan.group_size = "120"
    plan.risk = PilotRisk.FIT
    plan.reason = "The board wants proof that OKRs suit a depot-based company."
    plan.changes[0].in_place = InPlace.YES
    plan.changes[0].evidence = "The CEO's memo and the town hall"
    plan.changes[1].in_place = InPlace.NO
    plan.changes[1].action = "Two half-day trainings in January"
    plan.changes[2].in_place = InPlace.YES
    plan.changes[2].evidence = "Pilot teams skip the old quarterly report"
    plan.changes[3].in_place = InPlace.NO
    workshop_id = store.create_workshop(
        team="Northwind Logistics",
        period="2027",
        facilitator="Dana",
        agenda_json=load_kind_agenda("pilot").model_dump_json(),
        meeting_kind="pilot",
        meeting_json=plan.model_dump_json(),
    )
    return workshop_id


async def _settled(pilot) -> None:
    app = pilot.app
    for _ in range(200):
        if getattr(app.screen, "is_built", False):
            break
        await pilot.pause(0.02)
    await app.keys_settled()
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_why_a_pilot(snap_compare, make_app, pilot_workshop, clock, size):
    async def run_before(pilot) -> None:
        await enter_stage(pilot, clock, WHY)
        await _settled(pilot)

    app = make_app(pilot_workshop, stage=WHY)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_change_checklist(snap_compare, make_app, pilot_workshop, clock, size):
    async def run_before(pilot) -> None:
        await enter_stage(pilot, clock, CHANGE)
        await _settled(pilot)

    app = make_app(pilot_workshop, stage=CHANGE)
    assert snap_compare(app, terminal_size=size, run_before=run_before)
