"""JSON and CSV: exact round trips, the import rules, clear errors and the limits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tests.exports.hostile import HOSTILE, hostile_workshop
from tests.exports.sample import full_workshop
from tests.exports.strategies import csv_workshops, workshops
from workshop.core.db.store import Store
from workshop.core.domain import GoalType, KeyResultKind, Workshop
from workshop.core.exports import ImportFileError, csv_format, json_format, read_import, render
from workshop.core.exports.limits import MAX_LIST_ITEMS

# -- JSON ---------------------------------------------------------------------


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_json_envelope_and_no_ids() -> None:
    workshop = full_workshop().model_copy(update={"id": 7})
    document = json.loads(render(workshop, "json"))
    assert document["format"] == "okr-workshop"
    assert document["schema_version"] == 1
    assert document["workshop"]["team"] == "Customer Platform"
    assert '"id"' not in json.dumps(document)


@pytest.mark.parametrize("make", [full_workshop, hostile_workshop])
def test_json_round_trip_is_exact(tmp_path: Path, make) -> None:
    workshop = make()
    data = render(workshop, "json")
    back = read_import(_write(tmp_path, "w.json", data))
    assert back == workshop
    assert render(back, "json") == data


def test_json_round_trip_through_the_store(tmp_path: Path, any_store: Store) -> None:
    store = any_store  # a SQLite file, then PostgreSQL
    # Start from what the store can hold (it keeps no stage timings), then go round again.
    first = store.load(store.import_workshop(full_workshop()))
    data = render(first, "json")
    again = store.load(store.import_workshop(read_import(_write(tmp_path, "w.json", data))))
    assert render(again, "json") == data
    assert again.objectives[1].ns_test.passed is False


def test_json_hostile_text_survives_the_store(tmp_path: Path, any_store: Store) -> None:
    store = any_store  # a SQLite file, then PostgreSQL (which cannot hold NUL itself)
    first = store.load(store.import_workshop(hostile_workshop()))
    data = render(first, "json")
    again = store.load(store.import_workshop(read_import(_write(tmp_path, "w.json", data))))
    assert render(again, "json") == data
    assert "before\x00after" in again.participants


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(workshops())
def test_json_round_trip_property(workshop: Workshop) -> None:
    data = json_format.dumps(workshop)
    back = json_format.loads(data, "w.json")
    assert back == workshop
    assert json_format.dumps(back) == data


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{", "not valid JSON"),
        ("[]", "$: expected an object"),
        ('{"format": "other", "schema_version": 1, "workshop": {}}', "$.format"),
        ('{"format": "okr-workshop", "schema_version": 2, "workshop": {}}', "$.schema_version"),
        ('{"format": "okr-workshop", "schema_version": "1", "workshop": {}}', "$.schema_version"),
        ('{"format": "okr-workshop", "schema_version": 1}', "$.workshop: is required"),
        ('{"format": "okr-workshop", "schema_version": 1, "workshop": {}, "x": 1}', "$.x"),
        (
            '{"format": "okr-workshop", "schema_version": 1, "workshop": '
            '{"objectives": [{"text": "a"}, {"goal_type": "maybe"}]}}',
            "$.workshop.objectives[1].goal_type",
        ),
        (
            '{"format": "okr-workshop", "schema_version": 1, "workshop": '
            '{"objectives": [{"key_results": [{"txet": "typo"}]}]}}',
            "$.workshop.objectives[0].key_results[0].txet",
        ),
    ],
)
def test_json_errors_name_the_path(tmp_path: Path, content: str, expected: str) -> None:
    path = _write(tmp_path, "bad.json", content)
    with pytest.raises(ImportFileError) as caught:
        read_import(path)
    message = str(caught.value)
    assert expected in message
    assert str(path) in message
    assert "\n" not in message


def test_bad_import_leaves_the_store_unchanged(tmp_path: Path, any_store: Store) -> None:
    store = any_store  # a SQLite file, then PostgreSQL
    bad_json = _write(tmp_path, "bad.json", render(full_workshop(), "json")[:-40])
    bad_csv = _write(
        tmp_path, "bad.csv", "objective,key_result,key_result_type\na,b,metric\nc,d,kpi\n"
    )
    for path in (bad_json, bad_csv):
        with pytest.raises(ImportFileError):
            store.import_workshop(read_import(path))
    assert store.list_workshops() == []


def test_json_schema_describes_the_export() -> None:
    schema = json_format.json_schema()
    assert schema["properties"]["schema_version"] == {"const": 1}
    assert "Objective" in schema["$defs"]
    docs = Path(__file__).resolve().parents[2] / "docs" / "exports.schema.json"
    assert json.loads(docs.read_text()) == schema, "regenerate docs/exports.schema.json"


# -- CSV ----------------------------------------------------------------------


def test_csv_layout() -> None:
    rows = render(full_workshop(), "csv").decode("utf-8-sig").splitlines()
    assert rows[0] == ",".join(csv_format.COLUMNS)
    assert len(rows) == 1 + 25
    assert rows[1].startswith(
        "1,Make every new customer feel at home in their first week,committed,"
    )


def test_csv_objective_without_key_results_keeps_a_row(tmp_path: Path) -> None:
    workshop = full_workshop()
    workshop.objectives[2].key_results.clear()
    data = render(workshop, "csv")
    assert (
        "3,Become the team other teams ask for data,aspirational,Decide with data,,,,,,\r\n"
        in data.decode()
    )
    back = read_import(_write(tmp_path, "w.csv", data))
    assert back.objectives[2].key_results == []
    assert render(back, "csv") == data


@pytest.mark.parametrize("make", [full_workshop, hostile_workshop])
def test_csv_round_trip_is_exact(tmp_path: Path, make) -> None:
    data = render(make(), "csv")
    back = read_import(_write(tmp_path, "w.csv", data), team="T", period="P")
    assert (back.team, back.period) == ("T", "P")
    assert render(back, "csv") == data


def test_csv_keeps_hostile_values_verbatim(tmp_path: Path) -> None:
    back = read_import(_write(tmp_path, "w.csv", render(hostile_workshop(), "csv")))
    texts = {kr.text for o in back.objectives for kr in o.key_results}
    for value in HOSTILE.values():
        assert value in texts
    # The formula is guarded for spreadsheets (an apostrophe in front), and comes back as typed.
    assert "'=HYPERLINK(" in render(back, "csv").decode()


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(csv_workshops())
def test_csv_round_trip_property(workshop: Workshop) -> None:
    data = csv_format.dumps(workshop)
    back = csv_format.loads(data, "w.csv")
    assert csv_format.dumps(back) == data
    assert [o.text for o in back.objectives] == [o.text for o in workshop.objectives]
    assert [kr for o in back.objectives for kr in o.key_results] == [
        kr for o in workshop.objectives for kr in o.key_results
    ]


def test_csv_header_any_order_and_case_without_bom(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "sheet.csv",
        "Owner, KEY RESULT ,Objective,Key-Result-Type,Objective_Type,,\n"
        "Ana,Cut reply time,Delight customers,Milestone,Aspirational,,\n"
        "Ben,Raise score,,,,,\n"
        "Cy,Ship the guide,Delight customers,,,,\n"
        "Dee,Halve incidents,Be reliable,metric,committed,,\n",
    )
    workshop = read_import(path)
    assert [o.text for o in workshop.objectives] == ["Delight customers", "Be reliable"]
    first = workshop.objectives[0]
    assert first.goal_type is GoalType.ASPIRATIONAL
    assert [kr.owner for kr in first.key_results] == ["Ana", "Ben", "Cy"]
    assert first.key_results[0].kind is KeyResultKind.MILESTONE
    assert first.key_results[1].kind is KeyResultKind.METRIC
    assert workshop.team == ""


def test_csv_objective_numbers_keep_same_wording_apart(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "n.csv",
        "objective_no,objective,key_result\n1,Same,a\n2,Same,b\n1,Same,c\n",
    )
    workshop = read_import(path)
    assert [[kr.text for kr in o.key_results] for o in workshop.objectives] == [["a", "c"], ["b"]]


def test_csv_with_bom_and_priorities(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "p.csv",
        "\ufeffobjective,priority,key_result\nA,Grow,x\nB,Grow,y\nC,Keep,z\n",
    )
    workshop = read_import(path)
    assert [p.text for p in workshop.priorities] == ["Grow", "Keep"]
    assert [o.priority_index for o in workshop.objectives] == [0, 0, 1]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "row 1: the file is empty"),
        ("objective,owner\nA,B\n", "row 1: the header has no 'key_result' column"),
        ("objective,key_result,ower\nA,B,C\n", "row 1, column 3: unknown column 'ower'"),
        (
            "objective,key_result,Objective\n",
            "row 1, column 3: the column 'objective' appears twice",
        ),
        ("objective,key_result\nA,B\nC,D,E\n", "row 3, column 3: 3 values but the header has 2"),
        (
            "objective,key_result,key_result_type\nA,B,metric\nA,C,kpi\n",
            "row 3, column 'key_result_type': must be 'metric' or 'milestone'",
        ),
        (
            "objective,key_result,objective_type\nA,B,committed\nA,C,stretch\n",
            "row 3, column 'objective_type'",
        ),
        (
            "objective_no,objective,key_result\n1,A,B\nx,A,C\n",
            "row 3, column 'objective_no': must be a whole number",
        ),
        (
            "objective_no,objective,key_result\n1,A,B\n1,Other,C\n",
            "row 3, column 'objective': differs from row 2",
        ),
        (
            'objective,key_result\nA,"unterminated\n',
            "row 2 (line 2): a quoted value is never closed",
        ),
        (
            "objective,key_result,\nA,B,\nC,D,oops\n",
            "row 3, column 3: a value under a column with no name",
        ),
    ],
)
def test_csv_errors_name_row_and_column(tmp_path: Path, content: str, expected: str) -> None:
    path = _write(tmp_path, "bad.csv", content)
    with pytest.raises(ImportFileError) as caught:
        read_import(path)
    assert expected in str(caught.value)
    assert str(caught.value).startswith(str(path))
    assert "\n" not in str(caught.value)


def test_csv_not_utf8(tmp_path: Path) -> None:
    path = _write(tmp_path, "latin.csv", "objective,key_result\nCaf\xe9,x\n".encode("latin-1"))
    with pytest.raises(ImportFileError, match="line 2: not UTF-8"):
        read_import(path)


def _rows(count: int) -> str:
    """`count` rows: ten key results under each objective (within the objective limit)."""
    return "".join(f"O{i // 10},K{i}\n" for i in range(count))


def test_csv_refuses_too_many_rows(tmp_path: Path) -> None:
    path = _write(tmp_path, "big.csv", "objective,key_result\n" + _rows(csv_format.MAX_ROWS + 1))
    with pytest.raises(ImportFileError, match="row 10002: more than 10,000 rows"):
        read_import(path)


def test_csv_accepts_exactly_the_row_limit(tmp_path: Path) -> None:
    workshop = read_import(
        _write(tmp_path, "ok.csv", "objective,key_result\n" + _rows(csv_format.MAX_ROWS))
    )
    assert sum(len(o.key_results) for o in workshop.objectives) == csv_format.MAX_ROWS


def test_csv_refuses_more_objectives_than_a_workshop_holds(tmp_path: Path) -> None:
    rows = "".join(f"O{i},K{i}\n" for i in range(MAX_LIST_ITEMS + 1))
    path = _write(tmp_path, "wide.csv", "objective,key_result\n" + rows)
    with pytest.raises(ImportFileError, match="row 1002: more than 1,000 objectives"):
        read_import(path)


@pytest.mark.parametrize("size", [csv_format.MAX_FIELD_CHARS + 1, 200_000])
def test_csv_refuses_huge_fields(tmp_path: Path, size: int) -> None:
    path = _write(tmp_path, "wide.csv", f"objective,key_result\nA,{'x' * size}\n")
    with pytest.raises(ImportFileError, match="row 2.*100,000"):
        read_import(path)


def test_import_refuses_huge_files(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.write(b"objective,key_result\n")
        handle.truncate(21 * 1024 * 1024)
    with pytest.raises(ImportFileError, match="larger than 20 MB"):
        read_import(path)


def test_import_sniffs_json_without_extension(tmp_path: Path) -> None:
    path = _write(tmp_path, "export.txt", render(full_workshop(), "json"))
    assert read_import(path).team == "Customer Platform"
    assert read_import(path, team="Other").team == "Other"


def test_import_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="cannot read"):
        read_import(tmp_path / "nope.csv")
