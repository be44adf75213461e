"""The full-screen clock (F10): for silent writing and breaks, readable across the room.

It covers the stage with the stage's name, the time left in digits as large as the
terminal allows, the clock's state in words, and what comes next. F10 again or Esc
goes back to the stage. Every state reads without colour, because a projector
washes colour out: the state is a word in a box ("PAUSED", "OVER TIME", "BREAK"),
an overtime count starts with "+" and a paused one with the pause sign.

The clock keys still work here: F5 start/pause and F12 mute are the app's own;
F6/F7/F8 (time) and F9 (break) are handled here, because the app holds those back
while a dialog is open. F9 asks how long the break is (see `break_length`), and
during a break B changes its end.

The screen repaints itself from the timer (`refresh_clock`), every tick of the app.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from workshop.core.clock.pacing import break_words, project, whole_minutes
from workshop.core.clock.timer import Mode, Phase
from workshop.core.clock.words import reading, step_words
from workshop.core.textsafe import visible
from workshop.tui.styles import STAGE_CSS
from workshop.tui.widgets.clock import BigDigits

if TYPE_CHECKING:
    from workshop.core.clock.timer import WorkshopTimer
    from workshop.core.session.session import WorkshopSession

FULL_CLOCK_CSS = Path(__file__).resolve().with_name("full_clock.tcss")

# The state in one word or two, shown in a box above the digits.
STATE_WORDS = {
    "paused": "PAUSED",
    "ready": "NOT STARTED",
    "warning": "NEARLY TIME",
    "overtime": "OVER TIME",
    "break": "BREAK",
    "break-over": "BREAK OVER",
}


def next_words(timer: WorkshopTimer) -> str:
    """What comes after the stage under way (or, on a break, what the room comes back to)."""
    current = timer.current
    if timer.mode is Mode.BREAK:
        left = timer.remaining(current)
        title = visible(timer.stage(current).title)
        if not timer.is_timed(current):
            return f"Then: back to {title}"
        if left > 0:
            return f"Then: back to {title}, {max(1, whole_minutes(left))} min left"
        return f"Then: back to {title}, which is over its time"
    if current + 1 >= timer.stage_count:
        stop = project(timer).hard_stop
        return f"Next: the end of the workshop (hard stop {stop:%H:%M})"
    following = timer.stage(current + 1)
    minutes = whole_minutes(following.adjusted_seconds)
    return f"Next: {visible(following.title)}, {minutes} min"


class FullClockScreen(ModalScreen[None]):
    """The time left, the stage and what comes next, on the whole screen."""

    # Loaded with every stage's style sheets once the app's list names this file.
    CSS_PATH = STAGE_CSS if FULL_CLOCK_CSS in STAGE_CSS else [*STAGE_CSS, FULL_CLOCK_CSS]
    AUTO_FOCUS = None

    BINDINGS = [
        Binding("escape,f10", "close", "Back to the stage"),
        Binding("f9", "break", "Break"),
        Binding("b", "break_length", "Break length", show=False),
        Binding("f6", "add_time(60)", "+1 min"),
        Binding("f7", "add_time(300)", "+5 min"),
        Binding("f8", "add_time(-60)", "-1 min"),
    ]

    def __init__(self, session: WorkshopSession) -> None:
        super().__init__(id="full-clock")
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(id="fc-box"):
            yield Label("", id="fc-stage", markup=False)
            yield Label("", id="fc-state", markup=False)
            yield BigDigits("", fit=True, id="fc-digits")
            yield Label("", id="fc-status", markup=False)
            yield Label("", id="fc-next", markup=False)
            yield Label("", id="fc-keys", markup=False)

    def on_mount(self) -> None:
        self.refresh_clock()
        tick = getattr(self.app, "tick_seconds", 0.25)
        self.set_interval(tick, self.refresh_clock)

    def refresh_clock(self) -> None:
        """Paint everything from the timer's current reading."""
        timer = self.session.timer
        index = timer.current
        now = reading(timer, index)
        on_break = now.state in ("break", "break-over")
        stage = timer.stage(index)
        head = step_words(index, timer.stage_count)
        self.query_one("#fc-stage", Label).update(f"{head} · {visible(stage.title)}")

        state = self.query_one("#fc-state", Label)
        words = STATE_WORDS.get(now.state, "")
        state.update(f" {words} " if words else "")
        state.display = bool(words)

        self.query_one("#fc-digits", BigDigits).update(now.digits)
        status = self.query_one("#fc-status", Label)
        if on_break:
            left = timer.break_left()
            if left is None:
                status.update(f"On a break for {now.digits} · B: set when to be back")
            else:
                status.update(break_words(timer.break_until, timer.now()))
        elif now.state == "untimed":
            status.update(now.status)
        elif now.state == "overtime":
            status.update(f"Over by {now.digits.lstrip('+')} · F7: 5 more minutes")
        else:
            status.update(f"left of {whole_minutes(timer.adjusted(index))} min planned")
        self.query_one("#fc-next", Label).update(next_words(timer))
        self.query_one("#fc-keys", Label).update(self._keys(on_break))

        phase = timer.phase(index)
        self.set_class(on_break, "-break")
        self.set_class(phase is Phase.OVERTIME and not on_break, "-overtime")
        self.set_class(now.state == "break-over", "-break-over")
        self.set_class(now.state in ("paused", "ready"), "-paused")

    def _keys(self, on_break: bool) -> str:
        if on_break:
            return "F9 end the break · B change when to be back · F10 or Esc: back"
        return "F5 start/pause · F9 break · F7 +5 min · F10 or Esc: back"

    # -- keys ----------------------------------------------------------------------------

    def action_close(self) -> None:
        self.dismiss(None)

    def action_add_time(self, seconds: int) -> None:
        # The app's own action: the app holds its key back while a dialog is open.
        action = getattr(self.app, "action_add_time", None)
        if action is not None:
            action(seconds)
        self.refresh_clock()

    def action_break(self) -> None:
        """F9: end the break under way, or ask how long a new one is."""
        if self.session.timer.mode is Mode.BREAK:
            action = getattr(self.app, "action_toggle_break", None)
            if action is not None:
                action()
            self.refresh_clock()
            return
        from workshop.tui.dialogs.break_length import ask_break_length

        ask_break_length(self.app)

    def action_break_length(self) -> None:
        if self.session.timer.mode is Mode.BREAK:
            from workshop.tui.dialogs.break_length import ask_break_length

            ask_break_length(self.app)


def toggle_full_clock(app: App) -> None:
    """F10: show the full-screen clock, or go back to the stage if it is showing."""
    if isinstance(app.screen, FullClockScreen):
        app.screen.dismiss(None)
        return
    session = getattr(app, "session", None)
    if session is None:
        return
    if isinstance(app.screen, ModalScreen):
        app.notify("Close this dialog first, then press F10 for the big clock.")
        return
    app.push_screen(FullClockScreen(session))
