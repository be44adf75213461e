"""Keys typed faster than a new list line appears still land where they were meant.

`pilot.press` waits for the app to settle after every key, which no fast typist
(and no `tmux send-keys`) does. `burst` posts every key to the app at once, as
the terminal driver does when a whole line arrives in one read, and only then
lets the app catch up. What counts is what the store holds afterwards.
"""

from __future__ import annotations

import unicodedata

from textual import events
from textual.keys import _character_to_key, _get_unicode_name_from_key

from tests.tui.stage_waits import GOALS, KEY_RESULTS, OBJECTIVES, on_stage
from workshop.core.db.store import Item
from workshop.core.domain import CascadeModel
from workshop.tui.screens.goals import GoalsScreen
from workshop.tui.screens.key_results import KeyResultsScreen
from workshop.tui.screens.objectives import ObjectivesScreen
from workshop.tui.widgets.kr_rows import KRField

ENTER = "enter"


def key_event(key: str) -> events.Key:
    """The event the terminal driver would make for `key` (the way Pilot builds it)."""
    if len(key) == 1:
        return events.Key(key if key.isalnum() else _character_to_key(key), key)
    try:
        character = unicodedata.lookup(_get_unicode_name_from_key(key))
    except KeyError:
        character = key if len(key) == 1 else None
    return events.Key(key, character)


def keys_of(*parts: str) -> list[str]:
    """'Grow', ENTER, 'Keep' -> G r o w enter K e e p: text is split into characters."""
    keys: list[str] = []
    for part in parts:
        keys.extend(
            [part]
            if part in (ENTER, "backspace", "up", "tab", "end") or part.startswith("ctrl+")
            else list(part)
        )
    return keys


async def burst(pilot, *parts: str) -> None:
    """Post every key before the app handles any of them, then let it settle."""
    app = pilot.app
    for key in keys_of(*parts):
        app.post_message(key_event(key))
    await app.keys_settled()
    await pilot.pause()


def saved(app, store):
    app.session.flush()
    return store.load(app.session.workshop_id)


async def go_to_goals(pilot) -> GoalsScreen:
    """The app opens at the stage (`make_app(..., stage=GOALS)`): wait for it."""
    screen = await on_stage(pilot, GOALS)
    assert isinstance(screen, GoalsScreen)
    return screen


# -- goals ------------------------------------------------------------------------


async def test_a_second_priority_typed_straight_after_enter(make_app, store):
    app = make_app(stage=GOALS)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to_goals(pilot)
        await burst(pilot, "Grow revenue", ENTER, "Keep customers")
        workshop = saved(app, store)
    assert [p.text for p in workshop.priorities] == ["Grow revenue", "Keep customers"]


async def test_a_why_and_the_next_priority_typed_straight_after_ctrl_o_and_enter(make_app, store):
    app = make_app(stage=GOALS)
    async with app.run_test(size=(160, 45)) as pilot:
        await go_to_goals(pilot)
        # Ctrl+O asks why again; Enter on a why is the next priority (the stage's hint).
        await burst(
            pilot,
            "Win back lapsed customers",
            "ctrl+o",
            "churn doubled",
            "ctrl+o",
            "mobile left",
            ENTER,
            "Keep customers",
        )
        workshop = saved(app, store)
    assert [p.text for p in workshop.priorities] == ["Win back lapsed customers", "Keep customers"]
    assert workshop.priorities[0].whys == ["churn doubled", "mobile left"]


async def test_a_chain_of_three_lines_in_one_burst(make_app, store):
    app = make_app(stage=GOALS)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await go_to_goals(pilot)
        await burst(pilot, "One", ENTER, "Two", ENTER, "Three")
        workshop = saved(app, store)
        fields = [f.value for f in screen.query(".priority").results()]
        focused = screen.focused
    assert [p.text for p in workshop.priorities] == ["One", "Two", "Three"]
    assert fields == ["One", "Two", "Three"]
    assert focused is not None and focused.value == "Three"  # the cursor ends on the last line


