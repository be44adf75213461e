"""Autosave when the database refuses a write: nothing typed is dropped."""

from __future__ import annotations

import pytest

from tests.test_writer import wait_for
from workshop.core.db.store import Item, StoreWriteError
from workshop.core.session.session import WORKSHOP, WorkshopSession


def test_a_refused_batch_stays_queued_and_is_written_later(store, agenda, clock, monkeypatch):
    session = WorkshopSession.create(store, agenda, clock=clock, wall=clock.wall)
    priority = session.add(Item.PRIORITY, session.workshop_id, text="")
    session.edit(WORKSHOP, session.workshop_id, team="Ops")
    session.edit(Item.PRIORITY.value, priority, text="Grow")
    session.flush()
    wait_for(lambda: not session.unsaved)

    real_save = store.save_edits

    def disk_full(edits):
        raise StoreWriteError("Not saved: the disk is full.", reason="full")

    monkeypatch.setattr(store, "save_edits", disk_full)
    session.edit(Item.PRIORITY.value, priority, text="Grow more")
    assert session.flush() == 1  # handed on at once: the session never waits
    wait_for(lambda: session.save_status.state == "failing")
    assert session.unsaved  # still queued
    assert "the disk is full" in session.save_status.message

    session.edit(Item.PRIORITY.value, priority, text="Grow revenue")  # typing goes on
    session.flush()
    monkeypatch.setattr(store, "save_edits", real_save)
    wait_for(lambda: not session.unsaved)

    workshop = store.load(session.workshop_id)
    assert workshop.team == "Ops"
    assert [p.text for p in workshop.priorities] == ["Grow revenue"]


def test_an_over_long_value_is_refused_alone(store, agenda, clock):
    from workshop.core.db.store import MAX_FIELD_CHARS, FieldTooLong

    session = WorkshopSession.create(store, agenda, clock=clock, wall=clock.wall)
    session.edit(WORKSHOP, session.workshop_id, team="Ops")
    with pytest.raises(FieldTooLong):
        session.edit(WORKSHOP, session.workshop_id, facilitator="x" * (MAX_FIELD_CHARS + 1))
    session.flush()
    assert store.load(session.workshop_id).team == "Ops"


def test_a_bad_change_is_refused_at_once_by_the_draft(store, agenda, clock):
    """The draft applies the database's checks, so a bad write fails where it is made."""
    session = WorkshopSession.create(store, agenda, clock=clock, wall=clock.wall)
    with pytest.raises(ValueError, match="unknown field"):
        session.edit(WORKSHOP, session.workshop_id, colour="red")
    with pytest.raises(ValueError, match="unknown field"):
        session.add(Item.PRIORITY, session.workshop_id, colour="red")
    objective = session.add(Item.OBJECTIVE, session.workshop_id, text="Grow")
    with pytest.raises(Exception, match="FOREIGN KEY"):
        session.update(Item.OBJECTIVE, objective, priority_id=987_654)
    session.close()
    assert [o.text for o in store.load(session.workshop_id).objectives] == ["Grow"]
