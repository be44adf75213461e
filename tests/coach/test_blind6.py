"""The coach against a sixth blind set of published OKRs (issue 3), a partial one.

tests/coach/data/published_blind6.json holds 71 objectives and key results (34 objectives,
37 key results) that real organisations published as their own, from six organisations none
of which is in the five earlier sets: the City of Syracuse, NY (public; the four objectives
and ten key results of its performance dashboard, 14), Dallas County, Texas (public; the
first four of its ten FY2021 objectives, all the stored page shows), Hypha Worker
Co-operative (company; its working groups' 2020 objectives, 18), Open edX (open source; the
Distinguished Contributor Program OKRs, 15), the Stacks Foundation (non-profit; Q4 2021, 5)
and PostHog (company; the customer success team's objective and goals, 15). It is short of
the 110 statements asked for: within the time given the search tools found few published
OKR sources not already in the older sets. Hypha, at 18 statements (25%), is above the
hoped-for 20%. The statements were found with the search tools (pages and code corpora),
whole sections copied word for word (labels, markdown, owner names and cross-cut notes
stripped, as the file's "about" says), not picked by label, and each was labelled good or
poor by hand with a one-line reason. The file was committed (1142984) before the coach was
ever run on it.

It was then measured once in a separate checkout, with the rules as they were at 4c0f73a
(before the sixth round of rule changes): 74.6% (53/71). By kind: objectives 23/34, key
results 30/37. By organisation type: company 24/33, non-profit 5/5, open source 9/15,
public 15/18. By label: good 41/47, poor 12/24; most misses are tasks and activities the
coach took for good (talks at events, plans, internal processes) and noun-phrase or
"grow and retain" objectives it took for poor. The lead then measured the sixth-round
rules (0dca3a4) on it once, changing nothing afterwards: 74.6% (53/71) again. A second
labeller (tests/coach/data/second_labels.json) agrees with these labels on 66/71; the coach
agrees with the second labeller on 58/71 (81.7%) and with both where they agree on 53/66
(80.3%), see test_second_labeller.py. The floor is 53/71. Do not tune the rules on this set: once it is
used for development it stops being blind, like the five before it.
"""

from __future__ import annotations

from tests.coach.published_sets import check_shape, rows_and_misses
from tests.coach.test_agreement import agreement

EARLIER = (
    "published.json",
    "published_blind2.json",
    "published_blind3.json",
    "published_blind4.json",
    "published_blind5.json",
)


def test_sixth_blind_set_has_the_promised_shape() -> None:
    # No source above about a quarter of the set (Hypha's 18 of 71 is the largest).
    check_shape("published_blind6.json", EARLIER, at_least=70, max_share=0.26)


def test_agreement_on_sixth_blind_set() -> None:
    rows, misses = rows_and_misses("published_blind6.json")
    assert agreement(rows) >= 53 / 71, misses
