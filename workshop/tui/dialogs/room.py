"""F11: open the room, and the dialog that shows how to join it.

The first F11 opens the room: the server starts on the local network with a fresh
join code and this dialog shows the address, a QR code of it and the code, big
enough to read from the back. Esc or Enter hides it (the room stays open and the
stage's corner keeps the code on show); F11 again goes to the room's board
(`workshop.tui.dialogs.room_board`); C closes the room, which stops the server.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label

from workshop.tui.dialogs.room_board import BoardClosed, RoomBoardScreen
from workshop.tui.styles import STAGE_CSS
from workshop.tui.widgets.room_link import RoomLink
from workshop.tui.widgets.room_qr import RoomQR

if TYPE_CHECKING:
    from textual.app import App


def spaced(code: str) -> str:
    """ "K7P QRM": a code is easier to read off a wall in two halves."""
    half = len(code) // 2
    return f"{code[:half]} {code[half:]}"


class RoomJoinScreen(ModalScreen[str | None]):
    """The address, QR code and join code of the open room."""

    CSS_PATH = STAGE_CSS

    BINDINGS = [
        Binding("escape,enter", "dismiss_dialog", "Back to the stage", priority=True),
        Binding("f11", "board", "Room board", priority=True),
        Binding("c", "close_room", "Close the room"),
    ]

    def __init__(self, link: RoomLink) -> None:
        super().__init__(id="room-join")
        self.link = link

    def compose(self) -> ComposeResult:
        room = self.link.room
        with Vertical(id="room-join-box"):
            yield Label("Join from your phone or laptop", id="room-join-title")
            with Horizontal(id="room-join-body"):
                yield RoomQR(self.link.address, id="room-qr")
                with Vertical(id="room-join-words"):
                    yield Label("Open", classes="room-join-label")
                    yield Label(self.link.address, id="room-address", markup=False)
                    yield Label("and type the code", classes="room-join-label")
                    yield Label(spaced(room.code), id="room-code", markup=False)
                    yield Label("", id="room-joined", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._show_joined()
        self.set_interval(0.5, self._show_joined)

    def _show_joined(self) -> None:
        joined = self.link.room.joined
        self.query_one("#room-joined", Label).update(
            f"{joined} joined" if joined else "Nobody has joined yet."
        )

    def action_dismiss_dialog(self) -> None:
        self.dismiss(None)

    def action_board(self) -> None:
        self.dismiss("board")

    def action_close_room(self) -> None:
        self.dismiss("close")


async def room_key(app: App[None]) -> None:
    """What F11 does: open the room and show how to join; when open, show the board."""
    link: RoomLink | None = getattr(app, "room_link", None)
    session = getattr(app, "session", None)
    if session is None:
        return
    if session.read_only and (link is None or not link.is_open):
        app.notify(
            "The room opens in the window that is editing this workshop: this one is "
            "read-only, so nothing the room wrote could be saved.",
            severity="warning",
        )
        return
    if link is None:
        link = RoomLink(session, **getattr(app, "room_options", {}))
        app.room_link = link  # type: ignore[attr-defined]
    if link.is_open:
        show_board(app, link)
        return
    try:
        await link.open()
    except OSError as error:
        app.notify(f"The room could not open: {error.strerror or error}.", severity="error")
        return
    follow_stage(app, link)
    show_join(app, link)


def show_join(app: App[None], link: RoomLink) -> None:
    async def after(choice: str | None) -> None:
        if choice == "board":
            show_board(app, link)
        elif choice == "close":
            await close_room(app, link)

    app.push_screen(RoomJoinScreen(link), after)


def show_board(app: App[None], link: RoomLink) -> None:
    """Push the board; when the draft changed, the stage underneath shows it."""

    async def after(closed: BoardClosed | None) -> None:
        if closed is None:
            return
        if closed.changed_draft:
            reload = getattr(app.screen, "reload", None)
            if callable(reload):
                app.run_worker(reload(), exclusive=True, group="room-reload")
        if closed.then == "join":
            show_join(app, link)
        elif closed.then == "close":
            await close_room(app, link)

    app.push_screen(RoomBoardScreen(link), after)


async def close_room(app: App[None], link: RoomLink) -> None:
    await link.close()
    app.notify("The room is closed: the page no longer answers. F11 opens it again.")


def follow_stage(app: App[None], link: RoomLink) -> None:
    """Point the page at the stage on the projector (on key results, its focused objective)."""
    session = getattr(app, "session", None)
    if session is None:
        return
    key = session.agenda.stages[session.timer.current].key
    objective_id = None
    for screen in reversed(app.screen_stack):
        block = getattr(screen, "focused_block", None)
        if callable(block):
            found = block()
            objective_id = getattr(found, "objective_id", None)
            break
    link.follow(key, objective_id)
