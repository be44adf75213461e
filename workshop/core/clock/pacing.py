"""Pacing the whole agenda against the hard stop.

Everything here is arithmetic on a `WorkshopTimer` and its injected clocks, so it is
Textual-free and testable with a fake clock.

Projection: the projected end is now + what is left of the current stage (never
below 0) + what is left of each later stage's plan. Overtime already spent, pauses
and breaks need no separate term: they are already in "now". The hard stop is the
first start + the agenda's planned total (before the first start: now + planned
total). Within `ON_TIME_SECONDS` either way counts as "on time"; otherwise the gap is
shown in whole minutes, rounded half up, and never as "0 min".

Rebalancing rules:

- The current stage is left alone, and so are stages already started (say, visited
  and left with `previous`/`next`), untimed stages, stages planned at 0 and protected
  stages. The rest of the later stages are scaled in proportion to their plans.
- Plans come out in whole minutes. The group's new total is the exact amount that
  lands on the hard stop, rounded to the nearest minute, so afterwards the projection
  reads "on time" (within 30 s). The after-plans sum to that total exactly.
- No shortened stage goes below `MIN_STAGE_SECONDS` (1 min): a stage dropped
  altogether should be the facilitator's choice, not a side effect. If even that
  floor is too much, the proposal says it does not fit, gives the shortfall, and
  its "after" is the floor for every stage in the group (the best that can be done).
- When ahead of schedule the same rule lengthens those stages, so the room gets the
  spare time in later stages instead of finishing early.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum
from fractions import Fraction

from workshop.core.clock.timer import Phase, WorkshopTimer
from workshop.core.clock.times import hhmm as _hhmm
from workshop.core.domain import StageTiming

ON_TIME_SECONDS = 30
# A hard stop further than this from now was set on another day (a workshop resumed the
# next morning): measuring today's pace against it would read "61150 min ahead".
STALE_HARD_STOP = timedelta(hours=12)
MIN_STAGE_SECONDS = 60
DEFAULT_PROTECTED: tuple[str, ...] = ("key_results",)


def whole_minutes(seconds: float) -> int:
    """Seconds to minutes, rounded half up (Python's round() would round 2.5 to 2)."""
    return math.floor(seconds / 60 + 0.5)


def gap_minutes(delta_seconds: float) -> int:
    """The gap as the room reads it, in whole minutes: 0 on time, positive when behind.

    Within `ON_TIME_SECONDS` either way is on time; otherwise never less than 1.
    """
    if abs(delta_seconds) <= ON_TIME_SECONDS:
        return 0
    minutes = max(1, whole_minutes(abs(delta_seconds)))
    return minutes if delta_seconds > 0 else -minutes


def _gap_label(delta_seconds: float) -> str:
    minutes = gap_minutes(delta_seconds)
    if minutes == 0:
        return "on time"
    return f"+{minutes} min behind" if minutes > 0 else f"{-minutes} min ahead"


def to_the_minute(when: datetime) -> datetime:
    """A time rounded to the nearest minute (half a minute rounds up)."""
    when = when + timedelta(seconds=30)
    return when.replace(second=0, microsecond=0)


def _join(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


# -- the agenda bar ------------------------------------------------------------


class RowStatus(StrEnum):
    DONE = "done"
    CURRENT = "current"
    UPCOMING = "upcoming"


@dataclass(frozen=True, slots=True)
class AgendaRow:
    """One stage in the agenda bar."""

    index: int
    key: str
    title: str
    planned_seconds: int  # the agenda's plan
    adjusted_seconds: int  # the plan now
    actual_seconds: float
    status: RowStatus
    timed: bool
    phase: Phase

    @property
    def plan_minutes(self) -> int:
        return whole_minutes(self.adjusted_seconds)

    @property
    def agenda_minutes(self) -> int:
        return whole_minutes(self.planned_seconds)

    @property
    def actual_minutes(self) -> int:
        return whole_minutes(self.actual_seconds)


@dataclass(frozen=True, slots=True)
class Projection:
    rows: tuple[AgendaRow, ...]
    now: datetime
    projected_end: datetime
    hard_stop: datetime
    left_seconds: float  # work still planned, from now
    delta_seconds: float  # projected end - hard stop: positive means behind
    label: str  # "+7 min behind", "3 min ahead" or "on time"

    @property
    def behind(self) -> bool:
        return self.delta_seconds > ON_TIME_SECONDS

    @property
    def shown_end(self) -> datetime:
        """The end to print beside the hard stop, to the minute, agreeing with the label.

        The end and the hard stop rounded each on its own can read "ends 19:12 · hard
        stop 19:11 · on time" (20 s apart). This is the hard stop, to the minute, moved
        by the label's whole minutes, so "on time" always shows the same minute and
        "+7 min behind" shows an end 7 minutes after the stop.
        """
        return to_the_minute(self.hard_stop) + timedelta(minutes=gap_minutes(self.delta_seconds))

    @property
    def ahead(self) -> bool:
        return self.delta_seconds < -ON_TIME_SECONDS


def _left(timer: WorkshopTimer, index: int) -> float:
    return max(0.0, timer.remaining(index))


def project(timer: WorkshopTimer) -> Projection:
    """Where the agenda will end at the current pace, against the hard stop."""
    now = timer.now()
    current = timer.current
    rows = []
    for i in range(timer.stage_count):
        stage = timer.stage(i)
        status = RowStatus.CURRENT if i == current else RowStatus.UPCOMING
        if i < current:
            status = RowStatus.DONE
        rows.append(
            AgendaRow(
                index=i,
                key=stage.key,
                title=stage.title,
                planned_seconds=stage.planned_seconds,
                adjusted_seconds=stage.adjusted_seconds,
                actual_seconds=timer.elapsed(i),
                status=status,
                timed=stage.planned_seconds > 0,
                phase=timer.phase(i),
            )
        )
    left = sum(_left(timer, i) for i in range(current, timer.stage_count))
    projected_end = now + timedelta(seconds=left)
    hard_stop = timer.hard_stop
    if hard_stop is not None and abs(hard_stop - now) > STALE_HARD_STOP:
        hard_stop = projected_end  # set on another day: today's end is the plan from here
    hard_stop = hard_stop or now + timedelta(seconds=timer.totals().planned)
    delta = (projected_end - hard_stop).total_seconds()
    return Projection(
        rows=tuple(rows),
        now=now,
        projected_end=projected_end,
        hard_stop=hard_stop,
        left_seconds=left,
        delta_seconds=delta,
        label=_gap_label(delta),
    )


# -- rebalancing -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RebalanceProposal:
    """New plans for the stages after the current one, for the facilitator to accept."""

    current: int  # the stage that was current when proposed
    titles: dict[str, str]
    before: dict[str, int]  # plan seconds of every later stage, in agenda order
    after: dict[str, int]
    changed: tuple[str, ...]  # the keys that were scaled
    delta_seconds: float  # the projection's gap when proposed; positive means behind
    fits: bool  # True if applying it lands on the hard stop (or earlier)
    shortfall_seconds: float  # how late you would still be after applying; 0 if it fits
    message: str

    @property
    def change_seconds(self) -> int:
        """Total change to the plans: negative when shortening."""
        return sum(self.after.values()) - sum(self.before.values())


def _distribute(total: int, weights: dict[str, int], floor: int) -> dict[str, int]:
    """Split `total` whole units in proportion to `weights`, each at least `floor`.

    Shares that would fall under the floor are pinned to it and the rest is shared
    again (water-filling); then largest remainders settle the odd units, so the
    result sums to `total` exactly. Requires total >= floor * len(weights).
    """
    pinned: dict[str, int] = {}
    free = dict(weights)
    while free:
        budget = total - floor * len(pinned)
        weight = sum(free.values())
        under = [k for k, w in free.items() if Fraction(budget * w, weight) < floor]
        if not under:
            break
        for k in under:
            pinned[k] = floor
            del free[k]
    result = dict(pinned)
    if free:
        budget = total - floor * len(pinned)
        weight = sum(free.values())
        exact = {k: Fraction(budget * w, weight) for k, w in free.items()}
        shares = {k: math.floor(v) for k, v in exact.items()}
        spare = budget - sum(shares.values())
        # Largest remainder first; ties go to the earlier stage (dicts keep order).
        order = sorted(free, key=lambda k: exact[k] - shares[k], reverse=True)
        for k in order[:spare]:
            shares[k] += 1
        result.update(shares)
    return {k: result[k] for k in weights}


def propose_rebalance(
    timer: WorkshopTimer, protected: Collection[str] = DEFAULT_PROTECTED
) -> RebalanceProposal:
    """Scale the later, unstarted, unprotected stages so the agenda ends at the hard stop."""
    projection = project(timer)
    delta = projection.delta_seconds
    current = timer.current
    later = range(current + 1, timer.stage_count)
    titles = {timer.stage(i).key: timer.stage(i).title for i in later}
    before = {timer.stage(i).key: timer.adjusted(i) for i in later}
    group = {
        timer.stage(i).key: timer.adjusted(i)
        for i in later
        if timer.is_timed(i)
        and timer.stage(i).key not in protected
        and timer.elapsed(i) == 0
        and timer.adjusted(i) > 0
    }

    def proposal(
        after: dict[str, int], fits: bool, shortfall: float, message: str
    ) -> RebalanceProposal:
        changed = tuple(k for k in after if after[k] != before[k])
        return RebalanceProposal(
            current, titles, before, after, changed, delta, fits, shortfall, message
        )

    if abs(delta) <= ON_TIME_SECONDS:
        return proposal(dict(before), True, 0.0, "Already on time: nothing to change.")
    if not group:
        if delta < 0:
            return proposal(
                dict(before), True, 0.0, "Ahead of time, with no later stage to lengthen."
            )
        late = max(1, whole_minutes(delta))
        return proposal(
            dict(before),
            False,
            delta,
            f"Can't land on time: no unprotected stage is left to shorten. "
            f"You would finish {late} min late.",
        )

    group_seconds = sum(group.values())
    target_minutes = whole_minutes(group_seconds - delta)  # may be negative when far behind
    floor_minutes = MIN_STAGE_SECONDS // 60
    names = [titles[k] for k in group]
    if target_minutes < floor_minutes * len(group):
        after = dict(before) | {k: MIN_STAGE_SECONDS for k in group}
        shortfall = delta - (group_seconds - MIN_STAGE_SECONDS * len(group))
        late = max(1, whole_minutes(shortfall))
        return proposal(
            after,
            False,
            shortfall,
            f"Can't land on time: even with {_join(names)} cut to 1 min each "
            f"you would finish {late} min late.",
        )

    minutes = _distribute(target_minutes, group, floor_minutes)
    after = dict(before) | {k: m * 60 for k, m in minutes.items()}
    change = sum(after.values()) - sum(before.values())
    verb = "Shortens" if change < 0 else "Lengthens"
    message = f"{verb} {_join(names)} by {abs(whole_minutes(change))} min in all to finish on time."
    if change == 0:
        message = "Rounded to whole minutes, nothing changes."
    return proposal(after, True, 0.0, message)


def apply_rebalance(timer: WorkshopTimer, proposal: RebalanceProposal) -> None:
    """Set the proposed plans. Refuses a proposal made before the agenda moved on."""
    if timer.current != proposal.current:
        raise ValueError("The stage has changed since this was proposed. Propose again.")
    index = {key: i for i, key in enumerate(timer.keys())}
    for key, seconds in proposal.before.items():
        if timer.adjusted(index[key]) != seconds:
            raise ValueError("The plan has changed since this was proposed. Propose again.")
    for key, seconds in proposal.after.items():
        timer.set_plan(index[key], seconds)


# -- "end this stage at 10:45" -----------------------------------------------------

_CLOCK_TIME = re.compile(
    r"^\s*(?P<h>\d{1,2})(?:\s*[:.h]?\s*(?P<m>\d{2}))?\s*(?P<ampm>[ap])\.?\s*m?\.?\s*$",
    re.IGNORECASE,
)
_CLOCK_TIME_24 = re.compile(r"^\s*(?P<h>\d{1,2})(?:\s*[:.h]?\s*(?P<m>\d{2}))?\s*$")


def parse_clock_time(text: str) -> time:
    """Read a time of day: "10:45", "1045", "9.30", "22:15", "10:45pm", "3 pm"."""
    if not text or not text.strip():
        raise ValueError("Enter a time, like 10:45.")
    match = _CLOCK_TIME.match(text) or _CLOCK_TIME_24.match(text)
    if match is None:
        raise ValueError(f"Can't read {text.strip()!r} as a time. Try 10:45 or 10:45pm.")
    hour = int(match["h"])
    minute = int(match["m"] or 0)
    if minute > 59:
        raise ValueError(f"{text.strip()!r}: minutes go from 00 to 59.")
    ampm = match.groupdict().get("ampm")
    if ampm:
        if not 1 <= hour <= 12:
            raise ValueError(f"{text.strip()!r}: with am or pm the hour goes from 1 to 12.")
        hour = hour % 12 + (12 if ampm.lower() == "p" else 0)
    elif hour > 23:
        raise ValueError(f"{text.strip()!r}: the hour goes from 0 to 23.")
    return time(hour, minute)


def seconds_until(wall_target: time | datetime, timer: WorkshopTimer) -> float:
    """Seconds from the timer's wall-clock now to a time today (or a full datetime).

    A bare time means today in the wall clock's time zone; a naive datetime is read
    in that zone too. Negative if the time has passed.
    """
    now = timer.now()
    if isinstance(wall_target, datetime):
        when = wall_target if wall_target.tzinfo else wall_target.replace(tzinfo=now.tzinfo)
    else:
        zone = wall_target.tzinfo or now.tzinfo
        when = datetime.combine(now.date(), wall_target.replace(tzinfo=None), tzinfo=zone)
    return (when - now).total_seconds()


def end_stage_at(timer: WorkshopTimer, wall_target: time | datetime | str) -> float:
    """Re-plan the current stage so it ends at a wall-clock time; returns seconds left.

    Raises ValueError for unreadable text or a time that has already passed.
    """
    target = parse_clock_time(wall_target) if isinstance(wall_target, str) else wall_target
    seconds = seconds_until(target, timer)
    if seconds <= 0:
        raise ValueError(f"{_hhmm(target)} has already passed (it is {_hhmm(timer.now())}).")
    timer.set_remaining(seconds)
    return seconds


# -- breaks with a length -----------------------------------------------------------

# "10", "10 min", "10 minutes": a length. Longer than this reads as a time of day
# ("945" is 9:45, not 945 minutes).
_BREAK_MINUTES = re.compile(r"^\s*(?P<n>\d{1,3})\s*(?:m|mins?|minutes?)?\.?\s*$", re.IGNORECASE)
_BACK_AT = re.compile(r"^\s*(?:back\s*)?(?:at\s*)?", re.IGNORECASE)
MAX_BREAK_MINUTES = 240


def break_end(text: str, timer: WorkshopTimer) -> datetime | None:
    """When a break ends, from what the facilitator typed; None for a break with no set end.

    "10", "10 min" or "10 minutes" is a length from now; "10:45", "at 10:45", "back at
    10:45" or "10:45am" is the time the room is due back. Raises ValueError saying what
    to type when it can't be read, or when the time has already passed.
    """
    if not text or not text.strip():
        return None
    now = timer.now()
    length = _BREAK_MINUTES.match(text)
    if length and 0 < int(length["n"]) <= MAX_BREAK_MINUTES:
        return now + timedelta(minutes=int(length["n"]))
    if length and int(length["n"]) == 0:
        raise ValueError("A break of 0 minutes is no break. Type 10 for ten minutes.")
    try:
        back = parse_clock_time(_BACK_AT.sub("", text, count=1))
    except ValueError:
        raise ValueError(
            f"Can't read {text.strip()!r}. Type minutes (10) or the time to be back (10:45)."
        ) from None
    seconds = seconds_until(back, timer)
    if seconds <= 0:
        raise ValueError(f"{_hhmm(back)} has already passed (it is {_hhmm(now)}).")
    if seconds > MAX_BREAK_MINUTES * 60:
        raise ValueError(f"{_hhmm(back)} is more than {MAX_BREAK_MINUTES // 60} hours away.")
    return now + timedelta(seconds=seconds)


def break_words(until: datetime | None, now: datetime) -> str:
    """ "Back at 10:45 · 15 min from now", or "Back at 10:45 · 2 min late" once it has passed."""
    if until is None:
        return "No set end"
    left = (until - now).total_seconds()
    back = f"Back at {_hhmm(to_the_minute(until))}"
    if left >= 0:
        return f"{back} · {max(1, math.ceil(left / 60))} min from now"
    return f"{back} · {max(1, whole_minutes(-left))} min late"


# -- planning from an earlier workshop -------------------------------------------------


def minutes_from_actuals(timings: Sequence[StageTiming]) -> dict[str, int]:
    """Whole-minute plans from an earlier workshop's actual times.

    Timed stages get at least 1 minute; untimed ones (planned 0) stay at 0.
    """
    return {
        t.key: max(1, whole_minutes(t.actual_seconds)) if t.planned_seconds > 0 else 0
        for t in timings
    }
