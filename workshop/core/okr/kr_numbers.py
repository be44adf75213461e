"""Reading "from X to Y" out of a key result's sentence, to offer as its from, to and unit.

"Cut churn from 8% to 3%" offers from 8, to 3, unit %. "Grow weekly active users from
1,200 to 2,000" offers from 1,200, to 2,000 and, as the numbers carry no unit of their own,
the thing measured: weekly active users. The room accepts the offer with one key or keeps
typing; nothing here writes anything.

Numbers are read by `workshop.core.okr.numbers` (thousands, decimals, currencies, "10k",
"TBD") and the verb by the coach, so the app reads a number and a verb one way everywhere.
Values are offered as the room wrote them ("1,200" stays "1,200"), without the unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workshop.core.coach.text import DETERMINERS, lead_verb, verb_stem
from workshop.core.okr.numbers import Quantity, is_placeholder, parse_quantity

# "from" and the start value (one to four words), then the word or arrow to the target.
_SPAN = re.compile(
    r"\bfrom\s+(?:about\s+|around\s+|roughly\s+|approx\.?\s+|~\s?)?"
    r"(?P<start>\S+(?:\s+\S+){0,3}?)"
    r"(?:\s+(?:up\s+to|down\s+to|to)\s+|\s*(?:→|->|=>)\s*)",
    re.IGNORECASE,
)
# Where the target's words end: punctuation, or a word that starts a new clause
# ("... to 3% by March", "... to 2 hours for enterprise customers").
_TARGET_END = re.compile(
    r"\s*(?:,(?!\d)|[;:()\[\]]|\.(?=\s|$)|\s[-–—]\s"
    r"|\s(?:by|before|until|till|in|within|during|while|so|and|or|but|without|across|at"
    r"|for|when|after|from|vs\.?|versus|compared|through|among|on|while|thanks)\b)",
    re.IGNORECASE,
)
# Written after a number it scales: "$1.2M", "3bn". A lower-case "m" stays a unit (minutes).
_MULTIPLIER = re.compile(r"^(?:M|MM|bn|B|Bn)(?![A-Za-z])")
_CURRENCIES = "$€£¥"
_PERCENT_WORDS = frozenset({"percent", "per cent", "pct", "percentage"})
# "the number of", "our share of": words before the thing measured that are not it.
_MEASURE_LEAD = re.compile(
    r"^(?:(?:the|our|its|their|a|an|of)\s+)*"
    r"(?:(?:total\s+|average\s+|monthly\s+|weekly\s+)?(?:number|amount|count|share|level|rate)"
    r"\s+of\s+)?(?:(?:the|our|its|their)\s+)?",
    re.IGNORECASE,
)
# A unit that is only a rate: "a month", "per week", "/day".
_RATE = re.compile(r"^(?:a|an|per|each|every)\s|^/", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_MEASURE_WORDS_MAX = 4  # longer than this, it is a clause, not a unit: the room decides


@dataclass(frozen=True)
class KRNumbers:
    """What a key result's sentence says about where it starts and ends."""

    start: str  # as written, without the unit: "8", "1,200", "TBD"
    target: str
    unit: str  # "%", "hours", "$", "weekly active users"; "" when the sentence gives none
    # "down" when the target is below the start (lower is better), "up" above it, "" when
    # a side is a placeholder or both are the same.
    direction: str = ""

    @property
    def lower_is_better(self) -> bool:
        return self.direction == "down"

    def differs_from(self, start: str, target: str, unit: str) -> bool:
        """True when filling in would change the fields as they are."""
        return bool(self.changes(start, target, unit))

    def changes(self, start: str, target: str, unit: str) -> dict[str, str]:
        """What filling in would write over the fields as typed: {"start": "8", ...}.

        A field that already says the same ("8%" for 8, "1200" for 1,200) is left alone, and
        a unit the room typed is theirs ("hours" stays though the sentence says "h"): only
        an empty unit is filled.
        """
        found: dict[str, str] = {}
        if not _same_value(start, self.start):
            found["start"] = self.start
        if not _same_value(target, self.target):
            found["target"] = self.target
        if self.unit and not unit.strip():
            found["unit"] = self.unit
        return found


def _same_value(typed: str, offered: str) -> bool:
    if not typed.strip():
        return False
    a, b = parse_quantity(typed), parse_quantity(offered)
    if a is not None and b is not None:
        return a.value == b.value and a.comparison == b.comparison
    return typed.strip().lower() == offered.strip().lower()


