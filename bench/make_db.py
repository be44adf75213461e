"""Build the benchmark databases.

    python bench/make_db.py full PATH [HTML_OUT]   one full workshop (5x5, 13 check-ins)
    python bench/make_db.py big PATH [COUNT]       COUNT copies of it (default 1,000)

`full` stores `tests/exports/sample.py::full_workshop()` through
`Store.import_workshop` and, when HTML_OUT is given, writes the handout HTML the
PDF exporter renders for it (the floor of the PDF figure lays out that file).

`big` imports the full workshop once, then copies its rows COUNT-1 times with
SQLAlchemy Core bulk inserts, shifting every integer primary key and every
foreign key by a per-table offset. It reads the schema from `SQLModel.metadata`,
so it follows table changes without edits here. Each copy gets its own team
name and `updated_at`. Prints `BENCH {"workshop_id": ..., "counts": {...}}`.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path
from typing import Any

from common import add_repo_to_path, emit, sqlite_url

add_repo_to_path()

from sqlalchemy import Integer, func, insert, select  # noqa: E402
from sqlmodel import SQLModel  # noqa: E402

from tests.exports.sample import full_workshop  # noqa: E402
from workshop.core.db.errors import open_store  # noqa: E402


def build_full(path: Path, html_out: Path | None) -> None:
    store = open_store(sqlite_url(path))
    workshop_id = store.import_workshop(full_workshop())
    written: dict[str, Any] = {}
    if html_out is not None:
        try:
            from workshop.core.exports.pdf import handout_html

            html_out.write_text(handout_html(store.load(workshop_id)), encoding="utf-8")
            written["html"] = str(html_out)
        except Exception as error:  # the exporter is being written; report, don't crash
            written["html_error"] = f"{type(error).__name__}: {error}"
    store.close()
    emit(workshop_id=workshop_id, **written)


def build_big(path: Path, count: int) -> None:
    started = time.monotonic()
    store = open_store(sqlite_url(path))
    template_id = store.import_workshop(full_workshop())
    tables = [t for t in SQLModel.metadata.sorted_tables if t.name != "schema_version"]
    base_time = dt.datetime(2026, 1, 1, 9, 0, tzinfo=dt.UTC)
    with store.engine.begin() as conn:
        rows = {t.name: [dict(r._mapping) for r in conn.execute(select(t))] for t in tables}
        span: dict[str, int] = {}
        for table in tables:
            keys = [c for c in table.primary_key.columns if isinstance(c.type, Integer)]
            own = [c.name for c in keys if not c.foreign_keys]
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
            if batch:
                conn.execute(insert(table), batch)
        counts = {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar() for t in tables
        }
    store.close()
    emit(
        workshop_id=template_id + (count // 2) * span.get("workshop", 1),
        counts=counts,
        seconds=round(time.monotonic() - started, 2),
    )


if __name__ == "__main__":
    kind, target = sys.argv[1], Path(sys.argv[2])
    if kind == "full":
        build_full(target, Path(sys.argv[3]) if len(sys.argv) > 3 else None)
    elif kind == "big":
        build_big(target, int(sys.argv[3]) if len(sys.argv) > 3 else 1000)
    else:
        raise SystemExit(f"unknown kind {kind!r}: full or big")
