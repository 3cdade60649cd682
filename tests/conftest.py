"""Test database plumbing: a table of backends, selected with ``--db`` or ``SQLALCHEMIST_TEST_DBS``.

Fixtures ``async_engine`` and ``sync_engine`` are parametrized over every selected backend of their kind;
``async_tables`` / ``sync_tables`` create the tables a test names and drop them afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Table, create_engine, make_url, text
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool
from sqlalchemy.sql.ddl import sort_tables

FAMILIES = ("sqlite", "postgres", "mariadb")
POSTGRES_URL = os.environ.get("SQLALCHEMIST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
MARIADB_URL = os.environ.get("SQLALCHEMIST_MARIADB_URL", "mysql://root@127.0.0.1:3306/test")
START_HINTS = {
    "postgres": "start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
    "mariadb": "start it with: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd",
}


@dataclass(frozen=True)
class Backend:
    """One database driver the suite runs against."""

    name: str
    family: str
    driver: str
    is_async: bool

    def url(self, tmp_path: Path) -> str:
        if self.family == "sqlite":
            return f"sqlite+{self.driver}:///{tmp_path / 'test.sqlite'}"
        # the run's own database on the server (created when the server was first reached), never the shared one
        base = _RUN_URLS.get(self.family) or (POSTGRES_URL if self.family == "postgres" else MARIADB_URL)
        return (
            make_url(base)
            .set(drivername=f"{make_url(base).get_backend_name()}+{self.driver}")
            .render_as_string(hide_password=False)
        )


BACKENDS = (
    Backend("aiosqlite", "sqlite", "aiosqlite", is_async=True),
    Backend("pysqlite", "sqlite", "pysqlite", is_async=False),
    Backend("asyncpg", "postgres", "asyncpg", is_async=True),
    Backend("psycopg", "postgres", "psycopg", is_async=False),
    Backend("psycopg_async", "postgres", "psycopg", is_async=True),
    Backend("asyncmy", "mariadb", "asyncmy", is_async=True),
    Backend("pymysql", "mariadb", "pymysql", is_async=False),
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--db",
        action="store",
        default=os.environ.get("SQLALCHEMIST_TEST_DBS", ",".join(FAMILIES)),
        help="comma-separated database families or driver names to test (default: all; env SQLALCHEMIST_TEST_DBS)",
    )


def selected_backends(config: pytest.Config) -> list[Backend]:
    """Backends chosen by ``--db``: family names select all their drivers, driver names select one."""
    wanted = {part.strip() for part in str(config.getoption("--db")).split(",") if part.strip()}
    known = set(FAMILIES) | {b.name for b in BACKENDS}
    unknown = wanted - known
    if unknown:
        msg = f"--db: unknown backend(s) {sorted(unknown)}; choose from {sorted(known)}"
        raise pytest.UsageError(msg)
    return [b for b in BACKENDS if b.family in wanted or b.name in wanted]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    marker = metafunc.definition.get_closest_marker("backends")
    families = set(marker.args) if marker else set(FAMILIES)
    chosen = [b for b in selected_backends(metafunc.config) if b.family in families]
    for fixture_name, is_async in (("async_backend", True), ("sync_backend", False)):
        if fixture_name in metafunc.fixturenames:
            params = [b for b in chosen if b.is_async is is_async]
            metafunc.parametrize(fixture_name, params, ids=[b.name for b in params], indirect=True)


_REACHABLE: dict[str, str | None] = {}
# One database per test run on each server, so that concurrent runs never share tables.
_RUN_URLS: dict[str, str] = {}
_RUN_NAME = f"sqlalchemist_run_{uuid.uuid4().hex[:12]}"


def _server_url(family: str) -> str:
    return POSTGRES_URL if family == "postgres" else MARIADB_URL


def _admin_engine(family: str) -> Engine:
    url = make_url(_server_url(family))
    driver = "psycopg" if family == "postgres" else "pymysql"
    return create_engine(
        url.set(drivername=f"{url.get_backend_name()}+{driver}"), poolclass=NullPool, isolation_level="AUTOCOMMIT"
    )


def _create_run_database(family: str) -> None:
    engine = _admin_engine(family)
    try:
        with engine.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {_RUN_NAME}"))
        _RUN_URLS[family] = make_url(_server_url(family)).set(database=_RUN_NAME).render_as_string(hide_password=False)
    finally:
        engine.dispose()


def _drop_run_database(family: str) -> None:
    engine = _admin_engine(family)
    force = " WITH (FORCE)" if family == "postgres" else ""
    try:
        with engine.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {_RUN_NAME}{force}"))
    finally:
        engine.dispose()


def pytest_sessionfinish(session: pytest.Session) -> None:
    for family in list(_RUN_URLS):
        _drop_run_database(family)
        del _RUN_URLS[family]


def _check_reachable(family: str) -> str | None:
    """Return None when the family's server answers, else the reason it does not."""
    if family == "sqlite":
        return None
    if family not in _REACHABLE:
        url = make_url(POSTGRES_URL if family == "postgres" else MARIADB_URL)
        driver = "psycopg" if family == "postgres" else "pymysql"
        engine = create_engine(url.set(drivername=f"{url.get_backend_name()}+{driver}"), poolclass=NullPool)
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            _create_run_database(family)
            _REACHABLE[family] = None
        except Exception as exc:
            _REACHABLE[family] = f"{family} at {url.render_as_string()} is not reachable ({type(exc).__name__}: {exc})"
        finally:
            engine.dispose()
    return _REACHABLE[family]


