"""The style sheets of every stage and dialog, one list that all of them name as `CSS_PATH`.

When a screen brings a style file the app has not read yet, Textual parses the whole
app's CSS again from scratch and restyles every widget on every installed screen: on
a full workshop that stopped the clock for 0.1–0.3 s at each new stage and dialog.
With one shared list, the first stage reads every file at once and later switches
read none. Each file scopes its rules to its own screen, so loading them early
changes nothing they style.
"""

from __future__ import annotations

from pathlib import Path, PurePath

_TUI = Path(__file__).resolve().parent
_SCREENS = _TUI / "screens"
_WIDGETS = _TUI / "widgets"
_DIALOGS = _TUI / "dialogs"

STAGE_CSS: list[str | PurePath] = [
    *(
        _SCREENS / name
        for name in (
            "setup.tcss",
            "overview.tcss",
            "goals.tcss",
            "objectives.tcss",
            "key_results.tcss",
            "cadence.tcss",
            "wrap_up.tcss",
            "checkin.tcss",
        )
    ),
    _WIDGETS / "coach_panel.tcss",
    *(
        _DIALOGS / name
        for name in (
            "ns_test.tcss",
            "quick_fill.tcss",
            "end_at.tcss",
            "rebalance.tcss",
            "full_clock.tcss",
            "break_length.tcss",
            "setup_picker.tcss",
        )
    ),
    # The room (issue 16): its corner on every stage, how to join, the board.
    _WIDGETS / "room_corner.tcss",
    _DIALOGS / "room.tcss",
    _DIALOGS / "room_board.tcss",
    # An organisation (issue 18): the company picker and the alignment view.
    _DIALOGS / "company_link.tcss",
    _SCREENS / "alignment.tcss",
]
