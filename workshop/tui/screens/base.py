"""What every stage screen shares: the clock, the time's-up prompt, the agenda bar, the guide
and autosave.

A stage screen subclasses `StageScreen`, sets `STAGE_KEY`, and implements
`compose_main()` (the editor) and, if it edits lists, `reload()` to rebuild them
from the store. Every `FieldInput` it mounts is saved as it is typed by the
handler here; list changes go through `self.session.add/delete`.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from functools import partial
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Label

from workshop.core.session.session import WorkshopSession
from workshop.tui.widgets.agenda_bar import AgendaBar
from workshop.tui.widgets.clock import ClockPanel
from workshop.tui.widgets.fields import FieldInput
from workshop.tui.widgets.guide import GuidePanel
from workshop.tui.widgets.key_footer import KeyFooter
from workshop.tui.widgets.room_corner import RoomCorner
from workshop.tui.widgets.stage_main import StageMain
from workshop.tui.widgets.time_up import TimeUpBar

# The keys a facilitator needs on every stage. Textual lists the focused field's and the
# stage's keys first and the app's last, which at 80 columns pushed these off the footer.
FOOTER_FIRST = ("toggle_clock", "previous_stage", "next_stage")
# The session's view_state key for "the facilitator hid the guide" (Ctrl+G).
GUIDE_HIDDEN = "guide_hidden"
# A build step waits this long before and after its work: a real timer, so the event
# loop runs whatever timers are due (the clock's tick) between a step, the layout it
# causes and the next step, instead of running them back to back (issue 12).
BREATH_SECONDS = 0.001


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
        # True once the editor shows the store's data (benchmarks and tests wait on it).
        self.is_built = False
        # No focus until the editor is built: Textual would focus the scroll area,
        # and focus leaving it restyles everything inside it (the whole editor).
        self.AUTO_FOCUS = ""  # type: ignore[misc]  # this screen only, until built
        # Set once the first field has the cursor: keys typed before then wait in the
        # key pump (workshop.tui.key_pump), so the room's first words reach that field.
        self.keys_ready = asyncio.Event()
        # A big editor is built in steps (see `build_in_steps`); a newer build drops the rest.
        # A step's result is not used (`object`): a step may return what it found.
        self._steps: deque[Callable[[], Awaitable[object]]] = deque()
        self._steps_generation = 0

    def compose(self) -> ComposeResult:
        self._set_breakpoint_class()
        yield ClockPanel(
            self.stage_index, len(self.session.agenda.stages), self.stage.title, id="clock"
        )
        yield TimeUpBar(self.stage_index, len(self.session.agenda.stages), id="time-up")
        yield AgendaBar(id="agenda-bar")
        yield Label("", id="read-only-banner", markup=False)
        with Horizontal(id="stage-body"):
            with StageMain(id="stage-main"):
                yield from self.compose_main()
            guide = GuidePanel(self.stage, id="guide")
            guide.set_class(bool(self.session.view_state.get(GUIDE_HIDDEN)), "-hidden")
            yield guide
        yield RoomCorner(id="room-corner")  # the room's code while it is open (issue 16)
        yield KeyFooter()

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The same bindings, with the clock and stage keys first (the footer's order)."""
        bindings = super().active_bindings
        first = {k: b for k, b in bindings.items() if b.binding.action in FOOTER_FIRST}
        return first | bindings

    def _set_breakpoint_class(self) -> None:
        # Textual sets the -narrow/-wide class on the first resize, after the editor
        # is built, restyling every widget; set the same classes now, on an empty screen.
        app = self.app
        for size, breakpoints in (
            (app.size.width, self.HORIZONTAL_BREAKPOINTS or app.HORIZONTAL_BREAKPOINTS),
            (app.size.height, self.VERTICAL_BREAKPOINTS or app.VERTICAL_BREAKPOINTS),
        ):
            reached = [name for at, name in sorted(breakpoints or []) if size >= at]
            for _, name in breakpoints or []:
                self.set_class(name == reached[-1] if reached else False, name, update=False)

    def compose_main(self) -> ComposeResult:
        """The stage's editor; override in each stage."""
        yield from ()

    def on_mount(self) -> None:
        self.refresh_clock()

    async def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Build from the store on first show only. Later resumes come from a
        # dialog closing, which must not rebuild the editor and lose the cursor;
        # a screen whose dialog changes data reloads in the dialog's callback.
        if not self._built:
            self._built = True
            # Just mounted, so just styled (a style sheet the screen brings is loaded,
            # and every widget restyled, before its widgets are mounted): Textual's
            # handler would style every widget again, 20-40 ms on the set-up stage.
            # Back from a dialog it still does.
            event.refresh_styles = False
            # Not now: Textual's own resume handler runs after this one and lays the
            # whole screen out, which is cheap while the editor is still empty.
            self.call_next(self._first_build)
        self.back_from_dialog()

    def back_from_dialog(self) -> None:
        """The screen is on top again: repaint the clock and give the footer its keys back.

        The footer last asked which keys work while a dialog was on top, and the app's
        stage and clock keys do not work under a dialog (`WorkshopApp.check_action`):
        without this it went on hiding Ctrl+N and F6-F9 until the cursor moved.
        """
        self.refresh_clock()
        self.refresh_bindings()

    @property
    def is_left(self) -> bool:
        """True once another stage has replaced this one: it is on its way out."""
        return self not in self.app.screen_stack

    async def _build_step(self, step: Callable[[], Awaitable[object]]) -> bool:
        """Run one step of a build unless the stage was left; False if it was (or is now).

        A stage can be left at any moment of its build (Ctrl+N pressed quickly). Once
        it has been, its widgets are being removed and nothing more may be built: a
        step that was already under way stops where it finds a part gone.
        """
        if self.is_left:
            return False
        try:
            await step()
        except (NoMatches, IndexError):
            if self.is_left:
                return False
            raise
        return not self.is_left

    async def _first_build(self) -> None:
        if not await self._build_step(self.reload):
            return
        self.apply_read_only()
        del self.AUTO_FOCUS  # back to the app's rule for later resumes
        # After any focus() the build asked for (Textual applies it in a later turn).
        self.app.call_later(self._focus_scroll_area)
        if not self._steps:
            self.is_built = True

    def build_in_steps(self, steps: Iterable[Callable[[], Awaitable[object]]]) -> None:
        """Run the rest of a build one step per turn of the event loop, each after a repaint.

        A whole key results stage is over a second of work: in one go the clock on the
        projector would stop. The first part is built (and focused) by the caller; these
        steps follow, so the clock ticks and keys are taken between them. `is_built`
        turns true after the last one. A later call (a reload) drops the steps left.
        """
        self._steps = deque(steps)
        self._steps_generation += 1
        if self._steps:
            self.call_after_refresh(self._step_after_a_breath, self._steps_generation)

    def _step_after_a_breath(self, generation: int) -> None:
        """After the repaint, the next step, once the event loop has run its due timers.

        Straight after the repaint, the last step's layout and paint, this step and the
        messages of what it mounts ran as one unbroken stretch (up to 250 ms on the key
        results stage) in which the clock could not tick. A timer (`BREATH_SECONDS`)
        lets the loop run the clock's tick between them; the step itself then runs as
        a message of this screen, in order with the others.
        """
        self.set_timer(BREATH_SECONDS, partial(self.call_later, self._next_step, generation))

    async def _next_step(self, generation: int) -> None:
        if generation != self._steps_generation or not self.is_attached:
            return  # a newer build took over, or the screen is gone
        if not await self._build_step(self._steps.popleft()):
            return
        # The same between this step's work and the layout it causes.
        await asyncio.sleep(BREATH_SECONDS)
        if self._steps:
            self.call_after_refresh(self._step_after_a_breath, generation)
        else:
            self.is_built = True

    async def _focus_scroll_area(self) -> None:
        main = self.query("#stage-main")  # empty if the room has already moved on
        if self.focused is None and main:
            # Nothing to type on this stage: the scroll area takes the keys.
            self.set_focus(main.first(), scroll_visible=False)
        self.keys_ready.set()

    def apply_read_only(self) -> None:
        """Show the workshop read-only while another window edits it (or editable again)."""
        read_only = self.session.read_only
        taking_over = self.has_class("-read-only") and not read_only
        self.set_class(read_only, "-read-only")
        banner = self.query_one("#read-only-banner", Label)
        if read_only and self.session.lease is not None:
            banner.update(self.session.lease.message())
        self.apply_read_only_to(self)
        if taking_over:
            # After any focus the rebuild queued on the app (which ran while the fields
            # were still disabled, so it points at the scroll area).
            self.app.call_later(self._focus_a_field)

    def _focus_a_field(self) -> None:
        """The other window closed: the cursor goes to the first field, so the room's
        next keys are typed somewhere instead of into the scroll area."""
        if self.is_attached and not isinstance(self.focused, Input):
            field = next((f for f in self.query(Input) if not f.disabled), None)
            if field is not None:
                self.set_focus(field)

    def apply_read_only_to(self, part: Widget) -> None:
        """Enable or disable the fields inside `part` (a step of the build just mounted)."""
        read_only = self.session.read_only
        for field in part.query(Input):
            field.disabled = read_only or not self.editable(field)

    def editable(self, field: Input) -> bool:
        """Whether `field` takes typing when the workshop is not read-only."""
        return True

    async def reload_read_only(self) -> None:
        """Follow the editing window: rebuild from the store, inputs kept disabled."""
        await self.reload()
        self.apply_read_only()

    async def reload(self) -> None:
        """Rebuild what the screen shows from the store (after a resume or an import)."""

    def refresh_clock(self) -> None:
        """Repaint the clock and agenda bar; the app calls this on every tick."""
        timer = self.session.timer
        try:
            clock = self.query_one(ClockPanel)
            bar = self.query_one(AgendaBar)
            time_up = self.query_one(TimeUpBar)
        except NoMatches:
            return  # a tick while the screen is composed or taken down; the next one paints
        clock.show(timer)
        bar.show(timer)
        time_up.show(timer)

    def action_toggle_guide(self) -> None:
        # Kept for the session, so the next stage opens the way the facilitator left it.
        hidden = not self.session.view_state.get(GUIDE_HIDDEN, False)
        self.session.view_state[GUIDE_HIDDEN] = hidden
        self.query_one(GuidePanel).set_class(hidden, "-hidden")

    @on(FieldInput.Changed)
    def _autosave(self, event: FieldInput.Changed) -> None:
        field = event.input
        if isinstance(field, FieldInput) and field.target is not None:
            target = field.target
            self.session.edit(target.kind, target.row_id, **{target.field: event.value})
