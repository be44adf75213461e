"""A whole workshop to and from its rows, inside a session the store opened.

`_load_workshop` feeds the shared mapping in `workshop.core.db.assemble` (also used
by the stdlib reader of `export`); `_insert_workshop` writes an imported
workshop, ids and links included, for `Store.import_workshop`. `_workshop_rows`
and `_insert_rows` copy one workshop's rows as they are, ids included: a
session's draft (`workshop.core.session.draft`) is such a copy.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, insert
from sqlmodel import Session, SQLModel, col, select

from workshop.core.clock.timer import state_from_timings
from workshop.core.db.assemble import CHILD_TABLES, assemble_workshop
from workshop.core.db.items import _ITEMS, _now, _plain
from workshop.core.db.tables import (
    ClockRow,
    KeyResultRow,
    MeetingRow,
    ObjectiveRow,
    ParentKeyResultRow,
    ParentObjectiveRow,
    ParticipantRow,
    PriorityRow,
    VariationRow,
    WhyRow,
    WorkshopRow,
    WrapItemRow,
)
from workshop.core.domain import Workshop

# Every table the workshop is assembled from, by name (see workshop.core.db.assemble):
# the tables of the list items.
_CHILD_TABLES: dict[str, type[SQLModel]] = {
    spec.table.__tablename__: spec.table  # type: ignore[misc]  # SQLModel types it as a declared_attr
    for spec in _ITEMS.values()
}


# The table each parent column points at.
_PARENT_TABLE = {
    "workshop_id": "workshop",
    "parent_objective_id": "parent_objective",
    "priority_id": "priority",
    "objective_id": "objective",
}


@dataclass
class WorkshopRows:
    """One workshop's rows as plain column values, parents before children."""

    workshop_id: int
    # (table name, rows as {column: value}), in an order that inserts cleanly.
    tables: list[tuple[str, list[dict[str, Any]]]] = field(default_factory=list)

    def table(self, name: str) -> list[dict[str, Any]]:
        """The rows of one table ("workshop", "clock" or a list's table)."""
        return next((rows for table, rows in self.tables if table == name), [])

    def ids(self) -> list[int]:
        """Every row id in it (the clock's key is the workshop's id)."""
        return [row["id"] for _name, rows in self.tables for row in rows if "id" in row]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WorkshopRows) and (self.workshop_id, self.tables) == (
            other.workshop_id,
            other.tables,
        )


def _table(name: str) -> Table:
    return SQLModel.metadata.tables[name]


def _workshop_rows(session: Session, row: WorkshopRow) -> WorkshopRows:
    """Every row of the workshop `row`, ids and all, for a copy elsewhere."""
    wid = row.id
    assert wid is not None
    rows = WorkshopRows(wid, [("workshop", [row.model_dump()])])
    clock = session.get(ClockRow, wid)
    rows.tables.append(("clock", [clock.model_dump()] if clock else []))
    ids: dict[str, list[int]] = {"workshop": [wid]}
    for name, column in CHILD_TABLES.items():
        table = _CHILD_TABLES[name]
        parents = ids[_PARENT_TABLE[column]]
        found = (
            session.exec(
                select(table)
                .where(col(getattr(table, column)).in_(parents))
                .order_by(col(table.id))  # type: ignore[attr-defined]  # every row table has an id
            ).all()
            if parents
            else []
        )
        dumped = [r.model_dump() for r in found]
        ids[name] = [r["id"] for r in dumped]
        rows.tables.append((name, dumped))
    return rows


def _insert_rows(session: Session, rows: WorkshopRows) -> None:
    """Insert rows from `_workshop_rows` as they are (the workshop must not exist)."""
    for name, values in rows.tables:
        if values:
            session.execute(insert(_table(name)), values)


def _load_workshop(session: Session, row: WorkshopRow) -> Workshop:
    """The one storage-to-domain mapping, shared with the stdlib reader of `export`."""

    def rows_of(name: str, column: str, ids: Sequence[int]) -> Iterable[Any]:
        table = _CHILD_TABLES[name]
        return session.exec(select(table).where(getattr(table, column).in_(ids)))

    clock = session.get(ClockRow, row.id)
    return assemble_workshop(row, rows_of, clock.state_json if clock else None)


