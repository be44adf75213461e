"""Recovery files: the whole workshop as a JSON export, when the database did not get it.

On quit, a session whose changes did not all reach the database (the disk was
full, the file was deleted, the server was gone) writes its draft here instead
of dropping it. The file is the JSON export format, so `okr-workshop import`
brings it back as a workshop: with the room's records as this window had them
(participants' notes, dots and answers, those the database never got included),
and the company links by id (the file goes back into the database it came from;
nothing is read from that database on quit, which may be out of reach).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING

from workshop.core.domain import Workshop
from workshop.core.paths import APP_NAME

if TYPE_CHECKING:
    from workshop.core.org.rows import OrgLinks
    from workshop.core.room.record import RoomRecord


def recovery_dir() -> Path:
    """The recovery folder in the user data folder (beside the default database)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "recovery"


def write_recovery(
    workshop: Workshop,
    folder: Path | None = None,
    *,
    room: RoomRecord | None = None,
    org: OrgLinks | None = None,
) -> Path:
    """Write `workshop` as a new recovery file, atomically; return its path.

    `room`: the room's records as the session has them (draft ids, like `workshop`'s);
    `org`: the workshop's level and company links as the session has them.
    """
    from workshop.core.exports.atomic import write_atomic
    from workshop.core.exports.json_format import dumps
    from workshop.core.org.links import recovery_links

    folder = folder or recovery_dir()
    stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M%S")
    slug = re.sub(r"[^a-z0-9]+", "-", workshop.team.lower()).strip("-")[:40] or "workshop"
    path = folder / f"{stamp}-{slug}.json"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{stamp}-{slug}-{n}.json"
    links = None if org is None else recovery_links(workshop, org)
    room = None if room is None or room.empty else room
    return write_atomic(path, dumps(workshop, room=room, links=links))
