"""The light workshop list (stdlib sqlite3) agrees with the Store's, and imports nothing heavy."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from workshop.core.db.errors import DatabaseError, open_store, plain_sqlite_path, sqlite_path
from workshop.core.db.store import Item, Store
from workshop.core.db.summaries import Summary, quick_summaries

FIXTURE_V1 = Path(__file__).parent / "fixtures" / "schema-v1.db"

HOSTILE_TEAMS = [
    "Ünïcödé Ωmega 团队 🚀",
    "\x1b[2JEvil\x1b]0;pwned\x07",
    "Robert'); DROP TABLE workshop;--",
    "[bold]markup[/bold] {{ jinja }} %s %(x)s",
    "\u202eRTL override\u200b",
    "",
    "x" * 5_000,
]


def url(path: Path) -> str:
    return f"sqlite:///{path}"


def as_dicts(summaries) -> list[dict]:
    return [dataclasses.asdict(s) if isinstance(s, Summary) else s.model_dump() for s in summaries]


def both(path: Path) -> tuple[list[dict], list[dict]]:
    light = quick_summaries(url(path))
    assert light is not None, "a plain SQLite file is read without the Store"
    store = open_store(url(path))
    try:
        heavy = store.list_workshops()
    finally:
        store.close()
    return as_dicts(light), as_dicts(heavy)


def fill(path: Path) -> Store:
    """Workshops with hostile names, some with OKRs, some without, updated out of order."""
    store = open_store(url(path))
    ids = []
    for n, team in enumerate(HOSTILE_TEAMS):
        wid = store.create_workshop(team=team, period=f"2027-Q{n % 4 + 1}", facilitator=team[:20])
        ids.append(wid)
        for o in range(n % 3):  # 0, 1 or 2 objectives
            oid = store.add(Item.OBJECTIVE, wid, text=f"objective {o} {team}")
            for k in range(o + n % 2):
                store.add(Item.KEY_RESULT, oid, text=f"kr {k}")
    store.update_workshop(ids[0], current_stage=3)  # now the most recent
    return store


def test_both_paths_give_identical_summaries(tmp_path):
    path = tmp_path / "w.db"
    store = fill(path)
    store.close()
    light, heavy = both(path)
    assert light == heavy
    assert [s["team"] for s in light][0] == HOSTILE_TEAMS[0]
    assert {s["team"] for s in light} == set(HOSTILE_TEAMS)


def test_counts_and_times_agree_with_the_whole_workshop(tmp_path):
    path = tmp_path / "w.db"
    store = fill(path)
    summaries = quick_summaries(url(path))
    assert summaries is not None
    for summary in summaries:
        workshop = store.load(summary.id)
        assert summary.team == workshop.team
        assert summary.period == workshop.period
        assert summary.current_stage == workshop.current_stage
        assert summary.objective_count == len(workshop.objectives)
        assert summary.key_result_count == sum(len(o.key_results) for o in workshop.objectives)
        assert summary.created_at.replace(tzinfo=None) == workshop.created_at.replace(tzinfo=None)
    store.close()
    order = [(s.updated_at, s.id) for s in summaries]
    assert order == sorted(order, reverse=True)


def test_an_empty_database_and_a_missing_file(tmp_path):
    path = tmp_path / "empty.db"
    open_store(url(path)).close()
    assert both(path) == ([], [])
    missing = tmp_path / "missing.db"
    assert quick_summaries(url(missing)) == []
    assert not missing.exists(), "listing never creates the database"


def test_a_workshop_with_no_objectives(tmp_path):
    path = tmp_path / "w.db"
    store = open_store(url(path))
    store.create_workshop(team="Bare")
    store.close()
    light, heavy = both(path)
    assert light == heavy
    assert (light[0]["objective_count"], light[0]["key_result_count"]) == (0, 0)


def test_other_databases_and_older_schemas_go_through_the_store(tmp_path):
    assert quick_summaries("sqlite://") is None
    assert quick_summaries("sqlite:///:memory:") is None
    assert quick_summaries("mysql://okr@db.example/okr") is None
    # PostgreSQL has its own quick read (psycopg alone); a server that cannot be reached
    # is one plain line, password masked, not a traceback.
    with pytest.raises(DatabaseError) as refused:
        quick_summaries("postgresql://okr:s3cret@db.example/okr")
    assert "s3cret" not in str(refused.value) and "\n" not in str(refused.value)
    old = tmp_path / "v1.db"
    old.write_bytes(FIXTURE_V1.read_bytes())
    assert quick_summaries(url(old)) is None  # the Store upgrades it first
    assert old.read_bytes() == FIXTURE_V1.read_bytes()


@pytest.mark.parametrize(
    "text",
    [
        "sqlite:///w.db",
        "sqlite:////tmp/a b/w.db",
        "sqlite+pysqlite:///x.db",
        "sqlite:////tmp/ü.db",
        "sqlite:///a%20b.db",
        "sqlite:///x.db?mode=ro",
        "sqlite://",
        "sqlite:///:memory:",
        "sqlite:///file:x.db?uri=true",
        "postgresql://u:p@h/d",
    ],
)
def test_the_plain_url_reader_agrees_with_sqlalchemy_or_declines(text):
    plain = plain_sqlite_path(text)
    assert plain is None or plain == sqlite_path(text)


def _damage(path: Path, how: str) -> None:
    if how == "corrupt":
        data = bytearray(path.read_bytes())
        data[8192:12288] = b"\xde\xad\xbe\xef" * 1024
        path.write_bytes(bytes(data))
    elif how == "not ours":
        path.unlink()
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)")
        db.close()
    elif how == "newer":
        with sqlite3.connect(path) as db:
            db.execute("UPDATE schema_version SET version = 99")
        db.close()
    elif how == "text":
        path.write_text("Buy milk\n", encoding="utf-8")


@pytest.mark.parametrize("how", ["corrupt", "not ours", "newer", "text"])
def test_both_paths_refuse_a_bad_file_with_the_same_line(tmp_path, how):
    path = tmp_path / "w.db"
    store = fill(path)
    for _ in range(20):  # enough pages for the corruption to land in the middle
        store.create_workshop(team="padding " * 200)
    store.close()
    _damage(path, how)
    before = sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir())
    with pytest.raises(DatabaseError) as light:
        quick_summaries(url(path))
    with pytest.raises(DatabaseError) as heavy:
        open_store(url(path))
    assert str(light.value) == str(heavy.value)
    assert len(str(light.value).splitlines()) == 1
    assert sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir()) == before


def test_listing_leaves_no_sidecar_files_and_does_not_write(tmp_path):
    path = tmp_path / "w.db"
    fill(path).close()
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    assert quick_summaries(url(path))
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    assert after == before


LIST_IN_A_FRESH_PROCESS = """
import sys
import workshop.cli
try:
    workshop.cli.main(["--db", sys.argv[1], "list"])
