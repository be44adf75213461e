"""Reading the values a room types for a key result: "35%", "72 hours", "<24", "1,200", "done".

Start, target and check-in values are kept as text (see `workshop.core.domain.KeyResult`); this
module turns them into numbers only when a calculation needs one. A value that cannot be
read is not guessed at: the caller gets None and says why in a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A comparison word or sign in front of the number ("<24 hours", "at least 8"): the number
# is still the number the room aims at.
_COMPARISON = (
    r"(?:[<>]=?|[≤≥~≈]|at\s+least|at\s+most|under|over|below|above|about|around|approx\.?"
    r"|up\s+to|more\s+than|less\s+than|fewer\s+than)"
)
_QUANTITY = re.compile(
    rf"""^\s*
    (?P<cmp>{_COMPARISON}\s*)?
    (?P<currency>[$€£¥])?\s*
    (?P<sign>[-+−])?
    (?P<number>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?   # 1,200 or 12,345.5: commas group thousands
      |\d+(?:[.,]\d+)?                           # 8.5, and 8,5 written with a decimal comma
      |[.,]\d+)                                  # .5
    (?P<thousands>k(?![a-z]))?                   # 10k
    \s*(?P<unit>.*?)\s*$""",
    re.IGNORECASE | re.VERBOSE,
)

# Words and marks rooms write for "we don't know yet".
_PLACEHOLDER = re.compile(
    r"^\s*(?:tbd|tbc|tba|n/?a|\?+|x+|-+|–|—|\.{2,}|…|unknown|pending|later"
    r"|to\s+be\s+(?:decided|defined|determined|confirmed|agreed))(?!\w)",
    re.IGNORECASE,
)

_DONE = frozenset(
    {
        "done",
        "yes",
        "y",
        "complete",
        "completed",
        "finished",
        "achieved",
        "delivered",
        "shipped",
        "launched",
        "true",
        "1",
        "100%",
        "✓",
        "✔",
    }
)
_NOT_DONE = frozenset(
    {
        "not done",
        "no",
        "n",
        "not yet",
        "not complete",
        "not completed",
        "not finished",
        "open",
        "in progress",
        "ongoing",
        "not started",
        "todo",
        "to do",
        "false",
        "0",
        "0%",
        "✗",
        "✘",
    }
)


@dataclass(frozen=True)
class Quantity:
    """A number read from text, with what was written around it."""

    value: float
    unit: str = ""  # "%", "hours", "$", "x a month"; "" when none was written
    comparison: str = ""  # "<", "at least", ... as written; "" when none

    @property
    def is_percent(self) -> bool:
        return self.unit in {"%", "percent", "per cent", "pct"}


def parse_quantity(text: str) -> Quantity | None:
    """The number in a value like "35%", "72 hours", "<24 h", "$1,200", "10k"; None if there
    is not exactly one number at its start (then it is a placeholder, a word, or a range)."""
    m = _QUANTITY.match(text)
    if not m:
        return None
    unit = m["unit"]
    # "1 200" or "7 to 8.5" are not one number; a digit in the unit means we would be guessing.
    if re.search(r"\d", unit):
        return None
    number = m["number"]
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", number):
        number = number.replace(",", "")
    else:
        number = number.replace(",", ".")
    value = float(number)
    if m["thousands"]:
        value *= 1000
    if m["sign"] in {"-", "−"}:
        value = -value
    if m["currency"]:
        unit = f"{m['currency']}{(' ' + unit) if unit else ''}"
    comparison = re.sub(r"\s+", " ", (m["cmp"] or "").strip().lower())
    return Quantity(value=value, unit=unit.strip(), comparison=comparison)


def is_placeholder(text: str) -> bool:
    """True for a value the room has not decided yet: "", "TBD", "?", "n/a", "xx%", "-"."""
    if not text.strip():
        return True
    if parse_quantity(text) is not None:
        return False
    return _PLACEHOLDER.match(text) is not None


def parse_milestone(text: str) -> bool | None:
    """True for done ("done", "yes", "✓"), False for not done ("not done", "no", "not yet"),
    None when the text says neither."""
    words = re.sub(r"\s+", " ", text.strip().lower()).rstrip(".!")
    if words in _DONE:
        return True
    if words in _NOT_DONE:
        return False
    return None


def format_number(value: float) -> str:
    """A number as a person would write it back: 72, 8.5, 1200 (no trailing .0)."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:g}"
