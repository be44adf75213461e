"""Issue 13, "Nothing let in": each attack that worked on the old code, run through the real CLI.

Each test runs `okr-workshop` in a process of its own (`tests/warm_cli.py`) and checks
what a user sees: one line on stderr, a non-zero exit, no traceback, no raw escape
sequence, no password, and nothing stored or changed.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_cli import assert_one_line_error, make_db, url
from tests.warm_cli import run_warm
from workshop.core.db.store import Store
from workshop.core.exports import csv_format

ENVELOPE = '{{"format": "okr-workshop", "schema_version": 1, "workshop": {body}}}'
# Anything that would act on a terminal: C0/C1 controls, DEL.
RAW_CONTROL = ("\x1b", "\x07", "\x9b", "\x9d")


def cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None, code: str = ""
) -> subprocess.CompletedProcess:
    """The real command line in a process of its own; `code` runs first (to plant a bug)."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("OKR_WORKSHOP")}
    environ["XDG_DATA_HOME"] = str(cwd / "data")
    environ.update(env or {})
    return run_warm(*args, env=environ, cwd=cwd, first=code, text=False)


def one_line(result: subprocess.CompletedProcess, *needles: str) -> str:
    """The single error line, checked for raw control characters as bytes reach the terminal."""
    assert not any(ch.encode() in result.stderr for ch in RAW_CONTROL), result.stderr
    text = subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode(), result.stderr.decode()
    )
    return assert_one_line_error(text, *needles)


