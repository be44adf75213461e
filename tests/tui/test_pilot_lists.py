"""Pilot tests of the pilot's lists: lines added with Enter and removed with Backspace."""

from __future__ import annotations

from tests.tui.test_pilot_session import next_stage, pilot_agenda, pilot_id, type_keys  # noqa: F401
from workshop.core.pilot.plan import ScopeKind, StepKind
from workshop.core.pilot.rules import plan_from_json
from workshop.tui.screens.pilot_base import PlanPath


def test_a_plan_path_writes_where_it_points() -> None:
    from workshop.core.pilot.rules import new_plan

    plan = new_plan()
    PlanPath(("tests", 2, "owner")).set(plan, "Cy")
    PlanPath(("reason",)).set(plan, "Because")
    assert plan.tests[2].owner == "Cy" and plan.reason == "Because"


async def test_departments_and_next_steps_grow_and_shrink_with_keys(make_app, store, pilot_id):  # noqa: F811
    store.update_workshop(pilot_id, current_stage=3)
    app = make_app(pilot_id)
    async with app.run_test(size=(160, 45)) as pilot:
        await app.keys_settled()
        assert app.screen.STAGE_KEY == "test_group"
        # Size, four levels, then the first (empty) department line.
        await type_keys(app, pilot, "down", "down", "down", "down", "down", *"Sales", "enter")
        await type_keys(app, pilot, *"Ops", "enter", *"Legal", *["backspace"] * 6)
        assert app.focused.value == "Ops"  # the empty line went, the cursor is on the one above
        app.session.set_stage(6)
        await next_stage(app, pilot, "next_steps")
        await type_keys(app, pilot, *"Who pays?", "enter", *"Is Q3 too late?", "down")
        await type_keys(app, pilot, *"Book the kick-off", "enter", "backspace")
        await type_keys(app, pilot, "ctrl+b")
        await app.keys_settled()
    plan = plan_from_json(store.load(pilot_id).meeting_json)
    assert [s.name for s in plan.scope if s.kind is ScopeKind.DEPARTMENT] == ["Sales", "Ops"]
    assert [(s.kind, s.text) for s in plan.steps] == [
        (StepKind.QUESTION, "Who pays?"),
        (StepKind.QUESTION, "Is Q3 too late?"),
        (StepKind.NEXT_STEP, "Book the kick-off"),
    ]
