"""The workshop clock, without any UI.

Time is arithmetic on an injected monotonic clock, never a count of ticks: every
query reads the clock and works out the answer, so a UI tick only repaints and a
missed tick loses nothing. Both clocks are injected so tests can drive a fake one
by hand.

Accounting: from the first `start()` on, every second of monotonic time goes to
exactly one bucket, chosen by the mode at the time:

- RUNNING: the current stage's actual time,
- BREAK: break time,
- PAUSED: paused time.

So `sum(actual) + breaks + paused == wall` (exactly, for binary-exact clock steps).
Before the first start (STOPPED) nothing is counted. Changing stage settles the time
so far to the old stage and keeps the mode. Each stage keeps its own elapsed time, so
going back to a stage continues its clock.

A stage whose agenda plan (`planned_seconds`) is 0 is *untimed* (the set-up stage):
it never warns or runs over, and pacing never rebalances it.

Restoring a snapshot: the monotonic clock of a previous process means nothing, so
the snapshot stores durations, not clock readings. Time while the app was closed is
not counted in any bucket (it does show up as lateness against the wall-clock hard
stop). A RUNNING timer comes back PAUSED, so the facilitator resumes on purpose; a
BREAK stays a BREAK (the room is presumably still out); PAUSED and STOPPED stay put.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from workshop.core.domain import StageTiming

Clock = Callable[[], float]
WallClock = Callable[[], datetime]

STATE_VERSION = 1


def _local_now() -> datetime:
    return datetime.now().astimezone()


class Mode(StrEnum):
    STOPPED = "stopped"  # never started
    RUNNING = "running"
    PAUSED = "paused"
    BREAK = "break"


class Phase(StrEnum):
    NORMAL = "normal"
    WARNING = "warning"  # in the last fifth of the stage's current plan
    OVERTIME = "overtime"  # remaining < 0


class _State(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StageClockState(_State):
    """One stage's clock, as stored."""

    key: str
    title: str
    planned_seconds: int = Field(ge=0)  # from the agenda; 0 means untimed
    adjusted_seconds: int = Field(ge=0)  # plan after +/- time and rebalancing
    elapsed_seconds: float = 0.0
    # Alerts already given for this stage, so the bell rings once per crossing.
    alerted: list[Phase] = Field(default_factory=list)


class TimerState(_State):
    """A JSON-serialisable checkpoint of the whole timer, for the database."""

    version: int = STATE_VERSION
    stages: list[StageClockState]
    current: int = 0
    mode: Mode = Mode.STOPPED
    break_seconds: float = 0.0
    paused_seconds: float = 0.0
    # Length of the break under way (0 unless mode is BREAK).
    current_break_seconds: float = 0.0
    # When the break under way is due to end, on the wall clock ("back at 10:45", or
    # "10 minutes" from its start); None for a break with no set length. A wall time,
    # not a duration, so a restart during the break still ends it on time.
    break_until: datetime | None = None
    # Monotonic seconds counted since the first start (the sum of all buckets).
    wall_seconds: float = 0.0
    started_at: datetime | None = None  # wall time of the very first start
    hard_stop: datetime | None = None  # started_at + planned total
    muted: bool = False
    saved_at: datetime | None = None  # wall time of the snapshot


@dataclass(frozen=True, slots=True)
class Totals:
    """Whole-workshop sums, in seconds."""

    planned: int
    adjusted: int
    actual: float
    breaks: float
    paused: float
    wall: float  # monotonic time counted since the first start


def _credit(state: TimerState, delta: float) -> None:
    """Give `delta` seconds to the bucket the mode says it belongs to."""
    if state.mode is Mode.RUNNING:
        state.stages[state.current].elapsed_seconds += delta
    elif state.mode is Mode.PAUSED:
        state.paused_seconds += delta
    elif state.mode is Mode.BREAK:
        state.break_seconds += delta
        state.current_break_seconds += delta


