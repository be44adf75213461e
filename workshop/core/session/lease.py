"""Knowing that a workshop is open in another window, without any UI.

Two app instances on one workshop would not lose each other's field edits
(every autosave writes only the fields it changed), but two facilitators typing
into the same list at once is confusing, and a second projector showing stale
text is worse. So the first instance to open a workshop takes its *lease*, a
row with a random owner id, its process id and host, and a heartbeat time. A
second instance sees the lease, tells the user plainly where the workshop is
open, and shows it read-only.

A lease is stale, and may be taken over, when its heartbeat is older than
`STALE_AFTER_SECONDS`, or at once when its process on this same host is gone.
That second rule matters after a crash: the facilitator restarts the app
straight away and must get the workshop back for editing, not a read-only copy.

Use: `lease = WorkshopLease(store, workshop_id)`; `lease.acquire()` on open;
`lease.refresh()` every second (it also takes over once the other instance has
closed or gone stale); `lease.release()` on close.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import uuid
from collections.abc import Callable

from workshop.core.db.store import LeaseHolder, Store

STALE_AFTER_SECONDS = 10.0


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def process_alive(pid: int) -> bool:
    """True if a process with this id exists on this host."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, but belongs to another user
    except OSError:
        return True  # cannot tell (e.g. Windows quirks): assume alive, rely on the heartbeat
    return True


class WorkshopLease:
    """This instance's claim on one workshop: held (edit) or not (read-only)."""

    def __init__(
        self,
        store: Store,
        workshop_id: int,
        *,
        owner: str | None = None,
        pid: int | None = None,
        host: str | None = None,
        now: Callable[[], dt.datetime] = _utc_now,
        stale_after: float = STALE_AFTER_SECONDS,
        is_alive: Callable[[int], bool] = process_alive,
    ) -> None:
        self.store = store
        self.workshop_id = workshop_id
        self.owner = owner or uuid.uuid4().hex
        self.pid = os.getpid() if pid is None else pid
        self.host = socket.gethostname() if host is None else host
        self._now = now
        self.stale_after = stale_after
        self._is_alive = is_alive
        self.held = False
        # Who holds it when we do not (None when we hold it, or nobody does).
        self.other: LeaseHolder | None = None

    @property
    def read_only(self) -> bool:
        return not self.held

    def is_stale(self, holder: LeaseHolder) -> bool:
        """May `holder`'s lease be taken over?"""
        if holder.host == self.host and holder.pid != self.pid and not self._is_alive(holder.pid):
            return True  # its process died here (a crash): no need to wait
        age = (self._now() - holder.heartbeat_at).total_seconds()
        return age > self.stale_after

    def acquire(self) -> bool:
        """Try to take the lease; True if this instance may now edit."""
        now = self._now()
        mine = LeaseHolder(self.owner, self.pid, self.host, now, now)
        holder = self.store.acquire_lease(self.workshop_id, mine, can_take=self.is_stale)
        self.held = holder.owner == self.owner
        self.other = None if self.held else holder
        return self.held

    def refresh(self) -> bool:
        """Heartbeat if held, else try to take over; True if this instance may edit.

        Returns False when the lease was lost (another instance took it over after
        this one went stale, e.g. a laptop asleep): switch to read-only then.
        """
        if self.held:
            if self.store.heartbeat_lease(self.workshop_id, self.owner, self._now()):
                return True
            self.held = False
            self.other = self.store.lease_holder(self.workshop_id)
            if self.other is None:
                return self.acquire()  # the row went away: simply take it again
            return False
        return self.acquire()

    def release(self) -> None:
        """Give the lease up (on close); harmless if not held."""
        if self.held:
            self.store.release_lease(self.workshop_id, self.owner)
            self.held = False

    def message(self) -> str:
        """One line for the banner when read-only; empty when this instance may edit."""
        if self.held:
            return ""
        other = self.other
        if other is None:
            return "This workshop is read-only here."
        where = (
            "in another window on this computer"
            if other.host == self.host
            else (f"on {other.host}")
        )
        return (
            f"This workshop is open {where} (process {other.pid}), so it is read-only "
            "here. Close it there to edit here."
        )
