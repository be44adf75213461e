"""Stage 4: key results for each objective, and the necessary-and-sufficient test."""

from __future__ import annotations

from textual.app import ComposeResult

from workshop.screens.base import StageScreen
from workshop.widgets.points import PointCard


class KeyResultsScreen(StageScreen):
    STAGE_KEY = "key_results"

    def compose_main(self) -> ComposeResult:
        for point in self.stage.points:
            yield PointCard(point)
