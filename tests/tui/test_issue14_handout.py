"""Issue 14: the handout's review schedule, as rendered and looked at (pdftoppm at 60 dpi).

"Quarter-end scoring" broke over two lines in the Meeting column while the Note
column beside it stood empty; each meeting's kind now reads on one line.
"""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from workshop.core.domain import Meeting, MeetingKind, Workshop
from workshop.core.exports import render
from workshop.core.exports.text import ZERO_WIDTH_SPACE


def test_each_meeting_kind_reads_on_one_line_in_the_schedule() -> None:
    workshop = Workshop(
        team="Customer Support",
        period="2027-Q1",
        meetings=[
            Meeting(date=dt.date(2027, 1, 27), time=dt.time(10), kind=MeetingKind.CHECK_IN),
            Meeting(date=dt.date(2027, 1, 29), time=dt.time(10), kind=MeetingKind.MONTHLY_REVIEW),
            Meeting(
                date=dt.date(2027, 3, 31),
                time=dt.time(10),
                kind=MeetingKind.QUARTER_END,
                note="Bring last quarter's scores",
            ),
        ],
    )
    reader = PdfReader(io.BytesIO(render(workshop, "pdf")))
    text = "\n".join(page.extract_text() for page in reader.pages).replace(ZERO_WIDTH_SPACE, "")
    lines = text.splitlines()
    assert any("Wednesday 27 January 2027" in line and "Check-in" in line for line in lines)
    assert any("Monthly review" in line for line in lines), lines
    assert any("Quarter-end scoring" in line for line in lines), lines
