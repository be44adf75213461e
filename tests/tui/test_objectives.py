"""Pilot tests: the objectives stage, driven with keys only, checked in the store."""

from __future__ import annotations

from tests.tui.stage_waits import OBJECTIVES, on_stage
from workshop.core.coach import judge_objective
from workshop.core.db.store import Item
from workshop.core.domain import CascadeModel, GoalType
from workshop.tui.screens.objectives import ObjectivesScreen
from workshop.tui.widgets.cascade_picker import CascadePicker
from workshop.tui.widgets.objective_block import ObjectiveField, VariationField


def seeded(store, *, model: CascadeModel | None = None, objectives: list[str] = ()) -> int:
    """A workshop with three priorities, one parent objective with two key results."""
    workshop_id = store.create_workshop(team="Fleet", period="2027-Q1")
    if model is not None:
        store.update_workshop(workshop_id, cascade_model=model)
    for text in ["Win back riders", "Keep bikes in repair", "Open new districts"]:
        store.add(Item.PRIORITY, workshop_id, text=text)
    parent = store.add(Item.PARENT_OBJECTIVE, workshop_id, text="Be the easy way round town")
    store.add(Item.PARENT_KEY_RESULT, parent, text="Ready bikes at 7am from 80% to 95%")
    store.add(Item.PARENT_KEY_RESULT, parent, text="Halve complaints about docks")
    for text in objectives:
        store.add(Item.OBJECTIVE, workshop_id, text=text)
    return workshop_id


async def open_stage(pilot) -> ObjectivesScreen:
    """The app opens at the stage (`make_app(..., stage=OBJECTIVES)`): wait for it."""
    screen = await on_stage(pilot, OBJECTIVES)
    assert isinstance(screen, ObjectivesScreen)
    return screen


def saved(app, store):
    app.session.flush()
    return store.load(app.session.workshop_id)


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_flip_through_the_models_and_pick_one(make_app, store):
    app = make_app(stage=OBJECTIVES)
    async with app.run_test(size=(160, 45)) as pilot:
        await open_stage(pilot)
        picker = app.screen.query_one(CascadePicker)
        assert app.focused is picker  # no model yet: the models come first
        assert picker.shown.model is CascadeModel.DUALITY
        await pilot.press("right", "right", "right", "left")
        await app.keys_settled()
        assert picker.shown.model is CascadeModel.BOTTOM_UP
        await pilot.press("left", "enter")
        await app.keys_settled()
        assert isinstance(app.focused, ObjectiveField)  # straight on to writing
        assert saved(app, store).cascade_model is CascadeModel.FLEXIBLE
        await pilot.press("f2")
        await app.keys_settled()
        assert app.focused is picker
        await pilot.press("left", "enter")
        await app.keys_settled()
        assert saved(app, store).cascade_model is CascadeModel.DUALITY


async def test_objectives_and_their_type_are_saved(make_app, store):
    app = make_app(seeded(store, model=CascadeModel.FLEXIBLE), stage=OBJECTIVES)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stage(pilot)
        await pilot.press(*"Win back riders so that the fleet pays its way")
        await pilot.press("ctrl+t")  # aspirational, saved at once
        assert store.load(app.session.workshop_id).objectives[0].goal_type is (
            GoalType.ASPIRATIONAL
        )
        await pilot.press("enter", *"Keep every bike rideable")
        await pilot.press("ctrl+t", "ctrl+t")  # back to committed
        await pilot.press("ctrl+n")  # leaving flushes the typing
        await pilot.pause()
        workshop = store.load(app.session.workshop_id)
    assert [o.text for o in workshop.objectives] == [
        "Win back riders so that the fleet pays its way",
        "Keep every bike rideable",
    ]
    assert [o.goal_type for o in workshop.objectives] == [
        GoalType.ASPIRATIONAL,
        GoalType.COMMITTED,
    ]


async def test_a_sixth_objective_is_refused_with_a_message(make_app, store):
    five = [f"Objective number {n}" for n in range(1, 6)]
    app = make_app(seeded(store, model=CascadeModel.BOTTOM_UP, objectives=five), stage=OBJECTIVES)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_stage(pilot)
        assert len(screen.blocks) == 5
        await pilot.press("enter")
        await pilot.pause()
        assert len(screen.blocks) == 5
        assert any("limit" in message for message in notices(app))
        assert "all 5 places used" in str(screen.query_one("#objective-count").render())
        assert len(saved(app, store).objectives) == 5


async def test_removing_an_empty_objective_renumbers_the_rest(make_app, store):
    app = make_app(seeded(store, model=CascadeModel.BOTTOM_UP), stage=OBJECTIVES)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_stage(pilot)
        await pilot.press(*"First", "enter", "enter", *"Third")
        await pilot.press("up", "backspace")  # the empty second one goes
        await pilot.pause()
        assert [b.number for b in screen.blocks] == [1, 2]
        assert [o.text for o in saved(app, store).objectives] == ["First", "Third"]


async def test_link_to_a_priority_then_a_parent_key_result_then_none(make_app, store):
    workshop_id = seeded(store, model=CascadeModel.FLEXIBLE, objectives=["Grow riders"])
    app = make_app(workshop_id, stage=OBJECTIVES)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_stage(pilot)
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # No link, then priorities 1 and 2
        await pilot.pause()
        objective = saved(app, store).objectives[0]
        assert objective.priority_index == 1
        assert objective.parent_ref is None
        block = screen.blocks[0]
        assert "Keep bikes in repair" in str(block.query_one(".objective-link").render())
        assert isinstance(app.focused, ObjectiveField)

        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press("end", "enter")  # the last parent key result
        await pilot.pause()
        objective = saved(app, store).objectives[0]
        assert (objective.priority_index, objective.parent_ref) == (1, "0.1")
        assert "Halve complaints" in str(block.query_one(".objective-link").render())

        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press("home", "enter")  # No link
        await pilot.pause()
        objective = saved(app, store).objectives[0]
        assert (objective.priority_index, objective.parent_ref) == (None, None)


