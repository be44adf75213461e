"""The JSON export's company links and room: export, import into a fresh database, export
again, and the bytes are the same; older files still import; hostile values are refused
in one line naming the JSON path, before anything is stored.

Driven through the command line (`okr-workshop export/import`, in process), on SQLite
and PostgreSQL (`database_url`).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.org.sample import build_organisation
from tests.room.test_exports import run_a_room
from workshop.cli import main
from workshop.core.db.errors import open_store
from workshop.core.db.store import Item, Store
from workshop.core.exports import ImportFileError, read_import_all
from workshop.core.org.rows import load_organisation, org_links
from workshop.core.room.rows import load_record


@pytest.fixture
def fresh_url(database_url: str, request: pytest.FixtureRequest, tmp_path: Path):
    """A second empty database of the same kind as `database_url`."""
    counter = iter(range(1, 100))

    def make() -> str:
        if database_url.startswith("sqlite"):
            return f"sqlite:///{tmp_path / f'fresh-{next(counter)}.db'}"
        return request.getfixturevalue("postgres_databases").create()

    return make


def cli(url: str, *args: str) -> Any:
    result = CliRunner().invoke(main, ["--db", url, *args], catch_exceptions=False)
    return result


def export_json(url: str, workshop_id: int, path: Path) -> bytes:
    result = cli(url, "export", str(workshop_id), "--format", "json", "-o", str(path))
    assert result.exit_code == 0, result.output
    return path.read_bytes()


def import_file(url: str, path: Path, *extra: str) -> tuple[int, list[str]]:
    """The new workshop's id (stdout) and the lines said on stderr."""
    result = cli(url, "import", str(path), *extra)
    assert result.exit_code == 0, result.output
    return int(result.stdout), result.stderr.splitlines()


def opened(url: str) -> Store:
    return open_store(url)


# -- the room ---------------------------------------------------------------------------


def test_the_room_round_trips_exactly(database_url, fresh_url, agenda, clock, tmp_path):
    store = opened(database_url)
    workshop_id = run_a_room(store, agenda, clock)
    first = export_json(database_url, workshop_id, tmp_path / "first.json")
    assert json.loads(first)["room"]["notes"]  # the room is in the file

    url = fresh_url()
    new_id, said = import_file(url, tmp_path / "first.json")
    assert said == ["The room came back: 2 device(s), 3 note(s), 2 vote(s), 2 N&S answer(s)."]
    second = export_json(url, new_id, tmp_path / "second.json")
    assert second == first

    # The records themselves, not only their export: the objective is the new one's.
    again = opened(url)
    before = store.read_with(lambda s: load_record(s, workshop_id))
    after = again.read_with(lambda s: load_record(s, new_id))
    real = again.load(new_id).objectives[0].id
    assert [n.target_id for n in after.notes] == [None, None, real]
    assert {a.objective_id for a in after.answers} == {real}
    strip = {"notes": {"__all__": {"target_id"}}, "answers": {"__all__": {"objective_id"}}}
    # Dots taken back or moved by a merge (a vote of 0) are not in the file, and mean nothing.
    before.votes = [v for v in before.votes if v.dots > 0]
    assert after.model_dump(exclude=strip) == before.model_dump(exclude=strip)


def test_hostile_room_text_round_trips_verbatim(database_url, fresh_url, agenda, clock, tmp_path):
    """NUL, bidi controls, markup and formula-looking text come back exactly."""
    from workshop.core.room.rules import KEY_RESULT, Activity, Room
    from workshop.core.session.session import WorkshopSession

    store = opened(database_url)
    session = WorkshopSession.create(store, agenda, clock=clock, wall=clock.wall, team="T")
    objective = session.add(Item.OBJECTIVE, session.workshop_id, text="O")
    room = Room(persist=session.save_room, wall=clock.wall)
    ana = room.join(room.code, "Ana \x00 [b]x[/b]")
    room.set_activity(Activity(KEY_RESULT, target_id=objective))
    room.submit(ana, "NPS \u202e from \x1b[2J", start='=cmd|"/c calc"!A1', target="<45>")
    workshop_id = session.workshop_id
    session.close()
    first = export_json(database_url, workshop_id, tmp_path / "first.json")
    url = fresh_url()
    new_id, _ = import_file(url, tmp_path / "first.json")
    assert export_json(url, new_id, tmp_path / "second.json") == first


# -- the company links --------------------------------------------------------------------


