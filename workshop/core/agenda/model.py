"""The workshop agenda as data: one TOML file per stage, validated into pydantic models.

The content lives in `steps/` (one file per stage, loaded in file-name order), so a
facilitator can re-word a card or re-time a stage without touching code. This module
only reads and checks those files; it never imports Textual, so the screens, the
timer, the exporters and the tests can all share it.

Every problem in a stage file becomes one `AgendaError` whose message is a single
line naming the file and the field, e.g.::

    steps/04-key-results.toml: field 'minutes': must be a whole number from 0 to 600 (got 'ten')

List positions in field names count from 1 (`points[3].body` is the third
`[[points]]` block), because that is how a person counts blocks in a file.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

# The file reading lives in a light module the start screen shares; AgendaError and
# DEFAULT_AGENDA_DIR are re-exported here, where callers have always found them.
from workshop.core.agenda.files import DEFAULT_AGENDA_DIR, AgendaError, read_stage_file, stage_files
from workshop.core.agenda.kinds import WORKSHOP, agenda_dir, spec
from workshop.core.domain import Approach, CascadeModel, KeyResultKind, MeetingKind
from workshop.core.textsafe import visible

# Screens look stages up by these keys, so they are fixed; the workshop's files must
# define exactly these, in this order (other meeting kinds: workshop.core.agenda.kinds).
STAGE_KEYS: tuple[str, ...] = spec(WORKSHOP).stage_keys

# The stage that happens before the workshop clock starts.
SETUP_KEY = "setup"

# More than ten hours for one stage is a typo, not a plan.
MAX_STAGE_MINUTES = 600


def _check_minutes(value: Any) -> Any:
    # A custom error (not pydantic's default) so the message says what to write.
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_STAGE_MINUTES:
        raise PydanticCustomError(
            "minutes", "must be a whole number from 0 to {max}", {"max": MAX_STAGE_MINUTES}
        )
    return value


def _plain_text(value: str) -> str:
    # Agenda text is plain text, shown literally: a control character (an ESC that
    # would clear the projector, a title-setting sequence) becomes its visible
    # stand-in here, once, for every screen. Line breaks stay. Markup is the
    # widgets' part: they draw agenda text with markup off.
    return visible(value, keep_newlines=True)


Minutes = Annotated[int, BeforeValidator(_check_minutes)]
Text = Annotated[str, Field(min_length=1), AfterValidator(_plain_text)]


class _Strict(BaseModel):
    # TOML values are already typed, so no coercion: "10" is not 10. Frozen, because
    # one loaded agenda is shared by every screen.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Point(_Strict):
    """A talking point: one card the facilitator shows and talks through."""

    title: Text
    body: Text


class Formula(_Strict):
    """A fill-in-the-blanks sentence pattern and one sentence written with it."""

    text: Text
    example: Text


class Band(_Strict):
    """A colour band for a key result's progress.

    The range is half-open, `min_percent <= p < max_percent`, except that the top
    band also includes its upper bound (100%). `band_for` applies this rule.
    """

    name: Text  # "red", "orange", "green": also the colour the screens use
    label: Text  # what the band means, in a few words
    min_percent: int = Field(ge=0, le=100)
    max_percent: int = Field(ge=0, le=100)

    def contains(self, percent: float, *, top: bool = False) -> bool:
        return self.min_percent <= percent < self.max_percent or (
            top and percent == self.max_percent
        )


class CascadeExample(_Strict):
    """A worked example of one cascade model: a company goal and one team's OKR under it."""

    model: CascadeModel = Field(strict=False)  # enums arrive from TOML as strings
    organisation: Text
    team: Text
    company_objective: Text
    company_key_result: Text
    objective: Text
    key_results: list[Text] = Field(min_length=1)
    link: Text  # one sentence: how the team's objective relates to the company's


class KeyResultKindInfo(_Strict):
    """Explains one kind of key result (metric or milestone)."""

    kind: KeyResultKind = Field(strict=False)
    title: Text
    body: Text
    example: Text


