"""The necessary-and-sufficient test: the Textual-free run, then the modals driven with keys."""

from __future__ import annotations

import pytest

from tests.conftest import START_WALL
from tests.tui.stage_waits import KEY_RESULTS, on_stage
from workshop.core.agenda.model import load_agenda
from workshop.core.db.store import Item
from workshop.core.domain import KeyResult, NSAnswer, NSTest, Objective
from workshop.core.okr.ns_test import NSReply, NSRun
from workshop.tui.dialogs.ns_test import NSQuestionScreen, describe_outcome
from workshop.tui.screens.key_results import KeyResultsScreen
from workshop.tui.widgets.kr_rows import KRField, ObjectiveBlock

TEXTS = load_agenda().stage("key_results").ns_test
assert TEXTS is not None


# -- the run on its own --------------------------------------------------------


def objective(*texts: str) -> Objective:
    return Objective(
        id=1, text="Make support feel instant", key_results=[KeyResult(text=t) for t in texts]
    )


def test_a_run_asks_each_written_key_result_then_the_set():
    run = NSRun(objective("Cut reply time", "", "Raise CSAT"), 1, TEXTS)
    asked = []
    while run.current is not None:
        asked.append((run.current.key_result_index, run.current.prompt))
        run.answer(NSReply(True))
    # The blank row is skipped; indices are positions within the objective.
    assert asked == [(0, TEXTS.necessary), (2, TEXTS.necessary), (None, TEXTS.sufficient)]
    result = run.result(NSTest(run=2), START_WALL)
    assert result.run == 3 and result.passed is True and result.completed_at == START_WALL


def test_a_no_ends_the_run_at_once():
    run = NSRun(objective("A", "B", "C"), 1, TEXTS)
    run.answer(NSReply(True))
    run.answer(NSReply(False, "  overlaps with A  "))
    assert run.finished and run.current is None
    assert run.failed == NSAnswer(key_result_index=1, answer=False, note="  overlaps with A  ")
    result = run.result(NSTest(), START_WALL)
    assert result.passed is False
    # the note typed with the "no" is shown with it, verbatim
    assert (
        describe_outcome(result, 2) == "N&S test: failed at KR 2.2 (run 1): “  overlaps with A  ”"
    )


def test_every_run_is_kept_with_its_answers_and_notes():
    run = NSRun(objective("A", "B"), 1, TEXTS)
    run.answer(NSReply(True, "clearly"))
    run.answer(NSReply(False, "B repeats A"))
    first = run.result(NSTest(), START_WALL)
    again = NSRun(objective("A", "B").model_copy(update={"ns_test": first}), 1, TEXTS)
    assert again.questions[0].history == (
        "Run 1: failed at KR 1.2: “B repeats A” · KR 1.1: yes, “clearly”",
    )
    while again.current is not None:
        again.answer(NSReply(True))
    second = again.result(first, START_WALL)
    assert second.run == 2 and second.passed is True
    assert [r.run for r in second.runs()] == [1, 2]
    assert second.earlier[0].answers == first.answers  # nothing overwritten
    third = NSRun(objective("A", "B").model_copy(update={"ns_test": second}), 1, TEXTS)
    assert third.questions[0].history[-1] == "Run 2: passed"
    assert len(third.questions[0].history) == 2
    assert third.questions[1].history == ()  # only the first question shows them


def test_the_history_survives_the_json_export_exactly():
    from workshop.core.domain import Workshop
    from workshop.core.exports import json_format

    run = NSRun(objective("A", "B"), 1, TEXTS)
    run.answer(NSReply(False, "A is a task"))
    first = run.result(NSTest(), START_WALL)
    rerun = NSRun(objective("A", "B"), 1, TEXTS)
    rerun.answer(NSReply(True))
    rerun.answer(NSReply(True))
    rerun.answer(NSReply(False, "churn is missing"))
    second = rerun.result(first, START_WALL)
    workshop = Workshop(objectives=[objective("A", "B").model_copy(update={"ns_test": second})])
    data = json_format.dumps(workshop)
    back = json_format.loads(data, "test.json")
    assert back.objectives[0].ns_test == second
    assert json_format.dumps(back) == data
    # a workshop with one run or none exports exactly as before: no "earlier" key
    assert b'"earlier"' not in json_format.dumps(Workshop(objectives=[objective("A")]))


def test_outcome_lines():
    assert "not run" in describe_outcome(NSTest(), 1)
    sufficient_no = NSTest(
        run=4,
        answers=[
            NSAnswer(key_result_index=0, answer=True),
            NSAnswer(key_result_index=None, answer=False),
        ],
        completed_at=START_WALL,
    )
    assert describe_outcome(sufficient_no, 1) == "N&S test: failed the sufficiency question (run 4)"


def test_nothing_to_test_without_written_key_results():
    assert not NSRun(objective("", " "), 1, TEXTS).has_key_results


