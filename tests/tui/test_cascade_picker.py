"""Pilot tests: the cascade picker reopened with F2 closes on Esc and on F2, and Enter on
the model already chosen keeps it and says so instead of picking it again."""

from __future__ import annotations

import pytest

from tests.tui.stage_waits import OBJECTIVES
from tests.tui.test_objectives import open_stage, saved, seeded
from workshop.core.domain import CascadeModel
from workshop.tui.widgets.cascade_picker import CascadePicker
from workshop.tui.widgets.objective_block import ObjectiveField


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]


@pytest.mark.parametrize("key", ["escape", "f2"])
async def test_reopened_picker_closes_on_esc_and_f2(make_app, store, key):
    app = make_app(
        seeded(store, model=CascadeModel.FLEXIBLE, objectives=["Delight riders"]), stage=OBJECTIVES
    )
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_stage(pilot)
        picker = screen.query_one(CascadePicker)
        await pilot.press("f2")
        await pilot.pause()
        assert app.focused is picker
        await pilot.press("right")  # looking at another model...
        await pilot.press(key)  # ...and closing without taking it
        await pilot.pause()
        assert app.focused is not picker
        assert isinstance(app.focused, ObjectiveField)
        assert picker.shown.model is CascadeModel.FLEXIBLE  # back on the one in use
        assert saved(app, store).cascade_model is CascadeModel.FLEXIBLE
        assert not picker.has_focus  # folded to its one line again (the stylesheet, on blur)


async def test_enter_on_the_model_in_use_keeps_it_and_says_so(make_app, store):
    app = make_app(
        seeded(store, model=CascadeModel.DUALITY, objectives=["Delight riders"]), stage=OBJECTIVES
    )
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_stage(pilot)
        picker = screen.query_one(CascadePicker)
        await pilot.press("f2", "enter")
        await pilot.pause()
        assert app.focused is not picker
        assert any("Still Duality" in n for n in notices(app))
        assert not any(n.startswith("Cascade model:") for n in notices(app))
        assert saved(app, store).cascade_model is CascadeModel.DUALITY
        # a different model is still a change, and the screen says so
        await pilot.press("f2", "right", "enter")
        await pilot.pause()
        assert saved(app, store).cascade_model is CascadeModel.FLEXIBLE
        assert any(n.startswith("Cascade model: Flexible") for n in notices(app))
