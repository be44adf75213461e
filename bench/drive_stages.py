"""Driver: a whole session, every stage, for the peak-memory figure.

    python bench/drive_stages.py DB_URL

Imports the full workshop (5 objectives x 5 key results, 13 check-ins), opens it
in the app with the real tick, starts the clock, and walks every stage with
Ctrl+N, typing a few words on each (after a Tab, into whatever field takes the
focus). Then goes back to the first stage with Ctrl+B. The runner reads the peak
RSS of this process from wait4; the driver also reports its own ru_maxrss.
Prints `BENCH {"stages": [...], "max_rss_kb": ...}`.
"""

from __future__ import annotations

import asyncio
import resource
import sys

from common import add_repo_to_path, emit

add_repo_to_path()


async def main(db_url: str) -> None:
    from tests.exports.sample import full_workshop
    from workshop.core.agenda.model import load_agenda
    from workshop.core.db.errors import open_store
    from workshop.tui.app import WorkshopApp

    store = open_store(db_url)
    agenda = load_agenda()
    # Start at set-up (the sample sits at wrap-up) so Ctrl+N walks every stage.
    workshop = full_workshop().model_copy(update={"current_stage": 0})
    workshop_id = store.import_workshop(workshop, agenda_json=agenda.model_dump_json())
    app = WorkshopApp(store=store, agenda=agenda, workshop_id=workshop_id, tick_seconds=0.25)
    seen: list[str] = []
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        for _ in range(len(agenda.stages)):
            seen.append(type(app.screen).__name__)
            await pilot.press("tab", *"bench note")
            await pilot.pause()
            await pilot.press("ctrl+n")
            await pilot.pause()
        for _ in range(len(agenda.stages)):
            await pilot.press("ctrl+b")
        await pilot.pause()
        seen.append(type(app.screen).__name__)
    store.close()
    emit(stages=seen, max_rss_kb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
