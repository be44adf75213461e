"""The coach against the third set of published OKRs (issue 3): blind for round 3,
development data from round 4.

tests/coach/data/published_blind3.json holds 146 objectives and key results that real
organisations published as their own: the Mozilla Foundation and the Wikimedia Foundation
(non-profits), Mozilla Corporation's Participation team and Reps program and Countable
(companies), and the US Department of Veterans Affairs and the Canadian Digital Service
(public bodies). None of these sources is in the two earlier sets. Each statement was copied
verbatim, labelled good or poor by hand with a one-line reason (the principle is in the
file's "about"), and the file was committed (92a5d58) before the coach was ever run on it.

Blind, it measured 83.6% (122/146) with the rules before round 3 (a1e702a) and 82.2%
(120/146) with the round-3 rules (6bf81ed): round 3 lifted the sets it was developed on and
not this one. Its misses were then read and round 4 was developed with it as one of four
development sets (each change had to help more than one set or be right by OKR principle,
with unit tests on new sentences): 95.2% (139/146). That is a development figure, not a
blind one; the fourth blind set (test_blind4.py) measures round 4. Round 5 left it at
139/146. Round 6 removed special cases that paid for one statement each and made two
measured targets in one key result advice: 94.5% (138/146). The floor is the number
measured, so a change that loses agreement here fails.
"""

from __future__ import annotations

from tests.coach.published_sets import rows_and_misses
from tests.coach.published_sets import statements as _statements
from tests.coach.test_agreement import agreement


def test_third_blind_set_has_the_promised_shape() -> None:
    statements = _statements("published_blind3.json")
    assert len(statements) >= 90
    assert all(s["source"].startswith("https://") for s in statements)
    assert {s["label"] for s in statements} == {"good", "poor"}
    assert {s["kind"] for s in statements} == {"objective", "key_result"}
    assert len({s["org_type"] for s in statements}) >= 3
    assert all(s["reason"].strip() for s in statements)
    # kr_kind leaked the label in blind2; this set judges plain strings only.
    assert not any("kr_kind" in s for s in statements)
    texts = [s["text"] for s in statements]
    assert len(texts) == len(set(texts))
    earlier = {
        s["text"] for name in ("published.json", "published_blind2.json") for s in _statements(name)
    }
    assert not earlier & set(texts)


def test_agreement_on_third_blind_set() -> None:
    rows, misses = rows_and_misses("published_blind3.json")
    assert agreement(rows) >= 138 / 146, misses
