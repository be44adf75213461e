"""Pilot test: the alignment review's stages scroll to the objective with the cursor.

Seen in tmux (helper v19): with seven team objectives at 160x45, the challenge stage's
list was cut at the bottom of the screen, with no scroll bar; Down moved the cursor to
the notes below and the room typed into fields nobody could see. The lists grow with
their content now, so the stage's scroll area scrolls.
"""

from __future__ import annotations

import datetime as dt

from textual.containers import VerticalScroll

from tests.org.sample import build_organisation, until
from workshop.core.agenda.kinds import ALIGNMENT_REVIEW
from workshop.core.session.meeting_start import start_meeting
from workshop.tui.screens.alignment_review import NoteField, ReviewChallengeScreen

CHALLENGE = 1  # the review's stages: direction, challenge, outcome


def in_view(app, widget) -> bool:
    main = app.screen.query_one("#stage-main", VerticalScroll)
    top = widget.virtual_region.y - main.scroll_y
    return top >= 0 and top + widget.outer_size.height <= main.scrollable_content_region.height


async def test_the_last_team_objective_is_scrolled_into_view_at_80x24(make_app, store):
    made = build_organisation(store)
    meeting = start_meeting(store, ALIGNMENT_REVIEW, made["company"], dt.date(2027, 1, 5))
    meeting_id = meeting.workshop_id
    meeting.set_stage(CHALLENGE)  # left there: the app opens at the challenge stage
    meeting.close()
    app = make_app(meeting_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, ReviewChallengeScreen) and isinstance(app.focused, NoteField)
            ),
        )
        notes = list(app.screen.query(NoteField).results(NoteField))
        assert len(notes) >= 3
        for _ in notes[1:]:
            await pilot.press("down")
        await app.keys_settled()
        await until(pilot, lambda: app.focused is notes[-1] and in_view(app, notes[-1]))
        main = app.screen.query_one("#stage-main", VerticalScroll)
        assert main.scroll_y > 0
