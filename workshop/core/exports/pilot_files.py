"""The pilot plan's three files: the PDF plan, Markdown and JSON, each written atomically.

`render` makes the bytes in memory; `export` writes them through `atomic.write_atomic`,
so a failed export leaves no half-written file and an earlier one untouched.
Default names are exports/<organisation>-<period>-pilot.<ext>.
"""

from __future__ import annotations

from pathlib import Path

from workshop.core.domain import Workshop
from workshop.core.exports.errors import ExportError
from workshop.core.pilot.plan import PilotPlan

# Format -> what it is called when the room is told it was written.
FORMATS: dict[str, str] = {"pdf": "pilot plan PDF", "md": "Markdown", "json": "JSON"}
PAGE_SIZES = ("a4", "letter")


def _plan(workshop: Workshop) -> PilotPlan:
    from workshop.core.pilot.rules import plan_from_json

    try:
        return plan_from_json(workshop.meeting_json)
    except ValueError as error:
        raise ExportError(str(error)) from None


def render(workshop: Workshop, fmt: str, *, page_size: str = "a4") -> bytes:
    """The file's bytes; ExportError (one line) for an unknown format or page size."""
    if fmt not in FORMATS:
        raise ExportError(
            f"a pilot plan exports as {', '.join(FORMATS)}; {fmt!r} is not one of them"
        )
    if page_size not in PAGE_SIZES:
        raise ExportError(f"unknown page size {page_size!r}; choose a4 or letter")
    plan = _plan(workshop)
    if fmt == "pdf":
        from workshop.core.exports.pilot_pdf import render_pilot

        return render_pilot(workshop, plan, page_size=page_size)
    if fmt == "md":
        from workshop.core.exports.pilot_markdown import dumps as markdown

        return markdown(workshop, plan)
    from workshop.core.exports.pilot_json import dumps

    return dumps(workshop, plan)


def default_path(workshop: Workshop, fmt: str) -> Path:
    from workshop.core.exports.names import export_stem
    from workshop.core.paths import exports_dir

    stem = export_stem(workshop.team, workshop.period, workshop.id)
    return exports_dir() / f"{stem}-pilot.{fmt}"


def export(workshop: Workshop, fmt: str, path: Path, *, page_size: str = "a4") -> Path:
    """Render, then write atomically; returns the path written."""
    from workshop.core.exports.atomic import write_atomic

    return write_atomic(Path(path), render(workshop, fmt, page_size=page_size))
