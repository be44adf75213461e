"""The Textual app: installs the screens and the clock keys, and nothing more.

Build it with services injected (`WorkshopApp(store=..., agenda=..., clock=...)`)
in tests and benchmarks, or with just a database URL (`WorkshopApp("sqlite://")`);
with no arguments it opens the default database, so `textual run
workshop.tui.app:WorkshopApp` works too.

This module holds the bindings, start-up (themes, the start screen, failures) and
stage navigation. The rest is mixed in, one concept a module: the agenda check and
the store in a thread behind the start screen (`workshop.tui.app_warm_up`), the pacing
keys (`workshop.tui.app_pacing`) and the tick that checkpoints the clock, keeps the
lease and reports save failures (`workshop.tui.app_ticker`).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import App
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.worker import Worker

from workshop.core.agenda.files import AgendaError, stage_titles
from workshop.core.db.errors import DatabaseError
from workshop.tui.app_pacing import PacingActions, PacingCommands
from workshop.tui.app_ticker import ClockTicker
from workshop.tui.app_warm_up import WarmUp
from workshop.tui.gc_tuning import QuietCollector, slim_strips
from workshop.tui.key_pump import KeyPump
from workshop.tui.screens.start import StartScreen
from workshop.tui.stage_stack import is_stage_screen as _is_stage_screen
from workshop.tui.theme import THEMES

# Only what the first screen needs is imported above. The validated agenda
# (pydantic), the store (SQLAlchemy, SQLModel), the session, the stage screens and
# the dialogs are imported when first used, or in a thread worker while the start
# screen is on show.
if TYPE_CHECKING:
    from workshop.core.agenda.model import Agenda
    from workshop.core.db.store import Store
    from workshop.core.db.summaries import Summary
    from workshop.core.session.session import WorkshopSession
    from workshop.tui.widgets.room_link import RoomLink

__all__ = ["WorkshopApp"]

# What still works while a dialog is open: the clock itself and the sound.
# Moving stage or re-planning under an open dialog would leave it showing a stale plan.
_MODAL_SAFE_ACTIONS = {"toggle_clock", "toggle_mute"}
_APP_ACTIONS = {
    "toggle_clock",
    "previous_stage",
    "next_stage",
    "add_time",
    "rebalance",
    "end_at",
    "toggle_break",
    "toggle_mute",
    "full_clock",
    "room",
}
# Adding and taking away minutes: one hint in the footer for three keys.
_TIME_KEYS = Binding.Group("+1 +5 -1 min")


class WorkshopApp(WarmUp, PacingActions, ClockTicker, App[None]):
    """Runs one workshop at a time, stage by stage, against the clock."""

    CSS_PATH = "app.tcss"
    TITLE = "OKR Workshop"
    # The palette (Ctrl+P): Textual's own commands, and the pacing keys once a workshop is open.
    COMMANDS = App.COMMANDS | {PacingCommands}
    # Wide terminals put the guide beside the editor; narrow ones stack it.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    BINDINGS = [
        Binding("f5", "toggle_clock", "Start/pause", priority=True),
        Binding("ctrl+b", "previous_stage", "Back", priority=True),
        Binding("ctrl+n", "next_stage", "Next stage", priority=True),
        # The footer shows these three as one hint, "f6 f7 f8 +1 +5 -1 min" (_TIME_KEYS).
        Binding("f6", "add_time(60)", "+1 min", priority=True, group=_TIME_KEYS),
        Binding("f7", "add_time(300)", "+5 min", priority=True, group=_TIME_KEYS),
        Binding("f8", "add_time(-60)", "-1 min", priority=True, group=_TIME_KEYS),
        # Left out of the footer so every hint in it fits at 160 columns; the command
        # palette (Ctrl+P) and the README list them.
        Binding("f3", "rebalance", "Rebalance", priority=True, show=False),
        Binding("f4", "end_at", "End at…", priority=True, show=False),
        Binding("f9", "toggle_break", "Break", priority=True),
        Binding("f12", "toggle_mute", "Mute", priority=True, show=False),
        Binding("f10", "full_clock", "Big clock", priority=True),
        # Participants' devices (issue 16); its corner shows the room once open.
        Binding("f11", "room", "Room", priority=True, show=False),
    ]

    def __init__(
        self,
        db_url: str | None = None,
        *,
        store: Store | None = None,
        agenda: Agenda | None = None,
        agenda_dir: Path | None = None,
        workshop_id: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], datetime] | None = None,
        tick_seconds: float = 0.25,
        summaries: list[Summary] | None = None,
        freeze_long_lived: bool = False,
    ) -> None:
        """`summaries`: the start screen's list, if the caller has read it already.

        `freeze_long_lived`: once loaded, keep the garbage collector off what lives as
        long as the app (the command line asks for it; see `_freeze_long_lived`).
        """
        super().__init__()
        self.db_url = db_url
        self.store = store
        self.agenda = agenda
        self.agenda_dir = agenda_dir
        self.start_workshop_id = workshop_id
        self.clock = clock
        self.wall = wall
        self.tick_seconds = tick_seconds
        self.session: WorkshopSession | None = None
        self._refusal_pending = False
        # Where the workshop went when quitting with changes the database did not take.
        self.recovery_path: Path | None = None
        self._summaries = summaries
        self.freeze_long_lived = freeze_long_lived
        self._warm_up: Worker[tuple[Agenda, Store]] | None = None
        # Every key and paste goes through here, in order (see workshop.tui.key_pump).
        self._key_pump = KeyPump(self, self._deliver_input)
        # Full garbage collections only while nobody types (workshop.tui.gc_tuning); the
        # real app only, like freeze_long_lived: the thresholds are process-wide.
        self._collector = QuietCollector() if freeze_long_lived else None
        # The room (issue 16): participants' devices, opened with F11 or `--room`
        # (workshop.tui.widgets.room_link); `room_options` go to its RoomLink.
        self.room_link: RoomLink | None = None
        self.room_options: dict[str, object] = {}
        self.open_room_at_start = False

    # -- start-up --------------------------------------------------------

    async def on_mount(self) -> None:
        self.run_worker(self._key_pump.run(), name="keys", group="keys", exit_on_error=True)
        if self._collector is not None:
            slim_strips()
            self._collector.install()
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = "projector"
        summaries = self._summaries
        try:
            if self.agenda is None and self.start_workshop_id is not None:
                self.agenda = self._load_agenda()  # the workshop's screen needs it at once
            # The start screen only needs the titles: read without pydantic when the
            # agenda is not loaded yet; the full check follows in the warm-up thread.
            if self.agenda is not None:
                titles = [stage.title for stage in self.agenda.stages]
            else:
                titles = stage_titles(self.agenda_dir)
            if self.store is None and self.start_workshop_id is None and summaries is None:
                from workshop.core.db.summaries import quick_summaries

                # A SQLite file is listed with the standard library, so the first
                # frame does not wait for SQLAlchemy or the schema check.
                summaries = quick_summaries(self._url)
            if self.store is None and summaries is None:
                self.store = self._open_store()
        except (AgendaError, DatabaseError) as error:
            self._fail(error)
            return
        if self.start_workshop_id is not None:
            await self.open_workshop(self.start_workshop_id)
            self._freeze_long_lived()
        else:
            if summaries is None:
                assert self.store is not None
                summaries = self.store.list_workshops()
            self.push_screen(StartScreen(summaries, titles))
        self.set_interval(self.tick_seconds, self._tick)

    @on(StartScreen.Chosen)
    async def _on_start_choice(self, event: StartScreen.Chosen) -> None:
        if not await self._services_ready():
            return
        if event.workshop_id is None:
            await self.new_workshop()
        else:
            await self.open_workshop(event.workshop_id)

    @on(StartScreen.Shown)
    def _offer_meetings(self) -> None:
        """Offer the next check-in or review of each workshop whose OKRs are set.

        In a worker: awaited here, the wait for the store would hold up every message
        to the app (keys included) until the warm-up thread is done."""
        self.run_worker(self._read_offers(), name="offers", group="offers", exclusive=True)

    async def _read_offers(self) -> None:
        """Read the offers in a thread once the store is open, after the first frames."""
        from textual.worker import WorkerCancelled

        from workshop.tui.app_warm_up import WARM_UP_DELAY_SECONDS

        await asyncio.sleep(WARM_UP_DELAY_SECONDS)
        try:
            if not await self._services_ready():
                return
        except WorkerCancelled:
            return  # the app is closing (a failed warm-up says why on its own)
        from workshop.core.session.offers import meeting_offers

        assert self.store is not None
        today = (self.wall() if self.wall else datetime.now()).date()
        offers = await asyncio.to_thread(meeting_offers, self.store, today)
        if self.screen_stack and isinstance(self.screen, StartScreen):
            self.screen.add_offers(offers)

    @on(StartScreen.MeetingChosen)
    async def _on_meeting_choice(self, event: StartScreen.MeetingChosen) -> None:
        if not await self._services_ready():
            return
        offer = event.offer
        await self.new_meeting(offer.kind, offer.subject_id, offer.date)

    @on(StartScreen.PilotChosen)
    async def new_pilot(self) -> None:
        """Create an OKR pilot plan (in a thread: it writes the database); show its set-up."""
        from workshop.core.session.meeting_start import start_pilot

        if not await self._services_ready():
            return
        assert self.store is not None
        store, clock, wall, base = self.store, self.clock, self.wall, self.agenda_dir

        def create() -> WorkshopSession:
            session = start_pilot(store, base=base, clock=clock, wall=wall)
            session.take_lease()
            return session

        try:
            session = await self._open_off_loop(create)
        except AgendaError as error:
            self._fail(error)
            return
        if session is not None:
            self._show_stage(0)

    async def new_meeting(self, kind: str, subject_id: int, day: date) -> None:
        """Create a meeting of `kind` on a workshop's OKRs (in a thread); show its first stage."""
        from workshop.core.session.meeting_start import start_meeting

        assert self.store is not None
        store, clock, wall, base = self.store, self.clock, self.wall, self.agenda_dir

        def create() -> WorkshopSession:
            session = start_meeting(store, kind, subject_id, day, base=base, clock=clock, wall=wall)
            session.take_lease()
            return session

        try:
            session = await self._open_off_loop(create)
        except AgendaError as error:
            self._fail(error)
            return
        if session is None:
            return
        self._show_stage(0)

    async def new_workshop(self) -> None:
        """Create a workshop (in a thread: it writes the database) and show set-up."""
        from workshop.core.session.session import WorkshopSession

        assert self.store is not None and self.agenda is not None
        store, agenda, clock, wall = self.store, self.agenda, self.clock, self.wall

        def create() -> WorkshopSession:
            session = WorkshopSession.create(store, agenda, clock=clock, wall=wall)
            session.take_lease()
            return session

        session = await self._open_off_loop(create)
        if session is None:
            return
        self._show_stage(0)

    async def open_workshop(self, workshop_id: int) -> None:
        """Open a workshop (in a thread: it reads the database) at its stage."""
        from workshop.core.clock.timer import Mode
        from workshop.core.session.session import WorkshopSession

        assert self.store is not None and self.agenda is not None
        store, agenda, clock, wall = self.store, self.agenda, self.clock, self.wall

        def resume() -> WorkshopSession:
            session = WorkshopSession.resume(
                store, workshop_id, fallback_agenda=agenda, clock=clock, wall=wall
            )
            session.take_lease()
            return session

        session = await self._open_off_loop(resume)
        if session is None:
            return
        if session.read_only:
            assert session.lease is not None
            self.notify(session.lease.message(), severity="warning", timeout=10)
        elif session.timer.mode is Mode.PAUSED:
            self.notify("Welcome back. The clock is paused: press F5 to carry on.")
        self._show_stage(session.timer.current)

    async def _open_off_loop(
        self, open_session: Callable[[], WorkshopSession]
    ) -> WorkshopSession | None:
        """Run `open_session` in a thread and adopt its session; None if the database failed."""
        from workshop.core.db.store import NotFound, StoreError

        try:
            session = await asyncio.to_thread(open_session)
        except (StoreError, NotFound) as error:
            self._fail(error)
            return None
        session.on_refused = self._refused
        self.session = session
        return session

    def _refused(self, message: str) -> None:
        """A read-only window refused a change: say so once, however many the key asked for."""
        if not self._refusal_pending:
            self._refusal_pending = True
            self.call_later(self._say_refused, message)

    def _say_refused(self, message: str) -> None:
        self._refusal_pending = False
        self.notify(message, severity="warning")

    # -- stages ----------------------------------------------------------

    def _show_stage(self, index: int) -> None:
        from workshop.tui.screens.stages import screen_for

        assert self.session is not None
        self.session.set_stage(index)
        self.call_after_refresh(self._room_follows)  # the room's page follows the stage
        if _is_stage_screen(self.screen) and self.screen.stage_index == index:
            return  # already showing; a second screen with the same id would clash
        agenda = self.session.agenda
        screen = screen_for(agenda.kind, agenda.stages[index].key)(self.session)
        if _is_stage_screen(self.screen) or isinstance(self.screen, StartScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def action_next_stage(self) -> None:
        if self.session is None:
            return
        if self.session.timer.current + 1 < len(self.session.agenda.stages):
            self._show_stage(self.session.timer.current + 1)

    def action_previous_stage(self) -> None:
        if self.session is None:
            return
        if self.session.timer.current > 0:
            self._show_stage(self.session.timer.current - 1)

    async def action_room(self) -> None:
        """F11: open the room and show how to join; when it is open, show its board."""
        import importlib

        # The first time, aiohttp and segno are imported in a thread (a third of a
        # second): the clock keeps ticking while the room opens.
        room = await asyncio.to_thread(importlib.import_module, "workshop.tui.dialogs.room")
        await room.room_key(self)

    async def _room_follows(self) -> None:
        """The room's page asks what this stage asks; `--room` opens it with the first stage."""
        from workshop.tui.dialogs.room import follow_stage, room_key

        if self.open_room_at_start and self.session is not None:
            self.open_room_at_start = False
            await room_key(self)
        elif self.room_link is not None and self.room_link.is_open:
            follow_stage(self, self.room_link)

    def action_full_clock(self) -> None:
        from workshop.tui.dialogs.full_clock import toggle_full_clock

        toggle_full_clock(self)

    # -- the keyboard --------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        # Keys and pastes from the terminal wait their turn in the key pump; the same
        # events bubbling back up from a widget (forwarded) are Textual's as usual.
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            if self._collector is not None:
                self._collector.note_activity()
            self._key_pump.put(event)
            return
        await super().on_event(event)

    async def _deliver_input(self, event: events.Event) -> None:
        """Hand a key or paste to Textual's own dispatch (bindings, then the focused widget)."""
        await super().on_event(event)

    async def keys_settled(self) -> None:
        """Wait until every key typed so far has landed (tests and benchmarks)."""
        await self._key_pump.settled()

    # -- which keys work ---------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No clock keys before a workshop is open; under a dialog only clock and sound."""
        if action in _APP_ACTIONS and self.session is None:
            return False
        blocked = _APP_ACTIONS - _MODAL_SAFE_ACTIONS
        return not (action in blocked and isinstance(self.screen, ModalScreen))

    # -- leaving -----------------------------------------------------------

    def on_unmount(self) -> None:
        if self._collector is not None:
            self._collector.uninstall()
        if self.room_link is not None:
            self.room_link.shut_now()  # the room stops listening before the session closes
        if self.session is not None:
            # Saves what is queued; what the database cannot take goes to a recovery file.
            self.recovery_path = self.session.close()
