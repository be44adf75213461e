"""The store: every read and write of a workshop goes through here.

Writes are small and immediate (one transaction per call) because autosave
calls them as the room types; a commit in WAL mode survives the process being
killed. Reads return the pydantic domain objects from `workshop.domain`, never
table rows, so the screens and exporters do not depend on the schema.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import exc as sa_exc
from sqlalchemy import func, text, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, col, select

from workshop.db.assemble import assemble_workshop
from workshop.db.engine import make_engine
from workshop.db.migrations import migrate
from workshop.db.summaries import SUMMARY_SQL, summaries_from_rows
from workshop.db.tables import (
    ClockRow,
    KeyResultRow,
    LeaseRow,
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
from workshop.domain import (
    NSTest,
    Workshop,
    WorkshopSummary,
)
from workshop.timer import state_from_timings


class NotFound(LookupError):
    """The workshop or item no longer exists (deleted, or a stale id)."""


# The most characters one field may hold. A workshop field is a sentence or a
# name; a 5 MB paste is a mistake, and refusing it keeps every screen, export
# and autosave fast. Generous enough for any real note.
MAX_FIELD_CHARS = 100_000


class FieldTooLong(ValueError):
    """A text field is over `MAX_FIELD_CHARS`; nothing was written."""

    def __init__(self, field: str, length: int) -> None:
        super().__init__(
            f"{field} is too long: {length:,} characters, the most a field holds is "
            f"{MAX_FIELD_CHARS:,}; nothing was saved"
        )
        self.field = field
        self.length = length


class StoreError(Exception):
    """The database failed under us; the message is one line for the user.

    `reason` is a short code the app can act on: "full", "locked", "read-only",
    "io", "damaged" or "other".
    """

    def __init__(self, message: str, reason: str = "other") -> None:
        super().__init__(message)
        self.reason = reason


class StoreWriteError(StoreError):
    """A write was refused by the database (disk full, locked, read-only...).

    The transaction was rolled back: nothing of this call was written, and
    everything committed before it is intact. Callers keep what they were
    saving and may retry.
    """


class StoreReadError(StoreError):
    """A read failed (the file is damaged, locked or gone)."""


_REASONS = (
    # (text in SQLite's message, reason code, what to tell the user)
    ("disk is full", "full", "the disk is full"),
    ("database is locked", "locked", "the database is locked by another program"),
    ("database table is locked", "locked", "the database is locked by another program"),
    ("readonly database", "read-only", "the database file is read-only"),
    ("disk i/o error", "io", "the disk reported an input/output error"),
    ("malformed", "damaged", "the database file is damaged"),
    ("not a database", "damaged", "the database file is damaged"),
    ("unable to open", "io", "the database file cannot be opened (was it moved?)"),
)


def _explain(error: BaseException) -> tuple[str, str]:
    """(reason code, one-line reason) for a database error."""
    original = getattr(error, "orig", None) or error
    text = str(original).strip().splitlines()[0] if str(original).strip() else "unknown error"
    lowered = text.lower()
    for needle, code, message in _REASONS:
        if needle in lowered:
            return code, message
    return "other", text


def _is_failure(error: sa_exc.SQLAlchemyError) -> bool:
    """True for the database refusing to work (I/O, locks, damage), not for our own bugs.

    Integrity and programming errors keep propagating unchanged: they mean a
    wrong id or a bug, and callers already rely on seeing them as they are.
    """
    return isinstance(error, sa_exc.OperationalError) or type(error) is sa_exc.DatabaseError


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _guarded(kind: type[StoreError]) -> Callable[[Callable[_P, _R]], Callable[_P, _R]]:
    """Turn a database failure inside a Store method into a one-line StoreError."""

    def decorate(method: Callable[_P, _R]) -> Callable[_P, _R]:
        verb = "Not saved" if kind is StoreWriteError else "Could not read the workshop"

        @functools.wraps(method)
        def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            try:
                return method(*args, **kwargs)
            except sa_exc.SQLAlchemyError as error:
                if not _is_failure(error):
                    raise
                code, reason = _explain(error)
                raise kind(f"{verb}: {reason}.", code) from error

        return wrapper

    return decorate


@dataclass(frozen=True)
class LeaseHolder:
    """Who holds a workshop's lease (see `workshop.lease`); times are aware UTC."""

    owner: str
    pid: int
    host: str
    acquired_at: dt.datetime
    heartbeat_at: dt.datetime


