"""The export's SQLAlchemy-free read gives exactly the workshop `Store.load` gives.

`workshop.core.db.quick_load` reads a SQLite file with the standard library for
`okr-workshop export`; the app and every other database use `Store.load`. Any
difference (a field forgotten, a datetime left naive, a list out of order) would
make an export from the command line differ from one made in the app, so random
and hostile workshops are stored through the Store and read back both ways.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.exports.hostile import hostile_workshop
from tests.exports.sample import full_workshop
from tests.exports.strategies import text, workshops
from workshop.core.db.assemble import assemble_workshop
from workshop.core.db.errors import DatabaseError
from workshop.core.db.quick_load import WorkshopNotFound, quick_load
from workshop.core.db.store import Item, Store
from workshop.core.domain import (
    NSAnswer,
    NSTest,
    ParentKeyResult,
    ParentObjective,
    Variation,
    Workshop,
)

FIXTURE_V1 = Path(__file__).parent / "fixtures" / "schema-v1.db"
PLUS_0530 = dt.timezone(dt.timedelta(hours=5, minutes=30))

moments = st.none() | st.datetimes(
    timezones=st.sampled_from([None, dt.UTC, PLUS_0530]), allow_imaginary=False
)
ns_tests = st.builds(
    NSTest,
    run=st.integers(0, 5),
    answers=st.lists(
        st.builds(
            NSAnswer,
            key_result_index=st.none() | st.integers(0, 4),
            answer=st.booleans(),
            note=text,
        ),
        max_size=3,
    ),
    completed_at=st.none() | st.datetimes(timezones=st.just(dt.UTC)),
)


@st.composite
def stored_workshops(draw: st.DrawFn) -> Workshop:
    """`workshops()` plus the parts it leaves empty: company OKRs, variations, tests, follow-up."""
    base = draw(workshops())
    parents = draw(
        st.lists(
            st.builds(
                ParentObjective,
                text=text,
                key_results=st.lists(st.builds(ParentKeyResult, text=text), max_size=3),
            ),
            max_size=3,
        )
    )
    refs = [f"{o}.{k}" for o, p in enumerate(parents) for k in range(len(p.key_results))]
    objectives = [
        o.model_copy(
            update={
                "parent_ref": draw(st.none() | st.sampled_from(refs)) if refs else None,
                "variations": draw(
                    st.lists(st.builds(Variation, text=text, chosen=st.booleans()), max_size=3)
                ),
                "ns_test": draw(ns_tests),
            }
        )
        for o in base.objectives
    ]
    return base.model_copy(
        update={
            "parent_objectives": parents,
            "objectives": objectives,
            "follow_up": draw(moments),
            "follow_up_note": draw(text),
            "created_at": draw(moments),
            "current_stage": draw(st.integers(0, 12)),
        }
    )


@pytest.fixture(scope="module")
def store_url(tmp_path_factory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('quick') / 'w.db'}"


def assert_same(url: str, workshop_id: int) -> Workshop:
    store = Store.open(url)
    try:
        expected = store.load(workshop_id)
    finally:
        store.close()
    got = quick_load(url, workshop_id)
    assert got == expected
    # == on pydantic models lets 1 pass for True; the repr shows every type.
    assert repr(got) == repr(expected)
    return got


def store_one(url: str, workshop: Workshop) -> int:
    store = Store.open(url)
    try:
        return store.import_workshop(workshop)
    finally:
        store.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workshop=stored_workshops())
def test_random_workshops_read_the_same_both_ways(store_url, workshop):
    assert_same(store_url, store_one(store_url, workshop))


@pytest.mark.parametrize("make", [hostile_workshop, full_workshop], ids=["hostile", "full"])
def test_hostile_and_full_workshops_read_the_same_both_ways(tmp_path, make):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    workshop = make()
    got = assert_same(url, store_one(url, workshop))
    assert got.team == workshop.team  # verbatim, control characters and all
    assert got.timings and got.timings == workshop.timings


def test_edits_made_through_the_store_read_the_same_both_ways(tmp_path):
    """Positions changed by inserts in the middle, a deleted item, a running clock."""
    url = f"sqlite:///{tmp_path / 'w.db'}"
    store = Store.open(url)
    wid = store.create_workshop(team="Team", period="2027-Q1")
    first = store.add(Item.OBJECTIVE, wid, text="first")
    store.add(Item.OBJECTIVE, wid, text="second")
    store.add(Item.OBJECTIVE, wid, text="between", after_id=first)
    doomed = store.add(Item.KEY_RESULT, first, text="doomed")
    store.add(Item.KEY_RESULT, first, text="kept")
    store.delete(Item.KEY_RESULT, doomed)
    store.close()
    got = assert_same(url, wid)
    assert [o.text for o in got.objectives] == ["first", "between", "second"]
    assert [k.text for k in got.objectives[0].key_results] == ["kept"]


def test_the_shared_mapping_over_sqlalchemy_rows_is_store_load(tmp_path):
    """The shared mapping fed SQLAlchemy rows (what Store.load does) gives Store.load's workshop."""
    from sqlmodel import Session, select

    from workshop.core.db import tables

    by_name = {t.__tablename__: t for t in vars(tables).values() if hasattr(t, "__tablename__")}
    url = f"sqlite:///{tmp_path / 'w.db'}"
    wid = store_one(url, hostile_workshop())
    store = Store.open(url)
    try:
        with Session(store.engine) as session:
            row = session.get(tables.WorkshopRow, wid)
            clock = session.get(tables.ClockRow, wid)

            def rows_of(name, column, ids):
                table = by_name[name]
                return session.exec(select(table).where(getattr(table, column).in_(ids)))

            shared = assemble_workshop(row, rows_of, clock.state_json if clock else None)
        assert repr(shared) == repr(store.load(wid))
    finally:
        store.close()


