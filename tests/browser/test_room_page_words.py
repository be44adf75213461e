"""The page's words in a real browser, found running a workshop in tmux with three
phone-sized browsers: after the app was restarted the page went back to the join form
("This device has not joined the room") while its header still said "You are Ana"; and
after the N&S reveal it still asked each person to answer for themselves.
"""

from __future__ import annotations

import asyncio

from tests.browser.test_room_browser import join, page_wait, until
from workshop.core.db.store import Item
from workshop.tui.dialogs.room import RoomJoinScreen
from workshop.tui.dialogs.room_board import RoomBoardScreen
from workshop.tui.screens.goals import GoalsScreen
from workshop.tui.screens.key_results import KeyResultsScreen


def header(driver) -> str:
    return driver.execute_script("return document.getElementById('who').textContent")


def shown(driver, element_id: str) -> bool:
    return driver.execute_script(f"return !document.getElementById('{element_id}').hidden")


async def test_a_device_the_room_forgot_is_asked_to_join_again_under_no_name(make_app, browsers):
    app = make_app()
    app.room_options = {"host": "127.0.0.1", "port": 0}
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("ctrl+n", "ctrl+n")
        await until(lambda: isinstance(app.screen, GoalsScreen), "the goals stage")
        await pilot.press("f11")
        await until(lambda: isinstance(app.screen, RoomJoinScreen), "the join dialog")
        link = app.room_link
        ana = await asyncio.to_thread(browsers)
        await asyncio.to_thread(join, ana, link.address, link.room.code, "Ana")
        await asyncio.to_thread(
            page_wait, ana, lambda d: header(d) == "You are Ana", "the name in the header"
        )
        # What a restarted app is to the page: its token names no device any more.
        await asyncio.to_thread(ana.execute_script, "token = 'forgotten';")
        link.room.new_code()  # news, so the page asks again, with that token
        await asyncio.to_thread(
            page_wait, ana, lambda d: shown(d, "join") and not shown(d, "room"), "the form"
        )
        message = await asyncio.to_thread(
            ana.execute_script, "return document.getElementById('message').textContent"
        )
        assert "has not joined" in message
        assert await asyncio.to_thread(header, ana) == ""


def explain(driver) -> str:
    return driver.execute_script("return document.getElementById('explain').textContent")


async def test_after_the_ns_reveal_the_page_stops_asking_for_answers(
    make_app, browsers, store, agenda
):
    workshop_id = store.create_workshop(agenda_json=agenda.model_dump_json())
    objective = store.add(Item.OBJECTIVE, workshop_id, text="Delight returning customers")
    store.add(Item.KEY_RESULT, objective, text="Raise NPS from 30 to 45")
    app = make_app(workshop_id=workshop_id)
    app.room_options = {"host": "127.0.0.1", "port": 0}
    async with app.run_test(size=(160, 45)) as pilot:
        for _ in range(4):
            await pilot.press("ctrl+n")
        await until(lambda: isinstance(app.screen, KeyResultsScreen), "key results")
        await pilot.press("f11")
        await until(lambda: isinstance(app.screen, RoomJoinScreen), "the join dialog")
        link = app.room_link
        ana = await asyncio.to_thread(browsers)
        await asyncio.to_thread(join, ana, link.address, link.room.code, "Ana")
        await pilot.press("f11")
        await until(lambda: isinstance(app.screen, RoomBoardScreen), "the board")
        await pilot.press("t")
        await asyncio.to_thread(
            page_wait, ana, lambda d: "for yourself" in explain(d), "the N&S questions"
        )
        await asyncio.to_thread(
            ana.execute_script, "document.querySelector('#ns .question button').click()"
        )
        await until(lambda: link.room.counts().authors == 1, "Ana's answer")
        await pilot.press("r")
        await asyncio.to_thread(
            page_wait, ana, lambda d: "answers are up" in explain(d), "the words after the reveal"
        )
        assert "for yourself" not in await asyncio.to_thread(explain, ana)
