"""Pilot tests: the overview stage, paging its cards with plain keys."""

from __future__ import annotations

from tests.tui.stage_waits import OVERVIEW, on_stage
from workshop.tui.screens.overview import OverviewScreen
from workshop.tui.widgets.overview_bands import BandLegend


def shown(screen) -> tuple[str, str]:
    """(the "Card n of m" line, the card's title) as on screen."""
    count = str(screen.query_one(".deck-count").render())
    title = str(screen.query_one(".deck-title").render())
    return count, title


async def go_to_overview(pilot) -> OverviewScreen:
    """Wait for the overview: the app opened there (`make_app(..., stage=OVERVIEW)`), or
    the test pressed Ctrl+N from set-up."""
    await on_stage(pilot, OVERVIEW)
    assert isinstance(pilot.app.screen, OverviewScreen)
    return pilot.app.screen


async def test_keys_page_through_the_cards(make_app, agenda):
    points = agenda.stage("overview").points
    app = make_app(stage=OVERVIEW)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await go_to_overview(pilot)
        assert shown(screen) == (f"Card 1 of {len(points)}", points[0].title)

        await pilot.press("right", "space", "pagedown")
        assert shown(screen) == (f"Card 4 of {len(points)}", points[3].title)

        await pilot.press("left", "pageup")
        assert shown(screen)[1] == points[1].title

        await pilot.press("left", "left")  # stops at the first card
        assert shown(screen)[1] == points[0].title

        await pilot.press("end", "right")  # and at the last
        assert shown(screen) == (f"Card {len(points)} of {len(points)}", points[-1].title)


async def test_the_band_card_shows_the_agendas_bands(make_app, agenda):
    points = agenda.stage("overview").points
    bands_card = next(i for i, p in enumerate(points) if "orange" in p.title.lower())
    app = make_app(stage=OVERVIEW)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await go_to_overview(pilot)
        assert not any(legend.display for legend in screen.query(BandLegend))

        await pilot.press(*["right"] * bands_card)
        legend = next(legend for legend in screen.query(BandLegend) if legend.display)
        rows = [
            " ".join(str(label.render()) for label in row.children)
            for row in legend.query(".band-row")
        ]
    assert rows == [
        f"{band.name.upper()} {band.min_percent}% to "
        + ("" if band is agenda.bands[-1] else "under ")
        + f"{band.max_percent}% {band.label}"
        for band in agenda.bands
    ]


async def test_the_card_is_remembered_across_stages(make_app):
    # Arrives from set-up and leaves and comes back with keys: the navigation is the subject.
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("ctrl+n")
        screen = await go_to_overview(pilot)
        await pilot.press("right", "right")
        before = shown(screen)

        await pilot.press("ctrl+n", "ctrl+b")  # to business goals and back
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert shown(app.screen) == before
