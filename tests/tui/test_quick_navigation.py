"""Quick navigation never crashes: Ctrl+N and Ctrl+B as fast as the room can press them.

A stage can be left while it is still building (the key results stage builds one
objective per turn of the event loop, the cadence stage its meetings in chunks) and
while its coach still waits to judge the last draft. Nothing a left screen does
afterwards may reach for a widget that is gone, or not mounted yet: on the full
workshop (5 objectives of 5 key results, 13 meetings) that used to end the app with
`NoMatches: No nodes match '.ns-message' on ObjectiveBlock` (or '#kr-coach',
'#kr-objectives').

The keys are sent the way the terminal sends them, with no wait between them. Between
two keys the test lets the event loop run a varying number of turns (seeded), so the
switches land at many different points of a build. No test waits for time. Set
OKR_NAVIGATION_SEED to try other interleavings.
"""

from __future__ import annotations

import asyncio
import os
import random

from textual import events

from tests.exports.sample import full_workshop
from tests.tui.stage_waits import on_stage
from workshop.tui.screens.base import StageScreen

STAGES = 7
ROUNDS = 2  # forwards and back through every stage
WALKS = 6  # random bursts
# Loop turns let pass between two keys: none (one burst), a few, or enough for a build
# step or two to run in between.
GAPS = (0, 0, 0, 1, 2, 3, 5, 8, 13, 30)


def send(app, key: str) -> None:
    """One key, as the terminal driver delivers it, without waiting for it to be handled."""
    event = events.Key(key, None)
    event.set_sender(app)
    app._driver.send_message(event)


async def settle(pilot, expected: int) -> StageScreen:
    """Wait until the app shows stage `expected`, fully built (fails if it has stopped)."""
    return await on_stage(pilot, expected)


async def walk(pilot, keys: list[str], rng: random.Random, start: int) -> int:
    """Press `keys` with varying gaps; return the stage they should end on.

    Most gaps are a few turns of the event loop; some are a few repaints, so a stage
    is also left part-way through its build (the room pressing a key a second apart).
    """
    expected = start
    for key in keys:
        send(pilot.app, key)
        expected = min(STAGES - 1, expected + 1) if key == "ctrl+n" else max(0, expected - 1)
        if rng.random() < 0.2:
            for _ in range(rng.randint(1, 4)):
                await pilot.pause()
        else:
            for _ in range(rng.choice(GAPS)):
                await asyncio.sleep(0)
    return expected


async def test_every_stage_forwards_and_back_with_no_pause_between_keys(make_app, store):
    app = make_app(store.import_workshop(full_workshop()))
    rng = random.Random(os.environ.get("OKR_NAVIGATION_SEED", "quick-navigation"))
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        stage = app.session.timer.current  # the full workshop opens at wrap-up
        await settle(pilot, stage)
        # Every stage, forwards then back, several times over, each time as one burst.
        for _ in range(ROUNDS):
            stage = await walk(pilot, ["ctrl+n"] * (STAGES - 1), rng, stage)
            stage = await walk(pilot, ["ctrl+b"] * (STAGES - 1), rng, stage)
        await check_sane(pilot, stage)


async def test_the_reported_bursts(make_app, store):
    app = make_app(store.import_workshop(full_workshop()))
    rng = random.Random(os.environ.get("OKR_NAVIGATION_SEED", "quick-navigation") + "-walk")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        stage = app.session.timer.current
        await settle(pilot, stage)
        # As reported: twice forwards from objectives, three times back from wrap-up.
        for start, keys in ((3, ["ctrl+n"] * 2), (6, ["ctrl+b"] * 3)):
            while stage != start:
                stage = await walk(pilot, ["ctrl+n" if stage < start else "ctrl+b"], rng, stage)
                await settle(pilot, stage)
            stage = await walk(pilot, keys, rng, stage)
            await settle(pilot, stage)
        await check_sane(pilot, stage)


# A separate test from the reported bursts, so that parallel workers share them.
async def test_a_random_walk(make_app, store):
    app = make_app(store.import_workshop(full_workshop()))
    rng = random.Random(os.environ.get("OKR_NAVIGATION_SEED", "quick-navigation") + "-walk")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        stage = app.session.timer.current
        await settle(pilot, stage)
        # Back and forth at random: bursts, and now and then a stop.
        for _ in range(WALKS):
            keys = [rng.choice(["ctrl+n", "ctrl+n", "ctrl+b"]) for _ in range(rng.randint(1, 6))]
            stage = await walk(pilot, keys, rng, stage)
            if rng.random() < 0.3:
                await settle(pilot, stage)
        await check_sane(pilot, stage)


async def check_sane(pilot, stage: int) -> None:
    """The app shows the stage the keys lead to, built, on top, and it still works."""
    app = pilot.app
    screen = await settle(pilot, stage)
    assert screen.stage_index == stage == app.session.timer.current
    assert app.screen_stack[-1] is screen
    assert list(screen.query("#stage-main"))
