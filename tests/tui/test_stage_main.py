"""The stage's scroll column restyles only itself when its focus changes (see StageMain)."""

from __future__ import annotations

from pathlib import Path

from textual.css.stylesheet import Stylesheet
from textual.widget import Widget

import workshop.tui
from tests.tui.stage_waits import KEY_RESULTS, OVERVIEW, go_to_stage, on_stage
from workshop.tui.widgets.stage_main import StageMain

FOCUS_STATES = {"focus", "blur", "focus-within"}


def styles_of(column: StageMain) -> list[tuple[Widget, str]]:
    return [(widget, widget.styles.css) for widget in column.walk_children(with_self=True)]


async def test_no_rule_styles_what_the_column_holds_by_the_columns_focus(make_app):
    """StageMain restyles only itself on focus: that holds while no rule has a selector
    like `#stage-main:focus Input`. Every style sheet the app can load is read: the app's
    and its stages' (all visited), and every .tcss file of the terminal UI."""
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await go_to_stage(pilot, KEY_RESULTS)
        column = app.screen.query_one(StageMain)
        names = {cls.__name__ for cls in type(column).__mro__} | {"*", column.id}
        names |= set(column.classes)
        sheets = [app.stylesheet]
        for path in Path(workshop.tui.__file__).parent.rglob("*.tcss"):
            sheet = Stylesheet(variables=app.get_css_variables())
            sheet.read(path)
            sheet.parse()
            sheets.append(sheet)
        read = 0
        for sheet in sheets:
            for rule in sheet.rules:
                for selector_set in rule.selector_set:
                    read += 1
                    for selector in selector_set.selectors[:-1]:
                        if FOCUS_STATES & set(selector.pseudo_classes):
                            assert selector.name not in names, selector_set
        assert read > 300  # the sheets were really read


async def test_the_column_taking_and_losing_focus_styles_as_textual_would(make_app, store):
    workshop_id = store.create_workshop(current_stage=OVERVIEW)
    app = make_app(workshop_id)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await on_stage(pilot, OVERVIEW)
        column = screen.query_one(StageMain)
        assert screen.focused is column  # nothing to type on the overview
        applied: list[object] = []
        apply = app.stylesheet.apply

        def counted(node, *args, **kwargs):
            applied.append(node)
            return apply(node, *args, **kwargs)

        app.stylesheet.apply = counted  # type: ignore[method-assign]
        for focus in (None, column):
            screen.set_focus(focus)
            await pilot.pause()
            assert column.has_focus is (focus is column)
            held = list(column.walk_children())
            inside = [node for node in held if node in applied]
            # Textual restyled all of them; a part may still restyle itself on its own.
            assert len(held) > 10 and len(inside) <= 2, f"{len(inside)} of {len(held)} restyled"
            # What Textual's own full restyle gives, for the column and all it holds.
            before = styles_of(column)
            app.update_styles(column)
            assert styles_of(column) == before
            applied.clear()
