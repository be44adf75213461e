"""Which screen shows which agenda stage."""

from __future__ import annotations

from workshop.screens.base import StageScreen
from workshop.screens.cadence import CadenceScreen
from workshop.screens.goals import GoalsScreen
from workshop.screens.key_results import KeyResultsScreen
from workshop.screens.objectives import ObjectivesScreen
from workshop.screens.overview import OverviewScreen
from workshop.screens.setup import SetupScreen
from workshop.screens.wrap_up import WrapUpScreen

STAGE_SCREENS: dict[str, type[StageScreen]] = {
    screen.STAGE_KEY: screen
    for screen in (
        SetupScreen,
        OverviewScreen,
        GoalsScreen,
        ObjectivesScreen,
        KeyResultsScreen,
        CadenceScreen,
        WrapUpScreen,
    )
}