def test_an_unknown_id_and_an_empty_file(tmp_path):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    store_one(url, full_workshop())
    with pytest.raises(WorkshopNotFound):
        quick_load(url, 999)
    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(WorkshopNotFound):
        quick_load(f"sqlite:///{empty}", 1)


def test_a_missing_file_is_refused_and_not_created(tmp_path):
    path = tmp_path / "nope.db"
    with pytest.raises(DatabaseError, match="no such file"):
        quick_load(f"sqlite:///{path}", 1)
    assert not path.exists()


def test_an_older_schema_is_left_to_the_store(tmp_path):
    path = tmp_path / "v1.db"
    shutil.copy(FIXTURE_V1, path)
    before = path.read_bytes()
    assert quick_load(f"sqlite:///{path}", 1) is None
    assert path.read_bytes() == before


def test_other_urls_are_left_to_the_store(tmp_path):
    assert quick_load("sqlite://", 1) is None
    assert quick_load("postgresql://u@h/db", 1) is None
    assert quick_load(f"sqlite:///{tmp_path / 'w.db'}?mode=ro", 1) is None


def test_a_locked_database_is_refused_in_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr("workshop.core.db.errors.PREFLIGHT_TIMEOUT_SECONDS", 0.05)
    path = tmp_path / "w.db"
    url = f"sqlite:///{path}"
    store_one(url, full_workshop())
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("PRAGMA journal_mode=DELETE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("UPDATE workshop SET team = team")
        with pytest.raises(DatabaseError, match="locked") as caught:
            quick_load(url, 1)
        assert "\n" not in str(caught.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_the_read_imports_no_sqlalchemy(tmp_path):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    wid = store_one(url, full_workshop())
    code = (
        "import sys\n"
        "from workshop.core.db.quick_load import quick_load\n"
        f"assert quick_load({url!r}, {wid}).objectives\n"
        "print(sorted(m for m in ('sqlalchemy', 'sqlmodel') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_apps_own_database_before_its_first_workshop_has_nothing_to_export(
    tmp_path, monkeypatch
):
    path = tmp_path / "data" / "workshops.db"
    monkeypatch.setenv("OKR_WORKSHOP_DB", f"sqlite:///{path}")
    with pytest.raises(WorkshopNotFound):
        quick_load(f"sqlite:///{path}", 1)
    assert not (tmp_path / "data").exists()
