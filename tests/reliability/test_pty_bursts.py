"""Bursts typed into the real terminal land where they were typed, on a busy machine.

The real app runs in a pseudo-terminal (the terminal driver and Textual's input
parser, not posted events). A facilitator's keys go in at 30 a second, with no
waiting for the screen: text, Enter, Tab, Down, Up, Ctrl+O and stage changes,
across every stage. From the first key to the last, the app shares one core with a
CPU-bound process (or, where it cannot be pinned, runs beside two), so it is slower
than the typist. After Ctrl+Q the database must hold every character in the field it
was typed for, in order, at 80x24 and at 160x45.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.reliability.test_crash import CTRL_N, CTRL_O, DOWN, ENTER, UP, AppInTerminal
from workshop.core.db.store import Store

pytestmark = [
    pytest.mark.pty,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]

KEYS_PER_SECOND = 30
TAB, CTRL_Q = b"\t", b"\x11"

TEAM = "Tigers Support"
FACILITATOR = "Dana Whitfield"
PRIORITIES = ["Answer every ticket within a day", "Keep the help centre current"]
WHY = "customers wait too long"
OBJECTIVES = ["Make the help centre the first place people look", "Answer faster at night"]
KEY_RESULT = ("Grow help articles from 40 to 200", "40", "200", "articles", "Cy Dunn")
QUESTION = "Who owns the night rota?"


def script() -> list[bytes]:
    """Every key of the session, in order: text as characters, the rest as sequences."""
    keys: list[bytes] = []

    def text(words: str) -> None:
        keys.extend(char.encode() for char in words)

    keys.append(ENTER)  # start a new workshop: set-up, the team's field
    text(TEAM)
    keys += [DOWN, DOWN]  # past the period (filled in already) to the facilitator
    text(FACILITATOR)
    keys += [CTRL_N, CTRL_N]  # the overview, then goals
    text(PRIORITIES[0])
    keys.append(CTRL_O)  # a "why" under it
    text(WHY)
    keys += [UP, ENTER]  # back to the priority; Enter adds the next one
    text(PRIORITIES[1])
    keys.append(CTRL_N)  # objectives: the cascade picker has the cursor
    keys.append(ENTER)  # take the highlighted model
    text(OBJECTIVES[0])
    keys.append(ENTER)
    text(OBJECTIVES[1])
    keys.append(CTRL_N)  # key results: the first objective's first key result
    for index, value in enumerate(KEY_RESULT):
        if index:
            keys.append(TAB)
        text(value)
    keys += [CTRL_N, CTRL_N]  # the cadence, then wrap-up: its first question
    text(QUESTION)
    return keys


def cpu_burners(count: int) -> list[subprocess.Popen[bytes]]:
    return [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]


def share_a_core_with_a_burner(pid: int) -> list[subprocess.Popen[bytes]]:
    """Keep the app busy-bound: at most half of one core, whatever else the machine runs.

    The app's threads and one CPU-bound process are held to the same core, so the app
    gets half of it at best: less than beside two burners on two cores (two thirds of
    one). It costs one burner's CPU, not two, and leaves the other cores to the rest
    of the suite. Where threads cannot be pinned, two free burners, as a user checks.
    """
    tasks = Path(f"/proc/{pid}/task")
    if not hasattr(os, "sched_setaffinity") or not tasks.is_dir():
        return cpu_burners(2)
    core = {max(os.sched_getaffinity(0))}
    (burner,) = cpu_burners(1)
    os.sched_setaffinity(burner.pid, core)
    for thread in tasks.iterdir():  # every thread of the app: its writer too
        with contextlib.suppress(ProcessLookupError):
            os.sched_setaffinity(int(thread.name), core)
    return [burner]


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_bursts_on_every_stage_land_in_their_fields_on_a_busy_machine(tmp_path, size):
    columns, lines = size
    db = tmp_path / "bursts.db"
    app = AppInTerminal(db, columns=columns, lines=lines)
    burners: list[subprocess.Popen[bytes]] = []
    try:
        app.wait_for("Start a new workshop")
        # From the first key on: start-up is not what is tested.
        burners = share_a_core_with_a_burner(app.pid)
        for key in script():
            app.press(key, pause=1 / KEYS_PER_SECOND)
        since = app.mark()
        app.press(CTRL_Q)
        deadline = time.monotonic() + 120
        while not app.dead.is_set() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert app.dead.is_set(), f"the app did not quit:\n{app.screen_text(since)[-2000:]}"
        app.reap()
        assert app.exit_status == 0, app.screen_text(since)[-2000:]
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()
        app.stop()

    store = Store.open(f"sqlite:///{db}")
    try:
        (summary,) = store.list_workshops()
        workshop = store.load(summary.id)
    finally:
        store.close()
    assert (workshop.team, workshop.facilitator) == (TEAM, FACILITATOR)
    assert [p.text for p in workshop.priorities] == PRIORITIES
    assert workshop.priorities[0].whys == [WHY]
    assert workshop.cascade_model is not None
    assert [o.text for o in workshop.objectives] == OBJECTIVES
    kr = workshop.objectives[0].key_results[0]
    assert (kr.text, kr.start, kr.target, kr.unit, kr.owner) == KEY_RESULT
    assert [w.text for w in workshop.wrap_items if w.text] == [QUESTION]
