"""The company picker: which company's OKRs this team's workshop builds on (issue 18).

The company's objectives and key results are written once, in the company's own
workshop; a team's workshop links to it by id. Offered: no company; this
workshop is the company's (its objectives are the company OKRs); or one of the
company workshops in the database. Enter picks, Escape leaves it as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from workshop.core.org.rows import CompanyChoice
from workshop.core.textsafe import visible
from workshop.tui.styles import STAGE_CSS


@dataclass(frozen=True)
class CompanyPick:
    kind: Literal["none", "self", "company"]
    company_id: int | None = None


def company_options(
    choices: list[CompanyChoice], *, this_id: int, linked_id: int | None, is_company: bool
) -> list[Option]:
    def tick(on: bool) -> str:
        return "✓ " if on else "  "

    options = [
        Option(f"{tick(linked_id is None and not is_company)}No company OKRs linked", id="none"),
        Option(
            f"{tick(is_company)}This workshop is the company's: its objectives are the "
            "company OKRs",
            id="self",
        ),
    ]
    others = [c for c in choices if c.id != this_id]
    if others:
        options.append(Option("Company workshops in this database", disabled=True))
    for choice in others:
        name = visible(choice.name) or "(a company without a name)"
        period = f" · {visible(choice.period)}" if choice.period else ""
        teams = f" · {choice.teams} team{'s' if choice.teams != 1 else ''} linked"
        options.append(
            Option(
                f"{tick(choice.id == linked_id)}{name}{period}{teams}", id=f"company:{choice.id}"
            )
        )
    return options


class CompanyPicker(ModalScreen[CompanyPick | None]):
    CSS_PATH = STAGE_CSS
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, choices: list[CompanyChoice], *, this_id: int, linked_id: int | None, is_company: bool
    ) -> None:
        super().__init__(id="company-picker")
        self.choices = choices
        self.this_id = this_id
        self.linked_id = linked_id
        self.is_company = is_company

    def compose(self) -> ComposeResult:
        with Vertical(id="company-box"):
            yield Label("Whose company OKRs does this team build on?", id="company-title")
            yield OptionList(
                *company_options(
                    self.choices,
                    this_id=self.this_id,
                    linked_id=self.linked_id,
                    is_company=self.is_company,
                ),
                id="company-options",
                markup=False,
            )
            if not [c for c in self.choices if c.id != self.this_id]:
                yield Label(
                    "No company workshop yet: open the company's own workshop and mark it "
                    "here as the company's, or import its OKRs with --company.",
                    id="company-note",
                    markup=False,
                )
            yield Label("↑ ↓ choose · Enter: pick · Esc: cancel", id="company-keys")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        wanted = (
            "self"
            if self.is_company
            else f"company:{self.linked_id}"
            if self.linked_id is not None
            else "company:"
        )
        for index, option in enumerate(options.options):
            if option.id == wanted or (
                wanted.endswith(":") and (option.id or "").startswith(wanted)
            ):
                options.highlighted = index
                return

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or "none"
        if option_id in ("none", "self"):
            self.dismiss(CompanyPick(option_id))  # type: ignore[arg-type]
            return
        self.dismiss(CompanyPick("company", int(option_id.partition(":")[2])))

    def action_cancel(self) -> None:
        self.dismiss(None)
