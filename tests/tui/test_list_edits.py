"""Removing in one key, bringing it back, and moving items up and down (issue 14).

What a facilitator checks: one key removes a key result however much it holds,
Ctrl+Z brings it back in its place with everything it held, and Alt+Up/Alt+Down
reorder key results, priorities and objectives; each time the store agrees.
"""

from __future__ import annotations

import pytest

from tests.tui.stage_waits import GOALS, KEY_RESULTS, OBJECTIVES, on_stage
from workshop.core.db.store import Item
from workshop.core.domain import CascadeModel, KeyResultKind
from workshop.tui.screens.goals import GoalsScreen
from workshop.tui.screens.key_results import KeyResultsScreen
from workshop.tui.screens.objectives import ObjectivesScreen
from workshop.tui.widgets.kr_rows import KRField


@pytest.fixture
def okr_workshop(store):
    workshop_id = store.create_workshop(team="Support", period="2027-Q1")
    store.update_workshop(workshop_id, cascade_model=CascadeModel.BOTTOM_UP)
    for text in ("Grow", "Keep", "Hire"):
        priority = store.add(Item.PRIORITY, workshop_id, text=text)
        store.add(Item.WHY, priority, text=f"why {text}")
    first = store.add(Item.OBJECTIVE, workshop_id, text="Make support feel instant")
    store.add(Item.KEY_RESULT, first, text="Cut first reply time")
    store.add(
        Item.KEY_RESULT,
        first,
        text="Raise CSAT",
        start="70",
        target="85",
        unit="%",
        owner="Ana",
    )
    store.add(Item.KEY_RESULT, first, text="Ship the help centre", kind="milestone")
    store.add(Item.OBJECTIVE, workshop_id, text="Win back customers who left")
    return workshop_id


async def enter(pilot, stage: int):
    """The app opens at the stage (`make_app(..., stage=stage)`): wait for it, built."""
    return await on_stage(pilot, stage)


def saved(app, store):
    app.session.flush()
    return store.load(app.session.workshop_id)


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_a_key_result_goes_in_one_key_and_comes_back_whole(make_app, store, okr_workshop):
    app = make_app(okr_workshop, stage=KEY_RESULTS)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await enter(pilot, KEY_RESULTS)
        assert isinstance(screen, KeyResultsScreen)
        block = screen.blocks[0]
        block.rows[1].field("owner").focus()  # anywhere in KR 1.2, which holds 70, 85, %, Ana
        await pilot.press("ctrl+delete")
        await app.keys_settled()
        assert [r.text_field.value for r in block.rows] == [
            "Cut first reply time",
            "Ship the help centre",
        ]
        assert block.rows[1].text_field.border_title == "KR 1.2 · milestone"
        assert "KR 1.2 removed. Ctrl+Z brings it back." in notices(app)
        assert [k.text for k in saved(app, store).objectives[0].key_results] == [
            "Cut first reply time",
            "Ship the help centre",
        ]
        await pilot.press("ctrl+z")
        await app.keys_settled()
        back = block.rows[1]
        assert app.focused is back.text_field
        assert back.text_field.value == "Raise CSAT"
        assert back.text_field.border_title == "KR 1.2 · metric"
        assert [back.field(n).value for n in ("start", "target", "unit", "owner")] == [
            "70",
            "85",
            "%",
            "Ana",
        ]
        krs = saved(app, store).objectives[0].key_results
    assert [k.text for k in krs] == ["Cut first reply time", "Raise CSAT", "Ship the help centre"]
    assert (krs[1].start, krs[1].target, krs[1].unit, krs[1].owner) == ("70", "85", "%", "Ana")
    assert krs[2].kind is KeyResultKind.MILESTONE


async def test_backspace_on_an_emptied_key_result_removes_it_with_its_details(
    make_app, store, okr_workshop
):
    app = make_app(okr_workshop, stage=KEY_RESULTS)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await enter(pilot, KEY_RESULTS)
        block = screen.blocks[0]
        block.rows[1].text_field.focus()
        await pilot.press("ctrl+u", "backspace")  # clear the text, then Backspace: gone
        await app.keys_settled()
        assert len(block.rows) == 2
        assert not any("Clear" in n for n in notices(app))
        assert isinstance(app.focused, KRField)
        assert app.focused.value == "Cut first reply time"  # the line above
        assert len(saved(app, store).objectives[0].key_results) == 2


async def test_key_results_move_up_and_down(make_app, store, okr_workshop):
    app = make_app(okr_workshop, stage=KEY_RESULTS)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await enter(pilot, KEY_RESULTS)
        block = screen.blocks[0]
        block.rows[0].text_field.focus()
        await pilot.press("alt+down", "alt+down", "alt+down")  # the third stops at the end
        await app.keys_settled()
        assert app.focused is block.rows[2].text_field
        assert app.focused.border_title == "KR 1.3 · metric"
        assert [k.text for k in saved(app, store).objectives[0].key_results] == [
            "Raise CSAT",
            "Ship the help centre",
            "Cut first reply time",
        ]
        await pilot.press("ctrl+up")
        await app.keys_settled()
        texts = [k.text for k in saved(app, store).objectives[0].key_results]
    assert texts == ["Raise CSAT", "Cut first reply time", "Ship the help centre"]