def _utc(moment: dt.datetime) -> dt.datetime:
    """`moment` as aware UTC (a naive one from the database is UTC already)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def _holder(row: LeaseRow) -> LeaseHolder:
    return LeaseHolder(
        owner=row.owner,
        pid=row.pid,
        host=row.host,
        acquired_at=_utc(row.acquired_at),
        heartbeat_at=_utc(row.heartbeat_at),
    )


_writes = _guarded(StoreWriteError)
_reads = _guarded(StoreReadError)


def _check_length(name: str, value: Any) -> None:
    if isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
        raise FieldTooLong(name, len(value))


def _check_lengths(fields: Mapping[str, Any], *, skip: frozenset[str] = frozenset()) -> None:
    for name, value in fields.items():
        if name not in skip:
            _check_length(name, value)


def _check_tree(value: Any, path: str) -> None:
    """Check every string inside a dumped domain object (dicts and lists)."""
    if isinstance(value, str):
        _check_length(path, value)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_tree(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_tree(item, f"{path}[{index}]")


# Written by the app, not typed by the room, so not subject to the field cap.
_SYSTEM_FIELDS = frozenset({"agenda_json"})


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
        frozenset({"text", "goal_type", "priority_id", "parent_key_result_id"}),
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
    Item.WRAP_ITEM: _ItemSpec(WrapItemRow, "workshop_id", frozenset({"kind", "text", "owner"})),
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


def _by_position(rows: Iterable[Any]) -> list[Any]:
    return sorted(rows, key=lambda r: (r.position, r.id))


class Store:
    """Reads and writes workshops in one database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str) -> Store:
        """Connect to `url`, creating or upgrading the schema as needed."""
        engine = make_engine(url)
        migrate(engine)
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        """A session whose transaction holds SQLite's write lock from its first statement.

        BEGIN IMMEDIATE waits (up to the busy timeout) for another instance's
        write to finish, then reads and writes under one lock: a read-then-write
        (the next list position, an upsert) cannot interleave with another
        writer, and WAL never fails it with a stale snapshot.
        """
        with Session(self.engine) as session:
            if self.engine.dialect.name == "sqlite":
                session.connection().exec_driver_sql("BEGIN IMMEDIATE")
            yield session

    # -- workshops -------------------------------------------------------

    @_writes
    def create_workshop(self, **fields: Any) -> int:
        self._check_fields(fields, WORKSHOP_FIELDS)
        _check_lengths(fields, skip=_SYSTEM_FIELDS)
        with self._writing() as session:
            row = WorkshopRow(**{k: _plain(v) for k, v in fields.items()})
            session.add(row)
            session.commit()
            assert row.id is not None
            return row.id

    @_writes
    def update_workshop(self, workshop_id: int, **fields: Any) -> None:
        self._check_fields(fields, WORKSHOP_FIELDS)
        _check_lengths(fields, skip=_SYSTEM_FIELDS)
        values = {k: _plain(v) for k, v in fields.items()}
        values["updated_at"] = _now()
        with self._writing() as session:
            result = session.execute(
                update(WorkshopRow).where(col(WorkshopRow.id) == workshop_id).values(**values)
            )
            if result.rowcount == 0:
                raise NotFound(f"workshop {workshop_id} does not exist")
            session.commit()

    @_writes
    def delete_workshop(self, workshop_id: int) -> None:
        with self._writing() as session:
            row = session.get(WorkshopRow, workshop_id)
            if row is None:
                raise NotFound(f"workshop {workshop_id} does not exist")
            session.delete(row)
            session.commit()

    @_reads
    def agenda_json(self, workshop_id: int) -> str:
        with Session(self.engine) as session:
            row = session.get(WorkshopRow, workshop_id)
            if row is None:
                raise NotFound(f"workshop {workshop_id} does not exist")
            return row.agenda_json

    @_reads
    def list_workshops(self) -> list[WorkshopSummary]:
        """Every workshop, most recently touched first, with its OKR counts."""
        # The same SQL as the light SQLite path (workshop.db.summaries), so both agree.
        with self.engine.connect() as connection:
            rows = connection.execute(text(SUMMARY_SQL)).all()
        return [WorkshopSummary(**asdict(summary)) for summary in summaries_from_rows(rows)]

    @_reads
    def load(self, workshop_id: int) -> Workshop:
        """The whole workshop as a domain object (ids filled in)."""
        with Session(self.engine) as session:
            row = session.get(WorkshopRow, workshop_id)
            if row is None:
                raise NotFound(f"workshop {workshop_id} does not exist")
            return _load_workshop(session, row)

    # -- list items ------------------------------------------------------

    @_writes
    def add(self, item: Item, parent_id: int, *, after_id: int | None = None, **fields: Any) -> int:
        """Add an item under its parent (a workshop, priority or objective).

        It goes last, or straight after the sibling `after_id` when given.
        """
        spec = _ITEMS[item]
        self._check_fields(fields, spec.fields)
        _check_lengths(fields)
        parent_col = getattr(spec.table, spec.parent_column)
        position_col = spec.table.position  # type: ignore[attr-defined]
        with self._writing() as session:
            after = session.get(spec.table, after_id) if after_id is not None else None
            if after is not None and getattr(after, spec.parent_column) == parent_id:
                position = after.position + 1
                session.execute(
                    update(spec.table)
                    .where(parent_col == parent_id, position_col >= position)
                    .values(position=position_col + 1)
                )
            else:
                last = session.exec(
                    select(func.max(position_col)).where(parent_col == parent_id)
                ).one()
                position = (last + 1) if last is not None else 0
            row = spec.table(
                **{spec.parent_column: parent_id},
                position=position,
                **{k: _plain(v) for k, v in fields.items()},
            )
            session.add(row)
            self._touch(session, item, parent_id=parent_id)
            session.commit()
            return row.id  # type: ignore[attr-defined]

    @_reads
    def child_ids(self, item: Item, parent_id: int) -> list[int]:
        """Ids of the items of one kind under a parent, in order."""
        spec = _ITEMS[item]
        parent_col = getattr(spec.table, spec.parent_column)
        with Session(self.engine) as session:
            rows = session.exec(select(spec.table).where(parent_col == parent_id))
            return [row.id for row in _by_position(rows)]  # type: ignore[attr-defined]

    @_writes
    def update(self, item: Item, item_id: int, **fields: Any) -> None:
        spec = _ITEMS[item]
        self._check_fields(fields, spec.fields)
        _check_lengths(fields)
        with self._writing() as session:
            row = session.get(spec.table, item_id)
            if row is None:
                raise NotFound(f"{item.value} {item_id} does not exist")
            for key, value in fields.items():
                setattr(row, key, _plain(value))
            session.add(row)
            self._touch(session, item, parent_id=getattr(row, spec.parent_column))
            session.commit()

    @_writes
    def save_edits(
        self, edits: Mapping[tuple[str, int], Mapping[str, Any]]
    ) -> list[tuple[str, int]]:
        """Write a batch of field edits in one transaction; return the targets that are gone.

        `edits` maps (target, id) to {field: value}, where target is "workshop"
        or an `Item` value: exactly what the autosave queue holds. All of it is
        written or, on a StoreWriteError, none of it, so the caller can keep the
        whole batch and retry. A target deleted meanwhile is skipped and returned.
        """
        for (target, _target_id), fields in edits.items():
            if target == "workshop":
                self._check_fields(dict(fields), WORKSHOP_FIELDS)
                _check_lengths(fields, skip=_SYSTEM_FIELDS)
            else:
                self._check_fields(dict(fields), _ITEMS[Item(target)].fields)
                _check_lengths(fields)
        gone: list[tuple[str, int]] = []
        with self._writing() as session:
            for (target, target_id), fields in edits.items():
                values = {k: _plain(v) for k, v in fields.items()}
                if target == "workshop":
                    result = session.execute(
                        update(WorkshopRow)
                        .where(col(WorkshopRow.id) == target_id)
                        .values(**values, updated_at=_now())
                    )
                    if result.rowcount == 0:
                        gone.append((target, target_id))
                    continue
                item = Item(target)
                spec = _ITEMS[item]
                row = session.get(spec.table, target_id)
                if row is None:
                    gone.append((target, target_id))
                    continue
                for key, value in values.items():
                    setattr(row, key, value)
                session.add(row)
                self._touch(session, item, parent_id=getattr(row, spec.parent_column))
            session.commit()
        return gone

    @_writes
    def delete(self, item: Item, item_id: int) -> None:
        spec = _ITEMS[item]
        with self._writing() as session:
            row = session.get(spec.table, item_id)
            if row is None:
                return  # already gone: deleting twice is harmless
            parent_id = getattr(row, spec.parent_column)
            session.delete(row)
            self._touch(session, item, parent_id=parent_id)
            session.commit()

    @_writes
    def move(self, item: Item, item_id: int, offset: int) -> None:
        """Move an item up (offset -1) or down (+1) among its siblings."""
        spec = _ITEMS[item]
        with self._writing() as session:
            row = session.get(spec.table, item_id)
            if row is None:
                raise NotFound(f"{item.value} {item_id} does not exist")
            parent_col = getattr(spec.table, spec.parent_column)
            siblings = _by_position(
                session.exec(
                    select(spec.table).where(parent_col == getattr(row, spec.parent_column))
                )
            )
            index = next(i for i, s in enumerate(siblings) if s.id == item_id)
            target = index + offset
            if not 0 <= target < len(siblings):
                return
            siblings.insert(target, siblings.pop(index))
            for position, sibling in enumerate(siblings):
                sibling.position = position
                session.add(sibling)
            session.commit()

    @_writes
    def save_ns_test(self, objective_id: int, ns_test: NSTest) -> None:
        _check_tree(ns_test.model_dump(mode="json"), "ns_test")
        with self._writing() as session:
            row = session.get(ObjectiveRow, objective_id)
            if row is None:
                raise NotFound(f"objective {objective_id} does not exist")
            row.ns_test_json = ns_test.model_dump_json()
            session.add(row)
            self._touch(session, Item.OBJECTIVE, parent_id=row.workshop_id)
            session.commit()

    # -- the clock -------------------------------------------------------

    @_writes
    def save_clock(self, workshop_id: int, state_json: str) -> None:
        """Checkpoint the clock; called every second while it runs."""
        with self._writing() as session:
            row = session.get(ClockRow, workshop_id)
            if row is None:
                row = ClockRow(workshop_id=workshop_id, state_json=state_json)
            else:
                row.state_json = state_json
                row.saved_at = _now()
            session.add(row)
            session.commit()

    @_reads
    def load_clock(self, workshop_id: int) -> str | None:
        with Session(self.engine) as session:
            row = session.get(ClockRow, workshop_id)
            return None if row is None else row.state_json

    # -- the lease (who has a workshop open) -------------------------------

    @_writes
    def acquire_lease(
        self,
        workshop_id: int,
        holder: LeaseHolder,
        *,
        can_take: Callable[[LeaseHolder], bool],
    ) -> LeaseHolder:
        """Take the workshop's lease for `holder`, or return who holds it instead.

        Taken when there is no lease, when `holder.owner` already holds it, or
        when `can_take(current_holder)` says the current one is stale. Atomic
        under the write lock, so two instances racing get one winner.
        """
        with self._writing() as session:
            if session.get(WorkshopRow, workshop_id) is None:
                raise NotFound(f"workshop {workshop_id} does not exist")
            row = session.get(LeaseRow, workshop_id)
            if row is not None and row.owner != holder.owner and not can_take(_holder(row)):
                return _holder(row)
            if row is None:
                row = LeaseRow(
                    workshop_id=workshop_id,
                    owner=holder.owner,
                    pid=holder.pid,
                    host=holder.host,
                    acquired_at=_utc(holder.acquired_at),
                    heartbeat_at=_utc(holder.heartbeat_at),
                )
            else:
                if row.owner != holder.owner:
                    row.acquired_at = _utc(holder.acquired_at)
                row.owner, row.pid, row.host = holder.owner, holder.pid, holder.host
                row.heartbeat_at = _utc(holder.heartbeat_at)
            session.add(row)
            session.commit()
            return _holder(row)

    @_writes
    def heartbeat_lease(self, workshop_id: int, owner: str, now: dt.datetime) -> bool:
        """Refresh `owner`'s lease; False if it no longer holds it (taken over or gone)."""
        with self._writing() as session:
            result = session.execute(
                update(LeaseRow)
                .where(col(LeaseRow.workshop_id) == workshop_id, col(LeaseRow.owner) == owner)
                .values(heartbeat_at=_utc(now))
            )
            session.commit()
            return result.rowcount == 1

    @_writes
    def release_lease(self, workshop_id: int, owner: str) -> None:
        """Give the lease up if `owner` holds it; someone else's lease is left alone."""
        with self._writing() as session:
            row = session.get(LeaseRow, workshop_id)
            if row is not None and row.owner == owner:
                session.delete(row)
                session.commit()

    @_reads
    def lease_holder(self, workshop_id: int) -> LeaseHolder | None:
        with Session(self.engine) as session:
            row = session.get(LeaseRow, workshop_id)
            return None if row is None else _holder(row)

    # -- import ------------------------------------------------------------

    @_writes
    def import_workshop(self, workshop: Workshop, *, agenda_json: str = "") -> int:
        """Write a whole workshop in one transaction: all of it or nothing."""
        _check_tree(workshop.model_dump(mode="json", exclude={"timings"}), "")
        with self._writing() as session:
            workshop_id = _insert_workshop(session, workshop, agenda_json)
            session.commit()
            return workshop_id

    # -- helpers -----------------------------------------------------------

    @staticmethod
    def _check_fields(fields: dict[str, Any], allowed: frozenset[str]) -> None:
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"unknown field(s): {', '.join(sorted(unknown))}")

    @staticmethod
    def _touch(session: Session, item: Item, *, parent_id: int) -> None:
        """Bump the owning workshop's updated_at so `list` shows recent work first."""
        workshop_id: int | None = parent_id
        for table, column in _ITEMS[item].up:
            parent = session.get(table, workshop_id)
            workshop_id = None if parent is None else getattr(parent, column)
        if workshop_id is not None:
            session.execute(
                update(WorkshopRow)
                .where(col(WorkshopRow.id) == workshop_id)
                .values(updated_at=_now())
            )


