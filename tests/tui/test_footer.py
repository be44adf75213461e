"""The footer of every stage starts with the keys the facilitator needs most."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from workshop.screens.base import StageScreen

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
