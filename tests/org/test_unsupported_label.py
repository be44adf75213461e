"""The company key results no team supports are named as the view numbers them: KR 2.3.

Seen in the alignment view of three teams (helper v19): the list read "Objective 2:
Open the Bergen hub by 30 June", as if the key result's words were objective 2's.
"""

from __future__ import annotations

from workshop.core.org.alignment import (
    CompanyKeyResult,
    CompanyObjective,
    Organisation,
    Team,
    TeamObjective,
    align,
)
from workshop.core.org.export import html, markdown

COMPANY = (
    CompanyObjective(1, "Deliver on the promised day", (CompanyKeyResult(11, "On time 97%"),)),
    CompanyObjective(
        2,
        "Grow in the Nordics",
        (
            CompanyKeyResult(21, "Revenue to 100"),
            CompanyKeyResult(22, "Sign 40 customers"),
            CompanyKeyResult(23, "Open the Bergen hub"),
        ),
    ),
)


def test_an_unsupported_key_result_is_named_kr_objective_dot_number():
    sales = Team(
        1, "Sales", objectives=(TeamObjective(101, "Win customers", company_key_result_id=22),)
    )
    organisation = Organisation(
        company_id=100, name="Fjordline", period="2027-Q1", objectives=COMPANY, teams=(sales,)
    )
    alignment = align(organisation)
    assert [(g.label, g.key_result.text) for g in alignment.unsupported] == [
        ("KR 1.1", "On time 97%"),
        ("KR 2.1", "Revenue to 100"),
        ("KR 2.3", "Open the Bergen hub"),
    ]
    assert "- KR 2.3 Open the Bergen hub" in markdown(alignment)
    assert "<li>KR 2.3 Open the Bergen hub</li>" in html(alignment)
    assert "Objective 2: Open" not in markdown(alignment) + html(alignment)