class WorkshopTimer:
    """The agenda's clock: stage plans, elapsed times, breaks and pauses."""

    def __init__(
        self,
        stages: Sequence[tuple[str, str, int]] | TimerState,
        *,
        clock: Clock = time.monotonic,
        wall: WallClock = _local_now,
    ) -> None:
        self._clock = clock
        self._wall = wall
        if isinstance(stages, TimerState):
            state = stages.model_copy(deep=True)
            if state.mode is Mode.RUNNING:
                state.mode = Mode.PAUSED
        else:
            state = TimerState(
                stages=[
                    StageClockState(key=k, title=t, planned_seconds=s, adjusted_seconds=s)
                    for k, t, s in stages
                ]
            )
        if state.version > STATE_VERSION:
            raise ValueError("This clock was saved by a newer version of the app.")
        if not state.stages:
            raise ValueError("The agenda has no stages.")
        keys = [s.key for s in state.stages]
        if len(set(keys)) != len(keys):
            raise ValueError("Stage keys must be unique.")
        if not 0 <= state.current < len(state.stages):
            raise ValueError(f"Current stage {state.current} is not on the agenda.")
        self._s = state
        now = clock()
        # Time up to `_since` is settled into the buckets; later time is pending.
        self._since = now
        # Wall = clock() - origin; on restore, shift the origin so earlier time counts.
        self._origin: float | None = None
        if state.mode is not Mode.STOPPED:
            self._origin = now - state.wall_seconds

    @classmethod
    def restore(
        cls, state: TimerState, *, clock: Clock = time.monotonic, wall: WallClock = _local_now
    ) -> WorkshopTimer:
        """Rebuild a timer from a snapshot; a RUNNING one comes back PAUSED."""
        return cls(state, clock=clock, wall=wall)

    # -- internals -------------------------------------------------------------

    def _settle(self) -> float:
        """Move pending time into its bucket; return the clock reading used."""
        now = self._clock()
        _credit(self._s, now - self._since)
        self._since = now
        return now

    def _pending(self, mode: Mode) -> float:
        return self._clock() - self._since if self._s.mode is mode else 0.0

    def _first_start(self, now: float) -> None:
        if self._origin is not None:
            return
        self._origin = now
        self._s.started_at = self._wall()
        self._s.hard_stop = self._s.started_at + timedelta(seconds=self.totals().planned)

    def _check_index(self, index: int) -> int:
        if not 0 <= index < len(self._s.stages):
            raise IndexError(f"There is no stage {index}.")
        return index

    def _forget_alerts(self) -> None:
        # After the plan changes, let the bell ring again for phases no longer reached.
        stage = self._s.stages[self._s.current]
        phase = self.phase()
        keep = {Phase.NORMAL: (), Phase.WARNING: (Phase.WARNING,)}.get(phase)
        if keep is not None:
            stage.alerted = [p for p in stage.alerted if p in keep]

    # -- commands --------------------------------------------------------------

    def start(self) -> None:
        """Run the clock: first start, resume from a pause, or end a break."""
        now = self._settle()
        self._first_start(now)
        self._s.mode = Mode.RUNNING
        self._s.current_break_seconds = 0.0
        self._s.break_until = None

    def pause(self) -> None:
        """Pause a running clock; does nothing in other modes."""
        if self._s.mode is Mode.RUNNING:
            self._settle()
            self._s.mode = Mode.PAUSED

    def toggle(self) -> None:
        """Space bar: pause if running, otherwise run."""
        if self._s.mode is Mode.RUNNING:
            self.pause()
        else:
            self.start()

    def start_break(self, until: datetime | None = None) -> None:
        """Start a break, ending at `until` on the wall clock if given (None: open-ended).

        Ignored before the first start and during a break (use `set_break_until`).
        """
        if self._s.mode in (Mode.RUNNING, Mode.PAUSED):
            self._settle()
            self._s.mode = Mode.BREAK
            self._s.current_break_seconds = 0.0
            self._s.break_until = until

    def set_break_until(self, until: datetime | None) -> None:
        """Give the break under way an end time (or take it away); ignored if not on a break."""
        if self._s.mode is Mode.BREAK:
            self._s.break_until = until

    def end_break(self) -> None:
        """End the break and run the clock; ignored if not on a break."""
        if self._s.mode is Mode.BREAK:
            self.start()

    def add(self, seconds: int) -> None:
        """Add (or, if negative, remove) time from the current stage's plan, never below 0."""
        stage = self._s.stages[self._s.current]
        stage.adjusted_seconds = max(0, stage.adjusted_seconds + int(seconds))
        self._forget_alerts()

    def set_remaining(self, seconds: float) -> None:
        """Change the current stage's plan so that `seconds` remain (whole seconds, ≥ 0 plan)."""
        self._settle()
        stage = self._s.stages[self._s.current]
        stage.adjusted_seconds = max(0, round(stage.elapsed_seconds + seconds))
        self._forget_alerts()

    def set_plan(self, index: int, seconds: int) -> None:
        """Set one stage's plan outright (used by rebalancing)."""
        stage = self._s.stages[self._check_index(index)]
        stage.adjusted_seconds = max(0, int(seconds))
        if index == self._s.current:
            self._forget_alerts()

    def goto(self, index: int) -> None:
        """Move to another stage, keeping the mode; time so far goes to the old stage."""
        self._check_index(index)
        if index != self._s.current:
            self._settle()
            self._s.current = index

    def next(self) -> None:
        """Move to the next stage; does nothing on the last one."""
        if self._s.current + 1 < len(self._s.stages):
            self.goto(self._s.current + 1)

    def previous(self) -> None:
        """Move to the previous stage; does nothing on the first one."""
        if self._s.current > 0:
            self.goto(self._s.current - 1)

    def toggle_mute(self) -> bool:
        """Mute or unmute the bell; returns True if now muted."""
        self._s.muted = not self._s.muted
        return self._s.muted

    def bell_due(self) -> Phase | None:
        """The phase to ring the bell for, once per stage and phase; None if nothing new.

        Call it on every tick. A crossing is remembered even when muted, so unmuting
        does not ring for something that happened earlier.
        """
        if self._s.mode is Mode.STOPPED:
            return None
        phase = self.phase()
        if phase is Phase.NORMAL:
            return None
        stage = self._s.stages[self._s.current]
        if phase in stage.alerted:
            return None
        stage.alerted.append(phase)
        if phase is Phase.OVERTIME and Phase.WARNING not in stage.alerted:
            stage.alerted.append(Phase.WARNING)
        return None if self._s.muted else phase

    # -- queries ---------------------------------------------------------------

    @property
    def current(self) -> int:
        return self._s.current

    @property
    def mode(self) -> Mode:
        return self._s.mode

    @property
    def muted(self) -> bool:
        return self._s.muted

    @property
    def started(self) -> bool:
        return self._origin is not None

    @property
    def started_at(self) -> datetime | None:
        return self._s.started_at

    @property
    def hard_stop(self) -> datetime | None:
        return self._s.hard_stop

    @property
    def stage_count(self) -> int:
        return len(self._s.stages)

    def now(self) -> datetime:
        """The injected wall clock's reading."""
        return self._wall()

    def stage(self, index: int | None = None) -> StageClockState:
        """A copy of one stage's stored state (elapsed excludes time still pending)."""
        i = self._s.current if index is None else self._check_index(index)
        return self._s.stages[i].model_copy(deep=True)

    def keys(self) -> list[str]:
        return [s.key for s in self._s.stages]

    def is_timed(self, index: int | None = None) -> bool:
        i = self._s.current if index is None else self._check_index(index)
        return self._s.stages[i].planned_seconds > 0

    def planned(self, index: int | None = None) -> int:
        i = self._s.current if index is None else self._check_index(index)
        return self._s.stages[i].planned_seconds

    def adjusted(self, index: int | None = None) -> int:
        i = self._s.current if index is None else self._check_index(index)
        return self._s.stages[i].adjusted_seconds

    def elapsed(self, index: int | None = None) -> float:
        """Actual seconds spent in a stage (default: the current one), up to now."""
        i = self._s.current if index is None else self._check_index(index)
        extra = self._pending(Mode.RUNNING) if i == self._s.current else 0.0
        return self._s.stages[i].elapsed_seconds + extra

    def remaining(self, index: int | None = None) -> float:
        """Plan minus elapsed; negative in overtime."""
        i = self._s.current if index is None else index
        return self.adjusted(i) - self.elapsed(i)

    def phase(self, index: int | None = None) -> Phase:
        i = self._s.current if index is None else index
        if not self.is_timed(i):
            return Phase.NORMAL
        left = self.remaining(i)
        if left < 0:
            return Phase.OVERTIME
        # remaining <= plan / 5, without a division that could round.
        if left * 5 <= self.adjusted(i):
            return Phase.WARNING
        return Phase.NORMAL

    def overtime(self, index: int | None = None) -> float:
        """Seconds over the plan (≥ 0); always 0 for an untimed stage."""
        i = self._s.current if index is None else index
        if not self.is_timed(i):
            return 0.0
        return max(0.0, -self.remaining(i))

    def break_elapsed(self) -> float:
        """Length of the break under way, 0 if not on a break."""
        return self._s.current_break_seconds + self._pending(Mode.BREAK)

    @property
    def break_until(self) -> datetime | None:
        """When the break under way is due to end; None if it has no set length."""
        return self._s.break_until if self._s.mode is Mode.BREAK else None

    def break_left(self) -> float | None:
        """Seconds until the break's set end (negative once it has run over); None if unset."""
        until = self.break_until
        if until is None:
            return None
        return (until - self._wall()).total_seconds()

    def totals(self) -> Totals:
        # One clock reading, so the buckets and the wall agree even on a real clock.
        now = self._clock()
        state = self._s.model_copy(deep=True)
        _credit(state, now - self._since)
        return Totals(
            planned=sum(s.planned_seconds for s in state.stages),
            adjusted=sum(s.adjusted_seconds for s in state.stages),
            actual=sum(s.elapsed_seconds for s in state.stages),
            breaks=state.break_seconds,
            paused=state.paused_seconds,
            wall=0.0 if self._origin is None else now - self._origin,
        )

    def snapshot(self) -> TimerState:
        """A checkpoint with all time up to now settled; the timer itself is unchanged."""
        state = self._s.model_copy(deep=True)
        now = self._clock()
        _credit(state, now - self._since)
        state.wall_seconds = 0.0 if self._origin is None else now - self._origin
        state.saved_at = self._wall()
        return state

    def timings(self) -> list[StageTiming]:
        return [
            StageTiming(
                key=s.key,
                title=s.title,
                planned_seconds=s.planned_seconds,
                adjusted_seconds=s.adjusted_seconds,
                actual_seconds=self.elapsed(i),
            )
            for i, s in enumerate(self._s.stages)
        ]


