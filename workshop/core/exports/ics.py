"""The calendar export: every review meeting and the follow-up, in the workshop's time zone.

Every event carries the workshop's IANA time zone (with a VTIMEZONE block, so
calendar apps that do not know the zone still place it right), a UID that stays
the same when the workshop is exported again (re-importing updates the events
instead of duplicating them), and a description listing the OKRs, so the
agenda of the check-in is in everyone's calendar. Check-ins and monthly reviews
are booked for 30 minutes, quarter-end scoring for 60, the follow-up meeting for
30. Events come in date order. A next step with a due date is an all-day event on that
day, marked free so it blocks no one's time.

Each review meeting has a reminder (VALARM) on the working day before, at the
meeting's time: owners update their key results before the meeting, not in it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from workshop.core.domain import Meeting, MeetingKind, Workshop, WrapItem, WrapItemKind
from workshop.core.exports.content import (
    GOAL_LABELS,
    MEETING_MINUTES,
    KeyResultView,
    key_result_view,
)
from workshop.core.exports.errors import ExportError
from workshop.core.exports.text import visible
from workshop.core.okr.cadence import WEEKDAYS

if TYPE_CHECKING:
    from icalendar import Alarm

PRODID = "-//OKR Workshop//okr-workshop//EN"
UID_DOMAIN = "okr-workshop"

FOLLOW_UP_MINUTES = 30
REMINDER = "Owners: update your key results now, before the meeting."

_SUMMARY_KIND = {
    MeetingKind.CHECK_IN: "OKR check-in",
    MeetingKind.MONTHLY_REVIEW: "OKR monthly review",
    MeetingKind.QUARTER_END: "OKR quarter-end scoring",
}


def dumps(workshop: Workshop, *, now: dt.datetime | None = None) -> bytes:
    """The .ics file; `now` (UTC) is the DTSTAMP, the moment the file was made."""
    from icalendar import Calendar, Event

    steps_due = dated_steps(workshop)
    if not workshop.meetings and workshop.follow_up is None and not steps_due:
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
    events: list[tuple[dt.datetime, Event]] = []
    for index, meeting in enumerate(workshop.meetings):
        start = dt.datetime.combine(meeting.date, meeting.time, tzinfo=zone)
        event = Event()
        # The UID keeps the meeting's place as stored, so sorting never changes it.
        event.add("uid", uid(workshop, index, meeting))
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=MEETING_MINUTES[meeting.kind]))
        summary = _SUMMARY_KIND[meeting.kind]
        event.add("summary", f"{summary} \u2014 {team}" if team else summary)
        note = visible(meeting.note)
        event.add("description", f"{note}\n\n{okrs}" if note else okrs)
        event.add("categories", ["OKR"])
        event.add_component(reminder(meeting))
        events.append((start, event))

    if workshop.follow_up is not None:
        start = _in_zone(workshop.follow_up, zone)
        event = Event()
        event.add("uid", follow_up_uid(workshop))
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=FOLLOW_UP_MINUTES))
        summary = "OKR follow-up meeting"
        event.add("summary", f"{summary} \u2014 {team}" if team else summary)
        note = visible(workshop.follow_up_note)
        event.add("description", f"{note}\n\n{okrs}" if note else okrs)
        event.add("categories", ["OKR"])
        events.append((start, event))

    for index, step in steps_due:
        assert step.due is not None
        event = Event()
        event.add("uid", step_uid(workshop, index, step))
        event.add("dtstamp", stamp)
        event.add("dtstart", step.due)  # a date, not a moment: an all-day event
        event.add("dtend", step.due + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        what, owner = _one_line(step.text) or "Next step", _one_line(step.owner)
        event.add("summary", f"Due: {what}" + (f" ({owner})" if owner else ""))
        event.add(
            "description",
            f"A next step agreed at the OKR workshop{f' of {team}' if team else ''}. "
            f"Owner: {owner or 'not yet assigned'}.",
        )
        event.add("categories", ["OKR"])
        events.append((dt.datetime.combine(step.due, dt.time(0), tzinfo=zone), event))

    for _, event in sorted(events, key=lambda pair: pair[0]):
        calendar.add_component(event)

    # Zone definitions covering the events, a year either side (not 1970-2038:
    # that is hundreds of lines of transitions nobody needs).
    dates = [start.date() for start, _ in events]
    calendar.add_missing_timezones(
        first_date=min(dates) - dt.timedelta(days=366),
        last_date=max(dates) + dt.timedelta(days=366),
    )
    return calendar.to_ical()


def reminder(meeting: Meeting) -> Alarm:
    """A reminder on the working day before the meeting, at the meeting's time of day."""
    from icalendar import Alarm

    back = 1
    while (meeting.date - dt.timedelta(days=back)).weekday() >= 5:
        back += 1  # a Monday meeting: the reminder comes on the Friday before
    when = f"{WEEKDAYS[meeting.date.weekday()]} at {meeting.time:%H:%M}"
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", -dt.timedelta(days=back))
    alarm.add("description", f"{_SUMMARY_KIND[meeting.kind]} on {when}. {REMINDER}")
    return alarm


def _in_zone(moment: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """A stored moment in the workshop's zone; a naive one is read as the zone's own time."""
    return moment.astimezone(zone) if moment.tzinfo else moment.replace(tzinfo=zone)


def dated_steps(workshop: Workshop) -> list[tuple[int, WrapItem]]:
    """The next steps with a due date and something written, with their place in the list."""
    return [
        (index, item)
        for index, item in enumerate(workshop.wrap_items)
        if item.kind is WrapItemKind.NEXT_STEP and item.due and (item.text or item.owner)
    ]


def step_uid(workshop: Workshop, index: int, step: WrapItem) -> str:
    """A next step's UID, stable across exports (its database id, else its place)."""
    who = (
        workshop.created_at.isoformat()
        if workshop.created_at
        else f"{workshop.team}\x1f{workshop.period}"
    )
    which = f"s{step.id}" if step.id is not None else f"sp{index}"
    digest = hashlib.sha256(f"{who}\x1f{workshop.id}\x1f{which}".encode()).hexdigest()
    return f"{digest[:32]}@{UID_DOMAIN}"


def follow_up_uid(workshop: Workshop) -> str:
    """The follow-up meeting's UID: one per workshop, stable across exports."""
    who = (
        workshop.created_at.isoformat()
        if workshop.created_at
        else f"{workshop.team}\x1f{workshop.period}"
    )
    digest = hashlib.sha256(f"{who}\x1f{workshop.id}\x1ffollow-up".encode()).hexdigest()
    return f"{digest[:32]}@{UID_DOMAIN}"


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