@dataclass(frozen=True)
class _Side:
    """One side of the span: its text as written, its unit, and its number if any."""

    text: str
    unit: str
    quantity: Quantity | None  # None for a placeholder


def suggest_numbers(text: str) -> KRNumbers | None:
    """The from, to and unit a key result's sentence states, or None when it states none.

    Only a "from X to Y" (or "from X → Y") with a number or a placeholder such as "TBD" on
    each side, and at least one number, is read. Years ("from 2025 to 2026"), quarters,
    versions and words ("from email to chat") are not numbers to fill in.
    """
    for match in _SPAN.finditer(text):
        start = _read_side(match["start"])
        if start is None:
            continue
        target = _read_side(_target_words(text[match.end() :]))
        if target is None:
            continue
        if start.quantity is None and target.quantity is None:
            continue  # "from TBD to TBD": nothing to fill in
        if _are_years(start, target):
            continue
        unit = target.unit or start.unit
        if not unit or _RATE.match(unit):
            # "from 1,200 to 2,000" or "from 12 a month to 4 a month": name what is counted.
            unit = " ".join(part for part in (_measure(text[: match.start()]), unit) if part)
        return KRNumbers(start.text, target.text, unit, _direction(start, target))
    return None


def _target_words(rest: str) -> str:
    end = _TARGET_END.search(rest)
    return (rest[: end.start()] if end else rest).strip().rstrip(".!")


def _read_side(words: str) -> _Side | None:
    words = words.strip()
    quantity = parse_quantity(words)
    if quantity is not None:
        return _number_side(words, quantity)
    if is_placeholder(words) and words:
        return _placeholder_side(words)
    return None


def _number_side(words: str, quantity: Quantity) -> _Side:
    unit = quantity.unit
    currency = unit[0] if unit[:1] and unit[0] in _CURRENCIES else ""
    # The unit as written after the number ("M users" of "$1.2M users"), without the currency.
    tail = unit[len(currency) :].strip()
    number = words[: len(words) - len(tail)].rstrip() if tail else words
    multiplier = _MULTIPLIER.match(tail)
    if multiplier and number[-1:].isdigit() and words[len(number) : len(number) + 1] != " ":
        # "$1.2M": the M belongs to the number.
        number += multiplier.group(0)
        tail = tail[multiplier.end() :].strip()
    number = number.replace(currency, "", 1).strip() if currency else number
    if tail.lower() in _PERCENT_WORDS:
        tail = "%"
    unit = " ".join(part for part in (currency, tail) if part)
    return _Side(number, unit, quantity)


def _placeholder_side(words: str) -> _Side:
    # "TBD hours", "xx%", "$TBD": the stand-in, and whatever unit came with it.
    first, _, rest = words.partition(" ")
    currency = first[0] if first[0] in _CURRENCIES else ""
    first = first.lstrip(_CURRENCIES)
    unit = rest.strip()
    if first.endswith("%") and len(first) > 1:
        first, unit = first[:-1], unit or "%"
    if unit.lower() in _PERCENT_WORDS:
        unit = "%"
    unit = " ".join(part for part in (currency, unit) if part)
    return _Side(first, unit, None)


def _are_years(start: _Side, target: _Side) -> bool:
    """ "from 2025 to 2026": calendar years, not a measure."""
    sides = (start, target)
    return all(
        s.quantity is not None
        and not s.unit
        and s.quantity.value.is_integer()
        and 1900 <= s.quantity.value <= 2100
        and "," not in s.text
        for s in sides
    )


def _direction(start: _Side, target: _Side) -> str:
    if start.quantity is None or target.quantity is None:
        return ""
    if target.quantity.value < start.quantity.value:
        return "down"
    if target.quantity.value > start.quantity.value:
        return "up"
    return ""


def _measure(before: str) -> str:
    """What is measured, from the words before "from": "Grow weekly active users" gives
    "weekly active users". "" when it is long enough to be a clause rather than a unit."""
    verb = lead_verb(before)
    phrase = before
    if verb is not None:
        for word in _WORD.finditer(before):
            lowered = word.group(0).lower()
            if lowered == verb or verb_stem(lowered) == verb:
                phrase = before[word.end() :]
                break
        else:
            return ""
    phrase = _MEASURE_LEAD.sub("", phrase.strip()).strip(" \t-–—,;:")
    words = phrase.split()
    while words and words[0].lower() in DETERMINERS:
        words.pop(0)
    if not 0 < len(words) <= _MEASURE_WORDS_MAX:
        return ""
    return " ".join(words)
