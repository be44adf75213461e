"""The set-up screen's lists: participants, and company objectives with their key results.

A `ListField` is a list line that exists on screen before it exists in the
database: its row is created when the first character is typed (see
`SetupScreen`). So pressing Enter for a new line, or leaving the optional company
OKRs alone, never stores empty items.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from workshop.db.store import Item
from workshop.domain import ParentObjective
from workshop.widgets.fields import FieldInput, SaveTarget

PARTICIPANT_PLACEHOLDER = "Name"
PARENT_OBJECTIVE_PLACEHOLDER = "A company objective (leave empty if there are none)"
PARENT_KEY_RESULT_PLACEHOLDER = "One of its key results"


class ListField(FieldInput):
    """One line of a list; `row_id` None means "not stored yet"."""

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

    def store_as(self, row_id: int) -> None:
        """The row now exists: save further typing to it."""
        self.target = SaveTarget(self.item, row_id, self.field_name)


def participant_field(workshop_id: int, name: str = "", row_id: int | None = None) -> ListField:
    return ListField(
        name,
        item=Item.PARTICIPANT,
        parent_id=workshop_id,
        row_id=row_id,
        field="name",
        placeholder=PARTICIPANT_PLACEHOLDER,
        classes="participant",
    )


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
