"""Scratch driver: what the first screen would cost with a lean start-up path.

    python bench/lean_first_screen.py DB_PATH [LIMIT]

Not the app: a sketch of the start-up the report recommends, measured the same
way as `drive_first_screen.py`. It imports Textual, the themes, the agenda and
the start screen only; reads the workshop summaries with stdlib `sqlite3` (no
SQLAlchemy, SQLModel or table classes); and shows `StartScreen` with the app's
own stylesheet. Stage screens and the store would be imported when a workshop
is chosen (or in a worker after the first paint). LIMIT, when given, shows only
the most recent LIMIT workshops. Used by `options.py`.
"""

import time

T0 = time.monotonic()

import asyncio  # noqa: E402
import datetime as dt  # noqa: E402
import sqlite3  # noqa: E402
import sys  # noqa: E402

from common import REPO, add_repo_to_path, emit  # noqa: E402

add_repo_to_path()

from textual.app import App  # noqa: E402

from workshop.core.agenda.model import load_agenda  # noqa: E402
from workshop.core.db.summaries import Summary  # noqa: E402
from workshop.tui.screens.start import StartScreen  # noqa: E402
from workshop.tui.theme import THEMES  # noqa: E402

SUMMARIES = """
SELECT w.id, w.team, w.period, w.facilitator, w.created_at, w.updated_at, w.current_stage,
  (SELECT count(*) FROM objective o WHERE o.workshop_id = w.id),
  (SELECT count(*) FROM key_result k JOIN objective o ON k.objective_id = o.id
    WHERE o.workshop_id = w.id)
FROM workshop w ORDER BY w.updated_at DESC, w.id DESC
"""


def summaries(path: str, limit: int | None = None) -> list[Summary]:
    connection = sqlite3.connect(path)
    try:
        tables = connection.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
        if ("workshop",) not in tables:
            return []
        return [
            Summary(
                id=r[0],
                team=r[1],
                period=r[2],
                facilitator=r[3],
                created_at=dt.datetime.fromisoformat(r[4]),
                updated_at=dt.datetime.fromisoformat(r[5]),
                current_stage=r[6],
                objective_count=r[7],
                key_result_count=r[8],
            )
            for r in connection.execute(
                SUMMARIES + ("" if limit is None else f" LIMIT {int(limit)}")
            )
        ]
    finally:
        connection.close()


class LeanApp(App[None]):
    CSS_PATH = str(REPO / "workshop" / "app.tcss")

    def __init__(self, path: str, limit: int | None) -> None:
        super().__init__()
        self.path = path
        self.limit = limit

    def on_mount(self) -> None:
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = "projector"
        agenda = load_agenda()
        titles = [s.title for s in agenda.stages]
        self.push_screen(StartScreen(summaries(self.path, self.limit), titles))


async def main(path: str, limit: int | None) -> None:
    app = LeanApp(path, limit)
    t_imported = time.monotonic()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        for _ in range(200):
            if len(app.screen_stack) > 1 and app.screen.is_mounted and app.screen.children:
                break
            await pilot.pause(0.005)
        ready = time.monotonic()
        screen = type(app.screen).__name__
    emit(t0=T0, imported=t_imported, ready=ready, screen=screen, ok=screen == "StartScreen")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else None))
