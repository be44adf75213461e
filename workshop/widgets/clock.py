"""The stage countdown in large digits, readable from the back of the room.

The panel holds no time of its own: `show()` is handed the timer and paints
what it says. The warning, overtime, break and flash looks are CSS classes, so
colour lives in the stylesheet.

The flash (a cue at the warning and time-up moments) is timed on the timer's
injected wall clock, not on a Textual timer, so it ends on the next repaint
after its time and tests with a fake clock see exactly what a room would.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.widgets import Digits, Label

from workshop.textsafe import visible
from workshop.timer import Mode, Phase, WorkshopTimer

# The flash blinks on, off, on: half a second each, then stays off.
FLASH_SECONDS = 1.5


def format_seconds(seconds: float) -> str:
    """Whole seconds as M:SS or H:MM:SS, rounding toward the next second still to go."""
    total = int(seconds) if seconds == int(seconds) else int(seconds) + 1
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes:02}:{secs:02}"


class ClockPanel(Horizontal):
    """Stage title, clock status and the countdown digits."""

    def __init__(self, stage_index: int, stage_count: int, title: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.stage_index = stage_index
        self.stage_count = stage_count
        self.stage_title = title
        self._flash_until: datetime | None = None

    def flash(self, timer: WorkshopTimer) -> None:
        """Blink the panel for a moment (the visual cue beside the bell)."""
        self._flash_until = timer.now() + timedelta(seconds=FLASH_SECONDS)
        self.show(timer)

    def _flashing(self, timer: WorkshopTimer) -> bool:
        if self._flash_until is None:
            return False
        left = (self._flash_until - timer.now()).total_seconds()
        if left <= 0:
            self._flash_until = None
            return False
        # Half-second steps counted from the start of the flash: on in the even ones.
        return int((FLASH_SECONDS - left) * 2) % 2 == 0

    def compose(self) -> ComposeResult:
        with Vertical(id="clock-text"):
            step = (
                "Set-up"
                if self.stage_index == 0
                else f"Step {self.stage_index} of {self.stage_count - 1}"
            )
            yield Label(step, id="clock-step")
            yield Label(visible(self.stage_title), id="clock-title", markup=False)
            yield Label("", id="clock-status")
        yield Digits("", id="clock-digits")

    def show(self, timer: WorkshopTimer) -> None:
        """Paint the clock for this panel's stage from the timer's current reading."""
        try:
            digits = self.query_one("#clock-digits", Digits)
            status = self.query_one("#clock-status", Label)
        except NoMatches:
            return  # a tick can arrive before the panel has composed; the next one paints it
        on_this_stage = timer.current == self.stage_index
        timed = timer.is_timed(self.stage_index)
        phase = timer.phase(self.stage_index) if timed else Phase.NORMAL
        remaining = timer.remaining(self.stage_index)

        if not timed:
            digits.update("")
            text = "Untimed: the clock starts with the overview"
        elif phase is Phase.OVERTIME:
            digits.update("+" + format_seconds(-remaining))
            text = "OVER TIME"
        else:
            digits.update(format_seconds(remaining))
            planned = timer.adjusted(self.stage_index) // 60
            text = f"{planned} min planned"

        if on_this_stage and timer.mode is Mode.STOPPED and timed:
            text = "Ready: press F5 to start the clock"
        elif on_this_stage and timer.mode is Mode.PAUSED:
            text = f"PAUSED · {text}"
        elif not on_this_stage and timed:
            text = f"{text} · the clock is on another stage"

        on_break = on_this_stage and timer.mode is Mode.BREAK
        if on_break:
            # The break is what the room wants to see: its length goes in the big digits.
            break_time = format_seconds(timer.break_elapsed())
            digits.update(break_time)
            text = f"On a break · {break_time} · F9 to carry on"
        if timer.muted:
            text = f"{text} · sound and flash off (F12)"
        status.update(text)

        self.set_class(on_break, "-break")
        self.set_class(on_this_stage and self._flashing(timer), "-flash")
        self.set_class(phase is Phase.WARNING and not on_break, "-warning")
        self.set_class(phase is Phase.OVERTIME and not on_break, "-overtime")
        self.set_class(on_this_stage and timer.mode in (Mode.PAUSED, Mode.STOPPED), "-paused")
