"""Any room section the app could have written comes back exactly: import it with a
workshop, export again, the same "room"; answers about a removed objective are left
out and counted. Generated sections, an in-memory store."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop.core.db.store import Store
from workshop.core.exports import read_import_all, render
from workshop.core.org.imports import store_extras
from workshop.core.room.record import KINDS
from workshop.core.room.rows import load_record

# Any text a phone could send: control characters, NUL, bidi, astral planes; no lone
# surrogates (they are not Unicode and are refused at the door).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
MOMENTS = st.datetimes(min_value=dt.datetime(1900, 1, 2), max_value=dt.datetime(9998, 12, 30)).map(
    lambda t: t.replace(tzinfo=dt.UTC).isoformat()
)
PROMOTED = st.sampled_from(["", "priority", "variation", "objective", "key_result", "question"])


@st.composite
def rooms(draw: Any) -> tuple[int, dict[str, Any]]:
    objectives = draw(st.integers(0, 3))
    objective_no = st.none() | st.integers(1, objectives) if objectives else st.none()
    devices = draw(st.lists(st.integers(1, 1_000_000), unique=True, max_size=4))
    device = st.sampled_from(devices) if devices else st.integers(1, 9)
    numbers = draw(st.lists(st.integers(1, 1_000_000), unique=True, max_size=6))
    votes = []
    if numbers:
        pairs = draw(st.lists(st.tuples(st.sampled_from(numbers), device), unique=True, max_size=6))
        votes = [
            {
                "note_no": n,
                "device_no": d,
                "dots": draw(st.integers(1, 3)),
                "voted_at": draw(MOMENTS),
            }
            for n, d in sorted(pairs)
        ]
    dots = {n: sum(v["dots"] for v in votes if v["note_no"] == n) for n in numbers}
    notes = [
        {
            "no": n,
            "kind": draw(st.sampled_from(KINDS)),
            "objective_no": draw(objective_no),
            "text": draw(TEXT),
            "why": draw(TEXT),
            "start": draw(TEXT),
            "target": draw(TEXT),
            "author": draw(TEXT),
            "device_no": draw(device),
            "written_at": draw(MOMENTS),
            "revealed_at": draw(st.none() | MOMENTS),
            "group_no": draw(st.none() | st.sampled_from([m for m in numbers if m != n] or [None])),
            "dots": dots[n],
            "promoted_to": draw(PROMOTED),
            "promoted_at": draw(st.none() | MOMENTS),
        }
        for n in sorted(numbers)
    ]
    keys = draw(
        st.lists(st.tuples(objective_no, st.integers(1, 6), device), unique=True, max_size=5)
    )
    answers = [
        {
            "objective_no": o,
            "question_no": q,
            "device_no": d,
            "answer": draw(st.booleans()),
            "answered_at": draw(MOMENTS),
            "revealed": draw(st.booleans()),
        }
        for o, q, d in sorted(keys, key=lambda k: (k[0] or 0, k[1], k[2]))
    ]
    people = [
        {"device_no": d, "name": draw(TEXT), "joined_at": draw(MOMENTS)} for d in sorted(devices)
    ]
    return objectives, {"people": people, "notes": notes, "votes": votes, "answers": answers}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rooms())
def test_any_room_comes_back_exactly(generated: tuple[int, dict[str, Any]]) -> None:
    objectives, room = generated
    document = {
        "format": "okr-workshop",
        "schema_version": 1,
        "workshop": {"team": "T", "objectives": [{"text": f"O{n}"} for n in range(objectives)]},
        "room": room,
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "room.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        imported = read_import_all(path)
    store = Store.open("sqlite://")
    try:
        new_id = store.import_workshop(imported.workshop)
        said = store_extras(store, new_id, imported)
        workshop = store.load(new_id)
        record = store.read_with(lambda s: load_record(s, new_id))
        exported = json.loads(render(workshop, "json", room=record)).get("room")
    finally:
        store.close()
    orphans = [a for a in room["answers"] if a["objective_no"] is None]
    room["answers"] = [a for a in room["answers"] if a["objective_no"] is not None]
    if not any(room.values()):
        assert exported is None
        return
    assert exported == room
    assert bool(orphans) == any(line.startswith("Not kept: ") for line in said)
