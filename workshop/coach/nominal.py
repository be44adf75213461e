"""Verbs written as nouns (principle 16).

"Beta release of the app" says the same as "Release the beta of the app", and "Perform an
architectural review" the same as "Review the architecture". A heading that opens with such
a noun ("<up to two modifiers> release of X"), or a light verb (perform, undertake, carry
out) whose object is one, is judged by the verb the noun names, so a milestone written as a
noun is done-or-not and an activity written as a noun is still an activity.
"""

from __future__ import annotations

import re

from workshop.coach.clause import verb_object

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
_LIGHT_VERBS = frozenset({"perform", "undertake", "carry", "do"})
_HEADING = re.compile(
    r"^(?:[\w'’.-]+\s+){0,2}?(" + "|".join(NOMINALS) + r")\s+of\s+\S",
    re.IGNORECASE,
)


def nominal_verb(text: str, verb: str | None) -> str | None:
    """The verb a nominal names: "Beta release of X" -> release, "Perform a review of X"
    -> review. None when the statement has no such noun where its verb would be."""
    if verb is None:
        m = _HEADING.match(text)
        return NOMINALS[m.group(1).lower()] if m else None
    if verb in _LIGHT_VERBS:
        obj = [w for w in verb_object(text, verb) if w != "out"]
        for w in obj[:4]:
            if w in NOMINALS:
                return NOMINALS[w]
    return None
