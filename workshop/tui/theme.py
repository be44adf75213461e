"""High-contrast themes for a projected terminal.

Projectors wash out mid-tones, so both themes use pure black or white behind
near-pure text and saturated accents. "projector" (dark) is the default;
"projector-light" suits a bright room.
"""

from __future__ import annotations

from textual.theme import Theme

PROJECTOR_DARK = Theme(
    name="projector",
    primary="#4FC3F7",
    secondary="#FFD54F",
    accent="#FFD54F",
    warning="#FFB300",
    error="#FF5252",
    success="#69F0AE",
    foreground="#FFFFFF",
    background="#000000",
    surface="#101010",
    panel="#1C1C1C",
    dark=True,
)

PROJECTOR_LIGHT = Theme(
    name="projector-light",
    primary="#0D47A1",
    secondary="#6A1B9A",
    accent="#6A1B9A",
    warning="#E65100",
    error="#B71C1C",
    success="#1B5E20",
    foreground="#000000",
    background="#FFFFFF",
    surface="#F2F2F2",
    panel="#E6E6E6",
    dark=False,
)

THEMES = (PROJECTOR_DARK, PROJECTOR_LIGHT)
