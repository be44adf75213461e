"""The stage's talking points: as a list of cards, or as a deck shown one card at a time."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Label

from workshop.core.agenda.model import Point
from workshop.core.textsafe import visible


class PointCard(Vertical):
    """One talking point: a heading and a short paragraph."""

    def __init__(self, point: Point, **kwargs) -> None:
        super().__init__(classes="point-card", **kwargs)
        self.point = point

    def compose(self) -> ComposeResult:
        # Agenda text is plain text: a "[" in it must not be read as markup, and a
        # control character shows as a stand-in instead of driving the terminal.
        yield Label(visible(self.point.title), classes="point-title", markup=False)
        yield Label(visible(self.point.body), classes="point-body", markup=False)


class PointDeck(Vertical):
    """The points as one large card at a time, with "Card 3 of 9" above the title.

    `extras` maps a card's position to a widget shown under that card's text only
    (e.g. the colour bands under the card about them). The deck holds no keys: the
    screen decides which keys page through it.
    """

    index: reactive[int] = reactive(0, init=False)

    def __init__(
        self,
        points: Sequence[Point],
        *,
        start: int = 0,
        extras: Mapping[int, Widget] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.points = list(points)
        self.extras = dict(extras or {})
        self.set_reactive(PointDeck.index, self._clamp(start))

    def compose(self) -> ComposeResult:
        yield Label("", classes="deck-count")
        yield Label("", classes="deck-title", markup=False)
        yield Label("", classes="deck-body", markup=False)
        yield from self.extras.values()

    def on_mount(self) -> None:
        self._show()

    def _clamp(self, index: int) -> int:
        return max(0, min(index, len(self.points) - 1))

    def validate_index(self, index: int) -> int:
        return self._clamp(index)

    def watch_index(self) -> None:
        self._show()

    def _show(self) -> None:
        if not self.points:
            self.query_one(".deck-count", Label).update("No talking points in this stage.")
            return
        point = self.points[self.index]
        self.query_one(".deck-count", Label).update(f"Card {self.index + 1} of {len(self.points)}")
        self.query_one(".deck-title", Label).update(visible(point.title))
        self.query_one(".deck-body", Label).update(visible(point.body))
        for position, extra in self.extras.items():
            extra.display = position == self.index

    def next(self) -> None:
        self.index += 1

    def previous(self) -> None:
        self.index -= 1
