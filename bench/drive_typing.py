"""Driver: 200 keystrokes into the goals stage's first field, autosave on or off.

    python bench/drive_typing.py on|off DB_URL [CHARS]

The app runs with its real tick (`tick_seconds=0.25`) on a SQLite file and the
stage clock running (F5), as in the room. Ctrl+N twice from set-up reaches the
goals stage, whose first field (priority 1) has the focus. "Off" replaces this
session's `flush` with a no-op for the typing only, so the tick still runs but
writes nothing; "on" counts the flushes and rows written. The timed part is the
200 `pilot.press` calls plus a final `pilot.pause()`; most of that wall time is
Pilot's own idle waits (about 60 ms a key even for a bare `Input`), so the CPU
time of the same span is reported too: it shows the cost of autosave undiluted.
Prints `BENCH {"seconds": ..., "cpu_seconds": ..., "flushes": ..., "rows": ...}`.
"""

from __future__ import annotations

import asyncio
import sys
import time

from common import add_repo_to_path, emit

add_repo_to_path()

TEXT = "Win back the customers we lost last year and keep them happy " * 4


async def main(mode: str, db_url: str, chars: int) -> None:
    from workshop.core.agenda.model import load_agenda
    from workshop.core.db.errors import open_store
    from workshop.tui.app import WorkshopApp

    store = open_store(db_url)
    agenda = load_agenda()
    workshop_id = store.create_workshop(agenda_json=agenda.model_dump_json())
    app = WorkshopApp(store=store, agenda=agenda, workshop_id=workshop_id, tick_seconds=0.25)
    text = TEXT[:chars]
    stats = {"flushes": 0, "rows": 0}
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("f5", "ctrl+n", "ctrl+n")
        await pilot.pause()
        screen = type(app.screen).__name__
        session = app.session
        assert session is not None
        real_flush = session.flush

        def counting_flush() -> int:
            written = real_flush()
            stats["flushes"] += 1
            stats["rows"] += written
            return written

        session.flush = counting_flush if mode == "on" else (lambda: 0)  # type: ignore[method-assign]
        started, cpu_started = time.perf_counter(), time.process_time()
        for ch in text:
            await pilot.press(ch)
        await pilot.pause()
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu_started
        session.flush = real_flush  # type: ignore[method-assign]
        focused = getattr(app.focused, "value", None)
        real_flush()
        saved = None
        if mode == "on":
            priorities = store.load(workshop_id).priorities
            saved = bool(priorities) and priorities[0].text == text
    emit(
        seconds=seconds,
        cpu_seconds=cpu_seconds,
        screen=screen,
        typed=focused == text,
        saved=saved,
        per_key_ms=1000 * seconds / max(1, len(text)),
        **stats,
    )


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 200))
