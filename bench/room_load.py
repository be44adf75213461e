"""The room under load: 30 participants submitting and voting at once over loopback.

    .venv/bin/python bench/room_load.py [--people 30] [--notes 5] [--runs 3] [--json FILE]

The app runs under Textual's `run_test` on a fresh SQLite file, on the goals stage with
the clock running and the room open on 127.0.0.1. A watchdog task on the app's loop
sleeps 5 ms at a time and records how late it wakes: the longest gap is the longest
event-loop block the projector saw. The participants are another process (so their
own work is not counted on the app's loop): each joins, follows the page as the
browser does (long-poll of /api/state), and all submit their notes at once; the
projector reveals; all put their dots at once. Every request's time is recorded.
After the app closes (the session saves what it holds), the database is read: every
note and every dot must be there.

Targets (issue 16): p95 response <= 100 ms, every note stored, no event-loop block
over 150 ms on the projector.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TOKEN_HEADER = "X-Room-Token"


# -- the participants (a process of their own) ----------------------------------------


def participants(address: str, code: str, people: int, notes: int) -> None:
    """The child process: talks to the projector over stdout ("written", the result)
    and stdin (a line when the notes are revealed)."""
    asyncio.run(_participants(address.rstrip("/"), code, people, notes))


async def _participants(address: str, code: str, people: int, notes: int) -> None:
    import aiohttp

    times: dict[str, list[float]] = {"join": [], "note": [], "vote": [], "state": []}
    failures: list[str] = []
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as http:

        async def timed(kind: str, method: str, path: str, **kwargs) -> tuple[int, dict]:
            start = time.perf_counter()
            async with http.request(method, f"{address}{path}", **kwargs) as response:
                body = await response.json()
            if kind != "state":  # a long-poll waits for news on purpose
                times[kind].append(time.perf_counter() - start)
            return response.status, body

        tokens: list[str] = []

        async def join(n: int) -> None:
            status, body = await timed(
                "join", "POST", "/api/join", json={"code": code, "name": f"P{n}"}
            )
            if status != 201:
                failures.append(f"join {status} {body}")
            tokens.append(body.get("token", ""))

        await asyncio.gather(*(join(n) for n in range(people)))
        stop = asyncio.Event()

        async def follow(token: str) -> None:
            version = ""
            while not stop.is_set():
                query = f"?since={version}" if version else ""
                try:
                    _, body = await timed(
                        "state", "GET", f"/api/state{query}", headers={TOKEN_HEADER: token}
                    )
                except aiohttp.ClientError:
                    return
                version = str(body.get("version", ""))

        followers = [asyncio.create_task(follow(t)) for t in tokens]

        async def write(n: int, token: str) -> None:
            for i in range(notes):
                status, body = await timed(
                    "note", "POST", "/api/note",
                    json={"text": f"Suggestion {i + 1} from participant {n}", "why": "because"},
                    headers={TOKEN_HEADER: token},
                )  # fmt: skip
                if status != 201:
                    failures.append(f"note {status} {body}")
            await timed(
                "note",
                "POST",
                "/api/finish",
                json={"finished": True},
                headers={TOKEN_HEADER: token},
            )

        await asyncio.gather(*(write(n, t) for n, t in enumerate(tokens)))
        print("written", flush=True)
        await asyncio.to_thread(sys.stdin.readline)  # the projector has revealed

        async def vote(n: int, token: str) -> None:
            _, view = await timed("state", "GET", "/api/state", headers={TOKEN_HEADER: token})
            board = [note["no"] for note in view["board"]]
            # Five dots each, spread over the board (at most 3 on one note).
            for k in range(5):
                target = board[(n * 7 + k * 3) % len(board)]
                status, body = await timed(
                    "vote", "POST", "/api/vote", json={"note": target, "delta": 1},
                    headers={TOKEN_HEADER: token},
                )  # fmt: skip
                if status != 200:
                    failures.append(f"vote {status} {body}")

        await asyncio.gather(*(vote(n, t) for n, t in enumerate(tokens)))
        stop.set()
        for task in followers:
            task.cancel()
        await asyncio.gather(*followers, return_exceptions=True)
    print(json.dumps({"times": times, "failures": failures}), flush=True)


# -- where a block comes from (--why) -------------------------------------------------------

WHY = "--why" in sys.argv


class _BlockSampler:
    """A thread that looks at the app's thread every 5 ms. The longest run of samples
    away from the event loop's `select` is the longest block; `report` prints the
    functions seen most in it (our code first), to say where it came from."""

    def __init__(self, thread_id: int) -> None:
        self.thread_id = thread_id
        self.samples: list[tuple[float, list[str] | None]] = []
        self.running = True
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        import traceback

        while self.running:
            time.sleep(0.005)
            frame = sys._current_frames().get(self.thread_id)
            if frame is None:
                continue
            stack = [
                f"{Path(f.filename).name}:{f.lineno} {f.name}"
                for f in traceback.extract_stack(frame)
            ]
            idle = any("select" in line for line in stack[-2:])
            self.samples.append((time.perf_counter(), None if idle else stack))

    def report(self) -> None:
        import collections

        self.running = False
        best: list[list[str]] = []
        run: list[list[str]] = []
        for _t, stack in self.samples:
            if stack is None:
                run = []
                continue
            run.append(stack)
            if len(run) > len(best):
                best = list(run)
        counts: collections.Counter[str] = collections.Counter()
        for stack in best:
            for line in set(stack):
                counts[line] += 1
        print(f"longest run away from select: {len(best)} samples (~{len(best) * 5} ms); seen in:")
        for line, n in counts.most_common(40):
            if "room_load.py" in line or "runners.py" in line or "base_events.py" in line:
                continue
            print(f"  {n:4d}  {line}")


# -- the projector (the app under run_test) ------------------------------------------------


async def one_run(people: int, notes: int) -> dict:
    from workshop.core.agenda.model import load_agenda
    from workshop.core.db.store import Store
    from workshop.core.room.rows import load_record
    from workshop.tui.app import WorkshopApp
    from workshop.tui.dialogs.room import RoomJoinScreen
    from workshop.tui.dialogs.room_board import RoomBoardScreen
    from workshop.tui.screens.goals import GoalsScreen

    folder = Path(tempfile.mkdtemp(prefix="okr-room-bench-"))
    url = f"sqlite:///{folder / 'bench.db'}"
    store = Store.open(url)
    agenda = load_agenda()
    workshop_id = store.create_workshop(agenda_json=agenda.model_dump_json())
    # As the command line builds it (it keeps the collector off what lives as long as the app).
    app = WorkshopApp(store=store, agenda=agenda, workshop_id=workshop_id, freeze_long_lived=True)
    app.room_options = {"host": "127.0.0.1", "port": 0}
    gaps: list[float] = []

    async def until(condition, timeout: float = 30.0) -> None:
        end = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > end:
                raise TimeoutError("the app did not get there")
            await asyncio.sleep(0.01)

    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("ctrl+n", "ctrl+n")
        await until(lambda: isinstance(app.screen, GoalsScreen))
        await pilot.press("f5", "f11")
        await until(lambda: isinstance(app.screen, RoomJoinScreen))
        await pilot.press("f11")  # the board: counts repaint as notes arrive
        await until(lambda: isinstance(app.screen, RoomBoardScreen))
        link = app.room_link
        assert link is not None

        watching = True

        async def watchdog() -> None:
            last = time.perf_counter()
            while watching:
                await asyncio.sleep(0.005)
                now = time.perf_counter()
                gaps.append(now - last - 0.005)
                last = now

        import gc

        collections: list[tuple[int, float]] = []
        gc_started: list[float] = []

        def on_gc(phase: str, info: dict) -> None:
            if phase == "start":
                gc_started.append(time.perf_counter())
            elif gc_started:
                collections.append((info["generation"], time.perf_counter() - gc_started.pop()))

        gc.callbacks.append(on_gc)
        dog = asyncio.create_task(watchdog())
        sampler = _BlockSampler(threading.get_ident()) if WHY else None
        started = time.perf_counter()
        cpu_started = time.process_time()
        child = await asyncio.create_subprocess_exec(
            sys.executable, __file__, "--as-participants", link.address, link.room.code,
            str(people), str(notes),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        assert child.stdin is not None and child.stdout is not None
        line = await child.stdout.readline()
        assert line.strip() == b"written", line
        await pilot.press("r")  # reveal on the projector
        child.stdin.write(b"vote\n")
        await child.stdin.drain()
        result = json.loads(await child.stdout.readline())
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        watching = False
        await dog
        gc.callbacks.remove(on_gc)
        if sampler is not None:
            sampler.report()
        await child.wait()
        counts_line = link.room.counts().line()
        await pilot.press("escape")
    # The app has closed: the session saved what it held. Read the database itself.
    stored = store.read_with(lambda s: load_record(s, workshop_id))
    store.close()
    latencies = sorted(t for kind, ts in result["times"].items() if kind != "state" for t in ts)
    return {
        "people": people,
        "notes_sent": people * notes,
        "notes_stored": len(stored.notes),
        "dots_sent": people * 5,
        "dots_stored": sum(v.dots for v in stored.votes),
        "people_stored": len(stored.people),
        "requests": len(latencies),
        "failures": result["failures"],
        "p50_ms": 1000 * statistics.median(latencies),
        "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
        "max_ms": 1000 * latencies[-1],
        "longest_block_ms": 1000 * max(gaps),
        "longest_gc_ms": 1000 * max((d for _g, d in collections), default=0.0),
        "gen2_collections": sum(1 for g, _d in collections if g == 2),
        "seconds": elapsed,
        # The app process's CPU time (all its threads) over the run: what the room cost
        # the projector, whatever else the machine was doing.
        "app_cpu_s": cpu,
        "load_average": os.getloadavg()[0],
        "projector_counts": counts_line,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=30)
    parser.add_argument("--notes", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--why", action="store_true", help="print where the loop's time went")
    parser.add_argument("--as-participants", nargs=4, metavar=("ADDRESS", "CODE", "N", "NOTES"))
    args = parser.parse_args()
    if args.as_participants:
        address, code, n, notes = args.as_participants
        participants(address, code, int(n), int(notes))
        return
    runs = []
    for n in range(args.runs):
        run = asyncio.run(one_run(args.people, args.notes))
        runs.append(run)
        ok = run["notes_stored"] == run["notes_sent"] and run["dots_stored"] == run["dots_sent"]
        print(
            f"run {n + 1}: {run['requests']} requests, p50 {run['p50_ms']:.1f} ms, "
            f"p95 {run['p95_ms']:.1f} ms, max {run['max_ms']:.1f} ms; "
            f"stored {run['notes_stored']}/{run['notes_sent']} notes, "
            f"{run['dots_stored']}/{run['dots_sent']} dots ({'all' if ok else 'MISSING'}); "
            f"longest loop block {run['longest_block_ms']:.1f} ms "
            f"(longest garbage collection {run['longest_gc_ms']:.1f} ms, "
            f"{run['gen2_collections']} full); "
            f"failures {len(run['failures'])}; {run['seconds']:.1f} s, "
            f"app CPU {run['app_cpu_s']:.2f} s ({1000 * run['app_cpu_s'] / run['requests']:.1f} ms "
            f"a request); load average {run['load_average']:.1f}"
        )
    p95 = max(r["p95_ms"] for r in runs)
    block = max(r["longest_block_ms"] for r in runs)
    stored = all(r["notes_stored"] == r["notes_sent"] for r in runs)
    print(
        f"worst of {len(runs)}: p95 {p95:.1f} ms (target <= 100), longest block {block:.1f} ms "
        f"(target <= 150), every note stored: {'yes' if stored else 'NO'}"
    )
    if args.json:
        args.json.write_text(json.dumps(runs, indent=2))


if __name__ == "__main__":
    main()
