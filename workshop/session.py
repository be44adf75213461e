"""One open workshop: its store, its agenda, its clock and the edits not yet saved.

Textual-free, so the autosave and resume rules are tested without a UI. The app
owns one `WorkshopSession`; screens read through `load()` and write through
`edit()` (queued, coalesced, flushed a few times a second) or the store's
add/delete calls (immediate, because they hand back ids).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError

from workshop.agenda import MAX_STAGE_MINUTES, SETUP_KEY, Agenda
from workshop.coach.period import parse_period
from workshop.db.store import MAX_FIELD_CHARS, FieldTooLong, Item, Store
from workshop.domain import Workshop, WorkshopSummary
from workshop.lease import WorkshopLease
from workshop.pacing import minutes_from_actuals
from workshop.timer import StageClockState, TimerState, WorkshopTimer

# The workshop row itself, for edit(); list items use their `Item` kind.
WORKSHOP = "workshop"

Target = tuple[str, int]  # (WORKSHOP or an Item value, row id)


class WorkshopSession:
    """The workshop being run, with autosave and clock checkpoints."""

    def __init__(
        self,
        store: Store,
        workshop_id: int,
        agenda: Agenda,
        timer: WorkshopTimer,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], datetime] | None = None,
    ) -> None:
        self.store = store
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
        # Without a lease (tests, scripts) the session edits freely; the app takes one.
        self.lease: WorkshopLease | None = None

    # -- the lease: one editing window per workshop ------------------------

    def take_lease(self, lease: WorkshopLease | None = None) -> bool:
        """Claim the workshop for editing; False means it is open elsewhere (read-only)."""
        self.lease = lease or WorkshopLease(self.store, self.workshop_id)
        return self.lease.acquire()

    @property
    def read_only(self) -> bool:
        """True while another window holds the workshop: nothing here is written."""
        return self.lease is not None and not self.lease.held

    def heartbeat(self) -> bool:
        """Keep (or try to win) the lease; return True if read-only mode just changed."""
        if self.lease is None:
            return False
        was = self.read_only
        self.lease.refresh()
        return was != self.read_only

    # -- opening ---------------------------------------------------------

    @classmethod
    def create(
        cls,
        store: Store,
        agenda: Agenda,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], datetime] | None = None,
        **fields: Any,
    ) -> WorkshopSession:
        """Start a new workshop on `agenda` and save it straight away."""
        workshop_id = store.create_workshop(agenda_json=agenda.model_dump_json(), **fields)
        timer = WorkshopTimer(
            [(s.key, s.title, s.seconds) for s in agenda.stages], clock=clock, **_wall(wall)
        )
        session = cls(store, workshop_id, agenda, timer, clock=clock, wall=wall)
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
    ) -> WorkshopSession:
        """Reopen a workshop at its stage, with its own agenda and clock.

        A workshop with no usable stored agenda (imported, or saved by an older
        app) runs on `fallback_agenda`; one with no clock yet (imported) starts
        a fresh clock at its stored stage.
        """
        agenda = _stored_agenda(store.agenda_json(workshop_id)) or fallback_agenda
        state_json = store.load_clock(workshop_id)
        if state_json:
            state = _aligned(TimerState.model_validate_json(state_json), agenda)
            timer = WorkshopTimer.restore(state, clock=clock, **_wall(wall))
        else:
            timer = WorkshopTimer(
                [(s.key, s.title, s.seconds) for s in agenda.stages], clock=clock, **_wall(wall)
            )
            stage = store.load(workshop_id).current_stage
            if 0 <= stage < timer.stage_count:
                timer.goto(stage)
        return cls(store, workshop_id, agenda, timer, clock=clock, wall=wall)

    # -- reading -----------------------------------------------------------

    def load(self) -> Workshop:
        """The workshop as stored, with pending edits saved first and timings filled in."""
        self.flush()
        workshop = self.store.load(self.workshop_id)
        totals = self.timer.totals()
        return workshop.model_copy(
            update={
                "timings": self.timer.timings(),
                "break_seconds": totals.breaks,
                "paused_seconds": totals.paused,
            }
        )

    # -- writing -----------------------------------------------------------

    def edit(self, target: str, target_id: int, /, **fields: Any) -> None:
        # An over-long value is refused here, alone, so it cannot block the batch.
        for name, value in fields.items():
            if isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
                raise FieldTooLong(name, len(value))
        """Queue a field change; `flush()` writes it. Called on every keystroke."""
        self._pending.setdefault((target, target_id), {}).update(fields)

    @property
    def dirty(self) -> bool:
        return bool(self._pending)

    def flush(self) -> int:
        """Write every queued edit in one transaction; return how many rows were written.

        If the database refuses (StoreWriteError: disk full, locked...), nothing
        is dropped: the edits stay queued for the next flush and the error goes
        up for the app to show. An edit to a row deleted meanwhile is skipped.
        """
        if not self._pending or self.read_only:
            return 0
        self.store.save_edits(self._pending)
        written, self._pending = len(self._pending), {}
        return written

    def add(self, item: Item, parent_id: int, *, after_id: int | None = None, **fields: Any) -> int:
        """Add an item now (the screen needs its id); it goes last or after `after_id`."""
        self.flush()  # keep positions and text in step with what is on screen
        return self.store.add(item, parent_id, after_id=after_id, **fields)

    def delete(self, item: Item, item_id: int) -> None:
        self._pending.pop((item.value, item_id), None)
        self.store.delete(item, item_id)

    def set_stage(self, index: int) -> None:
        """Move the workshop (and its clock) to stage `index`, and remember it."""
        self.flush()
        self.timer.goto(index)
        if not self.read_only:
            self.store.update_workshop(self.workshop_id, current_stage=index)
        self.checkpoint()

    def checkpoint(self) -> None:
        """Save the clock, so a crash loses at most the time since the last call."""
        if self.read_only:
            return  # the window holding the lease owns the clock
        self.store.save_clock(self.workshop_id, self.timer.snapshot().model_dump_json())

    # -- set-up ------------------------------------------------------------

    def set_stage_minutes(self, key: str, minutes: int) -> None:
        """Re-time one stage: the stored agenda, the clock's plan and its checkpoint.

        Raises ValueError, with a message for the facilitator, for minutes that are
        not a whole number from 0 to 600 (and for anything but 0 on set-up), and
        KeyError for a stage key that is not on the agenda.
        """
        self.set_minutes({key: minutes})

    def set_minutes(self, minutes: Mapping[str, int]) -> None:
        """Re-time several stages at once; all of them or, on a bad value, none."""
        for key, value in minutes.items():
            title = self.agenda.stage(key).title
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"{title}: minutes must be a whole number (got {value!r}).")
            if not 0 <= value <= MAX_STAGE_MINUTES:
                raise ValueError(
                    f"{title}: minutes must be from 0 to {MAX_STAGE_MINUTES} (got {value})."
                )
        self.agenda = self.agenda.with_minutes(minutes)
        self.store.update_workshop(self.workshop_id, agenda_json=self.agenda.model_dump_json())
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

    def earlier_runs(self) -> list[EarlierRun]:
        """Other workshops whose clock ran, with the minutes their stages really took."""
        runs = []
        for summary in self.store.list_workshops():
            if summary.id == self.workshop_id:
                continue
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
        state_json = self.store.load_clock(workshop_id)
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

    def fill_defaults(self) -> dict[str, str]:
        """Prefill a brand-new workshop: next quarter's period and the local time zone.

        Only while the workshop is untouched (no team, period, people or company
        OKRs yet, and the clock never started), so it never overwrites the room's
        words. Returns the fields it saved.
        """
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
        self.store.update_workshop(self.workshop_id, **fields)
        return fields

    def close(self) -> None:
        try:
            self.flush()
            self.checkpoint()
        finally:
            if self.lease is not None:
                self.lease.release()


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


def _wall(wall: Callable[[], datetime] | None) -> dict[str, Any]:
    return {} if wall is None else {"wall": wall}


@dataclass(frozen=True)
class EarlierRun:
    """Another workshop in the database and how long its stages really took."""

    summary: WorkshopSummary
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
