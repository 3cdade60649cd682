"""Store uploaded files next to their rows: saved on commit, replaced and deleted files removed from the store."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import Mapped, mapped_column

from sqlalchemist.base import UUIDBase
from sqlalchemist_storage import FileObject, StoredObject, storages
from sqlalchemist_storage.backends.obstore import ObstoreBackend

EXPECTED = {
    "stored": ["report.txt"],
    "content": b"first draft",
    "content_type": "text/plain",
    "after_replace": ["report-v2.txt"],
    "after_delete": [],
}


class StorExampleDocument(UUIDBase):
    """A document with one file, kept in the "stor_example" backend."""

    __tablename__ = "stor_example_document"

    name: Mapped[str]
    file: Mapped[FileObject | None] = mapped_column(StoredObject(backend="stor_example"), nullable=True)


def _names(backend: ObstoreBackend) -> list[str]:
    return [path.rsplit("/", 1)[-1] for path in backend.list_paths()]


async def main() -> dict[str, object]:
    """Create, replace and delete a document, listing the local file store after each step."""
    backend = ObstoreBackend(key="stor_example", fs=(Path.cwd() / "files").as_uri())
    storages.register_backend(backend, replace=True)
    engine = create_async_engine("sqlite+aiosqlite:///storage_example.sqlite")
    async with engine.begin() as conn:
        await conn.run_sync(StorExampleDocument.metadata.create_all, tables=[StorExampleDocument.__table__])

    result: dict[str, object] = {}
    async with AsyncSession(engine, expire_on_commit=False) as session:
        doc = StorExampleDocument(
            name="report", file=FileObject(backend="stor_example", filename="report.txt", content=b"first draft")
        )
        session.add(doc)
        await session.commit()  # the bytes are written to ./files/<id>/report.txt, the metadata to the row
        result["stored"] = _names(backend)

        loaded = (await session.execute(select(StorExampleDocument))).scalar_one()
        assert loaded.file is not None
        result["content"] = await loaded.file.get_content_async()
        result["content_type"] = loaded.file.content_type

        loaded.file = FileObject(backend="stor_example", filename="report-v2.txt", content=b"second draft")
        await session.commit()  # the old file is deleted once the new row state is committed
        result["after_replace"] = _names(backend)

        await session.delete(loaded)
        await session.commit()  # deleting the row deletes its file
        result["after_delete"] = _names(backend)
    await engine.dispose()
    storages.unregister_backend("stor_example")
    return result


if __name__ == "__main__":
    import asyncio

    print(asyncio.run(main()))