class NSTestText(_Strict):
    """The wording of the necessary-and-sufficient test."""

    explanation: Text
    necessary: Text  # asked of each key result in turn
    necessary_if_no: Text
    sufficient: Text  # asked once of the whole set
    sufficient_if_no: Text


class MeetingInfo(_Strict):
    """One kind of review meeting and what it is for."""

    kind: MeetingKind = Field(strict=False)
    title: Text
    when: Text
    purpose: Text


class SetupField(_Strict):
    """One thing to fill in before the clock starts."""

    name: Text  # the matching `Workshop` field, e.g. "team"
    label: Text
    hint: Text


class ApproachInfo(_Strict):
    """Explains one way of setting OKRs (top-down or bottom-up)."""

    approach: Approach = Field(strict=False)
    title: Text
    body: Text


class Limits(_Strict):
    """Counts the coach and screens check against. Unset means no limit from this stage."""

    min_participants: int | None = Field(default=None, ge=1)
    min_priorities: int | None = Field(default=None, ge=1)
    max_priorities: int | None = Field(default=None, ge=1)
    max_objectives: int | None = Field(default=None, ge=1)
    min_key_results: int | None = Field(default=None, ge=1)
    max_key_results: int | None = Field(default=None, ge=1)


class Stage(_Strict):
    """One stage of the workshop, as read from its TOML file.

    Every stage has the common fields; the optional ones are used by the stage
    that needs them (e.g. `examples` by objectives, `meetings` by cadence).
    """

    key: Text
    title: Text = Field(max_length=40)  # projected in large type
    minutes: Minutes
    aim: Text  # one sentence: what the room leaves this stage with
    points: list[Point] = Field(default_factory=list)
    prompts: list[Text] = Field(default_factory=list)
    tips: list[Text] = Field(default_factory=list)
    reminder: Text | None = None  # a line worth a banner, e.g. "update before each meeting"
    limits: Limits | None = None

    # Stage-specific extras.
    bands: list[Band] = Field(default_factory=list)
    formula: Formula | None = None
    examples: list[CascadeExample] = Field(default_factory=list)
    kinds: list[KeyResultKindInfo] = Field(default_factory=list)
    ns_test: NSTestText | None = None
    meetings: list[MeetingInfo] = Field(default_factory=list)
    fields: list[SetupField] = Field(default_factory=list)
    approaches: list[ApproachInfo] = Field(default_factory=list)

    @property
    def seconds(self) -> int:
        return self.minutes * 60

    @field_validator("bands")
    @classmethod
    def _check_bands(cls, bands: list[Band]) -> list[Band]:
        # A field validator (not a model one) so the error names the field 'bands'.
        problem = _bands_problem(bands) if bands else None
        if problem:
            raise PydanticCustomError("bands", problem)
        return bands


def _bands_problem(bands: Sequence[Band]) -> str | None:
    """Why these bands do not tile 0-100% exactly once, or None if they do."""
    names = [b.name for b in bands]
    if len(set(names)) != len(names):
        return "band names must be unique"
    for band in bands:
        if band.min_percent >= band.max_percent:
            return f"band '{band.name}' must have min_percent below max_percent"
    if bands[0].min_percent != 0:
        return "the first band must start at 0"
    if bands[-1].max_percent != 100:
        return "the last band must end at 100"
    for lower, upper in zip(bands, bands[1:], strict=False):
        if upper.min_percent != lower.max_percent:
            return (
                f"band '{upper.name}' must start where '{lower.name}' ends "
                f"({lower.max_percent}), with no gap or overlap"
            )
    return None


def band_for(percent: float, bands: Sequence[Band]) -> Band:
    """The band a progress percentage falls in.

    Values outside 0-100 are clamped (a key result can overshoot to 120%, or be
    entered as -5% by mistake): below 0 is the first band, above 100 the last.
    """
    if not bands:
        raise ValueError("no bands to choose from")
    if math.isnan(percent):
        raise ValueError("percent is not a number")
    if percent < bands[0].min_percent:
        return bands[0]
    for i, band in enumerate(bands):
        if band.contains(percent, top=i == len(bands) - 1):
            return band
    return bands[-1]


