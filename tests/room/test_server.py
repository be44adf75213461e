"""The room's web server, through aiohttp's test client."""

from __future__ import annotations

import asyncio

import pytest

from workshop.core.room.rules import KEY_RESULT, NS, PRIORITY, Activity, Room, RoomSettings
from workshop.web.server import MAX_BODY_BYTES, TOKEN_HEADER, RoomServer


@pytest.fixture
def room() -> Room:
    room = Room(RoomSettings())
    room.set_activity(Activity(PRIORITY))
    return room


@pytest.fixture
async def client(aiohttp_client, room):
    server = RoomServer(room, wait_seconds=0.5)
    return await aiohttp_client(server.make_app())


async def join(client, room, name="Ana") -> dict:
    response = await client.post("/api/join", json={"code": room.code, "name": name})
    assert response.status == 201
    return {TOKEN_HEADER: (await response.json())["token"]}


async def test_the_page_and_its_assets_are_served_with_a_strict_policy(client):
    page = await client.get("/")
    assert page.status == 200 and "text/html" in page.headers["Content-Type"]
    html = await page.text()
    assert '<script src="/room.js"' in html and "http" not in html.split("<body>")[1]
    policy = page.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert (await client.get("/room.js")).status == 200
    assert (await client.get("/room.css")).status == 200


@pytest.mark.parametrize(
    "path",
    [
        "/../pyproject.toml",
        "/static/room.js",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/server.py",
        "/index.html",
    ],
)
async def test_nothing_but_the_page_and_its_assets_is_served(client, path):
    response = await client.get(path)
    assert response.status == 404
    assert (await response.json())["error"].startswith("There is nothing here")


async def test_a_wrong_code_gets_a_clear_message(client):
    response = await client.post("/api/join", json={"code": "nope00", "name": "Ana"})
    assert response.status == 403
    assert "not the one on the projector" in (await response.json())["error"]


async def test_a_stranger_without_a_token_sees_nothing(client, room):
    ana = await join(client, room)
    await client.post("/api/note", json={"text": "secret plan"}, headers=ana)
    for headers in ({}, {TOKEN_HEADER: "guess"}):
        response = await client.get("/api/state", headers=headers)
        assert response.status == 401
        assert "secret plan" not in await response.text()


async def test_notes_stay_private_over_http_until_the_reveal(client, room):
    ana, ben = await join(client, room, "Ana"), await join(client, room, "Ben")
    sent = await client.post(
        "/api/note", json={"text": "<script>alert(1)</script>", "why": "x"}, headers=ana
    )
    assert sent.status == 201
    ben_view = await (await client.get("/api/state", headers=ben)).text()
    assert "alert" not in ben_view
    room.reveal()
    board = (await (await client.get("/api/state", headers=ben)).json())["board"]
    # Stored and sent verbatim as JSON data; the page shows it with textContent.
    assert board[0]["text"] == "<script>alert(1)</script>" and board[0]["author"] == "Ana"
    vote = await client.post("/api/vote", json={"note": board[0]["no"], "delta": 1}, headers=ben)
    assert (await vote.json()) == {"dots": 1}


async def test_limits_too_long_and_malformed(client, room):
    ana = await join(client, room)
    long = await client.post("/api/note", json={"text": "x" * 1001}, headers=ana)
    assert long.status == 400 and "1,000" in (await long.json())["error"]
    huge = await client.post(
        "/api/note", data=b'{"text": "' + b"x" * MAX_BODY_BYTES + b'"}', headers=ana
    )
    assert huge.status == 413
    bad = await client.post("/api/note", data=b"not json", headers=ana)
    assert bad.status == 400 and "could not read" in (await bad.json())["error"]
    wrong_type = await client.post("/api/vote", json={"note": "1", "delta": 1}, headers=ana)
    assert wrong_type.status == 400


async def test_a_flood_from_one_device_is_slowed_down(client, room):
    ana = await join(client, room)
    statuses = [
        (await client.post("/api/note", json={"text": f"n{i}"}, headers=ana)).status
        for i in range(40)
    ]
    assert statuses.count(201) >= 20 and 429 in statuses


async def test_a_waiting_page_hears_of_a_change_at_once(client, room):
    ana = await join(client, room)
    version = (await (await client.get("/api/state", headers=ana)).json())["version"]
    waiting = asyncio.ensure_future(client.get(f"/api/state?since={version}", headers=ana))
    await asyncio.sleep(0.05)
    assert not waiting.done()
    room.set_activity(Activity(KEY_RESULT, target_id=3, target_text="Delight users"))
    view = await (await waiting).json()
    assert (
        view["activity"]["kind"] == "key_result"
        and view["activity"]["target_text"] == "Delight users"
    )


async def test_ns_answers_over_http(client, room):
    ana, ben = await join(client, room, "Ana"), await join(client, room, "Ben")
    room.set_activity(Activity(NS, target_id=3, questions=("Necessary?", "Sufficient?")))
    await client.post("/api/answer", json={"question": 0, "yes": True}, headers=ana)
    await client.post("/api/answer", json={"question": 0, "yes": False}, headers=ben)
    assert "ns_tally" not in await (await client.get("/api/state", headers=ana)).json()
    room.reveal()
    tally = (await (await client.get("/api/state", headers=ana)).json())["ns_tally"]
    assert tally[0] == {"question": "Necessary?", "yes": 1, "no": 1, "split": True}


async def test_the_server_listens_only_while_open(room):
    server = RoomServer(room, host="127.0.0.1", port=0)
    await server.start()
    import aiohttp

    async with aiohttp.ClientSession() as http, http.get(server.address) as page:
        assert page.status == 200
    await server.stop()
    async with aiohttp.ClientSession() as http:
        with pytest.raises(aiohttp.ClientConnectionError):
            await http.get(server.address)


def test_the_terminal_qr_code_holds_exactly_segnos_modules():
    import segno

    from workshop.web.qr import qr_lines

    address = "http://192.168.1.20:8765/"
    lines = qr_lines(address, border=2)
    # Each character is two modules, top and bottom; dark modules are drawn blank.
    dark = {" ": (True, True), "▄": (True, False), "▀": (False, True), "█": (False, False)}
    rows = []
    for line in lines:
        pairs = [dark[ch] for ch in line]
        rows.append([top for top, _ in pairs])
        rows.append([bottom for _, bottom in pairs])
    expected = [
        [bool(v) for v in row]
        for row in segno.make(address, error="l", micro=False).matrix_iter(border=2)
    ]
    assert rows[: len(expected)] == expected
    assert len(lines) <= 16 and len(lines[0]) <= 33  # fits a dialog at 80x24
