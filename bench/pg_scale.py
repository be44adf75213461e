"""PostgreSQL at organisation scale: 1,000 workshops, 25,000 key results, over loopback.

    python bench/pg_scale.py [SERVER_URL] [--runs N] [--count N] [--keep] [--reuse URL]
                             [--list-only]

SERVER_URL (default: env OKR_TEST_POSTGRES_URL) is a server where a database may
be created; the benchmark creates `okr_bench_<random>`, fills it and drops it at
the end (`--keep` leaves it and prints its URL).

Filling: `tests/exports/sample.py::full_workshop()` (5 objectives x 5 key results,
13 check-ins, a clock) is imported once through `Store.import_workshop`, then
copied COUNT-1 times with bulk inserts (every integer key shifted per table, as
bench/make_db.py does for SQLite), and each table's id sequence set past the
copies so the app's own inserts go on numbering.

Figures, each in fresh processes, the median of N runs [min-max]:
- `list`, whole process: `okr-workshop --db URL list`, spawn to exit.
- `list`, in process: bench/drive_list.py (importing the CLI, the database layer,
  then the command: connect, schema check, the summary query, printing).
- open one workshop: bench/drive_open.py (`Store.load`, `WorkshopSession.resume`,
  and the app's first stage screen built and focused; `open_store` reported).
Targets: `list` <= 300 ms (in process), open <= 300 ms (load + resume + screen).
`--list-only` leaves the opening figures out (quicker, for the list alone).
The same figures are taken on a SQLite file of the same size (bench/make_db.py big),
interleaved run by run, so the difference is the server's and not the machine's load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from common import BENCH_DIR, add_repo_to_path, run_child

add_repo_to_path()

from sqlalchemy import Integer, func, insert, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlmodel import SQLModel  # noqa: E402

from tests.exports.sample import full_workshop  # noqa: E402
from workshop.core.db.errors import open_store  # noqa: E402

PY = sys.executable
TARGET_MS = 300


def _libpq(url: str) -> str:
    return "postgresql://" + url.partition("://")[2]


def create_database(server_url: str) -> str:
    import psycopg

    name = f"okr_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(_libpq(server_url), autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def drop_database(server_url: str, url: str) -> None:
    import psycopg

    name = make_url(url).database
    with psycopg.connect(_libpq(server_url), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def fill(url: str, count: int) -> dict[str, Any]:
    """COUNT workshops (the full one and its copies); returns the counts and one id to open."""
    started = time.monotonic()
    store = open_store(url)
    template_id = store.import_workshop(full_workshop())
    tables = [t for t in SQLModel.metadata.sorted_tables if t.name != "schema_version"]
    base_time = dt.datetime(2026, 1, 1, 9, 0, tzinfo=dt.UTC)
    with store.engine.begin() as conn:
        rows = {t.name: [dict(r._mapping) for r in conn.execute(select(t))] for t in tables}
        span: dict[str, int] = {}
        for table in tables:
            own = [
                c.name
                for c in table.primary_key.columns
                if isinstance(c.type, Integer) and not c.foreign_keys
            ]
            span[table.name] = max(
                (r[own[0]] for r in rows[table.name] if own and r[own[0]] is not None), default=0
            )
        for table in tables:
            own_keys = [
                c.name
                for c in table.primary_key.columns
                if isinstance(c.type, Integer) and not c.foreign_keys
            ]
            foreign = {
                c.name: next(iter(c.foreign_keys)).column.table.name
                for c in table.columns
                if c.foreign_keys
            }
            batch: list[dict[str, Any]] = []
            for copy in range(1, count):
                for row in rows[table.name]:
                    new = dict(row)
                    for name in own_keys:
                        new[name] = row[name] + copy * span[table.name]
                    for name, target in foreign.items():
                        if row[name] is not None:
                            new[name] = row[name] + copy * span[target]
                    if table.name == "workshop":
                        new["team"] = f"Team {copy:04d}"
                        new["updated_at"] = base_time + dt.timedelta(minutes=copy)
                    batch.append(new)
            for start in range(0, len(batch), 5000):
                conn.execute(insert(table), batch[start : start + 5000])
            if "id" in table.columns and isinstance(table.columns["id"].type, Integer):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"(SELECT COALESCE(max(id), 0) + 1 FROM {table.name}), false)"
                    )
                )
        counts = {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar() for t in tables
        }
        conn.execute(text("ANALYZE"))
    store.close()
    return {
        "workshop_id": template_id + (count // 2) * span.get("workshop", 1),
        "counts": counts,
        "seconds": round(time.monotonic() - started, 1),
    }


def counted(url: str) -> dict[str, Any]:
    """The counts of a database filled earlier, and the workshop in the middle of it."""
    store = open_store(url)
    with store.engine.connect() as conn:
        counts = {
            name: conn.execute(text(f"SELECT count(*) FROM {name}")).scalar()
            for name in ("workshop", "key_result")
        }
        ids = list(conn.execute(text("SELECT id FROM workshop ORDER BY id")).scalars())
    store.close()
    return {"workshop_id": ids[len(ids) // 2], "counts": counts, "seconds": 0}


def summary(values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return f"{statistics.median(ms):.0f} ms [{min(ms):.0f}-{max(ms):.0f}]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("server", nargs="?", default=os.environ.get("OKR_TEST_POSTGRES_URL"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--reuse", metavar="URL", help="a database kept by an earlier --keep")
    parser.add_argument("--list-only", action="store_true", help="no opening figures")
    args = parser.parse_args()
    if not args.server:
        raise SystemExit("give a server URL or set OKR_TEST_POSTGRES_URL")
    url = args.reuse or create_database(args.server)
    try:
        built = counted(url) if args.reuse else fill(url, args.count)
        wid = built["workshop_id"]
        key_results = built["counts"]["key_result"]
        print(
            f"filled {built['counts']['workshop']:,} workshops, {key_results:,} key results "
            f"in {built['seconds']} s; opening workshop {wid}"
        )
        # The same figures on a SQLite file of the same size, interleaved run by run, so
        # a busy machine slows both alike: the ratio is the server's own cost.
        folder = Path(tempfile.mkdtemp(prefix="okr-pg-scale-"))
        made = run_child(
            [PY, str(BENCH_DIR / "make_db.py"), "big", str(folder / "big.db"), str(args.count)]
        )
        if not made.ok:
            raise SystemExit(f"make_db.py failed: {made.stderr.strip()}")
        databases = {
            "postgresql": (url, wid),
            "sqlite": (f"sqlite:///{folder / 'big.db'}", made.report["workshop_id"]),
        }
        figures: dict[str, dict[str, list[Any]]] = {
            kind: {"whole": [], "in_process": [], "parts": [], "opened": []} for kind in databases
        }
        for run in range(args.runs + 1):  # the first run warms caches and is not counted
            for kind, (db_url, open_id) in databases.items():
                listed = run_child([PY, "-m", "workshop", "--db", db_url, "list"])
                drive = run_child([PY, str(BENCH_DIR / "drive_list.py"), db_url])
                children = [listed, drive]
                if not args.list_only:
                    opening = run_child(
                        [PY, str(BENCH_DIR / "drive_open.py"), db_url, str(open_id)]
                    )
                    children.append(opening)
                for child in children:
                    if not child.ok:
                        raise SystemExit(f"{child.command[1]} failed: {child.stderr.strip()}")
                if run == 0:
                    continue
                mine = figures[kind]
                mine["whole"].append(listed.wall)
                mine["in_process"].append(drive.report["done"] - drive.report["t0"])
                mine["parts"].append(drive.report)
                if not args.list_only:
                    mine["opened"].append(opening.report)
        for kind, mine in figures.items():
            opened = mine["opened"]
            open_total = [r["load"] + r["resume"] + r["first_screen"] for r in opened]
            print(f"-- {kind}")
            target = f"target <= {TARGET_MS} ms"
            commands = [p["command"] for p in mine["parts"]]
            print(f"list, in process (import + command): {summary(mine['in_process'])}  {target}")
            print(f"  of which the command itself:       {summary(commands)}")
            print(f"list, whole process (spawn to exit): {summary(mine['whole'])}")
            if not opened:
                continue
            print(f"open one workshop (load+resume+screen): {summary(open_total)}  {target}")
            for key in ("open_store", "load", "resume", "first_screen"):
                print(f"  {key:<14} {summary([r[key] for r in opened])}")
        shutil.rmtree(folder, ignore_errors=True)
        print(f"load average: {os.getloadavg()[0]:.2f} (2 cores)")
    finally:
        if args.keep or args.reuse:
            print(f"kept: {url}")
        else:
            drop_database(args.server, url)


if __name__ == "__main__":
    main()
