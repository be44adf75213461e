"""The lease rows: who has a workshop open, read and written under the write lock.

The policy (when a lease is stale, the heartbeat) lives in `workshop.core.session.lease`;
this is only its storage, kept as a mixin so `Store` stays the one entry point
while store.py stays short enough to read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import update
from sqlmodel import Session, col

from workshop.core.db.items import rowcount
from workshop.core.db.store_errors import NotFound, _reads, _writes
from workshop.core.db.tables import LeaseRow, WorkshopRow

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


@dataclass(frozen=True)
class LeaseHolder:
    """Who holds a workshop's lease (see `workshop.core.session.lease`); times are aware UTC."""

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


class LeaseRows:
    """The lease methods of `Store` (see `workshop.core.session.lease` for how they are used)."""

    if TYPE_CHECKING:
        # Provided by Store.
        engine: Engine

        def _writing(self) -> AbstractContextManager[Session]: ...
        def _reading(self) -> AbstractContextManager[Session]: ...

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
            # FOR UPDATE: on PostgreSQL two instances racing for the lease take turns
            # here (SQLite's BEGIN IMMEDIATE already serialises them; it ignores this).
            if session.get(WorkshopRow, workshop_id, with_for_update=True) is None:
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
            return rowcount(result) == 1

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
        with self._reading() as session:
            row = session.get(LeaseRow, workshop_id)
            return None if row is None else _holder(row)
