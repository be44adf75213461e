"""Pilot stage 7: open questions, next steps with owners and dates, and the plan's files.

Enter adds a line below, Backspace on an empty line removes it. F2 writes the PDF
plan, Markdown and JSON in a thread worker (the clock keeps ticking) and lists
the paths; a failure is one line per file, and the other files are still written.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Label

from workshop.core.domain import Workshop
from workshop.core.exports import pilot_files
from workshop.core.pilot.plan import PilotStep, StepKind
from workshop.core.pilot.rules import step_problems
from workshop.core.textsafe import visible
from workshop.tui.screens.pilot_base import PilotStageScreen, PlanPath, advice, plan_field
from workshop.tui.widgets.export_panel import one_line
from workshop.tui.widgets.fields import FieldInput


def step_index(field: object) -> int | None:
    if isinstance(field, FieldInput) and isinstance(field.payload, PlanPath):
        parts = field.payload.parts
        if parts[0] == "steps" and isinstance(parts[1], int):
            return parts[1]
    return None


class NextStepRow(Vertical):
    """A next step: what, who, by when, and what it still lacks."""

    def __init__(self, index: int, step: PilotStep) -> None:
        super().__init__(classes="pilot-step")
        self.index = index
        self.step = step

    def compose(self) -> ComposeResult:
        with Horizontal(classes="pilot-step-fields"):
            yield plan_field(
                self.step.text,
                ("steps", self.index, "text"),
                placeholder="Next step",
                list_item=True,
                classes="pilot-step-text",
            )
            yield plan_field(
                self.step.owner,
                ("steps", self.index, "owner"),
                placeholder="Owner",
                list_item=True,
                wrap=False,
                classes="pilot-owner",
            )
            yield plan_field(
                self.step.due,
                ("steps", self.index, "due"),
                placeholder="YYYY-MM-DD",
                list_item=True,
                wrap=False,
                classes="pilot-due",
            )
        yield Label("", classes="pilot-row-advice", markup=False)


class PilotWrapUpScreen(PilotStageScreen):
    STAGE_KEY = "next_steps"

    BINDINGS = [Binding("f2", "export", "Export plan", show=True)]

    class Exported(Message):
        def __init__(self, written: list[Path], failed: list[tuple[str, str]]) -> None:
            super().__init__()
            self.written = written
            self.failed = failed

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.exporting = False

    def compose_main(self) -> ComposeResult:
        with Vertical(id="pilot-wrap-up"):
            yield Label(
                "Enter: next line · Backspace on an empty line: remove · F2: export the plan",
                classes="key-hint",
            )
            yield Label("Open questions", classes="section-title")
            yield Vertical(id="pilot-questions")
            yield Label("Next steps: one owner and one date each", classes="section-title")
            yield Vertical(id="pilot-next-steps")
            yield Label("", id="pilot-export-status", markup=False)

    async def reload(self) -> None:
        plan = self.load_plan()
        if not self.session.read_only:
            for kind in StepKind:
                if not any(s.kind is kind for s in plan.steps):
                    plan.steps.append(PilotStep(kind=kind))
                    self.save_plan()
        await self.rebuild()
        self.focus_step(0 if plan.steps else None)

    async def rebuild(self) -> None:
        questions = self.query_one("#pilot-questions", Vertical)
        steps = self.query_one("#pilot-next-steps", Vertical)
        await questions.remove_children()
        await steps.remove_children()
        await questions.mount_all(
            [
                plan_field(
                    s.text,
                    ("steps", i, "text"),
                    placeholder="A question still open",
                    list_item=True,
                    classes="pilot-question",
                )
                for i, s in enumerate(self.plan.steps)
                if s.kind is StepKind.QUESTION
            ]
        )
        await steps.mount_all(
            [
                NextStepRow(i, s)
                for i, s in enumerate(self.plan.steps)
                if s.kind is StepKind.NEXT_STEP
            ]
        )
        self.apply_read_only_to(self)
        self.plan_changed()

    def focus_step(self, index: int | None) -> None:
        if index is None:
            return
        for field in self.query(FieldInput):
            if field.payload == PlanPath(("steps", index, "text")):
                field.focus()
                field.scroll_visible()
                return

    def plan_changed(self) -> None:
        for row in self.query(NextStepRow):
            if row.index < len(self.plan.steps):
                problems = step_problems(self.plan.steps[row.index])
                advice(", ".join(problems), row.query_one(".pilot-row-advice", Label))

    @on(FieldInput.AddSibling)
    async def _add_line(self, event: FieldInput.AddSibling) -> None:
        index = step_index(event.field)
        if not self.session.allow_change() or index is None:
            return
        kind = self.plan.steps[index].kind
        self.plan.steps.insert(index + 1, PilotStep(kind=kind))
        self.save_plan()
        await self.rebuild()
        self.focus_step(index + 1)

    @on(FieldInput.Remove)
    async def _remove_line(self, event: FieldInput.Remove) -> None:
        index = step_index(event.field)
        if not self.session.allow_change() or index is None:
            return
        step = self.plan.steps[index]
        if event.field.payload != PlanPath(("steps", index, "text")) or step.owner or step.due:
            return  # only an empty step's own line removes it
        same = [i for i, s in enumerate(self.plan.steps) if s.kind is step.kind]
        if len(same) == 1:
            return  # keep one line to type in
        del self.plan.steps[index]
        self.save_plan()
        await self.rebuild()
        position = same.index(index)
        remaining = [i if i < index else i - 1 for i in same if i != index]
        self.focus_step(remaining[max(0, position - 1)])

    # -- the files ---------------------------------------------------------------------

    def action_export(self) -> None:
        if self.exporting:
            self.notify("Already exporting: one moment.")
            return
        self.exporting = True
        self.show_status("Exporting the plan…")
        self.run_export(self.session.load())

    @work(thread=True, exit_on_error=False, group="pilot-export")
    def run_export(self, workshop: Workshop) -> None:
        """Write the three files; runs in a thread and only posts a message back."""
        written: list[Path] = []
        failed: list[tuple[str, str]] = []
        for fmt, what in pilot_files.FORMATS.items():
            try:
                path = pilot_files.default_path(workshop, fmt)
                written.append(pilot_files.export(workshop, fmt, path))
            except Exception as error:  # any failure: one line, and the other files still
                failed.append((what, one_line(error)))
        self.post_message(self.Exported(written, failed))

    @on(Exported)
    def _exported(self, message: Exported) -> None:
        self.exporting = False
        lines = []
        if message.written:
            lines.append(f"Written ({len(message.written)} files):")
            lines += [f"  {path}" for path in message.written]
        lines += [f"Not written, the {what}: {reason}" for what, reason in message.failed]
        self.show_status(*lines, bad=bool(message.failed))
        if message.failed:
            self.notify(visible(lines[-1]), severity="error", markup=False)

    def show_status(self, *lines: str, bad: bool = False) -> None:
        status = next(self.query("#pilot-export-status").results(Label), None)
        if status is None:
            return  # the stage has been left
        status.update("\n".join(visible(line) for line in lines))
        status.display = any(lines)
        status.set_class(bad, "-bad")
        if status.display:
            # Under the next steps, it is below the fold at 80x24: bring it into view,
            # or F2 looks as if it did nothing.
            status.call_after_refresh(status.scroll_visible, animate=False)
