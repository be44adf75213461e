"""Safe file names for exports, built from text a room typed (team, period).

A team can call itself "../../etc", "CON", "\x1b[2J" or 400 emoji; none of that
may leave the exports folder, hide the file, or break the file system. The result
is a short, lower-case slug of letters, digits and hyphens (letters from any
script are kept, so "Équipe Données" stays readable).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# File systems cap names at 255 bytes; leave room for the extension and for
# "-<period>" without getting close to that.
MAX_PART_CHARS = 60
MAX_PART_BYTES = 120

# Names Windows refuses whatever the extension (the file may be copied there later).
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}
)

_HYPHENS = re.compile(r"-{2,}")


def slugify(text: str, *, max_chars: int = MAX_PART_CHARS) -> str:
    """Letters and digits of `text`, lower-cased, every other run turned into one hyphen.

    May return "" when nothing usable is left; callers supply their own fallback.
    """
    kept: list[str] = []
    for ch in unicodedata.normalize("NFKC", text).lower():
        category = unicodedata.category(ch)
        # Marks are kept only after a kept letter, so a lone combining accent
        # cannot start a name. Everything else (punctuation, spaces, symbols,
        # controls, path separators, dots) becomes a hyphen.
        if category[0] in "LN" or (category[0] == "M" and kept and kept[-1] != "-"):
            kept.append(ch)
        else:
            kept.append("-")
    slug = _HYPHENS.sub("-", "".join(kept)).strip("-")
    slug = _cap(slug, max_chars)
    if slug in _WINDOWS_RESERVED:
        slug = f"{slug}-team"
    return slug


def _cap(slug: str, max_chars: int) -> str:
    """Shorten to `max_chars` characters and MAX_PART_BYTES UTF-8 bytes, never mid-character."""
    slug = slug[:max_chars]
    while len(slug.encode("utf-8")) > MAX_PART_BYTES:
        slug = slug[:-1]
    # A trailing combining mark without its base letter, or a hyphen, looks broken.
    while slug and (slug[-1] == "-" or unicodedata.category(slug[-1])[0] == "M"):
        slug = slug[:-1]
    return slug


def export_stem(team: str, period: str, workshop_id: int | None) -> str:
    """'<team>-<period>', falling back to 'workshop-<id>' when the team gives nothing usable."""
    fallback = "workshop" if workshop_id is None else f"workshop-{workshop_id}"
    team_part = slugify(team) or fallback
    period_part = slugify(period, max_chars=30)
    return f"{team_part}-{period_part}" if period_part else team_part


def distinct_stem(
    workshop_id: int | None,
    team: str,
    period: str,
    others: Iterable[tuple[int, str, str]],
) -> str:
    """`export_stem`, unless another workshop's name reduces to the same stem.

    `others` is (id, team, period) for every workshop in the database. Two teams
    called "Sales!" and "sales" would otherwise overwrite each other's files; when
    their stems collide, each gets "_workshop-<id>" added. Slugs never hold "_",
    so the result cannot collide with any other workshop's plain stem either.
    """
    stem = export_stem(team, period, workshop_id)
    if workshop_id is None:
        return stem
    for other_id, other_team, other_period in others:
        if other_id != workshop_id and export_stem(other_team, other_period, other_id) == stem:
            return f"{stem}_workshop-{workshop_id}"
    return stem
