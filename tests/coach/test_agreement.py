"""How often the coach agrees with human labels: the labelled set and the held-out set.

The labelled set (tests/coach/labeled.py) is the one the rules were tuned on. The
held-out set (tests/coach/data/published.json) holds real published OKRs, labelled before
the coach was run on them and never used for tuning; its floor is the measured number.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.coach.labeled import LABELED, Labeled
from workshop.coach import judge_key_result, judge_objective, verdict
from workshop.domain import KeyResult, KeyResultKind

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
    """Measured: 100% (140/140); tuned on this set. The floor leaves room for new rows."""
    rows = _labeled_rows(LABELED)
    misses = [x.text for x, (p, label) in zip(LABELED, rows, strict=True) if p != label]
    assert agreement(rows) >= 0.95, misses


def test_agreement_on_published_held_out_set() -> None:
    """Measured: 80.8% (63/78) on the first and only blind run; the floor is that number.

    The goal was 85%. The misses are listed in docs/coach.md; rules were not tuned on them.
    """
    statements = json.loads((DATA / "published.json").read_text())["statements"]
    assert len(statements) >= 40
    assert all(s["source"].startswith("https://") for s in statements)
    rows = [(predict(s["kind"], s["text"], period=s["period"]), s["label"]) for s in statements]
    assert agreement(rows) >= 0.80
