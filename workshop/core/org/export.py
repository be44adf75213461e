"""The alignment view as Markdown and as a PDF page set (Jinja2 + WeasyPrint).

Both read an `Alignment` (workshop.core.org.alignment) and say the same things in
the same order: each company objective, the team objectives serving it, each of
its key results with the team objectives serving that key result by team (with
the team's cascade model); the company key results no team supports yet; and the
team objectives that serve nothing in the company's OKRs, listed plainly and not
as a fault. Files are written atomically.
"""

from __future__ import annotations

from pathlib import Path

from workshop.core.exports.atomic import write_atomic
from workshop.core.exports.markdown import escape
from workshop.core.org.alignment import Alignment, TeamGroup, cascade_title

FORMATS = ("md", "pdf")

# What the view says about objectives that align to nothing: allowed, not wrong.
UNALIGNED_NOTE = (
    "These objectives do not serve a company objective or key result. That is allowed: "
    "a team working bottom-up may set objectives of its own beside the company's."
)
UNSUPPORTED_NOTE = "No team objective serves these company key results yet."


def no_own_objectives_note(alignment: Alignment) -> str:
    """What the view says when no team objective stands on its own: why there are none."""
    if not alignment.teams:
        return "No team has linked its workshop to these OKRs yet."
    if not alignment.aligned_count:
        return "The linked teams have not written any objectives yet."
    return "Every team objective serves a company objective or key result."


def _title(alignment: Alignment) -> str:
    org = alignment.organisation
    period = f" — {org.period}" if org.period else ""
    return f"Alignment: {org.name or 'the company'}{period}"


def _md(text: str) -> str:
    return escape(text, heading=True) or "(no words yet)"


def _groups_md(groups: tuple[TeamGroup, ...], indent: str) -> list[str]:
    lines = []
    for group in groups:
        model = cascade_title(group.team.cascade_model)
        lines.append(f"{indent}- **{_md(group.team.name)}** ({escape(model, heading=True)})")
        for objective in group.objectives:
            lines.append(f"{indent}  - {_md(objective.text)} *({objective.goal_type})*")
    return lines


def markdown(alignment: Alignment) -> str:
    """The alignment view as a Markdown document."""
    org = alignment.organisation
    lines = [f"# {escape(_title(alignment), heading=True)}", ""]
    teams = ", ".join(
        f"{_md(t.team.name)} ({t.aligned} aligned, {t.unaligned} of its own)"
        for t in alignment.teams
    )
    lines += [
        f"{len(org.objectives)} company objectives, {alignment.key_result_count} key results; "
        f"{len(alignment.teams)} teams: {teams or 'none linked yet'}.",
        "",
    ]
    for number, item in enumerate(alignment.objectives, start=1):
        lines += [f"## {number}. {_md(item.objective.text)}", ""]
        if item.serving:
            lines.append("Serving the objective as a whole:")
            lines += _groups_md(item.serving, "")
            lines.append("")
        for kr_number, kr in enumerate(item.key_results, start=1):
            lines.append(f"### KR {number}.{kr_number} {_md(kr.key_result.text)}")
            lines.append("")
            if kr.serving:
                lines += _groups_md(kr.serving, "")
            else:
                lines.append("*No team objective serves this key result yet.*")
            lines.append("")
    lines += ["## Company key results no team supports", ""]
    if alignment.unsupported:
        lines.append(UNSUPPORTED_NOTE)
        lines.append("")
        for gap in alignment.unsupported:
            lines.append(f"- {gap.label} {_md(gap.key_result.text)}")
    else:
        lines.append("Every company key result has at least one team objective serving it.")
    lines += ["", "## Team objectives of their own", ""]
    if alignment.unaligned:
        lines += [UNALIGNED_NOTE, ""]
        lines += _groups_md(alignment.unaligned, "")
    else:
        lines.append(no_own_objectives_note(alignment))
    return "\n".join(lines).rstrip() + "\n"


def html(alignment: Alignment, *, page_size: str = "a4") -> str:
    from workshop.core.exports.pdf import environment

    template = environment().get_template("alignment.html.j2")
    return template.render(
        a=alignment,
        title=_title(alignment),
        running=_title(alignment),
        page_size=page_size,
        cascade_title=cascade_title,
        unaligned_note=UNALIGNED_NOTE,
        no_own_objectives_note=no_own_objectives_note(alignment),
        unsupported_note=UNSUPPORTED_NOTE,
    )


def pdf(alignment: Alignment, *, page_size: str = "a4") -> bytes:
    from workshop.core.exports.pdf import html_to_pdf

    return html_to_pdf(html(alignment, page_size=page_size))


def write(alignment: Alignment, path: Path, fmt: str, *, page_size: str = "a4") -> Path:
    """Write the view as `fmt` ("md" or "pdf") to `path`, atomically."""
    if fmt == "md":
        data = markdown(alignment).encode("utf-8")
    elif fmt == "pdf":
        data = pdf(alignment, page_size=page_size)
    else:
        raise ValueError(f"unknown alignment format {fmt!r}: md or pdf")
    return write_atomic(path, data)
