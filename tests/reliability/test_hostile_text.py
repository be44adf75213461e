"""Text is stored verbatim and shown literally: an escape sequence never reaches the terminal.

Textual's Input draws its value as it is, so "\x1b[2J" in a field would clear
the projector's screen and "\x1b]0;…\x07" retitle the window. FieldInput draws
`visible(value)` instead (ESC as ␛, NUL as ␀), one cell per character, while
`.value`, which autosave stores, keeps every character.
"""

from __future__ import annotations

import re

from textual import events

from workshop.core.db.store import MAX_FIELD_CHARS, Item
from workshop.core.textsafe import visible
from workshop.tui.screens.goals import GoalsScreen
from workshop.tui.widgets.fields import TOO_LONG, FieldInput

HOSTILE = "a\x1b[2Jb\x1b]0;pwned\x07c\rd\x00e\x9bf\x7fg\th"
# Any C0 or C1 control character, or DEL, in what would be written to the terminal.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def drawn(field: FieldInput) -> str:
    return "".join(segment.text for segment in field.render_line(0))


async def open_goals(make_app, store, text: str):
    workshop_id = store.create_workshop(team="Payments")
    store.add(Item.PRIORITY, workshop_id, text=text)
    app = make_app(workshop_id)
    return app


async def test_a_hostile_value_is_drawn_with_visible_stand_ins(make_app, store):
    app = await open_goals(make_app, store, HOSTILE)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("ctrl+n", "ctrl+n")
        assert isinstance(app.screen, GoalsScreen)
        field = app.screen.query_one(".priority", FieldInput)
        assert field.value == HOSTILE  # verbatim, as stored
        text = drawn(field)
        assert not CONTROL.search(text), repr(text)
        assert visible(HOSTILE) in text
        # Nothing anywhere on the screen carries a raw control character either.
        svg = app.export_screenshot()
        assert "\x1b" not in svg and "\x00" not in svg and "\x9b" not in svg


async def test_the_cursor_lands_on_the_right_character(make_app, store):
    app = await open_goals(make_app, store, HOSTILE)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("ctrl+n", "ctrl+n")
        field = app.screen.query_one(".priority", FieldInput)
        field.focus()
        # Every character, control or not, is one cell wide on screen.
        for index in range(len(HOSTILE) + 1):
            assert field._position_to_cell(index) == index
            if index < len(HOSTILE):
                assert field._cell_offset_to_index(index) == index
        # Editing in the middle works on the real value: delete the ESC of "\x1b[2J".
        field.cursor_position = 1
        await pilot.press("delete")
        assert field.value == HOSTILE[:1] + HOSTILE[2:]
        await pilot.press(*"XY")
        assert field.value == "aXY" + HOSTILE[2:]
        assert field.cursor_position == 3


async def test_pasted_escape_sequences_are_saved_verbatim(make_app, store):
    app = await open_goals(make_app, store, "")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("ctrl+n", "ctrl+n")
        field = app.screen.query_one(".priority", FieldInput)
        field.focus()
        pasted = "\x1b[2J\x1b]0;pwned\x07\x00 😀 \u202eevil"
        field.post_message(events.Paste(pasted))
        await pilot.pause()
        assert field.value == pasted
        assert not CONTROL.search(drawn(field))
        app.session.flush()
        workshop = store.load(app.session.workshop_id)
    assert workshop.priorities[0].text == pasted


async def test_a_five_megabyte_paste_is_refused_with_a_note(make_app, store):
    app = await open_goals(make_app, store, "Grow")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("ctrl+n", "ctrl+n")
        field = app.screen.query_one(".priority", FieldInput)
        field.focus()
        field.cursor_position = len(field.value)
        field.post_message(events.Paste("x" * 5_000_000))
        await pilot.pause()
        assert field.value == "Grow"
        assert any(TOO_LONG in n.message for n in app._notifications)
        # Up to the limit is fine, then typing stops there, with the same note.
        field.post_message(events.Paste("y" * (MAX_FIELD_CHARS - 4)))
        await pilot.pause()
        assert len(field.value) == MAX_FIELD_CHARS
        await pilot.press("z")
        assert len(field.value) == MAX_FIELD_CHARS and not field.value.endswith("z")
        app.session.flush()
        workshop = store.load(app.session.workshop_id)
    assert workshop.priorities[0].text == "Grow" + "y" * (MAX_FIELD_CHARS - 4)
