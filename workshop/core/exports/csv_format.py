"""The CSV export and the spreadsheet import: one row per key result.

Columns (in this order on export; any order, any case on import):

    objective_no, objective, objective_type, priority,
    key_result, key_result_type, start, target, unit, owner

The objective is repeated on each of its key results' rows; `objective_no`
(1, 2, ...) says which rows belong together, so two objectives with the same
wording stay apart. An objective with no key results gets one row whose key
result columns are all empty.

Spreadsheet-safe (OWASP's advice on CSV injection): a value that starts with
= + - @, a tab or a carriage return could run as a formula when the file is
opened in a spreadsheet, so it is written with an apostrophe in front
("'=HYPERLINK(...)"); a plain number such as -5 or +10% is left as it is. A
value that really starts with an apostrophe gets a second one, so the import
takes exactly one apostrophe off exactly those values and reproduces the
workshop. docs/exports.md says the same for users.

Import refuses files over MAX_FILE_BYTES, more than MAX_ROWS rows or a field over
MAX_FIELD_CHARS characters, and every problem names the row (as a spreadsheet
counts them: the header is row 1) and the column.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from workshop.core.domain import GoalType, KeyResult, KeyResultKind, Objective, Priority, Workshop
from workshop.core.exports.errors import ExportError, ImportFileError
from workshop.core.exports.limits import MAX_LIST_ITEMS, check_workshop

COLUMNS: tuple[str, ...] = (
    "objective_no",
    "objective",
    "objective_type",
    "priority",
    "key_result",
    "key_result_type",
    "start",
    "target",
    "unit",
    "owner",
)
REQUIRED_COLUMNS: tuple[str, ...] = ("objective", "key_result")
KEY_RESULT_COLUMNS: tuple[str, ...] = (
    "key_result",
    "key_result_type",
    "start",
    "target",
    "unit",
    "owner",
)

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 10_000
MAX_FIELD_CHARS = 100_000

_E = TypeVar("_E", GoalType, KeyResultKind)

# What a spreadsheet may read as the start of a formula (OWASP), and what marks a
# value as guarded. A plain number cannot do harm and is left readable.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)*%?")


def guard(value: str) -> str:
    """The value as written to the CSV: an apostrophe in front if a spreadsheet could run it."""
    if value.startswith(GUARD) or (
        value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value)
    ):
        return GUARD + value
    return value


def unguard(cell: str) -> str:
    """Undo `guard`: one apostrophe off only a cell that `guard` could have written.

    `unguard(guard(v)) == v` for every value, and a hand-written "'note" (an
    apostrophe not followed by a formula start or another apostrophe) stays as
    it is.
    """
    if cell.startswith(GUARD) and guard(cell[1:]) == cell:
        return cell[1:]
    return cell


# Excel only reads a CSV as UTF-8 when it starts with a byte order mark.
BOM = "\ufeff"


def dumps(workshop: Workshop) -> bytes:
    """The CSV export: UTF-8 with a byte order mark, CRLF line ends (RFC 4180)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for number, objective in enumerate(workshop.objectives, start=1):
        head = [
            str(number),
            guard(objective.text),
            objective.goal_type.value,
            guard(_priority_text(workshop, objective)),
        ]
        if not objective.key_results:
            writer.writerow(head + [""] * len(KEY_RESULT_COLUMNS))
        for kr in objective.key_results:
            texts = [guard(v) for v in (kr.start, kr.target, kr.unit, kr.owner)]
            writer.writerow(head + [guard(kr.text), kr.kind.value, *texts])
    try:
        return (BOM + out.getvalue()).encode("utf-8")
    except UnicodeEncodeError:
        # Only a lone surrogate can get here: it has no UTF-8 form at all.
        raise ExportError("the workshop contains text that cannot be written as UTF-8") from None


# The next steps file (format "steps", <team>-<period>.next-steps.csv): one row per step.
STEP_COLUMNS: tuple[str, ...] = ("step_no", "step", "owner", "due")


