"""The room in real browsers against the running app: join, write, reveal, vote, promote.

The app runs under Pilot on this test's event loop with the room listening on
loopback; each browser is headless Chromium driven by selenium in a thread (its
calls block), so the app's loop keeps serving while a browser waits. The store
is checked at the end.
"""

from __future__ import annotations

import asyncio
from functools import partial

from workshop.core.room.rows import load_record
from workshop.tui.dialogs.room import RoomJoinScreen
from workshop.tui.dialogs.room_board import RoomBoardScreen
from workshop.tui.screens.goals import GoalsScreen

WAIT = 15.0


async def until(condition, what: str, timeout: float = WAIT) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not condition():
        if loop.time() > end:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


def page_wait(driver, condition, what: str) -> None:
    """Wait in the browser's thread until `condition(driver)` holds."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    # The page re-renders as news arrives: an element found a moment ago may be gone.
    WebDriverWait(driver, WAIT, ignored_exceptions=(StaleElementReferenceException,)).until(
        condition, message=what
    )


def join(driver, address: str, code: str, name: str) -> str:
    from selenium.webdriver.common.by import By

    driver.get(address)
    field = driver.find_element(By.ID, "code")
    field.clear()
    field.send_keys(code)
    driver.find_element(By.ID, "name").clear()
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.CSS_SELECTOR, "#join-form button").click()
    page_wait(
        driver,
        lambda d: (
            d.find_element(By.ID, "room").is_displayed() or d.find_element(By.ID, "message").text
        ),
        "joined or told why not",
    )
    return driver.find_element(By.ID, "message").text


def write(driver, text: str, why: str = "") -> None:
    from selenium.webdriver.common.by import By

    page_wait(driver, lambda d: d.find_element(By.ID, "note-form").is_displayed(), "the form")
    driver.find_element(By.ID, "text").send_keys(text)
    if why:
        driver.find_element(By.ID, "why").send_keys(why)
    driver.find_element(By.CSS_SELECTOR, "#note-form button[type=submit]").click()
    page_wait(
        driver,
        lambda d: (
            text in [li.text.split("\n")[0] for li in d.find_elements(By.CSS_SELECTOR, "#mine li")]
        ),
        "the note among my own",
    )


def board_texts(driver) -> list[str]:
    """What the board shows, read in one go (the page may re-render between two reads)."""
    return driver.execute_script(
        "return [...document.querySelectorAll('#board li')].map((li) => li.innerText)"
    )


def add_dot(driver, text: str) -> None:
    """Press + on the note that starts with `text` (again if the page re-rendered under us)."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By

    def press(d) -> bool:
        try:
            for li in d.find_elements(By.CSS_SELECTOR, "#board li"):
                if li.text.startswith(text):
                    li.find_elements(By.CSS_SELECTOR, "button")[1].click()
                    return True
        except StaleElementReferenceException:
            return False
        return False

    page_wait(driver, press, f"+ on {text!r}")
    page_wait(driver, lambda d: "yours: 1" in "".join(board_texts(d)), "my dot shown")


async def test_join_write_reveal_vote_and_promote_in_real_browsers(make_app, store, browsers):
    app = make_app()
    app.room_options = {"host": "127.0.0.1", "port": 0}
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("ctrl+n", "ctrl+n")
        await until(lambda: isinstance(app.screen, GoalsScreen), "the goals stage")
        await pilot.press("f11")
        await until(lambda: isinstance(app.screen, RoomJoinScreen), "the join dialog")
        link = app.room_link
        code, address = link.room.code, link.address
        ana, ben = await asyncio.gather(asyncio.to_thread(browsers), asyncio.to_thread(browsers))
        refused = await asyncio.to_thread(join, ana, address, "ZZZZZZ", "Ana")
        assert "not the one on the projector" in refused
        await asyncio.to_thread(join, ana, address, code, "Ana")
        await asyncio.to_thread(join, ben, address, code, "Ben <i>")
        await until(lambda: link.room.joined == 2, "two devices joined")
        await asyncio.to_thread(write, ana, "Win back lapsed customers", "cheaper than new ones")
        await asyncio.to_thread(write, ben, "<img src=x onerror=alert(1)> Ship the app")
        # Silent writing: Ben's page holds nothing of Ana's note.
        assert "lapsed" not in await asyncio.to_thread(lambda: ben.page_source)
        await pilot.press("escape", "f11")
        await until(lambda: isinstance(app.screen, RoomBoardScreen), "the board")
        await until(
            lambda: (
                "2 suggestions from 2 people"
                in str(app.screen.query_one("#room-board-counts").render())
            ),
            "the counts on the projector",
        )
        await pilot.press("r")
        await asyncio.to_thread(
            page_wait, ben, lambda d: len(board_texts(d)) == 2, "the reveal on Ben's page"
        )
        texts = await asyncio.to_thread(board_texts, ben)
        # Shown as text, not markup: the tag is there literally and no image was made.
        assert any("<img src=x onerror=alert(1)> Ship the app" in t for t in texts)
        assert not await asyncio.to_thread(lambda: ben.find_elements("css selector", "#board img"))
        await asyncio.to_thread(add_dot, ben, "Win back lapsed customers")
        await asyncio.to_thread(add_dot, ana, "Win back lapsed customers")
        board = app.screen
        await until(lambda: board._items and board._items[0].dots == 2, "the live tally")
        assert board._items[0].note.text == "Win back lapsed customers"
        board.query_one("#room-board-list").highlighted = 0
        await pilot.press("p")
        await until(
            lambda: "as a priority" in str(board.query_one("#room-board-message").render()),
            "the promotion",
        )
        await asyncio.to_thread(
            page_wait,
            ana,
            lambda d: "taken into the draft" in "".join(board_texts(d)),
            "Ana's page shows the note went into the draft",
        )
        await pilot.press("escape")
        app.session.flush()
        workshop_id = app.session.workshop_id
    workshop = store.load(workshop_id)
    assert [(p.text, p.whys) for p in workshop.priorities] == [
        ("Win back lapsed customers", ["cheaper than new ones"])
    ]
    record = store.read_with(partial(load_record, workshop_id=workshop_id))
    assert [p.name for p in record.people] == ["Ana", "Ben <i>"]
    assert {(n.author, n.promoted_to) for n in record.notes} == {
        ("Ana", "priority"),
        ("Ben <i>", ""),
    }
    assert sorted((v.device_no, v.dots) for v in record.votes) == [(1, 1), (2, 1)]
