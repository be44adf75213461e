"""Quitting with room records the database never got: the recovery file holds them, and
`okr-workshop import` of that file brings them back (with the company link, by id)."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import event

from tests.org.sample import build_organisation
from workshop.cli import main
from workshop.core.db.errors import open_store
from workshop.core.db.store import Item, Store
from workshop.core.exports.room_export import room_section
from workshop.core.org.rows import org_links
from workshop.core.room.rows import load_record
from workshop.core.room.rules import KEY_RESULT, NS, PRIORITY, Activity, Room, RoomSettings
from workshop.core.session.session import WorkshopSession

DEADLINE = 60.0  # only so that a bug fails the test rather than hanging it


def wait_for(condition: Callable[[], bool]) -> None:
    end = time.monotonic() + DEADLINE
    while not condition():
        assert time.monotonic() < end, "the condition never held"
        time.sleep(0.005)


def fill_the_disk(store: Store, db: Path) -> None:
    """The file cannot grow past its size now (a full disk): every new row fails."""
    with sqlite3.connect(db) as connection:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]

    def cap(dbapi_connection, _record) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    event.listen(store.engine, "connect", cap)
    store.engine.dispose()


@pytest.fixture
def recovery(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data" / "okr-workshop" / "recovery"


def test_unsaved_room_records_go_to_the_recovery_file_and_come_back(
    tmp_path, agenda, clock, recovery
):
    db = tmp_path / "w.db"
    url = f"sqlite:///{db}"
    store = open_store(url)
    org = build_organisation(store)
    payments = org["teams"]["Payments"]
    session = WorkshopSession.resume(
        store, payments, fallback_agenda=agenda, clock=clock, wall=clock.wall
    )
    room = Room(RoomSettings(burst=100), persist=session.save_room, wall=clock.wall)
    ana = room.join(room.code, "Ana")
    room.set_activity(Activity(PRIORITY))
    room.submit(ana, "Saved before the disk filled")
    session.flush()
    wait_for(lambda: not session.unsaved)

    fill_the_disk(store, db)
    ben = room.join(room.code, "Ben \x00 [b]")
    objective = session.add(Item.OBJECTIVE, payments, text="New, never saved")
    assert objective is not None
    room.set_activity(Activity(KEY_RESULT, target_id=objective))
    for n in range(30):
        room.submit(ben, f"{n} " + "filler " * 100, start="4%", target="1%")
    room.reveal()
    room.vote(ana, 2, 1)
    room.vote(ben, 3, 1)
    room.vote(ben, 3, 1)
    room.set_activity(Activity(NS, target_id=objective, questions=("Necessary?", "Enough?")))
    room.answer(ben, 1, False)
    session.flush()
    drafted, expected = session.load(), session.room_record()

    path = session.close(wait=0.2)

    assert path is not None and path.parent == recovery
    stored = store.read_with(lambda s: load_record(s, payments))
    assert len(stored.notes) < len(expected.notes)  # the database did not get them all
    document = json.loads(path.read_bytes())
    assert document["room"] == room_section(expected, drafted)
    assert document["room"]["notes"][-1]["objective_no"] == 3  # the never-saved objective
    assert document["workshop"]["company"] == {"workshop_id": org["company"]}
    links = [o.get("company_link") for o in document["workshop"]["objectives"]]
    assert links == [
        {"key_result_id": org["key_results"][0][1]},
        {"key_result_id": org["key_results"][1][0]},
        None,
    ]

    # Back into the database it came from (room made), once the disk has room again.
    again = tmp_path / "again.db"
    again_url = f"sqlite:///{again}"
    again_store = open_store(again_url)
    build_organisation(again_store)  # the same ids: a copy of the first database
    result = CliRunner().invoke(main, ["--db", again_url, "import", str(path)])
    assert result.exit_code == 0, result.output
    new_id = int(result.stdout)
    assert result.stderr.splitlines() == [
        "The room came back: 2 device(s), 31 note(s), 2 vote(s), 1 N&S answer(s).",
        f"Linked to the company workshop {org['company']}, 'Acme Group' 2027-Q1: "
        "2 of 2 objective links kept.",
    ]
    restored = again_store.read_with(lambda s: load_record(s, new_id))
    workshop = again_store.load(new_id)
    assert room_section(restored, workshop) == document["room"]
    assert org_links(again_store, new_id).company_id == org["company"]


def test_a_recovery_file_into_a_database_without_its_company_keeps_the_room(
    tmp_path, agenda, clock, recovery
):
    """The ids name nothing in another database: the link is dropped, in one line."""
    store = open_store(f"sqlite:///{tmp_path / 'w.db'}")
    org = build_organisation(store)
    session = WorkshopSession.resume(
        store, org["teams"]["Growth"], fallback_agenda=agenda, clock=clock, wall=clock.wall
    )
    room = Room(persist=session.save_room, wall=clock.wall)
    room.set_activity(Activity(PRIORITY))
    room.submit(room.join(room.code, "Ana"), "Win Spain")
    path = session.write_recovery(tmp_path / "rec")
    session.close()

    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    result = CliRunner().invoke(main, ["--db", fresh, "import", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "The room came back: 1 device(s), 1 note(s), 0 vote(s), 0 N&S answer(s).",
        f"The company link was not kept: this database has no company workshop "
        f"{org['company']}; import the company's export with --company first, then this "
        "file again, or link it on the objectives stage.",
    ]
    new_id = int(result.stdout)
    assert open_store(fresh).read_with(lambda s: load_record(s, new_id)).notes[0].text == (
        "Win Spain"
    )
