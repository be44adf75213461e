"""The set-up screen's lists: participants, and company objectives with their key results.

A `ListField` is a list line that exists on screen before it exists in the
database: its row is created when the first character is typed. So pressing Enter
for a new line, or leaving the optional company OKRs alone, never stores empty
items. Each list handles its own list keys (Enter, Ctrl+O, Backspace on an empty
line) and posts `Edited` when lines come or go; typing itself is saved by the
stage screen's autosave once a line has its row.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget

from workshop.core.db.store import Item
from workshop.core.domain import ParentObjective, Workshop
from workshop.core.session.session import WorkshopSession
from workshop.tui.widgets.fields import FieldInput, SaveTarget

PARTICIPANT_PLACEHOLDER = "Name"
PARENT_OBJECTIVE_PLACEHOLDER = "A company objective (leave empty if there are none)"
PARENT_KEY_RESULT_PLACEHOLDER = "One of its key results"


class ListField(FieldInput):
    """One line of a list; no target means "not stored yet"."""

    def __init__(
        self,
        value: str = "",
        *,
        item: Item,
        parent_id: int | None,
        row_id: int | None = None,
        field: str = "text",
        **kwargs,
    ) -> None:
        target = SaveTarget(item, row_id, field) if row_id is not None else None
        super().__init__(value, target=target, list_item=True, **kwargs)
        self.item = item
        self.parent_id = parent_id
        self.field_name = field


class LazyList(Vertical):
    """A list whose lines get their database row when first typed in."""

    class Edited(Message):
        """Lines were added, stored or removed."""

    def __init__(self, session: WorkshopSession, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session

    @on(FieldInput.Changed)
    def _store_new_line(self, event: FieldInput.Changed) -> None:
        field = event.input
        if not isinstance(field, ListField) or field.target is not None or not event.value:
            return
        if field.parent_id is None:
            return  # a key result whose objective is not stored: the keys never allow it
        siblings = [
            f
            for f in self.query(ListField).results(ListField)
            if f.item == field.item and f.parent_id == field.parent_id
        ]
        position = siblings.index(field)
        above = [f.target.row_id for f in siblings[:position] if f.target is not None]
        below = [f for f in siblings[position + 1 :] if f.target is not None]
        row_id = self.session.add(
            field.item,
            field.parent_id,
            after_id=above[-1] if above else None,
            **{field.field_name: event.value},
        )
        if row_id is None:
            return  # a read-only window: the session has said so
        # With no stored line above it, the new row (added last) climbs above the rest.
        if not above:
            for _ in below:
                self.session.move(field.item, row_id, -1)
        field.target = SaveTarget(field.item, row_id, field.field_name)
        self.stored(field, row_id)
        self.post_message(self.Edited())

    def stored(self, field: ListField, row_id: int) -> None:
        """A line just got its row; subclasses pass the id on to its children."""

    async def add_line(self, after: ListField, new: ListField) -> None:
        """Put `new` under `after`, unless an empty line is already waiting there."""
        parent = after.parent
        assert isinstance(parent, Widget)
        siblings = list(parent.children)
        following = siblings[siblings.index(after) + 1 :]
        if following and isinstance(following[0], ListField):
            waiting = following[0]
            if waiting.target is None and waiting.value == "":
                waiting.focus()
                return
        await parent.mount(new, after=after)
        new.focus()
        new.scroll_visible()
        self.post_message(self.Edited())

    async def remove_line(self, field: ListField) -> None:
        if field.target is not None:
            self.session.delete(field.item, field.target.row_id)
        self.screen.focus_previous(FieldInput)
        await field.remove()
        self.post_message(self.Edited())


class ParticipantList(LazyList):
    """One line per person taking part."""

    def participant(self, name: str = "", row_id: int | None = None) -> ListField:
        return ListField(
            name,
            item=Item.PARTICIPANT,
            parent_id=self.session.workshop_id,
            row_id=row_id,
            field="name",
            placeholder=PARTICIPANT_PLACEHOLDER,
            classes="participant",
        )

    async def load(self, workshop: Workshop) -> None:
        await self.remove_children()
        # Names on the domain model carry no ids, so fetch them in the same order.
        ids = self.session.child_ids(Item.PARTICIPANT, self.session.workshop_id)
        lines = [
            self.participant(name, row_id)
            for name, row_id in zip(workshop.participants, ids, strict=False)
        ]
        await self.mount_all(lines or [self.participant()])

    @property
    def names(self) -> list[str]:
        """The names typed so far (empty lines do not count)."""
        return [f.value for f in self.query(ListField).results(ListField) if f.value]

    @on(FieldInput.AddSibling)
    @on(FieldInput.AddChild)
    async def _next_line(self, event: FieldInput.ListKey) -> None:
        event.stop()
        if event.field.value == "":
            self.screen.focus_next()  # Enter on an empty line: on to the next section
            return
        assert isinstance(event.field, ListField)
        await self.add_line(event.field, self.participant())

    @on(FieldInput.Remove)
    async def _remove(self, event: FieldInput.Remove) -> None:
        event.stop()
        if len(self.query(ListField)) > 1:  # keep one line to type in
            assert isinstance(event.field, ListField)
            await self.remove_line(event.field)


class ParentBlock(Vertical):
    """A company objective and, indented under it, its key results."""

    def __init__(self, workshop_id: int, objective: ParentObjective | None = None) -> None:
        super().__init__(classes="parent-block")
        self.workshop_id = workshop_id
        self.objective = objective or ParentObjective()

    def compose(self) -> ComposeResult:
        field = ListField(
            self.objective.text,
            item=Item.PARENT_OBJECTIVE,
            parent_id=self.workshop_id,
            row_id=self.objective.id,
            placeholder=PARENT_OBJECTIVE_PLACEHOLDER,
            classes="parent-objective",
            payload=self,
        )
        field.border_title = "company objective"
        yield field
        for key_result in self.objective.key_results:
            yield self.key_result_field(self.objective.id, key_result.text, key_result.id)

    @property
    def head(self) -> ListField:
        return self.query_one(".parent-objective", ListField)

    @property
    def key_results(self) -> list[ListField]:
        return list(self.query(".parent-key-result").results(ListField))

    @property
    def objective_id(self) -> int | None:
        """The company objective's row, once something has been typed in it."""
        target = self.head.target
        return target.row_id if target is not None else None

    def key_result_field(
        self, objective_id: int | None, text: str = "", row_id: int | None = None
    ) -> ListField:
        field = ListField(
            text,
            item=Item.PARENT_KEY_RESULT,
            parent_id=objective_id,
            row_id=row_id,
            placeholder=PARENT_KEY_RESULT_PLACEHOLDER,
            classes="parent-key-result",
            payload=self,
        )
        field.border_title = "key result"
        return field


