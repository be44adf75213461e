"""The room's record in the exports: a "room" section in the JSON, a second CSV file.

What the participants wrote on their devices (issue 16): who joined, every note
with its author and times, the groups merging made, the dots and the N&S answers.
Database ids mean nothing outside the database, so an objective is named by its
number in the workshop (`objective_no`, 1, 2, ...), as in the main CSV.

The CSV (`<team>-<period>-room.csv` beside the main one) has one row per note,
then one per N&S answer; the columns are ROOM_COLUMNS. It is spreadsheet-safe
the same way as the main CSV (`csv_format.guard`). docs/exports.md describes both.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path
from typing import Any

from workshop.core.domain import Workshop
from workshop.core.exports.csv_format import guard
from workshop.core.room.record import RoomRecord

ROOM_COLUMNS: tuple[str, ...] = (
    "record",  # "note" or "answer"
    "no",  # the note's number, or the N&S question's (1, 2, ...)
    "kind",  # priority, objective, key_result, question; ns for an answer
    "objective_no",  # the objective a key result, a wording or an answer is about
    "text",  # the note as written; for an answer, "yes" or "no"
    "why",
    "start",
    "target",
    "author",  # the name given on the device; empty when anonymous
    "device_no",
    "written_at",  # UTC, ISO 8601
    "revealed_at",
    "group_no",  # the note this one was merged into (its group's first note)
    "dots",  # dots on the note (a group's dots are on its first note)
    "voters",  # how many devices put dots on it
    "promoted_to",  # priority, variation, objective, key_result, question
    "promoted_at",
)


def _objective_numbers(workshop: Workshop) -> dict[int, int]:
    return {o.id: n for n, o in enumerate(workshop.objectives, 1) if o.id is not None}


def _when(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def room_section(record: RoomRecord, workshop: Workshop) -> dict[str, Any]:
    """The JSON export's "room": people, notes (with their dots), answers."""
    numbers = _objective_numbers(workshop)
    dots: dict[int, int] = defaultdict(int)
    for vote in record.votes:
        dots[vote.note_no] += vote.dots
    return {
        "people": [
            {"device_no": p.device_no, "name": p.name, "joined_at": _when(p.joined_at)}
            for p in record.people
        ],
        "notes": [
            {
                "no": n.note_no,
                "kind": n.kind,
                "objective_no": numbers.get(n.target_id) if n.target_id is not None else None,
                "text": n.text,
                "why": n.why,
                "start": n.start,
                "target": n.target,
                "author": n.author,
                "device_no": n.device_no,
                "written_at": _when(n.created_at),
                "revealed_at": _when(n.revealed_at),
                "group_no": n.merged_into,
                "dots": dots.get(n.note_no, 0),
                "promoted_to": n.promoted_to,
                "promoted_at": _when(n.promoted_at),
            }
            for n in record.notes
        ],
        "votes": [
            {
                "note_no": v.note_no,
                "device_no": v.device_no,
                "dots": v.dots,
                "voted_at": _when(v.voted_at),
            }
            for v in record.votes
            if v.dots > 0
        ],
        "answers": [
            {
                "objective_no": numbers.get(a.objective_id),
                "question_no": a.question + 1,
                "device_no": a.device_no,
                "answer": a.answer,
                "answered_at": _when(a.answered_at),
                "revealed": a.revealed,
            }
            for a in record.answers
        ],
    }