def test_a_finished_run_takes_no_more_answers():
    run = NSRun(objective("A"), 1, TEXTS)
    run.answer(NSReply(True))
    run.answer(NSReply(True))
    with pytest.raises(RuntimeError):
        run.answer(NSReply(True))


# -- in the app, with keys -----------------------------------------------------


@pytest.fixture
def three_krs(store):
    """One objective with three key results, and a second one with none."""
    workshop_id = store.create_workshop(team="Support", period="2027-Q1")
    first = store.add(Item.OBJECTIVE, workshop_id, text="Make support feel instant")
    for text in (
        "Cut first reply time from 48 h to 8 h",
        "Raise CSAT from 70% to 85%",
        "Answer 90% of chats within 2 minutes",
    ):
        store.add(Item.KEY_RESULT, first, text=text)
    store.add(Item.OBJECTIVE, workshop_id, text="Win back customers who left")
    return workshop_id


async def open_stage(pilot) -> KeyResultsScreen:
    """The app opens at the stage (`make_app(..., stage=KEY_RESULTS)`): wait for it."""
    screen = await on_stage(pilot, KEY_RESULTS)
    assert isinstance(screen, KeyResultsScreen)
    return screen


async def answer(pilot, key: str, note: str = "") -> None:
    assert isinstance(pilot.app.screen, NSQuestionScreen)
    await pilot.press(key)
    if note:
        await pilot.press("tab", *note)
    await pilot.press("enter")
    await pilot.pause()


def first_block(screen: KeyResultsScreen) -> ObjectiveBlock:
    return screen.query(ObjectiveBlock).first(ObjectiveBlock)


async def test_all_yes_is_stored_as_passed(make_app, store, three_krs, clock):
    app = make_app(three_krs, stage=KEY_RESULTS)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_stage(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, NSQuestionScreen)
        assert question.question.subject == "Cut first reply time from 48 h to 8 h"
        for _ in range(3):
            await answer(pilot, "y")
        assert app.screen.question.key_result_index is None  # the sufficiency question
        await answer(pilot, "y", "yes, if CSAT holds")
        assert app.screen is screen
        outcome = str(first_block(screen).query_one(".ns-outcome").render())
        assert outcome == "N&S test: passed (run 1)"
    ns = store.load(three_krs).objectives[0].ns_test
    assert ns.run == 1 and ns.passed is True
    assert [a.key_result_index for a in ns.answers] == [0, 1, 2, None]
    assert ns.answers[-1].note == "yes, if CSAT holds"
    assert ns.completed_at == clock.wall()


async def test_a_no_on_kr_two_leads_back_to_it_then_a_rerun_passes(make_app, store, three_krs):
    app = make_app(three_krs, stage=KEY_RESULTS)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_stage(pilot)
        await pilot.press("down", "ctrl+r")  # Ctrl+R works from any field of the objective
        await pilot.pause()
        await answer(pilot, "y")
        await answer(pilot, "n", "same as KR 1")
        assert app.screen is screen
        block = first_block(screen)
        second = block.rows[1]
        assert second.has_class("-ns-failed")
        assert screen.focused is second.text_field
        assert TEXTS.necessary_if_no in str(block.query_one(".ns-message").render())
        stored = store.load(three_krs).objectives[0].ns_test
        assert (stored.run, stored.passed) == (1, False)
        assert stored.answers[-1] == NSAnswer(key_result_index=1, answer=False, note="same as KR 1")

        # The room rewrites KR 2 and runs the test again.
        await pilot.press("ctrl+u", *"Raise CSAT for chat from 70% to 85%")
        await pilot.press("ctrl+r")
        await pilot.pause()
        for _ in range(4):
            await answer(pilot, "y")
        assert not second.has_class("-ns-failed")
        assert not block.query_one(".ns-message").has_class("-shown")
        assert "passed (run 2)" in str(block.query_one(".ns-outcome").render())
    workshop = store.load(three_krs)
    assert workshop.objectives[0].key_results[1].text == "Raise CSAT for chat from 70% to 85%"
    assert (workshop.objectives[0].ns_test.run, workshop.objectives[0].ns_test.passed) == (2, True)


