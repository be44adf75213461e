"""F9: a break with a length. "10" is ten minutes; "10:45" is the time to be back.

The dialog asks once, shows what it understood as it is typed ("Back at 10:45 ·
15 min from now"), and on Enter starts the break (or, during one, moves its end),
then puts the full-screen clock up so the room sees the break counted down. Enter
on an empty line starts a break with no set end, counted up as before. Esc cancels.

The arithmetic is `pacing.break_end()`; the timer keeps the end as a wall-clock
time (`WorkshopTimer.break_until`), so a restart during the break changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label

from workshop.core.clock.pacing import break_end, break_words
from workshop.core.clock.timer import Mode, WorkshopTimer
from workshop.core.textsafe import visible
from workshop.tui.styles import STAGE_CSS

BREAK_CSS = Path(__file__).resolve().with_name("break_length.tcss")
DEFAULT_MINUTES = "10"


@dataclass(frozen=True)
class BreakChoice:
    """The break asked for: when the room is due back, or None for no set end."""

    until: datetime | None


class BreakLengthScreen(ModalScreen[BreakChoice | None]):
    """Ask how long the break is; dismiss with a `BreakChoice`, or None if cancelled."""

    CSS_PATH = STAGE_CSS if BREAK_CSS in STAGE_CSS else [*STAGE_CSS, BREAK_CSS]

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, timer: WorkshopTimer) -> None:
        super().__init__(id="break-length")
        self.timer = timer
        self.changing = timer.mode is Mode.BREAK

    def compose(self) -> ComposeResult:
        title = "Change when the break ends" if self.changing else "Take a break"
        with Vertical(id="break-box"):
            yield Label(title, id="break-title")
            yield Label(
                "How long? Type minutes (10) or the time to be back (10:45).",
                id="break-question",
            )
            yield Input(DEFAULT_MINUTES, id="break-input", select_on_focus=True)
            yield Label("", id="break-preview", markup=False)
            yield Label("Enter: start the break · empty: no set end · Esc: cancel", id="break-keys")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._preview(self.query_one(Input).value)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._preview(event.value)

    def _preview(self, text: str) -> None:
        preview = self.query_one("#break-preview", Label)
        try:
            until = break_end(text, self.timer)
        except ValueError as error:
            preview.update(visible(str(error)))
            preview.add_class("-bad")
            return
        preview.remove_class("-bad")
        if until is None:
            preview.update("No set end: the clock counts the break up.")
        else:
            preview.update(break_words(until, self.timer.now()))

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            until = break_end(event.value, self.timer)
        except ValueError:
            self.app.bell()
            return  # the line under the input already says what to type
        self.dismiss(BreakChoice(until))

    def action_cancel(self) -> None:
        self.dismiss(None)


def ask_break_length(app: App) -> None:
    """Ask how long the break is, then start it (or move its end) and show the big clock.

    What F9 does when the clock is running or paused; during a break, F9 ends it
    (the app's `action_toggle_break`) and B on the full-screen clock calls this.
    """
    session = getattr(app, "session", None)
    if session is None:
        return
    timer = session.timer
    if timer.mode is Mode.STOPPED:
        app.notify("Start the clock (F5) before taking a break.", severity="warning")
        return

    def chosen(choice: BreakChoice | None) -> None:
        if choice is None:
            return
        if timer.mode is Mode.BREAK:
            timer.set_break_until(choice.until)
        else:
            timer.start_break(choice.until)
        session.checkpoint()
        refresh = getattr(app, "_refresh_clocks", None)
        if refresh is not None:
            refresh()
        from workshop.tui.dialogs.full_clock import FullClockScreen

        if isinstance(app.screen, FullClockScreen):
            app.screen.refresh_clock()
        else:
            app.push_screen(FullClockScreen(session))

    app.push_screen(BreakLengthScreen(timer), chosen)
