"""Snapshots of the key results stage and the necessary-and-sufficient question, at projector sizes."""

from __future__ import annotations

import pytest

from tests.conftest import START_WALL
from tests.tui.stage_waits import KEY_RESULTS, on_stage
from workshop.core.db.store import Item
from workshop.core.domain import NSAnswer, NSTest


@pytest.fixture
def kr_app(make_app, store, clock):
    workshop_id = store.create_workshop(team="Support", period="2027-Q1")
    first = store.add(
        Item.OBJECTIVE,
        workshop_id,
        text="Make support feel instant for every customer",
        goal_type="committed",
    )
    for text, start, target, unit, owner, kind in [
        ("Cut first reply time from 48 h to 8 h", "48", "8", "hours", "Sam", "metric"),
        ("Raise CSAT from 70% to 85%", "70", "85", "%", "Ana", "metric"),
        ("Open the self-serve help centre", "", "", "", "Lee", "milestone"),
    ]:
        store.add(
            Item.KEY_RESULT,
            first,
            text=text,
            start=start,
            target=target,
            unit=unit,
            owner=owner,
            kind=kind,
        )
    store.save_ns_test(
        first,
        NSTest(
            run=1,
            answers=[
                NSAnswer(key_result_index=0, answer=True),
                NSAnswer(key_result_index=1, answer=False, note="CSAT follows from KR 1"),
            ],
            completed_at=START_WALL,
        ),
    )
    second = store.add(
        Item.OBJECTIVE, workshop_id, text="Win back customers who left", goal_type="aspirational"
    )
    store.add(Item.KEY_RESULT, second, text="Bring back 200 lapsed accounts")
    app = make_app(workshop_id, stage=KEY_RESULTS)

    async def open_stage(pilot) -> None:
        await on_stage(pilot, KEY_RESULTS)  # the app opens there; built, before its clock starts
        app.session.timer.start()
        clock.advance(90)
        app._tick()
        await pilot.pause()
        app.screen.coach.flush()  # the coach's debounce runs on real time: settle it now
        await pilot.pause()

    return app, open_stage


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_key_results_stage(snap_compare, kr_app, size):
    """The stage with the clock at 23:30.

    A reviewer should see: "Key results for each objective" with the formula; objective 1
    (committed) with its text, "N&S test: failed at KR 1.2 (run 1)" and the red line
    saying KR 1.2 is not necessary; KR 1.1 focused, its from 48 · to 8 · unit hours ·
    owner Sam on one compact line; KR 1.2 outlined in red; KR 1.3 a milestone showing
    "done or not done" and an owner only (further down at 80x24). The coach (beside at
    160x45, under at 80x24) judges KR 1.1.
    """
    app, open_stage = kr_app
    assert snap_compare(app, terminal_size=size, run_before=open_stage)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_necessary_question(snap_compare, kr_app, size):
    """The second question of a run, after a "yes" to KR 1.1.

    A reviewer should see a dialog over the dimmed stage titled "Necessary and
    sufficient · objective 1 · question 2 of 4", the agenda's question, KR 1.2's text
    in a bar, "Answer: NO (Y to change)" chosen, a note being typed, the key line
    (Y / N / Tab / Enter / Esc), and a footer with the dialog's keys.
    """
    app, open_stage = kr_app

    async def run_before(pilot) -> None:
        await open_stage(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("y", "enter")
        await pilot.pause()
        await pilot.press("n", "tab", *"CSAT follows")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_sufficient_question(snap_compare, kr_app, size):
    """The last question of a run: are the key results enough?

    A reviewer should see "question 4 of 4", "Sufficient?", the agenda's question, the
    objective's text in a bar and the three key results listed under it as KR 1.1–1.3,
    no answer chosen yet.
    """
    app, open_stage = kr_app

    async def run_before(pilot) -> None:
        await open_stage(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        for _ in range(3):
            await pilot.press("y", "enter")
            await pilot.pause()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