def _structure_problem(
    stages: Sequence[Stage], names: Sequence[str], kind: str = WORKSHOP
) -> tuple[int | None, str, str] | None:
    """The first thing wrong with the agenda as a whole, or None.

    Returns (index of the stage to blame or None for the whole agenda, field,
    problem). `names` says where each stage came from (file names when loading,
    positions when restoring a stored agenda), for the messages. `kind` is the
    meeting kind (see `workshop.core.agenda.kinds`) whose stages the files must define.
    """
    kind_spec = spec(kind)
    stage_keys = kind_spec.stage_keys
    seen: dict[str, int] = {}
    for i, stage in enumerate(stages):
        if stage.key not in stage_keys:
            expected = ", ".join(stage_keys)
            return i, "key", f"unknown stage {stage.key!r} (expected one of: {expected})"
        if stage.key in seen:
            return i, "key", f"stage {stage.key!r} is already defined in {names[seen[stage.key]]}"
        if stage.key == kind_spec.untimed_first and stage.minutes != 0:
            return (
                i,
                "minutes",
                f"setup runs before the clock starts, so it must be 0 (got {stage.minutes})",
            )
        seen[stage.key] = i
    missing = [k for k in stage_keys if k not in seen]
    if missing:
        return None, "key", f"no stage file defines {', '.join(map(repr, missing))}"
    for expected, stage in zip(stage_keys, stages, strict=True):
        if stage.key != expected:
            return (
                seen[stage.key],
                "key",
                f"stage {stage.key!r} is out of order: {expected!r} must come first "
                "(files load in name order)",
            )
    if kind == WORKSHOP and not stages[seen["overview"]].bands:
        return seen["overview"], "bands", "the overview must define the colour bands"
    return None


class Agenda(_Strict):
    """All stages, in order, and the directory they were loaded from."""

    stages: list[Stage]
    source: str
    # The meeting kind it runs (workshop.core.agenda.kinds); left out of the stored
    # JSON for the workshop, so workshops store their agenda as they always did.
    kind: str = Field(default=WORKSHOP, exclude_if=lambda kind: kind == WORKSHOP)

    @model_validator(mode="after")
    def _check_structure(self) -> Agenda:
        # Runs when a stored agenda is restored (model_validate_json); load_agenda
        # makes the same check with file names in the message.
        names = [f"stage {i + 1}" for i in range(len(self.stages))]
        try:
            found = _structure_problem(self.stages, names, self.kind)
        except KeyError as unknown:
            raise ValueError(str(unknown)) from None
        if found:
            index, field, problem = found
            where = f"{names[index]}: " if index is not None else ""
            raise ValueError(f"{where}field '{field}': {problem}")
        return self

    @property
    def total_minutes(self) -> int:
        """Minutes on the clock; setup is always 0, so this is the timed stages' sum."""
        return sum(s.minutes for s in self.stages)

    @property
    def total_seconds(self) -> int:
        return self.total_minutes * 60

    @property
    def timed_stages(self) -> list[Stage]:
        """The stages that run on the workshop clock (all but setup)."""
        return [s for s in self.stages if s.key != SETUP_KEY]

    @property
    def keys(self) -> list[str]:
        return [s.key for s in self.stages]

    def index(self, key: str) -> int:
        """Position of a stage; raises KeyError for an unknown key."""
        for i, stage in enumerate(self.stages):
            if stage.key == key:
                return i
        raise KeyError(key)

    def stage(self, key: str) -> Stage:
        """The stage with this key; raises KeyError for an unknown key."""
        return self.stages[self.index(key)]

    @property
    def bands(self) -> list[Band]:
        """The progress colour bands, as defined in the overview stage."""
        return self.stage("overview").bands

    @property
    def limits(self) -> Limits:
        """Every stage's limits merged into one object (later stages win on a clash)."""
        merged: dict[str, int] = {}
        for stage in self.stages:
            if stage.limits:
                merged.update(stage.limits.model_dump(exclude_none=True))
        return Limits(**merged)

    def with_minutes(self, minutes: Mapping[str, int]) -> Agenda:
        """A copy with some stages re-timed, e.g. from an earlier workshop's actual durations.

        Raises KeyError for a key that is not in the agenda and ValueError for a
        duration that is not a whole number from 0 to 600 (setup must stay 0).
        """
        unknown = set(minutes) - set(self.keys)
        if unknown:
            raise KeyError(f"unknown stage key(s): {', '.join(sorted(unknown))}")
        for key, value in minutes.items():
            try:
                _check_minutes(value)
            except PydanticCustomError as e:
                raise ValueError(f"stage '{key}': minutes {e.message()} (got {value!r})") from None
            if key == SETUP_KEY and value != 0:
                raise ValueError("stage 'setup' runs before the clock starts; its minutes stay 0")
        # model_copy skips re-validation: every value was checked just above.
        stages = [
            s.model_copy(update={"minutes": minutes[s.key]}) if s.key in minutes else s
            for s in self.stages
        ]
        return self.model_copy(update={"stages": stages})


