"""Driver: the longest event-loop block while typing, and while switching stages, full workshop.

    python bench/drive_block.py DB_URL [--size 160x45] [--rate 30] [--rounds 2] [--seed N]
                                [--sample] [--profile] [--verbose]

The full workshop (`tests/exports/sample.py::full_workshop`: 5 objectives x 5 key
results, 13 meetings) is imported at set-up into the fresh database DB_URL and opened
in the app under `run_test`, real tick (0.25 s), clock running (F5). Every key goes
through the app's key pump, posted as the terminal driver delivers it (`events.Key`),
never waiting for the app between keys; `app.keys_settled()` ends each burst.

- *switch*: Ctrl+N from set-up through every stage to wrap-up, then Ctrl+B back to
  set-up, `--rounds` times (the first walk is the room's first visit to each stage);
  after each key, until the new stage is current, built (`is_built`) and Textual is
  idle (`pilot.pause()`);
- *typing*: on each stage with fields, `--rate` keys a second (scheduled) into the
  field that has the cursor (on the cadence, Tab Tab from the date to the meeting's
  note): End, a sentence, Enter (a new line, or on a full list the app's warning), more
  words; then `keys_settled()`. About 480 keys in all.

Stage modules are imported before the app starts (the first-screen figure covers
imports). A watchdog task sleeps 5 ms at a time; the longest gap beyond 5 ms in a span is the
longest the event loop was blocked there (the clock could not tick). With each gap it
notes the CPU time the event loop's thread used meanwhile (`time.thread_time`): on a
busy machine the wall time of a block grows with the load, its CPU time does not, so
`*_cpu` says what the same block costs on a free core.

`--sample` also runs a sampling thread (every 2 ms, `sys._current_frames`) and prints,
for the longest blocks, the functions the event loop was in (project and Textual
frames, innermost last), so the time can be attributed without a profiler's overhead.

`--handles` times every callback the event loop runs (`asyncio.Handle._run`) and
prints, for the four longest blocks, each callback over 2 ms inside it (a message
pump's task names its widget), so a block can be split into the work that made it.

`--profile` runs each stage switch under cProfile and prints, on stderr, the top
functions (cumulative and own time) of the three slowest switches.

Prints `BENCH {"switch": {stage: [s...]}, "typing": {stage: s}, "keys": n, ...}`.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import collections
import gc
import io
import pstats
import random
import resource
import sys
import threading
import time
from typing import Any

from common import BENCH_DIR, add_repo_to_path, emit

add_repo_to_path()

WATCH_STEP = 0.005
SAMPLE_STEP = 0.002


class Watchdog:
    """Wakes every 5 ms; keeps (woke at, blocked for) for every wake."""

    def __init__(self) -> None:
        # (woke at, blocked for, CPU time the event loop's thread used meanwhile)
        self.wakes: list[tuple[float, float, float]] = []
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        while True:
            before, cpu = time.perf_counter(), time.thread_time()
            await asyncio.sleep(WATCH_STEP)
            now = time.perf_counter()
            self.wakes.append((now, now - before - WATCH_STEP, time.thread_time() - cpu))

    def longest(self, start: float, end: float) -> tuple[float, float, float]:
        """(blocked for, woke at, its CPU time) of the longest block ending in [start, end]."""
        best = (0.0, start, 0.0)
        for woke, blocked, cpu in self.wakes:
            if start <= woke <= end and blocked > best[0]:
                best = (blocked, woke, cpu)
        return best

    def longest_without(
        self, start: float, end: float, gc_watch: GcWatch
    ) -> tuple[float, float, float]:
        """(seconds, woke at, whole block) of the longest block ending in [start, end] once
        garbage collection is taken out."""
        best = (0.0, start, 0.0)
        for woke, blocked, _ in self.wakes:
            if start <= woke <= end and blocked > 0.02:
                rest = blocked - gc_watch.seconds_in(woke - blocked - WATCH_STEP, woke)
                if rest > best[0]:
                    best = (rest, woke, blocked)
        return best

    def most_cpu(self, start: float, end: float) -> float:
        """The most CPU time the event loop's thread spent in one block in [start, end]."""
        return max((cpu for woke, _, cpu in self.wakes if start <= woke <= end), default=0.0)

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()


