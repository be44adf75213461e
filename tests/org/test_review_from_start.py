"""Pilot test: the start screen offers the bottom-up alignment review on a company that
teams link to, and choosing it starts the review, as `okr-workshop review ID` does; on
SQLite and PostgreSQL. Also: the offers are read with summary queries, not by loading
every workshop, and say the same as before."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.org.sample import build_organisation, until
from workshop.core.agenda.kinds import ALIGNMENT_REVIEW, CHECKIN, QUARTER_END
from workshop.core.db.store import Item, Store
from workshop.core.okr.meetings import offer_for
from workshop.core.org.review import read_record
from workshop.core.session.meeting_start import start_meeting
from workshop.core.session.offers import meeting_offers
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.alignment_review import (
    NoteField,
    ReviewChallengeScreen,
    ReviewDirectionScreen,
)
from workshop.tui.screens.start import OFFER, StartScreen


@pytest.fixture
def store(any_store: Store) -> Store:
    return any_store


def offer_prompts(app: WorkshopApp) -> dict[str, str]:
    options = app.screen.query_one("#workshops").options
    return {o.id: str(o.prompt) for o in options if o.id and o.id.startswith(OFFER)}


async def test_the_alignment_review_starts_from_the_start_screen(store, agenda, clock):
    made = build_organisation(store)
    company = made["company"]
    before = {s.id for s in store.list_workshops()}
    app = WorkshopApp(store=store, agenda=agenda, clock=clock, wall=clock.wall, tick_seconds=3600)
    async with app.run_test(size=(160, 45)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        await until(
            pilot, lambda: any("Alignment review" in p for p in offer_prompts(app).values())
        )
        prompts = offer_prompts(app)
        review = next(i for i, p in prompts.items() if "Alignment review" in p)
        assert "· Acme Group · 2027-Q1" in prompts[review]
        options = app.screen.query_one("#workshops")
        options.focus()
        # Walk down to the offer with the keys, as a facilitator would.
        while options.highlighted_option is None or options.highlighted_option.id != review:
            await pilot.press("down")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReviewDirectionScreen))
        meeting_id = app.session.workshop_id
        assert app.session.agenda.kind == ALIGNMENT_REVIEW
        # The review runs: the first team objective agreed, with a note.
        await pilot.press("ctrl+n")
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, ReviewChallengeScreen) and isinstance(app.focused, NoteField)
            ),
        )
        first = app.focused
        assert isinstance(first, NoteField)
        await pilot.press("ctrl+t", *"Keep it")
        await app.keys_settled()
        app.session.flush()
    stored = store.load(meeting_id)
    assert meeting_id not in before
    assert (stored.meeting_kind, stored.subject_id, stored.team) == (
        ALIGNMENT_REVIEW,
        company,
        "Acme Group",
    )
    entry = read_record(stored.meeting_json).entry(first.objective_id)
    assert (entry.verdict, entry.note) == ("agreed", "Keep it")
    # Started today, it is resumed from the list now, not offered again.
    today = dt.date.today()
    assert ALIGNMENT_REVIEW not in [o.kind for o in meeting_offers(store, today)]
    assert [o.kind for o in meeting_offers(store, today + dt.timedelta(days=1))].count(
        ALIGNMENT_REVIEW
    ) == 1


def test_the_offers_read_from_summaries_match_the_loaded_workshops(store, monkeypatch):
    today = dt.date(2027, 1, 12)
    made = build_organisation(store)
    # A team workshop with a schedule and key results, and meetings held on it.
    team = store.create_workshop(team="Support", period="2027-Q1")
    objective = store.add(Item.OBJECTIVE, team, text="Answer every customer within a day")
    store.add(Item.KEY_RESULT, objective, text="Cut the first reply from 9 to 2 hours")
    for day in (dt.date(2027, 1, 5), dt.date(2027, 1, 12), dt.date(2027, 1, 19)):
        store.add(Item.MEETING, team, date=day, time=dt.time(9, 30), kind="check-in")
    store.add(
        Item.MEETING, team, date=dt.date(2027, 3, 30), time=dt.time(14), kind="quarter-end scoring"
    )
    start_meeting(store, CHECKIN, team, dt.date(2027, 1, 12)).close()
    # A workshop with key results and no schedule: a check-in today.
    bare = store.create_workshop(team="Bare")
    store.add(Item.KEY_RESULT, store.add(Item.OBJECTIVE, bare, text="x"), text="y")
    offers = meeting_offers(store, today)
    # What offer_for says on the loaded workshops, in the list's order.
    expected = []
    for summary in store.list_workshops():
        if summary.meeting_kind == "workshop" and summary.key_result_count:
            held = [(CHECKIN, dt.date(2027, 1, 12))] if summary.id == team else []
            found = offer_for(store.load(summary.id), held, today)
            if found is not None:
                expected.append(found)
    assert [o for o in offers if o.kind != ALIGNMENT_REVIEW] == expected
    by_subject = {o.subject_id: o for o in offers if o.kind != ALIGNMENT_REVIEW}
    assert (by_subject[team].kind, by_subject[team].date) == (CHECKIN, dt.date(2027, 1, 19))
    assert (by_subject[bare].kind, by_subject[bare].date) == (CHECKIN, today)
    reviews = [o for o in offers if o.kind == ALIGNMENT_REVIEW]
    assert [(o.subject_id, o.title, o.date) for o in reviews] == [
        (made["company"], "Alignment review", today)
    ]
    # Two held: the next one not held is two meeting days on (the query reads that far).
    start_meeting(store, CHECKIN, team, dt.date(2027, 1, 19)).close()
    again = {o.subject_id: o for o in meeting_offers(store, today)}
    assert (again[team].kind, again[team].date) == (QUARTER_END, dt.date(2027, 3, 30))
    # No workshop is loaded whole to make them.
    monkeypatch.setattr(Store, "load", lambda *a, **k: pytest.fail("loaded a workshop"))
    assert meeting_offers(store, today)[-1] == offers[-1]