def _require(backend: Backend) -> Backend:
    reason = _check_reachable(backend.family)
    if reason is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; CI requires every backend", pytrace=False)
        pytest.skip(f"{reason}; {START_HINTS.get(backend.family, '')}")
    return backend


@pytest.fixture
def async_backend(request: pytest.FixtureRequest) -> Backend:
    return _require(request.param)


@pytest.fixture
def sync_backend(request: pytest.FixtureRequest) -> Backend:
    return _require(request.param)


@pytest.fixture
async def async_engine(async_backend: Backend, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine(async_backend.url(tmp_path))
    yield engine
    await engine.dispose()


@pytest.fixture
def sync_engine(sync_backend: Backend, tmp_path: Path) -> Iterator[Engine]:
    engine = create_engine(sync_backend.url(tmp_path))
    yield engine
    engine.dispose()


def _tables_of(items: tuple[Any, ...]) -> list[Table]:
    tables: list[Table] = []
    for item in items:
        table = item if isinstance(item, Table) else item.__table__
        tables.append(table)
    return tables


@pytest.fixture
async def async_tables(async_engine: AsyncEngine) -> AsyncIterator[Callable[..., Awaitable[None]]]:
    """Create the tables of the given models (dropping leftovers first); drop them after the test."""
    created: list[Table] = []

    def _drop(conn: Any, tables: list[Table]) -> None:
        for table in reversed(sort_tables(tables)):
            table.drop(conn, checkfirst=True)

    def _create(conn: Any, tables: list[Table]) -> None:
        _drop(conn, tables)
        for table in sort_tables(tables):
            table.create(conn)

    async def create(*models: Any) -> None:
        tables = _tables_of(models)
        async with async_engine.begin() as conn:
            await conn.run_sync(_create, tables)
        created.extend(tables)

    yield create
    if created:
        async with async_engine.begin() as conn:
            await conn.run_sync(_drop, created)


@pytest.fixture
def sync_tables(sync_engine: Engine) -> Iterator[Callable[..., None]]:
    """Create the tables of the given models (dropping leftovers first); drop them after the test."""
    created: list[Table] = []

    def create(*models: Any) -> None:
        tables = _tables_of(models)
        with sync_engine.begin() as conn:
            for table in reversed(sort_tables(tables)):
                table.drop(conn, checkfirst=True)
            for table in sort_tables(tables):
                table.create(conn)
        created.extend(tables)

    yield create
    if created:
        with sync_engine.begin() as conn:
            for table in reversed(sort_tables(created)):
                table.drop(conn, checkfirst=True)
