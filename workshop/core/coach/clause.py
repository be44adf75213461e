"""A light clause reading: subject + predicate + complement, with no tagger and no model.

A key result written without a leading verb is either a finished state ("go and js are
interoperable", "X replaces Y", "Embedded node used when ...") or a heading ("Large scale
testbed"). What decides it is grammar, not vocabulary: is there a predicate after a subject,
and is what it says checkable, or a judgement ("robust", "welcoming", "improved")?

Word classes are closed sets (determiners, prepositions, copulas) plus suffix morphology
(-s finite verbs, -ed participles, -ing), so an open-class word the lists have never seen
is still read by its shape. Everything is precompiled; a call is a few microseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from workshop.core.coach.text import DETERMINERS, VERBS, is_function, verb_stem, wordset

_TOKEN = re.compile(r"[A-Za-z0-9][\w'’\-./+]*|[(),;:\[\]]")

_COPULAS = wordset("is are was were be been being am")
_POSSESSION = wordset("has have had owns own")
_MODALS = wordset("can could will would should must shall")
_EXIST = wordset("exist exists")
# Complements that only say something is there: "is in place", "is available", "is live".
_PRESENCE = wordset("available ready live present there operational")
# Irregular past participles that a key result may end in ("rewritten", "built", "run").
_IRREGULAR_PARTICIPLES = wordset(
    """
    built done made run set shown written sent held begun chosen driven given taken known
    seen spun split shut put cut won hidden broken proven frozen rewritten rebuilt
    """
)

# Judgement words: a complement like these needs an opinion to check, not a look.
JUDGEMENT = wordset(
    """
    good great better best excellent strong stronger solid robust healthy effective efficient
    improved enhanced optimized optimised simplified streamlined modernized modernised
    refined polished revamped upgraded boosted strengthened
    modern clean clear easy easier simple simpler intuitive friendly seamless smooth fast
    faster quick quicker nice awesome amazing happy happier successful engaging vibrant
    thriving welcoming useful usable helpful compelling impactful meaningful appropriate
    adequate sufficient world-class first-class best-in-class high-quality top-notch
    satisfied engaged motivated empowered aligned excited confident aware positive
    sustainable scalable mature professional comprehensive rich delightful
    reliable stable maintainable affordable enjoyable comfortable valuable reasonable
    acceptable predictable suitable desirable
    """
)
# Planning documents: owning one ("has a designdoc", "owns the hiring plan") is preparation.
PLANNING_DOCS = wordset(
    """
    plan plans proposal proposals spec specs specification specifications roadmap roadmaps
    strategy strategies budget budgets memo outline draft targets designdoc designdocs
    """
)
# Ways of working and of measuring: establishing them is deciding how to work, not a result.
WAYS_OF_WORKING = wordset(
    """
    practice practices process processes norm norms guideline guidelines value values
    principle principles standard standards framework frameworks culture metric metrics
    kpi kpis benchmark benchmarks target targets goal goals criteria procedure procedures
    """
)


def tokens(text: str) -> list[str]:
    return [t.lower().strip("'’.") or t for t in _TOKEN.findall(text)]


def _is_content(tok: str) -> bool:
    return tok[:1].isalnum() and tok not in DETERMINERS and not is_function(tok)


def is_participle(word: str) -> bool:
    """Past-participle shape: -ed (not "need", "speed") or a common irregular one."""
    if word in _IRREGULAR_PARTICIPLES:
        return True
    return len(word) >= 5 and word.endswith("ed") and not _NOT_PARTICIPLE.search(word)


# "need", "speed"; "testbed", "hotbed" (compounds of "bed"); "hundred".
_NOT_PARTICIPLE = re.compile(r"(?:eed|[^aeioubr]bed|dred)$")


PredicateKind = Literal["copula", "have", "modal", "exist", "finite", "participle"]


@dataclass(frozen=True)
class Clause:
    subject: tuple[str, ...]
    kind: PredicateKind
    predicate: str
    complement: tuple[str, ...]


def find_clause(text: str) -> Clause | None:
    """The first predicate after a subject, or None for a heading with no predicate."""
    toks = tokens(text)
    for i in range(1, len(toks)):
        tok, prev = toks[i], toks[i - 1]
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        kind = _predicate_kind(tok, prev, nxt)
        if kind is None:
            continue
        subject = tuple(t for t in toks[:i] if t[:1].isalnum())
        # A subject needs a noun: "Automated deploys for ..." is a modifier and a plural.
        if not any(_is_content(t) and not _is_modifier(t) for t in subject):
            continue
        rest = toks[i + 1 :]
        # "Teams measure and improve X": as with a leading verb, the last verb names what
        # is promised.
        joined = kind == "finite" and len(rest) > 1 and rest[0] in {"and", "or"}
        if joined and (verb_stem(rest[1]) or rest[1]) in VERBS:
            tok, rest = rest[1], rest[2:]
        return Clause(subject, kind, tok, tuple(rest))
    return None


def is_judgement(tok: str) -> bool:
    """A judgement word, listed or by its -ful ending ("wonderful", "powerful")."""
    return tok in JUDGEMENT or (len(tok) > 5 and tok.endswith("ful"))


def _is_modifier(tok: str) -> bool:
    return is_participle(tok) or tok.endswith("ing") or is_judgement(tok)


def _predicate_kind(tok: str, prev: str, nxt: str) -> PredicateKind | None:
    if tok in _COPULAS:
        return "copula"
    if tok in _EXIST:
        return "exist"
    if not _is_content(prev) and prev not in {")", "]"}:
        # After "the", "for", "and": a noun or an adjective, not a predicate.
        return None
    if tok in _POSSESSION:
        return "have"
    if tok in _MODALS and nxt[:1].isalpha():
        return "modal"
    ends = not nxt or not nxt[:1].isalnum() or is_function(nxt)
    if is_participle(tok):
        # "support added for EMEA" is a clause; "signed artifacts" is a noun phrase.
        return "participle" if ends else None
    if tok.endswith("s") and not tok.endswith(("ss", "us", "is")):
        stem = verb_stem(tok)
        # "X replaces Y", "GraphSync learns to ...": a finite verb.
        if stem:
            return "finite"
    if tok in VERBS and _is_plural(prev) and (is_function(nxt) or nxt in DETERMINERS):
        # A plural subject takes the base form: "Partner teams reach out to us", "Our
        # services hit the target". The next word must start the verb's object or a
        # phrase, so a compound noun ("sales lead time") is not read as a clause.
        return "finite"
    return None


def _is_plural(tok: str) -> bool:
    return (
        len(tok) > 3
        and tok.endswith("s")
        and not tok.endswith(("ss", "us", "is"))
        and _is_content(tok)
        and not _is_modifier(tok)
    )


ClauseReading = Literal["checkable", "vague", "preparation"]


def read_clause(clause: Clause, *, vague_verbs: frozenset[str]) -> ClauseReading:
    """Is the state the clause states checkable, a judgement, or only preparation?"""
    comp = [t for t in clause.complement if t[:1].isalnum() and t != "not"]
    head = next((t for t in comp if t not in DETERMINERS and not t.endswith("ly")), "")
    if clause.kind == "copula" and head:
        # "is up to date and welcoming": any judgement in the complement needs an opinion.
        if any(is_judgement(t) for t in comp):
            return "vague"
        if is_participle(head):
            return _read_participle(head, clause.subject, comp)
        if head in _PRESENCE or is_function(head):
            # "is in place", "is available": as checkable as what is in place.
            return "vague" if _judged(clause.subject) else "checkable"
        return "checkable"
    if clause.kind == "participle":
        return _read_participle(clause.predicate, clause.subject, comp)
    if clause.kind == "exist":
        return "vague" if _judged(clause.subject) else "checkable"
    if clause.kind == "have":
        if is_judgement(head):
            return "vague"
        obj = _noun_phrase(comp)
        if any(t in PLANNING_DOCS or t.endswith(("doc", "docs")) for t in obj):
            return "preparation"
        return "checkable"
    if clause.kind == "finite":
        stem = verb_stem(clause.predicate) or clause.predicate
        if stem in vague_verbs and stem != "support":
            return "vague"
        return "checkable"
    return "checkable"


def _read_participle(word: str, subject: tuple[str, ...], comp: list[str]) -> ClauseReading:
    if is_judgement(word):
        return "vague"
    # "established", "in place" say little unless what is established is itself checkable.
    if word in {"established", "set", "created", "defined"} and _judged(subject):
        return "vague"
    return "checkable"


def _judged(subject: tuple[str, ...]) -> bool:
    """ "Welcoming documentation exists": only an opinion can check it."""
    return any(is_judgement(t) for t in subject)


def _noun_phrase(toks: list[str]) -> list[str]:
    """Tokens up to the first function word: the object of "has", "establish"."""
    out: list[str] = []
    for t in toks:
        # "communication and accountability practices": and/or join nouns inside it.
        if out and t not in {"and", "or"} and (is_function(t) or t in {"that", "which", "who"}):
            break
        out.append(t)
    return out


def object_phrase(text: str, skip: int = 1) -> list[str]:
    """The noun phrase after the first `skip` words (the lead verb)."""
    toks = [t for t in tokens(text) if t[:1].isalnum()]
    return _noun_phrase(toks[skip:])


def verb_object(text: str, verb: str) -> list[str]:
    """The noun phrase after the lead verb `verb`, past openers such as "We will"."""
    toks = [t for t in tokens(text) if t[:1].isalnum()]
    stem = verb.rstrip("e")[:4]
    at = next((i for i, t in enumerate(toks[:5]) if t.startswith(stem)), 0)
    return _noun_phrase(toks[at + 1 :])


def subject_phrase(text: str) -> list[str]:
    """The noun phrase a verbless statement opens with: up to its predicate or the first
    function word ("The hiring plan is approved" -> the hiring plan)."""
    clause = find_clause(text)
    toks = list(clause.subject) if clause else [t for t in tokens(text) if t[:1].isalnum()]
    return _noun_phrase(toks)
