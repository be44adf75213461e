"""The room's web server: a small page and a JSON API, on the app's own event loop.

aiohttp, because it runs inside an asyncio loop that someone else owns (Textual's),
as Textual's own `textual serve` does; Starlette would need uvicorn's server, which
wants to own the loop and the signals. segno draws the QR code (`workshop.web.qr`).

What it serves: `/` (the page), its two assets by fixed name, and `/api/...`.
Nothing is read from disk by a name a request supplies, so no other file can be
reached. Every answer is JSON the page puts on screen with `textContent` only,
and the Content-Security-Policy allows nothing but this server's own files.

The rules (codes, tokens, privacy, limits, votes) are `workshop.core.room.rules.Room`'s;
this layer only translates requests. Nothing here blocks: the room's calls are
in memory, and storing goes through the session's writer thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
from collections.abc import Awaitable, Callable
from importlib.resources import files
from typing import Any

from aiohttp import web

from workshop.core.room.rules import Room, RoomError

# How long a page's request for news waits before answering "nothing new".
WAIT_SECONDS = 20.0
# The most a request body may hold (a note is at most 1,000 characters).
MAX_BODY_BYTES = 16 * 1024
DEFAULT_PORT = 8765
# How long news waits to be sent, so changes close together go out as one.
NEWS_DELAY_SECONDS = 0.25
TOKEN_HEADER = "X-Room-Token"

# The only files served, by URL path: (package file, content type).
ASSETS = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/room.js": ("room.js", "text/javascript; charset=utf-8"),
    "/room.css": ("room.css", "text/css; charset=utf-8"),
}

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def _load_assets() -> dict[str, tuple[bytes, str]]:
    folder = files("workshop.web") / "static"
    return {path: ((folder / name).read_bytes(), kind) for path, (name, kind) in ASSETS.items()}


def lan_address() -> str:
    """This machine's address on the local network (no packet is sent), else loopback."""
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("10.255.255.255", 1))  # a UDP "connect" only picks a route
        address = str(probe.getsockname()[0])
        if not address.startswith("0."):
            return address
    return "127.0.0.1"


