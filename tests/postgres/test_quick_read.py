"""The quick list read on a real server: libpq through ctypes, and psycopg as the fallback.

`okr-workshop list` and the start screen read the workshop list without SQLAlchemy
(`workshop.core.db.postgres.read_server`). Both connections must read exactly what
the Store reads, text with NUL and non-ASCII included, and only read.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator

import psycopg
import pytest

from tests.postgres.databases import _psycopg_url
from workshop.core.db import libpq
from workshop.core.db.errors import DatabaseError, open_store
from workshop.core.db.postgres import read_server
from workshop.core.db.store import Item
from workshop.core.db.summaries import quick_summaries

ODD_TEAM = "Pay\x00ments \uffff ünd 決済"


def _filled(url: str) -> list[object]:
    store = open_store(url)
    try:
        first = store.create_workshop(team=ODD_TEAM, period="2027-Q1")
        store.create_workshop(team="Bare")
        objective = store.add(Item.OBJECTIVE, first, text="Make payments just work")
        store.add(Item.KEY_RESULT, objective, text="Cut failed payments\x00 to 1%")
        return list(store.list_workshops())
    finally:
        store.close()


@contextlib.contextmanager
def light_only() -> Iterator[None]:
    """Fail the test if the quick read falls back to psycopg."""
    assert libpq.available(), "libpq could not be loaded through ctypes"

    def refuse(*args, **kwargs):
        raise AssertionError("the quick read used psycopg")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(psycopg, "connect", refuse)
        yield


def test_the_light_read_gives_what_the_store_gives(postgres_url):
    expected = _filled(postgres_url)
    assert ODD_TEAM in [s.team for s in expected]
    with light_only():
        assert quick_summaries(postgres_url) == expected


def test_without_libpq_psycopg_reads_the_same(postgres_url, monkeypatch):
    expected = _filled(postgres_url)
    monkeypatch.setattr(libpq, "open_light", lambda *args, **kwargs: None)
    assert quick_summaries(postgres_url) == expected


def test_an_empty_database_lists_nothing_and_a_foreign_one_is_refused(
    postgres_url, postgres_databases
):
    foreign = postgres_databases.create()
    with psycopg.connect(_psycopg_url(foreign), autocommit=True) as connection:
        connection.execute("CREATE TABLE payroll (id int)")
    with light_only():
        assert quick_summaries(postgres_url) == []
        with pytest.raises(DatabaseError, match="was not created by OKR Workshop$"):
            quick_summaries(foreign)


def test_the_light_connection_only_reads(postgres_url):
    _filled(postgres_url)

    def write(connection, version):
        with pytest.raises(libpq.LibpqError, match="read-only transaction"):
            connection.execute("DELETE FROM workshop")
        return connection.execute("SELECT count(*) FROM workshop").fetchone()[0]

    with light_only():
        assert read_server(postgres_url, write) == 2


def test_list_on_a_server_imports_no_psycopg(postgres_url):
    _filled(postgres_url)
    code = (
        "import sys; from workshop.core.db.summaries import quick_summaries; "
        f"n = len(quick_summaries({postgres_url!r})); "
        "print(n, sorted(m for m in sys.modules if m.split('.')[0] in "
        "('psycopg', 'sqlalchemy', 'sqlmodel', 'pydantic', 'asyncio')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.split() == ["2", "[]"], done.stdout + done.stderr
