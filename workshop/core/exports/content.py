"""What the handout says, worked out once for the PDF and the Markdown exports.

The templates only lay things out; every decision about content lives here:
how a key result's change reads ("from 72 to 24 hours"), what an objective is
linked to, how the necessary-and-sufficient test went, how long each stage
took. Text from the workshop stays raw here; each format escapes it on output.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from workshop.core.domain import (
    Approach,
    CascadeModel,
    GoalType,
    KeyResult,
    KeyResultKind,
    Meeting,
    MeetingKind,
    Objective,
    Workshop,
)
from workshop.core.okr.cadence import MONTHS, WEEKDAYS, short_date
from workshop.core.okr.ns_test import outcome_words, run_words

_Item = TypeVar("_Item")

APPROACH_LABELS = {
    Approach.TOP_DOWN: "Top-down: the company's OKRs came first and we built on them",
    Approach.BOTTOM_UP: "Bottom-up: we wrote our own OKRs and lined them up afterwards",
}
CASCADE_LABELS: dict[CascadeModel | None, tuple[str, str]] = {
    CascadeModel.DUALITY: (
        "Duality",
        "Each of our objectives takes one company key result as its aim.",
    ),
    CascadeModel.FLEXIBLE: (
        "Flexible",
        "Our objectives are our own; each one helps a company objective along.",
    ),
    CascadeModel.BOTTOM_UP: (
        "Bottom-up",
        "We set our objectives ourselves; a link to a company goal is welcome, not required.",
    ),
}
GOAL_LABELS = {
    GoalType.COMMITTED: ("Committed", "scored 0 or 1.0"),
    GoalType.ASPIRATIONAL: ("Aspirational", "about 0.7 is a good result"),
}
KIND_LABELS = {KeyResultKind.METRIC: "Metric", KeyResultKind.MILESTONE: "Milestone"}
MEETING_LABELS = {
    MeetingKind.CHECK_IN: "Check-in",
    MeetingKind.MONTHLY_REVIEW: "Monthly review",
    MeetingKind.QUARTER_END: "Quarter-end scoring",
}
# How long each meeting is booked for, in the calendar and in the schedule table.
MEETING_MINUTES = {
    MeetingKind.CHECK_IN: 30,
    MeetingKind.MONTHLY_REVIEW: 30,
    MeetingKind.QUARTER_END: 60,
}


@dataclass(frozen=True)
class Link:
    """What an objective builds on: a priority or a company key result."""

    label: str  # "Priority 2", "Company key result 1.3"
    text: str | None  # None when the reference no longer resolves
    context: str = ""  # the company objective a parent key result sits under


@dataclass(frozen=True)
class KeyResultView:
    number: int
    text: str
    kind: str
    start: str
    target: str
    unit: str
    owner: str

    @property
    def has_change(self) -> bool:
        return bool(self.start or self.target)

    @property
    def change(self) -> str:
        """ "from 72 to 24 hours"; "done or not done" for a milestone with no numbers."""
        if self.has_change:
            text = f"from {self.start or '?'} to {self.target or '?'}"
            return f"{text} {self.unit}" if self.unit else text
        return "done or not done" if self.kind == "Milestone" else "not set yet"


@dataclass(frozen=True)
class TestOutcome:
    """The necessary-and-sufficient test, in the words of `workshop.core.okr.ns_test`."""

    status: str  # "passed", "failed", "unfinished", "not-run"
    summary: str  # the latest run: "Failed at KR 1.2 (run 2): “it repeats KR 1.1”"
    # The runs before the latest, oldest first, each with what failed and the notes.
    earlier: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ObjectiveView:
    number: int
    text: str
    goal_type: str  # "committed" / "aspirational", also the CSS class
    goal_label: str
    goal_rule: str
    links: list[Link]
    missing_link: bool  # the cascade model asks for a link and there is none
    key_results: list[KeyResultView]
    other_wordings: list[str]
    test: TestOutcome


@dataclass(frozen=True)
class MeetingView:
    date: str
    time: str
    kind: str
    minutes: int
    note: str


@dataclass(frozen=True)
class BandView:
    name: str
    label: str
    range: str


@dataclass(frozen=True)
class TimingRow:
    title: str
    planned: str
    adjusted: str
    actual: str
    difference: str


@dataclass(frozen=True)
class Handout:
    team: str
    period: str
    date: str
    facilitator: str
    champion: str
    participants: list[str]
    approach: str
    cascade_name: str
    cascade_text: str
    timezone: str
    parent_objectives: list[tuple[str, list[str]]]
    priorities: list[tuple[str, list[str]]]
    objectives: list[ObjectiveView]
    meetings: list[MeetingView]
    questions: list[tuple[str, str]]
    next_steps: list[tuple[str, str, str]]  # (step, owner, due as "Fri 15 Jan 2027" or "")
    follow_up: str
    follow_up_note: str
    bands: list[BandView]
    timings: list[TimingRow]
    timing_total: TimingRow | None
    break_time: str
    paused_time: str


def without_typing_slots(workshop: Workshop) -> Workshop:
    """The workshop without the empty lines the screens keep open for typing.

    The stages always offer an empty line to type into (a participant, a key
    result, a question); stored empty, they would print as blank rows. Only
    lines that are wholly empty go, and only where no other part of the
    workshop points at them by position, so every link and test answer still
    lands on the right item. JSON and CSV keep everything.
    """

    def trailing_blanks(items: list[_Item], blank: Callable[[_Item], bool]) -> list[_Item]:
        end = len(items)
        while end and blank(items[end - 1]):
            end -= 1
        return items[:end]

    objectives = [
        o.model_copy(update={"key_results": trailing_blanks(o.key_results, _blank_key_result)})
        for o in workshop.objectives
    ]
    return workshop.model_copy(
        update={
            "participants": [name for name in workshop.participants if name],
            "priorities": trailing_blanks(workshop.priorities, lambda p: not p.text and not p.whys),
            "objectives": [o for o in objectives if o.text or any(k.text for k in o.key_results)],
            "wrap_items": [w for w in workshop.wrap_items if w.text or w.owner or w.due],
        }
    )


def _blank_key_result(kr: KeyResult) -> bool:
    return not (kr.text or kr.start or kr.target or kr.unit or kr.owner)


def build(workshop: Workshop) -> Handout:
    """Everything the handout shows, in the order it shows it."""
    workshop = without_typing_slots(workshop)
    zone = _zone(workshop.timezone)
    cascade_name, cascade_text = CASCADE_LABELS.get(
        workshop.cascade_model, ("Not chosen", "The room did not pick a cascade model.")
    )
    timings = [
        _timing_row(t.title, t.planned_seconds, t.adjusted_seconds, t.actual_seconds)
        for t in workshop.timings
    ]
    total = None
    if workshop.timings:
        ran = [t for t in workshop.timings if _ran(t.actual_seconds)]
        total = _timing_row(
            "Total",
            sum(t.planned_seconds for t in workshop.timings),
            sum(t.adjusted_seconds for t in workshop.timings),
            sum(t.actual_seconds for t in workshop.timings),
            # A workshop ended early is not hours behind: only the stages that ran count.
            compared_with=sum(t.adjusted_seconds for t in ran),
        )
    return Handout(
        team=workshop.team,
        period=workshop.period,
        date=long_date(_local(workshop.created_at, zone).date()) if workshop.created_at else "",
        facilitator=workshop.facilitator,
        champion=workshop.champion,
        participants=list(workshop.participants),
        approach=APPROACH_LABELS[workshop.approach],
        cascade_name=cascade_name,
        cascade_text=cascade_text,
        timezone=workshop.timezone,
        parent_objectives=[
            (p.text, [k.text for k in p.key_results]) for p in workshop.parent_objectives
        ],
        priorities=[(p.text, list(p.whys)) for p in workshop.priorities],
        objectives=[_objective(workshop, i, o) for i, o in enumerate(workshop.objectives)],
        meetings=[
            MeetingView(
                date=long_date(m.date, weekday=True),
                time=m.time.strftime("%H:%M"),
                kind=MEETING_LABELS[m.kind],
                minutes=MEETING_MINUTES[m.kind],
                note=m.note,
            )
            for m in in_date_order(workshop.meetings)
        ],
        questions=[(w.text, w.owner) for w in workshop.questions],
        next_steps=[
            (w.text, w.owner, short_date(w.due, year=True) if w.due else "")
            for w in workshop.next_steps
        ],
        follow_up=_follow_up(workshop.follow_up, zone),
        follow_up_note=workshop.follow_up_note,
        bands=bands(),
        timings=timings,
        timing_total=total,
        break_time=clock(workshop.break_seconds) if workshop.break_seconds else "",
        paused_time=clock(workshop.paused_seconds) if workshop.paused_seconds else "",
    )


def in_date_order(meetings: Iterable[Meeting]) -> list[Meeting]:
    """Meetings by date and time, whatever order they were added or edited in.

    Ties keep the order they came in (the sort is stable).
    """
    return sorted(meetings, key=lambda m: (m.date, m.time))


def bands() -> list[BandView]:
    """The progress colour bands from the agenda, with their ranges in words."""
    from workshop.core.agenda.model import load_agenda

    loaded = load_agenda().bands
    views = []
    for i, band in enumerate(loaded):
        last = i == len(loaded) - 1
        upper = f"{band.max_percent}%" if last else f"under {band.max_percent}%"
        views.append(
            BandView(
                name=band.name.capitalize(),
                label=band.label,
                range=f"{band.min_percent}% to {upper}",
            )
        )
    return views


def _objective(workshop: Workshop, index: int, objective: Objective) -> ObjectiveView:
    label, rule = GOAL_LABELS[objective.goal_type]
    links = _links(workshop, objective)
    return ObjectiveView(
        number=index + 1,
        text=objective.text,
        goal_type=objective.goal_type.value,
        goal_label=label,
        goal_rule=rule,
        links=links,
        missing_link=workshop.cascade_model is CascadeModel.DUALITY
        and not any(link.label.startswith("Company") for link in links),
        key_results=[key_result_view(n, kr) for n, kr in enumerate(objective.key_results, start=1)],
        other_wordings=[v.text for v in objective.variations if not v.chosen and v.text],
        test=_test_outcome(objective, index + 1),
    )


def key_result_view(number: int, kr: KeyResult) -> KeyResultView:
    return KeyResultView(
        number=number,
        text=kr.text,
        kind=KIND_LABELS[kr.kind],
        start=kr.start,
        target=kr.target,
        unit=kr.unit,
        owner=kr.owner,
    )


def _links(workshop: Workshop, objective: Objective) -> list[Link]:
    links: list[Link] = []
    index = objective.priority_index
    if index is not None:
        if 0 <= index < len(workshop.priorities):
            links.append(Link(f"Priority {index + 1}", workshop.priorities[index].text))
        else:
            links.append(Link(f"Priority {index + 1}", None))
    ref = objective.parent_ref
    if ref:
        label = f"Company key result {_human_ref(ref)}"
        parent = workshop.parent_key_result(ref)
        if parent is None:
            links.append(Link(label, None))
        else:
            owner = workshop.parent_objectives[int(ref.split(".")[0])]
            links.append(Link(label, parent.text, owner.text))
    return links


def _human_ref(ref: str) -> str:
    """ "0.2" (indices) -> "1.3" (as people count); anything odd is shown as it is."""
    try:
        o, k = (int(part) for part in ref.split("."))
    except ValueError:
        return ref
    return f"{o + 1}.{k + 1}"


def _test_outcome(objective: Objective, number: int) -> TestOutcome:
    """The test in the words the stage and the summary use, as the handout's sentences."""
    test = objective.ns_test
    words = outcome_words(test, number)
    earlier = [run_words(record, number) for record in test.earlier]
    if test.run == 0:
        status = "not-run"
    elif test.passed is None:
        status = "unfinished"
    else:
        status = "passed" if test.passed else "failed"
    return TestOutcome(status, words[:1].upper() + words[1:], earlier)


