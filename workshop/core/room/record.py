"""What the room keeps: people, notes, votes and N&S answers, as plain records.

These are what the database stores (`workshop.core.room.rows`) and what the JSON
and CSV exports write. Text is kept verbatim; every reader escapes it.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

# What a note suggests, and so where a promotion puts it.
KINDS = ("priority", "objective", "key_result", "question")


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RoomPerson(_Record):
    """One device that joined, by its number in this workshop."""

    device_no: int
    name: str = ""  # empty: anonymous
    joined_at: dt.datetime


class RoomNote(_Record):
    """One suggestion written on a device."""

    note_no: int
    device_no: int
    author: str = ""  # the name at the time of writing; empty: anonymous
    kind: str  # one of KINDS
    # The objective a key result or a wording is for (a draft id), or None.
    target_id: int | None = None
    text: str
    why: str = ""  # goals: why it matters
    start: str = ""  # key results: from X ...
    target: str = ""  # ... to Y
    created_at: dt.datetime
    revealed_at: dt.datetime | None = None
    # Set when the facilitator merged this note into another one (its group's first note).
    merged_into: int | None = None
    # What it became in the draft ("priority", "objective", "variation", "key_result")
    # and when; the note itself is kept as written.
    promoted_to: str = ""
    promoted_at: dt.datetime | None = None


class RoomVote(_Record):
    """The dots one device put on one note."""

    note_no: int
    device_no: int
    dots: int
    voted_at: dt.datetime


class RoomAnswer(_Record):
    """One device's private yes or no to one N&S question about an objective."""

    objective_id: int
    question: int  # 0-based; the last one asks whether the set is sufficient
    device_no: int
    answer: bool
    answered_at: dt.datetime
    revealed: bool = False


class RoomRecord(_Record):
    """Everything the room produced for one workshop."""

    people: list[RoomPerson] = Field(default_factory=list)
    notes: list[RoomNote] = Field(default_factory=list)
    votes: list[RoomVote] = Field(default_factory=list)
    answers: list[RoomAnswer] = Field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.people or self.notes or self.votes or self.answers)
