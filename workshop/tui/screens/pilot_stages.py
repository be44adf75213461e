"""The screens of planning an OKR pilot, by stage key (for `stages.KIND_SCREENS`).

Plain data, so naming them costs no import: each module loads when its stage first shows.
"""

from __future__ import annotations

_HERE = "workshop.tui.screens."

PILOT_SCREENS: dict[str, tuple[str, str]] = {
    "pilot_setup": (_HERE + "pilot_setup", "PilotSetupScreen"),
    "why_a_pilot": (_HERE + "pilot_why", "PilotWhyScreen"),
    "pilot_objective": (_HERE + "pilot_objective", "PilotObjectiveScreen"),
    "test_group": (_HERE + "pilot_group", "PilotGroupScreen"),
    "duration": (_HERE + "pilot_duration", "PilotDurationScreen"),
    "what_to_test": (_HERE + "pilot_tests", "PilotTestsScreen"),
    "change_checklist": (_HERE + "pilot_change", "PilotChangeScreen"),
    "next_steps": (_HERE + "pilot_wrap_up", "PilotWrapUpScreen"),
}
