"""The stage screens on the app's screen stack, found without importing them all.

The tick repaints their clocks and the pacing keys refresh them; both ask here. A stage
screen is recognised by `sys.modules`, so importing this module stays as light as
`workshop.tui.app`: if `workshop.tui.screens.base` was never imported, no stage screen
exists yet.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TypeGuard

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from workshop.tui.screens.base import StageScreen


def is_stage_screen(screen: Screen[Any]) -> TypeGuard[StageScreen]:
    """True for a stage screen, without importing them all to ask."""
    base = sys.modules.get("workshop.tui.screens.base")
    return base is not None and isinstance(screen, base.StageScreen)


def stage_screens(app: App[Any]) -> Iterator[StageScreen]:
    """The mounted stage screens on the stack, bottom first."""
    for screen in app.screen_stack:
        if is_stage_screen(screen) and screen.is_mounted:
            yield screen


def refresh_clocks(app: App[Any]) -> None:
    """Repaint the clock of every stage screen on the stack."""
    for screen in stage_screens(app):
        screen.refresh_clock()
