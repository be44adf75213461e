"""Driver: move to every stage with the full workshop, timing each stage screen's build.

    python bench/drive_switch.py DB_URL [--size 160x45] [--rounds N]

Imports the full workshop (5 objectives x 5 key results, 13 check-ins) at set-up
into the (fresh) database DB_URL and opens it in the app under `run_test`, real
tick (0.25 s). Then, for each stage after set-up and finally set-up itself, calls
the app's own stage switch (what Ctrl+N/Ctrl+B do) and times:

- `ready`: until the new stage screen is current, built from the store
  (`StageScreen.is_built`) and, if it has fields, something has the focus;
- `typing`: until the new stage screen is current and a field (or, with no fields, the
  editor) has the focus: when the room can type, though a big editor (key results,
  cadence) is still being built in later steps and `ready` comes after its last one;
- `idle`: until Textual has nothing left to do (`pilot.pause()` after `ready`);
- `cpu`: the process's CPU time over the same span as `idle` (steadier on a busy machine);
- `block`: the longest stretch the event loop did not run a 5 ms watchdog task
  between the switch and `idle`: how long the clock could not tick.

The stage's module is imported before the timer starts (the first-screen figure
covers imports). `--rounds N` walks the stages N times (later rounds reuse the
parsed CSS; the first is what a room sees). Prints
`BENCH {"stages": {key: {"ready": [s...], "typing": [...], "idle": [...], "block": [...]}}, ...}`.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from typing import Any

from common import add_repo_to_path, emit

add_repo_to_path()

WATCH_STEP = 0.005
# As the command line runs it (see WorkshopApp.freeze_long_lived); OKR_BENCH_NO_FREEZE=1 compares.
FREEZE = os.environ.get("OKR_BENCH_NO_FREEZE") != "1"


class Watchdog:
    """A task that wakes every 5 ms; the longest gap is the longest blocking chunk."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    def reset(self) -> None:
        self.longest = 0.0

    async def _run(self) -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(WATCH_STEP)
            self.longest = max(self.longest, time.perf_counter() - before - WATCH_STEP)

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()


def can_type(app: Any, previous: Any) -> bool:
    screen = app.screen
    if screen is previous or not screen.is_mounted:
        return False
    return screen.focused is not None or getattr(screen, "is_built", True)


def is_ready(app: Any, previous: Any) -> bool:
    from textual.widgets import Input

    screen = app.screen
    if screen is previous or not screen.is_mounted or not getattr(screen, "is_built", True):
        return False
    # A stage with nothing to type (the overview's cards) is ready once built.
    return screen.focused is not None or not screen.query(Input)


async def main(db_url: str, size: tuple[int, int], rounds: int) -> None:
    from tests.exports.sample import full_workshop
    from workshop.core.agenda.model import load_agenda
    from workshop.core.db.errors import open_store
    from workshop.tui.app import WorkshopApp
    from workshop.tui.screens.stages import STAGE_SCREENS

    store = open_store(db_url)
    agenda = load_agenda()
    workshop = full_workshop().model_copy(update={"current_stage": 0})
    workshop_id = store.import_workshop(workshop, agenda_json=agenda.model_dump_json())
    keys = [stage.key for stage in agenda.stages]
    for key in keys:
        STAGE_SCREENS[key]  # import every stage module now, not inside the timed span
    order = list(range(1, len(keys))) + [0]
    results: dict[str, dict[str, list[float]]] = {
        key: {"ready": [], "typing": [], "idle": [], "block": [], "cpu": []} for key in keys
    }
    unready: list[str] = []
    app = WorkshopApp(
        store=store,
        agenda=agenda,
        workshop_id=workshop_id,
        tick_seconds=0.25,
        freeze_long_lived=FREEZE,
    )
    watchdog = Watchdog()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        # The imported clock may resume on another stage: start the walk from set-up.
        app._show_stage(0)
        await pilot.pause()
        watchdog.start()
        for _ in range(rounds):
            for index in order:
                previous = app.screen
                await pilot.pause()
                watchdog.reset()
                cpu0 = time.process_time()
                t0 = time.perf_counter()
                app._show_stage(index)
                ready = typing = None
                for _ in range(4000):
                    if typing is None and can_type(app, previous):
                        typing = time.perf_counter()
                    if is_ready(app, previous):
                        ready = time.perf_counter()
                        break
                    await asyncio.sleep(0.002)
                await pilot.pause()
                idle = time.perf_counter()
                cpu = time.process_time() - cpu0
                if ready is None:  # no focus at all: count it at idle, and say so
                    unready.append(keys[index])
                    ready = idle
                entry = results[keys[index]]
                entry["ready"].append(ready - t0)
                entry["typing"].append((typing or ready) - t0)
                entry["idle"].append(idle - t0)
                entry["block"].append(watchdog.longest)
                entry["cpu"].append(cpu)
        watchdog.stop()
        screen = type(app.screen).__name__
    store.close()
    emit(stages=results, unready=sorted(set(unready)), size=list(size), last_screen=screen)


if __name__ == "__main__":
    args = sys.argv[1:]
    size, rounds = (160, 45), 1
    if "--size" in args:
        at = args.index("--size")
        width, height = args.pop(at + 1).split("x")
        args.pop(at)
        size = (int(width), int(height))
    if "--rounds" in args:
        at = args.index("--rounds")
        rounds = int(args.pop(at + 1))
        args.pop(at)
    asyncio.run(main(args[0], size, rounds))
