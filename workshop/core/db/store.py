"""The store: every read and write of a workshop goes through here.

Writes are small and immediate (one transaction per call) because autosave
calls them as the room types; a commit in WAL mode survives the process being
killed. Reads return the pydantic domain objects from `workshop.core.domain`, never
table rows, so the screens and exporters do not depend on the schema.

`Store` is the one entry point, and every name other code uses is imported from
here (see `__all__`). Its pieces live beside it: `store_errors` (exceptions,
SQLAlchemy error translation, the field-length cap), `items` (the list-item
kinds and their columns), `lease_rows` (the lease methods, mixed into `Store`)
and `workshop_rows` (a whole workshop to and from its rows).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any, Protocol

from sqlalchemy import func, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, col, select

from workshop.core.db.engine import make_engine
from workshop.core.db.items import (
    _ITEMS,
    _SYSTEM_FIELDS,
    WORKSHOP_FIELDS,
    AddOnce,
    Item,
    MoveOnce,
    _now,
    _plain,
    rowcount,
)
from workshop.core.db.lease_rows import LeaseHolder, LeaseRows
from workshop.core.db.migrations import migrate
from workshop.core.db.store_errors import (
    MAX_FIELD_CHARS,
    FieldTooLong,
    NotFound,
    StoreError,
    StoreReadError,
    StoreWriteError,
    _check_lengths,
    _check_tree,
    _reads,
    _writes,
)
from workshop.core.db.summaries import SUMMARY_SQL, Summary, summaries_from_rows
from workshop.core.db.tables import ClockRow, ObjectiveRow, WorkshopRow
from workshop.core.db.workshop_rows import (
    WorkshopRows,
    _insert_rows,
    _insert_workshop,
    _load_workshop,
    _workshop_rows,
)
from workshop.core.domain import NSTest, Workshop

# What other code imports from here; the pieces live in the modules above so
# that callers keep one import path however the store is split.
__all__ = [
    "MAX_FIELD_CHARS",
    "AddOnce",
    "WORKSHOP_FIELDS",
    "FieldTooLong",
    "Item",
    "LeaseHolder",
    "MoveOnce",
    "NotFound",
    "Store",
    "StoreError",
    "StoreReadError",
    "StoreWriteError",
    "WorkshopRows",
]


# How long closing the store lets a session's writer save what it still holds.
WRITER_CLOSE_SECONDS = 5.0


class AttachedWriter(Protocol):
    """What the store asks of a session's writer (`workshop.core.session.writer.Writer`)."""

    def settle(self) -> None: ...

    def close(self, timeout: float) -> bool: ...


def _by_position(rows: Iterable[Any]) -> list[Any]:
    return sorted(rows, key=lambda r: (r.position, r.id))


