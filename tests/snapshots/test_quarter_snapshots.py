"""Snapshots of the check-in and quarter-end stages at projector sizes.

The team "Support", period 2027-Q1, has check-ins on 19 January and 16 February; the
meeting shown is the check-in of 16 March (1.1 at 30 hours, 2.1 done) or the quarter-end
review of 31 March. A reviewer should see:

- Check-in key results ("Key results, riskiest first"): 1.2 first (confidence 7, 50%),
  then 1.1 and 2.1, each with a bar, its percentage, a sparkline of its check-ins, its
  confidence and its band in words, as progress, not a verdict (ORANGE · about half way;
  GREEN · most of the way there); under them the form for 1.2 with its last check-in.
  At 80x24 the heading and key hint give way and the guide is folded away (Ctrl+G), so
  the list (one row per key result) and the whole form both show.
- Check-in with eight key results, the seventh marked (PageDown six times): the list has
  scrolled to keep "▶ 4.1" in view, and the form for 4.1 shows whole under it; at 160x45
  every line shows.
- Check-in summary ("Where we stand"): the lines in written order, "Check-ins: 19 Jan,
  16 Feb, 16 Mar" and each objective's progress.
- Quarter-end scores ("Score the key results"): each objective with its score by goal
  type and its band, each key result with "measured N%", its score field and its band in
  words (at 80x24 the first key result, the rest scrolls).
  The first score is selected: typing replaces the suggestion.
- Roll-over ("Roll over"): the checklist of objectives and key results, none carried yet
  ("Carrying: nothing yet"), and the next period 2027-Q2. At 80x24 the key hint (with
  Ctrl+R, which the footer has no room for), the checklist, the words and the period
  all show: the heading gives way and the guide is folded away (Ctrl+G).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.core.quarter_sample import store_sample
from tests.core.test_quarter_meetings import quarter
from tests.snapshots.helpers import enter_stage
from tests.tui.test_checkin import long_sample
from workshop.core.agenda.kinds import CHECKIN, QUARTER_END
from workshop.core.okr.meetings import initial_record_json
from workshop.core.session.meeting_start import start_meeting


def _meeting(store, clock, subject_id: int, kind: str, day: dt.date) -> int:
    session = start_meeting(store, kind, subject_id, day, clock=clock, wall=clock.wall)
    meeting_id = session.workshop_id
    session.close()
    return meeting_id


@pytest.fixture
def quarter_store(store, clock):
    subject_id = store_sample(store)
    first, second, third = quarter()
    for record in (first, second):
        meeting = _meeting(store, clock, subject_id, CHECKIN, record.date)
        store.update_workshop(meeting, meeting_json=record.model_dump_json())
    return subject_id, third


@pytest.fixture
def checkin_app(make_app, store, clock, quarter_store):
    subject_id, third = quarter_store
    meeting = _meeting(store, clock, subject_id, CHECKIN, third.date)
    store.update_workshop(meeting, meeting_json=third.model_dump_json())
    return make_app(meeting)


@pytest.fixture
def quarter_app(make_app, store, clock, quarter_store):
    subject_id, _third = quarter_store
    meeting = _meeting(store, clock, subject_id, QUARTER_END, dt.date(2027, 3, 31))
    assert initial_record_json(QUARTER_END, dt.date(2027, 3, 31))
    return make_app(meeting)


def at_stage(index: int):
    async def run(pilot) -> None:
        for _ in range(100):
            await pilot.pause()
            if getattr(pilot.app.screen, "is_built", False):
                break
        clock = pilot.app.clock
        await enter_stage(pilot, clock, index)
        for _ in range(100):
            await pilot.pause()
            if getattr(pilot.app.screen, "is_built", False):
                break
        await pilot.app.keys_settled()
        await pilot.wait_for_scheduled_animations()

    return run


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_checkin_key_results(snap_compare, checkin_app, size):
    assert snap_compare(checkin_app, terminal_size=size, run_before=at_stage(1))


@pytest.fixture
def long_checkin_app(make_app, store, clock):
    subject_id = store.import_workshop(long_sample())
    return make_app(_meeting(store, clock, subject_id, CHECKIN, dt.date(2027, 1, 19)))


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_checkin_long_list(snap_compare, long_checkin_app, size):
    async def run(pilot) -> None:
        await at_stage(1)(pilot)
        await pilot.press(*["pagedown"] * 6)
        await pilot.app.keys_settled()
        for _ in range(5):
            await pilot.pause()

    assert snap_compare(long_checkin_app, terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_checkin_summary(snap_compare, checkin_app, size):
    assert snap_compare(checkin_app, terminal_size=size, run_before=at_stage(3))


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_quarter_end_scores(snap_compare, quarter_app, size):
    assert snap_compare(quarter_app, terminal_size=size, run_before=at_stage(1))


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_quarter_end_roll_over(snap_compare, quarter_app, size):
    assert snap_compare(quarter_app, terminal_size=size, run_before=at_stage(5))
