"""Pilot tests: the business-goals stage, driven with keys, checked in the store."""

from __future__ import annotations

from tests.tui.stage_waits import GOALS, on_stage
from workshop.core.db.store import Item
from workshop.tui.screens.goals import GoalsScreen


async def go_to_goals(pilot) -> None:
    """The app opens at the stage (`make_app(..., stage=GOALS)`): wait for it."""
    screen = await on_stage(pilot, GOALS)
    assert isinstance(screen, GoalsScreen)


async def test_priorities_and_whys_are_saved_as_typed(make_app, store):
    app = make_app(stage=GOALS)
    async with app.run_test(size=(160, 45)) as pilot:
        await go_to_goals(pilot)
        await pilot.press(*"Win back lapsed customers")
        await pilot.press("ctrl+o", *"churn doubled")
        await pilot.press("ctrl+o", *"mobile users left")  # Ctrl+O: ask why again
        await pilot.press("ctrl+n")  # leaving the stage flushes what was typed
        await pilot.pause()
        workshop = store.load(app.session.workshop_id)
    assert [p.text for p in workshop.priorities] == ["Win back lapsed customers"]
    assert workshop.priorities[0].whys == ["churn doubled", "mobile users left"]


async def test_a_second_priority_and_removing_an_empty_one(make_app, store):
    app = make_app(stage=GOALS)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to_goals(pilot)
        await pilot.press(*"Grow", "enter", *"Keep", "enter")
        await pilot.press("backspace")  # the third, empty priority goes away
        await pilot.pause()
        app.session.flush()
        workshop = store.load(app.session.workshop_id)
    assert [p.text for p in workshop.priorities] == ["Grow", "Keep"]


async def test_more_than_five_priorities_warns(make_app, store):
    workshop_id = store.create_workshop()
    for n in range(6):
        store.add(Item.PRIORITY, workshop_id, text=f"Priority {n}")
    app = make_app(workshop_id, stage=GOALS)
    async with app.run_test(size=(160, 45)) as pilot:
        await go_to_goals(pilot)
        count = app.screen.query_one("#priority-count")
        assert "more than 5" in str(count.render())
        assert count.has_class("-warning")


async def test_enter_on_a_why_adds_the_next_priority_below_it(make_app, store):
    workshop_id = store.create_workshop()
    first = store.add(Item.PRIORITY, workshop_id, text="Grow")
    store.add(Item.WHY, first, text="we shrank")
    store.add(Item.PRIORITY, workshop_id, text="Keep")
    app = make_app(workshop_id, stage=GOALS)
    async with app.run_test(size=(160, 45)) as pilot:
        await go_to_goals(pilot)
        await pilot.press("down")  # the "why" under Grow
        await pilot.press("enter", *"Hire")  # the hint: "Enter: next priority"
        await app.keys_settled()
        focused = app.focused
        assert focused.has_class("priority") and focused.value == "Hire"
        assert focused.placeholder.startswith("Priority 2:")
        app.session.flush()
        workshop = store.load(app.session.workshop_id)
    assert [p.text for p in workshop.priorities] == ["Grow", "Hire", "Keep"]
    assert workshop.priorities[0].whys == ["we shrank"]


def two_priorities(store, first: str, second: str) -> int:
    """A new workshop with these two priorities; its id."""
    workshop_id = store.create_workshop()
    store.add(Item.PRIORITY, workshop_id, text=first)
    store.add(Item.PRIORITY, workshop_id, text=second)
    return workshop_id


async def test_up_on_the_first_field_and_down_on_the_last_stay_put(make_app, store):
    workshop_id = two_priorities(store, "Grow", "Keep")
    app = make_app(workshop_id, stage=GOALS)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to_goals(pilot)
        first, last = app.screen.query(".priority").results()
        assert app.focused is first
        await pilot.press("up")
        await app.keys_settled()
        assert app.focused is first  # not round to the last one
        await pilot.press("down", "down")
        await app.keys_settled()
        assert app.focused is last


async def test_tab_from_the_last_field_goes_round_to_the_first_and_loses_nothing(make_app, store):
    """Tab never leaves the fields for the scrolling column, where typing went nowhere."""
    workshop_id = two_priorities(store, "Grow", "Keep")
    app = make_app(workshop_id, stage=GOALS)
    async with app.run_test(size=(160, 45)) as pilot:
        await go_to_goals(pilot)
        first, last = app.screen.query(".priority").results()
        await pilot.press("down", "end", *" all", "tab", *" of them", "shift+tab", *"!")
        await app.keys_settled()
        assert app.focused is last
        app.session.flush()
        workshop = store.load(workshop_id)
    assert [p.text for p in workshop.priorities] == ["Grow of them", "Keep all!"]
