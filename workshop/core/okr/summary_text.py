"""The summary of everything a workshop captured, as plain text sections.

Textual-free, so it is tested without a UI: the wrap-up screen turns each line
into a label (through `visible()`), and `as_text()` gives the same content as
one string. Lines hold user text verbatim; escaping is the display's job.
Blank items (an empty line left in a list) are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workshop.core.domain import (
    KeyResult,
    KeyResultKind,
    Objective,
    Workshop,
)
from workshop.core.okr.cadence import format_time, local_moment, short_date
from workshop.core.okr.ns_test import outcome_words


@dataclass(frozen=True)
class Line:
    text: str
    level: int = 0  # 0: an item; 1: under the item above it
    note: bool = False  # a remark about the data (e.g. "none yet"), shown dimmer


@dataclass
class Section:
    title: str
    lines: list[Line] = field(default_factory=list)

    def add(self, text: str, level: int = 0, *, note: bool = False) -> None:
        self.lines.append(Line(text, level, note))


def _blank(text: str) -> bool:
    return not text.strip()


def _or_unset(text: str) -> str:
    return text if not _blank(text) else "not set"


def minutes(seconds: float) -> str:
    """Whole minutes, rounded: 1790 -> '30 min'."""
    return f"{round(seconds / 60)} min"


def setup_section(w: Workshop) -> Section:
    s = Section("The workshop")
    s.add(f"Team: {_or_unset(w.team)}")
    s.add(f"Period: {_or_unset(w.period)}")
    s.add(f"Facilitator: {_or_unset(w.facilitator)}")
    s.add(f"OKR champion: {_or_unset(w.champion)}")
    people = [p for p in w.participants if not _blank(p)]
    s.add(f"Participants ({len(people)}): {', '.join(people) if people else 'none listed'}")
    s.add(f"Approach: {w.approach.value}")
    model = w.cascade_model.value if w.cascade_model else "not chosen"
    s.add(f"Cascade model: {model}")
    return s


def company_section(w: Workshop) -> Section | None:
    parents = [p for p in w.parent_objectives if not _blank(p.text)]
    if not parents:
        return None
    s = Section("Company OKRs the team builds on")
    for o, parent in enumerate(w.parent_objectives, 1):
        if _blank(parent.text):
            continue
        s.add(f"{o}. {parent.text}")
        for k, kr in enumerate(parent.key_results, 1):
            if not _blank(kr.text):
                s.add(f"{o}.{k} {kr.text}", 1)
    return s


def priorities_section(w: Workshop) -> Section:
    s = Section("Priorities and why they matter")
    for n, priority in enumerate(w.priorities, 1):
        if _blank(priority.text) and all(_blank(y) for y in priority.whys):
            continue
        s.add(f"{n}. {priority.text}")
        for why in priority.whys:
            if not _blank(why):
                s.add(f"why: {why}", 1)
    if not s.lines:
        s.add("No priorities written.", note=True)
    return s


def _link(w: Workshop, objective: Objective) -> str | None:
    parts = []
    index = objective.priority_index
    if index is not None and 0 <= index < len(w.priorities):
        parts.append(f"serves priority {index + 1}: {w.priorities[index].text}")
    parent = w.parent_key_result(objective.parent_ref)
    if parent is not None and objective.parent_ref:
        # Stored as 0-based "o.k"; the company section numbers them from 1.
        number = ".".join(str(int(part) + 1) for part in objective.parent_ref.split("."))
        parts.append(f"builds on company key result {number}: {parent.text}")
    return "; ".join(parts) or None


def key_result_line(kr: KeyResult) -> str:
    """'text (metric, from 40 to 60 %, owner: Ana)'."""
    details = [kr.kind.value]
    if kr.kind is KeyResultKind.METRIC and (kr.start or kr.target or kr.unit):
        change = f"from {kr.start or '?'} to {kr.target or '?'}"
        details.append(f"{change} {kr.unit}" if kr.unit else change)
    details.append(f"owner: {kr.owner}" if not _blank(kr.owner) else "no owner yet")
    return f"{kr.text} ({', '.join(details)})"


def ns_outcome(objective: Objective, number: int) -> str:
    """The necessary-and-sufficient test in one line, in the words the stage uses."""
    return f"Necessary and sufficient: {outcome_words(objective.ns_test, number)}"


def objectives_section(w: Workshop) -> Section:
    s = Section("Objectives and key results")
    for n, objective in enumerate(w.objectives, 1):
        krs = [kr for kr in objective.key_results if not _blank(kr.text)]
        if _blank(objective.text) and not krs:
            continue
        s.add(f"Objective {n} ({objective.goal_type.value}): {objective.text}")
        link = _link(w, objective)
        if link:
            s.add(link, 1, note=True)
        for k, kr in enumerate(objective.key_results, 1):
            if not _blank(kr.text):
                s.add(f"KR {n}.{k}: {key_result_line(kr)}", 1)
        if not krs:
            s.add("No key results yet.", 1, note=True)
        s.add(ns_outcome(objective, n), 1, note=objective.ns_test.passed is not False)
    if not s.lines:
        s.add("No objectives written.", note=True)
    return s


def meetings_section(w: Workshop) -> Section:
    s = Section(f"Review meetings ({w.timezone})")
    for m in sorted(w.meetings, key=lambda m: (m.date, m.time)):
        line = f"{short_date(m.date, year=True)} at {format_time(m.time)}: {m.kind.value}"
        s.add(f"{line}, {m.note}" if not _blank(m.note) else line)
    if not s.lines:
        s.add("No meetings scheduled.", note=True)
    return s


def wrap_up_section(w: Workshop) -> Section:
    s = Section("Open questions and next steps")
    questions = [q for q in w.questions if not _blank(q.text)]
    steps = [n for n in w.next_steps if not _blank(n.text) or not _blank(n.owner) or n.due]
    s.add(f"Open questions ({len(questions)})")
    for q in questions:
        s.add(q.text, 1)
    s.add(f"Next steps ({len(steps)})")
    for step in steps:
        owner = f"owner: {step.owner}" if not _blank(step.owner) else "no owner yet"
        due = f"due {short_date(step.due, year=True)}" if step.due else "no due date yet"
        s.add(f"{step.text} ({owner}, {due})", 1)
    if w.follow_up is not None:
        moment = local_moment(w.follow_up, w.timezone)
        when = f"{short_date(moment.date(), year=True)} at {format_time(moment.time())}"
        note = f", {w.follow_up_note}" if not _blank(w.follow_up_note) else ""
        s.add(f"Follow-up meeting: {when}{note}")
    else:
        s.add("No follow-up meeting.", note=True)
    return s


def time_section(w: Workshop) -> Section:
    s = Section("Time: planned and actual")
    timed = [t for t in w.timings if t.planned_seconds or t.actual_seconds]
    for t in timed:
        plan = minutes(t.planned_seconds)
        if t.adjusted_seconds != t.planned_seconds:
            plan += f" (then {minutes(t.adjusted_seconds)})"
        s.add(f"{t.title}: planned {plan}, took {minutes(t.actual_seconds)}")
    if timed:
        planned = sum(t.planned_seconds for t in timed)
        actual = sum(t.actual_seconds for t in timed)
        s.add(f"In all: planned {minutes(planned)}, took {minutes(actual)}")
    s.add(f"Breaks: {minutes(w.break_seconds)}")
    return s


def build_summary(w: Workshop) -> list[Section]:
    """Every section, in the order the workshop ran."""
    sections = [setup_section(w), company_section(w), priorities_section(w)]
    sections += [objectives_section(w), meetings_section(w), wrap_up_section(w), time_section(w)]
    return [s for s in sections if s is not None]


def as_text(sections: list[Section]) -> str:
    """The summary as one plain string, indented by level."""
    out = []
    for section in sections:
        out.append(section.title)
        out.extend("  " * (line.level + 1) + line.text for line in section.lines)
        out.append("")
    return "\n".join(out)
