"""Two app instances on one database: no update is lost, whoever writes last per field wins.

Autosave writes only the fields that changed, and every write takes SQLite's
write lock before reading (BEGIN IMMEDIATE), so two instances interleave
cleanly. Threads each use their own Store (their own engine and connections),
as two app processes would; one test uses real processes as well.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable

from sqlalchemy import text

from workshop.core.agenda.model import load_agenda
from workshop.core.db.errors import open_store
from workshop.core.db.migrations import LATEST_VERSION
from workshop.core.db.store import Item, Store
from workshop.core.session.session import WORKSHOP, WorkshopSession

ROUNDS = 150


def run_together(*jobs: Callable[[], None]) -> None:
    """Start every job at the same moment; re-raise the first failure."""
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def wrap(job: Callable[[], None]) -> None:
        try:
            barrier.wait()
            job()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=wrap, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert not any(thread.is_alive() for thread in threads)


def test_two_instances_editing_different_fields_of_one_workshop_lose_nothing(database_url):
    url = database_url
    first, second = open_store(url), open_store(url)
    workshop_id = first.create_workshop()
    priority_id = first.add(Item.PRIORITY, workshop_id, text="")

    def type_team() -> None:
        for n in range(ROUNDS):
            first.update_workshop(workshop_id, team=f"Payments {n}")
            first.update(Item.PRIORITY, priority_id, text=f"Grow {n}")

    def type_period() -> None:
        for n in range(ROUNDS):
            second.update_workshop(workshop_id, period=f"2027-Q{n}")
            second.save_edits({(WORKSHOP, workshop_id): {"facilitator": f"Åsa {n}"}})

    run_together(type_team, type_period)
    workshop = open_store(url).load(workshop_id)
    last = ROUNDS - 1
    assert workshop.team == f"Payments {last}"
    assert workshop.period == f"2027-Q{last}"
    assert workshop.facilitator == f"Åsa {last}"
    assert workshop.priorities[0].text == f"Grow {last}"


def test_two_instances_adding_to_one_list_keep_every_item_in_distinct_places(database_url):
    url = database_url
    stores = [open_store(url) for _ in range(3)]
    workshop_id = stores[0].create_workshop()

    def adder(store: Store, name: str) -> Callable[[], None]:
        def job() -> None:
            for n in range(40):
                store.add(Item.PRIORITY, workshop_id, text=f"{name}{n}")

        return job

    run_together(*(adder(store, name) for store, name in zip(stores, "abc", strict=True)))
    texts = [p.text for p in open_store(url).load(workshop_id).priorities]
    assert sorted(texts) == sorted(f"{name}{n}" for name in "abc" for n in range(40))
    # The next position is read and written under one lock: no two items share one.
    with stores[0].engine.connect() as connection:
        positions = [
            row[0]
            for row in connection.execute(
                text("SELECT position FROM priority WHERE workshop_id = :w"), {"w": workshop_id}
            )
        ]
    assert sorted(positions) == list(range(120))
    # Each writer's own items stay in the order it added them.
    for name in "abc":
        mine = [t for t in texts if t.startswith(name)]
        assert mine == [f"{name}{n}" for n in range(40)]


def test_two_sessions_autosaving_the_same_workshop(database_url):
    """What two app windows do: queue edits, flush them a few times a second."""
    url = database_url
    agenda = load_agenda()
    first = WorkshopSession.create(open_store(url), agenda)
    second = WorkshopSession.resume(open_store(url), first.workshop_id, fallback_agenda=agenda)
    wid = first.workshop_id

    def room_a() -> None:
        for n in range(ROUNDS):
            first.edit(WORKSHOP, wid, team=f"team {n}", champion="same field, A")
            if n % 3 == 0:
                first.flush()
        first.close()

    def room_b() -> None:
        for n in range(ROUNDS):
            second.edit(WORKSHOP, wid, period=f"period {n}", champion="same field, B")
            if n % 4 == 0:
                second.flush()
        second.close()

    run_together(room_a, room_b)
    workshop = open_store(url).load(wid)
    assert workshop.team == f"team {ROUNDS - 1}"
    assert workshop.period == f"period {ROUNDS - 1}"
    # The one field both typed into holds one instance's text, whole.
    assert workshop.champion in ("same field, A", "same field, B")


WRITER = """
import sys
from workshop.core.db.errors import open_store
from workshop.core.db.store import Item
url, workshop_id, field, name = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
store = open_store(url)
for n in range(100):
    store.update_workshop(workshop_id, **{field: f"{name} {n}"})
    store.add(Item.PARTICIPANT, workshop_id, name=f"{name} {n}")
store.close()
"""


def test_two_processes_writing_at_once_lose_no_update(database_url):
    url = database_url
    store = open_store(url)
    workshop_id = store.create_workshop()
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, url, str(workshop_id), field, name])
        for field, name in (("team", "alpha"), ("period", "beta"))
    ]
    for writer in writers:
        assert writer.wait(timeout=120) == 0
    workshop = store.load(workshop_id)
    assert (workshop.team, workshop.period) == ("alpha 99", "beta 99")
    assert sorted(workshop.participants) == sorted(
        f"{name} {n}" for name in ("alpha", "beta") for n in range(100)
    )


def test_instances_creating_a_new_database_together_agree_on_its_schema(database_url):
    url = database_url
    opened: list[Store] = []
    run_together(*([lambda: opened.append(open_store(url))] * 6))
    assert len(opened) == 6
    with opened[0].engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT id, version FROM schema_version").all()
    assert rows == [(1, LATEST_VERSION)]
    ids = {store.create_workshop(team=str(n)) for n, store in enumerate(opened)}
    assert len(ids) == 6
