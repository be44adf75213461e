"""A one-line strip of every stage, with the current one marked."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from workshop.timer import WorkshopTimer


class AgendaBar(Static):
    """Each timed stage with its planned minutes; the clock's stage is highlighted."""

    def show(self, timer: WorkshopTimer) -> None:
        line = Text(no_wrap=True, overflow="ellipsis")
        for index in range(timer.stage_count):
            if not timer.is_timed(index):
                continue
            stage = timer.stage(index)
            label = f" {stage.title} {timer.adjusted(index) // 60}′ "
            style = "reverse bold" if index == timer.current else ""
            line.append(label, style=style)
            line.append("·", style="dim")
        self.update(line)
