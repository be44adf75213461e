"""Autosave when the database refuses a write: nothing typed is dropped."""

from __future__ import annotations

import pytest

from workshop.db.store import Item, StoreWriteError
from workshop.session import WORKSHOP, WorkshopSession


def test_a_refused_batch_stays_queued_and_is_written_later(store, agenda, clock, monkeypatch):
    session = WorkshopSession.create(store, agenda, clock=clock, wall=clock.wall)
    priority = session.add(Item.PRIORITY, session.workshop_id, text="")
    session.edit(WORKSHOP, session.workshop_id, team="Ops")
    session.edit(Item.PRIORITY.value, priority, text="Grow")

    real_save = store.save_edits

    def disk_full(edits):
        raise StoreWriteError("Not saved: the disk is full.", reason="full")

    monkeypatch.setattr(store, "save_edits", disk_full)
    with pytest.raises(StoreWriteError):
        session.flush()
    assert session.dirty  # still queued

    session.edit(Item.PRIORITY.value, priority, text="Grow revenue")  # typing goes on
    monkeypatch.setattr(store, "save_edits", real_save)
    assert session.flush() == 2

    workshop = store.load(session.workshop_id)
    assert workshop.team == "Ops"
    assert [p.text for p in workshop.priorities] == ["Grow revenue"]


def test_an_over_long_value_is_refused_alone(store, agenda, clock):
    from workshop.db.store import MAX_FIELD_CHARS, FieldTooLong

    session = WorkshopSession.create(store, agenda, clock=clock, wall=clock.wall)
    session.edit(WORKSHOP, session.workshop_id, team="Ops")
    with pytest.raises(FieldTooLong):
        session.edit(WORKSHOP, session.workshop_id, facilitator="x" * (MAX_FIELD_CHARS + 1))
    session.flush()
    assert store.load(session.workshop_id).team == "Ops"
