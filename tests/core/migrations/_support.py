"""Helpers for the migration tests: an isolated database per test and a generated app module with configs."""

from __future__ import annotations

import sys
import textwrap
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, inspect, make_url, text
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool

from tests.conftest import Backend

_SYNC_DRIVERS = {"sqlite": "sqlite+pysqlite", "postgres": "postgresql+psycopg", "mariadb": "mysql+pymysql"}


def sync_url(url: str, family: str) -> str:
    """The same database reached through the family's sync driver (for inspecting what a command did)."""
    return make_url(url).set(drivername=_SYNC_DRIVERS[family]).render_as_string(hide_password=False)


@contextmanager
def isolated_database(backend: Backend, tmp_path: Path) -> Iterator[str]:
    """Yield a URL of a database only this test uses: a SQLite file, or a PostgreSQL / MariaDB database we create."""
    url = backend.url(tmp_path)
    if backend.family == "sqlite":
        yield url
        return
    name = f"mig_{uuid.uuid4().hex[:12]}"
    admin = create_engine(sync_url(url, backend.family), poolclass=NullPool, isolation_level="AUTOCOMMIT")
    quoted = f'"{name}"' if backend.family == "postgres" else f"`{name}`"
    force = " WITH (FORCE)" if backend.family == "postgres" else ""
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {quoted}"))
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {quoted}{force}"))
        admin.dispose()


APP_TEMPLATE = '''
"""Generated for a migration test: tables at two model versions and configs pointing at one database."""
import uuid

from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table

from sqlalchemist.base import convention
from sqlalchemist.config import {config_cls}, {alembic_cls}
from sqlalchemist.types import GUID, BigIntIdentity, DateTimeUTC, EncryptedString, JsonB, PasswordHash

KEY = "mig-test-key"


def build(version):
    metadata = MetaData(naming_convention=dict(convention))
    Table(
        "mig_author",
        metadata,
        Column("id", GUID(), primary_key=True, default=uuid.uuid4),
        Column("name", String(50), nullable=False),
        Column("born", DateTimeUTC(), nullable=True),
        Column("data", JsonB, nullable=True),
        Column("secret", EncryptedString(key=KEY, length=255), nullable=True),
    )
    Table(
        "mig_book",
        metadata,
        Column("id", BigIntIdentity, primary_key=True, autoincrement=True),
        Column("author_id", GUID(), ForeignKey("mig_author.id"), nullable=False),
        Column("title", String(100), nullable=False),
    )
    if version >= 2:
        Table(
            "mig_account",
            metadata,
            Column("id", BigIntIdentity, primary_key=True, autoincrement=True),
            Column("password", PasswordHash(), nullable=True),
        )
    return metadata


def make_config(version, *, bind_key=None, script_location={script_location!r}, version_table={version_table!r}):
    return {config_cls}(
        connection_string={url!r},
        metadata=build(version),
        bind_key=bind_key,
        alembic_config={alembic_cls}(script_location=script_location, version_table_name=version_table),
    )


config = make_config(1)
config_v2 = make_config(2)
'''


@dataclass
class AppModule:
    """A generated module ``name`` in ``folder`` with ``config`` (models v1) and ``config_v2`` (v2 adds mig_account)."""

    name: str
    folder: Path
    url: str
    family: str
    version_table: str

    def sync_engine(self) -> Engine:
        return create_engine(sync_url(self.url, self.family), poolclass=NullPool)

    def table_names(self) -> set[str]:
        engine = self.sync_engine()
        try:
            with engine.connect() as conn:
                return set(inspect(conn).get_table_names())
        finally:
            engine.dispose()

    def load(self) -> Any:
        __import__(self.name)
        return sys.modules[self.name]


def write_app_module(
    folder: Path, url: str, family: str, *, is_async: bool, script_location: str = "migrations", extra: str = ""
) -> AppModule:
    """Write the app module into ``folder`` (importable once ``folder`` is on sys.path)."""
    name = f"mig_app_{uuid.uuid4().hex[:10]}"
    version_table = f"mig_alembic_version_{uuid.uuid4().hex[:8]}"
    source = APP_TEMPLATE.format(
        config_cls="SQLAlchemyAsyncConfig" if is_async else "SQLAlchemySyncConfig",
        alembic_cls="AlembicAsyncConfig" if is_async else "AlembicSyncConfig",
        url=url,
        script_location=script_location,
        version_table=version_table,
    )
    (folder / f"{name}.py").write_text(textwrap.dedent(source) + textwrap.dedent(extra))
    return AppModule(name=name, folder=folder, url=url, family=family, version_table=version_table)
