"""Snapshots of the overview stage at projector sizes.

A reviewer should see: one large card, "Card 8 of 11", titled "Red, orange, green" on
an accent bar, its text wrapped well short of the screen edge, and under it the three
bands as coloured swatches labelled RED, ORANGE and GREEN with their ranges (0% to
under 50%, 50% to under 70%, 70% to 100%) and meanings. The footer shows the card keys
(← Previous card, →/Space Next card).
"""

from __future__ import annotations

import pytest

from tests.tui.stage_waits import OVERVIEW, on_stage


@pytest.fixture
def overview_app(make_app, store):
    return make_app(store.create_workshop(team="Support", period="2027-Q1"), stage=OVERVIEW)


async def show_band_card(pilot) -> None:
    await on_stage(pilot, OVERVIEW)  # the app opens on the overview
    points = pilot.app.session.agenda.stage("overview").points
    band_card = next(i for i, p in enumerate(points) if "orange" in p.title.lower())
    await pilot.press(*["right"] * band_card)
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_overview_band_card(snap_compare, overview_app, size):
    assert snap_compare(overview_app, terminal_size=size, run_before=show_band_card)
