"""The alignment view's logic and its Markdown and PDF, without any UI.

The pure logic is tested on hand-made organisations; the organisation is also
read back from a store, on SQLite and on PostgreSQL (the database pair).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.org.sample import build_organisation
from workshop.core.db.errors import open_store
from workshop.core.db.store import Item
from workshop.core.org.alignment import (
    CompanyKeyResult,
    CompanyObjective,
    Organisation,
    Team,
    TeamObjective,
    align,
)
from workshop.core.org.export import UNALIGNED_NOTE, markdown, write
from workshop.core.org.rows import companies, load_company_okrs, load_organisation

KR_A, KR_B, KR_C = (
    CompanyKeyResult(11, "KR A"),
    CompanyKeyResult(12, "KR B"),
    CompanyKeyResult(13, "KR C"),
)
COMPANY = (
    CompanyObjective(1, "Objective one", (KR_A, KR_B)),
    CompanyObjective(2, "Objective two", (KR_C,)),
)


def org(*teams: Team) -> Organisation:
    return Organisation(
        company_id=100, name="Acme", period="2027-Q1", objectives=COMPANY, teams=teams
    )


def test_team_objectives_are_grouped_under_what_they_serve_by_team():
    red = Team(
        1,
        "Red",
        cascade_model="duality",
        objectives=(
            TeamObjective(101, "red serves A", company_key_result_id=11),
            TeamObjective(102, "red serves objective two", company_objective_id=2),
        ),
    )
    blue = Team(
        2,
        "Blue",
        cascade_model="flexible",
        objectives=(TeamObjective(201, "blue serves A", company_key_result_id=11),),
    )
    result = align(org(red, blue))
    first, second = result.objectives
    kr_a, kr_b = first.key_results
    assert [(g.team.name, [o.text for o in g.objectives]) for g in kr_a.serving] == [
        ("Red", ["red serves A"]),
        ("Blue", ["blue serves A"]),
    ]
    assert kr_a.serving[0].team.cascade_model == "duality"
    assert kr_b.serving == ()
    assert [o.text for g in second.serving for o in g.objectives] == ["red serves objective two"]
    assert second.key_results[0].serving == ()


def test_the_company_key_results_no_team_supports_are_listed_in_order():
    red = Team(1, "Red", objectives=(TeamObjective(101, "x", company_key_result_id=12),))
    result = align(org(red))
    assert [(g.objective_number, g.key_result.text) for g in result.unsupported] == [
        (1, "KR A"),
        (2, "KR C"),
    ]
    # Serving a company objective as a whole does not count as supporting its key results.
    only_objective = Team(1, "Red", objectives=(TeamObjective(101, "x", company_objective_id=2),))
    assert [g.key_result.text for g in align(org(only_objective)).unsupported] == [
        "KR A",
        "KR B",
        "KR C",
    ]


def test_objectives_aligned_to_nothing_are_shown_by_team_and_counted_not_flagged():
    green = Team(
        3,
        "Green",
        approach="bottom-up",
        cascade_model="bottom-up",
        objectives=(
            TeamObjective(301, "our own"),
            TeamObjective(302, "serves C", company_key_result_id=13),
            TeamObjective(303, "another of our own", goal_type="aspirational"),
        ),
    )
    result = align(org(green))
    assert [(g.team.name, [o.text for o in g.objectives]) for g in result.unaligned] == [
        ("Green", ["our own", "another of our own"])
    ]
    assert [(t.team.name, t.aligned, t.unaligned) for t in result.teams] == [("Green", 1, 2)]
    text = markdown(result)
    assert "our own" in text and UNALIGNED_NOTE in text
    # Nothing in the view calls these wrong.
    own = text.split("## Team objectives of their own", 1)[1].lower()
    for word in ("wrong", "error", "missing", "fail", "warning", "⚠"):
        assert word not in own


def test_a_link_to_a_company_row_that_is_gone_counts_as_no_link():
    stale = Team(
        4,
        "Grey",
        objectives=(
            TeamObjective(401, "linked to a deleted key result", company_key_result_id=999),
            TeamObjective(402, "linked to a deleted objective", company_objective_id=998),
        ),
    )
    result = align(org(stale))
    assert result.stale_links == 2
    assert [o.text for g in result.unaligned for o in g.objectives] == [
        "linked to a deleted key result",
        "linked to a deleted objective",
    ]


def test_a_key_result_link_wins_over_an_objective_link_on_the_same_objective():
    both = Team(
        5,
        "Both",
        objectives=(TeamObjective(501, "both", company_objective_id=1, company_key_result_id=13),),
    )
    result = align(org(both))
    assert [o.text for g in result.objectives[1].key_results[0].serving for o in g.objectives] == [
        "both"
    ]
    assert result.objectives[0].serving == ()


def test_the_organisation_is_read_back_from_the_store(any_store):
    made = build_organisation(any_store)
    other = any_store.create_workshop(team="Unlinked team")  # not in the company
    any_store.add(Item.OBJECTIVE, other, text="not shown")
    organisation = load_organisation(any_store, made["company"])
    assert organisation.name == "Acme Group"
    assert [t.name for t in organisation.teams] == ["Growth", "Payments", "Platform"]
    assert [len(o.key_results) for o in organisation.objectives] == [2, 3]
    result = align(organisation)
    spain = result.objectives[1].key_results[0]
    assert [(g.team.name, g.team.cascade_model) for g in spain.serving] == [
        ("Growth", "flexible"),
        ("Payments", "duality"),
    ]
    assert [g.key_result.text for g in result.unsupported] == [
        "Reach 2 million euros of revenue outside Germany",
        "Sign 3 reseller partners in the Nordics",
    ]
    assert [(g.team.name, [o.text for o in g.objectives]) for g in result.unaligned] == [
        ("Platform", ["Halve our cloud bill so that we can afford to grow"])
    ]
    assert [(c.name, c.teams) for c in companies(any_store)] == [("Acme Group", 3)]
    assert [o.text for o in load_company_okrs(any_store, made["company"])] == list(
        __import__("tests.org.sample", fromlist=["COMPANY_OKRS"]).COMPANY_OKRS
    )


def test_company_text_edited_once_shows_in_every_team_link(any_store):
    """Linked by id, not copied: a change to the company's wording is seen everywhere."""
    made = build_organisation(any_store)
    kr = made["key_results"][1][0]
    any_store.update(Item.KEY_RESULT, kr, text="Open sales in Spain, Poland and Portugal")
    result = align(load_organisation(any_store, made["company"]))
    assert result.objectives[1].key_results[0].key_result.text == (
        "Open sales in Spain, Poland and Portugal"
    )
    assert len(result.objectives[1].key_results[0].serving) == 2


