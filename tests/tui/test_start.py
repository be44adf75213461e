"""Pilot tests: the start screen, new or resume, driven with keys."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.tui.test_type_ahead import ENTER, burst
from workshop.core.db.store import Store
from workshop.core.session.session import WorkshopSession
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.goals import GoalsScreen
from workshop.tui.screens.setup import SetupScreen
from workshop.tui.screens.start import StartScreen


def start_app(store, agenda, clock) -> WorkshopApp:
    """The app as launched without --workshop: it opens on the start screen."""
    return WorkshopApp(store=store, agenda=agenda, clock=clock, wall=clock.wall, tick_seconds=3600)


async def test_new_creates_a_workshop_and_lands_on_setup(store, agenda, clock):
    WorkshopSession.create(store, agenda, clock=clock, wall=clock.wall, team="Old team")
    app = start_app(store, agenda, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        new_id = app.session.workshop_id
    summaries = store.list_workshops()
    assert len(summaries) == 2
    assert {s.id for s in summaries if s.team != "Old team"} == {new_id}


async def test_an_empty_database_welcomes_and_enter_starts(store, agenda, clock):
    app = start_app(store, agenda, clock)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        welcome = app.screen.query_one("#start-empty")
        assert "no workshops here yet" in str(welcome.render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
    assert len(store.list_workshops()) == 1


async def test_resume_opens_at_the_stored_stage(store, agenda, clock):
    earlier = WorkshopSession.create(
        store, agenda, clock=clock, wall=clock.wall, team="Support", period="2027-Q1"
    )
    earlier.set_stage(2)
    earlier.close()
    app = start_app(store, agenda, clock)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        listing = str(app.screen.query_one("#workshops").get_option_at_index(1).prompt)
        assert "Support · 2027-Q1" in listing
        assert "Step 2: " + agenda.stages[2].title in listing
        await pilot.press("enter")  # the workshop in progress is highlighted
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen)
        assert app.session.workshop_id == earlier.workshop_id


# --- started from a database URL alone, as `okr-workshop` starts it ------------------
# The app then reads only the stage titles for its first frame; the full agenda
# check and the store follow in a thread (see WorkshopApp.on_start_screen_shown).

FIXTURE_AGENDA = Path(__file__).parent.parent / "agendas" / "ninety"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


@pytest.fixture
def agenda_without_aim(tmp_path: Path) -> Path:
    """A copy of the 90-minute agenda whose objectives stage lacks its 'aim'."""
    folder = tmp_path / "agenda"
    shutil.copytree(FIXTURE_AGENDA, folder)
    stage = folder / "03-objectives.toml"
    text = stage.read_text()
    assert 'aim = "Objectives written."\n' in text
    stage.write_text(text.replace('aim = "Objectives written."\n', ""))
    return folder


async def wait_until(pilot, condition: Callable[[], bool]) -> bool:
    """Let the app run until `condition` holds (the warm-up thread takes a moment)."""
    for _ in range(500):
        if condition():
            return True
        await pilot.pause(0.01)
    return condition()


async def test_the_list_names_the_stage_without_a_loaded_agenda(tmp_path, agenda, clock):
    path = tmp_path / "w.db"
    store = Store.open(sqlite_url(path))
    earlier = WorkshopSession.create(
        store, agenda, clock=clock, wall=clock.wall, team="Support", period="2027-Q1"
    )
    earlier.set_stage(2)
    earlier.close()
    store.close()
    app = WorkshopApp(sqlite_url(path), tick_seconds=3600)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        listing = str(app.screen.query_one("#workshops").get_option_at_index(1).prompt)
        assert "Support · 2027-Q1" in listing
        assert "Step 2: " + agenda.stages[2].title in listing
        # Resume at once, before the agenda check and the store are done.
        await pilot.press("enter")  # the workshop in progress is highlighted
        assert await wait_until(pilot, lambda: isinstance(app.screen, GoalsScreen))
        assert app.session.workshop_id == earlier.workshop_id
    assert not app.return_code


async def test_enter_at_once_creates_a_workshop_with_the_chosen_agenda(tmp_path):
    path = tmp_path / "w.db"
    app = WorkshopApp(sqlite_url(path), agenda_dir=FIXTURE_AGENDA, tick_seconds=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, SetupScreen))
        assert app.session.agenda.total_minutes == 90
    assert not app.return_code
    store = Store.open(sqlite_url(path))
    try:
        assert len(store.list_workshops()) == 1
    finally:
        store.close()


async def test_an_agenda_error_found_after_the_first_frame_ends_the_app(agenda_without_aim):
    db = agenda_without_aim.parent / "w.db"
    app = WorkshopApp(sqlite_url(db), agenda_dir=agenda_without_aim, tick_seconds=3600)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        # The titles read fine, so the start screen shows; the full check then fails.
        assert isinstance(app.screen, StartScreen)
        assert await wait_until(pilot, lambda: app.return_code is not None)
    assert app.return_code == 1
    assert not db.exists()  # the agenda is checked before the database is touched


async def test_enter_before_the_agenda_check_still_ends_on_its_error(agenda_without_aim):
    db = agenda_without_aim.parent / "w.db"
    app = WorkshopApp(sqlite_url(db), agenda_dir=agenda_without_aim, tick_seconds=3600)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: app.return_code is not None)
        assert app.session is None
    assert app.return_code == 1
    assert not db.exists()


# A real run (headless, no terminal needed) shows what the facilitator reads on exit.
RUN_APP = """
import sys
from pathlib import Path
from workshop.tui.app import WorkshopApp

