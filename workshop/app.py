"""The Textual app: installs the screens and the clock keys, and nothing more.

Build it with services injected (`WorkshopApp(store=..., agenda=..., clock=...)`)
in tests and benchmarks, or with just a database URL (`WorkshopApp("sqlite://")`);
with no arguments it opens the default database, so `textual run
workshop.app:WorkshopApp` works too.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerFailed, WorkerState

from workshop.agenda_files import AgendaError, stage_titles
from workshop.db.errors import DatabaseError
from workshop.paths import default_db_url
from workshop.screens.start import StartScreen
from workshop.theme import THEMES

# Only what the first screen needs is imported above. The validated agenda
# (pydantic), the store (SQLAlchemy, SQLModel), the session, the stage screens and
# the dialogs are imported when first used, or in a thread worker while the start
# screen is on show.
if TYPE_CHECKING:
    from workshop.agenda import Agenda
    from workshop.db.store import Store
    from workshop.db.summaries import Summary
    from workshop.domain import WorkshopSummary
    from workshop.pacing import RebalanceProposal
    from workshop.screens.base import StageScreen
    from workshop.session import WorkshopSession

CHECKPOINT_SECONDS = 1.0
# How long after the start screen is painted the agenda check and the store start
# in a thread.
WARM_UP_DELAY_SECONDS = 0.3

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
}


class WorkshopApp(App[None]):
    """Runs one workshop at a time, stage by stage, against the clock."""

    CSS_PATH = "app.tcss"
    TITLE = "OKR Workshop"
    # Wide terminals put the guide beside the editor; narrow ones stack it.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    BINDINGS = [
        Binding("f5", "toggle_clock", "Start/pause", priority=True),
        Binding("ctrl+b", "previous_stage", "Back", priority=True),
        Binding("ctrl+n", "next_stage", "Next stage", priority=True),
        Binding("f6", "add_time(60)", "+1 min", priority=True),
        Binding("f7", "add_time(300)", "+5 min", priority=True),
        Binding("f8", "add_time(-60)", "-1 min", priority=True),
        Binding("f3", "rebalance", "Rebalance", priority=True),
        Binding("f4", "end_at", "End at…", priority=True),
        Binding("f9", "toggle_break", "Break", priority=True),
        Binding("f12", "toggle_mute", "Mute", priority=True),
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
    ) -> None:
        """`summaries`: the start screen's list, if the caller has read it already."""
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
        self._last_checkpoint = float("-inf")
        self._last_heartbeat = float("-inf")
        self._save_failing = False
        self._summaries = summaries
        self._warm_up: Worker[tuple[Agenda, Store]] | None = None
        self._failed = False

    # -- start-up --------------------------------------------------------

    def on_mount(self) -> None:
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = "projector"
        summaries: list[Summary] | list[WorkshopSummary] | None = self._summaries
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
                from workshop.db.summaries import quick_summaries

                # A SQLite file is listed with the standard library, so the first
                # frame does not wait for SQLAlchemy or the schema check.
                summaries = quick_summaries(self._url)
            if self.store is None and summaries is None:
                self.store = self._open_store()
        except (AgendaError, DatabaseError) as error:
            self._fail(error)
            return
        if self.start_workshop_id is not None:
            self.open_workshop(self.start_workshop_id)
        else:
            if summaries is None:
                assert self.store is not None
                summaries = self.store.list_workshops()
            self.push_screen(StartScreen(summaries, titles), self._on_start_choice)
        self.set_interval(self.tick_seconds, self._tick)

    def _fail(self, error: Exception) -> None:
        """End the app with the error's one line on stderr and exit code 1 (once)."""
        if self._failed:
            return  # the warm-up worker's failure can arrive twice: event and wait()
        self._failed = True
        message = str(error)
        # Textual prints the message through a Rich console that folds at its width
        # (80 on a pipe): widen it so the line reaches stderr in one piece.
        self.error_console.width = max(self.error_console.width, len(message))
        self.exit(return_code=1, message=message)

    @property
    def _url(self) -> str:
        return self.db_url or default_db_url()

    def _load_agenda(self) -> Agenda:
        """Read and fully check the agenda (pydantic); AgendaError says what is wrong."""
        from workshop.agenda import load_agenda

        return load_agenda(self.agenda_dir)

    def _open_store(self) -> Store:
        """Open (create, upgrade) the database; DatabaseError says why not in one line."""
        from workshop.db.errors import open_store

        return open_store(self._url)

    def _load_in_background(self) -> tuple[Agenda, Store]:
        """In a thread: check the agenda, open the store, import what a workshop needs.

        The agenda first, so a broken one is reported before the database is touched.
        """
        agenda = self.agenda if self.agenda is not None else self._load_agenda()
        store = self.store if self.store is not None else self._open_store()
        import workshop.screens.base  # noqa: F401  (the session, the store, the clock panel)

        return agenda, store

    def on_start_screen_shown(self) -> None:
        """The start screen is painted: check the agenda and open the store meanwhile.

        After a short pause, so the thread (pydantic's and SQLAlchemy's imports are
        CPU work that holds the GIL) does not compete with the first frames and the
        first keys. Choosing a workshop sooner starts it at once (see `_services_ready`).
        """
        if self.store is None or self.agenda is None:
            self.set_timer(WARM_UP_DELAY_SECONDS, self._start_warm_up)

    def _start_warm_up(self) -> Worker[tuple[Agenda, Store]]:
        if self._warm_up is None:
            self._warm_up = self.run_worker(
                self._load_in_background,
                name="warm-up",
                group="warm-up",
                thread=True,
                exit_on_error=False,
            )
        return self._warm_up

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._warm_up:
            return
        if event.state is WorkerState.SUCCESS:
            self._take(event.worker.result)
        elif event.state is WorkerState.ERROR:
            self._warm_up_failed(event.worker.error)

    def _take(self, loaded: tuple[Agenda, Store] | None) -> None:
        assert loaded is not None
        agenda, store = loaded
        if self.agenda is None:
            self.agenda = agenda
        if self.store is None:
            self.store = store

    def _warm_up_failed(self, error: BaseException | None) -> None:
        if isinstance(error, AgendaError | DatabaseError):
            self._fail(error)
        elif error is not None:
            raise error  # a bug, not the agenda or the database: let Textual show it

    async def _services_ready(self) -> bool:
        """Wait for the agenda and the store from the warm-up thread; False if it failed."""
        if self.store is not None and self.agenda is not None:
            return True
        try:
            self._take(await self._start_warm_up().wait())
        except WorkerFailed as failed:
            self._warm_up_failed(failed.error)
            return False
        return True

    async def _on_start_choice(self, workshop_id: int | None) -> None:
        if not await self._services_ready():
            return
        if workshop_id is None:
            self.new_workshop()
        else:
            self.open_workshop(workshop_id)

    def new_workshop(self) -> None:
        from workshop.session import WorkshopSession

        assert self.store is not None and self.agenda is not None
        self.session = WorkshopSession.create(
            self.store, self.agenda, clock=self.clock, wall=self.wall
        )
        self.session.take_lease()
        self._show_stage(0)

    def open_workshop(self, workshop_id: int) -> None:
        from workshop.session import WorkshopSession
        from workshop.timer import Mode

        assert self.store is not None and self.agenda is not None
        self.session = WorkshopSession.resume(
            self.store, workshop_id, fallback_agenda=self.agenda, clock=self.clock, wall=self.wall
        )
        if not self.session.take_lease():
            assert self.session.lease is not None
            self.notify(self.session.lease.message(), severity="warning", timeout=10)
        elif self.session.timer.mode is Mode.PAUSED:
            self.notify("Welcome back. The clock is paused: press F5 to carry on.")
        self._show_stage(self.session.timer.current)

    # -- stages ----------------------------------------------------------

    def _show_stage(self, index: int) -> None:
        from workshop.screens.stages import STAGE_SCREENS

        assert self.session is not None
        self.session.set_stage(index)
        if _is_stage_screen(self.screen) and self.screen.stage_index == index:
            return  # already showing; a second screen with the same id would clash
        screen = STAGE_SCREENS[self.session.agenda.stages[index].key](self.session)
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

    # -- the clock ---------------------------------------------------------

    def action_toggle_clock(self) -> None:
        if self.session is None:
            return
        self.session.timer.toggle()
        self.session.checkpoint()
        self._refresh_clocks()

    def action_add_time(self, seconds: int) -> None:
        if self.session is None:
            return
        self.session.timer.add(seconds)
        self.session.checkpoint()
        self._refresh_clocks()

    # -- pacing -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No clock keys before a workshop is open; under a dialog only clock and sound."""
        if action in _APP_ACTIONS and self.session is None:
            return False
        blocked = _APP_ACTIONS - _MODAL_SAFE_ACTIONS
        return not (action in blocked and isinstance(self.screen, ModalScreen))

    def action_rebalance(self) -> None:
        if self.session is None:
            return
        from workshop.screens.rebalance import RebalanceScreen

        self.push_screen(RebalanceScreen(self.session.timer), self._on_rebalance)

    def _on_rebalance(self, proposal: RebalanceProposal | None) -> None:
        if proposal is None or self.session is None:
            return
        from workshop.screens.rebalance import accept

        try:
            message = accept(self.session, proposal)
        except ValueError as error:
            self.notify(str(error), severity="warning")
            return
        self.notify(message)
        self._refresh_clocks()

    def action_end_at(self) -> None:
        if self.session is None:
            return
        if not self.session.timer.is_timed():
            self.notify("This stage has no clock to set.", severity="warning")
            return
        from workshop.screens.end_at import EndAtScreen

        self.push_screen(EndAtScreen(self.session), self._on_end_at)

    def _on_end_at(self, seconds: float | None) -> None:
        if seconds is not None and self.session is not None:
            from workshop.screens.end_at import ends_words

            self.notify(ends_words(self.session.timer, seconds))
        self._refresh_clocks()

    def action_toggle_break(self) -> None:
        if self.session is None:
            return
        from workshop.timer import Mode

        timer = self.session.timer
        if timer.mode is Mode.BREAK:
            timer.end_break()
        elif timer.mode is Mode.STOPPED:
            self.notify("Start the clock (F5) before taking a break.", severity="warning")
            return
        else:
            timer.start_break()
        self.session.checkpoint()
        self._refresh_clocks()

    def action_toggle_mute(self) -> None:
        if self.session is None:
            return
        muted = self.session.timer.toggle_mute()
        self.session.checkpoint()
        self.notify("Sound and flash off." if muted else "Sound and flash on.")
        self._refresh_clocks()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every pacing action in the command palette (Ctrl+P)."""
        yield from super().get_system_commands(screen)
        if self.session is None:
            return
        commands = [
            ("Start or pause the clock", "F5", self.action_toggle_clock),
            ("Add 1 minute", "F6", partial(self.action_add_time, 60)),
            ("Add 5 minutes", "F7", partial(self.action_add_time, 300)),
            ("Take 1 minute away", "F8", partial(self.action_add_time, -60)),
            ("Next stage", "Ctrl+N", self.action_next_stage),
            ("Back a stage", "Ctrl+B", self.action_previous_stage),
            ("Take a break, or end it", "F9", self.action_toggle_break),
            ("Rebalance the rest of the agenda", "F3", self.action_rebalance),
            ("End this stage at a set time", "F4", self.action_end_at),
            ("Mute or unmute the sound and flash", "F12", self.action_toggle_mute),
        ]
        for title, key, callback in commands:
            yield SystemCommand(title, f"Pacing · {key}", callback)

    # -- the tick ------------------------------------------------------------

    def _tick(self) -> None:
        """Repaint the clocks, save pending edits, checkpoint the clock each second."""
        if self.session is None:
            return
        # Loaded already: a session exists only once the store and timer are imported.
        from workshop.db.store import StoreWriteError
        from workshop.timer import Mode

        timer = self.session.timer
        now = self.clock()
        try:
            self.session.flush()
            if time.monotonic() - self._last_heartbeat >= CHECKPOINT_SECONDS:
                self._last_heartbeat = time.monotonic()
                self._keep_lease()
            if timer.mode is not Mode.STOPPED and now - self._last_checkpoint >= CHECKPOINT_SECONDS:
                self.session.checkpoint()
                self._last_checkpoint = now
        except StoreWriteError as error:
            # The edits stay queued; say so once, and again when saving works.
            if not self._save_failing:
                self._save_failing = True
                self.notify(
                    f"{error} What you type is kept and saved as soon as the database allows.",
                    severity="error",
                    timeout=15,
                )
        else:
            if self._save_failing:
                self._save_failing = False
                self.notify("Saved again: everything typed is in the database.")
        # bell_due() is None when muted, so the bell and the flash go quiet together.
        if timer.bell_due() is not None:
            self.bell()
            self._flash_clocks()
        self._refresh_clocks()

    def _keep_lease(self) -> None:
        """Refresh the lease; a read-only window follows the other window's edits."""
        assert self.session is not None
        changed = self.session.heartbeat()
        for screen in self._stage_screens():
            if self.session.read_only:
                self.run_worker(screen.reload_read_only(), exclusive=True, group="follow")
            elif changed:
                screen.apply_read_only()
        if changed and not self.session.read_only:
            self.notify("The other window closed: you can edit this workshop now.")

    def _stage_screens(self) -> Iterator[StageScreen]:
        """The mounted stage screens on the stack."""
        for screen in self.screen_stack:
            if _is_stage_screen(screen) and screen.is_mounted:
                yield screen

    def _flash_clocks(self) -> None:
        from workshop.widgets.clock import ClockPanel

        assert self.session is not None
        for screen in self._stage_screens():
            for panel in screen.query(ClockPanel):
                panel.flash(self.session.timer)

    def _refresh_clocks(self) -> None:
        for screen in self._stage_screens():
            screen.refresh_clock()

    # -- leaving -----------------------------------------------------------

    def on_unmount(self) -> None:
        if self.session is not None:
            self.session.close()


def _is_stage_screen(screen: Screen) -> TypeGuard[StageScreen]:
    """True for a stage screen, without importing them all to ask.

    If `workshop.screens.base` was never imported, no stage screen exists yet.
    """
    base = sys.modules.get("workshop.screens.base")
    return base is not None and isinstance(screen, base.StageScreen)
