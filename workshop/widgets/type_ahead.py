"""Keys typed while the cursor is on its way to another field.

Enter in a list field asks the screen for a new line; the screen stores it,
mounts it and focuses it a moment later. A fast typist (or `tmux send-keys`)
has already sent the next words by then, and the terminal hands every key to
whichever field has focus when the key is read: the old one. So the old field
opens a `HandOver` as it asks. While it is open:

- keys the old field receives are held, in order (`held`);
- keys any other field on the screen receives (the new line, once focused) are
  held too, after those (`late`): they were typed later.

It closes when the old field loses focus (every key sent to it has arrived by
then: the blur is queued behind them), or when the screen has answered the
request without moving focus (the list is full, the request was refused).
Then every held key goes, in order, to the field that has focus now, or back to
the old field if focus is not on a field: nothing typed is dropped. A replayed
Enter opens the next hand-over, so "one⏎two⏎three" in one burst fills three lines.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable
from weakref import WeakKeyDictionary

from textual.screen import Screen
from textual.widget import Widget

# Only for an answer that never comes back (a widget on its way was removed
# mid-request): the hand-over then closes on its own after this long.
SAFETY_SECONDS = 1.0


@dataclass(frozen=True)
class Typed:
    """One key as the terminal sent it."""

    key: str
    character: str | None


@runtime_checkable
class TakesKeys(Protocol):
    """A field that can be handed keys to apply in order (a `FieldInput`)."""

    async def type_keys(self, keys: list[Typed]) -> None: ...


class HandOver:
    """Keys held while `source` waits for focus to move on."""

    def __init__(self, source: Widget) -> None:
        self.source = source
        self.screen = source.screen
        self.held: list[Typed] = []
        self.late: list[Typed] = []
        self.done = False
        self._timer = source.app.set_timer(SAFETY_SECONDS, self.finish, name="type-ahead")

    def hold(self, field: Widget, typed: Typed) -> None:
        (self.held if field is self.source else self.late).append(typed)

    async def answered(self) -> None:
        """Everything the source had sent up the DOM has been handled."""
        if self.done:
            return
        if self.screen.focused is self.source or not self.source.is_attached:
            await self.finish()  # refused: focus never moved
        elif not self.source.call_later(self.finish):
            await self.finish()
        # Otherwise the source's blur is queued behind the last key sent to it,
        # and it finishes the hand-over; the callback just queued is a no-op then.

    async def finish(self) -> None:
        if self.done:
            return
        self.done = True
        self._timer.stop()
        if _open.get(self.screen) is self:
            del _open[self.screen]
        keys = self.held + self.late
        target = self._target()
        if keys and target is not None:
            await target.type_keys(keys)

    def _target(self) -> TakesKeys | None:
        focused = self.screen.focused
        if isinstance(focused, TakesKeys):
            return focused
        if self.source.is_attached and isinstance(self.source, TakesKeys):
            return self.source
        return None


_open: WeakKeyDictionary[Screen, HandOver] = WeakKeyDictionary()


def open_on(screen: Screen) -> HandOver | None:
    """The hand-over under way on `screen`, if any."""
    return _open.get(screen)


def held_by(source: Widget) -> HandOver | None:
    """The open hand-over `source` started, if any."""
    return next((h for h in _open.values() if h.source is source), None)


def start(source: Widget) -> HandOver:
    """Hold keys from now on until focus has moved away from `source` (or will not).

    Call it right after posting the request (e.g. `AddSibling`), so the check
    that the screen has answered travels up the DOM behind the request.
    """
    screen = source.screen
    current = _open.get(screen)
    if current is not None:
        return current
    hand_over = HandOver(source)
    _open[screen] = hand_over
    after_bubbling(source, hand_over.answered)
    return hand_over


def after_bubbling(node: Widget, callback: Callable[[], Awaitable[None]]) -> None:
    """Run `callback` once every message `node` has already sent up the DOM is handled.

    A bubbling message visits `node`, its parent, ... the screen and the app,
    each in turn through its message queue. A callback queued at each of them
    in the same order arrives behind the message everywhere, so when it reaches
    the app, every handler on the way has finished (the screen's included, and
    a focus it asked for is already set: `focus()` queues on the app too).
    """
    path = node.ancestors_with_self

    async def step(index: int) -> None:
        following = index + 1
        if following < len(path) and path[following].call_later(step, following):
            return
        await callback()  # at the app, or a queue on the way has closed

    if not node.call_later(step, 0):
        node.app.call_later(callback)
