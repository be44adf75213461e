"""Pilot tests of the room on the projector: F11 opens it, the corner shows the code,
the board shows counts (never texts) until R, then the notes, live dots, merging and
promoting into the draft; C closes the room. Participants are real HTTP clients of
the running server, on the app's own event loop; the store is checked at the end."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from tests.tui.stage_waits import GOALS, KEY_RESULTS, on_stage
from workshop.core.db.store import Item
from workshop.core.room.rows import load_record
from workshop.tui.dialogs.room import RoomJoinScreen
from workshop.tui.dialogs.room_board import RoomBoardScreen
from workshop.tui.screens.goals import GoalsScreen
from workshop.tui.screens.key_results import KeyResultsScreen
from workshop.web.server import TOKEN_HEADER

WIDE = (160, 45)
NARROW = (80, 24)


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def until(condition, what: str, timeout: float = 10.0) -> None:
    """Wait for `condition()` (polling the loop), or fail saying what did not happen."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not condition():
        if loop.time() > end:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


class Participant:
    def __init__(self, http: aiohttp.ClientSession, address: str) -> None:
        self.http, self.address, self.headers = http, address.rstrip("/"), {}

    async def join(self, code: str, name: str) -> int:
        async with self.http.post(
            f"{self.address}/api/join", json={"code": code, "name": name}
        ) as r:
            if r.status == 201:
                self.headers = {TOKEN_HEADER: (await r.json())["token"]}
            return r.status

    async def post(self, path: str, body: dict) -> tuple[int, dict]:
        async with self.http.post(f"{self.address}{path}", json=body, headers=self.headers) as r:
            return r.status, await r.json()

    async def state(self) -> dict:
        async with self.http.get(f"{self.address}/api/state", headers=self.headers) as r:
            return await r.json()


@pytest.fixture
def room_app(make_app):
    def build(**kwargs):
        app = make_app(**kwargs)
        app.room_options = {"host": "127.0.0.1", "port": 0}
        return app

    return build


async def open_room_on_goals(pilot) -> None:
    """On the goals stage the app opened at (`room_app(stage=GOALS)`), F11 opens the room."""
    assert isinstance(await on_stage(pilot, GOALS), GoalsScreen)
    await pilot.press("f11")
    await until(lambda: isinstance(pilot.app.screen, RoomJoinScreen), "the join dialog")


@pytest.mark.parametrize("size", [WIDE, NARROW])
async def test_f11_opens_the_room_with_address_qr_and_code_and_the_corner_follows(room_app, size):
    app = room_app(stage=GOALS)
    async with app.run_test(size=size) as pilot:
        await open_room_on_goals(pilot)
        link = app.room_link
        code = link.room.code
        assert len(code) >= 6
        assert shown(app, "#room-code").replace(" ", "") == code
        assert shown(app, "#room-address") == link.address
        assert "▀" in shown(app, "#room-qr") or "▄" in shown(app, "#room-qr")
        async with aiohttp.ClientSession() as http:
            ana = Participant(http, link.address)
            assert await ana.join("WRONG9", "Ana") == 403
            assert await ana.join(code.lower(), "Ana") == 201
            await until(lambda: "1 joined" in shown(app, "#room-joined"), "1 joined in the dialog")
            await pilot.press("escape")
            await until(lambda: isinstance(app.screen, GoalsScreen), "back on goals")
            corner = app.screen.query_one("#room-corner")
            await until(lambda: str(corner.render()) == f"Room {code} · 1 joined", "the corner")
            assert corner.display
            # The page follows the projector: goals ask for priorities.
            assert (await ana.state())["activity"]["kind"] == "priority"
            await pilot.press("ctrl+n")  # objectives
            await until(
                lambda: link.room.activity.kind == "objective", "the page to follow the stage"
            )


