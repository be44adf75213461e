"""Meeting kinds: each kind's agenda loads from its own folder, is stored and restored
with its kind, and a meeting on a workshop's OKRs is created, listed and resumed as that kind."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workshop.core.agenda.files import AgendaError
from workshop.core.agenda.kinds import CHECKIN, KINDS, QUARTER_END, WORKSHOP, agenda_dir, spec
from workshop.core.agenda.model import Agenda, load_agenda, load_kind_agenda
from workshop.core.db.store import Store
from workshop.core.domain import KeyResult, Meeting, MeetingKind, Objective, Workshop
from workshop.core.okr.meetings import CheckInRecord, offer_for
from workshop.core.session.meeting_start import start_meeting
from workshop.core.session.session import WorkshopSession


def test_every_kind_loads_its_own_stages_with_the_right_minutes():
    assert load_kind_agenda(WORKSHOP).total_minutes == 120
    checkin = load_kind_agenda(CHECKIN)
    assert checkin.kind == CHECKIN
    assert checkin.keys == list(spec(CHECKIN).stage_keys)
    assert checkin.total_minutes == 30
    quarter = load_kind_agenda(QUARTER_END)
    assert quarter.keys == list(spec(QUARTER_END).stage_keys)
    assert quarter.total_minutes == 60
    # The workshop's own folder does not pick up the kinds' sub-folders.
    assert load_agenda().keys == list(spec(WORKSHOP).stage_keys)


def test_a_stored_agenda_comes_back_as_its_kind_and_a_workshop_stores_as_before():
    checkin = load_kind_agenda(CHECKIN)
    assert Agenda.model_validate_json(checkin.model_dump_json()) == checkin
    assert '"kind"' not in load_agenda().model_dump_json().split('"stages"')[0]


def test_a_kind_folder_with_the_wrong_stages_is_refused_in_one_line(tmp_path: Path):
    folder = tmp_path / "checkin"
    folder.mkdir()
    (folder / "01.toml").write_text('key = "goals"\ntitle = "x"\nminutes = 3\naim = "y"\n')
    with pytest.raises(AgendaError) as caught:
        load_kind_agenda(CHECKIN, tmp_path)
    assert "unknown stage 'goals'" in str(caught.value) and "\n" not in str(caught.value)
    assert "attendance" in str(caught.value)


def test_an_edited_agenda_folder_without_the_kind_falls_back_to_the_shipped_one(tmp_path):
    assert agenda_dir(CHECKIN, tmp_path) == agenda_dir(CHECKIN)
    assert set(KINDS) >= {WORKSHOP, CHECKIN, QUARTER_END}


def _subject(store: Store) -> int:
    workshop = Workshop(
        team="Support",
        period="2027-Q1",
        facilitator="Ana",
        participants=["Ana", "Ben", "Cy"],
        objectives=[
            Objective(
                text="Answer customers faster",
                key_results=[KeyResult(text="Cut first reply", start="72", target="24")],
            )
        ],
        meetings=[
            Meeting(date=dt.date(2027, 1, 12), time=dt.time(10), kind=MeetingKind.CHECK_IN),
            Meeting(date=dt.date(2027, 1, 19), time=dt.time(10), kind=MeetingKind.CHECK_IN),
        ],
    )
    return store.import_workshop(workshop)


def test_a_check_in_is_created_listed_and_resumed_as_a_check_in():
    store = Store.open("sqlite://")
    subject_id = _subject(store)
    session = start_meeting(store, CHECKIN, subject_id, dt.date(2027, 1, 12), clock=lambda: 0.0)
    assert session.agenda.kind == CHECKIN
    assert session.quarter is not None and session.quarter.subject.id == subject_id
    meeting_id = session.workshop_id
    session.close()

    listed = {s.id: s.meeting_kind for s in store.list_workshops()}
    assert listed == {subject_id: WORKSHOP, meeting_id: CHECKIN}
    stored = store.load(meeting_id)
    assert (stored.team, stored.period, stored.subject_id) == ("Support", "2027-Q1", subject_id)
    assert CheckInRecord.model_validate_json(stored.meeting_json).date == dt.date(2027, 1, 12)

    again = WorkshopSession.resume(
        store, meeting_id, fallback_agenda=load_agenda(), clock=lambda: 0.0
    )
    assert again.agenda.kind == CHECKIN
    assert again.agenda.stages[0].key == "attendance"
    again.close()


def test_the_offer_is_the_next_scheduled_meeting_not_yet_held():
    store = Store.open("sqlite://")
    subject = store.load(_subject(store))
    today = dt.date(2027, 1, 5)
    first = offer_for(subject, [], today)
    assert first is not None
    assert (first.kind, first.label) == (CHECKIN, "Check-in, Tuesday 12 January")
    second = offer_for(subject, [(CHECKIN, dt.date(2027, 1, 12))], today)
    assert second is not None and second.label == "Check-in, Tuesday 19 January"
    # With the schedule used up, the quarter-end review is next.
    last = offer_for(subject, [(CHECKIN, dt.date(2027, 1, 19))], dt.date(2027, 3, 30))
    assert last is not None and (last.kind, last.date) == (QUARTER_END, dt.date(2027, 3, 30))
    # A workshop without OKRs is offered nothing.
    assert offer_for(subject.model_copy(update={"objectives": []}), [], today) is None


def test_no_check_in_is_offered_before_an_unscheduled_quarter_begins():
    # A workshop just rolled over into 2027-Q2 has no schedule yet: on 3 December 2026
    # there is nothing to check in on, so the start screen offers nothing for it.
    store = Store.open("sqlite://")
    subject = store.load(_subject(store)).model_copy(update={"meetings": [], "period": "2027-Q2"})
    assert offer_for(subject, [], dt.date(2026, 12, 3)) is None
    first_day = offer_for(subject, [], dt.date(2027, 4, 1))
    assert first_day is not None and (first_day.kind, first_day.date) == (
        CHECKIN,
        dt.date(2027, 4, 1),
    )
    # A period that names no quarter may have begun: the check-in is offered as before.
    named = subject.model_copy(update={"period": "Spring launch"})
    assert offer_for(named, [], dt.date(2026, 12, 3)) is not None


def test_a_meeting_held_later_covers_the_ones_scheduled_before_it_and_the_quarter_end_closes():
    store = Store.open("sqlite://")
    subject = store.load(_subject(store))
    # Scheduled on the 12th and the 19th; the room met on the 15th instead of the 12th.
    held = [(CHECKIN, dt.date(2027, 1, 15))]
    offer = offer_for(subject, held, dt.date(2027, 1, 5))
    assert offer is not None and offer.label == "Check-in, Tuesday 19 January"
    # Once the quarter-end review is held, nothing more is offered on these OKRs.
    closed = [*held, (QUARTER_END, dt.date(2027, 3, 30))]
    assert offer_for(subject, closed, dt.date(2027, 1, 5)) is None
    assert (
        offer_for(subject.model_copy(update={"meetings": []}), closed, dt.date(2027, 4, 2)) is None
    )
