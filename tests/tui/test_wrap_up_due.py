"""Pilot tests: next steps get a due date on the wrap-up stage, typed as the room says it.

The test clock's day is Tuesday 12 January 2027 (tests/conftest.py).
"""

from __future__ import annotations

import datetime as dt

from textual.widgets import Label

from tests.tui.stage_waits import WRAP_UP, on_stage
from workshop.core.db.store import Item
from workshop.core.domain import WrapItemKind
from workshop.tui.screens.wrap_up import StepRow, WrapUpScreen
from workshop.tui.widgets.fields import FieldInput


async def open_wrap_up(app, pilot) -> WrapUpScreen:
    """The app opens at the stage (`make_app(..., stage=WRAP_UP)`): wait for it."""
    screen = await on_stage(pilot, WRAP_UP)
    assert isinstance(screen, WrapUpScreen)
    return screen


def note(screen: WrapUpScreen) -> str:
    label = screen.query_one("#steps-note", Label)
    return str(label.render()) if label.display else ""


def steps(store, workshop_id):
    return [(s.text, s.owner, s.due) for s in store.load(workshop_id).next_steps]


async def into_first_step(pilot) -> None:
    await pilot.press("down")  # from the first question to the first next step


async def test_a_due_date_typed_as_said_is_stored_and_shown_as_a_day(make_app, store):
    app = make_app(stage=WRAP_UP)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_wrap_up(app, pilot)
        await into_first_step(pilot)
        await pilot.press(*"Send the OKRs out", "tab", *"Sam", "tab", *"Fri")
        await app.keys_settled()
        row = screen.query(StepRow).first(StepRow)
        assert row.due_field.value == "Fri"  # as typed, while the cursor is in it
        assert note(screen) == ""
        await pilot.press("shift+tab")  # leaving the field shows the day it means
        await app.keys_settled()
        assert row.due_field.value == "Fri 15 Jan 2027"
        app.session.flush()
        assert steps(store, app.session.workshop_id) == [
            ("Send the OKRs out", "Sam", dt.date(2027, 1, 15))
        ]
        # Emptying the field takes the date away.
        await pilot.press("tab", "ctrl+u")
        await app.keys_settled()
        app.session.flush()
    assert steps(store, app.session.workshop_id) == [("Send the OKRs out", "Sam", None)]


async def test_a_bad_date_is_one_line_and_keeps_the_stored_date(make_app, store):
    workshop_id = store.create_workshop()
    step_id = store.add(
        Item.WRAP_ITEM, workshop_id, kind=WrapItemKind.NEXT_STEP, text="Book the check-ins"
    )
    store.update(Item.WRAP_ITEM, step_id, owner="Rosa", due=dt.date(2027, 1, 20))
    app = make_app(workshop_id, stage=WRAP_UP)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_wrap_up(app, pilot)
        row = screen.query(StepRow).first(StepRow)
        assert row.due_field.value == "Wed 20 Jan 2027"
        await into_first_step(pilot)
        await pilot.press("tab", "tab", "end", "x")  # a slip of the finger
        await app.keys_settled()
        assert note(screen) == (
            "Step 1's due date not saved (still Wed 20 Jan 2027): "
            "Type the due date as 2027-01-15, Fri, 15 Jan or in 2 weeks."
        )
        assert row.due_field.has_class("-bad")
        # Leaving the field keeps what was typed, so it can be corrected.
        await pilot.press("shift+tab")
        await app.keys_settled()
        assert row.due_field.value == "Wed 20 Jan 2027x"
        app.session.flush()
        assert steps(store, workshop_id) == [("Book the check-ins", "Rosa", dt.date(2027, 1, 20))]
        # Clearing the field clears the date; a date that does not exist is not stored.
        await pilot.press("tab", "ctrl+u", *"31 Feb")
        await app.keys_settled()
        assert note(screen) == (
            "Step 1's due date not saved (none yet): February has no day 31. "
            "Type the due date as 2027-01-15, Fri, 15 Jan or in 2 weeks."
        )
        app.session.flush()
        assert steps(store, workshop_id) == [("Book the check-ins", "Rosa", None)]
        # A day already gone is refused too; a good date clears the line.
        await pilot.press("ctrl+u", *"2027-01-05")
        await app.keys_settled()
        assert "Tue 5 Jan 2027 has passed" in note(screen)
        await pilot.press("ctrl+u", *"in 2 weeks")
        await app.keys_settled()
        assert note(screen) == ""
        assert not row.due_field.has_class("-bad")
        app.session.flush()
    assert steps(store, workshop_id) == [("Book the check-ins", "Rosa", dt.date(2027, 1, 26))]


