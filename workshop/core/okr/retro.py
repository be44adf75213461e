"""The quarter-end retrospective: a decision per objective, the wins, and the lessons.

Per objective the room decides to continue, change, stop or start, and says why. It names
the wins and the people to thank, and notes what went well, what did not, and what to do
differently the next time it sets OKRs. The models check what can be checked (a decision
has a reason, an objective gets one decision, entries are not blank) and say what is wrong
in one sentence each (see `workshop.core.okr.errors.sentences`).
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class Decision(StrEnum):
    CONTINUE = "continue"  # keep it as it is for the next period
    CHANGE = "change"  # keep the intent, rework the wording or the key results
    STOP = "stop"  # drop it
    START = "start"  # a new objective the review showed is needed


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _no_blank_entries(entries: list[str], what: str) -> list[str]:
    for i, entry in enumerate(entries, start=1):
        if not entry.strip():
            raise ValueError(f"Entry {i} under “{what}” is empty; write something or remove it.")
    return entries


class ObjectiveDecision(_Model):
    """What happens to one objective next period, and why."""

    objective_index: int | None = Field(default=None, ge=0)  # None for a new objective (start)
    decision: Decision
    reason: str
    text: str = ""  # the new objective's wording, for start

    @field_validator("reason")
    @classmethod
    def _has_reason(cls, reason: str) -> str:
        if not reason.strip():
            raise ValueError("Give a reason for the decision.")
        return reason

    @model_validator(mode="after")
    def _start_is_new(self) -> ObjectiveDecision:
        if self.decision is Decision.START:
            if self.objective_index is not None:
                raise ValueError(
                    "Start is for a new objective; an objective already set can be "
                    "continued, changed or stopped."
                )
            if not self.text.strip():
                raise ValueError("Say what the new objective is.")
        elif self.objective_index is None:
            raise ValueError(f"Say which objective to {self.decision.value}.")
        return self


class Win(_Model):
    """Something to celebrate, and who to thank for it."""

    text: str
    thanks: list[str] = Field(default_factory=list)

    @field_validator("text")
    @classmethod
    def _has_text(cls, text: str) -> str:
        if not text.strip():
            raise ValueError("Say what the win was.")
        return text

    @field_validator("thanks")
    @classmethod
    def _named(cls, names: list[str]) -> list[str]:
        return _no_blank_entries(names, "who to thank")


class Retrospective(_Model):
    """The end-of-period review of one workshop's OKRs."""

    decisions: list[ObjectiveDecision] = Field(default_factory=list)
    wins: list[Win] = Field(default_factory=list)
    went_well: list[str] = Field(default_factory=list)
    did_not_go_well: list[str] = Field(default_factory=list)
    change_how_we_set_okrs: list[str] = Field(default_factory=list)

    @field_validator("went_well")
    @classmethod
    def _well(cls, entries: list[str]) -> list[str]:
        return _no_blank_entries(entries, "what went well")

    @field_validator("did_not_go_well")
    @classmethod
    def _not_well(cls, entries: list[str]) -> list[str]:
        return _no_blank_entries(entries, "what did not go well")

    @field_validator("change_how_we_set_okrs")
    @classmethod
    def _change(cls, entries: list[str]) -> list[str]:
        return _no_blank_entries(entries, "what to change in how we set OKRs")

    @model_validator(mode="after")
    def _one_decision_per_objective(self) -> Retrospective:
        seen: set[int] = set()
        for d in self.decisions:
            if d.objective_index is None:
                continue
            if d.objective_index in seen:
                raise ValueError(f"Objective {d.objective_index + 1} has two decisions; keep one.")
            seen.add(d.objective_index)
        return self

    def undecided(self, objective_count: int) -> list[int]:
        """The positions of the objectives that have no decision yet."""
        decided = {d.objective_index for d in self.decisions}
        return [i for i in range(objective_count) if i not in decided]

    def carried_objectives(self) -> list[int]:
        """The objectives decided to continue or change: the natural roll-over choice."""
        return sorted(
            d.objective_index
            for d in self.decisions
            if d.objective_index is not None and d.decision in {Decision.CONTINUE, Decision.CHANGE}
        )
