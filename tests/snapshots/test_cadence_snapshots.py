"""Snapshots of the review-cadence stage and its quick-fill form at projector sizes.

A reviewer should see, in the stage: the clock at 14:30 for "Set the rhythm", the
reminder banner (owners update their key results before every meeting), a count
line, and the meetings as rows sorted by date (date, weekday, time, kind in colour,
note), with the "Add a meeting" and "Fill a series" buttons and the three kinds of
meeting explained below. At 80x24 the guide sits under the editor.

In the quick-fill form: Kind / On / How often as ◀ choices ▶, At / From / Until
filled with 10:00, 2027-01-19 and 2027-03-31 (the end of 2027-Q1), both boxes
ticked, and the line "Adds 11 check-ins, 2 monthly reviews and 1 quarter-end
scoring ..." above the buttons.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.snapshots.helpers import enter_stage
from tests.tui.stage_waits import CADENCE
from workshop.core.db.store import Item


@pytest.fixture
def cadence_app(make_app, store, clock):
    workshop_id = store.create_workshop(team="Support", period="2027-Q1")
    for day, time, kind, note in [
        (dt.date(2027, 3, 31), dt.time(15, 0), "quarter-end scoring", "Bring your scores"),
        (dt.date(2027, 1, 19), dt.time(10, 0), "check-in", "Room 4"),
        (dt.date(2027, 1, 26), dt.time(10, 0), "check-in", ""),
        (dt.date(2027, 1, 29), dt.time(14, 0), "monthly review", "With the product lead"),
    ]:
        store.add(Item.MEETING, workshop_id, date=day, time=time, kind=kind, note=note)
    app = make_app(workshop_id, stage=CADENCE)

    async def enter(pilot) -> None:
        await enter_stage(pilot, clock, CADENCE)

    return app, enter


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_cadence_stage(snap_compare, cadence_app, size):
    app, enter = cadence_app
    assert snap_compare(app, terminal_size=size, run_before=enter)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_quick_fill_form(snap_compare, cadence_app, size):
    app, enter = cadence_app

    async def run_before(pilot) -> None:
        await enter(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