def write_json(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(ENVELOPE.format(body=body), encoding="utf-8")
    return path


def workshop_count(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True) as connection:
        return connection.execute("SELECT count(*) FROM workshop").fetchone()[0]


# -- imports that gave a traceback or let in a workshop the app cannot open ---------------

TIMING = '{{"key": "overview", "title": "O", "planned_seconds": {p}, "adjusted_seconds": 60}}'
BAD_IMPORTS = {
    "paused 1e999": (
        '{"team": "A", "paused_seconds": 1e999, "timings": [' + TIMING.format(p=60) + "]}",
        "$.workshop.paused_seconds",
    ),
    "planned 10**30": (
        '{"timings": [' + TIMING.format(p=10**30) + "]}",
        "$.workshop.timings[0].planned_seconds",
    ),
    "5,000 digits": ('{"current_stage": ' + "9" * 5000 + "}", "$.workshop.current_stage"),
    "lone surrogate": ('{"team": "Acme \\ud800"}', "$.workshop.team"),
    "100,000 participants": (
        json.dumps({"participants": [f"p{i}" for i in range(100_000)]}),
        "$.workshop.participants",
    ),
    "time zone path": ('{"timezone": "../../etc/passwd"}', "$.workshop.timezone"),
    "dangling priority": ('{"objectives": [{"priority_index": 3}]}', "priority_index"),
    "huge stage": ('{"current_stage": 99}', "$.workshop.current_stage"),
}


@pytest.mark.parametrize("case", list(BAD_IMPORTS))
def test_a_bad_import_is_one_line_naming_the_field_and_stores_nothing(tmp_path, case):
    body, field = BAD_IMPORTS[case]
    source = write_json(tmp_path, "bad.json", body)
    db = tmp_path / "w.db"
    make_db(db, teams=1)
    before = db.read_bytes()
    line = one_line(cli("--db", url(db), "import", str(source), cwd=tmp_path), field)
    assert "bad.json" in line
    assert workshop_count(db) == 1 and db.read_bytes() == before


@pytest.mark.parametrize("case", ["5,000 digits", "lone surrogate", "paused 1e999"])
def test_the_coach_refuses_the_same_files_in_one_line(tmp_path, case):
    body, field = BAD_IMPORTS[case]
    source = write_json(tmp_path, "bad.json", body)
    one_line(cli("coach", str(source), cwd=tmp_path), field)


def test_a_team_from_the_command_line_is_checked_like_the_file(tmp_path):
    source = tmp_path / "ok.csv"
    source.write_text("objective,key_result\nGrow,Raise NPS\n", encoding="utf-8")
    db = tmp_path / "w.db"
    # A command-line argument that is not UTF-8 arrives as a lone surrogate.
    result = cli("--db", url(db), "import", str(source), "--team", "Acme \udcff", cwd=tmp_path)
    one_line(result, "$.workshop.team")
    assert workshop_count(db) == 0


# -- no traceback, ever -------------------------------------------------------------------

BUG = (
    "import workshop.core.exports\n"
    "def _boom(*args, **kwargs):\n"
    "    raise RuntimeError('planted bug')\n"
    "workshop.core.exports.read_import = _boom"
)


def test_an_unexpected_error_is_one_line_with_the_log_file(tmp_path):
    source = tmp_path / "ok.csv"
    source.write_text("objective,key_result\nGrow,Raise NPS\n", encoding="utf-8")
    result = cli("coach", str(source), cwd=tmp_path, code=BUG)
    line = one_line(result, "okr-workshop coach", "RuntimeError", "details are in")
    log = Path(line.rsplit("details are in ", 1)[1])
    assert log.is_relative_to(tmp_path / "data" / "okr-workshop")
    details = log.read_text(encoding="utf-8")
    assert "Traceback" in details and "planted bug" in details
    assert log.stat().st_mode & 0o777 == 0o600


def test_without_a_writable_log_folder_it_is_still_one_line(tmp_path):
    source = tmp_path / "ok.csv"
    source.write_text("objective,key_result\nGrow,Raise NPS\n", encoding="utf-8")
    (tmp_path / "data").write_text("a file where the folder should be", encoding="utf-8")
    result = cli("coach", str(source), cwd=tmp_path, code=BUG)
    one_line(result, "RuntimeError", "could not be saved")


# -- terminal-safe lines and masked passwords ---------------------------------------------

HOSTILE_NAME = "bad\x1b]0;pwned\x07\x9b2J"


def test_a_file_name_with_escape_sequences_is_shown_with_stand_ins(tmp_path):
    source = write_json(tmp_path, f"{HOSTILE_NAME}.json", '{"current_stage": 99}')
    one_line(cli("--ephemeral", "--db", "sqlite://", "import", str(source), cwd=tmp_path), "␛")
    (tmp_path / f"{HOSTILE_NAME}.csv").write_text("nothing,useful\n", encoding="utf-8")
    one_line(cli("coach", str(tmp_path / f"{HOSTILE_NAME}.csv"), cwd=tmp_path), "␛")


def test_agenda_and_database_paths_are_shown_with_stand_ins(tmp_path):
    one_line(cli("--agenda", str(tmp_path / HOSTILE_NAME), cwd=tmp_path), "␛")
    missing = tmp_path / HOSTILE_NAME / "w.db"
    one_line(cli("--db", url(missing), "list", cwd=tmp_path), "␛")
    one_line(cli("--db", url(missing), "export", "1", cwd=tmp_path), "␛")


def test_list_and_export_print_hostile_names_with_stand_ins(tmp_path):
    db = tmp_path / "w.db"
    store = Store.open(url(db))
    store.create_workshop(team=HOSTILE_NAME + "\u202eevil", period="\x1b[2J")
    store.close()
    listed = cli("--db", url(db), "list", cwd=tmp_path)
    assert listed.returncode == 0
    assert not any(ch.encode() in listed.stdout for ch in (*RAW_CONTROL, "\u202e"))
    exported = cli("--db", url(db), "export", "1", "--format", "json", cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert not any(ch.encode() in exported.stdout for ch in RAW_CONTROL)


SECRET = "s3cretpw"
SECRET_URLS = [
    f"postgresql+psycopg2://user@127.0.0.1:1/okr?password={SECRET}",
    f"postgresql+psycopg2://user:{SECRET}@127.0.0.1:1/okr?sslmode=disable",
    f"postgresql://user@127.0.0.1:1/okr?sslmode=disable&sslpassword={SECRET}",
    f"not a url?password={SECRET}",
]


@pytest.mark.parametrize("db_url", SECRET_URLS)
@pytest.mark.parametrize("command", [["list"], ["export", "1"]])
def test_a_password_in_a_url_is_never_printed(tmp_path, db_url, command):
    result = cli("--db", db_url, *command, cwd=tmp_path)
    line = one_line(result)
    assert SECRET not in line and "***" in line


# -- read-only commands change nothing -----------------------------------------------------


def _foreign_wal(folder: Path) -> Path:
    """one.db with two workshops, and beside it the -wal of another database."""
    one = folder / "one.db"
    store = Store.open(url(one))
    store.create_workshop(team="One A")
    store.create_workshop(team="One B")
    store.close()
    code = (
        "import os, shutil, sys\n"
        "from workshop.core.db.store import Store\n"
        "store = Store.open(sys.argv[1])\n"
        "store.create_workshop(team='Other X')\n"
        "shutil.copy(sys.argv[2] + '-wal', sys.argv[3] + '-wal')\n"
        "os._exit(0)  # no checkpoint: the other database's log stays as it is\n"
    )
    other = folder / "other.db"
    subprocess.run(
        [sys.executable, "-c", code, url(other), str(other), str(one)], check=True, timeout=60
    )
    assert Path(f"{one}-wal").stat().st_size > 0
    return one


@pytest.mark.parametrize(
    "command", [["list"], ["export", "1", "--format", "json"], ["export", "1", "--format", "md"]]
)
def test_a_read_only_command_never_changes_the_database(tmp_path, command):
    one = _foreign_wal(tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.glob("one.db*")}
    result = cli("--db", url(one), *command, cwd=tmp_path)
    assert "Traceback" not in result.stderr.decode()
    after = {p.name: p.read_bytes() for p in tmp_path.glob("one.db*") if p.name != "one.db-shm"}
    before.pop("one.db-shm", None)
    assert after == before


def test_a_read_only_command_through_the_store_never_changes_the_database(tmp_path):
    """A URL with a query goes through SQLAlchemy: it still reads a copy, never the file."""
    one = _foreign_wal(tmp_path)
    before = one.read_bytes()
    result = cli("--db", f"{url(one)}?timeout=5", "list", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert one.read_bytes() == before


def test_an_older_schema_is_exported_without_upgrading_the_file(tmp_path):
    path = tmp_path / "v1.db"
    shutil.copy(Path(__file__).parent / "fixtures" / "schema-v1.db", path)
    before = path.read_bytes()
    out = tmp_path / "out.json"
    result = cli("--db", url(path), "export", "1", "--format", "json", "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["workshop"]["team"].startswith("Payments")
    listed = cli("--db", url(path), "list", cwd=tmp_path)
    assert b"Payments" in listed.stdout
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("v1")) == ["v1.db"]


# -- databases that lose data: a device, memory --------------------------------------------


@pytest.mark.skipif(os.path.exists("/dev/null-journal"), reason="left by something else")
@pytest.mark.parametrize("command", [["list"], ["import", "x.csv"], []])
def test_dev_null_is_refused_and_leaves_no_journal(tmp_path, command):
    (tmp_path / "x.csv").write_text("objective,key_result\nGrow,NPS\n", encoding="utf-8")
    one_line(cli("--db", "sqlite:////dev/null", *command, cwd=tmp_path), "not a regular file")
    assert not os.path.exists("/dev/null-journal")


@pytest.mark.parametrize("memory", ["sqlite://", "sqlite:///:memory:", "sqlite+pysqlite://"])
@pytest.mark.parametrize("command", [["list"], ["import", "x.csv"], []])
def test_an_in_memory_database_needs_ephemeral(tmp_path, memory, command):
    (tmp_path / "x.csv").write_text("objective,key_result\nGrow,NPS\n", encoding="utf-8")
    one_line(cli("--db", memory, *command, cwd=tmp_path), "in-memory", "--ephemeral")


def test_ephemeral_allows_memory_by_flag_or_environment(tmp_path):
    (tmp_path / "x.csv").write_text("objective,key_result\nGrow,NPS\n", encoding="utf-8")
    flagged = cli("--ephemeral", "--db", "sqlite://", "import", "x.csv", cwd=tmp_path)
    assert flagged.returncode == 0 and flagged.stdout.strip() == b"1", flagged.stderr
    env = {"OKR_WORKSHOP_EPHEMERAL": "1", "OKR_WORKSHOP_DB": "sqlite://"}
    assert cli("list", cwd=tmp_path, env=env).returncode == 0


# -- exports: names, formulas ---------------------------------------------------------------


def test_two_teams_with_the_same_file_name_get_distinct_exports(tmp_path):
    db = tmp_path / "w.db"
    store = Store.open(url(db))
    store.create_workshop(team="Sales!", period="2027-Q1")
    store.create_workshop(team="sales", period="2027 Q1")
    store.create_workshop(team="Support", period="2027-Q1")
    store.close()
    written = []
    for workshop_id in ("1", "2", "3"):
        result = cli("--db", url(db), "export", workshop_id, "--format", "json", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        written.append(Path(result.stdout.decode().strip()))
    assert len(set(written)) == 3 and all(p.exists() for p in written)
    teams = [json.loads(p.read_text(encoding="utf-8"))["workshop"]["team"] for p in written]
    assert teams == ["Sales!", "sales", "Support"]
    assert written[2].name == "support-2027-q1.json"  # no collision: the usual name


def test_the_csv_opens_safely_in_a_spreadsheet_and_imports_exactly(tmp_path):
    from workshop.core.domain import KeyResult, Objective, Workshop
    from workshop.core.exports import read_import, render

    texts = ["=1+2", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx", "'quoted", "''=x"]
    numbers = ["-5", "+10%", "-3.5"]
    workshop = Workshop(
        objectives=[
            Objective(
                text=text,
                key_results=[KeyResult(text=text, start=n, target=text, unit=text, owner=text)],
            )
            for text, n in zip(texts, numbers * 3, strict=False)
        ]
    )
    data = render(workshop, "csv").decode("utf-8-sig")
    import csv
    import io

    cells = [cell for row in csv.reader(io.StringIO(data)) for cell in row]
    for cell in cells:
        assert not cell.startswith(("=", "+", "@", "\t", "\r")) or cell in numbers, cell
        assert not cell.startswith("-") or cell in numbers, cell
    path = tmp_path / "w.csv"
    path.write_bytes(render(workshop, "csv"))
    assert read_import(path).objectives == workshop.objectives


def test_a_hand_written_apostrophe_stays(tmp_path):
    from workshop.core.exports import read_import

    path = tmp_path / "hand.csv"
    path.write_text("objective,key_result\n'note,'=x\n", encoding="utf-8")
    objective = read_import(path).objectives[0]
    assert objective.text == "'note" and objective.key_results[0].text == "=x"
    assert csv_format.unguard(csv_format.guard("'note")) == "'note"
