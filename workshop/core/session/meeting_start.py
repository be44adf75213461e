"""Starting a meeting after the workshop: a check-in or a quarter-end review on its OKRs.

Reads and writes the real store: call it off the event loop, where sessions are opened.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

from workshop.core.agenda.kinds import PILOT
from workshop.core.agenda.model import load_kind_agenda
from workshop.core.db.store import Store
from workshop.core.okr.meetings import initial_record_json
from workshop.core.session.quarter import meeting_fields
from workshop.core.session.session import WorkshopSession


def start_pilot(
    store: Store,
    *,
    base: Path | None = None,
    clock: Callable[[], float] = time.monotonic,
    wall: Callable[[], dt.datetime] | None = None,
    writer_clock: Callable[[], float] = time.monotonic,
) -> WorkshopSession:
    """Create a new OKR pilot plan (issue 19) and open it; its plan starts empty.

    Raises AgendaError when the pilot's stage files are broken.
    """
    agenda = load_kind_agenda(PILOT, base)
    extra = {} if wall is None else {"wall": wall}
    return WorkshopSession.create(
        store, agenda, clock=clock, writer_clock=writer_clock, meeting_kind=PILOT, **extra
    )


def start_meeting(
    store: Store,
    kind: str,
    subject_id: int,
    day: dt.date,
    *,
    base: Path | None = None,
    clock: Callable[[], float] = time.monotonic,
    wall: Callable[[], dt.datetime] | None = None,
    writer_clock: Callable[[], float] = time.monotonic,
) -> WorkshopSession:
    """Create a meeting of `kind` dated `day` on the workshop `subject_id`, and open it.

    Raises AgendaError when the kind's stage files are broken, NotFound for no such workshop.
    """
    agenda = load_kind_agenda(kind, base)
    subject = store.load(subject_id)
    fields = meeting_fields(subject, kind, initial_record_json(kind, day))
    extra = {} if wall is None else {"wall": wall}
    return WorkshopSession.create(
        store, agenda, clock=clock, writer_clock=writer_clock, **extra, **fields
    )
