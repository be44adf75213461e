"""Stage 2, business goals: the company priorities for the period, and why each matters."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label

from workshop.core.db.store import Item
from workshop.core.domain import Priority
from workshop.tui.screens.base import StageScreen
from workshop.tui.screens.list_edits import (
    LIST_EDIT_BINDINGS,
    Removed,
    UndoStack,
    bring_back,
    focus_neighbour,
    place_of,
)
from workshop.tui.styles import STAGE_CSS
from workshop.tui.widgets.company_okrs import CompanyOkrs
from workshop.tui.widgets.fields import FieldInput, SaveTarget
from workshop.tui.widgets.key_hint import Hint, KeyHint

WHY_PLACEHOLDER = "Why does that matter?"

# The stage's keys, most useful first; where the line is too narrow the last ones are
# said in fewer words, then left out (at 80 columns, Alt+Up/Down to move).
GOALS_HINTS = (
    Hint("Enter: next priority"),
    Hint("Ctrl+O: ask why again", "Ctrl+O: why?"),
    Hint("Ctrl+Del or Backspace on empty: remove", "Ctrl+Del: remove"),
    Hint("Ctrl+Z: bring it back", "Ctrl+Z: undo"),
    Hint("Alt+↑/↓: move"),
)


class PriorityBlock(Vertical):
    """One priority with its chain of "why" answers."""

    def __init__(self, priority: Priority, number: int) -> None:
        super().__init__(classes="item-block")
        assert priority.id is not None, "a priority on screen is stored"
        self.priority_id: int = priority.id
        self.priority = priority
        self.number = number

    def compose(self) -> ComposeResult:
        yield self.make_priority_field(self.priority.text)
        for why in self.priority.whys:
            yield self.make_why_field(why, None)

    def make_priority_field(self, text: str) -> FieldInput:
        return FieldInput(
            text,
            target=SaveTarget(Item.PRIORITY, self.priority_id, "text"),
            placeholder=f"Priority {self.number}: what must go well this period?",
            list_item=True,
            classes="priority",
            payload=self,
        )

    def make_why_field(self, text: str, why_id: int | None) -> FieldInput:
        field = FieldInput(
            text,
            placeholder=WHY_PLACEHOLDER,
            list_item=True,
            classes="why",
            payload=self,
        )
        field.border_title = "why?"
        if why_id is not None:
            field.target = SaveTarget(Item.WHY, why_id, "text")
        return field


class GoalsScreen(StageScreen):
    STAGE_KEY = "goals"
    CSS_PATH = STAGE_CSS

    BINDINGS = LIST_EDIT_BINDINGS

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Priorities and reasons removed on this stage, for Ctrl+Z.
        self.undo = UndoStack()

    def compose_main(self) -> ComposeResult:
        yield Label("Priorities for the period", classes="section-title")
        yield Label("", id="priority-count", classes="count")
        yield KeyHint(GOALS_HINTS, id="goals-hint")
        yield Vertical(id="priorities")

    @on(events.Mount)
    async def _mount_company_okrs(self) -> None:
        # The guide's tip says to keep the company OKRs in view: at the top of the guide.
        # (The base class's on_mount runs too.) Awaited, so reload finds the panel.
        await self.query_one("#guide-extra").mount(CompanyOkrs(id="company-okrs"))

    async def reload(self) -> None:
        workshop = self.session.load()
        self.query_one(CompanyOkrs).show_for(self.session, workshop)
        container = self.query_one("#priorities", Vertical)
        await container.remove_children()
        blocks = [PriorityBlock(p, i + 1) for i, p in enumerate(workshop.priorities)]
        await container.mount_all(blocks)
        # Why ids are not on the domain model (whys are plain strings), so fetch them.
        for block in blocks:
            why_ids = self.session.child_ids(Item.WHY, block.priority_id)
            for field, why_id in zip(
                block.query(".why").results(FieldInput), why_ids, strict=False
            ):
                field.target = SaveTarget(Item.WHY, why_id, "text")
        if not blocks:
            await self.add_priority()
        elif not isinstance(self.focused, FieldInput):
            # Start on the first priority: with nothing focused the room's first keys
            # went to the scroll area and were lost.
            blocks[0].query_one(".priority", FieldInput).focus(scroll_visible=False)
        self.update_count()

    def update_count(self) -> None:
        count = len(self.query(PriorityBlock))
        limits = self.stage.limits
        low = limits.min_priorities if limits and limits.min_priorities else 3
        high = limits.max_priorities if limits and limits.max_priorities else 5
        label = self.query_one("#priority-count", Label)
        if count > high:
            label.update(f"{count} priorities: more than {high} spreads the team thin. Cut some.")
        elif count < low:
            label.update(f"{count} of {low}–{high} priorities")
        else:
            label.update(f"{count} priorities: a good number")
        label.set_class(count > high, "-warning")

    async def add_priority(self, after: PriorityBlock | None = None) -> None:
        """Add an empty priority below `after` (or last) and put the cursor in it."""
        after_id = after.priority_id if after is not None else None
        priority_id = self.session.add(
            Item.PRIORITY, self.session.workshop_id, after_id=after_id, text=""
        )
        if priority_id is None:
            return  # a read-only window: the session said so
        block = PriorityBlock(Priority(id=priority_id), len(self.query(PriorityBlock)) + 1)
        container = self.query_one("#priorities", Vertical)
        await (container.mount(block, after=after) if after else container.mount(block))
        self.renumber()
        block.query_one(".priority", FieldInput).focus()
        block.scroll_visible()
        self.update_count()

    def renumber(self) -> None:
        """Number the priorities' placeholders in the order they are shown."""
        for number, block in enumerate(self.query(PriorityBlock).results(PriorityBlock), 1):
            block.number = number
            for field in block.query(".priority").results(FieldInput):
                field.placeholder = f"Priority {number}: what must go well this period?"

    async def add_why(self, block: PriorityBlock, after: FieldInput | None = None) -> None:
        assert block.priority_id is not None
        after_id = after.target.row_id if after is not None and after.target else None
        why_id = self.session.add(Item.WHY, block.priority_id, after_id=after_id, text="")
        field = block.make_why_field("", why_id)
        await block.mount(field, after=after) if after else await block.mount(field)
        field.focus()
        field.scroll_visible()

    @on(FieldInput.AddSibling)
    async def _on_add_sibling(self, event: FieldInput.AddSibling) -> None:
        # Enter is "next priority" on a priority and on each of its reasons alike (the
        # hint says so); Ctrl+O asks why again.
        await self.add_priority(after=event.field.payload)

    @on(FieldInput.AddChild)
    async def _on_add_child(self, event: FieldInput.AddChild) -> None:
        why = event.field if event.field.has_class("why") else None
        await self.add_why(event.field.payload, after=why)

    @on(FieldInput.Remove)
    async def _on_remove(self, event: FieldInput.Remove) -> None:
        await self.remove_field_item(event.field)

    async def action_remove_item(self) -> None:
        """Ctrl+Delete: remove the focused priority (with its reasons) or reason."""
        if isinstance(self.focused, FieldInput) and isinstance(self.focused.payload, PriorityBlock):
            await self.remove_field_item(self.focused)

    async def remove_field_item(self, field: FieldInput) -> None:
        """Remove a reason, or a priority with its reasons; Ctrl+Z brings it back."""
        block: PriorityBlock = field.payload
        if block.priority_id is None:
            return
        if field.has_class("why"):
            if field.target is None:
                return
            why_id = field.target.row_id
            removed = Removed(
                Item.WHY,
                block.priority_id,
                place_of(self.session, Item.WHY, block.priority_id, why_id),
                {"text": field.value},
                label="That reason",
            )
            if not self.session.delete(Item.WHY, why_id):
                return  # a read-only window: the session said so
            self.undo.push(removed)
            focus_neighbour(self, field)
            await field.remove()
            if field.value:
                self.notify("Reason removed. Ctrl+Z brings it back.")
            return
        whys = [w.value for w in block.query(".why").results(FieldInput)]
        removed = Removed(
            Item.PRIORITY,
            self.session.workshop_id,
            place_of(self.session, Item.PRIORITY, self.session.workshop_id, block.priority_id),
            {"text": block.query_one(".priority", FieldInput).value},
            children=[Removed(Item.WHY, 0, 0, {"text": why}) for why in whys],
            label=f"Priority {block.number}",
        )
        if not self.session.delete(Item.PRIORITY, block.priority_id):
            return
        self.undo.push(removed)
        focus_neighbour(self, block)
        await block.remove()
        self.renumber()
        self.update_count()
        if removed.fields["text"] or whys:
            self.notify(f"{removed.label} removed. Ctrl+Z brings it back.", markup=False)
        if not self.query(PriorityBlock):
            await self.add_priority()

    async def action_undo_remove(self) -> None:
        """Ctrl+Z: bring back what was removed last, where it was."""
        removed = self.undo.pop()
        if removed is None:
            self.notify("Nothing removed on this stage to bring back.")
            return
        await bring_back(self, self.undo, removed)

    def action_move_item(self, step: int) -> None:
        """Alt+Up / Alt+Down: move the focused priority, or reason, up or down."""
        field = self.focused
        if not isinstance(field, FieldInput) or not isinstance(field.payload, PriorityBlock):
            return
        block: PriorityBlock = field.payload
        if field.has_class("why"):
            whys = list(block.query(".why").results(FieldInput))
            index = whys.index(field) + step
            if not 0 <= index < len(whys) or field.target is None:
                return
            if self.session.move(Item.WHY, field.target.row_id, step):
                if step < 0:
                    block.move_child(field, before=whys[index])
                else:
                    block.move_child(field, after=whys[index])
            return
        blocks = list(self.query(PriorityBlock).results(PriorityBlock))
        index = blocks.index(block) + step
        if not 0 <= index < len(blocks) or block.priority_id is None:
            return
        if not self.session.move(Item.PRIORITY, block.priority_id, step):
            return
        container = self.query_one("#priorities", Vertical)
        if step < 0:
            container.move_child(block, before=blocks[index])
        else:
            container.move_child(block, after=blocks[index])
        self.renumber()
        field.scroll_visible()
