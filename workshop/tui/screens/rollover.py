"""Quarter-end review, stage 5: what carries into the next period.

A checklist of every objective and, under it, its key results. Space ticks or unticks;
ticking a key result ticks its objective, unticking an objective unticks its key results.
It starts with the objectives the room decided to continue or change. The choice is
stored as it is made, naming the items by id, so a workshop edited before the roll-over
(an objective moved or removed) still carries the items that were ticked. Ctrl+R makes
the next period's workshop, in a thread, from the reviewed workshop read again: the
ticked objectives and key results, marked as rolled over, then the new objectives the
review decided to start (said under the checklist), and this workshop's set-up (team,
facilitator, champion, people, approach, time zone). F2 writes the scorecard.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, SelectionList
from textual.widgets.selection_list import Selection

from workshop.core.agenda.model import load_agenda
from workshop.core.domain import Workshop
from workshop.core.exports.quarter import write_scorecard
from workshop.core.okr.errors import OKRInputError
from workshop.core.okr.meetings import RolledOverRecord
from workshop.core.okr.quarter_view import key_result_label
from workshop.core.okr.retro import Decision
from workshop.core.okr.rollover import (
    RollOverChoice,
    RollOverPlan,
    next_period,
    resolve_choices,
    roll_over,
    with_new_ids,
)
from workshop.core.textsafe import visible
from workshop.tui.screens.checkin_summary import ExportingStage
from workshop.tui.screens.quarter_end import QuarterStage
from workshop.tui.widgets.export_panel import one_line
from workshop.tui.widgets.quarter import SubmitField


class RolledInto(Message):
    def __init__(
        self, workshop_id: int | None, plan: RollOverPlan | None, problem: str = ""
    ) -> None:
        super().__init__()
        self.workshop_id = workshop_id
        self.plan = plan
        self.problem = problem


class RollOverScreen(ExportingStage, QuarterStage):
    STAGE_KEY = "roll_over"
    FOLDS_GUIDE = True  # -short: the checklist, the words and the period share the stage

    BINDINGS = [Binding("ctrl+r", "roll_over", "Make next workshop", show=True)]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rolling = False

    def compose_main(self) -> ComposeResult:
        with Vertical(id="quarter-rollover"):
            yield Label("", id="rollover-heading", classes="section-title", markup=False)
            yield Label(
                "Space: carry or leave · Ctrl+R: make the next period's workshop · "
                "F2: write the scorecard",
                classes="key-hint",
            )
            yield SelectionList[str](id="rollover-choices")
            yield Label("", id="rollover-carry", markup=False)
            yield Label("", id="rollover-start", markup=False)
            yield SubmitField(id="rollover-period", placeholder="e.g. 2027-Q2")
            yield Label("", id="rollover-error", markup=False, classes="field-note")
            yield Label("", id="rollover-status", markup=False)
            yield Label("", id="scorecard-status", classes="export-status", markup=False)

    async def reload(self) -> None:
        record = self.record()
        self.query_one("#rollover-heading", Label).update(f"Roll over · {self.heading()}")
        carry = record.carry
        if carry is None:
            carried = {
                d.objective_index
                for d in record.retrospective.decisions
                if d.objective_index is not None and d.decision.value in ("continue", "change")
            }
            count = len(self.subject.objectives)
            carry = [RollOverChoice.of(self.subject, o, None) for o in sorted(carried) if o < count]
        # By id: the reviewed workshop may have changed since the choice was stored.
        carry = resolve_choices(self.subject, carry)
        chosen: set[str] = set()
        for choice in carry:
            o = choice.objective_index
            chosen.add(str(o))
            count = (
                len(self.subject.objectives[o].key_results)
                if o < len(self.subject.objectives)
                else 0
            )
            keep = range(count) if choice.key_result_indices is None else choice.key_result_indices
            chosen |= {f"{o}.{k}" for k in keep}
        options = []
        for o, objective in enumerate(self.subject.objectives):
            options.append(
                Selection(
                    visible(f"{o + 1}. {objective.text or '(no words)'}"), str(o), str(o) in chosen
                )
            )
            for k, kr in enumerate(objective.key_results):
                options.append(
                    Selection(
                        visible(f"    {o + 1}.{k + 1} {key_result_label(kr)}"),
                        f"{o}.{k}",
                        f"{o}.{k}" in chosen,
                    )
                )
        choices = self.query_one("#rollover-choices", SelectionList)
        with choices.prevent(SelectionList.SelectedChanged):
            choices.clear_options()
            choices.add_options(options)
        choices.highlighted = 0 if options else None
        period = self.query_one("#rollover-period", SubmitField)
        period.border_title = "Next period"
        try:
            period.value = next_period(self.subject.period)
        except OKRInputError:
            period.value = ""
        self.query_one("#rollover-error", Label).display = False
        self.show_made(record.next_workshop_id)
        for label in ("#scorecard-status",):
            self.query_one(label, Label).display = False
        self.store_choice()
        choices.focus()

    def show_made(self, workshop_id: int | None) -> None:
        status = self.query_one("#rollover-status", Label)
        status.display = workshop_id is not None
        if workshop_id is not None:
            status.update(
                f"The next period's workshop is #{workshop_id}: open it from the start screen."
            )

    def starts(self) -> list[str]:
        """The new objectives the review decided to start: they open the next workshop too."""
        return [
            d.text
            for d in self.record().retrospective.decisions
            if d.decision is Decision.START and d.text.strip()
        ]

    def choices(self) -> list[RollOverChoice]:
        selected = set(self.query_one("#rollover-choices", SelectionList).selected)
        out = []
        for o, objective in enumerate(self.subject.objectives):
            if str(o) in selected:
                kept = [k for k in range(len(objective.key_results)) if f"{o}.{k}" in selected]
                out.append(RollOverChoice.of(self.subject, o, kept))
        return out

    def store_choice(self) -> None:
        record = self.record()
        choices = self.choices()
        if record.carry != choices:
            self.save(record.model_copy(update={"carry": choices}))
        # In words too: a ticked box differs from an empty one only by colour.
        carried = [
            f"{c.objective_index + 1}"
            + (
                f" ({', '.join(f'{c.objective_index + 1}.{k + 1}' for k in c.key_result_indices)})"
                if c.key_result_indices
                else " (no key results)"
            )
            for c in choices
        ]
        self.query_one("#rollover-carry", Label).update(
            "Carrying: " + ("; ".join(carried) if carried else "nothing yet")
        )
        starts = self.starts()
        start = self.query_one("#rollover-start", Label)
        start.display = bool(starts)
        start.update(
            visible("Starting (the review's decision): " + "; ".join(starts)) if starts else ""
        )

    @on(SelectionList.SelectedChanged, "#rollover-choices")
    def _changed(self, event: SelectionList.SelectedChanged) -> None:
        choices = event.selection_list
        highlighted = choices.highlighted
        made = self.record().next_workshop_id
        if made is not None:
            # The next workshop was made from the choice as it was: a tick now would
            # reach nothing, so it is put back, and the room is told where to change it.
            if highlighted is not None:
                with choices.prevent(SelectionList.SelectedChanged):
                    choices.toggle(choices.get_option_at_index(highlighted).value)
            self.notify(
                f"Workshop #{made} is already made from these ticks: change it there "
                "(open it from the start screen)."
            )
            return
        if highlighted is not None:
            value = choices.get_option_at_index(highlighted).value
            selected = set(choices.selected)
            with choices.prevent(SelectionList.SelectedChanged):
                if "." in value and value in selected:
                    choices.select(value.split(".")[0])  # a key result carries its objective
                elif "." not in value and value not in selected:
                    objective = self.subject.objectives[int(value)]
                    for k in range(len(objective.key_results)):
                        choices.deselect(f"{value}.{k}")
        self.store_choice()

    # -- making the next workshop -------------------------------------------------------

    def action_roll_over(self) -> None:
        record = self.record()
        error = self.query_one("#rollover-error", Label)
        if record.next_workshop_id is not None:
            self.show_made(record.next_workshop_id)
            self.notify("Already rolled over: the next workshop exists.")
            return
        if self.rolling:
            return
        period = self.query_one("#rollover-period", SubmitField).value
        if not period.strip():
            error.update("Write the next period, for example 2027-Q2.")
            error.display = True
            return
        choices, starts = self.choices(), self.starts()
        try:
            roll_over(self.subject, choices, period=period.strip(), new_objectives=starts)
        except OKRInputError as problem:
            error.update(problem.problems[0])
            error.display = True
            return
        error.display = False
        self.rolling = True
        self.make_workshop(choices, starts, period.strip())

    @work(thread=True, exit_on_error=False, group="roll-over")
    def make_workshop(self, choices: list[RollOverChoice], starts: list[str], period: str) -> None:
        # The reviewed workshop as it is now: it may have been edited in another window
        # since this meeting opened. The choices name its items by id, so an objective
        # moved since still goes, and one removed does not take another with it.
        subject_id = self.subject.id
        try:
            subject = (
                self.subject
                if subject_id is None
                else self.session.read_other(lambda store: store.load(subject_id))
            )
            plan = roll_over(subject, choices, period=period, new_objectives=starts)

            def marks(stored: Workshop) -> str:
                # With the new items' ids: the mark stays with its item when the room
                # moves objectives about in the new workshop.
                return RolledOverRecord(
                    from_workshop_id=subject.id,
                    from_period=plan.from_period,
                    rolled_over=with_new_ids(plan.rolled_over, stored),
                ).model_dump_json()

            agenda_json = load_agenda().model_dump_json()
            new_id = self.session.store_new_workshop(
                plan.workshop, agenda_json=agenda_json, meeting_json=marks
            )
        except OKRInputError as problem:
            self.post_message(RolledInto(None, None, problem.problems[0]))
            return
        except Exception as error:  # the database or the agenda: one line
            self.post_message(RolledInto(None, None, one_line(error)))
            return
        self.post_message(RolledInto(new_id, plan))

    @on(RolledInto)
    def _made(self, message: RolledInto) -> None:
        self.rolling = False
        if message.workshop_id is None:
            error = next(self.query("#rollover-error").results(Label), None)
            if error is not None:
                error.update(f"The next workshop was not made: {message.problem}")
                error.display = True
            return
        record = self.record()
        self.save(record.model_copy(update={"next_workshop_id": message.workshop_id}))
        assert message.plan is not None
        plan = message.plan
        workshop = plan.workshop
        carried = sum(1 for m in plan.rolled_over if m.key_result_index is None)
        krs = len(plan.rolled_over) - carried
        new = len(workshop.objectives) - carried
        self.notify(
            visible(
                f"Made workshop #{message.workshop_id} for {workshop.period}: "
                f"{carried} objectives and {krs} key results rolled over"
                + (f", {new} new to start." if new else ".")
            ),
            markup=False,
        )
        if self.is_attached:
            self.show_made(message.workshop_id)

    def export_job(self) -> Callable[[], list[Path]]:
        files = self.quarter.files(quarter_end=self.record())
        return lambda: write_scorecard(files)
