"""Issue 14: the business-goals key hint fits its line at projector sizes.

At 160x45 the hint was a plain label wider than the editor, cut at the edge
("… Ctrl+Z:" with nothing after). It now shows whole entries only.
"""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from tests.tui.stage_waits import GOALS, on_stage
from workshop.tui.screens.goals import GOALS_HINTS, GoalsScreen
from workshop.tui.widgets.key_hint import SEPARATOR, Hint, KeyHint, fit_hints


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_the_goals_hint_ends_with_a_whole_entry(make_app, size):
    app = make_app(stage=GOALS)
    async with app.run_test(size=size) as pilot:
        screen = await on_stage(pilot, GOALS)
        assert isinstance(screen, GoalsScreen)
        hint = screen.query_one("#goals-hint", KeyHint)
        await pilot.pause()
        text = str(hint.render())
        entries = text.split(SEPARATOR)
        whole = {h.long for h in GOALS_HINTS} | {h.shortest for h in GOALS_HINTS}
        assert all(entry in whole for entry in entries), text
        # It fits inside the hint, and the hint inside the screen (not under the guide).
        assert cell_len(text) <= hint.content_size.width
        assert hint.region.right <= screen.query_one("#priorities").region.right
        assert entries[0] == "Enter: next priority"
        assert any(entry.startswith("Ctrl+Z") for entry in entries), text
        if size == (160, 45):
            assert len(entries) == len(GOALS_HINTS), text  # room for every key


def test_fit_hints_shortens_then_leaves_out_the_least_useful():
    hints = [Hint("Enter: next"), Hint("Ctrl+O: ask why", "Ctrl+O: why"), Hint("Alt+↑: up")]
    assert fit_hints(hints, 100) == "Enter: next · Ctrl+O: ask why · Alt+↑: up"
    assert fit_hints(hints, 37) == "Enter: next · Ctrl+O: why · Alt+↑: up"
    assert fit_hints(hints, 30) == "Enter: next · Ctrl+O: why"
    assert fit_hints(hints, 3) == "Enter: next"  # the first is always said