def test_company_links_round_trip_into_a_database_with_the_company(
    database_url, fresh_url, tmp_path
):
    store = opened(database_url)
    org = build_organisation(store)
    growth = org["teams"]["Growth"]
    company_file = tmp_path / "company.json"
    export_json(database_url, org["company"], company_file)
    assert json.loads(company_file.read_bytes())["workshop"]["level"] == "company"
    first = export_json(database_url, growth, tmp_path / "growth.json")
    data = json.loads(first)["workshop"]
    assert data["company"] == {"name": "Acme Group", "period": "2027-Q1"}
    assert [o.get("company_link") for o in data["objectives"]] == [
        {
            "objective_no": 2,
            "key_result_no": 1,
            "text": "Open sales in Spain and Poland by the end of March",
        },
        {"objective_no": 1, "text": "Customers recommend us to their friends"},
    ]

    url = fresh_url()
    other = opened(url)
    other.create_workshop(team="Someone else first", period="2027-Q1")  # ids differ here
    company_id, said = import_file(url, company_file)
    assert said == []  # a company workshop links to nothing itself
    new_id, said = import_file(url, tmp_path / "growth.json")
    assert said == [
        f"Linked to the company workshop {company_id}, 'Acme Group' 2027-Q1: "
        "2 of 2 objective links kept."
    ]
    assert export_json(url, new_id, tmp_path / "again.json") == first
    # The alignment sees the team under the company, as in the first database.
    organisation = load_organisation(other, company_id)
    assert [t.name for t in organisation.teams] == ["Growth"]
    assert export_json(url, company_id, tmp_path / "c2.json") == company_file.read_bytes()


def test_an_import_without_the_company_succeeds_and_says_the_link_was_dropped(
    database_url, fresh_url, tmp_path
):
    store = opened(database_url)
    org = build_organisation(store)
    first = export_json(database_url, org["teams"]["Payments"], tmp_path / "payments.json")

    url = fresh_url()
    new_id, said = import_file(url, tmp_path / "payments.json")
    assert said == [
        "The company link was not kept: this database has no company workshop "
        "'Acme Group' 2027-Q1; import the company's export with --company first, then this "
        "file again, or link it on the objectives stage."
    ]
    links = org_links(opened(url), new_id)
    assert links.company_id is None and set(links.objectives.values()) == {(None, None)}
    # Everything else came back; only the link keys are missing from the export.
    expected = json.loads(first)
    del expected["workshop"]["company"]
    for objective in expected["workshop"]["objectives"]:
        objective.pop("company_link", None)
    assert json.loads(export_json(url, new_id, tmp_path / "again.json")) == expected


def test_links_the_company_no_longer_has_are_dropped_one_line(database_url, tmp_path):
    """The company's OKRs were edited since the export: what still reads the same is kept
    (found by its text even when moved), the rest is named in one line."""
    store = opened(database_url)
    org = build_organisation(store)
    export_json(database_url, org["teams"]["Payments"], tmp_path / "payments.json")
    # Reword the key result objective 1's link names; move the other one's objective.
    store.update(Item.KEY_RESULT, org["key_results"][0][1], text="Cut tickets per order in half")
    store.move(Item.OBJECTIVE, org["objectives"][1], -1)
    new_id, said = import_file(database_url, tmp_path / "payments.json")
    assert said == [
        f"Linked to the company workshop {org['company']}, 'Acme Group' 2027-Q1: "
        "1 of 2 objective links kept.",
        "Not kept, the company's OKRs here no longer have what they linked to: objective 1 "
        "(to 'Cut support tickets per order from 0.8 …'). Link them again on the objectives "
        "stage.",
    ]
    links = org_links(store, new_id)
    ids = store.load(new_id).objectives
    assert links.of(ids[1].id or 0) == (None, org["key_results"][1][0])


def test_an_export_without_the_new_keys_still_imports(database_url, tmp_path):
    """A file from before the links and the room came back (schema 1 all along)."""
    path = tmp_path / "old.json"
    path.write_text(
        json.dumps(
            {
                "format": "okr-workshop",
                "schema_version": 1,
                "workshop": {
                    "team": "Old",
                    "period": "2026-Q4",
                    "objectives": [{"text": "Ship it", "key_results": [{"text": "Ship 3"}]}],
                },
            }
        ),
        encoding="utf-8",
    )
    new_id, said = import_file(database_url, path)
    assert said == []
    store = opened(database_url)
    assert store.load(new_id).objectives[0].text == "Ship it"
    assert org_links(store, new_id).company_id is None
    assert store.read_with(lambda s: load_record(s, new_id)).empty


# -- hostile values ----------------------------------------------------------------------


