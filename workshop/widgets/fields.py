"""Inputs that know where their text is saved, and the keys of a list editor.

A `FieldInput` carries its save target (the workshop row or an item, its id and
the field name). The base stage screen handles every `FieldInput.Changed` in one
place and queues the autosave, so no screen can forget to save a field.

List editing keys, the same on every stage:
- Enter adds a sibling below (`ListKeys.AddSibling`),
- Ctrl+O adds a child, e.g. a "why" under a priority (`ListKeys.AddChild`),
- Backspace in an empty field removes the item (`ListKeys.Remove`),
- Up and Down move between fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


@dataclass(frozen=True)
class SaveTarget:
    """Where a field's text goes: `kind` is "workshop" or an `Item` value."""

    kind: str
    row_id: int
    field: str


class FieldInput(Input):
    """A single-line field that autosaves to `target` and speaks the list keys."""

    BINDINGS = [
        Binding("ctrl+o", "add_child", "Add below", show=False),
        Binding("up", "focus_previous_field", "Previous field", show=False),
        Binding("down", "focus_next_field", "Next field", show=False),
    ]

    class ListKey(Message):
        """Base of the list-editing requests; handle the subclasses, not this."""

        def __init__(self, field: FieldInput) -> None:
            super().__init__()
            self.field = field

    class AddSibling(ListKey):
        """Enter: add an item of the same kind below this one."""

    class AddChild(ListKey):
        """Ctrl+O: add an item under this one."""

    class Remove(ListKey):
        """Backspace in an empty field: remove this item."""

    def __init__(
        self,
        value: str = "",
        *,
        target: SaveTarget | None = None,
        placeholder: str = "",
        list_item: bool = False,
        payload: Any = None,
        **kwargs: Any,
    ) -> None:
        # select_on_focus=False: arrowing into a field and typing must never
        # replace the room's text.
        super().__init__(value, placeholder=placeholder, select_on_focus=False, **kwargs)
        self.target = target
        self.list_item = list_item
        # Whatever the screen needs to find the item again (e.g. its parent id).
        self.payload = payload

    def action_delete_left(self) -> None:
        if self.list_item and self.value == "":
            self.post_message(self.Remove(self))
            return
        super().action_delete_left()

    def action_submit(self) -> None:
        if self.list_item:
            self.post_message(self.AddSibling(self))
        else:
            self.screen.focus_next(Input)

    def action_add_child(self) -> None:
        self.post_message(self.AddChild(self))

    def action_focus_previous_field(self) -> None:
        self.screen.focus_previous(Input)

    def action_focus_next_field(self) -> None:
        self.screen.focus_next(Input)
