"""The store under stress: WAL settings, failed writes, the field cap and batch edits."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event, exc

from workshop.core.db.errors import DatabaseError, open_store
from workshop.core.db.store import (
    MAX_FIELD_CHARS,
    FieldTooLong,
    Item,
    NotFound,
    Store,
    StoreReadError,
    StoreWriteError,
)
from workshop.core.domain import Priority, Workshop


@pytest.fixture
def store(any_store: Store) -> Store:
    """Every test here that takes `store` runs on a SQLite file and on PostgreSQL."""
    return any_store


def file_store(tmp_path, name: str = "w.db") -> Store:
    return open_store(f"sqlite:///{tmp_path / name}")


def pragma(store: Store, name: str):
    with store.engine.connect() as connection:
        return connection.exec_driver_sql(f"PRAGMA {name}").scalar()


# -- the engine's settings ------------------------------------------------------------


def test_a_file_database_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    store = file_store(tmp_path)
    assert pragma(store, "journal_mode") == "wal"
    assert pragma(store, "busy_timeout") == 5000
    assert pragma(store, "foreign_keys") == 1
    assert pragma(store, "synchronous") == 1  # NORMAL: a commit survives a killed process
    store.close()
    # WAL is recorded in the file itself, so every later reader uses it too.
    with sqlite3.connect(tmp_path / "w.db") as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    raw.close()


# -- the field cap ----------------------------------------------------------------------

TOO_LONG = "x" * (MAX_FIELD_CHARS + 1)
FIVE_MB = "é" * 5_000_000


def test_a_field_at_the_cap_is_kept(store):
    workshop_id = store.create_workshop(team="t" * MAX_FIELD_CHARS)
    priority = store.add(Item.PRIORITY, workshop_id, text="p" * MAX_FIELD_CHARS)
    workshop = store.load(workshop_id)
    assert len(workshop.team) == MAX_FIELD_CHARS
    assert workshop.priorities[0].text == "p" * MAX_FIELD_CHARS
    assert priority == workshop.priorities[0].id


@pytest.mark.parametrize("value", [TOO_LONG, FIVE_MB], ids=["cap+1", "5MB"])
def test_an_oversized_field_is_refused_everywhere_and_nothing_is_written(store, value):
    workshop_id = store.create_workshop(team="Payments")
    priority_id = store.add(Item.PRIORITY, workshop_id, text="Grow")
    before = store.load(workshop_id)

    attempts = [
        lambda: store.create_workshop(team=value),
        lambda: store.update_workshop(workshop_id, facilitator=value),
        lambda: store.add(Item.PRIORITY, workshop_id, text=value),
        lambda: store.update(Item.PRIORITY, priority_id, text=value),
        lambda: store.import_workshop(Workshop(team="ok", priorities=[Priority(text=value)])),
        lambda: store.save_edits(
            {
                ("workshop", workshop_id): {"team": "changed"},
                ("priority", priority_id): {"text": value},
            }
        ),
    ]
    for attempt in attempts:
        with pytest.raises(FieldTooLong) as caught:
            attempt()
        message = str(caught.value)
        assert "too long" in message and "100,000" in message and "\n" not in message
        assert isinstance(caught.value, ValueError)  # callers catching ValueError still do

    assert store.load(workshop_id) == before
    assert len(store.list_workshops()) == 1


def test_the_agenda_is_not_a_typed_field_and_may_be_long(store):
    workshop_id = store.create_workshop(agenda_json="{" + " " * (MAX_FIELD_CHARS * 2) + "}")
    assert len(store.agenda_json(workshop_id)) == MAX_FIELD_CHARS * 2 + 2


# -- a disk that fills up --------------------------------------------------------------


def cap_file_size(store: Store, pages: int) -> None:
    """Make every connection refuse to grow the file past `pages` pages: a full disk."""

    @event.listens_for(store.engine, "connect")
    def _cap(dbapi_connection, _record) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    store.engine.dispose()  # pooled connections are replaced by capped ones


def test_a_full_disk_loses_nothing_already_saved(tmp_path):
    store = file_store(tmp_path)
    workshop_id = store.create_workshop(team="Payments", period="2027-Q1")
    priority_id = store.add(Item.PRIORITY, workshop_id, text="Cut failed payments")
    store.add(Item.WHY, priority_id, text="they cost us €2m")
    saved = store.load(workshop_id)
    cap_file_size(store, pages=pragma(store, "page_count") + 2)

    with pytest.raises(StoreWriteError) as caught:
        for n in range(1000):  # each ~10 KB: the cap is hit within a few
            store.add(Item.PRIORITY, workshop_id, text=f"{n} " + "filler " * 1500)
    assert caught.value.reason == "full"
    assert str(caught.value) == "Not saved: the disk is full."

    # A batch that does not fit is written not at all, so the caller can keep it.
    with pytest.raises(StoreWriteError):
        store.save_edits(
            {
                ("workshop", workshop_id): {"team": "Renamed"},
                ("priority", priority_id): {"text": "big " * 20_000},
            }
        )
    store.close()

    reopened = file_store(tmp_path)
    workshop = reopened.load(workshop_id)
    assert workshop.team == "Payments"  # the failed batch left no half of itself
    assert workshop.priorities[0] == saved.priorities[0]
    assert workshop.priorities[0].whys == ["they cost us €2m"]
    # Every add that did commit before the disk filled is whole.
    for priority in workshop.priorities[1:]:
        assert priority.text.endswith("filler " * 1500)
    assert reopened.load_clock(workshop_id) is None
    reopened.close()


@pytest.mark.parametrize(
    ("sqlite_message", "reason", "shown"),
    [
        ("database or disk is full", "full", "the disk is full"),
        ("database is locked", "locked", "locked by another program"),
        ("attempt to write a readonly database", "read-only", "read-only"),
        ("disk I/O error", "io", "input/output error"),
        ("something new", "other", "something new"),
    ],
)
def test_a_failed_commit_becomes_one_clear_line(store, monkeypatch, sqlite_message, reason, shown):
    workshop_id = store.create_workshop(team="Payments")

    def fail(*_args, **_kwargs):
        raise exc.OperationalError("COMMIT", {}, sqlite3.OperationalError(sqlite_message))

    monkeypatch.setattr("sqlmodel.Session.commit", fail)
    with pytest.raises(StoreWriteError) as caught:
        store.update_workshop(workshop_id, team="Renamed")
    assert caught.value.reason == reason
    assert shown in str(caught.value) and "\n" not in str(caught.value)
    monkeypatch.undo()
    assert store.load(workshop_id).team == "Payments"


def test_bugs_are_not_disguised_as_storage_failures(store):
    """A wrong parent id is an IntegrityError, as before: only I/O and locks are translated."""
    with pytest.raises(exc.IntegrityError):
        store.add(Item.PRIORITY, 999_999, text="orphan")
    with pytest.raises(NotFound):
        store.update(Item.PRIORITY, 999_999, text="gone")


def test_a_read_of_a_damaged_file_is_one_clear_line(tmp_path):
    store = file_store(tmp_path)
    workshop_id = store.create_workshop(team="Payments")
    for n in range(200):
        store.add(Item.PRIORITY, workshop_id, text=f"{n} " + "x" * 400)
    store.close()
    path = tmp_path / "w.db"
    # Checkpointed into the file, then damaged behind the app's back.
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    store = Store.open(f"sqlite:///{path}")  # opened before the damage, as a running app is
    data = bytearray(path.read_bytes())
    page = pragma(store, "page_size")
    for start in range(page, len(data), page):
        data[start] = 0xFF  # not a valid b-tree page type: every table beyond page 1
    path.write_bytes(bytes(data))
    store.engine.dispose()
    with pytest.raises(StoreReadError) as caught:
        store.load(workshop_id)
    assert caught.value.reason == "damaged"
    assert str(caught.value) == "Could not read the workshop: the database file is damaged."
    with pytest.raises(DatabaseError, match="damaged"):
        file_store(tmp_path)


# -- batches of edits (what the autosave queue holds) ---------------------------------------


def test_save_edits_writes_a_batch_and_reports_targets_that_are_gone(store):
    workshop_id = store.create_workshop()
    priority_id = store.add(Item.PRIORITY, workshop_id, text="")
    why_id = store.add(Item.WHY, priority_id, text="")
    deleted = store.add(Item.PRIORITY, workshop_id, text="soon gone")
    store.delete(Item.PRIORITY, deleted)

    gone = store.save_edits(
        {
            ("workshop", workshop_id): {"team": "Payments", "period": "2027-Q1"},
            ("priority", priority_id): {"text": "Grow"},
            ("why", why_id): {"text": "because"},
            ("priority", deleted): {"text": "typed into a deleted row"},
            ("workshop", 424242): {"team": "no such workshop"},
        }
    )
    assert gone == [("priority", deleted), ("workshop", 424242)]
    workshop = store.load(workshop_id)
    assert (workshop.team, workshop.period) == ("Payments", "2027-Q1")
    assert workshop.priorities == [Priority(id=priority_id, text="Grow", whys=["because"])]


def test_save_edits_checks_every_field_before_writing_any(store):
    workshop_id = store.create_workshop(team="Payments")
    with pytest.raises(ValueError, match="unknown field"):
        store.save_edits({("workshop", workshop_id): {"team": "X", "colour": "red"}})
    assert store.load(workshop_id).team == "Payments"


def test_a_stage_and_its_clock_are_saved_together_or_not_at_all(tmp_path):
    # A kill between two separate writes left a workshop on stage 2 with its clock on
    # stage 1 (seen once in tests/reliability/test_crash.py under load).
    store = open_store(f"sqlite:///{tmp_path / 'w.db'}")
    workshop_id = store.create_workshop(team="Ops")
    store.save_stage(workshop_id, 1, '{"at": 1}')
    assert store.load(workshop_id).current_stage == 1
    assert store.load_clock(workshop_id) == '{"at": 1}'

    raw = sqlite3.connect(tmp_path / "w.db")
    raw.execute(
        "CREATE TRIGGER refuse_clock BEFORE UPDATE ON clock BEGIN SELECT RAISE(ABORT, 'no'); END"
    )
    raw.commit()
    raw.close()
    with pytest.raises(exc.IntegrityError):  # the clock's half fails...
        store.save_stage(workshop_id, 2, '{"at": 2}')
    assert store.load(workshop_id).current_stage == 1  # the stage's update was undone too
    assert store.load_clock(workshop_id) == '{"at": 1}'
    store.close()