def dumps_next_steps(workshop: Workshop) -> bytes:
    """The wrap-up's next steps with owner and due date (YYYY-MM-DD, empty when none), in
    the same CSV dialect as `dumps`; lines left empty on the screen are left out."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(STEP_COLUMNS)
    steps = [s for s in workshop.next_steps if s.text or s.owner or s.due]
    for number, step in enumerate(steps, start=1):
        due = step.due.isoformat() if step.due else ""
        writer.writerow([str(number), guard(step.text), guard(step.owner), due])
    try:
        return (BOM + out.getvalue()).encode("utf-8")
    except UnicodeEncodeError:
        raise ExportError("the workshop contains text that cannot be written as UTF-8") from None


def _priority_text(workshop: Workshop, objective: Objective) -> str:
    index = objective.priority_index
    if index is None or not 0 <= index < len(workshop.priorities):
        return ""
    return workshop.priorities[index].text


@dataclass
class _Group:
    """The rows of one objective while the file is being read."""

    number: str
    row: int  # where it first appeared, for error messages
    text: str
    goal_type: GoalType
    priority: str
    key_results: list[KeyResult] = field(default_factory=list)


def loads(data: bytes, source: str, *, team: str = "", period: str = "") -> Workshop:
    """Read a CSV file into a Workshop, or raise ImportFileError naming the row and column."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(
            f"{source}: the file is {len(data) / 1024 / 1024:.1f} MB; "
            f"the limit is {MAX_FILE_BYTES // 1024 // 1024} MB"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(
            f"{source}: line {line}: not UTF-8 text; save the spreadsheet as "
            '"CSV UTF-8" and try again'
        ) from None

    rows = _rows(text, source)
    _, header = next(rows, (1, []))
    if not any(cell.strip() for cell in header):
        raise ImportFileError(f"{source}: row 1: the file is empty; expected a header row")
    columns = _columns(header, source)

    groups: list[_Group] = []
    by_number: dict[str, _Group] = {}
    count = 0
    for row_number, cells in rows:
        if not any(cells):
            continue  # blank lines between blocks are common in hand-made sheets
        count += 1
        if count > MAX_ROWS:
            raise ImportFileError(
                f"{source}: row {row_number}: more than {MAX_ROWS:,} rows; split the file"
            )
        if len(cells) > len(columns):
            raise ImportFileError(
                f"{source}: row {row_number}, column {len(columns) + 1}: "
                f"{len(cells)} values but the header has {len(columns)} columns"
            )
        values = dict.fromkeys(COLUMNS, "")
        for index, (column, cell) in enumerate(zip(columns, cells, strict=False)):
            if column is not None:
                values[column] = unguard(cell)
            elif cell:
                raise ImportFileError(
                    f"{source}: row {row_number}, column {index + 1}: a value under a column "
                    "with no name in the header"
                )
        group = _group_for(values, row_number, source, groups, by_number)
        kr = _key_result(values, row_number, source)
        if kr is not None:
            group.key_results.append(kr)
        _check_counts(groups, group, row_number, source)

    workshop = _workshop(groups, team=team, period=period)
    check_workshop(workshop, source)
    return workshop


def _check_counts(groups: list[_Group], group: _Group, row: int, source: str) -> None:
    """The app's list limits (workshop.core.exports.limits), checked on the row that goes over.

    Priorities are at most one per objective, and the rows cap the key results,
    so these two keep the whole workshop within MAX_TOTAL_ITEMS as well.
    """
    if len(groups) > MAX_LIST_ITEMS:
        raise ImportFileError(
            f"{source}: row {row}: more than {MAX_LIST_ITEMS:,} objectives, the most one "
            "workshop holds"
        )
    if len(group.key_results) > MAX_LIST_ITEMS:
        raise ImportFileError(
            f"{source}: row {row}: more than {MAX_LIST_ITEMS:,} key results under one "
            "objective, the most it holds"
        )


def _rows(text: str, source: str) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) per record; ImportFileError on broken quoting or a huge field."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    row_number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            # csv's own message ("unexpected end of data", "field larger than field
            # limit") plus where it happened; a field over the csv module's limit is
            # over ours too.
            problem = str(error)
            if "field limit" in problem:
                problem = f"a value is longer than {MAX_FIELD_CHARS:,} characters"
            elif "unexpected end of data" in problem:
                problem = 'a quoted value is never closed (a " is missing)'
            raise ImportFileError(
                f"{source}: row {row_number + 1} (line {reader.line_num}): {problem}"
            ) from None
        row_number += 1
        for index, cell in enumerate(cells):
            if len(cell) > MAX_FIELD_CHARS:
                raise ImportFileError(
                    f"{source}: row {row_number}, column {index + 1}: the value is "
                    f"{len(cell):,} characters; the limit is {MAX_FIELD_CHARS:,}"
                )
        yield row_number, cells


def _normalise_name(name: str) -> str:
    """'Key Result', ' key-result ', 'KEY_RESULT' -> 'key_result'."""
    return "_".join(name.strip().lower().replace("-", " ").replace("_", " ").split())


