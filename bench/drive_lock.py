"""Driver: does the clock keep repainting while another program holds SQLite's write lock?

    python bench/drive_lock.py DB_PATH [--hold 10] [--rate 20] [--size 160x45] [--tick 0.25]
                               [--seed N]

The app runs under `run_test` on a SQLite file (a fresh workshop), real tick. Ctrl+N,
F5 (the clock starts on the overview), Ctrl+N: the goals stage. A few words go into the
first priority. Then another process (`LOCKER` below, plain `sqlite3`) opens the same
file, runs `BEGIN IMMEDIATE` and holds the write lock for `--hold` seconds, then commits.
Meanwhile the typist goes on at `--rate` keys a second, posting keys as a terminal
delivers them (never waiting for the app): priorities, Ctrl+O and a "why", Up, Enter
for the next priority. The words are drawn from `--seed` and carry its mark, so every
run types different text.

Measured, in process:

- `gap`: the longest time between two successive clock repaints (every call of
  `ClockPanel.show`, which the tick makes each `--tick` seconds) from the moment the
  lock is taken until 1 s after it is released; `gap_outside` is the same figure
  for the rest of the run, for comparison. The tick is on a fixed schedule, so the
  gap is the tick plus how late a repaint came: `gap - tick` is how long the clock
  went without a repaint that was due (the runner's figure, "stall");
- `digits_gap`: the longest time between two successive changes of the big digits
  (they change once a second while the clock runs);
- `block`: the longest the event loop did not run (a 5 ms watchdog task) in the same span;
- `saved_after_release`: once the lock is released, two ticks have handed the last
  edits to the writer and the app's save status is back to "ok" with nothing waiting,
  how long after the release that was; then the database is read from another
  connection and compared with what was typed (`lost` and `misplaced` characters, as
  in `drive_keys.py`; `draft_lost`/`draft_misplaced` compare the session's own draft,
  to tell keys the app never took from edits the writer did not save; `dropped` is
  the writer's count of changes it gave up on);
- `states_during_lock`: the save states the app showed while the lock was held (it
  should say "delayed").

Prints `BENCH {"gap": s, "digits_gap": s, "block": s, "lost": n, "misplaced": n, ...}`.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from pathlib import Path
from typing import Any

from common import add_repo_to_path, emit

add_repo_to_path()

from drive_keys import WORDS, compare, stored_fields  # noqa: E402

WATCH_STEP = 0.005
LOCKER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
conn.execute("BEGIN IMMEDIATE")
print("locked", time.monotonic(), flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
print("released", time.monotonic(), flush=True)
conn.close()
"""


class Watchdog:
    """A task waking every 5 ms; records when each wake came late, and by how much."""

    def __init__(self) -> None:
        self.blocks: list[tuple[float, float]] = []  # (when it woke, how long it was held up)
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        while True:
            before = time.monotonic()
            await asyncio.sleep(WATCH_STEP)
            now = time.monotonic()
            self.blocks.append((now, now - before - WATCH_STEP))

    def longest(self, start: float, end: float) -> float:
        return max((b for t, b in self.blocks if start <= t <= end), default=0.0)

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()


def key(name: str) -> Any:
    """The event the terminal driver makes for a key: letters, digits, space, or a name."""
    from textual import events

    if name == " ":
        return events.Key("space", " ")
    if len(name) == 1:
        return events.Key(name, name)
    return events.Key(name, None)


def longest_gap(times: list[float], start: float, end: float) -> float:
    inside = [t for t in times if start <= t <= end]
    # The gap into the span and out of it count too: from the last paint before it.
    before = [t for t in times if t < start]
    after = [t for t in times if t > end]
    points = before[-1:] + inside + after[:1]
    return max((b - a for a, b in zip(points, points[1:], strict=False)), default=end - start)


def gaps_outside(times: list[float], start: float, end: float) -> float:
    points = [t for t in times if t < start or t > end]
    pairs = zip(points, points[1:], strict=False)
    return max((b - a for a, b in pairs if not (a < start and b > end)), default=0.0)


def plain_words(rng: random.Random, count: int) -> str:
    # Letters, digits and spaces only: the keys are built without Textual's key tables.
    chosen = [rng.choice(WORDS) for _ in range(count)]
    text = " ".join(w for w in chosen if w.isascii() and w.isalnum())
    return text.capitalize() or "Grow"


