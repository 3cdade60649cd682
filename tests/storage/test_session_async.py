"""Files follow their rows through AsyncSession transactions: saved on commit, removed on rollback/replace/delete."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from sqlalchemist_storage import (
    FileObject,
    FileObjectList,
    MemoryBackend,
    ObjectInfo,
    StorageBackend,
    StorageOperationError,
    storages,
)

from .models import STORE_KEY, StorDocument, StorGallery

pytestmark = pytest.mark.backends("sqlite", "postgres")

Tables = Callable[..., Awaitable[None]]


def new_file(name: str, content: bytes) -> FileObject:
    return FileObject(backend=STORE_KEY, filename=name, content=content)


async def stored_json(session: AsyncSession, table: str, column: str) -> Any:
    value = (await session.execute(text(f"SELECT {column} FROM {table}"))).scalar_one()
    return json.loads(value) if isinstance(value, str) else value


async def test_commit_saves_bytes_and_metadata(
    async_engine: AsyncEngine, async_tables: Tables, store: StorageBackend
) -> None:
    await async_tables(StorDocument)
    async with AsyncSession(async_engine, expire_on_commit=False) as session:
        doc = StorDocument(name="report", file=new_file("report.txt", b"hello world"))
        session.add(doc)
        assert store.list_paths() == []
        await session.commit()
        assert doc.file is not None
        path = doc.file.path
        assert store.list_paths() == [path]
        assert path.endswith("/report.txt")
        row = await stored_json(session, "stor_document", "file")

    assert row["path"] == path
    assert row["filename"] == "report.txt"
    assert row["content_type"] == "text/plain"
    assert row["size"] == 11
    assert row["checksum"] == "5eb63bbbe01eeed093cb22bb8f5acdc3"
    assert row["backend"] == STORE_KEY
    assert "content" not in row
    assert "hello world" not in json.dumps(row)

    async with AsyncSession(async_engine) as session:
        loaded = (await session.execute(select(StorDocument))).scalar_one()
        assert isinstance(loaded.file, FileObject)
        assert loaded.file.path == path
        assert loaded.file.size == 11
        assert await loaded.file.get_content_async() == b"hello world"
        assert loaded.file.get_content() == b"hello world"


async def test_rollback_removes_files_saved_in_the_transaction(
    async_engine: AsyncEngine, async_tables: Tables, store: StorageBackend
) -> None:
    await async_tables(StorDocument)
    async with AsyncSession(async_engine) as session:
        session.add(StorDocument(name="draft", file=new_file("draft.txt", b"draft")))
        await session.flush()
        assert len(store.list_paths()) == 1
        await session.rollback()
    assert store.list_paths() == []


async def test_closing_without_commit_removes_saved_files(
    async_engine: AsyncEngine, async_tables: Tables, store: StorageBackend
) -> None:
    await async_tables(StorDocument)
    async with AsyncSession(async_engine) as session:
        session.add(StorDocument(name="draft", file=new_file("draft.txt", b"draft")))
        await session.flush()
        assert len(store.list_paths()) == 1
    assert store.list_paths() == []


async def test_replacing_a_file_deletes_the_old_one_after_commit(
    async_engine: AsyncEngine, async_tables: Tables, store: StorageBackend
) -> None:
    await async_tables(StorDocument)
    async with AsyncSession(async_engine) as session:
        doc = StorDocument(name="cv", file=new_file("cv.txt", b"v1"))
        session.add(doc)
        await session.commit()
        old_path = store.list_paths()[0]

        loaded = (await session.execute(select(StorDocument))).scalar_one()  # expired after commit
        loaded.file = new_file("cv.txt", b"v2")
        await session.flush()
        assert len(store.list_paths()) == 2  # the old file stays until the commit succeeds
        await session.commit()
        remaining = store.list_paths()
        assert old_path not in remaining
        assert len(remaining) == 1
        assert store.get(remaining[0]) == b"v2"


async def test_replace_then_rollback_keeps_the_old_file(
    async_engine: AsyncEngine, async_tables: Tables, store: StorageBackend
) -> None:
    await async_tables(StorDocument)
    async with AsyncSession(async_engine) as session:
        session.add(StorDocument(name="cv", file=new_file("cv.txt", b"v1")))
        await session.commit()
        old_paths = store.list_paths()
        loaded = (await session.execute(select(StorDocument))).scalar_one()
        loaded.file = new_file("cv.txt", b"v2")
        await session.flush()
        await session.rollback()
        assert store.list_paths() == old_paths
        again = (await session.execute(select(StorDocument))).scalar_one()
        assert again.file is not None
        assert await again.file.get_content_async() == b"v1"


async def test_setting_none_deletes_the_file_after_commit(
    async_engine: AsyncEngine, async_tables: Tables, store: StorageBackend
) -> None:
    await async_tables(StorDocument)
    async with AsyncSession(async_engine) as session:
        session.add(StorDocument(name="cv", file=new_file("cv.txt", b"v1")))
        await session.commit()
        loaded = (await session.execute(select(StorDocument))).scalar_one()
        loaded.file = None
        await session.commit()
    assert store.list_paths() == []


async def test_deleting_the_row_deletes_its_file_after_commit(
    async_engine: AsyncEngine, async_tables: Tables, store: StorageBackend
) -> None:
    await async_tables(StorDocument)
    async with AsyncSession(async_engine) as session:
        session.add(StorDocument(name="gone", file=new_file("gone.txt", b"bye")))
        await session.commit()
        loaded = (await session.execute(select(StorDocument))).scalar_one()
        await session.delete(loaded)
        await session.flush()
        assert len(store.list_paths()) == 1  # still there until commit
        await session.commit()
    assert store.list_paths() == []


async def test_deleting_then_rolling_back_keeps_the_file(
    async_engine: AsyncEngine, async_tables: Tables, store: StorageBackend
) -> None:
    await async_tables(StorDocument)
    async with AsyncSession(async_engine) as session:
        session.add(StorDocument(name="kept", file=new_file("kept.txt", b"keep")))
        await session.commit()
        loaded = (await session.execute(select(StorDocument))).scalar_one()
        await session.delete(loaded)
        await session.flush()
        await session.rollback()
    assert len(store.list_paths()) == 1


async def test_savepoint_rollback_removes_only_its_files(
    async_engine: AsyncEngine, async_tables: Tables, store: StorageBackend
) -> None:
    await async_tables(StorDocument)
    async with AsyncSession(async_engine) as session:
        outer = StorDocument(name="outer", file=new_file("outer.txt", b"o"))
        session.add(outer)
        await session.flush()
        savepoint = await session.begin_nested()
        session.add(StorDocument(name="inner", file=new_file("inner.txt", b"i")))
        await session.flush()
        assert len(store.list_paths()) == 2
        await savepoint.rollback()
        assert [p.rsplit("/", 1)[1] for p in store.list_paths()] == ["outer.txt"]
        await session.commit()
    assert [p.rsplit("/", 1)[1] for p in store.list_paths()] == ["outer.txt"]


async def test_file_list_tracks_appends_and_removals(
    async_engine: AsyncEngine, async_tables: Tables, store: StorageBackend
) -> None:
    await async_tables(StorGallery)
    async with AsyncSession(async_engine) as session:
        gallery = StorGallery(name="g", images=[new_file("a.png", b"a"), new_file("b.png", b"b")])
        session.add(gallery)
        await session.commit()
        assert len(store.list_paths()) == 2

        loaded = (await session.execute(select(StorGallery))).scalar_one()
        assert isinstance(loaded.images, FileObjectList)
        assert [f.filename for f in loaded.images] == ["a.png", "b.png"]
        loaded.images.append(new_file("c.png", b"c"))
        await session.commit()
        assert len(store.list_paths()) == 3

        loaded = (await session.execute(select(StorGallery))).scalar_one()
        removed = loaded.images.pop(0)
        await session.commit()
        names = sorted(p.rsplit("/", 1)[1] for p in store.list_paths())
        assert names == ["b.png", "c.png"]
        assert removed.path not in store.list_paths()

        rows = await stored_json(session, "stor_gallery", "images")
        assert [item["filename"] for item in rows] == ["b.png", "c.png"]


async def test_replacing_the_whole_list_deletes_dropped_files(
    async_engine: AsyncEngine, async_tables: Tables, store: StorageBackend
) -> None:
    await async_tables(StorGallery)
    async with AsyncSession(async_engine) as session:
        session.add(StorGallery(name="g", images=[new_file("a.png", b"a"), new_file("b.png", b"b")]))
        await session.commit()
        loaded = (await session.execute(select(StorGallery))).scalar_one()
        keep = loaded.images[1]
        loaded.images = [keep, new_file("d.png", b"d")]
        await session.commit()
    names = sorted(p.rsplit("/", 1)[1] for p in store.list_paths())
    assert names == ["b.png", "d.png"]


async def test_bulk_delete_statements_delete_the_files_after_commit(
    async_engine: AsyncEngine, async_tables: Tables, store: StorageBackend
) -> None:
    await async_tables(StorDocument, StorGallery)
    async with AsyncSession(async_engine) as session:
        session.add_all(
            [
                StorDocument(name="keep", file=new_file("keep.txt", b"k")),
                StorDocument(name="drop", file=new_file("drop.txt", b"d")),
                StorGallery(name="g", images=[new_file("g1.png", b"1"), new_file("g2.png", b"2")]),
            ]
        )
        await session.commit()
        assert len(store.list_paths()) == 4
        await session.execute(delete(StorDocument).where(StorDocument.name == "drop"))
        await session.execute(delete(StorGallery))
        assert len(store.list_paths()) == 4  # nothing removed before the commit
        await session.commit()
    assert [p.rsplit("/", 1)[1] for p in store.list_paths()] == ["keep.txt"]


async def test_bulk_delete_rolled_back_keeps_the_files(
    async_engine: AsyncEngine, async_tables: Tables, store: StorageBackend
) -> None:
    await async_tables(StorDocument)
    async with AsyncSession(async_engine) as session:
        session.add(StorDocument(name="drop", file=new_file("drop.txt", b"d")))
        await session.commit()
        await session.execute(delete(StorDocument))
        await session.rollback()
    assert len(store.list_paths()) == 1


async def test_a_failed_save_names_the_path_and_undoes_earlier_saves(
    async_engine: AsyncEngine, async_tables: Tables, store: StorageBackend
) -> None:
    class ReadOnlyBackend(MemoryBackend):
        def put(self, path: str, data: bytes | Path, *, content_type: str | None = None) -> ObjectInfo:
            msg = "read-only store"
            raise PermissionError(msg)

    storages.register_backend(ReadOnlyBackend("stor_read_only"), replace=True)
    try:
        await async_tables(StorDocument)
        async with AsyncSession(async_engine) as session:
            bad = FileObject(backend="stor_read_only", filename="bad.txt", path="in/bad.txt", content=b"b")
            session.add_all(
                [StorDocument(name="good", file=new_file("good.txt", b"g")), StorDocument(name="bad", file=bad)]
            )
            with pytest.raises(
                StorageOperationError,
                match=r"could not save 'in/bad.txt' in storage backend 'stor_read_only': PermissionError: read-only",
            ) as info:
                await session.flush()
            assert info.value.paths == ("in/bad.txt",)
            await session.rollback()
        assert store.list_paths() == []
    finally:
        storages.unregister_backend("stor_read_only")


async def test_replace_inside_a_rolled_back_savepoint_keeps_the_old_file(
    async_engine: AsyncEngine, async_tables: Tables, store: StorageBackend
) -> None:
    await async_tables(StorDocument)
    async with AsyncSession(async_engine) as session:
        session.add(StorDocument(name="cv", file=new_file("cv.txt", b"v1")))
        await session.commit()
        [old_path] = store.list_paths()
        loaded = (await session.execute(select(StorDocument))).scalar_one()
        savepoint = await session.begin_nested()
        loaded.file = new_file("cv.txt", b"v2")
        await session.flush()
        await savepoint.rollback()
        await session.commit()
        assert store.list_paths() == [old_path]
        again = (await session.execute(select(StorDocument))).scalar_one()
        assert again.file is not None
        assert again.file.path == old_path
