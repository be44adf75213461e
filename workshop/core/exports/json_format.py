"""The JSON export and import: the whole workshop in a versioned envelope.

    {"format": "okr-workshop", "schema_version": 1, "workshop": {...}}

`workshop` is `Workshop.model_dump(mode="json")` without the database ids, so the
same workshop exported from two databases gives the same bytes, and importing a
file and exporting it again reproduces the file exactly. docs/exports.md
describes every field; `json_schema()` gives the machine-readable version.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from workshop.core.domain import Workshop
from workshop.core.exports import limits
from workshop.core.exports.errors import ExportError, ImportFileError
from workshop.core.room.record import RoomRecord

FORMAT_NAME = "okr-workshop"
SCHEMA_VERSION = 1

# Every model that carries a database id, as a pydantic `exclude` specification.
_NO_ID: dict[str, Any] = {"id": True}
_EXCLUDE_IDS: dict[str, Any] = {
    "id": True,
    "parent_objectives": {"__all__": {"id": True, "key_results": {"__all__": _NO_ID}}},
    "priorities": {"__all__": _NO_ID},
    "objectives": {
        "__all__": {
            "id": True,
            "key_results": {"__all__": _NO_ID},
            "variations": {"__all__": _NO_ID},
        }
    },
    "meetings": {"__all__": _NO_ID},
    "wrap_items": {"__all__": _NO_ID},
}


def envelope(
    workshop: Workshop, room: RoomRecord | None = None, quarter: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The export as plain JSON-ready data (with "room" when participants wrote anything,
    and "quarter" when check-ins or a quarter-end review were held on its OKRs)."""
    document = {
        "format": FORMAT_NAME,
        "schema_version": SCHEMA_VERSION,
        "workshop": workshop.model_dump(mode="json", exclude=_EXCLUDE_IDS),
    }
    if room is not None and not room.empty:
        from workshop.core.exports.room_export import room_section

        document["room"] = room_section(room, workshop)
    if quarter:
        document["quarter"] = quarter  # workshop.core.okr.meetings.QuarterSection
    return document


def dumps(
    workshop: Workshop, room: RoomRecord | None = None, quarter: dict[str, Any] | None = None
) -> bytes:
    """The JSON export as UTF-8 bytes, indented, ending in a newline.

    Non-ASCII text is written as is (readable in an editor); control characters,
    NUL included, are escaped by the JSON encoder and come back exactly.
    """
    text = json.dumps(envelope(workshop, room, quarter), ensure_ascii=False, indent=2) + "\n"
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        # Only a lone surrogate can get here: it has no UTF-8 form at all.
        raise ExportError("the workshop contains text that cannot be written as UTF-8") from None


def read_document(data: bytes, source: str) -> object:
    """Decode and parse a JSON export, within the app's limits; one line for the first problem."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"{source}: not UTF-8 text (bad byte at offset {error.start})"
        ) from None
    try:
        # Whole numbers longer than any field needs are kept as markers and named by
        # check_document, rather than converted (Python refuses over 4,300 digits).
        document = json.loads(text, parse_int=limits.parse_int)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"{source}: not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    except RecursionError:
        raise ImportFileError(f"{source}: not valid JSON: nested too deeply") from None

    limits.check_document(document, source)
    return document


def loads(data: bytes, source: str) -> Workshop:
    """Read a JSON export; raise ImportFileError naming the JSON path of the first problem."""
    document = read_document(data, source)
    if not isinstance(document, dict):
        raise ImportFileError(f'{source}: $: expected an object with "format": "{FORMAT_NAME}"')
    if document.get("format") != FORMAT_NAME:
        raise ImportFileError(
            f'{source}: $.format: expected "{FORMAT_NAME}" '
            f"(got {_short(document.get('format'))}); is this an OKR Workshop export?"
        )
    version = document.get("schema_version")
    if version != SCHEMA_VERSION or isinstance(version, bool):
        raise ImportFileError(
            f"{source}: $.schema_version: this version of OKR Workshop reads schema "
            f"{SCHEMA_VERSION} (got {_short(version)})"
        )
    # "room": what participants wrote on their devices; a record to read, not imported.
    if "room" in document and not isinstance(document["room"], dict):
        raise ImportFileError(f"{source}: $.room: expected an object")
    # "quarter": the check-ins and quarter-end reviews, read by `okr.meetings.read_quarter`.
    if "quarter" in document and not isinstance(document["quarter"], dict):
        raise ImportFileError(f"{source}: $.quarter: expected an object")
    extra = sorted(set(document) - {"format", "schema_version", "workshop", "room", "quarter"})
    if extra:
        raise ImportFileError(f"{source}: $.{extra[0]}: not a known field")
    if "workshop" not in document:
        raise ImportFileError(f"{source}: $.workshop: is required")
    try:
        workshop = Workshop.model_validate(document["workshop"])
    except ValidationError as error:
        first = error.errors()[0]
        where = json_path(("workshop", *first["loc"]))
        problem = first["msg"][:1].lower() + first["msg"][1:]
        if first["type"] not in ("missing",) and not isinstance(first.get("input"), dict | list):
            problem += f" (got {_short(first.get('input'))})"
        more = len(error.errors()) - 1
        if more:
            problem += f" (and {more} more problem(s))"
        raise ImportFileError(f"{source}: {where}: {problem}") from None
    limits.check_workshop(workshop, source)
    return workshop


def json_path(loc: tuple[str | int, ...]) -> str:
    """("workshop", "objectives", 0, "text") -> "$.workshop.objectives[0].text"."""
    out = "$"
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def json_schema() -> dict[str, Any]:
    """A JSON Schema for the whole export file (the envelope and the workshop)."""
    workshop_schema = Workshop.model_json_schema(mode="serialization")
    defs = workshop_schema.pop("$defs", {})
    defs["Workshop"] = workshop_schema
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "OKR Workshop export",
        "type": "object",
        "required": ["format", "schema_version", "workshop"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": FORMAT_NAME},
            "schema_version": {"const": SCHEMA_VERSION},
            "workshop": {"$ref": "#/$defs/Workshop"},
            # What participants wrote on their devices (docs/exports.md, "The room").
            "room": {"type": "object"},
            # The check-ins and quarter-end reviews (docs/exports.md, "The quarter").
            "quarter": {"type": "object"},
        },
        "$defs": defs,
    }


def _short(value: Any) -> str:
    """A value for an error message: repr, cut so that a 10,000-character value stays one line."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
