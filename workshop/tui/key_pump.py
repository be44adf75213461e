"""The keyboard, one key at a time: each key lands where the keys before it left the cursor.

Textual hands every key to whichever widget has focus at the moment the app reads
it, and each widget then works through its own message queue. A key typed straight
after Enter or Tab could therefore reach the old field before the Enter had added a
line, or the Tab had moved on: "40", Tab, "200" stored "40200".

`KeyPump` is the one mechanism that prevents this. The app puts every key and paste
from the terminal into one queue, in the order they came, and the pump delivers them
one by one through Textual's own dispatch (bindings, the focused widget, bubbling).
It delivers the next one only when the last has settled:

- every node the key travelled through (the focused widget, its ancestors, the screen
  and the app) has worked through the messages queued before it, and again, until
  the focused widget and the screen stop changing (Enter posts a request, the screen
  adds and focuses a line, the focus lands: each step is another round);
- the screen on top is ready for keys. A screen that is still being built (a stage
  building its editor, the start screen opening a workshop) says so with a
  `keys_ready` event, and keys wait for it, in order, instead of reaching a field
  that is about to be replaced.

Nothing is held anywhere else, and no key is ever dropped: if a screen never says it
is ready (a bug), keys go on to it after `READY_SAFETY_SECONDS`.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from textual import events
from textual.app import ScreenStackError
from textual.widgets import Input

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode

# A screen that never reports ready (it should always) still gets its keys after this.
READY_SAFETY_SECONDS = 20.0
# How often a wait re-checks that what it waits on still exists (not a time budget).
RECHECK_SECONDS = 0.05
# Rounds of "let every queue on the way catch up" before a key counts as settled
# even if focus still moves (a widget that keeps moving focus on its own).
MAX_ROUNDS = 8


@runtime_checkable
class BuildsBeforeKeys(Protocol):
    """A screen that must finish building before keys reach it."""

    keys_ready: asyncio.Event


class KeyPump:
    """Delivers keys and pastes in the order typed, each after the last has settled."""

    def __init__(self, app: App[Any], deliver: Callable[[events.Event], Awaitable[None]]):
        self._app = app
        self._deliver = deliver
        self._queue: asyncio.Queue[events.Event] = asyncio.Queue()
        self._idle = asyncio.Event()
        self._idle.set()
        # Set once the pump has stopped (the app is closing): nothing waits on it then.
        self._stopped = False

    def put(self, event: events.Key | events.Paste) -> None:
        """Queue a key or paste from the terminal (never blocks)."""
        if self._stopped:
            return  # the app is closing: no screen is left to take it
        self._idle.clear()
        self._queue.put_nowait(event)

    @property
    def pending(self) -> int:
        """Keys and pastes not yet delivered."""
        return self._queue.qsize()

    async def settled(self) -> None:
        """Wait until every key sent so far has landed and the screen is ready for the next.

        A key that opens a stage settles once the stage is on screen; the stage may still
        be building its editor, and the next key would wait for that, so this does too.
        """
        await _drained(self._app)  # keys still in the app's own queue reach the pump first
        if not self._stopped:
            await self._idle.wait()
            await self._until_ready()

    async def run(self) -> None:
        """Deliver keys for as long as the app runs (started as a worker)."""
        try:
            await self._deliver_all()
        except ScreenStackError:
            pass  # the last screen has gone: the app is closing, no one is left to type to
        finally:
            # Cancelled with the app, or stopped by an error the app reports: whoever
            # waits for the keys to settle must not wait for ever.
            self._stopped = True
            self._idle.set()

    async def _deliver_all(self) -> None:
        while True:
            event = await self._queue.get()
            await self._until_ready()
            screen = self._app.screen
            target: DOMNode = screen.focused or screen
            if not _is_character(event):
                # A key that acts (Ctrl+Q, Ctrl+N, Enter...) comes after what the characters
                # before it set off: their Changed messages have reached autosave.
                await self._drain_path(target)
            await self._deliver(event)
            await self._settle(event, target)
            if not _is_character(event):
                # Focus order follows where widgets sit on screen, so a line Enter has
                # just added must be laid out before the next Enter or Tab moves on
                # from it (it would count as the top line and send the cursor up).
                await _laid_out(self._app)
            if self._queue.empty():
                # What the last keys set off (a field's Changed on its way to autosave)
                # has reached the screen and the app before anyone is told "settled".
                await self._drain_path(self._app.screen.focused or self._app.screen)
                if self._queue.empty():
                    self._idle.set()

    async def _until_ready(self) -> None:
        """Wait while the screen on top is still being built (or a new one is coming)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + READY_SAFETY_SECONDS
        while loop.time() < deadline:
            screen = self._app.screen
            if not isinstance(screen, BuildsBeforeKeys) or screen.keys_ready.is_set():
                return
            # Wake as soon as it is ready; look again now and then in case the
            # screen was replaced meanwhile (its event would never be set).
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(screen.keys_ready.wait(), RECHECK_SECONDS)

    async def _settle(self, event: events.Event, target: DOMNode) -> None:
        app = self._app
        if _is_character(event) and isinstance(target, Input) and app.screen.focused is target:
            # A character typed into a field: the field inserts it itself and stops it.
            await _drained(target)
            return
        for round_number in range(MAX_ROUNDS):
            before = (app.screen, app.screen.focused)
            await self._drain_path(target)
            if round_number >= 1 and (app.screen, app.screen.focused) == before:
                return
            target = app.screen.focused or app.screen

    async def _drain_path(self, target: DOMNode) -> None:
        """Let `target`, each of its ancestors, the screen on top and the app catch up."""
        app = self._app
        path = target.ancestors_with_self if target.is_attached else [app]
        for node in path:
            await _drained(node)
        await _drained(app.screen)
        await _drained(app)


def _is_character(event: events.Event) -> bool:
    return isinstance(event, events.Key) and event.is_printable


async def _drained(node: DOMNode) -> None:
    """Wait until `node` has handled every message queued on it before now."""
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    if not node.call_later(_resolve, done):
        return  # its queue is closed: it has nothing more to handle
    while not done.done():
        await asyncio.wait({done}, timeout=RECHECK_SECONDS)
        if not done.done() and (not node.is_running or not node.is_attached):
            return  # removed, or the app is closing: its queue will not run the callback


async def _laid_out(app: App[Any]) -> None:
    """Wait until the screen on top has laid out and painted what came before now."""
    screen = app.screen
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    if not screen.call_after_refresh(_resolve, done):
        return  # its queue is closed: the screen is going away
    while not done.done():
        await asyncio.wait({done}, timeout=RECHECK_SECONDS)
        if not done.done() and (not screen.is_running or app.screen is not screen):
            return  # replaced, or the app is closing: it will not refresh again


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)
