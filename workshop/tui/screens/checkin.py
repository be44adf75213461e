"""The check-in meeting: who is here and the date (stage 1), and the decisions (stage 3).

`MeetingStage` is what every stage of a meeting after the workshop shares: the workshop
it reviews (`session.quarter`, read when the meeting opened) and the meeting's own
record (`meeting_json`), changed only through the session: `session.update_workshop`
for a choice, `session.edit` for typing (coalesced, like every field).
The key results (stage 2) are in `checkin_krs.py`, the picture (stage 4) in
`checkin_summary.py`.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Label, SelectionList
from textual.widgets.selection_list import Selection

from workshop.core.agenda.kinds import CHECKIN
from workshop.core.db.store import FieldTooLong
from workshop.core.domain import Workshop
from workshop.core.okr.cadence import EntryError, parse_date
from workshop.core.okr.checkins import date_problem, long_date
from workshop.core.okr.meetings import (
    CheckInRecord,
    QuarterEndRecord,
    read_checkin,
    read_quarter_end,
)
from workshop.core.session.quarter import QuarterContext
from workshop.core.session.session import WORKSHOP
from workshop.core.textsafe import visible
from workshop.tui.screens.base import StageScreen
from workshop.tui.styles import STAGE_CSS
from workshop.tui.widgets.fields import FieldInput
from workshop.tui.widgets.quarter import SubmitField


class MeetingStage(StageScreen):
    """A stage of a meeting held on a workshop's OKRs.

    A stage whose list and form need the whole of a short screen (`FOLDS_GUIDE`; 80x24)
    folds the guide away there when it sits under the stage (a narrow screen): Ctrl+G
    unfolds it on this stage only, so the next stage opens as the facilitator left it.
    The -short and -tall classes say which (checkin.tcss).
    """

    CSS_PATH = STAGE_CSS
    VERTICAL_BREAKPOINTS = [(0, "-short"), (36, "-tall")]
    FOLDS_GUIDE = False

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.set_class(self.FOLDS_GUIDE, "-folds-guide")

    def action_toggle_guide(self) -> None:
        if self.FOLDS_GUIDE and self.has_class("-short") and self.has_class("-narrow"):
            self.toggle_class("-show-guide")
        else:
            super().action_toggle_guide()

    @property
    def quarter(self) -> QuarterContext:
        quarter = self.session.quarter
        assert quarter is not None, "a meeting stage needs the workshop it reviews"
        return quarter

    @property
    def subject(self) -> Workshop:
        return self.quarter.subject

    def today(self) -> dt.date:
        return self.session.timer.now().date()

    def checkin(self) -> CheckInRecord:
        return read_checkin(self.session.load(), self.today())

    def quarter_end(self) -> QuarterEndRecord:
        return read_quarter_end(self.session.load(), self.today())

    def save(self, record: BaseModel, *, typing: bool = False) -> bool:
        """Store the meeting's record: typed text coalesced, a choice at once."""
        data = record.model_dump_json()
        if typing:
            try:
                self.session.edit(WORKSHOP, self.session.workshop_id, meeting_json=data)
            except FieldTooLong:
                self.notify("That is too long to keep: shorten it.", severity="warning")
                return False
            return True
        return self.session.update_workshop(meeting_json=data)

    def apply_read_only_to(self, part: Widget) -> None:
        """Fields and checklists alike take nothing while another window edits the meeting."""
        super().apply_read_only_to(part)
        for checklist in part.query(SelectionList):
            checklist.disabled = self.session.read_only

    def heading(self) -> str:
        subject = self.subject
        return f"{subject.team or 'Unnamed team'} · {subject.period or 'no period'}"


