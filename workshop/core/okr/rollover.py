"""Roll-over: what the next period's workshop starts with.

The room picks which objectives carry on, and which of their key results go with them.
`roll_over` turns a workshop and those choices into the next workshop as a value (nothing
is stored here): the next period's label, the chosen objectives and key results, and the
set-up of this workshop (team, facilitator, champion, participants, approach, cascade
model, time zone). Nothing else is copied: no priorities, company OKRs, meetings,
questions, timings or test answers, and no ids. Which items came from the earlier period
is listed in the plan, since the domain models have no field for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field, model_validator

from workshop.core.domain import KeyResult, Objective, Workshop
from workshop.core.okr.errors import OKRInputError
from workshop.core.okr.retro import Retrospective

_YEAR = r"(?P<year>\d{4}|\d{2})"
_QUARTER_YEAR_FIRST = re.compile(
    rf"^(?P<pre>(?:FY|CY)?\s*){_YEAR}(?P<sep>\s*[-/ ]?\s*)(?P<q>[QqHh])(?P<n>\d)$", re.I
)
_QUARTER_FIRST = re.compile(
    rf"^(?P<q>[QqHh])(?P<n>\d)(?P<sep>\s*[-/ ,']?\s*)(?P<pre>(?:FY|CY)?\s*){_YEAR}?$", re.I
)
_YEAR_ONLY = re.compile(rf"^(?P<pre>(?:FY|CY)?\s*){_YEAR}$", re.I)
_MONTH = re.compile(r"^(?P<year>\d{4})(?P<sep>[-/])(?P<month>\d{2})$")


def _next_year(year: str) -> str:
    return str(int(year) + 1).zfill(len(year))[-len(year) :]


def next_period(period: str) -> str:
    """The period after this one, written the same way: 2027-Q1 -> 2027-Q2,
    2027-Q4 -> 2028-Q1, Q4 2027 -> Q1 2028, H2 2027 -> H1 2028, 2027 -> 2028, 2027-12 -> 2028-01.

    Raises OKRInputError when the period is not written in a way the app can read.
    """
    text = period.strip()
    for pattern in (_QUARTER_YEAR_FIRST, _QUARTER_FIRST):
        m = pattern.match(text)
        if not m:
            continue
        last = 4 if m["q"] in "Qq" else 2
        n = int(m["n"])
        if not 1 <= n <= last:
            break
        year = m["year"] or ""
        if n == last:
            if not year:
                break  # "Q4" alone: the year of the next quarter is not known
            n, year = 1, _next_year(year)
        else:
            n += 1
        part = f"{m['q']}{n}"
        if not year:
            return part
        if pattern is _QUARTER_YEAR_FIRST:
            return f"{m['pre']}{year}{m['sep']}{part}"
        return f"{part}{m['sep']}{m['pre']}{year}"
    else:
        m = _YEAR_ONLY.match(text)
        if m:
            return f"{m['pre']}{_next_year(m['year'])}"
        m = _MONTH.match(text)
        if m and 1 <= int(m["month"]) <= 12:
            year, month = int(m["year"]), int(m["month"])
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            return f"{year}{m['sep']}{month:02d}"
    raise OKRInputError(
        [
            f"The app cannot tell which period follows “{text}”; "
            "write the next one yourself, for example 2027-Q2."
        ]
    )


class RollOverChoice(BaseModel):
    """One objective to carry into the next period, with the key results that go with it.

    The items are named by their stored ids when they have them, and by position too. The
    ids are what count: the choice is stored when the room makes it, and the reviewed
    workshop can change before the roll-over (an objective moved up, a key result removed),
    so a position may by then name another item. `resolve_choices` reads the choices
    against the workshop as it is; positions alone are used only for items without ids (a
    workshop not stored, a record written before ids were kept, a JSON file).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    objective_index: int = Field(ge=0)
    # None carries every key result; () carries the objective alone.
    key_result_indices: tuple[int, ...] | None = None
    objective_id: int | None = None
    # With objective_id: the chosen key results' ids, None exactly when the indices are.
    key_result_ids: tuple[int, ...] | None = None

    @model_validator(mode="after")
    def _ids_match_positions(self) -> RollOverChoice:
        if self.objective_id is None:
            if self.key_result_ids is not None:
                raise ValueError("Key results are named by id only with their objective's id.")
            return self
        indices, ids = self.key_result_indices, self.key_result_ids
        if (indices is None) != (ids is None) or len(indices or ()) != len(ids or ()):
            raise ValueError("Name the same key results by position and by id.")
        return self

    @classmethod
    def of(
        cls, workshop: Workshop, objective_index: int, key_result_indices: Sequence[int] | None
    ) -> RollOverChoice:
        """The choice of the objective at `objective_index` with the key results at
        `key_result_indices` (None: all of them), named by id too when they have ids."""
        objective = workshop.objectives[objective_index]
        indices = None if key_result_indices is None else tuple(key_result_indices)
        ids: tuple[int, ...] | None = None
        if objective.id is not None and indices is not None:
            found = tuple(objective.key_results[k].id for k in indices)
            if any(i is None for i in found):
                return cls(objective_index=objective_index, key_result_indices=indices)
            ids = tuple(i for i in found if i is not None)
        return cls(
            objective_index=objective_index,
            key_result_indices=indices,
            objective_id=objective.id,
            key_result_ids=ids,
        )


