"""Widgets and lines the check-in and quarter-end stages share.

- `SubmitField`: a field where Enter means "record this" (a check-in, a score), not
  "next field"; Up and Down still move between fields.
- `key_result_text` / `score_text_line`: one key result as a line for the projector:
  its number, a progress bar, the picture of its quarter, the band in colour AND in
  words, so a greyscale projector or print still says which band it is in.

Every piece of the room's text is added as plain text (no markup is read from it).
"""

from __future__ import annotations

from rich.text import Text
from textual.message import Message

from workshop.core.okr.quarter_view import (
    KeyResultLine,
    bar,
    key_result_label,
    percent_text,
    progress_words,
    sparkline,
)
from workshop.core.okr.scoring import band_of, round_to_tenth
from workshop.core.textsafe import visible
from workshop.tui.widgets.fields import FieldInput

BAND_STYLE = {"red": "bold red", "orange": "bold dark_orange", "green": "bold green"}


def band_style(value: float | None) -> str:
    if value is None:
        return "dim"
    return BAND_STYLE[band_of(round_to_tenth(min(1.0, max(0.0, value)))).colour]


class SubmitField(FieldInput):
    """Enter records what the form holds (the screen handles `SubmitField.Submitted`)."""

    class Submitted(Message):
        def __init__(self, field: SubmitField) -> None:
            super().__init__()
            self.field = field

        @property
        def control(self) -> SubmitField:
            return self.field

    async def action_submit(self) -> None:
        self.post_message(self.Submitted(self))


def key_result_text(line: KeyResultLine, *, current: bool = False, width: int = 10) -> Text:
    """ "▶ 1.2 ███░░░░░░░ 30% ▁▃▅ conf 4 · Cut the first reply time (Ben)"."""
    value = line.progress.value
    text = Text("▶ " if current else "  ", style="bold")
    text.append(f"{line.number} ", style="bold")
    text.append(bar(value, width), style=band_style(value))
    text.append(f" {percent_text(value):>4} ", style="bold")
    if line.series:
        text.append(f"{line.picture} ", style=band_style(value))
    confidence = line.confidence
    text.append(f"conf {confidence if confidence is not None else '–'} ")
    words = progress_words(value) if value is not None else "no progress yet"
    text.append(f"{words} · ", style="italic")
    text.append(visible(key_result_label(line.key_result)))
    if line.key_result.owner.strip():
        text.append(f" ({visible(line.key_result.owner)})", style="dim")
    return text


def history_text(line: KeyResultLine) -> Text:
    """ "      19 Jan ▃ 25%  ·  16 Feb ▅ 50%  ·  16 Mar █ 88%": each check-in of the quarter."""
    text = Text("      ")
    for i, (day, value) in enumerate(line.series):
        if i:
            text.append("  ·  ", style="dim")
        text.append(f"{day.day} {day:%b} ")
        text.append(sparkline([value]), style=band_style(value))
        text.append(f" {percent_text(value)}", style="bold")
    if not line.series:
        text.append("no check-in yet this period", style="dim italic")
    return text