class Store(LeaseRows):
    """Reads and writes workshops in one database.

    The lease methods (`acquire_lease`, `heartbeat_lease`, `release_lease`,
    `lease_holder`) come from `LeaseRows`.
    """

    def __init__(self, engine: Engine, *, new_id: Callable[[], int] | None = None) -> None:
        """`new_id`: where `add` takes the ids of new rows (a session's draft); by
        default the database picks them."""
        self.engine = engine
        self._new_id = new_id
        # An in-memory database is one connection shared by every thread (StaticPool):
        # a read in one thread would roll back another thread's open write. So its
        # calls take turns; a file or a server gives each thread its own connection.
        self._turns: AbstractContextManager[Any] = (
            threading.RLock() if isinstance(engine.pool, StaticPool) else nullcontext()
        )
        # The session writers saving through this store (see `workshop.core.session.writer`).
        self._writers: list[AttachedWriter] = []

    @classmethod
    def open(cls, url: str) -> Store:
        """Connect to `url`, creating or upgrading the schema as needed."""
        engine = make_engine(url)
        migrate(engine)
        return cls(engine)

    def close(self) -> None:
        """Stop the writers saving through this store (they save first), then disconnect."""
        for writer in list(self._writers):
            writer.close(WRITER_CLOSE_SECONDS)
        with self._turns:
            self.engine.dispose()

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        """A session whose transaction holds SQLite's write lock from its first statement.

        BEGIN IMMEDIATE waits (up to the busy timeout) for another instance's
        write to finish, then reads and writes under one lock: a read-then-write
        (the next list position, an upsert) cannot interleave with another
        writer, and WAL never fails it with a stale snapshot.
        """
        with self._turns, Session(self.engine) as session:
            if self.engine.dialect.name == "sqlite":
                session.connection().exec_driver_sql("BEGIN IMMEDIATE")
            yield session

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        """A session for reads, once this process's writers have saved what they hold.

        So a read anywhere in the process (a command, a test) sees every change a
        session accepted. The writers' own reads do not wait (see `Writer.settle`).
        """
        for writer in list(self._writers):
            writer.settle()
        with self._turns, Session(self.engine) as session:
            yield session

    def attach_writer(self, writer: AttachedWriter) -> None:
        """A session's writer saves through this store: reads wait for it, close stops it."""
        self._writers.append(writer)

    def detach_writer(self, writer: AttachedWriter) -> None:
        if writer in self._writers:
            self._writers.remove(writer)

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
            if rowcount(result) == 0:
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
        with self._reading() as session:
            row = session.get(WorkshopRow, workshop_id)
            if row is None:
                raise NotFound(f"workshop {workshop_id} does not exist")
            return row.agenda_json

    @_reads
    def list_workshops(self) -> list[Summary]:
        """Every workshop, most recently touched first, with its OKR counts."""
        # The same SQL as the light SQLite path (workshop.core.db.summaries), so both agree.
        with self._reading() as session:
            rows = session.connection().execute(text(SUMMARY_SQL)).all()
        return summaries_from_rows(rows)

    @_reads
    def load(self, workshop_id: int) -> Workshop:
        """The whole workshop as a domain object (ids filled in)."""
        with self._reading() as session:
            row = session.get(WorkshopRow, workshop_id)
            if row is None:
                raise NotFound(f"workshop {workshop_id} does not exist")
            return _load_workshop(session, row)

    # -- list items ------------------------------------------------------

    @_writes
    def add(
        self,
        item: Item,
        parent_id: int,
        *,
        after_id: int | None = None,
        once: AddOnce | None = None,
        **fields: Any,
    ) -> int:
        """Add an item under its parent (a workshop, priority or objective).

        It goes last, or straight after the sibling `after_id` when given. With `once`
        (the same object on every try), a try after one whose commit landed unseen
        returns the row that try added instead of adding it again (see `AddOnce`).
        """
        spec = _ITEMS[item]
        self._check_fields(fields, spec.fields)
        _check_lengths(fields)
        parent_col = getattr(spec.table, spec.parent_column)
        position_col = spec.table.position  # type: ignore[attr-defined]  # every list table has one
        with self._writing() as session:
            if self.engine.dialect.name == "postgresql":
                # No database-wide write lock there: lock the parent row, so two
                # instances adding to one list take turns reading the next position.
                parent_table = spec.up[0][0] if spec.up else WorkshopRow
                session.get(parent_table, parent_id, with_for_update=True)
            if once is not None:
                id_col = spec.table.id  # type: ignore[attr-defined]  # every list table has one
                present = frozenset(session.exec(select(id_col).where(parent_col == parent_id)))
                if once.before is None:
                    once.before = present  # kept only if this try's commit may have landed
                elif added := present - once.before:
                    once.recovered = True
                    return max(added)  # an earlier try's commit landed: that row is this add
            after = session.get(spec.table, after_id) if after_id is not None else None
            if after is not None and getattr(after, spec.parent_column) == parent_id:
                position = after.position + 1  # type: ignore[attr-defined]  # every list table has one
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
            new_id = {} if self._new_id is None else {"id": self._new_id()}
            row = spec.table(
                **new_id,
                **{spec.parent_column: parent_id},
                position=position,
                **{k: _plain(v) for k, v in fields.items()},
            )
            session.add(row)
            self._touch(session, item, parent_id=parent_id)
            session.commit()
            return row.id  # type: ignore[attr-defined]  # every list table has an id

    @_reads
    def child_ids(self, item: Item, parent_id: int) -> list[int]:
        """Ids of the items of one kind under a parent, in order."""
        spec = _ITEMS[item]
        parent_col = getattr(spec.table, spec.parent_column)
        with self._reading() as session:
            rows = session.exec(select(spec.table).where(parent_col == parent_id))
            return [row.id for row in _by_position(rows)]

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
                    if rowcount(result) == 0:
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
    def move(self, item: Item, item_id: int, offset: int, *, once: MoveOnce | None = None) -> None:
        """Move an item up (offset -1) or down (+1) among its siblings.

        With `once` (the same object on every try), a try after one whose commit landed
        unseen moves nothing more (see `MoveOnce`).
        """
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
            if once is not None:
                order = tuple(s.id for s in siblings)
                if once.before is None:
                    once.before = order
                elif order != once.before and sorted(order) == sorted(once.before):
                    once.recovered = True
                    return  # an earlier try's commit landed: moved already
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
            _put_clock(session, workshop_id, state_json)
            session.commit()

    def save_stage(self, workshop_id: int, index: int, state_json: str) -> None:
        """Move the workshop to stage `index` and checkpoint its clock, in one transaction.

        Two would let a crash between them leave the workshop on one stage and its
        clock on another.
        """
        with self._writing() as session:
            result = session.execute(
                update(WorkshopRow)
                .where(col(WorkshopRow.id) == workshop_id)
                .values(current_stage=index, updated_at=_now())
            )
            if rowcount(result) == 0:
                raise NotFound(f"workshop {workshop_id} does not exist")
            _put_clock(session, workshop_id, state_json)
            session.commit()

    @_reads
    def load_clock(self, workshop_id: int) -> str | None:
        with self._reading() as session:
            row = session.get(ClockRow, workshop_id)
            return None if row is None else row.state_json

    @_reads
    def load_clocks(self) -> dict[int, str]:
        """Every workshop's saved clock, by workshop id, in one query (not one per workshop)."""
        with self._reading() as session:
            rows = session.exec(select(ClockRow.workshop_id, ClockRow.state_json)).all()
            return {workshop_id: state_json for workshop_id, state_json in rows}

    # -- the lease: in LeaseRows (workshop.core.db.lease_rows) ---------------------

    # -- a workshop's rows as they are (a session's draft copies them) ----------

    @_reads
    def workshop_rows(self, workshop_id: int) -> WorkshopRows:
        """Every row of one workshop (its clock and lists too), ids as stored."""
        with self._reading() as session:
            row = session.get(WorkshopRow, workshop_id)
            if row is None:
                raise NotFound(f"workshop {workshop_id} does not exist")
            return _workshop_rows(session, row)

    @_writes
    def put_rows(self, rows: WorkshopRows) -> None:
        """Replace one workshop with `rows` (from `workshop_rows`), ids kept."""
        with self._writing() as session:
            old = session.get(WorkshopRow, rows.workshop_id)
            if old is not None:
                session.delete(old)
                session.flush()
            _insert_rows(session, rows)
            session.commit()

    # -- import ------------------------------------------------------------

    @_writes
    def import_workshop(self, workshop: Workshop, *, agenda_json: str = "") -> int:
        """Write a whole workshop in one transaction: all of it or nothing."""
        _check_tree(workshop.model_dump(mode="json", exclude={"timings"}), "")
        with self._writing() as session:
            workshop_id = _insert_workshop(session, workshop, agenda_json)
            session.commit()
            return workshop_id

    # -- rows kept by layers above the store (the room: workshop.core.room.rows) ----

    @_writes
    def write_with(self, work: Callable[[Session], None]) -> None:
        """Run `work` in one write transaction of this store, then commit (room records)."""
        with self._writing() as session:
            work(session)
            session.commit()

    @_reads
    def read_with(self, work: Callable[[Session], Any]) -> Any:
        """Run `work` in a read session, once this process's writers caught up (room records)."""
        with self._reading() as session:
            return work(session)

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


def _put_clock(session: Session, workshop_id: int, state_json: str) -> None:
    row = session.get(ClockRow, workshop_id)
    if row is None:
        row = ClockRow(workshop_id=workshop_id, state_json=state_json)
    else:
        row.state_json = state_json
        row.saved_at = _now()
    session.add(row)
