"""The bottom-up alignment review (issue 18), a meeting kind on the company's workshop.

Stage 1 reads out the company's objectives and key results (the meeting's subject);
stage 2 takes every team objective in turn: what it aligns to, agreed or challenged
(Ctrl+T goes round), and a note; stage 3 shows what goes back to each team and the
company key results no team supports. The teams' objectives are read in a thread;
the room's verdicts and notes are the meeting's record, saved through the session
(`MeetingStage.save`), like every meeting after the workshop.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, Static

from workshop.core.org.alignment import Alignment, align
from workshop.core.org.review import (
    VERDICT_WORDS,
    AlignmentReviewRecord,
    ReviewLine,
    read_record,
    review_lines,
    tallies,
)
from workshop.core.org.rows import load_organisation
from workshop.core.textsafe import visible
from workshop.tui.screens.checkin import MeetingStage
from workshop.tui.widgets.fields import FieldInput


def _text(value: str, empty: str = "(no words yet)") -> str:
    return visible(value) or empty


class ReviewStage(MeetingStage):
    """A stage of the alignment review: the company's workshop is the subject."""

    # A Vertical is as tall as the stage's scroll area by default and cuts off the rest:
    # with more team objectives than fit, the notes below were typed into out of sight.
    # Grown to their content, the scroll area scrolls to the one with the cursor.
    DEFAULT_CSS = """
    ReviewStage #review-direction, ReviewStage #review-lines, ReviewStage #review-outcome {
        height: auto;
    }
    """

    def record(self) -> AlignmentReviewRecord:
        return read_record(self.session.load().meeting_json)

    def read_alignment(self) -> None:
        """Read the organisation in a thread; `show_alignment` gets it on the event loop."""
        subject_id = self.subject.id
        assert subject_id is not None
        self._read(subject_id)

    @work(thread=True, exclusive=True, group="review-read")
    def _read(self, company_id: int) -> None:
        try:
            alignment = self.session.read_other(lambda s: align(load_organisation(s, company_id)))
        except Exception as error:  # the database said no: one line, the stage stays
            message = f"Could not read the teams' objectives: {str(error).splitlines()[0]}"
            self.app.call_from_thread(self.notify, message, severity="warning", markup=False)
            return
        self.app.call_from_thread(self.call_later, self.show_alignment, alignment)

    async def show_alignment(self, alignment: Alignment) -> None:
        raise NotImplementedError


class ReviewDirectionScreen(ReviewStage):
    STAGE_KEY = "direction"

    def compose_main(self) -> ComposeResult:
        yield Label("", id="review-heading", classes="section-title", markup=False)
        yield Vertical(id="review-direction")

    async def reload(self) -> None:
        company = self.subject
        self.query_one("#review-heading", Label).update(
            Content(f"{_text(company.team, 'The company')}: objectives and key results")
        )
        body = self.query_one("#review-direction", Vertical)
        await body.remove_children()
        lines: list[Static] = []
        for number, objective in enumerate(company.objectives, start=1):
            lines.append(
                Static(
                    Content(f"{number}. {_text(objective.text)}"),
                    classes="review-objective",
                    markup=False,
                )
            )
            for kr_number, kr in enumerate(objective.key_results, start=1):
                lines.append(
                    Static(
                        Content(f"KR {number}.{kr_number} {_text(kr.text)}"),
                        classes="review-kr",
                        markup=False,
                    )
                )
        if not lines:
            lines.append(Static("The company's workshop has no objectives yet.", markup=False))
        await body.mount_all(lines)

    async def show_alignment(self, alignment: Alignment) -> None:
        return None


class NoteField(FieldInput):
    """The room's note on one team objective."""

    def __init__(self, objective_id: int, value: str) -> None:
        super().__init__(value, placeholder="Why? A note for the team")
        self.objective_id = objective_id
        self.add_class("review-note")


