"""A workshop whose OKRs are set, for the check-in and quarter-end tests (core and Pilot)."""

from __future__ import annotations

import datetime as dt

from workshop.core.db.store import Store
from workshop.core.domain import (
    GoalType,
    KeyResult,
    KeyResultKind,
    Meeting,
    MeetingKind,
    Objective,
    Workshop,
)


def sample_workshop() -> Workshop:
    return Workshop(
        team="Support",
        period="2027-Q1",
        facilitator="Dana",
        champion="Eli",
        participants=["Ana", "Ben", "Cara"],
        timezone="Europe/Lisbon",
        objectives=[
            Objective(
                text="Answer customers faster so that they stay",
                goal_type=GoalType.ASPIRATIONAL,
                key_results=[
                    KeyResult(
                        text="Cut first reply time from 72 to 24 hours",
                        start="72",
                        target="24",
                        unit="hours",
                        owner="Ben",
                    ),
                    KeyResult(
                        text="Raise CSAT from 70% to 90%",
                        start="70%",
                        target="90%",
                        unit="%",
                        owner="Ana",
                    ),
                ],
            ),
            Objective(
                text="Ship the help centre in order to cut repeat questions",
                goal_type=GoalType.COMMITTED,
                key_results=[
                    KeyResult(
                        text="Launch the help centre",
                        kind=KeyResultKind.MILESTONE,
                        owner="Cara",
                    ),
                ],
            ),
        ],
        meetings=[
            Meeting(date=dt.date(2027, 1, 19), time=dt.time(10), kind=MeetingKind.CHECK_IN),
            Meeting(date=dt.date(2027, 2, 16), time=dt.time(10), kind=MeetingKind.CHECK_IN),
            Meeting(date=dt.date(2027, 3, 31), time=dt.time(10), kind=MeetingKind.QUARTER_END),
        ],
    )


def store_sample(store: Store) -> int:
    return store.import_workshop(sample_workshop())
