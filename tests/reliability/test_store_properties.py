"""Property: any workshop, whatever its text, comes back from the store exactly as it went in.

Text is any Unicode but surrogates (which have no UTF-8 form): NUL, every
control character, escape sequences, right-to-left marks, emoji, and now and
then a field of up to 10,000 characters. The JSON/CSV round trips live in
tests/exports/; this is the database alone.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop.core.db.store import MAX_FIELD_CHARS, Store
from workshop.core.domain import (
    Approach,
    CascadeModel,
    GoalType,
    KeyResult,
    KeyResultKind,
    Meeting,
    MeetingKind,
    NSAnswer,
    NSTest,
    Objective,
    ParentKeyResult,
    ParentObjective,
    Priority,
    Variation,
    Workshop,
    WrapItem,
    WrapItemKind,
)

ANY_CHAR = st.characters(exclude_categories=("Cs",))
HOSTILE = st.sampled_from(
    [
        "\x00",
        "\x1b[2J",
        "\x1b]0;pwned\x07",
        "\r",
        "\u202e",
        "\u200f",
        "👩🏽‍💻",
        "e\u0301",
        "\x9b",
        "'",
        "%",
    ]
)
short_text = st.text(ANY_CHAR, max_size=12)
mixed = st.lists(st.one_of(short_text, HOSTILE), max_size=4).map("".join)
# A run of one character, up to 10,000 long: the long-field case without slow generation.
long_text = st.builds(lambda c, n: c * n, ANY_CHAR, st.integers(1_000, 10_000))
text = st.one_of(mixed, mixed, mixed, long_text, st.just("x" * MAX_FIELD_CHARS))
# The datetime columns keep UTC; the domain hands them back as aware UTC.
moments = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=st.just(dt.UTC)
)


@st.composite
def workshops(draw: st.DrawFn) -> Workshop:
    small = {"max_size": 3}
    parents = draw(
        st.lists(
            st.builds(
                ParentObjective,
                text=text,
                key_results=st.lists(st.builds(ParentKeyResult, text=text), **small),
            ),
            **small,
        )
    )
    refs = [f"{o}.{k}" for o, p in enumerate(parents) for k in range(len(p.key_results))]
    priorities = draw(
        st.lists(st.builds(Priority, text=text, whys=st.lists(text, **small)), **small)
    )
    key_results = st.builds(
        KeyResult,
        text=text,
        kind=st.sampled_from(KeyResultKind),
        start=text,
        target=text,
        unit=text,
        owner=text,
    )
    ns_tests = st.one_of(
        st.just(NSTest()),
        st.builds(
            NSTest,
            run=st.integers(1, 5),
            answers=st.lists(
                st.builds(
                    NSAnswer,
                    key_result_index=st.none() | st.integers(0, 3),
                    answer=st.booleans(),
                    note=text,
                ),
                **small,
            ),
            completed_at=st.none() | moments,
        ),
    )
    objectives = draw(
        st.lists(
            st.builds(
                Objective,
                text=text,
                goal_type=st.sampled_from(GoalType),
                priority_index=st.none()
                | (st.integers(0, len(priorities) - 1) if priorities else st.none()),
                parent_ref=st.none() | (st.sampled_from(refs) if refs else st.none()),
                key_results=st.lists(key_results, max_size=4),
                variations=st.lists(st.builds(Variation, text=text, chosen=st.booleans()), **small),
                ns_test=ns_tests,
            ),
            max_size=3,
        )
    )
    return Workshop(
        team=draw(text),
        period=draw(text),
        facilitator=draw(text),
        champion=draw(text),
        participants=draw(st.lists(text, max_size=5)),
        approach=draw(st.sampled_from(Approach)),
        cascade_model=draw(st.none() | st.sampled_from(CascadeModel)),
        timezone=draw(text),
        created_at=draw(moments),
        current_stage=draw(st.integers(0, 6)),
        parent_objectives=parents,
        priorities=priorities,
        objectives=objectives,
        meetings=draw(
            st.lists(
                st.builds(
                    Meeting,
                    date=st.dates(),
                    time=st.times(),
                    kind=st.sampled_from(MeetingKind),
                    note=text,
                ),
                **small,
            )
        ),
        wrap_items=draw(
            st.lists(
                st.builds(WrapItem, kind=st.sampled_from(WrapItemKind), text=text, owner=text),
                **small,
            )
        ),
        follow_up=draw(st.none() | moments),
        follow_up_note=draw(text),
    )


def without_ids(value):
    if isinstance(value, dict):
        return {k: without_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [without_ids(v) for v in value]
    return value


STORE = Store.open("sqlite://")  # one in-memory store for every example: fast


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workshops())
def test_any_workshop_survives_the_store_exactly(workshop):
    workshop_id = STORE.import_workshop(workshop)
    loaded = STORE.load(workshop_id)
    assert loaded.id == workshop_id
    assert without_ids(loaded.model_dump()) == without_ids(workshop.model_dump())


@settings(max_examples=40, deadline=None)
@given(team=text, priority=text, why=text)
def test_any_text_survives_field_by_field_writes(team, priority, why):
    """The autosave path (update / save_edits) keeps text verbatim too."""
    from workshop.core.db.store import Item

    workshop_id = STORE.create_workshop()
    priority_id = STORE.add(Item.PRIORITY, workshop_id, text="")
    why_id = STORE.add(Item.WHY, priority_id, text="")
    STORE.update_workshop(workshop_id, team=team)
    STORE.save_edits(
        {("priority", priority_id): {"text": priority}, ("why", why_id): {"text": why}}
    )
    loaded = STORE.load(workshop_id)
    assert (loaded.team, loaded.priorities[0].text, loaded.priorities[0].whys) == (
        team,
        priority,
        [why],
    )