def resolve_choices(workshop: Workshop, choices: Sequence[RollOverChoice]) -> list[RollOverChoice]:
    """The choices read against `workshop` as it is now, by identity.

    A choice that names its objective by id follows it to where it is now, and takes its
    key results by id in the objective's current order; an objective or key result that
    is no longer there is left out (it was removed: nothing else takes its place). A
    choice without ids is kept as it is, by position.
    """
    where = {o.id: i for i, o in enumerate(workshop.objectives) if o.id is not None}
    out: list[RollOverChoice] = []
    for choice in choices:
        if choice.objective_id is None:
            out.append(choice)
            continue
        o = where.get(choice.objective_id)
        if o is None:
            continue
        objective = workshop.objectives[o]
        if choice.key_result_ids is None:
            out.append(RollOverChoice.of(workshop, o, None))
            continue
        wanted = set(choice.key_result_ids)
        kept = [k for k, kr in enumerate(objective.key_results) if kr.id in wanted]
        out.append(RollOverChoice.of(workshop, o, kept))
    return out


def named_by_id(workshop: Workshop, choices: Sequence[RollOverChoice]) -> list[RollOverChoice]:
    """Choices by position, named by id as well from `workshop` (a JSON file's choices, once
    its workshop is stored); a position the workshop does not have is left as it is."""
    out = []
    for c in choices:
        o = c.objective_index
        fits = o < len(workshop.objectives) and all(
            k < len(workshop.objectives[o].key_results) for k in c.key_result_indices or ()
        )
        out.append(RollOverChoice.of(workshop, o, c.key_result_indices) if fits else c)
    return out


def by_position(workshop: Workshop, choices: Sequence[RollOverChoice]) -> list[RollOverChoice]:
    """Choices read against `workshop` as it is now, by position alone (for a file read
    elsewhere, where this store's ids mean nothing)."""
    return [
        c.model_copy(update={"objective_id": None, "key_result_ids": None})
        for c in resolve_choices(workshop, choices)
    ]


class RolledOver(BaseModel):
    """An item of the new workshop that came from the earlier period, and where from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    objective_index: int  # in the new workshop
    key_result_index: int | None  # in the new workshop; None marks the objective itself
    from_period: str
    from_objective_index: int
    from_key_result_index: int | None
    # The item's id in the new workshop, once it is stored (see `with_new_ids`): the room
    # may move or remove items there, and the mark must stay with its item.
    objective_id: int | None = None
    key_result_id: int | None = None


class RollOverPlan(BaseModel):
    """The next period's workshop, and which of its items were rolled over."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    workshop: Workshop
    from_period: str
    rolled_over: tuple[RolledOver, ...] = ()

    def is_rolled_over(self, objective_index: int, key_result_index: int | None = None) -> bool:
        return any(
            (r.objective_index, r.key_result_index) == (objective_index, key_result_index)
            for r in self.rolled_over
        )


def _choice_problems(workshop: Workshop, choices: Sequence[RollOverChoice]) -> list[str]:
    problems: list[str] = []
    seen: set[int] = set()
    for choice in choices:
        o = choice.objective_index
        if o >= len(workshop.objectives):
            problems.append(
                f"There is no objective {o + 1}; this workshop has {len(workshop.objectives)}."
            )
            continue
        if o in seen:
            problems.append(f"Objective {o + 1} is chosen twice; carry it over once.")
            continue
        seen.add(o)
        count = len(workshop.objectives[o].key_results)
        indices = choice.key_result_indices or ()
        for k in indices:
            if not 0 <= k < count:
                problems.append(f"Objective {o + 1} has no key result {k + 1}.")
        if len(set(indices)) != len(indices):
            problems.append(f"A key result of objective {o + 1} is chosen twice.")
    return problems


