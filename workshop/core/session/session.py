"""One open workshop: its draft, its agenda, its clock and the writer that saves them.

Textual-free, so the saving and resume rules are tested without a UI. The app
owns one `WorkshopSession`. Screens read through `load()` and change the
workshop only through the session's methods: `edit()` for typing (queued,
coalesced, handed on a few times a second), and `add`, `delete`, `move`,
`update`, `update_workshop`, `save_ns_test`, `set_stage`, `set_minutes` and
`checkpoint` for the rest. Each applies to the session's in-memory draft
(`workshop.core.session.draft`) at once and queues the change for the writer thread
(`workshop.core.session.writer`), which saves it to the real store, in order. The real store
is private to the session and its writer: nothing on the event loop waits for it.

In a read-only window (another window holds the lease) every change is refused:
nothing is written, and `on_refused` is told once, for the app to say so.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError

from workshop.core.agenda.model import MAX_STAGE_MINUTES, SETUP_KEY, Agenda
from workshop.core.clock.pacing import minutes_from_actuals
from workshop.core.clock.timer import StageClockState, TimerState, WorkshopTimer
from workshop.core.coach.period import parse_period
from workshop.core.db.store import (
    MAX_FIELD_CHARS,
    WORKSHOP_FIELDS,
    FieldTooLong,
    Item,
    Store,
    WorkshopRows,
)
from workshop.core.db.summaries import Summary
from workshop.core.domain import NSTest, Workshop
from workshop.core.room.record import RoomRecord
from workshop.core.room.rows import load_record, record_key, record_of
from workshop.core.session.draft import Draft
from workshop.core.session.lease import WorkshopLease
from workshop.core.session.quarter import QuarterContext, load_quarter
from workshop.core.session.writer import (
    LINK_FIELDS,
    Add,
    Delete,
    Move,
    SaveClock,
    SaveEdits,
    SaveNSTest,
    SaveRoom,
    SaveStage,
    SaveStatus,
    Update,
    UpdateWorkshop,
    Writer,
)

if TYPE_CHECKING:
    from workshop.core.org.rows import OrgLinks

_T = TypeVar("_T")

# The workshop row itself, for edit(); list items use their `Item` kind.
WORKSHOP = "workshop"

Target = tuple[str, int]  # (WORKSHOP or an Item value, row id)

# What a read-only window says when a key would have changed the workshop.
READ_ONLY_REFUSAL = (
    "Nothing was changed: this window is read-only while the workshop is open in another window."
)

# On quit, how long to wait for the writer to save what is queued before the
# draft goes to a recovery file instead.
CLOSE_WAIT_SECONDS = 5.0


@dataclass(frozen=True)
class LeaseNews:
    """What `poll()` found: read-only mode changed, the draft was reloaded."""

    changed: bool = False
    reloaded: bool = False


class WorkshopSession:
    """The workshop being run: its draft, the clock, and the writer saving both."""

    def __init__(
        self,
        store: Store,
        workshop_id: int,
        agenda: Agenda,
        timer: WorkshopTimer,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], datetime] | None = None,
        rows: WorkshopRows | None = None,
        writer_clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Reads the real store (call it off the event loop): the workshop's rows for
        the draft, and the other workshops' clocks for `earlier_runs`."""
        self._store = store
        self.workshop_id = workshop_id
        self.agenda = agenda
        self.timer = timer
        # Kept so the clock can be rebuilt when the plan changes before the first start.
        self._clock = clock
        self._wall = wall
        # Latest value per (target, field); later keystrokes replace earlier ones.
        self._pending: dict[Target, dict[str, Any]] = {}
        # What screens want to remember while this session is open, and no longer
        # (e.g. which overview card is showing). Never saved.
        self.view_state: dict[str, Any] = {}
        if rows is None:
            rows = store.workshop_rows(workshop_id)
        self._draft = Draft(rows)
        # The room's records (issue 16), read with the rest: the latest of each, in memory
        # (the room's draft), and those not yet handed to the writer.
        room = store.read_with(lambda s: load_record(s, workshop_id))
        everything = [*room.people, *room.notes, *room.votes, *room.answers]
        self._room: dict[tuple[Any, ...], Any] = {record_key(r): r for r in everything}
        self._room_pending: dict[tuple[Any, ...], Any] = {}
        self._earlier = _earlier_clocks(store, workshop_id)
        # A meeting after the workshop: the workshop it reviews and the earlier meetings.
        self.quarter: QuarterContext | None = load_quarter(store, rows)
        # Without a lease (tests, scripts) the session edits freely; the app takes one.
        self.lease: WorkshopLease | None = None
        self._read_only = False
        # Told (with a sentence to show) when a change is refused in a read-only window.
        self.on_refused: Callable[[str], None] | None = None
        self._writer = Writer(store, workshop_id, rows=rows, now=writer_clock)
        self._closed = False

    # -- the lease: one editing window per workshop ------------------------

    def take_lease(self, lease: WorkshopLease | None = None) -> bool:
        """Claim the workshop for editing; False means it is open elsewhere (read-only).

        Writes to the real store: call it where `create`/`resume` run, off the loop.
        """
        self.lease = lease or WorkshopLease(self._store, self.workshop_id)
        held = self.lease.acquire()
        self._writer.set_lease(self.lease)
        self._read_only = not held
        return held

    @property
    def read_only(self) -> bool:
        """True while another window holds the workshop: nothing here is written."""
        return self._read_only

    def poll(self) -> LeaseNews:
        """What the writer learnt about the lease since the last call (the app's tick).

        A read-only window takes the editing window's latest rows into its draft
        here, on the event loop, so a screen never reads a half-swapped draft.
        """
        held, rows = self._writer.take_lease_news()
        if rows is not None:
            self._pending.clear()  # only a read-only window is sent rows; it has none
            self._draft.replace(rows)
        changed = self._read_only == held
        self._read_only = not held
        return LeaseNews(changed=changed, reloaded=rows is not None)

    # -- opening (both read and write the real store: run them off the loop) ------

    @classmethod
    def create(
        cls,
        store: Store,
        agenda: Agenda,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], datetime] | None = None,
        writer_clock: Callable[[], float] = time.monotonic,
        **fields: Any,
    ) -> WorkshopSession:
        """Start a new workshop on `agenda` and save it straight away.

        `writer_clock` times the writer's heartbeats and delays (tests pass a fake).
        """
        workshop_id = store.create_workshop(agenda_json=agenda.model_dump_json(), **fields)
        timer = WorkshopTimer(
            [(s.key, s.title, s.seconds) for s in agenda.stages], clock=clock, **_wall(wall)
        )
        session = cls(
            store, workshop_id, agenda, timer, clock=clock, wall=wall, writer_clock=writer_clock
        )
        session.checkpoint()
        return session

    @classmethod
    def resume(
        cls,
        store: Store,
        workshop_id: int,
        *,
        fallback_agenda: Agenda,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], datetime] | None = None,
        writer_clock: Callable[[], float] = time.monotonic,
    ) -> WorkshopSession:
        """Reopen a workshop at its stage, with its own agenda and clock.

        A workshop with no usable stored agenda (imported, or saved by an older
        app) runs on `fallback_agenda`; one with no clock yet (imported) starts
        a fresh clock at its stored stage.
        """
        rows = store.workshop_rows(workshop_id)
        row = rows.table("workshop")[0]
        agenda = _stored_agenda(row["agenda_json"]) or _kind_agenda(row) or fallback_agenda
        clock_rows = rows.table("clock")
        if clock_rows:
            state = TimerState.model_validate_json(clock_rows[0]["state_json"])
            timer = WorkshopTimer.restore(_aligned(state, agenda), clock=clock, **_wall(wall))
        else:
            timer = WorkshopTimer(
                [(s.key, s.title, s.seconds) for s in agenda.stages], clock=clock, **_wall(wall)
            )
            stage = row["current_stage"]
            if 0 <= stage < timer.stage_count:
                timer.goto(stage)
        return cls(
            store,
            workshop_id,
            agenda,
            timer,
            clock=clock,
            wall=wall,
            rows=rows,
            writer_clock=writer_clock,
        )

    # -- reading (the draft) -------------------------------------------------

    def load(self) -> Workshop:
        """The workshop as the room has it, with the clock's timings filled in."""
        self._apply_pending()
        workshop = self._draft.store.load(self.workshop_id)
        totals = self.timer.totals()
        return workshop.model_copy(
            update={
                "timings": self.timer.timings(),
                "break_seconds": totals.breaks,
                "paused_seconds": totals.paused,
            }
        )

    def child_ids(self, item: Item, parent_id: int) -> list[int]:
        """Ids of the items of one kind under a parent, in order."""
        self._apply_pending()
        return self._draft.store.child_ids(item, parent_id)

    # -- changing (the draft at once, the real store through the writer) ----------

    def edit(self, target: str, target_id: int, /, **fields: Any) -> None:
        """Queue a field change (called on every keystroke); `flush()` hands it on.

        A field the target does not have, or an over-long value, is refused here,
        alone, so it cannot block the batch.
        """
        allowed = WORKSHOP_FIELDS if target == WORKSHOP else _item_fields(Item(target))
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"unknown field(s): {', '.join(sorted(unknown))}")
        for name, value in fields.items():
            if isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
                raise FieldTooLong(name, len(value))
        if not self._may_change():
            return
        links = {k: v for k, v in fields.items() if k in LINK_FIELDS}
        if links and target != WORKSHOP:
            self.update(Item(target), target_id, **links)
            fields = {k: v for k, v in fields.items() if k not in LINK_FIELDS}
        if fields:
            self._pending.setdefault((target, target_id), {}).update(fields)

    @property
    def dirty(self) -> bool:
        """True while typed edits wait for the next `flush()`."""
        return bool(self._pending)

    @property
    def unsaved(self) -> bool:
        """True if the database does not yet hold everything the room typed."""
        return bool(self._pending) or bool(self._room_pending) or self._writer.unsaved

    @property
    def save_status(self) -> SaveStatus:
        """Whether saving keeps up, for the app's banner (never waits)."""
        return self._writer.status

    def flush(self) -> int:
        """Hand the typed edits to the writer; return how many rows they touch.

        Never waits for the database: the writer saves them in its own thread.
        An edit to a row deleted meanwhile is dropped.
        """
        written = self._apply_pending()
        self._hand_room()  # and what the room's devices sent since the last flush
        return written

    def _apply_pending(self) -> int:
        if not self._pending:
            return 0
        edits, self._pending = self._pending, {}
        gone = set(self._draft.store.save_edits(edits))
        kept = {target: fields for target, fields in edits.items() if target not in gone}
        if kept:
            self._writer.submit(SaveEdits(kept))
        return len(kept)

    def add(
        self, item: Item, parent_id: int, *, after_id: int | None = None, **fields: Any
    ) -> int | None:
        """Add an item, last or after `after_id`; its id, or None in a read-only window."""
        if not self._may_change():
            return None
        self._apply_pending()  # keep positions and text in step with what is on screen
        draft_id = self._draft.store.add(item, parent_id, after_id=after_id, **fields)
        self._writer.submit(Add(item, parent_id, after_id, dict(fields), draft_id))
        return draft_id

    def delete(self, item: Item, item_id: int) -> bool:
        """Remove an item (and what hangs under it); False if refused."""
        if not self._may_change():
            return False
        self._pending.pop((item.value, item_id), None)
        self._apply_pending()
        self._draft.store.delete(item, item_id)
        self._writer.submit(Delete(item, item_id))
        return True

    def move(self, item: Item, item_id: int, offset: int) -> bool:
        """Move an item up (offset -1) or down (+1) among its siblings; False if refused."""
        if not self._may_change():
            return False
        self._apply_pending()
        self._draft.store.move(item, item_id, offset)
        self._writer.submit(Move(item, item_id, offset))
        return True

    def update(self, item: Item, item_id: int, **fields: Any) -> bool:
        """Change an item's fields now (a choice or a link, not typing); False if refused."""
        if not self._may_change():
            return False
        self._apply_pending()
        self._draft.store.update(item, item_id, **fields)
        self._writer.submit(Update(item, item_id, dict(fields)))
        return True

    def update_workshop(self, **fields: Any) -> bool:
        """Change the workshop's own fields now (e.g. the cascade model); False if refused."""
        if not self._may_change():
            return False
        self._apply_pending()
        self._draft.store.update_workshop(self.workshop_id, **fields)
        self._writer.submit(UpdateWorkshop(self.workshop_id, dict(fields)))
        return True

    def save_ns_test(self, objective_id: int, ns_test: NSTest) -> bool:
        """Keep an objective's latest necessary-and-sufficient run; False if refused."""
        if not self._may_change():
            return False
        self._apply_pending()
        self._draft.store.save_ns_test(objective_id, ns_test)
        self._writer.submit(SaveNSTest(objective_id, ns_test))
        return True

    # -- the room: participants' devices (workshop.core.room) ----------------

    def room_record(self) -> RoomRecord:
        """The room's people, notes, dots and N&S answers, as this window has them."""
        return record_of(self._room.values())

    def save_room(self, records: Sequence[Any]) -> bool:
        """Keep room records (new or changed) at once; `flush()` hands them to the writer.

        In memory only on the event loop (a dictionary update): a room of 30 writing
        and voting at once must not wait on SQLite, not even the draft's.
        """
        if not self._may_change():
            return False
        for record in records:
            key = record_key(record)
            self._room[key] = self._room_pending[key] = record
        return True

    def _hand_room(self) -> None:
        """The room's records since the last flush, to the writer as one batch."""
        if self._room_pending:
            records, self._room_pending = tuple(self._room_pending.values()), {}
            self._writer.submit(SaveRoom(self.workshop_id, records))

    def allow_change(self) -> bool:
        """True if this window may change the workshop (its clock too); else say why once."""
        return self._may_change()

    def _may_change(self) -> bool:
        if not self._read_only:
            return True
        if self.on_refused is not None:
            self.on_refused(READ_ONLY_REFUSAL)
        return False

    def set_stage(self, index: int) -> None:
        """Move the workshop (and its clock) to stage `index`, and remember it.

        In a read-only window only this window's view moves: nothing is saved.
        """
        self._apply_pending()
        self.timer.goto(index)
        if self._read_only:
            return
        # The stage and the clock in one write: a crash never leaves them apart.
        state_json = self.timer.snapshot().model_dump_json()
        self._draft.store.save_stage(self.workshop_id, index, state_json)
        self._writer.submit(SaveStage(self.workshop_id, index, state_json))

    def checkpoint(self) -> None:
        """Queue the clock for saving, so a crash loses at most the time since the last call."""
        if self._read_only:
            return  # the window holding the lease owns the clock
        state_json = self.timer.snapshot().model_dump_json()
        self._draft.store.save_clock(self.workshop_id, state_json)
        self._writer.submit_clock(SaveClock(self.workshop_id, state_json))

    # -- set-up ------------------------------------------------------------

    def set_stage_minutes(self, key: str, minutes: int) -> bool:
        """Re-time one stage: the stored agenda, the clock's plan and its checkpoint.

        Raises ValueError, with a message for the facilitator, for minutes that are
        not a whole number from 0 to 600 (and for anything but 0 on set-up), and
        KeyError for a stage key that is not on the agenda. False if refused.
        """
        return self.set_minutes({key: minutes})

    def set_minutes(self, minutes: Mapping[str, int]) -> bool:
        """Re-time several stages at once; all of them or, on a bad value, none."""
        for key, value in minutes.items():
            title = self.agenda.stage(key).title
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"{title}: minutes must be a whole number (got {value!r}).")
            if not 0 <= value <= MAX_STAGE_MINUTES:
                raise ValueError(
                    f"{title}: minutes must be from 0 to {MAX_STAGE_MINUTES} (got {value})."
                )
        agenda = self.agenda.with_minutes(minutes)
        if not self.update_workshop(agenda_json=agenda.model_dump_json()):
            return False
        self.agenda = agenda
        index = {key: i for i, key in enumerate(self.timer.keys())}
        if self.timer.started:
            # Mid-workshop: only today's plan moves; the hard stop set at the first
            # start stays the yardstick, as with the +1/+5 minute keys.
            for key, value in minutes.items():
                self.timer.set_plan(index[key], value * 60)
        else:
            # Before the first start the agenda is still being drawn up, so the new
            # minutes become the plan itself (what the hard stop is worked out from).
            state = self.timer.snapshot()
            for key, value in minutes.items():
                stage = state.stages[index[key]]
                stage.planned_seconds = stage.adjusted_seconds = value * 60
                stage.alerted = []
            self.timer = WorkshopTimer.restore(state, clock=self._clock, **_wall(self._wall))
        self.checkpoint()
        return True

    def earlier_runs(self) -> list[EarlierRun]:
        """Other workshops whose clock ran, with the minutes their stages really took.

        As they were when this session opened (read then, off the event loop).
        """
        runs = []
        for summary, _state in self._earlier:
            try:
                minutes = self.actual_minutes(summary.id)
            except ValueError:
                continue  # never started, or a clock this version cannot read
            runs.append(EarlierRun(summary, minutes))
        return runs

    def actual_minutes(self, workshop_id: int) -> dict[str, int]:
        """Whole minutes each stage of another workshop took, for the stages that ran.

        Only stages on this workshop's agenda count, capped at the 600-minute limit.
        Raises ValueError if that workshop's clock never ran.
        """
        state_json = next((state for s, state in self._earlier if s.id == workshop_id), None)
        if not state_json:
            raise ValueError("That workshop has no clock saved, so no times to copy.")
        timer = WorkshopTimer.restore(
            TimerState.model_validate_json(state_json), clock=self._clock, **_wall(self._wall)
        )
        keys = set(self.agenda.keys) - {SETUP_KEY}
        ran = [t for t in timer.timings() if t.key in keys and t.actual_seconds > 0]
        if not ran:
            raise ValueError("That workshop's clock never ran, so there are no times to copy.")
        return {k: min(m, MAX_STAGE_MINUTES) for k, m in minutes_from_actuals(ran).items()}

    def org_links(self) -> OrgLinks:
        """This workshop's level, company and objective links (issue 18), from the draft."""
        from workshop.core.org.rows import org_links

        self._apply_pending()
        return org_links(self._draft.store, self.workshop_id)

    def read_other(self, work: Callable[[Store], _T]) -> _T:
        """Run a read of other workshops in the real store (the company's OKRs, the
        organisation): call it from a thread, never the event loop."""
        return work(self._store)

    def store_new_workshop(
        self,
        workshop: Workshop,
        *,
        agenda_json: str,
        meeting_json: str | Callable[[Workshop], str],
    ) -> int:
        """Store another, new workshop whole (the next period's, from a quarter-end roll-over)
        and return its id. Writes the real store: call it from a thread, never the event loop.
        `meeting_json` may be made from the workshop as stored (with its new ids).
        """
        new_id = self._store.import_workshop(workshop, agenda_json=agenda_json)
        if callable(meeting_json):
            meeting_json = meeting_json(self._store.load(new_id))
        if meeting_json:
            self._store.update_workshop(new_id, meeting_json=meeting_json)
        return new_id

    def fill_defaults(self) -> dict[str, str]:
        """Prefill a brand-new workshop: next quarter's period and the local time zone.

        Only while the workshop is untouched (no team, period, people or company
        OKRs yet, and the clock never started), so it never overwrites the room's
        words, and never in a read-only window. Returns the suggestions: the fields it
        saved, and the time zone even when the default already was the local one.
        """
        if self._read_only:
            return {}
        workshop = self.load()
        if self.timer.started or any(
            (
                workshop.team,
                workshop.period,
                workshop.facilitator,
                workshop.champion,
                workshop.participants,
                workshop.parent_objectives,
            )
        ):
            return {}
        fields = {"period": next_quarter(self.timer.now().date())}
        zone = local_timezone()
        if workshop.timezone == "UTC" and zone != "UTC":
            fields["timezone"] = zone
        self.update_workshop(**fields)
        # On a machine set to UTC the default already is the local zone: still only a
        # suggestion, which typing should replace rather than add to ("UTCEurope/London").
        return {**fields, "timezone": fields.get("timezone", workshop.timezone)}

    # -- closing -----------------------------------------------------------

    def close(self, wait: float = CLOSE_WAIT_SECONDS) -> Path | None:
        """Save what is left and give the lease back.

        If the database does not take everything within `wait` seconds (full,
        deleted, locked, unreachable), the whole workshop is written to a recovery
        file instead; its path is returned (None when all was saved).
        """
        if self._closed:
            return None
        self._closed = True
        if not self._read_only:
            self.flush()
            self.checkpoint()
        saved = self._writer.close(wait)
        if saved and not self._pending:
            return None
        return self.write_recovery()

    def write_recovery(self, folder: Path | None = None) -> Path:
        """Write the whole workshop, as this window has it, to a recovery file.

        In the user data folder, or, if that cannot be written, the temporary folder.
        """
        import tempfile

        from workshop.core.exports.errors import ExportError
        from workshop.core.session.recovery import write_recovery

        workshop = self.load()
        # With the room's records (those the database never got too) and the company links.
        room, org = self.room_record(), self.org_links()
        try:
            return write_recovery(workshop, folder, room=room, org=org)
        except ExportError:
            if folder is not None:
                raise
            fallback = Path(tempfile.gettempdir()) / "okr-workshop-recovery"
            return write_recovery(workshop, fallback, room=room, org=org)


