"""The writer: one thread that saves a session's changes to the real database, in order.

The screens change the session's draft (`workshop.core.session.draft`) on the event loop and
queue each accepted change here as an operation. This thread owns every call
to the real `Store`: it replays the operations in the order they were queued,
saves the clock checkpoints, keeps the lease (`workshop.core.session.lease`) with a heartbeat
each second and, in a read-only window, reads the other window's latest rows.
So the event loop never waits for the database: while it is locked, slow, full
or gone, the operations stay queued, the writer retries, and `status` says so
in plain words for the screen to show. When it clears, the queue is saved in order.

Ids: a row the draft adds has a draft id. When its `Add` runs, the writer
records which real id it got, and translates that draft id in every later
operation (targets, parents, `after_id`, links such as `priority_id`). Loaded
rows keep their ids, so an id the writer has no record of is a real one.

A SQLite file is watched too: deleted or replaced, nothing more is written to it
(the writes would vanish with the old file), the status says so, and the
session writes a recovery file on quit.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url

from workshop.core.db.store import (
    AddOnce,
    Item,
    MoveOnce,
    NotFound,
    Store,
    StoreWriteError,
    WorkshopRows,
)
from workshop.core.domain import NSTest
from workshop.core.session.lease import WorkshopLease

log = logging.getLogger(__name__)

# How often the lease is refreshed and the database file looked at (seconds).
HEARTBEAT_SECONDS = 1.0
# A change waiting longer than this makes the status say saving is delayed.
DELAYED_AFTER_SECONDS = 2.0
# How long to wait before trying a refused write again.
RETRY_SECONDS = 1.0

# Fields that hold another row's id, translated like any other id.
LINK_FIELDS = ("priority_id", "parent_key_result_id")

# Set in the writers' threads: their reads must not wait for any writer (see settle).
_in_writer = threading.local()


class Dropped(Exception):
    """An operation that can never be saved (its row is gone from the real database)."""


class IdMap:
    """Draft ids of added rows -> the real ids they got (None: never saved)."""

    def __init__(self) -> None:
        self._real: dict[int, int | None] = {}

    def real(self, draft_id: int) -> int | None:
        return self._real.get(draft_id, draft_id)

    def must(self, draft_id: int) -> int:
        real = self.real(draft_id)
        if real is None:
            raise Dropped(f"row {draft_id} was never saved")
        return real

    def record(self, draft_id: int, real_id: int | None) -> None:
        self._real[draft_id] = real_id

    def fields(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        """`fields` with the links translated (a link to a row never saved is dropped)."""
        out = dict(fields)
        for name in LINK_FIELDS:
            if out.get(name) is not None:
                out[name] = self.real(out[name])
        return out

    def clear(self) -> None:
        self._real.clear()


# -- the operations, each replayed on the real store ---------------------------------


class Operation:
    def run(self, store: Store, ids: IdMap) -> int:
        """Apply to the real store; return how many parts could not be saved."""
        raise NotImplementedError

    def dropped(self, ids: IdMap) -> None:
        """Called when the operation is given up (its rows are gone)."""


@dataclass
class SaveEdits(Operation):
    """Field edits, (target, id) -> {field: value}, target "workshop" or an `Item` value."""

    edits: dict[tuple[str, int], dict[str, Any]]

    def run(self, store: Store, ids: IdMap) -> int:
        real: dict[tuple[str, int], dict[str, Any]] = {}
        lost = 0
        for (target, target_id), values in self.edits.items():
            real_id = ids.real(target_id)
            if real_id is None:
                lost += 1
                continue
            real[(target, real_id)] = ids.fields(values)
        return lost + len(store.save_edits(real)) if real else lost


@dataclass
class Add(Operation):
    item: Item
    parent_id: int
    after_id: int | None
    fields: dict[str, Any]
    draft_id: int
    # Kept across tries: a retry after a commit that landed unseen (the connection died
    # before the server's answer came back) finds that row instead of adding it twice.
    once: AddOnce = field(default_factory=AddOnce)

    def run(self, store: Store, ids: IdMap) -> int:
        parent = ids.must(self.parent_id)
        after = None if self.after_id is None else ids.real(self.after_id)
        real = store.add(
            self.item, parent, after_id=after, once=self.once, **ids.fields(self.fields)
        )
        if self.once.recovered:
            log.info("%s %s was saved before the connection was lost", self.item.value, real)
        ids.record(self.draft_id, real)
        return 0

    def dropped(self, ids: IdMap) -> None:
        ids.record(self.draft_id, None)


@dataclass
class Update(Operation):
    item: Item
    item_id: int
    fields: dict[str, Any]

    def run(self, store: Store, ids: IdMap) -> int:
        store.update(self.item, ids.must(self.item_id), **ids.fields(self.fields))
        return 0


@dataclass
class Delete(Operation):
    item: Item
    item_id: int

    def run(self, store: Store, ids: IdMap) -> int:
        real = ids.real(self.item_id)
        if real is not None:  # None: it was never saved, so there is nothing to delete
            store.delete(self.item, real)
        return 0


@dataclass
class Move(Operation):
    item: Item
    item_id: int
    offset: int
    # Kept across tries, like Add's: a retry after an unseen commit moves nothing more.
    once: MoveOnce = field(default_factory=MoveOnce)

    def run(self, store: Store, ids: IdMap) -> int:
        store.move(self.item, ids.must(self.item_id), self.offset, once=self.once)
        return 0


@dataclass
class SaveNSTest(Operation):
    objective_id: int
    ns_test: NSTest

    def run(self, store: Store, ids: IdMap) -> int:
        store.save_ns_test(ids.must(self.objective_id), self.ns_test)
        return 0


@dataclass
class UpdateWorkshop(Operation):
    workshop_id: int
    fields: dict[str, Any]

    def run(self, store: Store, ids: IdMap) -> int:
        store.update_workshop(self.workshop_id, **self.fields)
        return 0


@dataclass
class SaveClock(Operation):
    workshop_id: int
    state_json: str

    def run(self, store: Store, ids: IdMap) -> int:
        store.save_clock(self.workshop_id, self.state_json)
        return 0


@dataclass
class SaveStage(Operation):
    """The workshop's stage and its clock, saved together (see Store.save_stage)."""

    workshop_id: int
    index: int
    state_json: str

    def run(self, store: Store, ids: IdMap) -> int:
        store.save_stage(self.workshop_id, self.index, self.state_json)
        return 0


