"""The event loop never waits for the database, and the room is told when saving lags.

The app runs on a store that fails the test if it is used from the event loop's
thread. Another program then holds SQLite's write lock (or the file is deleted)
while the room types, moves stage and runs the clock: the app keeps working from
its draft, a banner says saving is delayed, and once the lock is gone everything
typed is saved, in order. Tests wait for conditions, never for a length of time.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path

from workshop.core.db.errors import open_store
from workshop.core.db.store import Store
from workshop.core.exports.json_format import loads
from workshop.tui.app import WorkshopApp
from workshop.tui.widgets.save_banner import SaveBanner

CONDITION_DEADLINE = 3000  # turns of 10 ms: only so that a bug fails instead of hanging


class LoopGuardedStore(Store):
    """A store that refuses to be used from the thread it was armed in (the event loop)."""

    loop_thread: threading.Thread | None = None

    def _check(self) -> None:
        if threading.current_thread() is self.loop_thread:
            raise AssertionError("the event loop used the database")

    @contextmanager
    def _writing(self):
        self._check()
        with super()._writing() as session:
            yield session

    @contextmanager
    def _reading(self):
        self._check()
        with super()._reading() as session:
            yield session


async def until(pilot, condition) -> None:
    for _ in range(CONDITION_DEADLINE):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("the condition never held")


def new_workshop(db: Path) -> int:
    store = open_store(f"sqlite:///{db}")
    workshop_id = store.create_workshop(team="", current_stage=0)
    store.close()
    return workshop_id


def banner(app) -> SaveBanner | None:
    found = app.screen.query(SaveBanner)
    return found.first() if found and found.first().has_class("-shown") else None


async def test_a_locked_database_never_stops_the_app_and_nothing_is_lost(tmp_path, agenda, clock):
    db = tmp_path / "w.db"
    workshop_id = new_workshop(db)
    store = LoopGuardedStore.open(f"sqlite:///{db}")
    app = WorkshopApp(
        store=store,
        agenda=agenda,
        workshop_id=workshop_id,
        clock=clock,
        wall=clock.wall,
        tick_seconds=3600,
    )
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        store.loop_thread = threading.current_thread()
        other = sqlite3.connect(db, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        try:
            app.screen.query_one("#field-team").focus()
            await pilot.press(*"Support")
            app._tick()
            await pilot.press("f5")  # the clock starts
            clock.advance(5)
            app._tick()
            await pilot.press("ctrl+n", "ctrl+n")  # on to the goals
            await pilot.pause()
            app._tick()
            await until(pilot, lambda: not app.session.save_status.ok)
            app._tick()
            shown = banner(app)
            assert shown is not None
            assert "Saving is delayed" in str(shown.render())
            assert "kept" in str(shown.render())
            assert app.session.timer.elapsed(app.session.timer.current) == 0  # ticking on
            clock.advance(3)
            app._tick()
        finally:
            other.execute("ROLLBACK")
            other.close()
        await until(pilot, lambda: not app.session.unsaved)
        app._tick()
        await pilot.pause()
        assert banner(app) is None
        assert any("Saved again" in n.message for n in app._notifications)
        store.loop_thread = None

    saved = open_store(f"sqlite:///{db}").load(workshop_id)
    assert saved.team == "Support"
    assert saved.current_stage == 2
    assert app.recovery_path is None


async def test_a_deleted_database_is_reported_and_quitting_writes_a_recovery_file(
    tmp_path, agenda, clock, monkeypatch
):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr("workshop.core.session.session.CLOSE_WAIT_SECONDS", 0.2)
    db = tmp_path / "w.db"
    workshop_id = new_workshop(db)
    store = Store.open(f"sqlite:///{db}")
    app = WorkshopApp(
        store=store,
        agenda=agenda,
        workshop_id=workshop_id,
        clock=clock,
        wall=clock.wall,
        tick_seconds=3600,
    )
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        app.screen.query_one("#field-team").focus()
        await pilot.press(*"Typed after the file went")
        app._tick()
        await until(pilot, lambda: app.session.save_status.state == "failing")
        app._tick()
        await pilot.pause()
        shown = banner(app)
        assert shown is not None and "deleted" in str(shown.render())
        assert any("deleted" in n.message for n in app._notifications)

    path = app.recovery_path
    assert path is not None and path.is_relative_to(tmp_path / "data")
    assert loads(path.read_bytes(), str(path)).team == "Typed after the file went"
    assert not db.exists()
