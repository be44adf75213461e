"""Stage 5, the review cadence: the dates of check-ins, monthly reviews and the scoring.

Each meeting is one row: date, weekday, time, kind and a note. Dates and times
are typed columns in the store, so those two fields do not autosave through the
base screen's string path: this screen parses them as they are typed, saves
only a valid value, and otherwise says what to type (the last valid value stays
saved). The note autosaves like any other text.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import DescendantBlur
from textual.widgets import Button, Label

from workshop.core.db.store import Item
from workshop.core.domain import Meeting, MeetingKind
from workshop.core.okr.cadence import (
    DEFAULT_TIME,
    EntryError,
    Slot,
    default_start,
    describe,
    format_date,
    format_time,
    free_week,
    next_kind,
    parse_date,
    parse_time,
    short_date,
    short_day,
)
from workshop.core.textsafe import visible
from workshop.tui.dialogs.quick_fill import QuickFillScreen
from workshop.tui.screens.base import StageScreen
from workshop.tui.styles import STAGE_CSS
from workshop.tui.widgets.fields import FieldInput, SaveTarget

# Meeting rows built per turn of the event loop when the stage opens (see reload).
ROWS_PER_STEP = 4


def kind_title(kind: MeetingKind, titles: dict[MeetingKind, str]) -> str:
    return titles.get(kind, kind.value.capitalize())


class MeetingField(FieldInput):
    """A meeting's date, time or note, built from the store without re-saving it."""


class MeetingRow(Vertical):
    """One meeting: its fields on one line, and a line for what was typed wrong."""

    def __init__(
        self, meeting: Meeting, titles: dict[MeetingKind, str], *, suggested: bool = False
    ) -> None:
        super().__init__(classes="meeting-row")
        assert meeting.id is not None
        self.meeting_id: int = meeting.id
        # The values last saved; what the store holds while a field is invalid.
        self.date = meeting.date
        self.time = meeting.time
        self.kind = meeting.kind
        self.note = meeting.note
        self.titles = titles
        self._errors: dict[str, str] = {}
        # A meeting Enter has just added: its date and time are the app's suggestion,
        # which typing replaces (select-on-focus) until the room has changed it.
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        # The row keeps its own parts rather than querying for them: a row removed by a
        # reload while it mounts has lost its children, and a query there would crash
        # the app (seen once in a full test run: quick fill, then its reload).
        self._fields = {
            "date": MeetingField(
                format_date(self.date),
                placeholder="YYYY-MM-DD",
                list_item=True,
                classes="meeting-date",
                payload=self,
                select_on_focus=self.suggested,
            ),
            "time": MeetingField(
                format_time(self.time),
                placeholder="HH:MM",
                list_item=True,
                classes="meeting-time",
                payload=self,
                select_on_focus=self.suggested,
            ),
            "note": MeetingField(
                self.note,
                target=SaveTarget(Item.MEETING.value, self.meeting_id, "note"),
                placeholder="Note: who joins, where",
                list_item=True,
                classes="meeting-note",
                payload=self,
            ),
        }
        self._day = Label(short_day(self.date), classes="meeting-day")
        self._kind = Label("", classes="meeting-kind")
        self._error = Label("", classes="meeting-error", markup=False)
        with Horizontal(classes="meeting-fields"):
            yield self._fields["date"]
            yield self._day
            yield self._fields["time"]
            yield self._kind
            yield self._fields["note"]
        yield self._error

    def on_mount(self) -> None:
        self.show_kind()

    def show_kind(self) -> None:
        self._kind.update(kind_title(self.kind, self.titles))
        for kind in MeetingKind:
            self._kind.set_class(kind is self.kind, f"-{kind.name.lower().replace('_', '-')}")

    def show_day(self) -> None:
        self._day.update(short_day(self.date))

    def set_error(self, field: str, message: str | None) -> None:
        """Show (or clear) the problem with one field; the other field's problem stays."""
        if message:
            self._errors[field] = message
        else:
            self._errors.pop(field, None)
        self._fields[field].set_class(bool(message), "-bad")
        line = " ".join(self._errors.values())
        self._error.update(line)
        self._error.display = bool(line)


