"""Set-up, before the clock starts: who is in the room and what the team builds on."""

from __future__ import annotations

from textual.app import ComposeResult

from workshop.screens.base import StageScreen
from workshop.widgets.points import PointCard


class SetupScreen(StageScreen):
    STAGE_KEY = "setup"

    def compose_main(self) -> ComposeResult:
        for point in self.stage.points:
            yield PointCard(point)
