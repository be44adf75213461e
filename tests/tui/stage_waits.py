"""Waiting for the stage a key leads to: conditions, never time (the suite runs on a busy machine).

`pilot.press` returns once the key is handed to the app's key pump, not once the stage it
opens is built; a test that looks at `app.screen` straight after can see the stage before.
"""

from __future__ import annotations

from workshop.core.agenda.model import load_agenda
from workshop.tui.screens.base import StageScreen

# The workshop's stages by their place in its agenda (steps/), named once for every test.
_KEYS = [stage.key for stage in load_agenda().stages]
OVERVIEW, GOALS, OBJECTIVES, KEY_RESULTS, CADENCE, WRAP_UP = (
    _KEYS.index(key)
    for key in ("overview", "goals", "objectives", "key_results", "cadence", "wrap_up")
)

# Pauses of the event loop before giving up: generous, because each is one turn of the loop.
SETTLE_ROUNDS = 3000


async def on_stage(pilot, expected: int) -> StageScreen:
    """Wait until the app shows stage `expected`, fully built; fail with what it shows."""
    app = pilot.app
    await app.keys_settled()  # every key sent so far has been handled
    for _ in range(SETTLE_ROUNDS):
        if not app.is_running:
            break  # it stopped (a crash would say so below)
        screen = app.screen
        if (
            isinstance(screen, StageScreen)
            and screen.stage_index == expected
            and screen.is_built
            and app.session.timer.current == expected
        ):
            await pilot.pause()  # whatever the build set off has run too
            return screen
        await pilot.pause()
    raise AssertionError(
        f"not on stage {expected}, built: showing {app.screen!r}, "
        f"session at {app.session.timer.current if app.session else None}, "
        f"running {app.is_running}"
    )


async def go_to_stage(pilot, index: int) -> StageScreen:
    """Press Ctrl+B or Ctrl+N, one key at a time, until stage `index` is on screen and built."""
    app = pilot.app
    await app.keys_settled()
    while app.session.timer.current != index:
        await pilot.press("ctrl+b" if app.session.timer.current > index else "ctrl+n")
        await app.keys_settled()
    return await on_stage(pilot, index)
