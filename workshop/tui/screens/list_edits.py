"""Removing with undo, and moving up and down, the same on every list-editing stage.

Rooms change their minds. On the goals, objectives and key results stages:
- Ctrl+Delete removes the focused item whole (a priority with its reasons, an
  objective with its wordings and key results, a key result with its from, to,
  unit and owner); Backspace on an empty line does the same;
- Ctrl+Z brings back the last one removed (again for the one before), where it was;
- Alt+Up / Alt+Down (or Ctrl+Up / Ctrl+Down) move the focused item up or down.

A removal is kept as a `Removed`: what the item held, where it stood and what hung
under it, read from the session's draft before it is deleted. `restore()` adds it
back through the session (never the store), in the same place among its siblings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from workshop.core.db.store import Item
from workshop.core.session.session import WorkshopSession
from workshop.tui.widgets.fields import FieldInput, SaveTarget

# The most removals a stage remembers for Ctrl+Z.
UNDO_DEPTH = 20

LIST_EDIT_BINDINGS: list[BindingType] = [
    Binding("ctrl+delete", "remove_item", "Remove", show=False),
    Binding("ctrl+z", "undo_remove", "Undo removal", show=False),
    Binding("alt+up,ctrl+up", "move_item(-1)", "Move up", show=False),
    Binding("alt+down,ctrl+down", "move_item(1)", "Move down", show=False),
]


@dataclass
class Removed:
    """An item taken out of a list, with what it held and what hung under it."""

    item: Item
    parent_id: int
    index: int  # its place among its siblings when it was removed
    fields: dict[str, Any]
    children: list[Removed] = field(default_factory=list)
    label: str = ""  # how the room knew it, e.g. "KR 1.2"


def focus_neighbour(screen: Screen[Any], leaving: Widget) -> None:
    """Put the cursor in the field before `leaving` (or after it, if it was first).

    `leaving` is about to be removed. Textual's focus_previous would go round to the
    last field of the stage when the first one goes.
    """
    fields = [w for w in screen.focus_chain if isinstance(w, Input)]
    inside = [i for i, f in enumerate(fields) if leaving in f.ancestors_with_self]
    if not inside:
        return
    before = fields[: inside[0]]
    after = fields[inside[-1] + 1 :]
    target = before[-1] if before else next(iter(after), None)
    if target is not None:
        target.focus()


def place_of(session: WorkshopSession, item: Item, parent_id: int, item_id: int) -> int:
    """The position of `item_id` among its siblings (0 if it is not there)."""
    ids = session.child_ids(item, parent_id)
    return ids.index(item_id) if item_id in ids else 0


def restore(session: WorkshopSession, removed: Removed) -> int | None:
    """Add `removed` back where it was, with everything under it; its new id, or None.

    None means the session refused (a read-only window, which says so itself).
    """
    siblings = session.child_ids(removed.item, removed.parent_id)
    index = min(removed.index, len(siblings))
    if index > 0:
        new_id = session.add(
            removed.item, removed.parent_id, after_id=siblings[index - 1], **removed.fields
        )
    else:
        new_id = session.add(removed.item, removed.parent_id, **removed.fields)
        if new_id is not None:
            for _ in siblings:  # added last: up to the top
                session.move(removed.item, new_id, -1)
    if new_id is None:
        return None
    for child in removed.children:
        child.parent_id = new_id
        child.index = len(session.child_ids(child.item, new_id))
        restore(session, child)
    return new_id


async def bring_back(screen: Any, undo: UndoStack, removed: Removed) -> None:
    """Restore `removed`, rebuild `screen` from the draft and put the cursor on it.

    For stages that rebuild their whole list (goals, objectives); a refusal keeps it
    on `undo` for later.
    """
    new_id = restore(screen.session, removed)
    if new_id is None:
        undo.push(removed)
        return
    await screen.reload()
    target = SaveTarget(removed.item, new_id, "text")
    for line in screen.query(FieldInput).results(FieldInput):
        if line.target == target:
            line.focus()
            line.scroll_visible()
    screen.notify(f"{removed.label} is back.", markup=False)


class UndoStack:
    """The stage's removals, newest last, for Ctrl+Z."""

    def __init__(self) -> None:
        self._removed: list[Removed] = []

    def push(self, removed: Removed) -> None:
        self._removed.append(removed)
        del self._removed[:-UNDO_DEPTH]

    def pop(self) -> Removed | None:
        return self._removed.pop() if self._removed else None

    def __bool__(self) -> bool:
        return bool(self._removed)
