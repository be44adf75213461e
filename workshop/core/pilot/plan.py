"""An OKR pilot plan as plain data, the part a workshop does not already hold.

A pilot plan is stored as a workshop: its organisation, facilitator and the pilot's
objective with its key results use the workshop's own fields, so the coach, the
store and the exports treat them as they always do. `PilotPlan` holds the rest,
and `Workshop.pilot` carries it (None for an ordinary workshop).

Sizes and dates are kept as the room typed them ("about 400", "2027-03-15"): the
rules in `workshop.core.pilot.rules` read numbers and dates out of them and say
when they cannot.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class PilotRisk(StrEnum):
    """The risk a pilot is run to reduce."""

    PROMISE = "promise"  # that OKRs keep one of their promises
    FIT = "fit"  # that they suit this organisation
    SCALE = "scale"  # that they hold up at scale
    PLATFORM = "platform"  # that a tool for them works


class PilotDuration(StrEnum):
    """How long the pilot runs."""

    TWO_WEEKS = "two weeks"
    MONTHS = "three to six months"
    YEAR = "one year"


class ScopeKind(StrEnum):
    LEVEL = "level"
    DEPARTMENT = "department"


class PilotAspect(StrEnum):
    """What a pilot tests, in the order it is usually tested."""

    CONCEPTUAL_FIT = "conceptual fit"
    LEADERSHIP = "leadership engagement"
    BROAD = "broad engagement"
    TECHNOLOGY = "technology fit"
    SCALE = "scale"


class ChangeElement(StrEnum):
    """The five elements a complex change needs (Model for Managing Complex Change)."""

    VISION = "vision"
    SKILLS = "skills"
    INCENTIVES = "incentives"
    RESOURCES = "resources"
    ACTION_PLAN = "action plan"


class InPlace(StrEnum):
    """Whether a change element is in place, as the room judges it."""

    UNSURE = "unsure"
    YES = "yes"
    NO = "no"


class StepKind(StrEnum):
    QUESTION = "question"
    NEXT_STEP = "next step"


class _Model(BaseModel):
    # Unknown fields are refused so an imported file with a typo fails loudly.
    model_config = ConfigDict(extra="forbid")


class PilotScope(_Model):
    """One level or department of the organisation, and whether the test group covers it."""

    kind: ScopeKind = ScopeKind.DEPARTMENT
    name: str = ""
    covered: bool = False


class PilotTest(_Model):
    """One thing the pilot tests: its question, who owns it and by when."""

    aspect: PilotAspect
    question: str = ""
    owner: str = ""
    due: str = ""


class PilotChange(_Model):
    """One element of the change checklist: is it in place, what shows it, what we do."""

    element: ChangeElement
    in_place: InPlace = InPlace.UNSURE
    evidence: str = ""
    action: str = ""


class PilotStep(_Model):
    """An open question, or a next step with its owner and date."""

    kind: StepKind = StepKind.NEXT_STEP
    text: str = ""
    owner: str = ""
    due: str = ""


class PilotPlan(_Model):
    """Everything a pilot plan holds beyond the workshop's own fields."""

    risk: PilotRisk | None = None
    reason: str = ""
    organisation_size: str = ""
    group_size: str = ""
    duration: PilotDuration | None = None
    duration_note: str = ""
    scope: list[PilotScope] = Field(default_factory=list)
    tests: list[PilotTest] = Field(default_factory=list)
    changes: list[PilotChange] = Field(default_factory=list)
    steps: list[PilotStep] = Field(default_factory=list)

    @property
    def questions(self) -> list[PilotStep]:
        return [s for s in self.steps if s.kind is StepKind.QUESTION]

    @property
    def next_steps(self) -> list[PilotStep]:
        return [s for s in self.steps if s.kind is StepKind.NEXT_STEP]
