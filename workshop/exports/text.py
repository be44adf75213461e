"""Making user text safe to show in a document that is not plain data (PDF, Markdown, calendar).

JSON and CSV keep every character exactly. The other formats cannot: XML and
HTML forbid NUL and most control characters, and an escape sequence (ESC [2J)
means nothing on paper. `visible` turns each such character into something a
reader can see and nothing can interpret:

* C0 controls (except tab and line feed) become their Unicode "control picture",
  e.g. NUL -> U+2400 (a small "NUL" glyph), ESC -> U+241B, BEL -> U+2407;
* DEL becomes U+2421;
* C1 controls, lone surrogates and Unicode noncharacters become U+FFFD;
* CR LF and a lone CR become a line feed, so line breaks survive.
"""

from __future__ import annotations

import re

_TABLE: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20) if code not in (9, 10)}
_TABLE[0x7F] = "\u2421"
_TABLE.update({code: "\ufffd" for code in range(0x80, 0xA0)})
_TABLE.update({code: "\ufffd" for code in range(0xD800, 0xE000)})
_TABLE.update({code: "\ufffd" for code in range(0xFDD0, 0xFDF0)})
_TABLE.update({(plane << 16) | low: "\ufffd" for plane in range(17) for low in (0xFFFE, 0xFFFF)})

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
