"""A read-only PostgreSQL connection through libpq itself, for `okr-workshop list`.

Importing psycopg costs 130 ms or more (its adapters, and asyncio, importlib.metadata,
ctypes.util and typing_extensions that it pulls in), five times the list's own query.
The quick list needs none of it: a few plain queries in text format. This module loads
the very libpq psycopg would use (the copy bundled in the `psycopg_binary` wheel, else
the system's `libpq.so.5`) with `ctypes` and calls a dozen of its functions, so the
connection behaves as psycopg's would: the same URL, environment variables, password
file, SSL and authentication, and the same error words. It costs about 8 ms.

Standard library only. `open_light(...)` returns None when no libpq can be loaded this
way; the caller then uses psycopg.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import sys
from collections.abc import Iterator, Sequence
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from workshop.core.db.pgtext import decode_text

# libpq's numbers (libpq-fe.h)
_CONNECTION_OK = 0
_PGRES_COMMAND_OK = 1
_PGRES_TUPLES_OK = 2

# Type oids (pg_type) read as Python values; any other column stays text.
_INTEGERS = frozenset({20, 21, 23, 26})  # int8, int2, int4, oid
_TEXTS = frozenset({25, 1043})  # text, varchar: may hold the app's NUL escapes
_MOMENTS = frozenset({1114, 1184})  # timestamp, timestamptz (ISO, the server's DateStyle)
_BOOLEAN = 16

_lib: Any = None


class LibpqError(Exception):
    """libpq's own words for a failed connection or query (what psycopg would say)."""


def _library_paths() -> list[str]:
    """Where libpq may be, best first: psycopg_binary's bundled copy, then the system's."""
    paths: list[str] = []
    spec = find_spec("psycopg_binary")
    if spec is not None and spec.origin:
        libs = Path(spec.origin).parent.parent / "psycopg_binary.libs"
        paths += sorted(str(p) for p in libs.glob("libpq*.so*"))
    if sys.platform == "darwin":
        paths.append("libpq.5.dylib")
    elif sys.platform != "win32":
        paths.append("libpq.so.5")
    return paths


def _load() -> Any:
    """libpq with the functions used here declared, or None if it cannot be loaded."""
    global _lib
    if _lib is not None:
        return _lib or None
    _lib = False
    if find_spec("psycopg") is None:
        return None  # without the driver the app cannot use the server either: say so there
    for path in _library_paths():
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        if not hasattr(lib, "PQconnectdbParams"):
            continue
        pointer, text, number = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
        strings = ctypes.POINTER(ctypes.c_char_p)
        signatures = {
            "PQconnectdbParams": (pointer, [strings, strings, number]),
            "PQstatus": (number, [pointer]),
            "PQerrorMessage": (text, [pointer]),
            "PQfinish": (None, [pointer]),
            "PQexec": (pointer, [pointer, text]),
            "PQresultStatus": (number, [pointer]),
            "PQresultErrorMessage": (text, [pointer]),
            "PQntuples": (number, [pointer]),
            "PQnfields": (number, [pointer]),
            "PQftype": (ctypes.c_uint, [pointer, number]),
            "PQgetvalue": (text, [pointer, number, number]),
            "PQgetisnull": (number, [pointer, number, number]),
            "PQclear": (None, [pointer]),
        }
        for name, (restype, argtypes) in signatures.items():
            function = getattr(lib, name)
            function.restype = restype
            function.argtypes = argtypes
        _lib = lib
        return lib
    return None


def available() -> bool:
    """True when this module can connect (a libpq could be loaded)."""
    return _load() is not None


def _words(raw: bytes | None) -> str:
    return (raw or b"").decode("utf-8", "replace").strip() or "unknown error"


def _converter(oid: int) -> Any:
    if oid in _INTEGERS:
        return int
    if oid in _TEXTS:
        return lambda raw: decode_text(raw.decode("utf-8"))
    if oid in _MOMENTS:
        return lambda raw: dt.datetime.fromisoformat(raw.decode("ascii"))
    if oid == _BOOLEAN:
        return lambda raw: raw == b"t"
    return lambda raw: raw.decode("utf-8")


class Rows:
    """A query's rows, read whole: iterate it, or take `fetchone()` as with psycopg."""

    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        self._rows = rows

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self._rows)

    def fetchone(self) -> tuple[Any, ...] | None:
        return self._rows[0] if self._rows else None

    def fetchall(self) -> list[tuple[Any, ...]]:
        return list(self._rows)


class LightConnection:
    """One libpq connection: `execute(sql)` (no parameters) and `close()`."""

    def __init__(self, lib: Any, handle: int) -> None:
        self._lib = lib
        self._handle: int | None = handle

    def execute(self, sql: str) -> Rows:
        lib = self._lib
        result = lib.PQexec(self._handle, sql.encode("utf-8"))
        if not result:
            raise LibpqError(_words(lib.PQerrorMessage(self._handle)))
        try:
            status = lib.PQresultStatus(result)
            if status == _PGRES_COMMAND_OK:
                return Rows([])
            if status != _PGRES_TUPLES_OK:
                raise LibpqError(_words(lib.PQresultErrorMessage(result)))
            width = lib.PQnfields(result)
            columns = list(enumerate(_converter(lib.PQftype(result, j)) for j in range(width)))
            value, is_null = lib.PQgetvalue, lib.PQgetisnull
            rows: list[tuple[Any, ...]] = []
            for i in range(lib.PQntuples(result)):
                row: list[Any] = []
                for j, convert in columns:
                    raw = value(result, i, j)
                    # NULL reads as b"" too: ask libpq only then (one call a value, not two).
                    row.append(None if not raw and is_null(result, i, j) else convert(raw))
                rows.append(tuple(row))
            return Rows(rows)
        finally:
            lib.PQclear(result)

    def close(self) -> None:
        if self._handle is not None:
            self._lib.PQfinish(self._handle)
            self._handle = None

    def __enter__(self) -> LightConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_light(conninfo: str, settings: Sequence[tuple[str, str]]) -> LightConnection | None:
    """Connect to `conninfo` (a libpq URL) with `settings` (keyword, value) on top of it.

    None when libpq cannot be loaded this way. Raises `LibpqError` with libpq's message
    when the connection fails.
    """
    lib = _load()
    if lib is None:
        return None
    # `dbname` first and expanded: the URL's parameters, then ours over them, as psycopg's
    # `connect(conninfo, **kwargs)` does.
    pairs = [("dbname", conninfo), *settings]
    keywords = (ctypes.c_char_p * (len(pairs) + 1))(*[k.encode() for k, _ in pairs], None)
    values = (ctypes.c_char_p * (len(pairs) + 1))(*[v.encode() for _, v in pairs], None)
    handle = lib.PQconnectdbParams(keywords, values, 1)
    if not handle:
        raise LibpqError("out of memory")
    if lib.PQstatus(handle) != _CONNECTION_OK:
        message = _words(lib.PQerrorMessage(handle))
        lib.PQfinish(handle)
        raise LibpqError(message)
    return LightConnection(lib, handle)
