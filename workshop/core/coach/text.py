"""Reading a draft the way a person would: strip pasted formatting, find verbs and numbers.

Everything here works on plain strings and is shared by the objective and key-result
rules. Regexes are compiled once at import because the TUI judges on every keystroke.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- pasted formatting -------------------------------------------------------------

# "1.", "2)", "a)", "(3)", "iv.", "ii ", "-", "*", "•", checkboxes and status emoji at the start.
# A lower-case roman numeral needs "." or ")" or a capital after it, so "i will" stays.
_BULLET = re.compile(
    r"^\s*(?:(?:[-*+–—>]+|\(?\d{1,2}[.)]|\(?[a-hA-H][.)]|\(?(?:[ivx]{1,4}|[IVX]{1,4})[.)])\s+"
    r"|(?:ii|iii|iv|vi|vii|viii|ix|xi|xii|i|v|x)\s+(?=[A-Z])"
    r"|[•▪◦‣·☐☑✅✔❌⬜🟢🟡🔴]\s*|\[[ xX✓]?\]\s*)"
)
# "KR1:", "KR 1.2 –", "Objective 3:", "Key result 2)", "OKR 4." - and "O2 -", "P1 -", "PX -"
# (a priority not chosen yet), which need punctuation after them so that "P95 latency" is
# not mistaken for a label.
_NUMBERED_LABEL = re.compile(
    r"^(?:(?:kr|okr|obj(?:ective)?|key\s*results?|goal)\s*#?\s*\d{1,2}(?:[.\-]\d{1,2})?[a-z]?"
    r"\s*(?:[-–—:.)|]\s*|\s+)"
    r"|(?:o\s*\d{1,2}|p\s*(?:\d{1,2}|x|\?))(?:\.\d{1,2})?\s*[-–—:.)|]\s+)",
    re.IGNORECASE,
)
# "CEO:", "Sales KR:", "Objective:", "Eng team (Ana):" - a short label ending in a colon.
_LABEL_COLON = re.compile(r"^(?P<label>[^\s:][^:]{0,38}?)\s*[:：]\s+")
# "[p0]", "(P2)", "[WIP]", "[Eng]" - short bracketed tags anywhere.
_PRIORITY_TAG = re.compile(r"[\[(]\s*p\s*\d\s*[\])]", re.IGNORECASE)
_SQUARE_TAG = re.compile(r"^\s*\[[^\]]{1,25}\]\s*|\s*\[[^\]]{1,25}\]\s*$")
# "@ana", and "@???" for an owner not chosen yet (not a missing number).
_HANDLE = re.compile(r"(?<![\w@])@(?:[\w][\w.\-]*|\?+)")
# Markdown and HTML pasted from a README: [text](url), [text][ref], <sub>7</sub>, **bold**.
_MD_LINK = re.compile(r"\[([^\[\]]+)\](?:\([^()\s]*\)|\[[a-z0-9_\-]*\])")
# A subscript after a lone letter is a variable's index: "N<sub>7</sub>" is the placeholder N.
_SUB_INDEX = re.compile(r"(?<=\b[A-Za-z])<sub>\s*\w{1,3}\s*</sub>")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,40}>")
_CODE_SPAN = re.compile(r"`([^`]{1,40})`")
_EMPHASIS = re.compile(r"\*\*|__|(?<![\w])[_*](?=\S)|(?<=\S)[_*](?![\w])")
_OWNER_PAREN = re.compile(r"\(\s*(?:owner|dri|lead|by)\s*[:=]?[^()]{0,40}\)", re.IGNORECASE)
_EMPTY_PAREN = re.compile(r"[\[(]\s*[,;/&+\s]*\s*[\])]")
_STATUS_NOTE = re.compile(r"\s*=>.*$", re.DOTALL)
_TRAILING_JUNK = re.compile(r"[\s\-–—,;:.|/]+$")
_LEADING_JUNK = re.compile(r"^[\s\-–—,;:.|/]+")
_SPACES = re.compile(r"\s+")
_QUOTES = "\"'“”‘’`"

WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")


def clean(text: str) -> str:
    """Strip bullets, numbering, owner/priority labels, @handles and "=>" notes.

    The result is what the rules judge; callers keep the original for display.
    """
    s = _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()
    s = _STATUS_NOTE.sub("", s)
    if any(ch in s for ch in "<[*_`"):
        s = _CODE_SPAN.sub(r"\1", s)
        s = _EMPHASIS.sub("", s)
        s = _SUB_INDEX.sub("", s)
        s = _HTML_TAG.sub("", s)
        s = _MD_LINK.sub(r"\1", s)
    s = _HANDLE.sub("", s)
    s = _OWNER_PAREN.sub("", s)
    s = _PRIORITY_TAG.sub("", s)
    # Labels can stack ("1. [P1] Sales KR: ..."), so peel until nothing changes.
    for _ in range(6):
        before = s
        s = _BULLET.sub("", s)
        s = _SQUARE_TAG.sub(" ", s).strip()
        s = _NUMBERED_LABEL.sub("", s)
        m = _LABEL_COLON.match(s)
        if m and _is_label(m.group("label")):
            s = s[m.end() :]
        s = s.strip().strip(_QUOTES).strip()
        if s == before:
            break
    s = _EMPTY_PAREN.sub("", s)
    s = _SPACES.sub(" ", s)
    s = _LEADING_JUNK.sub("", _TRAILING_JUNK.sub("", s))
    return s.strip().strip(_QUOTES).strip()


def _is_label(label: str) -> bool:
    """True if the text before a colon is a label ("Sales KR") rather than part of the draft."""
    words = label.split()
    if not words or len(words) > 4:
        return False
    first = words[0].lower().strip("()")
    # "Reduce churn: from 5% to 3%" - a verb before the colon means it is the draft itself.
    if first in VERBS and first not in _LABEL_WORDS:
        return False
    # A number in the label ("Increase NPS to 40: ...") means it is content, not a label,
    # unless it is a numbered label such as "KR1" or "Q1".
    return not any(ch.isdigit() for ch in label) or bool(
        re.fullmatch(r"[A-Za-z ]*(?:kr|o|q|h|p|okr)\s*\d[\w.]*", label, re.IGNORECASE)
    )


# Words that are labels even though they could be verbs ("Lead: ...", "Support: ...").
_LABEL_WORDS = frozenset({"lead", "support", "design", "product", "marketing", "finance", "ops"})


# --- placeholders ------------------------------------------------------------------

# Stand-ins for numbers not yet set: X, XX%, $N, N, TBD, ?, ??%, [target], <n>.
_PLACEHOLDER = re.compile(
    r"(?<![\w$€£?])(?:"
    r"[$€£]\s?(?:x+|n+|y|tbd|\?+)(?:k|m|bn)?"  # $X, $N, €TBD, $Xk
    r"|(?:X{1,3}|N{1,2}|Y|Z)(?:k|K|M|bn)?%?"  # X, XX%, N, Y, Xk
    r"|(?:x{1,3}|n{1,2}|y)(?:%|k\b)"  # x%, n%, xk
    r"|tb[dca]|t\.b\.d\.?|to be (?:set|defined|confirmed|decided)"
    r"|\?+%?"  # ?, ??, ?%
    r"|[\[<](?:number|target|value|baseline|n|x|tbd|goal|amount|metric)[\]>]"
    r"|#+(?=%)"  # ##%
    r")(?![\w?])",
    re.IGNORECASE,
)
# "X" is also a social network: "followers on X", "X (formerly Twitter)".
_X_THE_NETWORK = re.compile(r"\b(?:on|via|at)\s+X\b|\bX\s*(?:/|\(|,?\s*formerly)", re.IGNORECASE)


def placeholders(text: str) -> list[str]:
    """Return the placeholders standing in for numbers that nobody has set yet."""
    found: list[str] = []
    masked = _X_THE_NETWORK.sub(" network ", text)
    for m in _PLACEHOLDER.finditer(masked):
        token = m.group(0).strip()
        bare = token.lstrip("$€£ ")
        if bare[:1].lower() in "xnyz":
            suffixed = token != bare or bare.endswith("%") or bare[-1:].lower() in "km"
            # A lone "x" or "n" in lower case is a word or a typo, not a placeholder.
            if not suffixed and not bare[:1].isupper():
                continue
            # "Plan Y", "Gen Z": a lone Y or Z counts only as the end of "from X to Y".
            if bare in {"Y", "Z"} and not _AFTER_TO.search(masked, 0, m.start()):
                continue
        found.append(token)
    return found


_AFTER_TO = re.compile(r"\b(?:to|from|by|and)\s*$", re.IGNORECASE)


def mask_placeholders(text: str) -> str:
    """Replace placeholders with a neutral word so that number detection ignores them."""
    out = text
    for token in sorted(set(placeholders(text)), key=len, reverse=True):
        out = re.sub(rf"(?<![\w$€£?]){re.escape(token)}(?![\w?])", " PLACEHOLDER ", out)
    return out


# --- numbers -----------------------------------------------------------------------

_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
# Things that look numeric but are not measures: dates, quarters, versions, labels.
_NOT_A_MEASURE = re.compile(
    r"\b(?:q[1-4]|h[12]|fy\s?\d{2,4}|cy\s?\d{2,4})(?:\s*[-/' ]?\s*(?:19|20)\d{2}|\s*'\d{2})?\b"
    r"|\b(?:19|20)\d{2}\s*[-/]?\s*(?:q[1-4]|h[12])\b"
    r"|\b(?:19|20)\d{2}-\d{2}-\d{2}\b"
    rf"|\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d{{2}})?\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b(?:,?\s+(?:19|20)\d{{2}})?"
    rf"|\b(?:{_MONTHS})\.?\s+(?:19|20)\d{{2}}\b"
    r"|\b(?:in|by|since|before|until|till|during|of|end|through|after|within|for|eoy|fy)\s+"
    r"(?:(?:the\s+)?(?:end\s+of\s+)?)(?:19|20)\d{2}\b(?!\s*%)"
    r"|\bv\d+(?:\.\d+)*\b|\b(?:python|ios|android|web|java|php|http|windows|gen)\s?\d+(?:\.\d+)*\b"
    r"|\b24/7\b|#\s?1\b|\bno\.\s?1\b|\btop[\s-]\d{1,2}\b|\b\d+(?:st|nd|rd)\b"
    r"|\b(?:soc|iso|wcag|tier|level|phase|stage|step|series|pci|section|article|chapter|sprint"
    r"|round|wave|cohort|grade|class|sev|severity|priority|part|module|unit|lesson)\s?\d+(?:\.\d+)*\b"
    r"|\b[a-z]+\d+[a-z\d]*\b",  # P1, S3, K8s, OKR2, SOC2, ISO27001
    re.IGNORECASE,
)
# "Portal 2.0", "Sales 3.0": a whole number with ".0" after a name is a version. After a
# preposition or with a unit it is a value ("from 7.0 to 8.5", "2.0 s").
_VERSION_AFTER_NAME = re.compile(
    r"\b((?!(?:from|to|at|of|by|below|above|under|over|than|is|are|be|reach|hit|and|or)\b)"
    r"[a-z][\w-]*)\s+\d+\.0(?![\d.])(?!\s*(?:%|[a-z]))",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    # ".5" after a space is a decimal as people type it ("raise the score by .5").
    r"(?<![\w.])(?:[<>≤≥~]=?\s?)?[$€£¥]?\s?(?:\d[\d,]*(?:\.\d+)?|(?<=\s)\.\d+)\s?"
    r"(?:%|percent|pp|pts?|[kKmM]\b|bn\b|x\b|×)?"
)
_NUMBER_WORD = re.compile(
    r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion"
    r"|dozen|half|halve[sd]?|double[sd]?|triple[sd]?|quadruple[sd]?|tenfold|twice)\b",
    re.IGNORECASE,
)
_MULTIPLIER_WORD = re.compile(
    r"\b(?:double[sd]?|triple[sd]?|quadruple[sd]?|halve[sd]?|tenfold|twice|\d+\s?x)\b",
    re.IGNORECASE,
)
_PERCENT_OR_MONEY = re.compile(r"%|percent|[$€£¥]|\b(?:usd|eur|gbp|dollars?|euros?)\b", re.I)
_FROM_TO = re.compile(
    r"\bfrom\s+(?:about\s+|around\s+|~\s?)?(?P<start>[<>≤≥~]?[$€£¥]?\s?\d[\d,.]*\s?\S{0,12}?)"
    r"(?:\s+\S+){0,4}?\s+(?:to|→|->|=>|up\s+to|down\s+to)\s+(?P<target>[<>≤≥~]?[$€£¥]?\s?\d)",
    re.IGNORECASE,
)
_COMPARATOR = re.compile(
    r"[<>≤≥]|\b(?:at\s+least|at\s+most|no\s+more\s+than|no\s+less\s+than|more\s+than|less\s+than"
    r"|fewer\s+than|above|below|under|over|within|or\s+(?:more|less|better|higher|lower))\b",
    re.IGNORECASE,
)


def measure_numbers(text: str) -> list[str]:
    """Numbers that can be a measure: not dates, quarters, versions or labels like P1."""
    stripped = _NOT_A_MEASURE.sub(" ", mask_placeholders(text))
    stripped = _VERSION_AFTER_NAME.sub(r"\1 ", stripped)
    return [m.group(0).strip() for m in _NUMBER.finditer(stripped) if m.group(0).strip()]


def has_number_word(text: str) -> bool:
    return bool(_NUMBER_WORD.search(text))


def has_multiplier(text: str) -> bool:
    return bool(_MULTIPLIER_WORD.search(text))


def has_percent_or_money(text: str) -> bool:
    return bool(_PERCENT_OR_MONEY.search(text))


def from_to(text: str) -> re.Match[str] | None:
    """Find "from X to Y" with numbers on both sides (dates and versions excluded)."""
    # Blank out dates with spaces of the same length so match positions fit `text`.
    return _FROM_TO.search(_NOT_A_MEASURE.sub(lambda m: " " * len(m.group(0)), text))


# A stated starting point other than "from X to Y": "up from 25%", "vs 3.1% today".
_BASELINE = re.compile(
    r"\b(?:up|down)\s+from\s+\S*\d|\bfrom\s+(?:a\s+)?(?:baseline\s+of\s+)?[<>~]?[$€£¥]?\d"
    r"|\b(?:vs\.?|versus|compared\s+(?:to|with))\s+\S*\d|\bbaseline\b",
    re.IGNORECASE,
)
# The baseline phrase itself, so that ", up from 3,800" is not read as a second target.
BASELINE_PHRASE = re.compile(
    r",?\s*\(?\b(?:up|down)\s+from\s+[^,;()]+\)?|,?\s*\(?\b(?:vs\.?|versus|compared\s+"
    r"(?:to|with))\s+[^,;()]+\)?",
    re.IGNORECASE,
)


def has_baseline(text: str) -> bool:
    return bool(_BASELINE.search(text))


# Comparatives without a number ("make it faster") are wishes, not done-or-not results.
_COMPARATIVE = re.compile(
    r"\b(?:better|faster|easier|simpler|cheaper|quicker|smoother|more|less|fewer|higher|lower"
    r"|stronger|bigger|greater|smaller|shorter|clearer|safer|happier|healthier|leaner|nicer"
    r"|friendlier|richer|warmer|deeper|wider|tighter|sharper|calmer|quieter|lighter|smarter"
    r"|cleaner|tidier|fairer|greener|sturdier|nimbler|broader)\b",
    re.IGNORECASE,
)


def has_comparative(text: str) -> bool:
    return bool(_COMPARATIVE.search(text))


def has_comparator(text: str) -> bool:
    return bool(_COMPARATOR.search(text))


# --- words -------------------------------------------------------------------------


def wordset(text: str) -> frozenset[str]:
    """A word list written as a block of text, one or more words per line."""
    return frozenset(text.split())


def words(text: str) -> list[str]:
    return [w.lower().strip("'’-") for w in WORD.findall(text)]


# Closed word classes, used to tell a predicate from a modifier by its neighbours.
DETERMINERS = wordset(
    """
    a an the this that these those its their our my your his her each every all any some no
    both either neither another such
    """
)
# Prepositions, conjunctions, subordinators and common adverbs: words that can follow a
# predicate but never head a noun phrase. After a participle they show it is predicative
# ("support added for EMEA"); a content word after it makes it a modifier ("signed artifacts").
FUNCTION_WORDS = wordset(
    """
    for in on at by to as with within into onto across from of under over before after until
    till via per through throughout out off up down again and or but nor so yet when whenever
    if unless once while because since where than then now already everywhere here there too
    also today end-to-end upstream not among amongst between around about toward towards
    against beyond without along behind beside upon
    """
)


def is_function(tok: str) -> bool:
    """A function word, or an adverb by its -ly ending; "out-of-the-box" reads as "out"."""
    return tok in FUNCTION_WORDS or tok.split("-", 1)[0] in FUNCTION_WORDS or tok.endswith("ly")


_NEXT_WORD = re.compile(r"\s*([A-Za-z0-9][\w\-]*)")
_COPULA_BEFORE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|got|get|gets)\s+(?:\w+ly\s+)?$", re.IGNORECASE
)


def _predicative(text: str, m: re.Match[str]) -> bool:
    """A done word used as a state ("contracts signed", "is signed by ...") rather than as a
    modifier of the noun after it ("signed artifacts", "Support for signed builds")."""
    if " " in m.group(0).strip() or _COPULA_BEFORE.search(text, 0, m.start()):
        return True
    nxt = _NEXT_WORD.match(text, m.end())
    if nxt is None or text[m.end() : nxt.start(1)].strip():
        return True  # the end, or punctuation: "published (EOQ)", "scheduled, announced"
    return is_function(nxt.group(1).lower())


# Openers that come before the verb: "We will grow", "Let's make", "To become".
_OPENERS = (
    ("we", "will"),
    ("we", "must"),
    ("we", "want", "to"),
    ("we", "are", "going", "to"),
    ("we're", "going", "to"),
    ("we’re", "going", "to"),
    ("we'll",),
    ("we’ll",),
    ("let's",),
    ("let’s",),
    ("lets",),
    ("to",),
    ("we",),
    ("i", "will"),
    ("team", "will"),
)


def lead_verb(text: str) -> str | None:
    """The verb a statement starts with (after "We will", "To", an adverb), or None.

    Read by shape as well as by list: "-ize"/"-ify" words are verbs, a word after a
    leading adverb is a verb ("Positively affect ..."). In "Create and publish X" the last
    verb names the result, so it is the one returned.
    """
    ws = words(text)
    subject = False
    for opener in _OPENERS:
        if tuple(ws[: len(opener)]) == opener:
            ws = ws[len(opener) :]
            subject = opener[0] in {"we", "i", "team"}
            break
    # A past verb is read as its base: after "We" or "We have" ("We documented X", "We
    # have delivered X"), or opening the statement with an object after it ("Delivered
    # a strategy"); "Automated deploys" has a noun after it, so it stays a modifier.
    past = _past_form(ws)
    if past and (subject or ws[0] in _PERFECT or (len(ws) > 1 and ws[1] in DETERMINERS)):
        return past
    # "Significantly reduce", "Re-launch".
    adverb = False
    while ws and ws[0].endswith("ly") and ws[0] not in VERBS:
        adverb = True
        ws = ws[1:]
    if not ws:
        return None
    first = _verb_form(ws[0])
    if first is None and adverb and _could_be_verb(ws[0]):
        # An adverb opening an imperative modifies a verb: "Positively affect ...".
        first = ws[0]
    if first is None:
        return None
    # "Create and publish 5 documents", "Design and launch the portal".
    if len(ws) > 2 and ws[1] == "and" and (last := _verb_form(ws[2])):
        return last
    return first


def verb_stem(word: str) -> str | None:
    """The base form of an inflected verb we know ("replaces" -> "replace"), else None."""
    if word in _IRREGULAR_BASE:
        return _IRREGULAR_BASE[word]
    for suffix, add in (
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ied", "y"),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("ing", ""),
        ("ing", "e"),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)] + add
            if stem in VERBS:
                return stem
            # "planned", "running": a doubled final consonant.
            if not add and len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in VERBS:
                return stem[:-1]
    return None


# Irregular past forms a statement may open with ("We have begun ...", "Built the ...").
_IRREGULAR_BASE = {
    "begun": "begin",
    "began": "begin",
    "built": "build",
    "made": "make",
    "written": "write",
    "wrote": "write",
    "held": "hold",
    "done": "do",
    "did": "do",
    "sent": "send",
    "given": "give",
    "gave": "give",
    "taken": "take",
    "took": "take",
    "chosen": "choose",
    "chose": "choose",
    "shown": "show",
    "won": "win",
    "brought": "bring",
    "led": "lead",
    "met": "meet",
    "taught": "teach",
    "found": "find",
    "kept": "keep",
    "grown": "grow",
    "grew": "grow",
    "got": "get",
    "rebuilt": "rebuild",
    "rewritten": "rewrite",
    "ran": "run",
}
_PERFECT = frozenset({"have", "has", "had", "we've", "we’ve"})


def _past_form(ws: list[str]) -> str | None:
    """The base of a past verb opening a statement: "We have delivered a report",
    "Delivered the strategy", "(We) documented what ..." -> deliver, deliver, document."""
    if ws and ws[0] in _PERFECT and len(ws) > 1:
        return verb_stem(ws[1]) if ws[1].endswith("ed") or ws[1] in _IRREGULAR_BASE else None
    if ws and (ws[0].endswith("ed") or ws[0] in _IRREGULAR_BASE):
        return verb_stem(ws[0])
    return None


def _verb_form(word: str) -> str | None:
    if word.startswith("re-"):
        word = word[3:]
    if word in VERBS:
        return word
    if _VERB_SUFFIX.search(word) and word not in _NOT_VERBS:
        return word
    return None


def _could_be_verb(word: str) -> bool:
    """Not an adjective or a noun by its ending ("highly available", "truly global")."""
    return word.isalpha() and not _ADJ_SUFFIX.search(word)


# Verb-forming suffixes: digitize, democratise, simplify, solidify.
_VERB_SUFFIX = re.compile(r"^[a-z]{3,}(?:i[sz]e|ify)$")
_NOT_VERBS = wordset(
    """
    enterprise expertise premise promise franchise merchandise otherwise concise precise
    paradise treatise
    """
)
_ADJ_SUFFIX = re.compile(r"(?:able|ible|ful|ous|ive|al|ic|less|ed|ing|ent|ant|ary|ory|er|est|y|s)$")


VERBS = wordset(
    """
    accelerate accept achieve acquire activate adapt add address adopt advance advocate align
    allocate amplify analyse analyze answer anticipate appoint apply approve archive assemble
    assess assign assist attain attend attract audit augment automate avoid award balance be
    become begin benchmark boost brainstorm bring build bump capture care catalyse catalyze
    celebrate centralise centralize certify champion change check choose clarify clean close
    coach codify collaborate collect combine commit communicate complete comply conduct connect
    consider consolidate contact continue contribute convert coordinate create cultivate curate
    cut decommission decrease define delight deliver demonstrate deploy deprecate describe design
    develop digitise digitize diversify do document double draft drive drop earn educate
    eliminate embed
    empower enable encourage end energise energize engage enhance enlarge enrich ensure enter
    equip establish evaluate evolve exceed excel execute expand explore expose extend facilitate
    finalise finalize find finish fix focus formalise formalize foster free fund gain gather
    generate get give go grow guarantee halve handle harden have help hire hit hold host
    identify implement improve increase incorporate inform innovate inspire install institute
    integrate interview introduce invest investigate invite involve keep land launch lead learn
    lessen level leverage lift limit localise localize look lower maintain make manage map
    market master maximise maximize measure meet mentor migrate minimise minimize mobilise
    mobilize modernise modernize monitor motivate move multiply nail narrow negotiate nurture
    obtain offer onboard open operationalise operationalize optimise optimize organise organize
    outperform overhaul own partner pass perform pilot plan position power prepare present
    preserve prevent prioritise prioritize produce professionalise professionalize promote
    protect prove provide publish pursue push qualify quadruple raise rationalise rationalize
    reach rebuild receive recruit redesign reduce refactor refine reimagine reinforce reinvent
    release relaunch remove renew reorganise reorganize replace report research reshape resolve
    respond restore restructure retain retire return revamp review revitalise revitalize rewrite
    roll run satisfy save scale schedule score secure select sell send serve set shape share
    shift ship shorten showcase shrink sign simplify slash solidify solve source speed sponsor
    stabilise stabilize standardise standardize start stay stop streamline strengthen study
    submit succeed sunset supercharge support surface survey sustain switch systematise
    systematize take talk target teach test tighten track train transform transition translate
    treble trim triple try turn understand unify unlock update upgrade upskill use validate
    verify welcome widen win work write
    """
)

# Verbs that describe doing things rather than achieving them: to-do items, not results.
ACTIVITY_VERBS = wordset(
    """
    analyse analyze assess attend brainstorm check collaborate conduct consider contact
    continue coordinate discuss draft evaluate explore hold host identify interview investigate
    look meet monitor organise organize plan prepare research review schedule start study
    talk track try work write begin document outline understand learn define describe
    """
)

# Verbs naming a deliverable: fine as a milestone key result, a task as an objective.
DELIVERY_VERBS = wordset(
    """
    launch ship release deploy migrate install upgrade refactor rewrite roll complete finish
    publish implement introduce integrate automate replace switch move decommission sunset
    retire deprecate finalise finalize deliver set add fix update redesign rebuild relaunch
    open sign hire appoint submit pass obtain secure certify adopt pilot establish select choose
    close
    """
)

# Verbs that are tasks only when their object is an artefact ("Build the billing API"),
# and outcomes otherwise ("Build a thriving contributor community").
MAKING_VERBS = frozenset({"build", "create", "develop", "design", "make", "produce", "set"})

ARTIFACTS = wordset(
    """
    app application apps api apis dashboard dashboards page pages site website websites tool
    tools tooling feature features integration integrations pipeline pipelines plugin plugins
    module modules service microservice database warehouse script scripts report reports doc
    docs document documents documentation deck presentation spreadsheet template templates
    form forms wiki plan plans proposal proposals roadmap strategy policy policies process
    checklist playbook guide handbook newsletter video videos post posts blog campaign
    prototype mvp poc version release sdk cli library repo repository portal system platform
    infrastructure cluster server servers backlog survey course courses curriculum
    """
)

# A finished state written without a leading verb: "GDPR policy fully implemented", "Billing
# support added for EMEA". Each is true or false at the end of the period, so it is as
# measurable as "Launch the portal". ("Each team has a dashboard", "Users can export their
# data" are read by the clause reading in clause.py.)
_END_STATE = re.compile(
    r"\b(?:implemented|added|integrated|automated|installed|upgraded|replaced|merged|fixed|"
    r"enabled|introduced|established|hired|onboarded|opened|resolved|achieved|reached|secured|"
    r"obtained|renewed|translated|locali[sz]ed|announced|scheduled|delivered|removed|"
    r"deprecated|sunset|switched|funded|staffed|ratified|agreed|accepted|verified|validated|"
    r"audited|enforced|standardi[sz]ed|consolidated|redesigned|rebuilt|rewritten|refactored|"
    r"moderni[sz]ed|finali[sz]ed|landed|activated|connected|open[\s-]sourced|built|created|"
    r"developed|designed|produced|set\s+up|in\s+production|operational|up\s+and\s+running)\b"
    r"|\bsupported\b",
    re.IGNORECASE,
)
# The same shape for work that is only preparation: "Costs are determined and documented",
# "The roadmap is drafted" - finished or not, it is still a to-do, not a result.
_ACTIVITY_STATE = re.compile(
    r"\b(?:is|are|was|were|be|been|gets?)\s+(?:fully\s+|properly\s+|clearly\s+|all\s+)?"
    r"(?:analy[sz]ed|researched|documented|discussed|reviewed|planned|assessed|determined|"
    r"defined|drafted|outlined|explored|investigated|identified|evaluated|studied|considered|"
    r"mapped|written\s+down|brainstormed|agreed\s+on)\b",
    re.IGNORECASE,
)


def states_end(text: str) -> bool:
    """True if the text states a finished, checkable state without a leading verb."""
    return any(_predicative(text, m) for m in _END_STATE.finditer(text))


def states_activity(text: str) -> bool:
    """True if the text reports preparatory work as done ("costs are determined")."""
    return bool(_ACTIVITY_STATE.search(text))


_STOP = frozenset({"the", "a", "an", "our", "of", "for", "to", "and", "in", "on", "by", "we"})


def normalise(text: str) -> str:
    """Compare drafts ignoring formatting, case, punctuation and filler words."""
    return " ".join(w for w in re.findall(r"[a-z0-9%$]+", clean(text).lower()) if w not in _STOP)


@dataclass(frozen=True)
class Draft:
    """A statement as pasted and as the rules read it."""

    original: str
    text: str  # cleaned
    words: tuple[str, ...]

    @classmethod
    def of(cls, original: str) -> Draft:
        text = clean(original)
        return cls(original, text, tuple(words(text)))
