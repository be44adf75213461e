"""The calendar export: one event per review meeting, in the workshop's own time zone.

Every event carries the workshop's IANA time zone (with a VTIMEZONE block, so
calendar apps that do not know the zone still place it right), a UID that stays
the same when the workshop is exported again (re-importing updates the events
instead of duplicating them), and a description listing the OKRs, so the
agenda of the check-in is in everyone's calendar. Check-ins and monthly reviews
are booked for 30 minutes, quarter-end scoring for 60.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from workshop.domain import Meeting, MeetingKind, Workshop
from workshop.exports.content import GOAL_LABELS, MEETING_MINUTES, KeyResultView, key_result_view
from workshop.exports.errors import ExportError
from workshop.exports.text import visible

PRODID = "-//OKR Workshop//okr-workshop//EN"
UID_DOMAIN = "okr-workshop"

_SUMMARY_KIND = {
    MeetingKind.CHECK_IN: "OKR check-in",
    MeetingKind.MONTHLY_REVIEW: "OKR monthly review",
    MeetingKind.QUARTER_END: "OKR quarter-end scoring",
}


def dumps(workshop: Workshop, *, now: dt.datetime | None = None) -> bytes:
    """The .ics file; `now` (UTC) is the DTSTAMP, the moment the file was made."""
    from icalendar import Calendar, Event

    if not workshop.meetings:
        raise ExportError("there are no review meetings to put in a calendar yet")
    try:
        zone = ZoneInfo(workshop.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ExportError(
            f"unknown time zone {workshop.timezone!r}; use an IANA name like Europe/Berlin"
        ) from None

    team = _one_line(workshop.team)
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"OKRs \u2014 {team}" if team else "OKRs")
    calendar.add("x-wr-timezone", workshop.timezone)

    okrs = okr_text(workshop)
    for index, meeting in enumerate(workshop.meetings):
        start = dt.datetime.combine(meeting.date, meeting.time, tzinfo=zone)
        event = Event()
        event.add("uid", uid(workshop, index, meeting))
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=MEETING_MINUTES[meeting.kind]))
        summary = _SUMMARY_KIND[meeting.kind]
        event.add("summary", f"{summary} \u2014 {team}" if team else summary)
        note = visible(meeting.note)
        event.add("description", f"{note}\n\n{okrs}" if note else okrs)
        event.add("categories", ["OKR"])
        calendar.add_component(event)

    # Zone definitions covering the meetings, a year either side (not 1970-2038:
    # that is hundreds of lines of transitions nobody needs).
    dates = [m.date for m in workshop.meetings]
    calendar.add_missing_timezones(
        first_date=min(dates) - dt.timedelta(days=366),
        last_date=max(dates) + dt.timedelta(days=366),
    )
    return calendar.to_ical()


def uid(workshop: Workshop, index: int, meeting: Meeting) -> str:
    """A UID that survives re-exports and edits of the meeting, unique across workshops.

    Built from the workshop's creation time and id and the meeting's database id
    (its position when it has none, e.g. a workshop read from a file).
    """
    who = (
        workshop.created_at.isoformat()
        if workshop.created_at
        else f"{workshop.team}\x1f{workshop.period}"
    )
    which = f"m{meeting.id}" if meeting.id is not None else f"p{index}"
    digest = hashlib.sha256(f"{who}\x1f{workshop.id}\x1f{which}".encode()).hexdigest()
    return f"{digest[:32]}@{UID_DOMAIN}"


def okr_text(workshop: Workshop) -> str:
    """The objectives and their key results as plain text, for an event description."""
    lines = ["Our OKRs" + (f" for {visible(workshop.period)}" if workshop.period else "") + ":"]
    for number, objective in enumerate(workshop.objectives, start=1):
        label, _ = GOAL_LABELS[objective.goal_type]
        lines.append("")
        lines.append(f"Objective {number} ({label.lower()}): {visible(objective.text)}")
        for n, kr in enumerate(objective.key_results, start=1):
            lines.append(_kr_line(key_result_view(n, kr)))
    if not workshop.objectives:
        lines.append("(none written down yet)")
    lines += ["", "Owners: please update your key results before the meeting."]
    return "\n".join(lines)


def _kr_line(kr: KeyResultView) -> str:
    owner = f" (owner: {visible(kr.owner)})" if kr.owner else ""
    return f"  {kr.number}. {visible(kr.text)}: {visible(kr.change)}{owner}"


def _one_line(text: str) -> str:
    return " ".join(visible(text).split())
