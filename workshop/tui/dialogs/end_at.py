"""F4: end the current stage at a time of day, typed as the room says it ("10:45").

One input, read with `pacing.parse_clock_time()`. A mistake is explained under the
input in plain words and the dialog stays open; a good time re-plans the stage
(`pacing.end_stage_at()`), checkpoints the clock and closes with the seconds left.
"""

from __future__ import annotations

import math
from datetime import timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label

from workshop.core.clock.pacing import end_stage_at
from workshop.core.clock.timer import Phase, WorkshopTimer
from workshop.core.clock.times import format_seconds, hhmm
from workshop.core.session.session import WorkshopSession
from workshop.core.textsafe import visible
from workshop.tui.styles import STAGE_CSS


def ends_words(timer: WorkshopTimer, seconds: float) -> str:
    """What to tell the room after the stage was re-planned to end `seconds` from now."""
    end = timer.now() + timedelta(seconds=seconds)
    return f"This stage now ends at {hhmm(end)}, {math.ceil(seconds / 60)} min from now."


def example_time(timer: WorkshopTimer) -> str:
    """A plausible answer for the placeholder: ten minutes on, rounded up to five."""
    soon = timer.now() + timedelta(minutes=10)
    soon += timedelta(minutes=-soon.minute % 5)
    return hhmm(soon)


class EndAtScreen(ModalScreen[float | None]):
    """Ask for a time of day; dismiss with the seconds left, or None if cancelled."""

    CSS_PATH = STAGE_CSS

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, session: WorkshopSession) -> None:
        super().__init__(id="end-at")
        self.session = session

    def compose(self) -> ComposeResult:
        timer = self.session.timer
        title = visible(timer.stage().title)
        with Vertical(id="end-at-box"):
            yield Label(f"End “{title}” at a set time", id="end-at-title", markup=False)
            yield Label(self._now_words(), id="end-at-now", markup=False)
            yield Label("End this stage at (e.g. 10:45)", id="end-at-label")
            yield Input(placeholder=example_time(timer), id="end-at-input")
            yield Label("", id="end-at-error", markup=False)
            yield Label("Enter to set · Esc to cancel", id="end-at-keys")
        yield Footer()

    def _now_words(self) -> str:
        timer = self.session.timer
        now = timer.now()
        left = timer.remaining()
        if timer.phase() is Phase.OVERTIME:
            return f"It is {hhmm(now)}. This stage is {format_seconds(-left)} over its time."
        return f"It is {hhmm(now)}. At the current plan this stage has {format_seconds(left)} left."

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _clear_error(self) -> None:
        self.query_one("#end-at-error", Label).update("")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        try:
            seconds = end_stage_at(self.session.timer, event.value)
        except ValueError as error:
            self.query_one("#end-at-error", Label).update(visible(str(error)))
            return
        self.session.checkpoint()
        self.dismiss(seconds)

    def action_cancel(self) -> None:
        self.dismiss(None)
