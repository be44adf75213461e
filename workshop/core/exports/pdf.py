"""The printed handout and the blank worksheet: Jinja2 templates rendered by WeasyPrint.

Safety rules, all enforced here:

* user text only ever reaches a template as a value, never as template source;
* autoescaping is on, and `_finalize` also makes control characters visible,
  lets very long words wrap (see `workshop.core.exports.text`) and turns line
  breaks into <br>, for every {{ value }} in every template, so no template
  can forget to;
* StrictUndefined: a typo in a template fails the test suite instead of
  printing an empty string;
* WeasyPrint reads files through `TemplateOnlyFetcher`: template files only,
  no network, no other files, no data: URLs.

The document is laid out once (`write_pdf` on a fresh HTML object): no second
pass, no per-page work, and fonts come from the system's DejaVu via fontconfig.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from workshop.core.exports.errors import ExportError
from workshop.core.exports.text import breakable, shorten, visible
from workshop.core.paths import TEMPLATES_DIR

if TYPE_CHECKING:
    from jinja2 import Environment

    from workshop.core.domain import Workshop
    from workshop.core.room.record import RoomRecord

# CSS `@page { size: ... }` for each page size the command line offers.
PAGE_CSS = {"a4": "A4", "letter": "letter"}


def _finalize(value: Any) -> Any:
    """Applied to every {{ value }}: printable, escaped, with line breaks kept."""
    from markupsafe import Markup, escape

    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    text = breakable(visible(value))
    return Markup("<br>").join(escape(line) for line in text.split("\n"))


@functools.cache
def environment() -> Environment:
    """The Jinja2 environment, built once per process (templates compile once)."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )


def handout_html(
    workshop: Workshop, *, page_size: str = "a4", room: RoomRecord | None = None
) -> str:
    """The handout as HTML (what WeasyPrint lays out); useful for tests and debugging.

    With a `room` that holds notes, an appendix lists them with their dots (issue 16).
    """
    from workshop.core.agenda.model import AgendaError
    from workshop.core.exports.content import build

    try:
        handout = build(workshop)
    except AgendaError as error:
        # The scoring legend comes from the agenda; a broken agenda file is the user's to fix.
        raise ExportError(str(error)) from None
    title_parts = [p for p in (workshop.team, workshop.period) if p.strip()]
    running = shorten(" · ".join(title_parts), 70) if title_parts else "Our OKRs"
    return (
        environment()
        .get_template("handout.html.j2")
        .render(
            h=handout,
            title=f"OKRs: {running}",
            running=running,
            author=shorten(workshop.facilitator, 70),
            page_size=PAGE_CSS[page_size],
            room=_room_appendix(room, workshop),
        )
    )


def _room_appendix(room: RoomRecord | None, workshop: Workshop) -> list[dict[str, Any]]:
    if room is None or room.empty:
        return []
    from workshop.core.exports.room_export import room_appendix

    return room_appendix(room, workshop)


def worksheet_html(*, page_size: str = "a4") -> str:
    """The blank pre-work worksheet as HTML."""
    from workshop.core.agenda.model import AgendaError
    from workshop.core.exports.content import bands

    try:
        legend = bands()
    except AgendaError as error:
        raise ExportError(str(error)) from None
    return (
        environment()
        .get_template("worksheet.html.j2")
        .render(
            title="OKR pre-work worksheet",
            running="OKR pre-work worksheet",
            bands=legend,
            page_size=PAGE_CSS[page_size],
        )
    )


def render_handout(
    workshop: Workshop, *, page_size: str = "a4", room: RoomRecord | None = None
) -> bytes:
    """The handout PDF as bytes (with the room's appendix when `room` holds notes)."""
    return html_to_pdf(handout_html(workshop, page_size=page_size, room=room))


def render_worksheet(*, page_size: str = "a4") -> bytes:
    """The blank worksheet PDF as bytes."""
    return html_to_pdf(worksheet_html(page_size=page_size))


def html_to_pdf(html: str) -> bytes:
    """Lay out and write one PDF, reading files from the templates folder only."""
    from weasyprint import HTML

    from workshop.core.exports.fetcher import TemplateOnlyFetcher

    try:
        document = HTML(
            string=html,
            base_url=f"{TEMPLATES_DIR.as_uri()}/",
            url_fetcher=TemplateOnlyFetcher(TEMPLATES_DIR),
        )
        pdf = document.write_pdf()
    except Exception as error:  # WeasyPrint can fail in many ways; the user needs one line.
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ExportError(f"could not make the PDF: {reason}") from error
    assert pdf is not None  # write_pdf() without a target returns the bytes
    return pdf
