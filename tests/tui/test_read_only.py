"""Two windows on one workshop: the second is told plainly and cannot overwrite the first."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.exports.sample import full_workshop
from tests.tui.stage_waits import go_to_stage
from workshop.core.agenda.model import load_agenda
from workshop.core.db.errors import open_store
from workshop.core.session.lease import WorkshopLease
from workshop.core.session.session import READ_ONLY_REFUSAL
from workshop.tui.app import WorkshopApp
from workshop.tui.app_ticker import is_stage_screen

# Keys that leave the app, or open the command palette (its commands are the same
# actions as the keys pressed here).
SKIPPED_KEYS = {"ctrl+q", "ctrl+c", "ctrl+p", "ctrl+n", "ctrl+b"}
FAR_FUTURE = dt.datetime(2999, 1, 1, tzinfo=dt.UTC)


async def test_second_window_opens_read_only_and_writes_nothing(make_app, store):
    workshop_id = store.create_workshop(team="Ops", current_stage=0)
    other = WorkshopLease(store, workshop_id, owner="other-window", pid=1, host="elsewhere")
    assert other.acquire()
    app = make_app(workshop_id)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert app.session.read_only
        assert screen.has_class("-read-only")
        banner = str(screen.query_one("#read-only-banner").render())
        assert "elsewhere" in banner or "another" in banner.lower()
        assert all(field.disabled for field in screen.query(Input))
        await pilot.press(*"typed here")
        app.session.flush()
    assert store.load(workshop_id).team == "Ops"


async def test_first_window_edits_and_releases_on_quit(make_app, store):
    workshop_id = store.create_workshop(team="Ops", current_stage=0)
    app = make_app(workshop_id)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert not app.session.read_only
        assert not app.screen.has_class("-read-only")
    # After quitting, a new window gets the workshop for editing at once.
    assert WorkshopLease(store, workshop_id).acquire()


def database_state(db: Path) -> tuple[bytes, list]:
    """The file's bytes (its log folded in first) and every row of every table."""
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        names = connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        tables = sorted(row[0] for row in names)
        rows = [(t, connection.execute(f"SELECT * FROM {t}").fetchall()) for t in tables]
    return db.read_bytes(), rows


async def back_to(pilot, stage) -> None:
    """Close whatever dialog or screen a key opened, until the stage shows again."""
    for _ in range(6):
        await pilot.pause()
        if pilot.app.screen is stage:
            return
        await pilot.press("escape")
    while pilot.app.screen is not stage and len(pilot.app.screen_stack) > 1:
        pilot.app.pop_screen()
        await pilot.pause()


# Keys that would change the workshop, each checked to have been pressed and refused.
CHANGING_KEYS = {
    "setup": ("ctrl+t", "f5"),
    "objectives": ("ctrl+t",),
    "key_results": ("ctrl+r",),
}


# One stage per test, so that parallel workers share the stages.
@pytest.mark.parametrize("index", range(len(load_agenda().stages)))
async def test_every_key_on_every_stage_of_a_read_only_window_writes_nothing(
    index, tmp_path, agenda, clock, monkeypatch
):
    monkeypatch.chdir(tmp_path)  # the wrap-up's export key writes files here
    db = tmp_path / "w.db"
    store = open_store(f"sqlite:///{db}")
    workshop_id = store.import_workshop(full_workshop().model_copy(update={"current_stage": index}))
    other = WorkshopLease(
        store, workshop_id, owner="other-window", pid=1, host="elsewhere", now=lambda: FAR_FUTURE
    )
    assert other.acquire()
    before = database_state(db)

    app = WorkshopApp(
        store=store,
        agenda=agenda,
        workshop_id=workshop_id,
        clock=clock,
        wall=clock.wall,
        tick_seconds=3600,
    )
    pressed: set[str] = set()
    told: list[str] = []
    notify = app.notify

    def record(message, *args, **kwargs):
        told.append(str(message))  # kept here: a notification expires on screen
        return notify(message, *args, **kwargs)

    app.notify = record  # type: ignore[method-assign]
    async with app.run_test(size=(160, 45)) as pilot:
        stage = await go_to_stage(pilot, index)
        assert is_stage_screen(stage) and stage.stage_index == index
        assert app.session.read_only
        for _ in range(2):  # a key may focus a part whose own keys show then
            keys = [k for k in stage.active_bindings if k not in SKIPPED_KEYS]
            for key in keys:
                if key in pressed:
                    continue
                await pilot.press(key)
                await back_to(pilot, stage)
                app._tick()
                pressed.add(key)
        app._tick()
    store.close()

    assert database_state(db) == before
    # The keys that would have changed something were refused, in plain words.
    changing = CHANGING_KEYS.get(agenda.stages[index].key, ())
    for key in changing:
        assert key in pressed, key
    if changing:
        assert READ_ONLY_REFUSAL in told


async def test_when_the_first_window_closes_the_second_takes_over_with_a_field_focused(
    tmp_path, agenda, clock
):
    """The second window becomes editable and the room's next keys land in a field."""
    store = open_store(f"sqlite:///{tmp_path / 'w.db'}")
    workshop_id = store.create_workshop(team="Ops", current_stage=0)
    other = WorkshopLease(store, workshop_id, owner="other-window", pid=1, host="elsewhere")
    assert other.acquire()
    app = WorkshopApp(
        store=store,
        agenda=agenda,
        workshop_id=workshop_id,
        clock=clock,
        wall=clock.wall,
        tick_seconds=3600,
    )
    async with app.run_test(size=(160, 45)) as pilot:
        await app.keys_settled()
        assert app.session.read_only
        assert not isinstance(app.screen.focused, Input)
        other.release()
        for _ in range(600):  # the writer's heartbeat wins the lease within a second or so
            await pilot.pause(0.05)
            app._tick()
            if not app.session.read_only and not app.screen.has_class("-read-only"):
                break
        assert not app.session.read_only
        assert isinstance(app.screen.focused, Input)
        await pilot.press("end", *" team")
        await app.keys_settled()
    assert store.load(workshop_id).team == "Ops team"
    store.close()
