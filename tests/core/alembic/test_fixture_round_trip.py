"""dump-data / load-data keep PasswordHash hashes as stored and EncryptedString values readable, on every driver."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import delete, insert, select

from sqlalchemist.alembic import AlembicCommands
from sqlalchemist.cli._run import release
from sqlalchemist.types import HashedPassword
from sqlalchemist.utils.fixtures import open_fixture
from tests.core.migrations._support import AppModule
from tests.core.migrations.conftest import make_runner


def _seed(app: AppModule) -> tuple[list[HashedPassword], list[str]]:
    tables = app.load().config_v2.metadata.tables
    engine = app.sync_engine()
    try:
        tables["mig_account"].metadata.create_all(engine)
        with engine.begin() as conn:
            conn.execute(insert(tables["mig_account"]), [{"password": "first secret"}, {"password": "second"}])
            conn.execute(insert(tables["mig_author"]), [{"id": uuid.uuid4(), "name": "ada", "secret": "s1"}])
            hashes = list(conn.execute(select(tables["mig_account"].c.password).order_by("id")).scalars())
            secrets = list(conn.execute(select(tables["mig_author"].c.secret)).scalars())
    finally:
        engine.dispose()
    return hashes, secrets


def _reload(app: AppModule) -> tuple[list[HashedPassword], list[str]]:
    tables = app.load().config_v2.metadata.tables
    engine = app.sync_engine()
    try:
        with engine.connect() as conn:
            hashes = list(conn.execute(select(tables["mig_account"].c.password).order_by("id")).scalars())
            secrets = list(conn.execute(select(tables["mig_author"].c.secret)).scalars())
    finally:
        engine.dispose()
    return hashes, secrets


def _clear(app: AppModule) -> None:
    tables = app.load().config_v2.metadata.tables
    engine = app.sync_engine()
    try:
        with engine.begin() as conn:
            for name in ("mig_book", "mig_account", "mig_author"):
                conn.execute(delete(tables[name]))
    finally:
        engine.dispose()


def _check_round_trip(app: AppModule, project: Path) -> None:
    hashes, secrets = _seed(app)
    run = make_runner(app)
    run("dump-data", "--dir", "dumped", "--no-prompt", attr="config_v2")
    dumped = open_fixture(project / "dumped", "mig_account")
    assert [row["password"] for row in dumped] == [stored.hash_string for stored in hashes]
    assert [row["secret"] for row in open_fixture(project / "dumped", "mig_author")] == secrets

    _clear(app)
    run("load-data", "--dir", "dumped", "--no-prompt", attr="config_v2")
    loaded_hashes, loaded_secrets = _reload(app)
    assert [stored.hash_string for stored in loaded_hashes] == [stored.hash_string for stored in hashes]
    assert loaded_hashes[0].verify("first secret")
    assert loaded_hashes[1].verify("second")
    assert not loaded_hashes[1].verify("first secret")
    assert loaded_secrets == secrets

    _clear(app)
    config = app.load().config_v2
    try:
        assert AlembicCommands(config).load_data(["mig_account"], project / "dumped") == {"mig_account": 2}
    finally:
        release(config)
    assert [stored.hash_string for stored in _reload(app)[0]] == [stored.hash_string for stored in hashes]


def test_password_hash_survives_dump_and_load_async(async_app: AppModule, project_dir: Path) -> None:
    _check_round_trip(async_app, project_dir)


def test_password_hash_survives_dump_and_load_sync(sync_app: AppModule, project_dir: Path) -> None:
    _check_round_trip(sync_app, project_dir)
