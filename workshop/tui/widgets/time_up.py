"""The time's-up prompt: a one-line bar under the clock, never a dialog.

It shows while the current stage's countdown is at or past zero and says which
keys move on or buy time. Those are the app's own priority keys (Ctrl+N, F7, F6),
so they work while someone is typing. The bar cannot take focus, sits in the
layout rather than over it, and keeps the focused field in view when it appears,
so it never hides what the room is writing. It goes away by itself once time is
added or the stage changes, because it is repainted from the timer on every tick.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from workshop.core.clock.timer import Mode, WorkshopTimer


def time_is_up(timer: WorkshopTimer, stage_index: int) -> bool:
    """True when `stage_index` is the clock's stage and its countdown has run out."""
    return (
        timer.current == stage_index
        and timer.started
        and timer.mode is not Mode.BREAK
        and timer.is_timed(stage_index)
        and timer.remaining(stage_index) <= 0
    )


class TimeUpBar(Static):
    """ "Time's up" with the keys for the next stage or more time; hidden otherwise."""

    can_focus = False

    COMPONENT_CLASSES = {"time-up--key"}

    def __init__(self, stage_index: int, stage_count: int, **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)
        self.stage_index = stage_index
        self.stage_count = stage_count
        self.display = False

    def words(self) -> list[tuple[str, str]]:
        """The prompt as (key, what it does) pairs, the first with an empty key."""
        last = self.stage_index + 1 >= self.stage_count
        pairs = [("", "Time's up." if not last else "Time's up: time to close.")]
        if not last:
            pairs.append(("Ctrl+N", "next stage"))
        pairs += [("F7", "+5 min"), ("F6", "+1 min")]
        return pairs

    def show(self, timer: WorkshopTimer) -> None:
        """Show or hide the bar from the timer's reading."""
        due = time_is_up(timer, self.stage_index)
        if due == self.display:
            return
        if due:
            key_style = self.get_component_rich_style("time-up--key", partial=True)
            line = Text(no_wrap=True, overflow="ellipsis")
            for n, (key, action) in enumerate(self.words()):
                if key:
                    line.append("  ·  " if n > 1 else "  ")
                    line.append(f" {key} ", style=key_style)
                    line.append(f" {action}")
                else:
                    line.append(action)
            self.update(line)
        self.display = due
        if due:
            # The bar takes a line from the editor: keep the field being typed in visible.
            focused = self.screen.focused
            if focused is not None:
                self.call_after_refresh(focused.scroll_visible, animate=False)
