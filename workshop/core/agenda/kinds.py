"""Meeting kinds: the workshop, a check-in, a quarter-end review, and any kind added later.

Every kind runs on the same engine (the stage clock, pacing, autosave, the lease): only
its stages differ. A kind is one `MeetingKindSpec` in `KINDS` below, naming

- `key`: what is stored in the `workshop.meeting_kind` column ("checkin");
- `folder`: where its TOML stage files live, under `steps/` ("" is `steps/` itself);
- `stage_keys`: the stages its files must define, in file-name order;
- `reviews`: the scheduled meetings (`MeetingKind`) it runs, so the start screen can offer
  it on its date;
- `needs_subject`: True when it works on a workshop's OKRs (stored as `subject_id`).

The screens for each stage are named in `workshop/tui/screens/stages.py`, per kind.
Standard library only: the start screen and `okr-workshop list` read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workshop.core.agenda.files import DEFAULT_AGENDA_DIR

WORKSHOP = "workshop"
CHECKIN = "checkin"
QUARTER_END = "quarter_end"
PILOT = "pilot"
ALIGNMENT_REVIEW = "alignment_review"


@dataclass(frozen=True)
class MeetingKindSpec:
    """One kind of meeting the agenda engine runs."""

    key: str
    title: str  # as the start screen and `okr-workshop list` show it
    folder: str  # under steps/; "" for steps/ itself
    stage_keys: tuple[str, ...]
    # The scheduled meeting kinds (values of `workshop.core.domain.MeetingKind`) it runs.
    reviews: tuple[str, ...] = ()
    needs_subject: bool = False
    # A stage run before the clock starts, whose minutes must be 0 ("" for none).
    untimed_first: str = ""


KINDS: dict[str, MeetingKindSpec] = {
    WORKSHOP: MeetingKindSpec(
        key=WORKSHOP,
        title="Workshop",
        folder="",
        stage_keys=(
            "setup",
            "overview",
            "goals",
            "objectives",
            "key_results",
            "cadence",
            "wrap_up",
        ),
        untimed_first="setup",
    ),
    CHECKIN: MeetingKindSpec(
        key=CHECKIN,
        title="Check-in",
        folder="checkin",
        stage_keys=("attendance", "progress", "decisions", "summary"),
        reviews=("check-in", "monthly review"),
        needs_subject=True,
        untimed_first="attendance",
    ),
    QUARTER_END: MeetingKindSpec(
        key=QUARTER_END,
        title="Quarter-end review",
        folder="quarter_end",
        stage_keys=("attendance", "scores", "choices", "wins", "retro", "roll_over"),
        reviews=("quarter-end scoring",),
        needs_subject=True,
        untimed_first="attendance",
    ),
    # Planning an OKR pilot (issue 19): a set-up before the clock, then seven steps.
    PILOT: MeetingKindSpec(
        key=PILOT,
        title="OKR pilot plan",
        folder="pilot",
        stage_keys=(
            "pilot_setup",
            "why_a_pilot",
            "pilot_objective",
            "test_group",
            "duration",
            "what_to_test",
            "change_checklist",
            "next_steps",
        ),
        untimed_first="pilot_setup",
    ),
    # The bottom-up alignment review (issue 18): held on the company's workshop, it
    # challenges every team objective against the company's objectives and key results.
    ALIGNMENT_REVIEW: MeetingKindSpec(
        key=ALIGNMENT_REVIEW,
        title="Alignment review",
        folder="alignment_review",
        stage_keys=("direction", "challenge", "outcome"),
        needs_subject=True,
        untimed_first="direction",
    ),
}


class UnknownKind(KeyError):
    """A meeting kind no spec names (a database written by a newer app, a typo)."""


def spec(kind: str) -> MeetingKindSpec:
    """The kind's spec; raises UnknownKind naming the kinds there are."""
    try:
        return KINDS[kind]
    except KeyError:
        raise UnknownKind(f"unknown meeting kind {kind!r} (known: {', '.join(KINDS)})") from None


def title(kind: str) -> str:
    """ "Check-in"; an unknown kind is shown as stored rather than refused."""
    found = KINDS.get(kind)
    return found.title if found else kind


def kind_for_review(review: str) -> MeetingKindSpec | None:
    """The kind that runs a scheduled meeting ("check-in" -> the check-in), or None."""
    return next((k for k in KINDS.values() if review in k.reviews), None)


def agenda_dir(kind: str, base: Path | str | None = None) -> Path:
    """The folder of the kind's stage files.

    `base` is the workshop's agenda folder (`--agenda DIR`); a kind's sub-folder is
    looked for there first, then in the shipped `steps/`.
    """
    folder = spec(kind).folder
    if base is not None:
        inside = Path(base) / folder if folder else Path(base)
        if not folder or inside.is_dir():
            return inside
    return DEFAULT_AGENDA_DIR / folder if folder else DEFAULT_AGENDA_DIR


def kind_stage_titles(kind: str, base: Path | str | None = None) -> list[str]:
    """Each stage's title for a meeting kind, read without validation (the start screen)."""
    from workshop.core.agenda.files import stage_titles

    return stage_titles(agenda_dir(kind, base))