class CadenceScreen(StageScreen):
    STAGE_KEY = "cadence"
    CSS_PATH = STAGE_CSS

    BINDINGS = [
        Binding("ctrl+r", "quick_fill", "Quick fill", show=True),
        Binding("ctrl+t", "cycle_kind", "Kind", show=True),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.titles = {m.kind: m.title for m in self.stage.meetings}
        # Reloads come from a resume and from a finished quick fill; never interleave them.
        self._reload_lock = asyncio.Lock()

    def compose_main(self) -> ComposeResult:
        if self.stage.reminder:
            yield Label(visible(self.stage.reminder), id="cadence-reminder", markup=False)
        yield Label("", id="meeting-count", classes="count")
        yield Label(
            "Enter: add · Ctrl+T: kind · Ctrl+R: a series · Backspace on an empty date: remove",
            classes="key-hint",
        )
        with Horizontal(id="meeting-header"):
            yield Label("Date", classes="head-date")
            yield Label("Time", classes="head-time")
            yield Label("Kind", classes="head-kind")
            yield Label("Note", classes="head-note")
        yield Vertical(id="meetings")
        with Horizontal(id="meeting-buttons"):
            yield Button("＋ Add a meeting", id="add-meeting", compact=True)
            yield Button("Fill a series… (Ctrl+R)", id="open-quick-fill", compact=True)
        if self.stage.meetings:
            yield Label("The three kinds of meeting", classes="section-title")
            for info in self.stage.meetings:
                with Vertical(classes="kind-card"):
                    yield Label(
                        f"{visible(info.title)} · {visible(info.when)}",
                        classes="kind-title",
                        markup=False,
                    )
                    yield Label(visible(info.purpose), classes="kind-purpose", markup=False)

    # -- loading ---------------------------------------------------------------

    async def reload(self) -> None:
        async with self._reload_lock:
            workshop = self.session.load()
            meetings = sorted(workshop.meetings, key=lambda m: (m.date, m.time))
            # Rebuilding replaces the fields: remember which one had focus.
            row, field = self._row_of_focus(), self.focused
            kind = next((c for c in field.classes if c.startswith("meeting-")), "") if field else ""
            was = (row.meeting_id, kind) if row and kind else None
            container = self.query_one("#meetings", Vertical)
            self.build_in_steps([])  # a build still under way stops here
            await container.remove_children()
            rows = [MeetingRow(m, self.titles) for m in meetings]
            # The first rows now, the rest a few per turn of the event loop, so the clock
            # keeps ticking while a long series is built.
            chunks = [rows[i : i + ROWS_PER_STEP] for i in range(0, len(rows), ROWS_PER_STEP)]
            refocused = await self._mount_rows(chunks[0] if chunks else [], was)
            if not refocused and not isinstance(self.focused, FieldInput | Button):
                # The scroll container takes focus first on entry; start on a meeting.
                first = self.query(".meeting-date").results(FieldInput)
                target = next(iter(first), None)
                (target or self.query_one("#add-meeting", Button)).focus()
            steps = [partial(self._mount_rows, chunk, was) for chunk in chunks[1:]]
            self.build_in_steps([*steps, self._finish_build])

    async def _mount_rows(self, rows: list[MeetingRow], was: tuple[int, str] | None) -> bool:
        """Mount `rows`; True if the field that had focus before the reload is among them."""
        await self.query_one("#meetings", Vertical).mount_all(rows)
        for row in rows:
            self.apply_read_only_to(row)
        if was is None:
            return False
        fields = (
            f
            for r in rows
            if r.meeting_id == was[0]
            for f in r.query(FieldInput)
            if f.has_class(was[1])
        )
        again = next(fields, None)
        if again is not None:
            again.focus()
        return again is not None

    async def _finish_build(self) -> None:
        self.update_count()

    def rows(self) -> list[MeetingRow]:
        return list(self.query(MeetingRow).results(MeetingRow))

    def update_count(self) -> None:
        rows = self.rows()
        label = self.query_one("#meeting-count", Label)
        if not rows:
            label.update("No meetings yet: Ctrl+R fills a series in one go.")
            return
        slots = [Slot(r.date, r.time, r.kind) for r in rows]
        first, last = min(slots), max(slots)
        label.update(
            f"{describe(slots)}: {short_date(first.date)} to {short_date(last.date, year=True)}"
        )

    # -- typed dates and times ---------------------------------------------------

    @on(FieldInput.Changed, ".meeting-date, .meeting-time")
    def _date_or_time_typed(self, event: FieldInput.Changed) -> None:
        # Handled here, not by the base autosave: the columns hold a date and a
        # time, not text. Only a value that parses is saved.
        event.prevent_default()
        event.stop()
        row: MeetingRow = event.input.payload  # type: ignore[attr-defined]
        if not event.input.is_attached:
            return  # a late message from a row a reload has just replaced
        field = "date" if event.input.has_class("meeting-date") else "time"
        parse, show = (parse_date, format_date) if field == "date" else (parse_time, format_time)
        saved = getattr(row, field)
        if event.value != show(saved):
            event.input.select_on_focus = False  # the room's text now: never select it away
        try:
            value = parse(event.value)
        except EntryError as error:
            message = f"{field.capitalize()} not saved (still {show(saved)}): {error}"
            row.set_error(field, message)
            return
        row.set_error(field, None)
        if value != saved:
            setattr(row, field, value)
            self.session.edit(Item.MEETING.value, row.meeting_id, **{field: value})
            row.show_day()
            self.update_count()

    # -- date order ------------------------------------------------------------

    @on(DescendantBlur, ".meeting-date, .meeting-time")
    def _left_a_date_or_time(self) -> None:
        # Re-sort once the field is left, not while it is typed in: a row that jumped
        # at every digit would be lost from under the cursor.
        self.resort()

    def resort(self) -> None:
        """Put the rows back in date and time order (the order the store is read in)."""
        container = self.query_one("#meetings", Vertical)
        rows = self.rows()
        ordered = sorted(rows, key=lambda r: (r.date, r.time))
        if ordered == rows:
            return
        for index, row in enumerate(ordered):
            if container.children[index] is not row:
                container.move_child(row, before=index)
        if self.focused is not None:
            self.call_after_refresh(self.focused.scroll_visible, animate=False)

    # -- list keys -------------------------------------------------------------

    def _row_of_focus(self) -> MeetingRow | None:
        node = self.focused
        while node is not None and not isinstance(node, MeetingRow):
            node = node.parent  # type: ignore[assignment]
        return node

    async def add_meeting(self, after: MeetingRow | None = None) -> None:
        """Add a check-in a week after `after` (or after the last meeting), at the same time."""
        rows = self.rows()
        base = after or (rows[-1] if rows else None)
        if base is not None:
            day, moment = base.date + dt.timedelta(weeks=1), base.time
        else:
            # A week from today, but never before the period (planning 2027-Q2 in
            # December suggests 1 April, not a check-in in December).
            today = self._today()
            in_period = default_start(self.session.load().period, today)
            day = max(today + dt.timedelta(weeks=1), in_period)
            moment = DEFAULT_TIME
        wanted, day = day, free_week(day, moment, ((r.date, r.time) for r in rows))
        if day != wanted:
            # Never a second meeting at the same date and time without a word.
            self.notify(
                f"{short_date(wanted)} at {format_time(moment)} already has a meeting: "
                f"the new check-in is on {short_date(day, year=True)}. Change its date "
                "if you meant another day.",
                title="Date already taken",
                severity="warning",
            )
        meeting_id = self.session.add(
            Item.MEETING,
            self.session.workshop_id,
            after_id=base.meeting_id if base else None,
            date=day,
            time=moment,
            kind=MeetingKind.CHECK_IN,
            note="",
        )
        if meeting_id is None:
            return  # refused in a read-only window (the session has said so)
        row = MeetingRow(Meeting(id=meeting_id, date=day, time=moment), self.titles, suggested=True)
        container = self.query_one("#meetings", Vertical)
        await (container.mount(row, after=base) if base else container.mount(row))
        row.query_one(".meeting-date", FieldInput).focus()
        self.resort()
        row.scroll_visible()
        self.update_count()

    @on(FieldInput.AddSibling)
    @on(FieldInput.AddChild)
    async def _on_add(self, event: FieldInput.ListKey) -> None:
        if isinstance(event.field.payload, MeetingRow):
            await self.add_meeting(event.field.payload)

    @on(FieldInput.Remove)
    async def _on_remove(self, event: FieldInput.Remove) -> None:
        # Only an emptied date removes a meeting: an empty time or note is normal.
        if not event.field.has_class("meeting-date"):
            return
        row: MeetingRow = event.field.payload
        self.session.delete(Item.MEETING, row.meeting_id)
        self.focus_previous(FieldInput)
        await row.remove()
        self.update_count()
        if not self.rows():
            self.query_one("#add-meeting", Button).focus()

    @on(Button.Pressed, "#add-meeting")
    async def _add_pressed(self) -> None:
        await self.add_meeting()

    @on(Button.Pressed, "#open-quick-fill")
    def _quick_fill_pressed(self) -> None:
        self.action_quick_fill()

    def action_cycle_kind(self) -> None:
        row = self._row_of_focus()
        if row is None:
            self.notify("Move to a meeting first, then press Ctrl+T.", severity="warning")
            return
        row.kind = next_kind(row.kind)
        self.session.edit(Item.MEETING.value, row.meeting_id, kind=row.kind)
        row.show_kind()
        self.update_count()

    # -- quick fill --------------------------------------------------------------

    def _today(self) -> dt.date:
        wall = getattr(self.app, "wall", None)
        return (wall() if wall is not None else dt.datetime.now()).date()

    def action_quick_fill(self) -> None:
        workshop = self.session.load()
        existing = [Slot(m.date, m.time, m.kind) for m in workshop.meetings]
        self.app.push_screen(
            QuickFillScreen(workshop.period, self._today(), existing, self.titles),
            self._quick_fill_done,
        )

    async def _quick_fill_done(self, slots: list[Slot] | None) -> None:
        if not slots or not self.session.allow_change():
            return  # nothing chosen, or a read-only window (the session has said so)
        for slot in slots:
            self.session.add(
                Item.MEETING,
                self.session.workshop_id,
                date=slot.date,
                time=slot.time,
                kind=slot.kind,
                note="",
            )
        self.set_focus(None)
        await self.reload()
        self.notify(f"Added {describe(slots)}.")
