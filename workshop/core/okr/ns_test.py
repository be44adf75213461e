"""The necessary-and-sufficient test: one run of it, and the one way its outcome is worded.

`NSRun` is the test itself: the questions for one objective (is each key result
necessary? then, once, are they sufficient?), the answers so far, and the `NSTest` to
store when it ends. A "no" ends the run at once, so a run fails on one answer at most.
The key results stage asks it in one dialog per run (`workshop.tui.dialogs.ns_test`).

Every place that reports the outcome words it here, so the stage, the wrap-up summary
and the handout say the same thing: `outcome_words` for the latest run ("passed (run 2)",
"failed at KR 1.2 (run 1): “a task”"), `run_words` for each earlier one. Notes are the
room's own words, kept verbatim: each display makes them safe (`visible`, escaping).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from workshop.core.agenda.model import NSTestText
from workshop.core.domain import NSAnswer, NSRunRecord, NSTest, Objective


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


# -- the words ---------------------------------------------------------------------


def _quoted(note: str) -> str:
    return f"“{note}”"


def _failure(answers: Sequence[NSAnswer]) -> NSAnswer | None:
    return next((a for a in answers if not a.answer), None)


def _verdict(answers: Sequence[NSAnswer], finished: bool, objective_number: int) -> str:
    """How one run ended: "passed", "failed at KR 1.2", "failed the sufficiency question"."""
    if not finished:
        return "not finished"
    failure = _failure(answers)
    if failure is None:
        return "passed"
    if failure.key_result_index is None:
        return "failed the sufficiency question"
    return f"failed at KR {objective_number}.{failure.key_result_index + 1}"


def outcome_words(test: NSTest, objective_number: int) -> str:
    """The latest run in a few words: "not run yet", "passed (run 2)", "failed at KR 1.2
    (run 1): “it repeats KR 1.1”", "failed the sufficiency question (run 4)"."""
    if test.run == 0:
        return "not run yet"
    words = f"{_verdict(test.answers, test.completed_at is not None, objective_number)}"
    words += f" (run {test.run})"
    failure = _failure(test.answers)
    if test.completed_at is not None and failure is not None and failure.note:
        words += f": {_quoted(failure.note)}"
    return words


def answer_words(answer: NSAnswer, objective_number: int) -> str:
    """ "KR 1.2: no, “duplicates 1.1”" or "Sufficient: yes"."""
    if answer.key_result_index is None:
        what = "Sufficient"
    else:
        what = f"KR {objective_number}.{answer.key_result_index + 1}"
    words = f"{what}: {'yes' if answer.answer else 'no'}"
    return f"{words}, {_quoted(answer.note)}" if answer.note else words


def run_words(record: NSRunRecord, objective_number: int) -> str:
    """One earlier run in a line: how it ended, then every other note the room gave.

    "Run 1: failed at KR 1.2: “B repeats A” · KR 1.1: yes, “clearly”"."""
    finished = record.completed_at is not None
    head = f"Run {record.run}: {_verdict(record.answers, finished, objective_number)}"
    failure = _failure(record.answers) if finished else None
    if failure is not None and failure.note:
        head += f": {_quoted(failure.note)}"
    notes = [
        answer_words(a, objective_number) for a in record.answers if a.note and a is not failure
    ]
    return " · ".join([head, *notes])


def failed_key_result(ns_test: NSTest) -> int | None:
    """Index of the key result the stored run said was not necessary, if any."""
    failure = _failure(ns_test.answers)
    if ns_test.completed_at is None or failure is None:
        return None
    return failure.key_result_index


def failed_sufficiency(ns_test: NSTest) -> bool:
    """True if the stored run ended on a "no" to the sufficiency question."""
    failure = _failure(ns_test.answers)
    return (
        ns_test.completed_at is not None
        and failure is not None
        and failure.key_result_index is None
    )


# -- a run -------------------------------------------------------------------------


class NSRun:
    """One run of the test on one objective."""

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
            self.questions[0] = replace(self.questions[0], history=history)

    @property
    def has_key_results(self) -> bool:
        """False when no key result has text yet, so there is nothing to test."""
        return len(self.questions) > 1

    @property
    def failed(self) -> NSAnswer | None:
        """The "no" that ended the run, if there was one."""
        return _failure(self.answers)

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
