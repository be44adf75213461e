"""The list items a workshop holds, and what the store knows of their columns.

`Item` names each kind of list item; `_ITEMS` says which table holds it, the
column that points at its parent, the fields a caller may write and how to
climb to the owning workshop. `_plain` and `_now` are how values are written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlmodel import SQLModel

from workshop.core.db.tables import (
    KeyResultRow,
    MeetingRow,
    ObjectiveRow,
    ParentKeyResultRow,
    ParentObjectiveRow,
    ParticipantRow,
    PriorityRow,
    VariationRow,
    WhyRow,
    WrapItemRow,
)

# Written by the app, not typed by the room, so not subject to the field cap.
_SYSTEM_FIELDS = frozenset({"agenda_json", "meeting_json"})


class Item(StrEnum):
    """The kinds of list item a workshop holds."""

    PARTICIPANT = "participant"
    PARENT_OBJECTIVE = "parent_objective"
    PARENT_KEY_RESULT = "parent_key_result"
    PRIORITY = "priority"
    WHY = "why"
    OBJECTIVE = "objective"
    VARIATION = "variation"
    KEY_RESULT = "key_result"
    MEETING = "meeting"
    WRAP_ITEM = "wrap_item"


@dataclass(frozen=True)
class _ItemSpec:
    table: type[SQLModel]
    parent_column: str
    fields: frozenset[str]
    # The chain of (table, parent column) to climb to reach the workshop id.
    up: tuple[tuple[type[SQLModel], str], ...] = ()


_ITEMS: dict[Item, _ItemSpec] = {
    Item.PARTICIPANT: _ItemSpec(ParticipantRow, "workshop_id", frozenset({"name"})),
    Item.PARENT_OBJECTIVE: _ItemSpec(ParentObjectiveRow, "workshop_id", frozenset({"text"})),
    Item.PARENT_KEY_RESULT: _ItemSpec(
        ParentKeyResultRow,
        "parent_objective_id",
        frozenset({"text"}),
        up=((ParentObjectiveRow, "workshop_id"),),
    ),
    Item.PRIORITY: _ItemSpec(PriorityRow, "workshop_id", frozenset({"text"})),
    Item.WHY: _ItemSpec(
        WhyRow, "priority_id", frozenset({"text"}), up=((PriorityRow, "workshop_id"),)
    ),
    Item.OBJECTIVE: _ItemSpec(
        ObjectiveRow,
        "workshop_id",
        frozenset(
            {
                "text",
                "goal_type",
                "priority_id",
                "parent_key_result_id",
                "company_objective_id",
                "company_key_result_id",
            }
        ),
    ),
    Item.VARIATION: _ItemSpec(
        VariationRow,
        "objective_id",
        frozenset({"text", "chosen"}),
        up=((ObjectiveRow, "workshop_id"),),
    ),
    Item.KEY_RESULT: _ItemSpec(
        KeyResultRow,
        "objective_id",
        frozenset({"text", "kind", "start", "target", "unit", "owner"}),
        up=((ObjectiveRow, "workshop_id"),),
    ),
    Item.MEETING: _ItemSpec(MeetingRow, "workshop_id", frozenset({"date", "time", "kind", "note"})),
    Item.WRAP_ITEM: _ItemSpec(
        WrapItemRow, "workshop_id", frozenset({"kind", "text", "owner", "due"})
    ),
}

WORKSHOP_FIELDS = frozenset(
    {
        "team",
        "period",
        "facilitator",
        "champion",
        "approach",
        "cascade_model",
        "timezone",
        "current_stage",
        "follow_up",
        "follow_up_note",
        "agenda_json",
        "meeting_kind",
        "subject_id",
        "meeting_json",
        "level",
        "company_id",
    }
)


def _plain(value: Any) -> Any:
    """Store enums by their value so the database holds plain strings.

    A naive datetime (e.g. from a hand-edited import file) is taken as UTC: the
    datetime columns only accept aware ones, and refusing would lose the workshop.
    """
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class AddOnce:
    """What one add remembers between its tries, so that a retry never adds its row twice.

    With a database server, a connection can die after COMMIT reached the server and
    before the answer came back: the add looks failed but its row is there. `Store.add`
    given an `AddOnce` reads, in the same transaction as the insert and under the
    parent's lock, the ids of the rows already under the parent. On the first try it
    keeps them here; on a later try a row under the parent that was not there before
    is the one an earlier try added, and its id is returned instead of adding another.
    Sound while one writer adds to the parent, which the workshop's lease ensures.
    """

    before: frozenset[int] | None = None
    # True when a try found the row an earlier try had added (for tests and the log).
    recovered: bool = False


@dataclass
class MoveOnce:
    """What one move remembers between its tries: the siblings' order before the first.

    A try that finds another order (and the same siblings) knows an earlier try's
    commit landed unseen, and moves nothing more (see `AddOnce`).
    """

    before: tuple[int, ...] | None = None
    recovered: bool = False


def rowcount(result: Any) -> int:
    """Rows an UPDATE or DELETE touched (SQLAlchemy types `execute` as a plain Result)."""
    return int(result.rowcount)
