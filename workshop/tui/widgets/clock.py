"""The stage countdown in large digits, readable from the back of the room.

The panel holds no time of its own: `show()` is handed the timer and paints
what it says, in the words and digits of `workshop.core.clock.words.reading`. The
warning, overtime, break and flash looks are CSS classes, so colour lives in the
stylesheet; every state also reads without colour, because a
projector washes colour out: words in the status line, a "+" before an overtime
count and two bars (the pause sign) before a paused one.

The digits are `BigDigits`: a blocky font drawn with block characters, one pixel
a square of half-rows, so they scale in whole steps. In the header they grow
with the terminal's height (5 rows at 80x24, 8 at 160x45); the full-screen clock
makes them as large as its room allows.

The flash (a cue at the warning and time-up moments) is timed on the timer's
injected wall clock, not on a Textual timer, so it ends on the next repaint
after its time and tests with a fake clock see exactly what a room would.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Label

from workshop.core.clock.timer import Phase, WorkshopTimer
from workshop.core.clock.words import PAUSE_SIGN, reading, step_words
from workshop.core.textsafe import visible

# The flash blinks on, off, on: half a second each, then stays off.
FLASH_SECONDS = 1.5

# -- the big digits ----------------------------------------------------------------------

# Five pixels tall; "#" is ink. Three wide, strokes one pixel: heavy once scaled.
GLYPHS: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", ".##", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", ".#.", ".#.", ".#."),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    "+": ("...", ".#.", "###", ".#.", "..."),
    "-": ("...", "...", "###", "...", "..."),
    PAUSE_SIGN: ("#.#", "#.#", "#.#", "#.#", "#.#"),
    " ": (".", ".", ".", ".", "."),
}
GLYPH_ROWS = 5
# Columns the header keeps beside its digits for the stage's name and the status.
TEXT_ROOM = 24
# Top half-row, bottom half-row -> the character that inks them.
_HALVES = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def _pixels(text: str) -> list[str]:
    """The text as rows of pixels ("#" ink, "." paper), one pixel between characters."""
    glyphs = [GLYPHS[c] for c in text if c in GLYPHS]
    return [".".join(glyph[row] for glyph in glyphs) for row in range(GLYPH_ROWS)]


def pixel_width(text: str) -> int:
    """How many pixels wide `text` is drawn."""
    rows = _pixels(text)
    return len(rows[0]) if rows else 0


def rows_for(scale: int) -> int:
    """Terminal rows taken by the digits at `scale` half-rows a pixel."""
    return math.ceil(GLYPH_ROWS * scale / 2)


def big_lines(text: str, scale: int) -> list[str]:
    """`text` drawn in block characters, each pixel `scale` half-rows by `scale` columns.

    A character cell is about twice as tall as it is wide, so a half-row by a column
    is about square: the digits keep their shape at every scale.
    """
    scale = max(1, scale)
    halves = [row for row in _pixels(text) for _ in range(scale)]
    if not halves or not halves[0]:
        return []
    if len(halves) % 2:
        halves.append("." * len(halves[0]))
    return [
        "".join(_HALVES[(t == "#", b == "#")] * scale for t, b in zip(top, bottom, strict=True))
        for top, bottom in zip(halves[::2], halves[1::2], strict=True)
    ]


def header_scale(viewport: Size, width: int, text: str) -> int:
    """The header's scale: a fifth of the screen's height or so, at least 5 rows from 22 up.

    At 80x24 that is 5 rows (a pixel a full row); at 160x45, 8 rows. Never wider
    than `width` allows.
    """
    height = viewport.height
    target = max(height * 0.19, 5 if height >= 22 else 3)
    scale = max(1, int(2 * target / GLYPH_ROWS))
    wide = max(1, pixel_width(text or "00:00"))
    while scale > 1 and wide * scale > width:
        scale -= 1
    return scale


def fit_scale(size: Size, text: str) -> int:
    """The largest scale at which `text` fits in `size` (at least 1)."""
    wide = max(1, pixel_width(text or "00:00"))
    scale = 1
    while wide * (scale + 1) <= size.width and rows_for(scale + 1) <= size.height:
        scale += 1
    return scale


class BigDigits(Widget):
    """A time in heavy block digits that scale with the room they are given.

    `fit=False` (the header): sized by the terminal's height, as wide as it needs.
    `fit=True` (the full-screen clock): as large as fits the widget's own region, centred.
    """

    text: reactive[str] = reactive("", layout=True)

    def __init__(self, text: str = "", *, fit: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.fit = fit
        self.set_reactive(BigDigits.text, text)

    def update(self, text: str) -> None:
        self.text = text

    def _scale(self) -> int:
        if self.fit:
            return fit_scale(self.content_size, self.text)
        width = self.parent.content_size.width if isinstance(self.parent, Widget) else 80
        return header_scale(self.app.size, max(1, width - TEXT_ROOM), self.text)

    @property
    def scale(self) -> int:
        return self._scale()

    def get_content_width(self, container: Size, viewport: Size) -> int:
        if self.fit:
            return container.width
        if not self.text:
            return 0  # an untimed stage: no room kept for digits it never shows
        scale = header_scale(viewport, max(1, container.width - TEXT_ROOM), self.text)
        return pixel_width(self.text or "00:00") * scale

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self.fit:
            return container.height
        if not self.text:
            return 0
        return rows_for(header_scale(viewport, max(1, container.width - TEXT_ROOM), self.text))

    def render(self) -> Text:
        lines = big_lines(self.text, self._scale()) if self.text else []
        if not self.fit or not lines:
            return Text("\n".join(lines), no_wrap=True, end="")
        size = self.content_size
        top = max(0, (size.height - len(lines)) // 2)
        left = " " * max(0, (size.width - len(lines[0])) // 2)
        return Text("\n" * top + "\n".join(left + line for line in lines), no_wrap=True, end="")


# -- what the clock says -------------------------------------------------------------------


class ClockPanel(Horizontal):
    """Stage title, clock status and the countdown digits."""

    def __init__(self, stage_index: int, stage_count: int, title: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.stage_index = stage_index
        self.stage_count = stage_count
        self.stage_title = title
        self._flash_until: datetime | None = None
        self._status_shown: str | None = None  # the status line as last drawn

    def flash(self, timer: WorkshopTimer) -> None:
        """Blink the panel for a moment (the visual cue beside the bell)."""
        self._flash_until = timer.now() + timedelta(seconds=FLASH_SECONDS)
        self.show(timer)

    def _flashing(self, timer: WorkshopTimer) -> bool:
        if self._flash_until is None:
            return False
        left = (self._flash_until - timer.now()).total_seconds()
        if left <= 0:
            self._flash_until = None
            return False
        # Half-second steps counted from the start of the flash: on in the even ones.
        return int((FLASH_SECONDS - left) * 2) % 2 == 0

    def compose(self) -> ComposeResult:
        with Vertical(id="clock-text"):
            yield Label(step_words(self.stage_index, self.stage_count), id="clock-step")
            yield Label(visible(self.stage_title), id="clock-title", markup=False)
            yield Label("", id="clock-status")
        yield BigDigits("", id="clock-digits")

    def show(self, timer: WorkshopTimer) -> None:
        """Paint the clock for this panel's stage from the timer's current reading."""
        try:
            digits = self.query_one("#clock-digits", BigDigits)
            status = self.query_one("#clock-status", Label)
        except NoMatches:
            return  # a tick can arrive before the panel has composed; the next one paints it
        on_this_stage = timer.current == self.stage_index
        now = reading(timer, self.stage_index)
        text = now.status
        if timer.muted:
            text = f"{text} · sound and flash off (F12)"
        digits.update(now.digits)
        if text != self._status_shown:
            # Four ticks a second; a label's update lays the whole screen out again.
            self._status_shown = text
            status.update(text)

        on_break = now.state in ("break", "break-over")
        phase = timer.phase(self.stage_index)
        self.set_class(on_break, "-break")
        self.set_class(now.state == "break-over", "-break-over")
        self.set_class(on_this_stage and self._flashing(timer), "-flash")
        self.set_class(phase is Phase.WARNING and not on_break, "-warning")
        self.set_class(phase is Phase.OVERTIME and not on_break, "-overtime")
        self.set_class(on_this_stage and now.state in ("paused", "ready"), "-paused")
