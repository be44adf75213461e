"""The advice a pilot plan gets as it is typed: sizes, duration, test order, the change checklist.

Figures come from the vendor's article on OKR pilots (a test group of 50 to 500
people; pilots rarely pay off in organisations of up to about 300; three to six
months up to about 500 people, a year above that; two weeks when the only
question is whether people can write sensible OKRs). The sentences are ours.

Every function is pure: it takes what the room typed and returns words for the
screen, the handout and the tests. None of them refuses anything: the advice is
for the facilitator, the room decides.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from workshop.core.pilot.plan import (
    ChangeElement,
    InPlace,
    PilotAspect,
    PilotChange,
    PilotDuration,
    PilotPlan,
    PilotRisk,
    PilotScope,
    PilotStep,
    PilotTest,
    ScopeKind,
    StepKind,
)

# Up to this many people a pilot tends to cost more than it teaches.
SMALL_ORGANISATION = 300
# Up to this many people, three to six months; above it, a year.
MEDIUM_ORGANISATION = 500
# A test group that can show how OKRs behave.
GROUP_MIN = 50
GROUP_MAX = 500
# Longest headcount the rules read (a typo, not an organisation, beyond it).
MAX_HEADCOUNT = 10_000_000

DATE_EXAMPLE = "2027-03-15"


# -- the risks -----------------------------------------------------------------


@dataclass(frozen=True)
class RiskInfo:
    risk: PilotRisk
    title: str
    detail: str


RISKS: tuple[RiskInfo, ...] = (
    RiskInfo(
        PilotRisk.PROMISE,
        "OKRs keep one of their promises",
        "We want to see for ourselves that they bring more transparency, sharper focus "
        "or better alignment before we spend a year on them.",
    ),
    RiskInfo(
        PilotRisk.FIT,
        "OKRs suit this organisation",
        "We trust the method but doubt it matches our culture and the way our teams work.",
    ),
    RiskInfo(
        PilotRisk.SCALE,
        "OKRs hold up at our scale",
        "We have seen them work in a small team; we are not sure they survive many "
        "teams, layers and sites.",
    ),
    RiskInfo(
        PilotRisk.PLATFORM,
        "An OKR tool works for us",
        "We need to know that a platform or piece of software for OKRs does the job here.",
    ),
)


def risk_info(risk: PilotRisk) -> RiskInfo:
    return next(info for info in RISKS if info.risk is risk)


# -- numbers people type ----------------------------------------------------------

_HEADCOUNT = re.compile(
    r"^(?:about|around|approx\.?|approximately|roughly|circa|ca\.?|c\.|~|≈)?\s*"
    r"(?P<number>\d[\d,.' _]*)\s*(?P<k>k)?\s*(?:people|persons|employees|staff|fte)?$",
    re.IGNORECASE,
)


def parse_headcount(text: str) -> int | None:
    """A number of people from what the room typed ("1,200", "about 400", "2.5k"), or None."""
    match = _HEADCOUNT.match(text.strip())
    if match is None:
        return None
    digits = match["number"].strip()
    if match["k"]:
        try:
            value = float(digits.replace(",", "."))
        except ValueError:
            return None
        count = round(value * 1000)
    else:
        # Commas, dots, apostrophes and spaces between digits are thousands separators.
        cleaned = re.sub(r"[,.' _]", "", digits)
        if not cleaned.isdigit():
            return None
        count = int(cleaned)
    return count if 0 < count <= MAX_HEADCOUNT else None


def headcount_problem(text: str, what: str) -> str | None:
    """One line when `text` is filled in but holds no number of people, else None."""
    if not text.strip() or parse_headcount(text) is not None:
        return None
    return f"Write the {what} as a number of people, such as 400 or 1,200."


# -- stage 1: is a pilot worth it here? ----------------------------------------------


def small_organisation_note(organisation_size: str) -> str | None:
    """The caution for organisations of up to about 300 people, or None."""
    size = parse_headcount(organisation_size)
    if size is None or size > SMALL_ORGANISATION:
        return None
    return (
        f"With {size:,} people, a pilot often costs more than it teaches: it draws "
        "lines between teams that work together anyway and can cause new problems. "
        "Many organisations this size start everyone at once. Carry on if you have "
        "a reason."
    )


# -- stage 3: the test group ---------------------------------------------------------


def group_size_warning(group_size: str, organisation_size: str = "") -> str | None:
    """Why the test group's size may not work, or None if it sits in the usual range."""
    problem = headcount_problem(group_size, "test group's size")
    if problem:
        return problem
    group = parse_headcount(group_size)
    if group is None:
        return None
    organisation = parse_headcount(organisation_size)
    if organisation is not None and group > organisation:
        return f"The test group ({group:,}) is larger than the organisation ({organisation:,})."
    if group < GROUP_MIN:
        return (
            f"{group:,} people is a small test group: below {GROUP_MIN} the results "
            "say little about how OKRs would behave across the organisation."
        )
    if group > GROUP_MAX:
        return (
            f"{group:,} people is a large test group: above {GROUP_MAX} the pilot is "
            "close to a roll-out, with a roll-out's cost and little room to change course."
        )
    return None


