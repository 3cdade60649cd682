"""The same file lifecycle through a sync Session (pysqlite, psycopg)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from sqlalchemist_storage import FileObject, StorageBackend

from .models import STORE_KEY, StorDocument, StorGallery

pytestmark = pytest.mark.backends("sqlite", "postgres")


def new_file(name: str, content: bytes) -> FileObject:
    return FileObject(backend=STORE_KEY, filename=name, content=content)


def test_commit_replace_delete(sync_engine: Engine, sync_tables: Callable[..., None], store: StorageBackend) -> None:
    sync_tables(StorDocument)
    with Session(sync_engine) as session:
        session.add(StorDocument(name="a", file=new_file("a.bin", b"\x00\x01\x02")))
        session.commit()
        [first] = store.list_paths()
        loaded = session.execute(select(StorDocument)).scalar_one()
        assert loaded.file is not None
        assert loaded.file.content_type == "application/octet-stream"
        assert loaded.file.get_content() == b"\x00\x01\x02"

        loaded.file = new_file("b.bin", b"\x03")
        session.commit()
        [second] = store.list_paths()
        assert second != first
        assert store.get(second) == b"\x03"

        session.delete(session.execute(select(StorDocument)).scalar_one())
        session.commit()
    assert store.list_paths() == []


def test_rollback_removes_saved_files(
    sync_engine: Engine, sync_tables: Callable[..., None], store: StorageBackend
) -> None:
    sync_tables(StorDocument, StorGallery)
    with Session(sync_engine) as session:
        session.add(StorDocument(name="a", file=new_file("a.txt", b"a")))
        session.add(StorGallery(name="g", images=[new_file("x.png", b"x"), new_file("y.png", b"y")]))
        session.flush()
        assert len(store.list_paths()) == 3
        session.rollback()
    assert store.list_paths() == []


def test_failed_flush_then_rollback_leaves_no_orphans(
    sync_engine: Engine, sync_tables: Callable[..., None], store: StorageBackend
) -> None:
    sync_tables(StorDocument)
    with Session(sync_engine) as session:
        session.add(StorDocument(name=None, file=new_file("orphan.txt", b"o")))  # name is NOT NULL
        with pytest.raises(Exception, match=r"(?i)null"):
            session.commit()
        session.rollback()
    assert store.list_paths() == []


def test_replacing_an_expired_attribute_still_deletes_the_old_file(
    sync_engine: Engine, sync_tables: Callable[..., None], store: StorageBackend
) -> None:
    sync_tables(StorDocument)
    with Session(sync_engine) as session:  # expire_on_commit=True: doc.file is unloaded after commit
        doc = StorDocument(name="a", file=new_file("a.txt", b"a"))
        session.add(doc)
        session.commit()
        [old_path] = store.list_paths()
        doc.file = new_file("b.txt", b"b")
        session.commit()
        assert old_path not in store.list_paths()
        assert len(store.list_paths()) == 1
