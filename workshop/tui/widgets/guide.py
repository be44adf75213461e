"""The facilitator's guide beside the editor: the stage's aim, questions and tips.

Agenda text is plain text: shown literally (no markup, so "[b]" stays "[b]" and a
"[@click=...]" is not a link), with control characters as visible stand-ins.

Stage screens may mount extra widgets (the coach's findings, a counter) into the
`#guide-extra` container at the top.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label

from workshop.core.agenda.model import Stage
from workshop.core.textsafe import visible


class GuidePanel(VerticalScroll):
    """Aim, prompts and tips of one stage, in large plain text."""

    can_focus = False

    def __init__(self, stage: Stage, **kwargs) -> None:
        super().__init__(**kwargs)
        self.stage = stage

    def compose(self) -> ComposeResult:
        yield Vertical(id="guide-extra")
        yield Label(visible(self.stage.aim), classes="guide-aim", markup=False)
        if self.stage.prompts:
            yield Label("Ask the room", classes="guide-heading")
            for prompt in self.stage.prompts:
                yield Label(f"• {visible(prompt)}", classes="guide-item", markup=False)
        if self.stage.tips:
            yield Label("Tips", classes="guide-heading")
            for tip in self.stage.tips:
                yield Label(f"• {visible(tip)}", classes="guide-item", markup=False)
