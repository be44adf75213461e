"""Pilot tests of what a facilitator met planning a pilot in tmux (helper v19's walk).

- Enter after a key result's owner went round to the objective: the next key result
  was typed onto the end of the objective. Enter now adds the next key result.
- "What to test" opened with its first row's name and the key hint scrolled out of
  view, and the order advice after Alt+Up/Down stood above the fold.
- At 80x24 the export's "Written" lines were below the fold: F2 seemed to do nothing.
"""

from __future__ import annotations

from pathlib import Path

from textual.containers import VerticalScroll
from textual.widgets import Label

from tests.tui.stage_waits import on_stage
from tests.tui.test_pilot_session import (  # noqa: F401
    NEXT_STEPS,
    PILOT_OBJECTIVE,
    next_stage,
    pilot_agenda,
    pilot_id,
    type_keys,
)
from workshop.tui.screens.pilot_tests import AspectRow


def in_view(app, widget) -> bool:
    """Whether `widget` is inside the part of the stage's scroll area on screen."""
    main = app.screen.query_one("#stage-main", VerticalScroll)
    top = widget.virtual_region.y - main.scroll_y
    return top >= 0 and top + widget.outer_size.height <= main.scrollable_content_region.height


async def test_enter_after_the_owner_adds_the_next_key_result(make_app, store, pilot_id):  # noqa: F811
    app = make_app(pilot_id, stage=PILOT_OBJECTIVE)
    async with app.run_test(size=(160, 45)) as pilot:
        assert (await on_stage(pilot, PILOT_OBJECTIVE)).STAGE_KEY == "pilot_objective"
        await type_keys(app, pilot, *"Prove OKRs fit", "down", *"Raise teams from 0 to 80%")
        await type_keys(app, pilot, "down", "0", "down", *"80", "down", "%", "down", *"Ana")
        await type_keys(app, pilot, "enter", *"Hold 12 check-ins", "down", "down", "down")
        # An empty unit: Backspace there keeps the key result.
        await type_keys(app, pilot, "backspace", "down", *"Bo", "enter", *"Cut lead time")
        await type_keys(app, pilot, "ctrl+b")
        await app.keys_settled()
    [objective] = store.load(pilot_id).objectives
    assert objective.text == "Prove OKRs fit"
    assert [(k.text, k.unit, k.owner) for k in objective.key_results] == [
        ("Raise teams from 0 to 80%", "%", "Ana"),
        ("Hold 12 check-ins", "", "Bo"),
        ("Cut lead time", "", ""),
    ]


async def test_what_to_test_opens_from_the_top_and_says_the_order_advice(
    make_app,
    store,
    pilot_id,  # noqa: F811
):
    store.update_workshop(pilot_id, current_stage=4)
    app = make_app(pilot_id)
    async with app.run_test(size=(160, 45)) as pilot:
        await app.keys_settled()
        await next_stage(app, pilot, "what_to_test")
        await pilot.pause()
        first = app.screen.query(".pilot-test-title").first(Label)
        assert str(first.render()) == "1. Conceptual fit"
        assert in_view(app, first)
        # The last row moved up: its own row is in view, and the advice is said.
        for _ in range(12):
            await type_keys(app, pilot, "down")
        await type_keys(app, pilot, "alt+up")
        await pilot.pause()
        notes = [n.message for n in app._notifications]
        assert any("Technology fit usually comes before Scale" in n for n in notes)
        focused_row = next(a for a in app.focused.ancestors if isinstance(a, AspectRow))
        assert focused_row.index == 3
        assert in_view(app, focused_row)


async def test_the_export_status_comes_into_view_at_80x24(
    make_app,
    store,
    pilot_id,  # noqa: F811
    monkeypatch,
    tmp_path,
):
    import workshop.core.paths

    monkeypatch.setattr(workshop.core.paths, "exports_dir", lambda: Path(tmp_path))
    store.update_workshop(pilot_id, team="Northwind", period="2027")
    app = make_app(pilot_id, stage=NEXT_STEPS)
    async with app.run_test(size=(80, 24)) as pilot:
        assert (await on_stage(pilot, NEXT_STEPS)).STAGE_KEY == "next_steps"
        await type_keys(app, pilot, "ctrl+g")  # the guide hidden, as a facilitator would
        await type_keys(app, pilot, "f2")
        status = app.screen.query_one("#pilot-export-status", Label)
        for _ in range(1000):
            if "Written" in str(status.render()) and in_view(app, status):
                break
            await pilot.pause(0.05)
        assert "Written (3 files)" in str(status.render())
        assert in_view(app, status)
