"""SQLModel tables: how a workshop is laid out in the database.

One row per thing the room typed, so that autosave writes a single small UPDATE
per field and two app instances editing different fields never overwrite each
other. Lists keep an explicit `position`. Foreign keys cascade on delete.

Changing a table here means adding a migration in `workshop.core.db.migrations`.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field, SQLModel


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class SchemaVersionRow(SQLModel, table=True):
    __tablename__ = "schema_version"

    id: int = Field(default=1, primary_key=True)
    version: int


class WorkshopRow(SQLModel, table=True):
    __tablename__ = "workshop"

    id: int | None = Field(default=None, primary_key=True)
    team: str = ""
    period: str = ""
    facilitator: str = ""
    champion: str = ""
    approach: str = "top-down"
    cascade_model: str | None = None
    timezone: str = "UTC"
    current_stage: int = 0
    follow_up: dt.datetime | None = None
    follow_up_note: str = ""
    # The agenda the workshop runs on, as JSON, so a resumed workshop keeps its
    # own stage minutes even if steps/ changed since.
    agenda_json: str = ""
    created_at: dt.datetime = Field(default_factory=_now)
    updated_at: dt.datetime = Field(default_factory=_now, index=True)
    # Schema version 3: the kind of meeting this row runs (workshop.core.agenda.kinds),
    # the workshop whose OKRs a later meeting reviews, and that meeting's record as JSON
    # (workshop.core.okr.meetings). Server defaults, so the upgrade fills old rows.
    meeting_kind: str = Field(default="workshop", sa_column_kwargs={"server_default": "workshop"})
    subject_id: int | None = None
    meeting_json: str = Field(default="", sa_column_kwargs={"server_default": ""})
    # Schema version 6 (issue 18): "company" for the workshop where the company's
    # objectives and key results are written once, "team" otherwise; a team's
    # workshop names its company's workshop. A plain id, not a foreign key: the
    # session's draft holds one workshop's rows only (see workshop.core.org).
    level: str = Field(default="team", sa_column_kwargs={"server_default": "team"})
    company_id: int | None = Field(default=None, index=True)


class ClockRow(SQLModel, table=True):
    """The latest checkpoint of the workshop's clock (a `TimerState` as JSON)."""

    __tablename__ = "clock"

    workshop_id: int = Field(foreign_key="workshop.id", primary_key=True, ondelete="CASCADE")
    state_json: str
    saved_at: dt.datetime = Field(default_factory=_now)


class ParticipantRow(SQLModel, table=True):
    __tablename__ = "participant"

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True, ondelete="CASCADE")
    position: int = 0
    name: str = ""


class ParentObjectiveRow(SQLModel, table=True):
    __tablename__ = "parent_objective"

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True, ondelete="CASCADE")
    position: int = 0
    text: str = ""


class ParentKeyResultRow(SQLModel, table=True):
    __tablename__ = "parent_key_result"

    id: int | None = Field(default=None, primary_key=True)
    parent_objective_id: int = Field(
        foreign_key="parent_objective.id", index=True, ondelete="CASCADE"
    )
    position: int = 0
    text: str = ""


class PriorityRow(SQLModel, table=True):
    __tablename__ = "priority"

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True, ondelete="CASCADE")
    position: int = 0
    text: str = ""


class WhyRow(SQLModel, table=True):
    __tablename__ = "priority_why"

    id: int | None = Field(default=None, primary_key=True)
    priority_id: int = Field(foreign_key="priority.id", index=True, ondelete="CASCADE")
    position: int = 0
    text: str = ""


class ObjectiveRow(SQLModel, table=True):
    __tablename__ = "objective"

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True, ondelete="CASCADE")
    position: int = 0
    text: str = ""
    goal_type: str = "committed"
    priority_id: int | None = Field(default=None, foreign_key="priority.id", ondelete="SET NULL")
    parent_key_result_id: int | None = Field(
        default=None, foreign_key="parent_key_result.id", ondelete="SET NULL"
    )
    # The latest necessary-and-sufficient run, as an `NSTest` in JSON.
    ns_test_json: str = ""
    # Schema version 6 (issue 18): the company objective or key result (rows of the
    # company's workshop) this objective serves. Plain ids, like workshop.company_id.
    company_objective_id: int | None = None
    company_key_result_id: int | None = None


