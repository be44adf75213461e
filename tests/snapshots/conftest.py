"""Snapshot tests: a text cursor that never blinks, so no picture catches it half-way."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual.widgets import Input


@pytest.fixture(autouse=True)
def _cursor_that_never_blinks() -> Iterator[None]:
    """Every field's blink timer shows the cursor instead of toggling it.

    Setting `cursor_blink = False` on each field, as these tests once did, left a race:
    a toggle already queued by the blink timer still ran after it, and then the focused
    field's cursor was missing from the picture (seen under load). This replaces
    Textual's `Input._toggle_cursor` (private; Textual 8.2.8 is pinned) for these tests
    only, which also covers fields mounted later.
    """

    def show_cursor(self: Input) -> None:
        self._cursor_visible = True

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Input, "_toggle_cursor", show_cursor)
        yield
