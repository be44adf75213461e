"""The room's records go through the session (draft at once, the writer to the store)."""

from __future__ import annotations

from workshop.core.db.store import Item, Store
from workshop.core.room.rows import load_record
from workshop.core.room.rules import KEY_RESULT, PRIORITY, Activity, Room
from workshop.core.session.session import WorkshopSession


def open_session(store: Store, agenda, clock, workshop_id: int | None = None) -> WorkshopSession:
    if workshop_id is None:
        return WorkshopSession.create(store, agenda, clock=clock, wall=clock.wall)
    return WorkshopSession.resume(
        store, workshop_id, fallback_agenda=agenda, clock=clock, wall=clock.wall
    )


def test_notes_votes_and_people_are_stored_with_author_and_time(store, agenda, clock):
    session = open_session(store, agenda, clock)
    room = Room(persist=session.save_room, wall=clock.wall)
    room.set_activity(Activity(PRIORITY))
    ana = room.join(room.code, "Ana")
    note = room.submit(ana, "Win back lapsed customers", why="cheaper than new ones")
    room.reveal()
    room.vote(ana, note.note_no, 1)
    # The draft has it at once, without waiting for the database.
    assert [n.text for n in session.room_record().notes] == ["Win back lapsed customers"]
    session.close()
    stored = store.read_with(lambda s: load_record(s, session.workshop_id))
    assert [(p.device_no, p.name) for p in stored.people] == [(1, "Ana")]
    [saved] = stored.notes
    assert (saved.author, saved.why) == ("Ana", "cheaper than new ones")
    assert saved.created_at == clock.wall().replace(microsecond=saved.created_at.microsecond)
    assert saved.revealed_at is not None and saved.created_at.tzinfo is not None
    assert [(v.note_no, v.dots) for v in stored.votes] == [(note.note_no, 1)]


def test_a_reopened_workshop_has_its_room_back(store, agenda, clock):
    session = open_session(store, agenda, clock)
    room = Room(persist=session.save_room)
    room.set_activity(Activity(PRIORITY))
    ana = room.join(room.code, "Ana")
    room.submit(ana, "one")
    room.reveal()
    workshop_id = session.workshop_id
    session.close()
    again = open_session(store, agenda, clock, workshop_id)
    record = again.room_record()
    assert [n.text for n in record.notes] == ["one"]
    room2 = Room(record=record, persist=again.save_room)
    room2.set_activity(Activity(PRIORITY))
    assert room2.revealed and [t.note.text for t in room2.tally()] == ["one"]
    again.close()


def test_a_key_result_note_names_the_objective_by_its_real_id(store, agenda, clock):
    session = open_session(store, agenda, clock)
    objective = session.add(Item.OBJECTIVE, session.workshop_id, text="Delight users")
    assert objective is not None
    room = Room(persist=session.save_room)
    room.set_activity(Activity(KEY_RESULT, target_id=objective))
    ana = room.join(room.code, "Ana")
    room.submit(ana, "NPS", start="30", target="45")
    session.close()
    real = store.load(session.workshop_id).objectives[0].id
    [note] = store.read_with(lambda s: load_record(s, session.workshop_id)).notes
    assert note.target_id == real and (note.start, note.target) == ("30", "45")


def test_a_read_only_window_stores_nothing_from_the_room(store, agenda, clock):
    editing = open_session(store, agenda, clock)
    assert editing.take_lease()
    watching = open_session(store, agenda, clock, editing.workshop_id)
    assert not watching.take_lease()  # the workshop is open in the other window
    room = Room(persist=watching.save_room)
    room.set_activity(Activity(PRIORITY))
    room.join(room.code, "Ana")
    assert watching.room_record().people == []
    watching.close()
    editing.close()
    assert store.read_with(lambda s: load_record(s, editing.workshop_id)).people == []


def test_the_room_is_stored_on_sqlite_and_postgresql(any_store, agenda, clock):
    """The same records, read back exactly, on both kinds of database (NUL and all)."""
    session = open_session(any_store, agenda, clock)
    objective = session.add(Item.OBJECTIVE, session.workshop_id, text="Delight users")
    room = Room(persist=session.save_room, wall=clock.wall)
    ana = room.join(room.code, "Ana \x00 <b>")
    room.set_activity(Activity(KEY_RESULT, target_id=objective))
    note = room.submit(ana, "NPS \u202e from", start="30", target="45")
    room.reveal()
    room.vote(ana, note.note_no, 1)
    room.promote(note.note_no, "key_result")
    expected = session.room_record()
    workshop_id = session.workshop_id
    session.close()
    stored = any_store.read_with(lambda s: load_record(s, workshop_id))
    real = any_store.load(workshop_id).objectives[0].id
    assert stored.people == expected.people
    assert stored.votes == expected.votes
    assert [n.model_copy(update={"target_id": objective}) for n in stored.notes] == expected.notes
    assert stored.notes[0].target_id == real
