"""The stage's talking points as cards the facilitator reads from."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label

from workshop.agenda import Point


class PointCard(Vertical):
    """One talking point: a heading and a short paragraph."""

    def __init__(self, point: Point, **kwargs) -> None:
        super().__init__(classes="point-card", **kwargs)
        self.point = point

    def compose(self) -> ComposeResult:
        yield Label(self.point.title, classes="point-title")
        yield Label(self.point.body, classes="point-body")
