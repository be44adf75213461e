"""Snapshots of the wrap-up stage and its summary at projector sizes.

A reviewer should see, in the stage: the clock at 09:30 for "Wrap up", the reminder
banner naming the first check-in (Tue 19 Jan 2027 at 10:00), two open questions,
two next steps each with an owner, the follow-up meeting (2027-01-26, 16:00, a
note) and the "Export handout, calendar and files (F2)" button; F2 and Ctrl+R in
the footer.

In the summary (Ctrl+R): the editor and guide hidden, the export button on top,
then the sections "The workshop", "Priorities and why they matter", "Objectives
and key results" (type, link, key results with from-to-unit and owner, and the
necessary-and-sufficient outcome), and further down meetings, wrap-up and time.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.snapshots.helpers import enter_stage
from tests.tui.stage_waits import WRAP_UP
from workshop.core.db.store import Item
from workshop.core.domain import NSAnswer, NSTest


@pytest.fixture
def wrap_up_app(make_app, store, clock):
    workshop_id = store.create_workshop(
        team="Support",
        period="2027-Q1",
        facilitator="Rosa",
        champion="Sam",
        follow_up=dt.datetime(2027, 1, 26, 16, 0, tzinfo=dt.UTC),
        follow_up_note="Settle the open questions",
    )
    for name in ("Ana", "Ben", "Chloé"):
        store.add(Item.PARTICIPANT, workshop_id, name=name)
    priority = store.add(Item.PRIORITY, workshop_id, text="Keep the customers we win")
    store.add(Item.WHY, priority, text="Churn doubled last quarter")
    objective = store.add(
        Item.OBJECTIVE, workshop_id, text="Make new customers feel at home", priority_id=priority
    )
    store.add(
        Item.KEY_RESULT,
        objective,
        text="Cut the first reply time",
        start="72",
        target="24",
        unit="hours",
        owner="Ana",
    )
    store.add(Item.KEY_RESULT, objective, text="Publish the welcome guide", kind="milestone")
    store.save_ns_test(
        objective,
        NSTest(
            run=1,
            answers=[
                NSAnswer(key_result_index=0, answer=True),
                NSAnswer(key_result_index=1, answer=True),
                NSAnswer(key_result_index=None, answer=True),
            ],
            completed_at=dt.datetime(2027, 1, 12, 10, 0, tzinfo=dt.UTC),
        ),
    )
    store.add(Item.MEETING, workshop_id, date=dt.date(2027, 1, 19), time=dt.time(10, 0))
    for kind, text, owner in [
        ("question", "Who owns the status page?", ""),
        ("question", "Is the survey comparable year to year?", ""),
        ("next step", "Send the OKRs to the company channel", "Sam"),
        ("next step", "Book every check-in in the calendar", "Rosa"),
    ]:
        store.add(Item.WRAP_ITEM, workshop_id, kind=kind, text=text, owner=owner)
    app = make_app(workshop_id, stage=WRAP_UP)

    async def enter(pilot) -> None:
        await enter_stage(pilot, clock, WRAP_UP)

    return app, enter


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_wrap_up_stage(snap_compare, wrap_up_app, size):
    app, enter = wrap_up_app
    assert snap_compare(app, terminal_size=size, run_before=enter)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_summary(snap_compare, wrap_up_app, size):
    app, enter = wrap_up_app

    async def run_before(pilot) -> None:
        await enter(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
