"""Driver: fresh process to first screen ready, headless (`run_test`).

    python bench/drive_first_screen.py app|floor DB_URL [WIDTH HEIGHT]

`T0` is taken before any other import. "Ready" is after `run_test` has started
the app and `pilot.pause()` has let it settle, with the app's first real screen
mounted and composed (the start screen for a fresh database). Shutting the app
down is not timed. The app reads only the stage titles for that screen; it checks
the whole agenda and opens its store in a thread after the start screen is
painted; for the app, `store_ready` is when that finished (reported, not part of
the figure). Prints `BENCH {"t0": ..., "ready": ..., "screen": ...}`.
"""

import time

T0 = time.monotonic()

import asyncio  # noqa: E402
import sys  # noqa: E402

from common import add_repo_to_path, emit  # noqa: E402


def make_app(which: str, db_url: str):
    if which == "floor":
        from floor_app import FloorApp

        return FloorApp()
    add_repo_to_path()
    from workshop.tui.app import WorkshopApp

    return WorkshopApp(db_url)


def first_screen_ready(app, which: str) -> bool:
    screen = app.screen
    if which == "app" and len(app.screen_stack) < 2:
        return False  # still on Textual's default screen
    return screen.is_mounted and bool(screen.children)


async def main(which: str, db_url: str, size: tuple[int, int]) -> None:
    app = make_app(which, db_url)
    t_imported = time.monotonic()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for _ in range(200):
            if first_screen_ready(app, which):
                break
            await pilot.pause(0.005)
        ready = time.monotonic()
        screen = type(app.screen).__name__
        ok = first_screen_ready(app, which)
        store_ready = None
        if which == "app":
            for _ in range(400):
                if app.store is not None:
                    store_ready = time.monotonic()
                    break
                await pilot.pause(0.01)
    emit(t0=T0, imported=t_imported, ready=ready, screen=screen, ok=ok, store_ready=store_ready)


if __name__ == "__main__":
    which, url = sys.argv[1], sys.argv[2]
    dims = (int(sys.argv[3]), int(sys.argv[4])) if len(sys.argv) > 4 else (160, 45)
    asyncio.run(main(which, url, dims))
