"""The tick of an open workshop, without Textual: what to save, and what to tell the room.

The app calls `SessionTicker.tick()` a few times a second and shows the `Tick` it gets
back (`workshop.tui.app_ticker`). A tick never waits for the database: it hands typed
edits to the session's writer thread, queues a clock checkpoint once a second while the
clock runs, reads what the writer learnt about the lease, and notices when saving
starts failing or catches up again. The clock is injected, so tests drive it by hand.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

from workshop.core.clock.timer import Mode, WorkshopTimer

if TYPE_CHECKING:
    from workshop.core.session.session import LeaseNews
    from workshop.core.session.writer import SaveStatus

# How often the clock is queued for saving while it runs: a crash loses at most this.
CHECKPOINT_SECONDS = 1.0


class TickedSession(Protocol):
    """What the ticker needs of `workshop.core.session.session.WorkshopSession`."""

    @property
    def timer(self) -> WorkshopTimer: ...

    @property
    def read_only(self) -> bool: ...

    @property
    def save_status(self) -> SaveStatus: ...

    def flush(self) -> int: ...

    def checkpoint(self) -> None: ...

    def poll(self) -> LeaseNews: ...


@dataclass(frozen=True)
class Notice:
    """A one-off message for the room (the app shows it as a notification)."""

    message: str
    severity: Literal["information", "warning", "error"] = "information"
    timeout: float | None = None


@dataclass(frozen=True)
class Tick:
    """What one tick found, for the app to show."""

    save_status: SaveStatus
    # The lease changed hands (read-only mode on or off), or the draft was reloaded
    # from the other window's changes: the stage screens must follow.
    lease_changed: bool = False
    reloaded: bool = False
    bell: bool = False  # a warning or time-up moment was crossed (None when muted)
    notices: tuple[Notice, ...] = ()


SAVED_AGAIN = "Saved again: everything typed is in the database."
EDITABLE_AGAIN = "The other window closed: you can edit this workshop now."


class SessionTicker:
    """Ticks one session: saving, the lease and the save status, on an injected clock."""

    def __init__(
        self,
        session: TickedSession,
        *,
        clock: Callable[[], float] = time.monotonic,
        checkpoint_seconds: float = CHECKPOINT_SECONDS,
    ) -> None:
        self.session = session
        self._clock = clock
        self._checkpoint_seconds = checkpoint_seconds
        self._last_checkpoint = float("-inf")
        self._save_state = "ok"  # the save status last reported

    def tick(self) -> Tick:
        """Queue typed edits and, once a second while the clock runs, a checkpoint."""
        session = self.session
        now = self._clock()
        session.flush()
        running = session.timer.mode is not Mode.STOPPED
        if running and now - self._last_checkpoint >= self._checkpoint_seconds:
            session.checkpoint()
            self._last_checkpoint = now
        notices: list[Notice] = []
        news = session.poll()
        if news.changed and not session.read_only:
            notices.append(Notice(EDITABLE_AGAIN))
        status = session.save_status
        if status.state != self._save_state:
            was, self._save_state = self._save_state, status.state
            if status.state == "failing":
                notices.append(Notice(status.message, "error", timeout=15))
            elif status.ok and was != "ok":
                notices.append(Notice(SAVED_AGAIN))
        return Tick(
            save_status=status,
            lease_changed=news.changed,
            reloaded=news.reloaded,
            # bell_due() is None when muted, so the bell and the flash go quiet together.
            bell=session.timer.bell_due() is not None,
            notices=tuple(notices),
        )
