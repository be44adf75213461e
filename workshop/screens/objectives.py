"""Stage 3: choose the cascade model and draft the objectives."""

from __future__ import annotations

from textual.app import ComposeResult

from workshop.screens.base import StageScreen
from workshop.widgets.points import PointCard


class ObjectivesScreen(StageScreen):
    STAGE_KEY = "objectives"

    def compose_main(self) -> ComposeResult:
        for point in self.stage.points:
            yield PointCard(point)
