"""A one-line key hint that fits its width: whole entries only, never cut mid-word.

A stage's hint line ("Enter: next priority · Ctrl+O: ask why again · ...") is wider
than the editor at some sizes; a plain label cut it at the edge ("… Ctrl+Z:" with
nothing after). `KeyHint` takes its entries most useful first, each with a long and a
short wording, and shows the most it can: long words while they fit, then the short
words of the least useful entries, then it leaves the least useful entries out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from textual import events
from textual.widgets import Static

SEPARATOR = " · "


@dataclass(frozen=True)
class Hint:
    """One key and what it does; `short` is said when the long words do not fit."""

    long: str
    short: str = ""

    @property
    def shortest(self) -> str:
        return self.short or self.long


def fit_hints(hints: Sequence[Hint], width: int) -> str:
    """The hint line for `width` cells: every entry whole, most useful first.

    Shortens the least useful entries first, then leaves them out; the first entry
    is always shown (in its shortest words, if nothing else fits).
    """
    words = [hint.long for hint in hints]

    def line(count: int) -> str:
        return SEPARATOR.join(words[:count])

    count = len(words)
    for index in reversed(range(count)):
        if cell_len(line(count)) <= width:
            return line(count)
        words[index] = hints[index].shortest
    while count > 1 and cell_len(line(count)) > width:
        count -= 1
    return line(count)


class KeyHint(Static):
    """The stage's key hint, fitted to its width on every resize (see the module)."""

    DEFAULT_CSS = """
    KeyHint {
        width: 1fr;
        height: 1;
    }
    """

    def __init__(self, hints: Sequence[Hint], **kwargs) -> None:
        kwargs.setdefault("classes", "key-hint")
        super().__init__(fit_hints(hints, 10_000), markup=False, **kwargs)
        self.hints = tuple(hints)

    def on_resize(self, event: events.Resize) -> None:
        text = fit_hints(self.hints, self.content_size.width)
        if text != str(self.content):
            self.update(text, layout=False)
