"""The necessary-and-sufficient test, asked in the room one question at a time.

The test itself (`NSRun`: the questions, the answers, what to store) and the words
for its outcome live in the core, `workshop.core.okr.ns_test`; this module only shows
them. `NSQuestionScreen` is the modal that asks a run's questions one after another
and records each reply in the run. It dismisses with True once the run is over (every
answer in, or a "no"), or False when the facilitator presses Esc to abandon it.

One dialog serves the whole run: each question is painted into the same widgets
(`show`), so the next question is on the projector as soon as Enter is pressed, with
no new screen composed, styled and laid out, and no trip back to the stage behind.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from workshop.core.domain import NSTest
from workshop.core.okr.ns_test import NSQuestion, NSReply, NSRun, outcome_words
from workshop.core.textsafe import visible
from workshop.tui.styles import STAGE_CSS
from workshop.tui.widgets.key_footer import KeyFooter


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


KEYS_LINE = "Y or N, then Enter · Tab: add a note · Esc: stop, nothing saved"


class NSQuestionScreen(ModalScreen[bool]):
    """Asks a run's questions in turn; dismisses True when the run is over, False on Esc."""

    CSS_PATH = STAGE_CSS
    AUTO_FOCUS = "AnswerChoice"
    BINDINGS = [Binding("escape", "abandon", "Stop the test")]

    def __init__(self, run: NSRun, explanation: str) -> None:
        super().__init__(classes="ns-question")
        question = run.current
        if question is None:
            raise ValueError("the run has no question left to ask")
        self.run = run
        self.objective_number = run.objective_number
        self.explanation = explanation
        self.question: NSQuestion = question  # the one on screen
        self.choice: bool | None = None

    def compose(self) -> ComposeResult:
        # Every part any question of the run shows is made here, once; `show` fills in
        # the question's words and shows the parts it needs.
        first = self.question
        listed = self.run.questions[-1].key_results  # shown with the last question
        with Vertical(id="ns-dialog"):
            with VerticalScroll(id="ns-body"):
                if first.number == 1:
                    yield Label(self.explanation, id="ns-explanation", markup=False)
                if first.history:
                    yield Label("Earlier runs on this objective", id="ns-history-title")
                    for line in first.history:
                        yield Label(visible(line), classes="ns-history", markup=False)
                yield Label(self._heading(), id="ns-heading")
                yield Label("", id="ns-prompt", markup=False)
                yield Label("", id="ns-subject", markup=False)
                for n, text in enumerate(listed, start=1):
                    kr = Label(
                        f"KR {self.objective_number}.{n}  {visible(text)}",
                        classes="ns-kr",
                        markup=False,
                    )
                    kr.display = False
                    yield kr
            with Horizontal(id="ns-choice-row"):
                yield AnswerChoice("", id="ns-choice", markup=False)
            yield NoteInput(placeholder="Optional note (Tab or Down to type one)", id="ns-note")
            yield Label(KEYS_LINE, id="ns-keys")
        # Covers the stage's footer, so the keys shown are the ones that work now. It
        # redraws only if the keys change, which they do not from question to question.
        yield KeyFooter()

    def on_mount(self) -> None:
        self.show(self.question)

    def show(self, question: NSQuestion) -> None:
        """Put `question` on screen: its words, no answer chosen, an empty note."""
        self.question = question
        self.choice = None
        last = question.key_result_index is None
        self.query_one("#ns-dialog").border_title = (
            f"Necessary and sufficient · objective {self.objective_number} · "
            f"question {question.number} of {question.total}"
        )
        # What only the first question explains, and the earlier runs, go after it.
        first = question.number == 1
        for part in self.query("#ns-explanation, #ns-history-title, .ns-history"):
            part.display = first
        self.query_one("#ns-heading", Label).update(self._heading())
        self.query_one("#ns-prompt", Label).update(question.prompt)
        subject = self.query_one("#ns-subject", Label)
        if last:
            subject.update(visible(question.subject) or "(this objective has no text yet)")
        else:
            subject.update(visible(question.subject))
        subject.set_class(last, "-objective")
        for kr in self.query(".ns-kr"):
            kr.display = last
        note = self.query_one(NoteInput)
        note.value = ""
        keys = self.query_one("#ns-keys", Label)
        keys.update(KEYS_LINE)
        keys.remove_class("-needed")
        self._paint_choice()
        self.query_one("#ns-body", VerticalScroll).scroll_home(animate=False)
        self.query_one(AnswerChoice).focus()

    def _heading(self) -> str:
        index = self.question.key_result_index
        if index is None:
            return "Sufficient?"
        return f"Necessary? KR {self.objective_number}.{index + 1}"

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
        self.run.answer(NSReply(self.choice, self.query_one(NoteInput).value))
        following = self.run.current
        if following is None:
            self.dismiss(True)
        else:
            self.show(following)

    def action_focus_note(self) -> None:
        self.query_one(NoteInput).focus()

    def action_focus_choice(self) -> None:
        self.query_one(AnswerChoice).focus()

    def action_abandon(self) -> None:
        self.dismiss(False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_confirm()
