"""The pilot plan as Markdown, for a wiki page or a chat message.

The same content as the PDF (`workshop.core.exports.pilot_content`), with user text
escaped by the workshop's Markdown rules so it always shows literally.
"""

from __future__ import annotations

from workshop.core.domain import Workshop
from workshop.core.exports.markdown import escape
from workshop.core.exports.pilot_content import PilotView, build_pilot
from workshop.core.pilot.plan import PilotPlan


def _cell(text: str) -> str:
    return escape(text, table=True) or "–"


def _notes(notes: list[str]) -> list[str]:
    """Each advice as its own quoted paragraph."""
    return [line for note in notes for line in (f"> {note}", "")]


def lines(view: PilotView) -> list[str]:
    """The Markdown document, line by line."""
    title = " · ".join(p for p in (view.organisation, view.period) if p.strip())
    out = [f"# OKR pilot plan: {escape(title, heading=True) or 'our organisation'}", ""]
    if view.facilitator.strip():
        out += [f"Facilitated by {escape(view.facilitator)}.", ""]

    out += ["## 1. Why a pilot", ""]
    if view.organisation_size.strip():
        out += [f"**Organisation size:** {escape(view.organisation_size)}", ""]
    if view.risk_title:
        out += [f"**The risk it reduces:** {view.risk_title}. {view.risk_detail}", ""]
    else:
        out += ["**The risk it reduces:** not chosen yet.", ""]
    if view.reason.strip():
        out += [f"**Our reason:** {escape(view.reason)}", ""]
    if view.small_note:
        out += [f"> {view.small_note}", ""]

    out += ["## 2. The pilot's objective and key results", ""]
    if not view.objectives:
        out += ["No objective yet.", ""]
    for objective in view.objectives:
        out += [f"**{escape(objective.text) or 'Objective not written yet'}**", ""]
        for kr in objective.key_results:
            details = "; ".join(p for p in (kr.measure, kr.owner and f"owner {kr.owner}") if p)
            suffix = f" ({escape(details)})" if details else ""
            out.append(f"- {escape(kr.text, line_start=True)}{suffix}")
        out.append("")

    out += ["## 3. The test group", ""]
    out += [f"**Size:** {escape(view.group_size) or 'not set yet'}", ""]
    if view.group_warning:
        out += [f"> {view.group_warning}", ""]
    out += [
        f"**Levels:** {', '.join(escape(n) for n in view.levels) or 'none ticked'}",
        "",
        f"**Departments:** {', '.join(escape(n) for n in view.departments) or 'none ticked'}",
        "",
    ]
    out += _notes(view.scope_warnings)

    out += ["## 4. How long", ""]
    if view.duration_title:
        out += [f"**{view.duration_title}.** {view.duration_detail}", ""]
    else:
        out += ["Not chosen yet.", ""]
    if view.suggested:
        out += [f"Suggested for this organisation's size: {view.suggested.lower()}.", ""]
    if view.growth:
        quarters = ", ".join(f"Q{i + 1}: {n:,}" for i, n in enumerate(view.growth))
        out += [f"People taking part each quarter: {quarters}.", ""]
    if view.duration_note.strip():
        out += [escape(view.duration_note, line_start=True), ""]
    if view.duration_warning:
        out += [f"> {view.duration_warning}", ""]

    out += ["## 5. What we test, in order", ""]
    out += ["| # | Stage | Question | Owner | Date |", "|---|---|---|---|---|"]
    for t in view.tests:
        out.append(
            f"| {t.number} | {t.title} | {_cell(t.question)} | {_cell(t.owner)} | {_cell(t.due)} |"
        )
    out.append("")
    out += _notes(view.order_warnings)

    out += ["## 6. The change checklist", "", view.change_summary, ""]
    out += ["| Element | State | What shows it | Action |", "|---|---|---|---|"]
    for c in view.changes:
        out.append(f"| {c.title} | {c.state} | {_cell(c.evidence)} | {_cell(c.action)} |")
    out.append("")
    for c in view.changes:
        if c.state == "missing":
            out.append(f"- **{c.title}:** {c.finding}")
    if any(c.state == "missing" for c in view.changes):
        out.append("")

    out += ["## 7. Open questions and next steps", ""]
    if view.questions:
        out += [f"- {escape(q, line_start=True)}" for q in view.questions] + [""]
    else:
        out += ["No open questions.", ""]
    if view.next_steps:
        out += ["| Next step | Owner | Date |", "|---|---|---|"]
        out += [f"| {_cell(s.text)} | {_cell(s.owner)} | {_cell(s.due)} |" for s in view.next_steps]
        out.append("")
    else:
        out += ["No next steps yet.", ""]
    return out


def dumps(workshop: Workshop, plan: PilotPlan) -> bytes:
    """The Markdown export as UTF-8 bytes, ending in one newline."""
    text = "\n".join(lines(build_pilot(workshop, plan))).rstrip("\n") + "\n"
    return text.encode("utf-8", errors="replace")
