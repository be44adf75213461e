"""Hypothesis strategies for workshops with arbitrary text (any Unicode but surrogates).

Everything else stays within what an import accepts (workshop.core.exports.limits):
years 1900-9998, stage timings for real stage keys, break time only with timings.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from workshop.core.agenda.model import STAGE_KEYS
from workshop.core.domain import (
    GoalType,
    KeyResult,
    KeyResultKind,
    Meeting,
    MeetingKind,
    Objective,
    Priority,
    StageTiming,
    Workshop,
    WrapItem,
    WrapItemKind,
)

FIRST = dt.datetime(1900, 1, 1)
LAST = dt.datetime(9998, 12, 31)
dates = st.dates(FIRST.date(), LAST.date())
seconds = st.floats(0, 1e6)


@st.composite
def timings(draw: st.DrawFn) -> list[StageTiming]:
    keys = draw(st.lists(st.sampled_from(STAGE_KEYS), unique=True, max_size=len(STAGE_KEYS)))
    return [
        StageTiming(
            key=key,
            title=draw(text),
            planned_seconds=draw(st.integers(0, 36_000)),
            adjusted_seconds=draw(st.integers(0, 100_000)),
            actual_seconds=draw(seconds),
        )
        for key in keys
    ]


# Any code point except surrogates (they have no UTF-8 form); NUL and controls included.
text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)

key_results = st.builds(
    KeyResult,
    text=text,
    kind=st.sampled_from(KeyResultKind),
    start=text,
    target=text,
    unit=text,
    owner=text,
)


@st.composite
def csv_workshops(draw: st.DrawFn) -> Workshop:
    """Only what the CSV carries: objectives, their key results and linked priorities."""
    priorities = draw(st.lists(st.builds(Priority, text=text), max_size=3))
    objectives = draw(
        st.lists(
            st.builds(
                Objective,
                text=text,
                goal_type=st.sampled_from(GoalType),
                priority_index=(
                    st.none() | st.integers(0, len(priorities) - 1) if priorities else st.none()
                ),
                key_results=st.lists(key_results, max_size=4),
            ),
            max_size=5,
        )
    )
    return Workshop(priorities=priorities, objectives=objectives)


@st.composite
def workshops(draw: st.DrawFn) -> Workshop:
    """Workshops with most fields filled from arbitrary text."""
    base = draw(csv_workshops())
    return base.model_copy(
        update={
            "team": draw(text),
            "period": draw(text),
            "facilitator": draw(text),
            "champion": draw(text),
            "participants": draw(st.lists(text, max_size=4)),
            "created_at": draw(
                st.none()
                | st.datetimes(FIRST, LAST, timezones=st.just(dt.UTC), allow_imaginary=False)
            ),
            "meetings": draw(
                st.lists(
                    st.builds(
                        Meeting,
                        date=dates,
                        time=st.times(),
                        kind=st.sampled_from(MeetingKind),
                        note=text,
                    ),
                    max_size=3,
                )
            ),
            "wrap_items": draw(
                st.lists(
                    st.builds(WrapItem, kind=st.sampled_from(WrapItemKind), text=text, owner=text),
                    max_size=3,
                )
            ),
            **_timing_fields(draw),
        }
    )


def _timing_fields(draw: st.DrawFn) -> dict:
    recorded = draw(timings())
    if not recorded:
        return {}
    return {"timings": recorded, "break_seconds": draw(seconds), "paused_seconds": draw(seconds)}
