"""Pilot test: the bottom-up alignment review, a meeting kind on the company's workshop,
driven with keys on SQLite and PostgreSQL; the room's verdicts and notes are stored."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.org.sample import build_organisation, until
from workshop.core.agenda.kinds import ALIGNMENT_REVIEW
from workshop.core.db.store import Store
from workshop.core.org.review import read_record
from workshop.core.session.meeting_start import start_meeting
from workshop.tui.screens.alignment_review import (
    NoteField,
    ReviewChallengeScreen,
    ReviewDirectionScreen,
    ReviewOutcomeScreen,
)


@pytest.fixture
def store(any_store: Store) -> Store:
    return any_store


def shown(screen) -> str:
    return "\n".join(str(w.render()) for w in screen.query("Static").results())


async def test_each_team_objective_is_agreed_or_challenged_with_a_note(make_app, store):
    made = build_organisation(store)
    meeting = start_meeting(store, ALIGNMENT_REVIEW, made["company"], dt.date(2027, 1, 5))
    meeting_id = meeting.workshop_id
    meeting.close()
    app = make_app(meeting_id)
    async with app.run_test(size=(160, 45)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ReviewDirectionScreen))
        await until(pilot, lambda: "KR 2.3 Sign 3 reseller partners" in shown(app.screen))
        await pilot.press("ctrl+n")
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, ReviewChallengeScreen) and isinstance(app.focused, NoteField)
            ),
        )
        text = shown(app.screen)
        assert "serves KR 2.1: Open sales in Spain and Poland" in text
        assert "the team's own objective: it need not align" in text  # Platform's, not flagged
        first = app.focused
        assert isinstance(first, NoteField)
        await pilot.press(
            "ctrl+t", "ctrl+t", *"Spain only?"
        )  # not discussed -> agreed -> challenged
        await pilot.press("down", "ctrl+t")  # the next objective: agreed
        await app.keys_settled()
        app.session.flush()
        record = read_record(app.session.load().meeting_json)
        assert record.entry(first.objective_id).verdict == "challenged"
        assert record.entry(first.objective_id).note == "Spain only?"
        assert [e.verdict for e in record.entries].count("agreed") == 1
        await pilot.press("ctrl+n")
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, ReviewOutcomeScreen) and "challenged:" in shown(app.screen)
            ),
        )
        outcome = shown(app.screen)
        assert "Growth: 1 agreed, 1 challenged, 0 not discussed" in outcome
        assert "Spain only?" in outcome
        assert "Sign 3 reseller partners in the Nordics" in outcome
    stored = read_record(store.load(meeting_id).meeting_json)
    assert stored.entry(first.objective_id).note == "Spain only?"
