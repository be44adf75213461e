"""Bad input as sentences: one clear sentence per problem, nothing stored half."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import ValidationError


class OKRInputError(ValueError):
    """Input that cannot be stored; `problems` holds one sentence per problem."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        super().__init__(" ".join(self.problems))


def sentences(error: ValidationError) -> list[str]:
    """The problems in a pydantic error as sentences.

    Our validators raise ValueError with a finished sentence; pydantic's own checks (a wrong
    type, an unknown field) are turned into "<field>: <message>." as a fallback.
    """
    out: list[str] = []
    for item in error.errors():
        original = (item.get("ctx") or {}).get("error")
        if isinstance(original, ValueError) and str(original):
            out.append(str(original))
            continue
        where = ".".join(str(part) for part in item["loc"])
        message = item["msg"]
        out.append(f"{where}: {message}." if where else f"{message}.")
    return out
