"""Making user text safe to show in a document that is not plain data (PDF, Markdown, calendar).

JSON and CSV keep every character exactly. The other formats cannot: XML and
HTML forbid NUL and most control characters, and an escape sequence (ESC [2J)
means nothing on paper. `visible` turns each such character into a short name
between single guillemets, which a reader can see and nothing can interpret:

* C0 controls (except tab and line feed) and DEL get their standard names:
  NUL -> "‹NUL›", ESC -> "‹ESC›", BEL -> "‹BEL›", DEL -> "‹DEL›";
* C1 controls, lone surrogates and Unicode noncharacters get their code point:
  U+0085 -> "‹U+0085›";
* CR LF and a lone CR become a line feed, so line breaks survive.

Names rather than Unicode's "control pictures" (U+2400...) because DejaVu, the
only font the handout uses, has no glyphs for those: they printed as empty boxes.
"""

from __future__ import annotations

import re
import unicodedata

_C0_NAMES = [
    "NUL",
    "SOH",
    "STX",
    "ETX",
    "EOT",
    "ENQ",
    "ACK",
    "BEL",
    "BS",
    "HT",
    "LF",
    "VT",
    "FF",
    "CR",
    "SO",
    "SI",
    "DLE",
    "DC1",
    "DC2",
    "DC3",
    "DC4",
    "NAK",
    "SYN",
    "ETB",
    "CAN",
    "EM",
    "SUB",
    "ESC",
    "FS",
    "GS",
    "RS",
    "US",
]


def _named(code: int) -> str:
    return f"\u2039U+{code:04X}\u203a"


_TABLE: dict[int, str] = {
    code: f"\u2039{name}\u203a" for code, name in enumerate(_C0_NAMES) if code not in (9, 10)
}
_TABLE[0x7F] = "\u2039DEL\u203a"
_TABLE.update({code: _named(code) for code in range(0x80, 0xA0)})
_TABLE.update({code: _named(code) for code in range(0xD800, 0xE000)})
_TABLE.update({code: _named(code) for code in range(0xFDD0, 0xFDF0)})
_TABLE.update(
    {
        (plane << 16) | low: _named((plane << 16) | low)
        for plane in range(17)
        for low in (0xFFFE, 0xFFFF)
    }
)

_NEEDS_WORK = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]"
)


def visible(text: str) -> str:
    """`text` with every control and non-character replaced by a visible stand-in."""
    if not _NEEDS_WORK.search(text):
        return text  # the common case: nothing to do, no copy
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_TABLE)


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, ending in an ellipsis when cut (for running headers)."""
    text = " ".join(visible(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


# A run of more than LONG_RUN characters without a space is no real word (a
# pasted hash, a URL, a key held down). Laying one out makes WeasyPrint re-measure
# the rest of the run for every line it fills (quadratic: a minute for 20,000
# letters in a narrow column). A zero-width space every RUN characters gives it
# break points close together, and real words stay whole.
LONG_RUN = 40
RUN = 10
ZERO_WIDTH_SPACE = "\u200b"
_LONG_RUN = re.compile(r"\S{" + str(LONG_RUN + 1) + ",}")


def breakable(text: str) -> str:
    """`text` with a zero-width space after every RUN characters of a run over LONG_RUN.

    Breaks go only between whole characters as a reader sees them: never before a
    combining mark, a variation selector or a skin-tone modifier, and never next
    to a zero-width joiner, so accents and emoji sequences stay intact.
    """
    if len(text) <= LONG_RUN:
        return text
    return _LONG_RUN.sub(_split_run, text)


def _split_run(match: re.Match[str]) -> str:
    run = match.group()
    out: list[str] = []
    since_break = 0
    for i, ch in enumerate(run):
        out.append(ch)
        since_break += 1
        if since_break >= RUN and i + 1 < len(run) and _may_break(ch, run[i + 1]):
            out.append(ZERO_WIDTH_SPACE)
            since_break = 0
    return "".join(out)


def _may_break(before: str, after: str) -> bool:
    if before == "\u200d" or unicodedata.category(after) in ("Mn", "Mc", "Me", "Cf", "Sk"):
        return False
    if "\ufe00" <= after <= "\ufe0f" or "\U0001f3fb" <= after <= "\U0001f3ff":
        return False
    # Two regional indicators make one flag.
    return not ("\U0001f1e6" <= before <= "\U0001f1ff" and "\U0001f1e6" <= after <= "\U0001f1ff")
