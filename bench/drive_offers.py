"""Driver: what the start screen offers (check-ins, reviews, alignment reviews), timed.

    python bench/drive_offers.py DB_URL [--runs N]

Opens the store (not counted), then times, N times each, alternating:
- `summaries`: `workshop.core.session.offers.meeting_offers` (two summary queries);
- `loaded`: `workshop.core.session.quarter.meeting_offers`, the earlier way (every
  workshop with key results and every meeting loaded whole through `Store.load`),
and checks both offer the same scheduled meetings.
Prints `BENCH {"summaries": [...], "loaded": [...], "offers": N}` (seconds).
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

from common import add_repo_to_path, emit

add_repo_to_path()

from workshop.core.db.errors import open_store  # noqa: E402
from workshop.core.session import offers, quarter  # noqa: E402


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
            ("loaded", quarter.meeting_offers),
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
