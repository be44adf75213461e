"""The key pump when the app's last screen has gone (the app is closing)."""

from __future__ import annotations

import asyncio

from textual import events
from textual.app import ScreenStackError

from workshop.tui.key_pump import KeyPump


class ClosingApp:
    """An app whose screen stack is already empty, as at the end of Ctrl+Q."""

    is_running = False
    is_attached = False

    @property
    def screen(self):
        raise ScreenStackError("No screens on stack")

    def call_later(self, *args, **kwargs) -> bool:
        return False  # its queue is closed


async def test_a_key_arriving_as_the_last_screen_goes_ends_the_pump_quietly():
    delivered: list[events.Event] = []

    async def deliver(event: events.Event) -> None:
        delivered.append(event)

    pump = KeyPump(ClosingApp(), deliver)  # type: ignore[arg-type]
    pump.put(events.Key("x", "x"))
    await asyncio.wait_for(pump.run(), timeout=30)  # returns, no ScreenStackError
    assert delivered == []  # nowhere to deliver it
    await asyncio.wait_for(pump.settled(), timeout=30)  # nobody waits for ever
    pump.put(events.Key("y", "y"))  # later keys are dropped, not queued
    assert pump.pending == 0