def test_markdown_and_pdf_of_three_teams(any_store, tmp_path):
    made = build_organisation(any_store)
    result = align(load_organisation(any_store, made["company"]))
    md = write(result, tmp_path / "alignment.md", "md").read_text(encoding="utf-8")
    assert md.startswith("# Alignment: Acme Group — 2027\\-Q1") or md.startswith(
        "# Alignment: Acme Group — 2027-Q1"
    )
    assert "### KR 2.1 Open sales in Spain and Poland by the end of March" in md
    assert "**Payments** (duality" in md and "**Platform** (bottom-up" in md
    pdf = write(result, tmp_path / "alignment.pdf", "pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in (
        "Acme Group",
        "Payments",
        "Growth",
        "Platform",
        "Company key results no team supports",
        "Sign 3 reseller partners in the Nordics",
        "Team objectives of their own",
        "Halve our cloud bill",
    ):
        assert expected in text, expected


def test_user_text_is_literal_in_markdown_and_html():
    hostile = Organisation(
        company_id=1,
        name="<b>Acme</b> *bold*",
        objectives=(CompanyObjective(1, "# not a heading\n<script>x</script>", ()),),
        teams=(Team(2, "[link](http://x)", objectives=(TeamObjective(3, "`code` _em_"),)),),
    )
    result = align(hostile)
    md = markdown(result)
    assert "\\*bold\\*" in md and "\\[link\\]" in md and "\\`code\\`" in md
    from workshop.core.org.export import html

    page = html(result)
    assert "<script>x</script>" not in page and "&lt;script&gt;" in page
    assert "<b>Acme</b>" not in page


@pytest.mark.parametrize("fmt", ["md", "pdf"])
def test_a_failed_write_leaves_no_file(tmp_path, fmt, monkeypatch):
    result = align(org())
    target = tmp_path / f"a.{fmt}"
    from workshop.core.exports import atomic

    def broken(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", broken)
    from workshop.core.exports.errors import ExportError

    with pytest.raises(ExportError, match="No space left"):
        write(result, target, fmt)
    assert list(tmp_path.iterdir()) == []


def test_the_core_logic_imports_no_ui():
    code = (
        "import sys, workshop.core.org.alignment, workshop.core.org.export, workshop.core.org.rows;"
        "print(sorted(m for m in ('textual', 'rich', 'workshop.tui') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_open_store_is_used_by_the_pair(database_url):
    # The fixtures give a database of each kind; the org schema is there on both.
    store = open_store(database_url)
    assert companies(store) == []
    store.close()


def test_with_no_team_own_objectives_the_view_says_why_there_are_none():
    # No team linked yet: the view must not claim every team objective serves the company.
    alone = markdown(align(org())).split("## Team objectives of their own", 1)[1]
    assert "No team has linked its workshop to these OKRs yet." in alone
    assert "Every team objective" not in alone
    blank = Team(4, "Blue", objectives=())
    assert "have not written any objectives yet" in markdown(align(org(blank)))
    serving = Team(5, "Red", objectives=(TeamObjective(501, "serves C", company_key_result_id=13),))
    assert "Every team objective serves a company" in markdown(align(org(serving)))
