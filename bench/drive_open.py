"""Driver: open one workshop in a database of 1,000 (Store.load, resume, first screen).

    python bench/drive_open.py DB_URL WORKSHOP_ID

Imports come first and are not timed here (the first-screen figure covers
them). Then, timed one after the other: `open_store`, `Store.load`,
`WorkshopSession.resume`, and the app opening that workshop until its stage
screen is built from the store and has the focus (`drive_switch.is_ready`),
under `run_test`. The figure is load + resume + first screen.
Prints `BENCH {"open_store": ..., "load": ..., "resume": ..., "first_screen": ...}`.
"""

from __future__ import annotations

import asyncio
import sys
import time

from common import add_repo_to_path, emit
from drive_switch import is_ready

add_repo_to_path()


async def main(db_url: str, workshop_id: int) -> None:
    from workshop.core.agenda.model import load_agenda
    from workshop.core.db.errors import open_store
    from workshop.core.session.session import WorkshopSession
    from workshop.tui.app import WorkshopApp

    agenda = load_agenda()
    t0 = time.perf_counter()
    store = open_store(db_url)
    t1 = time.perf_counter()
    workshop = store.load(workshop_id)
    t2 = time.perf_counter()
    WorkshopSession.resume(store, workshop_id, fallback_agenda=agenda)
    t3 = time.perf_counter()
    app = WorkshopApp(store=store, agenda=agenda, workshop_id=workshop_id, tick_seconds=0.25)
    async with app.run_test(size=(160, 45)):
        # Ready as in drive_switch.py: the stage screen built from the store, focus in it.
        for _ in range(10000):
            if len(app.screen_stack) > 1 and is_ready(app, None):
                break
            await asyncio.sleep(0.002)
        t4 = time.perf_counter()
        screen = type(app.screen).__name__
    store.close()
    emit(
        open_store=t1 - t0,
        load=t2 - t1,
        resume=t3 - t2,
        first_screen=t4 - t3,
        screen=screen,
        key_results=sum(len(o.key_results) for o in workshop.objectives),
    )


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
