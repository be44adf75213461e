"""Planned vs actual time survives the store: exports of a stored workshop carry it."""

from __future__ import annotations

import datetime as dt

from workshop.core.domain import StageTiming, Workshop
from workshop.core.session.session import WorkshopSession


def test_a_run_workshop_loads_with_its_timings(store, agenda, clock):
    session = WorkshopSession.create(store, agenda, clock=clock, wall=clock.wall, team="Ops")
    session.set_stage(1)
    session.timer.start()
    clock.advance(90)
    session.timer.start_break()
    clock.advance(30)
    session.timer.end_break()
    clock.advance(15)
    session.checkpoint()

    loaded = store.load(session.workshop_id)

    overview = next(t for t in loaded.timings if t.key == "overview")
    assert overview.actual_seconds == 105
    assert overview.planned_seconds == 30 * 60
    assert loaded.break_seconds == 30
    assert [t.key for t in loaded.timings] == [s.key for s in agenda.stages]


def test_imported_timings_come_back_exactly_and_resume_paused(store, agenda, clock):
    timings = [
        StageTiming(
            key=s.key,
            title=s.title,
            planned_seconds=s.seconds,
            adjusted_seconds=s.seconds + 60,
            actual_seconds=12.5 * i,
        )
        for i, s in enumerate(agenda.stages)
    ]
    workshop = Workshop(
        team="Imported",
        current_stage=3,
        created_at=dt.datetime(2027, 1, 4, 9, 0, tzinfo=dt.UTC),
        timings=timings,
        break_seconds=600.0,
        paused_seconds=45.25,
    )
    workshop_id = store.import_workshop(workshop)

    loaded = store.load(workshop_id)
    assert loaded.timings == timings
    assert (loaded.break_seconds, loaded.paused_seconds) == (600.0, 45.25)

    session = WorkshopSession.resume(
        store, workshop_id, fallback_agenda=agenda, clock=clock, wall=clock.wall
    )
    assert session.timer.current == 3
    assert session.timer.mode.value == "paused"
    assert session.timer.elapsed(3) == 37.5


def test_a_workshop_never_timed_has_no_timings(store):
    workshop_id = store.create_workshop(team="Fresh")
    assert store.load(workshop_id).timings == []


def test_imported_timings_for_fewer_stages_fit_the_agenda(store, agenda, clock):
    # A record without the set-up stage (as another tool might write it).
    timed = [s for s in agenda.stages if s.seconds]
    timings = [
        StageTiming(
            key=s.key,
            title=s.title,
            planned_seconds=s.seconds,
            adjusted_seconds=s.seconds,
            actual_seconds=60.0,
        )
        for s in timed
    ]
    workshop_id = store.import_workshop(
        Workshop(team="Short record", current_stage=6, timings=timings)
    )
    session = WorkshopSession.resume(
        store, workshop_id, fallback_agenda=agenda, clock=clock, wall=clock.wall
    )
    assert session.timer.keys() == [s.key for s in agenda.stages]
    assert session.timer.elapsed(agenda.index("overview")) == 60.0
    session.set_stage(6)  # every stage of the agenda can be shown
    assert session.timer.current == 6
