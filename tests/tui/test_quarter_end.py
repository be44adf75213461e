"""Pilot tests: a quarter-end review driven with keys, checked in the store, and the roll-over."""

from __future__ import annotations

import datetime as dt

from textual.widgets import SelectionList

from tests.core.quarter_sample import sample_workshop, store_sample
from tests.tui.stage_waits import OBJECTIVES, on_stage
from tests.tui.test_checkin import label, new_checkin, shows, wait_built
from workshop.core.agenda.kinds import QUARTER_END
from workshop.core.db.items import Item
from workshop.core.domain import KeyResult, KeyResultKind, Objective
from workshop.core.okr.checkins import CheckInLog
from workshop.core.okr.meetings import (
    CheckInEntry,
    CheckInRecord,
    QuarterEndRecord,
    read_rolled_over,
)
from workshop.core.session.meeting_start import start_meeting
from workshop.tui.screens.checkin import CheckInAttendanceScreen
from workshop.tui.screens.objectives import ObjectivesScreen
from workshop.tui.screens.quarter_end import QuarterObjectivesScreen, QuarterScoresScreen
from workshop.tui.screens.quarter_end_retro import QuarterRetroScreen, QuarterWinsScreen
from workshop.tui.screens.rollover import RollOverScreen
from workshop.tui.widgets.objective_block import ObjectiveBlock

ROLL_OVER = 5  # the review's stages: attendance, scores, choices, wins, retro, roll_over


def new_quarter_end(store, clock, subject_id: int, stage: int = 0) -> int:
    """A quarter-end review of `subject_id` held on 31 March 2027, left at `stage` (the
    app opens there); its meeting id."""
    session = start_meeting(
        store, QUARTER_END, subject_id, dt.date(2027, 3, 31), clock=clock, wall=clock.wall
    )
    meeting_id = session.workshop_id
    if stage:
        session.set_stage(stage)
    session.close()
    return meeting_id


def a_quarter_of_check_ins(store, clock, subject_id: int, *, with_ids: bool = False) -> None:
    """One check-in meeting in March: 1.1 at 30 hours (0.875), 2.1 done. Its entries name
    their key results by position, as records did before ids were kept; `with_ids`: by id
    too, as the check-in screen makes them now."""
    meeting_id = new_checkin(store, clock, subject_id, dt.date(2027, 3, 16))
    subject = store.load(subject_id)
    log = CheckInLog()
    record = CheckInRecord(date=dt.date(2027, 3, 16))
    for (o, k), value in {(0, 0): "30", (1, 0): "done"}.items():
        log = log.record(subject, o, k, date=record.date, entered_by="Ben", value=value)
        kr_id = subject.objectives[o].key_results[k].id if with_ids else None
        entry = CheckInEntry(
            objective_index=o, key_result_index=k, key_result_id=kr_id, check_in=log.latest(o, k)
        )
        record = record.appended(entry)
    store.update_workshop(meeting_id, meeting_json=record.model_dump_json())


def quarter_end_record(store, meeting_id: int) -> QuarterEndRecord:
    return QuarterEndRecord.model_validate_json(store.load(meeting_id).meeting_json)


