"""One open workshop: its store, its agenda, its clock and the edits not yet saved.

Textual-free, so the autosave and resume rules are tested without a UI. The app
owns one `WorkshopSession`; screens read through `load()` and write through
`edit()` (queued, coalesced, flushed a few times a second) or the store's
add/delete calls (immediate, because they hand back ids).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from workshop.agenda import Agenda
from workshop.db.store import Item, NotFound, Store
from workshop.domain import Workshop
from workshop.timer import TimerState, WorkshopTimer

# The workshop row itself, for edit(); list items use their `Item` kind.
WORKSHOP = "workshop"

Target = tuple[str, int]  # (WORKSHOP or an Item value, row id)


class WorkshopSession:
    """The workshop being run, with autosave and clock checkpoints."""

    def __init__(
        self,
        store: Store,
        workshop_id: int,
        agenda: Agenda,
        timer: WorkshopTimer,
    ) -> None:
        self.store = store
        self.workshop_id = workshop_id
        self.agenda = agenda
        self.timer = timer
        # Latest value per (target, field); later keystrokes replace earlier ones.
        self._pending: dict[Target, dict[str, Any]] = {}

    # -- opening ---------------------------------------------------------

    @classmethod
    def create(
        cls,
        store: Store,
        agenda: Agenda,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], datetime] | None = None,
        **fields: Any,
    ) -> WorkshopSession:
        """Start a new workshop on `agenda` and save it straight away."""
        workshop_id = store.create_workshop(agenda_json=agenda.model_dump_json(), **fields)
        timer = WorkshopTimer(
            [(s.key, s.title, s.seconds) for s in agenda.stages], clock=clock, **_wall(wall)
        )
        session = cls(store, workshop_id, agenda, timer)
        session.checkpoint()
        return session

    @classmethod
    def resume(
        cls,
        store: Store,
        workshop_id: int,
        *,
        fallback_agenda: Agenda,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], datetime] | None = None,
    ) -> WorkshopSession:
        """Reopen a workshop at its stage, with its own agenda and clock."""
        agenda_json = store.agenda_json(workshop_id)
        agenda = Agenda.model_validate_json(agenda_json) if agenda_json else fallback_agenda
        state_json = store.load_clock(workshop_id)
        if state_json:
            timer = WorkshopTimer.restore(
                TimerState.model_validate_json(state_json), clock=clock, **_wall(wall)
            )
        else:
            timer = WorkshopTimer(
                [(s.key, s.title, s.seconds) for s in agenda.stages], clock=clock, **_wall(wall)
            )
        return cls(store, workshop_id, agenda, timer)

    # -- reading -----------------------------------------------------------

    def load(self) -> Workshop:
        """The workshop as stored, with pending edits saved first and timings filled in."""
        self.flush()
        workshop = self.store.load(self.workshop_id)
        totals = self.timer.totals()
        return workshop.model_copy(
            update={
                "timings": self.timer.timings(),
                "break_seconds": totals.breaks,
                "paused_seconds": totals.paused,
            }
        )

    # -- writing -----------------------------------------------------------

    def edit(self, target: str, target_id: int, **fields: Any) -> None:
        """Queue a field change; `flush()` writes it. Called on every keystroke."""
        self._pending.setdefault((target, target_id), {}).update(fields)

    @property
    def dirty(self) -> bool:
        return bool(self._pending)

    def flush(self) -> int:
        """Write every queued edit; return how many rows were written.

        An edit to a row that was deleted meanwhile is dropped: the row is gone.
        """
        pending, self._pending = self._pending, {}
        for (target, target_id), fields in pending.items():
            try:
                if target == WORKSHOP:
                    self.store.update_workshop(target_id, **fields)
                else:
                    self.store.update(Item(target), target_id, **fields)
            except NotFound:
                continue
        return len(pending)

    def add(self, item: Item, parent_id: int, *, after_id: int | None = None, **fields: Any) -> int:
        """Add an item now (the screen needs its id); it goes last or after `after_id`."""
        self.flush()  # keep positions and text in step with what is on screen
        return self.store.add(item, parent_id, after_id=after_id, **fields)

    def delete(self, item: Item, item_id: int) -> None:
        self._pending.pop((item.value, item_id), None)
        self.store.delete(item, item_id)

    def set_stage(self, index: int) -> None:
        """Move the workshop (and its clock) to stage `index`, and remember it."""
        self.flush()
        self.timer.goto(index)
        self.store.update_workshop(self.workshop_id, current_stage=index)
        self.checkpoint()

    def checkpoint(self) -> None:
        """Save the clock, so a crash loses at most the time since the last call."""
        self.store.save_clock(self.workshop_id, self.timer.snapshot().model_dump_json())

    def close(self) -> None:
        self.flush()
        self.checkpoint()


def _wall(wall: Callable[[], datetime] | None) -> dict[str, Any]:
    return {} if wall is None else {"wall": wall}