class Sampler:
    """Samples the event loop thread's stack every 2 ms, in another thread."""

    def __init__(self, thread_id: int) -> None:
        self.thread_id = thread_id
        self.samples: list[tuple[float, tuple[str, ...]]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            frame = sys._current_frames().get(self.thread_id)
            stack: list[str] = []
            while frame is not None:
                code = frame.f_code
                name = code.co_filename
                if "/workshop/" in name or "/textual/" in name or "/rich/" in name:
                    short = name.rsplit("/site-packages/", 1)[-1].rsplit("/main/", 1)[-1]
                    qual = getattr(code, "co_qualname", code.co_name)
                    stack.append(f"{short}:{qual}")
                frame = frame.f_back
            self.samples.append((time.perf_counter(), tuple(reversed(stack))))
            time.sleep(SAMPLE_STEP)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def during(self, start: float, end: float, top: int = 12) -> dict[str, Any]:
        """The functions the loop was in between start and end: self time and inclusive."""
        stacks = [s for t, s in self.samples if start <= t <= end]
        inclusive: collections.Counter[str] = collections.Counter()
        innermost: collections.Counter[str] = collections.Counter()
        for stack in stacks:
            for name in set(stack):
                inclusive[name] += 1
            if stack:
                innermost[stack[-1]] += 1
        n = max(1, len(stacks))
        return {
            "samples": len(stacks),
            "inclusive": [(k, round(v / n, 2)) for k, v in inclusive.most_common(top * 3)],
            "innermost": [(k, round(v / n, 2)) for k, v in innermost.most_common(top)],
        }


class GcWatch:
    """Every garbage collection: (start, end, generation, objects collected)."""

    def __init__(self) -> None:
        self.runs: list[tuple[float, float, int, int]] = []
        self._start = 0.0
        self._start_list: list[float] = []

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.runs.append(
                (self._start, time.perf_counter(), info["generation"], info["collected"])
            )

    def seconds_in(self, start: float, end: float) -> float:
        """Seconds of collection (any generation) inside [start, end]."""
        starts = self._starts()
        total = 0.0
        # Runs never overlap; a long one started at most `longest` before `start`.
        index = max(0, bisect.bisect_left(starts, start - 5.0))
        for a, b, _, _ in self.runs[index:]:
            if a > end:
                break
            overlap = min(b, end) - max(a, start)
            if overlap > 0:
                total += overlap
        return total

    def _starts(self) -> list[float]:
        if len(self._start_list) != len(self.runs):
            self._start_list = [a for a, _, _, _ in self.runs]
        return self._start_list

    def during(self, start: float, end: float) -> dict[str, float]:
        """Seconds of collection per generation inside [start, end]."""
        out: dict[str, float] = {}
        for a, b, generation, _ in self.runs:
            overlap = min(b, end) - max(a, start)
            if overlap > 0:
                out[f"gen{generation}"] = out.get(f"gen{generation}", 0.0) + overlap
        return {k: round(v, 4) for k, v in out.items()}

    def longest(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for a, b, generation, _ in self.runs:
            out[f"gen{generation}"] = max(out.get(f"gen{generation}", 0.0), round(b - a, 4))
        return out


class HandleTimer:
    """Times every callback the event loop runs (wraps `asyncio.events.Handle._run`)."""

    LONGEST = 0.002
    # With a profiler: callbacks at least this long keep their profile.
    PROFILED = 0.03

    def __init__(self, profile: Any = None) -> None:
        # (started, seconds, CPU seconds, what)
        self.runs: list[tuple[float, float, float, str]] = []
        self._original: Any = None
        # cProfile, to profile each callback on its own; the longest kept.
        self._profile = profile
        self.profiles: list[tuple[float, str, Any]] = []

    def install(self) -> None:
        import asyncio.events

        original = self._original = asyncio.events.Handle._run
        runs = self.runs
        cprofile = self._profile
        profiles = self.profiles

        def _run(handle: Any) -> None:
            profiler = cprofile.Profile() if cprofile is not None else None
            start, cpu = time.perf_counter(), time.thread_time()
            if profiler is not None:
                profiler.enable()
            original(handle)
            if profiler is not None:
                profiler.disable()
            seconds = time.perf_counter() - start
            if seconds > HandleTimer.LONGEST:
                runs.append((start, seconds, time.thread_time() - cpu, describe(handle)))
            if profiler is not None and seconds >= HandleTimer.PROFILED:
                profiles.append((seconds, describe(handle), profiler))

        asyncio.events.Handle._run = _run  # type: ignore[method-assign]

    def uninstall(self) -> None:
        import asyncio.events

        if self._original is not None:
            asyncio.events.Handle._run = self._original  # type: ignore[method-assign]

    def during(self, start: float, end: float) -> list[tuple[float, float, str]]:
        """(ms, CPU ms, what) of each long callback that ran in [start, end]."""
        return [
            (round(s * 1000, 1), round(c * 1000, 1), what)
            for at, s, c, what in self.runs
            if at >= start and at + s <= end + 0.001
        ]


def describe(handle: Any) -> str:
    """What a callback is: a task's coroutine and the node it runs for, or its name."""
    callback = handle._callback
    task = getattr(callback, "__self__", None)
    if isinstance(task, asyncio.Task):
        coro: Any = task.get_coro()
        what = getattr(coro, "__qualname__", str(coro))
        frame = getattr(coro, "cr_frame", None)
        node = frame.f_locals.get("self") if frame is not None else None
        if node is not None:
            ident = getattr(node, "id", None)
            what += f" @{type(node).__name__}" + (f"#{ident}" if ident else "")
        return what
    return str(getattr(callback, "__qualname__", callback))


def stdlib_cprofile() -> Any:
    """The standard library's cProfile (bench/profile.py would shadow its `profile`)."""
    saved = sys.path[:]
    here = str(BENCH_DIR)
    sys.path[:] = [p for p in sys.path if p not in ("", here) and p != here + "/"]
    try:
        import cProfile

        return cProfile
    finally:
        sys.path[:] = saved


def key(name: str) -> Any:
    from textual import events

    if name == " ":
        return events.Key("space", " ")
    if len(name) == 1:
        return events.Key(name, name)
    return events.Key(name, None)


async def main(args: argparse.Namespace) -> None:
    from textual.widgets import Input

    from tests.exports.sample import full_workshop
    from workshop.core.agenda.model import load_agenda
    from workshop.core.db.errors import open_store
    from workshop.tui.app import WorkshopApp
    from workshop.tui.screens.stages import STAGE_SCREENS

    rng = random.Random(args.seed)
    tag = f"r{args.seed % 100000:05d}"
    store = open_store(args.db)
    agenda = load_agenda()
    workshop = full_workshop().model_copy(update={"current_stage": 0})
    workshop_id = store.import_workshop(workshop, agenda_json=agenda.model_dump_json())
    keys = [stage.key for stage in agenda.stages]
    for name in keys:
        STAGE_SCREENS[name]  # import every stage module now
    app = WorkshopApp(
        store=store,
        agenda=agenda,
        workshop_id=workshop_id,
        tick_seconds=0.25,
        freeze_long_lived=True,
    )
    columns, lines = (int(x) for x in args.size.split("x"))
    watchdog = Watchdog()
    gc_watch = GcWatch()
    gc.callbacks.append(gc_watch)
    sampler = Sampler(threading.get_ident()) if args.sample else None
    handles = (
        HandleTimer(stdlib_cprofile() if args.profile_handles else None)
        if args.handles or args.profile_handles
        else None
    )
    switch: dict[str, list[float]] = {}
    typing: dict[str, float] = {}
    switch_cpu: dict[str, list[float]] = {}
    typing_cpu: dict[str, float] = {}
    switch_no_gc: dict[str, list[float]] = {}
    typing_no_gc: dict[str, float] = {}
    typed_keys = 0
    spans: list[tuple[str, float, float, float, float]] = []  # (what, start, end, block, at)
    rest_spans: list[tuple[str, float, float, float]] = []  # (what, without gc, at, block)
    profiles: list[tuple[float, str, Any]] = []
    cProfile = stdlib_cprofile() if args.profile else None
    landed: dict[str, bool] = {}
    vocabulary = [
        "grow",
        "answer",
        "night",
        "rota",
        "help",
        "article",
        "customer",
        "weekly",
        "review",
        "trial",
    ]

    began = time.perf_counter()
    async with app.run_test(size=(columns, lines)) as pilot:

        def send(name: str) -> None:
            app.post_message(key(name))

        async def settled_on(index: int) -> None:
            """Until stage `index` is current, built, and Textual has nothing left to do."""
            await app.keys_settled()
            for _ in range(6000):
                screen = app.screen
                if getattr(screen, "stage_index", None) == index and screen.is_built:
                    break
                await asyncio.sleep(0.005)
            else:
                raise RuntimeError(f"stage {keys[index]} never came: {type(app.screen).__name__}")
            await pilot.pause()
            if args.verbose:
                print(f"  at {keys[index]} after {time.perf_counter() - began:.1f} s",
                      file=sys.stderr, flush=True)  # fmt: skip

        async def walk() -> None:
            order = [(i, "ctrl+n") for i in range(1, len(keys))]
            order += [(i, "ctrl+b") for i in range(len(keys) - 2, -1, -1)]
            for index, name in order:
                await pilot.pause()
                profiler = cProfile.Profile() if cProfile is not None else None
                t0 = time.perf_counter()
                if profiler is not None:
                    profiler.enable()
                send(name)
                await settled_on(index)
                if profiler is not None:
                    profiler.disable()
                t1 = time.perf_counter()
                if profiler is not None:
                    profiles.append((t1 - t0, f"{name} to {keys[index]}", profiler))
                block, at, _ = watchdog.longest(t0, t1)
                label = f"{name} to {keys[index]}"
                switch.setdefault(keys[index], []).append(block)
                switch_cpu.setdefault(keys[index], []).append(watchdog.most_cpu(t0, t1))
                rest, rest_at, rest_block = watchdog.longest_without(t0, t1, gc_watch)
                switch_no_gc.setdefault(keys[index], []).append(rest)
                spans.append((label, t0, t1, block, at))
                rest_spans.append((label, rest, rest_at, rest_block))

        async def type_here(stage: str) -> int:
            focused = app.focused
            if args.verbose:
                print(f"  typing on {stage}: {focused!r}", file=sys.stderr, flush=True)
            if not isinstance(focused, Input):
                return 0
            start = ["end"]
            again: list[str] = []
            if focused.has_class("meeting-date"):
                # A meeting's note (its date and time take no words), and after Enter (a
                # new meeting, its date focused) the new meeting's note.
                start, again = ["tab", "tab", "end"], ["tab", "tab"]
            words = " ".join(rng.choice(vocabulary) for _ in range(7))
            first = f" {words} {tag}"
            second = " ".join(rng.choice(vocabulary) for _ in range(4))
            names = [*start, *first, "enter", *again, *second]
            t0 = time.perf_counter()
            due = t0
            for name in names:
                send(name)
                due += 1 / args.rate
                await asyncio.sleep(max(0.0, due - time.perf_counter()))
            await app.keys_settled()
            await pilot.pause()
            t1 = time.perf_counter()
            block, at, _ = watchdog.longest(t0, t1)
            typing[stage] = block
            typing_cpu[stage] = watchdog.most_cpu(t0, t1)
            rest, rest_at, rest_block = watchdog.longest_without(t0, t1, gc_watch)
            typing_no_gc[stage] = rest
            rest_spans.append((f"typing on {stage}", rest, rest_at, rest_block))
            spans.append((f"typing on {stage}", t0, t1, block, at))
            draft = app.session.load().model_dump_json() if app.session else ""
            landed[stage] = tag in draft and second in draft
            return len(names)

        await app.keys_settled()
        await pilot.pause()
        # The imported clock resumes on the overview: back to set-up, start the clock.
        while app.session is not None and app.session.timer.current > 0:
            send("ctrl+b")
            await app.keys_settled()
        send("f5")
        await settled_on(0)
        watchdog.start()
        if handles is not None:
            handles.install()
        if sampler is not None:
            sampler.start()
        for _ in range(args.rounds):
            await walk()
        # Typing: every stage in turn, forwards.
        for index in range(len(keys)):
            if index:
                send("ctrl+n")
                await settled_on(index)
            typed_keys += await type_here(keys[index])
        watchdog.stop()
        if handles is not None:
            handles.uninstall()
        if sampler is not None:
            sampler.stop()
        last = type(app.screen).__name__
        collector = getattr(app, "_collector", None)
        frozen_growth = collector.frozen_growth if collector else 0
    store.close()
    gc.callbacks.remove(gc_watch)
    worst = sorted(spans, key=lambda s: -s[3])[:4]
    report: dict[str, Any] = {
        "switch": switch,
        "typing": typing,
        "switch_cpu": switch_cpu,
        "typing_cpu": typing_cpu,
        "switch_no_gc": switch_no_gc,
        "typing_no_gc": typing_no_gc,
        "keys": typed_keys,
        "landed": landed,
        "size": [columns, lines],
        "last_screen": last,
        "worst": [(what, round(block, 4)) for what, _, _, block, _ in worst],
        # Garbage collection inside each of the worst blocks, and the longest per generation.
        "worst_gc": [gc_watch.during(at - block - WATCH_STEP, at) for _, _, _, block, at in worst],
        "gc_longest": gc_watch.longest(),
        "gc_runs": len(gc_watch.runs),
        "gen2_runs": sum(1 for run in gc_watch.runs if run[2] == 2),
        "tracked_objects": len(gc.get_objects()),
        "frozen_objects": gc.get_freeze_count(),
        # The app's own full collections at quiet moments (workshop.tui.gc_tuning): seconds.
        # The app's own collections (workshop.tui.gc_tuning): kind -> seconds of each.
        "app_collections": {
            kind: [round(s, 4) for _, s, what in collector.collections if what == kind]
            for kind in ("settle", "reclaim")
        }
        if collector
        else {},
        # Objects frozen since the app's last whole scan (alive, or garbage kept there).
        "frozen_growth": frozen_growth,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }
    if sampler is not None:
        # Where the loop was during the longest blocks once garbage collection is taken
        # out (a collection holds the GIL, so the sampler sees little of it anyway).
        typing_spans = [s for s in rest_spans if s[0].startswith("typing")]
        switch_spans = [s for s in rest_spans if not s[0].startswith("typing")]
        chosen = sorted(switch_spans, key=lambda s: -s[1])[:3]
        chosen += sorted(typing_spans, key=lambda s: -s[1])[:2]
        report["where"] = {
            f"{what} ({rest * 1000:.0f} ms without gc, {block * 1000:.0f} ms in all)": (
                sampler.during(at - block - WATCH_STEP, at)
            )
            for what, rest, at, block in chosen
        }
    if handles is not None:
        report["handles"] = {
            f"{what} ({block * 1000:.0f} ms)": handles.during(at - block - WATCH_STEP, at)
            for what, _, _, block, at in worst
        }
        # The whole of the two worst spans: each long callback and each block over 10 ms
        # (ms from the span's start).
        timelines: dict[str, list[tuple[float, str]]] = {}
        for what, start, end, block, _ in worst[:2]:
            events_in = [
                (at - start, f"callback {s * 1000:.0f} ms (CPU {c * 1000:.0f}): {name}")
                for at, s, c, name in handles.runs
                if start <= at <= end
            ]
            events_in += [
                (woke - start, f"-- watchdog: blocked {blocked * 1000:.0f} ms")
                for woke, blocked, _ in watchdog.wakes
                if start <= woke <= end and blocked > 0.01
            ]
            timelines[f"{what} ({block * 1000:.0f} ms)"] = [
                (round(t * 1000, 1), text) for t, text in sorted(events_in)
            ]
        report["timelines"] = timelines
    if handles is not None and handles.profiles:
        # cProfile of the longest single callbacks (with the profiler's overhead), to stderr.
        print_profiles(handles.profiles, count=4, cumulative=40, tottime=20)
    if profiles:
        # cProfile of the slowest switches (with the profiler's own overhead), to stderr.
        print_profiles(profiles, count=3, cumulative=25, tottime=15)
    emit(**report)


def print_profiles(profiles, *, count: int, cumulative: int, tottime: int) -> None:
    """The `count` slowest (seconds, what, profiler) entries' cProfile tops, to stderr."""
    for seconds, what, profiler in sorted(profiles, key=lambda p: -p[0])[:count]:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("cumulative").print_stats(r"workshop/|textual/", cumulative)
        stats.sort_stats("tottime").print_stats(r"workshop/|textual/|rich/", tottime)
        print(f"\n#### {what}: {seconds * 1000:.0f} ms under cProfile", file=sys.stderr)
        print(out.getvalue(), file=sys.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--size", default="160x45")
    parser.add_argument("--rate", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=int(time.time()) % 1_000_000)
    parser.add_argument("--rounds", type=int, default=2, help="walks forward and back")
    parser.add_argument("--sample", action="store_true")
    parser.add_argument("--profile", action="store_true", help="cProfile each switch")
    parser.add_argument("--handles", action="store_true", help="time each loop callback")
    parser.add_argument(
        "--profile-handles", action="store_true", help="cProfile the longest loop callbacks"
    )
    parser.add_argument("--verbose", action="store_true")
    asyncio.run(main(parser.parse_args()))