@dataclass
class SaveRoom(Operation):
    """Records of the room (people, notes, votes, answers: workshop.core.room), upserted."""

    workshop_id: int
    records: tuple[Any, ...]

    def run(self, store: Store, ids: IdMap) -> int:
        from workshop.core.room.rows import save_records

        store.write_with(lambda s: save_records(s, self.workshop_id, self.records, ids.real))
        return 0


# -- what the screen shows ---------------------------------------------------------------


@dataclass(frozen=True)
class SaveStatus:
    """Whether saving keeps up: "ok", "delayed" (it will catch up) or "failing"."""

    state: Literal["ok", "delayed", "failing"] = "ok"
    # One or two sentences for the banner; empty when all is well.
    message: str = ""
    # Changes waiting to be saved.
    waiting: int = 0

    @property
    def ok(self) -> bool:
        return self.state == "ok"


KEPT = "Everything typed is kept here and will be saved as soon as the database allows."


def _reason(error: StoreWriteError) -> str:
    """ "the disk is full" from "Not saved: the disk is full."."""
    text = str(error).removeprefix("Not saved:").strip().rstrip(".")
    return text or "the database refused the change"


# -- the thread ------------------------------------------------------------------------------


def _content(rows: WorkshopRows | None) -> list[tuple[str, list[dict[str, Any]]]] | None:
    """What the screens show of `rows`: all but the clock, which moves every second."""
    return None if rows is None else [(n, r) for n, r in rows.tables if n != "clock"]


@dataclass
class _FileWatch:
    """The SQLite file as it was when opened: noticing it deleted or replaced."""

    path: Path
    identity: tuple[int, int] | None = None
    lost: bool = False

    def check(self) -> bool:
        """True while the file is the one that was opened."""
        try:
            stat = os.stat(self.path)
        except OSError:
            self.lost = True
            return False
        identity = (stat.st_dev, stat.st_ino)
        if self.identity is None:
            self.identity = identity
        # Another file at the same path (a copy, a restore) is not ours to write into.
        self.lost = identity != self.identity
        return not self.lost


def database_file(store: Store) -> Path | None:
    """The SQLite file behind `store`, or None (in memory, or a server)."""
    url = make_url(str(store.engine.url))
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    if url.database.startswith("file:"):
        return None  # a URI filename: rare; not watched
    return Path(url.database)


@dataclass
class _Queue:
    ops: deque[Operation] = field(default_factory=deque)
    # When the oldest operation waiting was queued (writer clock), or None.
    since: float | None = None