def _columns(header: list[str], source: str) -> list[str | None]:
    """The normalised column names, None for a blank header cell.

    Unknown and repeated names are errors, so a typo ("ower") cannot silently drop
    a column. Blank header cells (spreadsheets add them) are allowed as long as
    nothing is written under them.
    """
    columns: list[str | None] = []
    for index, raw in enumerate(header):
        name = _normalise_name(raw)
        where = f"{source}: row 1, column {index + 1}"
        if not name:
            columns.append(None)
            continue
        if name not in COLUMNS:
            shown = raw if len(raw) <= 40 else raw[:37] + "..."
            raise ImportFileError(
                f"{where}: unknown column {shown!r}; the columns are: {', '.join(COLUMNS)}"
            )
        if name in columns:
            raise ImportFileError(f"{where}: the column {name!r} appears twice")
        columns.append(name)
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise ImportFileError(f"{source}: row 1: the header has no {missing[0]!r} column")
    return columns


def _group_for(
    values: dict[str, str],
    row: int,
    source: str,
    groups: list[_Group],
    by_number: dict[str, _Group],
) -> _Group:
    """The objective this row belongs to, starting a new one when needed.

    Rows with the same `objective_no` belong together. Without a number, a row
    continues the previous objective when its objective text is blank or the
    same. On a continuing row the objective columns may be left blank (as in a
    sheet where they were typed once); if filled, they must agree.
    """
    number = values["objective_no"].strip()
    if number:
        if not number.isdigit() or int(number) < 1:
            raise ImportFileError(
                f"{source}: row {row}, column 'objective_no': must be a whole number from 1 "
                f"(got {_short(number)})"
            )
        key = str(int(number))
        group = by_number.get(key)
    else:
        key = ""
        last = groups[-1] if groups else None
        continues = (
            last is not None and not last.number and values["objective"] in ("", last.text)
        )
        group = last if continues else None

    if group is None:
        goal_type = _choice(values, "objective_type", GoalType, GoalType.COMMITTED, row, source)
        group = _Group(key, row, values["objective"], goal_type, values["priority"])
        groups.append(group)
        if key:
            by_number[key] = group
        return group

    if values["objective_type"].strip():
        goal_type = _choice(values, "objective_type", GoalType, group.goal_type, row, source)
        _agree(goal_type == group.goal_type, "objective_type", row, group, source)
    for column, expected in (("objective", group.text), ("priority", group.priority)):
        if values[column]:
            _agree(values[column] == expected, column, row, group, source)
    return group


def _agree(same: bool, column: str, row: int, group: _Group, source: str) -> None:
    if not same:
        which = f"objective_no {group.number}" if group.number else "the objective above"
        raise ImportFileError(
            f"{source}: row {row}, column {column!r}: differs from row {group.row} "
            f"({which}); leave it blank or make it the same"
        )


def _key_result(values: dict[str, str], row: int, source: str) -> KeyResult | None:
    """The row's key result, or None when every key result column is empty."""
    if not any(values[c] for c in KEY_RESULT_COLUMNS):
        return None
    kind = _choice(values, "key_result_type", KeyResultKind, KeyResultKind.METRIC, row, source)
    return KeyResult(
        text=values["key_result"],
        kind=kind,
        start=values["start"],
        target=values["target"],
        unit=values["unit"],
        owner=values["owner"],
    )


def _choice(
    values: dict[str, str], column: str, enum: type[_E], default: _E, row: int, source: str
) -> _E:
    raw = values[column]
    if not raw.strip():
        return default
    try:
        return enum(raw.strip().lower())
    except ValueError:
        allowed = " or ".join(repr(m.value) for m in enum)
        raise ImportFileError(
            f"{source}: row {row}, column {column!r}: must be {allowed} (got {_short(raw)})"
        ) from None


def _workshop(groups: list[_Group], *, team: str, period: str) -> Workshop:
    priorities: list[Priority] = []
    index_of: dict[str, int] = {}
    objectives: list[Objective] = []
    for group in groups:
        priority_index = None
        if group.priority:
            if group.priority not in index_of:
                index_of[group.priority] = len(priorities)
                priorities.append(Priority(text=group.priority))
            priority_index = index_of[group.priority]
        objectives.append(
            Objective(
                text=group.text,
                goal_type=group.goal_type,
                priority_index=priority_index,
                key_results=group.key_results,
            )
        )
    return Workshop(team=team, period=period, priorities=priorities, objectives=objectives)


def _short(value: str) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
