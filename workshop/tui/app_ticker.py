"""The app's tick: hand typed edits to the writer, repaint the clocks, show how saving goes.

`ClockTicker` is mixed into `WorkshopApp`, which runs `_tick` every `tick_seconds`.
The tick never waits for the database: it only queues (typed edits, a clock
checkpoint each second) for the session's writer thread (`workshop.core.session.writer`),
which also keeps the lease, and reads back what the writer found (read-only mode
changing, the other window's changes, saving delayed or failing) to show it.
It also finds the stage screens on the stack, for the clocks to repaint or flash.
Like `workshop.tui.app`, it imports nothing heavy at module level: the store, the timer
and the stage screens are loaded by the time a session exists.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TypeGuard

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from workshop.core.session.session import WorkshopSession
    from workshop.core.session.writer import SaveStatus
    from workshop.tui.gc_tuning import QuietCollector
    from workshop.tui.key_pump import KeyPump
    from workshop.tui.screens.base import StageScreen

    _AppBase = App[None]
else:
    _AppBase = object

CHECKPOINT_SECONDS = 1.0


class ClockTicker(_AppBase):
    """The tick and what it does each second; mixed into `WorkshopApp`."""

    session: WorkshopSession | None
    clock: Callable[[], float]
    _last_checkpoint: float
    _save_state: str
    _collector: QuietCollector | None
    _key_pump: KeyPump

    def _tick(self) -> None:
        """Queue typed edits and a checkpoint each second, follow the lease, repaint."""
        if self.session is None:
            return
        from workshop.core.clock.timer import Mode

        session = self.session
        timer = session.timer
        now = self.clock()
        session.flush()
        if timer.mode is not Mode.STOPPED and now - self._last_checkpoint >= CHECKPOINT_SECONDS:
            session.checkpoint()
            self._last_checkpoint = now
        self._follow_lease()
        self._show_save_status(session.save_status)
        # bell_due() is None when muted, so the bell and the flash go quiet together.
        if timer.bell_due() is not None:
            self.bell()
            self._flash_clocks()
        self._refresh_clocks()
        self._collect_when_quiet()

    def _collect_when_quiet(self) -> None:
        """A full garbage collection once nobody types (workshop.tui.gc_tuning).

        After the clock's repaint is drawn, so the room sees the right time meanwhile.
        """
        if self._collector is not None:
            ready = self._key_pump.pending == 0 and getattr(self.screen, "is_built", True)
            self.call_after_refresh(self._collector.on_tick, ready)

    def _follow_lease(self) -> None:
        """Read-only mode changed, or the other window's changes arrived: show them."""
        assert self.session is not None
        news = self.session.poll()
        if not (news.changed or news.reloaded):
            return
        for screen in self._stage_screens():
            if news.reloaded:
                self.run_worker(screen.reload_read_only(), exclusive=True, group="follow")
            else:
                screen.apply_read_only()
        if news.changed and not self.session.read_only:
            self.notify("The other window closed: you can edit this workshop now.")

    def _show_save_status(self, status: SaveStatus) -> None:
        """The save banner on the stage showing, and a note when saving stops or resumes."""
        from workshop.tui.widgets.save_banner import SaveBanner

        for screen in self._stage_screens():
            SaveBanner.show_on(screen, status)
        if status.state == self._save_state:
            return
        was, self._save_state = self._save_state, status.state
        if status.state == "failing":
            self.notify(status.message, severity="error", timeout=15)
        elif status.ok and was != "ok":
            self.notify("Saved again: everything typed is in the database.")

    def _stage_screens(self) -> Iterator[StageScreen]:
        """The mounted stage screens on the stack."""
        for screen in self.screen_stack:
            if is_stage_screen(screen) and screen.is_mounted:
                yield screen

    def _flash_clocks(self) -> None:
        from workshop.tui.widgets.clock import ClockPanel

        assert self.session is not None
        for screen in self._stage_screens():
            for panel in screen.query(ClockPanel):
                panel.flash(self.session.timer)

    def _refresh_clocks(self) -> None:
        for screen in self._stage_screens():
            screen.refresh_clock()


def is_stage_screen(screen: Screen) -> TypeGuard[StageScreen]:
    """True for a stage screen, without importing them all to ask.

    If `workshop.tui.screens.base` was never imported, no stage screen exists yet.
    """
    base = sys.modules.get("workshop.tui.screens.base")
    return base is not None and isinstance(screen, base.StageScreen)