class Writer:
    """Saves one session's queued changes, clock and lease in its own thread."""

    def __init__(
        self,
        store: Store,
        workshop_id: int,
        *,
        lease: WorkshopLease | None = None,
        now: Callable[[], float] = time.monotonic,
        rows: WorkshopRows | None = None,
    ) -> None:
        self.store = store
        self.workshop_id = workshop_id
        self.lease = lease
        self._now = now
        self._ids = IdMap()
        self._cond = threading.Condition()
        self._queue = _Queue()
        self._busy = False  # an operation is being written
        self._failure: StoreWriteError | None = None
        self._failures = 0  # refused writes so far
        self._dropped = 0
        self._stop = False
        self._stop_by: float | None = None
        self._wake_due = False
        self._last_heartbeat = float("-inf")
        self._heartbeat_asked = False
        self._held = lease.held if lease is not None else True
        # In a read-only window: the other window's rows, when they changed.
        self._seen_rows = rows
        self._fresh_rows: WorkshopRows | None = None
        file = database_file(store)
        self._file = _FileWatch(file) if file is not None else None
        if self._file is not None:
            self._file.check()
        self._thread = threading.Thread(target=self._run, name="workshop-writer", daemon=True)
        store.attach_writer(self)
        self._thread.start()

    # -- from the event loop: queue, never wait ------------------------------------------

    def submit(self, op: Operation) -> None:
        with self._cond:
            if not self._queue.ops:
                self._queue.since = self._now()
            self._queue.ops.append(op)
            self._cond.notify_all()

    def submit_clock(self, op: SaveClock) -> None:
        """Queue a checkpoint; one still waiting is replaced (only the latest matters)."""
        with self._cond:
            ops = self._queue.ops
            last = ops[-1] if ops else None
            waiting = isinstance(last, SaveClock) and not (self._busy and len(ops) == 1)
            if waiting:
                ops[-1] = op
                self._cond.notify_all()
                return
        self.submit(op)

    def set_lease(self, lease: WorkshopLease) -> None:
        """Keep `lease` from now on (just acquired, or not, by the session)."""
        with self._cond:
            self.lease = lease
            self._held = lease.held
            self._last_heartbeat = self._now()
            self._cond.notify_all()

    def heartbeat_now(self) -> None:
        """Refresh the lease (and, read-only, look for the other window's changes) now."""
        with self._cond:
            self._heartbeat_asked = True
            self._cond.notify_all()

    @property
    def status(self) -> SaveStatus:
        with self._cond:
            waiting = len(self._queue.ops)
            if self._file is not None and self._file.lost:
                return SaveStatus(
                    "failing",
                    f"Not saved: the database file {self._file.path} was deleted or replaced. "
                    "Everything typed is kept here; if you quit, it is written to a "
                    "recovery file that `okr-workshop import` reads.",
                    waiting,
                )
            if not self._held and waiting:
                return SaveStatus(
                    "failing",
                    "Not saved: another window took this workshop over. What was typed "
                    "here is kept, and written to a recovery file when you quit.",
                    waiting,
                )
            if self._failure is not None and waiting:
                state: Literal["delayed", "failing"] = (
                    "delayed" if self._failure.reason == "locked" else "failing"
                )
                return SaveStatus(
                    state, f"Saving is delayed: {_reason(self._failure)}. {KEPT}", waiting
                )
            since = self._queue.since
            if since is not None and self._now() - since >= DELAYED_AFTER_SECONDS:
                return SaveStatus(
                    "delayed",
                    f"Saving is delayed: the database is busy or slow. {KEPT}",
                    waiting,
                )
            return SaveStatus("ok", "", waiting)

    @property
    def unsaved(self) -> bool:
        """True if the real database lacks something the draft holds."""
        with self._cond:
            lost = self._file is not None and self._file.lost
            return bool(self._queue.ops) or self._dropped > 0 or lost

    def take_lease_news(self) -> tuple[bool, WorkshopRows | None]:
        """(whether this window holds the lease, the other window's rows if they changed).

        Both at once, so a window that just got the lease back takes the rows the
        other window left before it can change anything.
        """
        with self._cond:
            rows, self._fresh_rows = self._fresh_rows, None
            return self._held, rows

    # -- waiting: tests, reads from other threads, and quitting ----------------------------

    def settle(self, timeout: float = 60.0) -> None:
        """Wait until everything queued is saved, or a write has just failed.

        Reads of the real store from outside the writers call this first, so they
        see every change the session accepted. Never call it from the event loop
        of the app: the screens read the draft.
        """
        if getattr(_in_writer, "active", False):
            return
        with self._cond:
            failures = self._failures
            self._wake_due = True
            self._cond.notify_all()
            self._cond.wait_for(
                lambda: self._idle() or self._failures > failures or self._stuck() or self._stop,
                timeout=timeout,
            )

    def _idle(self) -> bool:
        return not self._queue.ops and not self._busy

    def _stuck(self) -> bool:
        """Nothing can be written: the file is gone or another window holds the workshop."""
        return not self._held or (self._file is not None and self._file.lost)

    def close(self, timeout: float) -> bool:
        """Save what is queued (for at most `timeout` seconds), release the lease, stop.

        Returns True if everything reached the database.
        """
        with self._cond:
            self._stop = True
            self._stop_by = time.monotonic() + timeout
            self._cond.notify_all()
        self._thread.join(timeout + 1.0)
        self.store.detach_writer(self)
        return not self.unsaved

    # -- the thread ------------------------------------------------------------------------

    def _run(self) -> None:
        _in_writer.active = True
        while True:
            with self._cond:
                self._cond.wait_for(self._due, timeout=self._sleep())
                self._wake_due = False
                stopping = self._stop
            if stopping:
                self._write_queue()
                with self._cond:
                    done = self._idle() or self._stuck() or time.monotonic() >= (self._stop_by or 0)
                if done:
                    break
                time.sleep(min(RETRY_SECONDS, 0.2))
                continue
            self._keep_lease()
            self._write_queue()
        if self.lease is not None and not self.unsaved:
            with contextlib.suppress(StoreWriteError, NotFound):
                self.lease.release()
        with self._cond:
            self._cond.notify_all()

    def _due(self) -> bool:
        if self._stop or self._wake_due or self._heartbeat_asked:
            return True
        if self._queue.ops and self._failure is None and not self._stuck():
            return True
        return self._heartbeat_due()

    def _heartbeat_due(self) -> bool:
        watched = self.lease is not None or self._file is not None
        return watched and self._now() - self._last_heartbeat >= HEARTBEAT_SECONDS

    def _sleep(self) -> float | None:
        """How long to sleep when nothing is due (None: until woken)."""
        if self._failure is not None and self._queue.ops:
            return RETRY_SECONDS
        if self.lease is not None or self._file is not None:
            return HEARTBEAT_SECONDS / 4
        return None

    def _keep_lease(self) -> None:
        """Each second: look at the file, refresh the lease, follow the other window."""
        with self._cond:
            asked, self._heartbeat_asked = self._heartbeat_asked, False
        if not asked and not self._heartbeat_due():
            return
        self._last_heartbeat = self._now()
        if self._file is not None and not self._file.check():
            return  # nothing more is written into a file that is gone
        if self.lease is None:
            return
        was = self._held
        try:
            held = self.lease.refresh()
        except (StoreWriteError, NotFound) as error:
            log.info("lease refresh failed: %s", error)
            return
        rows: WorkshopRows | None = None
        if not held or not was:
            # Read-only (or just back to editing): the other window's latest rows.
            with contextlib.suppress(Exception):
                rows = self.store.workshop_rows(self.workshop_id)
        with self._cond:
            if rows is not None and (_content(rows) != _content(self._seen_rows) or held != was):
                self._seen_rows = rows
                if not self._queue.ops and not self._dropped:
                    # The draft is about to hold these rows: all its ids are real again.
                    self._fresh_rows = rows
                    self._ids.clear()
            self._held = held
            self._cond.notify_all()

    def _write_queue(self) -> None:
        """Write the queued operations in order until done or the database refuses."""
        if self._file is not None and self._file.lost and not self._file.check():
            return
        if not self._held:
            return
        while True:
            with self._cond:
                if not self._queue.ops:
                    self._queue.since = None
                    self._failure = None
                    self._cond.notify_all()
                    return
                op = self._queue.ops[0]
                self._busy = True
            try:
                lost = op.run(self.store, self._ids)
            except StoreWriteError as error:
                with self._cond:
                    self._busy = False
                    self._failure = error
                    self._failures += 1
                    self._cond.notify_all()
                return
            except (Dropped, NotFound, ValueError, sa_exc.SQLAlchemyError) as error:
                log.warning("a change could not be saved: %s", error)
                op.dropped(self._ids)
                lost = 1
            with self._cond:
                self._busy = False
                self._queue.ops.popleft()
                self._dropped += lost
                self._queue.since = self._now() if self._queue.ops else None
                self._cond.notify_all()