# Every table the workshop is assembled from, by name (see workshop.db.assemble).
_CHILD_TABLES: dict[str, type[SQLModel]] = {
    table.__tablename__: table  # type: ignore[misc]
    for table in (
        ParticipantRow,
        ParentObjectiveRow,
        ParentKeyResultRow,
        PriorityRow,
        WhyRow,
        ObjectiveRow,
        KeyResultRow,
        VariationRow,
        MeetingRow,
        WrapItemRow,
    )
}


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
        **({"created_at": _plain(w.created_at)} if w.created_at else {}),
    )
    session.add(row)
    session.flush()
    wid = row.id
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
    assert wid is not None

    def put(table_row: SQLModel) -> Any:
        session.add(table_row)
        session.flush()
        return table_row.id  # type: ignore[attr-defined]

    for i, name in enumerate(w.participants):
        put(ParticipantRow(workshop_id=wid, position=i, name=name))
    parent_kr_ids: dict[str, int] = {}
    for o, parent in enumerate(w.parent_objectives):
        pid = put(ParentObjectiveRow(workshop_id=wid, position=o, text=parent.text))
        for k, kr in enumerate(parent.key_results):
            parent_kr_ids[f"{o}.{k}"] = put(
                ParentKeyResultRow(parent_objective_id=pid, position=k, text=kr.text)
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
            )
        )
    return wid