@dataclass(frozen=True)
class ScopeCount:
    levels: int
    departments: int


def scope_count(scope: Sequence[PilotScope]) -> ScopeCount:
    """How many levels and departments the test group covers (named and ticked)."""
    covered = [s for s in scope if s.covered and s.name.strip()]
    return ScopeCount(
        levels=sum(1 for s in covered if s.kind is ScopeKind.LEVEL),
        departments=sum(1 for s in covered if s.kind is ScopeKind.DEPARTMENT),
    )


def scope_warnings(scope: Sequence[PilotScope]) -> list[str]:
    """What the group's spread across levels and departments lacks (empty if none)."""
    count = scope_count(scope)
    warnings = []
    if count.levels == 0:
        warnings.append("No level ticked yet: which levels of the organisation take part?")
    elif count.levels == 1:
        warnings.append(
            "Only one level takes part: mix levels, from leaders to individual "
            "contributors, so the pilot shows how OKRs connect them."
        )
    if count.departments == 0:
        warnings.append("No department ticked yet: add the departments that take part.")
    elif count.departments == 1:
        warnings.append(
            "Only one department takes part: with two or more the pilot also tests "
            "alignment between teams."
        )
    return warnings


# Levels most organisations have, offered as the checklist's first rows.
DEFAULT_LEVELS: tuple[str, ...] = (
    "Senior leaders",
    "Middle managers",
    "Team leads",
    "Individual contributors",
)


# -- stage 4: how long ------------------------------------------------------------


@dataclass(frozen=True)
class DurationInfo:
    duration: PilotDuration
    title: str
    detail: str


DURATIONS: tuple[DurationInfo, ...] = (
    DurationInfo(
        PilotDuration.MONTHS,
        "Three to six months",
        f"The usual length for organisations of up to about {MEDIUM_ORGANISATION} "
        "people. Expect real results to show only after the sixth month.",
    ),
    DurationInfo(
        PilotDuration.YEAR,
        "One year, growing every quarter",
        f"For organisations of more than about {MEDIUM_ORGANISATION} people. Start "
        "with the test group and bring in more people each quarter, until the "
        "whole organisation works with OKRs.",
    ),
    DurationInfo(
        PilotDuration.TWO_WEEKS,
        "About two weeks",
        "Enough when the only question is whether people can write sensible OKRs. "
        "It says nothing about results.",
    ),
)


def duration_info(duration: PilotDuration) -> DurationInfo:
    return next(info for info in DURATIONS if info.duration is duration)


def suggested_duration(organisation_size: str) -> PilotDuration | None:
    """The usual length for an organisation this size, or None if its size is unknown."""
    size = parse_headcount(organisation_size)
    if size is None:
        return None
    return PilotDuration.MONTHS if size <= MEDIUM_ORGANISATION else PilotDuration.YEAR


def duration_warning(duration: PilotDuration | None, organisation_size: str) -> str | None:
    """Why the chosen length may not suit, or None."""
    if duration is None:
        return None
    if duration is PilotDuration.TWO_WEEKS:
        return (
            "Two weeks only shows whether people can write sensible OKRs: no result "
            "will be visible yet, so the risk chosen in step 1 stays open."
        )
    suggested = suggested_duration(organisation_size)
    if suggested is None or suggested is duration:
        return None
    size = parse_headcount(organisation_size)
    if duration is PilotDuration.MONTHS:
        return (
            f"For {size:,} people a year is usual: a few months cannot show whether "
            "OKRs hold as the pilot grows."
        )
    return (
        f"For {size:,} people three to six months is usually enough; a year may "
        "keep the organisation waiting."
    )


