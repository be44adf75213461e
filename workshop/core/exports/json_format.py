"""The JSON export and import: the whole workshop in a versioned envelope.

    {"format": "okr-workshop", "schema_version": 1, "workshop": {...}}

`workshop` is `Workshop.model_dump(mode="json")` without the database ids, so the
same workshop exported from two databases gives the same bytes, and importing a
file and exporting it again reproduces the file exactly. docs/exports.md
describes every field; `json_schema()` gives the machine-readable version.

Two things the domain model does not hold travel in the file too, so a round trip
loses nothing: the workshop's place in the organisation (`level`, `company`, and
each objective's `company_link`; schema version 6 of the database, issue 18), and
the room (a top-level "room", `room_export`/`room_import`). `read_all` reads
them with the workshop; `loads` gives the workshop alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn

from pydantic import ValidationError

from workshop.core.domain import Workshop
from workshop.core.exports import limits
from workshop.core.exports.errors import ExportError, ImportFileError
from workshop.core.room.record import RoomRecord

if TYPE_CHECKING:
    from workshop.core.exports.room_import import RoomImport

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


TEAM, COMPANY = "team", "company"


@dataclass(frozen=True)
class CompanyLinks:
    """A workshop's place in the organisation, as the JSON writes it.

    `company` names the company-level workshop it links to, and each objective's
    link names a company objective or key result (None: no link), in the
    workshop's objective order. Two forms, never mixed in one file:

    - by name (exports): `{"name", "period"}` and `{"objective_no", "text"}` or
      `{"objective_no", "key_result_no", "text"}` (numbers from 1, the linked
      item's text as a check), so the same workshop exported from two databases
      gives the same bytes and an import finds the company in another database;
    - by id (recovery files, which go back into the database that did not take
      them): `{"workshop_id"}` and `{"objective_id"}` or `{"key_result_id"}`.
    """

    level: str = TEAM
    company: dict[str, Any] | None = None
    objectives: tuple[dict[str, Any] | None, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return self.level == TEAM and self.company is None and not any(self.objectives)


def envelope(
    workshop: Workshop,
    room: RoomRecord | None = None,
    quarter: dict[str, Any] | None = None,
    links: CompanyLinks | None = None,
) -> dict[str, Any]:
    """The export as plain JSON-ready data (with "room" when participants wrote anything,
    "quarter" when check-ins or a quarter-end review were held on its OKRs, and the
    company links when the workshop has any)."""
    data = workshop.model_dump(mode="json", exclude=_EXCLUDE_IDS)
    if links is not None:
        _write_links(data, links)
    document = {
        "format": FORMAT_NAME,
        "schema_version": SCHEMA_VERSION,
        "workshop": data,
    }
    if room is not None and not room.empty:
        from workshop.core.exports.room_export import room_section

        document["room"] = room_section(room, workshop)
    if quarter:
        document["quarter"] = quarter  # workshop.core.okr.meetings.QuarterSection
    return document


def _write_links(data: dict[str, Any], links: CompanyLinks) -> None:
    """Add the company links to a dumped workshop; each key only when it holds something,
    so a workshop outside any organisation exports exactly as before."""
    if links.level != TEAM:
        data["level"] = links.level
    if links.company is not None:
        data["company"] = dict(links.company)
        for objective, link in zip(data["objectives"], links.objectives, strict=False):
            if link is not None:
                objective["company_link"] = dict(link)


def dumps(
    workshop: Workshop,
    room: RoomRecord | None = None,
    quarter: dict[str, Any] | None = None,
    links: CompanyLinks | None = None,
) -> bytes:
    """The JSON export as UTF-8 bytes, indented, ending in a newline.

    Non-ASCII text is written as is (readable in an editor); control characters,
    NUL included, are escaped by the JSON encoder and come back exactly.
    """
    document = envelope(workshop, room, quarter, links)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
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


@dataclass(frozen=True)
class Imported:
    """Everything a JSON export holds for an import: the workshop, its room, its links."""

    workshop: Workshop
    room: RoomImport | None = None
    links: CompanyLinks = field(default_factory=CompanyLinks)


def loads(data: bytes, source: str) -> Workshop:
    """Read a JSON export; raise ImportFileError naming the JSON path of the first problem."""
    return read_all(data, source).workshop


def read_all(data: bytes, source: str) -> Imported:
    """Read a JSON export whole: the workshop, the room and the company links, every part
    checked; ImportFileError names the JSON path of the first problem in one line."""
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
    # "room": what participants wrote on their devices (room_import reads it below).
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
    data, links = _read_links(document["workshop"], source)
    try:
        workshop = Workshop.model_validate(data)
    except ValidationError as error:
        raise ImportFileError(
            f"{source}: {limits.validation_problem(error, ('workshop',))}"
        ) from None
    limits.check_workshop(workshop, source)
    room = None
    if "room" in document:
        from workshop.core.exports.room_import import read_room

        room = read_room(document["room"], source, len(workshop.objectives))
    return Imported(workshop, room, links)


# -- the company links (issue 18) ------------------------------------------------------

_BY_NAME = {"name", "period"}
_BY_ID = {"workshop_id"}


def _read_links(data: Any, source: str) -> tuple[Any, CompanyLinks]:
    """Take `level`, `company` and each objective's `company_link` out of the dumped
    workshop, checked; the rest goes to the Workshop model as before."""
    if not isinstance(data, dict):
        return data, CompanyLinks()  # the model says what is wrong with it

    def fail(loc: tuple[str | int, ...], problem: str) -> NoReturn:
        raise ImportFileError(f"{source}: {json_path(('workshop', *loc))}: {problem}")

    data = dict(data)
    level = data.pop("level", TEAM)
    if level not in (TEAM, COMPANY):
        fail(("level",), f'expected "{TEAM}" or "{COMPANY}" (got {_short(level)})')
    company = data.pop("company", None)
    by_id = False
    if company is not None:
        if not isinstance(company, dict):
            fail(("company",), "expected an object or null")
        by_id = "workshop_id" in company
        allowed = _BY_ID if by_id else _BY_NAME
        for key in company:
            if key not in allowed:
                what = "with workshop_id" if by_id else "with name and period"
                fail(("company", key), f"not a known field of a company link {what}")
        for key in sorted(allowed):
            if key not in company:
                fail(("company", key), "is required")
            if key == "workshop_id":
                _whole(company[key], ("company", key), fail, MAX_ID)
            elif not isinstance(company[key], str):
                fail(("company", key), f"expected text (got {_short(company[key])})")
            elif len(company[key]) > limits.MAX_TEXT_CHARS:
                fail(("company", key), f"too long: {len(company[key]):,} characters")
    objective_links: list[dict[str, Any] | None] = []
    objectives = data.get("objectives")
    if isinstance(objectives, list):
        data["objectives"] = copied = []
        for i, objective in enumerate(objectives):
            if not isinstance(objective, dict) or "company_link" not in objective:
                copied.append(objective)
                objective_links.append(None)
                continue
            objective = dict(objective)
            link = objective.pop("company_link")
            copied.append(objective)
            if link is not None:
                loc: tuple[str | int, ...] = ("objectives", i, "company_link")
                if company is None:
                    fail(loc, "a link to the company needs $.workshop.company (which company)")
                _check_link(link, loc, by_id, fail)
            objective_links.append(link)
    links = CompanyLinks(level, company, tuple(objective_links))
    return data, links


def _check_link(link: Any, loc: tuple[str | int, ...], by_id: bool, fail: Any) -> None:
    if not isinstance(link, dict):
        fail(loc, "expected an object or null")
    if by_id:
        keys = [k for k in ("objective_id", "key_result_id") if k in link]
        if len(keys) != 1:
            fail(loc, "expected objective_id or key_result_id (the company has a workshop_id)")
        allowed = set(keys)
    else:
        allowed = {"objective_no", "key_result_no", "text"}
        for key in ("objective_no", "text"):
            if key not in link:
                fail((*loc, key), "is required")
        if not isinstance(link["text"], str):
            fail((*loc, "text"), f"expected text (got {_short(link['text'])})")
        if len(link["text"]) > limits.MAX_TEXT_CHARS:
            fail((*loc, "text"), f"too long: {len(link['text']):,} characters")
    for key, value in link.items():
        if key not in allowed:
            fail((*loc, key), "not a known field of a company link")
        if key != "text":
            _whole(value, (*loc, key), fail, MAX_ID if by_id else limits.MAX_LIST_ITEMS)


def _whole(value: Any, loc: tuple[str | int, ...], fail: Any, most: int) -> None:
    """A whole number from 1 (an id, or a position counted from 1)."""
    if not isinstance(value, int) or isinstance(value, bool):
        fail(loc, f"expected a whole number (got {_short(value)})")
    if not 1 <= value <= most:
        fail(loc, f"must be from 1 to {most:,} (got {_short(value)})")


MAX_ID = 2**63 - 1  # the largest id a database column holds


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
    _link_schemas(defs)
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


def _link_schemas(defs: dict[str, Any]) -> None:
    """The company links in the schema: fields of the file, not of the domain model."""

    def whole(most: int) -> dict[str, Any]:
        return {"type": "integer", "minimum": 1, "maximum": most}

    def shape(required: list[str], **properties: Any) -> dict[str, Any]:
        return {
            "type": "object",
            "required": required,
            "additionalProperties": False,
            "properties": properties,
        }

    no = whole(limits.MAX_LIST_ITEMS)
    defs["Workshop"]["properties"]["level"] = {"enum": [TEAM, COMPANY], "default": TEAM}
    defs["Workshop"]["properties"]["company"] = {
        "anyOf": [
            shape(["name", "period"], name={"type": "string"}, period={"type": "string"}),
            shape(["workshop_id"], workshop_id=whole(MAX_ID)),
            {"type": "null"},
        ]
    }
    defs["Objective"]["properties"]["company_link"] = {
        "anyOf": [
            shape(
                ["objective_no", "text"],
                objective_no=no,
                key_result_no=no,
                text={"type": "string"},
            ),
            shape(["objective_id"], objective_id=whole(MAX_ID)),
            shape(["key_result_id"], key_result_id=whole(MAX_ID)),
            {"type": "null"},
        ]
    }


def _short(value: Any) -> str:
    """A value for an error message: repr, cut so that a 10,000-character value stays one line."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
