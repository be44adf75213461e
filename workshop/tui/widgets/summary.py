"""The summary of everything captured, laid out for the projector.

One heading per section and one label per line, each through `visible()` with
markup off, so whatever the room typed shows literally. The content comes from
`workshop.core.okr.summary_text`, which has no Textual in it.
"""

from __future__ import annotations

from textual.containers import Vertical
from textual.widgets import Label

from workshop.core.domain import Workshop
from workshop.core.okr.summary_text import build_summary
from workshop.core.textsafe import visible


class SummaryView(Vertical):
    """The summary sections; call `show()` with a freshly loaded workshop."""

    async def show(self, workshop: Workshop) -> None:
        labels: list[Label] = [
            Label("Everything we captured", classes="summary-title"),
            Label(
                "Up/Down or Page Up/Down: scroll · Ctrl+R: back to the lists · F2: export",
                classes="key-hint",
            ),
        ]
        for section in build_summary(workshop):
            labels.append(Label(visible(section.title), classes="summary-heading", markup=False))
            for line in section.lines:
                classes = f"summary-line summary-level-{min(line.level, 1)}"
                if line.note:
                    classes += " summary-note"
                labels.append(Label(visible(line.text), classes=classes, markup=False))
        if not self.is_attached:
            return  # the stage was left before the summary could be shown
        await self.remove_children()
        await self.mount_all(labels)  # mounts nothing if the stage is being left
