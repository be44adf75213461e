"""The alignment of team objectives with the company's OKRs: pure logic, no database, no UI.

The company's objectives and key results are written once, in a company-level
workshop. A team workshop links to that workshop, and each team objective may
link, by id, to the company objective or key result it serves. From those links
this builds what the alignment view shows:

- each company objective, the team objectives serving it directly, then each of
  its key results with the team objectives serving that key result, grouped by
  team and with each team's cascade model;
- the company key results no team objective serves;
- the team objectives aligned to nothing in the company's OKRs. These are shown,
  never marked as a fault: a team working bottom-up need not align every
  objective, and that is allowed (see the second reference document).

A link to a company objective or key result that no longer exists counts as no
link (`Alignment.stale_links` says how many), so nothing points at a ghost.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CompanyKeyResult:
    id: int
    text: str


@dataclass(frozen=True)
class CompanyObjective:
    id: int
    text: str
    key_results: tuple[CompanyKeyResult, ...] = ()


@dataclass(frozen=True)
class TeamObjective:
    """One team objective and what it links to in the company's OKRs (ids, or None)."""

    id: int
    text: str
    goal_type: str = "committed"
    company_objective_id: int | None = None
    company_key_result_id: int | None = None


@dataclass(frozen=True)
class Team:
    """One team's workshop linked to the company, in its own order of objectives."""

    workshop_id: int
    name: str
    period: str = ""
    approach: str = "top-down"
    cascade_model: str | None = None
    objectives: tuple[TeamObjective, ...] = ()


@dataclass(frozen=True)
class Organisation:
    """The company-level workshop's OKRs and the team workshops linked to it."""

    company_id: int
    name: str
    period: str = ""
    objectives: tuple[CompanyObjective, ...] = ()
    teams: tuple[Team, ...] = ()


@dataclass(frozen=True)
class TeamGroup:
    """Some of one team's objectives, with the team's cascade model."""

    team: Team
    objectives: tuple[TeamObjective, ...]


@dataclass(frozen=True)
class KeyResultAlignment:
    key_result: CompanyKeyResult
    serving: tuple[TeamGroup, ...]

    @property
    def supported(self) -> bool:
        return bool(self.serving)


@dataclass(frozen=True)
class ObjectiveAlignment:
    objective: CompanyObjective
    # Team objectives linked to the company objective itself (not to one of its KRs).
    serving: tuple[TeamGroup, ...]
    key_results: tuple[KeyResultAlignment, ...]


@dataclass(frozen=True)
class UnsupportedKeyResult:
    objective_number: int  # 1-based, as shown
    objective: CompanyObjective
    key_result: CompanyKeyResult
    key_result_number: int = 0  # 1-based within its objective, as shown

    @property
    def label(self) -> str:
        """The key result as the view numbers it above: "KR 2.3".

        It read "Objective 2: <the key result's words>", as if those words were the
        objective's.
        """
        return f"KR {self.objective_number}.{self.key_result_number}"


@dataclass(frozen=True)
class TeamCounts:
    team: Team
    aligned: int
    unaligned: int


@dataclass(frozen=True)
class Alignment:
    organisation: Organisation
    objectives: tuple[ObjectiveAlignment, ...]
    unsupported: tuple[UnsupportedKeyResult, ...]
    # Team objectives linked to nothing in the company's OKRs, by team. Not a fault.
    unaligned: tuple[TeamGroup, ...]
    teams: tuple[TeamCounts, ...] = field(default=())
    stale_links: int = 0

    @property
    def aligned_count(self) -> int:
        return sum(t.aligned for t in self.teams)

    @property
    def unaligned_count(self) -> int:
        return sum(t.unaligned for t in self.teams)

    @property
    def key_result_count(self) -> int:
        return sum(len(o.key_results) for o in self.objectives)


def _groups(
    teams: tuple[Team, ...], chosen: dict[int, list[TeamObjective]]
) -> tuple[TeamGroup, ...]:
    """The teams (in the organisation's order) that have objectives in `chosen`."""
    return tuple(
        TeamGroup(team, tuple(chosen[team.workshop_id]))
        for team in teams
        if chosen.get(team.workshop_id)
    )


def align(organisation: Organisation) -> Alignment:
    """Group every team objective under what it serves in the company's OKRs."""
    objective_ids = {o.id for o in organisation.objectives}
    key_result_owner = {
        kr.id: objective.id for objective in organisation.objectives for kr in objective.key_results
    }
    on_objective: dict[int, dict[int, list[TeamObjective]]] = {}
    on_key_result: dict[int, dict[int, list[TeamObjective]]] = {}
    unaligned: dict[int, list[TeamObjective]] = {}
    counts: list[TeamCounts] = []
    stale = 0
    for team in organisation.teams:
        aligned_here = 0
        for objective in team.objectives:
            kr_id, obj_id = objective.company_key_result_id, objective.company_objective_id
            if kr_id is not None and kr_id in key_result_owner:
                on_key_result.setdefault(kr_id, {}).setdefault(team.workshop_id, []).append(
                    objective
                )
                aligned_here += 1
            elif obj_id is not None and obj_id in objective_ids:
                on_objective.setdefault(obj_id, {}).setdefault(team.workshop_id, []).append(
                    objective
                )
                aligned_here += 1
            else:
                if kr_id is not None or obj_id is not None:
                    stale += 1
                unaligned.setdefault(team.workshop_id, []).append(objective)
        counts.append(TeamCounts(team, aligned_here, len(team.objectives) - aligned_here))

    objectives: list[ObjectiveAlignment] = []
    unsupported: list[UnsupportedKeyResult] = []
    for number, company_objective in enumerate(organisation.objectives, start=1):
        key_results = []
        for kr_number, kr in enumerate(company_objective.key_results, start=1):
            serving = _groups(organisation.teams, on_key_result.get(kr.id, {}))
            key_results.append(KeyResultAlignment(kr, serving))
            if not serving:
                unsupported.append(UnsupportedKeyResult(number, company_objective, kr, kr_number))
        objectives.append(
            ObjectiveAlignment(
                company_objective,
                _groups(organisation.teams, on_objective.get(company_objective.id, {})),
                tuple(key_results),
            )
        )
    return Alignment(
        organisation=organisation,
        objectives=tuple(objectives),
        unsupported=tuple(unsupported),
        unaligned=_groups(organisation.teams, unaligned),
        teams=tuple(counts),
        stale_links=stale,
    )


CASCADE_TITLES = {
    "duality": "duality: a company key result becomes the team's objective",
    "flexible": "flexible: the team's own objectives contribute to the company's",
    "bottom-up": "bottom-up: the team sets its own; linking is optional",
}


def cascade_title(model: str | None) -> str:
    """The cascade model in a few words, for the view and the handout."""
    if not model:
        return "no cascade model chosen yet"
    return CASCADE_TITLES.get(model, model)
