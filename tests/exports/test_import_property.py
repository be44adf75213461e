"""Any file at all: either a workshop that opens, exports in every format and comes back
unchanged, or one line naming the problem and nothing stored. Never a traceback.

The JSON inputs start from valid exports and then break them the ways an attacker
(or a careless script) would: numbers out of range, too long to convert or
infinite, lone surrogates, huge lists, wrong types, path-like time zones. The
CSV inputs are arbitrary text and bytes over the CSV's own alphabet.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.exports.strategies import csv_workshops, workshops
from workshop.core.agenda.model import load_agenda
from workshop.core.db.store import Store
from workshop.core.domain import Workshop
from workshop.core.exports import ImportFileError, csv_format, json_format, read_import, render
from workshop.core.session.session import WorkshopSession

AGENDA = load_agenda()
# PDF is by far the slowest format; it gets its own, smaller run below.
QUICK_FORMATS = ("json", "csv", "md", "ics")

RAW_VALUES = [
    "1e999",
    "-1e999",
    "NaN",
    "Infinity",
    "9" * 5000,
    "-" + "9" * 30,
    str(10**30),
    "-1",
    "1e300",
    "0.5",
    "true",
    "null",
    '"\\ud800"',
    '"\\udfff tail"',
    '"../../etc/passwd"',
    '"Europe"',
    '"Mars/Base"',
    '"UTC"',
    '"Europe/Berlin"',
    '"9999-12-31T23:59:59-12:00"',
    '"0001-01-01T00:00:00+14:00"',
    '"1899-12-31"',
    '"9.9"',
    '"0.0"',
    '"00.0"',
    '""',
    "[" + ",".join(["1"] * 1001) + "]",
    "{}",
    "[]",
]


def _paths(value, loc=()):
    """Every location in a JSON document (objects and lists), to pick one to break."""
    yield loc
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*loc, index))


@st.composite
def broken_json(draw: st.DrawFn) -> bytes:
    """A valid export with a few values (or keys) replaced by hostile raw JSON."""
    document = json_format.envelope(draw(workshops()))
    marks: dict[str, str] = {}
    for n in range(draw(st.integers(0, 3))):
        paths = [p for p in _paths(document) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = document
        for part in path[:-1]:
            parent = parent[part]
        mark = f"@@RAW{n}@@"
        marks[mark] = draw(st.sampled_from(RAW_VALUES))
        if isinstance(parent, dict) and draw(st.booleans()):
            parent[
                draw(st.sampled_from(["participants", "extra", "timezone", "current_stage"]))
            ] = mark
        else:
            parent[path[-1]] = mark
    text = json.dumps(document, ensure_ascii=False)
    for mark, raw in marks.items():
        text = text.replace(json.dumps(mark), raw)
    return text.encode("utf-8", "surrogatepass")


CSV_ALPHABET = st.sampled_from(
    list(",\"\n\r'=+-@\t ab1Zé\x00\x1b\u202e") + ["objective", "key_result"]
)
csv_text = st.lists(CSV_ALPHABET, max_size=60).map("".join)


def _header(text: str) -> str:
    return (
        "objective_no,objective,objective_type,priority,key_result,key_result_type,start,target,unit,owner\n"
        + text
    )


def check_any_input(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        store = Store.open("sqlite://")
        try:
            try:
                workshop = read_import(path)
            except ImportFileError as error:
                message = str(error)
                assert message and "\n" not in message and "\r" not in message
                assert store.list_workshops() == []
                return
            opens_exports_and_comes_back(store, workshop, Path(folder), QUICK_FORMATS)
        finally:
            store.close()


def opens_exports_and_comes_back(
    store: Store, workshop: Workshop, folder: Path, formats: tuple[str, ...]
) -> None:
    workshop_id = store.import_workshop(workshop)
    stored = store.load(workshop_id)
    # Opens in the app: the session the app builds resumes, clock and all.
    session = WorkshopSession.resume(store, workshop_id, fallback_agenda=AGENDA)
    session.load()
    for fmt in formats:
        if fmt == "ics" and not stored.meetings:
            continue  # "no meetings to put in a calendar yet": a message, by design
        render(stored, fmt)
    again = folder / "again.json"
    again.write_bytes(render(stored, "json"))
    back = read_import(again)
    assert back == stored.model_copy(update={"id": None}) or _same_without_ids(back, stored)
    as_csv = folder / "again.csv"
    as_csv.write_bytes(render(stored, "csv"))
    assert render(read_import(as_csv), "csv") == render(stored, "csv")


def _same_without_ids(a: Workshop, b: Workshop) -> bool:
    return json_format.envelope(a) == json_format.envelope(b)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(broken_json())
def test_any_json_either_round_trips_or_is_one_line(data: bytes) -> None:
    check_any_input(data, "w.json")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=200))
def test_any_bytes_either_round_trip_or_are_one_line(data: bytes) -> None:
    check_any_input(data, "w.json")
    check_any_input(data, "w.csv")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(csv_text, st.booleans())
def test_any_csv_either_round_trips_or_is_one_line(text: str, header: bool) -> None:
    check_any_input((_header(text) if header else text).encode("utf-8"), "w.csv")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(csv_workshops())
def test_our_own_csv_comes_back_exactly(workshop: Workshop) -> None:
    data = csv_format.dumps(workshop)
    back = csv_format.loads(data, "w.csv")
    assert csv_format.dumps(back) == data
    assert [o.text for o in back.objectives] == [o.text for o in workshop.objectives]
    assert [o.key_results for o in back.objectives] == [o.key_results for o in workshop.objectives]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workshops())
def test_a_valid_import_also_makes_a_pdf(workshop: Workshop) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "w.json"
        path.write_bytes(json_format.dumps(workshop))
        store = Store.open("sqlite://")
        try:
            opens_exports_and_comes_back(store, read_import(path), Path(folder), ("pdf",))
        finally:
            store.close()
