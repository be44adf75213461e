"""Scratch measurements behind the recommendations in the benchmark report.

    .venv/bin/python bench/options.py [--runs N]

1. What each heavy import costs on its own, in a fresh process.
2. The first screen (spawn to ready, as in run.py): the floor app, the app now,
   and `lean_first_screen.py` (Textual + start screen + stdlib `sqlite3`
   summaries only), on an empty database and on the 1,000-workshop one.
3. `okr-workshop list` on the 1,000-workshop database, against three ways to
   write it: SQLAlchemy Core only (no SQLModel, no pydantic), stdlib `sqlite3`
   (what a SQLite-only fast path would cost), and the floor `import textual.app`.
   The alternatives print the same columns as the real command.
Medians of N fresh processes (default 7), interleaved, with min and max.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
from pathlib import Path

from common import BENCH_DIR, REPO, okr_command, python, run_child, sqlite_url

IMPORTS = [
    "pass",
    "import click",
    "import workshop.cli",
    "import pydantic",
    "import workshop.core.domain",
    "import workshop.core.agenda.model",
    "import sqlalchemy",
    "import sqlalchemy.orm",
    "import sqlmodel",
    "import workshop.core.db.tables",
    "import workshop.core.db.store",
    "import workshop.core.db.errors",
    "import textual.app",
    "import workshop.tui.screens.stages",
    "import workshop.tui.app",
    "import weasyprint",
]

QUERY = """
SELECT w.id, w.team, w.period, w.updated_at,
  (SELECT count(*) FROM objective o WHERE o.workshop_id = w.id),
  (SELECT count(*) FROM key_result k JOIN objective o ON k.objective_id = o.id
    WHERE o.workshop_id = w.id)
FROM workshop w ORDER BY w.updated_at DESC, w.id DESC
"""

PRINT = """
import click
click.echo(f"{'ID':>4}  {'TEAM':<24} {'PERIOD':<10} {'OKRS':>7}  LAST CHANGE")
for wid, team, period, updated, n_obj, n_kr in rows:
    okrs = f"{n_obj:>2}/{n_kr:<4}"
    click.echo(f"{wid:>4}  {team[:24]:<24} {period[:10]:<10} {okrs}  {str(updated)[:16]}")
"""

SQLITE3 = (
    """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
connection.execute("SELECT version FROM schema_version WHERE id = 1").fetchone()
rows = connection.execute({query!r}).fetchall()
"""
    + PRINT
)

CORE = (
    """
import sys
from sqlalchemy import create_engine, text
engine = create_engine("sqlite:///" + sys.argv[1])
with engine.connect() as connection:
    connection.execute(text("SELECT version FROM schema_version WHERE id = 1")).first()
    rows = connection.execute(text({query!r})).all()
"""
    + PRINT
)


def timed(command: list[str], env: dict[str, str]) -> float:
    result = run_child(command, env=env)
    if not result.ok:
        raise SystemExit(f"{command}: {result.failure()}")
    return result.wall


def show(label: str, values: list[float], floor: float | None = None) -> None:
    median = statistics.median(values)
    ratio = f"  {median / floor:.2f}× floor" if floor else ""
    print(
        f"  {label:<34} {median * 1000:6.0f} ms "
        f"[{min(values) * 1000:.0f}–{max(values) * 1000:.0f}]{ratio}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--skip-imports", action="store_true", help="only the list variants")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="okr-options-"))
    env = {"OKR_WORKSHOP_DB": sqlite_url(tmp / "default.db"), "PYTHONPATH": str(REPO)}
    try:
        if args.skip_imports:
            IMPORTS[:] = ["import textual.app"]
        print("Imports, fresh process each (wall, incl. interpreter start):")
        results: dict[str, list[float]] = {s: [] for s in IMPORTS}
        for _ in range(args.runs):
            for statement in IMPORTS:
                results[statement].append(timed([python(), "-c", statement], env))
        floor = statistics.median(results["import textual.app"])
        for statement, values in results.items():
            show(statement, values, floor)

        db = tmp / "big.db"
        run_child([python(), str(BENCH_DIR / "make_db.py"), "big", str(db)], env=env)

        print("\nFirst screen, spawn to ready (run_test 160x45):")
        first = str(BENCH_DIR / "drive_first_screen.py")
        lean = str(BENCH_DIR / "lean_first_screen.py")
        screens = {
            "floor app": lambda n: [python(), first, "floor", sqlite_url(tmp / f"f{n}.db")],
            "WorkshopApp now, empty DB": lambda n: [
                python(), first, "app", sqlite_url(tmp / f"a{n}.db")
            ],
            "lean start-up, empty DB": lambda n: [python(), lean, str(tmp / f"l{n}.db")],
            "WorkshopApp now, 1,000 workshops": lambda n: [
                python(), first, "app", sqlite_url(db)
            ],
            "lean start-up, 1,000 workshops": lambda n: [python(), lean, str(db)],
            "lean, 1,000 workshops, 20 shown": lambda n: [python(), lean, str(db), "20"],
        }  # fmt: skip
        ready: dict[str, list[float]] = {k: [] for k in screens}
        for n in range(args.runs):
            for label, build in screens.items():
                result = run_child(build(n), env=env)
                if not result.ok or not result.report.get("ok"):
                    raise SystemExit(f"{label}: {result.failure()}")
                ready[label].append(result.report["ready"] - result.spawned)
        floor = statistics.median(ready["floor app"])
        for label, values in ready.items():
            show(label, values, floor)
        variants = {
            "okr-workshop list (now)": [*okr_command(), "--db", sqlite_url(db), "list"],
            "SQLAlchemy Core + click": [
                python(),
                "-c",
                CORE.replace("{query!r}", repr(QUERY)),
                str(db),
            ],
            "stdlib sqlite3 + click": [
                python(),
                "-c",
                SQLITE3.replace("{query!r}", repr(QUERY)),
                str(db),
            ],
            "import textual.app (floor)": [python(), "-c", "import textual.app"],
        }
        print("\n`list` on 1,000 workshops / 25,000 key results:")
        timings: dict[str, list[float]] = {k: [] for k in variants}
        for _ in range(args.runs):
            for label, command in variants.items():
                timings[label].append(timed(command, env))
        floor = statistics.median(timings["import textual.app (floor)"])
        for label, values in timings.items():
            show(label, values, floor)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
