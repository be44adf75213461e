"""What an imported workshop may hold: the checks at the door, before anything is stored.

A CSV or JSON file comes from outside, so everything in it is checked against
the app's own limits here, and the first problem becomes one `ImportFileError`
line naming the field (its JSON path) or the row. A file that passes can be
stored, opened in the app, exported in every format and imported again.

- text: valid Unicode (no lone surrogates), at most MAX_TEXT_CHARS characters,
  the same cap as a field typed in the app;
- lists: at most MAX_LIST_ITEMS items each, MAX_TOTAL_ITEMS in the whole workshop;
- numbers: whole numbers of at most MAX_INT_DIGITS digits while parsing; then
  finite and in range (a stage is planned for at most 600 minutes, as in an
  agenda; time spent is at most a year);
- moments: dates and times between the years MIN_YEAR and MAX_YEAR;
- links: a priority index, a parent key result ("o.k") and a necessary-and-
  sufficient answer must point at something that exists;
- the time zone: empty or an IANA name the system knows (no paths).

docs/exports.md lists the same limits for users.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError

from workshop.core.agenda.model import MAX_STAGE_MINUTES, STAGE_KEYS
from workshop.core.domain import Workshop
from workshop.core.exports.errors import ImportFileError

MAX_TEXT_CHARS = 100_000  # the store's MAX_FIELD_CHARS (a test keeps them equal)
MAX_LIST_ITEMS = 1_000
# The room's lists in a JSON export ($.room.notes, .votes...): a big room over a day
# votes more than 1,000 times (workshop.core.exports.room_import checks the rest).
MAX_ROOM_ITEMS = 50_000
MAX_TOTAL_ITEMS = 20_000
MAX_INT_DIGITS = 20
MAX_STAGE_SECONDS = MAX_STAGE_MINUTES * 60
MAX_SPENT_SECONDS = 366 * 24 * 3600
MAX_TEST_RUNS = 1_000_000
MIN_YEAR = 1900
MAX_YEAR = 9998  # a day short of datetime's end, so any time-zone shift stays in range
MAX_ZONE_CHARS = 64

_ZONE = re.compile(r"[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)*")
_REF = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")


class BigInteger:
    """A whole number too long to be one of ours, kept as text so the walk can name it."""

    __slots__ = ("digits",)

    def __init__(self, digits: int) -> None:
        self.digits = digits


def parse_int(text: str) -> int | BigInteger:
    """`json.loads(parse_int=...)`: never converts more than MAX_INT_DIGITS digits.

    Python refuses to convert over 4,300 digits with a ValueError that names no
    field, and a 4,000-digit number is slow to convert and useless here.
    """
    digits = len(text.lstrip("-"))
    return int(text) if digits <= MAX_INT_DIGITS else BigInteger(digits)


def json_path(loc: tuple[str | int, ...]) -> str:
    """("workshop", "objectives", 0, "text") -> "$.workshop.objectives[0].text"."""
    out = "$"
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def validation_problem(error: ValidationError, prefix: tuple[str | int, ...]) -> str:
    """'$.path: what is wrong (got ...)' for the first problem pydantic found."""
    first = error.errors()[0]
    where = json_path((*prefix, *first["loc"]))
    problem = first["msg"][:1].lower() + first["msg"][1:]
    if first["type"] not in ("missing",) and not isinstance(first.get("input"), dict | list):
        problem += f" (got {_short(first.get('input'))})"
    more = len(error.errors()) - 1
    if more:
        problem += f" (and {more} more problem(s))"
    return f"{where}: {problem}"


def check_document(document: Any, source: str) -> None:
    """Check a parsed JSON document before any model sees it.

    Every string valid Unicode, every list within MAX_LIST_ITEMS, every number
    finite and short. Walks without recursion, so nesting depth costs nothing.
    """
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(document, ())]
    while stack:
        value, loc = stack.pop()
        if isinstance(value, str):
            _check_unicode(value, loc, source, whole=True)
        elif isinstance(value, dict):
            for key, item in value.items():
                _check_unicode(key, loc, source, key=True, whole=True)
                stack.append((item, (*loc, key)))
        elif isinstance(value, list):
            most = MAX_ROOM_ITEMS if loc[:1] == ("room",) and len(loc) == 2 else MAX_LIST_ITEMS
            if len(value) > most:
                _fail(
                    source,
                    loc,
                    whole=True,
                    problem=f"{len(value):,} items; the most a list holds is {most:,}",
                )
            stack.extend((item, (*loc, index)) for index, item in enumerate(value))
        elif isinstance(value, BigInteger):
            _fail(
                source,
                loc,
                whole=True,
                problem=f"a number with {value.digits:,} digits is out of range",
            )
        elif isinstance(value, float) and not math.isfinite(value):
            _fail(source, loc, whole=True, problem="the number is too large (it would be infinite)")


def check_workshop(workshop: Workshop, source: str) -> None:
    """Check a validated workshop against the app's limits; ImportFileError on the first problem.

    Paths in messages are JSON paths (`$.workshop.objectives[0].text`); a CSV
    import checks rows as it reads them, so for a CSV these only catch what
    `--team` and `--period` bring in.
    """
    for loc, text in _texts(workshop):
        _check_unicode(text, loc, source)
        if len(text) > MAX_TEXT_CHARS:
            _fail(
                source,
                loc,
                f"too long: {len(text):,} characters; the most a field holds is {MAX_TEXT_CHARS:,}",
            )
    _check_lists(workshop, source)
    _check_numbers(workshop, source)
    _check_moments(workshop, source)
    _check_links(workshop, source)
    zone = timezone_problem(workshop.timezone)
    if zone:
        _fail(source, ("timezone",), f"{zone} (got {_short(workshop.timezone)})")


def timezone_problem(name: str) -> str | None:
    """Why `name` cannot be a workshop's time zone, or None. Empty is allowed (not set yet)."""
    if name == "":
        return None
    if len(name) > MAX_ZONE_CHARS or not _ZONE.fullmatch(name) or ".." in name:
        return "not an IANA time zone name such as Europe/London"
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return "an unknown time zone; use an IANA name such as Europe/London"
    return None


