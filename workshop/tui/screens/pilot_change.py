"""Pilot stage 6: the change checklist, from the Model for Managing Complex Change.

For vision, skills, incentives, resources and an action plan: Ctrl+T says whether it
is in place (not decided, in place, missing), then what shows it, or what we will do.
A missing element shows the failure it tends to cause. The three challenges every
adoption meets are talking points in the guide.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Label, Static

from workshop.core.pilot.plan import InPlace, PilotChange
from workshop.core.pilot.rules import CHALLENGES, change_finding, change_summary, element_info
from workshop.tui.screens.pilot_base import PilotStageScreen, PlanPath, advice, plan_field, show
from workshop.tui.widgets.fields import FieldInput

STATES: tuple[InPlace, ...] = (InPlace.UNSURE, InPlace.YES, InPlace.NO)
STATE_WORDS = {InPlace.UNSURE: "not decided", InPlace.YES: "in place", InPlace.NO: "MISSING"}


def change_index(field: object) -> int | None:
    if isinstance(field, FieldInput) and isinstance(field.payload, PlanPath):
        parts = field.payload.parts
        if parts[0] == "changes" and isinstance(parts[1], int):
            return parts[1]
    return None


class ChangeRow(Vertical):
    """One element: its name and question, its state, what shows it, the action."""

    def __init__(self, index: int, change: PilotChange) -> None:
        super().__init__(classes="pilot-change")
        self.index = index
        self.change = change

    def compose(self) -> ComposeResult:
        info = element_info(self.change.element)
        with Horizontal(classes="pilot-change-head"):
            yield Label(info.title, classes="pilot-change-title", markup=False)
            yield Label("", classes="pilot-change-state", markup=False)
        yield Label(info.question, classes="pilot-change-question", markup=False)
        with Horizontal(classes="pilot-change-fields"):
            yield plan_field(
                self.change.evidence,
                ("changes", self.index, "evidence"),
                placeholder="What shows it",
                classes="pilot-evidence",
            )
            yield plan_field(
                self.change.action,
                ("changes", self.index, "action"),
                placeholder="Action",
                classes="pilot-action",
            )
        yield Label("", classes="pilot-row-advice", markup=False)

    def show(self, change: PilotChange) -> None:
        state = self.query_one(".pilot-change-state", Label)
        show(state, f"[{STATE_WORDS[change.in_place]}]")
        for value in STATES:
            self.set_class(change.in_place is value, f"-{value.value}")
        advice(change_finding(change), self.query_one(".pilot-row-advice", Label))


class PilotChangeScreen(PilotStageScreen):
    STAGE_KEY = "change_checklist"

    BINDINGS = [Binding("ctrl+t", "next_state", "In place?", show=True)]

    def compose_main(self) -> ComposeResult:
        with Vertical(id="pilot-change"):
            yield Label("", id="pilot-change-summary", markup=False)
            yield Label("Ctrl+T: not decided / in place / missing", classes="key-hint")
            yield Vertical(id="pilot-change-rows")
            with Vertical(id="pilot-challenges"):
                yield Label(
                    "Talking points: three challenges every adoption meets",
                    classes="section-title",
                )
                for title, body in CHALLENGES:
                    yield Static(
                        Content.assemble((title, "bold"), "\n", body), classes="pilot-challenge"
                    )

    async def reload(self) -> None:
        self.load_plan()
        rows = self.query_one("#pilot-change-rows", Vertical)
        await rows.remove_children()
        await rows.mount_all([ChangeRow(i, c) for i, c in enumerate(self.plan.changes)])
        self.apply_read_only_to(self)
        self.plan_changed()
        first = next(iter(self.query(".pilot-evidence").results(FieldInput)), None)
        if first is not None:
            first.focus()

    def plan_changed(self) -> None:
        show(self.query_one("#pilot-change-summary", Label), change_summary(self.plan.changes))
        # A key changes the row with the cursor only; the others are repainted on a rebuild.
        focused = change_index(self.focused)
        for row in self.query(ChangeRow):
            if focused is None or row.index == focused:
                row.show(self.plan.changes[row.index])

    def action_next_state(self) -> None:
        index = change_index(self.focused)
        if not self.session.allow_change() or index is None:
            return
        change = self.plan.changes[index]
        change.in_place = STATES[(STATES.index(change.in_place) + 1) % len(STATES)]
        self.save_plan()
