"""How often the coach agrees with human labels, on three sets.

- tests/coach/labeled.py: written for tuning; the rules were tuned on it.
- tests/coach/data/published.json: real published OKRs. Held out for the first version of
  the rules (80.8% on its only blind run), then used as a development set for the second.
- tests/coach/data/published_blind2.json: real published OKRs from other sources, labelled
  and committed before the coach was run on them, measured blind twice (64.8%, then 72.7%
  after the second round). Its misses were then read, so from the third round on it is
  development data too, not a measure of new text; the third blind set, labelled by someone
  else, was that measure for the third round (see test_blind3.py), and is development data
  from the fourth round on; the fourth (test_blind4.py) from the fifth round on.

Each floor is the number measured, so a change that loses agreement fails here.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.coach.labeled import LABELED, Labeled
from workshop.core.coach import judge_key_result, judge_objective, verdict
from workshop.core.domain import KeyResult, KeyResultKind

DATA = Path(__file__).parent / "data"


def predict(kind: str, text: str, kr_kind: str = "", period: str = "") -> str:
    if kind == "objective":
        return verdict(judge_objective(text))
    kr: KeyResult | str = text
    if kr_kind:
        kr = KeyResult(text=text, kind=KeyResultKind(kr_kind))
    return verdict(judge_key_result(kr, period=period))


def agreement(rows: list[tuple[str, str]]) -> float:
    return sum(p == label for p, label in rows) / len(rows)


def _labeled_rows(items: list[Labeled]) -> list[tuple[str, str]]:
    return [(predict(x.kind, x.text, x.kr_kind, x.period), x.label) for x in items]


def test_labeled_set_is_big_and_balanced() -> None:
    assert len(LABELED) >= 120
    goods = sum(x.label == "good" for x in LABELED)
    assert 0.35 < goods / len(LABELED) < 0.65
    assert {x.kind for x in LABELED} == {"objective", "key_result"}


def test_agreement_on_labeled_set() -> None:
    """Measured: 100% (140/140) after rounds 1-5; tuned on this set. Round 6 made two measured
    targets in one key result advice, not serious (real published key results written that
    way were labelled good 3 times of 3), so the two entries labelled poor under the old rule
    ("Reduce churn ... and raise NPS ...", "Increase revenue ... and hire 5 ...") now pass:
    138/140."""
    rows = _labeled_rows(LABELED)
    misses = [x.text for x, (p, label) in zip(LABELED, rows, strict=True) if p != label]
    assert agreement(rows) >= 138 / 140, misses


def _published(name: str) -> list[dict[str, str]]:
    statements: list[dict[str, str]] = json.loads((DATA / name).read_text())["statements"]
    assert all(s["source"].startswith("https://") for s in statements)
    assert {s["label"] for s in statements} == {"good", "poor"}
    assert {s["kind"] for s in statements} == {"objective", "key_result"}
    return statements


def _published_rows(statements: list[dict[str, str]]) -> list[tuple[str, str]]:
    # Plain strings, as pasted: the kind a person would pick is not used.
    return [(predict(s["kind"], s["text"], period=s["period"]), s["label"]) for s in statements]


def test_agreement_on_published_development_set() -> None:
    """Measured: 80.8% (63/78) blind with the first rules; 97.4% (76/78) after the second
    round, which was developed on this set, and still 97.4% after the third (clause reading)
    the fourth and the fifth, so it says little about new text. Round 6 removed special cases
    that paid for one statement each (ablation, docs/coach.md): 96.2% (75/78)."""
    statements = _published("published.json")
    assert len(statements) >= 40
    assert agreement(_published_rows(statements)) >= 75 / 78


def test_agreement_on_second_blind_set() -> None:
    """Blind: 64.8% (57/88) before the second round, 72.7% (64/88) after it. Then its misses
    were read and the third round (clause reading) was developed with it as a development
    set: 95.5% (84/88), which is no longer a blind figure; the same after the fourth and fifth.
    Round 6 removed special cases that paid for one statement each: 89.8% (79/88)."""
    statements = _published("published_blind2.json")
    assert len(statements) >= 60
    first = {s["text"] for s in _published("published.json")}
    assert not first & {s["text"] for s in statements}
    assert agreement(_published_rows(statements)) >= 79 / 88
