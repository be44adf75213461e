"""Rules for key results: verb + what you measure + from X to Y, or a done/not-done milestone.

Rule ids: kr.empty, kr.target_not_set, kr.measurable, kr.activity, kr.from_to, kr.unit,
kr.kind, kr.period, kr.compound, kr.duplicate, kr.verb, kr.length.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from workshop.core.coach.clause import (
    PLANNING_DOCS,
    WAYS_OF_WORKING,
    ClauseReading,
    find_clause,
    object_phrase,
    read_clause,
    subject_phrase,
    verb_object,
)
from workshop.core.coach.findings import Finding, Severity
from workshop.core.coach.nominal import nominal_verb
from workshop.core.coach.period import outside
from workshop.core.coach.text import (
    ACTIVITY_VERBS,
    BASELINE_PHRASE,
    DELIVERY_VERBS,
    MAKING_VERBS,
    Draft,
    from_to,
    has_baseline,
    has_comparative,
    has_comparator,
    has_number_word,
    has_percent_or_money,
    lead_verb,
    measure_numbers,
    normalise,
    placeholders,
    states_activity,
    states_end,
    wordset,
)
from workshop.core.domain import KeyResult, KeyResultKind

MAX_WORDS = 25

# Verbs that move a number; with one they should say where the number starts.
_CHANGE_VERBS = wordset(
    """
    increase decrease reduce grow raise improve cut lower boost lift expand drop shrink
    double triple halve slash trim accelerate speed shorten widen narrow reach hit achieve
    attain get bump move push decline
    """
)
# Vague verbs that cannot be done-or-not-done on their own.
_VAGUE_VERBS = wordset(
    """
    improve increase enhance grow boost better strengthen optimise optimize raise reduce
    decrease lower support foster encourage promote drive cultivate nurture advance
    streamline simplify modernise modernize refine
    """
)
# Events are things a team does; a key result says what the event changes.
_EVENTS = (
    r"meetings?|calls?|sync|syncs|workshops?|sessions?|kick-?offs?|offsites?|meet-?ups?|events?"
    r"|webinars?|hackathons?|conferences?|trainings?|boot-?camps?|town\s?halls?|retros?"
    r"|retrospectives?|demos?|interviews?|user\s+tests?|usability\s+tests?|focus\s+groups?"
)
_MEETING = re.compile(
    r"\b(?:hold|have|run|set\s+up|schedule|organi[sz]e|attend|arrange|host|do|conduct|facilitate"
    r"|give|deliver)\s+(?:an?\s+|\d+\+?\s+|the\s+|\w+ly\s+)?(?:[\w-]+\s+)?(?:" + _EVENTS + r")\b",
    re.IGNORECASE,
)
_DOC_ARTIFACTS = wordset(
    """
    doc docs document documents documentation plan plans proposal proposals strategy deck
    presentation spreadsheet outline memo draft wiki list brief roadmap roadmaps budget budgets
    handbook guideline guidelines spec specs specification specifications policy policies
    charter playbook checklist template templates report reports requirements
    """
)
# Making words in a finished state: "The roadmap is created" is still a document to write.
_MADE = re.compile(
    r"\b(?:created|developed|built|designed|produced|written|drafted|prepared|made|set\s+up|"
    r"updated|defined)\b",
    re.IGNORECASE,
)
# A plan, a report or an approach is preparation however finished it is: made, handed over,
# accepted or "in place". Carrying it out ("the roadmap is implemented") is a result.
_PLANS = (
    PLANNING_DOCS | WAYS_OF_WORKING | wordset("report reports approach approaches method methods")
)
_HAND_OVER = wordset("deliver complete finish finalise finalize present submit share")
_PREPARED = re.compile(
    r"\b(?:in\s+place|available|ready|exists?|accepted|approved|agreed|signed\s+off|endorsed"
    r"|delivered|shared|presented|submitted|finali[sz]ed|completed|done)\b",
    re.IGNORECASE,
)
# Verbs that set up how a team will work or measure, rather than delivering a result.
_SETTING_VERBS = wordset("establish define set agree create develop draft formulate decide")
_JOINER = re.compile(r"\s+(?:and|&|plus|as\s+well\s+as)\s+|\s*;\s*|,\s+(?=[a-z]+\s)", re.I)
_BARE_NUMBER = re.compile(r"^[<>≤≥~]?\s?\d[\d,]*(?:\.\d+)?$")


def judge_key_result(
    kr: KeyResult | str, *, siblings: Sequence[str] = (), period: str = ""
) -> list[Finding]:
    """Judge one key result; `siblings` are the other key results of the same objective."""
    if isinstance(kr, str):
        original, kind, start, target, unit = kr, None, "", "", ""
    else:
        original, kind = kr.text, kr.kind
        start, target, unit = kr.start.strip(), kr.target.strip(), kr.unit.strip()
    d = Draft.of(original)
    if not d.words:
        return [
            Finding(
                "kr.empty",
                Severity.SERIOUS,
                "This key result is empty.",
                "Write: verb + what you measure + from X to Y.",
            )
        ]

    findings: list[Finding] = []
    lead = lead_verb(d.text)
    clause = find_clause(d.text) if lead is None else None
    # "Beta release of X" is "Release X"; "Perform a review" is "Review" (principle 16).
    verb = (nominal_verb(d.text, lead) if clause is None else None) or lead
    reading = read_clause(clause, vague_verbs=_VAGUE_VERBS) if clause else None
    numbers = measure_numbers(d.text)
    field_numbers = [v for v in (start, target) if v and measure_numbers(v)]
    holes = placeholders(d.text) + [v for v in (start, target) if v and placeholders(v)]
    # A KR whose only numbers are placeholders is planned as a metric but not ready.
    measured = bool(numbers or field_numbers or has_number_word(d.text))
    binary = _looks_binary(verb, d, reading)

    if holes:
        findings.append(
            Finding(
                "kr.target_not_set",
                Severity.SERIOUS,
                f"The number is not set yet ({', '.join(dict.fromkeys(holes))}); "
                "agree on a real figure.",
                "Fill in today's value and the target: from <now> to <goal>.",
            )
        )

    activity = _activity(verb, d, reading)
    if activity:
        findings.append(
            Finding(
                "kr.activity",
                Severity.SERIOUS,
                "This is a to-do item, not a result. What will be different once it's done?",
                f"Measure the effect instead: e.g. Raise <what improves because you "
                f"{verb or 'did it'}> from X to Y.",
            )
        )

    if kind is KeyResultKind.MILESTONE:
        if from_to(d.text) or (start and target and measure_numbers(start + " " + target)):
            findings.append(
                Finding(
                    "kr.kind",
                    Severity.ADVICE,
                    "A milestone is done or not done, yet this one has a from and a to. "
                    "Make it a metric.",
                    "Switch the kind to metric, or state the milestone as one thing delivered.",
                )
            )
        elif not measured and not binary and not activity and verb in _VAGUE_VERBS:
            findings.append(_not_measurable(d))
    elif not measured and not holes and not activity:
        if binary:
            if kind is KeyResultKind.METRIC:
                findings.append(
                    Finding(
                        "kr.kind",
                        Severity.ADVICE,
                        "This reads as done or not done: mark it as a milestone.",
                        "Set the kind to milestone, or measure it: from X to Y.",
                    )
                )
        else:
            findings.append(_not_measurable(d))

    if measured and not holes and not activity and kind is not KeyResultKind.MILESTONE:
        findings.extend(_metric_shape(d, verb, start, target, unit))

    late = outside(d.text, period) if period else []
    if late:
        findings.append(
            Finding(
                "kr.period",
                Severity.SERIOUS,
                f"{late[0]} is after {period} ends; a key result must finish within the period.",
                f"Set a target you can reach by the end of {period}, or move it to a later OKR.",
            )
        )

    joined = _compound(d.text)
    if joined:
        findings.append(
            Finding(
                "kr.compound",
                Severity.SERIOUS if joined == "vague part" else Severity.ADVICE,
                _COMPOUND_MESSAGES[joined],
                "Keep one measure here and write the other as its own key result.",
            )
        )

    mine = normalise(original)
    if mine and any(normalise(s) == mine for s in siblings):
        findings.append(
            Finding(
                "kr.duplicate",
                Severity.SERIOUS,
                "This repeats another key result of the same objective.",
                "Delete one copy, or change it to measure something different.",
            )
        )

    if lead is None:
        findings.append(
            Finding(
                "kr.verb",
                Severity.ADVICE,
                "Start with a verb that says which way the number should move.",
                # The sentence may already hold its numbers: add no second "from X to Y".
                f"Try: Raise {d.text[:1].lower()}{d.text[1:]}"
                + ("." if from_to(d.text) else " from X to Y."),
            )
        )

    if len(d.words) > MAX_WORDS:
        findings.append(
            Finding(
                "kr.length",
                Severity.ADVICE,
                f"At {len(d.words)} words this is hard to read on the wall; keep it shorter.",
                "Keep the verb, the measure and the from-to; drop the explanation.",
            )
        )
    return findings


def _not_measurable(d: Draft) -> Finding:
    return Finding(
        "kr.measurable",
        Severity.SERIOUS,
        "There's no number here. How will you know you got there?",
        f"Add a measure and a target: {d.text} from <now> to <goal>.",
    )


def _looks_binary(verb: str | None, d: Draft, reading: ClauseReading | None) -> bool:
    """Done-or-not wording: "Launch the partner portal", "SOC 2 audit passed", or a clause
    stating a checkable end state ("go and js are interoperable", "X replaces Y")."""
    if reading == "vague":
        # "Robust CI practices are established", "Welcoming docs exist": a judgement.
        return False
    if has_comparative(d.text):
        return False
    if verb in DELIVERY_VERBS:
        return True
    if verb is None and (states_end(d.text) or reading == "checkable"):
        return True
    if verb in MAKING_VERBS or verb in {"be", "become", "get", "have", "win", "gain", "earn"}:
        return verb not in _VAGUE_VERBS
    return False


def _activity(verb: str | None, d: Draft, reading: ClauseReading | None) -> bool:
    """A to-do item: an activity verb, a meeting, making a document, or deciding how to work."""
    if _MEETING.search(d.text):
        return True
    if states_activity(d.text) or reading == "preparation":
        return True
    if verb in _SETTING_VERBS and any(w in WAYS_OF_WORKING for w in object_phrase(d.text)):
        return True  # "Establish team practices", "Define KPIs": preparation for results.
    if verb in ACTIVITY_VERBS:
        return True
    if verb is None:
        if _MADE.search(d.text) and any(w in _DOC_ARTIFACTS for w in d.words):
            return True
        # "The migration plan is in place", "Roadmap approved by the board".
        return bool(_PREPARED.search(d.text)) and _head(subject_phrase(d.text)) in _PLANS
    if verb in MAKING_VERBS or verb == "write":
        return any(w in _DOC_ARTIFACTS for w in d.words[1:6])
    if verb in _HAND_OVER:
        # "Deliver a report" is a to-do: a plan handed over is still preparation.
        return _head(verb_object(d.text, verb)) in _PLANS
    return False


def _head(phrase: list[str]) -> str:
    """The head noun of a noun phrase: its last word ("a detailed roadmap" -> "roadmap")."""
    return phrase[-1] if phrase else ""


def _metric_shape(d: Draft, verb: str | None, start: str, target: str, unit: str) -> list[Finding]:
    """Baseline and unit checks for a metric key result."""
    findings: list[Finding] = []
    has_pair = bool(from_to(d.text)) or bool(start and target) or has_baseline(d.text)
    if not has_pair and verb in _CHANGE_VERBS and not has_comparator(d.text):
        findings.append(
            Finding(
                "kr.from_to",
                Severity.ADVICE,
                "Say where you start: from what, to what?",
                f"{d.text}, from <today's value>.",
            )
        )
    if start or target:
        # Structured fields: the unit must be in the unit field or obvious from the target.
        if not unit and not has_percent_or_money(target) and _BARE_NUMBER.match(target or start):
            findings.append(_unit_missing())
    elif (m := from_to(d.text)) and verb is not None:
        # "Increase from 3 to 5": nothing between the verb and "from" names the measure.
        before = d.text[: m.start()].split()
        if len(before) <= 1 and not has_percent_or_money(d.text):
            findings.append(_unit_missing())
    return findings


def _unit_missing() -> Finding:
    return Finding(
        "kr.unit",
        Severity.ADVICE,
        "Name what you count: users, hours, euros, percent?",
        "Add the unit: e.g. from 350 to 500 weekly active users.",
    )


_COMPOUND_MESSAGES = {
    "targets": "This holds more than one target; one key result each is easier to score.",
    "vague part": "One part of this has no measure, so it cannot be scored; measure it or drop it.",
    "deliverables": "This bundles two deliverables; one key result each is easier to score.",
}


def _compound(text: str) -> str | None:
    """ "targets" if several numbers are joined by "and", ";" or a comma; "vague part" if a
    measured part is joined to a vague one; "deliverables" if two verb phrases are; else None."""
    text = BASELINE_PHRASE.sub(" ", text)
    parts = [p for p in _JOINER.split(text) if p.strip()]
    if len(parts) < 2:
        return None
    measured = [bool(measure_numbers(p) or placeholders(p)) for p in parts]
    if sum(measured) >= 2:
        # "Cut churn to 3% and raise NPS to 40": every part can be scored, so the key result
        # can be too; splitting it is advice. Only a part with no measure makes it serious.
        return "targets"
    # "Improve UX, achieve 65% DAU/MAU": the measured part can be scored, the vague one
    # cannot, so the key result as a whole cannot be scored either.
    # Both must be clauses with their own verb; "Reduce P1 and P2 incidents" joins nouns.
    pairs = list(zip(parts, measured, strict=True))
    if any(m and lead_verb(p) for p, m in pairs) and any(
        not m and len(p.split()) >= 2 and lead_verb(p) in _VAGUE_VERBS and not has_number_word(p)
        for p, m in pairs
    ):
        return "vague part"
    # "Launch the portal and migrate all clients to it" - but not "Design and launch X".
    phrases = [p for p in parts if len(p.split()) >= 3 and lead_verb(p)]
    return "deliverables" if len(phrases) >= 2 else None
