"""F3: rebalance the rest of the agenda so it ends at the hard stop.

The modal shows `pacing.propose_rebalance()`'s proposal, stage by stage, before and
after. The facilitator can protect or free a stage (Space or P on its row) and
the proposal is worked out again. Enter or Y accepts, Esc or N keeps the plan as
it is. The screen only proposes: it dismisses with the accepted proposal (or
None), and `accept()` applies it and checkpoints the clock.
"""

from __future__ import annotations

from collections.abc import Collection

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Label

from workshop.core.clock.pacing import (
    DEFAULT_PROTECTED,
    RebalanceProposal,
    apply_rebalance,
    project,
    propose_rebalance,
    whole_minutes,
)
from workshop.core.clock.timer import WorkshopTimer
from workshop.core.clock.times import hhmm_nearest
from workshop.core.session.session import WorkshopSession
from workshop.core.textsafe import visible
from workshop.tui.styles import STAGE_CSS


def accept(session: WorkshopSession, proposal: RebalanceProposal) -> str:
    """Apply an accepted proposal and save the clock; returns what to tell the room.

    Raises ValueError if the agenda moved on since the proposal was made.
    """
    apply_rebalance(session.timer, proposal)
    session.checkpoint()
    if not proposal.changed:
        return "The plan stays as it was."
    projection = project(session.timer)
    return f"New plan saved: the day now ends at {hhmm_nearest(projection.shown_end)}."


def _minutes(seconds: int) -> str:
    return f"{whole_minutes(seconds)} min"


class RebalanceScreen(ModalScreen[RebalanceProposal | None]):
    """The proposal for the stages still to come, to accept or reject."""

    CSS_PATH = STAGE_CSS

    BINDINGS = [
        Binding("space,p", "toggle_protect", "Protect / free stage"),
        Binding("enter,y", "accept", "Accept", priority=True),
        Binding("escape,n", "reject", "Keep the plan", priority=True),
    ]

    def __init__(
        self, timer: WorkshopTimer, protected: Collection[str] = DEFAULT_PROTECTED
    ) -> None:
        super().__init__(id="rebalance")
        self.timer = timer
        self.protected: set[str] = set(protected)
        self.proposal = propose_rebalance(timer, self.protected)

    def compose(self) -> ComposeResult:
        with Vertical(id="rebalance-box"):
            yield Label("Rebalance the rest of the agenda", id="rebalance-title")
            yield Label("", id="rebalance-now", markup=False)
            table: DataTable[Text | str] = DataTable(
                id="rebalance-table", cursor_type="row", zebra_stripes=False
            )
            yield table
            yield Label("", id="rebalance-message", markup=False)
            yield Label("", id="rebalance-keys", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Stage", "Now", "After", "Change", "")
        self._fill()
        table.focus()

    # -- painting ---------------------------------------------------------------

    def _note(self, key: str) -> str:
        index = self.timer.keys().index(key)
        if key in self.protected:
            return "protected"
        if self.timer.elapsed(index) > 0:
            return "already started"
        return ""

    def _fill(self) -> None:
        proposal = self.proposal
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for key, before in proposal.before.items():
            after = proposal.after[key]
            change = whole_minutes(after) - whole_minutes(before)
            change_text = Text(f"{change:+d} min" if change else "–")
            if change:
                change_text.stylize("bold")
            table.add_row(
                visible(proposal.titles[key]),
                _minutes(before),
                Text(_minutes(after), style="bold" if change else ""),
                change_text,
                self._note(key),
                key=key,
            )
        if proposal.before:
            table.move_cursor(row=min(max(row, 0), len(proposal.before) - 1))
        projection = project(self.timer)
        self.query_one("#rebalance-now", Label).update(
            f"At this pace: ends {hhmm_nearest(projection.shown_end)} · "
            f"hard stop {hhmm_nearest(projection.hard_stop)} · {projection.label}"
        )
        message = self.query_one("#rebalance-message", Label)
        message.update(proposal.message)
        message.set_class(not proposal.fits, "-not-fit")
        accept = "Enter/Y accept the best effort" if not proposal.fits else "Enter/Y accept"
        protect = "Space/P protect or free the stage · " if proposal.before else ""
        self.query_one("#rebalance-keys", Label).update(f"{protect}{accept} · Esc/N keep the plan")

    # -- actions ------------------------------------------------------------------

    def action_toggle_protect(self) -> None:
        """Protect the highlighted stage from changes, or free it, and propose again."""
        keys = list(self.proposal.before)
        if not keys:
            return
        key = keys[self.query_one(DataTable).cursor_row]
        self.protected.symmetric_difference_update({key})
        self.proposal = propose_rebalance(self.timer, self.protected)
        self._fill()

    def action_accept(self) -> None:
        self.dismiss(self.proposal)

    def action_reject(self) -> None:
        self.dismiss(None)