class CheckInAttendanceScreen(MeetingStage):
    """Who is here and the date: the check-in's and the quarter-end review's first stage."""

    STAGE_KEY = "attendance"

    @property
    def is_checkin(self) -> bool:
        return self.session.agenda.kind == CHECKIN

    def opening(self) -> CheckInRecord | QuarterEndRecord:
        return self.checkin() if self.is_checkin else self.quarter_end()

    def compose_main(self) -> ComposeResult:
        with Vertical(id="checkin-attendance"):
            yield Label("", id="checkin-heading", classes="section-title", markup=False)
            date_field = SubmitField(id="checkin-date", placeholder="YYYY-MM-DD")
            # It always holds the app's date (the offer's, or the one taken): typing a
            # date replaces it rather than adding to it ("2027-01-112027-02-16").
            date_field.select_on_focus = True
            yield date_field
            yield Label("", id="checkin-date-note", classes="field-note", markup=False)
            yield Label("Who is here? Space ticks a name.", classes="section-title")
            # Above the list: under it, a short screen scrolled it away while the list
            # had the cursor, and a tick shows only in colour.
            yield Label("", id="checkin-here", markup=False)
            yield SelectionList[str](id="checkin-people")
            yield SubmitField(id="checkin-newcomer", placeholder="Someone else? Name, then Enter")

    async def reload(self) -> None:
        record = self.opening()
        what = "Check-in" if self.is_checkin else "Quarter-end review"
        self.query_one("#checkin-heading", Label).update(f"{what} · {self.heading()}")
        date_field = self.query_one("#checkin-date", SubmitField)
        date_field.border_title = "Date of this meeting"
        with date_field.prevent(FieldInput.Changed):
            date_field.value = record.date.isoformat()
        self._fill_people(record)
        self.query_one("#checkin-date-note", Label).display = False
        people = self.query_one("#checkin-people", SelectionList)
        people.highlighted = 0 if people.option_count else None
        people.focus()

    def _fill_people(self, record: CheckInRecord | QuarterEndRecord) -> None:
        names = list(dict.fromkeys([*self.subject.participants, *record.present]))
        people = self.query_one("#checkin-people", SelectionList)
        with people.prevent(SelectionList.SelectedChanged):
            people.clear_options()
            people.add_options(
                [Selection(visible(name), name, name in record.present) for name in names]
            )
        self._show_here(record.present, len(names))

    def _show_here(self, present: list[str], everyone: int) -> None:
        # In words as well: a ticked box differs from an empty one only by colour.
        names = ", ".join(present) if present else "nobody ticked yet"
        self.query_one("#checkin-here", Label).update(
            visible(f"Here ({len(present)} of {everyone}): {names}")
        )

    @on(SelectionList.SelectedChanged, "#checkin-people")
    def _present_changed(self, event: SelectionList.SelectedChanged) -> None:
        people = event.selection_list
        chosen = set(people.selected)
        order = [people.get_option_at_index(i).value for i in range(people.option_count)]
        present = [n for n in order if n in chosen]
        self.save(self.opening().model_copy(update={"present": present}))
        self._show_here(present, len(order))

    @on(SubmitField.Submitted, "#checkin-newcomer")
    def _add_newcomer(self, event: SubmitField.Submitted) -> None:
        name = event.field.value
        if not name.strip():
            return
        record = self.opening()
        if name not in record.present:
            record = record.model_copy(update={"present": [*record.present, name]})
            self.save(record)
        event.field.value = ""
        self._fill_people(record)

    @on(FieldInput.Changed, "#checkin-date")
    def _date_typed(self, event: FieldInput.Changed) -> None:
        if len(event.value.strip()) >= 10:
            self._take_date(event.value, quiet=False)

    @on(SubmitField.Submitted, "#checkin-date")
    def _date_entered(self, event: SubmitField.Submitted) -> None:
        if self._take_date(event.field.value, quiet=False):
            self.query_one("#checkin-people", SelectionList).focus()

    def date_problem(self, text: str) -> tuple[dt.date | None, str | None]:
        """The date typed, or the one sentence saying why it cannot be this check-in's."""
        try:
            day = parse_date(text)
        except EntryError as error:
            return None, str(error)
        record = self.opening()
        if not isinstance(record, CheckInRecord):
            return day, None  # a review may fall just after the period: any real date
        if record.entries and day != record.date:
            return None, (
                f"Check-ins are already recorded for {long_date(record.date)}; "
                "the date stays as it is."
            )
        outside = date_problem(day, self.subject.period)
        if outside:
            return None, outside
        earlier = [r.date for _id, r in self.quarter.checkins if r.entries]
        if earlier and day < max(earlier):
            return None, (
                f"{long_date(day)} is before the last check-in, on {long_date(max(earlier))}; "
                "check-ins follow one another in date order."
            )
        return day, None

    def _take_date(self, text: str, *, quiet: bool) -> bool:
        day, problem = self.date_problem(text)
        note = self.query_one("#checkin-date-note", Label)
        if problem is not None:
            note.update(problem)
            note.display = not quiet
            return False
        note.display = False
        assert day is not None
        record = self.opening()
        if record.date != day:
            self.save(record.model_copy(update={"date": day}))
        return True


class CheckInDecisionsScreen(MeetingStage):
    STAGE_KEY = "decisions"

    def compose_main(self) -> ComposeResult:
        with Vertical(id="checkin-decisions"):
            yield Label("", id="decisions-heading", classes="section-title", markup=False)
            yield Label(
                "Enter: next decision · Backspace on an empty line: remove it",
                classes="key-hint",
            )
            yield Vertical(id="decision-lines")

    async def reload(self) -> None:
        record = self.checkin()
        self.query_one("#decisions-heading", Label).update(
            f"Decisions · check-in of {long_date(record.date)}"
        )
        lines = self.query_one("#decision-lines", Vertical)
        await lines.remove_children()
        texts = record.decisions or [""]
        await lines.mount_all([self._line(text) for text in texts])
        lines.children[-1].focus()

    def _line(self, text: str) -> FieldInput:
        field = FieldInput(text, list_item=True, placeholder="A decision, with who acts on it")
        field.add_class("decision")
        return field

    def _texts(self) -> list[str]:
        return [f.value for f in self.query(".decision").results(FieldInput)]

    def _store(self, *, typing: bool) -> None:
        decisions = [text for text in self._texts() if text.strip()]
        self.save(self.checkin().model_copy(update={"decisions": decisions}), typing=typing)

    @on(FieldInput.Changed, ".decision")
    def _typed(self, event: FieldInput.Changed) -> None:
        event.stop()
        self._store(typing=True)

    @on(FieldInput.AddSibling)
    async def _add(self, event: FieldInput.AddSibling) -> None:
        event.stop()
        if not event.field.value.strip():
            return  # one empty line at a time
        field = self._line("")
        await self.query_one("#decision-lines", Vertical).mount(field, after=event.field)
        field.focus()

    @on(FieldInput.Remove)
    async def _remove(self, event: FieldInput.Remove) -> None:
        event.stop()
        fields = list(self.query(".decision").results(FieldInput))
        if len(fields) <= 1:
            return
        index = fields.index(event.field)
        await event.field.remove()
        fields[max(0, index - 1)].focus()
        self._store(typing=False)
