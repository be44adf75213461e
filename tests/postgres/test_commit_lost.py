"""A commit that lands on the server while its answer is lost: the retry adds nothing twice.

With a server, a connection can die after COMMIT reached it and before the answer came
back. The writer sees a lost connection and tries the change again (nothing is lost);
an add must then find the row its earlier try made instead of adding it a second time.

The fault is real: right after the COMMIT of an insert into the chosen table, the
server terminates that connection (`pg_terminate_backend`), and the next statement on
it fails as a lost connection does, inside the store's commit.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

import psycopg
import pytest
from sqlalchemy import event
from sqlalchemy.engine import make_url

from tests.postgres.databases import _psycopg_url
from workshop.core.agenda.model import load_agenda
from workshop.core.db.errors import open_store
from workshop.core.db.store import Item, Store
from workshop.core.session.session import WorkshopSession

DEADLINE = 60.0


def wait_for(condition: Callable[[], bool]) -> None:
    end = time.monotonic() + DEADLINE
    while not condition():
        assert time.monotonic() < end, "the condition never held"
        time.sleep(0.02)


class CommitThenDie:
    """Once armed: the first commit after an INSERT INTO `table` lands, then the
    server terminates the connection and the commit call fails as a lost connection."""

    def __init__(self, store: Store, table: str, admin_url: str) -> None:
        self.table = table.lower()
        self.admin_url = admin_url
        self.armed = False
        self.fired = 0
        self._pending = False
        engine = store.engine
        event.listen(engine, "before_cursor_execute", self._seen)
        dialect = engine.dialect
        self._commit = dialect.do_commit
        dialect.do_commit = self._do_commit  # type: ignore[method-assign]

    def _seen(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        words = statement.lstrip().lower()
        insert = words.startswith(f"insert into {self.table} ")
        move = words.startswith(f"update {self.table} set position")
        if self.armed and (insert or move):
            self._pending = True

    def _do_commit(self, dbapi_connection: Any) -> None:
        pending, self._pending = self._pending, False
        raw = getattr(dbapi_connection, "driver_connection", dbapi_connection)
        pid = raw.info.backend_pid if pending and self.armed and not self.fired else None
        self._commit(dbapi_connection)  # the change is on the server now
        if pid is None:
            return
        self.fired += 1
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        # The answer that would have followed is lost with the connection.
        raw.execute("SELECT 1")


def _rows(url: str, sql: str) -> list[tuple[Any, ...]]:
    with psycopg.connect(_psycopg_url(url)) as connection:
        return connection.execute(sql).fetchall()


@pytest.mark.parametrize("table", ["participant", "objective"])
def test_an_add_whose_commit_landed_before_the_connection_died_is_not_added_twice(
    postgres_url, table, caplog
):
    caplog.set_level(logging.INFO, logger="workshop.core.session.writer")
    store = open_store(postgres_url)
    session = WorkshopSession.create(store, load_agenda(), team="Payments")
    assert session.take_lease()
    wid = session.workshop_id
    session.add(Item.PARTICIPANT, wid, name="Ana")
    session.flush()
    wait_for(lambda: session.save_status.ok and session.save_status.waiting == 0)

    server = _psycopg_url(make_url(postgres_url).set(database="postgres").render_as_string(False))
    fault = CommitThenDie(store, table, server)
    fault.armed = True
    if table == "participant":
        session.add(Item.PARTICIPANT, wid, name="Bo")
        session.add(Item.PARTICIPANT, wid, name="Cy")
    else:
        objective = session.add(Item.OBJECTIVE, wid, text="Make checkout never fail")
        # Rows under the added one, queued behind it, go under the real row, once.
        session.add(Item.KEY_RESULT, objective, text="Cut failed payments from 4% to 1%")
        session.add(Item.OBJECTIVE, wid, text="Accept local payment methods")
    session.flush()
    wait_for(lambda: fault.fired == 1)
    wait_for(lambda: session.save_status.ok and session.save_status.waiting == 0)
    assert session.close() is None  # nothing left over for a recovery file
    store.close()
    assert "was saved before the connection was lost" in caplog.text  # the retry found it

    checker = open_store(postgres_url)
    saved = checker.load(wid)
    checker.close()
    if table == "participant":
        assert saved.participants == ["Ana", "Bo", "Cy"]
        assert len(_rows(postgres_url, "SELECT id FROM participant")) == 3
    else:
        assert [o.text for o in saved.objectives] == [
            "Make checkout never fail",
            "Accept local payment methods",
        ]
        assert [kr.text for kr in saved.objectives[0].key_results] == [
            "Cut failed payments from 4% to 1%"
        ]
        assert len(_rows(postgres_url, "SELECT id FROM objective")) == 2
        assert len(_rows(postgres_url, "SELECT id FROM key_result")) == 1


def test_a_move_whose_commit_landed_before_the_connection_died_is_not_moved_twice(postgres_url):
    store = open_store(postgres_url)
    session = WorkshopSession.create(store, load_agenda(), team="Payments")
    assert session.take_lease()
    wid = session.workshop_id
    ids = [session.add(Item.PARTICIPANT, wid, name=name) for name in ("Ana", "Bo", "Cy")]
    session.flush()
    wait_for(lambda: session.save_status.ok and session.save_status.waiting == 0)

    server = _psycopg_url(make_url(postgres_url).set(database="postgres").render_as_string(False))
    fault = CommitThenDie(store, "participant", server)
    fault.armed = True
    assert ids[2] is not None and session.move(Item.PARTICIPANT, ids[2], -1)
    session.flush()
    wait_for(lambda: fault.fired == 1)
    wait_for(lambda: session.save_status.ok and session.save_status.waiting == 0)
    assert session.load().participants == ["Ana", "Cy", "Bo"]
    assert session.close() is None
    store.close()
    checker = open_store(postgres_url)
    assert checker.load(wid).participants == ["Ana", "Cy", "Bo"]  # not Cy, Ana, Bo
    checker.close()
