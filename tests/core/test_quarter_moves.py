"""A key result moved or removed after its check-ins: its history and score stay with it.

The workshop stays editable after the quarter has begun (Alt+Up/Down moves a key result,
Ctrl+Del removes one). Entries name their key result by id as well as by position, and
are read against the workshop as it is now. These tests move and remove key results
through the store, as the app does, and read the quarter the way its screens and exports do.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from tests.core.quarter_sample import store_sample
from workshop.core.agenda.kinds import CHECKIN, QUARTER_END
from workshop.core.db.items import Item
from workshop.core.db.store import Store
from workshop.core.domain import Workshop
from workshop.core.exports.quarter import QuarterFiles, checkin_markdown, checkins_csv
from workshop.core.okr.checkins import CheckInLog
from workshop.core.okr.meetings import (
    CheckInEntry,
    CheckInRecord,
    QuarterEndRecord,
    QuarterSection,
    checkin_log,
    following_moves,
)
from workshop.core.okr.quarter_view import scorecard
from workshop.core.session.quarter import (
    import_quarter,
    load_quarter,
    meeting_fields,
    quarter_section,
)

JAN, FEB = dt.date(2027, 1, 19), dt.date(2027, 2, 16)
REPLY, CSAT = "Cut first reply time", "Raise CSAT"  # objective 1's key results, in order


def checked_in(
    subject: Workshop, day: dt.date, values: dict[tuple[int, int], str]
) -> CheckInRecord:
    """A check-in meeting's record made as the check-in screen makes it: with the ids."""
    log, record = CheckInLog(), CheckInRecord(date=day)
    for (o, k), value in values.items():
        log = log.record(subject, o, k, date=day, entered_by="Ben", value=value, confidence=6)
        check_in = log.latest(o, k)
        assert check_in is not None
        kr_id = subject.objectives[o].key_results[k].id
        record = record.appended(
            CheckInEntry(
                objective_index=o, key_result_index=k, key_result_id=kr_id, check_in=check_in
            )
        )
    return record


def history_by_text(subject: Workshop, records: list[CheckInRecord]) -> dict[str, list[str]]:
    """Each key result of objective 1, by the start of its words, with its check-ins' values."""
    log = checkin_log(subject, records)
    return {
        kr.text.split(" from")[0]: [c.value for c in log.history(0, k).check_ins]
        for k, kr in enumerate(subject.objectives[0].key_results)
    }


def kr_id(subject: Workshop, o: int, k: int) -> int:
    found = subject.objectives[o].key_results[k].id
    assert found is not None
    return found


def test_a_key_result_moved_after_its_check_ins_keeps_its_history(store: Store):
    subject_id = store_sample(store)
    before = store.load(subject_id)
    records = [checked_in(before, JAN, {(0, 0): "60", (0, 1): "72%"})]
    assert history_by_text(before, records) == {REPLY: ["60"], CSAT: ["72%"]}

    store.move(Item.KEY_RESULT, kr_id(before, 0, 1), -1)  # CSAT up: now 1.1
    after = store.load(subject_id)
    assert after.objectives[0].key_results[0].text.startswith(CSAT)
    assert history_by_text(after, records) == {CSAT: ["72%"], REPLY: ["60"]}

    # A check-in made after the move follows on from the right previous value.
    records.append(checked_in(after, FEB, {(0, 0): "80%", (0, 1): "48 hours"}))
    log = checkin_log(after, records)
    assert [(c.value, c.previous_value) for c in log.history(0, 0).check_ins] == [
        ("72%", None),
        ("80%", "72%"),
    ]
    assert [(c.value, c.previous_value) for c in log.history(0, 1).check_ins] == [
        ("60", None),
        ("48 hours", "60"),
    ]


def test_a_removed_key_result_s_check_ins_go_under_no_other(store: Store):
    subject_id = store_sample(store)
    before = store.load(subject_id)
    records = [checked_in(before, JAN, {(0, 0): "60", (0, 1): "72%"})]
    store.delete(Item.KEY_RESULT, kr_id(before, 0, 0))  # the reply-time key result goes
    after = store.load(subject_id)
    assert history_by_text(after, records) == {CSAT: ["72%"]}


def test_entries_made_before_ids_were_kept_are_read_by_position(store: Store):
    subject_id = store_sample(store)
    subject = store.load(subject_id)
    old = checked_in(subject, JAN, {(0, 0): "60", (0, 1): "72%"})
    old = old.model_copy(
        update={"entries": [e.model_copy(update={"key_result_id": None}) for e in old.entries]}
    )
    assert following_moves(subject, old) == old
    assert history_by_text(subject, [old]) == {REPLY: ["60"], CSAT: ["72%"]}