async def main(args: argparse.Namespace) -> None:
    from workshop.core.agenda.model import load_agenda
    from workshop.core.db.errors import open_store
    from workshop.tui.app import WorkshopApp
    from workshop.tui.screens.goals import GoalsScreen
    from workshop.tui.widgets.clock import BigDigits, ClockPanel

    rng = random.Random(args.seed)
    tag = f"r{args.seed % 100000:05d}"
    url = f"sqlite:///{args.db}"
    store = open_store(url)
    agenda = load_agenda()
    workshop_id = store.create_workshop(agenda_json=agenda.model_dump_json(), team="Lock bench")

    paints: list[float] = []
    digits: list[tuple[float, str]] = []
    real_show, real_update = ClockPanel.show, BigDigits.update

    def show(panel: ClockPanel, timer: Any) -> None:
        paints.append(time.monotonic())
        real_show(panel, timer)

    def update(widget: BigDigits, text: str) -> None:
        if not digits or digits[-1][1] != text:
            digits.append((time.monotonic(), text))
        real_update(widget, text)

    ClockPanel.show = show  # type: ignore[method-assign]
    BigDigits.update = update  # type: ignore[method-assign]

    expected: dict[str, str] = {}
    where = {"priority": 0, "why": -1}

    def path() -> str:
        p = where["priority"]
        return f"priorities[{p}].text" if where["why"] < 0 else f"priorities[{p}].whys[0]"

    app = WorkshopApp(
        store=store,
        agenda=agenda,
        workshop_id=workshop_id,
        tick_seconds=args.tick,
        freeze_long_lived=True,
    )
    columns, lines = (int(x) for x in args.size.split("x"))
    watchdog = Watchdog()
    states: list[str] = []
    async with app.run_test(size=(columns, lines)):

        def send(name: str) -> None:
            app.post_message(key(name))

        async def type_text(text: str, until: float | None = None) -> int:
            """Type `text` at `--rate` keys a second (scheduled); stop early at `until`."""
            sent = 0
            due = time.monotonic()
            for char in text:
                if until is not None and time.monotonic() >= until:
                    break
                send(char)
                expected[path()] = expected.get(path(), "") + char
                sent += 1
                due += 1 / args.rate
                await asyncio.sleep(max(0.0, due - time.monotonic()))
            return sent

        await app.keys_settled()
        for name in ("ctrl+n", "f5", "ctrl+n"):
            send(name)
        await app.keys_settled()
        for _ in range(2000):
            if isinstance(app.screen, GoalsScreen) and app.screen.is_built:
                break
            await asyncio.sleep(0.01)
        assert isinstance(app.screen, GoalsScreen), type(app.screen).__name__
        session = app.session
        assert session is not None
        await type_text(f"Before the lock {tag} ")
        await app.keys_settled()
        watchdog.start()

        locker = await asyncio.create_subprocess_exec(
            sys.executable, "-c", LOCKER, str(args.db), str(args.hold),
            stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        assert locker.stdout is not None
        locked_line = await locker.stdout.readline()
        locked_at = float(locked_line.split()[1])

        async def watch_states() -> None:
            while True:
                states.append(session.save_status.state)
                await asyncio.sleep(args.tick)

        watcher = asyncio.get_running_loop().create_task(watch_states())
        # Type for as long as the lock is held, and a second more.
        typed = 0
        stop_at = locked_at + args.hold + 1.0
        while time.monotonic() < stop_at:
            words = plain_words(rng, rng.randint(3, 6)) + f" {tag}"
            typed += await type_text(words, until=stop_at)
            step = rng.random()
            if where["why"] < 0 and step < 0.4:
                send("ctrl+o")  # a why under the priority
                where["why"] = 0
            elif where["why"] == 0:
                send("up")  # back to the priority, then Enter: the next priority
                send("enter")
                where.update(priority=where["priority"] + 1, why=-1)
            else:
                send("enter")
                where.update(priority=where["priority"] + 1, why=-1)
            typed += 1
            await asyncio.sleep(1 / args.rate)
        released_line = await locker.stdout.readline()
        released_at = float(released_line.split()[1]) if released_line else time.monotonic()
        await locker.wait()
        watcher.cancel()
        await app.keys_settled()
        # The tick hands typed edits to the writer: let two ticks pass, then everything
        # queued must reach the database now that the lock is gone.
        ticks = len(paints)
        while len(paints) < ticks + 2:
            await asyncio.sleep(args.tick / 5)
        saved_at = None
        for _ in range(1200):
            status = session.save_status
            if status.ok and status.waiting == 0:
                saved_at = time.monotonic()
                break
            await asyncio.sleep(0.05)
        end = released_at + 1.0
        gap = longest_gap(paints, locked_at, end)
        outside = gaps_outside(paints, locked_at, end)
        digit_times = [t for t, _ in digits]
        digits_gap = longest_gap(digit_times, locked_at, end)
        block = watchdog.longest(locked_at, end)
        watchdog.stop()
        check = open_store(url)
        try:
            workshop = check.load(workshop_id)
        finally:
            check.close()
        found = compare(expected, stored_fields(workshop) | _untyped(expected, workshop))
        draft = compare(expected, stored_fields(session.load()) | _untyped(expected, workshop))
        found["draft_lost"], found["draft_misplaced"] = draft["lost"], draft["misplaced"]
        found["dropped"] = getattr(session._writer, "_dropped", None)
    store.close()
    found["fields"] = found["fields"][:8]
    seen = sorted(set(states))
    emit(
        gap=gap,
        gap_outside=outside,
        digits_gap=digits_gap,
        block=block,
        paints_during=sum(1 for t in paints if locked_at <= t <= end),
        held=released_at - locked_at,
        typed_keys=typed,
        saved_after_release=None if saved_at is None else saved_at - released_at,
        states_during_lock=seen,
        tick=args.tick,
        size=[columns, lines],
        seed=args.seed,
        **found,
    )


def _untyped(expected: dict[str, str], workshop: Any) -> dict[str, str]:
    """Fields the driver never typed in (the team it was created with, the set-up
    defaults) are left out of the comparison: they count as holding what was typed."""
    return {name: expected.get(name, "") for name in ("team", "period", "timezone")}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("--hold", type=float, default=10.0)
    parser.add_argument("--rate", type=float, default=20.0)
    parser.add_argument("--size", default="160x45")
    parser.add_argument("--tick", type=float, default=0.25)
    parser.add_argument("--seed", type=int, default=int(time.time()) % 1_000_000)
    asyncio.run(main(parser.parse_args()))
