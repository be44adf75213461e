"""WorkshopTimer on a fake clock: accounting, phases, commands and restore. No sleeping."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.core.clock.timer import Mode, Phase, TimerState, WorkshopTimer
from workshop.core.domain import StageTiming

AGENDA = [
    ("setup", "Set-up", 0),
    ("overview", "Overview", 30 * 60),
    ("goals", "Business goals", 15 * 60),
    ("objectives", "Cascade and objectives", 25 * 60),
    ("key_results", "Key results", 25 * 60),
    ("cadence", "Review cadence", 15 * 60),
    ("wrap_up", "Wrap-up", 10 * 60),
]
START_WALL = datetime(2025, 3, 4, 9, 0, tzinfo=timezone(timedelta(hours=1)))


class FakeClocks:
    """A monotonic clock and a wall clock that move together, only when told."""

    def __init__(self, mono: float = 1000.0, wall: datetime = START_WALL) -> None:
        self.t = mono
        self._mono0 = mono
        self._wall0 = wall

    def mono(self) -> float:
        return self.t

    def wall(self) -> datetime:
        return self._wall0 + timedelta(seconds=self.t - self._mono0)

    def advance(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture
def clocks() -> FakeClocks:
    return FakeClocks()


def make(clocks: FakeClocks, agenda=AGENDA) -> WorkshopTimer:
    return WorkshopTimer(agenda, clock=clocks.mono, wall=clocks.wall)


def assert_accounts(timer: WorkshopTimer) -> None:
    t = timer.totals()
    assert t.actual + t.breaks + t.paused == t.wall


def test_nothing_counts_before_the_first_start(clocks):
    timer = make(clocks)
    clocks.advance(600)
    assert timer.mode is Mode.STOPPED
    assert timer.elapsed() == 0
    assert timer.totals().wall == 0
    assert timer.started_at is None and timer.hard_stop is None
    # Harmless in STOPPED: no exception, no mode change.
    timer.pause()
    timer.start_break()
    timer.end_break()
    assert timer.mode is Mode.STOPPED
    timer.next()
    assert timer.current == 1 and timer.mode is Mode.STOPPED
    assert timer.bell_due() is None


def test_first_start_sets_the_hard_stop(clocks):
    timer = make(clocks)
    clocks.advance(300)  # set-up time before the clock starts is not counted
    timer.next()
    timer.start()
    assert timer.started_at == START_WALL + timedelta(seconds=300)
    assert timer.hard_stop == timer.started_at + timedelta(hours=2)
    clocks.advance(60)
    timer.pause()
    timer.start()  # a later start does not move either
    assert timer.started_at == START_WALL + timedelta(seconds=300)
    assert timer.totals().wall == 60


def test_running_counts_into_the_current_stage(clocks):
    timer = make(clocks)
    timer.goto(1)
    timer.start()
    clocks.advance(90.5)
    assert timer.elapsed() == 90.5
    assert timer.remaining() == 1800 - 90.5
    assert timer.totals().actual == 90.5
    assert_accounts(timer)


def test_warning_begins_exactly_at_the_last_fifth(clocks):
    timer = make(clocks)
    timer.goto(1)  # 30 min: warning from 24:00 elapsed
    timer.start()
    clocks.advance(1440 - 0.25)
    assert timer.phase() is Phase.NORMAL
    clocks.advance(0.25)
    assert timer.remaining() == 360
    assert timer.phase() is Phase.WARNING
    timer.add(300)  # 35 min plan: last fifth is 7 min, 11 min remain
    assert timer.phase() is Phase.NORMAL
    clocks.advance(240 - 0.25)
    assert timer.phase() is Phase.NORMAL
    clocks.advance(0.25)
    assert timer.phase() is Phase.WARNING


def test_overtime_counts_up(clocks):
    timer = make(clocks)
    timer.goto(2)
    timer.start()
    clocks.advance(900)
    assert timer.remaining() == 0
    assert timer.phase() is Phase.WARNING
    assert timer.overtime() == 0
    clocks.advance(0.5)
    assert timer.phase() is Phase.OVERTIME
    assert timer.overtime() == 0.5
    clocks.advance(119.5)
    assert timer.remaining() == -120
    assert timer.overtime() == 120


def test_untimed_stage_never_warns_or_runs_over(clocks):
    timer = make(clocks)
    timer.start()
    clocks.advance(500)
    assert timer.is_timed() is False
    assert timer.phase() is Phase.NORMAL
    assert timer.overtime() == 0
    assert timer.elapsed() == 500


def test_add_and_remove_time_never_below_zero(clocks):
    timer = make(clocks)
    timer.goto(6)
    timer.add(300)
    assert timer.adjusted() == 900
    timer.add(-60)
    assert timer.adjusted() == 840
    for _ in range(20):
        timer.add(-60)
    assert timer.adjusted() == 0
    assert timer.planned() == 600  # the agenda plan is kept


def test_stage_changes_keep_the_mode_and_each_stage_its_clock(clocks):
    timer = make(clocks)
    timer.goto(1)
    timer.start()
    clocks.advance(100)
    timer.next()
    assert timer.mode is Mode.RUNNING
    clocks.advance(50)
    timer.previous()
    clocks.advance(25)
    assert timer.elapsed(1) == 125
    assert timer.elapsed(2) == 50
    timer.pause()
    timer.next()
    assert timer.mode is Mode.PAUSED
    clocks.advance(40)
    assert timer.elapsed(2) == 50
    assert timer.totals().paused == 40
    assert_accounts(timer)


def test_next_and_previous_stop_at_the_ends(clocks):
    timer = make(clocks)
    timer.previous()
    assert timer.current == 0
    timer.goto(6)
    timer.next()
    assert timer.current == 6
    with pytest.raises(IndexError):
        timer.goto(7)
    with pytest.raises(IndexError):
        timer.goto(-1)


def test_pause_break_and_toggle(clocks):
    timer = make(clocks)
    timer.toggle()
    assert timer.mode is Mode.RUNNING
    clocks.advance(10)
    timer.toggle()
    assert timer.mode is Mode.PAUSED
    timer.pause()  # repeat is harmless
    clocks.advance(20)
    timer.start_break()
    assert timer.mode is Mode.BREAK
    clocks.advance(30)
    timer.start_break()  # repeat does not restart the break
    timer.pause()  # no pausing a break
    assert timer.mode is Mode.BREAK
    clocks.advance(15)
    assert timer.break_elapsed() == 45
    timer.end_break()
    assert timer.mode is Mode.RUNNING
    assert timer.break_elapsed() == 0
    timer.end_break()  # harmless
    clocks.advance(5)
    timer.start_break()
    clocks.advance(7)
    timer.toggle()  # space during a break ends it
    assert timer.mode is Mode.RUNNING
    t = timer.totals()
    assert (t.actual, t.breaks, t.paused, t.wall) == (15, 52, 20, 87)


def test_set_remaining(clocks):
    timer = make(clocks)
    timer.goto(3)
    timer.start()
    clocks.advance(600)
    timer.set_remaining(420)
    assert timer.remaining() == 420
    assert timer.adjusted() == 1020
    timer.set_remaining(-1000)  # never a negative plan
    assert timer.adjusted() == 0


def test_bell_rings_once_per_crossing_and_respects_mute(clocks):
    timer = make(clocks)
    timer.goto(2)
    timer.start()
    clocks.advance(720)
    assert timer.bell_due() is Phase.WARNING
    assert timer.bell_due() is None
    clocks.advance(181)
    assert timer.bell_due() is Phase.OVERTIME
    assert timer.bell_due() is None
    timer.add(300)  # back to normal: the bell may ring again later
    assert timer.bell_due() is None
    clocks.advance(300)
    assert timer.toggle_mute() is True
    assert timer.bell_due() is None  # muted, but remembered
    timer.toggle_mute()
    assert timer.bell_due() is None


def test_agenda_must_be_sane(clocks):
    with pytest.raises(ValueError, match="no stages"):
        make(clocks, [])
    with pytest.raises(ValueError, match="unique"):
        make(clocks, [("a", "A", 60), ("a", "B", 60)])
    future = make(clocks).snapshot().model_copy(update={"version": 99})
    with pytest.raises(ValueError, match="newer version"):
        WorkshopTimer.restore(future, clock=clocks.mono)


def test_timings_for_the_domain(clocks):
    timer = make(clocks)
    timer.goto(1)
    timer.start()
    clocks.advance(100)
    timer.add(60)
    timings = timer.timings()
    assert len(timings) == 7
    assert timings[1] == StageTiming(
        key="overview",
        title="Overview",
        planned_seconds=1800,
        adjusted_seconds=1860,
        actual_seconds=100.0,
    )


def test_snapshot_round_trips_and_restores_paused(clocks):
    timer = make(clocks)
    timer.goto(1)
    timer.start()
    clocks.advance(100.25)
    timer.pause()
    clocks.advance(10)
    timer.start()
    timer.next()
    timer.add(-60)
    clocks.advance(33.5)
    timer.toggle_mute()
    state = timer.snapshot()
    assert state.mode is Mode.RUNNING
    assert timer.mode is Mode.RUNNING  # snapshot does not change the timer

    text = state.model_dump_json()
    again = TimerState.model_validate_json(text)
    assert again == state
    assert again.model_dump_json() == text

    # The app is closed for an hour; that time is not counted anywhere.
    later = FakeClocks(mono=50.0, wall=clocks.wall() + timedelta(hours=1))
    restored = WorkshopTimer.restore(again, clock=later.mono, wall=later.wall)
    assert restored.mode is Mode.PAUSED
    assert restored.current == 2
    assert restored.muted is True
    assert restored.hard_stop == timer.hard_stop
    assert restored.started_at == timer.started_at
    assert restored.timings() == timer.timings()
    assert restored.totals() == timer.totals()

    later.advance(5)
    assert restored.totals().paused == 15
    restored.start()
    later.advance(20)
    assert restored.elapsed() == 53.5
    t = restored.totals()
    assert t.wall == 100.25 + 10 + 33.5 + 5 + 20
    assert_accounts(restored)


def test_restore_keeps_a_break_and_a_stopped_timer(clocks):
    timer = make(clocks)
    state = timer.snapshot()
    assert WorkshopTimer(state, clock=clocks.mono).mode is Mode.STOPPED
    timer.start()
    clocks.advance(60)
    timer.start_break()
    clocks.advance(120)
    restored = WorkshopTimer.restore(timer.snapshot(), clock=clocks.mono, wall=clocks.wall)
    assert restored.mode is Mode.BREAK
    clocks.advance(30)
    assert restored.break_elapsed() == 150
    assert restored.totals().breaks == 150
    assert_accounts(restored)


def test_restored_timer_does_not_share_state_with_the_snapshot(clocks):
    timer = make(clocks)
    state = timer.snapshot()
    restored = WorkshopTimer.restore(state, clock=clocks.mono, wall=clocks.wall)
    restored.add(60)
    assert state.stages[0].adjusted_seconds == 0


def test_two_hour_session_accounts_for_every_second(clocks):
    timer = make(clocks)
    clocks.advance(420)  # set-up, before the clock starts
    timer.next()
    timer.start()
    clocks.advance(25 * 60)
    timer.pause()  # a question from the room
    clocks.advance(90)
    timer.start()
    timer.add(300)
    clocks.advance(13 * 60 + 30)  # overview overruns by 3.5 min on its +5 plan
    timer.next()
    clocks.advance(10 * 60)
    timer.add(-60)
    clocks.advance(5 * 60)  # goals on its 14 min plan, over by 1
    timer.next()
    clocks.advance(12 * 60)
    timer.previous()  # back to goals for a missed point
    clocks.advance(2 * 60)
    timer.next()
    timer.set_plan(4, 20 * 60)  # the kind of change a rebalance makes
    clocks.advance(18 * 60)
    timer.start_break()
    clocks.advance(10 * 60)
    timer.end_break()
    timer.next()
    clocks.advance(22 * 60)
    timer.next()
    clocks.advance(16 * 60)  # cadence overruns by 1
    timer.next()
    clocks.advance(9 * 60 + 0.5)
    timer.pause()
    clocks.advance(0.25)

    actual = [timer.elapsed(i) for i in range(7)]
    assert actual == [0, 2310, 1020, 1800, 1320, 960, 540.5]
    t = timer.totals()
    assert t.planned == 7200
    assert t.adjusted == 7200 + 300 - 60 - 300
    assert t.actual == 7950.5
    assert t.breaks == 600
    assert t.paused == 90.25
    assert t.wall == 8640.75
    assert t.actual + t.breaks + t.paused == t.wall


# Commands a facilitator might press, in any order, with binary-exact time steps.
COMMANDS = st.sampled_from(
    ["start", "pause", "toggle", "start_break", "end_break", "next", "previous", "add", "cut"]
)
STEPS = st.integers(min_value=0, max_value=4 * 3600 * 4).map(lambda q: q / 4)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(COMMANDS, STEPS), max_size=60))
def test_every_second_is_in_exactly_one_bucket(script):
    clocks = FakeClocks(mono=12345.0)
    timer = make(clocks)
    for command, step in script:
        if command == "add":
            timer.add(300)
        elif command == "cut":
            timer.add(-60)
        else:
            getattr(timer, command)()
        clocks.advance(step)
        t = timer.totals()
        assert t.actual + t.breaks + t.paused == t.wall
        assert all(timer.elapsed(i) >= 0 for i in range(7))
    restored = WorkshopTimer.restore(timer.snapshot(), clock=clocks.mono, wall=clocks.wall)
    assert restored.totals() == timer.totals()


# -- breaks with a set end ---------------------------------------------------------------


def test_a_break_with_a_set_end_counts_down_on_the_wall_clock(clocks):
    timer = WorkshopTimer(AGENDA, clock=clocks.mono, wall=clocks.wall)
    timer.goto(1)
    timer.start()
    clocks.advance(60)
    back = clocks.wall() + timedelta(minutes=10)
    timer.start_break(back)
    assert timer.break_until == back
    clocks.advance(4 * 60)
    assert timer.break_left() == 6 * 60
    assert timer.break_elapsed() == 4 * 60
    clocks.advance(7 * 60)
    assert timer.break_left() == -60  # a minute over: the room is late back
    timer.end_break()
    assert timer.mode is Mode.RUNNING
    assert timer.break_until is None and timer.break_left() is None


def test_an_open_break_can_be_given_an_end_later(clocks):
    timer = WorkshopTimer(AGENDA, clock=clocks.mono, wall=clocks.wall)
    timer.set_break_until(clocks.wall())  # not on a break: ignored
    assert timer.break_until is None
    timer.start()
    timer.start_break()
    assert timer.break_left() is None
    timer.set_break_until(clocks.wall() + timedelta(minutes=5))
    assert timer.break_left() == 300


def test_the_set_end_of_a_break_survives_a_restart(clocks):
    timer = WorkshopTimer(AGENDA, clock=clocks.mono, wall=clocks.wall)
    timer.start()
    back = clocks.wall() + timedelta(minutes=15)
    timer.start_break(back)
    text = timer.snapshot().model_dump_json()
    clocks.advance(5 * 60)  # the app was closed for five minutes
    again = WorkshopTimer.restore(
        TimerState.model_validate_json(text), clock=clocks.mono, wall=clocks.wall
    )
    assert again.mode is Mode.BREAK
    assert again.break_left() == 10 * 60  # on the wall clock, so closed time counts
