"""The room's corner on every stage: the join code and how many have joined.

Shown only while the room is open. It looks at the app's room link a few times a
second and repaints only when the words change, so a flood of requests costs
the projector nothing but a string comparison.
"""

from __future__ import annotations

from textual.widgets import Label

# How often the corner looks at the room (seconds).
CORNER_SECONDS = 0.5


def corner_text(link: object) -> str:
    """ "Room K7PQ2M · 5 joined", or "" while the room is closed."""
    if link is None or not getattr(link, "is_open", False):
        return ""
    room = link.room  # type: ignore[attr-defined]
    return f"Room {room.code} · {room.joined} joined"


class RoomCorner(Label):
    """A small label docked at the top right of a stage."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", markup=False, **kwargs)  # type: ignore[arg-type]
        self._shown = ""

    def on_mount(self) -> None:
        self.display = False
        self.refresh_text()
        self.set_interval(CORNER_SECONDS, self.refresh_text)

    def refresh_text(self) -> None:
        text = corner_text(getattr(self.app, "room_link", None))
        if text != self._shown:
            self._shown = text
            self.update(text)
            self.display = bool(text)