async def test_silent_writing_reveal_vote_merge_and_promote(room_app, store):
    app = room_app(stage=GOALS)
    async with app.run_test(size=WIDE) as pilot:
        await open_room_on_goals(pilot)
        link = app.room_link
        await pilot.press("escape")
        async with aiohttp.ClientSession() as http:
            people = [Participant(http, link.address) for _ in range(3)]
            for person, name in zip(people, ("Ana", "Ben", "Cy"), strict=True):
                assert await person.join(link.room.code, name) == 201
            await people[0].post(
                "/api/note", {"text": "Win back lapsed [b]customers[/b]", "why": "cheaper"}
            )
            await people[1].post("/api/note", {"text": "Bring lapsed customers back"})
            await people[1].post("/api/note", {"text": "Ship the mobile app"})
            await people[2].post("/api/finish", {"finished": True})
            await pilot.press("f11")
            await until(lambda: isinstance(app.screen, RoomBoardScreen), "the board")
            board = app.screen
            await until(
                lambda: (
                    "3 suggestions from 2 people · 2 still writing"
                    in shown(app, "#room-board-counts")
                ),
                "the counts",
            )
            # Before the reveal: numbers only, not a word of the notes anywhere on screen.
            assert board.query_one("#room-board-list").option_count == 0
            assert "lapsed" not in app.export_screenshot()
            await pilot.press("r")
            await until(lambda: board.query_one("#room-board-list").option_count == 3, "3 notes")
            # Shown literally, once the revealed lines are drawn.
            await until(lambda: "[b]customers[/b]" in app.export_screenshot(), "the notes drawn")
            # Live tally: dots from the devices reach the projector.
            first, second = link.room.tally()[0].note, link.room.tally()[1].note
            for person in people:
                status, _ = await person.post("/api/vote", {"note": second.note_no, "delta": 1})
                assert status == 200
            await until(
                lambda: (
                    link.room.tally()[0].note.note_no == second.note_no
                    and board._items
                    and board._items[0].dots == 3
                ),
                "the tally on the board",
            )
            # Merge: mark the duplicate with Space, highlight the one it repeats, M.
            texts = [t.note.text for t in board._items]
            dup = texts.index("Bring lapsed customers back")
            original = texts.index("Win back lapsed [b]customers[/b]")
            board.query_one("#room-board-list").highlighted = dup
            await pilot.press("space")
            board.query_one("#room-board-list").highlighted = original
            await pilot.press("m")
            await until(lambda: len(board._items) == 2, "the merge")
            group = next(t for t in board._items if t.note.note_no == first.note_no or t.merged)
            assert [m.text for m in group.merged] == ["Bring lapsed customers back"]
            assert group.dots == 3
            # Promote the group's note: a priority with its why, in the draft and the store.
            board.query_one("#room-board-list").highlighted = board._items.index(group)
            await pilot.press("p")
            await until(lambda: "as a priority" in shown(app, "#room-board-message"), "promoted")
            await pilot.press("escape")
            await until(lambda: isinstance(app.screen, GoalsScreen), "back on goals")
        app.session.flush()
        workshop_id = app.session.workshop_id
    workshop = store.load(workshop_id)
    # The goals stage's empty line to type in takes the promoted priority.
    assert [(p.text, p.whys) for p in workshop.priorities] == [
        ("Win back lapsed [b]customers[/b]", ["cheaper"])
    ]
    record = store.read_with(lambda s: load_record(s, workshop_id))
    assert [p.name for p in record.people] == ["Ana", "Ben", "Cy"]
    promoted = [n for n in record.notes if n.promoted_to]
    assert [(n.text, n.author, n.promoted_to) for n in promoted] == [
        ("Win back lapsed [b]customers[/b]", "Ana", "priority")
    ]
    assert sum(v.dots for v in record.votes) == 3


async def test_the_highlight_stays_on_its_note_when_dots_reorder_the_board(room_app):
    """Found running a workshop with three browsers: the board sorts by dots, and the
    highlight kept its row, so a dot arriving just before P promoted another note."""
    app = room_app(stage=GOALS)
    async with app.run_test(size=WIDE) as pilot:
        await open_room_on_goals(pilot)
        link = app.room_link
        await pilot.press("escape")
        async with aiohttp.ClientSession() as http:
            ana, ben = Participant(http, link.address), Participant(http, link.address)
            await ana.join(link.room.code, "Ana")
            await ben.join(link.room.code, "Ben")
            await ana.post("/api/note", {"text": "Win back lapsed customers"})
            await ben.post("/api/note", {"text": "Ship the mobile app"})
            await pilot.press("f11")
            await until(lambda: isinstance(app.screen, RoomBoardScreen), "the board")
            board = app.screen
            await pilot.press("r")
            await until(lambda: len(board._items) == 2, "the two notes")
            chosen = board._items[1].note
            await pilot.press("down")
            assert board._highlighted().note.note_no == chosen.note_no
            # Dots on the other note, then on the chosen one: the list reorders twice.
            other = board._items[0].note
            await ana.post("/api/vote", {"note": other.note_no, "delta": 1})
            await until(lambda: board._items[0].dots == 1, "the first dot on the board")
            for person in (ana, ben):
                await person.post("/api/vote", {"note": chosen.note_no, "delta": 1})
            await until(lambda: board._items[0].note.note_no == chosen.note_no, "the reorder")
            assert board._highlighted().note.note_no == chosen.note_no
            await pilot.press("p")
            await until(lambda: "as a priority" in shown(app, "#room-board-message"), "promoted")
        assert [p.text for p in app.session.load().priorities] == ["Ship the mobile app"]


