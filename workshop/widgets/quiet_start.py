"""A mixin for fields built with text from the store: no work for that text until it is mounted.

Textual's `Input.__init__` sets the value and the `compact` flag through reactives.
Each one posts `Changed` and toggles a CSS class; a class change restyles the field
at once, though Textual styles it again anyway when it is mounted. Across the 125
fields of a full key results stage that was a few milliseconds a field, and the
125 `Changed` messages made the screen save every loaded value back and redo its
counts once per field.

Put it first: `class KRField(QuietStart, FieldInput)`. Typing still posts `Changed`.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Input


class QuietStart:
    """Skip the initial `Changed` and the restyles asked for before the field is mounted."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # prevent() works before Input.__init__: it only reads a context variable.
        with self.prevent(Input.Changed):  # type: ignore[attr-defined]
            super().__init__(*args, **kwargs)

    def update_node_styles(self, animate: bool = True) -> None:
        if self.is_attached:  # type: ignore[attr-defined]
            super().update_node_styles(animate)  # type: ignore[misc]
