"""How far two labellers agree, and how the coach does where they agree (issue 3).

tests/coach/data/second_labels.json is a second labelling of the third to sixth published
sets, made by labellers who saw only the statements (shuffled, with kind, period,
organisation type and source), not the first labels, their reasons, the coach or its
output. The two labellings agree on 98.6% of the third set (144/146), 89.4% of the fourth
(101/113), 93.8% of the fifth (91/97) and 93.0% of the sixth (66/71). All labellers are
agents working from the same written labelling principle, so this is an upper bound on how
far independent human experts would agree.

Where they disagree the statement is a judgement call (coverage key results such as
"Review and assess 100% of X", a first draft published, two targets in one key result); the
coach is not tuned toward either labeller there. Where they agree, the coach's agreement
is held at the number measured after round 6: 136/144 (94.4%) on the third set, a
development set since round 4 (137/144 after round 5), and 84/101 (83.2%) on the fourth, a
development set since round 5 (86/101 after round 5, 77/101 with the round-4 rules). Round 6
removed special cases that paid for one statement each; see docs/coach.md.

The fifth and sixth sets were each blind when first measured. The fifth: 80/91 (87.9%) of
the agreed statements with the round-5 rules, measured once before round 6 read its misses
(81/91 after). The sixth, blind for round 6: 53/66 (80.3%) with both the round-5 and the
round-6 rules.
"""

from __future__ import annotations

import json

import pytest

from tests.coach.published_sets import DATA, statements
from tests.coach.test_agreement import agreement, predict

SETS = {
    "blind3": "published_blind3.json",
    "blind4": "published_blind4.json",
    "blind5": "published_blind5.json",
    "blind6": "published_blind6.json",
}


def _statements(key: str) -> list[dict[str, str]]:
    return statements(SETS[key])


def _second(key: str) -> list[str]:
    labels = json.loads((DATA / "second_labels.json").read_text())["labels"]
    return [labels[f"{key}-{i}"]["label"] for i in range(len(_statements(key)))]


@pytest.mark.parametrize(
    ("key", "agreed", "total"),
    [("blind3", 144, 146), ("blind4", 101, 113), ("blind5", 91, 97), ("blind6", 66, 71)],
)
def test_two_labellers_agree_as_stated(key: str, agreed: int, total: int) -> None:
    first = [s["label"] for s in _statements(key)]
    second = _second(key)
    assert len(second) == len(first) == total
    assert set(second) == {"good", "poor"}
    assert sum(a == b for a, b in zip(first, second, strict=True)) == agreed


@pytest.mark.parametrize(
    ("key", "floor", "agreed"),
    [("blind3", 136, 144), ("blind4", 84, 101), ("blind5", 81, 91), ("blind6", 53, 66)],
)
def test_coach_on_statements_both_labellers_agree_on(key: str, floor: int, agreed: int) -> None:
    both = [
        s for s, second in zip(_statements(key), _second(key), strict=True) if s["label"] == second
    ]
    assert len(both) == agreed
    rows = [(predict(s["kind"], s["text"], period=s["period"]), s["label"]) for s in both]
    misses = [s["text"] for s, (p, label) in zip(both, rows, strict=True) if p != label]
    assert agreement(rows) >= floor / agreed, misses


def test_coach_against_the_second_labeller_on_the_last_blind_set() -> None:
    """The sixth set was blind for round 6: 58/71 (81.7%) against the second labeller, as
    with the round-5 rules; 53/71 (74.6%) against the first (test_blind6.py)."""
    statements = _statements("blind6")
    rows = [
        (predict(s["kind"], s["text"], period=s["period"]), second)
        for s, second in zip(statements, _second("blind6"), strict=True)
    ]
    assert agreement(rows) >= 58 / 71
