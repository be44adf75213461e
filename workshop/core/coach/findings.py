"""What the coach says: a finding is one rule's verdict on one statement."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal


class Severity(StrEnum):
    """How much a finding matters; SERIOUS means an expert would send the draft back."""

    INFO = "info"
    ADVICE = "advice"
    SERIOUS = "serious"


@dataclass(frozen=True)
class Finding:
    """One rule's remark: a stable id, a severity, a sentence to read aloud, and a rewrite hint."""

    rule: str
    severity: Severity
    message: str
    hint: str


Verdict = Literal["good", "poor"]


def verdict(findings: Sequence[Finding]) -> Verdict:
    """Return "poor" if any finding is SERIOUS, else "good"."""
    return "poor" if any(f.severity is Severity.SERIOUS for f in findings) else "good"
