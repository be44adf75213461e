"""What the clocks and the agenda bar say, read off a timer on a fake clock (no Textual)."""

from __future__ import annotations

from datetime import datetime, time

from tests.test_timer import FakeClocks, make
from workshop.core.clock.pacing import project
from workshop.core.clock.times import format_seconds, hhmm, hhmm_nearest
from workshop.core.clock.words import (
    PAUSE_SIGN,
    focus_words,
    projection_words,
    reading,
    step_words,
)


def test_countdowns_and_wall_times():
    assert format_seconds(0) == "00:00"
    assert format_seconds(59.2) == "01:00"  # the second still to go counts
    assert format_seconds(3725) == "1:02:05"
    assert hhmm(datetime(2027, 1, 12, 9, 5, 59)) == "09:05"
    assert hhmm(time(14, 30)) == "14:30"
    assert hhmm_nearest(datetime(2027, 1, 12, 9, 5, 30)) == "09:06"


def test_the_stage_clock_through_a_stage():
    clocks = FakeClocks()
    timer = make(clocks)
    timer.goto(1)
    assert reading(timer, 1).status == "Ready: press F5 to start the clock"
    timer.start()
    clocks.advance(60)
    now = reading(timer, 1)
    assert (now.digits, now.status, now.state) == ("29:00", "30 min planned", "")
    timer.toggle()
    assert reading(timer, 1).digits == f"{PAUSE_SIGN} 29:00"
    assert reading(timer, 1).status.startswith("PAUSED")
    timer.toggle()
    clocks.advance(30 * 60)
    assert reading(timer, 1).digits == "+01:00" and reading(timer, 1).state == "overtime"
    assert reading(timer, 0).state == "untimed"
    assert step_words(0, 7) == "Set-up" and step_words(2, 7) == "Step 2 of 6"


def test_the_agenda_bar_words():
    clocks = FakeClocks()
    timer = make(clocks)
    timer.goto(1)
    projection = project(timer)
    assert projection_words(projection, started=False) == "Plan 120 min · ends 11:00 if started now"
    timer.start()
    clocks.advance(5 * 60)
    projection = project(timer)
    rows = [r for r in projection.rows if r.timed]
    assert focus_words(rows, 3, running=True) == "Step 1 of 6 · Overview 5 of 30 min"
    assert projection_words(projection, started=True) == "ends 11:00 · hard stop 11:00 · on time"
