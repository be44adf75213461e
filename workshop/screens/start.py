"""The first screen: resume a workshop from the database, or start a new one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option

from workshop.domain import WorkshopSummary
from workshop.textsafe import visible

NEW_WORKSHOP = "new"


class StartScreen(Screen[int | None]):
    """Pick a workshop; dismisses with its id, or None for a new workshop."""

    BINDINGS = [("n", "new", "New workshop")]

    def __init__(self, summaries: list[WorkshopSummary], stage_titles: list[str]) -> None:
        super().__init__(id="start")
        self.summaries = summaries
        self.stage_titles = stage_titles

    def compose(self) -> ComposeResult:
        with Vertical(id="start-box"):
            yield Label("OKR Workshop", id="start-title")
            yield Label(
                "Two hours to write the team's objectives and key results.", id="start-subtitle"
            )
            options = [Option("＋ Start a new workshop", id=NEW_WORKSHOP)]
            options += [Option(self._describe(s), id=str(s.id)) for s in self.summaries]
            yield OptionList(*options, id="workshops")
        yield Footer()

    def _describe(self, s: WorkshopSummary) -> str:
        team = visible(s.team) or "Unnamed team"
        period = f" · {visible(s.period)}" if s.period else ""
        stage = (
            self.stage_titles[s.current_stage]
            if 0 <= s.current_stage < len(self.stage_titles)
            else "?"
        )
        return (
            f"Resume: {team}{period} — at “{stage}”, {s.objective_count} objectives, "
            f"{s.key_result_count} key results · {s.updated_at:%d %b %H:%M}"
        )

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id
        self.dismiss(None if choice == NEW_WORKSHOP else int(choice or 0))

    def action_new(self) -> None:
        self.dismiss(None)