def _zone(name: str) -> dt.tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "Europe" is a folder
        return dt.UTC


def _local(moment: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    # A datetime without a zone is shown as it was entered.
    return moment.astimezone(zone) if moment.tzinfo else moment


def _follow_up(moment: dt.datetime | None, zone: dt.tzinfo) -> str:
    if moment is None:
        return ""
    local = _local(moment, zone)
    return f"{long_date(local.date(), weekday=True)}, {local:%H:%M}"


def long_date(day: dt.date, *, weekday: bool = False) -> str:
    """'11 January 2027' or 'Monday 11 January 2027', the same whatever the locale."""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


def clock(seconds: float) -> str:
    """Minutes and seconds: 1912.4 -> '31:52'; negative values get a minus sign."""
    sign = "\u2212" if seconds < 0 else ""
    total = round(abs(seconds))
    return f"{sign}{total // 60}:{total % 60:02d}"


# The difference of a stage the clock never ran in (its actual time rounds to 0:00),
# and of one with no time planned (set-up) that it never ran in either.
NOT_RUN = "not run"
UNTIMED = "untimed"


def _ran(actual_seconds: float) -> bool:
    return round(actual_seconds) > 0


def _timing_row(
    title: str,
    planned: float,
    adjusted: float,
    actual: float,
    *,
    compared_with: float | None = None,
) -> TimingRow:
    """One row of the appendix; `compared_with`: what the difference is taken from, if
    not `adjusted`. A stage never run shows "not run", not minus its whole plan."""
    difference = actual - (adjusted if compared_with is None else compared_with)
    if not _ran(actual):
        shown = NOT_RUN if round(planned) or round(adjusted) else UNTIMED
    elif round(difference):
        shown = ("+" if round(difference) > 0 else "") + clock(difference)
    else:
        shown = "on time"
    return TimingRow(
        title=title,
        planned=clock(planned),
        adjusted=clock(adjusted),
        actual=clock(actual),
        difference=shown,
    )
