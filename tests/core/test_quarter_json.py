"""The check-ins and quarter-end reviews in the JSON export: an import makes the meetings
again and a second export gives the very same bytes; a bad "quarter" is refused in one
line with nothing stored. Driven through the real command line (export, import, list)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.core.quarter_sample import store_sample
from tests.core.test_quarter_meetings import quarter
from tests.test_cli import run_cli
from workshop.core.agenda.kinds import CHECKIN, QUARTER_END
from workshop.core.db.store import Store
from workshop.core.okr.meetings import QuarterEndRecord, QuarterSection
from workshop.core.okr.retro import Decision, ObjectiveDecision, Retrospective, Win
from workshop.core.okr.rollover import RollOverChoice
from workshop.core.session.meeting_start import start_meeting

# One worker builds the quarter's database and its first export once, for all three.
pytestmark = pytest.mark.xdist_group("quarter-json")


def _quarter_db(path: Path) -> int:
    store = Store.open(f"sqlite:///{path}")
    subject_id = store_sample(store)
    for record in quarter():
        session = start_meeting(store, CHECKIN, subject_id, record.date, clock=lambda: 0.0)
        session.close()
        store.update_workshop(session.workshop_id, meeting_json=record.model_dump_json())
    end = QuarterEndRecord(
        date=dt.date(2027, 3, 31),
        present=["Ana", "Ben"],
        retrospective=Retrospective(
            decisions=[
                ObjectiveDecision(objective_index=0, decision=Decision.CHANGE, reason="Slow"),
                ObjectiveDecision(decision=Decision.START, text="Train \x1b[2J", reason="Why"),
            ],
            wins=[Win(text="Help centre live", thanks=["Cara"])],
            went_well=["Weekly numbers"],
        ),
        carry=[RollOverChoice(objective_index=0, key_result_indices=(0,))],
        next_workshop_id=99,
    ).with_score(0, 0, 0.9)
    session = start_meeting(store, QUARTER_END, subject_id, end.date, clock=lambda: 0.0)
    session.close()
    store.update_workshop(session.workshop_id, meeting_json=end.model_dump_json())
    store.close()
    return subject_id


@pytest.fixture(scope="module")
def quarter_db(tmp_path_factory) -> tuple[Path, int]:
    """The quarter's database, built once for the module (the tests only read it)."""
    db = tmp_path_factory.mktemp("quarter") / "a.db"
    return db, _quarter_db(db)


@pytest.fixture(scope="module")
def exported(quarter_db, tmp_path_factory) -> Path:
    """The quarter's workshop exported to JSON by the command line, once for the module."""
    db, subject_id = quarter_db
    path = tmp_path_factory.mktemp("exported") / "first.json"
    result = run_cli(
        "--db", f"sqlite:///{db}", "export", str(subject_id), "--format", "json", "-o", str(path)
    )
    assert result.returncode == 0, result.stderr
    return path


def test_check_ins_and_scores_round_trip_exactly_through_the_json(tmp_path, exported):
    second_db = tmp_path / "b.db"
    document = json.loads(exported.read_text())
    section = QuarterSection.model_validate(document["quarter"])
    assert [r.date.day for r in section.check_ins] == [19, 16, 16]
    assert section.quarter_ends[0].score(0, 0) == 0.9
    assert "next_workshop_id" not in document["quarter"]["quarter_ends"][0]

    result = run_cli("--db", f"sqlite:///{second_db}", "import", str(exported))
    assert result.returncode == 0, result.stderr
    new_id = result.stdout.strip()
    listed = run_cli("--db", f"sqlite:///{second_db}", "list").stdout
    assert listed.count("Check-in") == 3 and listed.count("Quarter-end review") == 1
    again = tmp_path / "again.json"
    result = run_cli(
        "--db", f"sqlite:///{second_db}", "export", new_id, "--format", "json", "-o", str(again)
    )
    assert result.returncode == 0, result.stderr
    assert again.read_bytes() == exported.read_bytes()


def test_a_bad_quarter_is_refused_in_one_line_and_nothing_is_stored(tmp_path, exported):
    second_db = tmp_path / "b.db"
    document = json.loads(exported.read_text())
    document["quarter"]["check_ins"][1]["entries"][0]["key_result_index"] = 7
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document))
    result = run_cli("--db", f"sqlite:///{second_db}", "import", str(bad))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "$.quarter.check_ins[1].entries[0]: no such key result" in lines[0]
    assert "Traceback" not in result.stderr
    document["quarter"]["check_ins"][1]["entries"][0]["key_result_index"] = 0
    document["quarter"]["check_ins"][0]["entries"][0]["check_in"]["confidence"] = 11
    bad.write_text(json.dumps(document))
    result = run_cli("--db", f"sqlite:///{second_db}", "import", str(bad))
    assert result.returncode != 0 and "0 to 10" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    listed = run_cli("--db", f"sqlite:///{second_db}", "list").stdout
    assert "Support" not in listed  # nothing stored, not even the workshop


def test_a_meeting_exports_its_summary_scorecard_and_csv_from_the_command_line(
    tmp_path, quarter_db
):
    db, _ = quarter_db
    store = Store.open(f"sqlite:///{db}")
    kinds = {s.id: s.meeting_kind for s in store.list_workshops()}
    store.close()
    checkin = max(i for i, k in kinds.items() if k == CHECKIN)
    review = next(i for i, k in kinds.items() if k == QUARTER_END)
    url = f"sqlite:///{db}"
    md = tmp_path / "checkin.md"
    assert (
        run_cli("--db", url, "export", str(checkin), "--format", "md", "-o", str(md)).returncode
        == 0
    )
    assert md.read_text().startswith("# Check-in of 16 March 2027")
    card = tmp_path / "card.md"
    assert (
        run_cli("--db", url, "export", str(review), "--format", "md", "-o", str(card)).returncode
        == 0
    )
    assert "**Objective score:** not scored" in card.read_text()  # 1.2 has no score yet
    csv_file = tmp_path / "checkins.csv"
    assert (
        run_cli(
            "--db", url, "export", str(review), "--format", "csv", "-o", str(csv_file)
        ).returncode
        == 0
    )
    assert len(csv_file.read_text(encoding="utf-8-sig").splitlines()) == 1 + 3 + 2 + 2
    refused = run_cli(
        "--db", url, "export", str(review), "--format", "ics", "-o", str(tmp_path / "x.ics")
    )
    assert refused.returncode != 0 and len(refused.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.ics").exists()
