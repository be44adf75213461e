"""The floor for the first-screen figure: a minimal Textual app.

A header, a footer, a `Digits` clock and three `Input`s: about the least a
workshop screen can show. `drive_first_screen.py floor` starts it the same way
as the real app.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Digits, Footer, Header, Input


class FloorApp(App[None]):
    """What any Textual app with a clock and three fields costs to start."""

    TITLE = "Floor"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Digits("25:00", id="clock")
        yield Input(placeholder="Team", id="team")
        yield Input(placeholder="Period", id="period")
        yield Input(placeholder="Facilitator", id="facilitator")
        yield Footer()


if __name__ == "__main__":
    FloorApp().run()
