"""Pilot set-up, before the clock starts: the organisation, its size, who facilitates, when.

The size is what the later steps reason from: whether a pilot pays off at all (up to
about 300 people it often does not) and how long it should run.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label

from workshop.core.pilot.rules import headcount_problem, small_organisation_note
from workshop.core.session.session import WORKSHOP
from workshop.tui.screens.pilot_base import PilotStageScreen, advice, plan_field
from workshop.tui.widgets.fields import FieldInput, SaveTarget


def size_advice(size: str) -> str | None:
    """What the organisation's size says: unreadable, or small enough to question a pilot."""
    return headcount_problem(size, "organisation's size") or small_organisation_note(size)


class PilotSetupScreen(PilotStageScreen):
    STAGE_KEY = "pilot_setup"

    def compose_main(self) -> ComposeResult:
        wid = self.session.workshop_id
        with Vertical(id="pilot-setup"):
            yield Label("The organisation", classes="section-title")
            yield FieldInput(
                target=SaveTarget(WORKSHOP, wid, "team"),
                placeholder="Organisation",
                id="pilot-organisation",
            )
            yield Label("How many people work in it?", classes="section-title")
            yield plan_field(
                "", ("organisation_size",), placeholder="e.g. 1,200", id="pilot-org-size"
            )
            yield Label("", id="pilot-size-advice", classes="pilot-advice", markup=False)
            with Horizontal(classes="pilot-pair"):
                with Vertical(classes="pilot-half"):
                    yield Label("Facilitator", classes="section-title")
                    yield FieldInput(
                        target=SaveTarget(WORKSHOP, wid, "facilitator"),
                        placeholder="Name",
                        id="pilot-facilitator",
                    )
                with Vertical(classes="pilot-half"):
                    yield Label("When the pilot runs", classes="section-title")
                    yield FieldInput(
                        target=SaveTarget(WORKSHOP, wid, "period"),
                        placeholder="e.g. 2027",
                        id="pilot-period",
                    )

    async def reload(self) -> None:
        workshop = self.session.load()
        plan = self.load_plan()
        values = {
            "#pilot-organisation": workshop.team,
            "#pilot-facilitator": workshop.facilitator,
            "#pilot-period": workshop.period,
            "#pilot-org-size": plan.organisation_size,
        }
        with self.prevent(FieldInput.Changed):
            for selector, value in values.items():
                self.query_one(selector, FieldInput).value = value
        self.plan_changed()
        self.query_one("#pilot-organisation", FieldInput).focus()

    def plan_changed(self) -> None:
        advice(
            size_advice(self.plan.organisation_size), self.query_one("#pilot-size-advice", Label)
        )
