"""Snapshots of long objectives read whole, at projector sizes.

What a reviewer should see, at 80x24 and 160x45: the objectives stage with three
objectives. Objectives 1 and 2 are long; each is shown whole, wrapped at word
boundaries inside its field (three lines at 80 columns, two at 160), nothing cut at
the right edge. Objective 3 ("Short one") has the cursor and is one line. At 80x24
the guide is hidden (Ctrl+G), as a facilitator does to show the room the text.
"""

from __future__ import annotations

import pytest

from tests.tui.stage_waits import OBJECTIVES, on_stage
from workshop.core.db.store import Item
from workshop.core.domain import CascadeModel
from workshop.tui.screens.objectives import ObjectivesScreen

LONG = (
    "Make the help centre the first place customers look, so that they fix common "
    "problems without waiting for us"
)
LONGER = (
    "Answer every customer on the channel they chose, in their own language, so that "
    "nobody has to ask twice or explain their problem again to a second person"
)


@pytest.fixture
def long_app(make_app, store, clock):
    workshop_id = store.create_workshop(team="Support", period="2027-Q1")
    store.update_workshop(workshop_id, cascade_model=CascadeModel.BOTTOM_UP)
    for text in (LONG, LONGER, "Short one"):
        store.add(Item.OBJECTIVE, workshop_id, text=text)
    app = make_app(workshop_id, stage=OBJECTIVES)

    async def run_before(pilot) -> None:
        await on_stage(pilot, OBJECTIVES)  # the app opens there
        app.session.timer.start()
        clock.advance(30)
        app._tick()
        screen = app.screen
        assert isinstance(screen, ObjectivesScreen)
        if app.size.width < 100:
            await pilot.press("ctrl+g")
        screen.blocks[2].field.focus()
        screen.coach.flush()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    return app, run_before


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_long_objectives_read_whole(snap_compare, long_app, size):
    app, run_before = long_app
    assert snap_compare(app, terminal_size=size, run_before=run_before)
