"""What the seven stages of planning an OKR pilot share: the plan, saving it, advice lines.

A pilot is a meeting of kind "pilot" (`workshop.core.agenda.kinds`): its organisation,
facilitator and the pilot's objective with key results live in the workshop's own
fields and rows, and the rest of the plan (`PilotPlan`) is the meeting's record, kept
as JSON in `meeting_json`. Every change to the plan goes through the session like any
typing: `save_plan()` queues the whole record with `session.edit`, so it is in the
draft at once and the writer saves it, coalesced, a few times a second.

A field bound to the plan is a `FieldInput` with no save target and a `PlanPath`
as its payload: the handler here writes its text into the plan and saves the plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import on
from textual.content import Content
from textual.widgets import Label, Static

from workshop.core.db.store import FieldTooLong
from workshop.core.pilot.plan import PilotPlan
from workshop.core.pilot.rules import plan_from_json
from workshop.core.session.session import WORKSHOP
from workshop.core.textsafe import visible
from workshop.tui.screens.base import StageScreen
from workshop.tui.styles import STAGE_CSS
from workshop.tui.widgets.fields import FieldInput
from workshop.tui.widgets.guide import GuidePanel

PILOT_KIND = "pilot"


@dataclass(frozen=True)
class PlanPath:
    """Where a field's text goes in the plan: ("reason",) or ("tests", 2, "owner")."""

    parts: tuple[str | int, ...]

    def set(self, plan: PilotPlan, value: str) -> None:
        node: Any = plan
        for part in self.parts[:-1]:
            node = node[part] if isinstance(part, int) else getattr(node, part)
        setattr(node, str(self.parts[-1]), value)


def plan_field(value: str, path: tuple[str | int, ...], **kwargs: Any) -> FieldInput:
    """A field whose text is saved into the plan at `path`."""
    return FieldInput(value, payload=PlanPath(path), **kwargs)


def show(widget: Label | Static, content: str | Content) -> None:
    """Put `content` in `widget` unless it is there already.

    The advice is worked out again on every key; an update that changes nothing would
    still lay the stage out again, and typing would pay for it.
    """
    if getattr(widget, "pilot_shown", None) != content:
        widget.pilot_shown = content  # type: ignore[union-attr]
        widget.update(content)


def advice(text: str | None, label: Label | Static) -> None:
    """Show one line of advice, or hide the label when there is none."""
    show(label, visible(text or ""))
    if label.display != bool(text):
        label.display = bool(text)


class PilotStageScreen(StageScreen):
    """A stage of planning a pilot: the plan as the draft has it, saved on every change."""

    # The shared list and this kind's own sheet: read once, when the first pilot stage shows.
    CSS_PATH = [*STAGE_CSS, Path(__file__).with_name("pilot_screens.tcss")]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = PilotPlan()
        self.add_class("pilot-stage")

    def on_mount(self) -> None:
        super().on_mount()
        # The stage's talking points, under the guide's questions and tips (the
        # workshop shows its points as overview cards; a pilot stage has no such card).
        points = self.stage.points
        if points:
            guide = self.query_one(GuidePanel)
            guide.mount(Label("Talking points", classes="guide-heading"))
            guide.mount_all(
                Static(
                    Content.assemble((p.title, "bold"), "\n", p.body),
                    classes="guide-item pilot-point",
                )
                for p in points
            )

    def load_plan(self) -> PilotPlan:
        """Read the plan from the session's draft (never the database)."""
        workshop = self.session.load()
        try:
            self.plan = plan_from_json(workshop.meeting_json)
        except ValueError as error:
            self.notify(str(error), severity="error")
            self.plan = plan_from_json("")
        return self.plan

    def save_plan(self) -> None:
        """Queue the plan for saving (the draft has it at once); refused when read-only.

        Typing is coalesced by `session.edit`; a plan longer than one field may hold
        (many long pastes) is saved whole with `update_workshop`, which has no such cap.
        """
        plan_json = self.plan.model_dump_json()
        try:
            self.session.edit(WORKSHOP, self.session.workshop_id, meeting_json=plan_json)
        except FieldTooLong:
            self.session.update_workshop(meeting_json=plan_json)
        self.plan_changed()

    def plan_changed(self) -> None:
        """The plan changed: refresh the advice lines (each stage overrides)."""

    @on(FieldInput.Changed)
    def _save_plan_field(self, event: FieldInput.Changed) -> None:
        field = event.input
        if isinstance(field, FieldInput) and isinstance(field.payload, PlanPath):
            if self.session.read_only:
                return
            field.payload.set(self.plan, event.value)
            self.save_plan()
