"""OKR Workshop on a real PostgreSQL server: schema, lease, autosave, commands, outages.

Every test gets a database of its own on the server in OKR_TEST_POSTGRES_URL
(see databases.py); without a server they skip, saying why (CI fails instead).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from tests.fixtures.make_fixtures import V1_SCHEMA
from tests.postgres.proxy import Relay
from tests.reliability.test_concurrency import run_together
from tests.test_migrations import EXPECTED, V1, dump, schema
from tests.warm_cli import run_warm
from workshop.core.agenda.model import load_agenda
from workshop.core.db.engine import make_engine
from workshop.core.db.errors import DatabaseError, open_store
from workshop.core.db.migrations import LATEST_VERSION
from workshop.core.db.store import Item, Store
from workshop.core.domain import Workshop
from workshop.core.session.lease import WorkshopLease
from workshop.core.session.session import WORKSHOP, WorkshopSession

DEADLINE = 60.0  # only so that a bug fails the test rather than hanging it


def wait_for(condition: Callable[[], bool], deadline: float = DEADLINE) -> None:
    end = time.monotonic() + deadline
    while not condition():
        assert time.monotonic() < end, "the condition never held"
        time.sleep(0.02)


def run_cli(*args: str, url: str) -> subprocess.CompletedProcess[str]:
    """`okr-workshop --db URL ARGS` in a process of its own (see `tests/warm_cli.py`)."""
    return run_warm("--db", url, *args)


def version_of(store: Store) -> int:
    with store.engine.connect() as connection:
        return connection.execute(text("SELECT version FROM schema_version")).scalar_one()


# -- the schema ----------------------------------------------------------------------


def make_version_1(url: str) -> None:
    """Write tests/fixtures/schema-v1.db's schema and rows into the empty database at `url`.

    The DDL is schema-v1's frozen SQL with PostgreSQL's spelling of two types: a
    datetime is TIMESTAMP, and an integer id that numbers itself is SERIAL, as
    SQLAlchemy created them for version 1 on PostgreSQL.
    """
    ddl = V1_SCHEMA.replace("DATETIME", "TIMESTAMP WITHOUT TIME ZONE")
    ddl = re.sub(r"^(\s+)id INTEGER NOT NULL", r"\1id SERIAL NOT NULL", ddl, flags=re.M)
    # schema_version's one row is always id 1: SQLAlchemy gave it no sequence.
    ddl = ddl.replace("schema_version (\n\tid SERIAL", "schema_version (\n\tid INTEGER")
    engine = make_engine(url)
    source = sqlite3.connect(V1)
    try:
        with engine.begin() as connection:
            for statement in filter(str.strip, ddl.split(";")):
                connection.exec_driver_sql(statement)
            tables = [
                name
                for (name,) in source.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid"
                )
            ]
            for table in tables:
                cursor = source.execute(f'SELECT * FROM "{table}"')
                columns = [c[0] for c in cursor.description]
                for values in cursor.fetchall():
                    row = dict(zip(columns, values, strict=True))
                    if table == "variation":
                        row["chosen"] = bool(row["chosen"])
                    names = ", ".join(columns)
                    marks = ", ".join(f":{c}" for c in columns)
                    connection.execute(text(f"INSERT INTO {table} ({names}) VALUES ({marks})"), row)
                if "id" in columns:
                    connection.exec_driver_sql(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT COALESCE(max(id), 0) + 1 FROM {table}), false)"
                    )
    finally:
        source.close()
        engine.dispose()


def test_a_version_1_database_on_the_server_is_upgraded_with_every_word_intact(
    postgres_databases,
):
    old, fresh = postgres_databases.create(), postgres_databases.create()
    make_version_1(old)
    store = open_store(old)
    assert version_of(store) == LATEST_VERSION
    loaded = [store.load(s.id) for s in sorted(store.list_workshops(), key=lambda s: s.id)]
    first, second = EXPECTED["workshops"]
    assert dump(loaded[1]) == dump(Workshop.model_validate(second))
    assert loaded[0].participants == first["participants"]  # NUL and escapes included
    assert "\x00" in loaded[0].participants[1]
    # Exactly the schema a new database gets, and new rows number on from the old ones.
    assert schema(store) == schema(open_store(fresh))
    new_id = store.create_workshop(team="after the upgrade")
    assert new_id > max(w.id for w in loaded)
    assert WorkshopLease(store, new_id).acquire()


def test_instances_upgrading_one_server_database_together_upgrade_it_once(postgres_url):
    make_version_1(postgres_url)
    opened: list[Store] = []
    run_together(*([lambda: opened.append(open_store(postgres_url))] * 5))
    assert len(opened) == 5
    assert version_of(opened[0]) == LATEST_VERSION
    assert [w.team for w in opened[0].list_workshops()].count(EXPECTED["workshops"][0]["team"]) == 1


def test_a_failed_upgrade_on_the_server_leaves_the_old_schema(postgres_url, monkeypatch):
    from workshop.core.db import migrations

    make_version_1(postgres_url)
    real_step = migrations.MIGRATIONS[2]

    def step_then_fail(connection) -> None:
        real_step(connection)
        raise RuntimeError("power cut half way through the upgrade")

    monkeypatch.setitem(migrations.MIGRATIONS, 2, step_then_fail)
    engine = make_engine(postgres_url)
    with pytest.raises(RuntimeError):
        migrations.migrate(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version FROM schema_version")).scalar_one() == 1
        tables = set(connection.execute(text("SELECT tablename FROM pg_tables")).scalars())
    engine.dispose()
    assert "workshop_lease" not in tables  # PostgreSQL's DDL rolled back with the rest


# -- connecting --------------------------------------------------------------------------


def test_a_server_that_cannot_be_reached_is_one_line_with_the_password_masked(postgres_server):
    closed = Relay("127.0.0.1", 9)
    closed.cut()  # a port with nothing listening
    url = f"postgresql+psycopg://okr:s3cret-pw@127.0.0.1:{closed.port}/okr"
    result = run_cli("list", url=url)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert "s3cret-pw" not in result.stderr and "okr:***@127.0.0.1" in result.stderr
    assert "refused the connection" in result.stderr
    with pytest.raises(DatabaseError, match=r"^cannot open postgresql\+psycopg://okr:\*\*\*@"):
        open_store(url)


def test_a_database_that_does_not_exist_is_named_in_one_line(postgres_server):
    url = make_url(postgres_server).set(password="hunter2", database="no_such_db_here")
    result = run_cli("list", url=url.render_as_string(hide_password=False))
    assert result.returncode == 1 and "hunter2" not in result.stderr
    assert 'database "no_such_db_here" does not exist' in result.stderr
    assert result.stderr.count("\n") == 1


# -- the commands ----------------------------------------------------------------------


def test_import_list_and_export_work_on_the_server(postgres_url, tmp_path):
    csv = tmp_path / "okrs.csv"
    csv.write_text(
        "objective,key_result,start,target,unit\n"
        "Make payments just work so that customers stay,Cut failed payments,4,1,%\n"
        "Make payments just work so that customers stay,Refund in a day,5,1,days\n",
        encoding="utf-8",
    )
    imported = run_cli(
        "import", str(csv), "--team", "Payments", "--period", "2027-Q1", url=postgres_url
    )
    assert imported.returncode == 0, imported.stderr
    workshop_id = imported.stdout.strip()
    listed = run_cli("list", url=postgres_url)
    assert listed.returncode == 0, listed.stderr
    assert re.search(rf"^\s*{workshop_id}\s.*\bPayments\s+2027-Q1\s+1/2\b", listed.stdout, re.M)
    out = tmp_path / "out.json"
    exported = run_cli("export", workshop_id, "--format", "json", "-o", str(out), url=postgres_url)
    assert exported.returncode == 0, exported.stderr
    data = json.loads(out.read_text(encoding="utf-8"))["workshop"]
    assert [kr["text"] for kr in data["objectives"][0]["key_results"]] == [
        "Cut failed payments",
        "Refund in a day",
    ]
    pdf = tmp_path / "out.pdf"
    assert (
        run_cli(
            "export", workshop_id, "--format", "pdf", "-o", str(pdf), url=postgres_url
        ).returncode
        == 0
    )
    assert pdf.read_bytes().startswith(b"%PDF")


# -- the lease and two facilitators -------------------------------------------------------

EDITOR = """
import sys
import time
from workshop.core.agenda.model import load_agenda
from workshop.core.db.errors import open_store
from workshop.core.db.store import Item
from workshop.core.session.session import WORKSHOP, WorkshopSession