def test_a_score_stays_with_its_key_result_and_is_replaced_not_doubled(store: Store):
    subject_id = store_sample(store)
    before = store.load(subject_id)
    end = QuarterEndRecord(date=dt.date(2027, 3, 31))
    end = end.with_score(0, 0, 0.4, kr_id(before, 0, 0))  # reply time
    end = end.with_score(0, 1, 0.9, kr_id(before, 0, 1))  # CSAT
    store.move(Item.KEY_RESULT, kr_id(before, 0, 1), -1)
    after = store.load(subject_id)

    first = scorecard(after, CheckInLog(), end)[0]
    assert [(kr.line.key_result.text.split(" from")[0], kr.score) for kr in first.key_results] == [
        (CSAT, 0.9),
        (REPLY, 0.4),
    ]
    # Scoring CSAT again, at its new place, replaces its score.
    end = end.with_score(0, 0, 1.0, kr_id(after, 0, 0))
    assert len(end.scores) == 2
    assert following_moves(after, end).score(0, 0) == 1.0
    assert following_moves(after, end).score(0, 1) == 0.4


def test_the_exports_show_each_check_in_under_its_key_result_after_a_move(store: Store):
    subject_id = store_sample(store)
    before = store.load(subject_id)
    january = checked_in(before, JAN, {(0, 0): "60", (0, 1): "72%"})
    store.move(Item.KEY_RESULT, kr_id(before, 0, 1), -1)
    after = store.load(subject_id)

    files = QuarterFiles(after, [january], current=january)
    rows = csv.DictReader(io.StringIO(checkins_csv(files).decode("utf-8-sig")))
    assert [(r["key_result_no"], r["key_result"][:10], r["value"]) for r in rows][:2] == [
        ("1", CSAT[:10], "72%"),
        ("2", REPLY[:10], "60"),
    ]
    markdown = checkin_markdown(files).decode()
    assert "| 1.1 | Raise CSAT from 70% to 90% | 72% |" in markdown
    assert "| 1.2 | Cut first reply time from 72 to 24 hours | 60 |" in markdown


def store_meetings(
    store: Store, subject_id: int, *records: CheckInRecord | QuarterEndRecord
) -> None:
    subject = store.load(subject_id)
    for record in records:
        kind = CHECKIN if isinstance(record, CheckInRecord) else QUARTER_END
        store.create_workshop(**meeting_fields(subject, kind, record.model_dump_json()))


def test_the_json_file_names_key_results_where_they_are_and_imports_by_id(store: Store):
    subject_id = store_sample(store)
    before = store.load(subject_id)
    january = checked_in(before, JAN, {(0, 0): "60", (0, 1): "72%"})
    end = QuarterEndRecord(date=dt.date(2027, 3, 31)).with_score(0, 1, 0.9, kr_id(before, 0, 1))
    store_meetings(store, subject_id, january, end)
    store.move(Item.KEY_RESULT, kr_id(before, 0, 1), -1)

    section = quarter_section(store, subject_id)
    assert section is not None
    text = json.dumps(section)
    assert "key_result_id" not in text  # a file names key results by position
    entries = {
        (e["objective_index"], e["key_result_index"]): e["check_in"]["value"]
        for e in section["check_ins"][0]["entries"]
    }
    assert entries == {(0, 0): "72%", (0, 1): "60"}
    assert section["quarter_ends"][0]["scores"] == [
        {"objective_index": 0, "key_result_index": 0, "score": 0.9}
    ]

    # Imported into another store, the entries are named by that store's ids: a move
    # there keeps them with their key results too, and the file comes out the same.
    other = Store.open("sqlite://")
    try:
        copy_id = other.import_workshop(store.load(subject_id).model_copy(update={"id": None}))
        import_quarter(other, copy_id, QuarterSection.model_validate(section))
        assert quarter_section(other, copy_id) == section
        copy = other.load(copy_id)
        other.move(Item.KEY_RESULT, kr_id(copy, 0, 1), -1)
        moved = quarter_section(other, copy_id)
        assert moved is not None
        values = {
            (e["objective_index"], e["key_result_index"]): e["check_in"]["value"]
            for e in moved["check_ins"][0]["entries"]
        }
        assert values == {(0, 0): "60", (0, 1): "72%"}
    finally:
        other.close()


def test_a_meeting_opened_after_a_move_reads_the_quarter_as_it_is_now(store: Store):
    subject_id = store_sample(store)
    before = store.load(subject_id)
    store_meetings(store, subject_id, checked_in(before, JAN, {(0, 1): "72%"}))
    store.move(Item.KEY_RESULT, kr_id(before, 0, 1), -1)
    meeting_id = store.create_workshop(
        **meeting_fields(store.load(subject_id), CHECKIN, CheckInRecord(date=FEB).model_dump_json())
    )
    quarter = load_quarter(store, store.workshop_rows(meeting_id))
    assert quarter is not None
    latest = quarter.log().latest(0, 0)  # CSAT, now first
    assert latest is not None and latest.value == "72%"
    assert quarter.log().latest(0, 1) is None