def quarterly_growth(group_size: str, organisation_size: str) -> list[int] | None:
    """People taking part in each quarter of a one-year pilot, growing evenly to everyone.

    None when either size is unknown, or the group is not smaller than the organisation.
    """
    group = parse_headcount(group_size)
    organisation = parse_headcount(organisation_size)
    if group is None or organisation is None or group >= organisation:
        return None
    step = (organisation - group) / 3
    return [round(group + step * quarter) for quarter in range(4)]


# -- stage 5: what to test, in order ---------------------------------------------------


@dataclass(frozen=True)
class AspectInfo:
    aspect: PilotAspect
    title: str
    question: str  # the starting question, which the room may reword


ASPECTS: tuple[AspectInfo, ...] = (
    AspectInfo(
        PilotAspect.CONCEPTUAL_FIT,
        "Conceptual fit",
        "Do OKRs suit our culture and the way we already work?",
    ),
    AspectInfo(
        PilotAspect.LEADERSHIP,
        "Leadership engagement",
        "Do our leaders back OKRs, and does it show in what they do?",
    ),
    AspectInfo(
        PilotAspect.BROAD,
        "Broad engagement",
        "Do people beyond management, down to individual contributors, take part?",
    ),
    AspectInfo(
        PilotAspect.TECHNOLOGY,
        "Technology fit",
        "Do our tools keep objectives in view, for remote and hybrid teams as well?",
    ),
    AspectInfo(
        PilotAspect.SCALE,
        "Scale",
        "Can our process, logistics and tools carry OKRs across many teams?",
    ),
)

RECOMMENDED_ORDER: tuple[PilotAspect, ...] = tuple(info.aspect for info in ASPECTS)


def aspect_info(aspect: PilotAspect) -> AspectInfo:
    return next(info for info in ASPECTS if info.aspect is aspect)


