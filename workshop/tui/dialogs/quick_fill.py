"""The quick-fill form: a whole series of meetings from a few answers.

"Every Tuesday at 10:00 from 2027-01-19 until the end of the quarter", plus,
if ticked, a review at each month end and a quarter-end scoring. The form shows
what it would add as it is filled in, and dismisses with the meetings to add
(exact duplicates of meetings already planned are left out), or None.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Label, Static

from workshop.core.domain import MeetingKind
from workshop.core.okr.cadence import (
    DEFAULT_TIME,
    WEEKDAYS,
    EntryError,
    Interval,
    QuickFill,
    Slot,
    default_end,
    default_start,
    describe,
    format_date,
    format_time,
    parse_date,
    parse_time,
    quarter_end,
    quick_fill,
    short_date,
)
from workshop.tui.styles import STAGE_CSS
from workshop.tui.widgets.fields import FieldInput

T = TypeVar("T")


class Choice(Static, Generic[T], can_focus=True):
    """One of a few values, changed with Left and Right (or Space): no menu to open."""

    BINDINGS = [
        Binding("left", "step(-1)", "Previous", show=False),
        Binding("right,space", "step(1)", "Next", show=False),
        Binding("enter", "app.focus_next", "Next field", show=False),
    ]

    class Changed(Message):
        def __init__(self, choice: Choice) -> None:
            super().__init__()
            self.choice = choice

        @property
        def control(self) -> Choice:
            return self.choice

    def __init__(self, options: Sequence[tuple[T, str]], value: T, **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)
        self.options = list(options)
        self.index = next((i for i, (v, _) in enumerate(self.options) if v == value), 0)

    @property
    def value(self) -> T:
        return self.options[self.index][0]

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        self.update(f"◀ {self.options[self.index][1]} ▶")

    def action_step(self, offset: int) -> None:
        self.index = (self.index + offset) % len(self.options)
        self._show()
        self.post_message(self.Changed(self))


class FormInput(FieldInput):
    """A FieldInput whose Up, Down and Enter move through every control in the form."""

    async def action_submit(self) -> None:
        self.screen.focus_next()

    def action_focus_previous_field(self) -> None:
        self.screen.focus_previous()

    def action_focus_next_field(self) -> None:
        self.screen.focus_next()


class QuickFillScreen(ModalScreen[list[Slot] | None]):
    """Ask for a series of meetings; dismiss with the slots to add, or None."""

    CSS_PATH = STAGE_CSS

    BINDINGS = [
        Binding("ctrl+r", "add", "Add these meetings", show=True),
        Binding("escape", "cancel", "Cancel", show=True),
        Binding("up", "app.focus_previous", "Previous", show=False),
        Binding("down", "app.focus_next", "Next", show=False),
    ]

    def __init__(
        self,
        period: str,
        today: dt.date,
        existing: Sequence[Slot],
        titles: dict[MeetingKind, str] | None = None,
    ) -> None:
        super().__init__(id="quick-fill")
        self.period = period
        self.existing = list(existing)
        self.titles = titles or {}
        # In the period: from its first day if it is still to come, else from tomorrow.
        self.start = default_start(period, today)
        self.end = default_end(period, self.start)
        # Same weekday as the workshop, unless that is a weekend: then Monday.
        self.weekday = today.weekday() if today.weekday() < 5 else 0
        self.slots: list[Slot] = []

    def compose(self) -> ComposeResult:
        kinds = [(k, self.titles.get(k, k.value.capitalize())) for k in MeetingKind]
        end_hint = "end of the quarter" if self.end == quarter_end(self.period) else "12 weeks on"
        with Vertical(id="qf-box"):
            yield Label("Fill a series of meetings", id="qf-title")
            yield Label(
                "Left/Right: change a choice · Up/Down: move · Space: tick a box",
                classes="key-hint",
            )
            with Horizontal(classes="qf-row"):
                with Vertical(classes="qf-cell"):
                    yield Label("Kind", classes="qf-label")
                    yield Choice(kinds, MeetingKind.CHECK_IN, id="qf-kind")
                with Vertical(classes="qf-cell"):
                    yield Label("On", classes="qf-label")
                    yield Choice(list(enumerate(WEEKDAYS)), self.weekday, id="qf-weekday")
                with Vertical(classes="qf-cell"):
                    yield Label("How often", classes="qf-label")
                    yield Choice(
                        [(i, i.value) for i in Interval], Interval.WEEKLY, id="qf-interval"
                    )
            with Horizontal(classes="qf-row"):
                with Vertical(classes="qf-cell"):
                    yield Label("At (HH:MM)", classes="qf-label")
                    yield FormInput(format_time(DEFAULT_TIME), id="qf-time")
                with Vertical(classes="qf-cell"):
                    yield Label("From", classes="qf-label")
                    yield FormInput(format_date(self.start), id="qf-start")
                with Vertical(classes="qf-cell"):
                    yield Label(f"Until ({end_hint})", classes="qf-label")
                    yield FormInput(format_date(self.end), id="qf-end")
            yield Checkbox(
                "Also a monthly review on the last working day of each month",
                True,
                id="qf-reviews",
                compact=True,
            )
            yield Checkbox(
                "Also a quarter-end scoring on the last working day",
                True,
                id="qf-scoring",
                compact=True,
            )
            yield Label("", id="qf-preview", markup=False)
            with Horizontal(id="qf-buttons"):
                yield Button("Add these meetings (Ctrl+R)", id="qf-add", variant="primary")
                yield Button("Cancel (Esc)", id="qf-cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#qf-kind", Choice).focus()
        self.refresh_preview()

    def request(self) -> QuickFill:
        """The form as a request; raises EntryError naming the field that is wrong."""
        at = self._parsed("#qf-time", "At", parse_time)
        start = self._parsed("#qf-start", "From", parse_date)
        end = self._parsed("#qf-end", "Until", parse_date)
        return QuickFill(
            weekday=self.query_one("#qf-weekday", Choice).value,
            interval=self.query_one("#qf-interval", Choice).value,
            kind=self.query_one("#qf-kind", Choice).value,
            monthly_reviews=self.query_one("#qf-reviews", Checkbox).value,
            quarter_end_scoring=self.query_one("#qf-scoring", Checkbox).value,
            time=at,
            start=start,
            end=end,
        )

    def _parsed(self, selector: str, label: str, parse: Callable[[str], T]) -> T:
        """One field read by `parse`; its EntryError names the field's label."""
        try:
            return parse(self.query_one(selector, FormInput).value)
        except EntryError as error:
            raise EntryError(f"{label}: {error}") from None

    def refresh_preview(self) -> None:
        preview = self.query_one("#qf-preview", Label)
        try:
            self.slots = quick_fill(self.request(), self.existing)
        except EntryError as error:
            self.slots = []
            preview.update(str(error))
            preview.add_class("-bad")
            return
        preview.remove_class("-bad")
        if not self.slots:
            preview.update("Adds nothing new: every one of these meetings is already planned.")
            return
        first, last = self.slots[0].date, self.slots[-1].date
        preview.update(
            f"Adds {describe(self.slots)}: {short_date(first)} to {short_date(last, year=True)}."
        )

    @on(FormInput.Changed)
    @on(Choice.Changed)
    @on(Checkbox.Changed)
    def _changed(self) -> None:
        self.refresh_preview()

    @on(Button.Pressed, "#qf-add")
    def action_add(self) -> None:
        self.refresh_preview()
        if self.query_one("#qf-preview", Label).has_class("-bad"):
            self.notify(
                "Fix the form first: the line above the buttons says what.", severity="warning"
            )
            return
        self.dismiss(self.slots)

    @on(Button.Pressed, "#qf-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
