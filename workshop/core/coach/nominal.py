"""Verbs written as nouns (principle 16).

"Beta release of the app" says the same as "Release the beta of the app". A heading that
opens with such a noun ("<up to two modifiers> release of X") is judged by the verb the noun
names, so a milestone written as a noun is done-or-not and an activity written as a noun is
still an activity.
"""

from __future__ import annotations

import re

# Nouns that name a verb's act, and that verb. Closed: the common deliverable and activity
# nominals, not every "-tion" word ("Improvement of X" is left to the vague-verb rules).
NOMINALS = {
    "release": "release",
    "launch": "launch",
    "rollout": "roll",
    "roll-out": "roll",
    "deployment": "deploy",
    "migration": "migrate",
    "completion": "complete",
    "publication": "publish",
    "review": "review",
    "assessment": "assess",
    "analysis": "analyse",
    "evaluation": "evaluate",
    "investigation": "investigate",
}
_HEADING = re.compile(
    r"^(?:[\w'’.-]+\s+){0,2}?(" + "|".join(NOMINALS) + r")\s+of\s+\S",
    re.IGNORECASE,
)


def nominal_verb(text: str, verb: str | None) -> str | None:
    """The verb a nominal names: "Beta release of X" -> release. None when the statement
    has a verb of its own or no such noun where its verb would be."""
    if verb is not None:
        return None
    m = _HEADING.match(text)
    return NOMINALS[m.group(1).lower()] if m else None
