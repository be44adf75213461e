"""What the clocks and the agenda bar say, in words and digits, without Textual.

The stage clock (`workshop.tui.widgets.clock`), the full-screen clock and the agenda
bar (`workshop.tui.widgets.agenda_bar`) only lay these strings out and colour them.
Minutes are whole minutes rounded half up; the projected end is printed so that it
agrees with "on time" or "+7 min behind" beside it (`Projection.shown_end`).
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop.core.clock.pacing import (
    AgendaRow,
    Projection,
    RowStatus,
    break_words,
    whole_minutes,
)
from workshop.core.clock.timer import Mode, Phase, WorkshopTimer
from workshop.core.clock.times import format_seconds, hhmm, hhmm_nearest
from workshop.core.textsafe import visible

# Before a paused count: the pause sign, so a paused clock reads as paused in greyscale.
PAUSE_SIGN = "‖"


# -- the stage clock ------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """What a clock shows for one stage: the digits, the state in words, and the look."""

    digits: str  # "12:30", "+01:32", "‖ 12:30"; empty for an untimed stage
    status: str  # the state in words
    state: str  # "", "warning", "overtime", "break", "break-over", "paused", "ready", "untimed"


def reading(timer: WorkshopTimer, stage_index: int) -> Reading:
    """The clock for `stage_index` from the timer's current reading, in words and digits."""
    on_this_stage = timer.current == stage_index
    timed = timer.is_timed(stage_index)
    phase = timer.phase(stage_index) if timed else Phase.NORMAL
    remaining = timer.remaining(stage_index)
    planned = f"{whole_minutes(timer.adjusted(stage_index))} min planned"

    if on_this_stage and timer.mode is Mode.BREAK:
        left = timer.break_left()
        words = break_words(timer.break_until, timer.now())
        if left is None:
            # No set end: count the break up, so the room sees how long it has been.
            elapsed = format_seconds(timer.break_elapsed())
            return Reading(elapsed, f"On a break · {elapsed} · F9 to carry on", "break")
        if left < 0:
            return Reading(
                "+" + format_seconds(-left), f"BREAK OVER · {words} · F9 to carry on", "break-over"
            )
        return Reading(format_seconds(left), f"On a break · {words} · F9 to carry on", "break")
    if not timed:
        keys = timer.keys()
        if stage_index + 1 < len(keys) and keys[stage_index + 1] != "overview":
            # A meeting after the workshop (a check-in): its first stage is untimed too.
            return Reading("", "Untimed: the clock starts at the next stage", "untimed")
        return Reading("", "Untimed: the clock starts with the overview", "untimed")
    if phase is Phase.OVERTIME:
        digits, status, state = "+" + format_seconds(-remaining), "OVER TIME", "overtime"
    elif phase is Phase.WARNING:
        digits, status, state = format_seconds(remaining), f"NEARLY TIME · {planned}", "warning"
    else:
        digits, status, state = format_seconds(remaining), planned, ""
    if on_this_stage and timer.mode is Mode.STOPPED:
        return Reading(digits, "Ready: press F5 to start the clock", "ready")
    if on_this_stage and timer.mode is Mode.PAUSED:
        return Reading(f"{PAUSE_SIGN} {digits}", f"PAUSED · {status} · F5 to carry on", "paused")
    if not on_this_stage:
        status = f"{status} · the clock is on another stage"
    return Reading(digits, status, state)


def step_words(stage_index: int, stage_count: int) -> str:
    """ "Step 2 of 6", or "Set-up" for the untimed first stage."""
    return "Set-up" if stage_index == 0 else f"Step {stage_index} of {stage_count - 1}"


# -- the agenda bar -------------------------------------------------------------------


def short_name(key: str) -> str:
    """A stage's short name from its agenda key: "key_results" reads "Key results"."""
    return visible(key.replace("_", " ").capitalize())


def shows_actual(row: AgendaRow, running: bool) -> bool:
    """A done stage, or the one under way for half a minute, shows its actual minutes."""
    return row.status is RowStatus.DONE or (
        row.status is RowStatus.CURRENT and running and row.actual_seconds >= 30
    )


def _minutes(row: AgendaRow, running: bool) -> str:
    """ "4 of 8 min" (actual against plan) once it has run, else "8 min"."""
    if shows_actual(row, running):
        return f"{row.actual_minutes} of {row.plan_minutes} min"
    return f"{row.plan_minutes} min"


def cell_words(row: AgendaRow, level: int, running: bool) -> str:
    """One stage's words when every stage is listed: 0 is the richer, 1 the tighter.

    0 "1 Overview 32 of 30 min", 1 "1 Overview 32/30m".
    A done stage shows actual against plan; the others show their plan.
    """
    if level == 0:
        return f"{row.index} {short_name(row.key)} {_minutes(row, running)}"
    plan = row.plan_minutes
    minutes = f"{row.actual_minutes}/{plan}m" if shows_actual(row, running) else f"{plan}m"
    return f"{row.index} {short_name(row.key)} {minutes}"


def focus_words(rows: list[AgendaRow], level: int, running: bool) -> str:
    """The stage under way in words, for when every stage will not fit.

    2 "Step 2 of 6 · Goals 4 of 8 min · next Objectives 25 min",
    3 "Step 2 of 6 · Goals 4 of 8 min", 4 "Step 2 of 6 · 4 of 8 min".
    Before the first timed stage (set-up): "Set-up · next Overview 30 min".
    """
    current = next((r for r in rows if r.status is RowStatus.CURRENT), None)
    upcoming = [r for r in rows if r.status is RowStatus.UPCOMING]
    following = upcoming[0] if upcoming else None
    if current is None:
        if following is None:
            return "All stages done"
        return f"Set-up · next {short_name(following.key)} {following.plan_minutes} min"
    head = f"Step {current.index} of {len(rows)}"
    if level >= 4:
        return f"{head} · {_minutes(current, running)}"
    words = f"{head} · {short_name(current.key)} {_minutes(current, running)}"
    if level == 2:
        if following is not None:
            words += f" · next {short_name(following.key)} {following.plan_minutes} min"
        else:
            words += " · the last stage"
    return words


def projection_words(projection: Projection, started: bool, tightness: int = 0) -> str:
    """The end of the day against the hard stop, or the plan before the start.

    `tightness` 0 is the full sentence; 1 and 2 drop words for narrow terminals.
    """
    p = projection
    if not started:
        total = whole_minutes(sum(r.adjusted_seconds for r in p.rows))
        lead = f"Plan {total} min" if tightness == 0 else f"{total} min"
        return f"{lead} · ends {hhmm_nearest(p.projected_end)} if started now"
    end = f"ends {hhmm(p.shown_end)}"
    if tightness >= 2:
        return f"{end} · {p.label}"
    stop = "hard stop" if tightness == 0 else "stop"
    return f"{end} · {stop} {hhmm_nearest(p.hard_stop)} · {p.label}"