def _item_fields(item: Item) -> frozenset[str]:
    from workshop.core.db.items import _ITEMS

    return _ITEMS[item].fields


def _earlier_clocks(store: Store, workshop_id: int) -> list[tuple[Summary, str]]:
    """Every other workshop with a saved clock, and that clock (for `earlier_runs`)."""
    # One query for all the clocks: one per workshop took seconds with 1,000 on a server.
    clocks = store.load_clocks()
    return [
        (summary, clocks[summary.id])
        for summary in store.list_workshops()
        if summary.id != workshop_id and clocks.get(summary.id)
    ]


def _aligned(state: TimerState, agenda: Agenda) -> TimerState:
    """The saved clock laid over the agenda's stages, matched by key.

    An imported workshop's record may list fewer stages than the agenda (e.g.
    no set-up) or come from another agenda; the screens follow the agenda, so
    the clock must have exactly its stages. Time recorded for a stage the
    agenda does not have is kept in the paused total, so no second goes missing.
    """
    keys = [stage.key for stage in agenda.stages]
    if [stage.key for stage in state.stages] == keys:
        return state
    recorded = {stage.key: stage for stage in state.stages}
    stages = [
        recorded.get(s.key)
        or StageClockState(
            key=s.key, title=s.title, planned_seconds=s.seconds, adjusted_seconds=s.seconds
        )
        for s in agenda.stages
    ]
    dropped = sum(st.elapsed_seconds for key, st in recorded.items() if key not in keys)
    current_key = state.stages[state.current].key
    return state.model_copy(
        update={
            "stages": stages,
            "current": keys.index(current_key) if current_key in keys else 0,
            "paused_seconds": state.paused_seconds + dropped,
        }
    )


