"""Driver: the CPU one typed key costs on a stage with a few items on it.

    python bench/drive_key_cost.py [goals|key_results] [ROUNDS]

Seeds 3 priorities and 3 objectives of 3 key results each, opens the stage at
160x45, then types a 44-character sentence into its first field, one key per
`pilot.press`, ROUNDS times (default 3). Pilot's idle waits run in 2 ms steps (as
in the test suite), so the wall time is mostly the app's own work; the CPU time of
the typing span, divided by the keys, is the figure. Prints
`BENCH {"stage": ..., "cpu_ms_per_key": [...], "wall_ms_per_key": [...]}`.
"""

from __future__ import annotations

import asyncio
import sys
import time

from common import add_repo_to_path, emit

add_repo_to_path()

SENTENCE = "Grow weekly active users from 1200 to 2000 "
STAGES = {"goals": 1, "key_results": 3}


async def one_round(stage: int) -> tuple[float, float]:
    import textual._wait

    from workshop.core.agenda.model import load_agenda
    from workshop.core.db.store import Item, Store
    from workshop.tui.app import WorkshopApp

    textual._wait.SLEEP_GRANULARITY = 0.002
    textual._wait.SLEEP_IDLE = 0.0005
    store = Store.open("sqlite://")
    agenda = load_agenda()
    workshop_id = store.create_workshop(
        team="Support", period="2027-Q1", agenda_json=agenda.model_dump_json()
    )
    for n in range(3):
        store.add(Item.PRIORITY, workshop_id, text=f"Priority {n}")
        objective = store.add(Item.OBJECTIVE, workshop_id, text=f"Objective {n}")
        for k in range(3):
            store.add(Item.KEY_RESULT, objective, text=f"Raise the score from {k} to 50")
    app = WorkshopApp(store=store, agenda=agenda, workshop_id=workshop_id, tick_seconds=3600)
    async with app.run_test(size=(160, 45)) as pilot:
        assert app.session is not None
        app.session.set_stage(stage)
        await pilot.press("ctrl+n")
        await app.keys_settled()
        await pilot.pause()
        cpu, wall = time.process_time(), time.perf_counter()
        for key in SENTENCE:
            await pilot.press(key)
        await app.keys_settled()
        await pilot.pause()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    store.close()
    return cpu / len(SENTENCE) * 1000, wall / len(SENTENCE) * 1000


async def main(stage_name: str, rounds: int) -> None:
    cpu, wall = [], []
    for _ in range(rounds):
        cpu_ms, wall_ms = await one_round(STAGES[stage_name])
        cpu.append(round(cpu_ms, 1))
        wall.append(round(wall_ms, 1))
    emit(stage=stage_name, cpu_ms_per_key=cpu, wall_ms_per_key=wall)


if __name__ == "__main__":
    asyncio.run(
        main(
            sys.argv[1] if len(sys.argv) > 1 else "key_results",
            int(sys.argv[2]) if len(sys.argv) > 2 else 3,
        )
    )
