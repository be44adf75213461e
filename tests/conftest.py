"""Shared fixtures: an in-memory store, the shipped agenda, fake clocks, an app factory.

Also, for every test run (and each pytest-xdist worker): the user data folder
(the default database, recovery files, error logs) is a temporary folder of its
own, never the developer's real one nor another worker's; and every test that
drives the real app through a pseudo-terminal is marked `pty`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest

from workshop.core.agenda.model import Agenda, load_agenda
from workshop.core.db.store import Store

START_WALL = datetime(2027, 1, 12, 9, 0, tzinfo=UTC)

# The database pair (`database_url`, `any_store`: SQLite and PostgreSQL) for any test.
pytest_plugins = ["tests.postgres.databases"]


@pytest.fixture(scope="session", autouse=True)
def _own_user_data_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """platformdirs reads XDG_DATA_HOME; subprocesses the tests start inherit it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("user-data")))
        yield


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests in a module that drives a pseudo-terminal are `pty` tests (slow; CI runs them)."""
    for item in items:
        module = getattr(item, "module", None)
        if module is not None and {"pty", "AppInTerminal"} & set(vars(module)):
            item.add_marker(pytest.mark.pty)


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

    A large tick interval keeps the periodic repaint out of the way; tests call
    `app._tick()` when they want one.
    """
    from workshop.tui.app import WorkshopApp

    def build(workshop_id: int | None = None, **kwargs) -> WorkshopApp:
        if workshop_id is None:
            workshop_id = store.create_workshop(agenda_json=agenda.model_dump_json())
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
