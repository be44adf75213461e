"""Pilot tests: the business-goals stage, driven with keys, checked in the store."""

from __future__ import annotations

from workshop.screens.goals import GoalsScreen


async def go_to_goals(pilot) -> None:
    await pilot.press("ctrl+n", "ctrl+n")
    assert isinstance(pilot.app.screen, GoalsScreen)


async def test_priorities_and_whys_are_saved_as_typed(make_app, store):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await go_to_goals(pilot)
        await pilot.press(*"Win back lapsed customers")
        await pilot.press("ctrl+o", *"churn doubled")
        await pilot.press("enter", *"mobile users left")
        await pilot.press("ctrl+n")  # leaving the stage flushes what was typed
        await pilot.pause()
        workshop = store.load(app.session.workshop_id)
    assert [p.text for p in workshop.priorities] == ["Win back lapsed customers"]
    assert workshop.priorities[0].whys == ["churn doubled", "mobile users left"]


async def test_a_second_priority_and_removing_an_empty_one(make_app, store):
    app = make_app()
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
    from workshop.db.store import Item

    for n in range(6):
        store.add(Item.PRIORITY, workshop_id, text=f"Priority {n}")
    app = make_app(workshop_id)
    async with app.run_test(size=(160, 45)) as pilot:
        app.session.set_stage(0)
        await go_to_goals(pilot)
        count = app.screen.query_one("#priority-count")
        assert "more than 5" in str(count.render())
        assert count.has_class("-warning")
