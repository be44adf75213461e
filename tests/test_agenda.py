"""Unit tests for the agenda loader and the shipped stage content (no Textual)."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from workshop.core.agenda.files import stage_titles
from workshop.core.agenda.model import (
    DEFAULT_AGENDA_DIR,
    STAGE_KEYS,
    Agenda,
    AgendaError,
    band_for,
    load_agenda,
)
from workshop.core.domain import Approach, CascadeModel, KeyResultKind, MeetingKind, Workshop

FIXTURES = Path(__file__).parent / "agendas"


@pytest.fixture(scope="module")
def agenda() -> Agenda:
    return load_agenda()


def _text(agenda: Agenda, key: str) -> str:
    """Everything a stage shows on screen, lower-cased, for topic checks."""
    stage = agenda.stage(key)
    parts = [stage.title, stage.aim, *stage.prompts, *stage.tips, stage.reminder or ""]
    parts += [f"{p.title} {p.body}" for p in stage.points]
    return " ".join(parts).lower()


@pytest.fixture
def ninety_copy(tmp_path: Path) -> Path:
    """A writable copy of the 90-minute fixture agenda, for breaking one thing at a time."""
    target = tmp_path / "agenda"
    shutil.copytree(FIXTURES / "ninety", target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new))


# --- the shipped agenda -------------------------------------------------------


def test_shipped_agenda_has_seven_stages_in_order(agenda: Agenda) -> None:
    assert tuple(s.key for s in agenda.stages) == STAGE_KEYS
    assert [s.key for s in agenda.timed_stages] == list(STAGE_KEYS[1:])
    assert Path(agenda.source) == DEFAULT_AGENDA_DIR


def test_shipped_agenda_timings(agenda: Agenda) -> None:
    minutes = {s.key: s.minutes for s in agenda.stages}
    assert minutes == {
        "setup": 0,
        "overview": 30,
        "goals": 15,
        "objectives": 25,
        "key_results": 25,
        "cadence": 15,
        "wrap_up": 10,
    }
    assert agenda.total_minutes == 120
    assert agenda.total_seconds == 7200
    assert agenda.stage("goals").seconds == 900


def test_lookup_by_key(agenda: Agenda) -> None:
    assert agenda.index("objectives") == 3
    assert agenda.stage("cadence").key == "cadence"
    with pytest.raises(KeyError):
        agenda.stage("lunch")


@pytest.mark.parametrize(
    "topic",
    [
        "where do we want to go",
        "how will we know we are getting there",
        "qualitative",
        "measurable",
        "not fuzzy or far-fetched",  # what OKRs are not: vague or unrealistic goals
        "not a list of tasks",  # ... and not to-do lists
        "committed",
        "1.0 if done and 0 if not",
        "aspirational",
        "0.7",
        "red",
        "orange",
        "green",
        "company drafts and shares",
        "then each team",
        "then individuals",
        "months one, two and three",
        "continue, change, stop and start",
    ],
)
def test_overview_covers_required_topic(agenda: Agenda, topic: str) -> None:
    assert topic in _text(agenda, "overview")


def test_band_card_states_the_rule_the_data_uses(agenda: Agenda) -> None:
    text = _text(agenda, "overview")
    assert "red: below 50%" in text
    assert "orange: 50% up to but not including 70%" in text
    assert "green: 70% and above" in text
    assert "41–49% is red" in text and "61–69% is orange" in text


def test_bands_tile_0_to_100(agenda: Agenda) -> None:
    bands = agenda.bands
    assert [b.name for b in bands] == ["red", "orange", "green"]
    assert bands[0].min_percent == 0 and bands[-1].max_percent == 100
    for lower, upper in zip(bands, bands[1:], strict=False):
        assert lower.max_percent == upper.min_percent
    # Every whole percentage lands in exactly one band.
    for p in range(101):
        top = [b.contains(p, top=i == len(bands) - 1) for i, b in enumerate(bands)]
        assert sum(top) == 1, p


@pytest.mark.parametrize(
    ("percent", "band"),
    [
        (-5, "red"),
        (0, "red"),
        (40, "red"),
        (45, "red"),  # the source's gap 41-49% goes to the lower band
        (49.99, "red"),
        (50, "orange"),
        (65, "orange"),  # the source's gap 61-69% goes to the lower band
        (69.9, "orange"),
        (70, "green"),
        (100, "green"),
        (130, "green"),
    ],
)
def test_band_for(agenda: Agenda, percent: float, band: str) -> None:
    assert band_for(percent, agenda.bands).name == band


def test_band_for_rejects_nan_and_empty(agenda: Agenda) -> None:
    with pytest.raises(ValueError):
        band_for(math.nan, agenda.bands)
    with pytest.raises(ValueError):
        band_for(50, [])


def test_goals_prompts(agenda: Agenda) -> None:
    prompts = [p.lower() for p in agenda.stage("goals").prompts]
    assert "why does that matter?" in prompts
    assert any("three things" in p for p in prompts)


def test_every_cascade_model_has_an_example(agenda: Agenda) -> None:
    stage = agenda.stage("objectives")
    assert {e.model for e in stage.examples} == set(CascadeModel)
    for example in stage.examples:
        assert 3 <= len(example.key_results) <= 5
    assert stage.formula is not None


def test_examples_are_our_own(agenda: Agenda) -> None:
    # The source's worked example must not reappear.
    words = " ".join(s.model_dump_json() for s in agenda.stages).lower()
    for name in ("retention", "nps", "jane", "nick", "csat", "conference"):
        assert not re.search(rf"\b{name}\b", words), name


def test_key_results_stage(agenda: Agenda) -> None:
    stage = agenda.stage("key_results")
    assert stage.formula is not None and "from x to y" in stage.formula.text.lower()
    assert {k.kind for k in stage.kinds} == set(KeyResultKind)
    assert stage.ns_test is not None
    text = _text(agenda, "key_results")
    assert "necessary" in text and "sufficient" in text


def test_cadence_stage(agenda: Agenda) -> None:
    stage = agenda.stage("cadence")
    assert [m.kind for m in stage.meetings] == list(MeetingKind)
    assert stage.reminder is not None and "before every meeting" in stage.reminder


@pytest.mark.parametrize("topic", ["question", "owner", "follow-up", "first check-in"])
def test_wrap_up_covers(agenda: Agenda, topic: str) -> None:
    assert topic in _text(agenda, "wrap_up")


def test_setup_stage(agenda: Agenda) -> None:
    stage = agenda.stage("setup")
    names = [f.name for f in stage.fields]
    assert names == ["team", "period", "facilitator", "champion", "participants", "approach"]
    assert set(names) <= set(Workshop.model_fields)
    assert {a.approach for a in stage.approaches} == set(Approach)
    assert "2027-Q1" in " ".join(f.hint for f in stage.fields)


def test_limits(agenda: Agenda) -> None:
    limits = agenda.limits
    assert limits.min_participants == 3
    assert (limits.min_priorities, limits.max_priorities) == (3, 5)
    assert limits.max_objectives == 5
    assert (limits.min_key_results, limits.max_key_results) == (3, 5)


def test_text_is_projector_sized(agenda: Agenda) -> None:
    for stage in agenda.stages:
        assert stage.points or stage.key == "setup", stage.key
        for point in stage.points:
            assert len(point.body.split()) <= 60, (stage.key, point.title)
            assert len(point.title) <= 32, (stage.key, point.title)
        for line in [*stage.prompts, *stage.tips]:
            assert len(line.split()) <= 25, (stage.key, line)


# --- fixture agendas ------------------------------------------------------------


def test_ninety_minute_agenda() -> None:
    agenda = load_agenda(FIXTURES / "ninety")
    assert agenda.total_minutes == 90
    assert tuple(s.key for s in agenda.stages) == STAGE_KEYS
    assert agenda.stage("cadence").points == []


def test_bad_toml_names_file_and_line() -> None:
    with pytest.raises(AgendaError) as info:
        load_agenda(FIXTURES / "bad-toml")
    message = str(info.value)
    assert "01-overview.toml" in message and "line 3" in message
    assert "\n" not in message


def test_wrong_type_names_file_and_field() -> None:
    with pytest.raises(AgendaError) as info:
        load_agenda(FIXTURES / "wrong-type")
    message = str(info.value)
    assert "01-overview.toml: field 'minutes': must be a whole number" in message
    assert "(got 'thirty')" in message
    assert info.value.field == "minutes"


def test_unknown_key_names_file_and_field() -> None:
    with pytest.raises(AgendaError) as info:
        load_agenda(FIXTURES / "unknown-key")
    assert "00-setup.toml: field 'key': unknown stage 'set-up'" in str(info.value)


def test_missing_stage_file(ninety_copy: Path) -> None:
    (ninety_copy / "05-cadence.toml").unlink()
    with pytest.raises(AgendaError, match=r"field 'key': no stage file defines 'cadence'"):
        load_agenda(ninety_copy)


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(AgendaError, match="agenda directory not found"):
        load_agenda(tmp_path / "nowhere")


def test_empty_directory(tmp_path: Path) -> None:
    with pytest.raises(AgendaError, match="no stage files"):
        load_agenda(tmp_path)


def test_unreadable_file(ninety_copy: Path) -> None:
    # A directory named like a stage file cannot be opened, even by root.
    (ninety_copy / "07-extra.toml").mkdir()
    with pytest.raises(AgendaError, match=r"07-extra.toml: cannot read"):
        load_agenda(ninety_copy)


def test_not_utf8(ninety_copy: Path) -> None:
    (ninety_copy / "02-goals.toml").write_bytes(b'key = "goals"\ntitle = "Go\xff"\n')
    with pytest.raises(AgendaError, match=r"02-goals.toml: cannot read: the file is not UTF-8"):
        load_agenda(ninety_copy)


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "02-goals.toml",
            'aim = "Three priorities."',
            'aim = "Three priorities."\nsubtitle = "x"',
            "02-goals.toml: field 'subtitle': is not a known field",
        ),
        (
            "02-goals.toml",
            'aim = "Three priorities."\n',
            "",
            "02-goals.toml: field 'aim': is required",
        ),
        (
            "02-goals.toml",
            'title = "Goals"',
            "title = 7",
            "02-goals.toml: field 'title': must be text in quotes (got 7)",
        ),
        (
            "02-goals.toml",
            "minutes = 10",
            "minutes = 601",
            "02-goals.toml: field 'minutes': must be a whole number from 0 to 600 (got 601)",
        ),
        (
            "02-goals.toml",
            "minutes = 10",
            "minutes = -1",
            "field 'minutes': must be a whole number from 0 to 600 (got -1)",
        ),
        (
            "02-goals.toml",
            "minutes = 10",
            "minutes = 10.5",
            "field 'minutes': must be a whole number from 0 to 600 (got 10.5)",
        ),
        (
            "02-goals.toml",
            'aim = "Three priorities."',
            'aim = "Three priorities."\n[[points]]\ntitle = "A"\n[[points]]\ntitle = "B"\nbody = 3',
            "02-goals.toml: field 'points[1].body': is required (and 1 more problem(s)",
        ),
        (
            "02-goals.toml",
            'aim = "Three priorities."',
            'aim = "Three priorities."\n[[points]]\ntitle = "A"\nbody = "B"\ntips = ["late"]',
            "field 'points[1].tips': 'tips' is a stage field: move it above the first [[...]]",
        ),
        (
            "00-setup.toml",
            "minutes = 0",
            "minutes = 5",
            "00-setup.toml: field 'minutes': setup runs before the clock starts",
        ),
        (
            "05-cadence.toml",
            'key = "cadence"',
            'key = "goals"',
            "05-cadence.toml: field 'key': stage 'goals' is already defined in 02-goals.toml",
        ),
        (
            "01-overview.toml",
            "max_percent = 50",
            "max_percent = 45",
            "01-overview.toml: field 'bands': band 'orange' must start where 'red' ends (45)",
        ),
    ],
)
def test_broken_stage_file(ninety_copy: Path, file: str, old: str, new: str, expected: str) -> None:
    _edit(ninety_copy / file, old, new)
    with pytest.raises(AgendaError) as info:
        load_agenda(ninety_copy)
    assert expected in str(info.value)
    assert "\n" not in str(info.value)


def test_wrong_order(ninety_copy: Path) -> None:
    # Swap the keys of two files, so they load in the wrong order.
    _edit(ninety_copy / "02-goals.toml", 'key = "goals"', 'key = "objectives"')
    _edit(ninety_copy / "03-objectives.toml", 'key = "objectives"', 'key = "goals"')
    with pytest.raises(AgendaError, match=r"02-goals.toml: field 'key': stage 'objectives' is out"):
        load_agenda(ninety_copy)


def test_overview_needs_bands(ninety_copy: Path) -> None:
    overview = ninety_copy / "01-overview.toml"
    overview.write_text(overview.read_text().split("[[bands]]")[0])
    with pytest.raises(AgendaError, match=r"01-overview.toml: field 'bands'"):
        load_agenda(ninety_copy)


def test_other_files_are_ignored(ninety_copy: Path) -> None:
    (ninety_copy / "README.md").write_text("notes")
    (ninety_copy / ".#02-goals.toml").write_text("editor lock file")
    assert load_agenda(str(ninety_copy)).total_minutes == 90


# --- re-timing ------------------------------------------------------------------


def test_with_minutes(agenda: Agenda) -> None:
    retimed = agenda.with_minutes({"overview": 20, "wrap_up": 20})
    assert retimed.stage("overview").minutes == 20
    assert retimed.stage("wrap_up").seconds == 1200
    assert retimed.total_minutes == 120
    assert retimed.stage("goals") == agenda.stage("goals")
    # The original is untouched.
    assert agenda.stage("overview").minutes == 30
    assert agenda.with_minutes({"cadence": 0}).total_minutes == 105


def test_with_minutes_rejects_unknown_key(agenda: Agenda) -> None:
    with pytest.raises(KeyError, match="lunch"):
        agenda.with_minutes({"lunch": 30})


@pytest.mark.parametrize("value", [-1, 601, 2.5, "10", True])
def test_with_minutes_rejects_bad_minutes(agenda: Agenda, value: object) -> None:
    with pytest.raises(ValueError, match="overview"):
        agenda.with_minutes({"overview": value})  # type: ignore[dict-item]


def test_with_minutes_keeps_setup_at_zero(agenda: Agenda) -> None:
    with pytest.raises(ValueError, match="setup"):
        agenda.with_minutes({"setup": 5})
    assert agenda.with_minutes({"setup": 0}).total_minutes == 120


# --- stored agendas -------------------------------------------------------------


def test_json_round_trip(agenda: Agenda) -> None:
    # The store keeps the agenda a workshop ran on as JSON and restores it later.
    retimed = agenda.with_minutes({"goals": 20})
    restored = Agenda.model_validate_json(retimed.model_dump_json())
    assert restored == retimed
    assert restored.total_minutes == 125


def test_restored_agenda_is_checked(agenda: Agenda) -> None:
    data = agenda.model_dump(mode="json")
    data["stages"][2], data["stages"][3] = data["stages"][3], data["stages"][2]
    with pytest.raises(ValidationError, match=r"stage 3: field 'key': stage 'objectives' is out"):
        Agenda.model_validate(data)


# --- the start screen's light read (workshop.core.agenda.files, no pydantic) ----------------


@pytest.mark.parametrize("folder", [None, FIXTURES / "ninety"])
def test_stage_titles_match_the_checked_agenda(folder: Path | None) -> None:
    assert stage_titles(folder) == [s.title for s in load_agenda(folder).stages]


@pytest.mark.parametrize("case", ["bad-toml", "nowhere", "empty"])
def test_stage_titles_fail_like_the_full_check(case: str, tmp_path: Path) -> None:
    folder = tmp_path if case == "empty" else FIXTURES / case
    with pytest.raises(AgendaError) as light:
        stage_titles(folder)
    with pytest.raises(AgendaError) as full:
        load_agenda(folder)
    assert str(light.value) == str(full.value)


def test_stage_titles_leave_field_problems_to_the_full_check(ninety_copy: Path) -> None:
    _edit(ninety_copy / "02-goals.toml", 'title = "Goals"\n', "")
    assert stage_titles(ninety_copy)[2] == ""
    with pytest.raises(AgendaError, match=r"02-goals.toml: field 'title': is required"):
        load_agenda(ninety_copy)


def test_the_light_read_imports_no_pydantic() -> None:
    code = (
        "import sys; from workshop.core.agenda.files import stage_titles; stage_titles(); "
        "print(sorted(m for m in ('pydantic', 'workshop.core.domain', 'workshop.core.agenda.model') "
        "if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
