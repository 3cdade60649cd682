"""The storage session listeners concern models with file columns only, so other models keep set-based writes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from sqlalchemy import inspect, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from sqlalchemist.events import listeners_concern
from sqlalchemist.repository import SQLAlchemyAsyncRepository
from sqlalchemist_storage import FileObject, StorageBackend
from tests.statements import StatementLog

from .models import STORE_KEY, StorDocument, StorNote

pytestmark = pytest.mark.backends("sqlite", "postgres")

Tables = Callable[..., Awaitable[None]]


class NoteRepo(SQLAlchemyAsyncRepository[StorNote]):
    model_type = StorNote


class DocumentRepo(SQLAlchemyAsyncRepository[StorDocument]):
    model_type = StorDocument


def test_storage_listeners_concern_only_models_with_files(async_engine: AsyncEngine) -> None:
    dispatch = AsyncSession(async_engine).sync_session.dispatch
    for event_listeners in (dispatch.before_flush, dispatch.do_orm_execute):
        listeners = [fn for fn in event_listeners if fn.__module__.startswith("sqlalchemist_storage")]
        assert len(listeners) == 1
        assert listeners_concern(listeners, inspect(StorDocument)) is True
        assert listeners_concern(listeners, inspect(StorNote)) is False


@pytest.mark.backends("postgres")
async def test_update_many_of_a_model_without_files_is_one_statement(
    async_engine: AsyncEngine, async_tables: Tables
) -> None:
    await async_tables(StorNote)
    async with AsyncSession(async_engine, expire_on_commit=False) as session:
        notes = await NoteRepo(session=session).add_many([StorNote(text="a"), StorNote(text="b")], auto_commit=True)
        with StatementLog(async_engine) as sent:
            updated = await NoteRepo(session=session).update_many(
                [{"id": notes[0].id, "text": "A"}, {"id": notes[1].id, "text": "B"}], auto_commit=True
            )
        assert [note.text for note in updated] == ["A", "B"]
        assert sent == ["UPDATE"]
        rows = (await session.execute(select(StorNote.text).order_by(StorNote.text))).scalars().all()
        assert rows == ["A", "B"]


async def test_update_many_of_a_model_with_files_still_replaces_files(
    async_engine: AsyncEngine, async_tables: Tables, store: StorageBackend
) -> None:
    await async_tables(StorDocument)
    async with AsyncSession(async_engine, expire_on_commit=False) as session:
        repo = DocumentRepo(session=session)
        doc = await repo.add(
            StorDocument(name="d", file=FileObject(backend=STORE_KEY, filename="old.txt", content=b"old")),
            auto_commit=True,
        )
        assert doc.file is not None
        old_path = doc.file.path
        doc.file = FileObject(backend=STORE_KEY, filename="new.txt", content=b"new")
        (updated,) = await repo.update_many([doc], auto_commit=True)
        assert updated.file is not None
        assert store.list_paths() == [updated.file.path]
        assert updated.file.path != old_path
        assert updated.file.path.endswith("/new.txt")
