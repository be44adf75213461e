"""Check-in, stage 2: every key result, lowest confidence and least progress first.

The list on top shows each key result as one line (progress bar, the picture of its
quarter so far, confidence, band in words); the form under it takes the one marked ▶:
today's value (a number for a metric, done or not done for a milestone), confidence
from 0 to 10 (starting at the last one, or 5), a note, what is blocking it, the next
step and who entered it. Enter records the check-in: every field is checked first and a
problem is one line under the form, with nothing stored. A recorded check-in is
appended to the meeting's record, never changed; a correction is a later check-in.
PageDown and PageUp move to the next or previous key result.

The list scrolls on its own, keeping the marked key result in view, so the form under it
stays whole (else a long list pushed the form off the stage, or the form's field scrolled
the list away). On a short screen (fewer than 36 rows; 80x24) the list takes the rows the
form leaves, the heading and the key hint give theirs up, and when the guide sits under
the stage (a narrow screen) it is folded away on this stage: Ctrl+G unfolds it.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, Static

from workshop.core.domain import KeyResultKind
from workshop.core.okr.checkins import DEFAULT_CONFIDENCE, long_date
from workshop.core.okr.errors import OKRInputError
from workshop.core.okr.meetings import CheckInEntry, following_moves
from workshop.core.okr.progress import key_result_progress
from workshop.core.okr.quarter_view import KeyResultLine, key_result_label, key_result_lines
from workshop.core.textsafe import visible
from workshop.tui.screens.checkin import MeetingStage
from workshop.tui.widgets.fields import FieldInput
from workshop.tui.widgets.quarter import SubmitField, key_result_text

# (field id, border title, placeholder)
FORM = (
    ("ci-value", "Value today", "e.g. 48 hours"),
    ("ci-confidence", "Confidence 0-10", "5"),
    ("ci-note", "Note", "What changed since last time"),
    ("ci-blocker", "Blocking it", "Nothing, or what is in the way"),
    ("ci-next", "Next step", "Who does what next"),
    ("ci-by", "Entered by", "Name"),
)


class KeyResultList(VerticalScroll, can_focus=False):
    """The key results, one line each, never focused: the marked one is kept in view,
    also when the list is resized (the guide unfolded, the terminal made smaller)."""

    current: Static | None = None

    def keep_in_view(self, line: Static | None = None) -> None:
        if line is not None:
            self.current = line
        # After the next refresh: a line just mounted or resized has no place yet.
        self.call_after_refresh(self._center)

    def _center(self) -> None:
        if self.current is not None and self.current.is_attached:
            self.scroll_to_center(self.current, animate=False)

    def on_resize(self) -> None:
        self.keep_in_view()


class CheckInKeyResultsScreen(MeetingStage):
    STAGE_KEY = "progress"
    FOLDS_GUIDE = True  # -short: the list and the form share what the clock leaves

    BINDINGS = [
        Binding("pagedown", "next_key_result", "Next KR", priority=True),
        Binding("pageup", "previous_key_result", "Previous KR", priority=True),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The order is set when the stage opens and kept while it runs, so the list
        # does not jump about as check-ins are recorded.
        self.order: list[tuple[int, int]] = []
        self.position = 0

    def compose_main(self) -> ComposeResult:
        with Vertical(id="checkin-krs"):
            yield Label("", id="ci-heading", classes="section-title", markup=False)
            yield KeyResultList(id="ci-list")
            yield Label("", id="ci-title", classes="section-title", markup=False)
            yield Label("", id="ci-last", markup=False)
            # Two fields a row, so the whole form fits under the list at 80x24.
            for row in range(0, len(FORM), 2):
                with Horizontal(classes="ci-pair"):
                    for field_id, title, placeholder in FORM[row : row + 2]:
                        yield self._field(field_id, title, placeholder)
            yield Label("", id="ci-error", markup=False)
            yield Label("", id="ci-done", markup=False)
            yield Label(
                "Enter: record this check-in · PageDown/PageUp: next/previous key result",
                classes="key-hint",
            )

    def _field(self, field_id: str, title: str, placeholder: str) -> SubmitField:
        field = SubmitField(id=field_id, placeholder=placeholder, classes="ci-field")
        field.border_title = title
        # The confidence and who entered it start with what the app offers (the last
        # confidence, the owner): typing replaces it rather than adding to it ("57").
        field.select_on_focus = field_id in ("ci-confidence", "ci-by")
        return field

    # -- showing -------------------------------------------------------------------

    def lines(self) -> list[KeyResultLine]:
        return key_result_lines(self.subject, self.quarter.log(self.checkin()))

    async def reload(self) -> None:
        record = self.checkin()
        log = self.quarter.log(record)
        if not self.order:
            self.order = [
                (line.objective_index, line.key_result_index)
                for line in key_result_lines(self.subject, log, riskiest_first=True)
            ]
        self.query_one("#ci-heading", Label).update(
            f"Check-in of {long_date(record.date)} · {self.heading()} · riskiest first"
        )
        listing = self.query_one("#ci-list", KeyResultList)
        await listing.remove_children()
        await listing.mount_all([Static("", classes="ci-line", markup=False) for _ in self.order])
        self.show_lines()
        self.show_form()
        for label in ("#ci-error", "#ci-done"):
            self.query_one(label, Label).display = False

    def show_lines(self) -> None:
        by_ref = {(ln.objective_index, ln.key_result_index): ln for ln in self.lines()}
        for i, (ref, widget) in enumerate(
            zip(self.order, self.query(".ci-line").results(Static), strict=False)
        ):
            widget.update(key_result_text(by_ref[ref], current=i == self.position))
            if i == self.position:
                self.query_one("#ci-list", KeyResultList).keep_in_view(widget)

    @property
    def current(self) -> KeyResultLine | None:
        if not self.order:
            return None
        ref = self.order[self.position]
        return next(ln for ln in self.lines() if (ln.objective_index, ln.key_result_index) == ref)

    def show_form(self) -> None:
        line = self.current
        title = self.query_one("#ci-title", Label)
        last = self.query_one("#ci-last", Label)
        if line is None:
            title.update("This workshop has no key results to check in.")
            last.update("")
            return
        kr = line.key_result
        if kr.kind is KeyResultKind.MILESTONE:
            kind = "milestone: done or not done"
        else:
            unit = "" if kr.target.strip().endswith(kr.unit.strip()) else f" {kr.unit}"
            kind = f"from {kr.start or '?'} to {kr.target or '?'}{unit}".rstrip()
        # A key result that cannot be measured at all (start equals target, target TBD)
        # says why before anything is typed; its check-ins are kept, without progress.
        measurable = key_result_progress(kr, kr.target or "1")
        if kr.kind is KeyResultKind.METRIC and measurable.value is None:
            kind += f" · {measurable.reason}"
        title.update(
            visible(
                f"{line.number} ({self.position + 1} of {len(self.order)}): "
                f"{key_result_label(kr)} · {kind}"
            )
        )
        latest = line.latest
        if latest is None:
            last.update("No check-in yet this period.")
        else:
            last.update(
                visible(
                    f"Last: {long_date(latest.date)}, {latest.value}, "
                    f"confidence {latest.confidence}, by {latest.entered_by}"
                )
            )
        values = {
            "ci-value": "",
            "ci-confidence": str(latest.confidence if latest else DEFAULT_CONFIDENCE),
            "ci-note": "",
            "ci-blocker": "",
            "ci-next": "",
            "ci-by": kr.owner or self.session.load().facilitator,
        }
        for field_id, value in values.items():
            field = self.query_one(f"#{field_id}", SubmitField)
            with field.prevent(FieldInput.Changed):
                field.value = value
        self.query_one("#ci-value", SubmitField).placeholder = (
            "done or not done" if kr.kind is KeyResultKind.MILESTONE else f"e.g. {kr.target}"
        )
        self.query_one("#ci-value", SubmitField).focus()

    # -- recording -----------------------------------------------------------------

    def value_of(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", SubmitField).value

    @on(SubmitField.Submitted, ".ci-field")
    def record(self, event: SubmitField.Submitted | None = None) -> bool:
        """Check every field, then append the check-in; one line and nothing stored if not."""
        if event is not None:
            event.stop()
        line = self.current
        if line is None:
            return False
        record = self.checkin()
        o, k = line.objective_index, line.key_result_index
        try:
            log = self.quarter.log(record).record(
                self.subject,
                o,
                k,
                date=record.date,
                entered_by=self.value_of("ci-by"),
                value=self.value_of("ci-value"),
                confidence=self.value_of("ci-confidence"),
                note=self.value_of("ci-note"),
                blocker=self.value_of("ci-blocker"),
                next_step=self.value_of("ci-next"),
            )
        except OKRInputError as error:
            self.say(error.problems[0], bad=True)
            return False
        check_in = log.latest(o, k)
        assert check_in is not None
        entry = CheckInEntry(
            objective_index=o,
            key_result_index=k,
            key_result_id=line.key_result.id,
            check_in=check_in,
        )
        if not self.save(record.appended(entry)):
            return False
        was = f" (was {check_in.previous_value})" if check_in.previous_value else ""
        now = following_moves(self.subject, self.checkin())
        done = {(e.objective_index, e.key_result_index) for e in now.entries}
        left = len([ref for ref in self.order if ref not in done])
        after = " Every key result is checked in: Ctrl+N for the decisions." if not left else ""
        self.say(
            f"Recorded {line.number}: {check_in.value}{was}, "
            f"confidence {check_in.confidence}.{after}"
        )
        self.move(+1)
        return True

    def say(self, text: str, *, bad: bool = False) -> None:
        error = self.query_one("#ci-error", Label)
        done = self.query_one("#ci-done", Label)
        error.display = bad
        done.display = not bad
        (error if bad else done).update(visible(text))

    def move(self, step: int) -> None:
        if not self.order:
            return
        self.position = max(0, min(len(self.order) - 1, self.position + step))
        self.show_lines()
        self.show_form()

    def action_next_key_result(self) -> None:
        self._quiet()
        self.move(+1)

    def action_previous_key_result(self) -> None:
        self._quiet()
        self.move(-1)

    def _quiet(self) -> None:
        # What was said was about the key result being left.
        for label in ("#ci-error", "#ci-done"):
            self.query_one(label, Label).display = False
