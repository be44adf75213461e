"""Stage 1, overview: the ideas everyone needs before writing OKRs."""

from __future__ import annotations

from textual.app import ComposeResult

from workshop.screens.base import StageScreen
from workshop.widgets.points import PointCard


class OverviewScreen(StageScreen):
    STAGE_KEY = "overview"

    def compose_main(self) -> ComposeResult:
        for point in self.stage.points:
            yield PointCard(point)
