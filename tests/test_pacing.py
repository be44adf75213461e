"""Pacing on a fake clock: projection, rebalancing, "end at", and plans from actuals."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.test_timer import AGENDA, START_WALL, FakeClocks
from workshop.core.clock.pacing import (
    RowStatus,
    _distribute,
    apply_rebalance,
    break_end,
    break_words,
    end_stage_at,
    minutes_from_actuals,
    parse_clock_time,
    project,
    propose_rebalance,
    seconds_until,
)
from workshop.core.clock.timer import Mode, Phase, TimerState, WorkshopTimer
from workshop.core.domain import StageTiming

MIN = 60


@pytest.fixture
def clocks() -> FakeClocks:
    return FakeClocks()


def started(clocks: FakeClocks) -> WorkshopTimer:
    """A timer running on the overview stage, started at 09:00."""
    timer = WorkshopTimer(AGENDA, clock=clocks.mono, wall=clocks.wall)
    timer.goto(1)
    timer.start()
    return timer


# -- projection ----------------------------------------------------------------


def test_projection_before_the_start_uses_now_plus_the_plan(clocks):
    timer = WorkshopTimer(AGENDA, clock=clocks.mono, wall=clocks.wall)
    clocks.advance(300)
    p = project(timer)
    assert p.hard_stop == START_WALL + timedelta(seconds=300 + 7200)
    assert p.projected_end == p.hard_stop
    assert p.label == "on time"
    timer.goto(1)
    timer.add(7 * MIN)
    p = project(timer)
    assert p.delta_seconds == 420
    assert p.label == "+7 min behind"


def test_projection_counts_overtime_and_pauses_once(clocks):
    timer = started(clocks)
    clocks.advance(33 * MIN)  # 3 min over
    p = project(timer)
    assert p.hard_stop == START_WALL + timedelta(hours=2)
    assert p.delta_seconds == 180
    assert p.label == "+3 min behind"
    timer.pause()
    clocks.advance(2 * MIN)
    assert project(timer).label == "+5 min behind"
    timer.start_break()
    clocks.advance(10 * MIN)
    assert project(timer).label == "+15 min behind"


def test_a_hard_stop_from_another_day_is_not_measured_against(clocks):
    """Resumed the next morning, the bar shows the plan from now, not "1000 min ahead"."""
    timer = started(clocks)
    clocks.advance(40 * MIN)  # into the goals stage's time, on the first day
    timer.pause()
    assert project(timer).hard_stop == START_WALL + timedelta(hours=2)
    clocks.advance(22 * 60 * MIN)  # the next morning, same stage, paused
    p = project(timer)
    assert p.hard_stop == p.projected_end
    assert p.label == "on time"
    clocks.advance(-20 * 60 * MIN)  # still within the day: the real hard stop counts
    assert project(timer).hard_stop == START_WALL + timedelta(hours=2)


def test_projection_ahead_when_moving_on_early(clocks):
    timer = started(clocks)
    clocks.advance(20 * MIN)
    timer.next()
    p = project(timer)
    assert p.delta_seconds == -600
    assert p.label == "10 min ahead"
    assert p.ahead and not p.behind


@pytest.mark.parametrize(
    ("over", "label"),
    [
        (0, "on time"),
        (30, "on time"),
        (-30, "on time"),
        (30.25, "+1 min behind"),
        (-30.25, "1 min ahead"),
        (89, "+1 min behind"),
        (90, "+2 min behind"),
        (150, "+3 min behind"),
    ],
)
def test_projection_labels_round_half_up_with_a_30_second_margin(clocks, over, label):
    timer = started(clocks)
    clocks.advance(30 * MIN + over)  # finish the overview `over` seconds late (or early)
    timer.next()
    p = project(timer)
    assert p.delta_seconds == over
    assert p.label == label


def test_agenda_rows(clocks):
    timer = started(clocks)
    clocks.advance(31 * MIN)
    timer.next()
    clocks.advance(14 * MIN + 29)
    rows = project(timer).rows
    assert [r.status for r in rows[:4]] == [
        RowStatus.DONE,
        RowStatus.DONE,
        RowStatus.CURRENT,
        RowStatus.UPCOMING,
    ]
    assert rows[0].timed is False
    assert (rows[1].plan_minutes, rows[1].actual_minutes) == (30, 31)
    assert (rows[2].plan_minutes, rows[2].actual_minutes) == (15, 14)
    assert rows[2].phase is Phase.WARNING
    assert rows[3].actual_seconds == 0


# -- rebalancing -----------------------------------------------------------------


def behind_at_goals(clocks: FakeClocks, over: float) -> WorkshopTimer:
    """Overview ran `over` seconds long; now at the start of business goals."""
    timer = started(clocks)
    clocks.advance(30 * MIN + over)
    timer.next()
    return timer


def test_rebalance_when_behind_scales_later_unprotected_stages(clocks):
    timer = behind_at_goals(clocks, 10 * MIN)
    proposal = propose_rebalance(timer)
    assert proposal.fits
    assert proposal.before == {
        "objectives": 1500,
        "key_results": 1500,
        "cadence": 900,
        "wrap_up": 600,
    }
    # 50 min shared 25:15:10 becomes 40 min: 20, 12 and 8. Key results is protected.
    assert proposal.after == {
        "objectives": 1200,
        "key_results": 1500,
        "cadence": 720,
        "wrap_up": 480,
    }
    assert proposal.changed == ("objectives", "cadence", "wrap_up")
    assert proposal.change_seconds == -600
    assert proposal.shortfall_seconds == 0
    assert proposal.message == (
        "Shortens Cascade and objectives, Review cadence and Wrap-up by 10 min in all "
        "to finish on time."
    )
    apply_rebalance(timer, proposal)
    assert timer.adjusted(2) == 15 * MIN  # the current stage is left alone
    p = project(timer)
    assert p.delta_seconds == 0
    assert p.label == "on time"


def test_rebalance_rounds_to_whole_minutes_and_sums_exactly(clocks):
    timer = behind_at_goals(clocks, 7 * MIN + 20)
    proposal = propose_rebalance(timer)
    # 3000 - 440 = 2560 s is 42.67 min, so 43 min: 21.5, 12.9, 8.6 -> 21, 13, 9.
    assert proposal.after["objectives"] == 21 * MIN
    assert proposal.after["cadence"] == 13 * MIN
    assert proposal.after["wrap_up"] == 9 * MIN
    assert all(s % 60 == 0 for s in proposal.after.values())
    assert sum(proposal.after.values()) == sum(proposal.before.values()) - 420
    apply_rebalance(timer, proposal)
    assert project(timer).delta_seconds == 20
    assert project(timer).label == "on time"


def test_rebalance_when_ahead_lengthens_later_stages(clocks):
    timer = started(clocks)
    clocks.advance(20 * MIN)
    timer.next()
    proposal = propose_rebalance(timer)
    assert proposal.fits
    assert proposal.after == {
        "objectives": 30 * MIN,
        "key_results": 25 * MIN,
        "cadence": 18 * MIN,
        "wrap_up": 12 * MIN,
    }
    assert proposal.message.startswith("Lengthens ")
    apply_rebalance(timer, proposal)
    assert project(timer).delta_seconds == 0


def test_rebalance_respects_the_protected_list(clocks):
    timer = behind_at_goals(clocks, 5 * MIN)
    only_two = propose_rebalance(timer, protected=("objectives", "key_results"))
    assert only_two.changed == ("cadence", "wrap_up")
    assert only_two.after["cadence"] + only_two.after["wrap_up"] == 20 * MIN
    nothing = propose_rebalance(timer, protected=())
    assert "key_results" in nothing.changed
    assert sum(nothing.after.values()) == sum(nothing.before.values()) - 5 * MIN


def test_rebalance_leaves_stages_already_started_alone(clocks):
    timer = started(clocks)
    clocks.advance(30 * MIN)
    timer.goto(3)
    clocks.advance(5 * MIN)
    timer.goto(2)  # back to goals; objectives is later but already started
    clocks.advance(8 * MIN)
    proposal = propose_rebalance(timer)
    assert "objectives" not in proposal.changed
    assert proposal.after["objectives"] == 25 * MIN


def test_rebalance_that_cannot_fit_gives_the_shortfall(clocks):
    timer = started(clocks)
    clocks.advance(30 * MIN)
    timer.next()
    clocks.advance(15 * MIN)
    timer.next()
    clocks.advance(25 * MIN)
    timer.next()
    clocks.advance(25 * MIN + 37 * MIN)  # key results 37 min over
    proposal = propose_rebalance(timer)
    assert not proposal.fits
    # Cadence and wrap-up (25 min) can give at most 23 min at 1 min each.
    assert proposal.after == {"cadence": 60, "wrap_up": 60}
    assert proposal.shortfall_seconds == 14 * MIN
    assert proposal.message == (
        "Can't land on time: even with Review cadence and Wrap-up cut to 1 min each "
        "you would finish 14 min late."
    )


def test_rebalance_with_no_unprotected_stage_left(clocks):
    timer = behind_at_goals(clocks, 20 * MIN)
    proposal = propose_rebalance(
        timer, protected=("objectives", "key_results", "cadence", "wrap_up")
    )
    assert not proposal.fits
    assert proposal.after == proposal.before
    assert proposal.changed == ()
    assert proposal.shortfall_seconds == proposal.delta_seconds == 20 * MIN
    assert "no unprotected stage" in proposal.message
    assert "20 min late" in proposal.message


def test_rebalance_when_on_time_changes_nothing(clocks):
    timer = started(clocks)
    clocks.advance(30 * MIN + 20)
    timer.next()
    proposal = propose_rebalance(timer)
    assert proposal.fits and proposal.changed == ()
    assert proposal.message == "Already on time: nothing to change."


def test_rebalance_keeps_a_one_minute_floor(clocks):
    timer = started(clocks)
    timer.set_plan(6, 60)  # wrap-up already cut to 1 min by hand
    clocks.advance(30 * MIN + 19 * MIN)
    timer.next()  # 10 min behind, net of the 9 min taken from wrap-up
    proposal = propose_rebalance(timer)
    # 41 min shared 25:15:1 becomes 31: wrap-up stays at its 1-minute floor and
    # the other 30 go 18.75:11.25, so 19 and 11.
    assert proposal.after == {
        "objectives": 19 * MIN,
        "key_results": 25 * MIN,
        "cadence": 11 * MIN,
        "wrap_up": 1 * MIN,
    }
    assert proposal.change_seconds == -10 * MIN
    assert proposal.changed == ("objectives", "cadence")


def test_stale_proposal_is_refused(clocks):
    timer = behind_at_goals(clocks, 10 * MIN)
    proposal = propose_rebalance(timer)
    timer.next()
    with pytest.raises(ValueError, match="Propose again"):
        apply_rebalance(timer, proposal)


def test_distribute_pins_small_shares_to_the_floor():
    weights = {"a": 25, "b": 15, "c": 1}
    assert _distribute(10, weights, 1) == {"a": 6, "b": 3, "c": 1}


@given(
    st.lists(st.integers(min_value=1, max_value=5000), min_size=1, max_size=8),
    st.integers(min_value=0, max_value=600),
    st.integers(min_value=0, max_value=2),
)
def test_distribute_sums_exactly_and_keeps_the_floor(weights, extra, floor):
    named = {f"s{i}": w for i, w in enumerate(weights)}
    total = floor * len(named) + extra
    result = _distribute(total, named, floor)
    assert sum(result.values()) == total
    assert all(v >= floor for v in result.values())
    assert list(result) == list(named)


# -- end at a time ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10:45", time(10, 45)),
        ("1045", time(10, 45)),
        ("945", time(9, 45)),
        ("9.30", time(9, 30)),
        ("22:15", time(22, 15)),
        ("10:45pm", time(22, 45)),
        ("10:45 PM", time(22, 45)),
        ("3 pm", time(15, 0)),
        ("12am", time(0, 0)),
        ("12:30pm", time(12, 30)),
        ("14", time(14, 0)),
        (" 0:05 ", time(0, 5)),
    ],
)
def test_parse_clock_time(text, expected):
    assert parse_clock_time(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Enter a time"),
        ("   ", "Enter a time"),
        ("soon", "Can't read"),
        ("10:4", "Can't read"),
        ("10:60", "minutes go from 00 to 59"),
        ("24:00", "hour goes from 0 to 23"),
        ("13pm", "from 1 to 12"),
        ("0am", "from 1 to 12"),
    ],
)
def test_parse_clock_time_errors(text, message):
    with pytest.raises(ValueError, match=message):
        parse_clock_time(text)


def test_seconds_until(clocks):
    timer = started(clocks)
    clocks.advance(30 * MIN)  # 09:30
    assert seconds_until(time(10, 45), timer) == 75 * MIN
    assert seconds_until(datetime(2025, 3, 4, 9, 20), timer) == -10 * MIN
    assert seconds_until(START_WALL + timedelta(hours=1), timer) == 30 * MIN


def test_end_stage_at(clocks):
    timer = started(clocks)
    clocks.advance(10 * MIN)  # 09:10
    assert end_stage_at(timer, "9:45") == 35 * MIN
    assert timer.remaining() == 35 * MIN
    assert timer.adjusted() == 45 * MIN
    end_stage_at(timer, time(9, 20))
    assert timer.remaining() == 10 * MIN


def test_end_stage_at_a_past_time_is_rejected(clocks):
    timer = started(clocks)
    clocks.advance(10 * MIN)
    with pytest.raises(ValueError, match=r"09:05 has already passed \(it is 09:10\)"):
        end_stage_at(timer, "9:05")
    with pytest.raises(ValueError, match="already passed"):
        end_stage_at(timer, "9:10")
    assert timer.adjusted() == 30 * MIN


# -- plans from an earlier workshop ------------------------------------------------


def test_minutes_from_actuals():
    def timing(key: str, planned: int, actual: float) -> StageTiming:
        return StageTiming(
            key=key,
            title=key.title(),
            planned_seconds=planned,
            adjusted_seconds=planned,
            actual_seconds=actual,
        )

    timings = [
        timing("setup", 0, 400),
        timing("overview", 1800, 1950),  # 32.5 min rounds up
        timing("goals", 900, 869.9),
        timing("wrap_up", 600, 12),  # never below 1 min
    ]
    assert minutes_from_actuals(timings) == {"setup": 0, "overview": 33, "goals": 14, "wrap_up": 1}


# -- the whole morning -------------------------------------------------------------


def test_full_two_hour_session(clocks):
    timer = WorkshopTimer(AGENDA, clock=clocks.mono, wall=clocks.wall)
    clocks.advance(7 * MIN)  # set-up, before the clock starts
    timer.next()
    timer.start()  # 09:07, hard stop 11:07
    assert timer.hard_stop == START_WALL + timedelta(hours=2, minutes=7)

    # Overview: a 2-minute pause, +5 min, and still 3 min over (overrun one).
    clocks.advance(20 * MIN)
    timer.pause()
    clocks.advance(2 * MIN)
    timer.toggle()
    timer.add(5 * MIN)
    clocks.advance(18 * MIN)
    assert timer.overtime() == 3 * MIN
    timer.next()

    # Business goals: -1 min, finished on the dot.
    clocks.advance(10 * MIN)
    timer.add(-1 * MIN)
    clocks.advance(4 * MIN)
    assert timer.remaining() == 0
    timer.next()

    # Objectives: 9 min behind; rebalance cadence and wrap-up (key results protected).
    assert project(timer).label == "+9 min behind"
    proposal = propose_rebalance(timer)
    assert proposal.after == {
        "key_results": 25 * MIN,
        "cadence": 10 * MIN,
        "wrap_up": 6 * MIN,
    }
    apply_rebalance(timer, proposal)
    assert project(timer).label == "on time"

    # Back to goals for a missed point, then objectives resumes its own clock.
    clocks.advance(12 * MIN)
    timer.previous()
    clocks.advance(1.5 * MIN)
    timer.next()
    clocks.advance(13 * MIN)
    assert timer.elapsed() == 25 * MIN
    timer.next()

    # Key results: a 10-minute break, and 3 min over (overrun two).
    clocks.advance(20 * MIN)
    timer.start_break()
    clocks.advance(10 * MIN)
    timer.end_break()
    clocks.advance(8 * MIN)
    assert timer.overtime() == 3 * MIN
    timer.next()
    assert project(timer).label == "+15 min behind"  # 14.5 min rounds up

    # Cadence: too late for a rebalance to help; end it at 11:12 instead.
    late = propose_rebalance(timer)
    assert not late.fits
    assert late.message.endswith("you would finish 10 min late.")
    assert clocks.wall() == START_WALL + timedelta(hours=2, minutes=5, seconds=30)
    end_stage_at(timer, "11:12")
    assert timer.remaining() == 6.5 * MIN
    clocks.advance(6.5 * MIN)
    timer.next()

    # Wrap-up on its rebalanced 6 min, a hair over, then paused at the end.
    clocks.advance(6 * MIN + 0.25)
    timer.pause()
    clocks.advance(0.5)

    actual = [timer.elapsed(i) for i in range(len(AGENDA))]
    assert actual == [0, 38 * MIN, 15.5 * MIN, 25 * MIN, 28 * MIN, 6.5 * MIN, 6 * MIN + 0.25]
    t = timer.totals()
    assert t.planned == 120 * MIN
    assert t.adjusted == (35 + 14 + 25 + 25 + 6 + 6) * MIN + 30
    assert t.actual == 119 * MIN + 0.25
    assert t.breaks == 10 * MIN
    assert t.paused == 2 * MIN + 0.5
    assert t.wall == 131 * MIN + 0.75
    assert t.actual + t.breaks + t.paused == t.wall  # every second, zero error
    assert project(timer).label == "+11 min behind"

    # Checkpoint and reopen: everything survives, and it comes back paused.
    state = TimerState.model_validate_json(timer.snapshot().model_dump_json())
    reopened = WorkshopTimer.restore(state, clock=clocks.mono, wall=clocks.wall)
    assert reopened.mode is Mode.PAUSED
    assert reopened.totals() == t
    assert reopened.timings() == timer.timings()


# -- the end as shown agrees with the label -------------------------------------------


def test_the_end_shown_agrees_with_on_time_even_when_the_two_round_apart(clocks):
    """Started at 09:00:20 (hard stop 11:00:20), 20 s late: the end is 11:00:40. Rounded
    one by one they read "ends 11:01 · hard stop 11:00 · on time"; shown, both are 11:00."""
    clocks.advance(20)
    timer = started(clocks)
    clocks.advance(30 * MIN + 20)
    timer.next()
    p = project(timer)
    assert p.label == "on time"
    assert p.projected_end.strftime("%H:%M:%S") == "11:00:40"
    assert p.shown_end.strftime("%H:%M") == "11:00"


@pytest.mark.parametrize("over", [-30.25, 31, 89, 90, 150, 7 * MIN + 29, -10 * MIN])
def test_the_end_shown_is_the_hard_stop_moved_by_the_minutes_of_the_label(clocks, over):
    clocks.advance(20)
    timer = started(clocks)
    clocks.advance(30 * MIN + over)
    timer.next()
    p = project(timer)
    minutes = int(p.label.split()[0].lstrip("+"))
    sign = 1 if "behind" in p.label else -1
    stop = p.hard_stop.replace(second=0) + timedelta(minutes=1 if p.hard_stop.second >= 30 else 0)
    assert p.shown_end == stop + timedelta(minutes=sign * minutes)
    # and never more than a minute from the real end
    assert abs((p.shown_end - p.projected_end).total_seconds()) <= 60


# -- breaks with a length --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes_from_now"),
    [
        ("10", 10),
        ("10 min", 10),
        ("15 minutes", 15),
        ("5m", 5),
        ("10:45", 105),
        ("back at 10:45", 105),
        ("at 10.30", 90),
        ("945", 45),
        ("1045", 105),
        ("10:45am", 105),
    ],
)
def test_break_end_reads_a_length_or_the_time_to_be_back(clocks, text, minutes_from_now):
    timer = started(clocks)  # 09:00
    assert break_end(text, timer) == START_WALL + timedelta(minutes=minutes_from_now)


def test_break_end_empty_means_no_set_end(clocks):
    assert break_end("  ", started(clocks)) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0", "0 minutes is no break"),
        ("8:30", "has already passed"),
        ("soon", "Type minutes (10) or the time to be back (10:45)"),
        ("23:00", "more than 4 hours away"),
    ],
)
def test_break_end_says_what_to_type(clocks, text, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        break_end(text, started(clocks))


def test_break_words(clocks):
    now = START_WALL
    assert break_words(None, now) == "No set end"
    assert break_words(now + timedelta(minutes=15), now) == "Back at 09:15 · 15 min from now"
    assert break_words(now + timedelta(seconds=14 * 60 + 30), now) == (
        "Back at 09:15 · 15 min from now"
    )
    assert break_words(now - timedelta(minutes=2), now) == "Back at 08:58 · 2 min late"
