"""The pilot plan's JSON export and import: the workshop part and the plan, versioned.

    {"format": "okr-pilot-plan", "schema_version": 1, "workshop": {...}, "plan": {...}}

`workshop` is exactly what the workshop's own JSON export holds (organisation,
facilitator, the pilot's objective and key results, the clock's record), `plan`
is the `PilotPlan`. Importing a file and exporting it again gives the same bytes.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import ValidationError

from workshop.core.domain import Workshop
from workshop.core.exports import json_format, limits
from workshop.core.exports.errors import ExportError, ImportFileError
from workshop.core.pilot.plan import PilotPlan
from workshop.core.pilot.rules import plan_from_json

FORMAT_NAME = "okr-pilot-plan"
SCHEMA_VERSION = 1
PILOT_KIND = "pilot"


def envelope(workshop: Workshop, plan: PilotPlan) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "schema_version": SCHEMA_VERSION,
        "workshop": json_format.envelope(workshop)["workshop"],
        "plan": plan.model_dump(mode="json"),
    }


def dumps(workshop: Workshop, plan: PilotPlan | None = None) -> bytes:
    """The JSON export as UTF-8 bytes, indented, ending in a newline."""
    if plan is None:
        plan = plan_from_json(workshop.meeting_json)
    text = json.dumps(envelope(workshop, plan), ensure_ascii=False, indent=2) + "\n"
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise ExportError("the plan contains text that cannot be written as UTF-8") from None


def is_pilot_document(data: bytes) -> bool:
    """True if `data` looks like this format (for the importer to choose a reader)."""
    head = data[:4096].decode("utf-8", errors="ignore")
    return re.search(r'"format"\s*:\s*"' + FORMAT_NAME + '"', head) is not None


def loads(data: bytes, source: str) -> Workshop:
    """Read a pilot export into a Workshop of kind "pilot" with its plan in `meeting_json`.

    Raises ImportFileError with one line naming the JSON path of the first problem.
    """
    document = json_format.read_document(data, source)
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise ImportFileError(f'{source}: $.format: expected "{FORMAT_NAME}"')
    version = document.get("schema_version")
    if version != SCHEMA_VERSION or isinstance(version, bool):
        raise ImportFileError(
            f"{source}: $.schema_version: this version of OKR Workshop reads pilot plans "
            f"of schema {SCHEMA_VERSION} (got {json_format._short(version)})"
        )
    extra = sorted(set(document) - {"format", "schema_version", "workshop", "plan"})
    if extra:
        raise ImportFileError(f"{source}: $.{extra[0]}: not a known field")
    for part in ("workshop", "plan"):
        if part not in document:
            raise ImportFileError(f"{source}: $.{part}: is required")
    workshop = _validated(Workshop, document["workshop"], "workshop", source)
    plan = _validated(PilotPlan, document["plan"], "plan", source)
    limits.check_workshop(workshop, source)
    return workshop.model_copy(
        update={"meeting_kind": PILOT_KIND, "meeting_json": plan.model_dump_json()}
    )


def _validated(model: Any, value: Any, part: str, source: str) -> Any:
    try:
        return model.model_validate(value)
    except ValidationError as error:
        first = error.errors()[0]
        where = json_format.json_path((part, *first["loc"]))
        problem = first["msg"][:1].lower() + first["msg"][1:]
        if first["type"] != "missing" and not isinstance(first.get("input"), dict | list):
            problem += f" (got {json_format._short(first.get('input'))})"
        more = len(error.errors()) - 1
        if more:
            problem += f" (and {more} more problem(s))"
        raise ImportFileError(f"{source}: {where}: {problem}") from None
