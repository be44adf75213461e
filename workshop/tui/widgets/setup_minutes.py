"""The set-up screen's stage minutes: one small field per timed stage and the running total.

The widget only shows and collects; the screen saves (through
`WorkshopSession.set_stage_minutes`) and hands back the agenda to show.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label

from workshop.core.agenda.model import Agenda
from workshop.tui.widgets.fields import FieldInput


class MinutesInput(FieldInput):
    """Minutes for one stage: digits only, no more than three of them."""

    def __init__(self, stage_key: str, minutes: int) -> None:
        super().__init__(
            str(minutes),
            restrict=r"[0-9]*",
            max_length=3,
            id=f"minutes-{stage_key.replace('_', '-')}",
            classes="minutes-input",
        )
        self.stage_key = stage_key


class StageMinutes(Vertical):
    """Every timed stage with its minutes, the total, and what is wrong if anything is."""

    def __init__(self, agenda: Agenda, **kwargs) -> None:
        super().__init__(**kwargs)
        self.agenda = agenda

    def compose(self) -> ComposeResult:
        for stage in self.agenda.timed_stages:
            with Horizontal(classes="minutes-row"):
                yield Label(stage.title, classes="minutes-title", markup=False)
                yield MinutesInput(stage.key, stage.minutes)
                yield Label("min", classes="minutes-unit")
        yield Label("", id="minutes-total")
        yield Label("", id="minutes-problem", markup=False)

    def on_mount(self) -> None:
        self.show(self.agenda)

    @property
    def inputs(self) -> list[MinutesInput]:
        return list(self.query(MinutesInput).results())

    def show(self, agenda: Agenda, problem: str = "", *, values: bool = False) -> None:
        """Show the total of `agenda` and `problem` (if any); with `values`, its minutes too."""
        self.agenda = agenda
        self.query_one("#minutes-total", Label).update(f"Total {agenda.total_minutes} min")
        note = self.query_one("#minutes-problem", Label)
        note.update(problem)
        note.display = bool(problem)
        if values:
            # Set quietly: these are the saved values, not new typing to save again.
            with self.prevent(Input.Changed):
                for field in self.inputs:
                    field.value = str(agenda.stage(field.stage_key).minutes)
