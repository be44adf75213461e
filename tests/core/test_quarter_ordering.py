"""Check-in order: lowest confidence first, then least progress, then the written order."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.core.domain import KeyResult, KeyResultKind, Objective, Workshop
from workshop.core.okr.checkins import CheckInLog
from workshop.core.okr.ordering import DiscussionItem, discussion_items, discussion_order


def item(o: int, k: int, confidence: int | None, progress: float | None) -> DiscussionItem:
    return DiscussionItem(o, k, confidence, progress)


def refs(items: list[DiscussionItem]) -> list[tuple[int, int]]:
    return [(i.objective_index, i.key_result_index) for i in items]


def test_lowest_confidence_then_least_progress_then_written_order() -> None:
    items = [
        item(0, 0, 8, 0.1),
        item(0, 1, 3, 0.9),
        item(0, 2, 3, 0.2),
        item(1, 0, 8, 0.1),
        item(1, 1, 6, 0.5),
    ]
    assert refs(discussion_order(items)) == [(0, 2), (0, 1), (1, 1), (0, 0), (1, 0)]


def test_no_check_in_counts_as_confidence_5_and_unknown_progress_comes_first() -> None:
    items = [item(0, 0, 5, 0.0), item(0, 1, None, 0.3), item(0, 2, 5, None), item(0, 3, 4, 1.0)]
    assert refs(discussion_order(items)) == [(0, 3), (0, 2), (0, 0), (0, 1)]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.none() | st.integers(0, 10), st.none() | st.floats(0, 1)),
        max_size=12,
    )
)
def test_the_order_is_sorted_and_stable(rows: list[tuple[int | None, float | None]]) -> None:
    items = [item(0, k, c, p) for k, (c, p) in enumerate(rows)]
    ordered = discussion_order(items)
    assert sorted(refs(ordered)) == refs(items)  # a permutation
    keys = [
        (
            5 if i.confidence is None else i.confidence,
            -1.0 if i.progress is None else i.progress,
            i.key_result_index,
        )
        for i in ordered
    ]
    assert keys == sorted(keys)


def test_items_from_a_workshop_and_its_check_ins() -> None:
    workshop = Workshop(
        period="2027-Q1",
        objectives=[
            Objective(
                text="Win back at-risk customers",
                key_results=[
                    KeyResult(text="Cut response time", start="72 hours", target="24 hours"),
                    KeyResult(text="Ship the plan", kind=KeyResultKind.MILESTONE),
                    KeyResult(text="Raise NPS", start="7", target="TBD"),
                ],
            ),
            Objective(text="Grow", key_results=[KeyResult(start="40%", target="65%")]),
        ],
    )
    day = dt.date(2027, 2, 9)
    log = CheckInLog()
    log = log.record(workshop, 0, 0, date=day, entered_by="N", value="48 hours", confidence=4)
    log = log.record(workshop, 0, 1, date=day, entered_by="J", value="done", confidence=9)
    log = log.record(workshop, 1, 0, date=day, entered_by="O", value="45%", confidence=4)
    items = discussion_items(workshop, log)
    assert items == [
        item(0, 0, 4, 0.5),
        item(0, 1, 9, 1.0),
        item(0, 2, None, None),
        item(1, 0, 4, 0.2),
    ]
    assert refs(discussion_order(items)) == [(1, 0), (0, 0), (0, 2), (0, 1)]