def _exported(tmp_path: Path) -> dict:
    """A small export with a room and company links, as a dict to spoil."""
    return {
        "format": "okr-workshop",
        "schema_version": 1,
        "workshop": {
            "team": "T",
            "period": "P",
            "company": {"name": "Acme", "period": "P"},
            "objectives": [
                {"text": "O", "company_link": {"objective_no": 1, "text": "C"}},
            ],
        },
        "room": {
            "people": [{"device_no": 1, "name": "Ana", "joined_at": "2027-01-12T09:00:00+00:00"}],
            "notes": [
                {
                    "no": 1,
                    "kind": "key_result",
                    "objective_no": 1,
                    "text": "Cut refunds",
                    "device_no": 1,
                    "written_at": "2027-01-12T09:00:00+00:00",
                    "dots": 2,
                },
                {
                    "no": 2,
                    "kind": "priority",
                    "text": "x",
                    "device_no": 1,
                    "group_no": 1,
                    "written_at": "2027-01-12T09:00:00+00:00",
                },
            ],
            "votes": [
                {"note_no": 1, "device_no": 1, "dots": 2, "voted_at": "2027-01-12T09:01:00Z"}
            ],
            "answers": [
                {
                    "objective_no": 1,
                    "question_no": 1,
                    "device_no": 1,
                    "answer": True,
                    "answered_at": "2027-01-12T09:02:00+00:00",
                }
            ],
        },
    }


def _set(document: dict, path: str, value: Any) -> dict:
    """Set (or with value ... delete) a dotted path such as 'room.notes.0.kind'."""
    document = copy.deepcopy(document)
    *parents, last = path.split(".")
    target: Any = document
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    key: Any = int(last) if last.isdigit() else last
    if value is ...:
        del target[key]
    else:
        target[key] = value
    return document


HOSTILE = [
    ("workshop.level", "boss", '$.workshop.level: expected "team" or "company" (got \'boss\')'),
    ("workshop.company", "Acme", "$.workshop.company: expected an object or null"),
    ("workshop.company.name", 7, "$.workshop.company.name: expected text (got 7)"),
    ("workshop.company.period", ..., "$.workshop.company.period: is required"),
    ("workshop.company.id", 3, "$.workshop.company.id: not a known field"),
    ("workshop.company", {"workshop_id": True}, "$.workshop.company.workshop_id: expected a whole"),
    ("workshop.company", {"workshop_id": -4}, "$.workshop.company.workshop_id: must be from 1"),
    (
        "workshop.company",
        {"workshop_id": 10**30},
        "$.workshop.company.workshop_id: a number with 31 digits is out of range",
    ),
    ("workshop.company", ..., "$.workshop.objectives[0].company_link: a link to the company needs"),
    ("workshop.objectives.0.company_link.objective_no", 0, "company_link.objective_no: must be"),
    ("workshop.objectives.0.company_link.objective_no", "1", "company_link.objective_no: expected"),
    ("workshop.objectives.0.company_link.text", ["C"], "company_link.text: expected text"),
    ("workshop.objectives.0.company_link.key_result_id", 5, "company_link.key_result_id: not a"),
    ("workshop.objectives.0.company_link", 1, "$.workshop.objectives[0].company_link: expected"),
    ("room.people", "everyone", "$.room.people: input should be a valid list"),
    ("room.people.0.device_no", "1", "$.room.people[0].device_no: input should be a valid int"),
    ("room.people.0.device_no", 0, "$.room.people[0].device_no: must be from 1"),
    ("room.people.0.role", "admin", "$.room.people[0].role: extra inputs are not permitted"),
    ("room.people.0.joined_at", "yesterday", "$.room.people[0].joined_at: input should be"),
    ("room.notes.0.kind", "evil", "$.room.notes[0].kind: expected one of priority"),
    ("room.notes.0.objective_no", 2, "$.room.notes[0].objective_no: there is no objective 2"),
    ("room.notes.0.text", "x" * 100_001, "$.room.notes[0].text: too long: 100,001 characters"),
    ("room.notes.0.text", "\ud800", "$.room.notes[0].text: the text holds U+D800"),
    ("room.notes.0.dots", 3, "$.room.notes[0].dots: 3 does not match the votes on note 1"),
    ("room.notes.0.written_at", "0001-01-01T00:00:00Z", "written_at: the year must be from 1900"),
    ("room.notes.1.group_no", 2, "$.room.notes[1].group_no: must be another note's no (got 2)"),
    ("room.notes.1.no", 1, "$.room.notes[1].no: note 1 is listed twice"),
    ("room.notes.0.promoted_to", "admin", "$.room.notes[0].promoted_to: expected one of"),
    ("room.votes.0.note_no", 9, "$.room.votes[0].note_no: there is no note 9 in $.room.notes"),
    ("room.votes.0.dots", 1e999, "$.room.votes[0].dots: the number is too large"),
    ("room.answers.0.answer", "yes", "$.room.answers[0].answer: input should be a valid boolean"),
    ("room.answers.0.question_no", 0, "$.room.answers[0].question_no: must be from 1"),
    ("room.answers.0.objective_no", 3, "$.room.answers[0].objective_no: there is no objective 3"),
    ("room.ballots", [], "$.room.ballots: extra inputs are not permitted"),
]


