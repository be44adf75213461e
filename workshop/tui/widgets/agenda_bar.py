"""The agenda bar: every timed stage, planned against actual, and the projected end.

It paints what `pacing.project()` says and nothing more. The text adapts to the
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

from datetime import datetime, timedelta

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from workshop.core.clock.pacing import AgendaRow, Projection, RowStatus, project, whole_minutes
from workshop.core.clock.timer import Mode, WorkshopTimer
from workshop.core.textsafe import visible

SEPARATOR = " │ "


def short_name(key: str) -> str:
    """A stage's short name from its agenda key: "key_results" reads "Key results"."""
    return visible(key.replace("_", " ").capitalize())


def hhmm(when: datetime) -> str:
    """A wall-clock time as 10:45 (cut to the minute, as a clock on the wall shows it)."""
    return f"{when.hour:02d}:{when.minute:02d}"


# Levels 0 and 1 list every stage; the tighter ones show the stage under way in words.
EVERY_STAGE_LEVELS = 2
LEVELS = 5


def _shows_actual(row: AgendaRow, running: bool) -> bool:
    return row.status is RowStatus.DONE or (
        row.status is RowStatus.CURRENT and running and row.actual_seconds >= 30
    )


def _minutes(row: AgendaRow, running: bool) -> str:
    """ "4 of 8 min" (actual against plan) once it has run, else "8 min"."""
    if _shows_actual(row, running):
        return f"{row.actual_minutes} of {row.plan_minutes} min"
    return f"{row.plan_minutes} min"


def _cell_words(row: AgendaRow, level: int, running: bool) -> str:
    """One stage's words when every stage is listed: 0 is the richer, 1 the tighter.

    0 "1 Overview 32 of 30 min", 1 "1 Overview 32/30m".
    A done stage shows actual against plan; the others show their plan.
    """
    if level == 0:
        return f"{row.index} {short_name(row.key)} {_minutes(row, running)}"
    plan = row.plan_minutes
    minutes = f"{row.actual_minutes}/{plan}m" if _shows_actual(row, running) else f"{plan}m"
    return f"{row.index} {short_name(row.key)} {minutes}"


def focus_words(rows: list[AgendaRow], level: int, running: bool) -> str:
    """The stage under way in words, for when every stage will not fit.

    2 "Step 2 of 6 · Goals 4 of 8 min · next Objectives 25 min",
    3 "Step 2 of 6 · Goals 4 of 8 min", 4 "Step 2 of 6 · 4 of 8 min".
    Before the first timed stage (set-up): "Set-up · next Overview 30 min".
    """
    current = next((r for r in rows if r.status is RowStatus.CURRENT), None)
    upcoming = [r for r in rows if r.status is RowStatus.UPCOMING]
    following = upcoming[0] if upcoming else None
    if current is None:
        if following is None:
            return "All stages done"
        return f"Set-up · next {short_name(following.key)} {following.plan_minutes} min"
    head = f"Step {current.index} of {len(rows)}"
    if level >= 4:
        return f"{head} · {_minutes(current, running)}"
    words = f"{head} · {short_name(current.key)} {_minutes(current, running)}"
    if level == 2:
        if following is not None:
            words += f" · next {short_name(following.key)} {following.plan_minutes} min"
        else:
            words += " · the last stage"
    return words


def hhmm_nearest(when: datetime) -> str:
    """A projected time rounded to the nearest minute, as the minutes of the gap are."""
    return hhmm(when + timedelta(seconds=30))


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
        p = self._projection
        if p is None:
            return ""
        if not self._started:
            total = whole_minutes(sum(r.adjusted_seconds for r in p.rows))
            lead = f"Plan {total} min" if tightness == 0 else f"{total} min"
            return f"{lead} · ends {hhmm_nearest(p.projected_end)} if started now"
        end = f"ends {hhmm(p.shown_end)}"
        if tightness >= 2:
            return f"{end} · {p.label}"
        stop = "hard stop" if tightness == 0 else "stop"
        return f"{end} · {stop} {hhmm_nearest(p.hard_stop)} · {p.label}"

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
            words = _cell_words(row, level, self._running)
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
