"""What every snapshot test needs: a picture that does not depend on timing."""

from __future__ import annotations

from tests.tui.stage_waits import on_stage


async def enter_stage(pilot, clock, index: int) -> None:
    """Be on stage `index`, built, 30 s into its clock.

    An app opened at the stage (`make_app(..., stage=index)`) is already there; any other
    arrives the way a facilitator does (Ctrl+N from the stage before).
    """
    app = pilot.app
    await app.keys_settled()
    if app.session.timer.current != index:
        app.session.set_stage(index - 1)
        await pilot.press("ctrl+n")
    # On the stage, every build step done (later steps mount fields on timers), before
    # its clock starts.
    await on_stage(pilot, index)
    app.session.timer.start()
    clock.advance(30)
    app._tick()
    await pilot.pause()
