"""The command line for an organisation: import the company's OKRs, export the alignment."""

from __future__ import annotations

import subprocess
import sys

from tests.org.sample import build_organisation
from tests.warm_cli import run_warm
from workshop.core.db.errors import open_store
from workshop.core.org.rows import companies


def run(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`okr-workshop --db URL ARGS` in a process of its own (see `tests/warm_cli.py`)."""
    return run_warm("--db", url, *args)


def test_python_dash_m_workshop_runs_the_command(database_url):
    """`python -m workshop` (a fresh interpreter) is the same command as `okr-workshop`."""
    listed = subprocess.run(
        [sys.executable, "-m", "workshop", "--db", database_url, "list"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert listed.returncode == 0, listed.stderr
    assert "No workshops yet" in listed.stdout


def test_company_okrs_are_imported_once_and_the_alignment_exported(database_url, tmp_path):
    csv = tmp_path / "company.csv"
    csv.write_text(
        "objective,key_result\nBe the easy way round town,Ready bikes at 7am from 80% to 95%\n",
        encoding="utf-8",
    )
    imported = run(database_url, "import", str(csv), "--team", "Cycle Co", "--company")
    assert imported.returncode == 0, imported.stderr
    company_id = int(imported.stdout)
    store = open_store(database_url)
    assert [(c.id, c.name) for c in companies(store)] == [(company_id, "Cycle Co")]
    store.close()

    md = tmp_path / "a.md"
    done = run(database_url, "alignment", str(company_id), "--format", "md", "-o", str(md))
    assert done.returncode == 0, done.stderr
    text = md.read_text(encoding="utf-8")
    assert "### KR 1.1 Ready bikes at 7am from 80% to 95%" in text
    assert "*No team objective serves this key result yet.*" in text


def test_the_alignment_of_three_teams_as_pdf(database_url, tmp_path):
    store = open_store(database_url)
    made = build_organisation(store)
    store.close()
    pdf = tmp_path / "alignment.pdf"
    done = run(database_url, "alignment", str(made["company"]), "-o", str(pdf))
    assert done.returncode == 0, done.stderr
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert all(team in text for team in ("Payments", "Growth", "Platform"))


def test_an_unknown_company_is_one_line_and_writes_nothing(database_url, tmp_path):
    store = open_store(database_url)
    store.create_workshop(team="Someone")
    store.close()
    done = run(database_url, "alignment", "999", "-o", str(tmp_path / "x.pdf"))
    assert done.returncode == 1
    assert done.stderr.strip() == "Error: workshop 999 does not exist"
    assert not (tmp_path / "x.pdf").exists()


def test_review_starts_on_a_company_workshop_only(database_url):
    store = open_store(database_url)
    made = build_organisation(store)
    before = len(store.list_workshops())
    store.close()
    payments = made["teams"]["Payments"]
    refused = run(database_url, "review", str(payments))
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        f"Error: workshop {payments} is not a company's workshop: an alignment review is held "
        f"on the company's workshop that the teams link to (here: {made['company']} Acme Group)"
    )
    assert run(database_url, "review", "999").stderr.strip() == "Error: workshop 999 does not exist"
    started = run(database_url, "review", str(made["company"]))
    assert started.returncode == 0, started.stderr
    # A review is not itself a company's workshop: no review of a review.
    assert run(database_url, "review", started.stdout.strip()).returncode == 1
    store = open_store(database_url)
    listed = {s.id: s.meeting_kind for s in store.list_workshops()}
    store.close()
    assert len(listed) == before + 1 and listed[int(started.stdout)] == "alignment_review"
