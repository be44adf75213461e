"""Stage 1, overview: the ideas everyone needs before writing OKRs, one large card at a time.

There is nothing to type here, so plain keys page the cards: Right, Space or
PageDown for the next, Left or PageUp for the previous. The bindings take priority
because the scrolling editor area would otherwise take the arrow keys. The card
showing is remembered for the session, so stepping away and back lands on it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding

from workshop.tui.screens.base import StageScreen
from workshop.tui.styles import STAGE_CSS
from workshop.tui.widgets.overview_bands import BandLegend, is_about_bands
from workshop.tui.widgets.points import PointDeck

# Key in `session.view_state` for the card showing.
CARD_STATE = "overview.card"


class OverviewScreen(StageScreen):
    STAGE_KEY = "overview"
    CSS_PATH = STAGE_CSS

    BINDINGS = [
        Binding("right", "next_card", "Next card", key_display="→/Space", priority=True),
        Binding("space,pagedown", "next_card", "Next card", show=False, priority=True),
        Binding("left", "previous_card", "Previous card", key_display="←", priority=True),
        Binding("pageup", "previous_card", "Previous card", show=False, priority=True),
        Binding("home", "first_card", "First card", show=False, priority=True),
        Binding("end", "last_card", "Last card", show=False, priority=True),
    ]

    def compose_main(self) -> ComposeResult:
        bands = self.session.agenda.bands
        extras = {
            i: BandLegend(bands)
            for i, point in enumerate(self.stage.points)
            if is_about_bands(point, bands)
        }
        yield PointDeck(
            self.stage.points,
            start=self.session.view_state.get(CARD_STATE, 0),
            extras=extras,
            id="deck",
        )

    @property
    def deck(self) -> PointDeck:
        return self.query_one("#deck", PointDeck)

    def _remember(self) -> None:
        self.session.view_state[CARD_STATE] = self.deck.index

    def action_next_card(self) -> None:
        self.deck.next()
        self._remember()

    def action_previous_card(self) -> None:
        self.deck.previous()
        self._remember()

    def action_first_card(self) -> None:
        self.deck.index = 0
        self._remember()

    def action_last_card(self) -> None:
        self.deck.index = len(self.deck.points) - 1
        self._remember()
