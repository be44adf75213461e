"""What every stage screen shares: the clock, the time's-up prompt, the agenda bar, the guide
and autosave.

A stage screen subclasses `StageScreen`, sets `STAGE_KEY`, and implements
`compose_main()` (the editor) and, if it edits lists, `reload()` to rebuild them
from the store. Every `FieldInput` it mounts is saved as it is typed by the
handler here; list changes go through `self.session.add/delete`.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Label

from workshop.session import WorkshopSession
from workshop.widgets.agenda_bar import AgendaBar
from workshop.widgets.clock import ClockPanel
from workshop.widgets.fields import FieldInput
from workshop.widgets.guide import GuidePanel
from workshop.widgets.time_up import TimeUpBar


class StageScreen(Screen[None]):
    """One agenda stage: clock on top, editor on the left, guide on the right."""

    STAGE_KEY: ClassVar[str] = ""

    BINDINGS = [Binding("ctrl+g", "toggle_guide", "Guide")]

    def __init__(self, session: WorkshopSession) -> None:
        super().__init__(name=self.STAGE_KEY, id=f"stage-{self.STAGE_KEY.replace('_', '-')}")
        self.session = session
        self.stage = session.agenda.stage(self.STAGE_KEY)
        self.stage_index = session.agenda.index(self.STAGE_KEY)
        self._built = False

    def compose(self) -> ComposeResult:
        yield ClockPanel(
            self.stage_index, len(self.session.agenda.stages), self.stage.title, id="clock"
        )
        yield TimeUpBar(self.stage_index, len(self.session.agenda.stages), id="time-up")
        yield AgendaBar(id="agenda-bar")
        yield Label("", id="read-only-banner", markup=False)
        with Horizontal(id="stage-body"):
            with VerticalScroll(id="stage-main"):
                yield from self.compose_main()
            yield GuidePanel(self.stage, id="guide")
        yield Footer()

    def compose_main(self) -> ComposeResult:
        """The stage's editor; override in each stage."""
        yield from ()

    def on_mount(self) -> None:
        self.refresh_clock()

    async def on_screen_resume(self) -> None:
        # Build from the store on first show only. Later resumes come from a
        # dialog closing, which must not rebuild the editor and lose the cursor;
        # a screen whose dialog changes data reloads in the dialog's callback.
        if not self._built:
            self._built = True
            await self.reload()
            self.apply_read_only()
        self.refresh_clock()

    def apply_read_only(self) -> None:
        """Show the workshop read-only while another window edits it (or editable again)."""
        read_only = self.session.read_only
        self.set_class(read_only, "-read-only")
        banner = self.query_one("#read-only-banner", Label)
        if read_only and self.session.lease is not None:
            banner.update(self.session.lease.message())
        for field in self.query(Input):
            field.disabled = read_only

    async def reload_read_only(self) -> None:
        """Follow the editing window: rebuild from the store, inputs kept disabled."""
        await self.reload()
        self.apply_read_only()

    async def reload(self) -> None:
        """Rebuild what the screen shows from the store (after a resume or an import)."""

    def refresh_clock(self) -> None:
        """Repaint the clock and agenda bar; the app calls this on every tick."""
        timer = self.session.timer
        self.query_one(ClockPanel).show(timer)
        self.query_one(AgendaBar).show(timer)
        self.query_one(TimeUpBar).show(timer)

    def action_toggle_guide(self) -> None:
        self.query_one(GuidePanel).toggle_class("-hidden")

    @on(FieldInput.Changed)
    def _autosave(self, event: FieldInput.Changed) -> None:
        field = event.input
        if isinstance(field, FieldInput) and field.target is not None:
            target = field.target
            self.session.edit(target.kind, target.row_id, **{target.field: event.value})
