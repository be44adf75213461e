"""The footer of every stage starts with the keys the facilitator needs most."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from workshop.tui.screens.base import StageScreen

FIRST_THREE = ["Start/pause", "Back", "Next stage"]


def footer_descriptions(screen) -> list[str]:
    return [key.description for key in screen.query(FooterKey)]


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_clock_and_stage_keys_come_first_on_every_stage(make_app, size):
    """At 80 columns the footer shows about six keys; the stage's own keys (and the
    focused field's) used to come first and pushed 'Next stage' off the screen."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        seen = []
        for _ in range(len(app.session.agenda.stages)):
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, StageScreen)
            descriptions = footer_descriptions(screen)
            assert descriptions[:3] == FIRST_THREE, (screen.STAGE_KEY, descriptions)
            # The stage's own keys are still there, after them.
            assert "Guide" in descriptions[3:]
            seen.append(screen.STAGE_KEY)
            await pilot.press("ctrl+n")
        assert len(set(seen)) == len(app.session.agenda.stages)


async def test_the_footer_has_its_keys_back_after_a_dialog(make_app, store):
    """After Ctrl+L (objectives) or an N&S question (key results) was closed, the footer
    lost Ctrl+N and F6-F9 until the cursor moved."""
    from workshop.core.db.store import Item
    from workshop.core.domain import CascadeModel

    workshop_id = store.create_workshop(team="Support", period="2027-Q1")
    store.update_workshop(workshop_id, cascade_model=CascadeModel.BOTTOM_UP)
    objective = store.add(Item.OBJECTIVE, workshop_id, text="Make support feel instant")
    store.add(Item.KEY_RESULT, objective, text="Cut first reply time")
    app = make_app(workshop_id)
    needed = {"Back", "Next stage", "+1 min", "+5 min", "-1 min", "Break"}
    async with app.run_test(size=(200, 45)) as pilot:
        app.session.set_stage(2)
        await pilot.press("ctrl+n")
        await app.keys_settled()
        for dialog_key in ("ctrl+l", "ctrl+r"):  # the link picker, then an N&S question
            await pilot.press(dialog_key)
            await app.keys_settled()
            assert app.screen.is_modal
            await pilot.press("escape")
            await app.keys_settled()
            await pilot.pause()
            assert not app.screen.is_modal
            assert needed <= set(footer_descriptions(app.screen)), dialog_key
            await pilot.press("ctrl+n")  # on to the key results for the N&S test
            await app.keys_settled()
            await pilot.pause()