@pytest.mark.parametrize(("path", "value", "expected"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_values_are_refused_in_one_line(tmp_path, path, value, expected):
    file = tmp_path / "bad.json"
    document = _set(_exported(tmp_path), path, value)
    file.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ImportFileError) as caught:
        read_import_all(file)
    message = str(caught.value)
    assert message.startswith(f"{file}: ")
    assert expected in message, message
    assert "\n" not in message


def test_the_unspoilt_document_imports(database_url, tmp_path):
    """The base of the hostile cases is itself a good file (so each case tests one thing)."""
    file = tmp_path / "good.json"
    file.write_text(json.dumps(_exported(tmp_path)), encoding="utf-8")
    new_id, said = import_file(database_url, file)
    assert said[0].startswith("The room came back: 1 device(s), 2 note(s), 1 vote(s)")
    assert said[1].startswith("The company link was not kept")


def test_a_refused_file_stores_nothing(database_url, tmp_path):
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(_set(_exported(tmp_path), "room.notes.0.kind", "x")), "utf-8")
    result = cli(database_url, "import", str(file))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "$.room.notes[0].kind" in result.stderr
    assert opened(database_url).list_workshops() == []


def test_a_big_room_imports_and_a_flood_is_refused(tmp_path):
    """A day with 300 devices votes more than the 1,000 items other lists hold."""
    document = _exported(tmp_path)
    when = "2027-01-12T09:00:00+00:00"
    room = document["room"]
    room["people"] = [{"device_no": d, "joined_at": when} for d in range(1, 1501)]
    room["votes"] = [
        {"note_no": 1, "device_no": d, "dots": 1, "voted_at": when} for d in range(1, 1501)
    ]
    room["notes"][0]["dots"] = 1500
    file = tmp_path / "big.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    imported = read_import_all(file)
    assert imported.room is not None and len(imported.room.section.votes) == 1500

    room["people"] = [{"device_no": 1, "joined_at": when}] * 50_001
    file.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"\$\.room\.people: 50,001 items; the most"):
        read_import_all(file)


def test_links_by_id_are_kept_only_if_they_are_the_companys_own(database_url, tmp_path):
    """A recovery file's links (by id): each must be a company objective or key result of
    that company workshop here; the others are named, at most three, in one line."""
    store = opened(database_url)
    org = build_organisation(store)
    other_team_objective = store.load(org["teams"]["Platform"]).objectives[0].id
    links = [{"key_result_id": org["key_results"][1][2]}, {"objective_id": org["objectives"][0]}]
    links += [{"key_result_id": 999_999}, {"objective_id": other_team_objective}]
    links += [{"key_result_id": 999_998}, {"key_result_id": 999_997}]
    file = tmp_path / "recovered.json"
    file.write_text(
        json.dumps(
            {
                "format": "okr-workshop",
                "schema_version": 1,
                "workshop": {
                    "team": "Growth",
                    "company": {"workshop_id": org["company"]},
                    "objectives": [
                        {"text": f"O{n}", "company_link": link} for n, link in enumerate(links)
                    ],
                },
            }
        ),
        encoding="utf-8",
    )
    new_id, said = import_file(database_url, file)
    assert said == [
        f"Linked to the company workshop {org['company']}, 'Acme Group' 2027-Q1: "
        "2 of 6 objective links kept.",
        "Not kept, the company's OKRs here no longer have what they linked to: objective 3 "
        "(to the company key result with id 999999); objective 4 (to the company objective "
        f"with id {other_team_objective}); objective 5 (to the company key result with id "
        "999998); and 1 more. Link them again on the objectives stage.",
    ]
    kept = org_links(store, new_id)
    ids = [o.id or 0 for o in store.load(new_id).objectives]
    assert [kept.of(i) for i in ids[:3]] == [
        (None, org["key_results"][1][2]),
        (org["objectives"][0], None),
        (None, None),
    ]
    # A workshop id that is not a company's is no company.
    document = json.loads(file.read_text())
    document["workshop"]["company"] = {"workshop_id": org["teams"]["Platform"]}
    file.write_text(json.dumps(document), encoding="utf-8")
    _, said = import_file(database_url, file)
    assert said == [
        f"The company link was not kept: this database has no company workshop "
        f"{org['teams']['Platform']}; import the company's export with --company first, then "
        "this file again, or link it on the objectives stage."
    ]
