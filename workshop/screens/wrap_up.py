"""Stage 6, wrap-up: open questions, next steps, and a summary of everything captured."""

from __future__ import annotations

from textual.app import ComposeResult

from workshop.screens.base import StageScreen
from workshop.widgets.points import PointCard


class WrapUpScreen(StageScreen):
    STAGE_KEY = "wrap_up"

    def compose_main(self) -> ComposeResult:
        for point in self.stage.points:
            yield PointCard(point)
