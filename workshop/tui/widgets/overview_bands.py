"""The progress colour bands as a legend: a coloured swatch, the band's name and its range.

The name is written in words next to the colour, so the legend still reads on a
washed-out projector or for someone who does not see red and green apart. The
boundaries come from the agenda, never from here.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label

from workshop.core.agenda.model import Band, Point
from workshop.core.textsafe import visible

# Band names the stylesheet has a colour for; any other name gets a neutral swatch.
COLOURED = frozenset({"red", "orange", "green"})


def band_range(band: Band, *, last: bool) -> str:
    """The band's range in words: "0% to under 50%", or "70% to 100%" for the top band."""
    if last:
        return f"{band.min_percent}% to {band.max_percent}%"
    return f"{band.min_percent}% to under {band.max_percent}%"


def is_about_bands(point: Point, bands: Sequence[Band]) -> bool:
    """True when a talking point names every band (e.g. "Red, orange, green")."""
    text = f"{point.title} {point.body}".lower()
    return bool(bands) and all(band.name.lower() in text for band in bands)


class BandLegend(Vertical):
    """One row per band: swatch with the name, the range, and what it means."""

    def __init__(self, bands: Sequence[Band], **kwargs) -> None:
        super().__init__(**kwargs)
        self.add_class("band-legend")
        self.bands = list(bands)

    def compose(self) -> ComposeResult:
        for i, band in enumerate(self.bands):
            colour = band.name.lower() if band.name.lower() in COLOURED else "other"
            with Horizontal(classes="band-row"):
                yield Label(
                    visible(band.name.upper()), classes=f"band-swatch -{colour}", markup=False
                )
                yield Label(
                    band_range(band, last=i == len(self.bands) - 1),
                    classes="band-range",
                    markup=False,
                )
                yield Label(visible(band.label), classes="band-label", markup=False)