async def test_a_step_without_an_owner_is_pointed_out(make_app, store):
    app = make_app(stage=WRAP_UP)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_wrap_up(app, pilot)
        await into_first_step(pilot)
        await pilot.press(*"Share the handout")
        await app.keys_settled()
        assert note(screen) == "Step 1 has no owner yet: give each step one person."
        await pilot.press("tab", *"Ana")
        await app.keys_settled()
        assert note(screen) == ""


async def test_backspace_on_an_empty_due_date_goes_back_to_the_owner(make_app):
    app = make_app(stage=WRAP_UP)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_wrap_up(app, pilot)
        await into_first_step(pilot)
        await pilot.press("tab", "tab", "backspace")
        await app.keys_settled()
        focused = screen.focused
        assert isinstance(focused, FieldInput) and focused.has_class("step-owner")


# -- removing with undo and moving, as on the other list stages ------------------------------


async def test_a_step_with_owner_and_date_is_removed_in_one_key_and_comes_back(make_app, store):
    workshop_id = store.create_workshop()
    for text, owner, day in (("Share the OKRs", "Ana", 15), ("Book the room", "Sam", 18)):
        step_id = store.add(Item.WRAP_ITEM, workshop_id, kind=WrapItemKind.NEXT_STEP, text=text)
        store.update(Item.WRAP_ITEM, step_id, owner=owner, due=dt.date(2027, 1, day))
    store.add(Item.WRAP_ITEM, workshop_id, kind=WrapItemKind.QUESTION, text="Budget?")
    app = make_app(workshop_id, stage=WRAP_UP)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_wrap_up(app, pilot)
        await into_first_step(pilot)
        await pilot.press("ctrl+delete")  # the whole step, owner and date too
        await app.keys_settled()
        app.session.flush()
        assert steps(store, workshop_id) == [("Book the room", "Sam", dt.date(2027, 1, 18))]
        await pilot.press("ctrl+z")
        await app.keys_settled()
        app.session.flush()
        assert steps(store, workshop_id) == [
            ("Share the OKRs", "Ana", dt.date(2027, 1, 15)),
            ("Book the room", "Sam", dt.date(2027, 1, 18)),
        ]
        focused = screen.focused
        assert isinstance(focused, FieldInput) and focused.value == "Share the OKRs"
        # Alt+Down moves it below the next step, on screen and in the store.
        await pilot.press("alt+down")
        await app.keys_settled()
        rows = [row.text for row in screen.query(StepRow).results(StepRow)]
        assert rows == ["Book the room", "Share the OKRs"]
        app.session.flush()
        assert [s[0] for s in steps(store, workshop_id)] == ["Book the room", "Share the OKRs"]
        assert [q.text for q in store.load(workshop_id).questions] == ["Budget?"]


async def test_backspace_on_an_empty_step_text_removes_it_with_its_owner(make_app, store):
    workshop_id = store.create_workshop()
    store.add(Item.WRAP_ITEM, workshop_id, kind=WrapItemKind.NEXT_STEP, text="Keep")
    gone = store.add(Item.WRAP_ITEM, workshop_id, kind=WrapItemKind.NEXT_STEP, text="")
    store.update(Item.WRAP_ITEM, gone, owner="Sam")
    app = make_app(workshop_id, stage=WRAP_UP)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_wrap_up(app, pilot)
        await into_first_step(pilot)
        # Down goes field by field, to the empty step's text.
        for _ in range(6):
            focused = app.screen.focused
            on_it = isinstance(focused, FieldInput) and focused.has_class("step-text")
            if on_it and focused.payload.item_id == gone:
                break
            await pilot.press("down")
            await app.keys_settled()
        focused = app.screen.focused
        assert isinstance(focused, FieldInput) and focused.has_class("step-text")
        assert focused.payload.item_id == gone
        await pilot.press("backspace")
        await app.keys_settled()
        app.session.flush()
    assert steps(store, workshop_id) == [("Keep", "", None)]
