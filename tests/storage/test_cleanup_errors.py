"""A deletion that fails after commit is raised with its path, or logged when ``storages.cleanup_errors = "log"``."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from sqlalchemist_storage import FileObject, MemoryBackend, StorageOperationError, storages

from .models import STORE_KEY, StorDocument

pytestmark = pytest.mark.backends("sqlite")


class StubbornBackend(MemoryBackend):
    """A custom backend whose deletions fail."""

    def delete(self, path: str) -> None:
        msg = f"permission denied for {path}"
        raise PermissionError(msg)


@pytest.fixture
def stubborn() -> Iterator[StubbornBackend]:
    backend = storages.register_backend(StubbornBackend(STORE_KEY), replace=True)
    yield backend  # type: ignore[misc]
    storages.unregister_backend(STORE_KEY)
    storages.cleanup_errors = "raise"


def _commit_then_delete(session: Session) -> str:
    session.add(StorDocument(name="a", file=FileObject(STORE_KEY, "a.txt", content=b"a")))
    session.commit()
    doc = session.execute(select(StorDocument)).scalar_one()
    assert doc.file is not None
    path = doc.file.path
    session.delete(doc)
    return path


def test_failed_deletion_is_raised_with_the_path(
    sync_engine: Engine, sync_tables: Callable[..., None], stubborn: StubbornBackend
) -> None:
    sync_tables(StorDocument)
    with Session(sync_engine) as session:
        path = _commit_then_delete(session)
        with pytest.raises(
            StorageOperationError,
            match=rf"could not delete 1 stored file\(s\) after commit: stor_test:{path} \(PermissionError: permission",
        ) as info:
            session.commit()
        assert info.value.paths == (f"stor_test:{path}",)
        session.add(StorDocument(name="b"))  # the session is still usable after the error
        session.commit()
        assert session.scalar(select(func.count()).select_from(StorDocument)) == 1
    with Session(sync_engine) as session:  # the row deletion itself was committed
        assert session.scalar(select(StorDocument.name)) == "b"


def test_failed_deletion_is_logged_when_configured(
    sync_engine: Engine,
    sync_tables: Callable[..., None],
    stubborn: StubbornBackend,
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
) -> None:
    sync_tables(StorDocument)
    storages.cleanup_errors = "log"
    with Session(sync_engine) as session, caplog.at_level(logging.ERROR, logger="sqlalchemist_storage"):
        path = _commit_then_delete(session)
        session.commit()
    assert f"stor_test:{path} (PermissionError: permission denied for {path})" in caplog.text
    assert stubborn.list_paths() == [path]
