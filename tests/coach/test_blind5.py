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

from tests.coach.published_sets import check_shape, rows_and_misses
from tests.coach.test_agreement import agreement

EARLIER = (
    "published.json",
    "published_blind2.json",
    "published_blind3.json",
    "published_blind4.json",
)


def test_fifth_blind_set_has_the_promised_shape() -> None:
    check_shape("published_blind5.json", EARLIER, at_least=90, max_share=0.25)


def test_agreement_on_fifth_blind_set() -> None:
    rows, misses = rows_and_misses("published_blind5.json")
    assert agreement(rows) >= 83 / 97, misses
