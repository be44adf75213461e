"""Pilot stage 5: what the pilot tests, in what order, each with a question, owner and date.

The five aspects start in the usual order (conceptual fit, leadership engagement,
broad engagement, technology fit, scale). Alt+Up / Alt+Down (or Ctrl+Up / Ctrl+Down)
move the one with the cursor; the stage says when the order or the dates run
against the usual sequence, and what each row still lacks.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Label

from workshop.core.pilot.plan import PilotTest
from workshop.core.pilot.rules import aspect_info, order_warnings, problems_of_test
from workshop.core.textsafe import visible
from workshop.tui.screens.pilot_base import PilotStageScreen, PlanPath, advice, plan_field
from workshop.tui.widgets.fields import FieldInput


def aspect_index(field: object) -> int | None:
    """The index in the plan's tests that a field edits, or None."""
    if isinstance(field, FieldInput) and isinstance(field.payload, PlanPath):
        parts = field.payload.parts
        if parts[0] == "tests" and isinstance(parts[1], int):
            return parts[1]
    return None


class AspectRow(Vertical):
    """One aspect to test: its number and name, the question, then owner and date."""

    def __init__(self, index: int, test: PilotTest) -> None:
        super().__init__(classes="pilot-test")
        self.index = index
        self.test = test

    def compose(self) -> ComposeResult:
        title = aspect_info(self.test.aspect).title
        yield Label(f"{self.index + 1}. {title}", classes="pilot-test-title", markup=False)
        yield plan_field(
            self.test.question,
            ("tests", self.index, "question"),
            placeholder="The question this stage answers",
            wrap=True,
            classes="pilot-test-question",
        )
        with Horizontal(classes="pilot-test-small"):
            yield plan_field(
                self.test.owner,
                ("tests", self.index, "owner"),
                placeholder="Owner",
                classes="pilot-owner",
            )
            yield plan_field(
                self.test.due,
                ("tests", self.index, "due"),
                placeholder="YYYY-MM-DD",
                classes="pilot-due",
            )
            yield Label("", classes="pilot-row-advice", markup=False)

    def show_problems(self, test: PilotTest) -> None:
        problems = problems_of_test(test)
        advice(", ".join(problems), self.query_one(".pilot-row-advice", Label))


class PilotTestsScreen(PilotStageScreen):
    STAGE_KEY = "what_to_test"

    BINDINGS = [
        Binding("alt+up,ctrl+up", "move(-1)", "Move up", show=True),
        Binding("alt+down,ctrl+down", "move(1)", "Move down", show=True),
    ]

    def compose_main(self) -> ComposeResult:
        with Vertical(id="pilot-tests"):
            yield Label("Alt+Up / Alt+Down: move the stage with the cursor", classes="key-hint")
            yield Label("", id="pilot-order-advice", classes="pilot-advice", markup=False)
            yield Vertical(id="pilot-test-rows")

    async def reload(self) -> None:
        self.load_plan()
        await self.rebuild()

    async def rebuild(self, focus: int = 0, part: str = "question") -> None:
        rows = self.query_one("#pilot-test-rows", Vertical)
        await rows.remove_children()
        await rows.mount_all([AspectRow(i, t) for i, t in enumerate(self.plan.tests)])
        self.apply_read_only_to(self)
        self.plan_changed()
        row = next((r for r in self.query(AspectRow) if r.index == focus), None)
        if row is not None:
            field = row.query_one(
                f".pilot-test-{part}" if part == "question" else f".pilot-{part}", FieldInput
            )
            # The row whole, its number and name too: scrolling to the field alone
            # opened the stage with "1. Conceptual fit" and the key hint out of view.
            field.focus(scroll_visible=False)
            row.call_after_refresh(row.scroll_visible, animate=False)

    def plan_changed(self) -> None:
        advice(
            " ".join(order_warnings(self.plan.tests)), self.query_one("#pilot-order-advice", Label)
        )
        for row in self.query(AspectRow):
            row.show_problems(self.plan.tests[row.index])

    async def action_move(self, offset: int) -> None:
        index = aspect_index(self.focused)
        if not self.session.allow_change() or index is None:
            return
        target = index + offset
        if not 0 <= target < len(self.plan.tests):
            return
        part = "question"
        if isinstance(self.focused, FieldInput) and isinstance(self.focused.payload, PlanPath):
            part = str(self.focused.payload.parts[-1])
        tests = self.plan.tests
        tests[index], tests[target] = tests[target], tests[index]
        self.save_plan()
        await self.rebuild(focus=target, part=part)
        warnings = order_warnings(self.plan.tests)
        if warnings:
            # The same words stand above the list, which is often scrolled out of view
            # by now (five rows do not fit at 160x45): say them where they are seen.
            self.notify(visible(" ".join(warnings)), severity="warning", markup=False)
