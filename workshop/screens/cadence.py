"""Stage 5: the review cadence, when check-ins and reviews happen."""

from __future__ import annotations

from textual.app import ComposeResult

from workshop.screens.base import StageScreen
from workshop.widgets.points import PointCard


class CadenceScreen(StageScreen):
    STAGE_KEY = "cadence"

    def compose_main(self) -> ComposeResult:
        for point in self.stage.points:
            yield PointCard(point)