async def test_a_priority_with_its_reasons_goes_and_comes_back(make_app, store, okr_workshop):
    app = make_app(okr_workshop, stage=GOALS)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await enter(pilot, GOALS)
        assert isinstance(screen, GoalsScreen)
        await pilot.press("down", "down")  # Grow, its why, then Keep
        await pilot.press("ctrl+delete")
        await app.keys_settled()
        assert app.focused.value == "why Grow"  # the line above the one removed
        assert "Priority 2 removed. Ctrl+Z brings it back." in notices(app)
        workshop = saved(app, store)
        assert [p.text for p in workshop.priorities] == ["Grow", "Hire"]
        await pilot.press("ctrl+z")
        await app.keys_settled()
        assert app.focused.value == "Keep"
        workshop = saved(app, store)
    assert [p.text for p in workshop.priorities] == ["Grow", "Keep", "Hire"]
    assert [p.whys for p in workshop.priorities] == [["why Grow"], ["why Keep"], ["why Hire"]]


async def test_removing_the_first_priority_keeps_the_cursor_near(make_app, store, okr_workshop):
    app = make_app(okr_workshop, stage=GOALS)
    async with app.run_test(size=(160, 45)) as pilot:
        await enter(pilot, GOALS)
        await pilot.press("ctrl+delete")
        await app.keys_settled()
        assert app.focused.value == "Keep"  # not round to the last line of the stage


async def test_priorities_move_up_and_down(make_app, store, okr_workshop):
    app = make_app(okr_workshop, stage=GOALS)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await enter(pilot, GOALS)
        await pilot.press("alt+down")
        await app.keys_settled()
        assert app.focused.value == "Grow"
        assert app.focused.placeholder.startswith("Priority 2:")
        assert [p.text for p in saved(app, store).priorities] == ["Keep", "Grow", "Hire"]
        first = screen.query(".priority").first()
        assert first.value == "Keep"
        await pilot.press("alt+up", "alt+up")  # the second stops at the top
        await app.keys_settled()
        workshop = saved(app, store)
    assert [p.text for p in workshop.priorities] == ["Grow", "Keep", "Hire"]
    assert workshop.priorities[0].whys == ["why Grow"]


async def test_an_objective_with_its_key_results_goes_and_comes_back(make_app, store, okr_workshop):
    first = store.child_ids(Item.OBJECTIVE, okr_workshop)[0]
    store.add(Item.VARIATION, first, text="Answer in minutes")
    app = make_app(okr_workshop, stage=OBJECTIVES)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await enter(pilot, OBJECTIVES)
        assert isinstance(screen, ObjectivesScreen)
        screen.blocks[0].field.focus()
        await pilot.press("ctrl+delete")  # it has a wording and three key results: one key
        await app.keys_settled()
        assert [b.field.value for b in screen.blocks] == ["Win back customers who left"]
        assert screen.blocks[0].number == 1
        assert "Objective 1 removed. Ctrl+Z brings it back." in notices(app)
        assert len(saved(app, store).objectives) == 1
        await pilot.press("ctrl+z")
        await app.keys_settled()
        assert app.focused is screen.blocks[0].field
        assert app.focused.value == "Make support feel instant"
        assert [v.value for v in screen.blocks[0].variations] == ["Answer in minutes"]
        workshop = saved(app, store)
    assert [o.text for o in workshop.objectives] == [
        "Make support feel instant",
        "Win back customers who left",
    ]
    krs = workshop.objectives[0].key_results
    assert [k.text for k in krs] == ["Cut first reply time", "Raise CSAT", "Ship the help centre"]
    assert krs[1].owner == "Ana" and krs[2].kind is KeyResultKind.MILESTONE


async def test_objectives_move_up_and_down(make_app, store, okr_workshop):
    app = make_app(okr_workshop, stage=OBJECTIVES)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await enter(pilot, OBJECTIVES)
        screen.blocks[1].field.focus()
        await pilot.press("alt+up")
        await app.keys_settled()
        assert [b.field.value for b in screen.blocks] == [
            "Win back customers who left",
            "Make support feel instant",
        ]
        assert app.focused is screen.blocks[0].field
        assert screen.blocks[0].number == 1
        workshop = saved(app, store)
    assert [o.text for o in workshop.objectives] == [
        "Win back customers who left",
        "Make support feel instant",
    ]
    assert len(workshop.objectives[1].key_results) == 3  # its key results went with it
