"""The Markdown export: the handout's content for a wiki page or a chat message.

Same content and wording as the PDF (both come from `workshop.core.exports.content`).
User text is escaped so it shows literally in any CommonMark or GitHub-flavoured
renderer, and in wikis that run a template language first:

* & < > become entities, so raw HTML in user text is never HTML;
* \\ ` * _ { } [ ] | ~ $ get a backslash (emphasis, code, links, tables,
  strike-through, math, and Liquid/Jinja braces);
* a user line that starts a Markdown line with # - + = or "1." / "1)" gets
  it escaped, so it cannot become a heading or a list (> is already &gt;);
* control characters are shown by name, as in the PDF (`text.visible`);
* a line break in user text becomes a hard line break (or <br> in a table).
"""

from __future__ import annotations

import re

from workshop.core.domain import Workshop
from workshop.core.exports.content import Handout, KeyResultView, ObjectiveView, build
from workshop.core.exports.text import visible

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_BACKSLASHED = set("\\`*_{}[]|~$")
_LINE_START = re.compile(r"^([#+\-=]|\d+(?=[.)]))")


def escape(
    text: str, *, table: bool = False, heading: bool = False, line_start: bool = False
) -> str:
    """User text made literal in Markdown (see the module docstring).

    `table`: for a table cell (line breaks become <br>); `heading`: for one line
    (line breaks become spaces); otherwise line breaks become hard breaks, and
    every line that will start a Markdown line is protected (all but the first,
    and the first too when `line_start`).
    """
    lines = [_escape_chars(line) for line in visible(text).split("\n")]
    if heading:
        return " ".join(" ".join(lines).split())
    if table:
        return "<br>".join(line.strip() for line in lines)
    # A rendered paragraph drops leading blanks anyway; dropping them here keeps
    # four of them from turning the line into a code block.
    protected = [
        _LINE_START.sub(_escape_line_start, line.lstrip(" \t")) if i or line_start else line
        for i, line in enumerate(lines)
    ]
    return "\\\n".join(protected)


def _escape_chars(line: str) -> str:
    return "".join(_ENTITIES.get(ch) or ("\\" + ch if ch in _BACKSLASHED else ch) for ch in line)


def _escape_line_start(match: re.Match[str]) -> str:
    token = match.group(1)
    # "1." -> "1\." : for a number the escape goes on the punctuation after it.
    return token + "\\" if token.isdigit() else "\\" + token


def dumps(workshop: Workshop) -> bytes:
    """The Markdown export as UTF-8 bytes."""
    handout = build(workshop)
    parts = [_cover(handout), _plan(handout), _follow_up(handout)]
    if handout.timings:
        parts.append(_appendix(handout))
    return ("\n\n".join(p.strip("\n") for p in parts) + "\n").encode("utf-8")


def _cover(h: Handout) -> str:
    title = escape(h.team, heading=True) or "Our team"
    period = escape(h.period, heading=True)
    rows = [
        ("Workshop held", h.date),
        ("Facilitator", h.facilitator or "—"),
        ("OKR champion", h.champion or "—"),
        ("In the room", ", ".join(h.participants) or "—"),
        ("Approach", h.approach),
        ("Cascade model", h.cascade_name),
    ]
    lines = [f"# OKRs: {title}" + (f" \u2014 {period}" if period else ""), ""]
    lines += ["| | |", "|---|---|"]
    lines += [f"| {key} | {escape(value, table=True)} |" for key, value in rows if value]
    return "\n".join(lines)


def _plan(h: Handout) -> str:
    lines = ["## The plan", "", "### Business priorities", ""]
    if h.priorities:
        for number, (text, whys) in enumerate(h.priorities, start=1):
            lines.append(f"{number}. **{_inline(text)}**")
            if whys:
                lines.append("   Why it matters:")
                lines += [f"   - {_item(why, indent=5)}" for why in whys]
    else:
        lines.append("*No priorities were written down.*")
    if h.parent_objectives:
        lines += ["", "### Company OKRs we build on", ""]
        for number, (text, key_results) in enumerate(h.parent_objectives, start=1):
            lines.append(f"{number}. **{_inline(text)}**")
            lines += [
                f"   - {number}.{k} {_item(kr, indent=5)}"
                for k, kr in enumerate(key_results, start=1)
            ]
    lines += ["", "### Our objectives and key results", ""]
    lines.append(f"*Cascade model: {h.cascade_name}.* {h.cascade_text}")
    if not h.objectives:
        lines += ["", "*No objectives were written down.*"]
    for objective in h.objectives:
        lines += ["", _objective(objective)]
    return "\n".join(lines)