class RoomServer:
    """Serves one `Room` while it is open; `start()` and `stop()` on the app's loop."""

    def __init__(
        self,
        room: Room,
        *,
        host: str = "0.0.0.0",
        port: int = DEFAULT_PORT,
        wait_seconds: float = WAIT_SECONDS,
        public_host: str | None = None,
    ) -> None:
        self.room = room
        self.host = host
        self.port = port
        self.wait_seconds = wait_seconds
        self._public_host = public_host
        self._assets = _load_assets()
        self._news = asyncio.Event()
        self._wake_pending = False
        self._runner: web.AppRunner | None = None
        room.listeners.append(self._changed)
        # Called after each request that changed the room (the projector repaints).
        self.on_change: Callable[[], None] | None = None

    # -- the application -----------------------------------------------------

    def make_app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY_BYTES, middlewares=[self._headers])
        for path in ASSETS:
            app.router.add_get(path, self._asset)
        app.router.add_post("/api/join", self._join)
        app.router.add_get("/api/state", self._state)
        app.router.add_post("/api/note", self._note)
        app.router.add_post("/api/finish", self._finish)
        app.router.add_post("/api/vote", self._vote)
        app.router.add_post("/api/answer", self._answer)
        return app

    @web.middleware
    async def _headers(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        try:
            response = await handler(request)
        except RoomError as error:
            response = _error(error.status, error.message)
        except web.HTTPException as error:
            response = _error(error.status, _http_message(error.status))
        response.headers.update(SECURITY_HEADERS)
        return response

    async def _asset(self, request: web.Request) -> web.Response:
        body, kind = self._assets[request.path]
        return web.Response(body=body, headers={"Content-Type": kind})

    async def _join(self, request: web.Request) -> web.Response:
        data = await _json(request)
        address = request.remote or ""
        token = self.room.join(_text(data, "code"), _text(data, "name"), address=address)
        return web.json_response({"token": token}, status=201)

    async def _state(self, request: web.Request) -> web.Response:
        token = request.headers.get(TOKEN_HEADER, "")
        self.room.device(token)  # refuse a stranger before waiting
        since = request.query.get("since", "")
        if since.isdigit() and int(since) == self.room.version:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._news.wait(), self.wait_seconds)
        return web.json_response(self.room.view_for(token))

    async def _note(self, request: web.Request) -> web.Response:
        data = await _json(request)
        target_id = data.get("target_id")
        note = self.room.submit(
            request.headers.get(TOKEN_HEADER, ""),
            _text(data, "text"),
            why=_text(data, "why"),
            start=_text(data, "start"),
            target=_text(data, "target"),
            target_id=target_id if isinstance(target_id, int) else None,
        )
        return web.json_response({"no": note.note_no}, status=201)

    async def _finish(self, request: web.Request) -> web.Response:
        data = await _json(request)
        self.room.finish(request.headers.get(TOKEN_HEADER, ""), bool(data.get("finished", True)))
        return web.json_response({"ok": True})

    async def _vote(self, request: web.Request) -> web.Response:
        data = await _json(request)
        note, delta = data.get("note"), data.get("delta")
        if not isinstance(note, int) or not isinstance(delta, int):
            raise RoomError("A vote names a suggestion and +1 or -1.")
        dots = self.room.vote(request.headers.get(TOKEN_HEADER, ""), note, delta)
        return web.json_response({"dots": dots})

    async def _answer(self, request: web.Request) -> web.Response:
        data = await _json(request)
        question, yes = data.get("question"), data.get("yes")
        if not isinstance(question, int) or not isinstance(yes, bool):
            raise RoomError("An answer names a question and yes or no.")
        self.room.answer(request.headers.get(TOKEN_HEADER, ""), question, yes)
        return web.json_response({"ok": True})

    # -- news for waiting pages -----------------------------------------------------

    def _changed(self) -> None:
        # Pages waiting for news are answered together a moment later: a burst of 150
        # dots then wakes each page a few times, not 150 times.
        if not self._wake_pending:
            self._wake_pending = True
            asyncio.get_running_loop().call_later(NEWS_DELAY_SECONDS, self._wake)
        if self.on_change is not None:
            self.on_change()

    def _wake(self) -> None:
        self._wake_pending = False
        self._news.set()
        self._news = asyncio.Event()

    # -- opening and closing ---------------------------------------------------------

    async def start(self) -> None:
        """Listen (on `port`, or any free port if that one is taken)."""
        app = self.make_app()
        runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port, reuse_address=True)
        try:
            await site.start()
        except OSError:
            site = web.TCPSite(runner, self.host, 0, reuse_address=True)
            await site.start()
        if runner.addresses:  # the port the system gave, when the asked one was taken
            self.port = int(runner.addresses[0][1])
        self._runner = runner

    async def stop(self) -> None:
        """Stop listening; waiting pages are answered and the port is closed."""
        runner, self._runner = self._runner, None
        self._detach()
        if runner is not None:
            self._news.set()
            await runner.cleanup()

    def stop_now(self) -> None:
        """Stop listening at once, without waiting (the app is ending, its loop with it)."""
        self._detach()
        runner = self._runner
        if runner is not None:
            for site in runner.sites:
                server = site._server  # aiohttp keeps asyncio's Server here
                if server is not None:
                    server.close()  # closes the listening sockets now

    def _detach(self) -> None:
        if self._changed in self.room.listeners:
            self.room.listeners.remove(self._changed)

    @property
    def listening(self) -> bool:
        return self._runner is not None

    @property
    def address(self) -> str:
        host = self._public_host or (lan_address() if self.host == "0.0.0.0" else self.host)
        return f"http://{host}:{self.port}/"


async def _json(request: web.Request) -> dict[str, Any]:
    try:
        data = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError, ValueError) as error:
        raise RoomError("The page sent something the room could not read.") from error
    if not isinstance(data, dict):
        raise RoomError("The page sent something the room could not read.")
    return data


def _text(data: dict[str, Any], name: str) -> str:
    value = data.get(name, "")
    if not isinstance(value, str):
        raise RoomError(f"The {name} must be text.")
    return value


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


def _http_message(status: int) -> str:
    if status == 404:
        return "There is nothing here. Open the address on the projector."
    if status == 413:
        return "That is too long for the room."
    if status == 405:
        return "The room does not answer that kind of request."
    return "The room could not answer that."
