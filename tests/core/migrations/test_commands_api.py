"""AlembicCommands from Python: inside a running event loop, batched dumps of large tables, named tables."""

from __future__ import annotations

import asyncio
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert

from sqlalchemist.alembic import AlembicCommandConfig, AlembicCommands
from sqlalchemist.config import SQLAlchemySyncConfig
from sqlalchemist.exceptions import ImproperConfigurationError
from tests.core.migrations._support import AppModule


async def test_commands_run_inside_an_event_loop(async_app: AppModule, project_dir: Path) -> None:
    commands = AlembicCommands(async_app.load().config)
    assert isinstance(commands.config, AlembicCommandConfig)
    assert commands.config.version_table_name == async_app.version_table
    commands.init()
    commands.revision("first", rev_id="first")
    commands.upgrade()
    assert async_app.table_names() == {"mig_author", "mig_book", async_app.version_table}
    commands.downgrade("base")
    assert async_app.table_names() == {async_app.version_table}
    assert commands.drop_all() == [async_app.version_table]
    assert async_app.table_names() == set()


def _large_dump(app: AppModule) -> None:
    config = app.load().config
    try:
        _dump_checks(app, config)
    finally:
        if isinstance(config, SQLAlchemySyncConfig):
            config.close_engine()
        else:
            asyncio.run(config.close_engine())


def _dump_checks(app: AppModule, config: Any) -> None:
    commands = AlembicCommands(config)
    config.get_metadata()
    engine = app.sync_engine()
    config.metadata.create_all(engine)
    authors = [{"id": uuid.uuid4(), "name": f"n{i:05}"} for i in range(2500)]
    with engine.begin() as conn:
        conn.execute(insert(config.metadata.tables["mig_author"]), authors)
    engine.dispose()

    files = commands.dump_data(["mig_author"], "out", batch_size=300, progress=True)
    assert list(files) == ["mig_author"]
    assert not Path("out/mig_book.json").exists()
    rows = json.loads(Path("out/mig_author.json").read_text())
    assert sorted((row["id"], row["name"]) for row in rows) == sorted((str(a["id"]), a["name"]) for a in authors)

    commands.dump_data(["*"], "all")
    assert json.loads(Path("all/mig_book.json").read_text()) == []
    with pytest.raises(ImproperConfigurationError) as caught:
        commands.dump_data(["mig_author", "nope"], "out")
    assert str(caught.value) == ("table(s) nope not found in the config's metadata; known tables: mig_author, mig_book")
    assert sorted(commands.drop_all()) == ["mig_author", "mig_book"]


def test_large_table_dump_async(async_app: AppModule, project_dir: Path) -> None:
    _large_dump(async_app)


def test_large_table_dump_sync(sync_app: AppModule, project_dir: Path) -> None:
    _large_dump(sync_app)
