"""Next steps with a due date in every export: handout, Markdown, JSON, calendar, summary."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from tests.exports.sample import full_workshop
from workshop.core.domain import Workshop, WrapItem, WrapItemKind
from workshop.core.exports import (
    ExportError,
    ImportFileError,
    default_export_path,
    json_format,
    render,
)
from workshop.core.okr.summary_text import wrap_up_section

DUE = dt.date(2027, 1, 15)  # a Friday


def with_due_dates() -> Workshop:
    """The sample workshop; its first next step due on 15 January, the others undated."""
    workshop = full_workshop()
    steps = [i for i, w in enumerate(workshop.wrap_items) if w.kind is WrapItemKind.NEXT_STEP]
    items = list(workshop.wrap_items)
    items[steps[0]] = items[steps[0]].model_copy(update={"due": DUE})
    return workshop.model_copy(update={"wrap_items": items})


def test_markdown_has_a_due_column() -> None:
    text = render(with_due_dates(), "md").decode()
    assert "| # | Step | Owner | Due |" in text
    assert "| 1 | Send the OKRs to the company channel | Sam | Fri 15 Jan 2027 |" in text
    rows = [line for line in text.splitlines() if line.startswith("| 2 | Book all check-ins")]
    assert rows and rows[0].endswith("| Rosa | no date yet |")


def test_handout_pdf_shows_the_due_date() -> None:
    data = render(with_due_dates(), "pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "DUE" in text.upper().split("NEXT STEPS", 1)[1]  # the column's heading
    assert "Fri 15 Jan 2027" in text
    assert "no date yet" in text


def test_json_round_trip_keeps_the_due_date_exactly() -> None:
    workshop = with_due_dates()
    data = json_format.dumps(workshop)
    assert '"due": "2027-01-15"' in data.decode()
    again = json_format.loads(data, "w.json")
    assert [w.due for w in again.wrap_items] == [w.due for w in workshop.wrap_items]
    assert json_format.dumps(again) == data


def test_a_json_file_without_due_dates_still_reads() -> None:
    # Files written before due dates existed have no "due" key at all.
    document = json.loads(json_format.dumps(full_workshop()))
    for item in document["workshop"]["wrap_items"]:
        del item["due"]
    workshop = json_format.loads(json.dumps(document).encode(), "old.json")
    assert all(w.due is None for w in workshop.wrap_items)


def test_a_due_date_out_of_range_is_refused_in_one_line() -> None:
    workshop = with_due_dates()
    data = json_format.dumps(workshop).decode().replace('"2027-01-15"', '"1800-01-15"')
    with pytest.raises(ImportFileError) as caught:
        json_format.loads(data.encode(), "w.json")
    message = str(caught.value)
    assert "wrap_items[2].due" in message and "\n" not in message


def test_the_calendar_has_an_all_day_event_for_a_dated_step() -> None:
    calendar = Calendar.from_ical(render(with_due_dates(), "ics"))
    due = [e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]).startswith("Due: ")]
    assert len(due) == 1  # the undated steps get none
    event = due[0]
    assert str(event["SUMMARY"]) == "Due: Send the OKRs to the company channel (Sam)"
    assert event["DTSTART"].dt == DUE  # a date: all day
    assert event["DTEND"].dt == DUE + dt.timedelta(days=1)
    assert str(event["TRANSP"]) == "TRANSPARENT"
    # The same UID on the next export, so a calendar updates the event.
    again = Calendar.from_ical(render(with_due_dates(), "ics"))
    assert str(event["UID"]) in {str(e["UID"]) for e in again.walk("VEVENT")}


def test_a_calendar_with_only_dated_steps_is_written() -> None:
    workshop = Workshop(
        team="Support",
        timezone="Europe/Berlin",
        wrap_items=[WrapItem(kind=WrapItemKind.NEXT_STEP, text="Share the OKRs", due=DUE)],
    )
    calendar = Calendar.from_ical(render(workshop, "ics"))
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Due: Share the OKRs"]
    with pytest.raises(ExportError):
        render(Workshop(team="Support", timezone="Europe/Berlin"), "ics")


def test_the_summary_names_owner_and_due_date() -> None:
    section = wrap_up_section(with_due_dates())
    lines = [line.text for line in section.lines]
    assert "Send the OKRs to the company channel (owner: Sam, due Fri 15 Jan 2027)" in lines
    assert any(line.endswith("(owner: Rosa, no due date yet)") for line in lines)


def test_the_next_steps_csv_has_owner_and_due_date() -> None:
    rows = render(with_due_dates(), "steps").decode("utf-8-sig").splitlines()
    assert rows[0] == "step_no,step,owner,due"
    assert rows[1] == "1,Send the OKRs to the company channel,Sam,2027-01-15"
    assert rows[2].endswith(",Rosa,")  # no date yet: empty
    assert len(rows) == 4


def test_the_next_steps_csv_is_spreadsheet_safe_and_named_apart() -> None:
    workshop = Workshop(
        team="Support",
        period="2027-Q1",
        wrap_items=[
            WrapItem(kind=WrapItemKind.NEXT_STEP, text="=HYPERLINK(1)", owner="@sam"),
            WrapItem(kind=WrapItemKind.NEXT_STEP),  # the empty line kept for typing
        ],
    )
    data = render(workshop, "steps").decode("utf-8-sig")
    assert data.splitlines()[1] == "1,'=HYPERLINK(1),'@sam,"
    assert len(data.splitlines()) == 2
    assert default_export_path(workshop, "steps").name == "support-2027-q1.next-steps.csv"
