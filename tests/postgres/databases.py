"""The database pair: fixtures that run a test once on SQLite and once on PostgreSQL.

PostgreSQL comes from env `OKR_TEST_POSTGRES_URL` (a server the tests may create
databases on; `.ci/run` starts one). Each test gets a database of its own,
created and dropped around it, so parallel xdist workers never meet. Without a
server the PostgreSQL half skips with the reason; with `OKR_CI_REQUIRE_SERVICES=1`
(CI) it fails instead.

Test modules use these by importing them (`from tests.postgres.databases import
database_url, any_store`); tests under tests/postgres/ get them from conftest.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from workshop.core.db.errors import open_store
from workshop.core.db.store import Store

POSTGRES_ENV = "OKR_TEST_POSTGRES_URL"
REQUIRE_ENV = "OKR_CI_REQUIRE_SERVICES"
KINDS = ("sqlite", "postgresql")


def _missing(reason: str) -> None:
    """Skip, or fail in CI where every service must be there."""
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{reason} ({REQUIRE_ENV}=1: CI must run these tests)", pytrace=False)
    pytest.skip(reason)


def _psycopg_url(url: str) -> str:
    """The libpq form of a SQLAlchemy URL (psycopg.connect does not read `+psycopg`)."""
    scheme, _, rest = url.partition("://")
    return f"postgresql://{rest}" if scheme.startswith("postgresql") else url


def _with_database(url: str, name: str) -> str:
    """`url` pointing at the database `name` instead (query kept)."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The SQLAlchemy URL of the test server (its maintenance database), or skip/fail."""
    url = os.environ.get(POSTGRES_ENV, "")
    if not url:
        _missing(f"no PostgreSQL server: set {POSTGRES_ENV} (e.g. postgresql+psycopg://...)")
    try:
        import psycopg
    except ImportError:
        _missing("psycopg is not installed (pip install 'okr-workshop[postgres]')")
    try:
        psycopg.connect(_psycopg_url(url), connect_timeout=5).close()
    except psycopg.Error as error:
        _missing(f"the PostgreSQL server at {POSTGRES_ENV} cannot be reached: {error}")
    return url


class PostgresDatabases:
    """Creates and drops throwaway databases on the test server."""

    def __init__(self, server_url: str) -> None:
        self.server_url = server_url
        self._made: list[str] = []

    def create(self, template: str | None = None) -> str:
        """A new database: empty, or a copy of the database `template`."""
        import psycopg

        name = f"okr_test_{uuid.uuid4().hex[:16]}"
        copy = f' TEMPLATE "{template}"' if template else ""
        with psycopg.connect(_psycopg_url(self.server_url), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"{copy}')
        self._made.append(name)
        return _with_database(self.server_url, name)

    def drop_all(self) -> None:
        import psycopg

        with psycopg.connect(_psycopg_url(self.server_url), autocommit=True) as connection:
            for name in self._made:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._made.clear()


@pytest.fixture
def postgres_databases(postgres_server: str) -> Iterator[PostgresDatabases]:
    databases = PostgresDatabases(postgres_server)
    yield databases
    databases.drop_all()


@pytest.fixture(scope="session")
def postgres_schema_template(postgres_server: str) -> Iterator[str]:
    """A database holding today's schema and nothing else, made once per test process.

    Creating the schema takes about 0.3 s on PostgreSQL; copying a database that
    already has it (CREATE DATABASE ... TEMPLATE) takes a tenth of that.
    """
    databases = PostgresDatabases(postgres_server)
    url = databases.create()
    open_store(url).close()  # closing disposes the engine: nobody is left connected
    yield _database_name(url)
    databases.drop_all()


def _database_name(url: str) -> str:
    from sqlalchemy.engine import make_url

    database = make_url(url).database
    assert database
    return database


@pytest.fixture
def postgres_url(postgres_databases: PostgresDatabases) -> str:
    """A new, empty PostgreSQL database for this test only."""
    return postgres_databases.create()


@pytest.fixture(params=KINDS)
def database_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """An empty database of each kind: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'workshops.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture(params=KINDS)
def any_store(request: pytest.FixtureRequest, tmp_path) -> Iterator[Store]:
    """A store opened (schema created) on each kind of database.

    On PostgreSQL the database is a copy of `postgres_schema_template`: the same schema
    `open_store` would create, which it then finds up to date.
    """
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'workshops.db'}"
    else:
        databases = request.getfixturevalue("postgres_databases")
        url = databases.create(template=request.getfixturevalue("postgres_schema_template"))
    store = open_store(url)
    yield store
    store.close()