async def test_escape_leaves_the_link_alone(make_app, store):
    workshop_id = seeded(store, model=CascadeModel.FLEXIBLE, objectives=["Grow riders"])
    app = make_app(workshop_id, stage=OBJECTIVES)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stage(pilot)
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press("down", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ObjectivesScreen)
        objective = saved(app, store).objectives[0]
        assert (objective.priority_index, objective.parent_ref) == (None, None)


async def test_duality_marks_objectives_without_a_parent_key_result(make_app, store):
    workshop_id = seeded(store, model=CascadeModel.DUALITY, objectives=["Ready bikes", "Calm"])
    app = make_app(workshop_id, stage=OBJECTIVES)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_stage(pilot)
        first, second = screen.blocks
        assert first.has_class("-missing-link") and second.has_class("-missing-link")
        assert "NO COMPANY KEY RESULT" in str(first.query_one(".objective-link").render())
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press("enter")  # under duality the first parent key result is offered
        await pilot.pause()
        assert saved(app, store).objectives[0].parent_ref == "0.0"
        assert not first.has_class("-missing-link")
        assert second.has_class("-missing-link")
        # Switching to bottom-up makes the link optional: no marker.
        await pilot.press("f2", "right", "right", "enter")
        await pilot.pause()
        assert not second.has_class("-missing-link")


async def test_duality_without_parent_key_results_points_to_setup(make_app, store):
    workshop_id = store.create_workshop()
    store.update_workshop(workshop_id, cascade_model=CascadeModel.DUALITY)
    app = make_app(workshop_id, stage=OBJECTIVES)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_stage(pilot)
        warning = screen.query_one("#cascade-warning")
        assert warning.display
        assert "set-up" in str(warning.render())
        assert "add them in set-up" in str(screen.blocks[0].query_one(".objective-link").render())


async def test_a_chosen_wording_replaces_the_objective_and_keeps_the_old_one(make_app, store):
    app = make_app(seeded(store, model=CascadeModel.BOTTOM_UP), stage=OBJECTIVES)
    async with app.run_test(size=(160, 45)) as pilot:
        await open_stage(pilot)
        await pilot.press(*"Grow revenue")
        await pilot.press("ctrl+o", *"Earn more so we can hire")
        await pilot.press("enter", *"Make riding pay so the fleet grows")
        await pilot.press("ctrl+y")
        await pilot.pause()
        objective = saved(app, store).objectives[0]
        assert objective.text == "Make riding pay so the fleet grows"
        assert [(v.text, v.chosen) for v in objective.variations] == [
            ("Earn more so we can hire", False),
            ("Make riding pay so the fleet grows", True),
            ("Grow revenue", False),  # the room's first wording is kept
        ]
        # Choose another: only one is chosen, and nothing is duplicated.
        await pilot.press("up", "ctrl+y")
        await pilot.pause()
        objective = saved(app, store).objectives[0]
        assert objective.text == "Earn more so we can hire"
        assert [(v.text, v.chosen) for v in objective.variations] == [
            ("Earn more so we can hire", True),
            ("Make riding pay so the fleet grows", False),
            ("Grow revenue", False),
        ]
        block = app.screen.blocks[0]
        assert block.field.value == "Earn more so we can hire"


async def test_an_empty_wording_is_removed_and_cannot_be_chosen(make_app, store):
    workshop_id = seeded(store, model=CascadeModel.BOTTOM_UP, objectives=["Grow riders"])
    app = make_app(workshop_id, stage=OBJECTIVES)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_stage(pilot)
        await pilot.press("ctrl+o", "ctrl+y")
        await pilot.pause()
        assert any("empty" in message for message in notices(app))
        assert saved(app, store).objectives[0].text == "Grow riders"
        await pilot.press("backspace")
        await pilot.pause()
        assert not screen.query(VariationField)
        assert saved(app, store).objectives[0].variations == []
        assert isinstance(app.focused, ObjectiveField)


async def test_the_coach_reads_the_focused_objective(make_app, store):
    workshop_id = seeded(store, model=CascadeModel.BOTTOM_UP, objectives=["", "Grow riders"])
    app = make_app(workshop_id, stage=OBJECTIVES)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_stage(pilot)
        coach = screen.coach
        assert coach.findings == [] and "Formula" in str(
            coach.query_one(".coach-body").render()
        )  # the first, empty objective shows the formula
        await pilot.press(*"Increase revenue by 20%")
        assert coach.pending  # debounced: nothing judged mid-typing
        coach.flush()
        assert "Rework" in str(coach.query_one(".coach-heading").render())
        assert coach.has_class("-serious")
        await pilot.press("down")  # focus moves: the coach follows at once
        await pilot.pause()
        assert not coach.pending
        assert {f.rule for f in coach.findings} == {f.rule for f in judge_objective("Grow riders")}
        # Two objectives: the count advice ("3 to 5 is the usual range") is shown too.
        assert [f.rule for f in coach.count_findings] == ["counts.objectives"]
