"""A keyboard picker: start this workshop's plan from an earlier workshop's actual times."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option

from workshop.core.agenda.model import Agenda
from workshop.core.session.session import EarlierRun
from workshop.core.textsafe import visible
from workshop.tui.styles import STAGE_CSS


def describe_run(run: EarlierRun, agenda: Agenda) -> Text:
    """Two lines: which workshop, then its actual minutes stage by stage."""
    summary = run.summary
    name = visible(summary.team) or "Unnamed team"
    period = f" · {visible(summary.period)}" if summary.period else ""
    heading = Text(f"{name}{period}", style="bold")
    heading.append(f"  {summary.created_at:%d %b %Y}", style="dim")
    stages = ", ".join(
        f"{stage.title} {run.minutes[stage.key]}"
        for stage in agenda.timed_stages
        if stage.key in run.minutes
    )
    heading.append(f"\n{run.total} min in all: {stages}")
    return heading


class EarlierTimesPicker(ModalScreen[EarlierRun | None]):
    """Choose an earlier workshop; dismisses with it, or None to keep the current plan."""

    CSS_PATH = STAGE_CSS
    BINDINGS = [Binding("escape", "cancel", "Keep the current plan")]

    def __init__(self, runs: Sequence[EarlierRun], agenda: Agenda) -> None:
        super().__init__(id="earlier-times")
        self.runs = list(runs)
        self.agenda = agenda

    def compose(self) -> ComposeResult:
        with Vertical(id="earlier-box"):
            yield Label("Plan from an earlier workshop", id="earlier-title")
            yield Label(
                "Each stage gets the minutes it really took last time. "
                "Stages that never ran keep their current minutes.",
                id="earlier-hint",
            )
            yield OptionList(
                *(
                    Option(describe_run(run, self.agenda), id=str(i))
                    for i, run in enumerate(self.runs)
                ),
                id="earlier-list",
            )
        yield Footer()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.runs[int(event.option.id or 0)])

    def action_cancel(self) -> None:
        self.dismiss(None)
