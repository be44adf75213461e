"""The join address as a QR code drawn with text, for the terminal (segno draws it)."""

from __future__ import annotations

import segno

# Two modules per character cell, top and bottom: (top dark, bottom dark) -> character.
# Dark modules are drawn as blank (the terminal's dark background) and light ones as
# blocks, so the code reads light-on-dark the way phone cameras accept.
_CELLS = {
    (False, False): "█",
    (True, False): "▄",
    (False, True): "▀",
    (True, True): " ",
}


def qr_lines(text: str, *, border: int = 2) -> list[str]:
    """`text` as a QR code, one string per terminal row (half-block characters)."""
    code = segno.make(text, error="l", micro=False)
    rows = [[bool(v) for v in row] for row in code.matrix_iter(border=border)]
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    return [
        "".join(_CELLS[(top, bottom)] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(rows[::2], rows[1::2], strict=True)
    ]