url, workshop_id, name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
session = WorkshopSession.resume(open_store(url), workshop_id, fallback_agenda=load_agenda())
held = session.take_lease()
print("editing" if held else "read-only", flush=True)
if held:
    for n in range(60):
        session.edit(WORKSHOP, workshop_id, facilitator=f"{name} {n}")
        objective = session.add(Item.OBJECTIVE, workshop_id, text=f"{name} objective {n}")
        session.add(Item.KEY_RESULT, objective, text=f"{name} key result {n}")
        if n % 5 == 0:
            session.flush()
else:
    print("refused" if not session.update_workshop(team="stolen") else "accepted", flush=True)
# Typing this fast queues far more than a room does; let the writer catch up (a loaded
# machine may take longer than close's own wait) before closing, as the room would.
session.flush()
end = time.monotonic() + 120
while session.save_status.waiting and time.monotonic() < end:
    time.sleep(0.05)
sys.exit(0 if session.close() is None else 3)
"""


def test_two_processes_editing_different_teams_at_once_lose_nothing(postgres_url):
    store = open_store(postgres_url)
    teams = {store.create_workshop(team=name): name for name in ("Payments", "Growth")}
    editors = [
        subprocess.Popen(
            [sys.executable, "-c", EDITOR, postgres_url, str(wid), name],
            stdout=subprocess.PIPE,
            text=True,
        )
        for wid, name in teams.items()
    ]
    for editor in editors:
        out, _ = editor.communicate(timeout=180)
        assert editor.returncode == 0 and out.split() == ["editing"]
    for wid, name in teams.items():
        workshop = store.load(wid)
        assert workshop.team == name and workshop.facilitator == f"{name} 59"
        assert [o.text for o in workshop.objectives] == [f"{name} objective {n}" for n in range(60)]
        assert [o.key_results[0].text for o in workshop.objectives] == [
            f"{name} key result {n}" for n in range(60)
        ]


def test_the_same_workshop_in_a_second_process_is_read_only(postgres_url):
    store = open_store(postgres_url)
    agenda = load_agenda()
    first = WorkshopSession.create(store, agenda, team="Payments")
    assert first.take_lease()
    second = subprocess.run(
        [sys.executable, "-c", EDITOR, postgres_url, str(first.workshop_id), "Second"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert second.returncode == 0, second.stderr
    assert second.stdout.split() == ["read-only", "refused"]
    first.edit(WORKSHOP, first.workshop_id, facilitator="Ana")
    assert first.close() is None
    assert (store.load(first.workshop_id).team, store.load(first.workshop_id).facilitator) == (
        "Payments",
        "Ana",
    )


def test_two_instances_racing_for_one_lease_get_one_winner(postgres_url):
    workshop_id = open_store(postgres_url).create_workshop()
    stores = [open_store(postgres_url) for _ in range(4)]
    results: list[bool] = []
    run_together(
        *(lambda s=s: results.append(WorkshopLease(s, workshop_id).acquire()) for s in stores)
    )
    assert sorted(results) == [False, False, False, True]


# -- a server that goes away mid-workshop ---------------------------------------------------


@pytest.fixture
def relayed(postgres_url):
    """(a URL through a relay to a new database, the relay, the direct URL)."""
    target = make_url(postgres_url)
    relay = Relay(target.host or "127.0.0.1", target.port or 5432)
    through = target.set(host="127.0.0.1", port=relay.port).render_as_string(hide_password=False)
    yield through, relay, postgres_url
    relay.close()


def test_edits_made_while_the_server_is_gone_are_kept_and_saved_in_order_when_it_returns(relayed):
    through, relay, direct = relayed
    store = open_store(through)
    session = WorkshopSession.create(store, load_agenda(), team="Payments")
    assert session.take_lease()
    wid = session.workshop_id
    session.add(Item.PRIORITY, wid, text="before the outage")
    session.flush()
    wait_for(lambda: session.save_status.ok and session.save_status.waiting == 0)

    relay.cut()
    for n in range(5):
        session.add(Item.PRIORITY, wid, text=f"during the outage {n}")
    session.edit(WORKSHOP, wid, facilitator="Ana")
    session.flush()
    wait_for(lambda: not session.save_status.ok)
    status = session.save_status
    assert "database server cannot be reached" in status.message
    assert "kept" in status.message and status.waiting >= 1
    assert session.load().facilitator == "Ana"  # the room sees its own edits at once
    checker = open_store(direct)
    assert [p.text for p in checker.load(wid).priorities] == ["before the outage"]

    relay.restore()
    wait_for(lambda: session.save_status.ok and session.save_status.waiting == 0)
    saved = checker.load(wid)
    assert [p.text for p in saved.priorities] == ["before the outage"] + [
        f"during the outage {n}" for n in range(5)
    ]
    assert saved.facilitator == "Ana"
    assert session.close() is None  # nothing left for a recovery file
    checker.close()


def test_a_connection_the_server_terminates_is_replaced_and_nothing_is_lost(postgres_url):
    store = open_store(postgres_url)
    session = WorkshopSession.create(store, load_agenda())
    wid = session.workshop_id
    session.add(Item.PARTICIPANT, wid, name="Ana")
    session.flush()
    wait_for(lambda: session.save_status.waiting == 0)
    database = make_url(postgres_url).database
    admin = make_engine(postgres_url)
    with admin.connect() as connection:
        killed = connection.execute(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = :db AND pid <> pg_backend_pid()"
            ),
            {"db": database},
        ).scalar_one()
    admin.dispose()
    assert killed >= 1
    session.add(Item.PARTICIPANT, wid, name="Bo")
    session.flush()
    wait_for(lambda: session.save_status.ok and session.save_status.waiting == 0)
    assert session.close() is None
    assert open_store(postgres_url).load(wid).participants == ["Ana", "Bo"]


def test_the_ci_script_starts_a_server_and_requires_these_tests():
    script = (Path(__file__).parents[2] / ".ci" / "run").read_text(encoding="utf-8")
    assert "OKR_TEST_POSTGRES_URL" in script and "OKR_CI_REQUIRE_SERVICES=1" in script
    assert os.environ.get("OKR_CI_REQUIRE_SERVICES") != "1" or os.environ.get(
        "OKR_TEST_POSTGRES_URL"
    ), "CI must give the tests a PostgreSQL server"
