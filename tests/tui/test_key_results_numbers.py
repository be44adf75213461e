"""Pilot tests: the key results stage offers from, to and unit read from the sentence (F2).

Typed with keys, checked in the store: the offer is shown, never written until F2, and
typing on leaves the fields as the room typed them.
"""

from __future__ import annotations

import pytest

from tests.tui.stage_waits import KEY_RESULTS, on_stage
from workshop.core.db.store import Item
from workshop.tui.screens.key_results import KeyResultsScreen
from workshop.tui.widgets.kr_rows import KeyResultRow, KRField


@pytest.fixture
def one_objective(store):
    workshop_id = store.create_workshop(team="Support", period="2027-Q1")
    store.add(Item.OBJECTIVE, workshop_id, text="Keep customers with us", goal_type="committed")
    return workshop_id


async def open_key_results(pilot) -> KeyResultsScreen:
    """The app opens at the stage (`make_app(..., stage=KEY_RESULTS)`): wait for it."""
    screen = await on_stage(pilot, KEY_RESULTS)
    assert isinstance(screen, KeyResultsScreen)
    return screen


def offer_of(row: KeyResultRow) -> str:
    label = row.query_one(".kr-suggestion")
    return str(label.render()) if label.has_class("-shown") and label.display else ""


def first_row(screen: KeyResultsScreen) -> KeyResultRow:
    return screen.query(KeyResultRow).first(KeyResultRow)


def stored_numbers(store, workshop_id, index=0):
    kr = store.load(workshop_id).objectives[0].key_results[index]
    return kr.start, kr.target, kr.unit


async def test_the_sentence_offers_from_to_and_unit_and_f2_fills_them(
    make_app, store, one_objective
):
    app = make_app(one_objective, stage=KEY_RESULTS)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_key_results(pilot)
        await pilot.press(*"Cut churn from 8% to 3%")
        await app.keys_settled()
        row = first_row(screen)
        assert offer_of(row) == "F2 fills in: from 8 · to 3 · unit % (lower is better)"
        # Offered, not written: the fields and the store are still empty.
        assert row.field("start").value == ""
        app.session.flush()
        assert stored_numbers(store, one_objective) == ("", "", "")

        await pilot.press("f2")
        await app.keys_settled()
        assert [row.field(n).value for n in ("start", "target", "unit")] == ["8", "3", "%"]
        assert offer_of(row) == ""  # nothing left to offer
        # Stored at once, like a choice, not left for the autosave tick.
        assert stored_numbers(store, one_objective) == ("8", "3", "%")
        assert isinstance(screen.focused, KRField) and screen.focused.kr_field == "text"


async def test_keeping_on_typing_ignores_the_offer(make_app, store, one_objective):
    app = make_app(one_objective, stage=KEY_RESULTS)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_key_results(pilot)
        await pilot.press(*"Grow weekly active users from 1,200 to 2,000")
        await app.keys_settled()
        row = first_row(screen)
        assert "from 1,200 · to 2,000 · unit weekly active users" in offer_of(row)
        # The room types its own numbers instead.
        await pilot.press("down", *"1200", "down", *"2500", "tab", *"WAU")
        await app.keys_settled()
        assert offer_of(row) == "F2 replaces with: to 2,000"  # 1200 is 1,200; WAU is theirs
        await pilot.press("ctrl+n")  # leaving saves
        await app.keys_settled()
    assert stored_numbers(store, one_objective) == ("1200", "2500", "WAU")


async def test_the_offer_follows_the_sentence_and_the_cursor(make_app, store, one_objective):
    app = make_app(one_objective, stage=KEY_RESULTS)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_key_results(pilot)
        await pilot.press(*"Reduce handling time from 9 hours to 2 hours")
        await pilot.press("enter", *"Launch the help centre")  # a second row, no numbers
        await app.keys_settled()
        first, second = screen.query(KeyResultRow).results(KeyResultRow)
        assert offer_of(first) == ""  # only the row with the cursor shows its offer
        assert offer_of(second) == ""
        await pilot.press("f2")  # nothing to fill in: one line says so, nothing stored
        await app.keys_settled()
        assert second.field("start").value == ""
        await pilot.press(*["up"] * 5)  # owner, unit, to, from, then the first sentence
        await app.keys_settled()
        assert screen.focused is first.text_field
        assert offer_of(first) == "F2 fills in: from 9 · to 2 · unit hours (lower is better)"
        # Editing the sentence changes the offer.
        await pilot.press("end", *["backspace"] * 7, *"1 hour")
        await app.keys_settled()
        assert first.text_field.value == "Reduce handling time from 9 hours to 1 hour"
        assert offer_of(first) == "F2 fills in: from 9 · to 1 · unit hour (lower is better)"
        await pilot.press("f2")
        await app.keys_settled()
    assert stored_numbers(store, one_objective, 0) == ("9", "1", "hour")
    assert stored_numbers(store, one_objective, 1) == ("", "", "")


async def test_a_milestone_is_offered_nothing(make_app, store, one_objective):
    app = make_app(one_objective, stage=KEY_RESULTS)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_key_results(pilot)
        await pilot.press(*"Cut churn from 8% to 3%", "ctrl+t")
        await app.keys_settled()
        row = first_row(screen)
        assert row.has_class("-milestone")
        assert offer_of(row) == ""
        await pilot.press("f2")
        await app.keys_settled()
        app.session.flush()
    assert stored_numbers(store, one_objective) == ("", "", "")


async def test_f2_is_in_the_footer(make_app, one_objective):
    app = make_app(one_objective, stage=KEY_RESULTS)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_key_results(pilot)
        shown = {
            binding.key: binding.description
            for (_, binding, enabled, _) in screen.active_bindings.values()
            if binding.show
        }
        assert shown.get("f2") == "Fill from/to"
