"""PostgreSQL text that keeps NUL characters, and the connect timeout (no SQLAlchemy here).

PostgreSQL text cannot hold NUL ("\\x00"), which SQLite stores and a paste may
bring. Every psycopg connection the app opens registers adapters that write NUL
as ESCAPE + "0" (ESCAPE itself doubled) and decode it on the way back, so every
string reads back exactly as it was typed. ESCAPE is U+FFFF, a Unicode
noncharacter, which real text almost never holds, so stored text is nearly
always unchanged.
"""

from __future__ import annotations

import re
from typing import Any

ESCAPE = "\uffff"
_ESCAPED = re.compile(f"{ESCAPE}(.)", re.DOTALL)

# How long connecting may take before the server counts as unreachable.
CONNECT_TIMEOUT_SECONDS = 5


def encode_text(text: str) -> str:
    """`text` as PostgreSQL can store it (no NUL); `decode_text` gives it back."""
    if "\x00" not in text and ESCAPE not in text:
        return text
    return text.replace(ESCAPE, ESCAPE * 2).replace("\x00", ESCAPE + "0")


def decode_text(text: str) -> str:
    if ESCAPE not in text:
        return text
    return _ESCAPED.sub(lambda match: "\x00" if match[1] == "0" else match[1], text)


def register_text_adapters(connection: Any) -> None:
    """Register the NUL-keeping text adapters on one psycopg connection."""
    from psycopg.types.string import (
        StrBinaryDumper,
        StrDumperUnknown,
        TextBinaryLoader,
        TextLoader,
    )

    class Dumper(StrDumperUnknown):
        def dump(self, obj: str) -> Any:
            return super().dump(encode_text(obj))

    class BinaryDumper(StrBinaryDumper):
        def dump(self, obj: str) -> Any:
            return super().dump(encode_text(obj))

    class Loader(TextLoader):
        def load(self, data: Any) -> Any:
            return decode_text(str(super().load(data)))

    class BinaryLoader(TextBinaryLoader):
        def load(self, data: Any) -> Any:
            return decode_text(str(super().load(data)))

    adapters = connection.adapters
    # Binary first: the last registered is psycopg's choice for `%s`, and text with an
    # unknown type lets the server read a string as whatever the column is (as by default).
    adapters.register_dumper(str, BinaryDumper)
    adapters.register_dumper(str, Dumper)
    for type_name in ("text", "varchar"):
        adapters.register_loader(type_name, Loader)
        adapters.register_loader(type_name, BinaryLoader)