def _stored_agenda(agenda_json: str) -> Agenda | None:
    """The agenda saved with a workshop, or None if there is none or it no longer validates."""
    if not agenda_json:
        return None
    try:
        return Agenda.model_validate_json(agenda_json)
    except ValidationError:
        return None


def _kind_agenda(row: Mapping[str, Any]) -> Agenda | None:
    """The shipped agenda of a meeting's kind, for a meeting stored without one."""
    kind = row.get("meeting_kind", "workshop")
    if kind == "workshop":
        return None
    from workshop.core.agenda.model import load_kind_agenda

    return load_kind_agenda(kind)


def _wall(wall: Callable[[], datetime] | None) -> dict[str, Any]:
    return {} if wall is None else {"wall": wall}


@dataclass(frozen=True)
class EarlierRun:
    """Another workshop in the database and how long its stages really took."""

    summary: Summary
    minutes: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.minutes.values())


# -- set-up defaults and checks ---------------------------------------------------

EXAMPLE_ZONES = "Europe/London or America/New_York"
# Other names for UTC that machines report; "UTC" reads better on a handout.
UTC_ALIASES = frozenset(
    {"Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "UCT", "Universal", "Zulu"}
)


def next_quarter(today: date) -> str:
    """The quarter after `today`'s, as the period label people use: "2027-Q2"."""
    quarter = (today.month - 1) // 3 + 1
    year, quarter = (today.year + 1, 1) if quarter == 4 else (today.year, quarter + 1)
    return f"{year}-Q{quarter}"


def period_problem(period: str) -> str | None:
    """Why `period` may not be what the coach and handout expect, or None if it reads fine."""
    if not period.strip():
        return "No period yet: write the quarter we are planning, e.g. 2027-Q1."
    if parse_period(period) is None:
        return "An unusual format: the coach reads quarters written like 2027-Q1."
    return None


def timezone_problem(name: str) -> str | None:
    """Why `name` is not a usable IANA time zone, or None if it is one."""
    if not name.strip():
        return f"No time zone yet: calendar times need one, e.g. {EXAMPLE_ZONES}."
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return "Unknown time zone: use an IANA name such as Europe/London."
    return None


def local_timezone(environ: Mapping[str, str] | None = None, etc: Path = Path("/etc")) -> str:
    """This machine's IANA time zone if it can be read cheaply (TZ, /etc), else "UTC"."""
    env = os.environ if environ is None else environ
    candidates = [env.get("TZ", "").removeprefix(":")]
    with contextlib.suppress(OSError, UnicodeDecodeError):
        candidates.append((etc / "timezone").read_text(encoding="utf-8").strip())
    with contextlib.suppress(OSError):
        candidates.append(os.readlink(etc / "localtime"))
    for candidate in candidates:
        # "/usr/share/zoneinfo/Europe/Paris" (a TZ path or the localtime link) names
        # its zone after "zoneinfo/".
        name = candidate.rpartition("zoneinfo/")[2]
        if name and timezone_problem(name) is None:
            return "UTC" if name in UTC_ALIASES else name
    return "UTC"
