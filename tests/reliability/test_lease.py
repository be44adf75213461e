"""The "open elsewhere" lease: one instance edits, a second one is told plainly and reads.

Time is a fake wall clock and process liveness a fake, so no test waits.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest

from tests.reliability.test_concurrency import run_together
from workshop.core.db.errors import open_store
from workshop.core.db.store import NotFound, Store
from workshop.core.session.lease import STALE_AFTER_SECONDS, WorkshopLease, process_alive

T0 = dt.datetime(2027, 1, 12, 9, 0, tzinfo=dt.UTC)


class Wall:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def wall() -> Wall:
    return Wall()


@pytest.fixture
def db(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'w.db'}"


def lease(
    store: Store, workshop_id: int, wall: Wall, *, pid: int, host: str = "laptop", alive=None
):
    return WorkshopLease(
        store,
        workshop_id,
        pid=pid,
        host=host,
        now=wall,
        is_alive=alive or (lambda _pid: True),
    )


def test_the_first_instance_edits_and_the_second_is_told_where_it_is_open(db, wall):
    first_store, second_store = open_store(db), open_store(db)
    workshop_id = first_store.create_workshop(team="Payments")
    first = lease(first_store, workshop_id, wall, pid=100)
    second = lease(second_store, workshop_id, wall, pid=200)

    assert first.acquire() and not first.read_only and first.message() == ""
    assert not second.acquire() and second.read_only
    assert second.other is not None and second.other.pid == 100
    assert second.message() == (
        "This workshop is open in another window on this computer (process 100), so it is "
        "read-only here. Close it there to edit here."
    )
    elsewhere = lease(second_store, workshop_id, wall, pid=300, host="projector-pc")
    assert not elsewhere.acquire()
    assert "open on laptop (process 100)" in elsewhere.message()


def test_heartbeats_keep_the_lease_and_a_silent_one_goes_stale(db, wall):
    store = open_store(db)
    workshop_id = store.create_workshop()
    first = lease(store, workshop_id, wall, pid=100)
    second = lease(store, workshop_id, wall, pid=200)
    assert first.acquire()
    for _ in range(30):  # a minute of refreshes every two seconds
        wall.advance(2)
        assert first.refresh()
        assert not second.refresh()
    wall.advance(STALE_AFTER_SECONDS - 1)
    assert not second.refresh()  # not stale yet
    wall.advance(2)
    assert second.refresh() and not second.read_only  # the first went silent: take over
    # The first finds out on its next refresh and becomes read-only, naming the new holder.
    assert not first.refresh()
    assert first.read_only and first.other is not None and first.other.pid == 200


def test_a_crashed_instance_on_this_host_does_not_lock_the_facilitator_out(db, wall):
    """Restarting straight after a crash gets the workshop back for editing at once."""
    store = open_store(db)
    workshop_id = store.create_workshop()
    crashed = lease(store, workshop_id, wall, pid=100)
    assert crashed.acquire()
    wall.advance(1)  # well inside the stale time
    restarted = lease(store, workshop_id, wall, pid=101, alive=lambda pid: pid != 100)
    assert restarted.acquire()
    # On another host the process cannot be checked, so only the heartbeat counts.
    remote = lease(store, workshop_id, wall, pid=100, host="other", alive=lambda pid: False)
    assert not remote.acquire()


def test_release_on_close_lets_the_other_instance_edit(db, wall):
    store = open_store(db)
    workshop_id = store.create_workshop()
    first = lease(store, workshop_id, wall, pid=100)
    second = lease(store, workshop_id, wall, pid=200)
    assert first.acquire() and not second.acquire()
    first.release()
    first.release()  # harmless twice
    assert store.lease_holder(workshop_id) is None
    assert second.refresh() and not second.read_only
    # Releasing never removes someone else's lease.
    first.held = True
    first.release()
    assert store.lease_holder(workshop_id).owner == second.owner


def test_reacquiring_ones_own_lease_is_allowed(db, wall):
    store = open_store(db)
    workshop_id = store.create_workshop()
    mine = lease(store, workshop_id, wall, pid=100)
    assert mine.acquire()
    wall.advance(3)
    assert mine.acquire()
    holder = store.lease_holder(workshop_id)
    assert holder.acquired_at == T0 and holder.heartbeat_at == T0 + dt.timedelta(seconds=3)


def test_many_instances_racing_for_one_workshop_get_one_winner(db, wall):
    workshop_id = open_store(db).create_workshop()
    leases = [lease(open_store(db), workshop_id, wall, pid=1000 + n) for n in range(6)]
    run_together(*(lease.acquire for lease in leases))
    assert sum(lease.held for lease in leases) == 1
    winner = next(lease for lease in leases if lease.held)
    assert all(lease.other.owner == winner.owner for lease in leases if not lease.held)


def test_the_lease_goes_with_its_workshop(db, wall):
    store = open_store(db)
    workshop_id = store.create_workshop()
    assert lease(store, workshop_id, wall, pid=100).acquire()
    store.delete_workshop(workshop_id)
    assert store.lease_holder(workshop_id) is None
    with pytest.raises(NotFound):
        lease(store, workshop_id, wall, pid=100).acquire()


def test_a_lease_row_that_vanished_is_simply_taken_again(db, wall):
    store = open_store(db)
    workshop_id = store.create_workshop()
    mine = lease(store, workshop_id, wall, pid=100)
    assert mine.acquire()
    store.release_lease(workshop_id, mine.owner)  # e.g. removed by hand
    assert mine.refresh() and store.lease_holder(workshop_id).owner == mine.owner


def test_process_alive():
    assert process_alive(os.getpid())
    assert not process_alive(0)
    assert not process_alive(2**22 + 12345)  # above Linux's pid_max default range