async def test_the_page_lists_the_objectives_typed_on_the_projector_after_the_room_opened(
    room_app,
):
    """Found running a workshop with three browsers: the page's "Which objective?" list
    was read once, on entering the stage, so an objective typed (or promoted) on the
    projector afterwards could never be reworded from a phone."""
    from workshop.tui.screens.objectives import ObjectivesScreen

    app = room_app(stage=GOALS)
    async with app.run_test(size=WIDE) as pilot:
        await open_room_on_goals(pilot)
        link = app.room_link
        await pilot.press("escape", "ctrl+n")
        await until(lambda: isinstance(app.screen, ObjectivesScreen), "the objectives stage")
        await until(lambda: link.room.activity.kind == "objective", "the page to follow")
        async with aiohttp.ClientSession() as http:
            ana = Participant(http, link.address)
            assert await ana.join(link.room.code, "Ana") == 201
            assert (await ana.state())["activity"]["options"] == []
            status, _ = await ana.post("/api/note", {"text": "Own the help centre"})
            assert status == 201
            await pilot.press("enter")  # the cascade model the stage offers first
            await pilot.press(*"Delight our users")
            await app.keys_settled()
            texts: list[str] = []
            loop = asyncio.get_running_loop()
            end = loop.time() + 10.0
            while texts != ["Delight our users"] and loop.time() < end:
                texts = [o["text"] for o in (await ana.state())["activity"]["options"]]
                await asyncio.sleep(0.05)
            assert texts == ["Delight our users"]  # what the projector shows, in full
            # Same round: the note written before stays the writer's own, unrevealed.
            view = await ana.state()
            assert [n["text"] for n in view["mine"]] == ["Own the help centre"]
            assert not view["revealed"]


async def test_ns_test_from_the_key_results_stage_and_closing_the_room(room_app, store, agenda):
    workshop_id = store.create_workshop(agenda_json=agenda.model_dump_json())
    objective = store.add(Item.OBJECTIVE, workshop_id, text="Delight returning customers")
    store.add(Item.KEY_RESULT, objective, text="Raise NPS from 30 to 45")
    store.add(Item.KEY_RESULT, objective, text="Cut refunds from 8% to 3%")
    app = room_app(workshop_id=workshop_id, stage=KEY_RESULTS)
    async with app.run_test(size=WIDE) as pilot:
        assert isinstance(await on_stage(pilot, KEY_RESULTS), KeyResultsScreen)
        await pilot.press("f11")
        await until(lambda: isinstance(app.screen, RoomJoinScreen), "the join dialog")
        link = app.room_link
        assert link.room.activity.kind == "key_result"
        assert link.room.activity.target_id == objective
        await pilot.press("f11")
        await until(lambda: isinstance(app.screen, RoomBoardScreen), "the board")
        async with aiohttp.ClientSession() as http:
            ana, ben = Participant(http, link.address), Participant(http, link.address)
            await ana.join(link.room.code, "Ana")
            await ben.join(link.room.code, "")
            await pilot.press("t")
            await until(lambda: link.room.activity.kind == "ns", "the N&S test")
            view = await ana.state()
            assert len(view["activity"]["questions"]) == 3
            await ana.post("/api/answer", {"question": 0, "yes": True})
            await ben.post("/api/answer", {"question": 0, "yes": False})
            await until(lambda: "2 of 2 have answered" in shown(app, "#room-board-counts"), "count")
            assert "split" not in app.export_screenshot()
            await pilot.press("r")
            await until(lambda: "(split)" in app.export_screenshot(), "the split shown as split")
            address = link.address
            await pilot.press("c")
            await until(lambda: not link.is_open, "the room to close")
            with pytest.raises(aiohttp.ClientConnectionError):
                await http.get(address)
            await until(lambda: not app.screen.query_one("#room-corner").display, "corner gone")


async def test_a_read_only_window_does_not_open_the_room(room_app, store, agenda):
    from workshop.core.session.lease import WorkshopLease

    workshop_id = store.create_workshop(agenda_json=agenda.model_dump_json())
    other = WorkshopLease(store, workshop_id)
    assert other.acquire()  # another window is editing this workshop
    app = room_app(workshop_id=workshop_id)
    async with app.run_test(size=WIDE) as pilot:
        await until(lambda: app.session is not None and app.session.read_only, "read-only")
        await app.run_action("room")  # what F11 runs, awaited to its end
        await pilot.pause()
        assert app.room_link is None and not isinstance(app.screen, RoomJoinScreen)
    other.release()