def count_items(workshop: Workshop) -> int:
    """Every list item in the workshop (what the store writes as one row each)."""
    total = len(workshop.participants) + len(workshop.meetings) + len(workshop.wrap_items)
    total += len(workshop.timings)
    for parent in workshop.parent_objectives:
        total += 1 + len(parent.key_results)
    for priority in workshop.priorities:
        total += 1 + len(priority.whys)
    for objective in workshop.objectives:
        total += 1 + len(objective.key_results) + len(objective.variations)
        total += len(objective.ns_test.answers)
        for record in objective.ns_test.earlier:
            total += 1 + len(record.answers)
    return total


# -- the parts -----------------------------------------------------------------------


def _texts(workshop: Workshop) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(location, text) for every string in the workshop."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(workshop.model_dump(exclude={"id"}), ())]
    while stack:
        value, loc = stack.pop()
        if isinstance(value, str):
            yield loc, value
        elif isinstance(value, dict):
            stack.extend((item, (*loc, key)) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((item, (*loc, index)) for index, item in enumerate(value))


def _check_lists(workshop: Workshop, source: str) -> None:
    lists: list[tuple[tuple[str | int, ...], list[Any]]] = [
        (("participants",), workshop.participants),
        (("parent_objectives",), workshop.parent_objectives),
        (("priorities",), workshop.priorities),
        (("objectives",), workshop.objectives),
        (("meetings",), workshop.meetings),
        (("wrap_items",), workshop.wrap_items),
    ]
    for i, parent in enumerate(workshop.parent_objectives):
        lists.append((("parent_objectives", i, "key_results"), parent.key_results))
    for i, priority in enumerate(workshop.priorities):
        lists.append((("priorities", i, "whys"), priority.whys))
    for i, objective in enumerate(workshop.objectives):
        lists.append((("objectives", i, "key_results"), objective.key_results))
        lists.append((("objectives", i, "variations"), objective.variations))
        lists.append((("objectives", i, "ns_test", "answers"), objective.ns_test.answers))
        lists.append((("objectives", i, "ns_test", "earlier"), objective.ns_test.earlier))
        for j, record in enumerate(objective.ns_test.earlier):
            lists.append((("objectives", i, "ns_test", "earlier", j, "answers"), record.answers))
    for loc, items in lists:
        if len(items) > MAX_LIST_ITEMS:
            _fail(source, loc, f"{len(items):,} items; the most a list holds is {MAX_LIST_ITEMS:,}")
    total = count_items(workshop)
    if total > MAX_TOTAL_ITEMS:
        _fail(
            source,
            (),
            f"{total:,} items in all (people, objectives, key results...); "
            f"the most one workshop holds is {MAX_TOTAL_ITEMS:,}",
        )
    if len(workshop.timings) > len(STAGE_KEYS):
        _fail(
            source, ("timings",), f"{len(workshop.timings)} stages; an agenda has {len(STAGE_KEYS)}"
        )


def _check_numbers(workshop: Workshop, source: str) -> None:
    last_stage = len(STAGE_KEYS) - 1
    if not 0 <= workshop.current_stage <= last_stage:
        _range(source, ("current_stage",), workshop.current_stage, 0, last_stage)
    for name in ("break_seconds", "paused_seconds"):
        _seconds(source, (name,), getattr(workshop, name), MAX_SPENT_SECONDS)
    if not workshop.timings and (workshop.break_seconds or workshop.paused_seconds):
        _fail(source, ("timings",), "break and paused time need the stage timings they belong to")
    seen: set[str] = set()
    for i, timing in enumerate(workshop.timings):
        loc: tuple[str | int, ...] = ("timings", i)
        if timing.key not in STAGE_KEYS:
            _fail(source, (*loc, "key"), f"not a stage of the agenda (got {_short(timing.key)})")
        if timing.key in seen:
            _fail(source, (*loc, "key"), f"the stage {timing.key!r} is listed twice")
        seen.add(timing.key)
        _seconds(source, (*loc, "planned_seconds"), timing.planned_seconds, MAX_STAGE_SECONDS)
        _seconds(source, (*loc, "adjusted_seconds"), timing.adjusted_seconds, MAX_SPENT_SECONDS)
        _seconds(source, (*loc, "actual_seconds"), timing.actual_seconds, MAX_SPENT_SECONDS)
    for i, objective in enumerate(workshop.objectives):
        test = objective.ns_test
        loc = ("objectives", i, "ns_test")
        if not 0 <= test.run <= MAX_TEST_RUNS:
            _range(source, (*loc, "run"), test.run, 0, MAX_TEST_RUNS)
        if test.run == 0 and (test.answers or test.completed_at is not None or test.earlier):
            _fail(source, (*loc, "run"), "a test with answers must have run at least once")
        for j, record in enumerate(test.earlier):
            if not 0 <= record.run <= MAX_TEST_RUNS:
                _range(source, (*loc, "earlier", j, "run"), record.run, 0, MAX_TEST_RUNS)


def _check_moments(workshop: Workshop, source: str) -> None:
    moments: list[tuple[tuple[str | int, ...], dt.date | None]] = [
        (("created_at",), workshop.created_at),
        (("follow_up",), workshop.follow_up),
    ]
    for i, objective in enumerate(workshop.objectives):
        loc: tuple[str | int, ...] = ("objectives", i, "ns_test")
        moments.append(((*loc, "completed_at"), objective.ns_test.completed_at))
        for j, record in enumerate(objective.ns_test.earlier):
            moments.append(((*loc, "earlier", j, "completed_at"), record.completed_at))
    for i, item in enumerate(workshop.wrap_items):
        moments.append((("wrap_items", i, "due"), item.due))
    for i, meeting in enumerate(workshop.meetings):
        moments.append((("meetings", i, "date"), meeting.date))
        if meeting.time.tzinfo is not None:
            _fail(
                source,
                ("meetings", i, "time"),
                "a meeting time has no zone of its own (the workshop's time zone applies)",
            )
    for loc, moment in moments:
        if moment is not None and not MIN_YEAR <= moment.year <= MAX_YEAR:
            _fail(
                source, loc, f"the year must be from {MIN_YEAR} to {MAX_YEAR} (got {moment.year})"
            )


def _check_links(workshop: Workshop, source: str) -> None:
    for i, objective in enumerate(workshop.objectives):
        loc = ("objectives", i)
        index = objective.priority_index
        if index is not None and not 0 <= index < len(workshop.priorities):
            _fail(
                source,
                (*loc, "priority_index"),
                f"there is no priority {index} (the workshop has {len(workshop.priorities)})",
            )
        ref = objective.parent_ref
        if ref is not None and (not _REF.fullmatch(ref) or workshop.parent_key_result(ref) is None):
            _fail(
                source,
                (*loc, "parent_ref"),
                f"must name a company key result as 'objective.key result', counted from 0 "
                f"(got {_short(ref)})",
            )
        # A key result may have been removed after the test ran, so an answer's
        # position is only checked against the most an objective can hold.
        runs = [("answers", objective.ns_test.answers)] + [
            (f"earlier[{j}].answers", record.answers)
            for j, record in enumerate(objective.ns_test.earlier)
        ]
        for where, answers in runs:
            for j, answer in enumerate(answers):
                k = answer.key_result_index
                if k is not None and not 0 <= k < MAX_LIST_ITEMS:
                    _range(
                        source,
                        (*loc, f"ns_test.{where}", j, "key_result_index"),
                        k,
                        0,
                        MAX_LIST_ITEMS - 1,
                    )


def _seconds(source: str, loc: tuple[str | int, ...], value: float, most: int) -> None:
    if not (math.isfinite(value) and 0 <= value <= most):
        _range(source, loc, value, 0, most)


def _range(source: str, loc: tuple[str | int, ...], value: float, low: int, high: int) -> None:
    shown = _short(value) if math.isfinite(value) else "an infinite number"
    _fail(source, loc, f"must be from {low:,} to {high:,} (got {shown})")


def _check_unicode(
    text: str,
    loc: tuple[str | int, ...],
    source: str,
    *,
    key: bool = False,
    whole: bool = False,
) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        what = "a name" if key else "the text"
        code = ord(text[error.start])
        _fail(
            source,
            loc,
            f"{what} holds U+{code:04X}, half of a surrogate pair on its own, which is "
            "not valid Unicode",
            whole=whole,
        )


def _fail(source: str, loc: tuple[str | int, ...], problem: str, *, whole: bool = False) -> None:
    """Raise the one line; `loc` is inside the workshop, or in the whole file with `whole`."""
    where = json_path(loc if whole else ("workshop", *loc))
    raise ImportFileError(f"{source}: {where}: {problem}")


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
