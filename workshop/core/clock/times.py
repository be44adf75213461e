"""Times as the room reads them: countdowns in M:SS, wall-clock times in HH:MM.

Standard library only, so every clock on screen, the pacing messages and the dialogs
format time the same way, and the core's pacing arithmetic can use it too.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta


def format_seconds(seconds: float) -> str:
    """Whole seconds as M:SS or H:MM:SS, rounding toward the next second still to go."""
    total = int(seconds) if seconds == int(seconds) else int(seconds) + 1
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes:02}:{secs:02}"


def hhmm(when: datetime | time) -> str:
    """A wall-clock time as 10:45 (cut to the minute, as a clock on the wall shows it)."""
    return f"{when.hour:02d}:{when.minute:02d}"


def hhmm_nearest(when: datetime) -> str:
    """A projected time rounded to the nearest minute, as the minutes of the gap are."""
    return hhmm(when + timedelta(seconds=30))