def recorded_timings(state: TimerState) -> tuple[list[StageTiming], float, float]:
    """Planned against actual time per stage, and the break and paused totals, as saved."""
    timings = [
        StageTiming(
            key=s.key,
            title=s.title,
            planned_seconds=s.planned_seconds,
            adjusted_seconds=s.adjusted_seconds,
            actual_seconds=s.elapsed_seconds,
        )
        for s in state.stages
    ]
    return timings, state.break_seconds, state.paused_seconds


def state_from_timings(
    timings: Sequence[StageTiming],
    *,
    current: int,
    breaks: float,
    paused: float,
    started_at: datetime,
) -> TimerState:
    """A paused clock that has spent exactly these times: how an imported workshop resumes."""
    spent = sum(t.actual_seconds for t in timings) + breaks + paused
    started = spent > 0
    return TimerState(
        stages=[
            StageClockState(
                key=t.key,
                title=t.title,
                planned_seconds=t.planned_seconds,
                adjusted_seconds=t.adjusted_seconds,
                elapsed_seconds=t.actual_seconds,
            )
            for t in timings
        ],
        current=min(max(current, 0), len(timings) - 1),
        mode=Mode.PAUSED if started else Mode.STOPPED,
        break_seconds=breaks,
        paused_seconds=paused,
        wall_seconds=spent,
        started_at=started_at if started else None,
        hard_stop=(
            started_at + timedelta(seconds=sum(t.planned_seconds for t in timings))
            if started
            else None
        ),
    )
