"""The link picker: tie an objective to a company priority or a parent key result.

A small modal list, driven with Up/Down and Enter, Escape to leave it unchanged.
It returns a `LinkChoice` through `dismiss`; the objectives screen stores it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from workshop.core.domain import Workshop
from workshop.core.org.alignment import CompanyObjective
from workshop.core.textsafe import visible
from workshop.tui.styles import STAGE_CSS

LinkKind = Literal[
    "none", "priority", "parent_key_result", "company_objective", "company_key_result"
]


@dataclass(frozen=True)
class LinkChoice:
    """What the facilitator picked: no link, a priority or a parent key result (by row id)."""

    kind: LinkKind
    row_id: int | None = None


def link_options(
    workshop: Workshop,
    priority_id: int | None,
    parent_key_result_id: int | None,
    company: CompanyLinks | None = None,
) -> list[Option]:
    """The choices, with headings (disabled) and a tick on the current links."""

    def tick(linked: bool) -> str:
        return "✓ " if linked else "  "

    options = [Option("No link", id="none")]
    if workshop.priorities:
        options.append(Option("Priorities from stage 2", disabled=True))
    for number, priority in enumerate(workshop.priorities, start=1):
        text = visible(priority.text) or "(blank)"
        options.append(
            Option(
                f"{tick(priority.id == priority_id)}{number}. {text}",
                id=f"priority:{priority.id}",
            )
        )
    for parent in workshop.parent_objectives:
        options.append(
            Option(f"Company objective: {visible(parent.text) or '(blank)'}", disabled=True)
        )
        for kr in parent.key_results:
            text = visible(kr.text) or "(blank)"
            options.append(
                Option(
                    f"{tick(kr.id == parent_key_result_id)}KR: {text}",
                    id=f"parent_key_result:{kr.id}",
                )
            )
    if company is not None:
        options += company.options(tick)
    return options


@dataclass(frozen=True)
class CompanyLinks:
    """The company's own OKRs (issue 18), written once in its workshop and linked by id."""

    name: str
    objectives: tuple[CompanyObjective, ...]
    objective_id: int | None = None  # what the objective serves now
    key_result_id: int | None = None

    def options(self, tick: Callable[[bool], str]) -> list[Option]:
        options = [Option(f"Company OKRs of {visible(self.name) or 'the company'}", disabled=True)]
        for number, objective in enumerate(self.objectives, start=1):
            options.append(
                Option(
                    f"{tick(objective.id == self.objective_id)}{number}. "
                    f"{visible(objective.text) or '(blank)'}",
                    id=f"company_objective:{objective.id}",
                )
            )
            for kr in objective.key_results:
                text = visible(kr.text) or "(blank)"
                options.append(
                    Option(
                        f"{tick(kr.id == self.key_result_id)}   KR: {text}",
                        id=f"company_key_result:{kr.id}",
                    )
                )
        return options


class LinkPicker(ModalScreen[LinkChoice | None]):
    """Pick what an objective links to."""

    CSS_PATH = STAGE_CSS
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        workshop: Workshop,
        priority_id: int | None,
        parent_key_result_id: int | None,
        note: str = "",
        prefer_parent: bool = False,
        company: CompanyLinks | None = None,
    ) -> None:
        super().__init__(id="link-picker")
        self.prefer_parent = prefer_parent
        self.title_text = title
        self.workshop = workshop
        self.priority_id = priority_id
        self.parent_key_result_id = parent_key_result_id
        self.note = note
        self.company = company

    def compose(self) -> ComposeResult:
        with Vertical(id="link-box"):
            yield Label(self.title_text, id="link-title", markup=False)
            yield OptionList(
                *link_options(
                    self.workshop, self.priority_id, self.parent_key_result_id, self.company
                ),
                id="link-options",
                markup=False,
            )
            if self.note:
                yield Label(self.note, id="link-note", markup=False)
            yield Label("↑ ↓ choose · Enter: link (a ✓ one: unlink) · Esc: cancel", id="link-keys")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        # Start on what is linked now, or (under duality) on the first parent key result.
        wanted = [
            f"parent_key_result:{self.parent_key_result_id}",
            f"priority:{self.priority_id}",
        ]
        if self.company is not None:
            wanted[:0] = [
                f"company_key_result:{self.company.key_result_id}",
                f"company_objective:{self.company.objective_id}",
            ]
        if self.prefer_parent:
            wanted.append("parent_key_result:")
            wanted.append("company_key_result:")
        for w in wanted:
            for index, option in enumerate(options.options):
                if option.id == w or (w.endswith(":") and (option.id or "").startswith(w)):
                    options.highlighted = index
                    return

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or "none"
        if option_id == "none":
            self.dismiss(LinkChoice("none"))
            return
        kind, _, row_id = option_id.partition(":")
        assert kind in (
            "priority",
            "parent_key_result",
            "company_objective",
            "company_key_result",
        )
        self.dismiss(LinkChoice(kind, int(row_id)))  # type: ignore[arg-type]

    def action_cancel(self) -> None:
        self.dismiss(None)
