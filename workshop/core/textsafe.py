"""Showing outside text literally on a terminal.

Text is stored verbatim, but a control character printed raw could move the
cursor, clear the screen or retitle the window. Before user text reaches the
terminal it goes through `visible()`, which swaps each control character for a
printable stand-in (the Unicode "control pictures": ESC shows as ␛, NUL as ␀).

The command line prints through `terminal_line()`: one line, stand-ins for
control characters and for what cannot be encoded (a lone surrogate from a
file name that is not UTF-8), and any password in a URL masked (`mask_url`).

Standard library only: `okr-workshop list` imports this before anything heavy.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlencode

_C0 = {code: chr(0x2400 + code) for code in range(0x20)}
_TABLE = {**_C0, 0x7F: "\u2421"}
# C1 controls (0x80-0x9F) can also act as escape sequences on some terminals.
_TABLE.update({code: "\ufffd" for code in range(0x80, 0xA0)})
# Bidirectional overrides and isolates reorder the rest of the line on screen, so the
# room would read something other than what is stored ("Trojan Source").
_BIDI = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
_TABLE.update({code: "\ufffd" for code in _BIDI})

# For a printed line, also: lone surrogates (how Python keeps the undecodable bytes
# of a file name; a UTF-8 terminal cannot take them at all).
_LINE_TABLE = {**_TABLE, **{code: "\ufffd" for code in range(0xD800, 0xE000)}}

_WITH_NEWLINES = {k: v for k, v in _TABLE.items() if k != 0x0A}
_LINES_TABLE = {k: v for k, v in _LINE_TABLE.items() if k != 0x0A}

# Query parameters whose value is a secret (libpq's `password` and `sslpassword`,
# tokens and keys of other drivers).
_SECRET_NAME = re.compile(r"pass|pwd|secret|token|key|auth|credential", re.IGNORECASE)
_URL = re.compile(r"\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s'\"]+")
MASK = "***"


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with every control character replaced by a visible symbol.

    With `keep_newlines`, line breaks stay line breaks (for a paragraph shown in
    a widget that wraps); every other control character still gets a stand-in.
    """
    return text.translate(_WITH_NEWLINES if keep_newlines else _TABLE)


def mask_url(url: str) -> str:
    """`url` with the password hidden: `user:***@host`, and `?password=***` in the query.

    Works on any `scheme://` URL without importing SQLAlchemy; the rest of the
    URL is kept as it was written.
    """
    scheme, sep, rest = url.partition("://")
    if not sep:
        # Not a URL, but a query may still hold a password ("file.db?password=...").
        head, qmark, query = url.partition("?")
        return f"{head}{qmark}{_mask_query(query)}" if qmark else url
    # The query starts at the first "?"; the credentials end at the last "@"
    # before it (a password may itself hold "/" or ":").
    main, qmark, query = rest.partition("?")
    at = main.rfind("@")
    if at != -1:
        userinfo, host = main[:at], main[at + 1 :]
        user, colon, _password = userinfo.partition(":")
        if colon and "/" not in user:
            main = f"{user}:{MASK}@{host}"
    if qmark:
        query = _mask_query(query)
    return f"{scheme}{sep}{main}{qmark}{query}"


def _mask_query(query: str) -> str:
    fragment = ""
    if "#" in query:
        query, _, fragment = query.partition("#")
        fragment = "#" + fragment
    pairs = parse_qsl(query, keep_blank_values=True)
    if not any(_SECRET_NAME.search(name) for name, _ in pairs):
        return query + fragment
    masked = [(name, MASK if _SECRET_NAME.search(name) else value) for name, value in pairs]
    return urlencode(masked, safe="*/:@", quote_via=quote) + fragment


def mask_urls(text: str) -> str:
    """Every `scheme://...` URL inside `text` with its password masked."""
    return _URL.sub(_mask_match, text)


def _mask_match(match: re.Match[str]) -> str:
    # Punctuation that ends a sentence ("cannot open URL: why") is not part of the URL.
    url = match.group(0)
    core = url.rstrip(":;,.)")
    return mask_url(core) + url[len(core) :]


def one_line(text: str) -> str:
    """Non-empty lines of `text` joined by spaces; "unknown error" when there are none."""
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return " ".join(lines) if lines else "unknown error"


def terminal_line(text: str) -> str:
    """`text` as one line that is safe to print: stand-ins for controls, passwords masked."""
    return mask_urls(one_line(text)).translate(_LINE_TABLE)


def terminal_text(text: str) -> str:
    """Like `terminal_line`, for several lines: line breaks and indentation are kept."""
    return mask_urls(text).translate(_LINES_TABLE)


def needs_escape(ch: str) -> bool:
    """True for a character `terminal_line` would replace (a control, a bidi override...)."""
    return len(ch) == 1 and ord(ch) in _LINE_TABLE
