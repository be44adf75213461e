"""Snapshots of the set-up stage at projector sizes.

A reviewer should see: "Set-up / Before we start" with "Untimed" in the clock panel;
the workshop fields (Team "Support", Period "2027-Q1", facilitator, OKR champion, time
zone "Europe/London") each with its hint under it; and, at 160x45, the participants
("Ana", "Ben") with a warning that the workshop needs at least 3, and the approach
choice with top-down marked. The guide is beside the form at 160x45 and under it at
80x24.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from workshop.core.db.store import Item


@pytest.fixture
def setup_app(make_app, store):
    workshop_id = store.create_workshop(
        team="Support",
        period="2027-Q1",
        facilitator="Dana",
        champion="Eli",
        timezone="Europe/London",
    )
    for name in ("Ana", "Ben"):
        store.add(Item.PARTICIPANT, workshop_id, name=name)
    return make_app(workshop_id)


async def settle(pilot) -> None:
    # The form fills in from the store when the screen resumes; wait for it. A
    # blinking cursor would make the picture depend on timing, so hold it still.
    await pilot.pause()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.wait_for_scheduled_animations()


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_setup_stage(snap_compare, setup_app, size):
    assert snap_compare(setup_app, terminal_size=size, run_before=settle)


def test_setup_stage_minutes(snap_compare, setup_app):
    """The stage minutes at the end of the form: each timed stage with its minutes,
    goals changed to 20, "Total 125 min" under them."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        field = pilot.app.screen.query_one("#minutes-goals")
        field.focus()
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", "2", "0")
        await settle(pilot)

    assert snap_compare(setup_app, terminal_size=(160, 45), run_before=run_before)
