"""Every key lands in the field it was typed for, in order, whatever the timing.

These are the failures a facilitator saw (issue 12): Tab and Enter moved the cursor
while the keys typed after them went to the old field. Each burst is posted to the
app in one go, as a terminal delivers a fast typist's keys, before the app has
handled any of them; what counts is what the store holds afterwards.
"""

from __future__ import annotations

from tests.tui.stage_waits import KEY_RESULTS
from tests.tui.test_type_ahead import ENTER, burst, go_to_key_results, kr_workshop, saved
from workshop.core.db.store import Item
from workshop.core.domain import CascadeModel
from workshop.tui.screens.objectives import ObjectivesScreen
from workshop.tui.screens.setup import SetupScreen
from workshop.tui.widgets.kr_rows import KRField

TAB = "tab"


async def on_first_key_result(pilot) -> None:
    """Key results, with the cursor in the first key result's sentence."""
    screen = await go_to_key_results(pilot)
    first = [f for f in screen.query(KRField).results(KRField) if f.kr_field == "text"][0]
    first.focus()
    await pilot.pause()


async def test_tab_between_key_result_fields_keeps_each_value_in_its_field(make_app, store):
    app = make_app(kr_workshop(store, 1), stage=KEY_RESULTS)
    async with app.run_test(size=(160, 45)) as pilot:
        await on_first_key_result(pilot)
        await burst(
            pilot,
            "end",
            ENTER,
            "Grow help articles from 40 to 200",
            TAB,
            "40",
            TAB,
            "200",
            TAB,
            "articles",
            TAB,
            "Cy Dunn",
        )
        workshop = saved(app, store)
    second = workshop.objectives[0].key_results[1]
    assert (second.text, second.start, second.target, second.unit, second.owner) == (
        "Grow help articles from 40 to 200",
        "40",
        "200",
        "articles",
        "Cy Dunn",
    )


async def test_enter_after_a_key_results_owner_starts_the_next_key_result(make_app, store):
    # Seen in tmux: Enter on the owner went back round to the key result's sentence, and
    # the next key result was typed onto the end of it ("...to 200Cut repeat tickets...").
    app = make_app(kr_workshop(store, 1), stage=KEY_RESULTS)
    async with app.run_test(size=(160, 45)) as pilot:
        await on_first_key_result(pilot)
        await burst(pilot, "end", ENTER, "Grow help articles from 40 to 200", TAB, "40")
        await burst(pilot, TAB, "200", TAB, "articles", TAB, "Cy Dunn", ENTER)
        await burst(pilot, "Cut repeat tickets from 30% to 10%", TAB, "30%", TAB, "10%")
        # Backspace in the empty unit leaves the key result alone (it is not a list line).
        await burst(pilot, TAB, "backspace", TAB, "Ana Ruiz")
        workshop = saved(app, store)
    rows = [
        (kr.text, kr.start, kr.target, kr.unit, kr.owner)
        for kr in workshop.objectives[0].key_results[1:]
    ]
    assert rows == [
        ("Grow help articles from 40 to 200", "40", "200", "articles", "Cy Dunn"),
        ("Cut repeat tickets from 30% to 10%", "30%", "10%", "", "Ana Ruiz"),
    ]


async def test_set_up_fields_and_participants_typed_in_one_burst(make_app, store):
    app = make_app(store.create_workshop(team="Ops", timezone=""))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.keys_settled()
        assert isinstance(app.screen, SetupScreen)
        app.screen.query_one("#field-timezone").focus()
        await pilot.pause()
        await burst(pilot, "Europe/London", TAB, "Dana Whitfield", ENTER, "Eli", ENTER, "Fay")
        workshop = saved(app, store)
    assert workshop.timezone == "Europe/London"
    assert workshop.participants[-3:] == ["Dana Whitfield", "Eli", "Fay"]


async def test_typing_straight_after_the_cascade_picker_closes(make_app, store):
    workshop_id = store.create_workshop(team="Fleet", period="2027-Q1")
    store.add(Item.PRIORITY, workshop_id, text="Win back riders")
    app = make_app(workshop_id)
    async with app.run_test(size=(160, 45)) as pilot:
        app.session.set_stage(2)
        await pilot.press("ctrl+n")
        await app.keys_settled()
        assert isinstance(app.screen, ObjectivesScreen)
        # No model chosen yet: the picker has the cursor; Enter picks, then the room types.
        await burst(pilot, ENTER, "Make abc")
        workshop = saved(app, store)
    assert workshop.cascade_model is not None
    assert [o.text for o in workshop.objectives] == ["Make abc"]


async def test_a_burst_across_three_stages_lands_in_each_stage(make_app, store):
    app = make_app(store.create_workshop(team="Ops", period="2027-Q1"))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.keys_settled()
        # Overview, then goals: a priority; then back to set-up would be ctrl+b.
        await burst(pilot, "ctrl+n", "ctrl+n", "Grow revenue", ENTER, "Keep customers")
        workshop = saved(app, store)
    assert [p.text for p in workshop.priorities] == ["Grow revenue", "Keep customers"]


async def test_objectives_with_a_model_take_a_burst_of_lines(make_app, store):
    workshop_id = store.create_workshop(team="Fleet", period="2027-Q1")
    store.update_workshop(workshop_id, cascade_model=CascadeModel.FLEXIBLE)
    app = make_app(workshop_id)
    async with app.run_test(size=(80, 24)) as pilot:
        app.session.set_stage(2)
        await burst(pilot, "ctrl+n", "One", ENTER, "Two", ENTER, "Three")
        workshop = saved(app, store)
    assert [o.text for o in workshop.objectives] == ["One", "Two", "Three"]


async def test_enter_on_an_empty_participant_line_moves_on_even_in_a_burst(make_app, store):
    # Seen with a fast typist: the Enter on the empty line under "Cara" sent the cursor
    # back up to "Ben" (the new line was not laid out yet, so it counted as the top
    # one), and the company objective typed next was stored as "CaraDouble...".
    app = make_app(store.create_workshop(team="Ops", period="2027-Q1", timezone="UTC"))
    async with app.run_test(size=(160, 45)) as pilot:
        await app.keys_settled()
        assert isinstance(app.screen, SetupScreen)
        app.screen.query_one(".participant").focus()
        await pilot.pause()
        await burst(pilot, "Ana", ENTER, "Ben", ENTER, "Cara", ENTER, ENTER, "ctrl+t", TAB)
        await burst(pilot, "Double recurring revenue", "ctrl+o", "ARR from 5M to 10M")
        workshop = saved(app, store)
    assert workshop.participants == ["Ana", "Ben", "Cara"]
    assert workshop.approach is not None and workshop.approach.value == "bottom-up"
    assert [p.text for p in workshop.parent_objectives] == ["Double recurring revenue"]
    assert [k.text for k in workshop.parent_objectives[0].key_results] == ["ARR from 5M to 10M"]
