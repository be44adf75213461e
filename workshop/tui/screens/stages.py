"""Which screen shows which agenda stage, for each meeting kind.

`STAGE_SCREENS[key]` is the screen class for a workshop stage; `screen_for(kind, key)`
for a stage of any meeting kind (`workshop.core.agenda.kinds`), whose stages are named
in `KIND_SCREENS`. Each stage's module is
imported the first time its screen is asked for, not when the app starts: the
first frame does not pay for seven screens and their widgets.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from workshop.tui.screens.pilot_stages import PILOT_SCREENS

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


# meeting kind -> its stages' (module, class), as `_WHERE` is for the workshop.
KIND_SCREENS: dict[str, dict[str, tuple[str, str]]] = {
    "workshop": _WHERE,
    "checkin": {
        "attendance": ("workshop.tui.screens.checkin", "CheckInAttendanceScreen"),
        "progress": ("workshop.tui.screens.checkin_krs", "CheckInKeyResultsScreen"),
        "decisions": ("workshop.tui.screens.checkin", "CheckInDecisionsScreen"),
        "summary": ("workshop.tui.screens.checkin_summary", "CheckInSummaryScreen"),
    },
    "quarter_end": {
        "attendance": ("workshop.tui.screens.checkin", "CheckInAttendanceScreen"),
        "scores": ("workshop.tui.screens.quarter_end", "QuarterScoresScreen"),
        "choices": ("workshop.tui.screens.quarter_end", "QuarterObjectivesScreen"),
        "wins": ("workshop.tui.screens.quarter_end_retro", "QuarterWinsScreen"),
        "retro": ("workshop.tui.screens.quarter_end_retro", "QuarterRetroScreen"),
        "roll_over": ("workshop.tui.screens.rollover", "RollOverScreen"),
    },
    "pilot": PILOT_SCREENS,
    "alignment_review": {
        "direction": ("workshop.tui.screens.alignment_review", "ReviewDirectionScreen"),
        "challenge": ("workshop.tui.screens.alignment_review", "ReviewChallengeScreen"),
        "outcome": ("workshop.tui.screens.alignment_review", "ReviewOutcomeScreen"),
    },
}


def screen_for(kind: str, key: str) -> type[StageScreen]:
    """The screen class for stage `key` of a meeting of kind `kind` (imported now)."""
    return _StageScreens(KIND_SCREENS[kind])[key]


class _StageScreens(Mapping[str, "type[StageScreen]"]):
    """A read-only mapping that imports a stage's screen module on first lookup."""

    def __init__(self, where: Mapping[str, tuple[str, str]] = _WHERE) -> None:
        self._where = where

    def __getitem__(self, key: str) -> type[StageScreen]:
        module, name = self._where[key]
        screen: type[StageScreen] = getattr(importlib.import_module(module), name)
        if key != screen.STAGE_KEY:
            raise LookupError(f"{module}.{name} shows stage {screen.STAGE_KEY!r}, not {key!r}")
        return screen

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


STAGE_SCREENS: Mapping[str, type[StageScreen]] = _StageScreens()
