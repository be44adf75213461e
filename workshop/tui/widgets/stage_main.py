"""The scrolling column that holds a stage's editor.

Textual's scroll containers take focus, so that a page with nothing else to focus (the
overview) still scrolls with the keys. On a stage with fields that put the column
itself in the Tab order: Tab from the last field landed on it, and what the
facilitator typed next went nowhere. So it takes focus only while nothing inside can;
PageUp and PageDown still scroll it from a field, as its bindings apply to what it holds.

Textual asks this on every restyle of the column (its `*:disabled:can-focus` rule), which
is every focus change. So the walk first skips, cheaply, the widgets that never take focus
and the fields disabled in a read-only window: `focusable` climbs the widget's ancestors
twice before it gets to `disabled`.
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widget import Widget


class StageMain(VerticalScroll):
    def allow_focus(self) -> bool:
        if not super().allow_focus():
            return False
        return not any(
            widget.focusable
            for widget in self.walk_children(Widget)
            if widget.allow_focus() and not widget.disabled
        )
