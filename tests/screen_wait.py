"""Pilot's wait for the screen, without a message round trip to widgets that have none.

Textual's `Pilot._wait_for_screen` (after every key and pause) posts a callback to the
app and to every widget on the screen, and waits until all have run it: then every
message queued before has been handled. Each callback is a message with two dispatches
(itself and the Idle after it), about 25 µs: some 10 ms a wait on a full key-results
stage (417 widgets), and a pause waits three times. A widget that waits for its next
message, with none queued, would run the callback at once and have handled nothing more
by then, so this wait skips it and posts to the rest exactly as Textual does. The app
and the screen always get one: their idle handlers lay out and redraw.

`is_waiting_for_messages` reads private details of Textual's message pump (pinned to
8.2.8); tests/test_harness.py checks them against the installed Textual.
"""

from __future__ import annotations

import asyncio

from textual.message_pump import MessagePump
from textual.pilot import Pilot, WaitForScreenTimeout
from textual.widget import Widget

# Textual's own, which `wait_for_screen` follows (kept for tests/test_harness.py). The
# harness imports this module before it patches Pilot.
TEXTUAL_WAIT_FOR_SCREEN = Pilot._wait_for_screen

# The flags a widget's idle handler acts on (`Widget._check_refresh`).
_IDLE_WORK = (
    "_repaint_required",
    "_layout_required",
    "_scroll_required",
    "_refresh_styles_required",
)


def is_waiting_for_messages(pump: MessagePump) -> bool:
    """True if `pump` is suspended on its empty queue, between two messages, with no work due."""
    if pump._pending_message is not None or not pump._message_queue.empty():
        return False
    if pump._next_callbacks or any(getattr(pump, flag, False) for flag in _IDLE_WORK):
        return False
    if type(pump)._on_idle is not Widget._on_idle or hasattr(pump, "on_idle"):
        return False  # its own idle handler may do more than Widget's
    task = pump._task
    if task is None or task.done():
        return False
    # The coroutines the task is suspended in, outermost first: between two messages the
    # loop awaits `_get_message`, which awaits the queue's `get`, which waits for a value.
    awaited = task.get_coro()
    names: list[str] = []
    while awaited is not None and hasattr(awaited, "cr_code"):
        names.append(awaited.cr_code.co_name)
        awaited = awaited.cr_await
    return names[-4:] == ["_process_messages_loop", "_get_message", "get", "wait"]


async def wait_for_screen(self: Pilot, timeout: float = 30.0) -> bool:
    """As Textual's `Pilot._wait_for_screen`, skipping widgets with nothing to handle."""
    try:
        screen = self.app.screen
    except Exception:
        return False
    count = 0
    count_zero_event = asyncio.Event()

    def decrement_counter() -> None:
        nonlocal count
        count -= 1
        if count == 0:
            count_zero_event.set()

    for child in [self.app, screen, *screen.walk_children()]:
        if child is not self.app and child is not screen and is_waiting_for_messages(child):
            continue
        if child.call_later(decrement_counter):
            count += 1

    if count:
        wait_for = [
            asyncio.create_task(count_zero_event.wait()),
            asyncio.create_task(self.app._exception_event.wait()),
        ]
        _, pending = await asyncio.wait(
            wait_for, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
        )
        for task in pending:
            task.cancel()
        if len(wait_for) == len(pending):
            raise WaitForScreenTimeout(
                "Timed out while waiting for widgets to process pending messages."
            )
        if count > 0:
            return False
    return True
