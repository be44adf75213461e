"""What every snapshot test needs: a picture that does not depend on timing."""

from __future__ import annotations

from textual.widgets import Input


def steady_cursor(app) -> None:
    """Stop the text cursor blinking, so a snapshot never catches it half-way."""
    for field in app.screen.query(Input):
        field.cursor_blink = False
