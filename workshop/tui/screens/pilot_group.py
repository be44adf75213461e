"""Pilot stage 3: the test group, its size and the levels and departments it spans.

The size gets a warning outside 50 to 500 people. Levels and departments are a
checklist: Ctrl+T ticks or unticks the line with the cursor, Enter adds a line
below, Backspace on an empty line removes it. One level or one department alone
gets a warning.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Label

from workshop.core.pilot.plan import PilotScope, ScopeKind
from workshop.core.pilot.rules import group_size_warning, scope_warnings
from workshop.tui.screens.pilot_base import PilotStageScreen, PlanPath, advice, plan_field
from workshop.tui.widgets.fields import FieldInput

PLACEHOLDER = {ScopeKind.LEVEL: "A level, e.g. Team leads", ScopeKind.DEPARTMENT: "A department"}


def scope_index(field: object) -> int | None:
    """The plan's scope index a checklist field edits, or None for any other field."""
    if isinstance(field, FieldInput) and isinstance(field.payload, PlanPath):
        parts = field.payload.parts
        if parts[0] == "scope" and isinstance(parts[1], int):
            return parts[1]
    return None


class ScopeLine(Horizontal):
    """One line of the checklist: the tick, and the level's or department's name."""

    def __init__(self, index: int, scope: PilotScope) -> None:
        super().__init__(classes="scope-line")
        self.index = index
        self.scope = scope

    def compose(self) -> ComposeResult:
        yield Label("[x]" if self.scope.covered else "[ ]", classes="scope-tick", markup=False)
        yield plan_field(
            self.scope.name,
            ("scope", self.index, "name"),
            placeholder=PLACEHOLDER[self.scope.kind],
            list_item=True,
            wrap=False,
            classes="scope-name",
        )

    def tick(self, covered: bool) -> None:
        self.scope.covered = covered
        self.set_class(covered, "-covered")
        self.query_one(".scope-tick", Label).update("[x]" if covered else "[ ]")

    def on_mount(self) -> None:
        self.set_class(self.scope.covered, "-covered")


class PilotGroupScreen(PilotStageScreen):
    STAGE_KEY = "test_group"

    BINDINGS = [Binding("ctrl+t", "tick", "Tick/untick", show=True)]

    def compose_main(self) -> ComposeResult:
        with Vertical(id="pilot-group"):
            yield Label("How many people are in the test group?", classes="section-title")
            yield plan_field("", ("group_size",), placeholder="e.g. 120", id="pilot-group-size")
            yield Label("", id="pilot-group-advice", classes="pilot-advice", markup=False)
            yield Label(
                "Ctrl+T: tick or untick · Enter: add a line · Backspace on empty: remove",
                classes="key-hint",
            )
            yield Label("Levels taking part", classes="section-title")
            yield Vertical(id="pilot-levels")
            yield Label("Departments taking part", classes="section-title")
            yield Vertical(id="pilot-departments")
            yield Label("", id="pilot-scope-advice", classes="pilot-advice", markup=False)

    async def reload(self) -> None:
        plan = self.load_plan()
        with self.prevent(FieldInput.Changed):
            self.query_one("#pilot-group-size", FieldInput).value = plan.group_size
        if (
            not any(s.kind is ScopeKind.DEPARTMENT for s in plan.scope)
            and not self.session.read_only
        ):
            plan.scope.append(PilotScope(kind=ScopeKind.DEPARTMENT))
            self.save_plan()
        await self.rebuild()
        self.plan_changed()
        self.query_one("#pilot-group-size", FieldInput).focus()

    async def rebuild(self, focus: int | None = None) -> None:
        """Lay the checklist out again from the plan; the cursor to line `focus` if given."""
        for kind, selector in (
            (ScopeKind.LEVEL, "#pilot-levels"),
            (ScopeKind.DEPARTMENT, "#pilot-departments"),
        ):
            holder = self.query_one(selector, Vertical)
            await holder.remove_children()
            await holder.mount_all(
                [ScopeLine(i, s) for i, s in enumerate(self.plan.scope) if s.kind is kind]
            )
        self.apply_read_only_to(self)
        if focus is not None:
            line = next((s for s in self.query(ScopeLine) if s.index == focus), None)
            if line is not None:
                field = line.query_one(".scope-name", FieldInput)
                field.focus()
                field.scroll_visible()

    def plan_changed(self) -> None:
        advice(
            group_size_warning(self.plan.group_size, self.plan.organisation_size),
            self.query_one("#pilot-group-advice", Label),
        )
        advice(
            " ".join(scope_warnings(self.plan.scope)), self.query_one("#pilot-scope-advice", Label)
        )

    def action_tick(self) -> None:
        index = scope_index(self.focused)
        if not self.session.allow_change() or index is None:
            return
        scope = self.plan.scope[index]
        covered = not scope.covered
        scope.covered = covered
        for line in self.query(ScopeLine):
            if line.index == index:
                line.tick(covered)
        self.save_plan()

    @on(FieldInput.AddSibling)
    async def _add_line(self, event: FieldInput.AddSibling) -> None:
        index = scope_index(event.field)
        if not self.session.allow_change() or index is None:
            return
        kind = self.plan.scope[index].kind
        self.plan.scope.insert(index + 1, PilotScope(kind=kind))
        self.save_plan()
        await self.rebuild(focus=index + 1)

    @on(FieldInput.Remove)
    async def _remove_line(self, event: FieldInput.Remove) -> None:
        index = scope_index(event.field)
        if not self.session.allow_change() or index is None:
            return
        kind = self.plan.scope[index].kind
        same = [i for i, s in enumerate(self.plan.scope) if s.kind is kind]
        if len(same) == 1:
            return  # keep one line to type in
        del self.plan.scope[index]
        self.save_plan()
        position = same.index(index)
        remaining = [i if i < index else i - 1 for i in same if i != index]
        await self.rebuild(focus=remaining[max(0, position - 1)])
