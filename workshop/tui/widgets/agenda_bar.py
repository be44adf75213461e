"""The agenda bar: every timed stage, planned against actual, and the projected end.

It paints what `pacing.project()` says, in the words of `workshop.core.clock.words`,
and nothing more. The text adapts to the
width it gets: every stage's name and "32 of 30 min" when there is room; where
every stage will not fit (80 columns) it shows the stage under way in words,
"Step 2 of 6 · Goals 4 of 8 min", rather than a row of numbers nobody can
decode. With two lines (wide terminals) the stages go on the first and the
projection on the second; with one line they share it, the projection on the
right because it is what the room looks for.

Minutes are whole minutes rounded half up, as the clock's "8 min planned" is, and
the end is printed so that it agrees with "on time" or "+7 min behind" beside it
(`Projection.shown_end`).

Colours are component classes, so they live in app.tcss with the rest.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from workshop.core.clock.pacing import AgendaRow, Projection, RowStatus, project
from workshop.core.clock.timer import Mode, WorkshopTimer
from workshop.core.clock.words import cell_words, focus_words, projection_words

SEPARATOR = " │ "


# Levels 0 and 1 list every stage; the tighter ones show the stage under way in words.
EVERY_STAGE_LEVELS = 2
LEVELS = 5


class AgendaBar(Widget):
    """Each timed stage with planned and actual minutes, and the end against the hard stop."""

    COMPONENT_CLASSES = {
        "agenda-bar--current",
        "agenda-bar--done",
        "agenda-bar--over",
        "agenda-bar--behind",
        "agenda-bar--ahead",
        "agenda-bar--dim",
    }

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._projection: Projection | None = None
        self._started = False
        self._running = False

    def show(self, timer: WorkshopTimer) -> None:
        """Take a fresh projection from the timer and repaint."""
        self._projection = project(timer)
        self._started = timer.started
        self._running = timer.mode is not Mode.STOPPED
        self.refresh()

    # -- the words ---------------------------------------------------------------------

    def projection_words(self, tightness: int = 0) -> str:
        """The end of the day against the hard stop, or the plan before the start.

        `tightness` 0 is the full sentence; 1 and 2 drop words for narrow terminals.
        """
        if self._projection is None:
            return ""
        return projection_words(self._projection, self._started, tightness)

    def _timed_rows(self) -> list[AgendaRow]:
        return [r for r in self._projection.rows if r.timed] if self._projection else []

    # -- painting ---------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"agenda-bar--{name}", partial=True)

    def _stages(self, level: int) -> Text:
        if level >= EVERY_STAGE_LEVELS:
            return Text(
                f" {focus_words(self._timed_rows(), level, self._running)} ",
                style=self._style("current"),
                no_wrap=True,
            )
        line = Text(no_wrap=True)
        for n, row in enumerate(self._timed_rows()):
            if n:
                line.append("  ")
            words = cell_words(row, level, self._running)
            if row.status is RowStatus.CURRENT:
                line.append(f" {words} ", style=self._style("current"))
            elif row.status is RowStatus.DONE:
                over = row.actual_seconds > row.adjusted_seconds + 30
                line.append("✓", style=self._style("done"))
                line.append(words, style=self._style("over" if over else "done"))
            else:
                line.append(words)
        return line

    def _projection_text(self, tightness: int) -> Text:
        p = self._projection
        words = self.projection_words(tightness)
        text = Text(no_wrap=True)
        if p is None or not self._started:
            text.append(words, style=self._style("dim"))
            return text
        head, _, label = words.rpartition(" · ")
        text.append(head + " · ", style=self._style("dim"))
        text.append(label, style=self._style("behind" if p.behind else "ahead"))
        return text

    def _best_stages(self, width: int) -> Text:
        for level in range(LEVELS):
            line = self._stages(level)
            if line.cell_len <= width:
                return line
        line = self._stages(LEVELS - 1)
        line.truncate(max(0, width), overflow="ellipsis")
        return line

    def render(self) -> Text:
        width = self.content_size.width or self.size.width
        if self._projection is None or width <= 0:
            return Text("")
        if self.content_size.height >= 2:
            ahead = self._projection_text(0)
            if ahead.cell_len > width:
                ahead = self._projection_text(1)
            return Text("\n", no_wrap=True).join([self._best_stages(width), ahead])
        # One line: every stage if it fits, even with fewer words in the projection;
        # otherwise the stage under way in words, beside as much projection as fits.
        every = [(level, tightness) for tightness in range(2) for level in range(2)]
        focus = [(2, 0), (2, 1), (3, 0), (3, 1), (3, 2), (4, 0), (4, 1), (4, 2)]
        for level, tightness in every + focus:
            right = self._projection_text(tightness)
            stages = self._stages(level)
            if stages.cell_len <= width - right.cell_len - len(SEPARATOR):
                return self._one_line(stages, right, width)
        right = self._projection_text(2)
        stages = self._best_stages(max(0, width - right.cell_len - len(SEPARATOR)))
        return self._one_line(stages, right, width)

    def _one_line(self, stages: Text, right: Text, width: int) -> Text:
        """Stages on the left, the projection on the right, a bar between them."""
        pad = width - stages.cell_len - right.cell_len - len(SEPARATOR)
        line = Text(no_wrap=True)
        line.append_text(stages)
        line.append(" " * max(0, pad) + SEPARATOR)
        line.append_text(right)
        line.truncate(width, overflow="ellipsis")
        return line