def _carried_key_result(kr: KeyResult) -> KeyResult:
    return KeyResult(
        text=kr.text,
        kind=kr.kind,
        start=kr.start,
        target=kr.target,
        unit=kr.unit,
        owner=kr.owner,
    )


def roll_over(
    workshop: Workshop,
    choices: Sequence[RollOverChoice],
    *,
    period: str | None = None,
    new_objectives: Sequence[str] = (),
) -> RollOverPlan:
    """The next workshop, pre-filled with the chosen objectives and key results.

    Objectives keep their order in this workshop, and key results theirs, whatever the
    order of `choices`. Choices that name their items by id are read by id (see
    `resolve_choices`): an item moved since the choice still goes, one removed does not.
    `new_objectives` (the review's decisions to start something) follow them, in the
    words given, without key results and not marked as rolled over: they are new.
    `period` overrides the next period's label (for a period the app cannot step on
    from). Raises OKRInputError listing every bad choice.
    """
    choices = resolve_choices(workshop, choices)
    problems = _choice_problems(workshop, choices)
    if problems:
        raise OKRInputError(problems)
    new_period = next_period(workshop.period) if period is None else period

    objectives: list[Objective] = []
    marks: list[RolledOver] = []
    for choice in sorted(choices, key=lambda c: c.objective_index):
        source = workshop.objectives[choice.objective_index]
        if choice.key_result_indices is None:
            kept = list(range(len(source.key_results)))
        else:
            kept = sorted(choice.key_result_indices)
        new_o = len(objectives)
        objectives.append(
            Objective(
                text=source.text,
                goal_type=source.goal_type,
                key_results=[_carried_key_result(source.key_results[k]) for k in kept],
            )
        )
        marks.append(
            RolledOver(
                objective_index=new_o,
                key_result_index=None,
                from_period=workshop.period,
                from_objective_index=choice.objective_index,
                from_key_result_index=None,
            )
        )
        marks.extend(
            RolledOver(
                objective_index=new_o,
                key_result_index=new_k,
                from_period=workshop.period,
                from_objective_index=choice.objective_index,
                from_key_result_index=k,
            )
            for new_k, k in enumerate(kept)
        )

    new = Workshop(
        team=workshop.team,
        period=new_period,
        facilitator=workshop.facilitator,
        champion=workshop.champion,
        participants=list(workshop.participants),
        approach=workshop.approach,
        cascade_model=workshop.cascade_model,
        timezone=workshop.timezone,
        objectives=[*objectives, *(Objective(text=t) for t in new_objectives if t.strip())],
    )
    return RollOverPlan(workshop=new, from_period=workshop.period, rolled_over=tuple(marks))


def with_new_ids(marks: Sequence[RolledOver], stored: Workshop) -> tuple[RolledOver, ...]:
    """The marks with the ids of their items in `stored`, the new workshop as just stored
    (its positions are still those of the plan)."""
    out = []
    for m in marks:
        objective = stored.objectives[m.objective_index]
        kr_id = None
        if m.key_result_index is not None:
            kr_id = objective.key_results[m.key_result_index].id
        out.append(m.model_copy(update={"objective_id": objective.id, "key_result_id": kr_id}))
    return tuple(out)


def rolled_over_objectives(marks: Sequence[RolledOver], workshop: Workshop) -> list[int]:
    """The positions of `workshop`'s objectives that were rolled over, as it is now: by id
    for marks that have one (an objective moved since keeps its mark, one added does not
    take it), by position for marks made before ids were kept."""
    where = {o.id: i for i, o in enumerate(workshop.objectives) if o.id is not None}
    found = []
    for m in marks:
        if m.key_result_index is not None:
            continue
        if m.objective_id is not None:
            position = where.get(m.objective_id)
        else:
            position = m.objective_index if m.objective_index < len(workshop.objectives) else None
        if position is not None:
            found.append(position)
    return sorted(set(found))


def choices_from_retrospective(retrospective: Retrospective) -> list[RollOverChoice]:
    """The objectives the review decided to continue or change, each with all its key results:
    a starting point the room then trims."""
    return [RollOverChoice(objective_index=o) for o in retrospective.carried_objectives()]
