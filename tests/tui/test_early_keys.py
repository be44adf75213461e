"""Keys typed the moment a stage appears reach its first field.

A stage screen is drawn first and its editor built a moment later (so Textual
styles an empty screen); a facilitator who starts typing as soon as the stage
appears must not lose the first characters in between.
"""

from __future__ import annotations

from tests.tui.test_type_ahead import key_event, saved
from workshop.core.db.store import Item
from workshop.tui.screens.goals import GoalsScreen


async def burst(pilot, *keys: str) -> None:
    """Post every key (a key name, or text split into characters) at once, then settle."""
    for part in keys:
        for key in [part] if part.startswith("ctrl+") else list(part):
            pilot.app.post_message(key_event(key))
    await pilot.app.keys_settled()
    await pilot.pause()


async def test_a_priority_typed_straight_after_moving_to_goals(make_app, store):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("ctrl+n")  # the overview
        await burst(pilot, "ctrl+n", "Qx1 win back customers")
        assert isinstance(app.screen, GoalsScreen)
        workshop = saved(app, store)
    assert [p.text for p in workshop.priorities] == ["Qx1 win back customers"], workshop.priorities


async def test_keys_on_a_stage_without_fields_are_not_swallowed(make_app, store):
    """The overview has nothing to type in: its keys still work once it is built."""
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await burst(pilot, "ctrl+n")
        screen = app.screen
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, GoalsScreen), screen


async def test_keys_typed_on_arriving_at_goals_with_stored_priorities_go_to_the_first(
    make_app, store
):
    workshop_id = store.create_workshop(team="Support")
    store.add(Item.PRIORITY, workshop_id, text="Keep the customers we win")
    app = make_app(workshop_id)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("ctrl+n")  # the overview
        await burst(pilot, "ctrl+n", "Zq ")
        assert isinstance(app.screen, GoalsScreen)
        workshop = saved(app, store)
    assert [p.text for p in workshop.priorities] == ["Keep the customers we winZq "]
