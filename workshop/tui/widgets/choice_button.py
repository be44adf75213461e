"""A radio button whose mark tells chosen from not chosen without colour."""

from __future__ import annotations

from textual.widgets import RadioButton


class ChoiceButton(RadioButton):
    """Draws ● when chosen and ○ when not.

    Textual's radio button draws the same dot for both and tells them apart by colour
    alone, which washes out on a projector.
    """

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return "●" if self.value else "○"
