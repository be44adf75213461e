"""The pilot plan's files: the PDF plan, Markdown and JSON (exact round trip), and bad input."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from workshop.core.db.store import Store
from workshop.core.domain import KeyResult, Objective, Workshop
from workshop.core.exports import ExportError, ImportFileError, pilot_files, pilot_json
from workshop.core.exports.pilot_markdown import dumps as markdown
from workshop.core.pilot.plan import (
    InPlace,
    PilotDuration,
    PilotRisk,
    PilotScope,
    PilotStep,
    ScopeKind,
    StepKind,
)
from workshop.core.pilot.rules import new_plan


def full_pilot() -> Workshop:
    """A pilot planned to the end, with text that must come out literally."""
    plan = new_plan()
    plan.organisation_size = "2,400"
    plan.group_size = "220"
    plan.risk = PilotRisk.FIT
    plan.reason = "The board wants proof <b>before</b> paying for a platform. # not a heading"
    plan.scope[0].covered = True
    plan.scope[2].covered = True
    plan.scope.append(PilotScope(kind=ScopeKind.DEPARTMENT, name="Operations", covered=True))
    plan.duration = PilotDuration.YEAR
    plan.duration_note = "Starts in January; the depots join in Q2."
    for i, test in enumerate(plan.tests):
        test.owner = ["Ana", "Bo", "Cy", "Dee", "Ed"][i]
        test.due = f"2027-0{2 * i + 1}-15"
    plan.changes[0].in_place = InPlace.YES
    plan.changes[0].evidence = "The CEO's memo and town hall"
    plan.changes[1].in_place = InPlace.NO
    plan.changes[1].action = "Two half-day trainings in January"
    plan.changes[3].in_place = InPlace.NO
    plan.steps = [
        PilotStep(kind=StepKind.QUESTION, text="Who pays for the tool?"),
        PilotStep(text="Book the kick-off", owner="Dana", due="2027-01-10"),
        PilotStep(text="Send the plan to the board", owner="Ana", due="2026-12-15"),
    ]
    return Workshop(
        team="Northwind Logistics",
        period="2027",
        facilitator="Dana Ruiz",
        created_at=dt.datetime(2027, 1, 12, 9, 0, tzinfo=dt.UTC),  # as every stored plan has
        objectives=[
            Objective(
                text="Show that OKRs help our depots focus so that we can decide on a roll-out",
                key_results=[
                    KeyResult(
                        text="Raise pilot teams whose OKRs pass the coach from 0 to 80%",
                        start="0",
                        target="80",
                        unit="%",
                        owner="Ana",
                    ),
                    KeyResult(text="Hold a check-in every two weeks in 12 teams", owner="Bo"),
                ],
            )
        ],
        meeting_kind="pilot",
        meeting_json=plan.model_dump_json(),
    )


# -- JSON -------------------------------------------------------------------------------


def test_json_import_then_export_gives_the_same_bytes(tmp_path: Path) -> None:
    first = pilot_json.dumps(full_pilot())
    workshop = pilot_json.loads(first, "plan.json")
    assert workshop.meeting_kind == "pilot"
    assert pilot_json.dumps(workshop) == first


def test_json_round_trip_through_the_store_is_exact() -> None:
    store = Store.open("sqlite://")
    try:
        first = pilot_json.dumps(full_pilot())
        workshop_id = store.import_workshop(pilot_json.loads(first, "plan.json"))
        stored = store.load(workshop_id)
        assert stored.meeting_kind == "pilot"
        assert pilot_json.dumps(stored) == first
        assert workshop_id in [s.id for s in store.list_workshops()]
    finally:
        store.close()


def test_the_json_holds_the_plan_and_the_workshop_part() -> None:
    document = json.loads(pilot_json.dumps(full_pilot()))
    assert document["format"] == "okr-pilot-plan"
    assert document["schema_version"] == 1
    assert document["workshop"]["team"] == "Northwind Logistics"
    assert document["plan"]["risk"] == "fit"
    assert [t["aspect"] for t in document["plan"]["tests"]][0] == "conceptual fit"


def _document() -> dict:
    return json.loads(pilot_json.dumps(full_pilot()))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(format="okr-workshop"), '$.format: expected "okr-pilot-plan"'),
        (lambda d: d.update(schema_version=9), "$.schema_version: "),
        (lambda d: d.pop("plan"), "$.plan: is required"),
        (lambda d: d.update(extra=1), "$.extra: not a known field"),
        (lambda d: d["plan"]["tests"][1].update(aspect="vibes"), "$.plan.tests[1].aspect: "),
        (lambda d: d["plan"]["changes"][0].update(in_place="maybe"), "$.plan.changes[0].in_place"),
        (lambda d: d["plan"].update(budget=10), "$.plan.budget: "),
        (lambda d: d["workshop"].update(team=5), "$.workshop.team: "),
    ],
)
def test_a_bad_file_is_refused_with_one_line_naming_the_place(change, expected) -> None:
    document = _document()
    change(document)
    with pytest.raises(ImportFileError) as caught:
        pilot_json.loads(json.dumps(document).encode(), "plan.json")
    message = str(caught.value)
    assert message.startswith("plan.json: ")
    assert expected in message
    assert "\n" not in message


def test_not_json_at_all_is_one_line() -> None:
    with pytest.raises(ImportFileError, match=r"^plan.json: not valid JSON: .*line 1"):
        pilot_json.loads(b"{nope", "plan.json")


# -- Markdown ---------------------------------------------------------------------------


def test_markdown_has_the_seven_steps_and_the_advice() -> None:
    text = markdown(full_pilot(), new_plan_from(full_pilot())).decode()
    headings = re.findall(r"^## (.*)$", text, flags=re.M)
    assert [h.split(".")[0] for h in headings] == ["1", "2", "3", "4", "5", "6", "7"]
    assert "**The risk it reduces:** OKRs suit this organisation." in text
    assert "Only one department takes part" in text
    assert "Q1: 220, Q2: 947, Q3: 1,673, Q4: 2,400" in text
    assert "| 5 | Scale | Can our process, logistics and tools carry OKRs" in text
    assert "- **Skills:** Without skills, expect anxiety" in text
    assert "What will we do about it?" in text  # resources: missing, no action yet
    assert "| Book the kick\\-off | Dana | 2027\\-01\\-10 |" not in text  # hyphens stay plain
    assert "| Book the kick-off | Dana | 2027-01-10 |" in text


def test_markdown_shows_user_text_literally() -> None:
    text = markdown(full_pilot(), new_plan_from(full_pilot())).decode()
    assert "&lt;b&gt;before&lt;/b&gt;" in text
    assert "<b>" not in text


def new_plan_from(workshop: Workshop):
    from workshop.core.pilot.rules import plan_from_json

    return plan_from_json(workshop.meeting_json)


# -- the PDF ------------------------------------------------------------------------------


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def test_a_full_plan_prints_on_one_or_two_pages() -> None:
    pdf = pilot_files.render(full_pilot(), "pdf")
    assert pdf.startswith(b"%PDF")
    assert 1 <= _pages(pdf) <= 2


def test_an_empty_plan_prints_on_one_or_two_pages() -> None:
    empty = Workshop(meeting_kind="pilot", meeting_json=new_plan().model_dump_json())
    assert 1 <= _pages(pilot_files.render(empty, "pdf")) <= 2


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_the_pdf_says_what_the_room_decided(tmp_path: Path) -> None:
    path = pilot_files.export(full_pilot(), "pdf", tmp_path / "plan.pdf")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in (
        "Northwind Logistics",
        "OKRs suit this organisation.",
        "<b>before</b>",
        "One year, growing every quarter.",
        "Without skills, expect anxiety",
        "Send the plan to the board",
    ):
        assert expected in " ".join(text.split()), expected


# -- the files -------------------------------------------------------------------------------


def test_a_pilot_does_not_export_as_csv() -> None:
    with pytest.raises(ExportError, match="a pilot plan exports as pdf, md, json"):
        pilot_files.render(full_pilot(), "csv")


def test_a_failed_export_leaves_no_file(tmp_path: Path) -> None:
    folder = tmp_path / "plan.md"
    folder.mkdir()
    with pytest.raises(ExportError, match="it is a folder"):
        pilot_files.export(full_pilot(), "md", folder)
    assert list(tmp_path.iterdir()) == [folder]


def test_a_stored_plan_that_cannot_be_read_is_one_line() -> None:
    broken = Workshop(meeting_kind="pilot", meeting_json='{"risk": "none of them"}')
    with pytest.raises(ExportError, match="^the stored pilot plan cannot be read"):
        pilot_files.render(broken, "md")


def test_default_names_say_pilot(tmp_path: Path) -> None:
    path = pilot_files.default_path(full_pilot(), "pdf")
    assert path.name == "northwind-logistics-2027-pilot.pdf"


# -- text from the room, shown literally ---------------------------------------------------

HOSTILE = "{{ 7*7 }} <script>alert(1)</script> [bold]x[/bold] \x1b[2J # not a heading"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_hostile_text_prints_literally(tmp_path: Path) -> None:
    workshop = full_pilot()
    plan = new_plan_from(workshop)
    plan.reason = HOSTILE
    plan.tests[0].question = HOSTILE
    plan.steps[0].text = HOSTILE
    workshop = workshop.model_copy(update={"team": HOSTILE, "meeting_json": plan.model_dump_json()})
    path = pilot_files.export(workshop, "pdf", tmp_path / "plan.pdf")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert "{{ 7*7 }} <script>alert(1)</script> [bold]x[/bold] ‹ESC›[2J" in flat
    markdown_text = pilot_files.render(workshop, "md").decode()
    assert "&lt;script&gt;" in markdown_text and "<script>" not in markdown_text
    assert "\x1b" not in markdown_text
    assert "\n# not a heading" not in markdown_text
    # The JSON keeps every character, escape included, and reads back the same.
    assert pilot_json.dumps(pilot_json.loads(pilot_json.dumps(workshop), "p.json")) == (
        pilot_json.dumps(workshop)
    )
