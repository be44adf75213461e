"""Driver: what the start screen offers (check-ins, reviews, alignment reviews), timed.

    python bench/drive_offers.py DB_URL [--runs N]

Opens the store (not counted), then times, N times each, alternating:
- `summaries`: `workshop.core.session.offers.meeting_offers` (two summary queries);
- `loaded`: `loaded_offers` below, the earlier way the app did it (every workshop
  with key results and every meeting loaded whole through `Store.load`),
and checks both offer the same scheduled meetings.
Prints `BENCH {"summaries": [...], "loaded": [...], "offers": N}` (seconds).
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

from common import add_repo_to_path, emit

add_repo_to_path()

from workshop.core.agenda.kinds import CHECKIN, WORKSHOP  # noqa: E402
from workshop.core.db.errors import open_store  # noqa: E402
from workshop.core.okr.meetings import offer_for, read_checkin, read_quarter_end  # noqa: E402
from workshop.core.session import offers  # noqa: E402


def loaded_offers(store, today: dt.date) -> list:
    """The offers as the start screen read them before: each workshop loaded whole."""
    held: dict[int, list[tuple[str, dt.date]]] = {}
    workshops = []
    for summary in store.list_workshops():
        if summary.meeting_kind == WORKSHOP:
            if summary.key_result_count:
                workshops.append(store.load(summary.id))
            continue
        meeting = store.load(summary.id)
        if meeting.subject_id is None:
            continue
        record = (
            read_checkin(meeting, today)
            if meeting.meeting_kind == CHECKIN
            else read_quarter_end(meeting, today)
        )
        held.setdefault(meeting.subject_id, []).append((meeting.meeting_kind, record.date))
    loaded = []
    for workshop in workshops:
        assert workshop.id is not None
        offer = offer_for(workshop, held.get(workshop.id, []), today)
        if offer is not None:
            loaded.append(offer)
    return loaded


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    store = open_store(args.url)
    today = dt.date(2027, 1, 12)
    times: dict[str, list[float]] = {"summaries": [], "loaded": []}
    found: dict[str, list] = {}
    for _run in range(args.runs):
        for name, read in (
            ("summaries", offers.meeting_offers),
            ("loaded", loaded_offers),
        ):
            started = time.monotonic()
            found[name] = read(store, today)
            times[name].append(time.monotonic() - started)
    store.close()
    scheduled = [o for o in found["summaries"] if o.kind != "alignment_review"]
    assert scheduled == found["loaded"], "the two ways offer different meetings"
    emit(**times, offers=len(found["summaries"]))


if __name__ == "__main__":
    main()
