"""The scrolling column that holds a stage's editor.

Textual's scroll containers take focus, so that a page with nothing else to focus (the
overview) still scrolls with the keys. On a stage with fields that put the column
itself in the Tab order: Tab from the last field landed on it, and what the
facilitator typed next went nowhere. So it takes focus only while nothing inside can;
PageUp and PageDown still scroll it from a field, as its bindings apply to what it holds.

Textual asks this each time it restyles the column (its `*:disabled:can-focus` rule): when
the column's focus changes and whenever the whole screen is restyled. So the walk first
skips, cheaply, the widgets that never take focus and the fields disabled in a read-only
window: `focusable` climbs the widget's ancestors twice before it gets to `disabled`.
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

    def watch_has_focus(self, has_focus: bool) -> None:
        # Textual restyles a widget and everything inside it when its focus changes, in
        # case a rule styles a descendant by its ancestor's focus. No rule does that for
        # this column (tests/tui/test_stage_main.py checks the style sheets), which holds
        # the whole editor: 400 widgets on a full key results stage, restyled each time
        # a read-only window's column lost or took focus around a dialog. So the column
        # restyles itself (and its scrollbars) only.
        self.app.stylesheet.update_nodes([self], animate=True)
