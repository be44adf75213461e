"""Pilot tests of the wrap-up stage (lists, follow-up, summary, export) and the summary text."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Label

import workshop.core.exports as exports
import workshop.core.paths
from tests.tui.stage_waits import WRAP_UP, on_stage
from workshop.core.db.store import Item
from workshop.core.domain import (
    KeyResult,
    KeyResultKind,
    Meeting,
    MeetingKind,
    NSAnswer,
    NSTest,
    Objective,
    ParentKeyResult,
    ParentObjective,
    Priority,
    StageTiming,
    Workshop,
    WrapItem,
    WrapItemKind,
)
from workshop.core.okr.summary_text import as_text, build_summary, ns_outcome
from workshop.tui.screens.wrap_up import WrapUpScreen
from workshop.tui.widgets.summary import SummaryView


async def go_to_wrap_up(app, pilot) -> None:
    """The app opens at the stage (`make_app(..., stage=WRAP_UP)`): wait for it."""
    await on_stage(pilot, WRAP_UP)
    assert isinstance(app.screen, WrapUpScreen)


def status(app) -> str:
    return str(app.screen.query_one("#export-status", Label).render())


async def settle(app, pilot, done) -> None:
    """Wait until the export worker has reported (a condition, not a time)."""
    for _ in range(2000):
        if done():
            return
        await pilot.pause(0.05)


# -- lists and follow-up -----------------------------------------------------------


async def test_questions_and_next_steps_are_saved_as_typed(make_app, store):
    app = make_app(stage=WRAP_UP)
    async with app.run_test(size=(160, 45)) as pilot:
        await go_to_wrap_up(app, pilot)
        await pilot.press(*"Who books the room?", "enter")
        await pilot.pause()  # the new line is mounted and focused
        await pilot.press(*"Is Q2 in scope?", "down", *"Send the OKRs out", "down", *"Sam")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"Book the check-ins", "tab", *"Rosa")
        await pilot.press("ctrl+b")  # leaving the stage saves everything typed
        await pilot.pause()
        workshop = store.load(app.session.workshop_id)
    assert [q.text for q in workshop.questions] == ["Who books the room?", "Is Q2 in scope?"]
    assert [(s.text, s.owner) for s in workshop.next_steps] == [
        ("Send the OKRs out", "Sam"),
        ("Book the check-ins", "Rosa"),
    ]


async def test_removing_lines_with_backspace(make_app, store):
    workshop_id = store.create_workshop()
    for text in ("Keep", "Drop"):
        store.add(Item.WRAP_ITEM, workshop_id, kind="question", text=text)
    store.add(Item.WRAP_ITEM, workshop_id, kind="next step", text="Step", owner="Ana")
    app = make_app(workshop_id, stage=WRAP_UP)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to_wrap_up(app, pilot)
        await pilot.press("down", "ctrl+u", "backspace")  # empty the second question: gone
        await pilot.pause()
        # A step with an owner goes whole too (Ctrl+Z brings it back); an empty line stays.
        await pilot.press("down", "ctrl+u", "backspace")
        await app.keys_settled()
        app.session.flush()
        workshop = store.load(workshop_id)
    assert [q.text for q in workshop.questions] == ["Keep"]
    assert [(s.text, s.owner) for s in workshop.next_steps] == [("", "")]


async def test_follow_up_is_validated_and_saved(make_app, store):
    app = make_app(stage=WRAP_UP)
    async with app.run_test(size=(160, 45)) as pilot:
        await go_to_wrap_up(app, pilot)
        app.screen.query_one("#follow-up-date").focus()
        await pilot.press(*"2027-02-31")
        await app.keys_settled()
        error = app.screen.query_one("#follow-up-error", Label)
        assert error.display
        assert "February 2027 has days 01 to 28" in str(error.render())
        await pilot.press("backspace", "backspace", *"26", "tab", *"15:30")
        await pilot.press("tab", *"Settle the open questions")
        await app.keys_settled()
        assert not error.display
        app.session.flush()
        workshop = store.load(app.session.workshop_id)
        assert workshop.follow_up == dt.datetime(2027, 2, 26, 15, 30, tzinfo=dt.UTC)
        assert workshop.follow_up_note == "Settle the open questions"
        # Clearing both fields removes the follow-up.
        app.screen.query_one("#follow-up-time").focus()
        await pilot.press("ctrl+u")
        await app.keys_settled()
        assert "add a time too" in str(error.render())
        app.screen.query_one("#follow-up-date").focus()
        await pilot.press("ctrl+u")
        await app.keys_settled()
        app.session.flush()
        assert store.load(app.session.workshop_id).follow_up is None


async def test_follow_up_is_typed_in_the_workshops_time_zone(make_app, store):
    workshop_id = store.create_workshop(timezone="Europe/Berlin")
    app = make_app(workshop_id)
    async with app.run_test(size=(160, 45)) as pilot:
        # Arrives as the room does, from the stage before: leaving and coming back is checked.
        app.session.set_stage(WRAP_UP - 1)
        await pilot.press("ctrl+n")
        await go_to_wrap_up(app, pilot)
        app.screen.query_one("#follow-up-date").focus()
        await pilot.press(*"2027-07-01", "tab", *"15:30")
        await pilot.press("ctrl+b", "ctrl+n")  # leave and come back: shown as typed
        await pilot.pause()
        shown = [app.screen.query_one(f"#follow-up-{f}").value for f in ("date", "time")]
    assert store.load(workshop_id).follow_up == dt.datetime(2027, 7, 1, 13, 30, tzinfo=dt.UTC)
    assert shown == ["2027-07-01", "15:30"]


async def test_reminder_names_the_first_check_in(make_app, store, agenda):
    workshop_id = store.create_workshop()
    store.add(Item.MEETING, workshop_id, date=dt.date(2027, 2, 1), time=dt.time(9, 0))
    store.add(Item.MEETING, workshop_id, date=dt.date(2027, 1, 25), time=dt.time(9, 30))
    app = make_app(workshop_id, stage=WRAP_UP)
    async with app.run_test(size=(160, 45)) as pilot:
        await go_to_wrap_up(app, pilot)
        reminder = str(app.screen.query_one("#wrap-reminder", Label).render())
    assert reminder.startswith(agenda.stage("wrap_up").reminder)
    assert "Mon 25 Jan 2027 at 09:30" in reminder


# -- summary -------------------------------------------------------------------------


async def test_ctrl_r_shows_the_summary_with_user_text_literally(make_app, store):
    workshop_id = store.create_workshop(team="[bold]Ops[/bold]", period="2027-Q1")
    priority = store.add(Item.PRIORITY, workshop_id, text="Keep customers")
    store.add(Item.WHY, priority, text="Churn \x1b[2J doubled")
    app = make_app(workshop_id, stage=WRAP_UP)
    async with app.run_test(size=(160, 45)) as pilot:
        await go_to_wrap_up(app, pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        summary = app.screen.query_one(SummaryView)
        lines = [str(label.render()) for label in summary.query(Label)]
        assert summary.display and app.screen.has_class("-summary-only")
        assert not app.screen.query_one("#wrap-editor").display
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert not app.screen.has_class("-summary-only")
    assert "Team: [bold]Ops[/bold]" in lines
    assert "why: Churn ␛[2J doubled" in lines
    assert "Time: planned and actual" in lines


def sample() -> Workshop:
    return Workshop(
        team="Support",
        period="2027-Q1",
        facilitator="Rosa",
        participants=["Ana", "", "Ben"],
        parent_objectives=[
            ParentObjective(text="Win the mid-market", key_results=[ParentKeyResult(text="Grow")])
        ],
        priorities=[Priority(text="Keep customers", whys=["Churn doubled", ""]), Priority()],
        objectives=[
            Objective(
                text="Delight new customers",
                priority_index=0,
                parent_ref="0.0",
                key_results=[
                    KeyResult(
                        text="Cut reply time", start="72", target="24", unit="h", owner="Ana"
                    ),
                    KeyResult(text="Publish the guide", kind=KeyResultKind.MILESTONE),
                ],
                ns_test=NSTest(
                    run=2,
                    answers=[
                        NSAnswer(key_result_index=0, answer=True),
                        NSAnswer(key_result_index=1, answer=False, note="a task"),
                    ],
                    completed_at=dt.datetime(2027, 1, 12, 10, 0, tzinfo=dt.UTC),
                ),
            ),
            Objective(),  # blank: left out
        ],
        meetings=[
            Meeting(date=dt.date(2027, 3, 31), time=dt.time(15, 0), kind=MeetingKind.QUARTER_END),
            Meeting(date=dt.date(2027, 1, 19), time=dt.time(10, 0), note="Room 4"),
        ],
        wrap_items=[
            WrapItem(kind=WrapItemKind.QUESTION, text="Who owns the page?"),
            WrapItem(kind=WrapItemKind.QUESTION, text=""),
            WrapItem(
                kind=WrapItemKind.NEXT_STEP,
                text="Send it out",
                owner="Sam",
                due=dt.date(2027, 1, 15),
            ),
        ],
        timings=[
            StageTiming(key="setup", title="Set-up", planned_seconds=0, adjusted_seconds=0),
            StageTiming(
                key="overview",
                title="Overview",
                planned_seconds=1800,
                adjusted_seconds=2100,
                actual_seconds=2050,
            ),
        ],
        break_seconds=600,
    )


def test_summary_text_covers_every_part():
    text = as_text(build_summary(sample()))
    for expected in [
        "Team: Support",
        "Participants (2): Ana, Ben",
        "1.1 Grow",
        "1. Keep customers",
        "why: Churn doubled",
        "Objective 1 (committed): Delight new customers",
        "serves priority 1: Keep customers; builds on company key result 1.1: Grow",
        "KR 1.1: Cut reply time (metric, from 72 to 24 h, owner: Ana)",
        "KR 1.2: Publish the guide (milestone, no owner yet)",
        "failed at KR 1.2 (run 2): “a task”",
        "Tue 19 Jan 2027 at 10:00: check-in, Room 4",
        "Wed 31 Mar 2027 at 15:00: quarter-end scoring",
        "Open questions (1)",
        "Send it out (owner: Sam, due Fri 15 Jan 2027)",
        "No follow-up meeting.",
        "Overview: planned 30 min (then 35 min), took 34 min",
        "Breaks: 10 min",
    ]:
        assert expected in text, expected
    assert "Objective 2" not in text
    assert "2. " not in text.split("Priorities and why they matter")[1].split("Objectives")[0]
    # Meetings are listed in date order whatever order they were stored in.
    assert text.index("Tue 19 Jan") < text.index("Wed 31 Mar")


@pytest.mark.parametrize(
    ("test", "expected"),
    [
        (NSTest(), "not run yet"),
        (NSTest(run=1, answers=[NSAnswer(key_result_index=0, answer=True)]), "not finished"),
        (
            NSTest(
                run=1,
                answers=[NSAnswer(key_result_index=None, answer=True)],
                completed_at=dt.datetime(2027, 1, 1, tzinfo=dt.UTC),
            ),
            "passed (run 1)",
        ),
        (
            NSTest(
                run=3,
                answers=[NSAnswer(key_result_index=None, answer=False)],
                completed_at=dt.datetime(2027, 1, 1, tzinfo=dt.UTC),
            ),
            "failed the sufficiency question (run 3)",
        ),
    ],
)
def test_ns_outcome(test, expected):
    assert expected in ns_outcome(Objective(text="x", ns_test=test), 1)


# -- export ------------------------------------------------------------------------------


@pytest.fixture
def out_dir(tmp_path, monkeypatch):
    folder = tmp_path / "exports"
    monkeypatch.setattr(workshop.core.paths, "exports_dir", lambda: folder)
    return folder


async def test_f2_writes_every_format_and_shows_the_paths(make_app, store, out_dir, monkeypatch):
    # Rendering is faked (the real PDF has its own test); the writing is real.
    monkeypatch.setattr(
        exports, "render", lambda w, fmt, page_size="a4": f"{fmt} for {w.team}".encode()
    )
    workshop_id = store.create_workshop(team="Support", period="2027-Q1")
    app = make_app(workshop_id, stage=WRAP_UP)
    async with app.run_test(size=(160, 45)) as pilot:
        await go_to_wrap_up(app, pilot)
        await pilot.press("f2")
        await settle(app, pilot, lambda: "Written" in status(app))
        shown = status(app)
        assert not app.screen.query_one("#export").disabled
    files = sorted(p.name for p in out_dir.iterdir())
    extensions = ("csv", "ics", "json", "md", "next-steps.csv", "pdf")
    assert files == [f"support-2027-q1.{ext}" for ext in extensions]
    assert (out_dir / "support-2027-q1.ics").read_bytes() == b"ics for Support"
    for name in files:
        assert str(out_dir / name) in shown
    assert "Written (6 files)" in shown


async def test_an_export_failure_is_one_line_and_the_app_carries_on(
    make_app, store, out_dir, monkeypatch
):
    def broken(workshop, fmt, path, **kwargs):
        raise exports.ExportError(f"cannot write {path}: disk full")

    monkeypatch.setattr(exports, "export_workshop", broken)
    app = make_app(stage=WRAP_UP)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to_wrap_up(app, pilot)
        await pilot.press("f2")
        await settle(app, pilot, lambda: "disk full" in status(app))
        shown = status(app)
        assert "Not written, the handout PDF: cannot write" in shown
        assert "Traceback" not in shown
        # Still running and still editable.
        app.screen.query(".question").first().focus()
        await pilot.press(*"Still here")
        app.session.flush()
        assert [q.text for q in store.load(app.session.workshop_id).questions] == ["Still here"]


async def test_the_same_failure_everywhere_is_said_once(make_app, store, out_dir, monkeypatch):
    def broken(workshop, fmt, path, **kwargs):
        raise exports.ExportError("the export folder is read-only")

    monkeypatch.setattr(exports, "export_workshop", broken)
    app = make_app(stage=WRAP_UP)
    async with app.run_test(size=(160, 45)) as pilot:
        await go_to_wrap_up(app, pilot)
        await pilot.press("f2")
        await settle(app, pilot, lambda: "failed" in status(app))
        assert status(app) == "Export failed: the export folder is read-only"


async def test_the_real_export_writes_a_pdf_handout(make_app, store, out_dir):
    workshop_id = store.create_workshop(team="Support", period="2027-Q1")
    store.add(Item.WRAP_ITEM, workshop_id, kind="question", text="Who owns the page?")
    app = make_app(workshop_id, stage=WRAP_UP)
    async with app.run_test(size=(160, 45)) as pilot:
        await go_to_wrap_up(app, pilot)
        await pilot.press("f2")
        await settle(app, pilot, lambda: "Written" in status(app) or "failed" in status(app))
        shown = status(app)
    pdf = out_dir / "support-2027-q1.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert str(pdf) in shown
    assert (out_dir / "support-2027-q1.json").exists()
