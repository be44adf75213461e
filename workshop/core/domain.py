"""The workshop as plain data: what the room decided, independent of storage and UI.

These pydantic models are the contract between the store, the exporters, the coach
and the screens. They never import Textual or SQLAlchemy, so every exporter and
test can build a workshop by hand. The JSON export is `Workshop.model_dump(mode="json")`
wrapped with a schema version (see `workshop.core.exports`).

User text is kept verbatim: no stripping, no normalising. Escaping is the job of
whoever displays it.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Approach(StrEnum):
    """How the organisation sets OKRs."""

    TOP_DOWN = "top-down"
    BOTTOM_UP = "bottom-up"


class CascadeModel(StrEnum):
    """How the team's objectives relate to the company's."""

    DUALITY = "duality"  # a parent key result becomes a team objective; the link is required
    FLEXIBLE = "flexible"  # the team's own objective contributes to a company objective
    BOTTOM_UP = "bottom-up"  # no cascade; a link is optional


class GoalType(StrEnum):
    """How an objective is scored at the end of the period."""

    COMMITTED = "committed"  # scored 0 or 1.0
    ASPIRATIONAL = "aspirational"  # about 0.7 is the norm


class KeyResultKind(StrEnum):
    METRIC = "metric"  # verb + what is measured + from X to Y, with a unit
    MILESTONE = "milestone"  # done or not done


class MeetingKind(StrEnum):
    CHECK_IN = "check-in"
    MONTHLY_REVIEW = "monthly review"
    QUARTER_END = "quarter-end scoring"


class WrapItemKind(StrEnum):
    QUESTION = "question"
    NEXT_STEP = "next step"


class _Model(BaseModel):
    # Reject unknown fields so that an imported file with a typo fails loudly.
    model_config = ConfigDict(extra="forbid", use_enum_values=False)


class ParentKeyResult(_Model):
    """A company-level key result the team builds on."""

    id: int | None = None
    text: str = ""


class ParentObjective(_Model):
    """A company-level objective, given before the workshop (top-down)."""

    id: int | None = None
    text: str = ""
    key_results: list[ParentKeyResult] = Field(default_factory=list)


class Priority(_Model):
    """A business goal for the period, with the room's answers to "why does it matter?"."""

    id: int | None = None
    text: str = ""
    whys: list[str] = Field(default_factory=list)


class Variation(_Model):
    """An alternative wording of an objective proposed by the room."""

    id: int | None = None
    text: str = ""
    chosen: bool = False


class KeyResult(_Model):
    id: int | None = None
    text: str = ""
    kind: KeyResultKind = KeyResultKind.METRIC
    # Start and target are text, not numbers: rooms write "72 h", "<24", "TBD".
    start: str = ""
    target: str = ""
    unit: str = ""
    owner: str = ""


class NSAnswer(_Model):
    """One answer in the necessary-and-sufficient test.

    `key_result_index` is the position of the key result within its objective
    for the "is it necessary?" question, and None for the final "are they
    sufficient?" question.
    """

    key_result_index: int | None
    answer: bool
    note: str = ""


class NSRunRecord(_Model):
    """One finished run of the necessary-and-sufficient test, kept when a later run follows."""

    run: int
    answers: list[NSAnswer] = Field(default_factory=list)
    completed_at: dt.datetime | None = None


class NSTest(_Model):
    """The latest run of the necessary-and-sufficient test for one objective, and the earlier ones.

    `earlier` keeps every run before the latest, oldest first, with its answers and
    notes, so a later run never overwrites what the room said before. It is left out
    of the JSON when empty, so a workshop that never ran the test twice exports as it
    always did.
    """

    run: int = 0  # how many times the test has been run; 0 means never
    answers: list[NSAnswer] = Field(default_factory=list)
    completed_at: dt.datetime | None = None
    earlier: list[NSRunRecord] = Field(default_factory=list, exclude_if=lambda runs: not runs)

    @property
    def passed(self) -> bool | None:
        """True if every answer was yes, False if any was no, None if never run or unfinished."""
        if self.completed_at is None:
            return None
        return all(a.answer for a in self.answers)

    @property
    def latest(self) -> NSRunRecord | None:
        """The latest run as a record, or None if the test was never run."""
        if self.run == 0:
            return None
        return NSRunRecord(run=self.run, answers=self.answers, completed_at=self.completed_at)

    def runs(self) -> list[NSRunRecord]:
        """Every run, oldest first, the latest last."""
        latest = self.latest
        return [*self.earlier, *([latest] if latest is not None else [])]


