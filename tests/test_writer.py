"""The writer thread: the session's changes reach the database in order, whatever it does.

The screens change the draft and queue; these tests drive a session the way the
app does and check the real database (through a second store, or sqlite3) once
the writer says it is done. Nothing waits for wall time: tests wait for a
condition (the writer settled, a status changed), with a generous deadline only
so that a bug fails instead of hanging.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import event

from workshop.core.db.errors import open_store
from workshop.core.db.store import Item, Store
from workshop.core.domain import GoalType, NSTest
from workshop.core.exports.json_format import envelope, loads
from workshop.core.session.lease import WorkshopLease
from workshop.core.session.session import WORKSHOP, WorkshopSession
from workshop.core.session.writer import DELAYED_AFTER_SECONDS

DEADLINE = 60.0  # only so that a bug fails the test rather than hanging it


def wait_for(condition: Callable[[], bool]) -> None:
    """Wait until `condition()` holds (the writer works in its own thread)."""
    end = time.monotonic() + DEADLINE
    while not condition():
        assert time.monotonic() < end, "the condition never held"
        time.sleep(0.005)


class WriterClock:
    """The writer's clock: moves only when told to."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "w.db"


@pytest.fixture
def recovery(tmp_path, monkeypatch) -> Path:
    """Recovery files go under tmp_path (platformdirs reads XDG_DATA_HOME)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data" / "okr-workshop" / "recovery"


def url(db: Path) -> str:
    return f"sqlite:///{db}"


def as_exported(workshop) -> dict:
    """The workshop without ids or times: what must match between draft and database."""
    data = envelope(workshop)["workshop"]
    for key in ("timings", "break_seconds", "paused_seconds", "created_at"):
        data.pop(key, None)
    return data


def fill(session: WorkshopSession) -> None:
    """A little of every kind of change, new rows referring to new rows."""
    wid = session.workshop_id
    session.edit(WORKSHOP, wid, team="Payments", period="2027-Q1")
    first = session.add(Item.PRIORITY, wid, text="Fewer failed payments")
    second = session.add(Item.PRIORITY, wid, text="")
    session.edit(Item.PRIORITY.value, second, text="Faster refunds")
    why = session.add(Item.WHY, first, text="they cost us")
    session.edit(Item.WHY.value, why, text="they cost us €2m")
    session.add(Item.WHY, first, after_id=None, text="customers leave")
    session.move(Item.PRIORITY, second, -1)
    objective = session.add(Item.OBJECTIVE, wid, text="Payments just work", priority_id=first)
    kr = session.add(Item.KEY_RESULT, objective, text="Failed payments from 4% to 1%")
    session.edit(Item.KEY_RESULT.value, kr, start="4%", target="1%")
    gone = session.add(Item.KEY_RESULT, objective, text="to be removed")
    session.edit(Item.KEY_RESULT.value, gone, owner="Dana")
    session.delete(Item.KEY_RESULT, gone)
    session.update(Item.OBJECTIVE, objective, goal_type=GoalType.ASPIRATIONAL)
    session.save_ns_test(objective, NSTest(run=1))
    session.update_workshop(cascade_model="duality")
    session.add(Item.PARTICIPANT, wid, name="Ana")
    session.flush()


def test_every_change_reaches_the_database_in_order_with_real_ids(db, agenda, clock):
    session = WorkshopSession.create(open_store(url(db)), agenda, clock=clock, wall=clock.wall)
    fill(session)
    drafted = session.load()
    assert session.close() is None  # everything saved: no recovery file

    stored = open_store(url(db)).load(session.workshop_id)
    assert as_exported(stored) == as_exported(drafted)
    assert [p.text for p in stored.priorities] == ["Faster refunds", "Fewer failed payments"]
    assert stored.objectives[0].priority_index == 1  # the link followed the new id
    assert [w for w in stored.priorities[1].whys] == ["they cost us €2m", "customers leave"]


def test_draft_ids_never_name_a_loaded_row(store, agenda, clock):
    """A row the draft adds gets an id no loaded row has, even after deletes."""
    session = WorkshopSession.create(store, agenda, clock=clock, wall=clock.wall)
    wid = session.workshop_id
    loaded = [store.add(Item.PRIORITY, wid, text=f"p{n}") for n in range(3)]
    again = WorkshopSession.resume(store, wid, fallback_agenda=agenda, clock=clock)
    again.delete(Item.PRIORITY, loaded[-1])
    new = again.add(Item.PRIORITY, wid, text="new")
    assert new not in loaded
    again.edit(Item.PRIORITY.value, new, text="new, edited")
    again.edit(Item.PRIORITY.value, loaded[0], text="p0, edited")
    again.close()
    assert [p.text for p in store.load(wid).priorities] == ["p0, edited", "p1", "new, edited"]


def test_a_locked_database_delays_saving_and_never_the_session(db, agenda, clock):
    writer_clock = WriterClock()
    session = WorkshopSession.create(
        open_store(url(db)), agenda, clock=clock, wall=clock.wall, writer_clock=writer_clock
    )
    wid = session.workshop_id
    wait_for(lambda: not session.unsaved)

    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        for n in range(20):
            session.edit(WORKSHOP, wid, team=f"Team {n}")
            session.add(Item.PARTICIPANT, wid, name=f"Person {n}")
            session.flush()
            clock.advance(1)
            session.checkpoint()
        # The session answered from its draft at once; the database has none of it.
        assert [p for p in session.load().participants][-1] == "Person 19"
        assert session.unsaved
        writer_clock.advance(DELAYED_AFTER_SECONDS)
        assert session.save_status.state == "delayed"
        assert session.save_status.message.startswith("Saving is delayed: ")
        assert "kept" in session.save_status.message
    finally:
        other.execute("ROLLBACK")
        other.close()

    wait_for(lambda: not session.unsaved)
    assert session.save_status.ok
    stored = open_store(url(db)).load(wid)
    assert stored.team == "Team 19"
    assert stored.participants == [f"Person {n}" for n in range(20)]
    session.close()


def cap_file_size(store: Store, pages: int) -> Callable[[], None]:
    """Make the file unable to grow past `pages` pages (a full disk); returns the undo."""

    def cap(dbapi_connection, _record) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    event.listen(store.engine, "connect", cap)
    store.engine.dispose()

    def lift() -> None:
        event.remove(store.engine, "connect", cap)
        store.engine.dispose()

    return lift


def page_count(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute("PRAGMA page_count").fetchone()[0]


def test_a_full_disk_keeps_every_edit_and_saves_them_when_space_returns(db, agenda, clock):
    store = open_store(url(db))
    session = WorkshopSession.create(store, agenda, clock=clock, wall=clock.wall)
    wid = session.workshop_id
    wait_for(lambda: not session.unsaved)
    lift = cap_file_size(store, page_count(db))

    for n in range(30):
        session.add(Item.PRIORITY, wid, text=f"{n} " + "filler " * 300)
    session.flush()
    wait_for(lambda: session.save_status.state == "failing")
    assert "the disk is full" in session.save_status.message
    assert len(session.load().priorities) == 30  # still all here
    session.add(Item.PRIORITY, wid, text="typed while full")  # typing goes on

    lift()
    wait_for(lambda: not session.unsaved)
    assert session.save_status.ok
    texts = [p.text for p in open_store(url(db)).load(wid).priorities]
    assert texts == [f"{n} " + "filler " * 300 for n in range(30)] + ["typed while full"]
    assert session.close() is None


def test_quitting_on_a_full_disk_writes_a_recovery_file(db, agenda, clock, recovery):
    store = open_store(url(db))
    session = WorkshopSession.create(store, agenda, clock=clock, wall=clock.wall, team="Ops")
    wait_for(lambda: not session.unsaved)
    cap_file_size(store, page_count(db))
    for n in range(30):
        session.add(Item.PRIORITY, session.workshop_id, text=f"{n} " + "filler " * 300)
    drafted = session.load()

    path = session.close(wait=0.2)

    assert path is not None and path.parent == recovery
    recovered = loads(path.read_bytes(), str(path))
    assert as_exported(recovered) == as_exported(drafted)
    assert not list(recovery.glob(".*.tmp"))  # written atomically


def test_a_deleted_database_file_is_noticed_and_nothing_is_lost(db, agenda, clock, recovery):
    writer_clock = WriterClock()
    session = WorkshopSession.create(
        open_store(url(db)), agenda, clock=clock, wall=clock.wall, writer_clock=writer_clock
    )
    session.edit(WORKSHOP, session.workshop_id, team="Before")
    session.flush()
    wait_for(lambda: not session.unsaved)

    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    writer_clock.advance(1.0)  # the next look at the file, within a second or so
    wait_for(lambda: session.save_status.state == "failing")
    assert "deleted" in session.save_status.message
    assert str(db) in session.save_status.message
    session.edit(WORKSHOP, session.workshop_id, team="After")
    session.flush()
    assert session.unsaved

    path = session.close(wait=0.2)
    assert path is not None
    assert loads(path.read_bytes(), str(path)).team == "After"
    assert not db.exists()  # nothing wrote a new, nearly empty file in its place


def test_the_session_never_calls_the_database_from_the_calling_thread(db, agenda, clock):
    """Once open, every read and write of the real store happens in the writer thread."""
    caller = threading.current_thread()

    class Guarded(Store):
        armed = False

        def _check(self) -> None:
            assert not (self.armed and threading.current_thread() is caller), (
                "the real store was used from the session's caller"
            )

        def _writing(self):
            self._check()
            return super()._writing()

        def _reading(self):
            self._check()
            return super()._reading()

    open_store(url(db)).close()  # create the schema
    store = Guarded.open(url(db))
    session = WorkshopSession.create(store, agenda, clock=clock, wall=clock.wall)
    session.take_lease()
    Guarded.armed = True
    try:
        fill(session)
        session.set_stage(2)
        session.set_minutes({"goals": 20})
        session.checkpoint()
        session.load()
        path = session.close()
    finally:
        Guarded.armed = False
    assert path is None
    assert open_store(url(db)).load(session.workshop_id).team == "Payments"


def database_state(db: Path) -> tuple[bytes, bytes, list]:
    """The file's bytes, its write-ahead log's, and every row of every table."""
    wal = Path(f"{db}-wal")
    with sqlite3.connect(db) as connection:
        tables = [
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        rows = [(t, connection.execute(f"SELECT * FROM {t}").fetchall()) for t in sorted(tables)]
    return db.read_bytes(), wal.read_bytes() if wal.exists() else b"", rows


def test_a_read_only_session_refuses_every_change_and_says_so(db, agenda, clock):
    store = open_store(url(db))
    setup = WorkshopSession.create(store, agenda, clock=clock, wall=clock.wall)
    wid = setup.workshop_id
    priority = setup.add(Item.PRIORITY, wid, text="Grow")
    setup.close()
    other = WorkshopLease(store, wid, owner="other-window", pid=1, host="elsewhere")
    assert other.acquire()
    before = database_state(db)

    second = WorkshopSession.resume(open_store(url(db)), wid, fallback_agenda=agenda)
    told: list[str] = []
    second.on_refused = told.append
    assert not second.take_lease() and second.read_only
    second.edit(WORKSHOP, wid, team="Not here")
    assert second.add(Item.PRIORITY, wid, text="x") is None
    assert not second.delete(Item.PRIORITY, priority)
    assert not second.move(Item.PRIORITY, priority, 1)
    assert not second.update(Item.PRIORITY, priority, text="y")
    assert not second.update_workshop(cascade_model="duality")
    assert not second.save_ns_test(priority, NSTest(run=1))
    assert not second.set_minutes({"goals": 5})
    assert not second.allow_change()
    second.set_stage(3)
    second.checkpoint()
    second.flush()
    assert second.fill_defaults() == {}
    assert len(told) == 9 and set(told) == {told[0]}
    assert "read-only" in told[0]
    second._writer.heartbeat_now()  # it tries for the lease, and only reads
    assert second.close() is None
    assert database_state(db) == before
    assert second.load().priorities[0].text == "Grow"


def test_a_read_only_session_follows_the_editing_one(db, agenda, clock):
    writer_clock = WriterClock()
    first = WorkshopSession.create(open_store(url(db)), agenda, clock=clock, wall=clock.wall)
    assert first.take_lease()
    second = WorkshopSession.resume(
        open_store(url(db)), first.workshop_id, fallback_agenda=agenda, writer_clock=writer_clock
    )
    assert not second.take_lease()
    first.edit(WORKSHOP, first.workshop_id, team="Typed in the first window")
    first.flush()
    wait_for(lambda: not first.unsaved)

    second._writer.heartbeat_now()
    wait_for(lambda: second.poll().reloaded)
    assert second.load().team == "Typed in the first window"

    first.close()  # the lease is released: the second window may edit now
    second._writer.heartbeat_now()
    wait_for(lambda: second.poll().changed)
    assert not second.read_only
    second.edit(WORKSHOP, second.workshop_id, period="2027-Q3")
    assert second.close() is None
    stored = open_store(url(db)).load(first.workshop_id)
    assert (stored.team, stored.period) == ("Typed in the first window", "2027-Q3")


def test_a_crash_after_the_writer_saved_keeps_what_was_saved(db, agenda, clock):
    """The writer commits as it goes: a process killed later keeps what it wrote."""
    session = WorkshopSession.create(open_store(url(db)), agenda, clock=clock, wall=clock.wall)
    session.edit(WORKSHOP, session.workshop_id, team="Saved before the crash")
    session.flush()
    wait_for(lambda: not session.unsaved)
    # No close(): as if the process died here.
    assert os.path.exists(db)
    with sqlite3.connect(db) as connection:
        team = connection.execute("SELECT team FROM workshop").fetchone()[0]
    assert team == "Saved before the crash"
