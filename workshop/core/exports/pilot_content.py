"""What a pilot plan's handout says, worked out once for the PDF and the Markdown.

`build_pilot(workshop, plan)` turns the stored plan and the rules' advice into plain
view objects; the templates and the Markdown writer only lay them out. User text
is passed on verbatim: escaping is the writer's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workshop.core.domain import Workshop
from workshop.core.pilot import rules
from workshop.core.pilot.plan import InPlace, PilotDuration, PilotPlan, ScopeKind


@dataclass(frozen=True)
class KeyResultLine:
    text: str
    measure: str  # "from 20 to 80 %", or "" for a milestone with nothing to show
    owner: str


@dataclass(frozen=True)
class ObjectiveLine:
    text: str
    key_results: list[KeyResultLine]


@dataclass(frozen=True)
class TestLine:
    number: int
    title: str
    question: str
    owner: str
    due: str
    problems: str  # "needs an owner, needs a date", or ""


@dataclass(frozen=True)
class ChangeLine:
    title: str
    state: str  # "in place", "missing", "not decided"
    evidence: str
    action: str
    finding: str  # the rules' advice, or ""


@dataclass(frozen=True)
class StepLine:
    text: str
    owner: str
    due: str
    problems: str


@dataclass(frozen=True)
class PilotView:
    organisation: str
    period: str
    facilitator: str
    organisation_size: str
    risk_title: str  # "" when not chosen
    risk_detail: str
    reason: str
    small_note: str
    objectives: list[ObjectiveLine]
    group_size: str
    group_warning: str
    levels: list[str]  # covered
    departments: list[str]  # covered
    not_covered: list[str]
    scope_warnings: list[str]
    duration_title: str
    duration_detail: str
    suggested: str
    duration_note: str
    duration_warning: str
    growth: list[int] | None
    tests: list[TestLine]
    order_warnings: list[str]
    changes: list[ChangeLine]
    change_summary: str
    challenges: list[tuple[str, str]]
    questions: list[str]
    next_steps: list[StepLine] = field(default_factory=list)


_STATE = {InPlace.YES: "in place", InPlace.NO: "missing", InPlace.UNSURE: "not decided"}


def _measure(start: str, target: str, unit: str) -> str:
    if not (start.strip() or target.strip()):
        return ""
    return " ".join(p for p in (f"from {start or '?'} to {target or '?'}", unit) if p.strip())


def build_pilot(workshop: Workshop, plan: PilotPlan) -> PilotView:
    """The handout's content for one pilot plan."""
    risk = rules.risk_info(plan.risk) if plan.risk else None
    duration = rules.duration_info(plan.duration) if plan.duration else None
    suggested = rules.suggested_duration(plan.organisation_size)
    covered = [s for s in plan.scope if s.covered and s.name.strip()]
    growth = (
        rules.quarterly_growth(plan.group_size, plan.organisation_size)
        if plan.duration is PilotDuration.YEAR
        else None
    )
    return PilotView(
        organisation=workshop.team,
        period=workshop.period,
        facilitator=workshop.facilitator,
        organisation_size=plan.organisation_size,
        risk_title=risk.title if risk else "",
        risk_detail=risk.detail if risk else "",
        reason=plan.reason,
        small_note=rules.small_organisation_note(plan.organisation_size) or "",
        objectives=[
            ObjectiveLine(
                text=o.text,
                key_results=[
                    KeyResultLine(k.text, _measure(k.start, k.target, k.unit), k.owner)
                    for k in o.key_results
                ],
            )
            for o in workshop.objectives
        ],
        group_size=plan.group_size,
        group_warning=rules.group_size_warning(plan.group_size, plan.organisation_size) or "",
        levels=[s.name for s in covered if s.kind is ScopeKind.LEVEL],
        departments=[s.name for s in covered if s.kind is ScopeKind.DEPARTMENT],
        not_covered=[s.name for s in plan.scope if not s.covered and s.name.strip()],
        scope_warnings=rules.scope_warnings(plan.scope),
        duration_title=duration.title if duration else "",
        duration_detail=duration.detail if duration else "",
        suggested=rules.duration_info(suggested).title if suggested else "",
        duration_note=plan.duration_note,
        duration_warning=rules.duration_warning(plan.duration, plan.organisation_size) or "",
        growth=growth,
        tests=[
            TestLine(
                number=i + 1,
                title=rules.aspect_info(t.aspect).title,
                question=t.question,
                owner=t.owner,
                due=t.due,
                problems=", ".join(rules.problems_of_test(t)),
            )
            for i, t in enumerate(plan.tests)
        ],
        order_warnings=rules.order_warnings(plan.tests),
        changes=[
            ChangeLine(
                title=rules.element_info(c.element).title,
                state=_STATE[c.in_place],
                evidence=c.evidence,
                action=c.action,
                finding=rules.change_finding(c) or "",
            )
            for c in plan.changes
        ],
        change_summary=rules.change_summary(plan.changes),
        challenges=list(rules.CHALLENGES),
        questions=[q.text for q in plan.questions if q.text.strip()],
        next_steps=[
            StepLine(s.text, s.owner, s.due, ", ".join(rules.step_problems(s)))
            for s in plan.next_steps
            if s.text.strip()
        ],
    )
