"""Rules for objectives: verb + what you want to do + why, qualitative, an outcome, short.

Rule ids: objective.empty, objective.verb, objective.quantitative, objective.why,
objective.task, objective.length.
"""

from __future__ import annotations

import re

from workshop.core.coach.clause import find_clause, verb_object
from workshop.core.coach.findings import Finding, Severity
from workshop.core.coach.text import (
    ACTIVITY_VERBS,
    ARTIFACTS,
    DELIVERY_VERBS,
    FUNCTION_WORDS,
    MAKING_VERBS,
    VERBS,
    Draft,
    has_multiplier,
    has_percent_or_money,
    lead_verb,
    measure_numbers,
    placeholders,
    wordset,
)

MAX_WORDS = 18  # about two lines on a projector at a readable size
MAX_CHARS = 130

# The "why" part of the formula: "in order to", "so that", "for", "to <verb>", "because".
_WHY = re.compile(
    r"\b(?:in\s+order\s+to|so\s+that|so\s+(?!much\b|many\b|far\b|long\b|called\b|as\b)[a-z]\w*"
    r"|such\s+that|because|thereby|which\s+(?:will|lets|helps|means)"
    r"|that\s+(?:will|lets|helps)|to\s+(?:help|make|let|give|keep|ensure|enable|allow|support|serve|win|grow|"
    r"protect|reduce|improve|increase|attract|retain|become|deliver|delight|build|create|"
    r"strengthen|empower|boost|drive|unlock|free|save|bring|reach|meet|achieve|sustain|"
    r"accelerate|speed|cut|lower|raise|earn|gain|prepare|lay|prove|better|put|set|stay|"
    r"welcome|inspire|equip|foster|encourage|scale|power|fuel|maximi[sz]e|minimi[sz]e|"
    r"expand|capture|turn|show|demonstrate))\b"
    # "a hiring process that supports candidates": a relative clause naming who benefits.
    r"|\b(?:that|which|who)\s+(?:\w+ly\s+)?(?:helps?|supports?|lets?|enables?|serves?|gives?|"
    r"saves?|keeps?|allows?|protects?|empowers?|delights?|brings?|makes?|frees?)\b"
    r"|\b(?:we|they|you|users|customers|people|everyone|teams?|members|residents|staff)\s+"
    r"(?:can|will|could)\b",  # "a pipeline we can forecast": the benefit is named
    re.IGNORECASE,
)
# "for" names a beneficiary ("for every new hire", "for small accounting firms"), but not a
# time ("for Q1", "for 2027") nor a domain: a bare singular noun ("for Hardware", "for
# search") says what the work is about, not who gains. So the phrase after "for" must open
# with a determiner or a pronoun, or be plural.
_FOR_PHRASE = re.compile(r"\bfor\s+((?:[\w'’\-]+\s+){0,3}[\w'’\-]+)", re.IGNORECASE)
_NOT_WHOM = re.compile(
    r"(?:q[1-4]|h[12]|the\s+(?:quarter|year|period|month)|this\s+|next\s+|(?:19|20)\d{2}|fy|now"
    r"|the\s+next|\d)",
    re.IGNORECASE,
)
_WHOM_OPENERS = wordset(
    """
    the a an our their your its every each all any everyone everybody us them you people
    those whoever anyone
    """
)


def _for_whom(text: str) -> bool:
    for m in _FOR_PHRASE.finditer(text):
        phrase = m.group(1)
        if _NOT_WHOM.match(phrase):
            continue
        toks = [t.lower() for t in phrase.split()]
        if toks[0] in _WHOM_OPENERS:
            return True
        head = []
        for t in toks:
            if t in FUNCTION_WORDS or t in {"that", "which", "who"}:
                break
            head.append(t)
        if any(_plural(t) for t in head):
            return True
    return False


def _plural(word: str) -> bool:
    """ "firms", "devs": people in the plural (a bare singular is a domain)."""
    w = word.strip("'’-.,")
    return w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3


# An infinitive of purpose: "to" + any verb we know + the start of its object ("... to
# understand our impact"). The object is required so that "to market" or "to work" after a
# noun ("bring it to market") is not read as a reason.
_TO_VERB = re.compile(
    r"\bto\s+(?:\w+ly\s+)?([a-z]+)\s+(?:the|a|an|our|their|its|your|more|new|all|every|each"
    r"|what|how|who|where|why)\b",
    re.IGNORECASE,
)