app = WorkshopApp(sys.argv[1], agenda_dir=Path(sys.argv[2]))
app.run(headless=True)
sys.exit(app.return_code)
"""


@pytest.mark.parametrize("cwd", ["inside", "elsewhere"])
def test_the_agenda_error_is_one_line_on_stderr(agenda_without_aim, cwd):
    # From inside the folder the path is short; from elsewhere it is absolute and
    # the line is longer than 80 columns, which must not fold it.
    folder = agenda_without_aim.parent
    if cwd == "elsewhere":
        folder = folder / "elsewhere"
        folder.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("OKR_WORKSHOP_DB", "COLUMNS")}
    result = subprocess.run(
        [sys.executable, "-c", RUN_APP, sqlite_url(folder / "w.db"), str(agenda_without_aim)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=folder,
        env=env,
    )
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].endswith("03-objectives.toml: field 'aim': is required"), lines[0]
    if cwd == "inside":
        assert lines[0] == "agenda/03-objectives.toml: field 'aim': is required"
    else:
        assert lines[0].startswith(str(agenda_without_aim)) and len(lines[0]) > 80


async def _settle_on_setup(pilot) -> SetupScreen:
    for _ in range(20):
        await pilot.pause()
        if isinstance(pilot.app.screen, SetupScreen) and pilot.app.screen.is_built:
            break
    assert isinstance(pilot.app.screen, SetupScreen)
    await pilot.pause()
    return pilot.app.screen


async def test_the_team_typed_straight_after_enter_is_kept(store, agenda, clock):
    """The room types the team's name the moment Enter is pressed, while the workshop is
    still being created: every key lands in the team field ("n" included)."""
    app = start_app(store, agenda, clock)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await burst(pilot, ENTER, "Finance and planning")
        screen = await _settle_on_setup(pilot)
        assert screen.query_one("#field-team").value == "Finance and planning"
        app.session.flush()
    assert [s.team for s in store.list_workshops()] == ["Finance and planning"]


async def test_n_then_a_name_makes_one_new_workshop(store, agenda, clock):
    WorkshopSession.create(store, agenda, clock=clock, wall=clock.wall, team="Old team")
    app = start_app(store, agenda, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, "n", "Nina's new team")
        await _settle_on_setup(pilot)
        app.session.flush()
    assert sorted(s.team for s in store.list_workshops()) == ["Nina's new team", "Old team"]


async def test_after_a_restart_enter_resumes_the_workshop_changed_last(store, agenda, clock):
    older = WorkshopSession.create(store, agenda, clock=clock, wall=clock.wall, team="Older")
    older.close()
    latest = WorkshopSession.create(store, agenda, clock=clock, wall=clock.wall, team="Latest")
    latest.set_stage(2)
    latest.close()
    app = start_app(store, agenda, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, GoalsScreen))
        assert app.session.workshop_id == latest.workshop_id
    assert len(store.list_workshops()) == 2  # no new workshop
