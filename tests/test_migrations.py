"""Schema upgrades: a version-1 database opens in today's app with every word intact.

tests/fixtures/schema-v1.db was written as schema version 1 wrote it (see
tests/fixtures/make_fixtures.py). When the schema changes again: add the step in
workshop/core/db/migrations.py, make a fixture with the previous version's frozen SQL,
and add it to FIXTURES below.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect

from workshop.core.agenda.model import Agenda
from workshop.core.clock.timer import Mode, TimerState, WorkshopTimer, recorded_timings
from workshop.core.db import migrations
from workshop.core.db.errors import DatabaseError, open_store
from workshop.core.db.migrations import LATEST_VERSION, MIGRATIONS, SchemaError, migrate
from workshop.core.db.store import Store
from workshop.core.domain import Workshop

FIXTURES = Path(__file__).parent / "fixtures"
V1 = FIXTURES / "schema-v1.db"
EXPECTED = json.loads((FIXTURES / "schema-v1.expected.json").read_text(encoding="utf-8"))


def without_ids(value):
    """A dumped domain object with every id removed (ids are the database's business)."""
    if isinstance(value, dict):
        return {k: without_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [without_ids(v) for v in value]
    return value


def dump(workshop: Workshop) -> dict:
    return without_ids(workshop.model_dump(mode="json"))


def version_of(path: Path) -> int:
    with sqlite3.connect(path) as db:
        (version,) = db.execute("SELECT version FROM schema_version").fetchone()
    db.close()
    return version


def schema(store: Store) -> dict:
    """Tables, columns, keys and indexes, for comparing two databases' schemas."""
    with store.engine.connect() as connection:
        inspector = inspect(connection)
        result = {}
        for table in sorted(inspector.get_table_names()):
            result[table] = {
                "columns": [
                    (c["name"], str(c["type"]), c["nullable"], c["default"])
                    for c in inspector.get_columns(table)
                ],
                "pk": inspector.get_pk_constraint(table)["constrained_columns"],
                "fks": sorted(
                    (
                        tuple(fk["constrained_columns"]),
                        fk["referred_table"],
                        tuple(fk["referred_columns"]),
                        (fk.get("options") or {}).get("ondelete"),
                    )
                    for fk in inspector.get_foreign_keys(table)
                ),
                "indexes": sorted(
                    (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                    for i in inspector.get_indexes(table)
                ),
            }
        return result


@pytest.fixture
def v1_copy(tmp_path) -> Path:
    path = tmp_path / "old.db"
    shutil.copy(V1, path)
    return path


def test_the_fixture_is_a_version_1_database():
    assert version_of(V1) == 1
    with sqlite3.connect(V1) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    db.close()
    assert "workshop_lease" not in tables
    assert LATEST_VERSION > 1, "the upgrade path is only proven while there is one"


def test_a_version_1_database_opens_with_its_data_intact(v1_copy):
    store = open_store(f"sqlite:///{v1_copy}")
    assert version_of(v1_copy) == LATEST_VERSION

    first, second = EXPECTED["workshops"]
    loaded = [store.load(s.id) for s in sorted(store.list_workshops(), key=lambda s: s.id)]
    # The first workshop's saved clock gives its planned-vs-actual record.
    timings, breaks, paused = recorded_timings(TimerState.model_validate(EXPECTED["clock"]))
    first_with_clock = Workshop.model_validate(first).model_copy(
        update={"timings": timings, "break_seconds": breaks, "paused_seconds": paused}
    )
    assert [dump(w) for w in loaded] == [
        dump(first_with_clock),
        dump(Workshop.model_validate(second)),
    ]
    # Spot checks that would make a failure above easy to read.
    assert loaded[0].participants[1] == first["participants"][1]
    assert "\x1b[2J" in loaded[0].participants[1] and "\x00" in loaded[0].participants[1]
    assert loaded[0].objectives[0].ns_test.passed is False

    # The clock comes back where it was, paused in stage 4.
    state = TimerState.model_validate_json(store.load_clock(loaded[0].id))
    assert state == TimerState.model_validate(EXPECTED["clock"])
    timer = WorkshopTimer.restore(state, clock=lambda: 0.0)
    assert (timer.current, timer.mode) == (4, Mode.PAUSED)
    assert timer.elapsed(4) == 600.75
    # The agenda each workshop was run on still reads.
    assert Agenda.model_validate_json(store.agenda_json(loaded[0].id)).stages[4].key == (
        "key_results"
    )


def test_an_upgraded_database_has_exactly_the_schema_of_a_new_one(v1_copy, tmp_path):
    upgraded = open_store(f"sqlite:///{v1_copy}")
    fresh = open_store(f"sqlite:///{tmp_path / 'fresh.db'}")
    assert schema(upgraded) == schema(fresh)


def test_an_upgraded_database_works_for_new_writes(v1_copy):
    store = open_store(f"sqlite:///{v1_copy}")
    from workshop.core.session.lease import WorkshopLease

    lease = WorkshopLease(store, 1)
    assert lease.acquire()
    new_id = store.create_workshop(team="after the upgrade")
    assert store.load(new_id).team == "after the upgrade"


def test_migrating_is_idempotent(v1_copy):
    url = f"sqlite:///{v1_copy}"
    store = open_store(url)
    before = [store.load(s.id) for s in store.list_workshops()]
    assert migrate(store.engine) == LATEST_VERSION
    assert migrate(store.engine) == LATEST_VERSION
    again = open_store(url)
    assert [again.load(s.id) for s in again.list_workshops()] == before
    # Each step may also safely meet a database it has already been applied to.
    with store.engine.begin() as connection:
        for version in range(2, LATEST_VERSION + 1):
            MIGRATIONS[version](connection)
    assert version_of(v1_copy) == LATEST_VERSION


def test_a_failed_upgrade_leaves_the_old_database_as_it_was(v1_copy, monkeypatch):
    real_step = MIGRATIONS[2]

    def step_then_fail(connection) -> None:
        real_step(connection)
        raise RuntimeError("power cut half way through the upgrade")

    monkeypatch.setitem(MIGRATIONS, 2, step_then_fail)
    store = Store.__new__(Store)
    from workshop.core.db.engine import make_engine

    engine = make_engine(f"sqlite:///{v1_copy}")
    with pytest.raises(RuntimeError):
        migrate(engine)
    engine.dispose()
    del store
    assert version_of(v1_copy) == 1
    with sqlite3.connect(v1_copy) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    db.close()
    assert "workshop_lease" not in tables  # the CREATE TABLE was rolled back too
    monkeypatch.undo()
    assert open_store(f"sqlite:///{v1_copy}").load(1).team.startswith("Payments")


def test_a_database_newer_than_the_app_is_refused_and_left_untouched(v1_copy):
    with sqlite3.connect(v1_copy) as db:
        db.execute("UPDATE schema_version SET version = ?", (LATEST_VERSION + 1,))
    db.close()
    before = (v1_copy.read_bytes(), v1_copy.stat().st_mtime_ns)
    with pytest.raises(DatabaseError) as caught:
        open_store(f"sqlite:///{v1_copy}")
    message = str(caught.value)
    assert f"schema version {LATEST_VERSION + 1}" in message
    assert "upgrade OKR Workshop" in message and "\n" not in message
    assert (v1_copy.read_bytes(), v1_copy.stat().st_mtime_ns) == before
    assert sorted(p.name for p in v1_copy.parent.iterdir()) == ["old.db"]
    # The engine-level check says the same, for callers of Store.open.
    from workshop.core.db.engine import make_engine

    with pytest.raises(SchemaError, match="upgrade OKR Workshop"):
        migrate(make_engine(f"sqlite:///{v1_copy}"))


def test_several_instances_upgrading_at_once_upgrade_once(v1_copy):
    from tests.reliability.test_concurrency import run_together

    opened: list[Store] = []
    run_together(*([lambda: opened.append(open_store(f"sqlite:///{v1_copy}"))] * 5))
    assert len(opened) == 5
    assert version_of(v1_copy) == LATEST_VERSION
    assert opened[0].load(1).team == EXPECTED["workshops"][0]["team"]


def test_a_version_2_database_gains_meeting_kinds_with_its_data_intact(tmp_path):
    # tests/fixtures/schema-v2.db: the version-1 rows as version 2 left them.
    path = tmp_path / "v2.db"
    shutil.copy(FIXTURES / "schema-v2.db", path)
    assert version_of(path) == 2
    store = open_store(f"sqlite:///{path}")
    assert version_of(path) == LATEST_VERSION
    assert schema(store) == schema(open_store(f"sqlite:///{tmp_path / 'fresh.db'}"))
    loaded = [store.load(s.id) for s in sorted(store.list_workshops(), key=lambda s: s.id)]
    assert [w.team for w in loaded] == [w["team"] for w in EXPECTED["workshops"]]
    assert {(w.meeting_kind, w.subject_id, w.meeting_json) for w in loaded} == {
        ("workshop", None, "")
    }


def test_a_version_3_database_gains_next_step_due_dates_with_its_data_intact(tmp_path):
    # tests/fixtures/schema-v3.db: the version-1 rows as version 3 left them.
    path = tmp_path / "v3.db"
    shutil.copy(FIXTURES / "schema-v3.db", path)
    assert version_of(path) == 3
    store = open_store(f"sqlite:///{path}")
    assert version_of(path) == LATEST_VERSION
    assert schema(store) == schema(open_store(f"sqlite:///{tmp_path / 'fresh.db'}"))
    loaded = [store.load(s.id) for s in sorted(store.list_workshops(), key=lambda s: s.id)]
    expected = [w["wrap_items"] for w in EXPECTED["workshops"]]
    assert [[(i.text, i.owner) for i in w.wrap_items] for w in loaded] == [
        [(i["text"], i["owner"]) for i in items] for items in expected
    ]
    assert {i.due for w in loaded for i in w.wrap_items} <= {None}
    # A due date goes in and comes back after the upgrade.
    from workshop.core.db.store import Item

    step = next(i for i in loaded[0].wrap_items if i.kind.value == "next step")
    store.update(Item.WRAP_ITEM, step.id, due=dt.date(2027, 1, 15))
    assert next(i for i in store.load(1).wrap_items if i.id == step.id).due == dt.date(2027, 1, 15)


def test_a_version_4_database_gains_the_room_with_its_data_intact(tmp_path):
    # tests/fixtures/schema-v4.db: the version-1 rows as version 4 left them.
    path = tmp_path / "v4.db"
    shutil.copy(FIXTURES / "schema-v4.db", path)
    assert version_of(path) == 4
    store = open_store(f"sqlite:///{path}")
    assert version_of(path) == LATEST_VERSION
    assert schema(store) == schema(open_store(f"sqlite:///{tmp_path / 'fresh.db'}"))
    loaded = [store.load(s.id) for s in sorted(store.list_workshops(), key=lambda s: s.id)]
    assert [w.team for w in loaded] == [w["team"] for w in EXPECTED["workshops"]]
    # The room's records go in and come back after the upgrade.
    from workshop.core.room.record import RoomNote, RoomPerson
    from workshop.core.room.rows import load_record, save_records

    when = dt.datetime(2027, 1, 5, 10, 0, tzinfo=dt.UTC)
    person = RoomPerson(device_no=1, name="Ana", joined_at=when)
    note = RoomNote(
        note_no=1, device_no=1, author="Ana", kind="priority", text="Grow", created_at=when
    )
    store.write_with(lambda s: save_records(s, 1, [person, note]))
    record = store.read_with(lambda s: load_record(s, 1))
    assert [(n.text, n.author) for n in record.notes] == [("Grow", "Ana")]


def test_a_version_5_database_gains_company_links_with_its_data_intact(tmp_path):
    # tests/fixtures/schema-v5.db: the version-1 rows as version 5 left them.
    path = tmp_path / "v5.db"
    shutil.copy(FIXTURES / "schema-v5.db", path)
    assert version_of(path) == 5
    store = open_store(f"sqlite:///{path}")
    assert version_of(path) == LATEST_VERSION
    assert schema(store) == schema(open_store(f"sqlite:///{tmp_path / 'fresh.db'}"))
    loaded = [store.load(s.id) for s in sorted(store.list_workshops(), key=lambda s: s.id)]
    assert [w.team for w in loaded] == [w["team"] for w in EXPECTED["workshops"]]
    # Every old workshop is a team's, linked to no company; links go in after the upgrade.
    from workshop.core.db.store import Item

    with store.engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT level, company_id FROM workshop").all()
    assert set(rows) == {("team", None)}
    company = store.create_workshop(team="Company", level="company")
    objective = store.add(Item.OBJECTIVE, company, text="Win the market")
    store.update_workshop(1, company_id=company)
    store.update(Item.OBJECTIVE, loaded[0].objectives[0].id, company_objective_id=objective)
    with store.engine.connect() as connection:
        linked = connection.exec_driver_sql(
            "SELECT company_objective_id FROM objective WHERE id = ?", (loaded[0].objectives[0].id,)
        ).scalar()
    assert linked == objective


def test_every_version_has_a_step():
    assert sorted(MIGRATIONS) == list(range(2, LATEST_VERSION + 1))
    assert migrations.too_new_message(LATEST_VERSION + 3).endswith("upgrade OKR Workshop")