def says_why(text: str) -> bool:
    """True if the objective gives a reason or beneficiary after its verb phrase."""
    # Skip the lead verb so "Help our members..." is not mistaken for a "to help" clause.
    if _WHY.search(text) or _for_whom(text):
        return True
    return any(m.group(1).lower() in VERBS for m in _TO_VERB.finditer(text, 1))


def judge_objective(text: str) -> list[Finding]:
    """Judge one objective draft; an empty list means an expert would let it stand."""
    d = Draft.of(text)
    if not d.words:
        return [
            Finding(
                "objective.empty",
                Severity.SERIOUS,
                "This objective is empty.",
                "Write: verb + what you want to do + so that + what you hope to achieve.",
            )
        ]
    findings: list[Finding] = []
    verb = lead_verb(d.text)
    why = says_why(d.text)
    clause = find_clause(d.text) if verb is None else None

    if verb is None:
        # "Revenue", or a slogan such as "Happy, effective, async team": no verb, no clause
        # and no reason is a heading, not an aim. A long phrase with a beneficiary can stand.
        # A clause states an aim ("Partner teams reach out to us", "Clients should trust us").
        topic = not (why or clause is not None)
        findings.append(
            Finding(
                "objective.verb",
                Severity.SERIOUS if topic else Severity.ADVICE,
                "This is a topic, not an objective yet: start with an action verb."
                if topic
                else "Start with an action verb so people know what to do.",
                f"Try: Improve {d.text[:1].lower()}{d.text[1:]} so that <what changes for whom>.",
            )
        )

    numbers = measure_numbers(d.text)
    holes = placeholders(d.text)
    if numbers or holes:
        shown = ", ".join((numbers + holes)[:3])
        findings.append(
            Finding(
                "objective.quantitative",
                Severity.SERIOUS,
                f"Keep numbers out of the objective ({shown}); they belong in a key result.",
                f"Say the ambition in words and move {shown} into a key result with from X to Y.",
            )
        )
    elif has_multiplier(d.text) or has_percent_or_money(d.text):
        findings.append(
            Finding(
                "objective.quantitative",
                Severity.ADVICE,
                "That sounds like a target; put the number in a key result.",
                "Say the ambition in words; let a key result say how much.",
            )
        )

    task = verb is not None and _is_task(verb, d.words, verb_object(d.text, verb))
    if task and verb is not None and not why:
        findings.append(
            Finding(
                "objective.task",
                Severity.SERIOUS,
                f'"{verb.capitalize()} ..." is a task. Why does that matter?',
                f"{d.text} so that <the result it brings for users or the team>.",
            )
        )
    elif verb in ACTIVITY_VERBS:
        findings.append(
            Finding(
                "objective.task",
                Severity.ADVICE,
                "This describes an activity; name the result you want instead.",
                "Start with what changes: e.g. Grow, Win, Cut, Delight ... so that ...",
            )
        )
    elif not why:
        findings.append(
            Finding(
                "objective.why",
                Severity.ADVICE,
                "Say why it matters: add 'so that' or 'in order to'.",
                f"{d.text} so that <what you hope to achieve>.",
            )
        )

    if len(d.words) > MAX_WORDS or len(d.text) > MAX_CHARS:
        findings.append(
            Finding(
                "objective.length",
                Severity.ADVICE,
                f"At {len(d.words)} words this is hard to read on the wall; aim for under "
                f"{MAX_WORDS}.",
                "Keep one verb, one aim and one reason; move details into key results.",
            )
        )
    return findings


def _is_task(verb: str, ws: tuple[str, ...], obj: list[str]) -> bool:
    """An output or a chore rather than an outcome: "Launch the app", "Hold a meeting"."""
    if verb in ACTIVITY_VERBS or verb in DELIVERY_VERBS:
        return True
    if verb in MAKING_VERBS:
        # "Build the billing API" is a task; "Build a loyal community" is an outcome, and so
        # is "Create cohesion among our tools": only the verb's own object counts.
        return any(w in ARTIFACTS for w in obj)
    # A verb read by its shape ("Positively affect ...") is not known to be a chore.
    return False
