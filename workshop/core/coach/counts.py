"""Rules about how many: 3-5 priorities, at most 5 objectives, 3-5 key results each.

Rule ids: counts.priorities, counts.objectives, counts.key_results, counts.no_key_results.
Blank rows (a statement nobody has typed yet) are not counted.
"""

from __future__ import annotations

from workshop.core.coach.findings import Finding, Severity
from workshop.core.domain import Workshop

FEW, MANY = 3, 5


def judge_counts(workshop: Workshop) -> list[Finding]:
    """Findings about the number of priorities, objectives and key results per objective."""
    findings: list[Finding] = []
    priorities = sum(1 for p in workshop.priorities if p.text.strip())
    if priorities > MANY:
        findings.append(
            Finding(
                "counts.priorities",
                Severity.SERIOUS,
                f"You have {priorities} priorities. Keep 3 to 5, or nothing gets focus.",
                "Merge the related ones and drop the rest to a later period.",
            )
        )
    elif 0 < priorities < FEW:
        findings.append(
            Finding(
                "counts.priorities",
                Severity.ADVICE,
                f"Only {priorities} {_plural(priorities, 'priority', 'priorities')}; "
                "3 to 5 usually covers the business.",
                "Ask the room what else must go right this period.",
            )
        )

    objectives = [o for o in workshop.objectives if o.text.strip()]
    if len(objectives) > MANY:
        findings.append(
            Finding(
                "counts.objectives",
                Severity.SERIOUS,
                f"You have {len(objectives)} objectives; the limit is 5.",
                "Pick the 3 to 5 that matter most; park the others.",
            )
        )
    elif 0 < len(objectives) < FEW:
        findings.append(
            Finding(
                "counts.objectives",
                Severity.ADVICE,
                f"Only {len(objectives)} {_plural(len(objectives), 'objective', 'objectives')}; "
                "3 to 5 is the usual range.",
                "Check each priority has an objective that serves it.",
            )
        )

    for number, objective in enumerate(workshop.objectives, start=1):
        if not objective.text.strip():
            continue
        krs = sum(1 for k in objective.key_results if k.text.strip())
        if krs == 0:
            findings.append(
                Finding(
                    "counts.no_key_results",
                    Severity.SERIOUS,
                    f"Objective {number} has no key results yet.",
                    "Add 3 to 5 key results: verb + what you measure + from X to Y.",
                )
            )
        elif krs > MANY:
            findings.append(
                Finding(
                    "counts.key_results",
                    Severity.SERIOUS,
                    f"Objective {number} has {krs} key results; keep at most 5.",
                    "Run the necessary test and drop the ones that are not.",
                )
            )
        elif krs < FEW:
            findings.append(
                Finding(
                    "counts.key_results",
                    Severity.ADVICE,
                    f"Objective {number} has only {krs} key "
                    f"{_plural(krs, 'result', 'results')}; 3 to 5 is the usual range.",
                    "Ask: if we hit these, have we really achieved the objective?",
                )
            )
    return findings


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many
