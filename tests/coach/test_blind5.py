"""The coach against the fifth set of published OKRs (issue 3): blind for round 5 (84.5%),
development data from round 6.

tests/coach/data/published_blind5.json holds 97 objectives and key results (25 objectives,
72 key results) that real organisations published as their own, from six sources none of
which is in the four earlier sets: Hack Club, a non-profit (2017 Q4 and Q3, 21 statements);
Microsoft Healthcare's "Team Madison", a company team (draft 2019 OKRs, 22); the Chromium
Layout Team, open source (2015 Q4, 21); PeerPad, an open-source IPFS Shipyard project (15);
and two public bodies, Princeton Public Library (its 2017 plan, 12) and the City of College
Park, Maryland (six FY22 objectives). No organisation has more than 22 statements. They were
found with the search tools (code and pages corpora), whole sections copied word for word
(markdown, owner names, priority tags and scores stripped, as the file's "about" says), not
picked by label, and each was labelled good or poor by hand with a one-line reason. The file
was committed (e42c288) before the coach was ever run on it.

It was then measured once in a separate checkout, with the rules as they were at 0fdc3db
(before the fifth round of rule changes): 84.5% (82/97). By kind: objectives 19/25, key
results 63/72. By organisation type: company 20/22, non-profit 15/21, open source 31/36,
public 16/18. By label: good 58/67, poor 24/30. The lead then measured the fifth-round
rules (8329036) on it once, changing nothing afterwards: 84.5% (82/97) again, the same 15
misses. That is the blind figure for round 5. Round 6 used it as one of six development
sets (ablation of special cases, docs/coach.md): 85.6% (83/97), a development figure; the
sixth blind set measures round 6. The floor is the number measured, so a change that loses
agreement here fails.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.coach.test_agreement import agreement, predict

DATA = Path(__file__).parent / "data"
EARLIER = (
    "published.json",
    "published_blind2.json",
    "published_blind3.json",
    "published_blind4.json",
)


def _statements(name: str) -> list[dict[str, str]]:
    statements: list[dict[str, str]] = json.loads((DATA / name).read_text())["statements"]
    return statements


def test_fifth_blind_set_has_the_promised_shape() -> None:
    statements = _statements("published_blind5.json")
    assert len(statements) >= 90
    assert all(s["source"].startswith("https://") for s in statements)
    assert {s["label"] for s in statements} == {"good", "poor"}
    assert {s["kind"] for s in statements} == {"objective", "key_result"}
    # All four kinds of organisation, none dominating the set.
    assert {s["org_type"] for s in statements} == {"company", "open_source", "non_profit", "public"}
    per_source: dict[str, int] = {}
    for s in statements:
        per_source[s["source"]] = per_source.get(s["source"], 0) + 1
    assert max(per_source.values()) * 4 <= len(statements)
    assert all(s["reason"].strip() for s in statements)
    assert not any("kr_kind" in s for s in statements)
    texts = [s["text"] for s in statements]
    assert len(texts) == len(set(texts))
    earlier = _statements_of(EARLIER)
    assert not {s["text"] for s in earlier} & set(texts)
    assert not {s["source"] for s in earlier} & set(per_source)


def _statements_of(names: tuple[str, ...]) -> list[dict[str, str]]:
    return [s for name in names for s in _statements(name)]


def test_agreement_on_fifth_blind_set() -> None:
    statements = _statements("published_blind5.json")
    # Plain strings, as pasted, with the OKR period: the same judging as the other sets.
    rows = [(predict(s["kind"], s["text"], period=s["period"]), s["label"]) for s in statements]
    misses = [s["text"] for s, (p, label) in zip(statements, rows, strict=True) if p != label]
    assert agreement(rows) >= 83 / 97, misses
