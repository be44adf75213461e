"""Ctrl+G hides the guide for the rest of the workshop, not just for one stage."""

from __future__ import annotations

import pytest

from tests.tui.stage_waits import GOALS, on_stage
from workshop.tui.widgets.guide import GuidePanel


def guide_hidden(app) -> bool:
    return app.screen.query_one(GuidePanel).has_class("-hidden")


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_ctrl_g_sticks_from_one_stage_to_the_next(make_app, size):
    app = make_app(stage=GOALS)
    async with app.run_test(size=size) as pilot:
        await on_stage(pilot, GOALS)
        assert not guide_hidden(app)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert guide_hidden(app)
        assert app.screen.query_one(GuidePanel).region.height == 0
        await pilot.press("ctrl+n")  # objectives
        await pilot.pause()
        assert guide_hidden(app)
        await pilot.press("ctrl+b")  # and back
        await pilot.pause()
        assert guide_hidden(app)
        await pilot.press("ctrl+g")  # shown again, and that sticks too
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert not guide_hidden(app)