class VariationRow(SQLModel, table=True):
    __tablename__ = "variation"

    id: int | None = Field(default=None, primary_key=True)
    objective_id: int = Field(foreign_key="objective.id", index=True, ondelete="CASCADE")
    position: int = 0
    text: str = ""
    chosen: bool = False


class KeyResultRow(SQLModel, table=True):
    __tablename__ = "key_result"

    id: int | None = Field(default=None, primary_key=True)
    objective_id: int = Field(foreign_key="objective.id", index=True, ondelete="CASCADE")
    position: int = 0
    text: str = ""
    kind: str = "metric"
    start: str = ""
    target: str = ""
    unit: str = ""
    owner: str = ""


class MeetingRow(SQLModel, table=True):
    __tablename__ = "meeting"

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True, ondelete="CASCADE")
    position: int = 0
    date: dt.date
    time: dt.time
    kind: str = "check-in"
    note: str = ""


class WrapItemRow(SQLModel, table=True):
    __tablename__ = "wrap_item"

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True, ondelete="CASCADE")
    position: int = 0
    kind: str = "question"
    text: str = ""
    owner: str = ""
    due: dt.date | None = None  # a next step's due date (schema version 4)


class LeaseRow(SQLModel, table=True):
    """Who has a workshop open for editing (schema version 2).

    Taken when a workshop is opened, refreshed with every clock checkpoint and
    deleted on close; a row whose heartbeat is old, or whose process on this
    host is gone, is stale and may be taken over. See `workshop.core.session.lease`.
    """

    __tablename__ = "workshop_lease"

    workshop_id: int = Field(foreign_key="workshop.id", primary_key=True, ondelete="CASCADE")
    owner: str  # a random id per app instance
    pid: int
    host: str
    acquired_at: dt.datetime
    heartbeat_at: dt.datetime


# -- the room (schema version 5): participants' devices, notes, dots and N&S answers ------
# Keyed by the workshop and the room's own numbers (device_no, note_no), which the room
# hands out itself, so the writer has no ids to translate but the objectives'.


class RoomPersonRow(SQLModel, table=True):
    """A device that joined the room; `name` empty when anonymous."""

    __tablename__ = "room_person"

    workshop_id: int = Field(foreign_key="workshop.id", primary_key=True, ondelete="CASCADE")
    device_no: int = Field(primary_key=True)
    name: str = ""
    joined_at: dt.datetime


class RoomNoteRow(SQLModel, table=True):
    """A suggestion written on a device, kept as written, with its author and time."""

    __tablename__ = "room_note"

    workshop_id: int = Field(foreign_key="workshop.id", primary_key=True, ondelete="CASCADE")
    note_no: int = Field(primary_key=True)
    device_no: int
    author: str = ""
    kind: str
    target_id: int | None = None  # the objective it is about (key results, wordings)
    text: str = ""
    why: str = ""
    start: str = ""
    target: str = ""
    created_at: dt.datetime
    revealed_at: dt.datetime | None = None
    merged_into: int | None = None  # the note_no of its group's first note
    promoted_to: str = ""
    promoted_at: dt.datetime | None = None


class RoomVoteRow(SQLModel, table=True):
    """The dots one device put on one note (0 once taken back or moved by a merge)."""

    __tablename__ = "room_vote"

    workshop_id: int = Field(foreign_key="workshop.id", primary_key=True, ondelete="CASCADE")
    note_no: int = Field(primary_key=True)
    device_no: int = Field(primary_key=True)
    dots: int = 0
    voted_at: dt.datetime


class RoomAnswerRow(SQLModel, table=True):
    """One device's private yes or no to one necessary-and-sufficient question."""

    __tablename__ = "room_answer"

    workshop_id: int = Field(foreign_key="workshop.id", primary_key=True, ondelete="CASCADE")
    objective_id: int = Field(primary_key=True)
    question: int = Field(primary_key=True)
    device_no: int = Field(primary_key=True)
    answer: bool
    answered_at: dt.datetime
    revealed: bool = False
