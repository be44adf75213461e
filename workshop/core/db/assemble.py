"""A domain `Workshop` from its table rows: the one mapping from storage to domain.

Two readers feed it the same rows. `Store.load` passes SQLAlchemy rows, whose
values are already typed; `workshop.core.db.quick_load` passes rows read with the
standard library's sqlite3, where dates and times are the ISO text SQLAlchemy
wrote and booleans are 0/1. The values are normalised here, the way SQLAlchemy's
SQLite types would, so both readers build exactly the same workshop and the
mapping exists once.

Only the standard library and the domain are imported: no SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from workshop.core.domain import (
    KeyResult,
    Meeting,
    NSTest,
    Objective,
    ParentKeyResult,
    ParentObjective,
    Priority,
    Variation,
    Workshop,
    WrapItem,
)

# rows_of(table, column, ids): the rows of `table` whose `column` is one of `ids`,
# in any order, each with the table's columns as attributes.
RowsOf = Callable[[str, str, Sequence[int]], Iterable[Any]]

# What `assemble_workshop` reads: table name -> the column pointing at its parent.
CHILD_TABLES: dict[str, str] = {
    "participant": "workshop_id",
    "parent_objective": "workshop_id",
    "parent_key_result": "parent_objective_id",
    "priority": "workshop_id",
    "priority_why": "priority_id",
    "objective": "workshop_id",
    "key_result": "objective_id",
    "variation": "objective_id",
    "meeting": "workshop_id",
    "wrap_item": "workshop_id",
}


def assemble_workshop(row: Any, rows_of: RowsOf, clock_state_json: str | None) -> Workshop:
    """The whole workshop: `row` is its `workshop` row, `clock_state_json` its saved clock."""
    wid = row.id

    def children(table: str, ids: Sequence[int]) -> dict[int, list[Any]]:
        """Rows of `table` under each of `ids`, in list order (position, then id)."""
        column = CHILD_TABLES[table]
        grouped: dict[int, list[Any]] = {i: [] for i in ids}
        if ids:
            for child in rows_of(table, column, ids):
                grouped[getattr(child, column)].append(child)
        return {k: sorted(v, key=lambda r: (r.position, r.id)) for k, v in grouped.items()}

    parents = children("parent_objective", [wid])[wid]
    parent_krs = children("parent_key_result", [p.id for p in parents])
    priorities = children("priority", [wid])[wid]
    whys = children("priority_why", [p.id for p in priorities])
    objectives = children("objective", [wid])[wid]
    objective_ids = [o.id for o in objectives]
    key_results = children("key_result", objective_ids)
    variations = children("variation", objective_ids)

    priority_index = {p.id: i for i, p in enumerate(priorities)}
    parent_ref = {
        kr.id: f"{o}.{k}" for o, p in enumerate(parents) for k, kr in enumerate(parent_krs[p.id])
    }

    return Workshop(
        id=wid,
        team=row.team,
        period=row.period,
        facilitator=row.facilitator,
        champion=row.champion,
        participants=[p.name for p in children("participant", [wid])[wid]],
        approach=row.approach,
        cascade_model=row.cascade_model,
        timezone=row.timezone,
        created_at=_datetime(row.created_at),
        current_stage=row.current_stage,
        parent_objectives=[
            ParentObjective(
                id=p.id,
                text=p.text,
                key_results=[ParentKeyResult(id=k.id, text=k.text) for k in parent_krs[p.id]],
            )
            for p in parents
        ],
        priorities=[
            Priority(id=p.id, text=p.text, whys=[w.text for w in whys[p.id]]) for p in priorities
        ],
        objectives=[
            Objective(
                id=o.id,
                text=o.text,
                goal_type=o.goal_type,
                priority_index=priority_index.get(o.priority_id),
                parent_ref=parent_ref.get(o.parent_key_result_id),
                key_results=[
                    KeyResult(
                        id=k.id,
                        text=k.text,
                        kind=k.kind,
                        start=k.start,
                        target=k.target,
                        unit=k.unit,
                        owner=k.owner,
                    )
                    for k in key_results[o.id]
                ],
                variations=[
                    Variation(id=v.id, text=v.text, chosen=_bool(v.chosen))
                    for v in variations[o.id]
                ],
                ns_test=NSTest.model_validate_json(o.ns_test_json) if o.ns_test_json else NSTest(),
            )
            for o in objectives
        ],
        meetings=[
            Meeting(id=m.id, date=_date(m.date), time=_time(m.time), kind=m.kind, note=m.note)
            for m in children("meeting", [wid])[wid]
        ],
        wrap_items=[
            WrapItem(id=w.id, kind=w.kind, text=w.text, owner=w.owner, due=_date(w.due))
            for w in children("wrap_item", [wid])[wid]
        ],
        follow_up=_datetime(row.follow_up),
        follow_up_note=row.follow_up_note,
        meeting_kind=getattr(row, "meeting_kind", "workshop"),
        subject_id=getattr(row, "subject_id", None),
        meeting_json=getattr(row, "meeting_json", ""),
        **timing_fields(clock_state_json),
    )


def timing_fields(state_json: str | None) -> dict[str, Any]:
    """Planned vs actual minutes from the saved clock, for exports of a stored workshop."""
    if state_json is None:
        return {}
    from workshop.core.clock.timer import TimerState, recorded_timings

    try:
        state = TimerState.model_validate_json(state_json)
    except ValueError:
        return {}  # a clock from a newer app: the rest of the workshop still loads
    timings, breaks, paused = recorded_timings(state)
    return {"timings": timings, "break_seconds": breaks, "paused_seconds": paused}


# SQLAlchemy's SQLite types store ISO text and parse it with fromisoformat; a
# value that is already typed (from SQLAlchemy, or another database) passes through.
def _datetime(value: Any) -> Any:
    """Aware UTC, as SQLModel's datetime columns return it (naive text is UTC)."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if not isinstance(value, dt.datetime):
        return value  # None
    if value.utcoffset() is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def _date(value: Any) -> Any:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _time(value: Any) -> Any:
    return dt.time.fromisoformat(value) if isinstance(value, str) else value


def _bool(value: Any) -> Any:
    # SQLite keeps booleans as 0/1 integers.
    return bool(value) if isinstance(value, int) else value
