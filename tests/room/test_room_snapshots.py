"""Snapshots of the room on the projector, at 80x24 and 160x45.

A reviewer should see: the join dialog with a QR code, the address and the code
"K7P QRM" in two halves (the code and the address are fixed here; in use they are
random and this machine's); then the board after the reveal, with three priorities
and their dots, most first, one merged duplicate under its group and the corner
"Room K7PQRM · 3 joined" at the top right of the board.
"""

from __future__ import annotations

import pytest

from tests.tui.stage_waits import GOALS, on_stage
from workshop.core.room.rules import PRIORITY, Activity
from workshop.web.server import RoomServer

CODE = "K7PQRM"
ADDRESS = "http://192.168.1.20:8765/"


@pytest.fixture
def fixed_room(monkeypatch):
    monkeypatch.setattr("workshop.core.room.rules.new_code", lambda previous="": CODE)
    monkeypatch.setattr(RoomServer, "address", property(lambda self: ADDRESS))


@pytest.fixture
def room_app(make_app, store, fixed_room):
    workshop_id = store.create_workshop(team="Support", period="2027-Q1", current_stage=2)
    app = make_app(workshop_id)
    app.room_options = {"host": "127.0.0.1", "port": 0}
    return app


async def open_room(pilot) -> None:
    app = pilot.app
    await on_stage(pilot, GOALS)  # the app opens at the goals stage, where it was left
    await app.run_action("room")
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_the_join_dialog(snap_compare, room_app, size):
    assert snap_compare(room_app, terminal_size=size, run_before=open_room)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_the_board_after_the_reveal(snap_compare, room_app, size):
    async def run_before(pilot) -> None:
        await open_room(pilot)
        room = pilot.app.room_link.room
        room.set_activity(Activity(PRIORITY))
        ana, ben, cy = (room.join(CODE, name) for name in ("Ana", "Ben", ""))
        first = room.submit(ana, "Win back customers who left", why="They cost less to keep")
        dup = room.submit(ben, "Bring lapsed customers back")
        third = room.submit(cy, "Answer every ticket within a day")
        room.submit(ben, "Make onboarding self-serve")
        room.reveal()
        for _ in range(3):
            room.vote(ana, first.note_no, 1)
        room.vote(cy, third.note_no, 1)
        room.vote(ben, dup.note_no, 1)
        room.merge(dup.note_no, first.note_no)
        await pilot.press("escape")
        await pilot.app.run_action("room")  # F11 again: the board
        await pilot.pause()
        pilot.app.screen.refresh_board(force=True)
        await pilot.pause()

    assert snap_compare(room_app, terminal_size=size, run_before=run_before)
