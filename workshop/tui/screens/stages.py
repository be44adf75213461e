"""Which screen shows which agenda stage.

`STAGE_SCREENS[key]` is the screen class for a stage. Each stage's module is
imported the first time its screen is asked for, not when the app starts: the
first frame does not pay for seven screens and their widgets.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workshop.tui.screens.base import StageScreen

# stage key -> (module, class). Each class's STAGE_KEY must be its key (checked on import).
_WHERE: dict[str, tuple[str, str]] = {
    "setup": ("workshop.tui.screens.setup", "SetupScreen"),
    "overview": ("workshop.tui.screens.overview", "OverviewScreen"),
    "goals": ("workshop.tui.screens.goals", "GoalsScreen"),
    "objectives": ("workshop.tui.screens.objectives", "ObjectivesScreen"),
    "key_results": ("workshop.tui.screens.key_results", "KeyResultsScreen"),
    "cadence": ("workshop.tui.screens.cadence", "CadenceScreen"),
    "wrap_up": ("workshop.tui.screens.wrap_up", "WrapUpScreen"),
}


class _StageScreens(Mapping[str, "type[StageScreen]"]):
    """A read-only mapping that imports a stage's screen module on first lookup."""

    def __getitem__(self, key: str) -> type[StageScreen]:
        module, name = _WHERE[key]
        screen: type[StageScreen] = getattr(importlib.import_module(module), name)
        if key != screen.STAGE_KEY:
            raise LookupError(f"{module}.{name} shows stage {screen.STAGE_KEY!r}, not {key!r}")
        return screen

    def __iter__(self) -> Iterator[str]:
        return iter(_WHERE)

    def __len__(self) -> int:
        return len(_WHERE)


STAGE_SCREENS: Mapping[str, type[StageScreen]] = _StageScreens()
