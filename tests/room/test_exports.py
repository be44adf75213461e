"""The room in the exports: a "room" section in the JSON, a second CSV beside the main one."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from workshop.cli import main
from workshop.core.db.store import Item, Store
from workshop.core.exports import export_workshop, read_import, render
from workshop.core.room.rules import KEY_RESULT, NS, PRIORITY, Activity, Room
from workshop.core.session.session import WorkshopSession


def run_a_room(store: Store, agenda, clock) -> int:
    """A workshop whose room wrote, merged, voted, promoted and answered; its id."""
    session = WorkshopSession.create(store, agenda, clock=clock, wall=clock.wall, team="Payments")
    objective = session.add(Item.OBJECTIVE, session.workshop_id, text="Delight customers")
    session.add(Item.KEY_RESULT, objective, text="Raise NPS")
    room = Room(persist=session.save_room, wall=clock.wall)
    ana, ben = room.join(room.code, "Ana"), room.join(room.code, "")
    room.set_activity(Activity(PRIORITY))
    first = room.submit(ana, '=HYPERLINK("http://x")', why="formula-looking on purpose")
    dup = room.submit(ben, "Grow repeat customers")
    room.reveal()
    room.vote(ana, first.note_no, 1)
    room.vote(ben, dup.note_no, 1)
    room.merge(dup.note_no, first.note_no)
    room.promote(first.note_no, "priority")
    room.set_activity(Activity(KEY_RESULT, target_id=objective))
    room.submit(ben, "Cut refunds", start="8%", target="3%")
    room.set_activity(Activity(NS, target_id=objective, questions=("Necessary?", "Enough?")))
    room.answer(ana, 0, True)
    room.answer(ben, 0, False)
    room.reveal()
    workshop_id = session.workshop_id
    session.close()
    return workshop_id


def record_of(store: Store, workshop_id: int):
    from workshop.core.room.rows import load_record

    return store.read_with(lambda s: load_record(s, workshop_id))


def test_the_json_export_has_the_room_and_still_imports(store, agenda, clock, tmp_path):
    workshop_id = run_a_room(store, agenda, clock)
    workshop, room = store.load(workshop_id), record_of(store, workshop_id)
    document = json.loads(render(workshop, "json", room=room))
    section = document["room"]
    assert [p["name"] for p in section["people"]] == ["Ana", ""]
    notes = {n["text"]: n for n in section["notes"]}
    first = notes['=HYPERLINK("http://x")']
    assert (first["author"], first["promoted_to"], first["dots"]) == ("Ana", "priority", 2)
    assert notes["Grow repeat customers"]["group_no"] == first["no"]
    assert notes["Cut refunds"]["objective_no"] == 1 and notes["Cut refunds"]["start"] == "8%"
    assert {(a["question_no"], a["answer"]) for a in section["answers"]} == {(1, True), (1, False)}
    assert first["written_at"] == "2027-01-12T09:00:00+00:00"  # when it was written, UTC
    # The file still imports (the room is a record to read, not imported).
    path = tmp_path / "w.json"
    path.write_bytes(render(workshop, "json", room=room))
    assert read_import(path).team == "Payments"
    # Without a room the export is as it always was.
    assert "room" not in json.loads(render(workshop, "json"))


def test_the_csv_export_writes_the_rooms_csv_beside_it_spreadsheet_safe(
    store, agenda, clock, tmp_path
):
    workshop_id = run_a_room(store, agenda, clock)
    workshop, room = store.load(workshop_id), record_of(store, workshop_id)
    main_csv = export_workshop(workshop, "csv", tmp_path / "payments.csv", room=room)
    rows = list(
        csv.DictReader(io.StringIO((tmp_path / "payments-room.csv").read_text("utf-8-sig")))
    )
    assert main_csv.read_bytes() == render(workshop, "csv")  # the main CSV is unchanged
    notes = [r for r in rows if r["record"] == "note"]
    assert notes[0]["text"] == '\'=HYPERLINK("http://x")'  # guarded against formulas
    assert (notes[0]["author"], notes[0]["dots"], notes[0]["voters"]) == ("Ana", "2", "2")
    assert notes[1]["group_no"] == notes[0]["no"]
    answers = [r for r in rows if r["record"] == "answer"]
    assert sorted(r["text"] for r in answers) == ["no", "yes"]


def test_the_command_line_exports_the_room(agenda, clock, tmp_path):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    store = Store.open(url)
    workshop_id = run_a_room(store, agenda, clock)
    store.close()
    runner = CliRunner()
    out = tmp_path / "out.json"
    result = runner.invoke(
        main, ["--db", url, "export", str(workshop_id), "--format", "json", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert len(json.loads(out.read_text())["room"]["notes"]) == 3
    result = runner.invoke(
        main,
        [
            "--db",
            url,
            "export",
            str(workshop_id),
            "--format",
            "csv",
            "-o",
            str(tmp_path / "out.csv"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out-room.csv").exists()


def test_the_handout_gets_an_appendix_of_the_rooms_suggestions_and_votes(
    store, agenda, clock, tmp_path
):
    from workshop.core.exports.pdf import handout_html

    workshop_id = run_a_room(store, agenda, clock)
    workshop, room = store.load(workshop_id), record_of(store, workshop_id)
    html = handout_html(workshop, room=room)
    # Listed on the first page's contents, and there at the end.
    assert '<a href="#room">Appendix: the room' in html
    appendix = html[html.index('<h2 id="room"') :]
    # The N&S question is named by the key result it asked about, not by its number.
    assert "Is key result 1.1 necessary? Raise NPS" in appendix
    assert "Same idea: Grow repeat customers" in appendix  # the merged duplicate
    assert "Cut refunds (from 8% to 3%)" in appendix and "(objective 1)" in appendix
    assert "<td>anonymous</td>" in appendix and "split" in appendix
    assert "✓ =HYPERLINK" in appendix  # the promoted note, escaped text, marked
    assert "Appendix: the room" not in handout_html(workshop)  # no room, no appendix
    pdf = export_workshop(workshop, "pdf", tmp_path / "h.pdf", room=room)
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "the room's suggestions and votes" in text
