"""Quarter-end review, stages 1 and 2: score the key results; continue, change, stop, start.

Scores: each key result gets a tenth from 0.0 to 1.0. The measured progress (its last
check-in, rounded to the nearest tenth) is offered and stored when the stage opens; the
room types another tenth to change it, kept on Enter or on leaving the field. A value
that is not a tenth from 0 to 1 is one line under the list and is not stored. Beside
each score its band, in colour and words; under each objective its score by its goal
type (committed: 0 or 1.0; aspirational: the average, 0.7 is good).

Decisions: per objective Ctrl+T cycles continue, change, stop; the reason is typed beside
it, and the decision is stored once it has one. New objectives to start go in the lines
under them, each with its reason.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from workshop.core.okr.meetings import QuarterEndRecord, following_moves
from workshop.core.okr.quarter_view import (
    ScoredObjective,
    band_words,
    key_result_label,
    key_result_lines,
    percent_text,
    scorecard,
)
from workshop.core.okr.retro import Decision, ObjectiveDecision
from workshop.core.okr.scoring import score_problem, score_text, suggested_score
from workshop.core.textsafe import visible
from workshop.tui.screens.checkin import MeetingStage
from workshop.tui.widgets.fields import FieldInput
from workshop.tui.widgets.quarter import SubmitField, band_style

CHOICES = (Decision.CONTINUE, Decision.CHANGE, Decision.STOP)


def objective_line(scored: ScoredObjective) -> Text:
    score = scored.score
    text = Text(f"{scored.objective_index + 1}. ", style="bold")
    text.append(visible(scored.text or "(an objective without words)"), style="bold")
    text.append(f" · {scored.goal_type.value} · ")
    text.append(
        f"score {score.description}" if score.score is not None else "score: not yet",
        style=band_style(score.score),
    )
    if score.score is not None and score.explanation:
        # Why: a committed objective's 0.0 beside key results at 0.7-1.0 needs its rule.
        text.append(f"\n   {score.explanation}", style="italic")
    return text


class QuarterStage(MeetingStage):
    """A quarter-end stage: the record, the log of check-ins, the scorecard."""

    def record(self) -> QuarterEndRecord:
        return self.quarter_end()

    def scored(self) -> list[ScoredObjective]:
        return scorecard(self.subject, self.quarter.log(), self.record())


class QuarterScoresScreen(QuarterStage):
    STAGE_KEY = "scores"

    def compose_main(self) -> ComposeResult:
        with Vertical(id="quarter-scores"):
            yield Label("", id="scores-heading", classes="section-title", markup=False)
            yield Label(
                "Bands: 0.0-0.4 RED no real progress · 0.5-0.6 ORANGE short of the goal · "
                "0.7-1.0 GREEN delivered",
                classes="key-hint",
            )
            # The rows, and the error line, which moves under the row it is about (see
            # take_score): under the whole list it was off a short screen.
            yield Vertical(id="score-lines")
            yield Label(
                "Type a tenth (0.0 to 1.0) to change a score · Enter or Down: next",
                classes="key-hint",
            )

    async def reload(self) -> None:
        record = self.record()
        as_now = following_moves(self.subject, record)
        lines = key_result_lines(self.subject, self.quarter.log())
        # The measured progress is the first offer: stored now, changed by typing.
        for line in lines:
            o, k = line.objective_index, line.key_result_index
            suggestion = suggested_score(line.progress)
            if as_now.score(o, k) is None and suggestion is not None:
                record = record.with_score(o, k, suggestion, line.key_result.id)
        if record != self.record():
            self.save(record)
        self.query_one("#scores-heading", Label).update(f"Scores · {self.heading()}")
        box = self.query_one("#score-lines", Vertical)
        await box.remove_children()
        widgets: list[Static | Horizontal] = []
        for scored in self.scored():
            o = scored.objective_index
            widgets.append(
                Static(objective_line(scored), id=f"objective-{o}", classes="score-objective")
            )
            for kr in scored.key_results:
                line = kr.line
                k = line.key_result_index
                field = SubmitField(
                    "" if kr.score is None else score_text(kr.score),
                    id=f"score-{o}-{k}",
                    classes="score-field",
                    payload=(o, k),
                )
                field.border_title = "Score"
                # The app's suggestion, not the room's words: typing replaces it.
                field.select_on_focus = True
                measured = (
                    f"measured {percent_text(line.progress.value)}"
                    if line.progress.value is not None
                    else line.progress.reason
                )
                label = Static(
                    Text(f"{line.number} ", style="bold").append(
                        visible(f"{key_result_label(line.key_result)} · {measured}")
                    ),
                    classes="score-label",
                )
                band = Static("", id=f"band-{o}-{k}", classes="score-band")
                widgets.append(Horizontal(label, field, band, classes="score-row"))
        error = Label("", id="score-error", markup=False)
        error.display = False
        await box.mount_all([*widgets, error])
        self.show_bands()
        fields = list(self.query(".score-field").results(SubmitField))
        if fields:
            fields[0].focus()

    def show_bands(self) -> None:
        for scored in self.scored():
            o = scored.objective_index
            self.query_one(f"#objective-{o}", Static).update(objective_line(scored))
            for kr in scored.key_results:
                k = kr.line.key_result_index
                self.query_one(f"#band-{o}-{k}", Static).update(
                    Text(band_words(kr.score), style=band_style(kr.score))
                )

    def take_score(self, field: SubmitField) -> bool:
        """Store the score typed in `field`, or say in one line why it cannot be one."""
        o, k = field.payload
        error = self.query_one("#score-error", Label)
        problem = score_problem(field.value)
        if problem is not None:
            error.update(f"{o + 1}.{k + 1}: {problem}")
            row = field.parent
            if isinstance(row, Horizontal) and row.parent is error.parent:
                self.query_one("#score-lines", Vertical).move_child(error, after=row)
            error.display = True
            error.call_after_refresh(error.scroll_visible, animate=False)
            return False
        error.display = False
        record = self.record()
        if following_moves(self.subject, record).score(o, k) != float(field.value):
            kr_id = self.subject.objectives[o].key_results[k].id
            self.save(record.with_score(o, k, float(field.value), kr_id))
            self.show_bands()
        return True

    @on(SubmitField.Submitted, ".score-field")
    def _entered(self, event: SubmitField.Submitted) -> None:
        if self.take_score(event.field):
            event.field.action_focus_next_field()

    @on(Input.Blurred, ".score-field")
    def _left(self, event: Input.Blurred) -> None:
        field = event.input
        if isinstance(field, SubmitField) and field.value.strip() and not self.is_left:
            self.take_score(field)


class QuarterObjectivesScreen(QuarterStage):
    STAGE_KEY = "choices"

    BINDINGS = [Binding("ctrl+t", "cycle_decision", "Continue/change/stop")]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The choice per objective, kept here until it has a reason to be stored with.
        self.choices: dict[int, Decision | None] = {}

    def compose_main(self) -> ComposeResult:
        with Vertical(id="quarter-objectives"):
            yield Label("", id="objectives-heading", classes="section-title", markup=False)
            yield Label(
                "Ctrl+T: continue, change or stop · then the reason beside it",
                classes="key-hint",
            )
            yield Vertical(id="decision-rows")
            yield Label("Start something new (the objective, then why)", classes="section-title")
            yield Vertical(id="start-rows")
            yield Label("", id="objectives-error", markup=False)

    async def reload(self) -> None:
        record = self.record()
        decided = {d.objective_index: d for d in record.retrospective.decisions}
        self.query_one("#objectives-heading", Label).update(
            f"Continue, change, stop, start · {self.heading()}"
        )
        rows = self.query_one("#decision-rows", Vertical)
        await rows.remove_children()
        widgets = []
        for scored in self.scored():
            o = scored.objective_index
            stored = decided.get(o)
            self.choices.setdefault(o, stored.decision if stored else None)
            reason = FieldInput(
                stored.reason if stored else "",
                placeholder="Why?",
                classes="decision-field",
                payload=o,
            )
            reason.border_title = "Reason"
            widgets.append(
                Vertical(
                    Static(objective_line(scored), classes="decision-label"),
                    Horizontal(
                        Static("", id=f"choice-{o}", classes="decision-choice"),
                        reason,
                        classes="decision-row",
                    ),
                    classes="decision-block",
                )
            )
        await rows.mount_all(widgets)
        starts = self.query_one("#start-rows", Vertical)
        await starts.remove_children()
        new = [d for d in record.retrospective.decisions if d.objective_index is None]
        await starts.mount_all(
            [self._start_row(d.text, d.reason) for d in new] or [self._start_row()]
        )
        self.show_choices()
        self.query_one("#objectives-error", Label).display = False
        fields = list(self.query(".decision-field").results(FieldInput))
        if fields:
            fields[0].focus()

    def _start_row(self, text: str = "", reason: str = "") -> Horizontal:
        what = FieldInput(text, placeholder="A new objective", classes="start-text", list_item=True)
        why = FieldInput(reason, placeholder="Why?", classes="start-reason", list_item=True)
        what.border_title = "Start"
        why.border_title = "Reason"
        return Horizontal(what, why, classes="decision-row start-row")

    def show_choices(self) -> None:
        for o, choice in self.choices.items():
            label = "Ctrl+T" if choice is None else choice.value.upper()
            self.query_one(f"#choice-{o}", Static).update(Text(label, style="bold"))

    def action_cycle_decision(self) -> None:
        focused = self.focused
        if not isinstance(focused, FieldInput) or not focused.has_class("decision-field"):
            self.notify("Put the cursor on an objective's reason first.")
            return
        o = focused.payload
        current = self.choices.get(o)
        nxt = CHOICES[0] if current is None else CHOICES[(CHOICES.index(current) + 1) % 3]
        self.choices[o] = nxt
        self.show_choices()
        self.store(typing=False)

    @on(FieldInput.Changed, ".decision-field, .start-text, .start-reason")
    def _typed(self, event: FieldInput.Changed) -> None:
        self.store(typing=True)

    @on(FieldInput.AddSibling)
    async def _enter(self, event: FieldInput.AddSibling) -> None:
        """Enter: on a reason, the next field; on a new objective's line, another line."""
        event.stop()
        if event.field.has_class("decision-field"):
            self.focus_next(FieldInput)
            return
        row = event.field.parent
        assert isinstance(row, Horizontal)
        new = self._start_row()
        await self.query_one("#start-rows", Vertical).mount(new, after=row)
        new.query_one(".start-text", FieldInput).focus()

    @on(FieldInput.Remove)
    def _ignore_remove(self, event: FieldInput.Remove) -> None:
        event.stop()

    def store(self, *, typing: bool) -> None:
        """Store every decision that has a reason; say what the others still need."""
        decisions: list[ObjectiveDecision] = []
        waiting: list[str] = []
        for field in self.query(".decision-field").results(FieldInput):
            o = field.payload
            choice = self.choices.get(o)
            if choice is not None and field.value.strip():
                decisions.append(
                    ObjectiveDecision(objective_index=o, decision=choice, reason=field.value)
                )
            elif choice is not None:
                waiting.append(f"Objective {o + 1}: give a reason for {choice.value}.")
            elif field.value.strip():
                waiting.append(f"Objective {o + 1}: choose continue, change or stop with Ctrl+T.")
        for row in self.query(".start-row").results(Horizontal):
            what = row.query_one(".start-text", FieldInput).value
            why = row.query_one(".start-reason", FieldInput).value
            if what.strip() and why.strip():
                decisions.append(ObjectiveDecision(decision=Decision.START, text=what, reason=why))
            elif what.strip():
                waiting.append("Give a reason for starting the new objective.")
        error = self.query_one("#objectives-error", Label)
        error.update(waiting[0] if waiting else "")
        error.display = bool(waiting)
        record = self.record()
        retro = record.retrospective.model_copy(update={"decisions": decisions})
        self.save(record.model_copy(update={"retrospective": retro}), typing=typing)
