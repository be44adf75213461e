"""The app's tick: show what the session's ticker found, and repaint the clocks.

`ClockTicker` is mixed into `WorkshopApp`, which runs `_tick` every `tick_seconds`.
The work of a tick has no Textual in it and lives in the core
(`workshop.core.session.ticker.SessionTicker`: typed edits to the writer, a clock
checkpoint each second, the lease, the save status); this mixin only shows its
`Tick`: the stage screens follow a change of lease, the save banner and the notes,
the bell and the flash, the clocks repainted. Like `workshop.tui.app`, it imports
nothing heavy at module level: the core's ticker is loaded once a session exists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from workshop.tui.stage_stack import is_stage_screen, refresh_clocks, stage_screens

if TYPE_CHECKING:
    from textual.app import App

    from workshop.core.session.session import WorkshopSession
    from workshop.core.session.ticker import SessionTicker, Tick
    from workshop.tui.gc_tuning import QuietCollector
    from workshop.tui.key_pump import KeyPump

    _AppBase = App[None]
else:
    _AppBase = object

__all__ = ["ClockTicker", "is_stage_screen"]

# How long a collection waits after the repaint: a real timer, so it is not run in one
# stretch with that repaint (see `_collect_after_a_breath`).
COLLECT_BREATH_SECONDS = 0.001


class ClockTicker(_AppBase):
    """Shows each tick of the open session; mixed into `WorkshopApp`."""

    session: WorkshopSession | None
    clock: Callable[[], float]
    # The open session's ticker, made on the first tick that sees the session.
    _ticker: SessionTicker | None = None
    _collector: QuietCollector | None
    # A collection is waiting for the next repaint (see `_collect_when_quiet`).
    _collection_waits = False
    _key_pump: KeyPump

    def _tick(self) -> None:
        session = self.session
        if session is None:
            return
        ticker = self._ticker
        if ticker is None or ticker.session is not session:
            from workshop.core.session.ticker import SessionTicker

            ticker = self._ticker = SessionTicker(session, clock=self.clock)
        self._show(ticker.tick())
        self._collect_when_quiet()

    def _collect_when_quiet(self) -> None:
        """A full garbage collection once nobody types (workshop.tui.gc_tuning).

        After the clock's repaint is drawn, so the room sees the right time meanwhile.
        """
        if self._collector is not None and not self._collection_waits:
            # One at a time: while a stage is built the screen is not refreshed for a
            # while, and the ticks that waited for it ran together (up to 7 at once).
            self._collection_waits = True
            self.call_after_refresh(self._collect_after_a_breath)

    def _collect_after_a_breath(self) -> None:
        # Through a timer: a collection (5-80 ms) run straight after the repaint it
        # waited for made one unbroken stretch with that repaint's layout.
        self.set_timer(COLLECT_BREATH_SECONDS, self._collect_now)

    def _collect_now(self) -> None:
        self._collection_waits = False
        if self._collector is not None and self.screen_stack:
            ready = self._key_pump.pending == 0 and getattr(self.screen, "is_built", True)
            self._collector.on_tick(ready)

    def _show(self, tick: Tick) -> None:
        from workshop.tui.widgets.save_banner import SaveBanner

        for screen in stage_screens(self):
            if tick.reloaded:
                self.run_worker(screen.reload_read_only(), exclusive=True, group="follow")
            elif tick.lease_changed:
                screen.apply_read_only()
            SaveBanner.show_on(screen, tick.save_status)
        for notice in tick.notices:
            # Messages may hold outside text (a path, a database error): shown literally.
            self.notify(
                notice.message, severity=notice.severity, timeout=notice.timeout, markup=False
            )
        if tick.bell:
            self.bell()
            self._flash_clocks()
        self._refresh_clocks()

    def _flash_clocks(self) -> None:
        from workshop.tui.widgets.clock import ClockPanel

        assert self.session is not None
        for screen in stage_screens(self):
            for panel in screen.query(ClockPanel):
                panel.flash(self.session.timer)

    def _refresh_clocks(self) -> None:
        refresh_clocks(self)
