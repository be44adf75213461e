"""Progress of key results and objectives: both directions, units, milestones, placeholders."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.core.domain import KeyResult, KeyResultKind
from workshop.core.okr.numbers import (
    format_number,
    is_placeholder,
    parse_milestone,
    parse_quantity,
)
from workshop.core.okr.progress import (
    Progress,
    key_result_progress,
    metric_progress,
    milestone_progress,
    objective_progress,
)

# --- reading values -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("35%", 35, "%"),
        ("35 %", 35, "%"),
        ("72 hours", 72, "hours"),
        ("<24 hours", 24, "hours"),
        ("≤ 24h", 24, "h"),
        ("at least 8 NPS", 8, "NPS"),
        ("1,200", 1200, ""),
        ("12,345.5 users", 12345.5, "users"),
        ("$1,200", 1200, "$"),
        ("€ 40", 40, "€"),
        ("8.5", 8.5, ""),
        ("8,5", 8.5, ""),
        (".5", 0.5, ""),
        ("10k", 10000, ""),
        ("10kg", 10, "kg"),
        ("-5", -5, ""),
        ("−5 °C", -5, "°C"),
        ("2x a month", 2, "x a month"),
        ("  99%  ", 99, "%"),
    ],
)
def test_numbers_with_units_percent_signs_and_separators(
    text: str, value: float, unit: str
) -> None:
    q = parse_quantity(text)
    assert q is not None
    assert q.value == value
    assert q.unit == unit


@pytest.mark.parametrize("text", ["abc", "1 200", "from 7 to 8.5", "35% (up from 30%)", "TBD"])
def test_text_that_is_not_one_number(text: str) -> None:
    assert parse_quantity(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "TBD",
        "tbc",
        "TBA",
        "?",
        "???",
        "n/a",
        "N/A",
        "x",
        "xx%",
        "-",
        "—",
        "…",
        "unknown",
        "to be decided",
        "TBD hours",
    ],
)
def test_placeholders(text: str) -> None:
    assert is_placeholder(text)


@pytest.mark.parametrize("text", ["0", "-5", "72 hours", "xylophones", "none of it"])
def test_not_placeholders(text: str) -> None:
    assert not is_placeholder(text)


@pytest.mark.parametrize("text", ["done", "Done.", "yes", "✓", "complete", "shipped", "1", "100%"])
def test_milestone_done(text: str) -> None:
    assert parse_milestone(text) is True


@pytest.mark.parametrize("text", ["not done", "Not  yet", "no", "in progress", "0", "0%", "open"])
def test_milestone_not_done(text: str) -> None:
    assert parse_milestone(text) is False


@pytest.mark.parametrize("text", ["", "maybe", "half", "50%"])
def test_milestone_neither(text: str) -> None:
    assert parse_milestone(text) is None


def test_format_number() -> None:
    assert format_number(72.0) == "72"
    assert format_number(8.5) == "8.5"


# --- metric progress ------------------------------------------------------------------


def test_higher_is_better() -> None:
    p = metric_progress("350 people", "500 people", "425 people")
    assert p.value == pytest.approx(0.5)
    assert not p.lower_is_better
    assert p.reason == ""


def test_lower_is_better_from_72_to_24_hours() -> None:
    p = metric_progress("72 hours", "<24 hours", "48 hours")
    assert p.value == pytest.approx(0.5)
    assert p.lower_is_better
    assert metric_progress("72 hours", "<24 hours", "30 hours").value == pytest.approx(0.875)


def test_percent_values() -> None:
    assert metric_progress("88%", "100%", "94%").value == pytest.approx(0.5)
    assert metric_progress("30 %", "35%", "35%").value == 1.0


def test_thousands_separators() -> None:
    assert metric_progress("1,000", "2,000", "1,250").value == pytest.approx(0.25)


@pytest.mark.parametrize(
    ("current", "value", "raw"),
    [("575", 1.0, 1.5), ("300", 0.0, -1 / 3), ("350", 0.0, 0.0), ("500", 1.0, 1.0)],
)
def test_clamped_to_zero_and_one(current: str, value: float, raw: float) -> None:
    p = metric_progress("350", "500", current)
    assert p.value == value
    assert p.raw == pytest.approx(raw)


def test_clamping_is_explained() -> None:
    assert "past the target" in metric_progress("72", "24", "12").note
    assert "away from the target" in metric_progress("72", "24", "80").note
    assert metric_progress("72", "24", "48").note == ""


@pytest.mark.parametrize("target", ["TBD", "", "?", "  ", "n/a", "xx%"])
def test_placeholder_target_gives_no_progress_and_says_why(target: str) -> None:
    p = metric_progress("30%", target, "40%")
    assert p.value is None
    assert not p.known
    assert "target is not set" in p.reason
    assert p.reason.endswith(".")
    assert p.reason.count(". ") == 0  # one sentence


def test_start_equal_to_target() -> None:
    p = metric_progress("72 hours", "72 h", "50 hours")
    assert p.value is None
    assert p.reason == (
        "The start and the target are both 72, so there is no distance to measure progress along."
    )


@pytest.mark.parametrize(
    ("start", "target", "current", "words"),
    [
        ("", "500", "400", "starting value is not set"),
        ("lots", "500", "400", "starting value “lots” is not a number"),
        ("350", "many", "400", "target “many” is not a number"),
        ("350", "500", "", "No value has been entered yet"),
        ("350", "500", "TBD", "No value has been entered yet"),
        ("350", "500", "about four hundred", "value “about four hundred” is not a number"),
    ],
)
def test_other_reasons_for_no_progress(start: str, target: str, current: str, words: str) -> None:
    p = metric_progress(start, target, current)
    assert p.value is None
    assert words in p.reason


# --- milestones and key results --------------------------------------------------------


def test_milestone_is_zero_or_one() -> None:
    assert milestone_progress("done").value == 1.0
    assert milestone_progress("not done").value == 0.0
    assert milestone_progress("").value is None
    assert "does not say whether the milestone is done" in milestone_progress("nearly").reason


def test_key_result_progress_follows_the_kind() -> None:
    metric = KeyResult(text="Cut response time", start="72 hours", target="<24 hours")
    milestone = KeyResult(text="Launch the community", kind=KeyResultKind.MILESTONE)
    assert key_result_progress(metric, "48 hours").value == pytest.approx(0.5)
    assert key_result_progress(metric, None).value is None
    assert key_result_progress(milestone, "done").value == 1.0
    assert key_result_progress(milestone, None).value is None
    # A milestone's start and target play no part.
    odd = KeyResult(kind=KeyResultKind.MILESTONE, start="TBD", target="TBD")
    assert key_result_progress(odd, "yes").value == 1.0


# --- objective progress ----------------------------------------------------------------


def test_objective_mean_of_all() -> None:
    result = objective_progress([Progress(value=0.2), Progress(value=0.6), Progress(value=1.0)])
    assert result.value == pytest.approx(0.6)
    assert (result.counted, result.left_out) == (3, 0)
    assert result.summary == "This is the average of all 3 key results."


def test_objective_mean_leaves_out_unknown_and_says_so() -> None:
    tbd = metric_progress("1", "TBD", "2")
    result = objective_progress([Progress(value=0.5), tbd, Progress(value=0.0)])
    assert result.value == pytest.approx(0.25)
    assert (result.counted, result.left_out) == (2, 1)
    assert result.reasons == [tbd.reason]
    assert result.summary == (
        "This is the average of 2 of the 3 key results; 1 was left out "
        "because it has no measurable progress."
    )


def test_objective_with_no_measurable_key_results() -> None:
    result = objective_progress([metric_progress("1", "TBD", "2")])
    assert result.value is None
    assert "None of the key results" in result.summary
    empty = objective_progress([])
    assert empty.value is None
    assert empty.summary == "This objective has no key results, so it has no progress."


# --- properties ------------------------------------------------------------------------

numbers = st.integers(min_value=-1_000_000, max_value=1_000_000)
units = st.sampled_from(["", "%", " %", " hours", " users", "h"])


@settings(max_examples=150, deadline=None)
@given(start=numbers, target=numbers, current=numbers)
def test_progress_is_between_zero_and_one_and_hits_the_ends(
    start: int, target: int, current: int
) -> None:
    if start == target:
        assert metric_progress(str(start), str(target), str(current)).value is None
        return
    p = metric_progress(str(start), str(target), str(current))
    assert p.value is not None
    assert 0.0 <= p.value <= 1.0
    assert metric_progress(str(start), str(target), str(start)).value == 0.0
    assert metric_progress(str(start), str(target), str(target)).value == 1.0
    assert p.lower_is_better == (target < start)


@settings(max_examples=100, deadline=None)
@given(start=numbers, target=numbers, current=numbers)
def test_the_two_directions_mirror_each_other(start: int, target: int, current: int) -> None:
    """Going down from 72 to 24 is going up from -72 to -24; and the way back is 1 - p."""
    if start == target:
        return
    up = metric_progress(str(start), str(target), str(current))
    down = metric_progress(str(-start), str(-target), str(-current))
    assert up.value == pytest.approx(down.value)
    back = metric_progress(str(target), str(start), str(current))
    assert up.value is not None and back.value is not None
    assert up.value + back.value == pytest.approx(1.0)


@settings(max_examples=100, deadline=None)
@given(start=numbers, target=numbers, a=numbers, b=numbers)
def test_moving_towards_the_target_never_lowers_progress(
    start: int, target: int, a: int, b: int
) -> None:
    """Whichever way the target lies, a value further that way has at least as much progress."""
    if start == target:
        return
    behind, ahead = sorted((a, b)) if target > start else sorted((a, b), reverse=True)
    p_behind = metric_progress(str(start), str(target), str(behind)).value
    p_ahead = metric_progress(str(start), str(target), str(ahead)).value
    assert p_behind is not None and p_ahead is not None
    assert p_ahead >= p_behind


@settings(max_examples=100, deadline=None)
@given(start=numbers, target=numbers, current=numbers, unit=units)
def test_units_and_separators_do_not_change_progress(
    start: int, target: int, current: int, unit: str
) -> None:
    plain = metric_progress(str(start), str(target), str(current))
    dressed = metric_progress(f"{start:,}{unit}", f"{target:,}{unit}", f"{current:,}{unit}")
    assert plain == dressed


@settings(max_examples=100, deadline=None)
@given(value=st.decimals(min_value=-99999, max_value=99999, places=2), unit=units)
def test_written_numbers_read_back(value: object, unit: str) -> None:
    text = f"{value}{unit}"
    q = parse_quantity(text)
    assert q is not None
    assert q.value == float(str(value))