def _objective(o: ObjectiveView) -> str:
    lines = [f"#### Objective {o.number} \u00b7 {o.goal_label} ({o.goal_rule})", ""]
    lines.append(f"**{_inline(o.text)}**" if o.text else "*(no wording yet)*")
    lines.append("")
    for link in o.links:
        if link.text is None:
            lines.append(f"- {link.label}: *no longer in the list*")
        else:
            context = f" (under \u201c{_inline(link.context)}\u201d)" if link.context else ""
            lines.append(f"- {link.label}: {_item(link.text, indent=2)}{context}")
    if not o.links:
        lines.append("- *Not linked to a priority or a company key result.*")
    if o.missing_link:
        lines.append("- **The duality model needs a company key result here.**")
    lines.append("")
    if o.key_results:
        lines += ["| # | Key result | Type | Change | Owner |", "|--:|---|---|---|---|"]
        lines += [_kr_row(kr) for kr in o.key_results]
    else:
        lines.append("*No key results yet.*")
    mark = {"passed": "\u2713", "failed": "\u2717"}.get(o.test.status, "\u25cb")
    lines += ["", f"{mark} **Necessary and sufficient:** {o.test.summary}"]
    lines += [f"- Earlier: {_item(run, indent=2)}" for run in o.test.earlier]
    if o.other_wordings:
        wordings = "; ".join(f"\u201c{_inline(t)}\u201d" for t in o.other_wordings)
        lines += ["", f"*Other wordings we tried:* {wordings}"]
    return "\n".join(lines)


def _kr_row(kr: KeyResultView) -> str:
    if kr.has_change:
        start = escape(kr.start or "?", table=True)
        target = escape(kr.target or "?", table=True)
        change = f"from **{start}** to **{target}**"
        if kr.unit:
            change += f" {escape(kr.unit, table=True)}"
    else:
        change = f"*{kr.change}*"
    owner = escape(kr.owner, table=True) or "—"
    return f"| {kr.number} | {escape(kr.text, table=True)} | {kr.kind} | {change} | {owner} |"


def _follow_up(h: Handout) -> str:
    lines = ["## The follow-up", "", "### Review schedule", ""]
    if h.meetings:
        lines += [f"Times are in {escape(h.timezone)}.", ""]
        lines += ["| Date | Time | Meeting | Length | Note |", "|---|---|---|--:|---|"]
        lines += [
            f"| {m.date} | {m.time} | {m.kind} | {m.minutes} min | {escape(m.note, table=True)} |"
            for m in h.meetings
        ]
    else:
        lines.append("*No review meetings were scheduled.*")
    lines += ["", "### Open questions", ""]
    if h.questions:
        for text, owner in h.questions:
            suffix = f" \u2014 {_inline(owner)}" if owner else ""
            lines.append(f"- {_item(text, indent=2)}{suffix}")
    else:
        lines.append("*None: every question was answered in the room.*")
    lines += ["", "### Next steps", ""]
    if h.next_steps:
        lines += ["| # | Step | Owner | Due |", "|--:|---|---|---|"]
        lines += [
            f"| {n} | {escape(text, table=True)} | "
            f"{escape(owner, table=True) or 'not yet assigned'} | {due or 'no date yet'} |"
            for n, (text, owner, due) in enumerate(h.next_steps, start=1)
        ]
    else:
        lines.append("*No next steps were recorded.*")
    lines += ["", "### Follow-up meeting", ""]
    if h.follow_up or h.follow_up_note:
        when = f"**{h.follow_up}**" if h.follow_up else ""
        note = escape(h.follow_up_note, line_start=not when)
        lines.append(" \u2014 ".join(p for p in (when, note) if p))
    else:
        lines.append("*No follow-up meeting is planned.*")
    lines += ["", "### How we score at the end of the period", ""]
    lines.append(
        "**Committed objectives** score 1.0 when delivered and 0 when not; nothing in between. "
        "**Aspirational objectives** stretch us: a score of about 0.7 is the usual, "
        "healthy result."
    )
    if h.bands:
        lines += [
            "",
            "During the period, each key result's progress (the share of the way from start "
            "to target) gets a colour:",
            "",
            "| Colour | Progress | Meaning |",
            "|---|---|---|",
        ]
        lines += [f"| {b.name} | {b.range} | {escape(b.label, table=True)} |" for b in h.bands]
    return "\n".join(lines)


def _appendix(h: Handout) -> str:
    lines = ["## Appendix: time per stage", ""]
    lines.append(
        "Minutes and seconds. The adjusted plan includes time added or moved between stages "
        "during the workshop; the difference compares the actual time with it. A stage the "
        "clock never ran in is marked “not run”, and the total compares only the stages that "
        "ran."
    )
    lines += [
        "",
        "| Stage | Planned | Adjusted | Actual | Difference |",
        "|---|--:|--:|--:|--:|",
    ]
    rows = list(h.timings)
    if h.timing_total is not None:
        rows.append(h.timing_total)
    for t in rows:
        title = escape(t.title, table=True)
        if t is h.timing_total:
            title = f"**{title}**"
        lines.append(f"| {title} | {t.planned} | {t.adjusted} | {t.actual} | {t.difference} |")
    extras = []
    if h.break_time:
        extras.append(f"Breaks: {h.break_time}.")
    if h.paused_time:
        extras.append(f"Clock paused outside breaks: {h.paused_time}.")
    if extras:
        lines += ["", " ".join(extras)]
    return "\n".join(lines)


def _inline(text: str) -> str:
    """User text inside one line we build (a bold title, a quoted wording): no line breaks."""
    return escape(text, heading=True)


def _item(text: str, *, indent: int) -> str:
    """User text in a list item: line breaks become hard breaks, indented to stay in the item."""
    return escape(text).replace("\\\n", "\\\n" + " " * indent)
