"""Hypothesis strategies for workshops with arbitrary text (any Unicode but surrogates)."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from workshop.domain import (
    GoalType,
    KeyResult,
    KeyResultKind,
    Meeting,
    MeetingKind,
    Objective,
    Priority,
    Workshop,
    WrapItem,
    WrapItemKind,
)

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
                priority_index=st.none() | st.integers(0, max(len(priorities) - 1, 0)),
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
                st.none() | st.datetimes(timezones=st.just(dt.UTC), allow_imaginary=False)
            ),
            "meetings": draw(
                st.lists(
                    st.builds(
                        Meeting,
                        date=st.dates(),
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
            "break_seconds": draw(st.floats(0, 1e6)),
        }
    )