except SystemExit as done:
    assert not done.code, done.code
heavy = [m for m in ("sqlalchemy", "sqlmodel", "pydantic", "textual", "weasyprint")
         if m in sys.modules]
print("HEAVY", heavy)
"""


def test_list_imports_nothing_heavy(tmp_path):
    path = tmp_path / "w.db"
    fill(path).close()
    env = {k: v for k, v in os.environ.items() if k != "OKR_WORKSHOP_DB"}
    result = subprocess.run(
        [sys.executable, "-c", LIST_IN_A_FRESH_PROCESS, url(path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tempfile.gettempdir(),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "HEAVY []" in result.stdout, result.stdout
    assert "Bare" not in result.stdout and "Evil" in result.stdout


APP_IMPORT_IN_A_FRESH_PROCESS = """
import sys
import workshop.tui.app
heavy = [m for m in ("sqlalchemy", "sqlmodel", "workshop.core.db.store", "workshop.core.session.session",
                     "workshop.tui.screens.base", "weasyprint") if m in sys.modules]
print("HEAVY", heavy)
"""


def test_the_app_module_imports_no_store_and_no_stage_screen():
    result = subprocess.run(
        [sys.executable, "-c", APP_IMPORT_IN_A_FRESH_PROCESS],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tempfile.gettempdir(),
    )
    assert result.returncode == 0, result.stderr
    assert "HEAVY []" in result.stdout, result.stdout


async def test_the_start_screen_comes_from_sqlite_and_the_store_opens_behind_it(tmp_path):
    from workshop.tui.app import WorkshopApp
    from workshop.tui.screens.start import StartScreen

    path = tmp_path / "w.db"
    store = fill(path)
    newest = store.list_workshops()[0].id
    store.close()
    app = WorkshopApp(url(path), tick_seconds=3600)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert [s.id for s in app.screen.summaries][0] == newest
        for _ in range(300):  # the store opens in a thread a moment after the first frame
            if app.store is not None:
                break
            await pilot.pause(0.01)
        assert app.store is not None
        await pilot.press("enter")  # the workshop changed last is highlighted
        await pilot.pause()
        assert app.session is not None and app.session.workshop_id == newest
    assert not app.return_code


async def test_choosing_before_the_store_is_open_waits_for_it(tmp_path):
    from workshop.tui.app import WorkshopApp

    app = WorkshopApp(url(tmp_path / "new.db"), tick_seconds=3600)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("enter")  # at once: new workshop, store not open yet
        for _ in range(300):
            if app.session is not None:
                break
            await pilot.pause(0.01)
        assert app.session is not None
        assert type(app.screen).__name__ == "SetupScreen"
    assert not app.return_code


async def test_a_store_that_fails_behind_the_start_screen_exits_in_one_line(tmp_path, monkeypatch):
    import workshop.core.db.errors as errors
    from workshop.tui.app import WorkshopApp

    def locked(url: str):
        raise DatabaseError(f"cannot open {url}: another program has it locked")

    monkeypatch.setattr(errors, "open_store", locked)
    app = WorkshopApp(url(tmp_path / "new.db"), tick_seconds=3600)
    async with app.run_test(size=(160, 45)) as pilot:
        for _ in range(300):
            if app.return_code is not None:
                break
            await pilot.pause(0.01)
    assert app.return_code == 1
