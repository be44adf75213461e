"""The warm-up: check the agenda and open the store in a thread behind the start screen.

`WarmUp` is mixed into `WorkshopApp`. Once the start screen is painted, a thread
worker loads the validated agenda (pydantic) and the store (SQLAlchemy), and imports
what a workshop's screens need, so the first frame waits for none of it; choosing a
workshop before it is done waits for it (`_services_ready`). A broken agenda or an
unusable database ends the app with one line (`_fail`, also used by `WorkshopApp` when
opening a workshop fails).
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

from textual.worker import Worker, WorkerFailed, WorkerState

from workshop.core.agenda.files import AgendaError
from workshop.core.db.errors import DatabaseError
from workshop.core.paths import default_db_url

if TYPE_CHECKING:
    from textual.app import App

    from workshop.core.agenda.model import Agenda
    from workshop.core.db.store import Store

    _AppBase = App[None]
else:
    _AppBase = object

# How long after the start screen is painted the agenda check and the store start
# in a thread.
WARM_UP_DELAY_SECONDS = 0.3


class WarmUp(_AppBase):
    """Loads the agenda and the store, at once or in the warm-up thread."""

    db_url: str | None
    agenda: Agenda | None
    agenda_dir: Path | None
    store: Store | None
    freeze_long_lived: bool
    _warm_up: Worker[tuple[Agenda, Store]] | None

    _failed = False  # set once the app is ending on an error

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
        from workshop.core.agenda.model import load_agenda

        return load_agenda(self.agenda_dir)

    def _open_store(self) -> Store:
        """Open (create, upgrade) the database; DatabaseError says why not in one line."""
        from workshop.core.db.errors import open_store

        return open_store(self._url)

    def _load_in_background(self) -> tuple[Agenda, Store]:
        """In a thread: check the agenda, open the store, import what a workshop needs.

        The agenda first, so a broken one is reported before the database is touched.
        """
        agenda = self.agenda if self.agenda is not None else self._load_agenda()
        store = self.store if self.store is not None else self._open_store()
        import workshop.tui.screens.base  # noqa: F401  (the session, the store, the clock panel)

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
        self._freeze_long_lived()

    def _freeze_long_lived(self) -> None:
        """Exempt what was loaded so far (modules, classes, CSS) from the garbage collector.

        Everything the app needs is imported by now and lives until it quits. Without
        this, each full collection rescans all of it, a 150-260 ms pause of the clock
        whenever one lands (measured with bench/drive_switch.py). Only the real app
        asks for it: a test process starting hundreds of apps would keep their garbage.
        """
        if self.freeze_long_lived:
            self.freeze_long_lived = False  # once
            gc.freeze()

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