def room_csv(record: RoomRecord, workshop: Workshop) -> bytes:
    """The room's CSV: one row per note, then one per N&S answer (UTF-8, with a BOM for
    spreadsheets, like the main CSV)."""
    section = room_section(record, workshop)
    names = {p["device_no"]: p["name"] for p in section["people"]}
    voters: dict[int, int] = defaultdict(int)
    for vote in section["votes"]:
        voters[vote["note_no"]] += 1
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(ROOM_COLUMNS)
    for n in section["notes"]:
        row = {
            "record": "note",
            "no": n["no"],
            "kind": n["kind"],
            "objective_no": n["objective_no"],
            "text": n["text"],
            "why": n["why"],
            "start": n["start"],
            "target": n["target"],
            "author": n["author"],
            "device_no": n["device_no"],
            "written_at": n["written_at"],
            "revealed_at": n["revealed_at"],
            "group_no": n["group_no"],
            "dots": n["dots"],
            "voters": voters.get(n["no"], 0),
            "promoted_to": n["promoted_to"],
            "promoted_at": n["promoted_at"],
        }
        writer.writerow([_cell(row.get(c)) for c in ROOM_COLUMNS])
    for a in section["answers"]:
        row = {
            "record": "answer",
            "no": a["question_no"],
            "kind": "ns",
            "objective_no": a["objective_no"],
            "text": "yes" if a["answer"] else "no",
            "author": names.get(a["device_no"], ""),
            "device_no": a["device_no"],
            "written_at": a["answered_at"],
        }
        writer.writerow([_cell(row.get(c)) for c in ROOM_COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def room_csv_path(path: Path) -> Path:
    """Where the room's CSV goes beside the main CSV at `path`."""
    return path.with_name(f"{path.stem}-room.csv")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return guard(value)
    return str(value)


# What each kind of note is called in the handout's appendix.
APPENDIX_TITLES = {
    "priority": "Priorities suggested",
    "objective": "Objectives and wordings suggested",
    "key_result": "Key results suggested",
    "question": "Open questions raised",
}


def _ns_question_name(workshop: Workshop, objective_no: int | None, question_no: int) -> str:
    """What the room was asked, as the handout names it: "1.2 necessary?", "1.1-1.3 enough?".

    The room asked one question per written key result, then one on the set (as
    `core.room.activity.ns_activity` does); if the key results have changed since, the
    question is named by its number only rather than by a key result it may not be about.
    """
    index = (objective_no or 0) - 1
    if not 0 <= index < len(workshop.objectives):
        return f"Objective {objective_no or '?'}, question {question_no}"
    written = [kr for kr in workshop.objectives[index].key_results if kr.text.strip()]
    if question_no <= len(written):
        return (
            f"Is key result {objective_no}.{question_no} necessary? {written[question_no - 1].text}"
        )
    if question_no == len(written) + 1:
        return f"Objective {objective_no}: are its key results enough together?"
    return f"Objective {objective_no}, question {question_no}"


def room_appendix(record: RoomRecord, workshop: Workshop) -> list[dict[str, Any]]:
    """The handout's appendix: per kind, the notes (groups merged) with their dots, most
    first; then the N&S answers per question. Plain values: the template escapes them."""
    section = room_section(record, workshop)
    merged: dict[int, list[str]] = defaultdict(list)
    for n in section["notes"]:
        if n["group_no"] is not None:
            merged[n["group_no"]].append(n["text"])
    parts: list[dict[str, Any]] = []
    for kind, title in APPENDIX_TITLES.items():
        notes = [n for n in section["notes"] if n["kind"] == kind and n["group_no"] is None]
        if not notes:
            continue
        notes.sort(key=lambda n: (-n["dots"], n["no"]))
        rows = []
        for n in notes:
            text = n["text"]
            if n["start"] or n["target"]:
                text += f" (from {n['start'] or '?'} to {n['target'] or '?'})"
            rows.append(
                {
                    "text": text,
                    "why": n["why"],
                    "author": n["author"] or "anonymous",
                    "dots": n["dots"],
                    "same": merged.get(n["no"], []),
                    "in_draft": bool(n["promoted_to"]),
                    "objective_no": n["objective_no"],
                }
            )
        parts.append({"title": title, "rows": rows, "answers": []})
    tally: dict[tuple[Any, int], list[bool]] = defaultdict(list)
    for a in section["answers"]:
        tally[(a["objective_no"], a["question_no"])].append(a["answer"])
    if tally:
        answers = [
            {
                "objective_no": objective_no,
                "question_no": question_no,
                "question": _ns_question_name(workshop, objective_no, question_no),
                "yes": given.count(True),
                "no": given.count(False),
                "split": True in given and False in given,
            }
            for (objective_no, question_no), given in sorted(
                tally.items(), key=lambda item: (item[0][0] or 0, item[0][1])
            )
        ]
        parts.append(
            {
                "title": "Necessary and sufficient? The room's answers",
                "rows": [],
                "answers": answers,
            }
        )
    return parts
