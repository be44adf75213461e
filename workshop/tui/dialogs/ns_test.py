"""The necessary-and-sufficient test, asked in the room one question at a time.

`NSRun` is the test itself with no Textual in it: the questions for one objective
(is each key result necessary? then, once, are they sufficient?), the answers so
far, and the `NSTest` to store when it ends. A "no" ends the run at once.

`NSQuestionScreen` is the modal that asks one question and hands back an
`NSReply` (or None when the facilitator presses Esc to abandon the run). The key
results screen drives one modal per question from an `NSRun`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static

from workshop.core.agenda.model import NSTestText
from workshop.core.domain import NSAnswer, NSRunRecord, NSTest, Objective
from workshop.core.textsafe import visible
from workshop.tui.styles import STAGE_CSS


@dataclass(frozen=True)
class NSQuestion:
    """One question of a run: about one key result, or (index None) about the whole set."""

    key_result_index: int | None
    number: int  # 1-based, within this run
    total: int  # how many questions a run with no "no" would ask
    prompt: str  # the agenda's wording
    subject: str  # the key result's text, or the objective's for the last question
    key_results: tuple[str, ...] = ()  # every key result, for the last question
    # Every earlier run of the test on this objective, one line each (first question only).
    history: tuple[str, ...] = ()


@dataclass(frozen=True)
class NSReply:
    """The room's answer to one question, with the facilitator's optional note."""

    answer: bool
    note: str = ""


def answer_words(answer: NSAnswer, objective_number: int) -> str:
    """ "KR 1.2: no, “duplicates 1.1”" or "Sufficient: yes"; the note kept verbatim."""
    if answer.key_result_index is None:
        what = "Sufficient"
    else:
        what = f"KR {objective_number}.{answer.key_result_index + 1}"
    words = f"{what}: {'yes' if answer.answer else 'no'}"
    return f"{words}, “{visible(answer.note)}”" if answer.note else words


def run_words(record: NSRunRecord, objective_number: int) -> str:
    """One run in a line: its number, how it ended, and every note the room gave."""
    failure = next((a for a in record.answers if not a.answer), None)
    if record.completed_at is None:
        head = f"Run {record.run}: not finished"
    elif failure is None:
        head = f"Run {record.run}: passed"
    else:
        head = f"Run {record.run}: failed · {answer_words(failure, objective_number)}"
    notes = [
        answer_words(a, objective_number) for a in record.answers if a.note and a is not failure
    ]
    return " · ".join([head, *notes])


class NSRun:
    """One run of the test on one objective; Textual-free so it is tested on its own."""

    def __init__(self, objective: Objective, objective_number: int, texts: NSTestText) -> None:
        self.objective = objective
        self.objective_number = objective_number
        self.texts = texts
        # Blank rows are slots nobody has written in yet: there is nothing to ask about.
        indices = [i for i, kr in enumerate(objective.key_results) if kr.text.strip()]
        total = len(indices) + 1
        self.questions: list[NSQuestion] = [
            NSQuestion(i, n, total, texts.necessary, objective.key_results[i].text)
            for n, i in enumerate(indices, start=1)
        ]
        self.questions.append(
            NSQuestion(
                None,
                total,
                total,
                texts.sufficient,
                objective.text,
                tuple(objective.key_results[i].text for i in indices),
            )
        )
        self.answers: list[NSAnswer] = []
        history = tuple(run_words(r, objective_number) for r in objective.ns_test.runs())
        if history:
            first = self.questions[0]
            self.questions[0] = NSQuestion(
                first.key_result_index,
                first.number,
                first.total,
                first.prompt,
                first.subject,
                first.key_results,
                history,
            )

    @property
    def has_key_results(self) -> bool:
        """False when no key result has text yet, so there is nothing to test."""
        return len(self.questions) > 1

    @property
    def failed(self) -> NSAnswer | None:
        """The "no" that ended the run, if there was one."""
        return next((a for a in self.answers if not a.answer), None)

    @property
    def finished(self) -> bool:
        return self.failed is not None or len(self.answers) == len(self.questions)

    @property
    def current(self) -> NSQuestion | None:
        """The question to ask next, or None when the run is over."""
        return None if self.finished else self.questions[len(self.answers)]

    def answer(self, reply: NSReply) -> None:
        """Record the reply to the current question (verbatim note)."""
        question = self.current
        if question is None:
            raise RuntimeError("the test is already over")
        self.answers.append(
            NSAnswer(
                key_result_index=question.key_result_index, answer=reply.answer, note=reply.note
            )
        )

    def result(self, previous: NSTest, completed_at: dt.datetime) -> NSTest:
        """What to store for a finished run: the next run number and every answer.

        The previous runs are kept, answers and notes as they were, in `earlier`.
        """
        if not self.finished:
            raise RuntimeError("the test is not over yet")
        return NSTest(
            run=previous.run + 1,
            answers=list(self.answers),
            completed_at=completed_at,
            earlier=previous.runs(),
        )


def failed_key_result(ns_test: NSTest) -> int | None:
    """Index of the key result the stored run said was not necessary, if any."""
    failure = next((a for a in ns_test.answers if not a.answer), None)
    if ns_test.completed_at is None or failure is None:
        return None
    return failure.key_result_index


def failed_sufficiency(ns_test: NSTest) -> bool:
    """True if the stored run ended on a "no" to the sufficiency question."""
    failure = next((a for a in ns_test.answers if not a.answer), None)
    return (
        ns_test.completed_at is not None
        and failure is not None
        and failure.key_result_index is None
    )


def describe_outcome(ns_test: NSTest, objective_number: int) -> str:
    """One line for beside the objective: not run, passed, or where it failed."""
    passed = ns_test.passed
    if passed is None:
        return "N&S test: not run yet (Ctrl+R)"
    if passed:
        return f"N&S test: passed (run {ns_test.run})"
    failure = next(a for a in ns_test.answers if not a.answer)
    note = f": “{visible(failure.note)}”" if failure.note else ""
    index = failed_key_result(ns_test)
    if index is not None:
        return f"N&S test: failed at KR {objective_number}.{index + 1} (run {ns_test.run}){note}"
    return f"N&S test: failed the sufficiency question (run {ns_test.run}){note}"


class AnswerChoice(Static, can_focus=True):
    """The yes/no choice; focused first so Y and N are not typed into the note."""

    BINDINGS = [
        Binding("y", "screen.choose(True)", "Yes"),
        Binding("n", "screen.choose(False)", "No"),
        Binding("enter", "screen.confirm", "Confirm"),
        Binding("down", "screen.focus_note", "Note", show=False),
    ]


class NoteInput(Input):
    """The optional one-line note; Enter confirms, Up goes back to the choice."""

    BINDINGS = [Binding("up", "screen.focus_choice", "Answer", show=False)]


class NSQuestionScreen(ModalScreen[NSReply | None]):
    """Asks one question of the test; dismisses with the reply, or None on Esc."""

    CSS_PATH = STAGE_CSS
    AUTO_FOCUS = "AnswerChoice"
    BINDINGS = [Binding("escape", "abandon", "Stop the test")]

    def __init__(self, question: NSQuestion, objective_number: int, explanation: str) -> None:
        super().__init__(classes="ns-question")
        self.question = question
        self.objective_number = objective_number
        self.explanation = explanation
        self.choice: bool | None = None

    def compose(self) -> ComposeResult:
        q = self.question
        last = q.key_result_index is None
        with Vertical(id="ns-dialog") as dialog:
            dialog.border_title = (
                f"Necessary and sufficient · objective {self.objective_number} · "
                f"question {q.number} of {q.total}"
            )
            with VerticalScroll(id="ns-body"):
                if q.number == 1:
                    yield Label(self.explanation, id="ns-explanation", markup=False)
                if q.history:
                    yield Label("Earlier runs on this objective", id="ns-history-title")
                    for line in q.history:
                        yield Label(line, classes="ns-history", markup=False)
                yield Label(self._heading(), id="ns-heading")
                yield Label(q.prompt, id="ns-prompt", markup=False)
                if last:
                    yield Label(
                        visible(q.subject) or "(this objective has no text yet)",
                        id="ns-subject",
                        classes="-objective",
                        markup=False,
                    )
                    for n, text in enumerate(q.key_results, start=1):
                        yield Label(
                            f"KR {self.objective_number}.{n}  {visible(text)}",
                            classes="ns-kr",
                            markup=False,
                        )
                else:
                    yield Label(visible(q.subject), id="ns-subject", markup=False)
            with Horizontal(id="ns-choice-row"):
                yield AnswerChoice("", id="ns-choice", markup=False)
            yield NoteInput(placeholder="Optional note (Tab or Down to type one)", id="ns-note")
            yield Label(
                "Y or N, then Enter · Tab: add a note · Esc: stop, nothing saved",
                id="ns-keys",
            )
        # Covers the stage's footer, so the keys shown are the ones that work now.
        yield Footer()

    def _heading(self) -> str:
        index = self.question.key_result_index
        if index is None:
            return "Sufficient?"
        return f"Necessary? KR {self.objective_number}.{index + 1}"

    def on_mount(self) -> None:
        self._paint_choice()

    def _paint_choice(self) -> None:
        choice = self.query_one(AnswerChoice)
        if self.choice is None:
            choice.update("Answer:  [Y] yes   [N] no")
        elif self.choice:
            choice.update("Answer:  YES   (N to change)")
        else:
            choice.update("Answer:  NO   (Y to change)")
        choice.set_class(self.choice is True, "-yes")
        choice.set_class(self.choice is False, "-no")

    def action_choose(self, answer: bool) -> None:
        self.choice = answer
        self._paint_choice()

    def action_confirm(self) -> None:
        if self.choice is None:
            self.query_one("#ns-keys", Label).update("Press Y or N first, then Enter.")
            self.query_one("#ns-keys", Label).add_class("-needed")
            self.app.bell()
            return
        # The note is kept exactly as typed.
        self.dismiss(NSReply(self.choice, self.query_one(NoteInput).value))

    def action_focus_note(self) -> None:
        self.query_one(NoteInput).focus()

    def action_focus_choice(self) -> None:
        self.query_one(AnswerChoice).focus()

    def action_abandon(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_confirm()
