"""What `okr-workshop import` stores beside the workshop: the room and the company links.

The file is read and checked whole before anything is stored
(`workshop.core.exports.read_import_all`); once the workshop is stored and its
objectives have ids, `store_extras` stores the room's records and the company
links, and returns the lines worth telling the facilitator (what was linked,
what could not be kept). Nothing to say for a file without either.
"""

from __future__ import annotations

from workshop.core.db.store import Store
from workshop.core.exports.json_format import Imported
from workshop.core.exports.room_import import room_records
from workshop.core.org.links import import_links
from workshop.core.room.rows import save_records


def store_extras(store: Store, workshop_id: int, imported: Imported) -> list[str]:
    """Store the room and the company links of `imported` on the stored `workshop_id`."""
    lines: list[str] = []
    objective_ids = [o.id for o in store.load(workshop_id).objectives if o.id is not None]
    room = imported.room
    if room is not None and not room.empty:
        records = room_records(room, objective_ids)
        store.write_with(lambda session: save_records(session, workshop_id, records))
        s = room.section
        lines.append(
            f"The room came back: {len(s.people)} device(s), {len(s.notes)} note(s), "
            f"{len(s.votes)} vote(s), {len(s.answers) - room.orphan_answers} N&S answer(s)."
        )
        if room.orphan_answers:
            lines.append(
                f"Not kept: {room.orphan_answers} N&S answer(s) about an objective the workshop "
                "no longer had when it was exported (objective_no null)."
            )
    if not imported.links.empty:
        lines += import_links(store, workshop_id, objective_ids, imported.links)
    return lines
