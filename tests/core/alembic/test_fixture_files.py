"""dump-data / load-data keep the metadata of StoredObject columns (single files and lists) as stored."""

from __future__ import annotations

import datetime
from pathlib import Path

from sqlalchemy import Column, Integer, MetaData, Table, delete, insert, select

from sqlalchemist.alembic import AlembicCommands
from sqlalchemist.cli._run import release
from sqlalchemist.config import SQLAlchemySyncConfig
from sqlalchemist_storage import FileObject, MemoryBackend, StoredObject, storages
from tests.conftest import Backend
from tests.core.migrations._support import isolated_database


def _file(name: str) -> FileObject:
    return FileObject.from_dict(
        {
            "backend": "alembic_fixture_files",
            "filename": name,
            "path": f"docs/{name}",
            "content_type": "text/plain",
            "size": 5,
            "checksum": "abc",
            "etag": None,
            "last_modified": datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc).isoformat(),
            "version": None,
            "metadata": {"owner": "ada"},
        },
        backend="alembic_fixture_files",
    )


def test_stored_objects_survive_dump_and_load(sync_backend: Backend, tmp_path: Path) -> None:
    storages.register_backend(MemoryBackend(key="alembic_fixture_files"), replace=True)
    metadata = MetaData()
    table = Table(
        "fixture_document",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("file", StoredObject(backend="alembic_fixture_files"), nullable=True),
        Column("files", StoredObject(backend="alembic_fixture_files", multiple=True), nullable=True),
    )
    with isolated_database(sync_backend, tmp_path) as url:
        config = SQLAlchemySyncConfig(connection_string=url, metadata=metadata)
        try:
            engine = config.get_engine()
            metadata.create_all(engine)
            with engine.begin() as conn:
                conn.execute(
                    insert(table), [{"id": 1, "file": _file("a.txt"), "files": [_file("b.txt"), _file("c.txt")]}]
                )
                before = conn.execute(select(table)).one()
            commands = AlembicCommands(config)
            commands.dump_data(["fixture_document"], tmp_path / "dumped")
            with engine.begin() as conn:
                conn.execute(delete(table))
            assert commands.load_data(["fixture_document"], tmp_path / "dumped") == {"fixture_document": 1}
            with engine.connect() as conn:
                after = conn.execute(select(table)).one()
            assert after.file.to_dict() == before.file.to_dict()
            assert [item.to_dict() for item in after.files] == [item.to_dict() for item in before.files]
            assert [item.filename for item in after.files] == ["b.txt", "c.txt"]
            metadata.drop_all(engine)
        finally:
            release(config)
