"""The draft: a session's own copy of the open workshop, in memory.

A `Draft` is an in-memory SQLite `Store` holding exactly one workshop's rows
(the workshop, its clock and every list), with the ids they have in the real
database. The screens read and change the draft, on the event loop, in well
under a millisecond or a few for a whole workshop; it applies the real store's
checks (field caps, known fields, foreign keys), so a change it refuses is
refused at once. Every change it accepts is also queued for the writer
(`workshop.core.session.writer`), which replays it on the real database in order.

A row the draft adds gets a *draft id* from a counter that starts above every id
it was loaded with and never goes back, so a draft id never names a loaded row
and is never reused; the writer records which real id each one became.
"""

from __future__ import annotations

import itertools

from workshop.core.db.engine import make_engine
from workshop.core.db.migrations import migrate
from workshop.core.db.store import Store, WorkshopRows

DRAFT_URL = "sqlite://"


class Draft:
    """One workshop's rows in memory, ids as in the real database."""

    def __init__(self, rows: WorkshopRows) -> None:
        self.workshop_id = rows.workshop_id
        self._ids = itertools.count(_above(rows))
        engine = make_engine(DRAFT_URL)
        migrate(engine)
        self.store = Store(engine, new_id=self.new_id)
        self.store.put_rows(rows)

    def new_id(self) -> int:
        return next(self._ids)

    def replace(self, rows: WorkshopRows) -> None:
        """Swap in fresher rows (a read-only window following the editing one)."""
        self._ids = itertools.count(max(_above(rows), next(self._ids)))
        self.store.put_rows(rows)

    def rows(self) -> WorkshopRows:
        return self.store.workshop_rows(self.workshop_id)

    def close(self) -> None:
        self.store.close()


def _above(rows: WorkshopRows) -> int:
    """The first id above every id in `rows`."""
    return max(rows.ids(), default=0) + 1
