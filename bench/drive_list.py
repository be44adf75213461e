"""Driver: `okr-workshop list` in process, in three timed parts.

    python bench/drive_list.py DB_URL

`T0` is taken before any other import. Parts: importing `workshop.cli` (what
`--help` pays), importing the database layer (`workshop.core.db.errors`: since the
light list path, stdlib only), and running the `list` command itself (file
checks, read-only schema check, query, printing to /dev/null; through stdlib
`sqlite3` for a SQLite file, the Store otherwise). Also reports which heavy
packages ended up imported.
Prints `BENCH {"t0": ..., "cli_import": ..., "db_import": ..., "command": ...}`.

The benchmark's own helpers (`common`: subprocess, tempfile, dataclasses, 20-40 ms)
are imported after the timed span, so the figure is the app's alone; `startup` is
what is left before `workshop.cli` (os, sys, contextlib). Until 2026-12-03 they were
imported inside it.
"""

import time

T0 = time.monotonic()

import contextlib  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

HEAVY = ("textual", "sqlmodel", "sqlalchemy", "pydantic", "weasyprint", "jinja2", "psycopg")


def main(db_url: str) -> None:
    # common.add_repo_to_path, without importing common (see the module's docstring).
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if repo not in sys.path:
        sys.path.insert(0, repo)
    t_start = time.monotonic()
    from workshop.cli import main as cli

    t_cli = time.monotonic()
    with contextlib.suppress(ImportError):
        import workshop.core.db.errors  # noqa: F401
    t_db = time.monotonic()
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        cli(["--db", db_url, "list"], standalone_mode=False)
    t_done = time.monotonic()
    from common import emit

    emit(
        t0=T0,
        startup=t_start - T0,
        cli_import=t_cli - t_start,
        db_import=t_db - t_cli,
        command=t_done - t_db,
        done=t_done,
        heavy=[name for name in HEAVY if name in sys.modules],
    )


if __name__ == "__main__":
    main(sys.argv[1])