class ParentList(LazyList):
    """The company's objectives, each with its key results (all optional)."""

    async def load(self, workshop: Workshop) -> None:
        await self.remove_children()
        blocks = [ParentBlock(self.session.workshop_id, p) for p in workshop.parent_objectives]
        await self.mount_all(blocks or [ParentBlock(self.session.workshop_id)])

    def stored(self, field: ListField, row_id: int) -> None:
        if field.has_class("parent-objective"):
            for key_result in field.payload.key_results:
                key_result.parent_id = row_id

    @on(FieldInput.AddSibling)
    async def _next_line(self, event: FieldInput.AddSibling) -> None:
        event.stop()
        field = event.field
        if field.value == "":
            self.screen.focus_next()
        elif field.has_class("parent-objective"):
            block = ParentBlock(self.session.workshop_id)
            await self.mount(block, after=field.payload)
            block.head.focus()
            block.scroll_visible()
        else:
            await self._add_key_result(field.payload, after=field)

    @on(FieldInput.AddChild)
    async def _child_line(self, event: FieldInput.AddChild) -> None:
        event.stop()
        field = event.field
        after = field if field.has_class("parent-key-result") else None
        await self._add_key_result(field.payload, after=after)

    async def _add_key_result(self, block: ParentBlock, after: FieldInput | None) -> None:
        if block.objective_id is None:
            self.notify(
                "Write the company objective first, then add its key results.",
                severity="warning",
            )
            return
        new = block.key_result_field(block.objective_id)
        if isinstance(after, ListField):
            await self.add_line(after, new)
            return
        await block.mount(new)
        new.focus()
        new.scroll_visible()

    @on(FieldInput.Remove)
    async def _remove(self, event: FieldInput.Remove) -> None:
        event.stop()
        field = event.field
        assert isinstance(field, ListField)
        if field.has_class("parent-key-result"):
            await self.remove_line(field)
            return
        block: ParentBlock = field.payload
        if any(kr.value for kr in block.key_results):
            self.notify(
                "Clear this objective's key results first, then remove it.", severity="warning"
            )
            return
        last = len(self.query(ParentBlock)) == 1
        if last and block.objective_id is None and not block.key_results:
            return  # the only, empty line stays to type in
        for key_result in block.key_results:
            if key_result.target is not None:
                self.session.delete(key_result.item, key_result.target.row_id)
        if block.objective_id is not None:
            self.session.delete(block.head.item, block.objective_id)
        if last:
            await self.mount(ParentBlock(self.session.workshop_id))
        self.screen.focus_previous(FieldInput)
        await block.remove()
        self.post_message(self.Edited())
