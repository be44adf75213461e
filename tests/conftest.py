"""Shared fixtures: an in-memory store, the shipped agenda, fake clocks, an app factory.

Also, for every test run (and each pytest-xdist worker): the user data folder
(the default database, recovery files, error logs) is a temporary folder of its
own, never the developer's real one nor another worker's; and every test that
drives the real app through a pseudo-terminal is marked `pty`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FunctionType

import pytest

from tests.rewrite_once import rewrite_before_the_workers_start, usable_cores
from workshop.core.agenda.model import Agenda, load_agenda
from workshop.core.db.store import Store

# Python's bytecode cache, even where the environment turns it off
# (PYTHONDONTWRITEBYTECODE=1 on the CI machine): otherwise each pytest-xdist worker
# compiles every test module again (collection: 9.4 s of CPU instead of 4.8 s), and
# each Python process the tests start compiles the app again (about 0.15 s each).
# Set as this file loads, before the workers start, so that they inherit it.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

START_WALL = datetime(2027, 1, 12, 9, 0, tzinfo=UTC)

# The database pair (`database_url`, `any_store`: SQLite and PostgreSQL) for any test.
pytest_plugins = ["tests.postgres.databases"]


@pytest.fixture(scope="session", autouse=True)
def _own_user_data_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """platformdirs reads XDG_DATA_HOME; subprocesses the tests start inherit it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("user-data")))
        yield


@pytest.fixture(scope="session", autouse=True)
def _parse_each_style_sheet_once() -> Iterator[None]:
    """Parse each piece of CSS once per test process, not once per app.

    Textual parses every CSS source again for each new App (and again when the theme
    is set), and its own cache, per style sheet, holds 64 sources: fewer than ours.
    That was about a third of starting each app (0.8 s of CPU, now 0.5). The same text
    with the same variables gives the same rules, which nothing changes after parsing,
    so the apps of one process share them; what each app draws is the same.
    """
    from textual.css.stylesheet import Stylesheet

    parse_rules = Stylesheet._parse_rules
    parsed: dict[tuple, list] = {}
    # The variables, as one number per distinct set of them, found by the identity of
    # the dict Textual holds (it replaces it rather than change it): sorting and hashing
    # them for each of the ~300 sources an app parses was itself measurable.
    variables_numbers: dict[tuple, int] = {}
    variables_seen: dict[int, tuple[dict, int]] = {}

    def variables_key(variables: dict) -> int:
        seen = variables_seen.get(id(variables))
        if seen is None or seen[0] is not variables:
            if len(variables_seen) > 64:
                variables_seen.clear()
            items = tuple(sorted(variables.items()))
            number = variables_numbers.setdefault(items, len(variables_numbers))
            seen = variables_seen[id(variables)] = (variables, number)
        return seen[1]

    def shared_parse_rules(self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""):
        key = (css, read_from, is_default_rules, tie_breaker, scope, variables_key(self._variables))
        if key not in parsed:
            parsed[key] = parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
        return parsed[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Stylesheet, "_parse_rules", shared_parse_rules)
        yield


# Textual's `Strip.__init__` and `Strip.divide`, before `_draw_with_the_apps_strips`.
TEXTUAL_STRIP_METHODS: dict[str, Callable] = {}


@pytest.fixture(scope="session", autouse=True)
def _draw_with_the_apps_strips() -> Iterator[None]:
    """Draw with the strips the app itself draws with (`workshop.tui.gc_tuning.slim_strips`).

    The command line gives Textual's `Strip` plain dicts for its seven little caches;
    the tests built every app without it, so each line drawn made seven cache objects
    the real app never makes (measured: 11 million in the Textual tests, about 4 % of
    their CPU under the profiler). Now the tests draw as the app does.
    `textual_strips` puts Textual's own back for the tests that compare the two.
    """
    from textual.strip import Strip

    from workshop.tui.gc_tuning import slim_strips

    TEXTUAL_STRIP_METHODS.update(__init__=Strip.__init__, divide=Strip.divide)
    assert slim_strips(), "the pinned Textual's Strip changed: see workshop/tui/gc_tuning.py"
    yield
    for name, method in TEXTUAL_STRIP_METHODS.items():
        setattr(Strip, name, method)


