"""Quarter-end scoring: tenths, committed 0 or 1.0, aspirational averages, the three bands."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from workshop.core.domain import GoalType
from workshop.core.okr.errors import OKRInputError, sentences
from workshop.core.okr.progress import Progress, metric_progress
from workshop.core.okr.scoring import (
    BANDS,
    Band,
    KeyResultScore,
    band_of,
    describe_score,
    round_to_tenth,
    score_key_result,
    score_objective,
    score_text,
    suggested_score,
)

TENTHS = [i / 10 for i in range(11)]


@pytest.mark.parametrize(
    ("value", "tenth"),
    [
        (0.0, 0.0),
        (0.04, 0.0),
        (0.05, 0.1),
        (0.44, 0.4),
        (0.45, 0.5),
        (0.66, 0.7),
        (1.0, 1.0),
        (0.15000000000000002, 0.2),
        (0.44999999999999996, 0.5),
    ],
)
def test_round_to_the_nearest_tenth_halves_up(value: float, tenth: float) -> None:
    assert round_to_tenth(value) == tenth


# --- key results ------------------------------------------------------------------------


def test_measured_progress_is_suggested_to_the_nearest_tenth() -> None:
    progress = metric_progress("72 hours", "24 hours", "40 hours")  # 0.666…
    assert suggested_score(progress) == 0.7
    score = score_key_result(progress)
    assert score.score == 0.7
    assert score.suggested == 0.7
    assert not score.adjusted


def test_the_suggestion_can_be_adjusted() -> None:
    score = score_key_result(Progress(value=0.66), chosen=0.5)
    assert (score.score, score.suggested, score.adjusted) == (0.5, 0.7, True)
    assert score_key_result(Progress(value=0.66), chosen="0.6").score == 0.6
    assert score_key_result(Progress(value=0.66), chosen="  ").score == 0.7


def test_without_progress_the_score_is_given_by_hand() -> None:
    tbd = metric_progress("30%", "TBD", "40%")
    with pytest.raises(OKRInputError) as caught:
        score_key_result(tbd)
    assert caught.value.problems == (
        f"{tbd.reason} Give this key result a score from 0.0 to 1.0 by hand.",
    )
    by_hand = score_key_result(tbd, chosen=0.3)
    assert by_hand.score == 0.3
    assert by_hand.suggested is None
    assert by_hand.why_no_suggestion == tbd.reason
    assert not by_hand.adjusted


@pytest.mark.parametrize(
    ("chosen", "sentence"),
    [
        (0.75, "A score goes up in tenths (0.0, 0.1, … 1.0); 0.75 is between two of them."),
        (1.2, "A score goes from 0.0 to 1.0; 1.2 is outside that range."),
        (-0.1, "A score goes from 0.0 to 1.0; -0.1 is outside that range."),
        ("seven", "A score is a number from 0.0 to 1.0; “seven” is not one."),
        (True, "A score is a number from 0.0 to 1.0; True is not one."),
    ],
)
def test_scores_that_are_not_tenths(chosen: object, sentence: str) -> None:
    with pytest.raises(OKRInputError) as caught:
        score_key_result(Progress(value=0.5), chosen=chosen)  # type: ignore[arg-type]
    assert caught.value.problems == (sentence,)


def test_the_model_checks_tenths_too() -> None:
    assert KeyResultScore(score=0.30000000000000004).score == 0.3
    with pytest.raises(ValidationError) as caught:
        KeyResultScore(score=0.35)
    assert sentences(caught.value) == [
        "A score goes up in tenths (0.0, 0.1, … 1.0); 0.35 is between two of them."
    ]


def test_every_tenth_is_a_score() -> None:
    for tenth in TENTHS:
        assert score_key_result(Progress(value=0.0), chosen=tenth).score == tenth


# --- objectives -------------------------------------------------------------------------


def test_committed_all_delivered_scores_one() -> None:
    result = score_objective(GoalType.COMMITTED, [1.0, 1.0, 1.0])
    assert result.score == 1.0
    assert result.explanation == (
        "Every key result was fully delivered, so this committed objective scores 1.0."
    )


def test_committed_anything_short_scores_zero() -> None:
    result = score_objective(GoalType.COMMITTED, [1.0, 0.9, 1.0])
    assert result.score == 0.0
    assert result.explanation == (
        "1 of its 3 key results fell short of 1.0; a committed objective is either met "
        "or not, so it scores 0."
    )
    assert score_objective(GoalType.COMMITTED, [0.0]).score == 0.0


def test_aspirational_is_the_average_and_0_7_is_good() -> None:
    result = score_objective(GoalType.ASPIRATIONAL, [0.6, 0.8, 0.7])
    assert result.score == 0.7
    assert result.key_results == 3
    assert "0.7 is a good result" in result.explanation
    assert "reaches it" in result.explanation
    low = score_objective(GoalType.ASPIRATIONAL, [0.2, 0.5])
    assert low.score == 0.35
    assert "below it" in low.explanation
    full = score_objective(GoalType.ASPIRATIONAL, [1.0, 1.0])
    assert full.score == 1.0
    assert "set too low" in full.explanation


def test_aspirational_average_keeps_hundredths() -> None:
    assert score_objective(GoalType.ASPIRATIONAL, [0.7, 0.8]).score == 0.75
    assert score_objective(GoalType.ASPIRATIONAL, [0.1, 0.1, 0.2]).score == 0.13


def test_an_objective_without_scores() -> None:
    for goal_type in GoalType:
        result = score_objective(goal_type, [])
        assert result.score is None
        assert result.band is None
        assert result.description == "not scored"


def test_objective_scores_must_be_tenths() -> None:
    with pytest.raises(OKRInputError) as caught:
        score_objective(GoalType.ASPIRATIONAL, [0.5, 0.55, 2.0])
    assert len(caught.value.problems) == 2


# --- bands ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (0.0, Band.RED),
        (0.3, Band.RED),
        (0.4, Band.RED),
        (0.5, Band.ORANGE),
        (0.6, Band.ORANGE),
        (0.7, Band.GREEN),
        (1.0, Band.GREEN),
        (0.44, Band.RED),
        (0.45, Band.ORANGE),
        (0.65, Band.GREEN),
        (0.75, Band.GREEN),
    ],
)
def test_bands_follow_the_reference_thresholds(score: float, band: Band) -> None:
    """The guide: red 0–40% of the goal, orange 50–60%, green 70–100%."""
    assert band_of(score).band is band


def test_bands_cover_every_tenth_once_with_no_gap() -> None:
    covered = [t for info in BANDS for t in TENTHS if info.low <= t <= info.high]
    assert sorted(covered) == TENTHS
    assert [b.range_text for b in BANDS] == ["0.0 to 0.4", "0.5 to 0.6", "0.7 to 1.0"]


def test_bands_read_in_greyscale() -> None:
    """Each band has its own words, so the colour is never the only thing that tells them apart."""
    words = [b.words for b in BANDS]
    assert len(set(words)) == 3
    colours = {"red", "orange", "green"}
    assert all(w and not colours & set(w.replace(",", " ").split()) for w in words)
    assert describe_score(0.7) == "0.7, green: the goal was delivered"
    assert describe_score(0.5) == "0.5, orange: progress, but short of the goal"
    assert describe_score(0.0) == "0.0, red: no real progress"
    assert describe_score(0.75) == "0.75, green: the goal was delivered"
    assert KeyResultScore(score=0.4).description == "0.4, red: no real progress"
    assert score_objective(GoalType.COMMITTED, [1.0]).description.startswith("1.0, green")


def test_score_text() -> None:
    assert [score_text(s) for s in (0.0, 0.7, 1.0, 0.75)] == ["0.0", "0.7", "1.0", "0.75"]


def test_a_band_outside_0_to_1_is_refused() -> None:
    with pytest.raises(ValueError, match="from 0.0 to 1.0"):
        band_of(1.1)


def test_progress_in_a_check_in_is_told_by_how_far_along_not_as_a_verdict():
    from workshop.core.okr.quarter_view import progress_words

    assert progress_words(0.88) == "GREEN · most of the way there"
    assert progress_words(0.5) == "ORANGE · about half way"
    assert progress_words(0.3) == "RED · less than half way"
    assert progress_words(1.0) == "GREEN · target reached"
    assert progress_words(1.4) == "GREEN · target reached"  # past it
    assert progress_words(-0.2) == "RED · less than half way"  # went the wrong way