class Objective(_Model):
    id: int | None = None
    text: str = ""
    goal_type: GoalType = GoalType.COMMITTED
    # Index into Workshop.priorities, and the parent key result as "o.k" indices
    # into Workshop.parent_objectives (e.g. "0.1"). Indices, not ids, so that an
    # export/import round trip is exact.
    priority_index: int | None = None
    parent_ref: str | None = None
    key_results: list[KeyResult] = Field(default_factory=list)
    variations: list[Variation] = Field(default_factory=list)
    ns_test: NSTest = Field(default_factory=NSTest)


class Meeting(_Model):
    """A scheduled check-in or review."""

    id: int | None = None
    date: dt.date
    time: dt.time
    kind: MeetingKind = MeetingKind.CHECK_IN
    note: str = ""


class WrapItem(_Model):
    id: int | None = None
    kind: WrapItemKind
    text: str = ""
    owner: str = ""
    due: dt.date | None = None  # when a next step is due; None when no date was set


class StageTiming(_Model):
    """Planned against actual time for one agenda stage."""

    key: str
    title: str
    planned_seconds: int = Field(ge=0)  # the plan as the agenda gave it
    adjusted_seconds: int = Field(ge=0)  # the plan after added time and rebalancing
    actual_seconds: float = Field(default=0.0, ge=0)


class Workshop(_Model):
    id: int | None = None
    team: str = ""
    period: str = ""
    facilitator: str = ""
    champion: str = ""
    participants: list[str] = Field(default_factory=list)
    approach: Approach = Approach.TOP_DOWN
    cascade_model: CascadeModel | None = None
    timezone: str = "UTC"  # IANA name, used for meeting times in the calendar export
    created_at: dt.datetime | None = None
    current_stage: int = 0

    parent_objectives: list[ParentObjective] = Field(default_factory=list)
    priorities: list[Priority] = Field(default_factory=list)
    objectives: list[Objective] = Field(default_factory=list)
    meetings: list[Meeting] = Field(default_factory=list)
    wrap_items: list[WrapItem] = Field(default_factory=list)
    follow_up: dt.datetime | None = None
    follow_up_note: str = ""

    timings: list[StageTiming] = Field(default_factory=list)
    break_seconds: float = Field(default=0.0, ge=0)
    paused_seconds: float = Field(default=0.0, ge=0)

    # A meeting after the workshop is stored as a workshop too: its kind (see
    # workshop.core.agenda.kinds), the workshop whose OKRs it reviews, and its record
    # (workshop.core.okr.meetings). Never in the JSON export itself: a workshop's export
    # carries its check-ins and scores in its own fields.
    meeting_kind: str = Field(default="workshop", exclude=True)
    subject_id: int | None = Field(default=None, exclude=True)
    meeting_json: str = Field(default="", exclude=True)

    @property
    def questions(self) -> list[WrapItem]:
        return [w for w in self.wrap_items if w.kind is WrapItemKind.QUESTION]

    @property
    def next_steps(self) -> list[WrapItem]:
        return [w for w in self.wrap_items if w.kind is WrapItemKind.NEXT_STEP]

    def parent_key_result(self, ref: str | None) -> ParentKeyResult | None:
        """Resolve an "o.k" reference to a parent key result, or None if it dangles."""
        if not ref:
            return None
        try:
            o, k = (int(part) for part in ref.split("."))
            return self.parent_objectives[o].key_results[k]
        except (ValueError, IndexError):
            return None
