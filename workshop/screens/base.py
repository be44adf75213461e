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
from textual.widgets import Footer

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

    def compose(self) -> ComposeResult:
        yield ClockPanel(
            self.stage_index, len(self.session.agenda.stages), self.stage.title, id="clock"
        )
        yield TimeUpBar(self.stage_index, len(self.session.agenda.stages), id="time-up")
        yield AgendaBar(id="agenda-bar")
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
        await self.reload()
        self.refresh_clock()

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
