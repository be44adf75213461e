"""The pilot plan as a PDF of one or two pages, with the handout's safe Jinja2 environment.

User text reaches the template only as values; `workshop.core.exports.pdf` escapes
them, makes control characters visible and reads template files only.
"""

from __future__ import annotations

from workshop.core.domain import Workshop
from workshop.core.exports.pdf import PAGE_CSS, environment, html_to_pdf
from workshop.core.exports.pilot_content import build_pilot
from workshop.core.exports.text import shorten
from workshop.core.pilot.plan import PilotPlan


def pilot_html(workshop: Workshop, plan: PilotPlan, *, page_size: str = "a4") -> str:
    """The plan as HTML (what WeasyPrint lays out)."""
    view = build_pilot(workshop, plan)
    running = shorten(" · ".join(p for p in (workshop.team, workshop.period) if p.strip()), 70)
    return (
        environment()
        .get_template("pilot.html.j2")
        .render(
            p=view,
            title=f"OKR pilot plan: {running or 'our organisation'}",
            running=f"OKR pilot plan · {running}" if running else "OKR pilot plan",
            author=shorten(workshop.facilitator, 70),
            page_size=PAGE_CSS[page_size],
        )
    )


def render_pilot(workshop: Workshop, plan: PilotPlan, *, page_size: str = "a4") -> bytes:
    """The plan's PDF as bytes."""
    return html_to_pdf(pilot_html(workshop, plan, page_size=page_size))
