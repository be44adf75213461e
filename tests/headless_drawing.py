"""Headless test apps draw what changed when a test looks, not on every frame.

Textual draws every frame of a headless app (the compositor renders each widget that
changed into lines) and then throws the frame away: there is no terminal. Under test,
frames come after almost every key, so most are drawn and never looked at.

Here a frame of the screen on top lays out as before but does not draw: the regions it
would have drawn stay marked. They are drawn together, by Textual's own refresh, when
the test looks: at every `pilot.pause()` and at the end of every `run_test` (see
tests/conftest.py). Every change on screen is therefore still drawn before the test
goes on, in its latest state, and a widget that fails to draw still fails the test
(tests/test_harness.py checks both). Drawing in a real terminal is tested by the pty
tests, and what is drawn by the snapshot tests, whose apps draw every frame as before.

Measured side by side on five Textual test files: 77.5 s of CPU drawing every frame,
69.8 s drawing when the test looks (drawing nothing at all: about 62 s).

`Screen._compositor_refresh`, `_dirty_widgets` and `App._update_mouse_over` are private
to Textual (pinned to 8.2.8); tests/test_harness.py checks them against the installed one.
"""

from __future__ import annotations

import weakref
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen

# Textual's own, which `refresh_without_drawing` calls whenever it draws (kept for the
# harness's pins). The harness imports this module before it patches Screen.
TEXTUAL_COMPOSITOR_REFRESH = Screen._compositor_refresh

_drawing = False  # set while `draw_what_changed` runs Textual's refresh

# The apps a test drives through `run_test` (see `run_test_drawing_at_the_end`). Snapshot tests
# run theirs with `App.run`, and those draw every frame as before: a snapshot is a
# picture of the frames drawn, and a dialog's dimmed background is the screen beneath
# as last drawn, so drawing later could picture a later moment.
PILOTED_APPS: weakref.WeakSet[App] = weakref.WeakSet()


def refresh_without_drawing(self: Screen) -> None:
    """As Textual's `Screen._compositor_refresh`, but a headless top screen keeps its
    changed regions marked for the next look instead of drawing them now."""
    app = self.app
    if _drawing or app not in PILOTED_APPS or app.is_inline or self is not app.screen:
        TEXTUAL_COMPOSITOR_REFRESH(self)
        return
    # What Textual does after drawing, but the compositor's dirty regions are kept.
    self._dirty_widgets.clear()
    app._update_mouse_over(self)


def draw_what_changed(app: App) -> None:
    """Draw every region of the screen on top that changed since it was last drawn."""
    global _drawing
    if app not in PILOTED_APPS or not app.is_running or not app.screen_stack:
        return
    with app._context():
        _drawing = True
        try:
            app.screen._compositor_refresh()
        finally:
            _drawing = False


def run_test_drawing_at_the_end(
    run_test: Callable[..., AbstractAsyncContextManager[Pilot]],
    refreshed: Callable[[Pilot], Awaitable[None]],
) -> Callable[..., AbstractAsyncContextManager[Pilot]]:
    """`App.run_test` for an app that draws when looked at, drawing once more at the end.

    `refreshed` waits for the screen's pending refresh, so the last layout is done first.
    """

    @asynccontextmanager
    async def run_test_and_draw(app: App, **options: object) -> AsyncIterator[Pilot]:
        if options.get("headless", True):
            PILOTED_APPS.add(app)
        async with run_test(app, **options) as pilot:
            yield pilot
            if app.is_running:
                await refreshed(pilot)
                draw_what_changed(app)

    run_test_and_draw.textual_run_test = run_test  # type: ignore[attr-defined]
    return run_test_and_draw
