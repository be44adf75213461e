"""Pilot step 1: which of the four risks the pilot must reduce, and why, in our words.

Ctrl+T moves the choice to the next risk. Up to about 300 people the step repeats
that a pilot may cost more than it teaches; the room may carry on anyway.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, Static

from workshop.core.pilot.plan import PilotRisk
from workshop.core.pilot.rules import RISKS
from workshop.tui.screens.pilot_base import PilotStageScreen, advice, plan_field, show
from workshop.tui.screens.pilot_setup import size_advice
from workshop.tui.widgets.fields import FieldInput

ORDER: tuple[PilotRisk, ...] = tuple(info.risk for info in RISKS)


def next_risk(risk: PilotRisk | None) -> PilotRisk:
    """The risk after `risk` in the list, round to the first."""
    if risk is None:
        return ORDER[0]
    return ORDER[(ORDER.index(risk) + 1) % len(ORDER)]


class PilotWhyScreen(PilotStageScreen):
    STAGE_KEY = "why_a_pilot"

    BINDINGS = [Binding("ctrl+t", "next_risk", "Next risk", show=True)]

    def compose_main(self) -> ComposeResult:
        with Vertical(id="pilot-why"):
            yield Label("", id="pilot-size-advice", classes="pilot-advice", markup=False)
            yield Label("Which risk should the pilot reduce?", classes="section-title")
            yield Label("Ctrl+T: next risk", classes="key-hint")
            for info in RISKS:
                yield Static("", id=f"risk-{info.risk.value}", classes="pilot-choice")
            yield Label("Why we run it, in our words", classes="section-title")
            yield plan_field(
                "", ("reason",), placeholder="The reason", wrap=True, id="pilot-reason"
            )

    async def reload(self) -> None:
        plan = self.load_plan()
        with self.prevent(FieldInput.Changed):
            self.query_one("#pilot-reason", FieldInput).value = plan.reason
        self.plan_changed()
        self.query_one("#pilot-reason", FieldInput).focus()

    def plan_changed(self) -> None:
        advice(
            size_advice(self.plan.organisation_size), self.query_one("#pilot-size-advice", Label)
        )
        for info in RISKS:
            chosen = info.risk is self.plan.risk
            mark = "▶ " if chosen else "  "
            line = Content.assemble((mark + info.title, "bold"), "\n", info.detail)
            choice = self.query_one(f"#risk-{info.risk.value}", Static)
            show(choice, line)
            choice.set_class(chosen, "-chosen")

    def action_next_risk(self) -> None:
        if not self.session.allow_change():
            return
        self.plan.risk = next_risk(self.plan.risk)
        self.save_plan()
