"""Unit tests of the workshop session's set-up helpers: stage minutes, earlier runs, defaults."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from workshop.core.agenda.model import Agenda
from workshop.core.clock.timer import TimerState
from workshop.core.session.session import (
    WorkshopSession,
    local_timezone,
    next_quarter,
    period_problem,
    timezone_problem,
)


def open_session(store, agenda, clock) -> WorkshopSession:
    return WorkshopSession.create(store, agenda, clock=clock, wall=clock.wall)


def stored_clock(store, workshop_id: int) -> TimerState:
    return TimerState.model_validate_json(store.load_clock(workshop_id))


# -- stage minutes -------------------------------------------------------------------


def test_set_stage_minutes_updates_agenda_store_and_clock(store, agenda, clock):
    session = open_session(store, agenda, clock)
    goals = session.agenda.index("goals")

    session.set_stage_minutes("goals", 20)

    assert session.agenda.stage("goals").minutes == 20
    assert session.agenda.total_minutes == agenda.total_minutes + 5
    saved = Agenda.model_validate_json(store.agenda_json(session.workshop_id))
    assert saved.stage("goals").minutes == 20
    # Before the first start the new minutes are the plan itself, hard stop included.
    assert session.timer.planned(goals) == session.timer.adjusted(goals) == 20 * 60
    assert session.timer.totals().planned == saved.total_seconds
    assert stored_clock(store, session.workshop_id).stages[goals].adjusted_seconds == 20 * 60


def test_minutes_survive_a_resume(store, agenda, clock):
    session = open_session(store, agenda, clock)
    session.set_stage_minutes("overview", 25)
    session.close()

    again = WorkshopSession.resume(
        store, session.workshop_id, fallback_agenda=agenda, clock=clock, wall=clock.wall
    )
    overview = again.agenda.index("overview")
    assert again.agenda.stage("overview").minutes == 25
    assert again.timer.adjusted(overview) == 25 * 60


@pytest.mark.parametrize("bad", [-1, 601, 10_000])
def test_minutes_out_of_range_are_refused_with_a_message(store, agenda, clock, bad):
    session = open_session(store, agenda, clock)
    with pytest.raises(ValueError, match="from 0 to 600") as caught:
        session.set_stage_minutes("goals", bad)
    assert agenda.stage("goals").title in str(caught.value)  # says which stage
    assert session.agenda.stage("goals").minutes == agenda.stage("goals").minutes
    assert store.agenda_json(session.workshop_id) == agenda.model_dump_json()


@pytest.mark.parametrize("bad", [True, 12.5, "15"])
def test_minutes_must_be_whole_numbers(store, agenda, clock, bad):
    session = open_session(store, agenda, clock)
    with pytest.raises(ValueError, match="whole number"):
        session.set_stage_minutes("goals", bad)


def test_setup_stays_untimed(store, agenda, clock):
    session = open_session(store, agenda, clock)
    with pytest.raises(ValueError, match="setup"):
        session.set_stage_minutes("setup", 5)
    session.set_stage_minutes("setup", 0)  # harmless
    assert not session.timer.is_timed(0)


def test_unknown_stage_is_a_key_error(store, agenda, clock):
    session = open_session(store, agenda, clock)
    with pytest.raises(KeyError):
        session.set_stage_minutes("lunch", 30)


def test_after_the_start_only_todays_plan_moves(store, agenda, clock):
    session = open_session(store, agenda, clock)
    session.set_stage(1)
    session.timer.start()
    clock.advance(60)
    hard_stop = session.timer.hard_stop
    goals = session.agenda.index("goals")

    session.set_stage_minutes("goals", 10)

    assert session.timer.adjusted(goals) == 10 * 60
    assert session.timer.planned(goals) == agenda.stage("goals").seconds
    assert session.timer.hard_stop == hard_stop
    assert session.timer.elapsed(1) == 60  # the running stage kept its time


# -- earlier workshops ---------------------------------------------------------------


def run_a_workshop(store, agenda, clock, **fields) -> int:
    session = WorkshopSession.create(store, agenda, clock=clock, wall=clock.wall, **fields)
    session.set_stage(1)
    session.timer.start()
    clock.advance(34 * 60 + 10)  # overview ran long
    session.set_stage(2)
    clock.advance(12 * 60 + 40)  # goals: 12:40 rounds to 13
    session.close()
    return session.workshop_id


def test_actual_minutes_of_an_earlier_workshop(store, agenda, clock):
    earlier = run_a_workshop(store, agenda, clock, team="Support")
    session = open_session(store, agenda, clock)

    assert session.actual_minutes(earlier) == {"overview": 34, "goals": 13}

    session.set_minutes(session.actual_minutes(earlier))
    assert session.agenda.stage("overview").minutes == 34
    assert session.agenda.stage("objectives").minutes == agenda.stage("objectives").minutes


def test_earlier_runs_skip_this_workshop_and_unstarted_ones(store, agenda, clock):
    earlier = run_a_workshop(store, agenda, clock, team="Support")
    open_session(store, agenda, clock)  # never started
    session = open_session(store, agenda, clock)

    runs = session.earlier_runs()

    assert [r.summary.id for r in runs] == [earlier]
    assert runs[0].summary.team == "Support"
    assert runs[0].total == 47


def test_a_never_started_workshop_has_no_times_to_copy(store, agenda, clock):
    unstarted = open_session(store, agenda, clock).workshop_id
    session = open_session(store, agenda, clock)
    with pytest.raises(ValueError, match="never ran"):
        session.actual_minutes(unstarted)


# -- defaults for a new workshop -----------------------------------------------------


def test_fill_defaults_on_a_brand_new_workshop(store, agenda, clock, monkeypatch):
    monkeypatch.setattr("workshop.core.session.session.local_timezone", lambda: "Europe/Berlin")
    session = open_session(store, agenda, clock)  # the fake wall clock says 12 Jan 2027

    assert session.fill_defaults() == {"period": "2027-Q2", "timezone": "Europe/Berlin"}

    workshop = store.load(session.workshop_id)
    assert (workshop.period, workshop.timezone) == ("2027-Q2", "Europe/Berlin")
    assert session.fill_defaults() == {}  # no longer untouched


def test_fill_defaults_leaves_a_started_workshop_alone(store, agenda, clock):
    session = WorkshopSession.create(store, agenda, clock=clock, wall=clock.wall, team="Ops")
    assert session.fill_defaults() == {}
    assert store.load(session.workshop_id).period == ""


def test_fill_defaults_on_a_machine_set_to_utc_suggests_utc(store, agenda, clock, monkeypatch):
    monkeypatch.setattr("workshop.core.session.session.local_timezone", lambda: "UTC")
    session = open_session(store, agenda, clock)
    assert session.fill_defaults() == {"period": "2027-Q2", "timezone": "UTC"}


def test_view_state_is_per_session(store, agenda, clock):
    first = open_session(store, agenda, clock)
    second = open_session(store, agenda, clock)
    first.view_state["overview_card"] = 3
    assert second.view_state == {}


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2027, 1, 12), "2027-Q2"),
        (dt.date(2027, 3, 31), "2027-Q2"),
        (dt.date(2027, 4, 1), "2027-Q3"),
        (dt.date(2027, 11, 30), "2028-Q1"),
    ],
)
def test_next_quarter(today, expected):
    assert next_quarter(today) == expected


def test_period_problem():
    assert period_problem("2027-Q1") is None
    assert period_problem("Q3 2027") is None
    assert "2027-Q1" in period_problem("next spring")
    assert "No period" in period_problem("")


def test_timezone_problem():
    assert timezone_problem("Europe/London") is None
    assert timezone_problem("UTC") is None
    for bad in ["Mars/Olympus", "Europe", "../etc", " Europe/London", "x" * 300]:
        assert "Unknown time zone" in timezone_problem(bad), bad
    assert "No time zone" in timezone_problem("")


def test_local_timezone_prefers_tz_then_etc(tmp_path):
    assert local_timezone({"TZ": ":Europe/Paris"}, tmp_path) == "Europe/Paris"
    assert local_timezone({"TZ": "/usr/share/zoneinfo/Asia/Tokyo"}, tmp_path) == "Asia/Tokyo"
    assert local_timezone({}, tmp_path) == "UTC"
    assert local_timezone({"TZ": "Etc/UTC"}, tmp_path) == "UTC"

    (tmp_path / "timezone").write_text("America/Chicago\n", encoding="utf-8")
    assert local_timezone({"TZ": "CET-1CEST"}, tmp_path) == "America/Chicago"

    (tmp_path / "timezone").unlink()
    os.symlink("/usr/share/zoneinfo/Australia/Perth", tmp_path / "localtime")
    assert local_timezone({}, tmp_path) == "Australia/Perth"
