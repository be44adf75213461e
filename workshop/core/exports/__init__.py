"""Exports and imports of a workshop: the PDF handout, Markdown, JSON, CSV and a calendar.

This module is imported by the command line and the app at start-up, so it stays
light: WeasyPrint, Jinja2 and icalendar are imported inside the function that
needs them, never here. Each format lives in its own module:

    json_format  the whole workshop, versioned; exact round trip
    csv_format   one row per key result; also the spreadsheet import format
    ics          one event per review meeting, in the workshop's time zone
    markdown     the handout's content for a wiki or a chat
    pdf          the printed handout and the blank worksheet (Jinja2 + WeasyPrint)

docs/exports.md describes every format for users.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workshop.core.exports.errors import ExportError, ImportFileError

if TYPE_CHECKING:
    from workshop.core.domain import Workshop
    from workshop.core.exports.json_format import CompanyLinks, Imported
    from workshop.core.room.record import RoomRecord

__all__ = [
    "FORMATS",
    "PAGE_SIZES",
    "ExportError",
    "ImportFileError",
    "default_export_path",
    "export_workshop",
    "read_import",
    "read_import_all",
    "render",
    "write_worksheet",
]

# Format name -> file extension.
FORMATS: dict[str, str] = {
    "pdf": "pdf",
    "md": "md",
    "json": "json",
    "csv": "csv",
    "ics": "ics",
    "steps": "next-steps.csv",  # the wrap-up's next steps: step, owner, due date
}
PAGE_SIZES: tuple[str, ...] = ("a4", "letter")

# Both import formats share the CSV size limit, checked before reading the file.
MAX_IMPORT_BYTES = 20 * 1024 * 1024


def default_export_path(workshop: Workshop, fmt: str) -> Path:
    """exports/<team>-<period>.<ext> under the current folder, with a safe file name."""
    from workshop.core.exports.names import export_stem
    from workshop.core.paths import exports_dir

    extension = _extension(fmt)
    if workshop.meeting_kind == "pilot":
        from workshop.core.exports import pilot_files

        return pilot_files.default_path(workshop, extension)
    return exports_dir() / f"{export_stem(workshop.team, workshop.period, workshop.id)}.{extension}"


def render(
    workshop: Workshop,
    fmt: str,
    *,
    page_size: str = "a4",
    room: RoomRecord | None = None,
    quarter: dict[str, Any] | None = None,
    links: CompanyLinks | None = None,
) -> bytes:
    """The export in memory, exactly the bytes `export_workshop` would write.

    `room`: what participants wrote on their devices (issue 16): the JSON's "room" and
    the handout's appendix. `links`: the workshop's company links (issue 18), in the
    JSON (`workshop.core.org.links.export_links` reads them).
    """
    _extension(fmt)
    _page_size(page_size)
    if workshop.meeting_kind == "pilot":
        # A pilot plan (issue 19) has its own PDF, Markdown and JSON; no CSV or calendar.
        from workshop.core.exports import pilot_files

        return pilot_files.render(workshop, fmt, page_size=page_size)
    if fmt == "pdf":
        from workshop.core.exports import pdf

        return pdf.render_handout(workshop, page_size=page_size, room=room)
    if fmt == "json":
        from workshop.core.exports import json_format

        return json_format.dumps(workshop, room=room, quarter=quarter, links=links)
    if fmt == "csv":
        from workshop.core.exports import csv_format

        return csv_format.dumps(workshop)
    if fmt == "steps":
        from workshop.core.exports import csv_format

        return csv_format.dumps_next_steps(workshop)
    if fmt == "ics":
        from workshop.core.exports import ics

        return ics.dumps(workshop)
    from workshop.core.exports import markdown

    return markdown.dumps(workshop)


def export_workshop(
    workshop: Workshop,
    fmt: str,
    path: Path,
    *,
    page_size: str = "a4",
    room: RoomRecord | None = None,
    quarter: dict[str, Any] | None = None,
    links: CompanyLinks | None = None,
) -> Path:
    """Render the export, then write it to `path` atomically; returns the path written.

    Rendering happens completely in memory first, so a failure leaves no file
    behind and an earlier export at `path` untouched. With a `room` that holds
    anything, a CSV export also writes the room's CSV beside it (`<stem>-room.csv`).
    """
    from workshop.core.exports.atomic import write_atomic

    has_room = room is not None and not room.empty
    extra: dict[str, Any] = {"room": room} if fmt in ("json", "pdf") and has_room else {}
    if fmt == "json" and quarter:
        extra["quarter"] = quarter  # the check-ins and quarter-end reviews on its OKRs
    if fmt == "json" and links is not None and not links.empty:
        extra["links"] = links  # its place in the organisation
    written = write_atomic(Path(path), render(workshop, fmt, page_size=page_size, **extra))
    if fmt == "csv" and room is not None and has_room:
        from workshop.core.exports.room_export import room_csv, room_csv_path

        write_atomic(room_csv_path(Path(path)), room_csv(room, workshop))
    return written


def write_worksheet(path: Path, *, page_size: str = "a4") -> Path:
    """Write the blank pre-work worksheet PDF to `path` atomically; returns the path."""
    from workshop.core.exports import pdf
    from workshop.core.exports.atomic import write_atomic

    return write_atomic(Path(path), pdf.render_worksheet(page_size=_page_size(page_size)))


def read_import(path: Path, *, team: str | None = None, period: str | None = None) -> Workshop:
    """Read a CSV or JSON file into a Workshop (not stored: the caller decides).

    The format comes from the extension (.csv, .json), or from the content when
    the extension is neither (a file starting with "{" is JSON). `team` and
    `period`, when given, replace the file's values (a CSV has none).
    """
    return read_import_all(path, team=team, period=period).workshop


def read_import_all(path: Path, *, team: str | None = None, period: str | None = None) -> Imported:
    """`read_import`, with what a JSON export holds beside the workshop: the room and
    the company links (`workshop.core.org.imports.store_extras` stores them)."""
    from workshop.core.exports.json_format import Imported

    path = Path(path)
    data = _read_bytes(path)
    source = str(path)
    suffix = path.suffix.lower()
    is_json = suffix == ".json" or (
        suffix != ".csv" and data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")
    )
    if is_json:
        from workshop.core.exports import json_format, pilot_json

        if pilot_json.is_pilot_document(data):
            imported = Imported(pilot_json.loads(data, source))
        else:
            imported = json_format.read_all(data, source)
    else:
        from workshop.core.exports import csv_format

        imported = Imported(csv_format.loads(data, source))
    changes = {k: v for k, v in (("team", team), ("period", period)) if v is not None}
    if changes:
        imported = replace(imported, workshop=imported.workshop.model_copy(update=changes))
    return imported


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing anything over MAX_IMPORT_BYTES without reading it all."""
    limit_mb = MAX_IMPORT_BYTES // 1024 // 1024
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_IMPORT_BYTES + 1)
    except OSError as error:
        raise ImportFileError(f"{path}: cannot read: {error.strerror or error}") from None
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(f"{path}: the file is larger than {limit_mb} MB, the limit")
    return data


def _extension(fmt: str) -> str:
    try:
        return FORMATS[fmt]
    except KeyError:
        raise ExportError(
            f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}"
        ) from None


def _page_size(page_size: str) -> str:
    if page_size not in PAGE_SIZES:
        raise ExportError(f"unknown page size {page_size!r}; choose a4 or letter")
    return page_size
