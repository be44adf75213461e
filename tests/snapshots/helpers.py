"""What every snapshot test needs: a picture that does not depend on timing."""

from __future__ import annotations

from textual.widgets import Input

from tests.tui.stage_waits import on_stage


def steady_cursor(app) -> None:
    """Stop the text cursor blinking, so a snapshot never catches it half-way."""
    for field in app.screen.query(Input):
        field.cursor_blink = False


async def enter_stage(pilot, clock, index: int) -> None:
    """Arrive at stage `index` the way a facilitator does (Ctrl+N), 30 s into its clock."""
    app = pilot.app
    app.session.set_stage(index - 1)
    await pilot.press("ctrl+n")
    # On the stage, every build step done (later steps mount fields on timers, and a
    # field mounted after steady_cursor would blink), before its clock starts.
    await on_stage(pilot, index)
    app.session.timer.start()
    clock.advance(30)
    app._tick()
    steady_cursor(app)
    await pilot.pause()
