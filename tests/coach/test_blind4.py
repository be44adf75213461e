"""The coach against the fourth set of published OKRs, mostly companies (issue 3): blind for
round 4 (72.6%), development data from round 5.

tests/coach/data/published_blind4.json holds 113 objectives and key results that real
organisations published as their own. Companies make up 58 of them: MayaData (an engineering
lead's Q2 2019 OKRs), Jsgenesis, the company behind Joystream (Q1 2019), and the Philadelphia
Inquirer's data engineering team (CY22-Q2). Public bodies make up 35: the SciLifeLab Data
Centre's 2024 OKRs and two North Dakota IT architecture teams (2022-Q1). The other 20 come from
Set Match Games, a small open-source game project (2020). No organisation has more than 23
statements, and none of these sources is in the three earlier sets. There is no non-profit
in this set. Whole sections were copied word for word, not picked by label. Each statement
was labelled good or poor by hand with a one-line reason (the principle is in the file's
"about"). The file was committed (63385ba) before the coach was ever run on it.

It was then measured once in a separate checkout, with the rules as they were at 6bf81ed
(before the fourth round of rule changes): 70.8% (80/113). By kind: objectives 22/31, key
results 58/82. By organisation type: company 48/58, public 17/35, open source 15/20. By
label: good 58/79, poor 22/34. After the fourth round (d515257) it was measured once more,
by the lead, without changing anything afterwards: 72.6% (82/113); objectives 21/31, key
results 61/82; company 49/58, public 18/35, open source 15/20; good 61/79, poor 21/34. That is
the blind figure for round 4.

Round 5 then read its misses on which both labellers agree (tests/coach/data/
second_labels.json; see test_second_labeller.py) and was developed with it as one of five
development sets, by principles 5, 16 and 17 in docs/coach.md and a leading-dot decimal
(".5"), with unit tests on new sentences: 80.5% (91/113); objectives 24/31, key results
67/82; company 49/58, public 23/35, open source 19/20; good 65/79, poor 26/34. That is a
development figure, not a blind one; the fifth blind set measures round 5. Round 6 removed
special cases that paid for one statement each: 78.8% (89/113). The floor is the number
measured, so a change that loses agreement here fails.
"""

from __future__ import annotations

from tests.coach.published_sets import rows_and_misses
from tests.coach.published_sets import statements as _statements
from tests.coach.test_agreement import agreement

EARLIER = ("published.json", "published_blind2.json", "published_blind3.json")


def test_fourth_blind_set_has_the_promised_shape() -> None:
    statements = _statements("published_blind4.json")
    assert len(statements) >= 90
    assert all(s["source"].startswith("https://") for s in statements)
    assert {s["label"] for s in statements} == {"good", "poor"}
    assert {s["kind"] for s in statements} == {"objective", "key_result"}
    assert len({s["org_type"] for s in statements}) >= 3
    # Mostly companies: the kind of text the coach did worst on in the third set.
    assert sum(s["org_type"] == "company" for s in statements) * 2 >= len(statements)
    assert all(s["reason"].strip() for s in statements)
    assert not any("kr_kind" in s for s in statements)
    texts = [s["text"] for s in statements]
    assert len(texts) == len(set(texts))
    earlier = {s["text"] for name in EARLIER for s in _statements(name)}
    assert not earlier & set(texts)


def test_agreement_on_fourth_blind_set() -> None:
    rows, misses = rows_and_misses("published_blind4.json")
    assert agreement(rows) >= 89 / 113, misses