class ReviewChallengeScreen(ReviewStage):
    STAGE_KEY = "challenge"
    BINDINGS = [Binding("ctrl+t", "verdict", "Agreed/challenged")]

    def compose_main(self) -> ComposeResult:
        yield Label("Each team objective in turn", classes="section-title")
        yield Label(
            "Ctrl+T: agreed · challenged · not discussed yet · type a note · ↑ ↓ next objective",
            classes="key-hint",
        )
        yield Vertical(id="review-lines")

    async def reload(self) -> None:
        self.read_alignment()

    async def show_alignment(self, alignment: Alignment) -> None:
        body = self.query_one("#review-lines", Vertical)
        await body.remove_children()
        rows = []
        for line in review_lines(alignment, self.record()):
            rows += self._row(line)
        if not rows:
            rows.append(Static("No team workshop links to this company yet.", markup=False))
        await body.mount_all(rows)
        first = next(iter(self.query(NoteField).results(NoteField)), None)
        if first is not None and not self.session.read_only:
            first.focus()

    def _row(self, line: ReviewLine) -> list[Static | NoteField]:
        serves = (
            f"serves {_text(line.aligned_to)}"
            if line.aligned_to
            else "the team's own objective: it need not align"
        )
        return [
            Static(
                Content.assemble(
                    (_text(line.team.name, "(a team)"), "bold $accent"),
                    "  ",
                    _text(line.objective.text),
                ),
                classes="review-objective",
                markup=False,
            ),
            Static(Content(f"   {serves}"), classes="review-serves", markup=False),
            Static(
                Content(f"   {VERDICT_WORDS[line.verdict]}"),
                id=f"verdict-{line.objective.id}",
                classes=f"review-verdict -{line.verdict or 'open'}",
                markup=False,
            ),
            NoteField(line.objective.id, line.note),
        ]

    @on(FieldInput.Changed, ".review-note")
    def _noted(self, event: FieldInput.Changed) -> None:
        event.stop()
        field = event.input
        if isinstance(field, NoteField):
            self.save(self.record().with_note(field.objective_id, event.value), typing=True)

    def action_verdict(self) -> None:
        field = self.focused
        if not isinstance(field, NoteField):
            self.notify("Move to a team objective's note first, then press Ctrl+T.")
            return
        record = self.record().next_verdict(field.objective_id)
        if not self.save(record):
            return  # refused in a read-only window (the session has said so)
        verdict = record.entry(field.objective_id).verdict
        label = self.query_one(f"#verdict-{field.objective_id}", Static)
        label.update(Content(f"   {VERDICT_WORDS[verdict]}"))
        label.set_classes(f"review-verdict -{verdict or 'open'}")


class ReviewOutcomeScreen(ReviewStage):
    STAGE_KEY = "outcome"

    def compose_main(self) -> ComposeResult:
        yield Label("What goes back to each team", classes="section-title")
        yield Vertical(id="review-outcome")

    async def reload(self) -> None:
        self.read_alignment()

    async def show_alignment(self, alignment: Alignment) -> None:
        lines = review_lines(alignment, self.record())
        out: list[Static] = []
        for tally in tallies(lines):
            out.append(
                Static(
                    Content.assemble(
                        (_text(tally.team.name, "(a team)"), "bold $accent"),
                        f": {tally.agreed} agreed, {tally.challenged} challenged, "
                        f"{tally.open} not discussed",
                    ),
                    classes="review-objective",
                    markup=False,
                )
            )
            for line in lines:
                if line.team.workshop_id == tally.team.workshop_id and line.verdict == "challenged":
                    note = f" · {_text(line.note, '')}" if line.note else ""
                    out.append(
                        Static(
                            Content(f"   challenged: {_text(line.objective.text)}{note}"),
                            classes="review-serves",
                            markup=False,
                        )
                    )
        out.append(Static("Company key results no team supports", classes="section-title"))
        for gap in alignment.unsupported or ():
            out.append(
                Static(
                    Content(f"{gap.label} {_text(gap.key_result.text)}"),
                    classes="review-kr",
                    markup=False,
                )
            )
        if not alignment.unsupported:
            out.append(Static("   Every company key result has a team behind it.", markup=False))
        body = self.query_one("#review-outcome", Vertical)
        await body.remove_children()
        await body.mount_all(out)