def parse_due(text: str) -> dt.date | None:
    """A date from what the room typed (2027-03-15, 15 Mar 2027, 15 March 2027), or None."""
    value = " ".join(text.split())
    for pattern in ("%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


def due_problem(text: str) -> str | None:
    """One line when a date is filled in but cannot be read, else None."""
    if not text.strip() or parse_due(text) is not None:
        return None
    return f"Write the date as {DATE_EXAMPLE}."


def problems_of_test(test: PilotTest) -> list[str]:
    """What one test still lacks: its question, an owner, a readable date."""
    problems = []
    if not test.question.strip():
        problems.append("needs a question")
    if not test.owner.strip():
        problems.append("needs an owner")
    if not test.due.strip():
        problems.append("needs a date")
    elif parse_due(test.due) is None:
        problems.append(f"date as {DATE_EXAMPLE}")
    return problems


def order_warnings(tests: Sequence[PilotTest]) -> list[str]:
    """Where the plan departs from the usual order, or its dates run backwards."""
    warnings = []
    rank = {aspect: i for i, aspect in enumerate(RECOMMENDED_ORDER)}
    for earlier, later in zip(tests, tests[1:], strict=False):
        if rank[later.aspect] < rank[earlier.aspect]:
            warnings.append(
                f"{aspect_info(later.aspect).title} usually comes before "
                f"{aspect_info(earlier.aspect).title}: each stage builds on the one before."
            )
            break
    dated = [(t, parse_due(t.due)) for t in tests]
    known = [(t, d) for t, d in dated if d is not None]
    for (first, first_date), (second, second_date) in zip(known, known[1:], strict=False):
        if second_date < first_date:
            warnings.append(
                f"{aspect_info(second.aspect).title} is dated before "
                f"{aspect_info(first.aspect).title}, which comes earlier in the plan."
            )
            break
    return warnings


# -- stage 6: the change checklist --------------------------------------------------------


@dataclass(frozen=True)
class ElementInfo:
    element: ChangeElement
    title: str
    question: str
    failure: str  # what tends to happen when this element is missing
    failure_detail: str


ELEMENTS: tuple[ElementInfo, ...] = (
    ElementInfo(
        ChangeElement.VISION,
        "Vision",
        "Does everyone know why we are bringing in OKRs?",
        "confusion",
        "people do not see why they should change",
    ),
    ElementInfo(
        ChangeElement.SKILLS,
        "Skills",
        "Can the people taking part write and run OKRs?",
        "anxiety",
        "people are asked for something they do not feel able to do",
    ),
    ElementInfo(
        ChangeElement.INCENTIVES,
        "Incentives",
        "What do the people taking part gain from it?",
        "slow change or resistance",
        "without a reason of their own, people drag their feet",
    ),
    ElementInfo(
        ChangeElement.RESOURCES,
        "Resources",
        "Are there tools, budget and time for it?",
        "frustration",
        "people want to do it but lack the means",
    ),
    ElementInfo(
        ChangeElement.ACTION_PLAN,
        "Action plan",
        "Is there a programme that says who does what, and when?",
        "false starts",
        "energy goes into beginnings that lead nowhere",
    ),
)

# The three challenges every adoption meets: talking points for the checklist stage.
CHALLENGES: tuple[tuple[str, str], ...] = (
    (
        "From output to outcomes",
        "People are used to counting tasks done; OKRs ask them to count results.",
    ),
    (
        "A new process",
        "At first OKRs feel like one more thing to do; preparation, tools and "
        "training decide how they are received.",
    ),
    (
        "Managing the change",
        "The method leaves much open: shaped well it fits the organisation, left "
        "alone it splits into many private versions.",
    ),
)


def element_info(element: ChangeElement) -> ElementInfo:
    return next(info for info in ELEMENTS if info.element is element)


def change_finding(change: PilotChange) -> str | None:
    """What the checklist says about one element, or None when it is in place and shown."""
    info = element_info(change.element)
    if change.in_place is InPlace.NO:
        predicted = f"Without {info.title.lower()}, expect {info.failure}: {info.failure_detail}."
        if not change.action.strip():
            return f"{predicted} What will we do about it?"
        return predicted
    if change.in_place is InPlace.YES:
        if not change.evidence.strip():
            return "In place: what shows it?"
        return None
    return "Not decided yet: is it in place?"


def missing_elements(changes: Sequence[PilotChange]) -> list[ChangeElement]:
    """The elements the room marked as missing, in the checklist's order."""
    return [c.element for c in changes if c.in_place is InPlace.NO]


def change_summary(changes: Sequence[PilotChange]) -> str:
    """One line for the whole checklist."""
    missing = missing_elements(changes)
    undecided = sum(1 for c in changes if c.in_place is InPlace.UNSURE)
    if not missing and not undecided:
        return "All five elements are in place."
    parts = []
    if missing:
        names = ", ".join(element_info(e).title.lower() for e in missing)
        without_action = sum(
            1 for c in changes if c.in_place is InPlace.NO and not c.action.strip()
        )
        parts.append(f"missing: {names}")
        if without_action:
            parts.append(f"{without_action} without an action yet")
    if undecided:
        parts.append(f"{undecided} not decided")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


# -- stage 7: wrap-up -----------------------------------------------------------------------


def step_problems(step: PilotStep) -> list[str]:
    """What a next step lacks (an owner, a readable date); questions need neither."""
    if step.kind is StepKind.QUESTION or not step.text.strip():
        return []
    problems = []
    if not step.owner.strip():
        problems.append("needs an owner")
    if not step.due.strip():
        problems.append("needs a date")
    elif parse_due(step.due) is None:
        problems.append(f"date as {DATE_EXAMPLE}")
    return problems


# -- a new plan -------------------------------------------------------------------------------


def new_plan() -> PilotPlan:
    """A plan ready to fill in: the usual levels unticked, the five tests in the usual
    order with their starting questions, and the five change elements undecided."""
    return PilotPlan(
        scope=[PilotScope(kind=ScopeKind.LEVEL, name=name) for name in DEFAULT_LEVELS],
        tests=[PilotTest(aspect=info.aspect, question=info.question) for info in ASPECTS],
        changes=[PilotChange(element=info.element) for info in ELEMENTS],
    )


def plan_from_json(text: str) -> PilotPlan:
    """The plan stored with a pilot (a new one when nothing is stored yet).

    Raises ValueError, with one line, when the stored text is not a plan.
    """
    if not text.strip():
        return new_plan()
    try:
        return PilotPlan.model_validate_json(text)
    except ValueError as error:
        raise ValueError(f"the stored pilot plan cannot be read: {error}".splitlines()[0]) from None
