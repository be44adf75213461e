"""Pilot stage 4: how long the pilot runs.

The stage suggests a length from the organisation's size (three to six months up
to about 500 people, a year growing each quarter above that) and offers the
two-week option for when the only question is whether people can write sensible
OKRs. Ctrl+T moves the choice to the next length.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Label, Static

from workshop.core.pilot.plan import PilotDuration
from workshop.core.pilot.rules import (
    DURATIONS,
    duration_warning,
    headcount_problem,
    quarterly_growth,
    suggested_duration,
)
from workshop.tui.screens.pilot_base import PilotStageScreen, advice, plan_field, show
from workshop.tui.widgets.fields import FieldInput

ORDER: tuple[PilotDuration, ...] = tuple(info.duration for info in DURATIONS)


def next_duration(current: PilotDuration | None, suggested: PilotDuration | None) -> PilotDuration:
    """The suggestion first, then round the three lengths."""
    if current is None:
        return suggested or ORDER[0]
    return ORDER[(ORDER.index(current) + 1) % len(ORDER)]


class PilotDurationScreen(PilotStageScreen):
    STAGE_KEY = "duration"

    BINDINGS = [Binding("ctrl+t", "next_duration", "Next length", show=True)]

    def compose_main(self) -> ComposeResult:
        with Vertical(id="pilot-duration"):
            yield Label("People in the organisation", classes="section-title")
            with Horizontal(classes="pilot-pair"):
                yield plan_field(
                    "", ("organisation_size",), placeholder="e.g. 1,200", id="pilot-org-size"
                )
                yield Label("", id="pilot-suggestion", markup=False)
            yield Label("How long will the pilot run?", classes="section-title")
            yield Label("Ctrl+T: next length", classes="key-hint")
            for info in DURATIONS:
                yield Static(
                    "", id=f"duration-{ORDER.index(info.duration)}", classes="pilot-choice"
                )
            yield Label("", id="pilot-duration-advice", classes="pilot-advice", markup=False)
            yield Label("", id="pilot-growth", markup=False)
            yield Label("Notes: start date, who joins each quarter", classes="section-title")
            yield plan_field(
                "", ("duration_note",), placeholder="Notes", wrap=True, id="pilot-duration-note"
            )

    async def reload(self) -> None:
        plan = self.load_plan()
        with self.prevent(FieldInput.Changed):
            self.query_one("#pilot-org-size", FieldInput).value = plan.organisation_size
            self.query_one("#pilot-duration-note", FieldInput).value = plan.duration_note
        self.plan_changed()
        self.query_one("#pilot-org-size", FieldInput).focus()

    def plan_changed(self) -> None:
        plan = self.plan
        suggested = suggested_duration(plan.organisation_size)
        problem = headcount_problem(plan.organisation_size, "organisation's size")
        suggestion = self.query_one("#pilot-suggestion", Label)
        if problem:
            show(suggestion, problem)
        elif suggested is None:
            show(suggestion, "Give the size for a suggestion.")
        else:
            title = next(i.title for i in DURATIONS if i.duration is suggested)
            show(suggestion, f"Suggested: {title.lower()}.")
        for info in DURATIONS:
            chosen = info.duration is plan.duration
            tag = "  (suggested)" if info.duration is suggested else ""
            line = Content.assemble(
                (("▶ " if chosen else "  ") + info.title + tag, "bold"), "\n", info.detail
            )
            choice = self.query_one(f"#duration-{ORDER.index(info.duration)}", Static)
            show(choice, line)
            choice.set_class(chosen, "-chosen")
        advice(
            duration_warning(plan.duration, plan.organisation_size),
            self.query_one("#pilot-duration-advice", Label),
        )
        growth = (
            quarterly_growth(plan.group_size, plan.organisation_size)
            if plan.duration is PilotDuration.YEAR
            else None
        )
        text = (
            "Growing each quarter: " + " · ".join(f"Q{i + 1} {n:,}" for i, n in enumerate(growth))
            if growth
            else ""
        )
        advice(text, self.query_one("#pilot-growth", Label))

    def action_next_duration(self) -> None:
        if not self.session.allow_change():
            return
        self.plan.duration = next_duration(
            self.plan.duration, suggested_duration(self.plan.organisation_size)
        )
        self.save_plan()
