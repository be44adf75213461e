"""Long statements are read whole: a field the cursor is not in shows its text wrapped.

What a facilitator checks: at 80x24 and 160x45 every word of a long objective, key
result or priority is on the screen when the cursor is elsewhere; the field being
typed in is one line and takes keys as before; what is stored is what was typed.
"""

from __future__ import annotations

import pytest

from tests.tui.stage_waits import GOALS, OBJECTIVES, on_stage
from workshop.core.db.store import Item
from workshop.core.domain import CascadeModel
from workshop.core.textsafe import visible
from workshop.tui.widgets.fields import FieldInput
from workshop.tui.widgets.kr_rows import KRField
from workshop.tui.widgets.objective_block import ObjectiveField

LONG = (
    "Make the help centre the first place customers look, so that they fix common "
    "problems without waiting for us"
)
KR = (
    "Cut the time to a first answer from 9 hours to 2 hours for every customer who writes "
    "in by mail, chat or phone, in every language we support"
)


def seeded(store) -> int:
    workshop_id = store.create_workshop(team="Support", period="2027-Q1")
    store.update_workshop(workshop_id, cascade_model=CascadeModel.BOTTOM_UP)
    priority = store.add(Item.PRIORITY, workshop_id, text="Customers help themselves: " + LONG)
    store.add(Item.WHY, priority, text="Because " + LONG)
    objective = store.add(Item.OBJECTIVE, workshop_id, text="Short one")
    store.add(Item.OBJECTIVE, workshop_id, text=LONG)
    store.add(Item.KEY_RESULT, objective, text="Answer faster")
    second = store.child_ids(Item.OBJECTIVE, workshop_id)[1]
    store.add(Item.KEY_RESULT, second, text=KR)
    store.add(Item.KEY_RESULT, second, text="Publish 40 new help articles")
    return workshop_id


async def enter(pilot, stage: int):
    """The app opens at the stage (`make_app(..., stage=stage)`): wait for it, built."""
    return await on_stage(pilot, stage)


def assert_read_whole(field: FieldInput) -> None:
    """The field shows every character of its text, on as many lines as it needs."""
    assert field.shows_wrapped
    width = field.scrollable_content_region.width
    lines = field.wrapped_lines(width)
    assert len(lines) > 1
    assert all(line.cell_len <= width for line in lines)
    shown = " ".join(line.plain for line in lines)
    assert shown.split() == visible(field.value).split()
    # The field is tall enough for all of them (plus its top and bottom border) and
    # lies inside the screen horizontally: nothing is cut at the right edge.
    assert field.region.height == len(lines) + 2
    assert field.region.right <= field.screen.size.width


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_objectives_read_whole_unless_being_typed(make_app, store, size):
    app = make_app(seeded(store), stage=OBJECTIVES)
    async with app.run_test(size=size) as pilot:
        screen = await enter(pilot, OBJECTIVES)
        first, second = (block.field for block in screen.blocks)
        assert app.focused is first
        assert_read_whole(second)
        # Down: the long one is being typed: one line, and typing lands at its end.
        await pilot.press("down", "end", *" today")
        await app.keys_settled()
        await pilot.pause()
        assert app.focused is second
        assert not second.shows_wrapped
        assert second.region.height == 3
        # Up: it is read whole again, with what was just typed.
        await pilot.press("up")
        await app.keys_settled()
        await pilot.pause()
        assert_read_whole(second)
        assert second.wrapped_lines(second.scrollable_content_region.width)[-1].plain.endswith(
            "today"
        )
        app.session.flush()
        stored = store.load(app.session.workshop_id)
    assert stored.objectives[1].text == LONG + " today"


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_key_results_and_priorities_read_whole(make_app, store, size):
    app = make_app(seeded(store), stage=GOALS)
    async with app.run_test(size=size) as pilot:
        screen = await enter(pilot, GOALS)
        why = screen.query(".why").first(FieldInput)
        assert_read_whole(why)
        await pilot.press("ctrl+n")  # on to the objectives, then the key results
        await app.keys_settled()
        await pilot.press("ctrl+n")
        await app.keys_settled()
        await pilot.pause()
        screen = app.screen
        while not screen.is_built:
            await pilot.pause()
        long_kr = screen.blocks[1].rows[0].text_field
        assert isinstance(long_kr, KRField)
        assert_read_whole(long_kr)
        # The small fields (from, to, unit, owner) stay one line.
        assert not screen.blocks[1].rows[0].field("owner").wraps


async def test_control_characters_show_as_stand_ins_when_wrapped(make_app, store):
    workshop_id = store.create_workshop(team="Support", period="2027-Q1")
    store.update_workshop(workshop_id, cascade_model=CascadeModel.BOTTOM_UP)
    store.add(Item.OBJECTIVE, workshop_id, text="First")
    store.add(Item.OBJECTIVE, workshop_id, text="\x1b[2J Clear the screen " + LONG)
    app = make_app(workshop_id, stage=OBJECTIVES)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await enter(pilot, OBJECTIVES)
        field = screen.blocks[1].field
        assert isinstance(field, ObjectiveField)
        lines = field.wrapped_lines(field.scrollable_content_region.width)
        assert lines[0].plain.startswith("␛[2J Clear")
        assert all("\x1b" not in line.plain for line in lines)


async def test_typing_past_the_edge_scrolls_the_line_and_lays_out_nothing(
    make_app, store, monkeypatch
):
    """The field with the cursor is one line: typing redraws it, the stage keeps its layout.

    A layout of the whole stage on every key was most of a key's cost (fields.py); the
    room checks that the end of what is typed stays in view as the line scrolls.
    """
    from textual.widget import Widget

    app = make_app(seeded(store), stage=OBJECTIVES)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await enter(pilot, OBJECTIVES)
        first = screen.blocks[0].field
        assert app.focused is first
        laid_out: list[Widget] = []
        refresh = Widget.refresh

        def spy(widget, *regions, repaint=True, layout=False, recompose=False):
            if layout and isinstance(widget, FieldInput):
                laid_out.append(widget)
            return refresh(widget, *regions, repaint=repaint, layout=layout, recompose=recompose)

        monkeypatch.setattr(Widget, "refresh", spy)
        typed = (
            " so that customers find the answers they need in our help centre without"
            " writing to us at all"
        )
        await pilot.press("end", *typed)
        await app.keys_settled()
        await pilot.pause()
        # Two a key before (its width, its auto height); now at most the odd one, when
        # Textual's own layout finds the line has grown past the edge.
        assert len(laid_out) <= 2, len(laid_out)
        assert first.region.height == 3  # still one line while the cursor is in it
        assert first.render_line(0).text.rstrip().endswith("writing to us at all")
        monkeypatch.undo()
        await pilot.press("down")  # the cursor leaves: read whole, on several lines
        await app.keys_settled()
        await pilot.pause()
        assert_read_whole(first)
        app.session.flush()
        stored = store.load(app.session.workshop_id)
    assert stored.objectives[0].text == "Short one" + typed