def _insert_workshop(session: Session, w: Workshop, agenda_json: str) -> int:
    row = WorkshopRow(
        team=w.team,
        period=w.period,
        facilitator=w.facilitator,
        champion=w.champion,
        approach=_plain(w.approach),
        cascade_model=_plain(w.cascade_model),
        timezone=w.timezone,
        current_stage=w.current_stage,
        follow_up=_plain(w.follow_up),
        follow_up_note=w.follow_up_note,
        agenda_json=agenda_json,
        # An imported pilot plan (issue 19) keeps its kind and its plan.
        meeting_kind=w.meeting_kind,
        meeting_json=w.meeting_json,
        **({"created_at": _plain(w.created_at)} if w.created_at else {}),
    )
    session.add(row)
    session.flush()
    wid = row.id
    assert wid is not None  # set by the flush
    if w.timings:
        # Keep the imported record of time spent, as a paused clock on its stage.
        state = state_from_timings(
            w.timings,
            current=w.current_stage,
            breaks=w.break_seconds,
            paused=w.paused_seconds,
            started_at=w.created_at or _now(),
        )
        session.add(ClockRow(workshop_id=wid, state_json=state.model_dump_json()))

    def put(table_row: SQLModel) -> Any:
        session.add(table_row)
        session.flush()
        return table_row.id  # type: ignore[attr-defined]  # every row table has an id

    for i, name in enumerate(w.participants):
        put(ParticipantRow(workshop_id=wid, position=i, name=name))
    parent_kr_ids: dict[str, int] = {}
    for o, parent in enumerate(w.parent_objectives):
        pid = put(ParentObjectiveRow(workshop_id=wid, position=o, text=parent.text))
        for k, parent_kr in enumerate(parent.key_results):
            parent_kr_ids[f"{o}.{k}"] = put(
                ParentKeyResultRow(parent_objective_id=pid, position=k, text=parent_kr.text)
            )
    priority_ids: list[int] = []
    for i, priority in enumerate(w.priorities):
        pid = put(PriorityRow(workshop_id=wid, position=i, text=priority.text))
        priority_ids.append(pid)
        for j, why in enumerate(priority.whys):
            put(WhyRow(priority_id=pid, position=j, text=why))
    for i, objective in enumerate(w.objectives):
        pi = objective.priority_index
        oid = put(
            ObjectiveRow(
                workshop_id=wid,
                position=i,
                text=objective.text,
                goal_type=_plain(objective.goal_type),
                priority_id=priority_ids[pi] if pi is not None and pi < len(priority_ids) else None,
                parent_key_result_id=parent_kr_ids.get(objective.parent_ref or ""),
                ns_test_json=objective.ns_test.model_dump_json() if objective.ns_test.run else "",
            )
        )
        for j, kr in enumerate(objective.key_results):
            put(
                KeyResultRow(
                    objective_id=oid,
                    position=j,
                    text=kr.text,
                    kind=_plain(kr.kind),
                    start=kr.start,
                    target=kr.target,
                    unit=kr.unit,
                    owner=kr.owner,
                )
            )
        for j, variation in enumerate(objective.variations):
            put(
                VariationRow(
                    objective_id=oid, position=j, text=variation.text, chosen=variation.chosen
                )
            )
    for i, meeting in enumerate(w.meetings):
        put(
            MeetingRow(
                workshop_id=wid,
                position=i,
                date=meeting.date,
                time=meeting.time,
                kind=_plain(meeting.kind),
                note=meeting.note,
            )
        )
    for i, item in enumerate(w.wrap_items):
        put(
            WrapItemRow(
                workshop_id=wid,
                position=i,
                kind=_plain(item.kind),
                text=item.text,
                owner=item.owner,
                due=item.due,
            )
        )
    return wid