async def test_the_note_of_a_no_is_shown_and_kept_across_runs(make_app, store, three_krs):
    app = make_app(three_krs, stage=KEY_RESULTS)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_stage(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        await answer(pilot, "n", "a task, not a result")
        block = first_block(screen)
        outcome = str(block.query_one(".ns-outcome").render())
        assert outcome == "N&S test: failed at KR 1.1 (run 1): “a task, not a result”"
        await pilot.press("ctrl+r")  # run it again: the first question shows run 1
        await pilot.pause()
        lines = [str(label.render()) for label in app.screen.query(".ns-history")]
        assert lines == ["Run 1: failed at KR 1.1: “a task, not a result”"]
        for _ in range(4):
            await answer(pilot, "y")
    stored = store.load(three_krs).objectives[0].ns_test
    assert (stored.run, stored.passed) == (2, True)
    assert stored.earlier[0].answers == [
        NSAnswer(key_result_index=0, answer=False, note="a task, not a result")
    ]


async def test_a_no_to_sufficiency_highlights_the_objective(make_app, store, three_krs):
    app = make_app(three_krs, stage=KEY_RESULTS)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_stage(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        for _ in range(3):
            await answer(pilot, "y")
        await answer(pilot, "n")
        block = first_block(screen)
        assert block.has_class("-ns-failed")
        assert screen.focused is block.rows[-1].text_field
        assert "sufficiency" in str(block.query_one(".ns-outcome").render())
        assert TEXTS.sufficient_if_no in str(block.query_one(".ns-message").render())
    assert store.load(three_krs).objectives[0].ns_test.passed is False


async def test_esc_mid_run_stores_nothing_new(make_app, store, three_krs):
    app = make_app(three_krs, stage=KEY_RESULTS)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_stage(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        for _ in range(4):
            await answer(pilot, "y")
        before = store.load(three_krs).objectives[0].ns_test
        await pilot.press("ctrl+r")
        await pilot.pause()
        await answer(pilot, "y")
        await pilot.press("n", "escape")  # chose "no" but abandoned before confirming
        await pilot.pause()
        assert app.screen is screen
        assert not first_block(screen).has_class("-ns-failed")
        assert "passed (run 1)" in str(first_block(screen).query_one(".ns-outcome").render())
    assert store.load(three_krs).objectives[0].ns_test == before


async def test_enter_without_an_answer_asks_for_one(make_app, store, three_krs):
    app = make_app(three_krs, stage=KEY_RESULTS)
    async with app.run_test(size=(160, 45)) as pilot:
        await open_stage(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        question = app.screen
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is question
        assert "Press Y or N first" in str(question.query_one("#ns-keys").render())
        await pilot.press("tab", *"yn")  # letters typed in the note are text, not answers
        assert question.choice is None
        assert question.query_one("#ns-note").value == "yn"


async def test_an_objective_with_no_written_key_results_is_not_tested(make_app, store, three_krs):
    app = make_app(three_krs, stage=KEY_RESULTS)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_stage(pilot)
        await pilot.press("pagedown", "ctrl+r")
        await pilot.pause()
        assert app.screen is screen
        assert isinstance(screen.focused, KRField)
    assert store.load(three_krs).objectives[1].ns_test.run == 0


async def test_a_stored_failure_is_highlighted_when_the_stage_opens(make_app, store, three_krs):
    objective_id = store.load(three_krs).objectives[0].id
    store.save_ns_test(
        objective_id,
        NSTest(
            run=3,
            answers=[
                NSAnswer(key_result_index=0, answer=True),
                NSAnswer(key_result_index=1, answer=False),
            ],
            completed_at=START_WALL,
        ),
    )
    app = make_app(three_krs, stage=KEY_RESULTS)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_stage(pilot)
        block = first_block(screen)
        assert block.rows[1].has_class("-ns-failed")
        assert "failed at KR 1.2 (run 3)" in str(block.query_one(".ns-outcome").render())


async def test_each_question_starts_afresh_in_the_same_dialog(make_app, store, three_krs):
    app = make_app(three_krs, stage=KEY_RESULTS)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stage(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NSQuestionScreen)
        assert dialog.query_one("#ns-explanation").display
        await pilot.press("enter")  # no answer yet: the key line asks for one
        await pilot.press("y", "tab", *"clearly needed", "enter")
        await pilot.pause()
        # The second question, in the same dialog: nothing of the first one is left.
        assert app.screen is dialog
        assert dialog.question.key_result_index == 1
        assert dialog.question.subject == "Raise CSAT from 70% to 85%"
        assert dialog.choice is None and dialog.query_one("#ns-note").value == ""
        assert app.focused is dialog.query_one("#ns-choice")
        keys = dialog.query_one("#ns-keys")
        assert not keys.has_class("-needed") and "Y or N, then Enter" in str(keys.render())
        assert "question 2 of 4" in dialog.query_one("#ns-dialog").border_title
        assert "KR 1.2" in str(dialog.query_one("#ns-heading").render())
        assert not dialog.query_one("#ns-explanation").display
        assert not any(kr.display for kr in dialog.query(".ns-kr"))
        await answer(pilot, "y")
        await answer(pilot, "y")
        # The last question lists every key result under the objective.
        assert app.screen is dialog and dialog.question.key_result_index is None
        assert "Make support feel instant" in str(dialog.query_one("#ns-subject").render())
        assert [str(kr.render()) for kr in dialog.query(".ns-kr") if kr.display] == [
            "KR 1.1  Cut first reply time from 48 h to 8 h",
            "KR 1.2  Raise CSAT from 70% to 85%",
            "KR 1.3  Answer 90% of chats within 2 minutes",
        ]
        await answer(pilot, "y")
        assert not isinstance(app.screen, NSQuestionScreen)
    stored = store.load(three_krs).objectives[0].ns_test
    assert [a.note for a in stored.answers] == ["clearly needed", "", "", ""]
