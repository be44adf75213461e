"""The calendar and Markdown exports: they parse back, carry the OKRs, and show hostile text literally."""

from __future__ import annotations

import datetime as dt
import html
import re
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from markdown_it import MarkdownIt

from tests.exports.hostile import HOSTILE, hostile_workshop
from tests.exports.sample import full_workshop
from workshop.core.domain import Meeting, MeetingKind, Workshop
from workshop.core.exports import ExportError, ics, render
from workshop.core.exports.text import visible

# -- iCalendar -------------------------------------------------------------------


def _events(data: bytes) -> list:
    """The review meetings' events (not the follow-up meeting's)."""
    return [e for e in Calendar.from_ical(data).walk("VEVENT") if "follow-up" not in e["SUMMARY"]]


def test_one_event_per_meeting_in_the_workshop_time_zone() -> None:
    data = render(full_workshop(), "ics")
    calendar = Calendar.from_ical(data)
    events = _events(data)
    assert len(events) == 13
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    first = events[0]
    assert first["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert first["DTSTART"].dt == dt.datetime(2027, 1, 11, 9, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    assert first["DTEND"].dt - first["DTSTART"].dt == dt.timedelta(minutes=30)
    assert str(first["SUMMARY"]) == "OKR check-in — Customer Platform"
    last = events[-1]
    assert str(last["SUMMARY"]) == "OKR quarter-end scoring — Customer Platform"
    assert last["DTEND"].dt - last["DTSTART"].dt == dt.timedelta(minutes=60)
    description = str(first["DESCRIPTION"])
    assert (
        "Objective 1 (committed): Make every new customer feel at home in their first week"
        in description
    )
    assert (
        "1. Cut the time to first reply on a ticket: from 72 to 24 hours (owner: Ana)"
        in description
    )
    assert description.startswith("Week 1\n\n")
    assert b"\r\n" in data


def test_summer_meetings_get_summer_time() -> None:
    workshop = full_workshop().model_copy(
        update={"meetings": [Meeting(date=dt.date(2027, 7, 1), time=dt.time(9, 0))]}
    )
    start = _events(render(workshop, "ics"))[0]["DTSTART"].dt
    assert start.utcoffset() == dt.timedelta(hours=2)


def test_uids_are_unique_and_stable() -> None:
    workshop = full_workshop()
    first = [str(e["UID"]) for e in _events(render(workshop, "ics"))]
    again = [str(e["UID"]) for e in _events(render(workshop, "ics"))]
    assert first == again
    assert len(set(first)) == 13
    everything = [str(e["UID"]) for e in Calendar.from_ical(render(workshop, "ics")).walk("VEVENT")]
    assert len(set(everything)) == 14  # and the follow-up meeting's
    other = workshop.model_copy(update={"created_at": dt.datetime(2027, 4, 1, tzinfo=dt.UTC)})
    assert set(first).isdisjoint(str(e["UID"]) for e in _events(render(other, "ics")))
    # A stored meeting keeps its UID when meetings before it are added or removed.
    with_ids = workshop.model_copy(
        update={
            "meetings": [
                m.model_copy(update={"id": 100 + i}) for i, m in enumerate(workshop.meetings)
            ]
        }
    )
    shifted = with_ids.model_copy(update={"meetings": with_ids.meetings[1:]})
    assert ics.uid(with_ids, 5, with_ids.meetings[5]) == ics.uid(shifted, 4, shifted.meetings[4])


def test_the_follow_up_meeting_is_in_the_calendar() -> None:
    workshop = full_workshop()
    events = Calendar.from_ical(render(workshop, "ics")).walk("VEVENT")
    follow = [e for e in events if "follow-up" in e["SUMMARY"]]
    assert len(follow) == 1
    event = follow[0]
    assert str(event["SUMMARY"]) == "OKR follow-up meeting — Customer Platform"
    # 10:00 UTC is 11:00 in Berlin in January
    assert event["DTSTART"].dt == dt.datetime(2027, 1, 8, 11, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert event["DTEND"].dt - event["DTSTART"].dt == dt.timedelta(minutes=30)
    assert str(event["DESCRIPTION"]).startswith("Thirty minutes to settle the open questions\n\n")
    assert not event.walk("VALARM")
    # without meetings, the follow-up alone still makes a calendar
    alone = workshop.model_copy(update={"meetings": []})
    assert len(Calendar.from_ical(render(alone, "ics")).walk("VEVENT")) == 1


def test_each_review_meeting_reminds_owners_the_working_day_before() -> None:
    events = _events(render(full_workshop(), "ics"))
    for event in events:
        alarms = event.walk("VALARM")
        assert len(alarms) == 1
        alarm = alarms[0]
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert "update your key results" in str(alarm["DESCRIPTION"])
        start = event["DTSTART"].dt
        reminded = start + alarm["TRIGGER"].dt
        assert reminded.weekday() < 5  # a working day
        assert reminded.time() == start.time()
        days = (start.date() - reminded.date()).days
        assert days == (3 if start.weekday() == 0 else 1)


def test_events_are_in_date_order_whatever_order_the_meetings_were_stored() -> None:
    workshop = full_workshop()
    shuffled = workshop.model_copy(
        update={"meetings": [*reversed(workshop.meetings[:4]), *workshop.meetings[4:]]}
    )
    events = Calendar.from_ical(render(shuffled, "ics")).walk("VEVENT")
    starts = [e["DTSTART"].dt for e in events]
    assert starts == sorted(starts)
    # the UIDs still follow the meetings, not their places in the file
    again = {str(e["UID"]) for e in Calendar.from_ical(render(shuffled, "ics")).walk("VEVENT")}
    assert again == {str(e["UID"]) for e in events}


def test_markdown_and_handout_list_meetings_in_date_order() -> None:
    """Thursday 14 January was listed before Tuesday 12 January when added in that order."""
    from workshop.core.exports import content

    late = Meeting(date=dt.date(2027, 1, 14), time=dt.time(10, 0))
    early = Meeting(date=dt.date(2027, 1, 12), time=dt.time(10, 0))
    earlier_same_day = Meeting(date=dt.date(2027, 1, 14), time=dt.time(9, 0))
    workshop = full_workshop().model_copy(update={"meetings": [late, early, earlier_same_day]})
    dates = [(m.date, m.time) for m in content.build(workshop).meetings]
    assert dates == [
        ("Tuesday 12 January 2027", "10:00"),
        ("Thursday 14 January 2027", "09:00"),
        ("Thursday 14 January 2027", "10:00"),
    ]
    markdown = render(workshop, "md").decode()
    assert markdown.index("Tuesday 12 January") < markdown.index("Thursday 14 January 2027 | 09:00")
    assert markdown.index("| 09:00 |") < markdown.index("Thursday 14 January 2027 | 10:00")


def test_dtstamp_is_injectable() -> None:
    moment = dt.datetime(2027, 1, 4, 12, 0, tzinfo=dt.UTC)
    data = ics.dumps(full_workshop(), now=moment)
    assert ics.dumps(full_workshop(), now=moment) == data
    assert b"DTSTAMP:20270104T120000Z" in data


def test_hostile_text_parses_back() -> None:
    workshop = hostile_workshop()
    events = _events(render(workshop, "ics"))
    assert len(events) == len(workshop.meetings)  # stored in date order already
    assert workshop.meetings[0].kind is MeetingKind.CHECK_IN
    summary = str(events[0]["SUMMARY"])
    assert summary == "OKR check-in — <b>Team</b> {{ 7*7 }} ‹NUL› ‹ESC›[2J 🚀"
    for event, meeting in zip(events, workshop.meetings, strict=True):
        description = str(event["DESCRIPTION"])
        if meeting.note:
            assert description.startswith(visible(meeting.note) + "\n\n")
        assert "\x00" not in description and "\x1b" not in description
    assert str(events[HOSTILE_INDEX["ics_specials"]]["DESCRIPTION"]).startswith(
        HOSTILE["ics_specials"]
    )


HOSTILE_INDEX = {name: i for i, name in enumerate(HOSTILE)}


def test_calendar_errors() -> None:
    with pytest.raises(ExportError, match="no review meetings"):
        render(Workshop(), "ics")
    workshop = full_workshop().model_copy(update={"timezone": "Mars/Olympus_Mons"})
    with pytest.raises(ExportError, match="unknown time zone 'Mars/Olympus_Mons'"):
        render(workshop, "ics")


# -- Markdown --------------------------------------------------------------------

_RENDERER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_ALLOWED_TAGS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "br",
}


def _rendered(markdown: str) -> tuple[str, str]:
    """(HTML, visible text) as a CommonMark + tables renderer shows the Markdown."""
    out = _RENDERER.render(markdown)
    text = html.unescape(re.sub(r"<[^>]+>", "\n", out))
    return out, text


def test_markdown_content() -> None:
    markdown = render(full_workshop(), "md").decode()
    assert markdown.startswith("# OKRs: Customer Platform — 2027-Q1\n")
    for expected in (
        "## The plan",
        "### Business priorities",  # the team's own, not the company OKRs it builds on
        "#### Objective 2 · Aspirational (about 0.7 is a good result)",
        "| 1 | Cut the time to first reply on a ticket | Metric | from **72** to **24** hours | Ana |",
        "✗ **Necessary and sufficient:** Failed at KR 2.4 (run 2): “The script is a task, not a result”",
        "| Monday 11 January 2027 | 09:30 | Check-in | 30 min | Week 1 |",
        "| Red | 0% to under 50% | No real progress |",
        "## Appendix: time per stage",
    ):
        assert expected in markdown, expected
    _, text = _rendered(markdown)
    assert "Keep the customers we win" in text and "6.8" in text


def test_markdown_shows_hostile_text_literally() -> None:
    out, text = _rendered(render(hostile_workshop(), "md").decode())
    tags = {tag for tag in re.findall(r"</?([a-z0-9]+)", out)}
    assert tags <= _ALLOWED_TAGS, tags - _ALLOWED_TAGS
    flat = " ".join(text.split())
    for name, value in HOSTILE.items():
        for line in visible(value).split("\n"):
            assert " ".join(line.split()) in flat, name
    assert "49" not in flat.replace("1949", "")  # {{ 7*7 }} was not evaluated anywhere


@pytest.mark.parametrize(
    "value",
    ["- a list?", "# a heading?", "1. ordered?", "===", "> quote", "    code?", "a\n- b\n2) c"],
)
def test_markdown_line_starts_stay_text(value: str) -> None:
    workshop = Workshop(follow_up_note=value)
    out, text = _rendered(render(workshop, "md").decode())
    section = out.split("Follow-up meeting</h3>")[1].split("<h3>")[0]
    assert re.findall(r"<(\w+)", section) == ["p"] + ["br"] * value.count("\n"), section


def test_the_handout_keeps_every_run_of_the_ns_test_with_its_notes() -> None:
    from workshop.core.domain import NSAnswer, NSRunRecord, NSTest
    from workshop.core.exports import content

    workshop = full_workshop()
    first = workshop.objectives[0]
    test = NSTest(
        run=2,
        answers=[NSAnswer(key_result_index=None, answer=True)],
        completed_at=dt.datetime(2027, 1, 4, 11, 0, tzinfo=dt.UTC),
        earlier=[
            NSRunRecord(
                run=1,
                answers=[NSAnswer(key_result_index=1, answer=False, note="it repeats KR 1")],
                completed_at=dt.datetime(2027, 1, 4, 10, 0, tzinfo=dt.UTC),
            )
        ],
    )
    objectives = [first.model_copy(update={"ns_test": test}), *workshop.objectives[1:]]
    view = content.build(workshop.model_copy(update={"objectives": objectives})).objectives[0]
    assert view.test.status == "passed"
    assert view.test.earlier == ["Run 1: failed at KR 1.2: “it repeats KR 1”"]