def _field_name(loc: Iterable[str | int]) -> str:
    """("points", 2, "body") -> "points[3].body" (list positions counted from 1)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out


_PROBLEMS = {
    "missing": "is required",
    "extra_forbidden": "is not a known field (check the spelling)",
    "int_type": "must be a whole number",
    "string_type": "must be text in quotes",
    "list_type": "must be a list",
    "model_type": "must be a table",
    "too_short": "must not be empty",
    "string_too_short": "must not be empty",
}


def _describe(error: Mapping[str, Any]) -> tuple[str, str]:
    """(field, problem) for one pydantic error, in words a content editor can act on."""
    loc = tuple(error["loc"])
    kind = error["type"]
    problem = _PROBLEMS.get(kind) or error["msg"][:1].lower() + error["msg"][1:]
    if kind == "extra_forbidden" and len(loc) > 1 and loc[-1] in Stage.model_fields:
        # The usual TOML slip: a top-level key written after a [[table]] block joins that block.
        problem = f"{loc[-1]!r} is a stage field: move it above the first [[...]] or [...] block"
    if kind != "missing" and not isinstance(error.get("input"), dict | list):
        problem += f" (got {error['input']!r})"
    return _field_name(loc), problem


def _load_stage(path: Path) -> Stage:
    data = read_stage_file(path)
    try:
        return Stage.model_validate(data)
    except ValidationError as e:
        errors = e.errors()
        field, problem = _describe(errors[0])
        if len(errors) > 1:
            problem += f" (and {len(errors) - 1} more problem(s) in this file)"
        raise AgendaError(path, problem, field or None) from None


def load_agenda(directory: Path | str | None = None, kind: str = WORKSHOP) -> Agenda:
    """Read and check every `*.toml` stage file in `directory` (default: `steps/`).

    Files load in file-name order and must define the stages of `STAGE_KEYS`
    (for another meeting kind, that kind's stages), each once, in that order.
    Raises AgendaError on the first problem.
    """
    folder = Path(directory) if directory is not None else DEFAULT_AGENDA_DIR
    files = stage_files(folder)

    stages = [_load_stage(path) for path in files]
    found = _structure_problem(stages, [p.name for p in files], kind)
    if found:
        index, field, problem = found
        raise AgendaError(folder if index is None else files[index], problem, field)
    # Every stage and the structure are checked: skip a second validation pass.
    return Agenda.model_construct(stages=stages, source=str(folder), kind=kind)


def load_kind_agenda(kind: str, base: Path | str | None = None) -> Agenda:
    """The agenda of a meeting kind, from its folder under `base` or the shipped `steps/`."""
    return load_agenda(agenda_dir(kind, base), kind)
