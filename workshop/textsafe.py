"""Showing user text literally on a terminal.

Text is stored verbatim, but a control character printed raw could move the
cursor, clear the screen or retitle the window. Before user text reaches the
terminal it goes through `visible()`, which swaps each control character for a
printable stand-in (the Unicode "control pictures": ESC shows as ␛, NUL as ␀).
"""

from __future__ import annotations

_C0 = {code: chr(0x2400 + code) for code in range(0x20)}
_TABLE = {**_C0, 0x7F: "\u2421"}
# C1 controls (0x80-0x9F) can also act as escape sequences on some terminals.
_TABLE.update({code: "\ufffd" for code in range(0x80, 0xA0)})


def visible(text: str) -> str:
    """`text` with every control character replaced by a visible symbol."""
    return text.translate(_TABLE)
