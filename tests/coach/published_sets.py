"""Shared reading and shape checks for the blind sets of published OKRs."""

from __future__ import annotations

import json
from pathlib import Path

from tests.coach.test_agreement import predict

DATA = Path(__file__).parent / "data"


def statements(name: str) -> list[dict[str, str]]:
    loaded: list[dict[str, str]] = json.loads((DATA / name).read_text())["statements"]
    return loaded


def statements_of(names: tuple[str, ...]) -> list[dict[str, str]]:
    return [s for name in names for s in statements(name)]


def check_shape(name: str, earlier: tuple[str, ...], *, at_least: int, max_share: float) -> None:
    """Labelled, every kind of organisation, no source dominating, nothing seen before."""
    new = statements(name)
    assert len(new) >= at_least
    assert all(s["source"].startswith(("https://", "http://")) for s in new)
    assert {s["label"] for s in new} == {"good", "poor"}
    assert {s["kind"] for s in new} == {"objective", "key_result"}
    assert {s["org_type"] for s in new} == {"company", "open_source", "non_profit", "public"}
    per_source: dict[str, int] = {}
    for s in new:
        per_source[s["source"]] = per_source.get(s["source"], 0) + 1
    assert max(per_source.values()) <= max_share * len(new)
    assert all(s["reason"].strip() for s in new)
    assert not any("kr_kind" in s for s in new)  # it would leak the label
    texts = [s["text"] for s in new]
    assert len(texts) == len(set(texts))
    seen = statements_of(earlier)
    assert not {s["text"] for s in seen} & set(texts)
    assert not {s["source"] for s in seen} & set(per_source)


def rows_and_misses(name: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(verdict, label) per statement, judged as plain pasted strings with the period."""
    judged = statements(name)
    rows = [(predict(s["kind"], s["text"], period=s["period"]), s["label"]) for s in judged]
    misses = [s["text"] for s, (p, label) in zip(judged, rows, strict=True) if p != label]
    return rows, misses
