"""Stage 6, wrap-up: open questions, next steps with owners and due dates, a follow-up,
and the export.

A due date is typed as the room says it ("Fri", "15 Jan", "in 2 weeks", 2027-01-15;
`workshop.core.okr.due_dates`) and shown back as the day it means when the cursor leaves
it; a date that cannot be read is not stored, and one line under the steps says why.

Ctrl+R swaps the editor for the summary of everything captured (full width, for
the room to read); F2 writes the handout PDF, the calendar, Markdown, JSON and
CSV in a thread worker, so the clock keeps ticking, and then lists the paths.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

from workshop.core.db.store import Item
from workshop.core.domain import MeetingKind, Workshop, WrapItem, WrapItemKind
from workshop.core.okr.cadence import (
    EntryError,
    format_time,
    local_moment,
    parse_date,
    parse_time,
    short_date,
    zone_of,
)
from workshop.core.okr.due_dates import parse_due
from workshop.core.session.session import WORKSHOP
from workshop.core.textsafe import visible
from workshop.tui.screens.base import StageScreen

if TYPE_CHECKING:
    from workshop.core.exports.json_format import CompanyLinks
from workshop.tui.screens.list_edits import (
    LIST_EDIT_BINDINGS,
    Removed,
    UndoStack,
    bring_back,
    focus_neighbour,
    place_of,
)
from workshop.tui.styles import STAGE_CSS
from workshop.tui.widgets.export_panel import ExportPanel
from workshop.tui.widgets.fields import FieldInput, SaveTarget
from workshop.tui.widgets.summary import SummaryView


def due_text(day: dt.date | None) -> str:
    """A due date as the row shows it: "Fri 15 Jan 2027"."""
    return short_date(day, year=True) if day else ""


class StepRow(Horizontal):
    """A next step: what, who owns it, and when it is due."""

    def __init__(self, item: WrapItem) -> None:
        super().__init__(classes="step-row")
        assert item.id is not None
        self.item_id: int = item.id
        self.item = item

    def compose(self) -> ComposeResult:
        target = Item.WRAP_ITEM.value
        yield FieldInput(
            self.item.text,
            target=SaveTarget(target, self.item_id, "text"),
            placeholder="Next step",
            list_item=True,
            classes="step-text",
            payload=self,
        )
        yield FieldInput(
            self.item.owner,
            target=SaveTarget(target, self.item_id, "owner"),
            placeholder="Owner",
            list_item=True,
            classes="step-owner",
            payload=self,
        )
        # No save target: the screen reads the date and stores it only when it is one.
        yield FieldInput(
            due_text(self.item.due),
            placeholder="Due: Fri, 15 Jan",
            list_item=True,
            wrap=False,
            classes="step-due",
            payload=self,
        )

    @property
    def text(self) -> str:
        return self.query_one(".step-text", FieldInput).value

    @property
    def owner(self) -> str:
        return self.query_one(".step-owner", FieldInput).value

    @property
    def due_field(self) -> FieldInput:
        return self.query_one(".step-due", FieldInput)


class WrapUpScreen(StageScreen):
    STAGE_KEY = "wrap_up"
    CSS_PATH = STAGE_CSS

    BINDINGS = [
        Binding("f2", "export", "Export all", show=True),
        Binding("ctrl+r", "toggle_summary", "Summary", show=True),
        *LIST_EDIT_BINDINGS,
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._reload_lock = asyncio.Lock()
        self.follow_up: dt.datetime | None = None  # as last saved, in the workshop's zone
        # Step id -> why its typed due date was not stored (shown under the steps).
        self.due_errors: dict[int, str] = {}
        # Questions and next steps removed on this stage, for Ctrl+Z.
        self.undo = UndoStack()
        self.timezone = "UTC"

    def compose_main(self) -> ComposeResult:
        with Vertical(id="wrap-editor"):
            yield Label("", id="wrap-reminder", markup=False)
            yield Label("Open questions", classes="section-title")
            yield Label(
                "Enter: next line · Ctrl+Del: remove · Ctrl+Z: bring it back · "
                "Alt+↑/↓: move · Ctrl+R: summary",
                classes="key-hint",
            )
            yield Vertical(id="questions")
            yield Label("Next steps, each with one owner and a due date", classes="section-title")
            yield Vertical(id="next-steps")
            yield Label("", id="steps-note", markup=False)
            yield Label("Follow-up meeting (optional)", classes="section-title")
            with Horizontal(id="follow-up"):
                yield FieldInput(placeholder="YYYY-MM-DD", id="follow-up-date")
                yield FieldInput(placeholder="HH:MM", id="follow-up-time")
                yield FieldInput(
                    target=SaveTarget(WORKSHOP, self.session.workshop_id, "follow_up_note"),
                    placeholder="What for, who joins",
                    id="follow-up-note",
                )
            yield Label("", id="follow-up-error", markup=False)
        yield ExportPanel(
            self.session.load,
            room=self.session.room_record,
            links=self.company_links,
            id="export-bar",
        )
        yield SummaryView(id="summary")

    def company_links(self, workshop: Workshop) -> Callable[[], CompanyLinks]:
        """The JSON's company links: the draft's links now, the company's names and OKRs
        read later, in the export's thread (workshop.core.org.links)."""
        from workshop.core.org.links import export_links

        org = self.session.org_links()
        return lambda: self.session.read_other(lambda store: export_links(store, workshop, org))

    # -- loading ---------------------------------------------------------------

    async def reload(self) -> None:
        async with self._reload_lock:
            workshop = self.session.load()
            self.show_reminder(workshop)
            questions = self.query_one("#questions", Vertical)
            steps = self.query_one("#next-steps", Vertical)
            await questions.remove_children()
            await steps.remove_children()
            await questions.mount_all([self.question_field(q) for q in workshop.questions])
            await steps.mount_all([StepRow(s) for s in workshop.next_steps])
            if not workshop.questions:
                await self.add_item(WrapItemKind.QUESTION, focus=False)
            if not workshop.next_steps:
                await self.add_item(WrapItemKind.NEXT_STEP, focus=False)
            self.load_follow_up(workshop)
            self.due_errors.clear()
            self.show_steps_note()
            if self.has_class("-summary-only"):
                await self.query_one(SummaryView).show(workshop)
            elif not isinstance(self.focused, FieldInput | Button):
                self.query(".question").first(FieldInput).focus()

    def show_reminder(self, workshop: Workshop) -> None:
        text = self.stage.reminder or ""
        checkins = sorted(
            (m.date, m.time) for m in workshop.meetings if m.kind is MeetingKind.CHECK_IN
        )
        if checkins:
            day, moment = checkins[0]
            when = f"First check-in: {short_date(day, year=True)} at {format_time(moment)}."
            text = f"{text} {when}" if text else when
        reminder = self.query_one("#wrap-reminder", Label)
        reminder.update(visible(text))
        reminder.display = bool(text)

    def load_follow_up(self, workshop: Workshop) -> None:
        # Stored as an aware moment; typed and shown in the workshop's own zone.
        self.timezone = workshop.timezone
        moment = workshop.follow_up
        if moment is not None:
            moment = local_moment(moment, workshop.timezone)
        self.follow_up = moment
        with self.prevent(FieldInput.Changed):
            self.query_one("#follow-up-date", FieldInput).value = (
                moment.date().isoformat() if moment else ""
            )
            self.query_one("#follow-up-time", FieldInput).value = (
                format_time(moment.time()) if moment else ""
            )
            self.query_one("#follow-up-note", FieldInput).value = workshop.follow_up_note
        self.show_follow_up_error(None)

    # -- the two lists ---------------------------------------------------------------

    def question_field(self, item: WrapItem) -> FieldInput:
        assert item.id is not None
        return FieldInput(
            item.text,
            target=SaveTarget(Item.WRAP_ITEM.value, item.id, "text"),
            placeholder="A question still open",
            list_item=True,
            classes="question",
            payload=item.id,
        )

    async def add_item(
        self, kind: WrapItemKind, after_id: int | None = None, *, focus: bool = True
    ) -> None:
        item_id = self.session.add(
            Item.WRAP_ITEM, self.session.workshop_id, after_id=after_id, kind=kind, text=""
        )
        if item_id is None:
            return  # a read-only window: the session has said so
        item = WrapItem(id=item_id, kind=kind)
        widget: FieldInput | StepRow
        after: FieldInput | StepRow | None
        if kind is WrapItemKind.QUESTION:
            widget = self.question_field(item)
            container = self.query_one("#questions", Vertical)
            questions = self.query(".question").results(FieldInput)
            after = next((f for f in questions if f.payload == after_id), None)
        else:
            widget = StepRow(item)
            container = self.query_one("#next-steps", Vertical)
            after = next((r for r in self.query(StepRow) if r.item_id == after_id), None)
        await (container.mount(widget, after=after) if after else container.mount(widget))
        if isinstance(widget, FieldInput):
            field = widget
        else:
            field = widget.query_one(".step-text", FieldInput)
        if focus:
            field.focus()
            field.scroll_visible()

    @on(FieldInput.AddSibling)
    @on(FieldInput.AddChild)
    async def _on_add(self, event: FieldInput.ListKey) -> None:
        field = event.field
        if field.has_class("question"):
            await self.add_item(WrapItemKind.QUESTION, field.payload)
        elif isinstance(field.payload, StepRow):
            await self.add_item(WrapItemKind.NEXT_STEP, field.payload.item_id)

    @on(FieldInput.Remove)
    async def _on_remove(self, event: FieldInput.Remove) -> None:
        field = event.field
        if field.has_class("step-due"):
            field.payload.query_one(".step-owner", FieldInput).focus()
            return
        if field.has_class("step-owner"):
            field.payload.query_one(".step-text", FieldInput).focus()
            return
        if field.has_class("question") and len(self.query(".question")) == 1:
            return  # the only line, and empty: keep it to type in
        if field.has_class("step-text"):
            row: StepRow = field.payload
            if len(self.query(StepRow)) == 1 and not (row.owner or row.due_field.value):
                return
        await self.remove_line(field)

    # -- removing with undo, moving up and down (Ctrl+Delete, Ctrl+Z, Alt+Up/Down) ----------

    def _line_of(self, field: object) -> tuple[WrapItemKind, int, FieldInput | StepRow] | None:
        """The question or next step a field belongs to: (kind, id, its widget)."""
        if not isinstance(field, FieldInput):
            return None
        if field.has_class("question"):
            return WrapItemKind.QUESTION, field.payload, field
        if isinstance(field.payload, StepRow):
            return WrapItemKind.NEXT_STEP, field.payload.item_id, field.payload
        return None

    async def action_remove_item(self) -> None:
        """Ctrl+Delete: remove the focused question or next step, whatever it holds."""
        if self._line_of(self.focused) is None:
            self.notify("Move to a question or a next step first, then press Ctrl+Delete.")
            return
        await self.remove_line(self.focused)

    async def remove_line(self, field: object) -> None:
        """Remove the question or next step `field` is in (Ctrl+Z brings it back)."""
        line = self._line_of(field)
        if line is None:
            return
        kind, item_id, widget = line
        if kind is WrapItemKind.QUESTION:
            assert isinstance(widget, FieldInput)
            number = list(self.query(".question").results(FieldInput)).index(widget) + 1
            label = f"Question {number}"
            fields: dict[str, Any] = {"kind": kind, "text": widget.value}
        else:
            assert isinstance(widget, StepRow)
            number = list(self.query(StepRow).results(StepRow)).index(widget) + 1
            label = f"Step {number}"
            fields = {"kind": kind, "text": widget.text, "owner": widget.owner}
            fields["due"] = widget.item.due
        workshop_id = self.session.workshop_id
        place = place_of(self.session, Item.WRAP_ITEM, workshop_id, item_id)
        removed = Removed(Item.WRAP_ITEM, workshop_id, place, fields, label=label)
        if not self.session.delete(Item.WRAP_ITEM, item_id):
            return  # a read-only window: the session said so
        self.undo.push(removed)
        self.due_errors.pop(item_id, None)
        focus_neighbour(self, widget)
        await widget.remove()
        if kind is WrapItemKind.QUESTION and not self.query(".question"):
            await self.add_item(kind)  # somewhere to type again
        if kind is WrapItemKind.NEXT_STEP and not self.query(StepRow):
            await self.add_item(kind)
        self.show_steps_note()
        self.notify(f"{label} removed. Ctrl+Z brings it back.", markup=False)

    async def action_undo_remove(self) -> None:
        """Ctrl+Z: bring back the question or next step removed last, where it was."""
        removed = self.undo.pop()
        if removed is None:
            self.notify("Nothing removed on this stage to bring back.")
            return
        await bring_back(self, self.undo, removed)

    def action_move_item(self, step: int) -> None:
        """Alt+Up / Alt+Down: move the focused question or next step up or down its list."""
        line = self._line_of(self.focused)
        if line is None:
            return
        kind, item_id, widget = line
        if kind is WrapItemKind.QUESTION:
            container = self.query_one("#questions", Vertical)
            widgets: list[FieldInput | StepRow] = list(self.query(".question").results(FieldInput))
        else:
            container = self.query_one("#next-steps", Vertical)
            widgets = list(self.query(StepRow).results(StepRow))
        index = widgets.index(widget) + step
        if not 0 <= index < len(widgets):
            return
        # Questions and steps share one stored list: step over the other kind's items too.
        ids = self.session.child_ids(Item.WRAP_ITEM, self.session.workshop_id)
        neighbour = widgets[index]
        neighbour_id = neighbour.item_id if isinstance(neighbour, StepRow) else neighbour.payload
        for _ in range(abs(ids.index(neighbour_id) - ids.index(item_id))):
            if not self.session.move(Item.WRAP_ITEM, item_id, step):
                return
        if step < 0:
            container.move_child(widget, before=neighbour)
        else:
            container.move_child(widget, after=neighbour)
        self.show_steps_note()
        if self.focused is not None:
            self.focused.scroll_visible()

    # -- next steps' due dates and owners ------------------------------------------------

    def today(self) -> dt.date:
        """The workshop's day, from the session's (injectable) wall clock."""
        return local_moment(self.session.timer.now(), self.timezone).date()

    @on(FieldInput.Changed, ".step-due")
    def _due_typed(self, event: FieldInput.Changed) -> None:
        event.stop()
        field = event.input
        row = field.payload if isinstance(field, FieldInput) else None
        if not isinstance(row, StepRow):
            return
        text = event.value.strip()
        if text == due_text(row.item.due):
            self.due_errors.pop(row.item_id, None)  # the stored date, shown back
        elif not text:
            self.save_due(row, None)
        else:
            try:
                self.save_due(row, parse_due(text, self.today()))
            except EntryError as error:
                self.due_errors[row.item_id] = str(error)
        event.input.set_class(row.item_id in self.due_errors, "-bad")
        self.show_steps_note()

    def save_due(self, row: StepRow, day: dt.date | None) -> None:
        self.due_errors.pop(row.item_id, None)
        if day != row.item.due:
            self.session.edit(Item.WRAP_ITEM.value, row.item_id, due=day)
            if not self.session.read_only:
                row.item = row.item.model_copy(update={"due": day})

    @on(events.DescendantBlur, ".step-due")
    def _show_due_as_a_day(self, event: events.DescendantBlur) -> None:
        # "Fri" becomes "Fri 8 Jan 2027" once the cursor leaves: the room sees the day.
        field = event.widget
        if not isinstance(field, FieldInput):
            return
        row = field.payload
        if not isinstance(row, StepRow) or row.item_id in self.due_errors:
            return
        with self.prevent(FieldInput.Changed):
            field.value = due_text(row.item.due)
            field.cursor_position = len(field.value)

    @on(FieldInput.Changed, ".step-text, .step-owner")
    def _step_typed(self) -> None:
        # Not stopped: the base class saves the text; the note follows it.
        self.show_steps_note()

    def show_steps_note(self) -> None:
        """One line under the steps: a date not stored, else a step still without owner."""
        rows = list(self.query(StepRow).results(StepRow))
        label = self.query_one("#steps-note", Label)
        note, bad = "", False
        for number, row in enumerate(rows, start=1):
            if row.item_id in self.due_errors:
                kept = due_text(row.item.due)
                still = f"still {kept}" if kept else "none yet"
                note = (
                    f"Step {number}'s due date not saved ({still}): {self.due_errors[row.item_id]}"
                )
                bad = True
                break
        if not bad:
            missing = [
                str(n)
                for n, row in enumerate(rows, start=1)
                if row.text.strip() and not row.owner.strip()
            ]
            if missing:
                which = (
                    f"Step {missing[0]} has"
                    if len(missing) == 1
                    else f"Steps {', '.join(missing)} have"
                )
                note = f"{which} no owner yet: give each step one person."
        label.update(note)
        label.display = bool(note)
        label.set_class(bad, "-bad")

    # -- the follow-up meeting -------------------------------------------------------

    @on(FieldInput.Changed, "#follow-up-date, #follow-up-time")
    def _follow_up_typed(self, event: FieldInput.Changed) -> None:
        # Not the base autosave: the column holds a datetime, built from two fields.
        event.prevent_default()
        event.stop()
        date_text = self.query_one("#follow-up-date", FieldInput).value
        time_text = self.query_one("#follow-up-time", FieldInput).value
        if not date_text.strip() and not time_text.strip():
            moment = None
        else:
            try:
                moment = self.parse_follow_up(date_text, time_text)
            except EntryError as error:
                was = self.follow_up
                still = (
                    f"still {short_date(was.date(), year=True)} at {was:%H:%M}" if was else "none"
                )
                self.show_follow_up_error(f"Follow-up not saved ({still}): {error}")
                return
        self.show_follow_up_error(None)
        if moment != self.follow_up:
            self.follow_up = moment
            self.session.edit(WORKSHOP, self.session.workshop_id, follow_up=moment)

    def parse_follow_up(self, date_text: str, time_text: str) -> dt.datetime:
        """The typed date and time as a moment in the workshop's time zone."""
        if not date_text.strip():
            raise EntryError("add a date too, or clear the time.")
        day = parse_date(date_text)
        if not time_text.strip():
            raise EntryError("add a time too (HH:MM).")
        return dt.datetime.combine(day, parse_time(time_text), tzinfo=zone_of(self.timezone))

    def show_follow_up_error(self, message: str | None) -> None:
        label = self.query_one("#follow-up-error", Label)
        label.update(message or "")
        label.display = bool(message)
        date_field = self.query_one("#follow-up-date", FieldInput)
        time_field = self.query_one("#follow-up-time", FieldInput)
        date_field.set_class(bool(message), "-bad")
        time_field.set_class(bool(message), "-bad")

    # -- the summary -------------------------------------------------------------

    async def action_toggle_summary(self) -> None:
        showing = not self.has_class("-summary-only")
        self.set_class(showing, "-summary-only")
        main = self.query_one("#stage-main")
        if showing:
            await self.query_one(SummaryView).show(self.session.load())
            main.focus()  # so Up, Down, Page Up and Page Down scroll the summary
            main.scroll_home(animate=False)
        else:
            self.query(".question").first(FieldInput).focus()

    # -- export ------------------------------------------------------------------

    def action_export(self) -> None:
        self.query_one(ExportPanel).start()