async def test_backspace_in_the_burst_edits_the_new_line(make_app, store):
    app = make_app(stage=GOALS)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to_goals(pilot)
        # "Kep", Backspace, "ep": the Backspace belongs to the new line, not to "Grow".
        await burst(pilot, "Grow", ENTER, "Kep", "backspace", "ep")
        workshop = saved(app, store)
    assert [p.text for p in workshop.priorities] == ["Grow", "Keep"]


async def test_up_in_the_burst_takes_the_next_keys_along(make_app, store):
    app = make_app(stage=GOALS)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to_goals(pilot)
        await burst(pilot, "Grow", ENTER, "Keep", "up", " revenue")
        workshop = saved(app, store)
    assert [p.text for p in workshop.priorities] == ["Grow revenue", "Keep"]


async def test_set_up_participants_typed_in_one_burst(make_app, store):
    # The set-up lists answer Enter in a list widget, not in the screen.
    app = make_app(store.create_workshop(team="Ops"))
    async with app.run_test(size=(160, 45)) as pilot:
        app.screen.query_one(".participant").focus()
        await pilot.pause()
        await burst(pilot, "Ana", ENTER, "Ben", ENTER, "Cara")
        workshop = saved(app, store)
    assert workshop.participants == ["Ana", "Ben", "Cara"]


# -- objectives -------------------------------------------------------------------


def objectives_workshop(store) -> int:
    workshop_id = store.create_workshop(team="Fleet", period="2027-Q1")
    store.update_workshop(workshop_id, cascade_model=CascadeModel.FLEXIBLE)
    store.add(Item.PRIORITY, workshop_id, text="Win back riders")
    return workshop_id


async def test_a_second_objective_typed_straight_after_enter(make_app, store):
    app = make_app(objectives_workshop(store), stage=OBJECTIVES)
    async with app.run_test(size=(160, 45)) as pilot:
        assert isinstance(await on_stage(pilot, OBJECTIVES), ObjectivesScreen)
        await burst(pilot, "Riders come back", ENTER, "Bikes are ready")
        workshop = saved(app, store)
    assert [o.text for o in workshop.objectives] == ["Riders come back", "Bikes are ready"]


# -- key results ------------------------------------------------------------------


def kr_workshop(store, key_results: int) -> int:
    workshop_id = store.create_workshop(team="Support", period="2027-Q1")
    objective = store.add(Item.OBJECTIVE, workshop_id, text="Make support feel instant")
    for n in range(key_results):
        store.add(Item.KEY_RESULT, objective, text=f"KR {n + 1}")
    return workshop_id


async def go_to_key_results(pilot) -> KeyResultsScreen:
    """The app opens at the stage (`make_app(..., stage=KEY_RESULTS)`): wait for it."""
    screen = await on_stage(pilot, KEY_RESULTS)
    assert isinstance(screen, KeyResultsScreen)
    return screen


async def test_a_key_result_typed_straight_after_enter(make_app, store):
    app = make_app(kr_workshop(store, 0), stage=KEY_RESULTS)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to_key_results(pilot)
        await burst(pilot, "Cut reply time", ENTER, "Raise CSAT", ENTER, "Answer at night")
        workshop = saved(app, store)
    assert [k.text for k in workshop.objectives[0].key_results] == [
        "Cut reply time",
        "Raise CSAT",
        "Answer at night",
    ]


async def test_a_full_list_gives_the_keys_back_to_the_line_typed_in(make_app, store):
    # Five is the most an objective may have.
    app = make_app(kr_workshop(store, 5), stage=KEY_RESULTS)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await go_to_key_results(pilot)
        last = [f for f in screen.query(KRField).results(KRField) if f.kr_field == "text"][-1]
        last.focus()
        await pilot.pause()
        assert last.value == "KR 5"
        await pilot.press("end")
        # Refused twice; the Backspace must still take back the "X" typed just before it.
        await burst(pilot, " more", ENTER, "X", "backspace", "!", ENTER, "?")
        workshop = saved(app, store)
        focused = screen.focused
        notes = [n.message for n in app._notifications]
    assert [k.text for k in workshop.objectives[0].key_results] == [
        "KR 1",
        "KR 2",
        "KR 3",
        "KR 4",
        "KR 5 more!?",
    ]
    assert focused is last
    assert any("already has 5 key results" in note for note in notes)
