"""A whole workshop judged at once, and the report `okr-workshop coach FILE` prints."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from workshop.core.coach.counts import judge_counts
from workshop.core.coach.findings import Finding, Verdict, verdict
from workshop.core.coach.key_result import judge_key_result
from workshop.core.coach.objective import judge_objective
from workshop.core.domain import KeyResult, Objective, Workshop


@dataclass(frozen=True)
class KeyResultReview:
    """One key result and what the coach said about it."""

    key_result: KeyResult
    findings: list[Finding]

    @property
    def verdict(self) -> Verdict:
        return verdict(self.findings)


@dataclass(frozen=True)
class ObjectiveReview:
    """One objective, what the coach said about its wording, and each of its key results."""

    objective: Objective
    findings: list[Finding]
    key_results: list[KeyResultReview]

    @property
    def verdict(self) -> Verdict:
        return verdict(self.findings)


@dataclass
class WorkshopReview:
    """Everything the coach says about a workshop: per objective, per key result, and counts."""

    objectives: list[ObjectiveReview] = field(default_factory=list)
    counts: list[Finding] = field(default_factory=list)

    @property
    def all_findings(self) -> list[Finding]:
        out = list(self.counts)
        for o in self.objectives:
            out += o.findings
            for k in o.key_results:
                out += k.findings
        return out


def review_workshop(workshop: Workshop) -> WorkshopReview:
    """Judge every objective and key result in the workshop, plus the counts."""
    reviews = []
    for objective in workshop.objectives:
        texts = [k.text for k in objective.key_results]
        krs = [
            KeyResultReview(
                k,
                judge_key_result(k, siblings=texts[:i] + texts[i + 1 :], period=workshop.period),
            )
            for i, k in enumerate(objective.key_results)
        ]
        reviews.append(ObjectiveReview(objective, judge_objective(objective.text), krs))
    return WorkshopReview(reviews, judge_counts(workshop))


def format_report(workshop: Workshop, *, as_json: bool) -> str:
    """The coach's report: readable text, or JSON Lines with one record per statement."""
    review = review_workshop(workshop)
    return _json_lines(review) if as_json else _text(workshop, review)


def _record(kind: str, text: str, findings: list[Finding]) -> str:
    return json.dumps(
        {
            "kind": kind,
            "text": text,
            "verdict": verdict(findings),
            "findings": [
                {"rule": f.rule, "severity": str(f.severity), "message": f.message}
                for f in findings
            ],
        },
        ensure_ascii=False,
    )


def _json_lines(review: WorkshopReview) -> str:
    lines = []
    for o in review.objectives:
        lines.append(_record("objective", o.objective.text, o.findings))
        lines += [_record("key_result", k.key_result.text, k.findings) for k in o.key_results]
    return "\n".join(lines) + ("\n" if lines else "")


_MARK = {"serious": "!!", "advice": " !", "info": " i"}


def _printable(text: str) -> str:
    """User text for a terminal: control characters (escape codes, newlines) made visible."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def _finding_lines(findings: list[Finding], indent: str) -> list[str]:
    lines = []
    for f in findings:
        lines.append(f"{indent}{_MARK[str(f.severity)]} {f.message}  [{f.rule}]")
        lines.append(f"{indent}   try: {_printable(f.hint)}")
    return lines


def _text(workshop: Workshop, review: WorkshopReview) -> str:
    title = " · ".join(_printable(p) for p in (workshop.team, workshop.period) if p)
    lines = [f"OKR coach — {title}" if title else "OKR coach", ""]
    if review.counts:
        lines.append("Counts")
        lines += _finding_lines(review.counts, "  ")
        lines.append("")
    for n, o in enumerate(review.objectives, start=1):
        lines.append(f"Objective {n} [{o.verdict}]: {_printable(o.objective.text)}")
        lines += _finding_lines(o.findings, "  ")
        for m, k in enumerate(o.key_results, start=1):
            lines.append(f"  KR {n}.{m} [{k.verdict}]: {_printable(k.key_result.text)}")
            lines += _finding_lines(k.findings, "    ")
        lines.append("")
    if not review.objectives:
        lines.append("No objectives yet.")
    poor = sum(
        1
        for o in review.objectives
        for v in [o.verdict, *(k.verdict for k in o.key_results)]
        if v == "poor"
    )
    total = sum(1 + len(o.key_results) for o in review.objectives)
    lines.append(f"{total - poor} of {total} statements good, {poor} to send back.")
    return "\n".join(lines) + "\n"
