"""Pilot tests of planning an OKR pilot: the whole session typed with keys, then the store read.

Every stage is reached with Ctrl+N, as the facilitator does it; what the room typed is
checked in the database (the plan in `meeting_json`, the organisation and the pilot's
objective in the workshop's own rows), and the advice on screen is checked as a
person in the room would read it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Label

from tests.tui.stage_waits import on_stage
from workshop.core.agenda.model import load_kind_agenda
from workshop.core.pilot.plan import InPlace, PilotAspect, PilotDuration, PilotRisk, ScopeKind
from workshop.core.pilot.rules import new_plan, plan_from_json

# Indexes in the pilot agenda (load_kind_agenda("pilot")): 0 is its set-up.
PILOT_OBJECTIVE, NEXT_STEPS = 2, 7


@pytest.fixture
def pilot_agenda():
    return load_kind_agenda("pilot")


@pytest.fixture
def pilot_id(store, pilot_agenda) -> int:
    return store.create_workshop(
        agenda_json=pilot_agenda.model_dump_json(),
        meeting_kind="pilot",
        meeting_json=new_plan().model_dump_json(),
    )


def text_of(app, selector: str) -> str:
    label = app.screen.query_one(selector, Label)
    return str(label.render()) if label.display else ""


async def next_stage(app, pilot, key: str) -> None:
    await pilot.press("ctrl+n")
    await app.keys_settled()
    for _ in range(200):
        if key == app.screen.STAGE_KEY and app.screen.is_built:
            return
        await pilot.pause(0.02)
    raise AssertionError(f"stage {key} did not open (on {app.screen.STAGE_KEY})")


async def type_keys(app, pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await app.keys_settled()


async def test_a_whole_pilot_planned_with_keys_is_stored(make_app, store, pilot_id, tmp_path):
    app = make_app(pilot_id)
    async with app.run_test(size=(160, 45)) as pilot:
        await app.keys_settled()
        assert app.screen.STAGE_KEY == "pilot_setup"

        # Set-up: the organisation, its size (250: a pilot is questioned), who, when.
        await type_keys(app, pilot, *"Northwind", "down", *"250", "down", *"Dana", "down", *"2027")
        assert "costs more than it teaches" in text_of(app, "#pilot-size-advice")

        # 1. Why: the second risk, and the reason. The size note is repeated.
        await next_stage(app, pilot, "why_a_pilot")
        assert "Carry on if you have a reason" in text_of(app, "#pilot-size-advice")
        await type_keys(app, pilot, "ctrl+t", "ctrl+t", *"The board wants proof first")

        # 2. The pilot's objective and two key results; the coach reads along.
        await next_stage(app, pilot, "pilot_objective")
        await type_keys(app, pilot, *"Prove OKRs fit our depots so that we can decide")
        await type_keys(app, pilot, "down", *"Raise teams with sound OKRs from 0 to 80%")
        await type_keys(app, pilot, "down", "0", "down", *"80", "down", "%", "down", *"Ana")
        await type_keys(app, pilot, "up", "up", "up", "up", "enter", *"Hold 12 check-ins")
        app.screen.coach.flush()
        assert app.screen.coach.subject == "key result"

        # 3. The test group: 30 people is too small; one level, one department.
        await next_stage(app, pilot, "test_group")
        await type_keys(app, pilot, *"30")
        assert "small test group" in text_of(app, "#pilot-group-advice")
        await type_keys(app, pilot, "down", "ctrl+t")  # Senior leaders: ticked
        await type_keys(app, pilot, "down", "down", "down", "down", *"Sales", "ctrl+t")
        scope = text_of(app, "#pilot-scope-advice")
        assert "Only one level" in scope and "Only one department" in scope
        await type_keys(app, pilot, "enter", *"Finance", "ctrl+t")
        assert "Only one department" not in text_of(app, "#pilot-scope-advice")

        # 4. Duration: the first Ctrl+T takes the suggestion for 250 people.
        await next_stage(app, pilot, "duration")
        assert "three to six months" in text_of(app, "#pilot-suggestion")
        await type_keys(app, pilot, "ctrl+t")
        assert text_of(app, "#pilot-duration-advice") == ""
        await type_keys(app, pilot, "ctrl+t", "ctrl+t")  # a year, then two weeks
        assert "sensible OKRs" in text_of(app, "#pilot-duration-advice")

        # 5. What to test: an owner and a date for the first, then it moves below the second.
        await next_stage(app, pilot, "what_to_test")
        await type_keys(app, pilot, "down", *"Ana", "down", *"2027-02-01")
        await type_keys(app, pilot, "alt+down")
        assert "Conceptual fit usually comes before Leadership engagement" in text_of(
            app, "#pilot-order-advice"
        )

        # 6. The change checklist: vision in place with evidence, skills missing.
        await next_stage(app, pilot, "change_checklist")
        await type_keys(app, pilot, "ctrl+t", *"The CEO memo")
        await type_keys(app, pilot, "down", "down", "ctrl+t", "ctrl+t")
        rows = list(app.screen.query(".pilot-row-advice").results(Label))
        assert "expect anxiety" in str(rows[1].render())
        assert "What will we do about it?" in str(rows[1].render())
        await type_keys(app, pilot, "down", *"Two trainings in January")

        # 7. Next steps: a question, and a step with its owner and date.
        await next_stage(app, pilot, "next_steps")
        await type_keys(app, pilot, *"Who pays for the tool?", "down", *"Book the kick-off")
        await type_keys(app, pilot, "down", *"Dana", "down", *"2027-01-10")
        await type_keys(app, pilot, "ctrl+b")  # leaving the stage saves what was typed
        await app.keys_settled()

    workshop = store.load(pilot_id)
    plan = plan_from_json(workshop.meeting_json)
    assert workshop.meeting_kind == "pilot"
    assert (workshop.team, workshop.facilitator, workshop.period) == ("Northwind", "Dana", "2027")
    assert plan.organisation_size == "250"
    assert plan.risk is PilotRisk.FIT
    assert plan.reason == "The board wants proof first"
    [objective] = workshop.objectives
    assert objective.text == "Prove OKRs fit our depots so that we can decide"
    assert [(k.text, k.start, k.target, k.unit, k.owner) for k in objective.key_results] == [
        ("Raise teams with sound OKRs from 0 to 80%", "0", "80", "%", "Ana"),
        ("Hold 12 check-ins", "", "", "", ""),
    ]
    assert plan.group_size == "30"
    covered = [(s.kind, s.name) for s in plan.scope if s.covered]
    assert covered == [
        (ScopeKind.LEVEL, "Senior leaders"),
        (ScopeKind.DEPARTMENT, "Sales"),
        (ScopeKind.DEPARTMENT, "Finance"),
    ]
    assert plan.duration is PilotDuration.TWO_WEEKS
    assert [t.aspect for t in plan.tests][:2] == [
        PilotAspect.LEADERSHIP,
        PilotAspect.CONCEPTUAL_FIT,
    ]
    moved = plan.tests[1]
    assert (moved.owner, moved.due) == ("Ana", "2027-02-01")
    vision, skills = plan.changes[:2]
    assert (vision.in_place, vision.evidence) == (InPlace.YES, "The CEO memo")
    assert (skills.in_place, skills.action) == (InPlace.NO, "Two trainings in January")
    assert [q.text for q in plan.questions] == ["Who pays for the tool?"]
    assert [(s.text, s.owner, s.due) for s in plan.next_steps] == [
        ("Book the kick-off", "Dana", "2027-01-10")
    ]
    assert workshop.current_stage == 6  # Ctrl+B from next steps: back on the checklist


async def test_a_pilot_resumes_where_it_was_with_what_was_typed(make_app, store, pilot_id):
    app = make_app(pilot_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.keys_settled()
        await next_stage(app, pilot, "why_a_pilot")
        await type_keys(app, pilot, "ctrl+t", *"Check the fit")
    again = make_app(pilot_id)
    async with again.run_test(size=(80, 24)) as pilot:
        await again.keys_settled()
        for _ in range(200):
            if getattr(again.screen, "is_built", False):
                break
            await pilot.pause(0.02)
        assert again.screen.STAGE_KEY == "why_a_pilot"
        assert again.screen.query_one("#pilot-reason").value == "Check the fit"
        assert again.screen.query_one("#risk-promise").has_class("-chosen")


async def test_the_plan_is_exported_from_the_last_step(
    make_app, store, pilot_id, monkeypatch, tmp_path
):
    import workshop.core.paths

    monkeypatch.setattr(workshop.core.paths, "exports_dir", lambda: Path(tmp_path))
    store.update_workshop(pilot_id, team="Northwind", period="2027")
    app = make_app(pilot_id, stage=NEXT_STEPS)
    async with app.run_test(size=(160, 45)) as pilot:
        assert (await on_stage(pilot, NEXT_STEPS)).STAGE_KEY == "next_steps"
        await type_keys(app, pilot, "f2")
        for _ in range(1000):
            if "Written" in text_of(app, "#pilot-export-status"):
                break
            await pilot.pause(0.05)
        status = text_of(app, "#pilot-export-status")
    assert "Written (3 files)" in status
    names = sorted(p.name for p in Path(tmp_path).iterdir())
    assert names == [
        "northwind-2027-pilot.json",
        "northwind-2027-pilot.md",
        "northwind-2027-pilot.pdf",
    ]