@pytest.fixture
def textual_strips(monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual's own `Strip` methods for one test (see `_draw_with_the_apps_strips`)."""
    from textual.strip import Strip

    for name, method in TEXTUAL_STRIP_METHODS.items():
        monkeypatch.setattr(Strip, name, method)


@pytest.fixture(scope="session", autouse=True)
def _textual_without_repeated_bookkeeping() -> Iterator[None]:
    """Two of Textual's per-call computations, done once; what they return is the same.

    - Every callback Textual invokes is asked its number of parameters; a function
      made afresh for each call (Pilot's wait makes one each time it waits) missed
      Textual's cache, and `inspect.signature` ran 620,000 times in the Textual tests.
      A plain function's count is read off its code object instead.
    - Styling a widget filters all the style sheet's rules (about 480) through a set
      of the candidates, hashing each with a Python-level `__hash__` that returns
      `id(self)`: 79 million calls. The built-in identity hash does the same in C.

    The names patched are Textual's (pinned to 8.2.8); a test of the harness checks both.
    """
    import inspect

    import textual._callback
    from textual.css.model import RuleSet

    count_with_signature = textual._callback._count_parameters

    def count_parameters(func: Callable) -> int:
        plain = type(func) is FunctionType
        if not plain or hasattr(func, "__wrapped__") or hasattr(func, "__signature__"):
            return count_with_signature(func)
        code = func.__code__
        flags = code.co_flags
        return (
            code.co_argcount
            + code.co_kwonlyargcount
            + bool(flags & inspect.CO_VARARGS)
            + bool(flags & inspect.CO_VARKEYWORDS)
        )

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(textual._callback, "_count_parameters", count_parameters)
        patch.setattr(RuleSet, "__hash__", object.__hash__)
        yield


@pytest.fixture(scope="session", autouse=True)
def _pilot_waits_for_work_not_for_time() -> Iterator[None]:
    """Pilot: after each key, wait until the app has handled it, not for 40 ms of quiet.

    Textual's Pilot follows every key with two `wait_for_idle` calls: each sleeps in
    steps of 20 ms until one step passes with under 1 ms of CPU work. That was 40 ms or
    more per key, about a fifth of the time of the Textual tests, and it let a key
    reach the app only once the last one had long settled, which hid races a fast
    typist meets (5167ac1). The same test runs here in 2 ms steps, and a step counts
    as quiet under 0.5 ms of CPU: the loop's own wake-up costs 0.1-0.2 ms, so a
    0.1 ms bar (Textual's ratio) was missed by noise and each wait ran on for 30 ms
    (measured: tests/tui/test_key_results_numbers.py 22.5 s → 12.5 s alone). A step
    with work in it costs 2 ms of CPU or more. Then `press` also waits, on our app,
    until every key has landed and the screen on top is ready for the next one: the
    condition tests care about. `pause` also waits for the screen to be redrawn (not
    `press`: drawing after every key, rather than once for a run of keys, costs CPU).
    Both wait for the screen's widgets without a message to those that have nothing
    to handle (`tests/screen_wait.py`). A headless screen draws what changed when the
    test looks, at each `pause` and at the end of `run_test`, not on every frame
    (`tests/headless_drawing.py`). The names patched are Textual's (pinned to 8.2.8).
    """
    import textual._wait
    from textual.app import App
    from textual.pilot import Pilot
    from textual.screen import Screen

    from tests.headless_drawing import (
        draw_what_changed,
        refresh_without_drawing,
        run_test_drawing_at_the_end,
    )
    from tests.screen_wait import wait_for_screen

    press, pause = Pilot.press, Pilot.pause

    async def press_and_settle(self: Pilot, *keys: str) -> None:
        await press(self, *keys)
        settled = getattr(self.app, "keys_settled", None)
        if settled is not None and self.app.is_running:
            await settled()

    async def pause_and_refresh(self: Pilot, delay: float | None = None) -> None:
        await pause(self, delay)
        if delay is None:
            # Two frames: some widgets measure what the first drew, then adjust (the
            # footer leaves out a hint that did not fit).
            await _refreshed(self)
            await _refreshed(self)
            draw_what_changed(self.app)  # the test looks now (tests/headless_drawing.py)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(textual._wait, "SLEEP_GRANULARITY", 0.002)
        patch.setattr(textual._wait, "SLEEP_IDLE", 0.0005)
        patch.setattr(Pilot, "press", press_and_settle)
        patch.setattr(Pilot, "pause", pause_and_refresh)
        patch.setattr(Pilot, "_wait_for_screen", wait_for_screen)
        patch.setattr(Screen, "_compositor_refresh", refresh_without_drawing)
        patch.setattr(App, "run_test", run_test_drawing_at_the_end(App.run_test, _refreshed))
        yield


async def _refreshed(pilot) -> None:
    """Wait for the screen's next refresh, then for what it set off (a footer's new keys).

    A refresh is due within a frame; a quiet process says nothing about one that is
    scheduled, so the short idle test above cannot see it.
    """
    import asyncio

    app = pilot.app
    if not app.is_running:
        return
    screen = app.screen
    done = asyncio.get_running_loop().create_future()
    if not screen.call_after_refresh(lambda: done.done() or done.set_result(None)):
        return
    while not done.done() and app.is_running and app.screen is screen:
        await asyncio.wait({done}, timeout=0.05)
    await pilot._wait_for_screen()


@pytest.fixture(scope="session", autouse=True)
def _freeze_what_lives_as_long_as_the_process() -> Iterator[None]:
    """Keep the modules every Textual test imports out of the collector's full scans.

    Each full collection walks every tracked object that is not frozen. Imported once,
    Textual, SQLAlchemy and the app's modules are about 125,000 objects that live as
    long as the test process, so they are frozen once (measured: the key results and
    pacing tests, 38.1 -> 34.0 s of CPU). What the tests create is collected as before.

    At the end, one collection finds what the tests left behind (pytest still reports
    any error it raises), and what survived is frozen with the rest. pytest then runs
    five full collections of its own, once every fixture is gone; over the whole heap
    they took 4-6 s in each worker of a full run, four workers on two cores, and
    execnet interrupts a worker that has not finished 5 s after it is told to stop
    (the stray `KeyboardInterrupt` warning at the end of some runs). Frozen, they take
    milliseconds, and a run ends about 10 s sooner.
    """
    import gc

    import sqlmodel  # noqa: F401
    import textual.pilot  # noqa: F401
    import textual.widgets  # noqa: F401

    import workshop.tui.app  # noqa: F401

    gc.collect()
    gc.freeze()
    yield
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def _forget_the_last_apps_drawing() -> Iterator[None]:
    """After each test, drop what Textual's style cache holds of apps that have closed.

    `StylesCache.get_inner_outer` is a method under `functools.lru_cache`, so its 1,024
    entries keep their `StylesCache` objects alive, and with them every line those
    widgets last drew: about 250,000 objects after a dozen app tests, which every full
    collection walks again. A new process starts with the cache empty; so does each test.
    """
    yield
    from textual._styles_cache import StylesCache

    StylesCache.get_inner_outer.cache_clear()


@pytest.fixture(scope="session", autouse=True)
def _fewer_full_collections() -> Iterator[None]:
    """Run the garbage collector's young generation every 10,000 new objects, not 700.

    A test process holds a large heap (Textual, SQLAlchemy, WeasyPrint, every test
    module), and each full collection scans all of it: with Python's default, full
    collections were about a quarter of the time of the Textual tests. The middle and
    old thresholds keep their defaults (tests/tui/test_gc_tuning.py counts their runs);
    the app itself tunes the collector only when run from the command line.
    """
    import gc

    saved = gc.get_threshold()
    gc.set_threshold(10_000, *saved[1:])
    yield
    gc.set_threshold(*saved)


# The modules whose tests take longest, longest first (from `pytest --durations`). Their
# tests start first, so that a parallel run does not end with one worker alone on a long
# test while the other has nothing left to do; the other tests keep their order.
SLOW_FIRST = (
    "tests/tui/test_quick_navigation.py",
    "tests/reliability/test_crash.py",
    "tests/reliability/test_pty_bursts.py",
    "tests/tui/test_read_only.py",
    "tests/browser/test_room_browser.py",
    "tests/exports/test_import_property.py",
    "tests/room/test_room_import_property.py",
    "tests/tui/test_footer.py",
    "tests/room/test_projector.py",
    "tests/reliability/test_concurrency.py",
    "tests/core/test_quarter_json.py",
    "tests/tui/test_quarter_end.py",
    "tests/tui/test_pilot_session.py",
    "tests/org/test_cli_org.py",
    "tests/reliability/test_hostile_text.py",
    "tests/pilot/test_cli.py",
)


def pytest_configure(config: pytest.Config) -> None:
    """A parallel run's controller rewrites the test modules once (`tests/rewrite_once.py`)."""
    parallel = getattr(config.option, "numprocesses", None) and config.option.dist != "no"
    if parallel and not hasattr(config, "workerinput"):
        rewrite_before_the_workers_start(config, Path(__file__).parent)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`pytest -n auto` (the README's command): two workers per core.

    A Textual test spends about a quarter of its time waiting (for the app's next frame,
    a child process, a pseudo-terminal, a browser), and a worker's wait leaves its core
    idle unless another worker has work. Whole runs on the quiet 2-core machine,
    measured with the cores' use sampled every 2 s: 2 workers kept the cores 73-82 %
    busy; 3 workers 90-92 % (239 s, twice); 4 workers 96-97 % (225 s and 241 s, the
    second in a slower spell: 446 s of CPU against 406); 5 workers 98 %, but their
    extra start-up and contention cost more CPU than that won (247 s, 462 s of CPU).
    """
    return 2 * usable_cores()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the pseudo-terminal tests `pty`; start the slowest tests first.

    Tests in a module that drives a pseudo-terminal are `pty` tests (slow; CI runs
    them). The order only changes when tests start: each test still sets up its own
    state. (pytest-xdist's loadgroup keeps this order, after the groups.)
    """
    for item in items:
        module = getattr(item, "module", None)
        if module is not None and {"pty", "AppInTerminal"} & set(vars(module)):
            item.add_marker(pytest.mark.pty)
    # A module moves as a whole (its module-scoped fixtures are set up once): the listed
    # ones first, then those with a pty test, then the rest in their collection order.
    rank: dict[str, int] = {}
    for item in items:
        path = item.nodeid.split("::", 1)[0]
        if path in SLOW_FIRST:
            rank[path] = SLOW_FIRST.index(path)
        elif item.get_closest_marker("pty"):
            rank[path] = len(SLOW_FIRST)
        else:
            rank.setdefault(path, len(SLOW_FIRST) + 1)
    items.sort(key=lambda item: rank[item.nodeid.split("::", 1)[0]])  # stable


class FakeClock:
    """A monotonic clock and a matching wall clock that move only when told to."""

    def __init__(self, start_wall: datetime = START_WALL) -> None:
        self.seconds = 1000.0
        self._origin = self.seconds
        self.start_wall = start_wall

    def __call__(self) -> float:
        return self.seconds

    def wall(self) -> datetime:
        return self.start_wall + timedelta(seconds=self.seconds - self._origin)

    def advance(self, seconds: float) -> None:
        self.seconds += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def agenda() -> Agenda:
    return load_agenda()


@pytest.fixture
def store() -> Store:
    store = Store.open("sqlite://")
    yield store
    store.close()


@pytest.fixture
def make_app(store: Store, agenda: Agenda, clock: FakeClock) -> Callable:
    """Build a WorkshopApp on the test store and fake clock, on a fresh or given workshop.

    `stage`: open at that stage (see `tests.tui.stage_waits.on_stage`) rather than at
    set-up. A large tick interval keeps the periodic repaint out of the way; tests call
    `app._tick()` when they want one.
    """
    from workshop.tui.app import WorkshopApp

    def build(workshop_id: int | None = None, *, stage: int | None = None, **kwargs) -> WorkshopApp:
        if workshop_id is None:
            workshop_id = store.create_workshop(agenda_json=agenda.model_dump_json())
        if stage is not None:
            # Opens there, as a workshop left at that stage reopens: the stage under test
            # is the first screen built (building set-up first cost 0.4 s of CPU a test).
            assert not store.workshop_rows(workshop_id).table("clock"), "opened before"
            store.update_workshop(workshop_id, current_stage=stage)
        return WorkshopApp(
            store=store,
            agenda=agenda,
            workshop_id=workshop_id,
            clock=clock,
            wall=clock.wall,
            tick_seconds=3600,
            **kwargs,
        )

    return build
