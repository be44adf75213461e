"""The bottom-up alignment review (issue 18): the teams' draft objectives brought together
and challenged against the company's direction, one by one.

A meeting kind (`workshop.core.agenda.kinds.ALIGNMENT_REVIEW`) held on the company's
workshop. Its record, stored as the meeting's `meeting_json`, keeps for each team
objective the room's verdict (agreed, or challenged) and a note. What each objective
aligns to comes from the live links (`workshop.core.org.alignment`), so a link changed
in a team's workshop shows at once. Pure logic: no database, no UI.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from workshop.core.org.alignment import Alignment, Team, TeamObjective

Verdict = Literal["agreed", "challenged"]
# Ctrl+T goes round these, in this order.
VERDICT_CYCLE: tuple[Verdict | None, ...] = (None, "agreed", "challenged")
VERDICT_WORDS = {None: "not discussed yet", "agreed": "agreed", "challenged": "challenged"}


class ReviewEntry(BaseModel):
    objective_id: int
    verdict: Verdict | None = None
    note: str = ""


class AlignmentReviewRecord(BaseModel):
    entries: list[ReviewEntry] = Field(default_factory=list)

    def entry(self, objective_id: int) -> ReviewEntry:
        found = next((e for e in self.entries if e.objective_id == objective_id), None)
        return found or ReviewEntry(objective_id=objective_id)

    def _with(self, entry: ReviewEntry) -> AlignmentReviewRecord:
        others = [e for e in self.entries if e.objective_id != entry.objective_id]
        return AlignmentReviewRecord(entries=[*others, entry])

    def next_verdict(self, objective_id: int) -> AlignmentReviewRecord:
        """The record with this objective's verdict moved on: none, agreed, challenged."""
        entry = self.entry(objective_id)
        index = VERDICT_CYCLE.index(entry.verdict)
        verdict = VERDICT_CYCLE[(index + 1) % len(VERDICT_CYCLE)]
        return self._with(entry.model_copy(update={"verdict": verdict}))

    def with_note(self, objective_id: int, note: str) -> AlignmentReviewRecord:
        return self._with(self.entry(objective_id).model_copy(update={"note": note}))


def read_record(meeting_json: str) -> AlignmentReviewRecord:
    """The stored record; an empty or unreadable one starts the review afresh."""
    if not meeting_json:
        return AlignmentReviewRecord()
    try:
        return AlignmentReviewRecord.model_validate_json(meeting_json)
    except ValidationError:
        return AlignmentReviewRecord()


@dataclass(frozen=True)
class ReviewLine:
    """One team objective in the review: what it aligns to, and what the room said."""

    team: Team
    objective: TeamObjective
    aligned_to: str  # "KR 2.1: ...", "objective 1: ...", or "" (the team's own)
    verdict: Verdict | None
    note: str


def review_lines(alignment: Alignment, record: AlignmentReviewRecord) -> list[ReviewLine]:
    """Every team objective, team by team, with its alignment and the room's verdict."""
    where: dict[int, str] = {}
    for number, item in enumerate(alignment.objectives, start=1):
        for group in item.serving:
            for objective in group.objectives:
                where[objective.id] = f"objective {number}: {item.objective.text}"
        for kr_number, kr in enumerate(item.key_results, start=1):
            for group in kr.serving:
                for objective in group.objectives:
                    where[objective.id] = f"KR {number}.{kr_number}: {kr.key_result.text}"
    lines = []
    for team in alignment.organisation.teams:
        for objective in team.objectives:
            entry = record.entry(objective.id)
            lines.append(
                ReviewLine(team, objective, where.get(objective.id, ""), entry.verdict, entry.note)
            )
    return lines


@dataclass(frozen=True)
class TeamTally:
    team: Team
    agreed: int
    challenged: int
    open: int


def tallies(lines: list[ReviewLine]) -> list[TeamTally]:
    """Per team, in order: how many objectives were agreed, challenged, not yet discussed."""
    order: list[Team] = []
    counts: dict[int, list[int]] = {}
    for line in lines:
        if line.team.workshop_id not in counts:
            order.append(line.team)
            counts[line.team.workshop_id] = [0, 0, 0]
        slot = {"agreed": 0, "challenged": 1, None: 2}[line.verdict]
        counts[line.team.workshop_id][slot] += 1
    return [TeamTally(t, *counts[t.workshop_id]) for t in order]
