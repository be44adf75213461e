"""The necessary-and-sufficient test, asked in the room one question at a time.

The test itself (`NSRun`: the questions, the answers, what to store) and the words
for its outcome live in the core, `workshop.core.okr.ns_test`; this module only shows
them. `NSQuestionScreen` is the modal that asks one question and hands back an
`NSReply` (or None when the facilitator presses Esc to abandon the run). The key
results screen drives one modal per question from an `NSRun`.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static

from workshop.core.domain import NSTest
from workshop.core.okr.ns_test import NSQuestion, NSReply, outcome_words
from workshop.core.textsafe import visible
from workshop.tui.styles import STAGE_CSS


def describe_outcome(ns_test: NSTest, objective_number: int) -> str:
    """The stage's line beside the objective, in the core's words, with the key to run it."""
    words = f"N&S test: {visible(outcome_words(ns_test, objective_number))}"
    return f"{words} (Ctrl+R)" if ns_test.passed is None else words


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
                        yield Label(visible(line), classes="ns-history", markup=False)
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
