"""The app's tick: repaint the clocks, save edits, checkpoint the clock, keep the lease.

`ClockTicker` is mixed into `WorkshopApp`, which runs `_tick` every `tick_seconds`.
It also finds the stage screens on the stack, for the clocks to repaint or flash.
Like `workshop.app`, it imports nothing heavy at module level: the store, the timer
and the stage screens are loaded by the time a session exists.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TypeGuard

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from workshop.screens.base import StageScreen
    from workshop.session import WorkshopSession

    _AppBase = App[None]
else:
    _AppBase = object

CHECKPOINT_SECONDS = 1.0


class ClockTicker(_AppBase):
    """The tick and what it does each second; mixed into `WorkshopApp`."""

    session: WorkshopSession | None
    clock: Callable[[], float]
    _last_checkpoint: float
    _last_heartbeat: float
    _save_failing: bool

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
            if is_stage_screen(screen) and screen.is_mounted:
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


def is_stage_screen(screen: Screen) -> TypeGuard[StageScreen]:
    """True for a stage screen, without importing them all to ask.

    If `workshop.screens.base` was never imported, no stage screen exists yet.
    """
    base = sys.modules.get("workshop.screens.base")
    return base is not None and isinstance(screen, base.StageScreen)