async def test_a_quarter_end_review_run_with_keys(make_app, store, clock, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    subject_id = store_sample(store)
    a_quarter_of_check_ins(store, clock, subject_id)
    meeting_id = new_quarter_end(store, clock, subject_id)
    app = make_app(meeting_id)
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_built(pilot)
        assert isinstance(app.screen, CheckInAttendanceScreen)  # before the clock starts
        await pilot.press("down", "space")  # Ben is here
        await app.keys_settled()
        assert "Here (1 of 3): Ben" in label(app.screen, "#checkin-here")
        await pilot.press("ctrl+n")
        await wait_built(pilot)
        screen = app.screen
        assert isinstance(screen, QuarterScoresScreen)
        # The measured progress is offered: 0.875 -> 0.9; 1.2 has none; done -> 1.0.
        assert screen.query_one("#score-0-0").value == "0.9"
        assert screen.query_one("#score-0-1").value == ""
        assert screen.query_one("#score-1-0").value == "1.0"
        assert "GREEN · the goal was delivered" in str(screen.query_one("#band-0-0").render())
        # A score between tenths is refused in one line and not stored.
        await pilot.press("ctrl+a", "ctrl+k", *"0.75", "enter")
        await app.keys_settled()
        assert "between two of them" in label(screen, "#score-error")
        assert quarter_end_record(store, meeting_id).score(0, 0) == 0.9
        await pilot.press("backspace", "enter", "ctrl+a", "ctrl+k", *"0.5", "enter")
        await app.keys_settled()
        assert "ORANGE" in str(screen.query_one("#band-0-1").render())
        # Aspirational: the average of 0.7 and 0.5 is 0.6, orange; committed: 1.0.
        assert "0.6, orange" in str(screen.query_one("#objective-0").render())
        assert "1.0, green" in str(screen.query_one("#objective-1").render())

        await pilot.press("ctrl+n")
        await wait_built(pilot)
        assert isinstance(app.screen, QuarterObjectivesScreen)
        await pilot.press("ctrl+t", "ctrl+t", *"Keep it, with a new target")  # change
        await pilot.press("enter", "ctrl+t", *"Delivered")  # objective 2: continue
        await app.keys_settled()
        app.screen.query_one(".start-text").focus()
        await pilot.press(*"Train new starters", "tab", *"Turnover is up")
        await app.keys_settled()

        await pilot.press("ctrl+n")
        await wait_built(pilot)
        assert isinstance(app.screen, QuarterWinsScreen)
        await pilot.press(*"Help centre live", "tab", *"Cara, Ben")
        await app.keys_settled()

        await pilot.press("ctrl+n")
        await wait_built(pilot)
        assert isinstance(app.screen, QuarterRetroScreen)
        await pilot.press(*"Weekly numbers", "enter", *"Owners updated early", "tab")
        await pilot.press(*"Targets set too late", "tab", *"Agree targets before the quarter")
        await app.keys_settled()

        await pilot.press("ctrl+n")
        await wait_built(pilot)
        roll = app.screen
        assert isinstance(roll, RollOverScreen)
        # Both objectives were continued or changed, so both start ticked with their KRs;
        # leave out 1.2 (Down twice to it, Space).
        await pilot.press("down", "down", "space")
        await app.keys_settled()
        assert label(roll, "#rollover-carry") == "Carrying: 1 (1.1); 2 (2.1)"
        assert label(roll, "#rollover-start") == (
            "Starting (the review's decision): Train new starters"
        )
        await pilot.press("ctrl+r")
        for _ in range(400):
            await pilot.pause(0.05)
            if quarter_end_record(store, meeting_id).next_workshop_id is not None:
                break
        assert "next period's workshop is #" in label(roll, "#rollover-status")
        await pilot.press("f2")
        for _ in range(400):
            await pilot.pause(0.05)
            if "Written" in label(roll, "#scorecard-status"):
                break
        assert "Written" in label(roll, "#scorecard-status")

    record = quarter_end_record(store, meeting_id)
    assert record.present == ["Ben"] and record.date == dt.date(2027, 3, 31)
    assert [(s.objective_index, s.key_result_index, s.score) for s in record.scores] == [
        (0, 0, 0.7),
        (0, 1, 0.5),
        (1, 0, 1.0),
    ]
    decisions = [
        (d.objective_index, d.decision.value, d.reason, d.text)
        for d in record.retrospective.decisions
    ]
    assert decisions == [
        (0, "change", "Keep it, with a new target", ""),
        (1, "continue", "Delivered", ""),
        (None, "start", "Turnover is up", "Train new starters"),
    ]
    retro = record.retrospective
    assert [(w.text, w.thanks) for w in retro.wins] == [("Help centre live", ["Cara", "Ben"])]
    assert retro.went_well == ["Weekly numbers", "Owners updated early"]
    assert retro.did_not_go_well == ["Targets set too late"]
    assert retro.change_how_we_set_okrs == ["Agree targets before the quarter"]
    assert [(c.objective_index, c.key_result_indices) for c in record.carry] == [
        (0, (0,)),
        (1, (0,)),
    ]

    # The next period's workshop: pre-filled, marked rolled over, the set-up copied.
    new = store.load(record.next_workshop_id)
    assert (new.team, new.period, new.facilitator, new.champion) == (
        "Support",
        "2027-Q2",
        "Dana",
        "Eli",
    )
    assert new.participants == ["Ana", "Ben", "Cara"] and new.timezone == "Europe/Lisbon"
    # The objective the review decided to start comes last, new: no key results, no mark.
    assert [o.text for o in new.objectives] == [
        "Answer customers faster so that they stay",
        "Ship the help centre in order to cut repeat questions",
        "Train new starters",
    ]
    assert [[k.text for k in o.key_results] for o in new.objectives] == [
        ["Cut first reply time from 72 to 24 hours"],
        ["Launch the help centre"],
        [],
    ]
    marks = read_rolled_over(new)
    assert marks is not None and marks.from_workshop_id == subject_id
    assert marks.from_period == "2027-Q1" and len(marks.rolled_over) == 4
    written = sorted(p.name for p in (tmp_path / "exports").iterdir())
    assert "support-2027-q1-scorecard.pdf" in written


def three_objectives(store) -> int:
    """The sample with a third objective: 1 (1.1 reply time, 1.2 CSAT), 2 (2.1 the help
    centre), 3 (3.1 a course, 3.2 a buddy for each starter)."""
    workshop = sample_workshop()
    third = Objective(
        text="Train new starters",
        key_results=[
            KeyResult(text="Run the support course", kind=KeyResultKind.MILESTONE),
            KeyResult(text="Give each starter a buddy", kind=KeyResultKind.MILESTONE),
        ],
    )
    return store.import_workshop(
        workshop.model_copy(update={"objectives": [*workshop.objectives, third]})
    )


async def test_roll_over_carries_the_chosen_items_after_the_workshop_changed(
    make_app, store, clock
):
    """The room ticks 1 with 1.2 and 3 with 3.2, and the meeting closes. Before it resumes,
    the reviewed workshop changes: objective 2 and key result 1.1 are removed, and 3.2 moves
    up. Positions now name other items; the choice follows the items themselves. While the
    meeting is open, objective 3 then moves to the top in another window: the next
    workshop is made from the workshop as it is then, with the same items."""
    subject_id = three_objectives(store)
    meeting_id = new_quarter_end(store, clock, subject_id, stage=ROLL_OVER)
    app = make_app(meeting_id)
    async with app.run_test(size=(160, 45)) as pilot:
        roll = await on_stage(pilot, ROLL_OVER)
        assert isinstance(roll, RollOverScreen)
        assert label(roll, "#rollover-carry") == "Carrying: nothing yet"
        # 1, 1.1, 1.2, 2, 2.1, 3, 3.1, 3.2: tick 1.2 and 3.2 (each ticks its objective).
        await pilot.press("down", "down", "space", *["down"] * 5, "space")
        await app.keys_settled()
        assert label(roll, "#rollover-carry") == "Carrying: 1 (1.2); 3 (3.2)"

    subject = store.load(subject_id)
    first, second, third = subject.objectives
    store.delete(Item.OBJECTIVE, second.id)
    store.delete(Item.KEY_RESULT, first.key_results[0].id)
    store.move(Item.KEY_RESULT, third.key_results[1].id, -1)
    changed = store.load(subject_id)
    assert [[k.text for k in o.key_results] for o in changed.objectives] == [
        ["Raise CSAT from 70% to 90%"],
        ["Give each starter a buddy", "Run the support course"],
    ]

    app = make_app(meeting_id)
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_built(pilot)
        roll = app.screen
        assert isinstance(roll, RollOverScreen)
        # The same items, at their new places: CSAT is 1.1 now, the buddy 2.1.
        assert label(roll, "#rollover-carry") == "Carrying: 1 (1.1); 2 (2.1)"
        chosen = sorted(roll.query_one("#rollover-choices", SelectionList).selected)
        assert chosen == ["0", "0.0", "1", "1.0"]
        # In another window, "Train new starters" moves to the top before Ctrl+R.
        store.move(Item.OBJECTIVE, third.id, -1)
        await pilot.press("ctrl+r")
        for _ in range(400):
            await pilot.pause(0.05)
            if quarter_end_record(store, meeting_id).next_workshop_id is not None:
                break
        assert "next period's workshop is #" in label(roll, "#rollover-status")
        # Made: a tick now would reach nothing, so it is put back.
        carry = quarter_end_record(store, meeting_id).carry
        await pilot.press("space")
        await app.keys_settled()
        assert sorted(roll.query_one("#rollover-choices", SelectionList).selected) == chosen
        assert label(roll, "#rollover-carry") == "Carrying: 1 (1.1); 2 (2.1)"
        app.session.flush()
        assert quarter_end_record(store, meeting_id).carry == carry

    new = store.load(quarter_end_record(store, meeting_id).next_workshop_id)
    assert [(o.text, [k.text for k in o.key_results]) for o in new.objectives] == [
        ("Train new starters", ["Give each starter a buddy"]),
        ("Answer customers faster so that they stay", ["Raise CSAT from 70% to 90%"]),
    ]
    marks = read_rolled_over(new)
    assert marks is not None
    assert {
        (m.objective_index, m.key_result_index, m.from_objective_index, m.from_key_result_index)
        for m in marks.rolled_over
    } == {(0, None, 0, None), (0, 0, 0, 0), (1, None, 1, None), (1, 0, 1, 0)}

    # In the new workshop the room adds an objective and moves it to the top: the marks
    # stay with the objectives that were rolled over.
    assert all(m.objective_id is not None for m in marks.rolled_over)
    added = store.add(Item.OBJECTIVE, new.id, text="Cut the backlog in half")
    store.move(Item.OBJECTIVE, added, -2)
    app = make_app(new.id, stage=OBJECTIVES)
    async with app.run_test(size=(160, 45)) as pilot:
        await on_stage(pilot, OBJECTIVES)
        assert isinstance(app.screen, ObjectivesScreen)
        blocks = list(app.screen.query(ObjectiveBlock))
        assert [(b.field.value, b.rolled_over_from) for b in blocks] == [
            ("Cut the backlog in half", None),
            ("Train new starters", "2027-Q1"),
            ("Answer customers faster so that they stay", "2027-Q1"),
        ]


async def test_at_80x24_what_is_typed_and_what_is_wrong_is_in_view(
    make_app, store, clock, tmp_path, monkeypatch
):
    """What a facilitator tripped over at 80x24: who is ticked was under the list, off
    the stage; typing a score added to the suggestion ("0.90.8"); a refused score was
    said under the whole list, off the stage; so was "Written" after F2; a retrospective
    field's list name scrolled away above it."""
    monkeypatch.chdir(tmp_path)
    subject_id = store_sample(store)
    a_quarter_of_check_ins(store, clock, subject_id)
    meeting_id = new_quarter_end(store, clock, subject_id)
    app = make_app(meeting_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_built(pilot)
        await pilot.press("space")
        await app.keys_settled()
        assert "Here (1 of 3): Ana" in label(app.screen, "#checkin-here")
        assert shows(app.screen, app.screen.query_one("#checkin-here"))

        await pilot.press("ctrl+n")
        await wait_built(pilot)
        screen = app.screen
        assert isinstance(screen, QuarterScoresScreen)
        assert screen.focused is screen.query_one("#score-0-0")
        await pilot.press(*"0.8", "enter")  # replaces the suggested 0.9
        await app.keys_settled()
        assert quarter_end_record(store, meeting_id).score(0, 0) == 0.8
        assert screen.focused is screen.query_one("#score-0-1")
        await pilot.press(*"0.75", "enter")
        await app.keys_settled()
        for _ in range(5):
            await pilot.pause()
        error = screen.query_one("#score-error")
        assert "1.2: " in label(screen, "#score-error")
        assert shows(screen, error) and shows(screen, screen.query_one("#score-0-1"))
        rows = list(screen.query_one("#score-lines").children)
        assert rows[rows.index(screen.query_one("#score-0-1").parent) + 1] is error

        await pilot.press("ctrl+a", "ctrl+k", *"0.5", "enter", "ctrl+n")
        await wait_built(pilot)
        await pilot.press("ctrl+n")  # the wins
        await wait_built(pilot)
        await pilot.press("ctrl+n")  # the retrospective
        await wait_built(pilot)
        assert isinstance(app.screen, QuarterRetroScreen)
        titles = [str(f.border_title) for f in app.screen.query(".retro-line")]
        assert titles == [
            "What went well",
            "What did not go well",
            "What we change in how we set OKRs",
        ]

        await pilot.press("ctrl+n")
        await wait_built(pilot)
        roll = app.screen
        assert isinstance(roll, RollOverScreen)
        for selector in (".key-hint", "#rollover-choices", "#rollover-carry", "#rollover-period"):
            assert shows(roll, roll.query_one(selector)), selector
        await pilot.press("f2")
        for _ in range(400):
            await pilot.pause(0.05)
            if "Written" in label(roll, "#scorecard-status"):
                break
        for _ in range(5):
            await pilot.pause()
        assert shows(roll, roll.query_one("#scorecard-status"))


async def test_a_long_carry_list_wraps_on_the_stage(make_app, store, clock, tmp_path, monkeypatch):
    """Five objectives of five key results, all ticked: 'Carrying: 1 (1.1, ...); ...' is
    longer than the stage is wide. It wraps within the stage (a Label as wide as its text
    was cut at the edge after '4 (4.1,', hiding what else carries); so does F2's
    'Written: ...' with its three paths (cut after the first)."""
    monkeypatch.chdir(tmp_path)
    from tests.exports.sample import full_workshop

    subject_id = store.import_workshop(full_workshop())
    meeting_id = new_quarter_end(store, clock, subject_id, stage=ROLL_OVER)
    app = make_app(meeting_id)
    async with app.run_test(size=(160, 45)) as pilot:
        roll = await on_stage(pilot, ROLL_OVER)
        assert isinstance(roll, RollOverScreen)
        # Rows: each objective, then its five key results; ticking a key result ticks
        # its objective.
        keys: list[str] = []
        for row in range(30):
            if row % 6:
                keys.append("space")
            keys.append("down")
        await pilot.press(*keys)
        await app.keys_settled()
        text = label(roll, "#rollover-carry")
        assert text.endswith("5 (5.1, 5.2, 5.3, 5.4, 5.5)"), text
        carry = roll.query_one("#rollover-carry")
        assert carry.parent is not None
        assert carry.region.width <= carry.parent.content_region.width
        assert carry.region.height >= 2
        await pilot.press("f2")
        for _ in range(400):
            await pilot.pause(0.05)
            if "Written" in label(roll, "#scorecard-status"):
                break
        await app.keys_settled()
        status = roll.query_one("#scorecard-status")
        assert label(roll, "#scorecard-status").endswith(".csv")
        assert status.region.width <= carry.parent.content_region.width
        assert status.region.height >= 2


async def test_each_score_stays_with_its_key_result_when_the_workshop_changes(
    make_app, store, clock
):
    """Scores are kept with their key results' ids: after 1.2 moves up to 1.1, the review
    opened again shows each score on its own key result, and none is stored twice."""
    subject_id = store_sample(store)
    a_quarter_of_check_ins(store, clock, subject_id, with_ids=True)
    meeting_id = new_quarter_end(store, clock, subject_id, stage=1)  # the scores
    app = make_app(meeting_id)
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_built(pilot)
        screen = app.screen
        assert isinstance(screen, QuarterScoresScreen)
        assert screen.query_one("#score-0-0").value == "0.9"  # reply time, offered
        screen.query_one("#score-0-1").focus()
        await pilot.press(*"0.3", "enter")  # CSAT
        await app.keys_settled()
    reply, csat = store.load(subject_id).objectives[0].key_results
    scores = quarter_end_record(store, meeting_id).scores
    assert {(s.key_result_id, s.score) for s in scores} == {
        (reply.id, 0.9),
        (csat.id, 0.3),
        (store.load(subject_id).objectives[1].key_results[0].id, 1.0),
    }

    assert csat.id is not None
    store.move(Item.KEY_RESULT, csat.id, -1)  # Alt+Up on the key results stage
    app = make_app(meeting_id)
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_built(pilot)
        screen = app.screen
        assert isinstance(screen, QuarterScoresScreen)
        assert screen.query_one("#score-0-0").value == "0.3"  # CSAT, now first
        assert screen.query_one("#score-0-1").value == "0.9"  # reply time, now second
        assert "RED" in str(screen.query_one("#band-0-0").render())
    assert len(quarter_end_record(store, meeting_id).scores) == 3
